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
	EXPECT_STREQ("GMT", val(&p, "Time_Zone"));
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

TEST(bad_ua_rejected)
{
	struct profile p;
	char err[256];

	EXPECT_EQ(-EINVAL, parse("<flat-profile><GPP_A ua=\"xx\">x</GPP_A>"
				 "</flat-profile>", &p, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "ua=\"xx\"")) TH_LOG("%s", err);
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

TEST_HARNESS_MAIN
