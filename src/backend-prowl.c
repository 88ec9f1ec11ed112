/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend-util.h"

static int	prowl_check(const struct target *, char **);
static int	prowl_request(const struct notification *,
		    struct http_request *, char **);
static enum backend_result prowl_response(const struct notification *,
		    const struct http_response *, char **);
static int	prowl_url(struct http_url *, struct optlist *,
		    char **);

static const struct backend_option prowl_options[] = {
	{ "api_key", OPT_REQUIRED | OPT_SECRET, NULL, "your Prowl API key "
	    "(40 hex digits; several joined by commas)" },
	{ "provider_key", OPT_SECRET, NULL, "a whitelisted provider key" },
	{ "priority", 0, "0", "-2 (very low) to 2 (emergency), or very-low, "
	    "low, moderate, normal, high, emergency" },
	{ "url", 0, NULL, "URL opened from the notification" },
	{ "application", 0, "ntfy", "application name shown" },
	{ "endpoint", 0, "https://api.prowlapp.com/publicapi", "API base "
	    "URL" },
	{ NULL, 0, NULL, NULL }
};

static const char *const prowl_schemes[] = { "prowl", NULL };

const struct backend backend_prowl = {
	.name = "prowl",
	.desc = "push to iOS through prowlapp.com",
	.flags = BACKEND_NETWORK,
	.options = prowl_options,
	.check = prowl_check,
	.request = prowl_request,
	.response = prowl_response,
	.schemes = prowl_schemes,
	.url = prowl_url
};

/* -2..2, Prowl's names, and Apprise's low to emergency. */
static const struct level_name priority_names[] = {
	{ "very-low", -2 }, { "low", -2 }, { "moderate", -1 },
	{ "normal", 0 }, { "high", 1 }, { "emergency", 2 }, { NULL, 0 }
};

static int
prowl_check(const struct target *t, char **cause)
{
	const char	*v = target_opt(t, "api_key");
	size_t		 n = 0;

	if (target_level(t, "priority", priority_names, -2, 2, cause) == -1)
		return -1;

	for (;; v++) {
		if (*v == ',' || *v == '\0') {
			if (n != 40)
				break;
			if (*v == '\0')
				return 0;
			n = 0;
			continue;
		}
		if (!((*v >= '0' && *v <= '9') || (*v >= 'a' && *v <= 'f') ||
		    (*v >= 'A' && *v <= 'F')))
			break;
		n++;
	}
	*cause = xasprintf("backend '%s': option 'api_key' is malformed: a "
	    "Prowl API key is 40 hex digits (several joined by commas)",
	    t->name);
	return -1;
}

static void
form_cut(const struct notification *n, struct http_request *r,
    const char *name, const char *value, size_t max)
{
	char	*v;

	v = text_limited(n, name, value, max);
	http_form(r, name, v, 0);
	free(v);
}

static int
prowl_request(const struct notification *n, struct http_request *r,
    char **cause)
{
	const char		*v;
	long			 prio = 0;
	char			 num[16];

	(void)cause;
	if ((v = notif_opt(n, "priority")) != NULL)
		level_parse(v, priority_names, -2, 2, &prio);
	http_request_init(r, "POST", notif_opt(n, "endpoint"));
	http_path(r, "add", 0);
	http_form(r, "apikey", notif_opt(n, "api_key"), HTTP_SECRET);
	v = notif_opt(n, "application");
	form_cut(n, r, "application", v != NULL && *v != '\0' ? v : "ntfy",
	    256);
	form_cut(n, r, "event", n->title ? n->title : "", 1024);
	form_cut(n, r, "description", *notif_body(n) != '\0' ?
	    notif_body(n) : "(no message)", 10000);
	snprintf(num, sizeof num, "%ld", prio);
	http_form(r, "priority", num, 0);
	if ((v = notif_opt(n, "url")) != NULL && *v != '\0')
		form_cut(n, r, "url", v, 512);
	if ((v = notif_opt(n, "provider_key")) != NULL && *v != '\0')
		http_form(r, "providerkey", v, HTTP_SECRET);
	return 0;
}

/*
 * The start of element name in the reply, or NULL: "<name" followed by a
 * space, '>' or '/'.  The reply is a few lines of XML without comments or
 * CDATA, so a scan is enough.
 */
static const char *
xml_element(const char *body, const char *name)
{
	const char	*p = body;
	size_t		 len = strlen(name);

	while ((p = strchr(p, '<')) != NULL) {
		p++;
		if (strncmp(p, name, len) == 0 && (p[len] == ' ' ||
		    p[len] == '>' || p[len] == '/' || p[len] == '\t' ||
		    p[len] == '\n' || p[len] == '\r'))
			return p + len;
	}
	return NULL;
}

/* The text of <error code="N">text</error>, flattened and short. */
static char *
xml_error(const char *body, long *code)
{
	const char	*p, *end, *c;
	char		*raw, *text;

	*code = 0;
	if ((p = xml_element(body, "error")) == NULL)
		return NULL;
	if ((end = strchr(p, '>')) == NULL)
		return NULL;
	if ((c = strstr(p, "code=\"")) != NULL && c < end)
		*code = strtol(c + 6, NULL, 10);
	if (end[-1] == '/')
		return xstrdup("");
	p = end + 1;
	if ((end = strstr(p, "</error")) == NULL)
		end = p + strlen(p);
	if (end - p > 200)
		end = p + 200;
	raw = utf8_repair(p, (size_t)(end - p));
	text = text_flatten(raw);
	free(raw);
	return text;
}

static enum backend_result
prowl_response(const struct notification *n,
    const struct http_response *resp, char **cause)
{
	enum backend_result	 r;
	const char		*body = resp->body ? resp->body : "";
	char			*text;
	long			 code;

	(void)n;
	r = http_verdict(resp, cause);
	if (resp->status == 0)
		return r;
	if ((text = xml_error(body, &code)) != NULL) {
		free(*cause);
		*cause = xasprintf("HTTP %ld: Prowl error %ld%s%s",
		    resp->status, code, *text ? ": " : "", text);
		free(text);
		/* 406: this IP's hourly API limit; 500: the service. */
		if (code == 406 || code >= 500)
			return BACKEND_TEMPFAIL;
		return r == BACKEND_TEMPFAIL ? r : BACKEND_PERMFAIL;
	}
	if (r != BACKEND_OK)
		return r;
	if (xml_element(body, "success") != NULL)
		return BACKEND_OK;
	*cause = xasprintf("HTTP %ld, but the reply has no <success>; is "
	    "endpoint the Prowl API?", resp->status);
	return BACKEND_PERMFAIL;
}

/* prowl://API_KEY[/PROVIDER_KEY] */
static int
prowl_url(struct http_url *u, struct optlist *opts, char **cause)
{
	if (u->host == NULL || u->user != NULL || u->npath > 1) {
		*cause = xstrdup("a prowl:// URL is prowl://API_KEY"
		    "[/PROVIDER_KEY]");
		return -1;
	}
	optlist_set(opts, "api_key", u->host, "URL", 0);
	if (u->npath == 1)
		optlist_set(opts, "provider_key", u->path[0], "URL", 0);
	return 0;
}
