// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of kmod/fxs_seconds.c, built as a plain user program (no
 * kernel header shim), the way fxsd builds it: good values, where parsing
 * stops, lone points, too many decimals, values over the maximum, empty
 * text and signs.
 */
#include <errno.h>
#include <stdint.h>

#include "kselftest_harness.h"

#include "fxs_seconds.h"

/**
 * struct good - a text the parser accepts
 * @text: the input
 * @decimals: max_decimals passed
 * @max_ms: max_ms passed
 * @ms: the expected value
 * @stop: the expected number of characters consumed
 */
struct good {
	const char *text;
	unsigned int decimals;
	u32 max_ms;
	u32 ms;
	unsigned int stop;
};

/* Parse @text, expect -EINVAL and nothing changed. */
static void expect_bad(struct __test_metadata *_metadata, const char *text,
		       unsigned int decimals, u32 max_ms)
{
	const char *p = text;
	u32 ms = 12345;

	EXPECT_EQ(-EINVAL, fxs_seconds_parse(&p, decimals, max_ms, &ms))
		TH_LOG("accepted \"%s\" (decimals %u, max %u)", text, decimals,
		       max_ms);
	EXPECT_EQ(text, p) TH_LOG("\"%s\" moved the text", text);
	EXPECT_EQ(12345U, ms) TH_LOG("\"%s\" changed the value", text);
}

static void expect_good(struct __test_metadata *_metadata,
			const struct good *g)
{
	const char *p = g->text;
	u32 ms = 12345;

	ASSERT_EQ(0, fxs_seconds_parse(&p, g->decimals, g->max_ms, &ms))
		TH_LOG("rejected \"%s\"", g->text);
	EXPECT_EQ(g->ms, ms) TH_LOG("\"%s\"", g->text);
	EXPECT_EQ(g->stop, (unsigned int)(p - g->text))
		TH_LOG("\"%s\" stopped at \"%s\"", g->text, p);
}

TEST(good_values)
{
	static const struct good good[] = {
		{ "2", 2, 60000, 2000, 1 },
		{ "0.25", 2, 60000, 250, 4 },
		{ ".5", 3, 64000, 500, 2 },
		{ "16", 3, 64000, 16000, 2 },
		{ "0.030", 3, 120, 30, 5 },
		{ "0", 0, 0, 0, 1 },
		{ "0.0", 1, 0, 0, 3 },
		{ "007", 0, 60000, 7000, 3 },
		{ "1.5", 1, 60000, 1500, 3 },
		{ "1.50", 2, 60000, 1500, 4 },
		{ "60", 2, 60000, 60000, 2 },
		{ "59.999", 3, 60000, 59999, 6 },
		{ "100000", 3, 100000000, 100000000, 6 },
		{ "100000.999", 3, 100000999, 100000999, 10 },
		{ "4294967.295", 3, UINT32_MAX, UINT32_MAX, 11 },
		{ "2.", 3, 60000, 2000, 2 },
		{ "0.", 0, 60000, 0, 2 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(good); i++)
		expect_good(_metadata, &good[i]);
}

TEST(stops_after_the_number)
{
	static const struct good good[] = {
		{ "2/4", 2, 60000, 2000, 1 },
		{ "2./4", 2, 60000, 2000, 2 },
		{ "1.25/", 2, 60000, 1250, 4 },
		{ ".2/.4", 2, 60000, 200, 2 },
		{ "60(2/4)", 2, 3600000, 60000, 2 },
		{ "0.5s", 3, 60000, 500, 3 },
		{ "16 ", 3, 60000, 16000, 2 },
		{ "16\n", 3, 60000, 16000, 2 },
		{ "1e3", 3, 60000, 1000, 1 },
		{ "3.0.1", 3, 60000, 3000, 3 },
		{ "1,5", 3, 60000, 1000, 1 },
		{ "0x10", 3, 60000, 0, 1 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(good); i++)
		expect_good(_metadata, &good[i]);
}

TEST(lone_point)
{
	static const char *const bad[] = {
		".", ".x", "..5", "./4", ". 5", ".-1",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		expect_bad(_metadata, bad[i], 3, 60000);
}

TEST(too_many_decimals)
{
	expect_bad(_metadata, "0.001", 2, 60000);
	expect_bad(_metadata, "1.255/", 2, 60000);
	expect_bad(_metadata, "0.0300", 3, 60000);
	expect_bad(_metadata, "1.5", 0, 60000);
	/* never below a millisecond, whatever max_decimals says */
	expect_bad(_metadata, "0.1234", 9, 60000);
	expect_bad(_metadata, "0.0001", 4, 60000);
}

TEST(over_max)
{
	expect_bad(_metadata, "61", 2, 60000);
	expect_bad(_metadata, "60.01", 2, 60000);
	expect_bad(_metadata, "60.001", 3, 60000);
	expect_bad(_metadata, "0.5", 3, 499);
	expect_bad(_metadata, "1", 3, 0);
	expect_bad(_metadata, "100001", 3, 100000000);
	/* no wrap-around near U32_MAX */
	expect_bad(_metadata, "4294967.296", 3, UINT32_MAX);
	expect_bad(_metadata, "4294968", 3, UINT32_MAX);
	expect_bad(_metadata, "42949673", 3, UINT32_MAX);
	expect_bad(_metadata, "99999999999999999999", 3, UINT32_MAX);
	expect_bad(_metadata, "4294967.9", 3, 4294967295U);
}

TEST(empty)
{
	expect_bad(_metadata, "", 3, 60000);
	expect_bad(_metadata, "/4", 3, 60000);
	expect_bad(_metadata, "x", 3, 60000);
	expect_bad(_metadata, "*", 3, 60000);
}

TEST(sign_and_space)
{
	static const char *const bad[] = {
		"-1", "+1", "-0", "-.5", "+.5", " 1", "\t1",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		expect_bad(_metadata, bad[i], 3, 60000);
}

/*
 * What fxsd's validator does with a PT_DEC parameter: the whole text must
 * be a number of at most 3 decimals, between the table's bounds (ms).
 */
static int whole_in_range(const char *text, u32 min_ms, u32 max_ms, u32 *ms)
{
	const char *p = text;
	int ret;

	ret = fxs_seconds_parse(&p, FXS_SECONDS_DECIMALS_MAX, max_ms, ms);
	if (ret)
		return ret;
	if (*p || *ms < min_ms)
		return -EINVAL;
	return 0;
}

TEST(whole_text_in_range)
{
	u32 ms;

	ASSERT_EQ(0, whole_in_range("0.030", 10, 120, &ms));
	EXPECT_EQ(30U, ms);
	ASSERT_EQ(0, whole_in_range(".5", 0, 64000, &ms));
	EXPECT_EQ(500U, ms);
	ASSERT_EQ(0, whole_in_range("16", 0, 64000, &ms));
	EXPECT_EQ(16000U, ms);
	ASSERT_EQ(0, whole_in_range("255", 0, 255000, &ms));
	EXPECT_EQ(255000U, ms);
	EXPECT_EQ(-EINVAL, whole_in_range("0.005", 10, 120, &ms));
	EXPECT_EQ(-EINVAL, whole_in_range("0.121", 10, 120, &ms));
	EXPECT_EQ(-EINVAL, whole_in_range("16 ", 0, 64000, &ms));
	EXPECT_EQ(-EINVAL, whole_in_range("16s", 0, 64000, &ms));
	EXPECT_EQ(-EINVAL, whole_in_range("", 0, 64000, &ms));
}

TEST_HARNESS_MAIN
