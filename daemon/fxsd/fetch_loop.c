// SPDX-License-Identifier: GPL-2.0
/*
 * fetch_loop.c: runs the transfers of a fetch_multi (libcurl's multi
 * interface) in fxsd's event loop: each socket curl asks for is watched
 * by loop.c's epoll, its timeout is one loop timer, and their wakeups go
 * back to fetch_multi_socket() and fetch_multi_timeout(). No transfer
 * ever blocks the loop.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/epoll.h>

#include "fetch.h"
#include "fetch_loop.h"
#include "loop.h"

struct fetch_loop {
	struct loop *loop;
	struct loop_timer *timer;
	struct fetch_multi *m;
};

static void on_fd(struct loop *l, int fd, uint32_t events, void *arg)
{
	struct fetch_loop *fl = arg;
	unsigned int what = 0;

	(void)l;
	if (events & EPOLLIN)
		what |= FETCH_IN;
	if (events & EPOLLOUT)
		what |= FETCH_OUT;
	if (events & (EPOLLERR | EPOLLHUP))
		what |= FETCH_ERR;
	fetch_multi_socket(fl->m, fd, what);
}

static void on_timer(struct loop *l, struct loop_timer *t, void *arg)
{
	struct fetch_loop *fl = arg;

	(void)l;
	(void)t;
	fetch_multi_timeout(fl->m);
}

/*
 * curl may close a socket and get the same number for a new one before
 * it says so: epoll then no longer knows the fd (close dropped it), so a
 * failed change re-registers it.
 */
static int watch(void *arg, int fd, unsigned int what)
{
	struct fetch_loop *fl = arg;
	uint32_t ev = 0;
	int ret;

	if (!what) {
		loop_del_fd(fl->loop, fd);
		return 0;
	}
	if (what & FETCH_IN)
		ev |= EPOLLIN;
	if (what & FETCH_OUT)
		ev |= EPOLLOUT;
	ret = loop_mod_fd(fl->loop, fd, ev);
	if (!ret)
		return 0;
	loop_del_fd(fl->loop, fd);	/* stale, or not watched yet */
	return loop_add_fd(fl->loop, fd, ev, on_fd, fl);
}

static void timer(void *arg, long ms)
{
	struct fetch_loop *fl = arg;

	if (ms < 0)
		loop_timer_disarm(fl->timer);
	else
		loop_timer_arm(fl->timer, (uint64_t)ms);
}

static const struct fetch_loop_ops fetch_loop_ops = {
	.watch = watch,
	.timer = timer,
};

int fetch_loop_new(struct loop *l, struct fetch_loop **out)
{
	struct fetch_loop *fl = calloc(1, sizeof(*fl));
	int ret;

	if (!fl)
		return -ENOMEM;
	fl->loop = l;
	ret = loop_timer_new(l, on_timer, fl, &fl->timer);
	if (!ret)
		ret = fetch_multi_new(&fetch_loop_ops, fl, &fl->m);
	if (ret) {
		loop_timer_free(fl->timer);
		free(fl);
		return ret;
	}
	*out = fl;
	return 0;
}

void fetch_loop_free(struct fetch_loop *fl)
{
	if (!fl)
		return;
	fetch_multi_free(fl->m);
	loop_timer_free(fl->timer);
	free(fl);
}

struct fetch_multi *fetch_loop_multi(struct fetch_loop *fl)
{
	return fl->m;
}
