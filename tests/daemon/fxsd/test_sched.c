// SPDX-License-Identifier: GPL-2.0
/* test_sched.c: retry lists, Resync_At times, periodic and random delays. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kselftest_harness.h"
#include "sched.h"

static int retry_parse(const char *s, struct sched_delays *r, char *err,
		       size_t errlen)
{
	return sched_delays_parse("Resync_Error_Retry_Delay", s, r, err,
				  errlen);
}

TEST(retry_single)
{
	struct sched_delays r;
	char err[256];

	ASSERT_EQ(0, retry_parse("3600", &r, err, sizeof(err)));
	EXPECT_EQ(3600u, sched_retry_delay(&r, 1));
	EXPECT_EQ(3600u, sched_retry_delay(&r, 7));
}

TEST(retry_list_with_step)
{
	struct sched_delays r;
	char err[256];

	ASSERT_EQ(0, retry_parse("60,120,240+30", &r, err, sizeof(err)));
	EXPECT_EQ(60u, sched_retry_delay(&r, 1));
	EXPECT_EQ(120u, sched_retry_delay(&r, 2));
	EXPECT_EQ(240u, sched_retry_delay(&r, 3));
	/* the last value repeats; +30 is a random extra, not a step */
	EXPECT_EQ(240u, sched_retry_delay(&r, 4));
	EXPECT_EQ(240u, sched_retry_delay(&r, 50));
	/* the spread belongs to the element it follows (the guides) */
	EXPECT_EQ(0u, r.delay[0].spread);
	EXPECT_EQ(0u, r.delay[1].spread);
	EXPECT_EQ(30u, r.delay[2].spread);
}

TEST(retry_list_without_step_repeats_last)
{
	struct sched_delays r;
	char err[256];

	ASSERT_EQ(0, retry_parse(" 10, 20 ", &r, err, sizeof(err)));
	EXPECT_EQ(10u, sched_retry_delay(&r, 1));
	EXPECT_EQ(20u, sched_retry_delay(&r, 2));
	EXPECT_EQ(20u, sched_retry_delay(&r, 9));
}

TEST(retry_zero_disables)
{
	struct sched_delays r;
	char err[256];

	ASSERT_EQ(0, retry_parse("0", &r, err, sizeof(err)));
	EXPECT_EQ(0u, sched_retry_delay(&r, 1));
	/* a zero element is off, whatever its spread */
	ASSERT_EQ(0, retry_parse("0+600", &r, err, sizeof(err)));
	EXPECT_EQ(0u, sched_delays_pick(&r, 0, 0xffffffffu));
}

TEST(retry_bad)
{
	static const char *const bad[] = {
		"", "abc", "60,", ",60", "60+", "60+x", "60,,120", "-5",
		"1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17", "99999999999",
		"60+30+30", "3600+", "+600", "3600+abc", "1800+300,,",
		"1800 +300", "1800+ 300", "60+99999999999", "60+-1",
	};
	struct sched_delays r;
	char err[256];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		EXPECT_EQ(-EINVAL, retry_parse(bad[i], &r, err, sizeof(err)))
			TH_LOG("accepted '%s'", bad[i]);
		EXPECT_NE(NULL, strstr(err, "Resync_Error_Retry_Delay"));
		EXPECT_EQ(0u, r.count);
	}
}

/* the guides' example: 30 min (+5), 1 h (+10), 2 h (+15), then 2 h (+15) */
TEST(retry_per_element_spread_stays_in_range)
{
	static const unsigned int rnd[] = { 0, 1, 0x7fffffffu, 0x80000000u,
					    0xdeadbeefu, 0xffffffffu };
	static const unsigned long lo[] = { 1800, 3600, 7200, 7200 };
	static const unsigned long hi[] = { 2100, 4200, 8100, 8100 };
	struct sched_delays r;
	char err[256];
	unsigned int i, k;
	unsigned long d;

	ASSERT_EQ(0, retry_parse("1800+300,3600+600,7200+900", &r, err,
				 sizeof(err)));
	ASSERT_EQ(3u, r.count);
	for (i = 0; i < 4; i++) {
		for (k = 0; k < sizeof(rnd) / sizeof(rnd[0]); k++) {
			d = sched_delays_pick(&r, i, rnd[k]);
			EXPECT_GE(d, lo[i]);
			EXPECT_LE(d, hi[i]);
		}
		/* the extremes of the random source reach both ends */
		EXPECT_EQ(lo[i], sched_delays_pick(&r, i, 0));
		EXPECT_EQ(hi[i], sched_delays_pick(&r, i, 0xffffffffu));
	}
}

TEST(periodic_spread)
{
	struct sched_delays p;
	char err[256];

	ASSERT_EQ(0, sched_delays_parse("Resync_Periodic", "3600+600", &p, err,
					sizeof(err)));
	EXPECT_EQ(3600u, sched_delays_pick(&p, 0, 0));
	EXPECT_EQ(4200u, sched_delays_pick(&p, 0, 0xffffffffu));
	EXPECT_EQ(4200u, sched_delays_pick(&p, 5, 0xffffffffu));
	ASSERT_EQ(-EINVAL, sched_delays_parse("Resync_Periodic", "3600+", &p,
					      err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "Resync_Periodic: '3600+'"));
}

TEST(at_parse)
{
	int m;

	ASSERT_EQ(0, sched_at_parse("0230", &m));
	EXPECT_EQ(150, m);
	ASSERT_EQ(0, sched_at_parse("23:59", &m));
	EXPECT_EQ(23 * 60 + 59, m);
	EXPECT_EQ(-ENOENT, sched_at_parse("  ", &m));
	EXPECT_EQ(-EINVAL, sched_at_parse("2400", &m));
	EXPECT_EQ(-EINVAL, sched_at_parse("1260", &m));
	EXPECT_EQ(-EINVAL, sched_at_parse("123", &m));
	EXPECT_EQ(-EINVAL, sched_at_parse("12345", &m));
	EXPECT_EQ(-EINVAL, sched_at_parse("ab:cd", &m));
}

TEST(next_at)
{
	struct tm tm = { .tm_year = 126, .tm_mon = 10, .tm_mday = 29,
			 .tm_hour = 10, .tm_min = 0, .tm_isdst = -1 };
	time_t now, t;
	struct tm got;

	setenv("TZ", "UTC", 1);
	tzset();
	now = mktime(&tm);
	/* later today */
	t = sched_next_at(now, 11 * 60 + 30);
	EXPECT_EQ(now + 90 * 60, t);
	/* earlier today: tomorrow */
	t = sched_next_at(now, 2 * 60);
	localtime_r(&t, &got);
	EXPECT_EQ(30, got.tm_mday);
	EXPECT_EQ(2, got.tm_hour);
	EXPECT_EQ(0, got.tm_min);
	/* exactly now: tomorrow, never now */
	EXPECT_EQ(now + 86400, sched_next_at(now, 10 * 60));
}

TEST(periodic)
{
	EXPECT_EQ(1000 + 3600, sched_next_periodic(1000, 3600));
	EXPECT_EQ(0, sched_next_periodic(1000, 0));
}

TEST(random_delay_bounds)
{
	EXPECT_EQ(0u, sched_random_delay(0, 0xffffffffu));
	EXPECT_EQ(0u, sched_random_delay(600, 0));
	EXPECT_EQ(600u, sched_random_delay(600, 0xffffffffu));
	EXPECT_LE(sched_random_delay(600, 0x80000000u), 600u);
	EXPECT_GE(sched_random_delay(600, 0x80000000u), 299u);
}

TEST(parse_uint)
{
	unsigned long v;

	ASSERT_EQ(0, sched_parse_uint(" 42 ", &v));
	EXPECT_EQ(42ul, v);
	EXPECT_EQ(-EINVAL, sched_parse_uint("4x", &v));
	EXPECT_EQ(-EINVAL, sched_parse_uint("", &v));
	EXPECT_EQ(-EINVAL, sched_parse_uint("-1", &v));
	EXPECT_EQ(-EINVAL, sched_parse_uint("99999999999", &v));
}

/* ---- Forced_Resync_Delay deferral, with a fake line probe ---- */

struct fake_lines {
	int busy;	/* what the probe answers */
	int calls;
};

static int fake_busy(void *arg)
{
	struct fake_lines *f = arg;

	f->calls++;
	return f->busy;
}

TEST(defer_idle_runs_at_once)
{
	struct sched_defer d = { 0 };
	struct fake_lines f = { .busy = 0 };
	bool forced = true;

	EXPECT_EQ(1, sched_defer_check(&d, 1000, 14400, fake_busy, &f,
				       &forced));
	EXPECT_FALSE(forced);
	EXPECT_EQ(0, d.since);
	EXPECT_EQ(1, f.calls);
}

TEST(defer_no_probe_runs)
{
	struct sched_defer d = { 0 };
	bool forced = true;

	EXPECT_EQ(1, sched_defer_check(&d, 1000, 14400, NULL, NULL, &forced));
	EXPECT_FALSE(forced);
}

TEST(defer_busy_waits_then_runs_when_idle)
{
	struct sched_defer d = { 0 };
	struct fake_lines f = { .busy = 1 };
	bool forced;

	EXPECT_EQ(0, sched_defer_check(&d, 1000, 600, fake_busy, &f, &forced));
	EXPECT_EQ(1000, d.since);
	/* still busy later: the first hold-back time is kept */
	EXPECT_EQ(0, sched_defer_check(&d, 1005, 600, fake_busy, &f, &forced));
	EXPECT_EQ(1000, d.since);
	f.busy = 0;
	EXPECT_EQ(1, sched_defer_check(&d, 1010, 600, fake_busy, &f, &forced));
	EXPECT_FALSE(forced);
	EXPECT_EQ(0, d.since);
	EXPECT_EQ(3, f.calls);
}

TEST(defer_forced_after_delay)
{
	struct sched_defer d = { 0 };
	struct fake_lines f = { .busy = 1 };
	bool forced;

	EXPECT_EQ(0, sched_defer_check(&d, 1000, 600, fake_busy, &f, &forced));
	EXPECT_EQ(0, sched_defer_check(&d, 1599, 600, fake_busy, &f, &forced));
	EXPECT_FALSE(forced);
	EXPECT_EQ(1, sched_defer_check(&d, 1600, 600, fake_busy, &f, &forced));
	EXPECT_TRUE(forced);
	EXPECT_EQ(0, d.since);
	/* the next due resync starts a new wait */
	EXPECT_EQ(0, sched_defer_check(&d, 1700, 600, fake_busy, &f, &forced));
	EXPECT_EQ(1700, d.since);
}

TEST(defer_zero_delay_never_waits)
{
	struct sched_defer d = { 0 };
	struct fake_lines f = { .busy = 1 };
	bool forced;

	EXPECT_EQ(1, sched_defer_check(&d, 1000, 0, fake_busy, &f, &forced));
	EXPECT_TRUE(forced);
}

TEST(defer_probe_error_counts_idle)
{
	struct sched_defer d = { .since = 900 };
	struct fake_lines f = { .busy = -EIO };
	bool forced;

	EXPECT_EQ(1, sched_defer_check(&d, 1000, 600, fake_busy, &f, &forced));
	EXPECT_FALSE(forced);
	EXPECT_EQ(0, d.since);
}

TEST(defer_wait_bounded_by_forced_delay)
{
	struct sched_defer d = { .since = 1000 };

	EXPECT_EQ(SCHED_DEFER_RECHECK, sched_defer_wait(&d, 1000, 600));
	EXPECT_EQ(SCHED_DEFER_RECHECK, sched_defer_wait(&d, 1595, 600));
	EXPECT_EQ(2, sched_defer_wait(&d, 1598, 600));
	EXPECT_EQ(0, sched_defer_wait(&d, 1600, 600));
	EXPECT_EQ(0, sched_defer_wait(&d, 2000, 600));
}

TEST_HARNESS_MAIN
