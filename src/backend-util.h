/* SPDX-License-Identifier: ISC */
#ifndef NTFY_BACKEND_UTIL_H
#define NTFY_BACKEND_UTIL_H

/* backend-util.c: small pieces the HTTP backends share. */

#include <jansson.h>

#include "backend.h"

const char	*notif_body(const struct notification *);
void		 url_secret_path(const char *);
char		*url_rebase(const struct notification *, const char *);
void		 http_json(struct http_request *, json_t *);
json_t		*response_json(const struct http_response *);
enum backend_result json_error_verdict(const struct http_response *,
		    const char *, char **);
json_t		*json_text(const char *);
char		*markup_escape(const char *, int);
char		*list_nth(const char *, size_t);
char		*text_limited(const struct notification *, const char *,
		    const char *, size_t);
char		*markdown_text(const struct notification *, size_t);
char		*state_key_path(const char *, const char *, const char *,
		    char **);
int		 state_file_write(const char *, const char *);

/* backend-telegram.c, for telegram-setup too. */
int		 telegram_token_valid(const char *);
void		 telegram_method(struct http_request *, const char *,
		    const char *);

#endif
