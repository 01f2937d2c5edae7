// SPDX-License-Identifier: GPL-2.0
/* ctl_server.h: fxsd's end of the control socket (protocol in ctl.h). */
#ifndef FXSD_CTL_SERVER_H
#define FXSD_CTL_SERVER_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "loop.h"

#define CTL_MAX_CLIENTS 16	/* at once; more are refused "busy" */
#define CTL_DEADLINE_MS 5000	/* a client's whole time, request to answer */

/* handles one request line from a client running as uid (SO_PEERCRED);
 * writes the payload to out; 0 or -errno with err (sent back as
 * "ERR <err>") */
typedef int (*ctl_handler_fn)(void *arg, uid_t uid, const char *line,
			      FILE *out, char *err, size_t errlen);

struct ctl;

/* binds path (replacing a stale socket, mode 0600) and registers with the
 * loop; each connection is non-blocking with a CTL_DEADLINE_MS deadline */
int ctl_open(struct loop *l, const char *path, ctl_handler_fn fn, void *arg,
	     struct ctl **out);
void ctl_close(struct ctl *c);

#endif /* FXSD_CTL_SERVER_H */
