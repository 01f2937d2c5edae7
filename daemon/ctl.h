// SPDX-License-Identifier: GPL-2.0
/* ctl.h: the control socket (unix stream, one request line per
 * connection) between fxsctl and fxsd. */
#ifndef FXSD_CTL_H
#define FXSD_CTL_H

#include <stdio.h>

#include "loop.h"

#define CTL_DEFAULT_PATH "/run/fxsd.sock"
#define CTL_LINE_MAX 8192

/*
 * Protocol: the client sends one line ("resync [RULE]", "get NAME",
 * "set NAME=VALUE", "dump", "status"); the server answers "OK\n" or
 * "ERR <message>\n", then the payload lines, then closes.
 */

/* handles one request line; writes the payload to out; 0 or -errno with
 * err (sent back as "ERR <err>") */
typedef int (*ctl_handler_fn)(void *arg, const char *line, FILE *out,
			      char *err, size_t errlen);

struct ctl;

/* binds path (replacing a stale socket) and registers with the loop */
int ctl_open(struct loop *l, const char *path, ctl_handler_fn fn, void *arg,
	     struct ctl **out);
void ctl_close(struct ctl *c);

/* client side: sends line, returns 0 and the payload in *reply (malloc'd)
 * when the server said OK, 1 and the message in *reply on ERR, -errno
 * when the server could not be reached */
int ctl_request(const char *path, const char *line, char **reply);

#endif

/* ---- the commands fxsd answers ---- */

struct store;
struct sched;
struct resync;

/**
 * struct ctl_target - what the commands act on
 * @st:         the parameter store
 * @sched:      the schedule (resync now, next times)
 * @rs:         the resync context (last result, $ERR)
 * @state_path: state file persisted after "set", or NULL
 * @line_config: configfs lines/ root line parameters go to after "set",
 *               or NULL
 */
struct ctl_target {
	struct store *st;
	struct sched *sched;
	struct resync *rs;
	const char *state_path;
	const char *line_config;
};

/* a ctl_handler_fn for a struct ctl_target: resync [RULE], get NAME,
 * set NAME=VALUE, dump, status */
int ctl_dispatch(void *target, const char *line, FILE *out, char *err,
		 size_t errlen);
