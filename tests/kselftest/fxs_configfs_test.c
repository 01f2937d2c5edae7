// SPDX-License-Identifier: GPL-2.0
/*
 * In-guest selftest of the fxs configfs tree (/sys/kernel/config/fxs):
 * every attribute of lines/fxsN (defaults, good values read back, each
 * class of bad value refused with -EINVAL and nothing changed, read-only
 * ones, the gains and idle polarity reaching the simulated chip) and the
 * params/ store (names, value size limit, access levels).
 * Each test makes its own fxs_sim board. Needs fxs.ko and fxs_sim.ko
 * loaded, configfs and debugfs mounted.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "fxs_test_lib.h"

#define SIM_ROOT	"/sys/kernel/config/fxs-sim"
#define FXS_ROOT	"/sys/kernel/config/fxs"
#define SIM_DEBUGFS	"/sys/kernel/debug/fxs-sim"
#define PATH_SIZE	256
#define DIR_SIZE	96
#define NAME_SIZE	32
#define TEXT_SIZE	8192
#define PARAM_MAX	4094	/* longest value, written with its newline */

static bool cfs_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

static void cfs_board_remove(const char *dir)
{
	char path[PATH_SIZE];

	snprintf(path, sizeof(path), "%.*s/live", DIR_SIZE, dir);
	fxs_test_write(path, "0");
	rmdir(dir);
}

/* Make board @dir with @lines lines, live; its line names into @names. */
static int cfs_board_make(const char *dir, const char *lines,
			  char names[][NAME_SIZE], int max)
{
	char path[PATH_SIZE], text[PATH_SIZE], *tok, *save;
	int n = 0;

	cfs_board_remove(dir);
	if (mkdir(dir, 0755))
		return -errno;
	snprintf(path, sizeof(path), "%.*s/num_lines", DIR_SIZE, dir);
	if (fxs_test_write(path, lines))
		return -EINVAL;
	snprintf(path, sizeof(path), "%.*s/live", DIR_SIZE, dir);
	if (fxs_test_write(path, "1"))
		return -EIO;
	snprintf(path, sizeof(path), "%.*s/line_names", DIR_SIZE, dir);
	if (fxs_test_read(path, text, sizeof(text)))
		return -EIO;
	for (tok = strtok_r(text, " ", &save); tok && n < max;
	     tok = strtok_r(NULL, " ", &save))
		snprintf(names[n++], NAME_SIZE, "%s", tok);
	return n;
}

/* One line of a board of two; the other line checks isolation. */
FIXTURE(line) {
	char dir[DIR_SIZE];
	char names[2][NAME_SIZE];
	char path[PATH_SIZE];
	char text[TEXT_SIZE];
};

FIXTURE_SETUP(line)
{
	snprintf(self->dir, sizeof(self->dir), SIM_ROOT "/cfstest%d",
		 getpid());
	ASSERT_EQ(2, cfs_board_make(self->dir, "2", self->names, 2))
		TH_LOG("cannot make board %s", self->dir);
}

FIXTURE_TEARDOWN(line)
{
	cfs_board_remove(self->dir);
}

static const char *lpath(FIXTURE_DATA(line) *self, int line,
			 const char *attr)
{
	snprintf(self->path, sizeof(self->path), FXS_ROOT "/lines/%s/%s",
		 self->names[line], attr);
	return self->path;
}

static int lset(FIXTURE_DATA(line) *self, const char *attr,
		const char *value)
{
	return fxs_test_write(lpath(self, 0, attr), value);
}

static const char *lget_n(FIXTURE_DATA(line) *self, int line,
			  const char *attr)
{
	if (fxs_test_read(lpath(self, line, attr), self->text, sizeof(self->text)))
		strcpy(self->text, "<unreadable>");
	return self->text;
}

static const char *lget(FIXTURE_DATA(line) *self, const char *attr)
{
	return lget_n(self, 0, attr);
}

/*
 * Every bad value of @attr gets -EINVAL and leaves @keep in place; the
 * good ones read back as written (without the newline).
 */
static void check_attr(struct __test_metadata *_metadata,
		       FIXTURE_DATA(line) *self, const char *attr,
		       const char *const *good, const char *const *bad)
{
	char want[512];

	for (; *good; good++) {
		ASSERT_EQ(0, lset(self, attr, *good)) TH_LOG("%s '%s'", attr,
							     *good);
		snprintf(want, sizeof(want), "%s", *good);
		want[strcspn(want, "\n")] = '\0';
		ASSERT_STREQ(want, lget(self, attr));
	}
	snprintf(want, sizeof(want), "%s", lget(self, attr));
	for (; *bad; bad++) {
		EXPECT_EQ(-EINVAL, lset(self, attr, *bad))
			TH_LOG("%s '%s' accepted", attr, *bad);
		ASSERT_STREQ(want, lget(self, attr));
	}
}

#define CHECK_ATTR(attr, ...) do { \
	static const char *const __good[] = { __VA_ARGS__ }; \
	check_attr(_metadata, self, attr, __good, __bad); \
} while (0)

TEST_F(line, every_attribute_present)
{
	static const char *const attrs[] = {
		"ring_frequency", "ring_voltage", "hook_debounce_ms",
		"flash_min_ms", "flash_max_ms", "dtmf_min_level",
		"dtmf_twist_normal", "dtmf_twist_reverse", "ring_cadence",
		"tone_dial", "tone_busy", "tone_ringback", "tone_reorder",
		"tone_confirm", "tone_sit", "index", "caps", "hook", "alarm",
		"input_gain_db", "output_gain_db", "idle_polarity",
		"caller_conn_polarity", "callee_conn_polarity",
		"cpc_delay_ms", "cpc_duration_ms",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(attrs); i++) {
		if (!cfs_exists(lpath(self, 0, attrs[i])))
			TH_LOG("%s missing", self->path);
		EXPECT_TRUE(cfs_exists(self->path));
	}
}

TEST_F(line, defaults)
{
	EXPECT_STREQ("25", lget(self, "ring_frequency"));
	EXPECT_STREQ("70", lget(self, "ring_voltage"));
	EXPECT_STREQ("20", lget(self, "hook_debounce_ms"));
	EXPECT_STREQ("100", lget(self, "flash_min_ms"));
	EXPECT_STREQ("900", lget(self, "flash_max_ms"));
	EXPECT_STREQ("-30", lget(self, "dtmf_min_level"));
	EXPECT_STREQ("60(2/4)", lget(self, "ring_cadence"));
	EXPECT_STREQ("350@-19,440@-19;10(*/0/1+2)", lget(self, "tone_dial"));
	EXPECT_STREQ("480@-19,620@-19;10(.5/.5/1+2)",
		     lget(self, "tone_busy"));
	EXPECT_STREQ("440@-19,480@-19;*(2/4/1+2)",
		     lget(self, "tone_ringback"));
	EXPECT_STREQ("480@-19,620@-19;10(.25/.25/1+2)",
		     lget(self, "tone_reorder"));
	EXPECT_STREQ("600@-16;1(.25/.25/1)", lget(self, "tone_confirm"));
	EXPECT_STREQ("ring pcm", lget(self, "caps"));
	EXPECT_STREQ("on", lget(self, "hook"));
	EXPECT_STREQ("none", lget(self, "alarm"));
	EXPECT_STREQ("0", lget(self, "input_gain_db"));
	EXPECT_STREQ("0", lget(self, "output_gain_db"));
	EXPECT_STREQ("forward", lget(self, "idle_polarity"));
	EXPECT_STREQ("forward", lget(self, "caller_conn_polarity"));
	EXPECT_STREQ("forward", lget(self, "callee_conn_polarity"));
	EXPECT_STREQ("2000", lget(self, "cpc_delay_ms"));
	EXPECT_STREQ("0", lget(self, "cpc_duration_ms"));
}

TEST_F(line, index_matches_name)
{
	char want[NAME_SIZE];

	snprintf(want, sizeof(want), "fxs%s", lget(self, "index"));
	EXPECT_STREQ(self->names[0], want);
	snprintf(want, sizeof(want), "fxs%s", lget_n(self, 1, "index"));
	EXPECT_STREQ(self->names[1], want);
}

TEST_F(line, ring_frequency)
{
	static const char *const __bad[] = {
		"9", "101", "0", "abc", "\n", "-5", "30x", "3 0", "0x20",
		"4294967321", NULL,
	};

	CHECK_ATTR("ring_frequency", "10", "100\n", "20", NULL);
}

TEST_F(line, ring_voltage)
{
	static const char *const __bad[] = {
		"59", "91", "-70", "seventy", "\n", "70.5", NULL,
	};

	CHECK_ATTR("ring_voltage", "60", "90", "75\n", NULL);
}

TEST_F(line, hook_debounce_ms)
{
	static const char *const __bad[] = {
		"100", "201", "-1", "x", "\n", NULL,
	};

	CHECK_ATTR("hook_debounce_ms", "0", "99", "30\n", NULL);
}

TEST_F(line, flash_min_ms)
{
	static const char *const __bad[] = {
		"0", "20", "900", "901", "-100", "1e2", NULL,
	};

	CHECK_ATTR("flash_min_ms", "21", "899", "150\n", NULL);
}

TEST_F(line, flash_max_ms)
{
	static const char *const __bad[] = {
		"100", "99", "2001", "\n", "abc", NULL,
	};

	CHECK_ATTR("flash_max_ms", "101", "2000", "1000\n", NULL);
}

TEST_F(line, hook_timing_limits_with_wider_window)
{
	/* debounce 200 needs flash_min above it first */
	ASSERT_EQ(0, lset(self, "flash_min_ms", "300"));
	ASSERT_EQ(0, lset(self, "hook_debounce_ms", "200"));
	EXPECT_STREQ("200", lget(self, "hook_debounce_ms"));
	EXPECT_EQ(-EINVAL, lset(self, "hook_debounce_ms", "201"));
	EXPECT_EQ(-EINVAL, lset(self, "flash_min_ms", "200"));
	EXPECT_STREQ("300", lget(self, "flash_min_ms"));
}

TEST_F(line, dtmf_min_level)
{
	static const char *const __bad[] = {
		"-46", "1", "-", "abc", "\n", "-30dB", NULL,
	};

	CHECK_ATTR("dtmf_min_level", "-45", "0", "-20\n", NULL);
}

TEST_F(line, dtmf_twist_normal)
{
	static const char *const __bad[] = {
		"21", "-1", "x", "\n", NULL,
	};

	CHECK_ATTR("dtmf_twist_normal", "0", "20", "8\n", NULL);
}

TEST_F(line, dtmf_twist_reverse)
{
	static const char *const __bad[] = {
		"21", "-1", "4.5", "\n", NULL,
	};

	CHECK_ATTR("dtmf_twist_reverse", "0", "20", "4\n", NULL);
}

TEST_F(line, input_gain_db)
{
	static const char *const __bad[] = {
		"-13", "7", "-3.5", "abc", "\n", "3dB", "0x3", "- 3",
		"4294967293", NULL,
	};

	CHECK_ATTR("input_gain_db", "-12", "6", "-3\n", "0", NULL);
}

TEST_F(line, output_gain_db)
{
	static const char *const __bad[] = {
		"-13", "7", "1.5", "x", "\n", "-", "2147483654", NULL,
	};

	CHECK_ATTR("output_gain_db", "-12", "6", "2\n", NULL);
}

static const char *const polarity_bad[] = {
	"Forward", "REVERSE", "rev", "fwd", "0", "1", "\n", "forwardx",
	"forward reverse", " forward", "reverse\n\n", NULL,
};

TEST_F(line, idle_polarity)
{
	const char *const *__bad = polarity_bad;

	CHECK_ATTR("idle_polarity", "reverse", "forward\n", "reverse\n",
		   NULL);
}

TEST_F(line, caller_conn_polarity)
{
	const char *const *__bad = polarity_bad;

	CHECK_ATTR("caller_conn_polarity", "reverse", "forward\n",
		   "reverse\n", NULL);
}

TEST_F(line, callee_conn_polarity)
{
	const char *const *__bad = polarity_bad;

	CHECK_ATTR("callee_conn_polarity", "reverse\n", "forward", "reverse",
		   NULL);
}

TEST_F(line, cpc_delay_ms)
{
	static const char *const __bad[] = {
		"255001", "-1", "2.5", "2s", "\n", "x", "4294967296", NULL,
	};

	CHECK_ATTR("cpc_delay_ms", "0", "255000", "3000\n", NULL);
}

TEST_F(line, cpc_duration_ms)
{
	static const char *const __bad[] = {
		"1001", "-1", "0.5", "\n", "500ms", NULL,
	};

	CHECK_ATTR("cpc_duration_ms", "0", "1000", "500\n", NULL);
}

/* The simulated chip got the gains: at registration, then each change. */
TEST_F(line, gains_reach_the_chip)
{
	char text[32];

	ASSERT_EQ(0, fxs_test_sim_read(atoi(lget(self, "index")), "gains",
				       text, sizeof(text)));
	EXPECT_STREQ("0 0", text);
	ASSERT_EQ(0, lset(self, "input_gain_db", "-12"));
	ASSERT_EQ(0, lset(self, "output_gain_db", "6"));
	ASSERT_EQ(0, fxs_test_sim_read(atoi(lget(self, "index")), "gains",
				       text, sizeof(text)));
	EXPECT_STREQ("-12 6", text);
	/* a refused value reaches nothing */
	EXPECT_EQ(-EINVAL, lset(self, "input_gain_db", "7"));
	ASSERT_EQ(0, fxs_test_sim_read(atoi(lget(self, "index")), "gains",
				       text, sizeof(text)));
	EXPECT_STREQ("-12 6", text);
	/* the other line keeps its own */
	ASSERT_EQ(0, fxs_test_sim_read(atoi(lget_n(self, 1, "index")),
				       "gains", text, sizeof(text)));
	EXPECT_STREQ("0 0", text);
}

/* An idle line takes its idle polarity at once, and again after ringing. */
TEST_F(line, idle_polarity_reaches_the_chip)
{
	unsigned int index = atoi(lget(self, "index"));
	char text[32];
	int fd;

	ASSERT_EQ(0, fxs_test_sim_read(index, "linefeed", text, sizeof(text)));
	EXPECT_STREQ("forward-active", text);
	ASSERT_EQ(0, lset(self, "idle_polarity", "reverse"));
	ASSERT_EQ(0, fxs_test_sim_read(index, "linefeed", text, sizeof(text)));
	EXPECT_STREQ("reverse-active", text);
	ASSERT_EQ(0, fxs_test_sim_read(atoi(lget_n(self, 1, "index")),
				       "linefeed", text, sizeof(text)));
	EXPECT_STREQ("forward-active", text);
	/* the connect polarities change nothing while idle */
	ASSERT_EQ(0, lset(self, "caller_conn_polarity", "reverse"));
	ASSERT_EQ(0, lset(self, "callee_conn_polarity", "forward"));
	ASSERT_EQ(0, fxs_test_sim_read(index, "linefeed", text, sizeof(text)));
	EXPECT_STREQ("reverse-active", text);

	fd = fxs_test_line_open(index, O_RDWR);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ioctl(fd, FXS_IOC_RING_START));
	ASSERT_EQ(0, ioctl(fd, FXS_IOC_RING_STOP));
	close(fd);
	ASSERT_EQ(0, fxs_test_sim_read(index, "linefeed", text, sizeof(text)));
	EXPECT_STREQ("reverse-active", text);
	ASSERT_EQ(0, lset(self, "idle_polarity", "forward"));
	ASSERT_EQ(0, fxs_test_sim_read(index, "linefeed", text, sizeof(text)));
	EXPECT_STREQ("forward-active", text);
}

TEST_F(line, ring_cadence)
{
	static const char *const __bad[] = {
		"60(2/4", "60(0/4)", "\n", "60 (2/4)", "garbage",
		"1(1/1);1(1/1);1(1/1)", "2(1/1);", ";60(2/4)", "2(1/1);0(1/1)",
		NULL,
	};

	/* two sections, as the SPA's ring cadences have (a real profile) */
	CHECK_ATTR("ring_cadence", "*(.2/.4,.2/4)", "60(2/4)\n",
		   "2.25(.25/1.6);60(2/3.5)", "30(1/2)", NULL);
}

TEST_F(line, ring_cadence_too_long)
{
	char text[200];

	memset(text, '1', sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	EXPECT_EQ(-EINVAL, lset(self, "ring_cadence", text));
	EXPECT_STREQ("60(2/4)", lget(self, "ring_cadence"));
}

/* Good and bad scripts, the same for every tone. */
static void check_tone(struct __test_metadata *_metadata,
		       FIXTURE_DATA(line) *self, const char *attr)
{
	static const char *const __bad[] = {
		"480@-19;10(.5/.5/2)", "\n", "425", "425@-10;", "abc",
		"425@-10;*(*/0/1", NULL,
	};
	char text[300];

	CHECK_ATTR(attr, "425@-10;*(*/0/1)", "350@-19,440@-19;10(*/0/1+2)\n",
		   NULL);
	memset(text, '1', sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	EXPECT_EQ(-EINVAL, lset(self, attr, text));
	EXPECT_STREQ("350@-19,440@-19;10(*/0/1+2)", lget(self, attr));
}

TEST_F(line, tone_dial)
{
	check_tone(_metadata, self, "tone_dial");
}

TEST_F(line, tone_busy)
{
	check_tone(_metadata, self, "tone_busy");
}

TEST_F(line, tone_ringback)
{
	check_tone(_metadata, self, "tone_ringback");
}

TEST_F(line, tone_reorder)
{
	check_tone(_metadata, self, "tone_reorder");
}

TEST_F(line, tone_confirm)
{
	check_tone(_metadata, self, "tone_confirm");
}

TEST_F(line, tone_sit)
{
	check_tone(_metadata, self, "tone_sit");
}

TEST_F(line, read_only_attributes_eacces)
{
	char index[NAME_SIZE];

	snprintf(index, sizeof(index), "%s", lget(self, "index"));
	EXPECT_EQ(-EACCES, lset(self, "index", "5"));
	EXPECT_EQ(-EACCES, lset(self, "caps", "ring"));
	EXPECT_EQ(-EACCES, lset(self, "hook", "off"));
	EXPECT_EQ(-EACCES, lset(self, "alarm", "none"));
	EXPECT_STREQ(index, lget(self, "index"));
	EXPECT_STREQ("on", lget(self, "hook"));
}

TEST_F(line, hook_follows_sim)
{
	char path[PATH_SIZE];
	int i;

	snprintf(path, sizeof(path), SIM_DEBUGFS "/%s/hook", self->names[0]);
	ASSERT_EQ(0, fxs_test_write(path, "1"));
	for (i = 0; i < 500 && strcmp(lget(self, "hook"), "off"); i++)
		usleep(10000);
	EXPECT_STREQ("off", lget(self, "hook"));
	EXPECT_STREQ("on", lget_n(self, 1, "hook"));
}

TEST_F(line, settings_are_per_line)
{
	ASSERT_EQ(0, lset(self, "ring_frequency", "50"));
	ASSERT_EQ(0, lset(self, "tone_dial", "425@-10;*(*/0/1)"));
	EXPECT_STREQ("25", lget_n(self, 1, "ring_frequency"));
	EXPECT_STREQ("350@-19,440@-19;10(*/0/1+2)",
		     lget_n(self, 1, "tone_dial"));
}

TEST_F(line, mkdir_and_rmdir_in_lines_refused)
{
	char path[PATH_SIZE];

	ASSERT_EQ(-1, mkdir(FXS_ROOT "/lines/fxs99", 0755));
	EXPECT_EQ(EPERM, errno);
	snprintf(path, sizeof(path), FXS_ROOT "/lines/%s", self->names[0]);
	ASSERT_EQ(-1, rmdir(path));
	EXPECT_TRUE(cfs_exists(path));
}

TEST_F(line, open_attribute_fails_after_line_goes)
{
	char path[PATH_SIZE], buf[64];
	int fd;

	fd = open(lpath(self, 0, "ring_frequency"), O_RDONLY);
	ASSERT_LE(0, fd);
	snprintf(path, sizeof(path), "%s/live", self->dir);
	ASSERT_EQ(0, fxs_test_write(path, "0"));
	EXPECT_GT(0, read(fd, buf, sizeof(buf)));
	close(fd);
	EXPECT_FALSE(cfs_exists(lpath(self, 0, "ring_frequency")));
}

TEST_F(line, new_line_starts_with_defaults)
{
	char path[PATH_SIZE];

	ASSERT_EQ(0, lset(self, "ring_frequency", "50"));
	ASSERT_EQ(0, lset(self, "idle_polarity", "reverse"));
	snprintf(path, sizeof(path), "%s/live", self->dir);
	ASSERT_EQ(0, fxs_test_write(path, "0"));
	ASSERT_EQ(2, cfs_board_make(self->dir, "2", self->names, 2));
	EXPECT_STREQ("25", lget(self, "ring_frequency"));
	EXPECT_STREQ("forward", lget(self, "idle_polarity"));
}

/* Store @count values at @path, then @first + 1; exit 0 if all took. */
static void store_loop(const char *path, int first, int count)
{
	char value[16];
	int i, bad = 0;

	for (i = 0; i < count; i++) {
		snprintf(value, sizeof(value), "%d", first + i % 20);
		bad |= fxs_test_write(path, value);
	}
	snprintf(value, sizeof(value), "%d", first + 1);
	bad |= fxs_test_write(path, value);
	_exit(bad ? 1 : 0);
}

TEST_F(line, concurrent_stores_to_two_attributes_both_stick)
{
	char freq[PATH_SIZE], volt[PATH_SIZE];
	pid_t pids[2];
	int i, status;

	snprintf(freq, sizeof(freq), "%s", lpath(self, 0, "ring_frequency"));
	snprintf(volt, sizeof(volt), "%s", lpath(self, 0, "ring_voltage"));
	for (i = 0; i < 2; i++) {
		pids[i] = fork();
		ASSERT_LE(0, pids[i]);
		if (!pids[i])
			store_loop(i ? volt : freq, i ? 61 : 11, 300);
	}
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(pids[i], waitpid(pids[i], &status, 0));
		EXPECT_TRUE(WIFEXITED(status) && !WEXITSTATUS(status));
	}
	/* Each store is a get-modify-set: neither may undo the other. */
	EXPECT_STREQ("12", lget(self, "ring_frequency"));
	EXPECT_STREQ("62", lget(self, "ring_voltage"));
}

/*
 * Numeric attributes refuse bytes after a NUL and a write that configfs
 * cut at 4095 bytes (4095 '0's then "5": the cut part reads as 0).
 */
TEST_F(line, numbers_refuse_nul_and_cut_writes)
{
	/* each with a good value that is not the default */
	static const char *const attrs[][2] = {
		{ "ring_frequency", "50" }, { "ring_voltage", "75" },
		{ "hook_debounce_ms", "7" }, { "flash_min_ms", "150" },
		{ "flash_max_ms", "800" }, { "dtmf_min_level", "-20" },
		{ "dtmf_twist_normal", "7" }, { "dtmf_twist_reverse", "7" },
		{ "input_gain_db", "-5" }, { "output_gain_db", "-5" },
		{ "cpc_delay_ms", "700" }, { "cpc_duration_ms", "700" },
		{ "idle_polarity", "reverse" },
		{ "caller_conn_polarity", "reverse" },
		{ "callee_conn_polarity", "reverse" },
	};
	static char big[4096];
	char want[64], junk[16];
	size_t i, len;

	memset(big, '0', sizeof(big));
	big[sizeof(big) - 1] = '5';
	for (i = 0; i < ARRAY_SIZE(attrs); i++) {
		const char *path = lpath(self, 0, attrs[i][0]);

		snprintf(want, sizeof(want), "%s", lget(self, attrs[i][0]));
		len = strlen(attrs[i][1]);
		memcpy(junk, attrs[i][1], len);
		memcpy(junk + len, "\0junk", 5);
		EXPECT_EQ(-EINVAL, fxs_test_write_len(path, junk, len + 5))
			TH_LOG("%s: '%s\\0junk' accepted", attrs[i][0],
			       attrs[i][1]);
		EXPECT_EQ(-EINVAL, fxs_test_write_len(path, junk, len + 1))
			TH_LOG("%s: '%s\\0' accepted", attrs[i][0],
			       attrs[i][1]);
		EXPECT_EQ(-EINVAL, fxs_test_write_len(path, big, sizeof(big)))
			TH_LOG("%s: cut write accepted", attrs[i][0]);
		EXPECT_STREQ(want, lget(self, attrs[i][0]));
		/* the good value, written as echo does, still works */
		snprintf(junk, sizeof(junk), "%s\n", attrs[i][1]);
		EXPECT_EQ(0, lset(self, attrs[i][0], junk))
			TH_LOG("%s", attrs[i][0]);
	}
}

/* params/: one parameter per test, removed in teardown. */
FIXTURE(param) {
	char dir[PATH_SIZE];
	char path[PATH_SIZE];
	char text[TEXT_SIZE];
};

FIXTURE_SETUP(param)
{
	snprintf(self->dir, sizeof(self->dir), FXS_ROOT "/params/GPP_T%d",
		 getpid());
	rmdir(self->dir);
	ASSERT_EQ(0, mkdir(self->dir, 0755)) TH_LOG("mkdir %s: %s",
						     self->dir,
						     strerror(errno));
}

FIXTURE_TEARDOWN(param)
{
	rmdir(self->dir);
}

static const char *ppath(FIXTURE_DATA(param) *self, const char *attr)
{
	snprintf(self->path, sizeof(self->path), "%.*s/%s", DIR_SIZE,
		 self->dir, attr);
	return self->path;
}

static const char *pget(FIXTURE_DATA(param) *self, const char *attr)
{
	if (fxs_test_read(ppath(self, attr), self->text, sizeof(self->text)))
		strcpy(self->text, "<unreadable>");
	return self->text;
}

static int pset(FIXTURE_DATA(param) *self, const char *attr,
		const char *value)
{
	return fxs_test_write(ppath(self, attr), value);
}

TEST_F(param, new_param_is_empty_rw)
{
	EXPECT_STREQ("", pget(self, "value"));
	EXPECT_STREQ("rw", pget(self, "access"));
}

TEST_F(param, good_names)
{
	static const char *const names[] = {
		"a", "Profile_Rule_B", "123", "_",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	};
	char path[PATH_SIZE];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		snprintf(path, sizeof(path), FXS_ROOT "/params/%s", names[i]);
		rmdir(path);
		EXPECT_EQ(0, mkdir(path, 0755)) TH_LOG("%s: %s", names[i],
							strerror(errno));
		EXPECT_EQ(0, rmdir(path));
	}
}

TEST_F(param, bad_names_einval)
{
	static const char *const names[] = {
		"bad-name", "a.b", "with space", "caf\xc3\xa9", "a$b",
		"caf\xe9", "\xc0\xff", "A\xd6",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	};
	char path[PATH_SIZE];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		snprintf(path, sizeof(path), FXS_ROOT "/params/%s", names[i]);
		EXPECT_EQ(-1, mkdir(path, 0755)) TH_LOG("'%s' made", names[i]);
		EXPECT_EQ(EINVAL, errno) TH_LOG("'%s'", names[i]);
		EXPECT_FALSE(cfs_exists(path));
	}
}

TEST_F(param, existing_name_eexist)
{
	ASSERT_EQ(-1, mkdir(self->dir, 0755));
	EXPECT_EQ(EEXIST, errno);
}

TEST_F(param, value_reads_back)
{
	ASSERT_EQ(0, pset(self, "value", "hello world\n"));
	EXPECT_STREQ("hello world", pget(self, "value"));
	ASSERT_EQ(0, pset(self, "value", "x"));
	EXPECT_STREQ("x", pget(self, "value"));
	ASSERT_EQ(0, pset(self, "value", "\n"));
	EXPECT_STREQ("", pget(self, "value"));
	ASSERT_EQ(0, pset(self, "value", "http://10.0.0.1/$MA.xml\n"));
	EXPECT_STREQ("http://10.0.0.1/$MA.xml", pget(self, "value"));
}

TEST_F(param, value_size_limit)
{
	static char big[PARAM_MAX + 4];

	memset(big, 'v', sizeof(big));
	/* 4094 bytes and the newline: the longest value */
	big[PARAM_MAX] = '\n';
	ASSERT_EQ(0, fxs_test_write_len(ppath(self, "value"), big, PARAM_MAX + 1));
	EXPECT_EQ((size_t)PARAM_MAX, strlen(pget(self, "value")));
	/* 4095 bytes without a newline may be a cut write: refused */
	ASSERT_EQ(0, pset(self, "value", "kept"));
	big[PARAM_MAX] = 'v';
	EXPECT_EQ(-EINVAL, fxs_test_write_len(ppath(self, "value"), big,
					 PARAM_MAX + 1));
	EXPECT_EQ(-EINVAL, fxs_test_write_len(ppath(self, "value"), big,
					 PARAM_MAX + 2));
	EXPECT_EQ(-EINVAL, fxs_test_write_len(ppath(self, "value"), big,
					 sizeof(big)));
	EXPECT_STREQ("kept", pget(self, "value"));
}

TEST_F(param, access_levels)
{
	static const char *const good[] = { "na", "ro\n", "rw" };
	static const char *const bad[] = {
		"rx", "RW", "\n", "rw ", " ro", "read", "n",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(good); i++) {
		ASSERT_EQ(0, pset(self, "access", good[i]));
		EXPECT_EQ(0, strncmp(good[i], pget(self, "access"), 2));
	}
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(-EINVAL, pset(self, "access", bad[i]))
			TH_LOG("access '%s' accepted", bad[i]);
		EXPECT_STREQ("rw", pget(self, "access"));
	}
}

TEST_F(param, access_does_not_guard_value)
{
	/* The kernel interprets nothing: access is a label for fxsd. */
	ASSERT_EQ(0, pset(self, "access", "ro"));
	EXPECT_EQ(0, pset(self, "value", "still writable"));
	EXPECT_STREQ("still writable", pget(self, "value"));
}

TEST_F(param, rmdir_removes)
{
	ASSERT_EQ(0, pset(self, "value", "gone soon"));
	ASSERT_EQ(0, rmdir(self->dir));
	EXPECT_FALSE(cfs_exists(self->dir));
	ASSERT_EQ(0, mkdir(self->dir, 0755));
	EXPECT_STREQ("", pget(self, "value"));
	ASSERT_EQ(-1, rmdir(FXS_ROOT "/params/NoSuchParam"));
	EXPECT_EQ(ENOENT, errno);
}

TEST_F(param, mkdir_inside_param_refused)
{
	ASSERT_EQ(-1, mkdir(ppath(self, "sub"), 0755));
	EXPECT_FALSE(cfs_exists(ppath(self, "sub")));
}

TEST_HARNESS_MAIN
