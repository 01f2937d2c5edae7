// SPDX-License-Identifier: GPL-2.0
/* test_sched.c: retry lists, Resync_At times, periodic and random delays. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kselftest_harness.h"
#include "sched.h"

TEST(retry_single)
{
	struct sched_retry r;
	char err[256];

	ASSERT_EQ(0, sched_retry_parse("3600", &r, err, sizeof(err)));
	EXPECT_EQ(3600u, sched_retry_delay(&r, 1));
	EXPECT_EQ(3600u, sched_retry_delay(&r, 7));
}

TEST(retry_list_with_step)
{
	struct sched_retry r;
	char err[256];

	ASSERT_EQ(0, sched_retry_parse("60,120,240+30", &r, err, sizeof(err)));
	EXPECT_EQ(60u, sched_retry_delay(&r, 1));
	EXPECT_EQ(120u, sched_retry_delay(&r, 2));
	EXPECT_EQ(240u, sched_retry_delay(&r, 3));
	/* the last value repeats; +30 is a random extra, not a step */
	EXPECT_EQ(240u, sched_retry_delay(&r, 4));
	EXPECT_EQ(240u, sched_retry_delay(&r, 50));
	EXPECT_EQ(30u, r.rand_max);
}

TEST(retry_list_without_step_repeats_last)
{
	struct sched_retry r;
	char err[256];

	ASSERT_EQ(0, sched_retry_parse(" 10, 20 ", &r, err, sizeof(err)));
	EXPECT_EQ(10u, sched_retry_delay(&r, 1));
	EXPECT_EQ(20u, sched_retry_delay(&r, 2));
	EXPECT_EQ(20u, sched_retry_delay(&r, 9));
}

TEST(retry_zero_disables)
{
	struct sched_retry r;
	char err[256];

	ASSERT_EQ(0, sched_retry_parse("0", &r, err, sizeof(err)));
	EXPECT_EQ(0u, sched_retry_delay(&r, 1));
}

TEST(retry_bad)
{
	static const char *const bad[] = {
		"", "abc", "60,", ",60", "60+", "60+x", "60,,120", "-5",
		"1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17", "99999999999",
		"60+30+30",
	};
	struct sched_retry r;
	char err[256];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		EXPECT_EQ(-EINVAL, sched_retry_parse(bad[i], &r, err, sizeof(err)))
			TH_LOG("accepted '%s'", bad[i]);
		EXPECT_NE(NULL, strstr(err, "Resync_Error_Retry_Delay"));
	}
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
