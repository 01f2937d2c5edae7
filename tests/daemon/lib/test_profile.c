// SPDX-License-Identifier: GPL-2.0
/* test_profile.c: flat-profile parsing with expat, quirks and hostile XML. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"
#include "param.h"
#include "profile.h"

static int parse(const char *xml, struct profile *p, char *err, size_t len)
{
	return profile_parse(xml, strlen(xml), NULL, p, err, len);
}

static const char *val(const struct profile *p, const char *name)
{
	const struct profile_entry *e = profile_find(p, name);

	return e ? e->value : "<absent>";
}

TEST(basic_values_and_access)
{
	struct profile p;
	char err[256];

	ASSERT_EQ(0, parse("<flat-profile>\n"
			   "  <Resync_Periodic ua=\"na\"> 600 </Resync_Periodic>\n"
			   "  <Profile_Rule>http://a/b?x=1&amp;y=2</Profile_Rule>\n"
			   "  <GPP_A></GPP_A>\n"
			   "  <GPP_B/>\n"
			   "  <GPP_C ua=\"ro\" />\n"
			   "</flat-profile>\n", &p, err, sizeof(err)))
		TH_LOG("%s", err);
	EXPECT_STREQ("600", val(&p, "Resync_Periodic"));
	EXPECT_EQ(PARAM_NA, profile_find(&p, "Resync_Periodic")->access);
	EXPECT_STREQ("http://a/b?x=1&y=2", val(&p, "Profile_Rule"));
	EXPECT_EQ(-1, profile_find(&p, "Profile_Rule")->access);
	EXPECT_STREQ("", val(&p, "GPP_A"));
	ASSERT_NE(NULL, profile_find(&p, "GPP_B"));
	EXPECT_EQ(NULL, profile_find(&p, "GPP_B")->value);
	EXPECT_EQ(NULL, profile_find(&p, "GPP_C")->value);
	EXPECT_EQ(PARAM_RO, profile_find(&p, "GPP_C")->access);
	EXPECT_EQ(5, p.count);
	EXPECT_EQ(0, p.unknown_count);
	profile_free(&p);
}

TEST(last_occurrence_wins)
{
	struct profile p;
	char err[256];

	ASSERT_EQ(0, parse("<flat-profile><GPP_A>one</GPP_A>"
			   "<GPP_A>two</GPP_A><GPP_A/></flat-profile>",
			   &p, err, sizeof(err)));
	EXPECT_EQ(1, p.count);
	EXPECT_STREQ("two", val(&p, "GPP_A"));
	profile_free(&p);
}

TEST(unknown_elements_listed_once)
{
	struct profile p;
	char err[256];

	ASSERT_EQ(0, parse("<flat-profile><Foo_Bar>1</Foo_Bar>"
			   "<Foo_Bar>2</Foo_Bar><Zap/><GPP_A>x</GPP_A>"
			   "</flat-profile>", &p, err, sizeof(err)));
	EXPECT_EQ(1, p.count);
	ASSERT_EQ(2, p.unknown_count);
	EXPECT_STREQ("Foo_Bar", p.unknown[0]);
	EXPECT_STREQ("Zap", p.unknown[1]);
	profile_free(&p);
}

TEST(real_world_quirks)
{
	struct profile p;
	char err[256];

	ASSERT_EQ(0, parse("<!--<?xmlversion=\"1.0\"?>-->\n"
			   "<config><device>\n"
			   "<flat-profile xmlns=\"http://www.sipura.net/xsd/x\"\n"
			   "  xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
			   "Parametersfor ProvisioningTab \n"
			   "//SYSTEM\n"
			   "<!-- a comment --><SIP_T1 group=\"SIP/Timers\">.5</SIP_T1>\n"
			   "<router-configuration><Time_Zone>GMT</Time_Zone>"
			   "</router-configuration>\n"
			   "<x:GPP_D xmlns:x=\"urn:x\">d</x:GPP_D>\n"
			   "<Voice_Mail_Number  ua=\"na\" >*97</Voice_Mail_Number>\n"
			   "</flat-profile></device></config>\n",
			   &p, err, sizeof(err))) TH_LOG("%s", err);
	EXPECT_STREQ(".5", val(&p, "SIP_T1"));
	/* the router section's Time_Zone is its own, not the voice one */
	EXPECT_STREQ("GMT", val(&p, "Router_Time_Zone"));
	EXPECT_STREQ("<absent>", val(&p, "Time_Zone"));
	EXPECT_STREQ("d", val(&p, "GPP_D"));
	EXPECT_STREQ("*97", val(&p, "Voice_Mail_Number"));
	EXPECT_EQ(4, p.count);
	profile_free(&p);
}

TEST(elements_outside_flat_profile_ignored)
{
	struct profile p;
	char err[256];

	ASSERT_EQ(0, parse("<x><GPP_A>out</GPP_A><flat-profile><GPP_B>in"
			   "</GPP_B></flat-profile><GPP_C>out</GPP_C></x>",
			   &p, err, sizeof(err)));
	EXPECT_EQ(1, p.count);
	EXPECT_STREQ("in", val(&p, "GPP_B"));
	profile_free(&p);
}

TEST(no_flat_profile_is_an_error)
{
	struct profile p;
	char err[256];

	EXPECT_EQ(-EINVAL, parse("<config><GPP_A>x</GPP_A></config>", &p,
				 err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "no <flat-profile>"));
	EXPECT_EQ(0, p.count);
}

TEST(malformed_xml_reports_line)
{
	struct profile p;
	char err[256];

	EXPECT_EQ(-EINVAL, parse("<flat-profile>\n<GPP_A>x</GPP_B>\n"
				 "</flat-profile>", &p, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "XML error at line 2"))
		TH_LOG("%s", err);
	EXPECT_EQ(-EINVAL, parse("", &p, err, sizeof(err)));
	EXPECT_EQ(-EINVAL, parse("<flat-profile><GPP_A>x</GPP_A>", &p, err,
				 sizeof(err)));
	EXPECT_EQ(-EINVAL, parse("<flat-profile><GPP_A>&foo;</GPP_A>"
				 "</flat-profile>", &p, err, sizeof(err)));
	EXPECT_EQ(0, p.count);
}

/* regression: ua="ua" in a real template refused the whole file */
TEST(bad_ua_ignored_with_a_note)
{
	const struct profile_entry *e;
	struct profile p;
	char err[256];

	ASSERT_EQ(0, parse("<flat-profile><GPP_A ua=\"ua\">x</GPP_A>"
			   "<GPP_B ua=\"xx\"/><GPP_C ua=\"ro\">c</GPP_C>"
			   "</flat-profile>", &p, err, sizeof(err)))
		TH_LOG("%s", err);
	e = profile_find(&p, "GPP_A");
	ASSERT_NE(NULL, e);
	EXPECT_STREQ("x", e->value);
	EXPECT_EQ(-1, e->access);
	e = profile_find(&p, "GPP_B");
	ASSERT_NE(NULL, e);
	EXPECT_EQ(NULL, e->value);
	EXPECT_EQ(-1, e->access);
	EXPECT_EQ(PARAM_RO, profile_find(&p, "GPP_C")->access);
	ASSERT_EQ(1, p.note_count);
	EXPECT_NE(NULL, strstr(p.notes[0], "on 2 elements"));
	EXPECT_NE(NULL, strstr(p.notes[0], "<GPP_A ua=\"ua\">"))
		TH_LOG("%s", p.notes[0]);
	EXPECT_NE(NULL, strstr(p.notes[0], "<GPP_B ua=\"xx\">"));
	profile_free(&p);
}

TEST(billion_laughs_rejected)
{
	static const char bomb[] =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE lolz [\n"
		" <!ENTITY lol \"lol\">\n"
		" <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
		" <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
		" <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
		" <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
		" <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
		" <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
		" <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
		" <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
		" <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
		"]>\n"
		"<flat-profile><GPP_A>&lol9;</GPP_A></flat-profile>\n";
	struct profile p;
	char err[256];

	EXPECT_EQ(-EINVAL, parse(bomb, &p, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "not allowed")) TH_LOG("%s", err);
	EXPECT_EQ(0, p.count);
}

TEST(entity_declaration_and_external_entity_rejected)
{
	struct profile p;
	char err[256];

	EXPECT_EQ(-EINVAL, parse("<!DOCTYPE f [<!ENTITY x SYSTEM "
				 "\"file:///etc/passwd\">]>"
				 "<flat-profile><GPP_A>&x;</GPP_A>"
				 "</flat-profile>", &p, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "not allowed")) TH_LOG("%s", err);
	EXPECT_EQ(-EINVAL, parse("<!DOCTYPE flat-profile SYSTEM \"x.dtd\">"
				 "<flat-profile/>", &p, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "DTD")) TH_LOG("%s", err);
}

TEST(size_limit)
{
	size_t len = PROFILE_MAX_INPUT + 1;
	char *big = malloc(len);
	struct profile p;
	char err[256];

	ASSERT_NE(NULL, big);
	memset(big, ' ', len);
	EXPECT_EQ(-E2BIG, profile_parse(big, len, NULL, &p, err,
					sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "limit"));
	free(big);
}

TEST(too_deep_nesting)
{
	char buf[4096] = "";
	struct profile p;
	char err[256];
	int i;

	for (i = 0; i < 100; i++)
		strcat(buf, "<a>");
	for (i = 0; i < 100; i++)
		strcat(buf, "</a>");
	EXPECT_EQ(-EINVAL, parse(buf, &p, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "nested")) TH_LOG("%s", err);
}

/* <aaa...a/> whose name alone fills the path limit; n characters */
static char *long_element(size_t n, const char *inner)
{
	char *xml = malloc(2 * n + strlen(inner) + 8);

	if (!xml)
		return NULL;
	xml[0] = '<';
	memset(xml + 1, 'a', n);
	sprintf(xml + 1 + n, ">%s</", inner);
	memset(xml + strlen(xml), 'a', n);
	strcpy(xml + 2 * n + strlen(inner) + 3, ">");
	return xml;
}

/* regression: the start handler refused the element without pushing a
 * level, and the end handler then wrote through lv[-1] */
TEST(element_over_the_path_limit_fails_safely)
{
	static const char *const maps[] = { NULL, "/a/b = /flat-profile/GPP_A;" };
	static const size_t lengths[] = { 2047, 2048, 4000 };
	struct profile p;
	char err[256];
	size_t i, m;
	char *xml;

	for (m = 0; m < 2; m++) {
		for (i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++) {
			xml = long_element(lengths[i], "");
			ASSERT_NE(NULL, xml);
			/* self-closing: start and end in one token */
			strcpy(strchr(xml, '>'), "/>");
			EXPECT_EQ(lengths[i] > 2046 ? -EINVAL : 0,
				  profile_parse(xml, strlen(xml), maps[m], &p, err,
						sizeof(err))) TH_LOG("%zu", lengths[i]);
			if (lengths[i] > 2046)
				EXPECT_NE(NULL, strstr(err, "element path over"))
					TH_LOG("%s", err);
			profile_free(&p);
			free(xml);
			xml = long_element(lengths[i], "<b>1</b>");
			ASSERT_NE(NULL, xml);
			profile_parse(xml, strlen(xml), maps[m], &p, err,
				      sizeof(err));
			profile_free(&p);
			free(xml);
		}
	}
}

/*
 * regression: each unknown element was looked up in a list of the ones
 * before it, so 116,000 of them in 1 MiB cost about 30 s of CPU in the
 * event loop (a denial of service); linear now, far inside the harness's
 * per-test timeout
 */
TEST(many_unknown_elements_in_one_mib)
{
	const size_t count = 116000;
	struct profile p;
	size_t len = 0, i;
	char err[256];
	char *xml;

	xml = malloc(PROFILE_MAX_INPUT);
	ASSERT_NE(NULL, xml);
	len += sprintf(xml, "<flat-profile>");
	for (i = 0; i < count; i++)
		len += sprintf(xml + len, "<u%zx/>", i);
	len += sprintf(xml + len, "<GPP_A>a</GPP_A></flat-profile>");
	ASSERT_GE((size_t)PROFILE_MAX_INPUT, len);
	ASSERT_EQ(0, profile_parse(xml, len, NULL, &p, err, sizeof(err)))
		TH_LOG("%s", err);
	EXPECT_EQ(count, p.unknown_count);
	EXPECT_STREQ("a", val(&p, "GPP_A"));
	profile_free(&p);
	free(xml);
}

TEST(multiline_and_crlf_values_trimmed)
{
	struct profile p;
	char err[256];

	ASSERT_EQ(0, parse("<flat-profile>\r\n<GPP_A>\r\n  x y \r\n</GPP_A>"
			   "\r\n</flat-profile>", &p, err, sizeof(err)));
	EXPECT_STREQ("x y", val(&p, "GPP_A"));
	profile_free(&p);
}

TEST(punctuation_in_names_becomes_underscore)
{
	struct profile p;
	char err[256];

	ASSERT_EQ(0, parse("<flat-profile><Auth_Resync-Reboot_1_>No"
			   "</Auth_Resync-Reboot_1_><Odd.Name-X>1</Odd.Name-X>"
			   "</flat-profile>", &p, err, sizeof(err)));
	EXPECT_STREQ("No", val(&p, "Auth_Resync_Reboot_1_"));
	ASSERT_EQ(1, p.unknown_count);
	EXPECT_STREQ("Odd.Name-X", p.unknown[0]);
	profile_free(&p);
}

/* the guides: a newline inside a value becomes a space */
TEST(newline_inside_value_becomes_space)
{
	struct profile p;
	char err[256];

	ASSERT_EQ(0, parse("<flat-profile>\n<Dial_Plan_1_>\n"
			   "  (*xx|[3469]11|0|00|\n"
			   "[2-9]xxxxxx|1xxx[2-9]xxxxxxS0|xxxxxxxxxxxx.)\n"
			   "</Dial_Plan_1_>\n"
			   "<GPP_A>a\r\nb\rc\td</GPP_A>"
			   "<GPP_B>a&#13;&#10;b&#13;c&#10;d</GPP_B>"
			   "<GPP_C>\t x \t</GPP_C>"
			   "</flat-profile>", &p, err, sizeof(err)))
		TH_LOG("%s", err);
	EXPECT_STREQ("(*xx|[3469]11|0|00| [2-9]xxxxxx|1xxx[2-9]xxxxxxS0|xxxxxxxxxxxx.)",
		     val(&p, "Dial_Plan_1_"));
	/* CR LF, a lone CR and LF are one space each; a tab stays */
	EXPECT_STREQ("a b c\td", val(&p, "GPP_A"));
	EXPECT_STREQ("a b c d", val(&p, "GPP_B"));
	/* white space at both ends, tabs too, is trimmed */
	EXPECT_STREQ("x", val(&p, "GPP_C"));
	profile_free(&p);
}

TEST(state_file_values_kept_exactly)
{
	static const char xml[] = "<flat-profile><GPP_A> a\nb </GPP_A>"
				  "<Resync_Periodic></Resync_Periodic>"
				  "</flat-profile>";
	struct profile p;
	char err[256];

	ASSERT_EQ(0, profile_parse_flags(xml, strlen(xml), NULL, PROFILE_EXACT,
					 &p, err, sizeof(err)));
	EXPECT_STREQ(" a\nb ", val(&p, "GPP_A"));
	EXPECT_STREQ("", val(&p, "Resync_Periodic"));
	EXPECT_EQ(0, p.note_count);
	profile_free(&p);
}

/* regression: <Resync_Periodic></Resync_Periodic> refused the profile */
TEST(empty_number_takes_its_default)
{
	struct profile p;
	char err[256];

	ASSERT_EQ(0, parse("<flat-profile>"
			   "<Resync_Periodic></Resync_Periodic>"
			   "<Resync_Error_Retry_Delay> </Resync_Error_Retry_Delay>"
			   "<SIP_T1>\n</SIP_T1>"
			   "<Upgrade_Error_Retry_Delay/>"
			   "<Reg_Retry_Intvl_Cap></Reg_Retry_Intvl_Cap>"
			   "<Resync_At__HHmm_></Resync_At__HHmm_>"
			   "<Provision_Enable></Provision_Enable>"
			   "<GPP_A></GPP_A>"
			   "</flat-profile>", &p, err, sizeof(err)))
		TH_LOG("%s", err);
	EXPECT_STREQ("3600", val(&p, "Resync_Periodic"));
	EXPECT_STREQ("3600", val(&p, "Resync_Error_Retry_Delay"));
	EXPECT_STREQ(".5", val(&p, "SIP_T1"));
	/* <X/> still leaves X unchanged */
	EXPECT_EQ(NULL, val(&p, "Upgrade_Error_Retry_Delay"));
	/* blank has a meaning of its own here: taken as written */
	EXPECT_STREQ("", val(&p, "Reg_Retry_Intvl_Cap"));
	EXPECT_STREQ("", val(&p, "Resync_At__HHmm_"));
	/* not a number: the validator decides */
	EXPECT_STREQ("", val(&p, "Provision_Enable"));
	EXPECT_STREQ("", val(&p, "GPP_A"));
	ASSERT_EQ(1, p.note_count);
	EXPECT_NE(NULL, strstr(p.notes[0], "3 empty numeric values set to the default: Resync_Periodic=3600, Resync_Error_Retry_Delay=3600, SIP_T1=.5"))
		TH_LOG("%s", p.notes[0]);
	profile_free(&p);
}

/* regression: a router Time_Zone replaced (or refused) the voice one */
TEST(router_section_has_its_own_names)
{
	static const char *const order[] = {
		"<flat-profile><Time_Zone>GMT+01:00</Time_Zone>"
		"<router-configuration><Time_Setup>"
		"<Time_Zone>+01 2 2</Time_Zone></Time_Setup>"
		"</router-configuration></flat-profile>",
		"<flat-profile><router-configuration><Time_Setup>"
		"<Time_Zone>+01 2 2</Time_Zone></Time_Setup>"
		"</router-configuration>"
		"<Time_Zone>GMT+01:00</Time_Zone></flat-profile>",
	};
	struct profile p;
	char err[256];
	size_t i;

	for (i = 0; i < 2; i++) {
		ASSERT_EQ(0, parse(order[i], &p, err, sizeof(err)))
			TH_LOG("%s", err);
		EXPECT_STREQ("GMT+01:00", val(&p, "Time_Zone"));
		EXPECT_STREQ("+01 2 2", val(&p, "Router_Time_Zone"));
		EXPECT_EQ(2, p.count);
		EXPECT_EQ(0, p.note_count);
		profile_free(&p);
	}
}

TEST(router_settings_stored_the_rest_noted)
{
	struct profile p;
	char err[256];

	ASSERT_EQ(0, parse("<flat-profile><GPP_A>voice</GPP_A>"
			   "<router-configuration>"
			   "<Internet_Option><Host_Name>ata1</Host_Name>"
			   "<Domain_Name>example.net</Domain_Name>"
			   "<DNS_Order>0</DNS_Order>"
			   "<DNS>192.0.2.1:192.0.2.2</DNS></Internet_Option>"
			   "<Time_Setup><Time_Server>ntp.example.net</Time_Server>"
			   "<Daylight_Saving_Time_Rule>start=3/-1/7/2;end=10/-1/7/3;save=1"
			   "</Daylight_Saving_Time_Rule>"
			   "<Resync_Timer></Resync_Timer></Time_Setup>"
			   "<Router_Mode>1</Router_Mode>"
			   "<WAN_Interface><WAN_Connection_Type>dh</WAN_Connection_Type>"
			   "</WAN_Interface>"
			   /* a voice name inside the router section is no voice
			    * parameter */
			   "<GPP_A>router</GPP_A><Profile_Rule>x</Profile_Rule>"
			   "<Web_Login_Admin_Password>pw</Web_Login_Admin_Password>"
			   "</router-configuration>"
			   "<GPP_B>after</GPP_B></flat-profile>",
			   &p, err, sizeof(err))) TH_LOG("%s", err);
	EXPECT_STREQ("voice", val(&p, "GPP_A"));
	EXPECT_STREQ("after", val(&p, "GPP_B"));
	EXPECT_STREQ("<absent>", val(&p, "Profile_Rule"));
	EXPECT_STREQ("ata1", val(&p, "Router_Host_Name"));
	EXPECT_STREQ("example.net", val(&p, "Router_Domain_Name"));
	EXPECT_STREQ("0", val(&p, "Router_DNS_Order"));
	EXPECT_STREQ("192.0.2.1:192.0.2.2", val(&p, "Router_DNS"));
	EXPECT_STREQ("ntp.example.net", val(&p, "Router_Time_Server"));
	EXPECT_STREQ("start=3/-1/7/2;end=10/-1/7/3;save=1",
		     val(&p, "Router_Daylight_Saving_Time_Rule"));
	EXPECT_STREQ("<absent>", val(&p, "Daylight_Saving_Time_Rule"));
	/* empty numbers take their defaults here too */
	EXPECT_STREQ("3600", val(&p, "Router_Resync_Timer"));
	EXPECT_EQ(9, p.count);
	/* ignored router settings are noted, not unknown parameters */
	EXPECT_EQ(0, p.unknown_count);
	ASSERT_EQ(2, p.note_count);
	EXPECT_NE(NULL, strstr(p.notes[1], "5 router-configuration settings ignored (not used on this device): Router_Mode, WAN_Connection_Type, GPP_A, Profile_Rule, Web_Login_Admin_Password"))
		TH_LOG("%s", p.notes[1]);
	profile_free(&p);
}

TEST(router_names_outside_the_section_are_parameters)
{
	struct profile p;
	char err[256];

	/* the state file holds them flat, as every other parameter */
	ASSERT_EQ(0, parse("<flat-profile><Router_Time_Zone>-05 1 1"
			   "</Router_Time_Zone><router-configuration/>"
			   "<Time_Setup><Time_Zone>GMT-05:00</Time_Zone></Time_Setup>"
			   "</flat-profile>", &p, err, sizeof(err)));
	EXPECT_STREQ("-05 1 1", val(&p, "Router_Time_Zone"));
	/* an empty section closes at once: Time_Setup here is voice */
	EXPECT_STREQ("GMT-05:00", val(&p, "Time_Zone"));
	EXPECT_EQ(0, p.unknown_count);
	profile_free(&p);
}

TEST_HARNESS_MAIN
