// Decrypt a push message with the npm module http_ece, an implementation
// of RFC 8188/8291 independent of ntfy's and of webpush-browser.py.
//
// node webpush-ece.js ECE_DIR DIR N
//     ECE_DIR holds node_modules/http_ece ('make test-deps' installs it);
//     DIR is a fakehttpd.py directory with the subscription that
//     webpush-browser.py made; prints the text of request N.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const [eceDir, dir, n] = process.argv.slice(2);
const ece = require(path.join(eceDir, "node_modules", "http_ece"));
const req = JSON.parse(fs.readFileSync(path.join(dir, "log"), "utf8")
  .split("\n")[Number(n) - 1]);
const sub = JSON.parse(fs.readFileSync(path.join(dir, "sub.json"), "utf8"));
const jwk = crypto.createPrivateKey(fs.readFileSync(path.join(dir, "ua.pem")))
  .export({ format: "jwk" });
const ua = crypto.createECDH("prime256v1");
ua.setPrivateKey(Buffer.from(jwk.d, "base64url"));
if (ua.getPublicKey("base64url") !== sub.keys.p256dh)
  throw new Error("ua.pem does not match sub.json");
const text = ece.decrypt(Buffer.from(req.body_b64, "base64"), {
  version: "aes128gcm",
  privateKey: ua,
  authSecret: sub.keys.auth,
});
process.stdout.write(text.toString("utf8"));
