/* SPDX-License-Identifier: ISC */
/*
 * The net module's cryptography: what the simplepush backend needs for its
 * end-to-end encryption, done by libcrypto.
 */
#include "config.h"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <stdlib.h>
#include <string.h>

#include "ntfy.h"
#include "net-crypto.h"

int	 net_sha1(const void *, size_t, unsigned char *);
int	 net_random(unsigned char *, size_t);
char	*net_aes128cbc_b64url(const unsigned char *, const unsigned char *,
	    const char *, size_t);

int
net_sha1(const void *data, size_t len, unsigned char *out)
{
	unsigned int	n = 0;

	if (EVP_Digest(data, len, out, &n, EVP_sha1(), NULL) != 1 ||
	    n != SHA_DIGEST_LENGTH)
		return -1;
	return 0;
}

int
net_random(unsigned char *buf, size_t len)
{
	if (len > 0x7fffffff)
		return -1;
	return RAND_bytes(buf, (int)len) == 1 ? 0 : -1;
}

char *
net_aes128cbc_b64url(const unsigned char *key, const unsigned char *iv,
    const char *text, size_t len)
{
	EVP_CIPHER_CTX	*ctx;
	unsigned char	*ct = NULL, *b64 = NULL;
	char		*out = NULL;
	int		 n1 = 0, n2 = 0;
	size_t		 i, ctlen;

	if (len > MESSAGE_MAX * 4)
		return NULL;
	if ((ctx = EVP_CIPHER_CTX_new()) == NULL)
		return NULL;
	/* PKCS#7 padding is libcrypto's default for CBC. */
	ct = xmalloc(len + CRYPTO_AES_IV);
	if (EVP_EncryptInit_ex(ctx, EVP_aes_128_cbc(), NULL, key, iv) != 1 ||
	    EVP_EncryptUpdate(ctx, ct, &n1, (const unsigned char *)text,
	    (int)len) != 1 ||
	    EVP_EncryptFinal_ex(ctx, ct + n1, &n2) != 1)
		goto out;
	ctlen = (size_t)n1 + (size_t)n2;
	b64 = xmalloc(4 * ((ctlen + 2) / 3) + 1);
	EVP_EncodeBlock(b64, ct, (int)ctlen);
	/* The URL-safe alphabet of RFC 4648 section 5, padding kept. */
	for (i = 0; b64[i] != '\0'; i++) {
		if (b64[i] == '+')
			b64[i] = '-';
		else if (b64[i] == '/')
			b64[i] = '_';
	}
	out = xstrdup((char *)b64);
out:
	EVP_CIPHER_CTX_free(ctx);
	if (ct != NULL)
		explicit_bzero(ct, len + CRYPTO_AES_IV);
	free(ct);
	free(b64);
	return out;
}
