/* SPDX-License-Identifier: ISC */
#ifndef LOCAL_OPTIONS_H
#define LOCAL_OPTIONS_H

/*
 * Option entries that the linux, terminal and default backends read the
 * same way: default takes all of linux's and terminal's, so each is written
 * once here.
 */
#define URGENCY_OPTION \
	{ "urgency", 0, NULL, "low, normal or critical [normal, critical on " \
	    "failure]" }

#define REPLACE_OPTION \
	{ "replace", 0, "true", "a new notification from the same terminal " \
	    "or tmux pane replaces the one still shown" }

#define WITHDRAW_OPTION \
	{ "withdraw", 0, "true", "the notification goes away when you come " \
	    "back to the terminal or pane it came from" }

#define ACTION_TIMEOUT_OPTION \
	{ "action_timeout", 0, "3600", "seconds a click, or your coming " \
	    "back, is waited for at most" }

#define PROTOCOL_OPTION \
	{ "protocol", 0, "auto", "auto, osc99 (kitty), osc777 (foot, WezTerm, " \
	    "Ghostty, Windows Terminal), osc9 (iTerm2) or bel" }

#define DESKTOP_OPTIONS \
	{ "icon", 0, NULL, "icon name or path [dialog-information, " \
	    "dialog-error on failure]" }, \
	URGENCY_OPTION, \
	{ "transient", 0, "false", "bypass the notification server's " \
	    "history" }, \
	{ "soundfile", 0, NULL, "sound file to play" }, \
	{ "timeout", 0, "-1", "milliseconds shown; -1 server default, 0 " \
	    "never expire" }, \
	{ "app_name", 0, "ntfy", "application name given to the server" }, \
	{ "actions", 0, "true", "a click on the bubble brings you back to " \
	    "the terminal (and tmux pane) the command ran in" }, \
	ACTION_TIMEOUT_OPTION, \
	REPLACE_OPTION, \
	WITHDRAW_OPTION

#endif
