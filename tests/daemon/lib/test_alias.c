// SPDX-License-Identifier: GPL-2.0
/* test_alias.c: alias map syntax and remapping of foreign XML documents. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "kselftest_harness.h"
#include "alias.h"
#include "profile.h"

#define MAP "/customer/sip/user = /flat-profile/User_ID_1_ ;\n" \
	    "/customer/sip/pass = /flat-profile/Password_1_ ;"

static const char *val(const struct profile *p, const char *name)
{
	const struct profile_entry *e = profile_find(p, name);

	return e ? e->value : "<absent>";
}

TEST(parse_and_lookup)
{
	struct alias_map *m;
	char err[256];

	ASSERT_EQ(0, alias_parse(MAP, &m, err, sizeof(err))) TH_LOG("%s", err);
	EXPECT_EQ(2, alias_count(m));
	EXPECT_STREQ("User_ID_1_", alias_lookup(m, "/customer/sip/user"));
	EXPECT_STREQ("User_ID_1_", alias_lookup(m, "/x/customer/sip/user"));
	EXPECT_EQ(NULL, alias_lookup(m, "/xcustomer/sip/user"));
	EXPECT_EQ(NULL, alias_lookup(m, "/customer/sip"));
	EXPECT_EQ(NULL, alias_lookup(m, "/customer/sip/username"));
	alias_free(m);
}

TEST(trailing_path_match)
{
	struct alias_map *m;
	char err[256];

	ASSERT_EQ(0, alias_parse("/user=/flat-profile/User_ID_2_", &m, err,
				 sizeof(err)));
	EXPECT_STREQ("User_ID_2_", alias_lookup(m, "/a/b/user"));
	EXPECT_EQ(NULL, alias_lookup(m, "/a/b/superuser"));
	alias_free(m);
}

TEST(empty_map)
{
	struct alias_map *m;
	char err[256];

	ASSERT_EQ(0, alias_parse("  ; ;\n", &m, err, sizeof(err)));
	EXPECT_EQ(0, alias_count(m));
	alias_free(m);
}

TEST(bad_syntax)
{
	static const char *const bad[] = {
		"/a/b /flat-profile/GPP_A ;",
		"a/b = /flat-profile/GPP_A ;",
		"/a//b = /flat-profile/GPP_A ;",
		"/a/b = /other/GPP_A ;",
		"/a/b = /flat-profile/ ;",
		"/a/b = /flat-profile/Bad Name ;",
		"/a/b = GPP_A",
		"/a/b/ = /flat-profile/GPP_A",
	};
	struct alias_map *m;
	char err[256];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		EXPECT_EQ(-EINVAL, alias_parse(bad[i], &m, err, sizeof(err)))
			TH_LOG("accepted '%s'", bad[i]);
		EXPECT_NE(NULL, strstr(err, "alias map entry 1"));
		EXPECT_EQ(NULL, m);
	}
}

TEST(customer_document_fills_line_1)
{
	static const char doc[] =
		"<customer><sip><user>5551234</user><pass>x</pass>"
		"<other>z</other></sip></customer>";
	struct profile p;
	char err[256];

	ASSERT_EQ(0, profile_parse(doc, strlen(doc), MAP, &p, err,
				   sizeof(err))) TH_LOG("%s", err);
	EXPECT_EQ(2, p.count);
	EXPECT_STREQ("5551234", val(&p, "User_ID_1_"));
	EXPECT_STREQ("x", val(&p, "Password_1_"));
	profile_free(&p);
}

TEST(mapping_inside_flat_profile_renames)
{
	static const char doc[] =
		"<flat-profile><Old_Name>v</Old_Name><GPP_B>b</GPP_B>"
		"</flat-profile>";
	struct profile p;
	char err[256];

	ASSERT_EQ(0, profile_parse(doc, strlen(doc),
				   "/flat-profile/Old_Name = /flat-profile/GPP_A;",
				   &p, err, sizeof(err))) TH_LOG("%s", err);
	EXPECT_STREQ("v", val(&p, "GPP_A"));
	EXPECT_STREQ("b", val(&p, "GPP_B"));
	EXPECT_EQ(0, p.unknown_count);
	profile_free(&p);
}

TEST(unknown_target_is_listed)
{
	static const char doc[] = "<c><u>1</u></c>";
	struct profile p;
	char err[256];

	ASSERT_EQ(0, profile_parse(doc, strlen(doc),
				   "/c/u = /flat-profile/Not_A_Param ;", &p,
				   err, sizeof(err)));
	EXPECT_EQ(0, p.count);
	ASSERT_EQ(1, p.unknown_count);
	EXPECT_STREQ("Not_A_Param", p.unknown[0]);
	profile_free(&p);
}

TEST(no_match_is_an_error)
{
	static const char doc[] = "<customer><x>1</x></customer>";
	struct profile p;
	char err[256];

	EXPECT_EQ(-EINVAL, profile_parse(doc, strlen(doc), MAP, &p, err,
					 sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "no alias map entry matched"));
}

TEST(bad_map_fails_profile_parse)
{
	static const char doc[] = "<customer><sip><user>1</user></sip></customer>";
	struct profile p;
	char err[256];

	EXPECT_EQ(-EINVAL, profile_parse(doc, strlen(doc), "/a = b", &p, err,
					 sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "alias map")) TH_LOG("%s", err);
}

TEST_HARNESS_MAIN
