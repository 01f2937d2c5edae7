// SPDX-License-Identifier: GPL-2.0
/* test_param.c: the parameter table, its defaults and the validators. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "kselftest_harness.h"
#include "param.h"

static int valid(const char *name, const char *value)
{
	const struct param_def *p = param_find(name);
	char err[256];

	if (!p)
		return -ENOENT;
	return param_validate(p, value, err, sizeof(err));
}

TEST(required_names_and_defaults)
{
	static const char *const want[][2] = {
		{ "Provision_Enable", "Yes" },
		{ "Resync_On_Reset", "Yes" },
		{ "Resync_Random_Delay", "2" },
		{ "Resync_At__HHmm_", "" },
		{ "Resync_At_Random_Delay", "600" },
		{ "Resync_Periodic", "3600" },
		{ "Resync_Error_Retry_Delay", "3600" },
		{ "Forced_Resync_Delay", "14400" },
		{ "Resync_After_Upgrade_Attempt", "Yes" },
		{ "Resync_Trigger_1", "" },
		{ "Resync_Trigger_2", "" },
		{ "Resync_Fails_On_FNF", "Yes" },
		{ "Profile_Rule", "/ata$PSN.cfg" },
		{ "Profile_Rule_D", "" },
		{ "GPP_A", "" },
		{ "GPP_P", "" },
		{ "GPP_SD", "" },
		{ "Log_Resync_Request_Msg",
		  "$PN $MAC -- Requesting resync $SCHEME://$SERVIP:$PORT$PATH" },
		{ "Log_Resync_Success_Msg",
		  "$PN $MAC -- Successful resync $SCHEME://$SERVIP:$PORT$PATH" },
		{ "Log_Resync_Failure_Msg", "$PN $MAC -- Resync failed: $ERR" },
		{ "HTTPS_Name_Validate", "Yes" },
		{ "Hook_Flash_Timer_Min", ".1" },
		{ "Hook_Flash_Timer_Max", ".9" },
		{ "Ring1_Cadence", "60(2/4)" },
		{ "Dial_Tone", "350@-19,440@-19;10(*/0/1+2)" },
		{ "User_ID_2_", "" },
	};
	const struct param_def *p;
	size_t i;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		p = param_find(want[i][0]);
		ASSERT_NE(NULL, p) TH_LOG("missing %s", want[i][0]);
		EXPECT_STREQ(want[i][1], param_default(p));
	}
}

TEST(every_default_is_valid_and_names_are_canonical)
{
	const struct param_def *p;
	char err[256];
	size_t i, j;

	ASSERT_GT(param_count(), 200);
	for (i = 0; i < param_count(); i++) {
		p = param_at(i);
		EXPECT_TRUE(param_name_valid(param_name(p)))
			TH_LOG("bad name %s", param_name(p));
		EXPECT_EQ(0, param_validate(p, param_default(p), err,
					    sizeof(err))) TH_LOG("%s", err);
		for (j = 0; j < i; j++)
			EXPECT_STRNE(param_name(p), param_name(param_at(j)));
	}
	EXPECT_EQ(NULL, param_at(param_count()));
}

TEST(unknown_name)
{
	EXPECT_EQ(NULL, param_find("No_Such_Param"));
	EXPECT_EQ(NULL, param_find("provision_enable"));
	EXPECT_EQ(NULL, param_find(""));
}

TEST(name_syntax)
{
	EXPECT_TRUE(param_name_valid("Resync_At__HHmm_"));
	EXPECT_FALSE(param_name_valid("Resync At (HHmm)"));
	EXPECT_FALSE(param_name_valid("a/b"));
	EXPECT_FALSE(param_name_valid("../x"));
	EXPECT_FALSE(param_name_valid(""));
}

/* the ATA guides' parameters the line mapping and real profiles need */
TEST(table_ata_guide_names_and_defaults)
{
	static const char *const want[][2] = {
		{ "FXS_Port_Input_Gain", "-3" },
		{ "FXS_Port_Output_Gain", "-3" },
		{ "CPC_Delay", "2" },
		{ "CPC_Duration", ".5" },
		{ "Idle_Polarity_1_", "Forward" },
		{ "Caller_Conn_Polarity_2_", "Forward" },
		{ "Callee_Conn_Polarity_1_", "Forward" },
		{ "Hook_Flash_Tx_Method_2_", "None" },
		{ "Ring6_Cadence", "60(.2/.4,.2/.4,.2/4)" },
		{ "Ring9_Cadence", "60(.4/.2,.4/2)" },
		{ "Default_Ring_2_", "1" },
		{ "Second_Dial_Tone", "420@-19,520@-19;10(*/0/1+2)" },
		{ "Ring_Back_2_Tone", "440@-19,480@-19;*(1/1/1+2)" },
		{ "VMWI_Serv_1_", "Yes" },
		{ "DTMF_Process_INFO_2_", "Yes" },
		{ "Cfwd_No_Ans_Delay_1_", "20" },
		{ "Cfwd_Sel8_Dest_2_", "" },
		{ "DND_Serv_2_", "Yes" },
		{ "DND_Setting_1_", "No" },
		{ "Speed_Dial_9_2_", "" },
		{ "Daylight_Saving_Time_Enable", "Yes" },
		{ "Upgrade_Error_Retry_Delay", "3600" },
		{ "Service_Announcement_Serv_1_", "No" },
		{ "IVR_Admin_Passwd", "" },
	};
	const struct param_def *p;
	size_t i;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		p = param_find(want[i][0]);
		ASSERT_NE(NULL, p) TH_LOG("missing %s", want[i][0]);
		EXPECT_STREQ(want[i][0], param_name(p));
		EXPECT_STREQ(want[i][1], param_default(p));
	}
	EXPECT_EQ(PARAM_NA, param_default_access(param_find("IVR_Admin_Passwd")));
	EXPECT_EQ(PARAM_NA, param_default_access(param_find("SRTP_Private_Key_1_")));
	EXPECT_EQ(PARAM_RW, param_default_access(param_find("Cfwd_All_Dest_1_")));
}

/* the cost of the store: the adapter's two lines only, no phone pages */
TEST(table_has_two_lines_only)
{
	const char *name;
	char twin[PARAM_NAME_MAX + 1];
	size_t i, len;

	ASSERT_GT(param_count(), 700);
	EXPECT_LT(param_count(), 800);
	for (i = 0; i < param_count(); i++) {
		name = param_name(param_at(i));
		len = strlen(name);
		EXPECT_EQ(NULL, strstr(name, "Line_Key")) TH_LOG("%s", name);
		if (len < 3 || strcmp(name + len - 3, "_1_"))
			continue;
		snprintf(twin, sizeof(twin), "%.*s2_", (int)(len - 2), name);
		EXPECT_NE(NULL, param_find(twin)) TH_LOG("no %s", twin);
		snprintf(twin, sizeof(twin), "%.*s3_", (int)(len - 2), name);
		EXPECT_EQ(NULL, param_find(twin)) TH_LOG("%s", twin);
	}
}

static size_t entries_on_page(const char *page)
{
	size_t i, n = 0;

	for (i = 0; i < param_count(); i++)
		if (!strncmp(param_group(param_at(i)), page, strlen(page)))
			n++;
	return n;
}

TEST(table_groups_follow_the_guides)
{
	static const char *const pages[] = {
		"Provisioning/", "System/", "SIP/", "Regional/", "Line/", "User/",
		"Router/",
	};
	size_t i, total = 0;

	for (i = 0; i < param_count(); i++) {
		ASSERT_NE(NULL, param_group(param_at(i)));
		EXPECT_NE(NULL, strchr(param_group(param_at(i)), '/'));
	}
	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		EXPECT_GT(entries_on_page(pages[i]), 0);
		total += entries_on_page(pages[i]);
	}
	EXPECT_EQ(param_count(), total);
	EXPECT_STREQ("Regional/Miscellaneous",
		     param_group(param_find("FXS_Port_Input_Gain")));
	EXPECT_STREQ("Regional/Control Timer Values",
		     param_group(param_find("CPC_Duration")));
	EXPECT_STREQ("Line/FXS Port Polarity Configuration",
		     param_group(param_find("Idle_Polarity_2_")));
	EXPECT_STREQ("User/Call Forward Settings",
		     param_group(param_find("Cfwd_All_Dest_1_")));
	EXPECT_STREQ("Router/Setup",
		     param_group(param_find("Router_Time_Zone")));
}

TEST(aliases_resolve_to_other_entries)
{
	const struct param_def *p;
	const char *alias;
	size_t i, j;

	ASSERT_GT(param_alias_count(), 0);
	EXPECT_EQ(NULL, param_alias_name(param_alias_count()));
	for (i = 0; i < param_alias_count(); i++) {
		alias = param_alias_name(i);
		p = param_find(alias);
		ASSERT_NE(NULL, p) TH_LOG("alias %s resolves to nothing", alias);
		EXPECT_TRUE(param_name_valid(alias));
		EXPECT_STRNE(alias, param_name(p));
		EXPECT_EQ(p, param_at(param_index(p)));
		for (j = 0; j < i; j++)
			EXPECT_STRNE(alias, param_alias_name(j));
	}
}

TEST(lookup_by_each_spelling)
{
	static const char *const same[][2] = {
		{ "SIP_ToS_DiffServ_Value_1_", "SIP_TOS_DiffServ_Value_1_" },
		{ "SIP_ToS_DiffServ_Value_2_", "SIP_TOS_DiffServ_Value_2_" },
		{ "RTP_ToS_DiffServ_Value_1_", "RTP_TOS_DiffServ_Value_1_" },
		{ "RTP_ToS_DiffServ_Value_2_", "RTP_TOS_DiffServ_Value_2_" },
		{ "Custom_CA_URL", "Custom_CA_Rule" },
		{ "Custom_CA_RULE", "Custom_CA_Rule" },
	};
	const struct param_def *p;
	size_t i;

	for (i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		p = param_find(same[i][0]);
		ASSERT_NE(NULL, p) TH_LOG("%s", same[i][0]);
		EXPECT_EQ(param_find(same[i][1]), p);
		EXPECT_STREQ(same[i][1], param_name(p));
	}
	/* element names are case-sensitive: only the listed spellings */
	EXPECT_EQ(NULL, param_find("sip_tos_diffserv_value_1_"));
	EXPECT_EQ(NULL, param_find("SIP_Tos_DiffServ_Value_1_"));
	EXPECT_EQ(NULL, param_find("FXS_PORT_INPUT_GAIN"));
	EXPECT_EQ(NULL, param_find("custom_ca_url"));
	EXPECT_EQ(NULL, param_find("SIP_ToS_DiffServ_Value_3_"));
}

TEST(ata_guide_value_types)
{
	EXPECT_EQ(0, valid("FXS_Port_Input_Gain", "-12"));
	EXPECT_EQ(0, valid("FXS_Port_Input_Gain", "6.000"));
	EXPECT_EQ(0, valid("FXS_Port_Output_Gain", "-3.5"));
	EXPECT_EQ(0, valid("FXS_Port_Output_Gain", "0"));
	EXPECT_EQ(-EINVAL, valid("FXS_Port_Input_Gain", "-12.001"));
	EXPECT_EQ(-EINVAL, valid("FXS_Port_Input_Gain", "6.5"));
	EXPECT_EQ(-EINVAL, valid("FXS_Port_Input_Gain", "--3"));
	EXPECT_EQ(-EINVAL, valid("FXS_Port_Output_Gain", "-3dB"));
	EXPECT_EQ(0, valid("CPC_Delay", "255"));
	EXPECT_EQ(-EINVAL, valid("CPC_Delay", "256"));
	EXPECT_EQ(-EINVAL, valid("CPC_Delay", "-1"));
	EXPECT_EQ(0, valid("CPC_Duration", "1"));
	EXPECT_EQ(0, valid("CPC_Duration", "0.25"));
	EXPECT_EQ(-EINVAL, valid("CPC_Duration", "1.5"));
	EXPECT_EQ(0, valid("Idle_Polarity_1_", "Reverse"));
	EXPECT_EQ(0, valid("Callee_Conn_Polarity_2_", "forward"));
	EXPECT_EQ(-EINVAL, valid("Caller_Conn_Polarity_1_", "Backwards"));
	EXPECT_EQ(0, valid("Hook_Flash_Tx_Method_1_", "INFO"));
	EXPECT_EQ(-EINVAL, valid("Hook_Flash_Tx_Method_1_", "RFC2833"));
	EXPECT_EQ(0, valid("Default_Ring_1_", "No Ring"));
	EXPECT_EQ(0, valid("Default_Ring_1_", "9"));
	EXPECT_EQ(-EINVAL, valid("Default_Ring_1_", "10"));
	EXPECT_EQ(0, valid("VMWI_Serv_2_", "no"));
	EXPECT_EQ(-EINVAL, valid("VMWI_Serv_2_", "maybe"));
	EXPECT_EQ(0, valid("Ring7_Cadence", "60(.4/.2,.4/.2,.4/4)"));
	EXPECT_EQ(-EINVAL, valid("Ring7_Cadence", "60(x)"));
	EXPECT_EQ(0, valid("Cfwd_Last_Act_Code", "*63"));
	EXPECT_EQ(-EINVAL, valid("Cfwd_Last_Act_Code", "*6a"));
	EXPECT_EQ(0, valid("SIP_ToS_DiffServ_Value_1_", "0xb8"));
	EXPECT_EQ(-EINVAL, valid("RTP_ToS_DiffServ_Value_2_", "256"));
	/* schedule-like: the same types as the resync schedules */
	EXPECT_EQ(0, valid("Upgrade_Error_Retry_Delay", "60,120,240+30"));
	EXPECT_EQ(-EINVAL, valid("Upgrade_Error_Retry_Delay", "soon"));
}

TEST(bool_values)
{
	EXPECT_EQ(0, valid("Provision_Enable", "Yes"));
	EXPECT_EQ(0, valid("Provision_Enable", "no"));
	EXPECT_EQ(-EINVAL, valid("Provision_Enable", "maybe"));
	EXPECT_EQ(-EINVAL, valid("Provision_Enable", ""));
	EXPECT_EQ(1, param_parse_bool("YES"));
	EXPECT_EQ(0, param_parse_bool("No"));
	EXPECT_EQ(-EINVAL, param_parse_bool("Y"));
}

TEST(integer_ranges_and_message)
{
	const struct param_def *p = param_find("Resync_Periodic");
	char err[256];

	EXPECT_EQ(0, valid("Resync_Periodic", "0"));
	EXPECT_EQ(0, valid("Resync_Periodic", "4294967295"));
	EXPECT_EQ(-EINVAL, valid("Resync_Periodic", "4294967296"));
	EXPECT_EQ(-EINVAL, valid("Resync_Periodic", "-1"));
	EXPECT_EQ(-EINVAL, valid("Resync_Periodic", "12a"));
	EXPECT_EQ(-EINVAL, valid("Resync_Periodic", ""));
	ASSERT_EQ(-EINVAL, param_validate(p, "abc", err, sizeof(err)));
	EXPECT_STREQ("Resync_Periodic: 'abc' is not an integer 0..4294967295 with an optional +RANDOM, or a list of them like 1800+300,3600+600",
		     err);
	EXPECT_EQ(0, valid("SIP_TOS_DiffServ_Value_1_", "0x68"));
	EXPECT_EQ(-EINVAL, valid("SIP_TOS_DiffServ_Value_1_", "0x100"));
	EXPECT_EQ(0, valid("DTMF_Playback_Level", "-16"));
	EXPECT_EQ(-EINVAL, valid("Ring_Voltage", "200"));
	EXPECT_EQ(0, valid("Reg_Retry_Intvl_Cap", ""));
}

TEST(decimal_seconds)
{
	EXPECT_EQ(0, valid("SIP_T1", ".5"));
	EXPECT_EQ(0, valid("RTP_Packet_Size", "0.020"));
	EXPECT_EQ(0, valid("Hook_Flash_Timer_Max", "0.9"));
	EXPECT_EQ(-EINVAL, valid("Hook_Flash_Timer_Min", "5"));
	EXPECT_EQ(-EINVAL, valid("SIP_T1", "."));
	EXPECT_EQ(-EINVAL, valid("SIP_T1", "1.2.3"));
	EXPECT_EQ(-EINVAL, valid("SIP_T1", "-1"));
}

TEST(enums)
{
	EXPECT_EQ(0, valid("Ring_Waveform", "Trapezoid"));
	EXPECT_EQ(0, valid("Ring_Waveform", "sinusoid"));
	EXPECT_EQ(-EINVAL, valid("Ring_Waveform", "Square"));
	EXPECT_EQ(0, valid("DTMF_Tx_Method_1_", "AVT"));
	EXPECT_EQ(-EINVAL, valid("DTMF_Tx_Method_2_", "RFC2833"));
	EXPECT_EQ(0, valid("Network_Jitter_Level_1_", "very high"));
}

TEST(resync_at_hhmm)
{
	EXPECT_EQ(0, valid("Resync_At__HHmm_", ""));
	EXPECT_EQ(0, valid("Resync_At__HHmm_", "0000"));
	EXPECT_EQ(0, valid("Resync_At__HHmm_", "2359"));
	EXPECT_EQ(-EINVAL, valid("Resync_At__HHmm_", "2400"));
	EXPECT_EQ(-EINVAL, valid("Resync_At__HHmm_", "1260"));
	EXPECT_EQ(-EINVAL, valid("Resync_At__HHmm_", "930"));
	EXPECT_EQ(-EINVAL, valid("Resync_At__HHmm_", "ab12"));
}

TEST(retry_list)
{
	struct param_delay d[8];
	size_t n;

	EXPECT_EQ(0, valid("Resync_Error_Retry_Delay", "3600"));
	EXPECT_EQ(0, valid("Resync_Error_Retry_Delay", "60,120,240+30"));
	EXPECT_EQ(-EINVAL, valid("Resync_Error_Retry_Delay", "60,,120"));
	EXPECT_EQ(-EINVAL, valid("Resync_Error_Retry_Delay", "60+"));
	EXPECT_EQ(-EINVAL, valid("Resync_Error_Retry_Delay", "+30"));
	EXPECT_EQ(-EINVAL, valid("Resync_Error_Retry_Delay", "x"));

	/* the +30 is the spread of the element it follows (the guides) */
	ASSERT_EQ(0, param_parse_delays("60,120,240+30", d, 8, &n));
	ASSERT_EQ(3, n);
	EXPECT_EQ(60, d[0].base);
	EXPECT_EQ(0, d[0].spread);
	EXPECT_EQ(120, d[1].base);
	EXPECT_EQ(240, d[2].base);
	EXPECT_EQ(30, d[2].spread);
	ASSERT_EQ(0, param_parse_delays("3600", d, 8, &n));
	EXPECT_EQ(1, n);
	EXPECT_EQ(0, d[0].spread);
	EXPECT_EQ(-EINVAL, param_parse_delays("1,2,3", d, 2, &n));
}

TEST(tones_codes_timezone)
{
	EXPECT_EQ(0, valid("Ring1_Cadence", "30(.1/.1, .1/9.7)"));
	EXPECT_EQ(0, valid("Busy_Tone", "480@-19,620@-19;10(.5/.5/1+2)"));
	EXPECT_EQ(-EINVAL, valid("Busy_Tone", "beep beep"));
	EXPECT_EQ(0, valid("Call_Return_Code", "*69"));
	EXPECT_EQ(0, valid("Call_Return_Code", ""));
	EXPECT_EQ(-EINVAL, valid("Call_Return_Code", "*6a"));
	EXPECT_EQ(0, valid("Time_Zone", "GMT"));
	EXPECT_EQ(0, valid("Time_Zone", "GMT-08:00"));
	EXPECT_EQ(0, valid("Time_Zone", "GMT+05:30"));
	EXPECT_EQ(-EINVAL, valid("Time_Zone", "GMT+25:00"));
	EXPECT_EQ(-EINVAL, valid("Time_Zone", "PST"));
}

TEST(free_text_rules)
{
	char big[PARAM_VALUE_MAX + 10];

	EXPECT_EQ(0, valid("Profile_Rule",
			   "[--key K]https://p.example/$MA.cfg"));
	EXPECT_EQ(0, valid("SIP_User_Agent_Name", "$VERSION"));
	EXPECT_EQ(-EINVAL, valid("Profile_Rule", "a\x01" "b"));
	/* white space at either end is kept: the state file is read back
	 * exactly (tests/fuzz, target roundtrip) */
	EXPECT_EQ(0, valid("GPP_A", " x"));
	EXPECT_EQ(0, valid("GPP_A", "x\n"));
	EXPECT_EQ(0, valid("GPP_A", "x y"));
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	EXPECT_EQ(-EINVAL, valid("GPP_A", big));
}

TEST(access_levels)
{
	enum param_access a;

	ASSERT_EQ(0, param_access_parse("ro", &a));
	EXPECT_EQ(PARAM_RO, a);
	ASSERT_EQ(0, param_access_parse("NA", &a));
	EXPECT_EQ(PARAM_NA, a);
	EXPECT_EQ(-EINVAL, param_access_parse("wr", &a));
	EXPECT_EQ(-EINVAL, param_access_parse("", &a));
	EXPECT_STREQ("rw", param_access_name(PARAM_RW));
	EXPECT_EQ(PARAM_NA, param_default_access(param_find("Admin_Passwd")));
	EXPECT_EQ(PARAM_RW,
		  param_default_access(param_find("Provision_Enable")));
}

/* regression: only control characters were refused, so a truncated
 * multibyte character reached the store and the state file */
TEST(values_must_be_utf8)
{
	static const char *const good[] = {
		"", "plain", "\xc3\xa9\xc3\xa9", "\xe6\x97\xa5\xe6\x9c\xac",
		"\xf0\x9f\x98\x80", "\xef\xbf\xbd", "\xf4\x8f\xbf\xbf",
	};
	static const char *const bad[] = {
		"\xc3", "x\xc3", "\xc3\x28", "\xc0\xaf", "\xe0\x80\xaf",
		"\xed\xa0\x80", "\xf4\x90\x80\x80", "\xff", "\x80",
		"ok\xe6\x97", "\xef\xbf\xbe", "a\xef\xbf\xbf" "b",
	};
	const struct param_def *p = param_find("GPP_A");
	char err[256];
	size_t i;

	ASSERT_NE(NULL, p);
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		EXPECT_EQ(0, param_validate(p, good[i], err, sizeof(err)))
			TH_LOG("good %zu: %s", i, err);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		EXPECT_EQ(-EINVAL, param_validate(p, bad[i], err, sizeof(err)))
			TH_LOG("bad %zu accepted", i);
		EXPECT_NE(NULL, strstr(err, "not valid UTF-8")) TH_LOG("%s", err);
	}
}

/* ---- values and schedules: delay lists, router settings, blanks ---- */

static const char *const delay_params[] = {
	"Resync_Periodic", "Resync_Error_Retry_Delay",
	"Upgrade_Error_Retry_Delay",
};

TEST(delay_lists_take_random_spreads)
{
	static const char *const good[] = {
		"0", "3600", "3600+600", "1800+300,3600+600,7200+900",
		"60,120,240+30", "1800,3600,7200,14400+3600", "0x10+0x5",
		" 1800+300 , 3600 ", "4294967295+4294967295",
		"1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16",
	};
	size_t i, k;

	for (k = 0; k < 3; k++)
		for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
			int ret = valid(delay_params[k], good[i]);

			EXPECT_EQ(0, ret);
			if (ret)
				fprintf(stderr, "# %s rejects '%s'\n",
					delay_params[k], good[i]);
		}
}

TEST(delay_lists_stay_strict)
{
	static const char *const bad[] = {
		"", "3600+", "+600", "3600+abc", "1800+300,,", "1800+300,",
		",1800", "36 00", "3600\n+600", "1800 +300", "1800+ 300",
		"60+30+30", "-5", "3600+-1", "4294967296", "60+4294967296",
		"1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17", "3600s", "0x",
		"3600+600;7200",
	};
	const struct param_def *p;
	char err[256];
	size_t i, k;

	for (k = 0; k < 3; k++) {
		p = param_find(delay_params[k]);
		ASSERT_NE(NULL, p);
		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			err[0] = '\0';
			EXPECT_EQ(-EINVAL, param_validate(p, bad[i], err,
							  sizeof(err)))
				TH_LOG("%s accepts '%s'", delay_params[k], bad[i]);
			EXPECT_EQ(0, strncmp(err, delay_params[k],
					     strlen(delay_params[k])));
		}
	}
}

TEST(delay_list_elements)
{
	struct param_delay d[PARAM_DELAYS_MAX];
	size_t n = 99;

	ASSERT_EQ(0, param_parse_delays("1800+300,3600+600,7200+900", d,
					PARAM_DELAYS_MAX, &n));
	ASSERT_EQ(3, n);
	EXPECT_EQ(1800, d[0].base);
	EXPECT_EQ(300, d[0].spread);
	EXPECT_EQ(3600, d[1].base);
	EXPECT_EQ(600, d[1].spread);
	EXPECT_EQ(7200, d[2].base);
	EXPECT_EQ(900, d[2].spread);
	ASSERT_EQ(0, param_parse_delays("1800,14400+3600", d, 2, &n));
	EXPECT_EQ(0, d[0].spread);
	EXPECT_EQ(3600, d[1].spread);
	n = 99;
	EXPECT_EQ(-EINVAL, param_parse_delays("60,x", d, 4, &n));
	EXPECT_EQ(0, n);
}

TEST(blank_number_means_default)
{
	static const char *const numeric[][2] = {
		{ "Resync_Periodic", "3600" },
		{ "Resync_Error_Retry_Delay", "3600" },
		{ "Upgrade_Error_Retry_Delay", "3600" },
		{ "Resync_Random_Delay", "2" },
		{ "SIP_T1", ".5" },
		{ "Router_Resync_Timer", "3600" },
	};
	static const char *const as_written[] = {
		"GPP_A", "Provision_Enable", "Resync_At__HHmm_",
		"Reg_Retry_Intvl_Cap", "Time_Zone", "Router_DNS",
	};
	const struct param_def *p;
	size_t i;

	for (i = 0; i < sizeof(numeric) / sizeof(numeric[0]); i++) {
		p = param_find(numeric[i][0]);
		ASSERT_NE(NULL, p);
		EXPECT_STREQ(numeric[i][1], param_blank_default(p));
		/* the validator itself still refuses the empty value */
		EXPECT_EQ(-EINVAL, valid(numeric[i][0], ""));
	}
	for (i = 0; i < sizeof(as_written) / sizeof(as_written[0]); i++) {
		p = param_find(as_written[i]);
		ASSERT_NE(NULL, p);
		EXPECT_EQ(NULL, param_blank_default(p)) TH_LOG("%s", as_written[i]);
	}
}

TEST(router_time_zone)
{
	static const char *const good[] = {
		"+01 2 2", "-08 1 1", "08 1 1", "+00 1 1", "+14 1 1",
		"+05 12 3", "GMT-08:00", "GMT",
	};
	static const char *const bad[] = {
		"", "+1 2 2", "+01 2", "+01  2 2", "+01 2 2 ", "+15 1 1",
		"+01 0 1", "+01 1 0", "+01 a 1", "+01 123 1", "PST",
		"GMT+25:00", "++01 1 1", "+01 2\t2",
	};
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		int ret = valid("Router_Time_Zone", good[i]);

		EXPECT_EQ(0, ret);
		if (ret)
			fprintf(stderr, "# rejects '%s'\n", good[i]);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int ret = valid("Router_Time_Zone", bad[i]);

		EXPECT_EQ(-EINVAL, ret);
		if (ret != -EINVAL)
			fprintf(stderr, "# accepts '%s'\n", bad[i]);
	}
	/* the voice Time_Zone keeps its own form */
	EXPECT_EQ(-EINVAL, valid("Time_Zone", "+01 2 2"));
}

TEST(router_dns_and_the_rest)
{
	const struct param_def *p = param_find("Router_DNS");
	char err[256];

	EXPECT_EQ(0, valid("Router_DNS", ""));
	EXPECT_EQ(0, valid("Router_DNS", "192.0.2.1"));
	EXPECT_EQ(0, valid("Router_DNS", "192.0.2.1:198.51.100.2"));
	EXPECT_EQ(-EINVAL, valid("Router_DNS", "192.0.2.1:"));
	EXPECT_EQ(-EINVAL, valid("Router_DNS", ":192.0.2.1"));
	EXPECT_EQ(-EINVAL, valid("Router_DNS", "192.0.2.256"));
	EXPECT_EQ(-EINVAL, valid("Router_DNS", "dns.example.net"));
	EXPECT_EQ(-EINVAL, valid("Router_DNS", "192.0.2.1:192.0.2.2:192.0.2.3"));
	ASSERT_NE(NULL, p);
	ASSERT_EQ(-EINVAL, param_validate(p, "1.2.3", err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "Router_DNS: '1.2.3' is not a valid IPv4"));
	EXPECT_EQ(0, valid("Router_DNS_Order", "1"));
	EXPECT_EQ(-EINVAL, valid("Router_DNS_Order", "3"));
	EXPECT_EQ(0, valid("Router_Auto_Adjust_Clock", "0"));
	EXPECT_EQ(-EINVAL, valid("Router_Auto_Adjust_Clock", "Yes"));
	EXPECT_EQ(0, valid("Router_Time_Server_Mode", "manual"));
	EXPECT_EQ(-EINVAL, valid("Router_Time_Server_Mode", "sometimes"));
	EXPECT_EQ(-EINVAL, valid("Router_Resync_Timer", "1h"));
}

/* every Router_ name is a router setting, and only those are */
TEST(router_settings_have_their_own_names)
{
	const size_t plen = strlen(PARAM_ROUTER_PREFIX);
	const struct param_def *p;
	size_t i, routers = 0;

	for (i = 0; i < param_count(); i++) {
		p = param_at(i);
		EXPECT_EQ(!strncmp(param_name(p), PARAM_ROUTER_PREFIX, plen),
			  param_router(p)) TH_LOG("%s", param_name(p));
		if (param_router(p)) {
			routers++;
			EXPECT_EQ(0, valid(param_name(p), param_default(p)))
				TH_LOG("%s default", param_name(p));
		}
	}
	EXPECT_GE(routers, 10);
	EXPECT_EQ(0, valid("Router_Time_Zone", "-08 1 1"));
}

TEST_HARNESS_MAIN
