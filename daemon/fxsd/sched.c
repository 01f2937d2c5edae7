// SPDX-License-Identifier: GPL-2.0
/*
 * sched.c: the resync schedules. First the arithmetic, as pure functions:
 * delay lists with random spreads ("1800+300,3600+600"), Resync_At times
 * of day, periodic resync and random delays. Then the daemon's schedule:
 * two loop timers (power-up/periodic/retry/trigger/link-up, and
 * Resync_At) that run resyncs through struct sched_ops.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <syslog.h>

#include "loop.h"
#include "param.h"
#include "rule.h"
#include "sched.h"

int sched_parse_uint(const char *s, unsigned long *out)
{
	unsigned long v;
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	if (!isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtoul(s, &end, 10);
	while (isspace((unsigned char)*end))
		end++;
	if (errno || *end || v > UINT_MAX)
		return -EINVAL;
	*out = v;
	return 0;
}

int sched_delays_parse(const char *name, const char *s,
		       struct sched_delays *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof(*out));
	if (!param_parse_delays(s, out->delay, SCHED_DELAYS_MAX, &out->count))
		return 0;
	snprintf(err, errlen,
		 "%s: '%.64s' is not SECONDS[+RANDOM] or a list like 1800+300,3600+600",
		 name, s);
	memset(out, 0, sizeof(*out));
	return -EINVAL;
}

static const struct param_delay *delay_at(const struct sched_delays *d,
					  unsigned int i)
{
	return &d->delay[i < d->count ? i : d->count - 1];
}

unsigned long sched_delays_pick(const struct sched_delays *d, unsigned int i,
				unsigned int r)
{
	const struct param_delay *e;

	if (!d->count)
		return 0;
	e = delay_at(d, i);
	if (!e->base)
		return 0;
	return e->base + sched_random_delay((unsigned int)e->spread, r);
}

unsigned long sched_retry_delay(const struct sched_delays *r, unsigned int n)
{
	if (!n || !r->count)
		return 0;
	return delay_at(r, n - 1)->base;
}

int sched_at_parse(const char *s, int *minutes)
{
	char digits[5];
	size_t n = 0;
	int h, m;

	while (isspace((unsigned char)*s))
		s++;
	if (!*s)
		return -ENOENT;
	for (; *s && !isspace((unsigned char)*s); s++) {
		if (*s == ':' && n == 2)
			continue;
		if (!isdigit((unsigned char)*s) || n == 4)
			return -EINVAL;
		digits[n++] = *s;
	}
	while (isspace((unsigned char)*s))
		s++;
	if (*s || n != 4)
		return -EINVAL;
	h = (digits[0] - '0') * 10 + digits[1] - '0';
	m = (digits[2] - '0') * 10 + digits[3] - '0';
	if (h > 23 || m > 59)
		return -EINVAL;
	*minutes = h * 60 + m;
	return 0;
}

time_t sched_next_at(time_t now, int minutes)
{
	struct tm tm;
	time_t t;
	int day;

	for (day = 0; day < 3; day++) {
		localtime_r(&now, &tm);
		tm.tm_mday += day;
		tm.tm_hour = minutes / 60;
		tm.tm_min = minutes % 60;
		tm.tm_sec = 0;
		tm.tm_isdst = -1;
		t = mktime(&tm);
		if (t > now)
			return t;
	}
	return now + 86400;
}

time_t sched_next_periodic(time_t last_success, unsigned long periodic)
{
	if (!periodic)
		return 0;
	return last_success + (time_t)periodic;
}

unsigned int sched_random_delay(unsigned int max, unsigned int r)
{
	if (!max)
		return 0;
	return (unsigned long long)r * ((unsigned long long)max + 1) >> 32;
}

int sched_defer_check(struct sched_defer *d, time_t now,
		      unsigned long forced_delay, sched_busy_fn busy,
		      void *arg, bool *forced)
{
	*forced = false;
	if (!busy || busy(arg) <= 0) {
		d->since = 0;
		return 1;
	}
	if (!d->since)
		d->since = now;
	if (now - d->since >= (time_t)forced_delay) {
		*forced = true;
		d->since = 0;
		return 1;
	}
	return 0;
}

unsigned long sched_defer_wait(const struct sched_defer *d, time_t now,
			       unsigned long forced_delay)
{
	time_t left = d->since + (time_t)forced_delay - now;

	if (left < 0)
		return 0;
	if (left < SCHED_DEFER_RECHECK)
		return (unsigned long)left;
	return SCHED_DEFER_RECHECK;
}

/* ---- the daemon's schedule ---- */

#define SCHED_TEXT_MAX 4096

static unsigned int rand32(void)
{
	unsigned int r = 0;

	if (getrandom(&r, sizeof(r), GRND_NONBLOCK) != sizeof(r))
		r = (unsigned int)time(NULL) * 2654435761u;
	return r;
}

static unsigned int sched_rand(struct sched *s)
{
	return s->ops->random ? s->ops->random(s->arg) : rand32();
}

static void sched_param(struct sched *s, const char *name, char *buf,
			size_t len)
{
	s->ops->param(s->arg, name, buf, len);
}

/* a delay list parameter; its table default when the value does not
 * parse (logged), no elements when neither does */
static void sched_param_delays(struct sched *s, const char *name,
			       struct sched_delays *out)
{
	const struct param_def *p = param_find(name);
	char buf[512], err[256];

	sched_param(s, name, buf, sizeof(buf));
	if (!sched_delays_parse(name, buf, out, err, sizeof(err)))
		return;
	syslog(LOG_WARNING, "%s", err);
	if (p)
		sched_delays_parse(name, param_default(p), out, err,
				   sizeof(err));
}

/* an unsigned parameter; its table default when the value does not parse */
static unsigned long sched_param_uint(struct sched *s, const char *name)
{
	const struct param_def *p = param_find(name);
	unsigned long v;
	char buf[64];

	sched_param(s, name, buf, sizeof(buf));
	if (!sched_parse_uint(buf, &v))
		return v;
	if (p && !sched_parse_uint(param_default(p), &v))
		return v;
	return 0;
}

static void arm_next(struct sched *s, unsigned long secs, int why)
{
	s->next_why = why;
	s->next_delay = secs;
	s->next_time = time(NULL) + secs;
	loop_timer_arm(s->t_next, (uint64_t)secs * 1000);
	syslog(LOG_INFO, "next resync in %lu s (reason %d)", secs, why);
}

static void disarm_next(struct sched *s)
{
	loop_timer_disarm(s->t_next);
	s->next_time = 0;
}

static void plan_at(struct sched *s)
{
	char buf[64];
	time_t now = time(NULL), t;
	int m;

	sched_param(s, "Resync_At__HHmm_", buf, sizeof(buf));
	if (sched_at_parse(buf, &m)) {
		loop_timer_disarm(s->t_at);
		s->at_time = 0;
		return;
	}
	t = sched_next_at(now, m) +
	    sched_random_delay(sched_param_uint(s, "Resync_At_Random_Delay"),
			       sched_rand(s));
	s->at_time = t;
	loop_timer_arm(s->t_at, (uint64_t)(t - now) * 1000);
}

static void plan_periodic(struct sched *s)
{
	time_t now = time(NULL), base, due, last_success;
	struct sched_delays pd;
	unsigned int failures;
	unsigned long p;

	sched_param_delays(s, "Resync_Periodic", &pd);
	p = sched_delays_pick(&pd, s->periodic_runs, sched_rand(s));
	if (!p) {
		disarm_next(s);
		return;
	}
	s->ops->outcome(s->arg, &failures, &last_success);
	base = last_success ? last_success : now;
	due = sched_next_periodic(base, p);
	arm_next(s, due > now ? (unsigned long)(due - now) : 0,
		 RESYNC_PERIODIC);
}

/* Resync_Trigger_1/2: a condition that holds asks for a resync */
static int trigger_holds(struct sched *s)
{
	static const char *const names[] = {
		"Resync_Trigger_1", "Resync_Trigger_2",
	};
	char *cond, err[256];
	size_t i;
	bool v;
	int hit = 0;

	cond = malloc(SCHED_TEXT_MAX);
	if (!cond)
		return 0;
	for (i = 0; i < 2 && !hit; i++) {
		sched_param(s, names[i], cond, SCHED_TEXT_MAX);
		if (!cond[strspn(cond, " \t")])
			continue;
		if (rule_cond_eval(cond, s->ops->expand, s->arg, &v, err,
				   sizeof(err))) {
			syslog(LOG_WARNING, "%s: %s", names[i], err);
			continue;
		}
		hit = v;
	}
	free(cond);
	return hit;
}

/* counts the successful periodic resyncs in a row (Resync_Periodic's
 * list walks on with them) */
static void count_periodic(struct sched *s, int result, int why)
{
	if (result == -ECANCELED)
		return;
	if (result || why != RESYNC_PERIODIC)
		s->periodic_runs = 0;
	else if (s->periodic_runs < SCHED_DELAYS_MAX)
		s->periodic_runs++;
}

void sched_after(struct sched *s, int result, int why)
{
	struct sched_delays rt;
	unsigned int failures;
	time_t last_success;
	unsigned long d = 0;

	count_periodic(s, result, why);
	plan_at(s);
	if (why != RESYNC_TRIGGER && result != -ECANCELED && trigger_holds(s)) {
		arm_next(s, 1, RESYNC_TRIGGER);
		return;
	}
	if (!result || result == -ECANCELED) {
		plan_periodic(s);
		return;
	}
	sched_param_delays(s, "Resync_Error_Retry_Delay", &rt);
	s->ops->outcome(s->arg, &failures, &last_success);
	if (failures)
		d = sched_delays_pick(&rt, failures - 1, sched_rand(s));
	if (d)
		arm_next(s, d, RESYNC_RETRY);
	else
		plan_periodic(s);
}

static void defer_clear(struct sched *s)
{
	s->deferred = 0;
	s->defer.since = 0;
	if (s->t_defer)
		loop_timer_disarm(s->t_defer);
}

int sched_resync_now(struct sched *s, const char *rule, int why,
		     sched_done_fn done, void *arg)
{
	int ret;

	if (s->running)
		return -EBUSY;
	defer_clear(s);
	ret = s->ops->run(s->arg, rule, why);
	if (ret == SCHED_PENDING) {
		s->running = 1;
		s->run_why = why;
		s->waiter = done;
		s->waiter_arg = arg;
		return ret;
	}
	sched_after(s, ret, why);
	return ret;
}

static void sched_due(struct sched *s, int why);

void sched_resync_done(struct sched *s, int result)
{
	sched_done_fn done = s->waiter;
	void *arg = s->waiter_arg;

	s->running = 0;
	s->waiter = NULL;
	s->waiter_arg = NULL;
	sched_after(s, result, s->run_why);
	if (done)
		done(arg, result);
	if (s->queued) {
		s->queued = 0;
		sched_due(s, s->queued_why);
	}
}

/* a scheduled resync is due: it runs unless a line is in use, then it
 * waits, re-checking the lines, for at most Forced_Resync_Delay */
static void sched_due(struct sched *s, int why)
{
	unsigned long forced_delay;
	bool forced;

	if (s->running) {
		/* one at a time: this one runs when the running one ends */
		if (!s->queued)
			syslog(LOG_INFO, "resync due while one runs: it follows");
		s->queued = 1;
		s->queued_why = why;
		return;
	}
	if (!s->deferred)
		s->defer_why = why;
	forced_delay = sched_param_uint(s, "Forced_Resync_Delay");
	if (!sched_defer_check(&s->defer, time(NULL), forced_delay,
			       s->ops->busy, s->arg, &forced)) {
		if (!s->deferred)
			syslog(LOG_INFO,
			       "resync deferred: a line is in use (Forced_Resync_Delay %lu s)",
			       forced_delay);
		s->deferred = 1;
		loop_timer_arm(s->t_defer, (uint64_t)1000 *
			       sched_defer_wait(&s->defer, time(NULL),
						forced_delay));
		return;
	}
	if (forced)
		syslog(LOG_NOTICE,
		       "Forced_Resync_Delay of %lu s passed: resync with a line in use",
		       forced_delay);
	sched_resync_now(s, NULL, s->defer_why, NULL, NULL);
}

static void on_next(struct loop *l, struct loop_timer *t, void *arg)
{
	struct sched *s = arg;

	(void)l;
	(void)t;
	s->next_time = 0;
	sched_due(s, s->next_why);
}

static void on_at(struct loop *l, struct loop_timer *t, void *arg)
{
	struct sched *s = arg;

	(void)l;
	(void)t;
	s->at_time = 0;
	sched_due(s, RESYNC_PERIODIC);
}

static void on_defer(struct loop *l, struct loop_timer *t, void *arg)
{
	struct sched *s = arg;

	(void)l;
	(void)t;
	sched_due(s, s->defer_why);
}

int sched_init(struct sched *s, struct loop *l, const struct sched_ops *ops,
	       void *arg)
{
	int ret;

	memset(s, 0, sizeof(*s));
	s->loop = l;
	s->ops = ops;
	s->arg = arg;
	ret = loop_timer_new(l, on_next, s, &s->t_next);
	if (!ret)
		ret = loop_timer_new(l, on_at, s, &s->t_at);
	if (!ret)
		ret = loop_timer_new(l, on_defer, s, &s->t_defer);
	return ret;
}

void sched_start(struct sched *s)
{
	char buf[16];

	plan_at(s);
	sched_param(s, "Resync_On_Reset", buf, sizeof(buf));
	if (strcasecmp(buf, "No")) {
		arm_next(s, sched_random_delay(20 * sched_param_uint(s, "Resync_Random_Delay"),
				       sched_rand(s)), RESYNC_POWERUP);
		return;
	}
	plan_periodic(s);
}

void sched_link_up(struct sched *s)
{
	arm_next(s, sched_random_delay(20 * sched_param_uint(s, "Resync_Random_Delay"),
				    sched_rand(s)),
		 RESYNC_POWERUP);
}
