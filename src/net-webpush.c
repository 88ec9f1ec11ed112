/* SPDX-License-Identifier: ISC */
/*
 * The net module's Web Push cryptography, done by libcrypto: payload
 * encryption (RFC 8291, aes128gcm of RFC 8188), VAPID (RFC 8292, an ES256
 * JWT) and the P-256 keys both need.
 */
#include "config.h"

#include <errno.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <stdlib.h>
#include <string.h>

#include "ntfy.h"
#include "net-crypto.h"

#define P256_POINT	65	/* 0x04 || X || Y */
#define AUTH_LEN	16
#define SALT_LEN	16
#define CEK_LEN		16
#define NONCE_LEN	12
#define TAG_LEN		16
#define RECORD_SIZE	4096
#define HEADER_LEN	(SALT_LEN + 4 + 1 + P256_POINT)

int	 net_webpush_check(const char *, const char *, const char *, char **);
int	 net_webpush_seal(const char *, const char *, const char *, size_t,
	    unsigned char **, size_t *, char **);
char	*net_webpush_vapid(const char *, const char *, char **);
int	 net_webpush_keygen(char **, char **, char **);

/* URL-safe base64 without padding (RFC 4648 section 5), as Web Push
 * writes keys and JWTs. */
static char *
b64url(const unsigned char *data, size_t len)
{
	unsigned char	*b64;
	size_t		 i, n;

	b64 = xmalloc(4 * ((len + 2) / 3) + 1);
	EVP_EncodeBlock(b64, data, (int)len);
	n = strlen((char *)b64);
	while (n > 0 && b64[n - 1] == '=')
		b64[--n] = '\0';
	for (i = 0; i < n; i++) {
		if (b64[i] == '+')
			b64[i] = '-';
		else if (b64[i] == '/')
			b64[i] = '_';
	}
	return (char *)b64;
}

/* Decode URL-safe base64, padded or not; NULL when it is not. */
static unsigned char *
b64url_decode(const char *s, size_t *outlen)
{
	unsigned char	*in, *out;
	size_t		 len = strlen(s), i, pad;
	int		 n;

	while (len > 0 && s[len - 1] == '=')
		len--;
	if (len == 0 || len % 4 == 1 || len > 4096)
		return NULL;
	pad = (4 - len % 4) % 4;
	in = xmalloc(len + pad + 1);
	for (i = 0; i < len; i++) {
		if (strchr("+/=", s[i]) != NULL) {
			free(in);
			return NULL;
		}
		in[i] = s[i] == '-' ? '+' : s[i] == '_' ? '/' : s[i];
	}
	memset(in + len, '=', pad);
	in[len + pad] = '\0';
	out = xmalloc((len + pad) / 4 * 3 + 1);
	n = EVP_DecodeBlock(out, in, (int)(len + pad));
	free(in);
	if (n < 0 || (size_t)n < pad) {
		free(out);
		return NULL;
	}
	*outlen = (size_t)n - pad;
	return out;
}

/* The P-256 public key of an uncompressed point, checked on the curve. */
static EVP_PKEY *
p256_public(const unsigned char *point, size_t len)
{
	EVP_PKEY_CTX	*ctx;
	EVP_PKEY	*pkey = NULL;
	OSSL_PARAM	 params[3];
	char		 group[] = "prime256v1";

	if (len != P256_POINT || point[0] != 0x04)
		return NULL;
	params[0] = OSSL_PARAM_construct_utf8_string(
	    OSSL_PKEY_PARAM_GROUP_NAME, group, 0);
	params[1] = OSSL_PARAM_construct_octet_string(
	    OSSL_PKEY_PARAM_PUB_KEY, (void *)point, len);
	params[2] = OSSL_PARAM_construct_end();
	if ((ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL)) == NULL)
		return NULL;
	if (EVP_PKEY_fromdata_init(ctx) != 1 ||
	    EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params) != 1)
		pkey = NULL;
	EVP_PKEY_CTX_free(ctx);
	if (pkey == NULL)
		return NULL;
	if ((ctx = EVP_PKEY_CTX_new_from_pkey(NULL, pkey, NULL)) == NULL ||
	    EVP_PKEY_public_check(ctx) != 1) {
		EVP_PKEY_free(pkey);
		pkey = NULL;
	}
	EVP_PKEY_CTX_free(ctx);
	return pkey;
}

/* A P-256 key's public half as an uncompressed point; 0 or -1. */
static int
p256_point(EVP_PKEY *pkey, unsigned char *out)
{
	size_t	len = 0;

	if (EVP_PKEY_get_octet_string_param(pkey,
	    OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, out, P256_POINT, &len) != 1 ||
	    len != P256_POINT || out[0] != 0x04)
		return -1;
	return 0;
}

static int
no_passphrase(char *buf, int size, int rwflag, void *u)
{
	(void)buf;
	(void)size;
	(void)rwflag;
	(void)u;
	return -1;
}

/* The VAPID private key in the PEM file at path, a P-256 EC key. */
static EVP_PKEY *
vapid_key(const char *path, char **cause)
{
	BIO		*bio;
	EVP_PKEY	*pkey;
	char		 group[32];
	size_t		 len = 0;

	if ((bio = BIO_new_file(path, "r")) == NULL) {
		ERR_clear_error();
		*cause = xasprintf("cannot read '%s': %s", path,
		    strerror(errno));
		return NULL;
	}
	pkey = PEM_read_bio_PrivateKey(bio, NULL, no_passphrase, NULL);
	BIO_free(bio);
	ERR_clear_error();
	if (pkey == NULL) {
		*cause = xasprintf("'%s' is not a PEM private key without a "
		    "passphrase; make one with 'ntfy webpush-keys'", path);
		return NULL;
	}
	if (!EVP_PKEY_is_a(pkey, "EC") ||
	    EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME,
	    group, sizeof group, &len) != 1 ||
	    (strcmp(group, "prime256v1") != 0 && strcmp(group, "P-256") != 0)) {
		ERR_clear_error();
		EVP_PKEY_free(pkey);
		*cause = xasprintf("'%s' is not a P-256 (prime256v1) EC key, "
		    "which VAPID needs; make one with 'ntfy webpush-keys'",
		    path);
		return NULL;
	}
	return pkey;
}

/* A subscription's keys decoded and checked; 0 or -1 with *cause. */
static int
subscription_keys(const char *p256dh, const char *auth, unsigned char *point,
    unsigned char *secret, EVP_PKEY **pub, char **cause)
{
	unsigned char	*raw;
	size_t		 len = 0;

	raw = b64url_decode(p256dh, &len);
	if (raw == NULL || len != P256_POINT ||
	    (*pub = p256_public(raw, len)) == NULL) {
		*cause = raw == NULL ? xstrdup("keys.p256dh is not URL-safe "
		    "base64") : xasprintf("keys.p256dh is not a P-256 public "
		    "key (65 bytes, an uncompressed point on the curve), but "
		    "%zu bytes", len);
		free(raw);
		return -1;
	}
	memcpy(point, raw, P256_POINT);
	free(raw);
	raw = b64url_decode(auth, &len);
	if (raw == NULL || len != AUTH_LEN) {
		*cause = raw == NULL ? xstrdup("keys.auth is not URL-safe "
		    "base64") : xasprintf("keys.auth must be 16 bytes, not %zu",
		    len);
		EVP_PKEY_free(*pub);
		*pub = NULL;
		if (raw != NULL)
			explicit_bzero(raw, len);
		free(raw);
		return -1;
	}
	memcpy(secret, raw, AUTH_LEN);
	explicit_bzero(raw, len);
	free(raw);
	return 0;
}

/* net_webpush_check: whether the subscription's keys and the VAPID key
 * file are usable; 0 or -1 with *cause. */
int
net_webpush_check(const char *p256dh, const char *auth, const char *pem,
    char **cause)
{
	unsigned char	 point[P256_POINT], secret[AUTH_LEN];
	EVP_PKEY	*pub = NULL, *priv;

	if (p256dh != NULL) {
		if (subscription_keys(p256dh, auth, point, secret, &pub,
		    cause) == -1)
			return -1;
		explicit_bzero(secret, sizeof secret);
		EVP_PKEY_free(pub);
	}
	if (pem == NULL)
		return 0;
	if ((priv = vapid_key(pem, cause)) == NULL)
		return -1;
	EVP_PKEY_free(priv);
	return 0;
}

/* HKDF-SHA-256 of RFC 5869: extract with salt, expand with info. */
static int
hkdf(const unsigned char *salt, size_t saltlen, const unsigned char *ikm,
    size_t ikmlen, const unsigned char *info, size_t infolen,
    unsigned char *out, size_t outlen)
{
	EVP_KDF		*kdf;
	EVP_KDF_CTX	*ctx;
	OSSL_PARAM	 params[5];
	char		 digest[] = "SHA256";
	int		 ok;

	if ((kdf = EVP_KDF_fetch(NULL, "HKDF", NULL)) == NULL)
		return -1;
	ctx = EVP_KDF_CTX_new(kdf);
	EVP_KDF_free(kdf);
	if (ctx == NULL)
		return -1;
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
	    digest, 0);
	params[1] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
	    (void *)salt, saltlen);
	params[2] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY,
	    (void *)ikm, ikmlen);
	params[3] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO,
	    (void *)info, infolen);
	params[4] = OSSL_PARAM_construct_end();
	ok = EVP_KDF_derive(ctx, out, outlen, params) == 1;
	EVP_KDF_CTX_free(ctx);
	return ok ? 0 : -1;
}

/* The ECDH shared secret of our key and theirs (32 bytes); 0 or -1. */
static int
ecdh(EVP_PKEY *ours, EVP_PKEY *theirs, unsigned char *out)
{
	EVP_PKEY_CTX	*ctx;
	size_t		 len = 32;
	int		 ok;

	if ((ctx = EVP_PKEY_CTX_new_from_pkey(NULL, ours, NULL)) == NULL)
		return -1;
	ok = EVP_PKEY_derive_init(ctx) == 1 &&
	    EVP_PKEY_derive_set_peer(ctx, theirs) == 1 &&
	    EVP_PKEY_derive(ctx, out, &len) == 1 && len == 32;
	EVP_PKEY_CTX_free(ctx);
	return ok ? 0 : -1;
}

/* AES-128-GCM of one record: the text, the 0x02 delimiter of the last
 * record, the tag.  0 or -1. */
static int
seal_record(const unsigned char *cek, const unsigned char *nonce,
    const char *text, size_t len, unsigned char *out)
{
	EVP_CIPHER_CTX	*ctx;
	unsigned char	 delim = 0x02;
	int		 n = 0, ok;

	if ((ctx = EVP_CIPHER_CTX_new()) == NULL)
		return -1;
	ok = EVP_EncryptInit_ex(ctx, EVP_aes_128_gcm(), NULL, NULL, NULL) ==
	    1 && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, NONCE_LEN,
	    NULL) == 1 &&
	    EVP_EncryptInit_ex(ctx, NULL, NULL, cek, nonce) == 1 &&
	    EVP_EncryptUpdate(ctx, out, &n, (const unsigned char *)text,
	    (int)len) == 1 && (size_t)n == len &&
	    EVP_EncryptUpdate(ctx, out + len, &n, &delim, 1) == 1 && n == 1 &&
	    EVP_EncryptFinal_ex(ctx, out + len + 1, &n) == 1 && n == 0 &&
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, TAG_LEN,
	    out + len + 1) == 1;
	EVP_CIPHER_CTX_free(ctx);
	return ok ? 0 : -1;
}

/*
 * net_webpush_seal: the body of a push message (RFC 8291): a header of
 * salt, record size and our ephemeral public key, then one aes128gcm
 * record of the text.  0, or -1 with *cause.
 */
int
net_webpush_seal(const char *p256dh, const char *auth, const char *text,
    size_t len, unsigned char **body, size_t *bodylen, char **cause)
{
	static const char	 cek_info[] = "Content-Encoding: aes128gcm";
	static const char	 nonce_info[] = "Content-Encoding: nonce";
	static const char	 key_label[] = "WebPush: info";
	unsigned char		 ua[P256_POINT], as[P256_POINT], secret[AUTH_LEN];
	unsigned char		 shared[32], ikm[32], salt[SALT_LEN];
	unsigned char		 cek[CEK_LEN], nonce[NONCE_LEN];
	unsigned char		 info[sizeof key_label + 2 * P256_POINT];
	unsigned char		*out;
	EVP_PKEY		*pub = NULL, *eph = NULL;
	int			 ret = -1;

	*body = NULL;
	if (len + 1 + TAG_LEN > RECORD_SIZE) {
		*cause = xstrdup("the message does not fit in a push record");
		return -1;
	}
	if (subscription_keys(p256dh, auth, ua, secret, &pub, cause) == -1)
		return -1;
	if ((eph = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256")) == NULL ||
	    p256_point(eph, as) == -1 || ecdh(eph, pub, shared) == -1 ||
	    RAND_bytes(salt, sizeof salt) != 1)
		goto fail;
	/* key_info = "WebPush: info" 0x00 || ua_public || as_public */
	memcpy(info, key_label, sizeof key_label);
	memcpy(info + sizeof key_label, ua, P256_POINT);
	memcpy(info + sizeof key_label + P256_POINT, as, P256_POINT);
	if (hkdf(secret, sizeof secret, shared, sizeof shared, info,
	    sizeof info, ikm, sizeof ikm) == -1 ||
	    hkdf(salt, sizeof salt, ikm, sizeof ikm,
	    (const unsigned char *)cek_info, sizeof cek_info, cek,
	    sizeof cek) == -1 ||
	    hkdf(salt, sizeof salt, ikm, sizeof ikm,
	    (const unsigned char *)nonce_info, sizeof nonce_info, nonce,
	    sizeof nonce) == -1)
		goto fail;
	out = xmalloc(HEADER_LEN + len + 1 + TAG_LEN);
	memcpy(out, salt, SALT_LEN);
	out[SALT_LEN] = (RECORD_SIZE >> 24) & 0xff;
	out[SALT_LEN + 1] = (RECORD_SIZE >> 16) & 0xff;
	out[SALT_LEN + 2] = (RECORD_SIZE >> 8) & 0xff;
	out[SALT_LEN + 3] = RECORD_SIZE & 0xff;
	out[SALT_LEN + 4] = P256_POINT;
	memcpy(out + SALT_LEN + 5, as, P256_POINT);
	if (seal_record(cek, nonce, text, len, out + HEADER_LEN) == -1) {
		free(out);
		goto fail;
	}
	*body = out;
	*bodylen = HEADER_LEN + len + 1 + TAG_LEN;
	ret = 0;
	goto out;
fail:
	ERR_clear_error();
	*cause = xstrdup("cannot encrypt the push message");
out:
	explicit_bzero(secret, sizeof secret);
	explicit_bzero(shared, sizeof shared);
	explicit_bzero(ikm, sizeof ikm);
	explicit_bzero(cek, sizeof cek);
	EVP_PKEY_free(pub);
	EVP_PKEY_free(eph);
	return ret;
}

/* An ES256 signature of data as JWS wants it: R || S, 32 bytes each. */
static int
es256_sign(EVP_PKEY *key, const char *data, unsigned char *rs)
{
	EVP_MD_CTX		*md;
	ECDSA_SIG		*sig = NULL;
	const BIGNUM		*r, *s;
	const unsigned char	*p;
	unsigned char		 der[80];
	size_t			 len = sizeof der;
	int			 ok;

	if ((md = EVP_MD_CTX_new()) == NULL)
		return -1;
	ok = EVP_DigestSignInit(md, NULL, EVP_sha256(), NULL, key) == 1 &&
	    EVP_DigestSign(md, der, &len, (const unsigned char *)data,
	    strlen(data)) == 1;
	EVP_MD_CTX_free(md);
	p = der;
	if (!ok || (sig = d2i_ECDSA_SIG(NULL, &p, (long)len)) == NULL)
		return -1;
	ECDSA_SIG_get0(sig, &r, &s);
	ok = BN_bn2binpad(r, rs, 32) == 32 && BN_bn2binpad(s, rs + 32, 32) ==
	    32;
	ECDSA_SIG_free(sig);
	return ok ? 0 : -1;
}

/*
 * net_webpush_vapid: the Authorization header value of RFC 8292, a JWT of
 * the claims (JSON text) signed with the key in the PEM file, and that
 * key's public half; NULL with *cause.
 */
char *
net_webpush_vapid(const char *pem, const char *claims, char **cause)
{
	static const char	 header[] = "{\"typ\":\"JWT\",\"alg\":\"ES256\"}";
	unsigned char		 rs[64], point[P256_POINT];
	EVP_PKEY		*key;
	char			*h, *c, *input, *sig, *k, *out = NULL;

	if ((key = vapid_key(pem, cause)) == NULL)
		return NULL;
	h = b64url((const unsigned char *)header, strlen(header));
	c = b64url((const unsigned char *)claims, strlen(claims));
	input = xasprintf("%s.%s", h, c);
	if (es256_sign(key, input, rs) == -1 || p256_point(key, point) == -1) {
		ERR_clear_error();
		*cause = xstrdup("cannot sign the VAPID token");
	} else {
		sig = b64url(rs, sizeof rs);
		k = b64url(point, sizeof point);
		out = xasprintf("vapid t=%s.%s, k=%s", input, sig, k);
		free(sig);
		free(k);
	}
	EVP_PKEY_free(key);
	free(h);
	free(c);
	free(input);
	return out;
}

/* net_webpush_keygen: a new P-256 key as PKCS#8 PEM text and its public
 * half in URL-safe base64; 0 or -1 with *cause. */
int
net_webpush_keygen(char **pem, char **pub, char **cause)
{
	EVP_PKEY	*key;
	BIO		*bio = NULL;
	unsigned char	 point[P256_POINT];
	char		*data;
	long		 len;
	int		 ret = -1;

	if ((key = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256")) == NULL ||
	    p256_point(key, point) == -1 ||
	    (bio = BIO_new(BIO_s_secmem())) == NULL ||
	    PEM_write_bio_PrivateKey(bio, key, NULL, NULL, 0, NULL,
	    NULL) != 1 || (len = BIO_get_mem_data(bio, &data)) <= 0) {
		ERR_clear_error();
		*cause = xstrdup("cannot make a P-256 key");
		goto out;
	}
	*pem = xmalloc((size_t)len + 1);
	memcpy(*pem, data, (size_t)len);
	(*pem)[len] = '\0';
	*pub = b64url(point, sizeof point);
	ret = 0;
out:
	BIO_free(bio);
	EVP_PKEY_free(key);
	return ret;
}
