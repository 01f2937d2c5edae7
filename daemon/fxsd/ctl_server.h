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
 * "ERR <err>"), or CTL_LATER after ctl_defer(): the answer comes later */
typedef int (*ctl_handler_fn)(void *arg, uid_t uid, const char *line,
			      FILE *out, char *err, size_t errlen);

#define CTL_LATER 1

struct ctl;
struct ctl_client;

/* binds path (replacing a stale socket, mode 0600) and registers with the
 * loop; each connection is non-blocking with a CTL_DEADLINE_MS deadline */
int ctl_open(struct loop *l, const char *path, ctl_handler_fn fn, void *arg,
	     struct ctl **out);
/* closes the socket and every client (a deferred one gets no answer) */
void ctl_close(struct ctl *c);

/*
 * Inside a handler only: the client being served will be answered later,
 * with ctl_answer(); the handler then returns CTL_LATER. Its deadline
 * stops meanwhile (what it waits for has its own limits) and other
 * clients are served. NULL outside a handler.
 */
struct ctl_client *ctl_defer(struct ctl *c);
/* answers a deferred client: ret 0 with payload, or -errno with err; then
 * the client is freed (also when it has gone away meanwhile) */
void ctl_answer(struct ctl_client *cl, int ret, const char *payload,
		const char *err);

#endif /* FXSD_CTL_SERVER_H */
