// SPDX-License-Identifier: GPL-2.0
/*
 * test_line_check.c: the line parameters' map and units, and the kernel's
 * verdict on their values (the kernel's own parsers and range checks).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "kselftest_harness.h"
#include "line_check.h"
#include "param.h"

struct verdict {
	const char *name;
	const char *value;
};

/* the table takes value: the refusals below are the kernel's own */
static int table_takes(const char *name, const char *value)
{
	char why[256];

	return !param_validate(param_find(name), value, why, sizeof(why));
}

/* values the table takes and the kernel refuses */
static const struct verdict kernel_refuses[] = {
	{ "Busy_Tone", "480@-19;1(.5/.5/1);1(.5/.5/1);1(.5/.5/1)" },
	{ "Dial_Tone", "350@-19, 440@-19;10(*/0/1+2)" },
	{ "Dial_Tone", "350@-19,440@-19;10(*/0/3)" },
	{ "Ring_Back_Tone", "5000@-19;*(2/4/1)" },
	{ "Reorder_Tone", "480@-70;10(.25/.25/1)" },
	{ "Confirm_Tone", "600@-16;1(.2500/.25/1)" },
	{ "Confirm_Tone", "" },
	{ "Ring1_Cadence", "60(2/4);60(2/4);60(2/4)" },
	{ "Ring1_Cadence", "60(0/4)" },
	{ "Ring1_Cadence", "60(.255/4)" },
	{ "Ring1_Cadence", "60(2/4" },
	{ "Hook_Flash_Timer_Min", "2" },
};

/* the kernel refuses these too (the table does as well) */
static const struct verdict out_of_range[] = {
	{ "Ring_Frequency", "9" }, { "Ring_Frequency", "101" },
	{ "Ring_Frequency", "-20" }, { "Ring_Frequency", "0x65" },
	{ "Ring_Voltage", "59" }, { "Ring_Voltage", "91" },
	{ "FXS_Port_Input_Gain", "6.5" }, { "FXS_Port_Output_Gain", "-12.5" },
	{ "FXS_Port_Input_Gain", "7" },
	{ "CPC_Delay", "255.001" }, { "CPC_Duration", "1.001" },
	{ "CPC_Duration", "x" }, { "Idle_Polarity_1_", "Sideways" },
	{ "Hook_Flash_Timer_Max", "2.001" }, { "Hook_Flash_Timer_Max", "0" },
	{ "Hook_Flash_Timer_Min", "0" },
};

/* and these it takes */
static const struct verdict kernel_takes[] = {
	{ "Busy_Tone", "480@-19,620@-19;10(.5/.5/1+2)" },
	{ "Dial_Tone", "350@-19,440@-19;2(.1/.1/1+2);10(*/0/1+2)" },
	{ "Ring_Back_Tone", "440@-10;*(1.5/3.5/1)" },
	{ "Reorder_Tone", "480@-60,620@3;10(.25/.25/1+2)" },
	{ "Confirm_Tone", "600@-16;1(.25/.25/1)" },
	{ "Ring1_Cadence", "60(2/4)" },
	{ "Ring1_Cadence", "2.25(.25/1.6);60(2/3.5)" },
	{ "Ring1_Cadence", "*(.2/.4,.2/4)" },
	{ "Ring_Frequency", "10" }, { "Ring_Frequency", "0x64" },
	{ "Ring_Voltage", "90" },
	{ "FXS_Port_Input_Gain", "-12" }, { "FXS_Port_Output_Gain", "5.5" },
	{ "CPC_Delay", "255" }, { "CPC_Duration", "1" },
	{ "CPC_Duration", "0" }, { "Idle_Polarity_1_", "Reverse" },
	{ "Callee_Conn_Polarity_2_", "Forward" },
	{ "Hook_Flash_Timer_Min", ".1" }, { "Hook_Flash_Timer_Max", "2" },
	/* not a line parameter: not the kernel's business */
	{ "GPP_A", "480@-19;1(1/1);1(1/1);1(1/1)" },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void expect_refused(struct __test_metadata *_metadata,
			   const struct verdict *v, size_t n, int by_table)
{
	char why[512];
	size_t i;

	for (i = 0; i < n; i++) {
		if (by_table)
			EXPECT_TRUE(table_takes(v[i].name, v[i].value))
				TH_LOG("table refuses %s '%s'", v[i].name,
				       v[i].value);
		why[0] = '\0';
		EXPECT_EQ(-EINVAL, line_check_value(v[i].name, v[i].value, why,
						    sizeof(why)))
			TH_LOG("kernel check took %s '%s'", v[i].name,
			       v[i].value);
		/* the reason names the parameter and its value */
		EXPECT_EQ(0, strncmp(why, v[i].name, strlen(v[i].name)))
			TH_LOG("'%s'", why);
		EXPECT_NE(NULL, strstr(why, "the kernel") ?:
			  strstr(why, "not ") ?: strstr(why, "neither"))
			TH_LOG("'%s'", why);
	}
}

TEST(values_the_table_takes_and_the_kernel_refuses)
{
	expect_refused(_metadata, kernel_refuses, N(kernel_refuses), 1);
}

TEST(values_out_of_the_kernel_range)
{
	expect_refused(_metadata, out_of_range, N(out_of_range), 0);
}

TEST(values_the_kernel_takes)
{
	char why[512];
	size_t i;

	for (i = 0; i < N(kernel_takes); i++)
		EXPECT_EQ(0, line_check_value(kernel_takes[i].name,
					      kernel_takes[i].value, why,
					      sizeof(why)))
			TH_LOG("%s '%s': %s", kernel_takes[i].name,
			       kernel_takes[i].value, why);
}

TEST(the_reason_says_why)
{
	char why[512];

	ASSERT_EQ(-EINVAL, line_check_value("Busy_Tone",
					    "480@-19;1(1/1/1);1(1/1/1);1(1/1/1)",
					    why, sizeof(why)));
	EXPECT_NE(NULL, strstr(why, "Busy_Tone '480@-19;1(1/1/1);1(1/1/1);1(1/1/1)': the kernel's tone grammar refuses it"));
	EXPECT_NE(NULL, strstr(why, "2 sections")) TH_LOG("%s", why);
	ASSERT_EQ(-EINVAL, line_check_value("Ring_Frequency", "0x65", why,
					    sizeof(why)));
	EXPECT_STREQ("Ring_Frequency '0x65': the kernel takes 10 to 100 Hz",
		     why);
}

TEST(a_tone_script_too_long_for_the_kernel)
{
	char script[300], why[512];
	size_t n;

	n = snprintf(script, sizeof(script), "440@-10;10(1/1/1");
	while (n < 260)
		n += snprintf(script + n, sizeof(script) - n, ",1/1/1");
	snprintf(script + n, sizeof(script) - n, ")");
	EXPECT_EQ(-EINVAL, line_check_value("Busy_Tone", script, why,
					    sizeof(why)));
	EXPECT_NE(NULL, strstr(why, "up to 255 characters")) TH_LOG("%s", why);
}

TEST(flash_pair)
{
	unsigned long deb = line_check_default_debounce_ms();
	char why[512];

	EXPECT_EQ(0, line_check_flash(".1", ".9", true, deb, why, sizeof(why)));
	EXPECT_EQ(0, line_check_flash(".021", ".022", true, deb, why,
				      sizeof(why)));
	EXPECT_EQ(-EINVAL, line_check_flash("1", ".9", true, deb, why,
					    sizeof(why)));
	EXPECT_NE(NULL, strstr(why, "Hook_Flash_Timer_Min '1'")) TH_LOG("%s", why);
	EXPECT_NE(NULL, strstr(why, "below Hook_Flash_Timer_Max ('.9'"));
	EXPECT_EQ(-EINVAL, line_check_flash(".5", ".5", false, deb, why,
					    sizeof(why)));
	EXPECT_NE(NULL, strstr(why, "Hook_Flash_Timer_Max '.5'")) TH_LOG("%s", why);
	/* at or under the line's debounce the kernel refuses a minimum */
	EXPECT_TRUE(table_takes("Hook_Flash_Timer_Min", ".02"));
	EXPECT_EQ(-EINVAL, line_check_flash(".02", ".9", true, deb, why,
					    sizeof(why)));
	EXPECT_NE(NULL, strstr(why, "debounce (20 ms)")) TH_LOG("%s", why);
	EXPECT_EQ(0, line_check_flash(".02", ".9", true, 10, why, sizeof(why)));
	EXPECT_EQ(-EINVAL, line_check_flash(".1", "2.001", false, deb, why,
					    sizeof(why)));
}

TEST(every_mapped_parameter_is_checked)
{
	char why[512];
	size_t i;

	/* each one's table default is what the kernel takes */
	for (i = 0; i < line_check_count(); i++) {
		const struct line_check_param *lp = line_check_at(i);
		char name[64];

		snprintf(name, sizeof(name), "%s%s", lp->param,
			 lp->per_line ? "1_" : "");
		ASSERT_NE(NULL, param_find(name)) TH_LOG("%s", name);
		EXPECT_EQ(0, line_check_value(name,
					      param_default(param_find(name)),
					      why, sizeof(why)))
			TH_LOG("%s", why);
		EXPECT_EQ(lp, line_check_find(name));
	}
	EXPECT_EQ(NULL, line_check_at(line_check_count()));
}

TEST(uses)
{
	static const char *const yes[] = {
		"Ring_Frequency", "FXS_Port_Input_Gain", "FXS_Port_Output_Gain",
		"CPC_Delay", "CPC_Duration", "Idle_Polarity_1_",
		"Caller_Conn_Polarity_2_", "Callee_Conn_Polarity_12_",
		"Hook_Flash_Timer_Max",
	};
	static const char *const no[] = {
		"Idle_Polarity_", "Idle_Polarity_1", "Idle_Polarity_x_",
		"Idle_Polarity_1_x", "CPC_Delay_1_", "Idle_Polarity",
		"Line_Enable_1_", "",
	};
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		EXPECT_TRUE(line_check_find(yes[i]) != NULL);
		if (!(line_check_find(yes[i]) != NULL))
			fprintf(stderr, "# not used: '%s'\n", yes[i]);
	}
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		EXPECT_FALSE(line_check_find(no[i]) != NULL);
		if (line_check_find(no[i]) != NULL)
			fprintf(stderr, "# used: '%s'\n", no[i]);
	}
}

TEST(polarity)
{
	static const char *const bad[] = {
		"", "Forwards", "Rev", "0", "1", " Forward", "Forward ",
	};
	const char *k = NULL;
	size_t i;

	ASSERT_EQ(0, line_check_polarity("Forward", &k));
	EXPECT_STREQ("forward", k);
	ASSERT_EQ(0, line_check_polarity("reverse", &k));
	EXPECT_STREQ("reverse", k);
	ASSERT_EQ(0, line_check_polarity("REVERSE", &k));
	EXPECT_STREQ("reverse", k);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int ret = line_check_polarity(bad[i], &k);

		EXPECT_EQ(-EINVAL, ret);
		if (ret != -EINVAL)
			fprintf(stderr, "# accepted '%s'\n", bad[i]);
	}
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
		ASSERT_EQ(0, line_check_seconds_to_ms(good[i].s, &ms))
			TH_LOG("refused '%s'", good[i].s);
		EXPECT_EQ(good[i].ms, ms) TH_LOG("'%s'", good[i].s);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int ret = line_check_seconds_to_ms(bad[i], &ms);

		EXPECT_EQ(-EINVAL, ret);
		if (ret != -EINVAL)
			fprintf(stderr, "# accepted '%s'\n", bad[i]);
	}
}

TEST(db_to_whole_db)
{
	static const struct { const char *s; long db; } good[] = {
		{ "-3", -3 }, { "6", 6 }, { "0", 0 }, { "-12.000", -12 },
		{ "-2.5", -3 }, { "2.5", 3 }, { "-2.499", -2 }, { "1.6", 2 },
		{ ".4", 0 },
	};
	static const char *const bad[] = { "", "-", "--3", "3dB", "0x3", "1.2.3",
					   " 3", "+3" };
	long db;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		ASSERT_EQ(0, line_check_db(good[i].s, &db))
			TH_LOG("refused '%s'", good[i].s);
		EXPECT_EQ(good[i].db, db) TH_LOG("'%s'", good[i].s);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int ret = line_check_db(bad[i], &db);

		EXPECT_EQ(-EINVAL, ret);
		if (ret != -EINVAL)
			fprintf(stderr, "# accepted '%s'\n", bad[i]);
	}
}

TEST(int_to_decimal)
{
	static const struct { const char *s; long v; } good[] = {
		{ "20", 20 }, { "0x14", 20 }, { "0X1e", 30 }, { "-5", -5 },
		{ "010", 10 },
	};
	static const char *const bad[] = { "", "0x", "x14", "2O", "1.5", " 1" };
	long v;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		ASSERT_EQ(0, line_check_int(good[i].s, &v))
			TH_LOG("refused '%s'", good[i].s);
		EXPECT_EQ(good[i].v, v) TH_LOG("'%s'", good[i].s);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int ret = line_check_int(bad[i], &v);

		EXPECT_EQ(-EINVAL, ret);
		if (ret != -EINVAL)
			fprintf(stderr, "# accepted '%s'\n", bad[i]);
	}
}

/* the kernel's attributes are decimal and whole dB */
TEST_HARNESS_MAIN
