// SPDX-License-Identifier: GPL-2.0
/* hook_run.c: a hook program started with posix_spawn (stdin /dev/null,
 * its environment fxsd's plus the FXS_* variables, built before the
 * spawn) and waited for through a pidfd with a time limit. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <sys/pidfd.h>
#include <sys/wait.h>

#include "hook_run.h"

extern char **environ;

/* whether the environment entry ENTRY ("NAME=...") is one of vars */
static int hook_var_listed(const char *entry, const struct hook_var *vars,
			   size_t n)
{
	size_t i, len;

	for (i = 0; i < n; i++) {
		len = strlen(vars[i].name);
		if (!strncmp(entry, vars[i].name, len) && entry[len] == '=')
			return 1;
	}
	return 0;
}

static void hook_env_free(char **env)
{
	char **e;

	for (e = env; e && *e; e++)
		free(*e);
	free(env);
}

/* fxsd's environment without the names of vars, then vars; NULL on ENOMEM */
static char **hook_env_new(const struct hook_var *vars, size_t n)
{
	size_t count = 0, k = 0, i;
	char **env;

	while (environ && environ[count])
		count++;
	env = calloc(count + n + 1, sizeof(*env));
	for (i = 0; env && i < count; i++)
		if (!hook_var_listed(environ[i], vars, n) &&
		    !(env[k++] = strdup(environ[i])))
			goto fail;
	for (i = 0; env && i < n; i++)
		if (asprintf(&env[k++], "%s=%s", vars[i].name,
			     vars[i].value) < 0) {
			env[k - 1] = NULL;
			goto fail;
		}
	return env;
fail:
	hook_env_free(env);
	return NULL;
}

static int hook_spawn(const char *prog, const char *what,
		      const struct hook_var *vars, size_t n, pid_t *pid)
{
	char *argv[] = { (char *)prog, (char *)what, NULL };
	posix_spawn_file_actions_t fa;
	char **env = hook_env_new(vars, n);
	int ret;

	if (!env)
		return -ENOMEM;
	ret = posix_spawn_file_actions_init(&fa);
	if (!ret) {
		ret = posix_spawn_file_actions_addopen(&fa, STDIN_FILENO,
						       "/dev/null", O_RDONLY,
						       0);
		if (!ret)
			ret = posix_spawn(pid, prog, &fa, NULL, argv, env);
		posix_spawn_file_actions_destroy(&fa);
	}
	hook_env_free(env);
	return -ret;
}

/* waits for pid (its pidfd pfd) at most timeout_ms; its wait status */
static int hook_wait(pid_t pid, int pfd, unsigned int timeout_ms, int *status)
{
	struct pollfd p = { .fd = pfd, .events = POLLIN };
	int ret;

	do
		ret = poll(&p, 1, (int)timeout_ms);
	while (ret < 0 && errno == EINTR);
	if (ret == 0)
		kill(pid, SIGKILL);
	while (waitpid(pid, status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	return ret == 0 ? -ETIMEDOUT : 0;
}

static int hook_status(const char *prog, const char *what, int status)
{
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status))
		syslog(LOG_ERR, "hook %s %s: exit %d", prog, what,
		       WEXITSTATUS(status));
	else
		syslog(LOG_ERR, "hook %s %s: signal %d", prog, what,
		       WTERMSIG(status));
	return -ECHILD;
}

int hook_run(const char *prog, const char *what, const struct hook_var *vars,
	     size_t n, unsigned int timeout_ms)
{
	int status = 0, pfd, ret;
	pid_t pid = -1;

	if (!prog || !*prog)
		return -EINVAL;
	ret = hook_spawn(prog, what, vars, n, &pid);
	if (!ret && pid <= 0)
		ret = -ECHILD;
	if (ret) {
		syslog(LOG_ERR, "hook %s %s: %s", prog, what, strerror(-ret));
		return ret;
	}
	pfd = pidfd_open(pid, 0);
	if (pfd < 0) {
		ret = -errno;
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		return ret;
	}
	ret = hook_wait(pid, pfd, timeout_ms, &status);
	close(pfd);
	if (ret) {
		syslog(LOG_ERR, "hook %s %s: %s", prog, what,
		       ret == -ETIMEDOUT ? "killed after its time limit" :
		       "lost");
		return ret;
	}
	return hook_status(prog, what, status);
}
