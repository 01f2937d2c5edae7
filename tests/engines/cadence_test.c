// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of kmod/fxs_cadence.c: the SPA ring cadence parser (good
 * and bad texts) and the 10 ms cadence clock.
 */
#include <string.h>

#include "kselftest_harness.h"

#include "fxs_cadence.h"

/* Frames until the cadence expires, at most @max; counts the "on" frames. */
static int run_until_expired(const struct fxs_cadence *c, int max, int *on)
{
	struct fxs_cadence_run run;
	int frame, r;

	*on = 0;
	fxs_cadence_start(&run);
	for (frame = 0; frame < max; frame++) {
		r = fxs_cadence_frame(&run, c);
		if (r < 0)
			return frame;
		*on += r;
	}
	return max;
}

TEST(parse_default)
{
	struct fxs_cadence c;

	ASSERT_EQ(0, fxs_cadence_parse("60(2/4)", &c));
	EXPECT_EQ(60000U, c.sections[0].total_ms);
	EXPECT_EQ(1U, c.sections[0].nr_segments);
	EXPECT_EQ(2000U, c.sections[0].on_ms[0]);
	EXPECT_EQ(4000U, c.sections[0].off_ms[0]);
}

TEST(parse_forever_decimals)
{
	struct fxs_cadence c;

	ASSERT_EQ(0, fxs_cadence_parse("*(.2/.4,0.25/4,1.5/0)", &c));
	EXPECT_EQ(0U, c.sections[0].total_ms);
	EXPECT_EQ(3U, c.sections[0].nr_segments);
	EXPECT_EQ(200U, c.sections[0].on_ms[0]);
	EXPECT_EQ(400U, c.sections[0].off_ms[0]);
	EXPECT_EQ(250U, c.sections[0].on_ms[1]);
	EXPECT_EQ(4000U, c.sections[0].off_ms[1]);
	EXPECT_EQ(1500U, c.sections[0].on_ms[2]);
	EXPECT_EQ(0U, c.sections[0].off_ms[2]);
}

TEST(parse_trailing_point)
{
	struct fxs_cadence c;

	ASSERT_EQ(0, fxs_cadence_parse("60.(2./4.)", &c));
	EXPECT_EQ(60000U, c.sections[0].total_ms);
	EXPECT_EQ(2000U, c.sections[0].on_ms[0]);
	EXPECT_EQ(4000U, c.sections[0].off_ms[0]);
}

TEST(parse_limits)
{
	const char *eight = "1(1/1,1/1,1/1,1/1,1/1,1/1,1/1,.01/0)";
	struct fxs_cadence c;

	ASSERT_EQ(0, fxs_cadence_parse("3600(60/60)", &c));
	EXPECT_EQ(3600000U, c.sections[0].total_ms);
	ASSERT_EQ(0, fxs_cadence_parse(eight, &c));
	EXPECT_EQ(8U, c.sections[0].nr_segments);
	EXPECT_EQ(10U, c.sections[0].on_ms[7]);
	ASSERT_EQ(0, fxs_cadence_parse("0.5(007/00)", &c));
	EXPECT_EQ(500U, c.sections[0].total_ms);
	EXPECT_EQ(7000U, c.sections[0].on_ms[0]);
}

TEST(parse_bad)
{
	static const char *const bad[] = {
		"", "60", "60(", "60()", "60(2/4", "60(2/4)x", "60(2/4))",
		" 60(2/4)", "60( 2/4)", "60(2 /4)", "60(2/4)\n", "60(0/4)",
		"60(0.00/4)", "60(2/4,)", "60(,2/4)", "60(2)", "60(2/)",
		"60(/4)", "60(2/4/1)", "(2/4)", "**(2/4)", "0(2/4)", "-1(2/4)",
		"60(-2/4)", "60(+2/4)", "3601(2/4)", "3600.01(2/4)", "60(61/4)",
		"60(2/60.01)", "60(2.123/4)", "60(./4)", "60(2/.)",
		"60(2/4);", "60(2/4),(1/1)", "60(2/4)(1/1)", "6O(2/4)",
		"60(1e1/4)", "99999999999999999999(2/4)",
		"1(1/1,1/1,1/1,1/1,1/1,1/1,1/1,1/1,1/1)",
		"1(1/1);1(1/1);1(1/1)", ";60(2/4)", "60(2/4);;1(1/1)",
		"60(2/4);0(1/1)", "60(2/4); 1(1/1)",
	};
	struct fxs_cadence c, before;
	unsigned int i;

	ASSERT_EQ(0, fxs_cadence_parse("30(1/2)", &c));
	before = c;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(-EINVAL, fxs_cadence_parse(bad[i], &c))
			TH_LOG("accepted \"%s\"", bad[i]);
		EXPECT_EQ(0, memcmp(&before, &c, sizeof(c)))
			TH_LOG("\"%s\" changed the cadence", bad[i]);
	}
}

TEST(frame_timing_default)
{
	struct fxs_cadence_run run;
	struct fxs_cadence c;
	int frame, on;

	ASSERT_EQ(0, fxs_cadence_parse("60(2/4)", &c));
	fxs_cadence_start(&run);
	for (frame = 0; frame < 1200; frame++) {
		on = fxs_cadence_frame(&run, &c);
		ASSERT_EQ(frame % 600 < 200, on) TH_LOG("frame %d", frame);
	}
	EXPECT_EQ(6000, run_until_expired(&c, 100000, &on));
	EXPECT_EQ(10 * 200, on);
}

TEST(frame_first_is_on_and_expires)
{
	struct fxs_cadence c;
	int on;

	ASSERT_EQ(0, fxs_cadence_parse("1(2/4)", &c));
	EXPECT_EQ(100, run_until_expired(&c, 100000, &on));
	EXPECT_EQ(100, on);
	ASSERT_EQ(0, fxs_cadence_parse("0.01(2/4)", &c));
	EXPECT_EQ(1, run_until_expired(&c, 100000, &on));
	EXPECT_EQ(1, on);
}

TEST(frame_segments_forever)
{
	static const int pattern[] = { 20, 40, 20, 400 };
	struct fxs_cadence_run run;
	struct fxs_cadence c;
	int frame, on, pos, expect, i;

	ASSERT_EQ(0, fxs_cadence_parse("*(.2/.4,.2/4)", &c));
	fxs_cadence_start(&run);
	for (frame = 0; frame < 48000; frame++) {
		on = fxs_cadence_frame(&run, &c);
		pos = frame % 480;
		expect = 0;
		for (i = 0; i < 4; pos -= pattern[i], i++) {
			if (pos < pattern[i]) {
				expect = !(i & 1);
				break;
			}
		}
		ASSERT_EQ(expect, on) TH_LOG("frame %d", frame);
	}
}

TEST(frame_restart)
{
	struct fxs_cadence_run run;
	struct fxs_cadence c;
	int frame;

	ASSERT_EQ(0, fxs_cadence_parse("60(.1/.1)", &c));
	fxs_cadence_start(&run);
	for (frame = 0; frame < 15; frame++)
		fxs_cadence_frame(&run, &c);
	EXPECT_EQ(0, fxs_cadence_frame(&run, &c));
	fxs_cadence_start(&run);
	EXPECT_EQ(1, fxs_cadence_frame(&run, &c));
}

/* Two sections play one after the other, each from its first segment. */
TEST(a_two_section_cadence_runs_its_sections_in_turn)
{
	struct fxs_cadence c;
	struct fxs_cadence_run run;
	int on[40], i;

	ASSERT_EQ(0, fxs_cadence_parse("0.04(.02/.01);0.05(.01/.02)", &c));
	ASSERT_EQ(2, c.nr_sections);
	fxs_cadence_start(&run);
	for (i = 0; i < 10; i++)
		on[i] = fxs_cadence_frame(&run, &c);
	/* 40 ms of 20 on, 10 off; then 50 ms of 10 on, 20 off; then the end */
	EXPECT_EQ(1, on[0]); EXPECT_EQ(1, on[1]); EXPECT_EQ(0, on[2]);
	EXPECT_EQ(1, on[3]);
	EXPECT_EQ(1, on[4]); EXPECT_EQ(0, on[5]); EXPECT_EQ(0, on[6]);
	EXPECT_EQ(1, on[7]); EXPECT_EQ(0, on[8]);
	EXPECT_EQ(-1, on[9]);
}

TEST(a_cadence_forever_never_ends)
{
	struct fxs_cadence c;
	struct fxs_cadence_run run;
	int i, ons = 0;

	ASSERT_EQ(0, fxs_cadence_parse("0.02(.01/.01);*(.01/.03)", &c));
	fxs_cadence_start(&run);
	for (i = 0; i < 2; i++)
		ons += fxs_cadence_frame(&run, &c);
	EXPECT_EQ(1, ons);
	for (i = 0; i < 400; i++)
		ASSERT_LE(0, fxs_cadence_frame(&run, &c));
}

TEST_HARNESS_MAIN
