/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend-util.h"

extern const struct backend	backend_telegram;

static int	cmd_telegram_setup_exec(struct ntfy *, int, char **);

const struct cmd_entry cmd_telegram_setup_entry = {
	.name = "telegram-setup",
	.usage = "[-b BACKEND]",
	.summary = "list the Telegram chats that wrote to your bot",
	.flags = CMD_CONFIG,
	.exec = cmd_telegram_setup_exec
};

/* The chat of one update, whatever kind of update it is. */
static json_t *
update_chat(json_t *u)
{
	static const char	*kinds[] = { "message", "edited_message",
				    "channel_post", "edited_channel_post",
				    "my_chat_member", "chat_member" };
	json_t			*chat;
	size_t			 i;

	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		chat = json_object_get(json_object_get(u, kinds[i]), "chat");
		if (json_is_integer(json_object_get(chat, "id")))
			return chat;
	}
	return NULL;
}

/* A chat's name as one clean line: its title, or the person's name and
 * user name. */
static char *
chat_name(json_t *chat)
{
	const char	*title, *first, *last, *user;
	struct buf	 b = BUF_INIT;
	char		*out;

	title = json_string_value(json_object_get(chat, "title"));
	first = json_string_value(json_object_get(chat, "first_name"));
	last = json_string_value(json_object_get(chat, "last_name"));
	user = json_string_value(json_object_get(chat, "username"));
	buf_adds(&b, "");
	if (title != NULL)
		buf_adds(&b, title);
	else if (first != NULL)
		buf_printf(&b, "%s%s%s", first, last ? " " : "",
		    last ? last : "");
	if (user != NULL)
		buf_printf(&b, "%s@%s", b.len ? " " : "", user);
	out = terminal_clean(b.data, 200);
	buf_release(&b);
	return out;
}

/* Print each chat once; the number printed. */
static size_t
print_chats(json_t *result)
{
	json_t		*u, *chat, *seen;
	const char	*type;
	char		 id[32], *name, *kind;
	size_t		 i, n = 0;

	seen = json_object();
	json_array_foreach(result, i, u) {
		if ((chat = update_chat(u)) == NULL)
			continue;
		snprintf(id, sizeof id, "%" JSON_INTEGER_FORMAT,
		    json_integer_value(json_object_get(chat, "id")));
		if (json_object_get(seen, id) != NULL)
			continue;
		json_object_set_new(seen, id, json_true());
		type = json_string_value(json_object_get(chat, "type"));
		name = chat_name(chat);
		kind = terminal_line(type != NULL ? type : "?");
		printf("%s\t%s\t%s\n", id, kind, name);
		free(kind);
		free(name);
		n++;
	}
	json_decref(seen);
	return n;
}

/* Read getUpdates' answer; 0 or an exit status. */
static int
setup_answer(const struct target *t, const struct http_response *resp)
{
	json_t		*o, *result;
	char		*cause = NULL;
	size_t		 n;

	if (resp->status == 409) {
		log_error("%s: the bot has a webhook, and Telegram answers "
		    "getUpdates only without one: read the chat id from your "
		    "webhook's requests, or delete the webhook "
		    "(deleteWebhook) and try again", t->name);
		return EXIT_NOTIFY_FAILED;
	}
	if (resp->status == 401 || resp->status == 404) {
		log_error("%s: Telegram does not know this token (HTTP %ld); "
		    "copy it again from @BotFather", t->name, resp->status);
		return EXIT_NOTIFY_FAILED;
	}
	if (http_verdict(resp, &cause) != BACKEND_OK) {
		log_error("%s: %s", t->name, cause);
		free(cause);
		return EXIT_NOTIFY_FAILED;
	}
	o = response_json(resp);
	result = json_object_get(o, "result");
	if (!json_is_true(json_object_get(o, "ok")) ||
	    !json_is_array(result)) {
		log_error("%s: HTTP %ld, but the reply is no list of updates; "
		    "is endpoint the Telegram Bot API?", t->name,
		    resp->status);
		json_decref(o);
		return EXIT_NOTIFY_FAILED;
	}
	n = print_chats(result);
	json_decref(o);
	if (n == 0) {
		log_error("%s: nobody wrote to the bot in the last 24 hours: "
		    "send it a message (in a group: /start@YOUR_BOT), then run "
		    "'ntfy telegram-setup' again", t->name);
		return EXIT_NOTIFY_FAILED;
	}
	print_line(stderr, "Set the chat's number as chat_id in [%s] of "
	    "ntfy.ini.", t->name);
	return 0;
}

/* The target to set up, resolved as a send would, with a stand-in
 * chat_id since that is what we are looking for. */
static int
setup_target(struct ntfy *nt, const char *name, struct target **t,
    char **cause)
{
	const char	**names;
	size_t		  n;
	int		  r;

	names = xcalloc(1, sizeof *names);
	names[0] = name;
	free(nt->backends);
	nt->backends = names;
	nt->nbackends = 1;
	nt->options = xreallocarray(nt->options, nt->noptions + 1,
	    sizeof *nt->options);
	nt->options[nt->noptions].backend = name;
	nt->options[nt->noptions].key = "chat_id";
	nt->options[nt->noptions++].value = xstrdup("0");
	if ((r = targets_resolve(nt, t, &n, cause)) != 0)
		return r;
	if ((*t)->backend != &backend_telegram) {
		*cause = xasprintf("'%s' is a %s backend, not telegram", name,
		    (*t)->backend->name);
		targets_free(*t, n);
		return EXIT_USAGE;
	}
	return 0;
}

static int
cmd_telegram_setup_exec(struct ntfy *nt, int argc, char **argv)
{
	struct notification	 nf;
	struct http_request	 req, *reqs[1];
	struct http_response	 resp, *resps[1];
	struct target		*t;
	http_perform_fn		 perform;
	const char		*name = "telegram", *ca;
	char			*cause = NULL;
	double			 timeout = 15, connect = 5;
	int			 ch, r;

	if (nt->nbackends == 1)
		name = nt->backends[0];
	optind = 0;
	opterr = 0;
	while ((ch = getopt(argc, argv, "+b:")) != -1) {
		if (ch != 'b') {
			cmd_usage(&cmd_telegram_setup_entry);
			return EXIT_USAGE;
		}
		name = optarg;
	}
	if (optind != argc) {
		cmd_usage(&cmd_telegram_setup_entry);
		return EXIT_USAGE;
	}
	if ((r = setup_target(nt, name, &t, &cause)) != 0) {
		log_error("%s", cause);
		free(cause);
		return r;
	}
	memset(&nf, 0, sizeof nf);
	nf.target = t;
	if (notif_seconds(&nf, "timeout", &timeout, &cause) == -1 ||
	    notif_seconds(&nf, "connect_timeout", &connect, &cause) == -1 ||
	    (perform = (http_perform_fn)module_symbol("net", "http_perform",
	    &cause)) == NULL) {
		log_error("%s", cause);
		free(cause);
		targets_free(t, 1);
		return EXIT_CONFIG;
	}
	http_request_init(&req, "GET", target_opt(t, "endpoint"));
	telegram_method(&req, target_opt(t, "token"), "getUpdates");
	req.label = t->name;
	req.timeout_ms = timeout > 0 ? (long)(timeout * 1000) : 0;
	req.connect_timeout_ms = connect > 0 ? (long)(connect * 1000) : 0;
	if ((ca = target_opt(t, "ca_file")) != NULL && *ca != '\0')
		req.ca_file = xstrdup(ca);
	memset(&resp, 0, sizeof resp);
	reqs[0] = &req;
	resps[0] = &resp;
	perform(reqs, resps, 1);
	r = setup_answer(t, &resp);
	http_request_release(&req);
	http_response_release(&resp);
	targets_free(t, 1);
	return r;
}
