// SPDX-License-Identifier: GPL-2.0
/*
 * test_store_sync.c: the sync record STATE.sync. While it matches, a start
 * takes the store's values from the state file and reads no store file;
 * it is removed before any store write (so a kill between a store write
 * and the state save cannot leave one that lies), and it goes stale when
 * the state file or the store directory is replaced, when it is cut
 * short, or when the state file does not hold every parameter.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "param.h"
#include "profile.h"
#include "provision.h"
#include "state.h"
#include "store.h"
#include "store_sync.h"
#include "util.h"

FIXTURE(sync) {
	char dir[UTIL_DIR_MAX];
	char root[UTIL_DIR_MAX + 16];
	char state[UTIL_DIR_MAX + 16];
	struct provision pv;
	char err[512];
	char buf[PARAM_VALUE_MAX + 2];
};

static int sync_apply(FIXTURE_DATA(sync) *self, const char *name,
		      const char *value)
{
	char set[PARAM_VALUE_MAX + PARAM_NAME_MAX + 2];
	const char *one[] = { set };

	snprintf(set, sizeof(set), "%s=%s", name, value);
	return provision_assign(&self->pv, one, 1, self->err,
				sizeof(self->err));
}

/* a provision with a saved state file (GPP_A=saved) and its record */
FIXTURE_SETUP(sync)
{
	ASSERT_EQ(0, util_tmpdir(self->dir, "test_store_sync"));
	snprintf(self->root, sizeof(self->root), "%s/params", self->dir);
	snprintf(self->state, sizeof(self->state), "%s/state.xml", self->dir);
	self->pv.state_path = self->state;
	ASSERT_EQ(0, provision_open(&self->pv, self->root, self->err,
				    sizeof(self->err)));
	ASSERT_EQ(0, sync_apply(self, "GPP_A", "saved")) TH_LOG("%s", self->err);
	ASSERT_TRUE(store_sync_matches(self->state, self->root));
}

FIXTURE_TEARDOWN(sync)
{
	store_close(self->pv.st);
	util_rmtree(self->dir);
}

/* a second start on the same store and state file, as fxsd --once is */
static int sync_restart(FIXTURE_DATA(sync) *self)
{
	store_close(self->pv.st);
	self->pv.st = NULL;
	return provision_open(&self->pv, self->root, self->err,
			      sizeof(self->err));
}

/* GPP_A's value file changed behind fxsd's back, as a test of whether a
 * start read it: read, it is put back to the state file's value */
static int poke(FIXTURE_DATA(sync) *self)
{
	return util_put_file(self->root, "GPP_A/value", "poked\n");
}

/* true when DIR/state.xml.sync exists */
static int record_exists(FIXTURE_DATA(sync) *self)
{
	char path[UTIL_DIR_MAX + 32];

	snprintf(path, sizeof(path), "%s.sync", self->state);
	return !access(path, F_OK);
}

static const char *gpp_a_file(FIXTURE_DATA(sync) *self)
{
	if (util_slurp(self->root, "GPP_A/value", self->buf, sizeof(self->buf)))
		return "(unreadable)";
	return self->buf;
}

static const char *gpp_a_held(FIXTURE_DATA(sync) *self)
{
	if (store_get(self->pv.st, "GPP_A", self->buf, sizeof(self->buf)))
		return "(none)";
	return self->buf;
}

TEST_F(sync, a_matching_record_lets_a_start_read_no_store_file)
{
	ASSERT_EQ(0, poke(self));
	ASSERT_EQ(0, sync_restart(self)) TH_LOG("%s", self->err);
	EXPECT_STREQ("saved", gpp_a_held(self));
	/* not read, so not put back */
	EXPECT_STREQ("poked\n", gpp_a_file(self));
	EXPECT_TRUE(store_sync_matches(self->state, self->root));
}

TEST_F(sync, without_a_record_a_start_reads_every_entry)
{
	ASSERT_EQ(0, store_sync_clear(self->state));
	ASSERT_EQ(0, poke(self));
	ASSERT_EQ(0, sync_restart(self)) TH_LOG("%s", self->err);
	EXPECT_STREQ("saved", gpp_a_held(self));
	EXPECT_STREQ("saved\n", gpp_a_file(self));
	/* the store now holds the whole state file: the record is back */
	EXPECT_TRUE(store_sync_matches(self->state, self->root));
}

/* the crash window: a store write whose state save never came */
TEST_F(sync, a_store_write_removes_the_record_before_it_writes)
{
	ASSERT_EQ(0, store_set(self->pv.st, "GPP_A", "unsaved", self->err,
			       sizeof(self->err)));
	EXPECT_FALSE(record_exists(self));
	EXPECT_FALSE(store_sync_matches(self->state, self->root));
	/* the next start reads the store and puts the state file back */
	ASSERT_EQ(0, sync_restart(self)) TH_LOG("%s", self->err);
	EXPECT_STREQ("saved", gpp_a_held(self));
	EXPECT_STREQ("saved\n", gpp_a_file(self));
}

/* once told, the store tells again only when asked again */
TEST_F(sync, each_save_writes_the_record_again)
{
	ASSERT_EQ(0, sync_apply(self, "GPP_A", "second"));
	EXPECT_TRUE(store_sync_matches(self->state, self->root));
	ASSERT_EQ(0, sync_apply(self, "GPP_B", "third"));
	EXPECT_TRUE(store_sync_matches(self->state, self->root));
	ASSERT_EQ(0, poke(self));
	ASSERT_EQ(0, sync_restart(self));
	EXPECT_STREQ("second", gpp_a_held(self));
	ASSERT_EQ(0, store_get(self->pv.st, "GPP_B", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("third", self->buf);
}

TEST_F(sync, a_set_that_changes_nothing_keeps_the_record)
{
	ASSERT_EQ(0, sync_apply(self, "GPP_A", "saved"));
	EXPECT_TRUE(store_sync_matches(self->state, self->root));
}

TEST_F(sync, a_replaced_state_file_makes_the_record_stale)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "cp state.xml copy && mv copy state.xml");
	ASSERT_EQ(0, util_sh(self->dir, cmd));
	EXPECT_FALSE(store_sync_matches(self->state, self->root));
	ASSERT_EQ(0, poke(self));
	ASSERT_EQ(0, sync_restart(self)) TH_LOG("%s", self->err);
	EXPECT_STREQ("saved\n", gpp_a_file(self));
}

TEST_F(sync, a_store_directory_made_again_makes_the_record_stale)
{
	ASSERT_EQ(0, util_sh(self->dir, "rm -rf params && mkdir params"));
	EXPECT_FALSE(store_sync_matches(self->state, self->root));
	ASSERT_EQ(0, sync_restart(self)) TH_LOG("%s", self->err);
	/* every entry made again, and the state file's values put in */
	EXPECT_STREQ("saved", gpp_a_held(self));
	EXPECT_STREQ("saved\n", gpp_a_file(self));
	ASSERT_EQ(0, util_slurp(self->root, "Resync_Periodic/value", self->buf,
				sizeof(self->buf)));
	EXPECT_STREQ("3600\n", self->buf);
}

TEST_F(sync, an_entry_made_in_the_store_makes_the_record_stale)
{
	ASSERT_EQ(0, util_sh(self->root, "mkdir Not_A_Parameter"));
	EXPECT_FALSE(store_sync_matches(self->state, self->root));
}

TEST_F(sync, a_record_cut_short_is_not_trusted)
{
	ASSERT_EQ(0, util_slurp(self->dir, "state.xml.sync", self->buf,
				sizeof(self->buf)));
	self->buf[strlen(self->buf) / 2] = '\0';
	ASSERT_EQ(0, util_put_file(self->dir, "state.xml.sync", self->buf));
	EXPECT_FALSE(store_sync_matches(self->state, self->root));
	ASSERT_EQ(0, util_put_file(self->dir, "state.xml.sync", ""));
	EXPECT_FALSE(store_sync_matches(self->state, self->root));
}

/* a record that matches a state file without every parameter (one from
 * an older table): the start reads the store rather than guess */
TEST_F(sync, a_state_file_without_every_parameter_is_not_taken_whole)
{
	ASSERT_EQ(0, util_put_file(self->dir, "state.xml",
				   "<flat-profile><GPP_A ua=\"rw\">partial</GPP_A>"
				   "</flat-profile>"));
	ASSERT_EQ(0, store_sync_mark(self->state, self->root));
	ASSERT_TRUE(store_sync_matches(self->state, self->root));
	ASSERT_EQ(0, util_put_file(self->root, "GPP_B/value", "from-store\n"));
	ASSERT_EQ(0, sync_restart(self)) TH_LOG("%s", self->err);
	EXPECT_STREQ("partial", gpp_a_held(self));
	ASSERT_EQ(0, store_get(self->pv.st, "GPP_B", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("from-store", self->buf);
	/* the store is not the state file: no record for it */
	EXPECT_FALSE(store_sync_matches(self->state, self->root));
}

/* the same with a value this table refuses */
TEST_F(sync, a_state_value_that_no_longer_validates_is_not_taken)
{
	struct profile p;
	char *xml, *at;
	size_t len;

	xml = util_slurp_alloc(self->state, &len);
	ASSERT_NE(NULL, xml);
	at = strstr(xml, ">3600<");
	ASSERT_NE(NULL, at);
	memcpy(at, ">36x0<", 6);
	ASSERT_EQ(0, util_put_file(self->dir, "state.xml", xml));
	free(xml);
	ASSERT_EQ(0, state_read(self->state, &p, self->err,
				sizeof(self->err)));
	profile_free(&p);
	ASSERT_EQ(0, store_sync_mark(self->state, self->root));
	ASSERT_EQ(0, sync_restart(self)) TH_LOG("%s", self->err);
	ASSERT_EQ(0, store_get(self->pv.st, "Resync_Periodic", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("3600", self->buf);
}

TEST_F(sync, store_open_from_wants_every_parameter)
{
	struct store *st = NULL;
	struct profile p;

	ASSERT_EQ(0, state_read(self->state, &p, self->err,
				sizeof(self->err)));
	EXPECT_EQ(0, store_open_from(self->root, &p, &st));
	store_close(st);
	p.count--;
	EXPECT_EQ(-ESTALE, store_open_from(self->root, &p, &st));
	EXPECT_EQ(NULL, st);
	p.count++;
	p.entries[0].access = -1;
	EXPECT_EQ(-ESTALE, store_open_from(self->root, &p, &st));
	profile_free(&p);
}

TEST_F(sync, factory_reset_removes_the_record)
{
	ASSERT_EQ(0, provision_factory_reset(&self->pv, self->err,
					     sizeof(self->err)));
	EXPECT_FALSE(record_exists(self));
	EXPECT_FALSE(store_sync_matches(self->state, self->root));
}

TEST_HARNESS_MAIN
