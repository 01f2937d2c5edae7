// SPDX-License-Identifier: GPL-2.0
/* test_lines.c: the set of lines on a host without FXS lines: the glob's
 * checks, paths that are not lines (remembered, logged once, tried again
 * when they change), the inotify watch picking paths up and dropping
 * them, and socketpairs adopted as lines: their events reach the set's
 * consumer through the loop, the busy state follows them, and one that
 * ends is told gone and dropped. Real lines appearing and vanishing are
 * in the VM tests (tests/kselftest/fxsd_events.sh). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <linux/fxs.h>

/* syslog goes to stderr, into a file the cases read; the harness keeps
 * the first stderr */
static FILE *harness_err;
#define TH_LOG_STREAM (harness_err ? harness_err : stderr)
#include "kselftest_harness.h"
#include "lines.h"
#include "loop.h"
#include "util.h"

FIXTURE(lines) {
	char dir[UTIL_DIR_MAX];
	char pattern[UTIL_DIR_MAX + 32];
	char path[UTIL_DIR_MAX + 16];
	char log_path[UTIL_DIR_MAX + 16];
	struct loop *loop;
	struct lines *set;
};

FIXTURE_SETUP(lines)
{
	ASSERT_EQ(0, util_tmpdir(self->dir, "test_lines"));
	/* the lines under test live in DIR/dev; the log beside it */
	snprintf(self->path, sizeof(self->path), "%s/dev", self->dir);
	ASSERT_EQ(0, mkdir(self->path, 0755));
	snprintf(self->pattern, sizeof(self->pattern), "%s/fxs[0-9]*",
		 self->path);
	snprintf(self->log_path, sizeof(self->log_path), "%s/log", self->dir);
	ASSERT_EQ(0, util_log_to_file(self->log_path, "test_lines", &harness_err));
	ASSERT_EQ(0, loop_new(&self->loop));
	self->set = NULL;
}

FIXTURE_TEARDOWN(lines)
{
	lines_close(self->set);
	loop_free(self->loop);
	util_rmtree(self->dir);
}

/* the error remembered for the one path the set knows, 1 when it is
 * open, or 0 when it knows none (or more) */
static int only_entry(const struct lines *s, const char *want)
{
	const char *path;
	int err;

	if (lines_count(s) != 1)
		return 0;
	if (lines_at(s, 0, &path, &err))
		return 1;
	return strstr(path, want) ? err : 0;
}

TEST_F(lines, no_directory_is_idle)
{
	ASSERT_EQ(0, lines_open(self->loop, "/nonexistent-fxsd-lines/fxs[0-9]*",
				NULL, NULL, &self->set));
	EXPECT_EQ(0, lines_count(self->set));
	EXPECT_EQ(0, lines_any_busy(self->set));
	EXPECT_EQ(1, util_count_lines(self->log_path, "new lines are not picked up"));
}

TEST_F(lines, wildcards_only_in_the_file_name)
{
	EXPECT_EQ(-EINVAL, lines_open(self->loop, "/dev/fxs*/x", NULL, NULL,
				      &self->set));
	EXPECT_EQ(-EINVAL, lines_open(self->loop, "/d?v/fxs0", NULL, NULL,
				      &self->set));
	EXPECT_EQ(-EINVAL, lines_open(self->loop, "/dev/", NULL, NULL,
				      &self->set));
	EXPECT_EQ(NULL, self->set);
}

TEST_F(lines, not_a_line_is_remembered_and_idle)
{
	ASSERT_EQ(0, util_put_file(self->path, "fxs0", ""));
	ASSERT_EQ(0, util_put_file(self->path, "other", ""));
	ASSERT_EQ(0, lines_open(self->loop, self->pattern, NULL, NULL,
				&self->set));
	EXPECT_EQ(-ENOTTY, only_entry(self->set, "/dev/fxs0"));
	EXPECT_EQ(0, lines_any_busy(self->set));
	EXPECT_EQ(1, util_count_lines(self->log_path, "not an FXS line"));
}

TEST_F(lines, dev_null_is_not_a_line)
{
	ASSERT_EQ(0, lines_open(self->loop, "/dev/null", NULL, NULL,
				&self->set));
	EXPECT_EQ(-ENOTTY, only_entry(self->set, "/dev/null"));
	EXPECT_EQ(0, lines_any_busy(self->set));
}

TEST_F(lines, new_path_picked_up_and_removed_one_forgotten)
{
	ASSERT_EQ(0, lines_open(self->loop, self->pattern, NULL, NULL,
				&self->set));
	EXPECT_EQ(0, lines_count(self->set));
	ASSERT_EQ(0, util_put_file(self->path, "fxs3", ""));
	ASSERT_EQ(0, util_put_file(self->path, "fxsX", ""));	/* no match */
	lines_dispatch(self->set);
	EXPECT_EQ(-ENOTTY, only_entry(self->set, "/dev/fxs3"));
	ASSERT_EQ(0, util_sh(self->path, "rm fxs3"));
	lines_dispatch(self->set);
	EXPECT_EQ(0, lines_count(self->set));
}

TEST_F(lines, failure_logged_once_and_again_when_it_changes)
{
	ASSERT_EQ(0, util_put_file(self->path, "fxs0", ""));
	ASSERT_EQ(0, lines_open(self->loop, self->pattern, NULL, NULL,
				&self->set));
	/* the same error after a change: tried again, not logged again */
	ASSERT_EQ(0, util_sh(self->path, "chmod 600 fxs0 && touch fxs1 && rm fxs1"));
	lines_dispatch(self->set);
	EXPECT_EQ(-ENOTTY, only_entry(self->set, "/dev/fxs0"));
	EXPECT_EQ(1, util_count_lines(self->log_path, "not an FXS line"));
	/* another error: logged */
	ASSERT_EQ(0, util_sh(self->path, "rm fxs0 && mkdir fxs0"));
	lines_dispatch(self->set);
	EXPECT_EQ(-EISDIR, only_entry(self->set, "/dev/fxs0"));
	EXPECT_EQ(1, util_count_lines(self->log_path, "Is a directory"));
}

TEST_F(lines, renamed_in_and_out)
{
	ASSERT_EQ(0, util_put_file(self->dir, "fxs5", ""));
	ASSERT_EQ(0, lines_open(self->loop, self->pattern, NULL, NULL,
				&self->set));
	ASSERT_EQ(0, util_sh(self->dir, "mv fxs5 dev/fxs5"));
	lines_dispatch(self->set);
	EXPECT_EQ(-ENOTTY, only_entry(self->set, "/dev/fxs5"));
	ASSERT_EQ(0, util_sh(self->dir, "mv dev/fxs5 fxs5"));
	lines_dispatch(self->set);
	EXPECT_EQ(0, lines_count(self->set));
}

TEST_F(lines, watched_directory_removed_ends_the_watch)
{
	ASSERT_EQ(0, lines_open(self->loop, self->pattern, NULL, NULL,
				&self->set));
	ASSERT_EQ(0, util_sh(self->dir, "rmdir dev"));
	lines_dispatch(self->set);
	EXPECT_EQ(1, util_count_lines(self->log_path, "no longer followed"));
	lines_dispatch(self->set);	/* no watch left: nothing happens */
	EXPECT_EQ(0, lines_count(self->set));
}

/* the consumer of the set: notes what it hears; '#' and gone end the loop */
struct heard {
	struct loop *loop;
	int quit_at;	/* the loop ends at this many '#' */
	int hashes;
	char log[256];
};

static void note(struct heard *h, const char *what, const struct line *ln)
{
	size_t n = strlen(h->log);

	snprintf(h->log + n, sizeof(h->log) - n, "%s %s;", line_name(ln), what);
}

static void h_offhook(void *arg, struct line *ln)
{
	note(arg, "offhook", ln);
}

static void h_onhook(void *arg, struct line *ln)
{
	note(arg, "onhook", ln);
}

static void h_flash(void *arg, struct line *ln, unsigned int ms)
{
	(void)ms;
	note(arg, "flash", ln);
}

static void h_digit(void *arg, struct line *ln, char digit)
{
	struct heard *h = arg;
	char what[] = "digit ?";

	what[6] = digit;
	note(h, what, ln);
	if (digit == '#' && ++h->hashes == h->quit_at)
		loop_quit(h->loop);
}

static void h_playback_done(void *arg, struct line *ln, unsigned int reason)
{
	(void)reason;
	note(arg, "played", ln);
}

static void h_gone(void *arg, struct line *ln)
{
	struct heard *h = arg;

	note(h, "gone", ln);
	loop_quit(h->loop);
}

static const struct line_ops heard_ops = {
	.offhook = h_offhook,
	.onhook = h_onhook,
	.flash = h_flash,
	.digit = h_digit,
	.playback_done = h_playback_done,
	.gone = h_gone,
};

static int send_event(int fd, uint32_t type, uint32_t value)
{
	struct fxs_event ev = { .type = type, .value = value };

	return write(fd, &ev, sizeof(ev)) == sizeof(ev) ? 0 : -1;
}

/* two adopted lines, fxs0 and fxs1, in the set; their far ends in a[1], b[1] */
static void two_lines(struct __test_metadata *_metadata,
		      FIXTURE_DATA(lines) *self, struct heard *h, int *a,
		      int *b)
{
	ASSERT_EQ(0, lines_open(self->loop, self->pattern, &heard_ops, h,
				&self->set));
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, a));
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, b));
	ASSERT_EQ(0, lines_adopt(self->set, "/fake/fxs0", a[0], "fxs0"));
	ASSERT_EQ(0, lines_adopt(self->set, "/fake/fxs1", b[0], "fxs1"));
}

/* every event is sent before the loop runs, so each line's come in one
 * wakeup, in order (the order of the two lines is the loop's) */
TEST_F(lines, consumer_hears_every_line_through_the_loop)
{
	struct heard h = { .loop = self->loop, .quit_at = 2 };
	const struct line *ln;
	const char *path;
	int a[2], b[2];

	two_lines(_metadata, self, &h, a, b);
	EXPECT_EQ(-EEXIST, lines_adopt(self->set, "/fake/fxs1", a[1], "x"));
	EXPECT_EQ(2, lines_count(self->set));
	EXPECT_EQ(0, lines_any_busy(self->set));
	ASSERT_EQ(0, send_event(b[1], FXS_EVENT_OFFHOOK, 0));
	ASSERT_EQ(0, send_event(b[1], FXS_EVENT_FLASH, 200));
	ASSERT_EQ(0, send_event(b[1], FXS_EVENT_PLAYBACK_DONE, 0));
	ASSERT_EQ(0, send_event(b[1], FXS_EVENT_DTMF, '#'));
	ASSERT_EQ(0, send_event(a[1], FXS_EVENT_DTMF, '5'));
	ASSERT_EQ(0, send_event(a[1], FXS_EVENT_DTMF, '#'));
	ASSERT_EQ(0, loop_run(self->loop));
	EXPECT_NE(NULL, strstr(h.log, "fxs1 offhook;fxs1 flash;fxs1 played;fxs1 digit #;"));
	EXPECT_NE(NULL, strstr(h.log, "fxs0 digit 5;fxs0 digit #;"));
	EXPECT_EQ(1, lines_any_busy(self->set));	/* from memory */
	ln = lines_at(self->set, 1, &path, NULL);
	ASSERT_NE(NULL, ln);
	EXPECT_STREQ("/fake/fxs1", path);
	EXPECT_STREQ("#", line_digits(ln));
	close(a[1]);
	close(b[1]);
}

TEST_F(lines, onhook_makes_the_set_idle)
{
	struct heard h = { .loop = self->loop, .quit_at = 1 };
	int a[2], b[2];

	two_lines(_metadata, self, &h, a, b);
	ASSERT_EQ(0, send_event(b[1], FXS_EVENT_OFFHOOK, 0));
	ASSERT_EQ(0, send_event(b[1], FXS_EVENT_ONHOOK, 950));
	ASSERT_EQ(0, send_event(b[1], FXS_EVENT_DTMF, '#'));
	ASSERT_EQ(0, loop_run(self->loop));
	EXPECT_STREQ("fxs1 offhook;fxs1 onhook;fxs1 digit #;", h.log);
	EXPECT_EQ(0, lines_any_busy(self->set));
	close(a[1]);
	close(b[1]);
}

TEST_F(lines, line_gone_is_told_and_dropped)
{
	struct heard h = { .loop = self->loop };
	const char *path;
	int a[2], b[2];

	two_lines(_metadata, self, &h, a, b);
	ASSERT_EQ(0, send_event(a[1], FXS_EVENT_OFFHOOK, 0));
	close(a[1]);	/* the "kernel" side goes away */
	ASSERT_EQ(0, loop_run(self->loop));
	EXPECT_STREQ("fxs0 offhook;fxs0 gone;", h.log);
	EXPECT_EQ(1, lines_count(self->set));
	EXPECT_NE(NULL, lines_at(self->set, 0, &path, NULL));
	EXPECT_STREQ("/fake/fxs1", path);
	EXPECT_EQ(0, lines_any_busy(self->set));	/* the busy one left */
	close(b[1]);
}

TEST(null_set_is_idle_and_empty)
{
	EXPECT_EQ(0, lines_any_busy(NULL));
	EXPECT_EQ(0, lines_count(NULL));
	lines_close(NULL);
}

TEST_HARNESS_MAIN
