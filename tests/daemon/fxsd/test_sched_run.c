// SPDX-License-Identifier: GPL-2.0
/*
 * test_sched_run.c: one resync at a time. The fake resync stays running
 * (SCHED_PENDING) until the test ends it with sched_resync_done(): a
 * second explicit start is refused with -EBUSY and starts nothing, the
 * first one's waiter hears its result, and a scheduled resync that falls
 * due meanwhile runs right after it, not never and not twice.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "kselftest_harness.h"
#include "loop.h"
#include "sched.h"

struct fake {
	int runs;		/* starts asked of the resync */
	int why[4];		/* their reasons */
	int pending;		/* the next start stays running */
	int told;		/* waiter calls */
	int told_result;
};

static int fake_run(void *arg, const char *rule, int why)
{
	struct fake *f = arg;

	(void)rule;
	if (f->runs < 4)
		f->why[f->runs] = why;
	f->runs++;
	return f->pending ? SCHED_PENDING : 0;
}

static void fake_param(void *arg, const char *name, char *buf, size_t len)
{
	(void)arg;
	snprintf(buf, len, "%s", !strcmp(name, "Resync_Random_Delay") ||
		 !strcmp(name, "Resync_Periodic") ? "0" : "");
}

static void fake_outcome(void *arg, unsigned int *failures,
			 time_t *last_success)
{
	(void)arg;
	*failures = 0;
	*last_success = 0;
}

static unsigned int fake_random(void *arg)
{
	(void)arg;
	return 0;
}

static const struct sched_ops fake_ops = {
	.run = fake_run,
	.param = fake_param,
	.outcome = fake_outcome,
	.random = fake_random,
};

static void waiter(void *arg, int result)
{
	struct fake *f = arg;

	f->told++;
	f->told_result = result;
}

static void quit(struct loop *l, struct loop_timer *t, void *arg)
{
	(void)t;
	(void)arg;
	loop_quit(l);
}

FIXTURE(sr) {
	struct loop *loop;
	struct sched s;
	struct fake f;
};

FIXTURE_SETUP(sr)
{
	memset(&self->f, 0, sizeof(self->f));
	self->f.pending = 1;
	ASSERT_EQ(0, loop_new(&self->loop));
	ASSERT_EQ(0, sched_init(&self->s, self->loop, &fake_ops, &self->f));
}

FIXTURE_TEARDOWN(sr)
{
	loop_free(self->loop);
}

TEST_F(sr, second_explicit_resync_refused_while_one_runs)
{
	ASSERT_EQ(SCHED_PENDING, sched_resync_now(&self->s, NULL,
						  RESYNC_EXPLICIT, waiter,
						  &self->f));
	EXPECT_EQ(1, self->s.running);
	EXPECT_EQ(-EBUSY, sched_resync_now(&self->s, "( GPP_A = x ; )!",
					   RESYNC_EXPLICIT, waiter, &self->f));
	EXPECT_EQ(1, self->f.runs);
	EXPECT_EQ(0, self->f.told);
	sched_resync_done(&self->s, -EIO);
	EXPECT_EQ(1, self->f.told);
	EXPECT_EQ(-EIO, self->f.told_result);
	EXPECT_EQ(0, self->s.running);
	/* the next one may start */
	self->f.pending = 0;
	EXPECT_EQ(0, sched_resync_now(&self->s, NULL, RESYNC_EXPLICIT, waiter,
				      &self->f));
	EXPECT_EQ(2, self->f.runs);
	/* an immediate result is returned, not told */
	EXPECT_EQ(1, self->f.told);
}

TEST_F(sr, scheduled_resync_due_meanwhile_follows)
{
	struct loop_timer *t;

	ASSERT_EQ(SCHED_PENDING, sched_resync_now(&self->s, NULL,
						  RESYNC_EXPLICIT, NULL, NULL));
	/* a link-up resync falls due at once; the loop runs its timer */
	sched_link_up(&self->s);
	ASSERT_EQ(0, loop_timer_new(self->loop, quit, NULL, &t));
	ASSERT_EQ(0, loop_timer_arm(t, 200));
	ASSERT_LE(0, loop_run(self->loop));
	EXPECT_EQ(1, self->f.runs);
	EXPECT_EQ(1, self->s.queued);
	self->f.pending = 0;
	sched_resync_done(&self->s, 0);
	ASSERT_EQ(2, self->f.runs);
	EXPECT_EQ(RESYNC_EXPLICIT, self->f.why[0]);
	EXPECT_EQ(RESYNC_POWERUP, self->f.why[1]);
	EXPECT_EQ(0, self->s.queued);
	EXPECT_EQ(0, self->s.running);
	loop_timer_free(t);
}

TEST_HARNESS_MAIN
