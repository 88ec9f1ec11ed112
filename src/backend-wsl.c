/* SPDX-License-Identifier: ISC */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"

#define WSL_TEXT_MAX	4096	/* bytes of title or message handed over */

static enum backend_result wsl_send(const struct notification *, char **);
static int	wsl_check(const struct target *, char **);

/* Windows PowerShell's own AppUserModelID: registered on every Windows 10
 * and 11, so its toasts are shown without installing anything. */
#define WSL_APP_ID \
	"{1AC14E77-02E7-4E5D-B744-2EB1AE5198B7}\\WindowsPowerShell\\v1.0\\" \
	"powershell.exe"

static const struct backend_option wsl_options[] = {
	{ "sound", 0, "ms-winsoundevent:Notification.Default", "the toast's "
	    "sound, a ms-winsoundevent: name, or none" },
	{ "error_sound", 0, "ms-winsoundevent:Notification.Reminder", "the "
	    "sound when the command failed" },
	{ "app_id", 0, WSL_APP_ID, "the AppUserModelID the toast is shown "
	    "under (Windows PowerShell's)" },
	{ "program", 0, "powershell.exe", "Windows PowerShell, found in PATH "
	    "as WSL puts Windows' PATH there" },
	{ "timeout", 0, "30", "seconds before PowerShell is killed" },
	{ NULL, 0, NULL, NULL }
};

const struct backend backend_wsl = {
	.name = "wsl",
	.desc = "a Windows toast from WSL through powershell.exe (the Python "
	    "ntfy's win32 works as its alias)",
	.options = wsl_options,
	.check = wsl_check,
	.send = wsl_send
};

/*
 * The script, fixed: everything that varies comes from the environment
 * (WSLENV carries it into Windows) and is XML-escaped by PowerShell itself,
 * so no quote in a title or message can change what runs.  It has no
 * double quote, which WSL and PowerShell would each unquote their way.
 */
static const char wsl_script[] =
	"$ErrorActionPreference = 'Stop'; "
	"try { "
	"$null = [Windows.UI.Notifications.ToastNotificationManager, "
	"Windows.UI.Notifications, ContentType = WindowsRuntime]; "
	"$null = [Windows.Data.Xml.Dom.XmlDocument, "
	"Windows.Data.Xml.Dom.XmlDocument, ContentType = WindowsRuntime]; "
	"function E($s) { [Security.SecurityElement]::Escape([string]$s) }; "
	"if ($env:NTFY_SOUND -eq 'none') { $a = '<audio silent=''true''/>' } "
	"else { $a = '<audio src=''' + (E $env:NTFY_SOUND) + '''/>' }; "
	"$x = '<toast><visual><binding template=''ToastGeneric''><text>' + "
	"(E $env:NTFY_TITLE) + '</text><text>' + (E $env:NTFY_MESSAGE) + "
	"'</text></binding></visual>' + $a + '</toast>'; "
	"$d = New-Object Windows.Data.Xml.Dom.XmlDocument; "
	"$d.LoadXml($x); "
	"$t = New-Object Windows.UI.Notifications.ToastNotification $d; "
	"[Windows.UI.Notifications.ToastNotificationManager]::"
	"CreateToastNotifier($env:NTFY_APP_ID).Show($t) "
	"} catch { "
	"[Console]::Error.WriteLine(($_.Exception.Message -replace '\\s+', ' '));"
	" exit 1 }";

/* The variables the script reads, as WSLENV lists them: /u passes them
 * from WSL to a Windows program. */
#define WSL_ENV_LIST	"NTFY_TITLE/u:NTFY_MESSAGE/u:NTFY_SOUND/u:NTFY_APP_ID/u"

static int
sound_valid(const char *v)
{
	return strcmp(v, "none") == 0 ||
	    strncmp(v, "ms-winsoundevent:", 17) == 0;
}

static int
wsl_check(const struct target *t, char **cause)
{
	const char	*keys[] = { "sound", "error_sound" }, *v;
	size_t		 i;

	for (i = 0; i < 2; i++) {
		v = target_opt(t, keys[i]);
		if (v != NULL && !sound_valid(v)) {
			*cause = xasprintf("backend '%s': option '%s' must be "
			    "none or a ms-winsoundevent: name such as "
			    "ms-winsoundevent:Notification.IM, not '%s'",
			    t->name, keys[i], v);
			return -1;
		}
	}
	return 0;
}

/* An option of wsl; when default sends through us, the target is default's,
 * whose keys mean other things: then our defaults. */
static const char *
wsl_opt(const struct notification *n, const char *key)
{
	const struct backend_option	*o;
	const char			*v = NULL;

	if (n->target->backend == &backend_wsl)
		v = notif_opt(n, key);
	if (v == NULL && (o = backend_option(&backend_wsl, key)) != NULL)
		v = o->def;
	return v;
}

/* NAME=text, cut to WSL_TEXT_MAX, with every control character but line
 * breaks and tabs as a space: XML 1.0, which a toast is, has no others. */
static char *
env_text(const char *name, const char *text, int lines)
{
	char	*flat, *p, *out;
	size_t	 len;

	flat = lines ? utf8_repair(text, strlen(text)) : text_flatten(text);
	for (p = flat; *p != '\0'; p++)
		if (((unsigned char)*p < 0x20 && *p != '\n' && *p != '\t') ||
		    *p == 0x7f)
			*p = ' ';
	len = utf8_truncate(flat, WSL_TEXT_MAX);
	out = xasprintf("%s=%.*s", name, (int)len, flat);
	free(flat);
	return out;
}

/* 1 inside WSL, as WSL documents it: the interop binfmt entry exists or
 * WSL_DISTRO_NAME is set; *why says which. */
int
wsl_detect(char **why)
{
	static const char	*const entries[] = {
		"/proc/sys/fs/binfmt_misc/WSLInterop",
		"/proc/sys/fs/binfmt_misc/WSLInterop-late"
	};
	const char		*v;
	size_t			 i;

	if ((v = getenv("WSL_DISTRO_NAME")) != NULL && *v != '\0') {
		*why = xasprintf("$WSL_DISTRO_NAME is '%s'", v);
		return 1;
	}
	for (i = 0; i < 2; i++) {
		if (access(entries[i], F_OK) == 0) {
			*why = xasprintf("'%s' exists", entries[i]);
			return 1;
		}
	}
	*why = xstrdup("not WSL: $WSL_DISTRO_NAME is unset and there is no "
	    "WSLInterop binfmt entry");
	return 0;
}

/* 1 when the program the toast needs is there, else 0 with *why. */
int
wsl_program(const struct notification *n, char **why)
{
	const char	*prog = wsl_opt(n, "program");
	char		*path;

	if ((path = command_path(prog)) != NULL) {
		free(path);
		return 1;
	}
	*why = xasprintf("cannot find '%s' in PATH (is Windows interop on? "
	    "or set option 'program' to its full path, such as /mnt/c/Windows/"
	    "System32/WindowsPowerShell/v1.0/powershell.exe)", prog);
	return 0;
}

/* Show the toast: PowerShell runs the fixed script, the text goes in its
 * environment. */
enum backend_result
wsl_deliver(const struct notification *n, char **cause)
{
	const struct message	*m = n->msg;
	const char		*old = getenv("WSLENV"), *sound;
	char			*env[6], *argv[8];
	double			 timeout = 30;
	enum backend_result	 r;
	size_t			 i = 0;

	if (n->target->backend == &backend_wsl &&
	    notif_seconds(n, "timeout", &timeout, cause) == -1)
		return BACKEND_PERMFAIL;
	if (!wsl_program(n, cause))
		return BACKEND_PERMFAIL;
	sound = m->has_status && m->retcode != 0 ? wsl_opt(n, "error_sound") :
	    wsl_opt(n, "sound");
	env[i++] = env_text("NTFY_TITLE", n->title ? n->title : "", 0);
	env[i++] = env_text("NTFY_MESSAGE", m->body ? m->body : "", 1);
	env[i++] = xasprintf("NTFY_SOUND=%s", sound);
	env[i++] = xasprintf("NTFY_APP_ID=%s", wsl_opt(n, "app_id"));
	env[i++] = xasprintf("WSLENV=%s%s%s", WSL_ENV_LIST, old && *old ? ":" :
	    "", old ? old : "");
	env[i] = NULL;
	i = 0;
	argv[i++] = (char *)wsl_opt(n, "program");
	argv[i++] = (char *)"-NoLogo";
	argv[i++] = (char *)"-NoProfile";
	argv[i++] = (char *)"-NonInteractive";
	argv[i++] = (char *)"-Command";
	argv[i++] = (char *)wsl_script;
	argv[i] = NULL;
	r = command_run(argv, env, timeout > 0 ? timeout : 1e9, cause);
	for (i = 0; env[i] != NULL; i++)
		free(env[i]);
	return r;
}

static enum backend_result
wsl_send(const struct notification *n, char **cause)
{
	return wsl_deliver(n, cause);
}
