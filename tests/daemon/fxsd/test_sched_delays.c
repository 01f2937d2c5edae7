// SPDX-License-Identifier: GPL-2.0
/* test_sched_delays.c: the daemon's schedule honours the random spreads of
 * Resync_Periodic and Resync_Error_Retry_Delay, with the random source
 * injected through sched_ops and the parameters from a fake store. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "kselftest_harness.h"
#include "loop.h"
#include "sched.h"

struct fake {
	const char *periodic;	/* Resync_Periodic */
	const char *retry;	/* Resync_Error_Retry_Delay */
	unsigned int failures;	/* the resync record's */
	unsigned int rnd;	/* what the random source answers */
};

static void fake_param(void *arg, const char *name, char *buf, size_t len)
{
	struct fake *f = arg;
	const char *v = "";

	if (!strcmp(name, "Resync_Periodic"))
		v = f->periodic;
	else if (!strcmp(name, "Resync_Error_Retry_Delay"))
		v = f->retry;
	snprintf(buf, len, "%s", v);
}

static void fake_outcome(void *arg, unsigned int *failures,
			 time_t *last_success)
{
	struct fake *f = arg;

	*failures = f->failures;
	*last_success = 0;	/* periodic counts from now */
}

static unsigned int fake_random(void *arg)
{
	return ((struct fake *)arg)->rnd;
}

static const struct sched_ops fake_ops = {
	.param = fake_param,
	.outcome = fake_outcome,
	.random = fake_random,
};

FIXTURE(sd) {
	struct loop *loop;
	struct sched s;
	struct fake f;
};

FIXTURE_SETUP(sd)
{
	self->f = (struct fake){ .periodic = "3600", .retry = "3600" };
	ASSERT_EQ(0, loop_new(&self->loop));
	ASSERT_EQ(0, sched_init(&self->s, self->loop, &fake_ops, &self->f));
}

FIXTURE_TEARDOWN(sd)
{
	loop_free(self->loop);
}

/* the delay sched_after arms after a resync that ended with result */
static unsigned long delay_after(FIXTURE_DATA(sd) *self, int result, int why,
				 unsigned int rnd)
{
	self->f.rnd = rnd;
	sched_after(&self->s, result, why);
	return self->s.next_delay;
}

TEST_F(sd, periodic_spread_in_range)
{
	static const unsigned int rnd[] = { 0, 12345, 0x80000000u, 0xffffffffu };
	unsigned long d;
	size_t i;

	self->f.periodic = "3600+600";
	for (i = 0; i < sizeof(rnd) / sizeof(rnd[0]); i++) {
		d = delay_after(self, 0, RESYNC_POWERUP, rnd[i]);
		EXPECT_EQ(RESYNC_PERIODIC, self->s.next_why);
		EXPECT_GE(d, 3600);
		EXPECT_LE(d, 4200);
	}
	EXPECT_EQ(3600, delay_after(self, 0, RESYNC_POWERUP, 0));
	EXPECT_EQ(4200, delay_after(self, 0, RESYNC_POWERUP, 0xffffffffu));
}

TEST_F(sd, periodic_list_walks_with_periodic_successes)
{
	self->f.periodic = "600,1200+60";
	EXPECT_EQ(600, delay_after(self, 0, RESYNC_POWERUP, 0xffffffffu));
	EXPECT_EQ(1260, delay_after(self, 0, RESYNC_PERIODIC, 0xffffffffu));
	EXPECT_EQ(1200, delay_after(self, 0, RESYNC_PERIODIC, 0));
	/* any other resync starts the list again */
	EXPECT_EQ(600, delay_after(self, 0, RESYNC_EXPLICIT, 0));
}

TEST_F(sd, retry_per_element_spreads)
{
	static const unsigned long lo[] = { 1800, 3600, 7200, 7200 };
	static const unsigned long hi[] = { 2100, 4200, 8100, 8100 };
	unsigned long d;
	unsigned int n;

	self->f.retry = "1800+300,3600+600,7200+900";
	for (n = 1; n <= 4; n++) {
		self->f.failures = n;
		EXPECT_EQ(lo[n - 1], delay_after(self, -EIO, RESYNC_RETRY, 0));
		EXPECT_EQ(RESYNC_RETRY, self->s.next_why);
		EXPECT_EQ(hi[n - 1], delay_after(self, -EIO, RESYNC_RETRY,
						 0xffffffffu));
		d = delay_after(self, -EIO, RESYNC_RETRY, 0x9e3779b9u);
		EXPECT_GE(d, lo[n - 1]);
		EXPECT_LE(d, hi[n - 1]);
	}
}

TEST_F(sd, retry_trailing_spread_is_the_last_elements)
{
	self->f.retry = "60,120+30";
	self->f.failures = 1;
	EXPECT_EQ(60, delay_after(self, -EIO, RESYNC_RETRY, 0xffffffffu));
	self->f.failures = 2;
	EXPECT_EQ(150, delay_after(self, -EIO, RESYNC_RETRY, 0xffffffffu));
}

TEST_F(sd, retry_zero_falls_back_to_periodic)
{
	self->f.retry = "0+600";
	self->f.failures = 1;
	EXPECT_EQ(3600, delay_after(self, -EIO, RESYNC_RETRY, 0xffffffffu));
	EXPECT_EQ(RESYNC_PERIODIC, self->s.next_why);
}

TEST_F(sd, unparsable_store_value_uses_the_default)
{
	self->f.retry = "soon";
	self->f.periodic = "3600+";
	self->f.failures = 1;
	EXPECT_EQ(3600, delay_after(self, -EIO, RESYNC_RETRY, 0xffffffffu));
	EXPECT_EQ(RESYNC_RETRY, self->s.next_why);
	EXPECT_EQ(3600, delay_after(self, 0, RESYNC_POWERUP, 0xffffffffu));
}

TEST_HARNESS_MAIN
