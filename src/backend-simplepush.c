/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend-util.h"
#include "net-crypto.h"

#define SIMPLEPUSH_SALT		"1789F0B8C4A051E5"
#define SIMPLEPUSH_TITLE_MAX	1024
#define SIMPLEPUSH_MSG_MAX	10000

static int	simplepush_check(const struct target *, char **);
static int	simplepush_request(const struct notification *,
		    struct http_request *, char **);
static enum backend_result simplepush_response(const struct notification *,
		    const struct http_response *, char **);
static int	simplepush_url(struct http_url *, struct optlist *,
		    char **);

static const struct backend_option simplepush_options[] = {
	{ "key", OPT_REQUIRED | OPT_SECRET, NULL, "the key the Simplepush app "
	    "shows" },
	{ "event", 0, NULL, "event name: the ringtone and vibration set in "
	    "the app" },
	{ "password", OPT_SECRET, NULL, "encrypt title and message end to "
	    "end with this password (as set in the app)" },
	{ "salt", 0, SIMPLEPUSH_SALT, "salt of the encryption key (as set in "
	    "the app)" },
	{ "endpoint", 0, "https://api.simplepush.io", "API base URL" },
	{ NULL, 0, NULL, NULL }
};

static const char *const simplepush_schemes[] = { "spush", NULL };

const struct backend backend_simplepush = {
	.name = "simplepush",
	.desc = "push to the Simplepush app, optionally encrypted end to end",
	.flags = BACKEND_NETWORK,
	.options = simplepush_options,
	.check = simplepush_check,
	.request = simplepush_request,
	.response = simplepush_response,
	.schemes = simplepush_schemes,
	.url = simplepush_url
};

static int
simplepush_check(const struct target *t, char **cause)
{
	const char	*pw = target_opt(t, "password");

	if (pw != NULL && *pw == '\0') {
		*cause = xasprintf("backend '%s': option 'password' is empty; "
		    "remove it to send unencrypted", t->name);
		return -1;
	}
	return 0;
}

/* The crypto of the net module, loaded on first use. */
struct sp_crypto {
	net_sha1_fn			sha1;
	net_random_fn			random;
	net_aes128cbc_b64url_fn		seal;
};

static int
crypto_load(struct sp_crypto *c, char **cause)
{
	c->sha1 = (net_sha1_fn)module_symbol("net", "net_sha1", cause);
	if (c->sha1 == NULL)
		return -1;
	c->random = (net_random_fn)module_symbol("net", "net_random", cause);
	if (c->random == NULL)
		return -1;
	c->seal = (net_aes128cbc_b64url_fn)module_symbol("net",
	    "net_aes128cbc_b64url", cause);
	return c->seal != NULL ? 0 : -1;
}

/*
 * Simplepush's end-to-end encryption: the key is the first 16 bytes of
 * SHA-1(password salt), a random IV goes along in upper-case hex, and
 * title and message are each AES-128-CBC, PKCS#7, URL-safe base64.
 */
static int
simplepush_encrypt(const struct notification *n, struct http_request *r,
    const char *title, const char *msg, char **cause)
{
	struct sp_crypto	 c;
	unsigned char		 digest[20], iv[CRYPTO_AES_IV];
	char			 hex[2 * CRYPTO_AES_IV + 1], *pass, *ct;
	const char		*salt = notif_opt(n, "salt");
	size_t			 i;
	int			 ret = -1;

	if (crypto_load(&c, cause) == -1)
		return -1;
	pass = xasprintf("%s%s", notif_opt(n, "password"),
	    salt != NULL ? salt : SIMPLEPUSH_SALT);
	if (c.sha1(pass, strlen(pass), digest) == -1 ||
	    c.random(iv, sizeof iv) == -1) {
		*cause = xstrdup("cannot derive the encryption key");
		goto out;
	}
	for (i = 0; i < sizeof iv; i++)
		snprintf(hex + 2 * i, 3, "%02X", iv[i]);
	http_form(r, "encrypted", "true", 0);
	http_form(r, "iv", hex, 0);
	if (title != NULL) {
		if ((ct = c.seal(digest, iv, title, strlen(title))) == NULL)
			goto fail;
		http_form(r, "title", ct, 0);
		free(ct);
	}
	if ((ct = c.seal(digest, iv, msg, strlen(msg))) == NULL)
		goto fail;
	http_form(r, "msg", ct, 0);
	free(ct);
	ret = 0;
	goto out;
fail:
	*cause = xstrdup("cannot encrypt the message");
out:
	explicit_bzero(digest, sizeof digest);
	freezero_str(pass);
	return ret;
}

static int
simplepush_request(const struct notification *n, struct http_request *r,
    char **cause)
{
	const char	*v;
	char		*title = NULL, *msg;
	int		 ret = 0;

	http_request_init(r, "POST", notif_opt(n, "endpoint"));
	http_path(r, "send", 0);
	http_form(r, "key", notif_opt(n, "key"), HTTP_SECRET);
	if (n->title != NULL && *n->title != '\0')
		title = text_limited(n, "title", n->title,
		    SIMPLEPUSH_TITLE_MAX);
	msg = text_limited(n, "message", notif_body(n), SIMPLEPUSH_MSG_MAX);
	if (notif_opt(n, "password") != NULL)
		ret = simplepush_encrypt(n, r, title, msg, cause);
	else {
		if (title != NULL)
			http_form(r, "title", title, 0);
		http_form(r, "msg", msg, 0);
	}
	if ((v = notif_opt(n, "event")) != NULL && *v != '\0')
		http_form(r, "event", v, 0);
	free(title);
	free(msg);
	return ret;
}

static enum backend_result
simplepush_response(const struct notification *n,
    const struct http_response *resp, char **cause)
{
	enum backend_result	 r;
	json_t			*o, *m;
	const char		*status;

	(void)n;
	if ((r = http_verdict(resp, cause)) != BACKEND_OK)
		return r;
	o = response_json(resp);
	status = json_string_value(json_object_get(o, "status"));
	if (status != NULL && strcmp(status, "OK") == 0) {
		json_decref(o);
		return BACKEND_OK;
	}
	m = json_object_get(o, "message");
	*cause = xasprintf("refused: %s%s%s", status ? status : "the reply "
	    "has no status OK", json_is_string(m) ? ": " : "",
	    json_is_string(m) ? json_string_value(m) : "");
	json_decref(o);
	return BACKEND_PERMFAIL;
}

/* spush://[SALT:PASSWORD@]KEY: with a password, encrypted end to end. */
static int
simplepush_url(struct http_url *u, struct optlist *opts, char **cause)
{
	if (u->host == NULL || u->npath > 0 || (u->user != NULL &&
	    u->password == NULL)) {
		*cause = xstrdup("a spush:// URL is spush://[SALT:PASSWORD@]"
		    "KEY");
		return -1;
	}
	optlist_set(opts, "key", u->host, "URL", 0);
	if (u->user != NULL) {
		optlist_set(opts, "salt", u->user, "URL", 0);
		optlist_set(opts, "password", u->password, "URL", 0);
	}
	return 0;
}
