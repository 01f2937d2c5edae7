// SPDX-License-Identifier: GPL-2.0
/* test_store.c: the directory store (configfs params/ layout) and apply. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "param.h"
#include "profile.h"
#include "provision.h"
#include "store.h"
#include "util.h"

FIXTURE(st) {
	char dir[UTIL_DIR_MAX];
	char root[UTIL_DIR_MAX + 16];
	struct store *st;
	char err[256];
	char buf[PARAM_VALUE_MAX];
};

/* the store one level deeper than util_store_new() puts it: "<dir>/a" does
 * not exist yet, so every test also proves store_open() makes parents */
FIXTURE_SETUP(st)
{
	ASSERT_EQ(0, util_tmpdir(self->dir, "test_store"));
	snprintf(self->root, sizeof(self->root), "%s/a/params", self->dir);
	ASSERT_EQ(0, store_open(self->root, &self->st));
}

FIXTURE_TEARDOWN(st)
{
	store_close(self->st);
	util_rmtree(self->dir);
}

static int apply(FIXTURE_DATA(st) *self, const char *xml, const char *state)
{
	struct provision pv = { 0 };
	struct profile p;
	int ret;

	ret = profile_parse(xml, strlen(xml), NULL, &p, self->err,
			    sizeof(self->err));
	if (ret)
		return ret;
	pv.st = self->st;
	pv.state_path = state;
	ret = provision_apply(&pv, &p, self->err, sizeof(self->err));
	profile_free(&p);
	return ret;
}

TEST_F(st, layout_matches_configfs)
{
	char raw[64];
	size_t i;

	ASSERT_EQ(0, util_slurp(self->root, "Resync_Periodic/value", raw,
				sizeof(raw)));
	EXPECT_STREQ("3600\n", raw);
	ASSERT_EQ(0, util_slurp(self->root, "Resync_Periodic/access", raw,
				sizeof(raw)));
	EXPECT_STREQ("rw\n", raw);
	ASSERT_EQ(0, util_slurp(self->root, "Admin_Passwd/access", raw,
				sizeof(raw)));
	EXPECT_STREQ("na\n", raw);
	for (i = 0; i < param_count(); i++) {
		const char *n = param_name(param_at(i));

		ASSERT_EQ(0, store_get(self->st, n, self->buf,
				       sizeof(self->buf))) TH_LOG("%s", n);
		EXPECT_STREQ(param_default(param_at(i)), self->buf);
	}
}

TEST_F(st, get_errors)
{
	char small[3];

	EXPECT_EQ(-ENOENT, store_get(self->st, "Nope", self->buf,
				     sizeof(self->buf)));
	EXPECT_EQ(-ENAMETOOLONG, store_get(self->st, "Resync_Periodic",
					   small, sizeof(small)));
	/* "3600\n" fits exactly in 5 bytes */
	EXPECT_EQ(0, store_get(self->st, "Resync_Periodic", self->buf, 5));
	EXPECT_STREQ("3600", self->buf);
	/* a multi-line value cut right after a newline is still too long */
	ASSERT_EQ(0, store_set(self->st, "GPP_A", "18\n0", self->err,
			       sizeof(self->err)));
	EXPECT_EQ(-ENAMETOOLONG, store_get(self->st, "GPP_A", self->buf, 3));
	ASSERT_EQ(0, store_get(self->st, "GPP_A", self->buf, 5));
	EXPECT_STREQ("18\n0", self->buf);
}

TEST_F(st, set_validates)
{
	ASSERT_EQ(0, store_set(self->st, "Resync_Periodic", "60", self->err,
			       sizeof(self->err)));
	ASSERT_EQ(0, store_get(self->st, "Resync_Periodic", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("60", self->buf);
	EXPECT_EQ(-EINVAL, store_set(self->st, "Resync_Periodic", "soon",
				     self->err, sizeof(self->err)));
	EXPECT_NE(NULL, strstr(self->err, "Resync_Periodic: 'soon'"));
	ASSERT_EQ(0, store_get(self->st, "Resync_Periodic", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("60", self->buf);
	EXPECT_EQ(-ENOENT, store_set(self->st, "Nope", "1", self->err,
				     sizeof(self->err)));
	EXPECT_NE(NULL, strstr(self->err, "unknown parameter 'Nope'"));
}

TEST_F(st, shorter_value_leaves_no_tail)
{
	char raw[64];

	ASSERT_EQ(0, store_set(self->st, "GPP_A", "a long first value",
			       self->err, sizeof(self->err)));
	ASSERT_EQ(0, store_set(self->st, "GPP_A", "x", self->err,
			       sizeof(self->err)));
	ASSERT_EQ(0, util_slurp(self->root, "GPP_A/value", raw, sizeof(raw)));
	EXPECT_STREQ("x\n", raw);
	ASSERT_EQ(0, store_set(self->st, "GPP_A", "longer again", self->err,
			       sizeof(self->err)));
	ASSERT_EQ(0, util_slurp(self->root, "GPP_A/value", raw, sizeof(raw)));
	EXPECT_STREQ("longer again\n", raw);
	ASSERT_EQ(0, store_set(self->st, "GPP_A", "", self->err,
			       sizeof(self->err)));
	ASSERT_EQ(0, util_slurp(self->root, "GPP_A/value", raw, sizeof(raw)));
	EXPECT_STREQ("\n", raw);
}

static unsigned int value_mode(const char *root, const char *name)
{
	char path[256];
	struct stat sb;

	snprintf(path, sizeof(path), "%s/%s/value", root, name);
	return stat(path, &sb) ? 0 : sb.st_mode & 0777;
}

/* regression: every value file was 0644, passwords included */
TEST_F(st, secret_values_are_root_only)
{
	char path[256];

	EXPECT_EQ(0600, value_mode(self->root, "Admin_Passwd"));
	EXPECT_EQ(0600, value_mode(self->root, "GPP_SA"));
	EXPECT_EQ(0644, value_mode(self->root, "GPP_A"));
	ASSERT_EQ(0, store_set_access(self->st, "GPP_A", PARAM_NA, self->err,
				      sizeof(self->err)));
	EXPECT_EQ(0600, value_mode(self->root, "GPP_A"));
	ASSERT_EQ(0, store_set_access(self->st, "GPP_A", PARAM_RO, self->err,
				      sizeof(self->err)));
	EXPECT_EQ(0644, value_mode(self->root, "GPP_A"));
	/* a key secret stays root-only whatever its access says */
	ASSERT_EQ(0, store_set_access(self->st, "GPP_SA", PARAM_RW, self->err,
				      sizeof(self->err)));
	EXPECT_EQ(0600, value_mode(self->root, "GPP_SA"));
	/* a loosened file is tightened again at the next start */
	snprintf(path, sizeof(path), "%s/Admin_Passwd/value", self->root);
	ASSERT_EQ(0, chmod(path, 0644));
	store_close(self->st);
	ASSERT_EQ(0, store_open(self->root, &self->st));
	EXPECT_EQ(0600, value_mode(self->root, "Admin_Passwd"));
}

/* a profile that makes a parameter na with a new value: the file is
 * root-only before the secret is written */
TEST_F(st, new_secret_written_after_the_mode)
{
	ASSERT_EQ(0, apply(self, "<flat-profile><GPP_B ua=\"na\">hush</GPP_B>"
			   "</flat-profile>", NULL)) TH_LOG("%s", self->err);
	EXPECT_EQ(0600, value_mode(self->root, "GPP_B"));
	EXPECT_TRUE(store_secret(self->st, param_find("GPP_B")));
	EXPECT_FALSE(store_secret(self->st, param_find("GPP_A")));
}

TEST_F(st, empty_value)
{
	ASSERT_EQ(0, store_set(self->st, "Profile_Rule", "", self->err,
			       sizeof(self->err)));
	ASSERT_EQ(0, store_get(self->st, "Profile_Rule", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("", self->buf);
}

TEST_F(st, access_get_set)
{
	enum param_access a;

	ASSERT_EQ(0, store_get_access(self->st, "GPP_A", &a));
	EXPECT_EQ(PARAM_RW, a);
	ASSERT_EQ(0, store_set_access(self->st, "GPP_A", PARAM_RO, self->err,
				      sizeof(self->err)));
	ASSERT_EQ(0, store_get_access(self->st, "GPP_A", &a));
	EXPECT_EQ(PARAM_RO, a);
	EXPECT_EQ(-EINVAL, store_set_access(self->st, "GPP_A", 7, self->err,
					    sizeof(self->err)));
	EXPECT_EQ(-ENOENT, store_get_access(self->st, "Nope", &a));
}

TEST_F(st, reopen_keeps_values_and_repairs_missing)
{
	char path[256];

	ASSERT_EQ(0, store_set(self->st, "GPP_B", "kept", self->err,
			       sizeof(self->err)));
	snprintf(path, sizeof(path), "%s/GPP_C/value", self->root);
	ASSERT_EQ(0, unlink(path));
	snprintf(path, sizeof(path), "%s/GPP_D/access", self->root);
	ASSERT_EQ(0, unlink(path));
	store_close(self->st);
	ASSERT_EQ(0, store_open(self->root, &self->st));
	ASSERT_EQ(0, store_get(self->st, "GPP_B", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("kept", self->buf);
	ASSERT_EQ(0, store_get(self->st, "GPP_C", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("", self->buf);
	EXPECT_EQ(0, access(path, F_OK));
}

/* what a kill -9 in the middle of write_attr() leaves behind: the
 * entry's file there, but empty */
static int truncate_attr(const char *root, const char *rel)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	if (access(path, F_OK))
		return -errno;
	return util_put_file(root, rel, "");
}

TEST_F(st, reopen_repairs_half_written_entries)
{
	enum param_access a;

	ASSERT_EQ(0, store_set(self->st, "Resync_Periodic", "60", self->err,
			       sizeof(self->err)));
	ASSERT_EQ(0, store_set(self->st, "GPP_B", "kept", self->err,
			       sizeof(self->err)));
	store_close(self->st);
	ASSERT_EQ(0, truncate_attr(self->root, "Resync_Periodic/value"));
	ASSERT_EQ(0, truncate_attr(self->root, "GPP_E/access"));
	ASSERT_EQ(0, store_open(self->root, &self->st));
	/* an empty integer is invalid: back to the default */
	ASSERT_EQ(0, store_get(self->st, "Resync_Periodic", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("3600", self->buf);
	ASSERT_EQ(0, store_get_access(self->st, "GPP_E", &a));
	EXPECT_EQ(PARAM_RW, a);
	/* valid entries are left alone */
	ASSERT_EQ(0, store_get(self->st, "GPP_B", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("kept", self->buf);
}

TEST_F(st, open_fails_on_a_file)
{
	struct store *s2;
	char path[UTIL_DIR_MAX + 8];

	ASSERT_EQ(0, util_put_file(self->dir, "file", ""));
	snprintf(path, sizeof(path), "%s/file", self->dir);
	EXPECT_NE(0, store_open(path, &s2));
	EXPECT_EQ(NULL, s2);
}

/* the entries are read on several threads: every one of them, once */
TEST_F(st, threaded_open_reads_every_entry)
{
	size_t i, n = param_count();
	struct store *again;

	/* changed values spread over the table, where a number fits */
	for (i = 0; i < n; i += n / 7)
		store_set(self->st, param_name(param_at(i)), "1", self->err,
			  sizeof(self->err));
	ASSERT_EQ(0, store_set(self->st, "GPP_P", "last run", self->err,
			       sizeof(self->err)));
	ASSERT_EQ(0, store_open_start(self->root, &again));
	ASSERT_EQ(0, store_open_finish(again));
	for (i = 0; i < n; i++)
		EXPECT_STREQ(store_value(self->st, param_at(i)),
			     store_value(again, param_at(i)));
	store_close(again);
}

/* store_close() while the readers run waits for them (ASan: no leak) */
TEST_F(st, close_while_loading)
{
	struct store *again;

	ASSERT_EQ(0, store_open_start(self->root, &again));
	store_close(again);
}

/* a read that fails on a reader thread is what store_open_finish() says */
TEST_F(st, reader_failure_reaches_finish)
{
	struct store *again;
	char path[UTIL_DIR_MAX + 64];

	store_close(self->st);
	self->st = NULL;
	snprintf(path, sizeof(path), "%s/%s/value", self->root,
		 param_name(param_at(param_count() - 1)));
	ASSERT_EQ(0, unlink(path));
	ASSERT_EQ(0, mkdir(path, 0755));
	ASSERT_EQ(0, store_open_start(self->root, &again));
	EXPECT_NE(0, store_open_finish(again));
	store_close(again);
	EXPECT_NE(0, store_open(self->root, &self->st));
	EXPECT_EQ(NULL, self->st);
}

TEST_F(st, apply_writes_values_and_access)
{
	enum param_access a;

	ASSERT_EQ(0, apply(self, "<flat-profile><GPP_A ua=\"ro\">x</GPP_A>"
			   "<GPP_B>y</GPP_B><Unknown_X>z</Unknown_X>"
			   "</flat-profile>", NULL)) TH_LOG("%s", self->err);
	ASSERT_EQ(0, store_get(self->st, "GPP_A", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("x", self->buf);
	ASSERT_EQ(0, store_get_access(self->st, "GPP_A", &a));
	EXPECT_EQ(PARAM_RO, a);
	ASSERT_EQ(0, store_get(self->st, "GPP_B", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("y", self->buf);
}

TEST_F(st, self_closing_leaves_value)
{
	enum param_access a;

	ASSERT_EQ(0, store_set(self->st, "GPP_A", "old", self->err,
			       sizeof(self->err)));
	ASSERT_EQ(0, apply(self, "<flat-profile><GPP_A ua=\"na\"/>"
			   "<GPP_B></GPP_B></flat-profile>", NULL));
	ASSERT_EQ(0, store_get(self->st, "GPP_A", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("old", self->buf);
	ASSERT_EQ(0, store_get_access(self->st, "GPP_A", &a));
	EXPECT_EQ(PARAM_NA, a);
}

TEST_F(st, apply_is_all_or_nothing_on_bad_value)
{
	ASSERT_EQ(-EINVAL, apply(self, "<flat-profile><GPP_A>new</GPP_A>"
				 "<Resync_Periodic>x</Resync_Periodic>"
				 "<GPP_B>new</GPP_B></flat-profile>", NULL));
	EXPECT_NE(NULL, strstr(self->err, "Resync_Periodic: 'x'"));
	ASSERT_EQ(0, store_get(self->st, "GPP_A", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("", self->buf);
	ASSERT_EQ(0, store_get(self->st, "GPP_B", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("", self->buf);
}

TEST_F(st, apply_rolls_back_on_write_failure)
{
	char path[256];

	/* GPP_B's value is readable but not writable (procfs file) */
	snprintf(path, sizeof(path), "%s/GPP_B/value", self->root);
	ASSERT_EQ(0, unlink(path));
	ASSERT_EQ(0, symlink("/proc/version", path));
	ASSERT_EQ(0, store_set(self->st, "GPP_A", "before", self->err,
			       sizeof(self->err)));
	EXPECT_NE(0, apply(self, "<flat-profile><GPP_A ua=\"na\">after</GPP_A>"
			   "<GPP_B>b</GPP_B></flat-profile>", NULL));
	EXPECT_NE(NULL, strstr(self->err, "GPP_B")) TH_LOG("%s", self->err);
	ASSERT_EQ(0, store_get(self->st, "GPP_A", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("before", self->buf);
}

TEST_F(st, reset_defaults)
{
	ASSERT_EQ(0, store_set(self->st, "Resync_Periodic", "5", self->err,
			       sizeof(self->err)));
	ASSERT_EQ(0, store_reset_defaults(self->st, self->err,
					  sizeof(self->err)));
	ASSERT_EQ(0, store_get(self->st, "Resync_Periodic", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("3600", self->buf);
}

/* the root taken away and made again empty, as configfs params/ is by a
 * module reload: every entry comes back from memory */
TEST_F(st, reattach_rebuilds_a_new_empty_root)
{
	char raw[64], path[256];
	const char *rel;

	ASSERT_EQ(0, store_set(self->st, "GPP_A", "12345678", self->err,
			       sizeof(self->err)));
	ASSERT_EQ(0, store_set_access(self->st, "GPP_C", PARAM_RO, self->err,
				      sizeof(self->err)));
	EXPECT_EQ(0, store_reattach(self->st, self->err, sizeof(self->err)));
	snprintf(path, sizeof(path), "%s/a", self->dir);
	util_rmtree(path);
	/* gone: nothing to do yet, and memory still serves */
	EXPECT_EQ(0, store_reattach(self->st, self->err, sizeof(self->err)));
	ASSERT_EQ(0, store_get(self->st, "GPP_A", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("12345678", self->buf);
	ASSERT_EQ(0, mkdir(path, 0755));
	ASSERT_EQ(0, mkdir(self->root, 0755));
	EXPECT_EQ(1, store_reattach(self->st, self->err, sizeof(self->err)))
		TH_LOG("%s", self->err);
	rel = "GPP_A/value";
	ASSERT_EQ(0, util_slurp(self->root, rel, raw, sizeof(raw)));
	EXPECT_STREQ("12345678\n", raw);
	rel = "GPP_C/access";
	ASSERT_EQ(0, util_slurp(self->root, rel, raw, sizeof(raw)));
	EXPECT_STREQ("ro\n", raw);
	EXPECT_EQ(0600, value_mode(self->root, "Admin_Passwd"));
	/* once attached, the new root is the store's: writes land there */
	EXPECT_EQ(0, store_reattach(self->st, self->err, sizeof(self->err)));
	ASSERT_EQ(0, store_set(self->st, "GPP_B", "b", self->err,
			       sizeof(self->err)));
	rel = "GPP_B/value";
	ASSERT_EQ(0, util_slurp(self->root, rel, raw, sizeof(raw)));
	EXPECT_STREQ("b\n", raw);
}

/* a new root that cannot be filled: the old one is kept, memory whole */
TEST_F(st, reattach_failure_keeps_the_store)
{
	char path[256];

	ASSERT_EQ(0, store_set(self->st, "GPP_A", "kept", self->err,
			       sizeof(self->err)));
	snprintf(path, sizeof(path), "%s/a", self->dir);
	util_rmtree(path);
	ASSERT_EQ(0, mkdir(path, 0755));
	ASSERT_EQ(0, mkdir(self->root, 0755));
	/* an entry's directory name taken by a file */
	ASSERT_EQ(0, util_put_file(self->root, "GPP_A", "x"));
	EXPECT_GT(0, store_reattach(self->st, self->err, sizeof(self->err)));
	EXPECT_NE(NULL, strstr(self->err, "GPP_A")) TH_LOG("%s", self->err);
	ASSERT_EQ(0, store_get(self->st, "GPP_A", self->buf,
			       sizeof(self->buf)));
	EXPECT_STREQ("kept", self->buf);
}

TEST_HARNESS_MAIN
