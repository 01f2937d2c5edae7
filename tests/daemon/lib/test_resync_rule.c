// SPDX-License-Identifier: GPL-2.0
/*
 * test_resync_rule.c: how resync_run() runs a rule that fetches nothing:
 * assignment-only alternatives through the apply point, conditions that
 * select or skip them (legacy forms included), one position in $ERR, and
 * the run-time macros an ATA without upgrades or SIP registration has;
 * and resync_start(): one resync at a time, ended by its fetch's outcome
 * or cancelled.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "kselftest_harness.h"
#include "fetch.h"
#include "param.h"
#include "provision.h"
#include "resync.h"
#include "store.h"
#include "util.h"

FIXTURE(rs) {
	char dir[UTIL_DIR_MAX];
	char state[UTIL_DIR_MAX + 16];
	struct provision pv;
	struct identity id;
	struct resync r;
	char buf[PARAM_VALUE_MAX];
};

FIXTURE_SETUP(rs)
{
	ASSERT_EQ(0, util_tmpdir(self->dir, "test_resync_rule"));
	snprintf(self->state, sizeof(self->state), "%s/state.xml", self->dir);
	ASSERT_EQ(0, util_store_new(self->dir, &self->pv.st));
	self->pv.state_path = self->state;
	memset(&self->id, 0, sizeof(self->id));
	ASSERT_EQ(0, identity_set(&self->id, "PN", "SPA112"));
	ASSERT_EQ(0, identity_set(&self->id, "SWVER", "1.4.1"));
	ASSERT_EQ(0, identity_set(&self->id, "MAC", "00:0e:08:ab:cd:ef"));
	memset(&self->r, 0, sizeof(self->r));
	self->r.pv = &self->pv;
	self->r.id = &self->id;
	self->r.last_result = 1;
}

FIXTURE_TEARDOWN(rs)
{
	store_close(self->pv.st);
	util_rmtree(self->dir);
}

static const char *param(FIXTURE_DATA(rs) *self, const char *name)
{
	if (store_get(self->pv.st, name, self->buf, sizeof(self->buf)))
		return "(none)";
	return self->buf;
}

static int set(FIXTURE_DATA(rs) *self, const char *name, const char *value)
{
	char err[256];

	return store_set(self->pv.st, name, value, err, sizeof(err));
}

static size_t count_of(const char *s, const char *what)
{
	size_t n = 0;

	for (s = strstr(s, what); s; s = strstr(s + 1, what))
		n++;
	return n;
}

/* regression: an assignment-only rule failed with "no URL" */
TEST_F(rs, assignment_only_rule_applies_without_a_fetch)
{
	char *text;

	ASSERT_EQ(0, set(self, "GPP_B", "7"));
	ASSERT_EQ(0, set(self, "GPP_C", "old"));
	ASSERT_EQ(0, resync_run(&self->r, "( User_ID_1_ = \"uid$B\" ; "
				"GPP_C = \"\" ; GPP_D = \"$MA\" ; )!", -1))
		TH_LOG("%s", self->r.err);
	EXPECT_STREQ("uid7", param(self, "User_ID_1_"));
	EXPECT_STREQ("", param(self, "GPP_C"));
	EXPECT_STREQ("000e08abcdef", param(self, "GPP_D"));
	EXPECT_STREQ("", self->r.err);
	/* persisted like any applied profile */
	text = util_slurp_alloc(self->state, NULL);
	ASSERT_NE(NULL, text);
	EXPECT_NE(NULL, strstr(text, "User_ID_1_")) TH_LOG("%s", text);
	EXPECT_NE(NULL, strstr(text, ">uid7<"));
	free(text);
}

TEST_F(rs, invalid_assignment_fails_and_changes_nothing)
{
	ASSERT_EQ(0, set(self, "GPP_A", "before"));
	EXPECT_EQ(-EINVAL, resync_run(&self->r, "( GPP_A = \"after\" ; "
				      "Resync_Periodic = \"abc\" ; )!", -1));
	EXPECT_NE(NULL, strstr(self->r.err, "Resync_Periodic"))
		TH_LOG("%s", self->r.err);
	EXPECT_STREQ("before", param(self, "GPP_A"));
	EXPECT_EQ(1u, self->r.failures);
}

TEST_F(rs, condition_selects_or_skips_assignments)
{
	ASSERT_EQ(0, set(self, "GPP_A", "before"));
	EXPECT_EQ(0, resync_run(&self->r, "( $A eq \"other\" )? "
				"( GPP_A = \"after\" ; )!", -1));
	EXPECT_STREQ("before", param(self, "GPP_A"));
	/* legacy: no left-hand side compares $SWVER (1.4.1) */
	EXPECT_EQ(0, resync_run(&self->r, "(<1.0)? ( GPP_A = \"pre\" ; )! | "
				"(! 1.4.1)? ( GPP_A = \"other\" ; )! | "
				"( GPP_A = \"cur-$SWVER\" ; )!", -1))
		TH_LOG("%s", self->r.err);
	EXPECT_STREQ("cur-1.4.1", param(self, "GPP_A"));
	EXPECT_EQ(0, resync_run(&self->r, "(>1.0.33)? ( GPP_A = \"new\" ; )!",
				-1)) TH_LOG("%s", self->r.err);
	EXPECT_STREQ("new", param(self, "GPP_A"));
}

TEST_F(rs, empty_or_bare_alternatives_do_nothing_and_succeed)
{
	ASSERT_EQ(0, set(self, "GPP_A", "before"));
	EXPECT_EQ(0, resync_run(&self->r, "( 1 = 2 )? ( GPP_A = x ; )! | ",
				-1)) TH_LOG("%s", self->r.err);
	EXPECT_EQ(0, resync_run(&self->r, "( 1 = 1 )?", -1))
		TH_LOG("%s", self->r.err);
	EXPECT_STREQ("before", param(self, "GPP_A"));
}

/* Profile_Rule_B sees what Profile_Rule assigned */
TEST_F(rs, rules_run_in_order_and_see_earlier_assignments)
{
	ASSERT_EQ(0, set(self, "Profile_Rule", "( GPP_E = \"from-a\" ; )!"));
	ASSERT_EQ(0, set(self, "Profile_Rule_B", "( GPP_F = \"$E+b\" ; )!"));
	ASSERT_EQ(0, set(self, "Profile_Rule_C", ""));
	ASSERT_EQ(0, set(self, "Profile_Rule_D", "( $F eq \"from-a+b\" )? ( GPP_G = d ; )!"));
	ASSERT_EQ(0, resync_run(&self->r, NULL, 0)) TH_LOG("%s", self->r.err);
	EXPECT_STREQ("from-a", param(self, "GPP_E"));
	EXPECT_STREQ("from-a+b", param(self, "GPP_F"));
	EXPECT_STREQ("d", param(self, "GPP_G"));
}

/* the assignments come before the fetch, as the guide orders them */
TEST_F(rs, assignments_apply_before_the_url_is_tried)
{
	EXPECT_NE(0, resync_run(&self->r, "( GPP_A = \"stage2\" ; )! "
				"/$A.cfg", -1));
	EXPECT_NE(NULL, strstr(self->r.err, "/stage2.cfg"))
		TH_LOG("%s", self->r.err);
	EXPECT_STREQ("stage2", param(self, "GPP_A"));
}

/* regression: "rule syntax error at position 2: rule syntax error at
 * position 1: ..." in $ERR */
TEST_F(rs, err_names_one_position)
{
	EXPECT_EQ(-EINVAL, resync_run(&self->r, "( 1 = 1 )? /a | ( 1 ~ 2 )? /b",
				      -1));
	EXPECT_EQ(1u, count_of(self->r.err, "position")) TH_LOG("%s", self->r.err);
	EXPECT_NE(NULL, strstr(self->r.err, "position 21:"))
		TH_LOG("%s", self->r.err);
}

/* a Custom_CA_Rule alternative without a URL installs nothing (logged),
 * and the resync goes on */
TEST_F(rs, custom_ca_rule_without_url_installs_nothing)
{
	char ca[UTIL_DIR_MAX + 16];

	snprintf(ca, sizeof(ca), "%s/ca.pem", self->dir);
	self->r.custom_ca_file = ca;
	ASSERT_EQ(0, set(self, "Custom_CA_Rule", "( GPP_B = \"x\" ; )!"));
	ASSERT_EQ(0, resync_run(&self->r, "( GPP_A = \"ran\" ; )!", -1))
		TH_LOG("%s", self->r.err);
	EXPECT_STREQ("ran", param(self, "GPP_A"));
	EXPECT_STREQ("", param(self, "GPP_B"));
	EXPECT_NE(0, access(ca, F_OK));
}

/* no firmware upgrade and no SIP registration in fxsd */
TEST_F(rs, upgrade_and_registration_macros)
{
	char out[256];

	ASSERT_EQ(0, resync_expand(&self->r, "$UPGST|$UPGTMR|[$UPGERR]|"
				   "$REGTMR1|$REGTMR2|$UPGCOND|$(UPGTMR)", out,
				   sizeof(out)));
	EXPECT_STREQ("0|0|[]|0|0|true|0", out);
}

/* ---- resync_start: the job that waits for its fetches ---- */

struct told {
	int n;
	int result;
};

static void told_fn(void *arg, int result)
{
	struct told *t = arg;

	t->n++;
	t->result = result;
}

/* a rule whose fetch is refused: nobody listens on its port */
static void refused_rule(char *buf, size_t len)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t sl = sizeof(sa);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	bind(fd, (struct sockaddr *)&sa, sizeof(sa));
	getsockname(fd, (struct sockaddr *)&sa, &sl);
	close(fd);
	snprintf(buf, len, "( GPP_A = \"first\" ; )! http://127.0.0.1:%u/p.xml",
		 ntohs(sa.sin_port));
}

/* a resync of the refused rule, left waiting for its fetch in *m */
static int start_refused(struct resync *r, struct fetch_multi **m,
			 struct told *t)
{
	char rule[128];

	if (fetch_init() || fetch_multi_new(NULL, NULL, m))
		return -EIO;
	refused_rule(rule, sizeof(rule));
	return resync_start(r, *m, rule, -1, told_fn, t);
}

TEST_F(rs, start_without_a_fetch_ends_at_once)
{
	struct fetch_multi *m;
	struct told t = { 0 };

	ASSERT_EQ(0, fetch_multi_new(NULL, NULL, &m));
	EXPECT_EQ(0, resync_start(&self->r, m, "( GPP_A = \"now\" ; )!", -1,
				  told_fn, &t)) TH_LOG("%s", self->r.err);
	EXPECT_EQ(0, t.n);
	EXPECT_EQ(0, resync_running(&self->r));
	EXPECT_STREQ("now", param(self, "GPP_A"));
	fetch_multi_free(m);
}

TEST_F(rs, one_resync_at_a_time_ended_by_its_fetch)
{
	struct fetch_multi *m = NULL;
	struct told t = { 0 }, t2 = { 0 };

	ASSERT_EQ(RESYNC_PENDING, start_refused(&self->r, &m, &t));
	EXPECT_EQ(1, resync_running(&self->r));
	EXPECT_EQ(1u, fetch_multi_active(m));
	/* a second one is refused and changes nothing */
	EXPECT_EQ(-EBUSY, resync_start(&self->r, m, "( GPP_B = \"second\" ; )!",
				       -1, told_fn, &t2));
	EXPECT_STREQ("", param(self, "GPP_B"));
	EXPECT_EQ(0, t.n);
	EXPECT_EQ(0, t2.n);
	fetch_multi_run(m);
	EXPECT_EQ(1, t.n);
	EXPECT_EQ(-ECONNREFUSED, t.result);
	EXPECT_NE(NULL, strstr(self->r.err, "connect failed")) TH_LOG("%s", self->r.err);
	EXPECT_EQ(0, resync_running(&self->r));
	EXPECT_EQ(1u, self->r.failures);
	EXPECT_EQ(-ECONNREFUSED, self->r.last_result);
	EXPECT_EQ(0, t2.n);
	fetch_multi_free(m);
}

TEST_F(rs, cancel_ends_it_without_a_callback)
{
	struct fetch_multi *m = NULL;
	struct told t = { 0 };

	ASSERT_EQ(RESYNC_PENDING, start_refused(&self->r, &m, &t));
	resync_cancel(&self->r);
	EXPECT_EQ(0, resync_running(&self->r));
	EXPECT_EQ(0u, fetch_multi_active(m));
	fetch_multi_run(m);
	EXPECT_EQ(0, t.n);
	/* the next one runs */
	EXPECT_EQ(0, resync_start(&self->r, m, "( GPP_B = \"next\" ; )!", -1,
				  told_fn, &t));
	EXPECT_STREQ("next", param(self, "GPP_B"));
	fetch_multi_free(m);
}

TEST_HARNESS_MAIN
