// SPDX-License-Identifier: GPL-2.0
/* test_web_form.c: the web admin's form parser, query decoding and CSRF
 * token comparison (web_form.c). */
#include <errno.h>
#include <string.h>

#include "web.h"
#include "kselftest_harness.h"

static int parse(const char *body, struct web_form *f)
{
	char err[128];

	return web_form_parse(body, strlen(body), f, err, sizeof(err));
}

TEST(fields_are_decoded)
{
	struct web_form f;

	ASSERT_EQ(0, parse("csrf=ab&GPP_A=a+b%26c%3D&GPP_B=", &f));
	EXPECT_EQ(3, f.count);
	EXPECT_STREQ("ab", web_form_get(&f, "csrf"));
	EXPECT_STREQ("a b&c=", web_form_get(&f, "GPP_A"));
	EXPECT_STREQ("", web_form_get(&f, "GPP_B"));
	EXPECT_EQ(NULL, web_form_get(&f, "GPP_C"));
	web_form_free(&f);
	ASSERT_EQ(0, parse("", &f));
	EXPECT_EQ(0, f.count);
	web_form_free(&f);
	ASSERT_EQ(0, parse("a=%09tab&", &f));
	EXPECT_STREQ("\ttab", web_form_get(&f, "a"));
	web_form_free(&f);
}

TEST(malformed_forms_are_refused)
{
	static const char *const bad[] = {
		"a", "=x", "a=1&&b=2", "a=%", "a=%4", "a=%zz", "a=1&a=2",
		"a=x%0Ay", "a=x%00", "%41=1&A=2", "a=\x01",
	};
	struct web_form f;
	char err[128];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		EXPECT_EQ(-EINVAL, parse(bad[i], &f)) TH_LOG("%s", bad[i]);
		EXPECT_EQ(0, f.count);
	}
	EXPECT_EQ(-EINVAL, web_form_parse("a=1\0b", 5, &f, err, sizeof(err)));
}

TEST(query_decoding)
{
	char out[64];

	ASSERT_EQ(0, web_url_decode("tftp://h/a%20b+c", out, sizeof(out)));
	EXPECT_STREQ("tftp://h/a b+c", out);
	EXPECT_EQ(-EINVAL, web_url_decode("x%2", out, sizeof(out)));
	EXPECT_EQ(-EINVAL, web_url_decode("x%0a", out, sizeof(out)));
	EXPECT_EQ(-EINVAL, web_url_decode("0123456789", out, 10));
}

TEST(csrf_token_must_match_exactly)
{
	EXPECT_EQ(1, web_csrf_ok("abcd", "abcd"));
	EXPECT_EQ(0, web_csrf_ok("abcd", "abce"));
	EXPECT_EQ(0, web_csrf_ok("abcd", "abc"));
	EXPECT_EQ(0, web_csrf_ok("abcd", "abcde"));
	EXPECT_EQ(0, web_csrf_ok("abcd", ""));
	EXPECT_EQ(0, web_csrf_ok("abcd", NULL));
}

TEST_HARNESS_MAIN
