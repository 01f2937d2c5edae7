// SPDX-License-Identifier: GPL-2.0
/* hook_run.c: fork/exec of a hook program with its FXS_* environment,
 * waited for through a pidfd with a time limit. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <syslog.h>
#include <unistd.h>
#include <sys/pidfd.h>
#include <sys/wait.h>

#include "hook_run.h"

#define HOOK_EXEC_FAILED 127

static void hook_child(const char *prog, const char *what,
		       const struct hook_var *vars, size_t n)
{
	int fd = open("/dev/null", O_RDONLY);
	size_t i;

	if (fd < 0 || dup2(fd, STDIN_FILENO) < 0)
		_exit(HOOK_EXEC_FAILED);
	for (i = 0; i < n; i++)
		if (setenv(vars[i].name, vars[i].value, 1))
			_exit(HOOK_EXEC_FAILED);
	execl(prog, prog, what, (char *)NULL);
	_exit(HOOK_EXEC_FAILED);
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

int hook_run(const char *prog, const char *what, const struct hook_var *vars,
	     size_t n, unsigned int timeout_ms)
{
	int status = 0, pfd, ret;
	pid_t pid;

	if (!prog || !*prog)
		return -EINVAL;
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0)
		hook_child(prog, what, vars, n);
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
