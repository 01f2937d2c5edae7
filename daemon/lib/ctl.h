// SPDX-License-Identifier: GPL-2.0
/* ctl.h: the control socket protocol between fxsctl and fxsd (a unix
 * stream socket, one request line per connection), and its client. */
#ifndef FXSD_CTL_H
#define FXSD_CTL_H

#include <stddef.h>
#include <sys/un.h>

#define CTL_DEFAULT_PATH "/run/fxsd.sock"
#define CTL_LINE_MAX 8192
#define CTL_REPLY_MAX (4u << 20)

/*
 * Protocol: the client sends one line ("resync [RULE]", "get NAME",
 * "set NAME=VALUE", "dump", "status"); the server answers "OK\n" or
 * "ERR <message>\n", then the payload lines, then closes.
 */

/* fills sun for path; 0 or -ENAMETOOLONG */
int ctl_address(struct sockaddr_un *sun, const char *path);
/* writes all n bytes unless the peer goes away */
void ctl_write_all(int fd, const char *s, size_t n);

/* client side: sends line, returns 0 and the payload in *reply (malloc'd)
 * when the server said OK, 1 and the message in *reply on ERR, -errno
 * when the server could not be reached */
int ctl_request(const char *path, const char *line, char **reply);

#endif /* FXSD_CTL_H */
