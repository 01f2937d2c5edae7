// SPDX-License-Identifier: GPL-2.0
/* test_state.c: the flat-profile state file: round trip, atomic writes. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "param.h"
#include "profile.h"
#include "provision.h"
#include "state.h"
#include "store.h"
#include "util.h"

/* the state file, in the fixture dir */
#define STATE_XML "state.xml"

FIXTURE(sf) {
	char dir[UTIL_DIR_MAX];
	char state[UTIL_DIR_MAX + 16];
	struct store *st;
	char err[256];
	char buf[PARAM_VALUE_MAX];
};

FIXTURE_SETUP(sf)
{
	ASSERT_EQ(0, util_tmpdir(self->dir, "test_state"));
	snprintf(self->state, sizeof(self->state), "%s/" STATE_XML, self->dir);
	ASSERT_EQ(0, util_store_new(self->dir, &self->st));
}

FIXTURE_TEARDOWN(sf)
{
	store_close(self->st);
	util_rmtree(self->dir);
}

/* the state file read and applied to st: 0 for no file, -EINVAL for one
 * that does not parse or validate (st unchanged) */
static int load(struct store *st, const char *state, char *err,
		size_t errlen)
{
	struct store_changes *ch = NULL;
	struct profile p;
	int ret;

	ret = state_read(state, &p, err, errlen);
	if (ret == -ENOENT)
		return 0;
	if (!ret)
		ret = store_apply(st, &p, &ch, err, errlen);
	profile_free(&p);
	store_changes_free(ch);
	return ret;
}

/* another store, in its own NAME/ beside the fixture's */
static struct store *fresh_store(FIXTURE_DATA(sf) *self, const char *name)
{
	struct store *s = NULL;
	char sub[UTIL_DIR_MAX];

	if (snprintf(sub, sizeof(sub), "%s/%s", self->dir, name) >=
	    (int)sizeof(sub) || util_store_new(sub, &s))
		return NULL;
	return s;
}

TEST_F(sf, round_trip)
{
	static const char tricky[] = "a<b>&c \"q\" 'x' $MA\tend";
	enum param_access a;
	struct store *s2;

	ASSERT_EQ(0, store_set(self->st, "GPP_A", tricky, self->err,
			       sizeof(self->err)));
	ASSERT_EQ(0, store_set(self->st, "Resync_Periodic", "77", self->err,
			       sizeof(self->err)));
	ASSERT_EQ(0, store_set_access(self->st, "GPP_A", PARAM_RO, self->err,
				      sizeof(self->err)));
	ASSERT_EQ(0, state_save(self->st, self->state, self->err,
				sizeof(self->err))) TH_LOG("%s", self->err);
	s2 = fresh_store(self, "p2");
	ASSERT_NE(NULL, s2);
	ASSERT_EQ(0, load(s2, self->state, self->err,
				sizeof(self->err))) TH_LOG("%s", self->err);
	ASSERT_EQ(0, store_get(s2, "GPP_A", self->buf, sizeof(self->buf)));
	EXPECT_STREQ(tricky, self->buf);
	ASSERT_EQ(0, store_get(s2, "Resync_Periodic", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("77", self->buf);
	ASSERT_EQ(0, store_get_access(s2, "GPP_A", &a));
	EXPECT_EQ(PARAM_RO, a);
	store_close(s2);
}

TEST_F(sf, file_is_flat_profile_and_private)
{
	struct profile p;
	struct stat sb;
	char tmp[UTIL_DIR_MAX + 24];
	char *all;
	size_t n;
	int ret;

	ASSERT_EQ(0, state_save(self->st, self->state, self->err,
				sizeof(self->err)));
	ASSERT_EQ(0, stat(self->state, &sb));
	EXPECT_EQ(0600, sb.st_mode & 0777);
	snprintf(tmp, sizeof(tmp), "%s.tmp", self->state);
	EXPECT_NE(0, access(tmp, F_OK));
	all = util_slurp_alloc(self->state, &n);
	ASSERT_NE(NULL, all);
	EXPECT_NE(NULL, strstr(all, "<flat-profile>"));
	EXPECT_NE(NULL, strstr(all,
			       "<Provision_Enable ua=\"rw\">Yes</Provision_Enable>"));
	/* the whole table is in it, parseable as a profile */
	ret = profile_parse(all, n, NULL, &p, self->err, sizeof(self->err));
	free(all);
	ASSERT_EQ(0, ret) TH_LOG("%s", self->err);
	EXPECT_EQ(param_count(), p.count);
	EXPECT_EQ(0, p.unknown_count);
	profile_free(&p);
}

TEST_F(sf, missing_file_is_not_an_error)
{
	EXPECT_EQ(0, load(self->st, self->state, self->err,
				sizeof(self->err)));
}

TEST_F(sf, corrupt_file_changes_nothing)
{
	ASSERT_EQ(0, store_set(self->st, "GPP_A", "keep", self->err,
			       sizeof(self->err)));
	ASSERT_EQ(0, util_put_file(self->dir, STATE_XML,
				   "<flat-profile><GPP_A>new</GPP_A>"));
	EXPECT_EQ(-EINVAL, load(self->st, self->state, self->err,
				      sizeof(self->err)));
	EXPECT_NE(NULL, strstr(self->err, self->state));
	ASSERT_EQ(0, store_get(self->st, "GPP_A", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("keep", self->buf);
}

TEST_F(sf, invalid_value_in_state_changes_nothing)
{
	ASSERT_EQ(0, util_put_file(self->dir, STATE_XML,
				   "<flat-profile><GPP_A>new</GPP_A>"
				   "<Provision_Enable>perhaps"
				   "</Provision_Enable></flat-profile>"));
	EXPECT_EQ(-EINVAL, load(self->st, self->state, self->err,
				      sizeof(self->err)));
	EXPECT_NE(NULL, strstr(self->err, "Provision_Enable"));
	ASSERT_EQ(0, store_get(self->st, "GPP_A", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("", self->buf);
}

TEST_F(sf, entity_bomb_state_rejected)
{
	ASSERT_EQ(0, util_put_file(self->dir, STATE_XML,
				   "<!DOCTYPE x [<!ENTITY a \"aaaa\">]>"
				   "<flat-profile><GPP_A>&a;</GPP_A>"
				   "</flat-profile>"));
	EXPECT_EQ(-EINVAL, load(self->st, self->state, self->err,
				      sizeof(self->err)));
}

TEST_F(sf, apply_persists)
{
	struct profile p;
	struct provision pv = { .st = self->st, .state_path = self->state };
	struct store *s2;
	static const char xml[] =
		"<flat-profile><GPP_C>persisted</GPP_C></flat-profile>";

	ASSERT_EQ(0, profile_parse(xml, strlen(xml), NULL, &p, self->err,
				   sizeof(self->err)));
	ASSERT_EQ(0, provision_apply(&pv, &p, self->err, sizeof(self->err)));
	profile_free(&p);
	s2 = fresh_store(self, "p3");
	ASSERT_NE(NULL, s2);
	ASSERT_EQ(0, load(s2, self->state, self->err,
				sizeof(self->err)));
	ASSERT_EQ(0, store_get(s2, "GPP_C", self->buf, sizeof(self->buf)));
	EXPECT_STREQ("persisted", self->buf);
	store_close(s2);
}

/* regression: the temp file was opened with O_TRUNC, following a link */
TEST_F(sf, save_never_writes_through_a_planted_link)
{
	char tmp[UTIL_DIR_MAX + 32], victim[UTIL_DIR_MAX + 32], buf[64];
	struct stat sb;

	snprintf(tmp, sizeof(tmp), "%s.tmp", self->state);
	snprintf(victim, sizeof(victim), "%s/victim", self->dir);
	ASSERT_EQ(0, util_put_file(self->dir, "victim", "precious\n"));
	ASSERT_EQ(0, symlink(victim, tmp));
	ASSERT_EQ(0, state_save(self->st, self->state, self->err,
				sizeof(self->err))) TH_LOG("%s", self->err);
	ASSERT_EQ(0, util_slurp(self->dir, "victim", buf, sizeof(buf)));
	EXPECT_STREQ("precious\n", buf);
	ASSERT_EQ(0, lstat(self->state, &sb));
	EXPECT_TRUE(S_ISREG(sb.st_mode));
	EXPECT_EQ(0600, sb.st_mode & 0777);
	EXPECT_EQ(-1, access(tmp, F_OK));
	/* a stale regular temp file from a crash is replaced as well */
	ASSERT_EQ(0, util_put_file(self->dir, "state.xml.tmp", "junk"));
	ASSERT_EQ(0, state_save(self->st, self->state, self->err,
				sizeof(self->err))) TH_LOG("%s", self->err);
	EXPECT_EQ(-1, access(tmp, F_OK));
}

/* child: save set A and set B alternately until killed */
static void saver(struct store *st, const char *state)
{
	char err[256];
	int i;

	for (i = 0;; i++) {
		const char *v = i & 1 ? "BBBB" : "AAAA";

		if (store_set(st, "GPP_A", v, err, sizeof(err)) ||
		    store_set(st, "GPP_P", v, err, sizeof(err)) ||
		    state_save(st, state, err, sizeof(err)))
			_exit(1);
	}
}

TEST_F(sf, kill_9_leaves_old_or_new)
{
	char a[64], p[64];
	struct store *s2;
	int round, status;
	pid_t pid;

	ASSERT_EQ(0, state_save(self->st, self->state, self->err,
				sizeof(self->err)));
	for (round = 0; round < 25; round++) {
		pid = fork();
		ASSERT_GE(pid, 0);
		if (!pid)
			saver(self->st, self->state);
		usleep(1000 + round * 997);
		ASSERT_EQ(0, kill(pid, SIGKILL));
		ASSERT_EQ(pid, waitpid(pid, &status, 0));
		ASSERT_TRUE(WIFSIGNALED(status)) TH_LOG("saver failed");
		s2 = fresh_store(self, "killcheck");
		ASSERT_NE(NULL, s2);
		ASSERT_EQ(0, load(s2, self->state, self->err,
					sizeof(self->err)))
			TH_LOG("round %d: %s", round, self->err);
		ASSERT_EQ(0, store_get(s2, "GPP_A", a, sizeof(a)));
		ASSERT_EQ(0, store_get(s2, "GPP_P", p, sizeof(p)));
		store_close(s2);
		/* a complete set: both from the same save */
		EXPECT_STREQ(a, p) TH_LOG("round %d: torn state", round);
	}
}

TEST_HARNESS_MAIN
