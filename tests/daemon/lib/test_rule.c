// SPDX-License-Identifier: GPL-2.0
/* test_rule.c: Profile_Rule grammar, conditions and URL splitting. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "kselftest_harness.h"
#include "rule.h"

static int fake_expand(void *arg, const char *in, char *out, size_t len)
{
	(void)arg;
	if (!strcmp(in, "$SWVER"))
		snprintf(out, len, "1.4.10");
	else if (!strcmp(in, "$A"))
		snprintf(out, len, "gold");
	else
		snprintf(out, len, "%s", in);
	return 0;
}

TEST(plain_url)
{
	struct rule r;
	char err[256];

	ASSERT_EQ(0, rule_parse("tftp://10.0.0.1/spa$MA.cfg", &r, err,
				sizeof(err)));
	ASSERT_EQ(1u, r.count);
	EXPECT_STREQ("tftp://10.0.0.1/spa$MA.cfg", r.alts[0].url);
	EXPECT_EQ(NULL, r.alts[0].cond);
	EXPECT_EQ(NULL, r.alts[0].key);
	rule_free(&r);
}

TEST(blank_rule_has_no_alternatives)
{
	struct rule r;
	char err[256];

	ASSERT_EQ(0, rule_parse("  \n # only a comment\n", &r, err, sizeof(err)));
	EXPECT_EQ(0u, r.count);
	rule_free(&r);
}

TEST(options_quoted_key_alias_post_auth)
{
	struct rule r;
	char err[256];

	ASSERT_EQ(0, rule_parse("[--key \"Open Sesame\" --alias a --post B "
				"--uid u1 --pwd 'p w'] http://s/p", &r, err,
				sizeof(err)));
	ASSERT_EQ(1u, r.count);
	EXPECT_STREQ("Open Sesame", r.alts[0].key);
	EXPECT_EQ('A', r.alts[0].alias);
	EXPECT_EQ('B', r.alts[0].post);
	EXPECT_STREQ("u1", r.alts[0].uid);
	EXPECT_STREQ("p w", r.alts[0].pwd);
	EXPECT_STREQ("http://s/p", r.alts[0].url);
	rule_free(&r);
}

TEST(alternatives_conditions_assignments_comments)
{
	const char *text =
		"( $SWVER ge 1.4.12 )? http://s/new.xml # new firmware\n"
		"| ( $A = \"gold\" and 3 > 2 )? ( b = \"x\" ; GPP_C = y ; )! "
		"[--key k] /gold.cfg\n"
		"| /other.cfg";
	struct rule r;
	char err[256];

	ASSERT_EQ(0, rule_parse(text, &r, err, sizeof(err)));
	ASSERT_EQ(3u, r.count);
	ASSERT_EQ(2u, r.alts[1].nassign);
	EXPECT_STREQ("GPP_B", r.alts[1].assigns[0].name);
	EXPECT_STREQ("x", r.alts[1].assigns[0].value);
	EXPECT_STREQ("GPP_C", r.alts[1].assigns[1].name);
	EXPECT_STREQ("y", r.alts[1].assigns[1].value);
	EXPECT_STREQ("k", r.alts[1].key);
	EXPECT_STREQ("/gold.cfg", r.alts[1].url);
	/* 1.4.10 < 1.4.12 numerically (not as text): the second one */
	EXPECT_EQ(1, rule_select(&r, fake_expand, NULL, err, sizeof(err)));
	rule_free(&r);
}

TEST(no_alternative_holds)
{
	struct rule r;
	char err[256];

	ASSERT_EQ(0, rule_parse("( 1 = 2 )? /a | ( \"x\" ne \"x\" )? /b", &r,
				err, sizeof(err)));
	EXPECT_EQ(-ENOENT, rule_select(&r, NULL, NULL, err, sizeof(err)));
	rule_free(&r);
}

TEST(unclosed_bracket_names_position)
{
	struct rule r;
	char err[256];

	ASSERT_EQ(-EINVAL, rule_parse("[--key abc http://s/p", &r, err,
				      sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "position 1"));
	EXPECT_NE(NULL, strstr(err, "']'"));
	EXPECT_EQ(0u, r.count);
}

TEST(syntax_errors)
{
	static const char *const bad[] = {
		"( 1 = 1 ) /a",			/* no ? or ! */
		"( 1 = 1 /a",			/* unclosed ( */
		"[--frob x] /a",		/* unknown option */
		"[--alias q] /a",		/* not a GPP letter */
		"[--key] /a",			/* option without value */
		"( 1 ~ 2 )? /a",		/* bad operator */
		"( 1 = 2 or 2 = 2 )? /a",	/* 'or' not supported */
		"( a \"v\" )! /a",		/* missing = */
		"[--key k]",			/* no URL */
		"/a b",				/* space in URL */
		"/a | ",			/* empty alternative */
		"[--key \"abc] /a",		/* unterminated quote */
	};
	struct rule r;
	char err[256];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		EXPECT_EQ(-EINVAL, rule_parse(bad[i], &r, err, sizeof(err)))
			TH_LOG("accepted '%s'", bad[i]);
		EXPECT_NE(NULL, strstr(err, "position")) TH_LOG("%s", err);
	}
}

TEST(conditions)
{
	static const struct {
		const char *cond;
		bool want;
	} cases[] = {
		{ "1.2.3 < 1.2.10", true },
		{ "1.2.3 lt 1.2.3", false },
		{ "1.2.3 le 1.2.3", true },
		{ "10 > 9", true },
		{ "\"abc\" eq \"abc\"", true },
		{ "\"abc\" != \"abd\"", true },
		{ "abc gt abd", false },
		{ "2 >= 2 and 3 <= 1", false },
		{ "2 >= 2 AND 1 == 1", true },
	};
	char err[256];
	size_t i;
	bool v;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ASSERT_EQ(0, rule_cond_eval(cases[i].cond, NULL, NULL, &v, err,
					    sizeof(err))) TH_LOG("%s", err);
		EXPECT_EQ(cases[i].want, v) TH_LOG("%s", cases[i].cond);
	}
	EXPECT_EQ(-EINVAL, rule_cond_eval("1 =", NULL, NULL, &v, err,
					  sizeof(err)));
	EXPECT_EQ(-EINVAL, rule_cond_eval("", NULL, NULL, &v, err,
					  sizeof(err)));
}

TEST(version_compare)
{
	EXPECT_LT(rule_version_cmp("1.2.9", "1.2.10"), 0);
	EXPECT_EQ(0, rule_version_cmp("1.4.1", "1.4.1"));
	EXPECT_GT(rule_version_cmp("2.0", "1.99.99"), 0);
	EXPECT_LT(rule_version_cmp("1.4", "1.4.1"), 0);
}

TEST(url_defaults)
{
	struct rule_url u;
	char err[256];

	ASSERT_EQ(0, rule_url_parse("/spa112.cfg", &u, err, sizeof(err)));
	EXPECT_STREQ("tftp", u.scheme);
	EXPECT_STREQ("", u.server);
	EXPECT_EQ(69u, u.port);
	EXPECT_STREQ("/spa112.cfg", u.path);

	ASSERT_EQ(0, rule_url_parse("10.1.1.1:6969/a/b.cfg", &u, err,
				    sizeof(err)));
	EXPECT_STREQ("tftp", u.scheme);
	EXPECT_STREQ("10.1.1.1", u.server);
	EXPECT_EQ(6969u, u.port);
	EXPECT_STREQ("/a/b.cfg", u.path);

	ASSERT_EQ(0, rule_url_parse("HTTPS://prov.example.net/p?mac=1", &u,
				    err, sizeof(err)));
	EXPECT_STREQ("https", u.scheme);
	EXPECT_EQ(443u, u.port);
	EXPECT_STREQ("/p?mac=1", u.path);

	ASSERT_EQ(0, rule_url_parse("http://[::1]:8080/x", &u, err,
				    sizeof(err)));
	EXPECT_STREQ("::1", u.server);
	EXPECT_EQ(8080u, u.port);
}

TEST(url_errors)
{
	struct rule_url u;
	char err[256];

	EXPECT_EQ(-EINVAL, rule_url_parse("ftp://s/p", &u, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "ftp"));
	EXPECT_EQ(-EINVAL, rule_url_parse("http://s:99999/p", &u, err,
					  sizeof(err)));
	EXPECT_EQ(-EINVAL, rule_url_parse("http://s:/p", &u, err, sizeof(err)));
	EXPECT_EQ(-EINVAL, rule_url_parse("http://server", &u, err,
					  sizeof(err)));
}

TEST_HARNESS_MAIN
