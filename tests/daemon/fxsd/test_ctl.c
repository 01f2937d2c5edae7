// SPDX-License-Identifier: GPL-2.0
/* test_ctl.c: the control socket protocol and the event loop under it. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "ctl.h"
#include "ctl_server.h"
#include "loop.h"
#include "util.h"

/* the child's server, and the client its "later" command deferred */
static struct ctl *child_ctl;
static struct ctl_client *deferred;

static int echo_handler(void *arg, uid_t uid, const char *line, FILE *out,
			char *err, size_t errlen)
{
	if (!strcmp(line, "later") && !deferred) {
		deferred = ctl_defer(child_ctl);
		return deferred ? CTL_LATER : -EIO;
	}
	if (!strcmp(line, "deferred")) {
		fprintf(out, "%d\n", deferred != NULL);
		return 0;
	}
	if (!strcmp(line, "release") && deferred) {
		ctl_answer(deferred, 0, "released\n", NULL);
		deferred = NULL;
		fprintf(out, "released one\n");
		return 0;
	}
	if (!strcmp(line, "whoami")) {
		fprintf(out, "%u\n", (unsigned int)uid);
		return 0;
	}
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
		child_ctl = c;
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

/* a raw client: connected, nothing sent yet */
static int raw_client(const char *path)
{
	struct sockaddr_un sun;
	int fd;

	if (ctl_address(&sun, path))
		return -1;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd >= 0 && connect(fd, (struct sockaddr *)&sun, sizeof(sun))) {
		close(fd);
		return -1;
	}
	return fd;
}

/* what the server sends fd, until it closes or timeout_ms pass; -1 if it
 * did not close in time */
static int raw_reply(int fd, int timeout_ms, char *buf, size_t len)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	size_t n = 0;
	ssize_t r;

	for (;;) {
		if (poll(&p, 1, timeout_ms) != 1)
			return -1;
		r = read(fd, buf + n, len - 1 - n);
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	buf[n] = '\0';
	return 0;
}

TEST_F(ctl, peer_uid_reaches_the_handler)
{
	char *reply = NULL, want[32];

	ASSERT_EQ(0, ctl_request(self->path, "whoami", &reply));
	snprintf(want, sizeof(want), "%u\n", (unsigned int)getuid());
	EXPECT_STREQ(want, reply);
	free(reply);
}

/* regression: the server read one byte at a time with a 5 s timeout per
 * read, so a client that stopped mid-line held up every other client */
TEST_F(ctl, stalled_client_holds_up_nobody)
{
	char buf[256];
	int slow, fast;

	slow = raw_client(self->path);
	ASSERT_LE(0, slow);
	ASSERT_EQ(3, write(slow, "ech", 3));
	usleep(100000);
	fast = raw_client(self->path);
	ASSERT_LE(0, fast);
	ASSERT_EQ(8, write(fast, "echo hi\n", 8));
	/* answered well before the stalled client's deadline */
	ASSERT_EQ(0, raw_reply(fast, CTL_DEADLINE_MS * 4 / 5, buf, sizeof(buf)));
	EXPECT_STREQ("OK\nhi\nline two\n", buf);
	/* the stalled one finishes its line and is answered too */
	ASSERT_EQ(5, write(slow, "o x\n\n", 5));
	ASSERT_EQ(0, raw_reply(slow, CTL_DEADLINE_MS, buf, sizeof(buf)));
	EXPECT_STREQ("OK\nx\nline two\n", buf);
	close(fast);
	close(slow);
}

TEST_F(ctl, silent_client_dropped_at_its_deadline)
{
	char buf[64];
	int fd;

	fd = raw_client(self->path);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, raw_reply(fd, CTL_DEADLINE_MS * 2, buf, sizeof(buf)));
	EXPECT_STREQ("", buf);
	close(fd);
}

TEST_F(ctl, overlong_line_refused)
{
	char line[CTL_LINE_MAX + 100], buf[256];
	int fd;

	memset(line, 'x', sizeof(line));
	fd = raw_client(self->path);
	ASSERT_LE(0, fd);
	ASSERT_EQ((ssize_t)sizeof(line), write(fd, line, sizeof(line)));
	ASSERT_EQ(0, raw_reply(fd, CTL_DEADLINE_MS, buf, sizeof(buf)));
	EXPECT_NE(NULL, strstr(buf, "ERR request line over")) TH_LOG("%s", buf);
	close(fd);
}

TEST_F(ctl, clients_over_the_limit_told_busy)
{
	int fds[CTL_MAX_CLIENTS], extra, i;
	char buf[128], *reply = NULL;

	for (i = 0; i < CTL_MAX_CLIENTS; i++) {
		fds[i] = raw_client(self->path);
		ASSERT_LE(0, fds[i]);
	}
	/* until the server has taken all of them in, a newcomer is just one
	 * more client: ask again, shortly, until it is told busy */
	buf[0] = '\0';
	for (i = 0; i < 100 && !strstr(buf, "busy"); i++) {
		extra = raw_client(self->path);
		ASSERT_LE(0, extra);
		if (raw_reply(extra, 200, buf, sizeof(buf)))
			buf[0] = '\0';
		close(extra);
	}
	EXPECT_NE(NULL, strstr(buf, "busy")) TH_LOG("%s", buf);
	for (i = 0; i < CTL_MAX_CLIENTS; i++)
		close(fds[i]);
	usleep(200000);
	/* room again once they are gone */
	ASSERT_EQ(0, ctl_request(self->path, "echo back", &reply));
	free(reply);
}

/* bounded wait until the server holds a deferred client */
static int wait_deferred(const char *path)
{
	char *reply = NULL;
	int i, held = 0;

	for (i = 0; i < 500 && !held; i++) {
		if (ctl_request(path, "deferred", &reply))
			return -1;
		held = !strcmp(reply, "1\n");
		free(reply);
		if (!held)
			usleep(10000);
	}
	return held ? 0 : -1;
}

/* a command that waits (a resync) answers its client when it ends, past
 * the usual deadline, while others are served meanwhile */
TEST_F(ctl, deferred_client_answered_later_others_meanwhile)
{
	struct pollfd p = { .events = POLLIN };
	char *reply = NULL, buf[128];
	int fd;

	fd = raw_client(self->path);
	ASSERT_LE(0, fd);
	ASSERT_EQ(6, write(fd, "later\n", 6));
	ASSERT_EQ(0, wait_deferred(self->path));
	ASSERT_EQ(0, ctl_request(self->path, "echo meanwhile", &reply));
	EXPECT_STREQ("meanwhile\nline two\n", reply);
	free(reply);
	/* past its deadline it still waits, unanswered and not dropped */
	sleep(CTL_DEADLINE_MS / 1000 + 1);
	p.fd = fd;
	EXPECT_EQ(0, poll(&p, 1, 0));
	ASSERT_EQ(0, ctl_request(self->path, "release", &reply));
	EXPECT_STREQ("released one\n", reply);
	free(reply);
	ASSERT_EQ(0, raw_reply(fd, CTL_DEADLINE_MS, buf, sizeof(buf)));
	EXPECT_STREQ("OK\nreleased\n", buf);
	close(fd);
}

TEST_F(ctl, deferred_client_gone_before_its_answer)
{
	char *reply = NULL;
	int fd;

	fd = raw_client(self->path);
	ASSERT_LE(0, fd);
	ASSERT_EQ(6, write(fd, "later\n", 6));
	ASSERT_EQ(0, wait_deferred(self->path));
	close(fd);
	ASSERT_EQ(0, ctl_request(self->path, "release", &reply));
	free(reply);
	ASSERT_EQ(0, ctl_request(self->path, "echo still", &reply));
	EXPECT_STREQ("still\nline two\n", reply);
	free(reply);
	ASSERT_EQ(0, ctl_request(self->path, "deferred", &reply));
	EXPECT_STREQ("0\n", reply);
	free(reply);
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
