#!/usr/bin/python3
# The browser's side of Web Push for tests/t-backend-webpush.sh, written
# from RFC 8291 and RFC 8292 with python3-cryptography and python3-jwt, not
# from ntfy's code.
#
# webpush-browser.py subscribe DIR ENDPOINT
#     make a user-agent key pair and auth secret: DIR/sub.json (what
#     PushSubscription.toJSON() gives) and DIR/ua.pem
# webpush-browser.py decrypt DIR LOG N
#     decrypt the body of request N of a fakehttpd.py LOG; print the text
# webpush-browser.py vapid LOG N PUBKEY
#     verify the Authorization header of request N: k is PUBKEY, the JWT is
#     ES256-signed by it, aud is the request's origin, exp within 24 h;
#     print the claims as JSON
import base64
import json
import os
import sys
import time

import jwt
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def request(log, n):
    with open(log) as f:
        return json.loads(f.read().splitlines()[n - 1])


def hkdf(salt, ikm, info, length):
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt,
                info=info).derive(ikm)


def subscribe(d, endpoint):
    key = ec.generate_private_key(ec.SECP256R1())
    pub = key.public_key().public_bytes(
        serialization.Encoding.X962,
        serialization.PublicFormat.UncompressedPoint)
    with open(os.path.join(d, "ua.pem"), "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM,
                                  serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()))
    sub = {"endpoint": endpoint, "expirationTime": None,
           "keys": {"p256dh": b64url(pub), "auth": b64url(os.urandom(16))}}
    with open(os.path.join(d, "sub.json"), "w") as f:
        json.dump(sub, f)


def decrypt(d, log, n):
    r = request(log, n)
    assert r["headers"]["content-encoding"] == "aes128gcm"
    body = base64.b64decode(r["body_b64"])
    with open(os.path.join(d, "ua.pem"), "rb") as f:
        ua = serialization.load_pem_private_key(f.read(), None)
    with open(os.path.join(d, "sub.json")) as f:
        auth = unb64url(json.load(f)["keys"]["auth"])
    ua_pub = ua.public_key().public_bytes(
        serialization.Encoding.X962,
        serialization.PublicFormat.UncompressedPoint)
    # RFC 8188 header: salt, record size, key id (the sender's key).
    salt, rs, idlen = body[:16], int.from_bytes(body[16:20], "big"), body[20]
    assert idlen == 65, idlen
    as_pub = body[21:21 + idlen]
    records = body[21 + idlen:]
    assert len(records) <= rs, (len(records), rs)
    peer = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(),
                                                        as_pub)
    shared = ua.exchange(ec.ECDH(), peer)
    ikm = hkdf(auth, shared, b"WebPush: info\0" + ua_pub + as_pub, 32)
    cek = hkdf(salt, ikm, b"Content-Encoding: aes128gcm\0", 16)
    nonce = hkdf(salt, ikm, b"Content-Encoding: nonce\0", 12)
    plain = AESGCM(cek).decrypt(nonce, records, None)
    text = plain.rstrip(b"\0")
    assert text.endswith(b"\x02"), "no last-record delimiter"
    sys.stdout.write(text[:-1].decode("utf-8"))


def vapid(log, n, pubkey):
    r = request(log, n)
    scheme, _, params = r["headers"]["authorization"].partition(" ")
    assert scheme == "vapid", scheme
    fields = dict(p.strip().split("=", 1) for p in params.split(","))
    assert set(fields) == {"t", "k"}, fields
    assert fields["k"] == pubkey, "k is not our public key"
    key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(),
                                                        unb64url(pubkey))
    origin = "http://" + r["headers"]["host"]
    header = jwt.get_unverified_header(fields["t"])
    assert header == {"typ": "JWT", "alg": "ES256"}, header
    claims = jwt.decode(fields["t"], key=key, algorithms=["ES256"],
                        audience=origin,
                        options={"require": ["aud", "exp", "sub"]})
    assert time.time() < claims["exp"] <= time.time() + 24 * 3600, claims
    print(json.dumps(claims))


cmd = sys.argv[1]
if cmd == "subscribe":
    subscribe(sys.argv[2], sys.argv[3])
elif cmd == "decrypt":
    decrypt(sys.argv[2], sys.argv[3], int(sys.argv[4]))
elif cmd == "vapid":
    vapid(sys.argv[2], int(sys.argv[3]), sys.argv[4])
else:
    sys.exit("unknown command " + cmd)
