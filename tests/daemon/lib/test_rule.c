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
		"[--key k]",			/* options without a URL */
		"( 1 = 1 )? [--key k]",		/* the same after a condition */
		"/a b",				/* space in URL */
		"/a | ",			/* unconditional, then another */
		"/a | /b",			/* /b could never be used */
		"( a = x ; )! | /b",		/* the same with assignments */
		"|",				/* two empty alternatives */
		"/a(b).cfg",			/* '(' not part of $( ) */
		"/$(MA.cfg",			/* $( without ) */
		"/$(M A)/x.cfg",		/* space inside $( ) */
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

/* $(NAME), $(NAME:p) and $(NAME:p:q) stand anywhere in a URL and in
 * option values; the URL is kept unexpanded for the resync to expand */
TEST(url_paren_macros)
{
	static const char *const urls[] = {
		"http://prov/$(MA)config.xml",
		"$(MAU)config.cfg",
		"/$(A:2)/x.cfg",
		"https://$(GPP_B:0:4).example.net:$(PORTNUM)/$(MA:0:6)/$(SN).xml",
		"/$(A)$(B)$MA.cfg",
	};
	char text[256], err[256];
	struct rule r;
	size_t i;

	for (i = 0; i < sizeof(urls) / sizeof(urls[0]); i++) {
		snprintf(text, sizeof(text), "( $(A:0:2) eq go )? "
			 "[--key $(GPP_SA:1) --uid $(UID1)] %s | /x", urls[i]);
		ASSERT_EQ(0, rule_parse(text, &r, err, sizeof(err)))
			TH_LOG("%s: %s", urls[i], err);
		ASSERT_EQ(2u, r.count);
		EXPECT_STREQ(urls[i], r.alts[0].url);
		EXPECT_STREQ("$(GPP_SA:1)", r.alts[0].key);
		EXPECT_STREQ("$(UID1)", r.alts[0].uid);
		EXPECT_STREQ(" $(A:0:2) eq go ", r.alts[0].cond);
		rule_free(&r);
	}
}

TEST(url_paren_macro_errors_name_the_dollar)
{
	struct rule r;
	char err[256];

	ASSERT_EQ(-EINVAL, rule_parse("/cfg/$(MA.xml", &r, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "position 6:")) TH_LOG("%s", err);
	EXPECT_NE(NULL, strstr(err, "'$('")) TH_LOG("%s", err);
	ASSERT_EQ(-EINVAL, rule_parse("/cfg/a(b).xml", &r, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "position 7:")) TH_LOG("%s", err);
}

/* every component of an alternative is optional */
TEST(assignment_only_rule)
{
	struct rule r;
	char err[256];

	ASSERT_EQ(0, rule_parse("( User_ID_1_ = \"uid$B\" ; GPP_C = \"\" ; "
				"GPP_D = \"$MA\" ; )!", &r, err, sizeof(err)))
		TH_LOG("%s", err);
	ASSERT_EQ(1u, r.count);
	EXPECT_EQ(NULL, r.alts[0].url);
	EXPECT_EQ(NULL, r.alts[0].cond);
	ASSERT_EQ(3u, r.alts[0].nassign);
	EXPECT_STREQ("User_ID_1_", r.alts[0].assigns[0].name);
	EXPECT_STREQ("uid$B", r.alts[0].assigns[0].value);
	EXPECT_STREQ("GPP_C", r.alts[0].assigns[1].name);
	EXPECT_STREQ("", r.alts[0].assigns[1].value);
	EXPECT_STREQ("$MA", r.alts[0].assigns[2].value);
	EXPECT_EQ(0, rule_select(&r, NULL, NULL, err, sizeof(err)));
	rule_free(&r);
}

TEST(condition_alone_and_trailing_empty_alternative)
{
	struct rule r;
	char err[256];

	/* a condition alone: when it holds, nothing to do */
	ASSERT_EQ(0, rule_parse("( 1 = 1 )?", &r, err, sizeof(err)));
	ASSERT_EQ(1u, r.count);
	EXPECT_EQ(NULL, r.alts[0].url);
	EXPECT_EQ(0u, r.alts[0].nassign);
	EXPECT_EQ(0, rule_select(&r, NULL, NULL, err, sizeof(err)));
	rule_free(&r);

	/* an empty last alternative: "otherwise nothing" */
	ASSERT_EQ(0, rule_parse("( 1 = 2 )? /a | ", &r, err, sizeof(err)));
	ASSERT_EQ(2u, r.count);
	EXPECT_EQ(NULL, r.alts[1].url);
	EXPECT_EQ(NULL, r.alts[1].cond);
	EXPECT_EQ(1, rule_select(&r, NULL, NULL, err, sizeof(err)));
	rule_free(&r);

	/* a condition and assignments, then the fallback */
	ASSERT_EQ(0, rule_parse("( 2 > 1 )? ( a = x ; )! | /other.cfg", &r, err,
				sizeof(err)));
	ASSERT_EQ(2u, r.count);
	EXPECT_EQ(NULL, r.alts[0].url);
	EXPECT_EQ(1u, r.alts[0].nassign);
	EXPECT_STREQ("/other.cfg", r.alts[1].url);
	rule_free(&r);
}

TEST(only_the_last_alternative_goes_without_a_condition)
{
	struct rule r;
	char err[256];

	ASSERT_EQ(-EINVAL, rule_parse("( 1 = 1 )? /a | /b | /c", &r, err,
				      sizeof(err)));
	/* the '|' after /b */
	EXPECT_NE(NULL, strstr(err, "position 20:")) TH_LOG("%s", err);
	EXPECT_NE(NULL, strstr(err, "condition")) TH_LOG("%s", err);
}

/* legacy forms: no left-hand side means $SWVER; '!' alone means != */
TEST(legacy_conditions_compare_swver)
{
	static const struct {
		const char *cond;
		bool want;
	} cases[] = {
		{ "<1.5", true },
		{ "< 1.4.9", false },
		{ ">1.4.9", true },
		{ ">1.4.10", false },
		{ ">=1.4.10", true },
		{ "<= 1.4", false },
		{ "=1.4.10", true },
		{ "== 1.4.10", true },
		{ "! 1.4.10", false },
		{ "!1.4.9", true },
		{ "!= 1.4.9", true },
		{ "lt 2.0", true },
		{ "ge 1.4.11", false },
		{ ">1.0 and <2.0", true },
		{ ">1.0 and <1.4.2", false },
		{ "$A ! \"silver\"", true },
		{ "$A ! gold", false },
		{ "$A = gold and ! 1.4.9", true },
		{ "1.4.10 ! 1.4.10", false },
	};
	char err[256];
	size_t i;
	bool v;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ASSERT_EQ(0, rule_cond_eval(cases[i].cond, fake_expand, NULL,
					    &v, err, sizeof(err)))
			TH_LOG("%s: %s", cases[i].cond, err);
		EXPECT_EQ(cases[i].want, v) TH_LOG("%s", cases[i].cond);
	}
	EXPECT_EQ(-EINVAL, rule_cond_eval("<", fake_expand, NULL, &v, err,
					  sizeof(err)));
	EXPECT_EQ(-EINVAL, rule_cond_eval("! ", fake_expand, NULL, &v, err,
					  sizeof(err)));
	EXPECT_EQ(-EINVAL, rule_cond_eval("<1.0 >2.0", fake_expand, NULL, &v,
					  err, sizeof(err)));
	EXPECT_EQ(-EINVAL, rule_cond_eval("1.0 ! ! 2.0", fake_expand, NULL, &v,
					  err, sizeof(err)));
}

TEST(legacy_conditions_in_rules)
{
	static const struct {
		const char *text;
		int want;
	} cases[] = {
		{ "(<1.0)? /pre.cfg | /cur.cfg", 1 },
		{ "(>1.0.33)? /new.cfg | /old.cfg", 0 },
		{ "(! 1.4.10)? /other.cfg | /this.cfg", 1 },
		{ "(!1.0.33)? /upgrade.cfg | /same.cfg", 0 },
		{ "( <1.4.10 )? /a | ( =1.4.10 )? /b | /c", 1 },
	};
	struct rule r;
	char err[256];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ASSERT_EQ(0, rule_parse(cases[i].text, &r, err, sizeof(err)))
			TH_LOG("%s: %s", cases[i].text, err);
		EXPECT_EQ(cases[i].want, rule_select(&r, fake_expand, NULL, err,
						     sizeof(err)))
			TH_LOG("%s", cases[i].text);
		rule_free(&r);
	}
}

static size_t count_of(const char *s, const char *what)
{
	size_t n = 0;

	for (s = strstr(s, what); s; s = strstr(s + 1, what))
		n++;
	return n;
}

/* regression: a condition's error read "rule syntax error at position 2:
 * rule syntax error at position 1: ..." */
TEST(errors_name_one_absolute_position)
{
	static const struct {
		const char *text;
		const char *pos;
	} cases[] = {
		{ "( 1 ~ 2 )? /a", "position 5:" },
		{ "( 1 = 1 )? /ok | ( 1 = )? /a", "position 24:" },
		{ "( 1 = 1 )? /ok | ( \"x = 1 )? /a", "position 20:" },
		{ "( 1 = 1 and 2 )? /a", "position 15:" },
		{ "( 1 = 1 or 2 = 2 )? /a", "position 9:" },
		{ "( 1 = 1 )? /ok.cfg #c\n| ( x = )? /a", "position 31:" },
	};
	struct rule r;
	char err[256];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ASSERT_EQ(-EINVAL, rule_parse(cases[i].text, &r, err,
					      sizeof(err))) TH_LOG("%s", cases[i].text);
		EXPECT_EQ(1u, count_of(err, "position")) TH_LOG("%s", err);
		EXPECT_EQ(1u, count_of(err, "error")) TH_LOG("%s", err);
		EXPECT_NE(NULL, strstr(err, cases[i].pos))
			TH_LOG("%s: %s, want %s", cases[i].text, err,
			       cases[i].pos);
	}
	/* a Resync_Trigger condition: its own text's position */
	bool v;

	ASSERT_EQ(-EINVAL, rule_cond_eval("$A eq gold and 1 ~ 2", NULL, NULL,
					  &v, err, sizeof(err)));
	EXPECT_EQ(1u, count_of(err, "position")) TH_LOG("%s", err);
	EXPECT_NE(NULL, strstr(err, "position 18:")) TH_LOG("%s", err);
}

static int failing_expand(void *arg, const char *in, char *out, size_t len)
{
	(void)arg;
	if (!strcmp(in, "$BIG"))
		return -E2BIG;
	snprintf(out, len, "%s", in);
	return 0;
}

TEST(select_error_names_the_operand_in_the_rule)
{
	struct rule r;
	char err[256];

	ASSERT_EQ(0, rule_parse("( 1 = 2 )? /a | ( x = $BIG )? /b", &r, err,
				sizeof(err)));
	EXPECT_EQ(-E2BIG, rule_select(&r, failing_expand, NULL, err,
				      sizeof(err)));
	EXPECT_EQ(1u, count_of(err, "position")) TH_LOG("%s", err);
	EXPECT_NE(NULL, strstr(err, "position 23:")) TH_LOG("%s", err);
	rule_free(&r);
}

TEST_HARNESS_MAIN
