// SPDX-License-Identifier: GPL-2.0
/*
 * test_provision.c: the one apply point: all or nothing, the state file
 * saved once per change and never for no change, store files written only
 * when they change, line settings pushed only for line parameters.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "param.h"
#include "profile.h"
#include "provision.h"
#include "store.h"
#include "util.h"

/* a moment long ago: a file written by the code under test gets "now" */
#define OLD_TIME 1000000000

FIXTURE(pv) {
	char dir[UTIL_DIR_MAX];
	char state[UTIL_DIR_MAX + 16];
	char lines[UTIL_DIR_MAX + 16];
	struct provision pv;
	char err[512];
	char buf[PARAM_VALUE_MAX];
};

FIXTURE_SETUP(pv)
{
	ASSERT_EQ(0, util_tmpdir(self->dir, "test_provision"));
	snprintf(self->state, sizeof(self->state), "%s/state.xml", self->dir);
	snprintf(self->lines, sizeof(self->lines), "%s/lines", self->dir);
	ASSERT_EQ(0, util_fake_line(self->lines, "fxs0"));
	ASSERT_EQ(0, util_store_new(self->dir, &self->pv.st));
	self->pv.state_path = self->state;
	self->pv.line_config = self->lines;
}

FIXTURE_TEARDOWN(pv)
{
	store_close(self->pv.st);
	util_rmtree(self->dir);
}

static int apply_xml(FIXTURE_DATA(pv) *self, const char *xml)
{
	struct profile p;
	int ret;

	ret = profile_parse(xml, strlen(xml), NULL, &p, self->err,
			    sizeof(self->err));
	if (ret)
		return ret;
	ret = provision_apply(&self->pv, &p, self->err, sizeof(self->err));
	profile_free(&p);
	return ret;
}

/* sets the mtime of DIR/REL to OLD_TIME */
static void age(const char *dir, const char *rel)
{
	struct timespec ts[2] = { { .tv_sec = OLD_TIME }, { .tv_sec = OLD_TIME } };
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	utimensat(AT_FDCWD, path, ts, 0);
}

/* 1 when DIR/REL was written since age() */
static int written(const char *dir, const char *rel)
{
	char path[512];
	struct stat sb;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	if (stat(path, &sb))
		return -1;
	return sb.st_mtim.tv_sec != OLD_TIME;
}

static ino_t inode_of(const char *path)
{
	struct stat sb;

	return stat(path, &sb) ? 0 : sb.st_ino;
}

/* ages every value and access file of the store and the line attributes */
static void age_everything(FIXTURE_DATA(pv) *self)
{
	char rel[PARAM_NAME_MAX + 16];
	size_t i;

	for (i = 0; i < param_count(); i++) {
		snprintf(rel, sizeof(rel), "params/%s/value",
			 param_name(param_at(i)));
		age(self->dir, rel);
		snprintf(rel, sizeof(rel), "params/%s/access",
			 param_name(param_at(i)));
		age(self->dir, rel);
	}
	age(self->dir, "lines/fxs0/ring_frequency");
	age(self->dir, "lines/fxs0/tone_dial");
	age(self->dir, "lines/fxs0/tone_busy");
	age(self->dir, "lines/fxs0/flash_min_ms");
	age(self->dir, "state.xml");
}

/* number of store files written since age_everything() */
static int store_files_written(FIXTURE_DATA(pv) *self)
{
	char rel[PARAM_NAME_MAX + 16];
	size_t i;
	int n = 0;

	for (i = 0; i < param_count(); i++) {
		snprintf(rel, sizeof(rel), "params/%s/value",
			 param_name(param_at(i)));
		n += written(self->dir, rel) == 1;
		snprintf(rel, sizeof(rel), "params/%s/access",
			 param_name(param_at(i)));
		n += written(self->dir, rel) == 1;
	}
	return n;
}

TEST_F(pv, change_writes_that_file_and_one_state)
{
	ino_t before;

	ASSERT_EQ(0, apply_xml(self, "<flat-profile><GPP_A>one</GPP_A>"
			       "</flat-profile>")) TH_LOG("%s", self->err);
	before = inode_of(self->state);
	ASSERT_NE(0, before);
	age_everything(self);
	ASSERT_EQ(0, apply_xml(self, "<flat-profile><GPP_A>one</GPP_A>"
			       "<GPP_B>two</GPP_B></flat-profile>"));
	EXPECT_EQ(1, written(self->dir, "params/GPP_B/value"));
	EXPECT_EQ(0, written(self->dir, "params/GPP_A/value"));
	EXPECT_EQ(1, store_files_written(self));
	/* saved again: the rename gives the state file a new inode */
	EXPECT_NE(before, inode_of(self->state));
	ASSERT_EQ(0, util_slurp(self->dir, "params/GPP_B/value", self->buf,
				sizeof(self->buf)));
	EXPECT_STREQ("two\n", self->buf);
}

TEST_F(pv, unchanged_set_writes_nothing)
{
	static const char xml[] = "<flat-profile><GPP_A>same</GPP_A>"
		"<Resync_Periodic ua=\"ro\">60</Resync_Periodic>"
		"<Ring_Frequency>25</Ring_Frequency></flat-profile>";
	ino_t before;

	ASSERT_EQ(0, apply_xml(self, xml)) TH_LOG("%s", self->err);
	before = inode_of(self->state);
	age_everything(self);
	ASSERT_EQ(0, apply_xml(self, xml));
	EXPECT_EQ(0, store_files_written(self));
	EXPECT_EQ(before, inode_of(self->state));
	EXPECT_EQ(0, written(self->dir, "lines/fxs0/ring_frequency"));
}

TEST_F(pv, nothing_to_change_saves_no_state)
{
	/* the defaults again: not even a first state file */
	ASSERT_EQ(0, apply_xml(self, "<flat-profile><GPP_A></GPP_A>"
			       "<Resync_Periodic>3600</Resync_Periodic>"
			       "</flat-profile>"));
	EXPECT_EQ(-1, access(self->state, F_OK));
}

TEST_F(pv, line_settings_pushed_only_for_line_parameters)
{
	age_everything(self);
	ASSERT_EQ(0, apply_xml(self, "<flat-profile><GPP_C>x</GPP_C>"
			       "</flat-profile>"));
	EXPECT_EQ(0, written(self->dir, "lines/fxs0/ring_frequency"));
	ASSERT_EQ(0, apply_xml(self, "<flat-profile>"
			       "<Ring_Frequency>30</Ring_Frequency>"
			       "</flat-profile>"));
	EXPECT_EQ(1, written(self->dir, "lines/fxs0/ring_frequency"));
	ASSERT_EQ(0, util_slurp(self->dir, "lines/fxs0/ring_frequency",
				self->buf, sizeof(self->buf)));
	EXPECT_STREQ("30", self->buf);
}

/* regression: a factory reset left the lines on the old settings until
 * a reboot; the defaults reach them at once, and the state files go */
TEST_F(pv, factory_reset_gives_the_lines_the_defaults)
{
	const char *set[] = { "Ring_Frequency=30", "GPP_A=x" };
	char bak[UTIL_DIR_MAX + 32];

	ASSERT_EQ(0, provision_assign(&self->pv, set, 2, self->err,
				      sizeof(self->err)));
	snprintf(bak, sizeof(bak), "%s.bak", self->state);
	ASSERT_EQ(0, util_put_file(self->dir, "state.xml.bak", "old"));
	ASSERT_EQ(0, util_slurp(self->dir, "lines/fxs0/ring_frequency",
				self->buf, sizeof(self->buf)));
	ASSERT_STREQ("30", self->buf);
	ASSERT_EQ(0, provision_factory_reset(&self->pv, self->err,
					     sizeof(self->err)))
		TH_LOG("%s", self->err);
	ASSERT_EQ(0, util_slurp(self->dir, "lines/fxs0/ring_frequency",
				self->buf, sizeof(self->buf)));
	EXPECT_STREQ("20", self->buf);
	ASSERT_EQ(0, store_get(self->pv.st, "GPP_A", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("", self->buf);
	EXPECT_NE(0, access(self->state, F_OK));
	EXPECT_NE(0, access(bak, F_OK));
}

/* a state file that cannot be removed: the reset fails and says why */
TEST_F(pv, factory_reset_names_a_state_file_it_cannot_remove)
{
	ASSERT_EQ(0, util_sh(self->dir, "mkdir -p state.xml.bad/x"));
	EXPECT_GT(0, provision_factory_reset(&self->pv, self->err,
					     sizeof(self->err)));
	EXPECT_NE(NULL, strstr(self->err, "state.xml.bad"))
		TH_LOG("%s", self->err);
}

TEST_F(pv, bad_value_changes_nothing)
{
	ASSERT_EQ(0, apply_xml(self, "<flat-profile><GPP_A>old</GPP_A>"
			       "</flat-profile>"));
	age_everything(self);
	EXPECT_EQ(-EINVAL, apply_xml(self, "<flat-profile><GPP_A>new</GPP_A>"
				     "<Resync_Periodic>soon</Resync_Periodic>"
				     "</flat-profile>"));
	EXPECT_NE(NULL, strstr(self->err, "Resync_Periodic: 'soon'"));
	EXPECT_EQ(0, store_files_written(self));
	ASSERT_EQ(0, store_get(self->pv.st, "GPP_A", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("old", self->buf);
}

TEST_F(pv, failed_state_save_undoes_the_store)
{
	char bad[UTIL_DIR_MAX + 32];

	snprintf(bad, sizeof(bad), "%s/no/such/dir/state.xml", self->dir);
	self->pv.state_path = bad;
	EXPECT_NE(0, apply_xml(self, "<flat-profile><GPP_A ua=\"na\">x</GPP_A>"
			       "</flat-profile>"));
	EXPECT_NE(NULL, strstr(self->err, "state")) TH_LOG("%s", self->err);
	ASSERT_EQ(0, store_get(self->pv.st, "GPP_A", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("", self->buf);
	ASSERT_EQ(0, util_slurp(self->dir, "params/GPP_A/value", self->buf,
				sizeof(self->buf)));
	EXPECT_STREQ("\n", self->buf);
	ASSERT_EQ(0, util_slurp(self->dir, "params/GPP_A/access", self->buf,
				sizeof(self->buf)));
	EXPECT_STREQ("rw\n", self->buf);
}

TEST_F(pv, repeated_name_is_undone_to_the_first_value)
{
	char bad[UTIL_DIR_MAX + 32];
	struct profile p = { 0 };
	struct profile_entry e[2] = {
		{ .name = "GPP_A", .value = "first", .access = -1 },
		{ .name = "GPP_A", .value = "second", .access = PARAM_RO },
	};
	enum param_access a;

	ASSERT_EQ(0, apply_xml(self, "<flat-profile><GPP_A>orig</GPP_A>"
			       "</flat-profile>"));
	snprintf(bad, sizeof(bad), "%s/no/such/dir/state.xml", self->dir);
	self->pv.state_path = bad;
	p.entries = e;
	p.count = 2;
	EXPECT_NE(0, provision_apply(&self->pv, &p, self->err,
				     sizeof(self->err)));
	ASSERT_EQ(0, store_get(self->pv.st, "GPP_A", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("orig", self->buf);
	ASSERT_EQ(0, store_get_access(self->pv.st, "GPP_A", &a));
	EXPECT_EQ(PARAM_RW, a);
}

TEST_F(pv, assign_is_one_set)
{
	const char *ok[] = { "GPP_A=1", "GPP_B=2=3", "GPP_C=" };
	const char *bad[] = { "GPP_D=4", "Resync_Periodic=x" };
	const char *unknown[] = { "GPP_E=5", "No_Such=1" };
	const char *malformed[] = { "GPP_F" };
	const char *empty_name[] = { "=1" };

	ASSERT_EQ(0, provision_assign(&self->pv, ok, 3, self->err,
				      sizeof(self->err))) TH_LOG("%s", self->err);
	ASSERT_EQ(0, store_get(self->pv.st, "GPP_B", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("2=3", self->buf);
	EXPECT_EQ(-EINVAL, provision_assign(&self->pv, bad, 2, self->err,
					    sizeof(self->err)));
	EXPECT_EQ(-ENOENT, provision_assign(&self->pv, unknown, 2, self->err,
					    sizeof(self->err)));
	EXPECT_NE(NULL, strstr(self->err, "unknown parameter 'No_Such'"));
	EXPECT_EQ(-EINVAL, provision_assign(&self->pv, malformed, 1, self->err,
					    sizeof(self->err)));
	EXPECT_NE(NULL, strstr(self->err, "NAME=VALUE"));
	EXPECT_EQ(-EINVAL, provision_assign(&self->pv, empty_name, 1,
					    self->err, sizeof(self->err)));
	/* none of the refused sets left anything */
	ASSERT_EQ(0, store_get(self->pv.st, "GPP_D", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("", self->buf);
	ASSERT_EQ(0, store_get(self->pv.st, "GPP_E", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("", self->buf);
}

TEST_F(pv, restore_without_state_file_is_nothing)
{
	ASSERT_EQ(-1, access(self->state, F_OK));
	EXPECT_EQ(0, provision_restore(&self->pv, self->err,
				       sizeof(self->err)));
	EXPECT_EQ(-1, access(self->state, F_OK));
	ASSERT_EQ(0, store_get(self->pv.st, "Resync_Periodic", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("3600", self->buf);
}

TEST_F(pv, restore_from_state)
{
	struct provision pv2 = { .state_path = self->state };
	enum param_access a;
	struct store *s2;
	char root[UTIL_DIR_MAX + 16];
	ino_t before;

	ASSERT_EQ(0, apply_xml(self, "<flat-profile><GPP_A ua=\"ro\">kept</GPP_A>"
			       "</flat-profile>"));
	before = inode_of(self->state);
	snprintf(root, sizeof(root), "%s/other", self->dir);
	ASSERT_EQ(0, store_open(root, &s2));
	pv2.st = s2;
	ASSERT_EQ(0, provision_restore(&pv2, self->err, sizeof(self->err)))
		TH_LOG("%s", self->err);
	ASSERT_EQ(0, store_get(s2, "GPP_A", self->buf, sizeof(self->buf)));
	EXPECT_STREQ("kept", self->buf);
	ASSERT_EQ(0, store_get_access(s2, "GPP_A", &a));
	EXPECT_EQ(PARAM_RO, a);
	/* restoring is no change of the configuration: no new save */
	EXPECT_EQ(before, inode_of(self->state));
	store_close(s2);
}

/* regression: a state file that did not parse kept fxsd from starting */
TEST_F(pv, corrupt_state_without_backup_starts_from_the_store)
{
	struct provision pv2 = { .state_path = self->state };

	ASSERT_EQ(0, util_put_file(self->dir, "state.xml", "<flat-profile>"));
	pv2.st = self->pv.st;
	EXPECT_EQ(0, provision_restore(&pv2, self->err, sizeof(self->err)));
	EXPECT_NE(NULL, strstr(self->err, "state file")) TH_LOG("%s", self->err);
	EXPECT_NE(NULL, strstr(self->err, "started from the store"))
		TH_LOG("%s", self->err);
	ASSERT_EQ(0, store_get(self->pv.st, "GPP_A", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("", self->buf);
	/* the bad file is kept for a look, a good one is in its place */
	ASSERT_EQ(0, util_slurp(self->dir, "state.xml.bad", self->buf,
				sizeof(self->buf)));
	EXPECT_STREQ("<flat-profile>", self->buf);
	self->err[0] = '\0';
	EXPECT_EQ(0, provision_restore(&pv2, self->err, sizeof(self->err)));
	EXPECT_STREQ("", self->err);
}

TEST_F(pv, corrupt_state_falls_back_to_the_previous_one)
{
	struct provision pv2 = { .state_path = self->state };
	struct store *s2;
	char root[UTIL_DIR_MAX + 16];

	ASSERT_EQ(0, apply_xml(self, "<flat-profile><GPP_A>first</GPP_A>"
			       "</flat-profile>"));
	ASSERT_EQ(0, apply_xml(self, "<flat-profile><GPP_A>second</GPP_A>"
			       "</flat-profile>"));
	/* the second save kept the first as state.xml.bak */
	ASSERT_EQ(0, util_put_file(self->dir, "state.xml", "garbage\xff"));
	snprintf(root, sizeof(root), "%s/fresh", self->dir);
	ASSERT_EQ(0, store_open(root, &s2));
	pv2.st = s2;
	EXPECT_EQ(0, provision_restore(&pv2, self->err, sizeof(self->err)));
	EXPECT_NE(NULL, strstr(self->err, "restored the previous state"))
		TH_LOG("%s", self->err);
	ASSERT_EQ(0, store_get(s2, "GPP_A", self->buf, sizeof(self->buf)));
	EXPECT_STREQ("first", self->buf);
	store_close(s2);
}

/* a value a stricter table refuses keeps the store's, the rest loads */
TEST_F(pv, state_value_that_no_longer_validates_is_skipped)
{
	struct provision pv2 = { .state_path = self->state };

	ASSERT_EQ(0, util_put_file(self->dir, "state.xml",
				   "<flat-profile><GPP_A>kept</GPP_A>"
				   "<Resync_Periodic>often</Resync_Periodic>"
				   "</flat-profile>"));
	pv2.st = self->pv.st;
	EXPECT_EQ(0, provision_restore(&pv2, self->err, sizeof(self->err)));
	EXPECT_STREQ("", self->err);
	ASSERT_EQ(0, store_get(self->pv.st, "GPP_A", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("kept", self->buf);
	ASSERT_EQ(0, store_get(self->pv.st, "Resync_Periodic", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("3600", self->buf);
}

/* a value the table takes and the kernel would refuse fails the set */
TEST_F(pv, kernel_refused_line_value_changes_nothing)
{
	ASSERT_EQ(0, apply_xml(self, "<flat-profile><GPP_A>old</GPP_A>"
			       "</flat-profile>"));
	age_everything(self);
	EXPECT_EQ(-EINVAL, apply_xml(self, "<flat-profile><GPP_A>new</GPP_A>"
				     "<Ring_Frequency>30</Ring_Frequency>"
				     "<Busy_Tone>480@-19;1(.5/.5/1);1(.5/.5/1);1(.5/.5/1)</Busy_Tone>"
				     "</flat-profile>"));
	EXPECT_NE(NULL, strstr(self->err, "Busy_Tone '480@-19;1(.5/.5/1);1(.5/.5/1);1(.5/.5/1)': the kernel's tone grammar refuses it"))
		TH_LOG("%s", self->err);
	EXPECT_EQ(0, store_files_written(self));
	EXPECT_EQ(0, written(self->dir, "state.xml"));
	EXPECT_EQ(0, written(self->dir, "lines/fxs0/ring_frequency"));
	EXPECT_EQ(0, written(self->dir, "lines/fxs0/tone_busy"));
	ASSERT_EQ(0, store_get(self->pv.st, "GPP_A", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("old", self->buf);
	ASSERT_EQ(0, store_get(self->pv.st, "Busy_Tone", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("480@-19,620@-19;10(.5/.5/1+2)", self->buf);
}

/* fxsctl set and --set go through the same check */
TEST_F(pv, assign_of_a_kernel_refused_value_fails)
{
	const char *set[] = { "GPP_A=x", "Ring1_Cadence=60(0/4)" };

	EXPECT_EQ(-EINVAL, provision_assign(&self->pv, set, 2, self->err,
					    sizeof(self->err)));
	EXPECT_NE(NULL, strstr(self->err, "Ring1_Cadence '60(0/4)': the kernel's cadence grammar"))
		TH_LOG("%s", self->err);
	ASSERT_EQ(0, store_get(self->pv.st, "GPP_A", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("", self->buf);
}

/* the flash pair is checked as the lines end up: the store's max */
TEST_F(pv, flash_min_at_or_over_the_stored_max_fails)
{
	const char *max[] = { "Hook_Flash_Timer_Max=.5" };
	const char *min[] = { "Hook_Flash_Timer_Min=.5" };
	const char *both[] = { "Hook_Flash_Timer_Min=.6",
			       "Hook_Flash_Timer_Max=.9" };

	ASSERT_EQ(0, provision_assign(&self->pv, max, 1, self->err,
				      sizeof(self->err))) TH_LOG("%s", self->err);
	age_everything(self);
	EXPECT_EQ(-EINVAL, provision_assign(&self->pv, min, 1, self->err,
					    sizeof(self->err)));
	EXPECT_NE(NULL, strstr(self->err, "Hook_Flash_Timer_Min '.5'"))
		TH_LOG("%s", self->err);
	EXPECT_EQ(0, store_files_written(self));
	EXPECT_EQ(0, written(self->dir, "lines/fxs0/flash_min_ms"));
	/* a max under the stored min is named itself */
	EXPECT_EQ(-EINVAL, apply_xml(self, "<flat-profile>"
				     "<Hook_Flash_Timer_Max>.1</Hook_Flash_Timer_Max>"
				     "</flat-profile>"));
	EXPECT_NE(NULL, strstr(self->err, "Hook_Flash_Timer_Max '.1'"))
		TH_LOG("%s", self->err);
	/* both in one set: the pair is what counts */
	EXPECT_EQ(0, provision_assign(&self->pv, both, 2, self->err,
				      sizeof(self->err))) TH_LOG("%s", self->err);
	ASSERT_EQ(0, util_slurp(self->dir, "lines/fxs0/flash_min_ms",
				self->buf, sizeof(self->buf)));
	EXPECT_STREQ("600", self->buf);
}

/* a flash minimum must exceed the line's debounce, as the kernel says */
TEST_F(pv, flash_min_under_the_line_debounce_fails)
{
	const char *min[] = { "Hook_Flash_Timer_Min=.15" };

	ASSERT_EQ(0, util_put_file(self->lines, "fxs0/hook_debounce_ms",
				   "150\n"));
	EXPECT_EQ(-EINVAL, provision_assign(&self->pv, min, 1, self->err,
					    sizeof(self->err)));
	EXPECT_NE(NULL, strstr(self->err, "debounce (150 ms)"))
		TH_LOG("%s", self->err);
	ASSERT_EQ(0, util_put_file(self->lines, "fxs0/hook_debounce_ms",
				   "100\n"));
	EXPECT_EQ(0, provision_assign(&self->pv, min, 1, self->err,
				      sizeof(self->err))) TH_LOG("%s", self->err);
}

/* a state file from before keeps the store's value where the kernel refuses */
TEST_F(pv, state_value_the_kernel_refuses_is_skipped)
{
	struct provision pv2 = { .state_path = self->state };

	ASSERT_EQ(0, util_put_file(self->dir, "state.xml",
				   "<flat-profile><GPP_A>kept</GPP_A>"
				   "<Busy_Tone>480@-19;1(1/1/1);1(1/1/1);1(1/1/1)</Busy_Tone>"
				   "</flat-profile>"));
	pv2.st = self->pv.st;
	EXPECT_EQ(0, provision_restore(&pv2, self->err, sizeof(self->err)));
	ASSERT_EQ(0, store_get(self->pv.st, "GPP_A", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("kept", self->buf);
	ASSERT_EQ(0, store_get(self->pv.st, "Busy_Tone", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("480@-19,620@-19;10(.5/.5/1+2)", self->buf);
}

TEST_HARNESS_MAIN
