// SPDX-License-Identifier: GPL-2.0
/*
 * test_fetch_loop.c: transfers run inside fxsd's event loop. A local HTTP
 * server (a child) sends half its answer, tells the test it holds the
 * rest, and waits; the test's loop gets that news as one more fd event
 * while the transfer is still in flight, releases the server from that
 * handler, and only then does the transfer's done callback run. An
 * ordering check: the loop went on while the transfer waited.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "fetch.h"
#include "fetch_loop.h"
#include "loop.h"

#define BODY "<flat-profile><GPP_A>held</GPP_A></flat-profile>"

/* the child: one request, half the body, "held" on tell, wait for a byte
 * on release, the rest */
static void held_serve(int lfd, int tell, int release)
{
	const char *body = BODY;
	size_t half = strlen(body) / 2;
	char buf[2048], head[256];
	ssize_t n;
	int cfd;

	cfd = accept(lfd, NULL, NULL);
	if (cfd < 0)
		_exit(1);
	n = read(cfd, buf, sizeof(buf));
	if (n <= 0)
		_exit(1);
	snprintf(head, sizeof(head),
		 "HTTP/1.0 200 OK\r\nContent-Length: %zu\r\n\r\n", strlen(body));
	if (write(cfd, head, strlen(head)) < 0 || write(cfd, body, half) < 0 ||
	    write(tell, "h", 1) != 1 || read(release, buf, 1) != 1 ||
	    write(cfd, body + half, strlen(body) - half) < 0)
		_exit(1);
	close(cfd);
	_exit(0);
}

FIXTURE(fl) {
	struct loop *loop;
	struct fetch_loop *fl;
	pid_t pid;
	int lfd;
	unsigned int port;
	int tell[2];
	int release[2];
	char order[8];		/* 'h' held seen, 'd' done, in order */
	size_t norder;
	int ret;
	char *data;
	size_t len;
	char err[512];
};

FIXTURE_SETUP(fl)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t sl = sizeof(sa);

	self->pid = 0;
	ASSERT_EQ(0, fetch_init());
	ASSERT_EQ(0, loop_new(&self->loop));
	ASSERT_EQ(0, fetch_loop_new(self->loop, &self->fl));
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	self->lfd = socket(AF_INET, SOCK_STREAM, 0);
	ASSERT_LE(0, self->lfd);
	ASSERT_EQ(0, bind(self->lfd, (struct sockaddr *)&sa, sizeof(sa)));
	ASSERT_EQ(0, listen(self->lfd, 1));
	ASSERT_EQ(0, getsockname(self->lfd, (struct sockaddr *)&sa, &sl));
	self->port = ntohs(sa.sin_port);
	ASSERT_EQ(0, pipe(self->tell));
	ASSERT_EQ(0, pipe(self->release));
	self->ret = 1;
}

FIXTURE_TEARDOWN(fl)
{
	if (self->pid > 0) {
		kill(self->pid, SIGKILL);
		waitpid(self->pid, NULL, 0);
	}
	fetch_loop_free(self->fl);
	loop_free(self->loop);
	close(self->lfd);
	free(self->data);
}

static void start_server(FIXTURE_DATA(fl) *self)
{
	self->pid = fork();
	if (!self->pid)
		held_serve(self->lfd, self->tell[1], self->release[0]);
}

/* the server holds the rest of its answer: note it, release it */
static void on_held(struct loop *l, int fd, uint32_t events, void *arg)
{
	FIXTURE_DATA(fl) *self = arg;
	char c;

	(void)events;
	if (read(fd, &c, 1) != 1)
		return;
	self->order[self->norder++] = 'h';
	loop_del_fd(l, fd);
	if (write(self->release[1], "r", 1) != 1)
		loop_quit(l);
}

static void on_done(void *arg, int ret, unsigned char *data, size_t len,
		    const char *err)
{
	FIXTURE_DATA(fl) *self = arg;

	self->order[self->norder++] = 'd';
	self->ret = ret;
	self->data = (char *)data;
	self->len = len;
	snprintf(self->err, sizeof(self->err), "%s", err);
	loop_quit(self->loop);
}

static int start_fetch(FIXTURE_DATA(fl) *self, unsigned int port,
		       struct fetch **f)
{
	struct fetch_req rq = { .timeout = 20 };
	char url[128];

	snprintf(url, sizeof(url), "http://127.0.0.1:%u/held.xml", port);
	rq.url = url;
	return fetch_start(fetch_loop_multi(self->fl), &rq, on_done, self, f,
			   self->err, sizeof(self->err));
}

TEST_F(fl, loop_serves_others_while_a_transfer_is_held)
{
	struct fetch *f;

	start_server(self);
	ASSERT_LT(0, self->pid);
	ASSERT_EQ(0, loop_add_fd(self->loop, self->tell[0], EPOLLIN, on_held,
				 self));
	ASSERT_EQ(0, start_fetch(self, self->port, &f));
	ASSERT_EQ(1u, fetch_multi_active(fetch_loop_multi(self->fl)));
	ASSERT_LE(0, loop_run(self->loop));
	ASSERT_EQ(2u, self->norder);
	EXPECT_EQ('h', self->order[0]);
	EXPECT_EQ('d', self->order[1]);
	ASSERT_EQ(0, self->ret) TH_LOG("%s", self->err);
	ASSERT_EQ(strlen(BODY), self->len);
	EXPECT_STREQ(BODY, self->data);
	EXPECT_EQ(0u, fetch_multi_active(fetch_loop_multi(self->fl)));
}

TEST_F(fl, refused_connection_is_reported_from_the_loop)
{
	struct fetch *f;
	unsigned int port = self->port;

	close(self->lfd);	/* nobody listens there any more */
	self->lfd = -1;
	ASSERT_EQ(0, start_fetch(self, port, &f));
	/* nothing is reported before the loop runs */
	EXPECT_EQ(0u, self->norder);
	ASSERT_LE(0, loop_run(self->loop));
	ASSERT_EQ(1u, self->norder);
	EXPECT_EQ(-ECONNREFUSED, self->ret);
	EXPECT_EQ(0, strncmp(self->err, "connect failed", 14)) TH_LOG("%s", self->err);
	EXPECT_EQ(NULL, self->data);
}

/* a cancelled transfer never calls back, and freeing the loop side with
 * one still running leaks nothing (ASan) */
TEST_F(fl, cancel_and_free_with_transfers_running)
{
	struct fetch *f, *g;

	start_server(self);
	ASSERT_LT(0, self->pid);
	ASSERT_EQ(0, start_fetch(self, self->port, &f));
	ASSERT_EQ(0, start_fetch(self, self->port, &g));
	EXPECT_EQ(2u, fetch_multi_active(fetch_loop_multi(self->fl)));
	fetch_cancel(f);
	EXPECT_EQ(1u, fetch_multi_active(fetch_loop_multi(self->fl)));
	fetch_loop_free(self->fl);
	self->fl = NULL;
	EXPECT_EQ(0u, self->norder);
}

TEST_HARNESS_MAIN
