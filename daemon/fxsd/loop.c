// SPDX-License-Identifier: GPL-2.0
/*
 * loop.c: the event loop of fxsd. Owns the epoll instance, one timerfd per
 * timer and the signalfd; every other module registers its fds here.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>

#include "loop.h"

#define LOOP_MAX_WATCH 128
#define LOOP_SLOT_BITS 8	/* epoll data: generation << 8 | slot */
_Static_assert(LOOP_MAX_WATCH <= 1 << LOOP_SLOT_BITS, "slot bits");

/* one watched fd; gen tells an event for a reused slot from a stale one */
struct loop_watch {
	int fd;
	loop_fd_fn fn;
	void *arg;
	struct loop_timer *timer;	/* set for timer fds */
	uint64_t gen;
};

struct loop_timer {
	struct loop *loop;
	int fd;
	loop_timer_fn fn;
	void *arg;
	int armed;
};

struct loop {
	int epfd;
	int sigfd;
	int quit;
	int signo;
	sigset_t oldmask;
	uint64_t gen;
	struct loop_watch watch[LOOP_MAX_WATCH];
};

static struct loop_watch *watch_find(struct loop *l, int fd)
{
	int i;

	for (i = 0; i < LOOP_MAX_WATCH; i++)
		if (l->watch[i].fn && l->watch[i].fd == fd)
			return &l->watch[i];
	return NULL;
}

static int add(struct loop *l, int fd, uint32_t events, loop_fd_fn fn,
	       void *arg, struct loop_timer *t)
{
	struct epoll_event ev = { .events = events };
	struct loop_watch *w = NULL;
	int i;

	for (i = 0; i < LOOP_MAX_WATCH && !w; i++)
		if (!l->watch[i].fn)
			w = &l->watch[i];
	if (!w)
		return -ENOSPC;
	ev.data.u64 = ++l->gen << LOOP_SLOT_BITS | (uint64_t)(w - l->watch);
	if (epoll_ctl(l->epfd, EPOLL_CTL_ADD, fd, &ev))
		return -errno;
	*w = (struct loop_watch){ .fd = fd, .fn = fn, .arg = arg, .timer = t,
				  .gen = l->gen };
	return 0;
}

int loop_add_fd(struct loop *l, int fd, uint32_t events, loop_fd_fn fn,
		void *arg)
{
	return add(l, fd, events, fn, arg, NULL);
}

int loop_mod_fd(struct loop *l, int fd, uint32_t events)
{
	struct loop_watch *w = watch_find(l, fd);
	struct epoll_event ev = { .events = events };

	if (!w)
		return -ENOENT;
	ev.data.u64 = w->gen << LOOP_SLOT_BITS | (uint64_t)(w - l->watch);
	if (epoll_ctl(l->epfd, EPOLL_CTL_MOD, fd, &ev))
		return -errno;
	return 0;
}

int loop_del_fd(struct loop *l, int fd)
{
	struct loop_watch *w = watch_find(l, fd);

	if (!w)
		return -ENOENT;
	epoll_ctl(l->epfd, EPOLL_CTL_DEL, fd, NULL);
	memset(w, 0, sizeof(*w));
	w->fd = -1;
	return 0;
}

static void on_signal(struct loop *l, int fd, uint32_t events, void *arg)
{
	struct signalfd_siginfo si;

	(void)events;
	(void)arg;
	if (read(fd, &si, sizeof(si)) != sizeof(si))
		return;
	syslog(LOG_INFO, "signal %u, exiting", si.ssi_signo);
	l->signo = si.ssi_signo;
	l->quit = 1;
}

int loop_new(struct loop **out)
{
	struct loop *l;
	sigset_t mask;
	int ret;

	l = calloc(1, sizeof(*l));
	if (!l)
		return -ENOMEM;
	for (ret = 0; ret < LOOP_MAX_WATCH; ret++)
		l->watch[ret].fd = -1;
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGHUP);
	sigprocmask(SIG_BLOCK, &mask, &l->oldmask);
	l->epfd = epoll_create1(EPOLL_CLOEXEC);
	l->sigfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
	if (l->epfd < 0 || l->sigfd < 0) {
		ret = -errno;
		goto out_free;
	}
	ret = loop_add_fd(l, l->sigfd, EPOLLIN, on_signal, NULL);
	if (ret)
		goto out_free;
	*out = l;
	return 0;
out_free:
	if (l->sigfd >= 0)
		close(l->sigfd);
	if (l->epfd >= 0)
		close(l->epfd);
	sigprocmask(SIG_SETMASK, &l->oldmask, NULL);
	free(l);
	return ret;
}

int loop_forked(struct loop *l)
{
	loop_del_fd(l, l->sigfd);
	return loop_add_fd(l, l->sigfd, EPOLLIN, on_signal, NULL);
}

void loop_free(struct loop *l)
{
	int i;

	if (!l)
		return;
	for (i = 0; i < LOOP_MAX_WATCH; i++)
		if (l->watch[i].timer) {
			close(l->watch[i].fd);
			free(l->watch[i].timer);
		}
	close(l->sigfd);
	close(l->epfd);
	sigprocmask(SIG_SETMASK, &l->oldmask, NULL);
	free(l);
}

static void on_timer(struct loop *l, int fd, uint32_t events, void *arg)
{
	struct loop_timer *t = arg;
	uint64_t n;

	(void)l;
	(void)events;
	if (read(fd, &n, sizeof(n)) != sizeof(n))
		return;
	t->armed = 0;
	t->fn(t->loop, t, t->arg);
}

int loop_timer_new(struct loop *l, loop_timer_fn fn, void *arg,
		   struct loop_timer **out)
{
	struct loop_timer *t;
	int ret;

	t = calloc(1, sizeof(*t));
	if (!t)
		return -ENOMEM;
	t->fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	if (t->fd < 0) {
		ret = -errno;
		free(t);
		return ret;
	}
	t->loop = l;
	t->fn = fn;
	t->arg = arg;
	ret = add(l, t->fd, EPOLLIN, on_timer, t, t);
	if (ret) {
		close(t->fd);
		free(t);
		return ret;
	}
	*out = t;
	return 0;
}

void loop_timer_free(struct loop_timer *t)
{
	if (!t)
		return;
	loop_del_fd(t->loop, t->fd);
	close(t->fd);
	free(t);
}

int loop_timer_arm(struct loop_timer *t, uint64_t delay_ms)
{
	struct itimerspec its = { 0 };

	if (!delay_ms)
		delay_ms = 1;	/* zero would disarm */
	its.it_value.tv_sec = delay_ms / 1000;
	its.it_value.tv_nsec = (delay_ms % 1000) * 1000000;
	if (timerfd_settime(t->fd, 0, &its, NULL))
		return -errno;
	t->armed = 1;
	return 0;
}

void loop_timer_disarm(struct loop_timer *t)
{
	struct itimerspec its = { 0 };

	timerfd_settime(t->fd, 0, &its, NULL);
	t->armed = 0;
}

int loop_timer_armed(const struct loop_timer *t)
{
	return t->armed;
}

int64_t loop_timer_remaining_ms(const struct loop_timer *t)
{
	struct itimerspec its;

	if (!t->armed || timerfd_gettime(t->fd, &its))
		return -1;
	return (int64_t)its.it_value.tv_sec * 1000 +
	       its.it_value.tv_nsec / 1000000;
}

void loop_quit(struct loop *l)
{
	l->quit = 1;
}

int loop_run(struct loop *l)
{
	struct epoll_event ev[16];
	struct loop_watch *w;
	int n, i;

	while (!l->quit) {
		n = epoll_wait(l->epfd, ev, 16, -1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		for (i = 0; i < n && !l->quit; i++) {
			w = &l->watch[ev[i].data.u64 &
				      ((1u << LOOP_SLOT_BITS) - 1)];
			/* a callback may have closed it, or its slot reused */
			if (w->fn && w->gen == ev[i].data.u64 >> LOOP_SLOT_BITS)
				w->fn(l, w->fd, ev[i].events, w->arg);
		}
	}
	return l->signo;
}
