/* SPDX-License-Identifier: ISC */
#ifndef LINUX_H
#define LINUX_H

/* The desktop module: backend-linux.c and linux-waiter.c. */
NotifyNotification	*linux_bubble_new(json_t *);
int			 backend_linux_waiter(const char *);

#endif
