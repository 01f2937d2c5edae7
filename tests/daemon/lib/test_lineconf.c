// SPDX-License-Identifier: GPL-2.0
/* test_lineconf.c: line parameters pushed onto lines/fxsN/ attributes. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "lineconf.h"
#include "store.h"
#include "util.h"

FIXTURE(lc) {
	char dir[UTIL_DIR_MAX];
	char lines[UTIL_DIR_MAX + 8];
	struct store *st;
	char err[256];
};

FIXTURE_SETUP(lc)
{
	ASSERT_EQ(0, util_tmpdir(self->dir, "test_lineconf"));
	snprintf(self->lines, sizeof(self->lines), "%s/lines", self->dir);
	ASSERT_EQ(0, util_fake_line(self->lines, "fxs0"));
	ASSERT_EQ(0, util_fake_line(self->lines, "fxs1"));
	ASSERT_EQ(0, util_store_new(self->dir, &self->st));
}

FIXTURE_TEARDOWN(lc)
{
	store_close(self->st);
	util_rmtree(self->dir);
}

/* LINES/REL holds exactly WANT (lineconf writes no newline) */
#define EXPECT_ATTR(want, rel) do {					\
	char attr_[256];						\
									\
	ASSERT_EQ(0, util_slurp(self->lines, rel, attr_,		\
				sizeof(attr_))) TH_LOG("%s", rel);	\
	EXPECT_STREQ(want, attr_);					\
} while (0)

TEST_F(lc, every_line_gets_the_store_values)
{
	ASSERT_EQ(0, store_set(self->st, "Ring_Frequency", "25", self->err,
			       sizeof(self->err)));
	ASSERT_EQ(0, store_set(self->st, "Ring1_Cadence", "60(.5/.5,1/4)",
			       self->err, sizeof(self->err)));
	ASSERT_EQ(0, lineconf_apply(self->st, self->lines));
	EXPECT_ATTR("25", "fxs0/ring_frequency");
	EXPECT_ATTR("25", "fxs1/ring_frequency");
	EXPECT_ATTR("60(.5/.5,1/4)", "fxs1/ring_cadence");
	EXPECT_ATTR("350@-19,440@-19;10(*/0/1+2)", "fxs0/tone_dial");
}

TEST_F(lc, flash_timers_go_in_milliseconds)
{
	ASSERT_EQ(0, store_set(self->st, "Hook_Flash_Timer_Min", ".25",
			       self->err, sizeof(self->err)));
	ASSERT_EQ(0, store_set(self->st, "Hook_Flash_Timer_Max", "1.2",
			       self->err, sizeof(self->err)));
	ASSERT_EQ(0, lineconf_apply(self->st, self->lines));
	EXPECT_ATTR("250", "fxs0/flash_min_ms");
	EXPECT_ATTR("1200", "fxs0/flash_max_ms");
}

TEST_F(lc, a_refused_attribute_is_counted_and_the_rest_written)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/fxs0/tone_busy", self->lines);
	ASSERT_EQ(0, unlink(path));
	ASSERT_EQ(0, store_set(self->st, "Ring_Voltage", "75", self->err,
			       sizeof(self->err)));
	EXPECT_EQ(1, lineconf_apply(self->st, self->lines));
	EXPECT_ATTR("75", "fxs0/ring_voltage");
	EXPECT_ATTR("75", "fxs1/ring_voltage");
}

TEST_F(lc, no_lines_directory_is_not_an_error)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/absent", self->dir);
	EXPECT_EQ(0, lineconf_apply(self->st, path));
}

TEST_F(lc, other_entries_are_ignored)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/notaline", self->lines);
	ASSERT_EQ(0, mkdir(path, 0755));
	EXPECT_EQ(0, lineconf_apply(self->st, self->lines));
}

TEST(seconds_to_ms)
{
	static const struct { const char *s; unsigned long ms; } good[] = {
		{ "1", 1000 }, { ".1", 100 }, { "0.9", 900 }, { "0.020", 20 },
		{ "2.5", 2500 }, { "0", 0 }, { "1.", 1000 },
	};
	static const char *const bad[] = { "", ".", "-1", "1s", "abc", "1.2.3" };
	unsigned long ms;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		ASSERT_EQ(0, lineconf_seconds_to_ms(good[i].s, &ms))
			TH_LOG("refused '%s'", good[i].s);
		EXPECT_EQ(good[i].ms, ms) TH_LOG("'%s'", good[i].s);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int ret = lineconf_seconds_to_ms(bad[i], &ms);

		EXPECT_EQ(-EINVAL, ret);
		if (ret != -EINVAL)
			fprintf(stderr, "# accepted '%s'\n", bad[i]);
	}
}

TEST_HARNESS_MAIN
