/* SPDX-License-Identifier: ISC */
#ifndef LINUX_H
#define LINUX_H

/* The desktop module: backend-linux.c and linux-waiter.c. */
NotifyNotification	*linux_bubble_new(json_t *);
int			 backend_linux_waiter(const char *);
int			 linux_state_read(const char *, int *, long *);
void			 linux_state_write(const char *, int, long);

#endif
