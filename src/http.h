/* SPDX-License-Identifier: ISC */
#ifndef NTFY_HTTP_H
#define NTFY_HTTP_H

/*
 * HTTP requests as data.  Network backends fill a struct http_request and
 * read a struct http_response; the net module (src/http.c, the only file
 * that calls libcurl) escapes, sends and receives.  Nothing here needs
 * curl.h, so the core never links libcurl.
 */

#include <stddef.h>

#define HTTP_BODY_MAX		(1024 * 1024)	/* response bytes kept */
#define HTTP_HEADERS_MAX	64		/* response headers kept */

/* A name and a value: query, form field or header. */
struct http_pair {
	char	*name;
	char	*value;
	int	 flags;
#define HTTP_SECRET	0x1	/* masked in logs */
#define HTTP_RFC2047	0x2	/* header: non-ASCII as =?UTF-8?B?...?= */
#define HTTP_VERBATIM	0x4	/* path: sent unescaped when all pchar */
#define HTTP_TAKEN	0x8	/* URL query: read by the backend's url() */
};

struct http_request {
	const char		*label;		/* target name, for logs */
	const char		*method;	/* "POST", "PUT", "GET" */
	char			*base;		/* endpoint URL */
	char			**path;		/* segments, each escaped */
	size_t			  npath;
	int			 *path_flags;	/* per segment: HTTP_SECRET... */
	struct http_pair	 *query;
	size_t			  nquery;
	struct http_pair	 *form;		/* urlencoded body when set */
	size_t			  nform;
	struct http_pair	 *headers;
	size_t			  nheaders;
	char			 *body;		/* raw body, when no form */
	size_t			  bodylen;
	char			 *content_type;
	char			 *user;		/* Basic auth */
	char			 *password;
	char			 *bearer;	/* Authorization: Bearer */
	long			  timeout_ms;
	long			  connect_timeout_ms;
	char			 *ca_file;
};

struct http_response {
	long			 status;	/* 0 when no HTTP answer */
	struct http_pair	*headers;	/* of the last response */
	size_t			 nheaders;
	char			*body;		/* NUL-terminated, capped */
	size_t			 bodylen;
	int			 neterr;	/* no answer: connect, DNS... */
	int			 timeout;	/* the request timed out */
	int			 tls;		/* certificate not trusted */
	int			 fatal;		/* bad URL or protocol */
	char			*error;		/* libcurl's text, or NULL */
	double			 elapsed;	/* seconds */
};

/* A URL taken apart by the module (libcurl's URL API), all decoded. */
struct http_url {
	char			*scheme;
	char			*user;
	char			*password;
	char			*host;		/* IPv6 in [brackets] */
	char			*port;		/* NULL when none */
	char			**path;		/* non-empty segments */
	size_t			  npath;
	struct http_pair	 *query;
	size_t			  nquery;
};

/* Exported by net.so; the core reaches them through module_symbol(). */
typedef int	(*http_perform_fn)(struct http_request **,
		    struct http_response **, size_t);
typedef int	(*http_url_parse_fn)(const char *, struct http_url *,
		    char **);

/* request.c: building requests and reading responses in the core. */
void		 http_request_init(struct http_request *, const char *,
		    const char *);
void		 http_request_release(struct http_request *);
char		*http_url_base(const struct http_url *, size_t);
void		 http_path(struct http_request *, const char *, int);
void		 http_query(struct http_request *, const char *, const char *,
		    int);
void		 http_form(struct http_request *, const char *, const char *,
		    int);
void		 http_header(struct http_request *, const char *, const char *,
		    int);
void		 http_body(struct http_request *, const char *, size_t,
		    const char *);
void		 http_response_release(struct http_response *);
const char	*http_response_header(const struct http_response *,
		    const char *);
void		 http_url_release(struct http_url *);
double		 http_retry_after(const char *, long long);
char		*http_error_text(const struct http_response *);
double		 retry_delay(int, double, double, double);
char		*text_truncate(const char *, size_t, int *);
char		*url_host(const char *);
int		 host_is_loopback(const char *);
void		 plaintext_warn(const char *, const char *, const char *,
		    const char *);

#endif
