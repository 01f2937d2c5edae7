// SPDX-License-Identifier: GPL-2.0
/* loop.h: fxsd's single-threaded event loop (epoll, timerfd, signalfd). */
#ifndef FXSD_LOOP_H
#define FXSD_LOOP_H

#include <stdint.h>

struct loop;
struct loop_timer;

typedef void (*loop_fd_fn)(struct loop *l, int fd, uint32_t events,
			   void *arg);
typedef void (*loop_timer_fn)(struct loop *l, struct loop_timer *t,
			      void *arg);

/* epoll plus a signalfd for SIGTERM, SIGINT and SIGHUP (which end
 * loop_run) and SIGPIPE ignored. 0 or -errno. */
int loop_new(struct loop **out);
void loop_free(struct loop *l);
/*
 * After fork() (daemon()), in the child: a signalfd wakes the epoll of the
 * process that added it, so the child adds it again to see its own
 * signals. 0 or -errno.
 */
int loop_forked(struct loop *l);

/* watch fd for events (EPOLLIN, ...); fn runs for each wakeup */
int loop_add_fd(struct loop *l, int fd, uint32_t events, loop_fd_fn fn,
		void *arg);
/* changes the events watched for fd */
int loop_mod_fd(struct loop *l, int fd, uint32_t events);
/* stops watching fd (an event already fetched for it is dropped) */
int loop_del_fd(struct loop *l, int fd);

/* a one-shot CLOCK_MONOTONIC timer (a timerfd), disarmed at first */
int loop_timer_new(struct loop *l, loop_timer_fn fn, void *arg,
		   struct loop_timer **out);
/* unregisters, closes and frees t (NULL is ignored) */
void loop_timer_free(struct loop_timer *t);
/* (re)arms to fire once after delay_ms (0: as soon as the loop runs) */
int loop_timer_arm(struct loop_timer *t, uint64_t delay_ms);
void loop_timer_disarm(struct loop_timer *t);
int loop_timer_armed(const struct loop_timer *t);
/* ms until it fires, or -1 when disarmed */
int64_t loop_timer_remaining_ms(const struct loop_timer *t);

/* runs until loop_quit or a terminating signal; returns the signal
 * number that ended it (0 for loop_quit) or -errno */
int loop_run(struct loop *l);
void loop_quit(struct loop *l);

#endif
