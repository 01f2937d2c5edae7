// SPDX-License-Identifier: GPL-2.0
/* sched.h: resync schedules: the arithmetic (pure functions) and the
 * daemon's timers. */

/* included as "sched.h": fxsd.mk puts its folders on the -iquote path only, so
 * <sched.h> stays the C library's */
#ifndef FXSD_SCHED_H
#define FXSD_SCHED_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "param.h"

#define SCHED_DELAYS_MAX PARAM_DELAYS_MAX

/**
 * struct sched_delays - a delay list (Resync_Periodic,
 * Resync_Error_Retry_Delay): "3600", "3600+600", "1800+300,3600+600"
 * @delay: the elements in order, each base seconds plus up to spread
 *         random seconds; the last one repeats for every further use
 * @count: number of elements (at least 1)
 */
struct sched_delays {
	struct param_delay delay[SCHED_DELAYS_MAX];
	size_t count;
};

/* 0 or -EINVAL with err ("NAME: 'VALUE' is not ...") */
int sched_delays_parse(const char *name, const char *s,
		       struct sched_delays *out, char *err, size_t errlen);
/* element i (0-based; the last repeats) plus a random part in [0, its
 * spread] taken from the uniform 32-bit r; 0 when its base is 0 (off) */
unsigned long sched_delays_pick(const struct sched_delays *d, unsigned int i,
				unsigned int r);
/* delay before retry number n (n = 1 after the first failure), without
 * the random part; 0 means no retry (a delay of 0 disables retries, as on
 * the SPA) */
unsigned long sched_retry_delay(const struct sched_delays *r, unsigned int n);

/* Resync_At__HHmm_ "HHmm" (or "HH:mm"): minutes after midnight, -ENOENT
 * when blank (disabled), -EINVAL when malformed */
int sched_at_parse(const char *s, int *minutes);
/* the next local time after now at minutes past midnight */
time_t sched_next_at(time_t now, int minutes);
/* Resync_Periodic: seconds after the last success, 0 = never (returns 0) */
time_t sched_next_periodic(time_t last_success, unsigned long periodic);
/* a delay in [0, max] seconds from a random value r (uniform 32-bit) */
unsigned int sched_random_delay(unsigned int max, unsigned int r);
/* parses an unsigned decimal into *out; -EINVAL when not one */
int sched_parse_uint(const char *s, unsigned long *out);

/* ---- Forced_Resync_Delay: a due resync waits while a line is in use ---- */

#define SCHED_DEFER_RECHECK 5	/* seconds between line checks */

/**
 * struct sched_defer - a due resync held back while a line is in use
 * @since: wall time it was first held back (0: not held back)
 */
struct sched_defer {
	time_t since;
};

/* a line-in-use probe: 1 busy, 0 idle (<0 counts as idle) */
typedef int (*sched_busy_fn)(void *arg);

/* Decides whether a due resync runs at now: 1 (run) when busy is NULL or
 * says idle, or when forced_delay seconds have passed since it was first
 * held back (*forced then true); the hold-back is then cleared. Otherwise
 * 0 (wait), remembering when the first wait began. */
int sched_defer_check(struct sched_defer *d, time_t now,
		      unsigned long forced_delay, sched_busy_fn busy,
		      void *arg, bool *forced);
/* seconds until the next line check of a held-back resync: at most
 * SCHED_DEFER_RECHECK, less when Forced_Resync_Delay ends sooner */
unsigned long sched_defer_wait(const struct sched_defer *d, time_t now,
			       unsigned long forced_delay);

/* ---- the daemon's schedule (timers in loop.c, resyncs in resync.c) ---- */

struct loop;
struct loop_timer;

#define SCHED_PENDING 1	/* a resync runs; its end comes later */

/* told a resync's result when it ends */
typedef void (*sched_done_fn)(void *arg, int result);

/* $PRVST: why a resync runs */
enum resync_reason {
	RESYNC_EXPLICIT = -1,	/* fxsctl resync, trigger URL */
	RESYNC_POWERUP = 0,	/* Resync_On_Reset, link/address up */
	RESYNC_PERIODIC = 1,	/* Resync_Periodic, Resync_At */
	RESYNC_RETRY = 2,	/* Resync_Error_Retry_Delay */
	RESYNC_TRIGGER = 3,	/* Resync_Trigger_1/2 */
};

/**
 * struct sched_ops - what the schedule calls (resync.c in fxsd)
 * @run:    starts a resync (rule NULL: Profile_Rule.._D) for reason why:
 *          SCHED_PENDING while it runs (sched_resync_done ends it), or its
 *          result when it ended at once: 0, -ECANCELED (provisioning
 *          disabled) or -errno (failed)
 * @param:  a parameter's value, "" when unknown
 * @expand: macro expansion for Resync_Trigger conditions
 * @busy:   1 while a line is in use (scheduled resyncs wait), NULL: never
 * @outcome: the resync record's consecutive failures and the wall time of
 *          the last success (0: none); the resync owns both counters
 * @random: a uniform 32-bit random value for the random delays; NULL:
 *          getrandom() (tests inject their own)
 */
struct sched_ops {
	int (*run)(void *arg, const char *rule, int why);
	void (*param)(void *arg, const char *name, char *buf, size_t len);
	int (*expand)(void *arg, const char *in, char *out, size_t len);
	sched_busy_fn busy;
	void (*outcome)(void *arg, unsigned int *failures,
			time_t *last_success);
	unsigned int (*random)(void *arg);
};

/**
 * struct sched - when the next resyncs run
 * @loop:      the event loop owning the timers
 * @ops:       resync and parameter access
 * @arg:       passed to @ops
 * @t_next:    power-up, periodic, retry, trigger and link-up resyncs
 * @t_at:      the Resync_At__HHmm_ resync
 * @t_defer:   the line re-check of a resync held back by a line in use
 * @defer:     when that resync was first held back
 * @deferred:  a due resync is held back; @defer_why is its reason
 * @next_why:  enum resync_reason of @t_next
 * @next_time: wall time @t_next fires (0: disarmed)
 * @next_delay: seconds @t_next was last armed for
 * @periodic_runs: successful periodic resyncs in a row, the element of
 *             Resync_Periodic's list the next one uses
 * @at_time:   wall time @t_at fires (0: disarmed)
 * @running:   a resync started by @ops->run has not ended; @run_why is
 *             its reason, @waiter(@waiter_arg) is told its result
 * @queued:    a scheduled resync fell due while one ran: it runs, for
 *             @queued_why, when that one ends
 */
struct sched {
	struct loop *loop;
	const struct sched_ops *ops;
	void *arg;
	struct loop_timer *t_next;
	struct loop_timer *t_at;
	struct loop_timer *t_defer;
	struct sched_defer defer;
	int deferred;
	int defer_why;
	int next_why;
	time_t next_time;
	unsigned long next_delay;
	unsigned int periodic_runs;
	time_t at_time;
	int running;
	int run_why;
	sched_done_fn waiter;
	void *waiter_arg;
	int queued;
	int queued_why;
};

int sched_init(struct sched *s, struct loop *l, const struct sched_ops *ops,
	       void *arg);
/* the power-up schedule: Resync_On_Reset after the random delay,
 * Resync_At, periodic */
void sched_start(struct sched *s);
/*
 * Starts a resync now (rule NULL: Profile_Rule.._D), never held back by a
 * line in use (a held-back one is dropped), and plans the next when it
 * ends. SCHED_PENDING: it runs, and done(arg, result) follows (done may be
 * NULL). Otherwise its result, done not called: 0, -errno, -ECANCELED,
 * or -EBUSY when a resync already runs (one at a time; nothing started).
 */
int sched_resync_now(struct sched *s, const char *rule, int why,
		     sched_done_fn done, void *arg);
/* the running resync ended with result: plans the next, tells its waiter,
 * then starts a scheduled one that fell due meanwhile */
void sched_resync_done(struct sched *s, int result);
/* plans the next resync after one ended with result */
void sched_after(struct sched *s, int result, int why);
/* link or address came up: a resync soon, as at power-up */
void sched_link_up(struct sched *s);

#endif /* FXSD_SCHED_H */
