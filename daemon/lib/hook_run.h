// SPDX-License-Identifier: GPL-2.0
/* hook_run.h: runs a hook program (the IVR's network and reboot hooks):
 * PROG WHAT, with FXS_* variables added to the environment, stdin
 * /dev/null, killed after a time limit. */
#ifndef FXSD_HOOK_RUN_H
#define FXSD_HOOK_RUN_H

#include <stddef.h>

/* the time a hook gets before it is killed */
#define HOOK_TIMEOUT_MS 10000

/* one variable added to the hook's environment */
struct hook_var {
	const char *name;
	const char *value;
};

/*
 * Runs prog with argv[1] = what and the n variables vars added to the
 * environment, and waits for it at most timeout_ms (then it is killed).
 * 0 when it exited 0; -EINVAL for no prog; -ETIMEDOUT when it was
 * killed; -ECHILD when it failed (a non-zero exit or a signal); -errno
 * when it could not be started (-ENOENT, -EACCES: no such program, or
 * not executable). fxsd's own environment is never changed.
 */
int hook_run(const char *prog, const char *what, const struct hook_var *vars,
	     size_t n, unsigned int timeout_ms);

#endif /* FXSD_HOOK_RUN_H */
