// SPDX-License-Identifier: GPL-2.0
/* test_ctl.c: the control socket protocol and the event loop under it. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "ctl.h"
#include "ctl_server.h"
#include "loop.h"
#include "util.h"

static int echo_handler(void *arg, const char *line, FILE *out, char *err,
			size_t errlen)
{
	(void)arg;
	if (!strcmp(line, "quit")) {
		loop_quit(arg);
		return 0;
	}
	if (!strncmp(line, "echo ", 5)) {
		fprintf(out, "%s\nline two\n", line + 5);
		return 0;
	}
	snprintf(err, errlen, "unknown command '%s'", line);
	return -EINVAL;
}

static void timer_fired(struct loop *l, struct loop_timer *t, void *arg)
{
	(void)t;
	*(int *)arg += 1;
	loop_quit(l);
}

FIXTURE(ctl)
{
	char dir[UTIL_DIR_MAX];
	char path[UTIL_DIR_MAX + 16];
	pid_t pid;
};

/* the child runs a loop with the socket until "quit" or SIGTERM */
FIXTURE_SETUP(ctl)
{
	struct loop *l;
	struct ctl *c;
	int i;

	self->pid = 0;
	ASSERT_EQ(0, util_tmpdir(self->dir, "test_ctl"));
	snprintf(self->path, sizeof(self->path), "%s/ctl.sock", self->dir);
	self->pid = fork();
	ASSERT_LE(0, self->pid);
	if (!self->pid) {
		if (loop_new(&l) || ctl_open(l, self->path, echo_handler, l, &c))
			_exit(2);
		i = loop_run(l);
		ctl_close(c);
		loop_free(l);
		_exit(i == SIGTERM ? 15 : i == 0 ? 0 : 3);
	}
	for (i = 0; i < 500 && access(self->path, F_OK); i++)
		usleep(10000);
	ASSERT_EQ(0, access(self->path, F_OK));
}

FIXTURE_TEARDOWN(ctl)
{
	if (self->pid > 0) {
		kill(self->pid, SIGKILL);
		waitpid(self->pid, NULL, 0);
	}
	util_rmtree(self->dir);
}

TEST_F(ctl, ok_reply_with_payload)
{
	char *reply = NULL;

	ASSERT_EQ(0, ctl_request(self->path, "echo hello", &reply));
	EXPECT_STREQ("hello\nline two\n", reply);
	free(reply);
}

TEST_F(ctl, error_reply)
{
	char *reply = NULL;

	ASSERT_EQ(1, ctl_request(self->path, "frobnicate", &reply));
	EXPECT_STREQ("unknown command 'frobnicate'", reply);
	free(reply);
}

TEST_F(ctl, quit_removes_socket)
{
	char *reply = NULL;
	int status;

	ASSERT_EQ(0, ctl_request(self->path, "quit", &reply));
	free(reply);
	ASSERT_EQ(self->pid, waitpid(self->pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	EXPECT_NE(0, access(self->path, F_OK));
}

TEST_F(ctl, sigterm_ends_the_loop_cleanly)
{
	int status;

	ASSERT_EQ(0, kill(self->pid, SIGTERM));
	ASSERT_EQ(self->pid, waitpid(self->pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(15, WEXITSTATUS(status));
	EXPECT_NE(0, access(self->path, F_OK));
}

TEST(no_server)
{
	char *reply = NULL;

	EXPECT_EQ(-ENOENT, ctl_request("/tmp/test_ctl.none.sock", "status",
				       &reply));
	EXPECT_EQ(-ENAMETOOLONG, ctl_request("/tmp/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
					     "status", &reply));
}

TEST(timer_fires_and_disarm_works)
{
	struct loop_timer *t, *t2;
	struct loop *l;
	int fired = 0, fired2 = 0;

	ASSERT_EQ(0, loop_new(&l));
	ASSERT_EQ(0, loop_timer_new(l, timer_fired, &fired, &t));
	ASSERT_EQ(0, loop_timer_new(l, timer_fired, &fired2, &t2));
	EXPECT_EQ(0, loop_timer_armed(t));
	EXPECT_EQ(-1, loop_timer_remaining_ms(t));
	ASSERT_EQ(0, loop_timer_arm(t2, 1));
	loop_timer_disarm(t2);
	ASSERT_EQ(0, loop_timer_arm(t, 0));
	EXPECT_EQ(1, loop_timer_armed(t));
	EXPECT_EQ(0, loop_run(l));
	EXPECT_EQ(1, fired);
	EXPECT_EQ(0, fired2);
	EXPECT_EQ(0, loop_timer_armed(t));
	loop_free(l);
}

TEST_HARNESS_MAIN
