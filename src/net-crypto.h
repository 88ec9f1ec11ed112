/* SPDX-License-Identifier: ISC */
#ifndef NTFY_NET_CRYPTO_H
#define NTFY_NET_CRYPTO_H

/*
 * Cryptography for the backends that need it, from the TLS library the net
 * module links (libcrypto).  The core reaches these through
 * module_symbol("net", ...) and never links the library itself.
 */

#include <stddef.h>

#define CRYPTO_AES_KEY	16	/* AES-128 */
#define CRYPTO_AES_IV	16

/* net_sha1: the 20-byte SHA-1 digest of data; 0 or -1. */
typedef int	(*net_sha1_fn)(const void *, size_t, unsigned char *);
/* net_random: fill the buffer with random bytes; 0 or -1. */
typedef int	(*net_random_fn)(unsigned char *, size_t);
/* net_aes128cbc_b64url: AES-128-CBC with PKCS#7 padding of the text under
 * key and iv, as URL-safe base64 with padding; NULL on failure. */
typedef char	*(*net_aes128cbc_b64url_fn)(const unsigned char *,
		    const unsigned char *, const char *, size_t);

/* Web Push (src/net-webpush.c).  net_webpush_check: whether the
 * subscription's keys (URL-safe base64 p256dh and auth) and the VAPID key
 * in the PEM file are usable, each when not NULL; 0 or -1 with *cause. */
typedef int	(*net_webpush_check_fn)(const char *, const char *,
		    const char *, char **);
/* net_webpush_seal: the RFC 8291 aes128gcm body of the text for the
 * subscription's keys; 0, or -1 with *cause. */
typedef int	(*net_webpush_seal_fn)(const char *, const char *,
		    const char *, size_t, unsigned char **, size_t *, char **);
/* net_webpush_vapid: "vapid t=JWT, k=KEY" for the claims (JSON text)
 * signed with the PEM file's key; NULL with *cause. */
typedef char	*(*net_webpush_vapid_fn)(const char *, const char *, char **);
/* net_webpush_keygen: a new P-256 key as PEM text and its URL-safe base64
 * public key; 0, or -1 with *cause. */
typedef int	(*net_webpush_keygen_fn)(char **, char **, char **);

#endif
