// SPDX-License-Identifier: GPL-2.0
/* commands.h: the control-socket commands fxsd answers. */
#ifndef FXSD_COMMANDS_H
#define FXSD_COMMANDS_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

struct ctl;
struct ctl_client;
struct lines;
struct provision;
struct resync;
struct sched;

/**
 * struct ctl_target - what the commands act on
 * @pv:    the provisioning context (store, state file, line settings)
 * @sched: the schedule (resync now, next times)
 * @rs:    the resync context (last result, $ERR)
 * @lines: the lines followed (hook state, digits), or NULL
 * @state_note: why the state file did not load at start, or ""
 * @ctl:   the control socket (its clients wait for their resync)
 * @resync_client: the client waiting for the running resync, or NULL
 */
struct ctl_target {
	struct provision *pv;
	struct sched *sched;
	struct resync *rs;
	const struct lines *lines;
	const char *state_note;
	struct ctl *ctl;
	struct ctl_client *resync_client;
};

/* a ctl_handler_fn for a struct ctl_target: resync [RULE] (answered
 * when the resync ends; "busy" while another runs),
 * get [--secrets] NAME, set NAME=VALUE, dump [--secrets], status; secrets
 * (access na) are shown only with --secrets and only to uid 0 */
int ctl_dispatch(void *target, uid_t uid, const char *line, FILE *out,
		 char *err, size_t errlen);

#endif /* FXSD_COMMANDS_H */
