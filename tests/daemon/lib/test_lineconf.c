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

/* ROOT/REL holds exactly WANT (lineconf writes no newline) */
#define EXPECT_ATTR_IN(root, want, rel) do {				\
	char attr_[256];						\
									\
	ASSERT_EQ(0, util_slurp(root, rel, attr_,			\
				sizeof(attr_))) TH_LOG("%s", rel);	\
	EXPECT_STREQ(want, attr_);					\
} while (0)

#define EXPECT_ATTR(want, rel) EXPECT_ATTR_IN(self->lines, want, rel)

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

#define SET(name, value) \
	ASSERT_EQ(0, store_set(self->st, name, value, self->err, \
			       sizeof(self->err))) TH_LOG("%s", self->err)

TEST_F(lc, analog_defaults_in_kernel_units)
{
	ASSERT_EQ(0, lineconf_apply(self->st, self->lines));
	EXPECT_ATTR("-3", "fxs0/input_gain_db");
	EXPECT_ATTR("-3", "fxs1/output_gain_db");
	EXPECT_ATTR("2000", "fxs0/cpc_delay_ms");
	EXPECT_ATTR("500", "fxs1/cpc_duration_ms");
	EXPECT_ATTR("forward", "fxs0/idle_polarity");
	EXPECT_ATTR("forward", "fxs1/caller_conn_polarity");
	EXPECT_ATTR("forward", "fxs1/callee_conn_polarity");
}

TEST_F(lc, gains_and_cpc_go_to_every_line)
{
	SET("FXS_Port_Input_Gain", "-12");
	SET("FXS_Port_Output_Gain", "6");
	SET("CPC_Delay", "255");
	SET("CPC_Duration", ".75");
	ASSERT_EQ(0, lineconf_apply(self->st, self->lines));
	EXPECT_ATTR("-12", "fxs0/input_gain_db");
	EXPECT_ATTR("-12", "fxs1/input_gain_db");
	EXPECT_ATTR("6", "fxs0/output_gain_db");
	EXPECT_ATTR("6", "fxs1/output_gain_db");
	EXPECT_ATTR("255000", "fxs0/cpc_delay_ms");
	EXPECT_ATTR("255000", "fxs1/cpc_delay_ms");
	EXPECT_ATTR("750", "fxs0/cpc_duration_ms");
	EXPECT_ATTR("750", "fxs1/cpc_duration_ms");
}

TEST_F(lc, cpc_values_out_of_range_are_refused_by_the_table)
{
	EXPECT_NE(0, store_set(self->st, "CPC_Duration", "1.001", self->err,
			       sizeof(self->err)));
	EXPECT_NE(0, store_set(self->st, "CPC_Delay", "256", self->err,
			       sizeof(self->err)));
	EXPECT_NE(0, store_set(self->st, "FXS_Port_Input_Gain", "7",
			       self->err, sizeof(self->err)));
	EXPECT_NE(0, store_set(self->st, "FXS_Port_Output_Gain", "-13",
			       self->err, sizeof(self->err)));
	EXPECT_NE(0, store_set(self->st, "Idle_Polarity_1_", "Sideways",
			       self->err, sizeof(self->err)));
}

TEST_F(lc, polarity_goes_to_its_line_only)
{
	SET("Idle_Polarity_1_", "Reverse");
	SET("Caller_Conn_Polarity_2_", "Reverse");
	SET("Callee_Conn_Polarity_2_", "REVERSE");
	ASSERT_EQ(0, lineconf_apply(self->st, self->lines));
	EXPECT_ATTR("reverse", "fxs0/idle_polarity");
	EXPECT_ATTR("forward", "fxs1/idle_polarity");
	EXPECT_ATTR("forward", "fxs0/caller_conn_polarity");
	EXPECT_ATTR("reverse", "fxs1/caller_conn_polarity");
	EXPECT_ATTR("forward", "fxs0/callee_conn_polarity");
	EXPECT_ATTR("reverse", "fxs1/callee_conn_polarity");
}

/* Line 1 is the lowest fxsN, whatever the numbers and readdir's order. */
TEST_F(lc, line_numbers_follow_increasing_n)
{
	char lines[UTIL_DIR_MAX + 16];

	snprintf(lines, sizeof(lines), "%s/other", self->dir);
	ASSERT_EQ(0, util_fake_line(lines, "fxs10"));
	ASSERT_EQ(0, util_fake_line(lines, "fxs9"));
	ASSERT_EQ(0, util_fake_line(lines, "fxs2"));
	SET("Idle_Polarity_1_", "Reverse");
	SET("Idle_Polarity_2_", "Forward");
	SET("Caller_Conn_Polarity_2_", "Reverse");
	SET("Ring_Voltage", "80");
	ASSERT_EQ(0, lineconf_apply(self->st, lines));
	EXPECT_ATTR_IN(lines, "reverse", "fxs2/idle_polarity");
	EXPECT_ATTR_IN(lines, "forward", "fxs9/idle_polarity");
	EXPECT_ATTR_IN(lines, "reverse", "fxs9/caller_conn_polarity");
	/* a third line has no Idle_Polarity_3_: its own value stays */
	EXPECT_ATTR_IN(lines, "", "fxs10/idle_polarity");
	EXPECT_ATTR_IN(lines, "", "fxs10/caller_conn_polarity");
	EXPECT_ATTR_IN(lines, "80", "fxs10/ring_voltage");
}

TEST_F(lc, names_not_fxsN_are_no_lines)
{
	char lines[UTIL_DIR_MAX + 16];

	snprintf(lines, sizeof(lines), "%s/odd", self->dir);
	ASSERT_EQ(0, util_fake_line(lines, "fxs01"));
	ASSERT_EQ(0, util_fake_line(lines, "fxs1x"));
	ASSERT_EQ(0, util_fake_line(lines, "fxs"));
	ASSERT_EQ(0, util_fake_line(lines, "fxs3"));
	SET("Idle_Polarity_1_", "Reverse");
	ASSERT_EQ(0, lineconf_apply(self->st, lines));
	EXPECT_ATTR_IN(lines, "reverse", "fxs3/idle_polarity");
	EXPECT_ATTR_IN(lines, "", "fxs01/idle_polarity");
	EXPECT_ATTR_IN(lines, "", "fxs1x/idle_polarity");
	EXPECT_ATTR_IN(lines, "", "fxs/ring_voltage");
}

TEST_F(lc, a_refused_polarity_is_counted_and_the_rest_written)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/fxs1/idle_polarity", self->lines);
	ASSERT_EQ(0, unlink(path));
	SET("Idle_Polarity_2_", "Reverse");
	SET("Caller_Conn_Polarity_2_", "Reverse");
	EXPECT_EQ(1, lineconf_apply(self->st, self->lines));
	EXPECT_ATTR("reverse", "fxs1/caller_conn_polarity");
	EXPECT_ATTR("forward", "fxs0/idle_polarity");
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

TEST_F(lc, hex_and_decimal_db_reach_the_kernel_in_its_form)
{
	SET("Ring_Frequency", "0x19");
	SET("FXS_Port_Input_Gain", "-3.5");
	ASSERT_EQ(0, lineconf_apply(self->st, self->lines));
	EXPECT_ATTR("25", "fxs0/ring_frequency");
	EXPECT_ATTR("-4", "fxs1/input_gain_db");
}

TEST_HARNESS_MAIN
