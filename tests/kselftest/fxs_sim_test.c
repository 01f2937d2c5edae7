// SPDX-License-Identifier: GPL-2.0
/*
 * In-guest selftest of the fxs_sim board lifecycle in configfs
 * (/sys/kernel/config/fxs-sim/NAME): attributes and their bad values, going
 * live and back, /dev/fxsN and lines/fxsN appearing and going, teardown
 * under open files, two boards at once. Needs fxs.ko and fxs_sim.ko loaded,
 * configfs and debugfs mounted.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/fxs.h>

#include "kselftest_harness.h"
#include "fxs_test_lib.h"

#define SIM_ROOT	"/sys/kernel/config/fxs-sim"
#define LINES_ROOT	"/sys/kernel/config/fxs/lines"
#define SIM_DEBUGFS	"/sys/kernel/debug/fxs-sim"
#define PATH_SIZE	256
#define TEXT_SIZE	256
#define DIR_SIZE	96	/* a board directory */

static bool sim_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

static bool sim_is_chardev(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISCHR(st.st_mode);
}

/* Take board @dir down and remove it; ignores what is not there. */
static void sim_board_remove(const char *dir)
{
	char path[PATH_SIZE];

	if (strlen(dir) > DIR_SIZE + 8)
		return;

	snprintf(path, sizeof(path), "%s/live", dir);
	fxs_test_write(path, "0");
	rmdir(dir);
}

FIXTURE(sim) {
	char dir[DIR_SIZE];
	char path[PATH_SIZE];
	char text[TEXT_SIZE];
};

FIXTURE_SETUP(sim)
{
	snprintf(self->dir, sizeof(self->dir), SIM_ROOT "/simtest%d",
		 getpid());
	sim_board_remove(self->dir);
	ASSERT_EQ(0, mkdir(self->dir, 0755))
		TH_LOG("mkdir %s: %s (fxs_sim loaded?)", self->dir,
		       strerror(errno));
}

FIXTURE_TEARDOWN(sim)
{
	sim_board_remove(self->dir);
}

/* Path of attribute @attr of the fixture's board (in self->path). */
static const char *attr(FIXTURE_DATA(sim) *self, const char *name)
{
	snprintf(self->path, sizeof(self->path), "%s/%s", self->dir, name);
	return self->path;
}

static int attr_set(FIXTURE_DATA(sim) *self, const char *name,
		    const char *value)
{
	return fxs_test_write(attr(self, name), value);
}

/* Read attribute @name into self->text. */
static const char *attr_get(FIXTURE_DATA(sim) *self, const char *name)
{
	if (fxs_test_read(attr(self, name), self->text, sizeof(self->text)))
		strcpy(self->text, "<unreadable>");
	return self->text;
}

/* Line names of the live board, space separated, into @names. */
static int board_lines(const char *dir, char names[][32], int max)
{
	char path[PATH_SIZE], text[TEXT_SIZE], *tok, *save;
	int n = 0;

	snprintf(path, sizeof(path), "%s/line_names", dir);
	if (fxs_test_read(path, text, sizeof(text)))
		return -1;
	for (tok = strtok_r(text, " ", &save); tok && n < max;
	     tok = strtok_r(NULL, " ", &save))
		snprintf(names[n++], 32, "%s", tok);
	return n;
}

static void dev_path(char *path, const char *line)
{
	snprintf(path, PATH_SIZE, "/dev/%.32s", line);
}

TEST_F(sim, mkdir_makes_board_with_defaults)
{
	ASSERT_STREQ("1", attr_get(self, "num_lines"));
	ASSERT_STREQ("0", attr_get(self, "hw_dtmf"));
	ASSERT_STREQ("0", attr_get(self, "live"));
	ASSERT_STREQ("", attr_get(self, "dev_name"));
	ASSERT_STREQ("", attr_get(self, "line_names"));
}

TEST_F(sim, rmdir_removes_board)
{
	ASSERT_EQ(0, rmdir(self->dir));
	ASSERT_FALSE(sim_exists(self->dir));
	ASSERT_EQ(-1, rmdir(self->dir));
	ASSERT_EQ(ENOENT, errno);
}

TEST_F(sim, mkdir_existing_name_eexist)
{
	ASSERT_EQ(-1, mkdir(self->dir, 0755));
	ASSERT_EQ(EEXIST, errno);
}

TEST_F(sim, mkdir_inside_board_refused)
{
	ASSERT_EQ(-1, mkdir(attr(self, "sub"), 0755));
	ASSERT_TRUE(errno == EPERM || errno == ENOTDIR)
		TH_LOG("errno %d", errno);
	ASSERT_FALSE(sim_exists(attr(self, "sub")));
}

TEST_F(sim, num_lines_1_to_8_accepted)
{
	char want[4];
	int i;

	for (i = 1; i <= 8; i++) {
		snprintf(want, sizeof(want), "%d", i);
		ASSERT_EQ(0, attr_set(self, "num_lines", want));
		ASSERT_STREQ(want, attr_get(self, "num_lines"));
	}
}

TEST_F(sim, num_lines_bad_values_einval)
{
	static const char *const bad[] = {
		"0", "9", "abc", "-1", "\n", "4294967297", "2x", " 2",
	};
	size_t i;

	ASSERT_EQ(0, attr_set(self, "num_lines", "3\n"));
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(-EINVAL, attr_set(self, "num_lines", bad[i]))
			TH_LOG("num_lines '%s'", bad[i]);
		ASSERT_STREQ("3", attr_get(self, "num_lines"));
	}
}

TEST_F(sim, hw_dtmf_0_1_accepted_others_einval)
{
	ASSERT_EQ(0, attr_set(self, "hw_dtmf", "1"));
	ASSERT_STREQ("1", attr_get(self, "hw_dtmf"));
	EXPECT_EQ(-EINVAL, attr_set(self, "hw_dtmf", "2"));
	EXPECT_EQ(-EINVAL, attr_set(self, "hw_dtmf", "yes"));
	ASSERT_STREQ("1", attr_get(self, "hw_dtmf"));
	ASSERT_EQ(0, attr_set(self, "hw_dtmf", "0"));
	ASSERT_STREQ("0", attr_get(self, "hw_dtmf"));
}

TEST_F(sim, live_bad_values_einval)
{
	EXPECT_EQ(-EINVAL, attr_set(self, "live", "2"));
	EXPECT_EQ(-EINVAL, attr_set(self, "live", "on"));
	ASSERT_STREQ("0", attr_get(self, "live"));
	ASSERT_STREQ("", attr_get(self, "dev_name"));
}

TEST_F(sim, live0_when_not_live_changes_nothing)
{
	ASSERT_EQ(0, attr_set(self, "live", "0"));
	ASSERT_STREQ("0", attr_get(self, "live"));
	ASSERT_EQ(0, attr_set(self, "num_lines", "2"));
}

TEST_F(sim, live_creates_dev_nodes_and_line_dirs)
{
	char names[8][32], path[PATH_SIZE];
	int i, n;

	ASSERT_EQ(0, attr_set(self, "num_lines", "3"));
	ASSERT_EQ(0, attr_set(self, "live", "1"));
	ASSERT_STREQ("1", attr_get(self, "live"));
	ASSERT_EQ(0, strncmp(attr_get(self, "dev_name"), "fxs-sim.", 8))
		TH_LOG("dev_name '%s'", self->text);
	snprintf(path, sizeof(path), "/sys/bus/platform/devices/%.64s",
		 self->text);
	ASSERT_TRUE(sim_exists(path));
	n = board_lines(self->dir, names, 8);
	ASSERT_EQ(3, n);
	for (i = 0; i < n; i++) {
		dev_path(path, names[i]);
		ASSERT_TRUE(sim_is_chardev(path)) TH_LOG("%s", path);
		snprintf(path, sizeof(path), LINES_ROOT "/%.32s", names[i]);
		ASSERT_TRUE(sim_exists(path)) TH_LOG("%s", path);
		snprintf(path, sizeof(path), SIM_DEBUGFS "/%.32s/hook",
			 names[i]);
		ASSERT_TRUE(sim_exists(path)) TH_LOG("%s", path);
	}
}

/* line-names labels come only from firmware nodes: configfs lines have none */
TEST_F(sim, configfs_lines_have_empty_read_only_label)
{
	char names[8][32], path[PATH_SIZE], label[64];
	int i, n;

	ASSERT_EQ(0, attr_set(self, "num_lines", "2"));
	ASSERT_EQ(0, attr_set(self, "live", "1"));
	n = board_lines(self->dir, names, 8);
	ASSERT_EQ(2, n);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), SIM_DEBUGFS "/%.32s/label",
			 names[i]);
		ASSERT_EQ(0, fxs_test_read(path, label, sizeof(label)))
			TH_LOG("%s", path);
		ASSERT_STREQ("", label);
		ASSERT_NE(0, fxs_test_write(path, "x\n")) TH_LOG("%s", path);
	}
}

TEST_F(sim, line_info_matches_line_names)
{
	struct fxs_line_info info;
	char names[8][32], path[PATH_SIZE];
	int fd;

	ASSERT_EQ(0, attr_set(self, "live", "1"));
	ASSERT_EQ(1, board_lines(self->dir, names, 8));
	dev_path(path, names[0]);
	fd = open(path, O_RDWR);
	ASSERT_LE(0, fd);
	memset(&info, 0xff, sizeof(info));
	ASSERT_EQ(0, ioctl(fd, FXS_IOC_GET_LINE_INFO, &info));
	close(fd);
	EXPECT_STREQ(names[0], info.name);
	snprintf(path, sizeof(path), "fxs%u", info.index);
	EXPECT_STREQ(names[0], path);
	EXPECT_EQ((__u32)FXS_API_VERSION, info.api_version);
	EXPECT_EQ((__u64)(FXS_LINE_CAP_RING | FXS_LINE_CAP_PCM), info.caps);
	EXPECT_EQ(0U, info.offhook);
}

TEST_F(sim, hw_dtmf_board_reports_cap)
{
	char names[8][32], path[PATH_SIZE], text[TEXT_SIZE];

	ASSERT_EQ(0, attr_set(self, "hw_dtmf", "1"));
	ASSERT_EQ(0, attr_set(self, "live", "1"));
	ASSERT_EQ(1, board_lines(self->dir, names, 8));
	snprintf(path, sizeof(path), LINES_ROOT "/%.32s/caps", names[0]);
	ASSERT_EQ(0, fxs_test_read(path, text, sizeof(text)));
	ASSERT_STREQ("ring pcm hw_dtmf", text);
	snprintf(path, sizeof(path), SIM_DEBUGFS "/%.32s/digit", names[0]);
	ASSERT_EQ(0, fxs_test_write(path, "5"));
	ASSERT_EQ(-EINVAL, fxs_test_write(path, "x"));
}

TEST_F(sim, digit_without_hw_dtmf_eopnotsupp)
{
	char names[8][32], path[PATH_SIZE];

	ASSERT_EQ(0, attr_set(self, "live", "1"));
	ASSERT_EQ(1, board_lines(self->dir, names, 8));
	snprintf(path, sizeof(path), SIM_DEBUGFS "/%.32s/digit", names[0]);
	ASSERT_EQ(-EOPNOTSUPP, fxs_test_write(path, "5"));
}

TEST_F(sim, debugfs_hook_bad_values_einval)
{
	char names[8][32], path[PATH_SIZE], text[TEXT_SIZE];

	ASSERT_EQ(0, attr_set(self, "live", "1"));
	ASSERT_EQ(1, board_lines(self->dir, names, 8));
	snprintf(path, sizeof(path), SIM_DEBUGFS "/%.32s/hook", names[0]);
	EXPECT_EQ(-EINVAL, fxs_test_write(path, "2"));
	EXPECT_EQ(-EINVAL, fxs_test_write(path, "off"));
	ASSERT_EQ(0, fxs_test_read(path, text, sizeof(text)));
	ASSERT_STREQ("0", text);
}

TEST_F(sim, live_again_ebusy)
{
	ASSERT_EQ(0, attr_set(self, "live", "1"));
	ASSERT_EQ(-EBUSY, attr_set(self, "live", "1"));
	ASSERT_STREQ("1", attr_get(self, "live"));
}

TEST_F(sim, changes_while_live_ebusy)
{
	ASSERT_EQ(0, attr_set(self, "num_lines", "2"));
	ASSERT_EQ(0, attr_set(self, "live", "1"));
	EXPECT_EQ(-EBUSY, attr_set(self, "num_lines", "4"));
	EXPECT_EQ(-EBUSY, attr_set(self, "hw_dtmf", "1"));
	ASSERT_STREQ("2", attr_get(self, "num_lines"));
	ASSERT_STREQ("0", attr_get(self, "hw_dtmf"));
}

TEST_F(sim, live0_removes_dev_nodes_and_line_dirs)
{
	char names[8][32], path[PATH_SIZE];
	int i, n;

	ASSERT_EQ(0, attr_set(self, "num_lines", "2"));
	ASSERT_EQ(0, attr_set(self, "live", "1"));
	n = board_lines(self->dir, names, 8);
	ASSERT_EQ(2, n);
	ASSERT_EQ(0, attr_set(self, "live", "0"));
	ASSERT_STREQ("0", attr_get(self, "live"));
	ASSERT_STREQ("", attr_get(self, "dev_name"));
	ASSERT_STREQ("", attr_get(self, "line_names"));
	for (i = 0; i < n; i++) {
		dev_path(path, names[i]);
		ASSERT_FALSE(sim_exists(path)) TH_LOG("%s", path);
		snprintf(path, sizeof(path), LINES_ROOT "/%.32s", names[i]);
		ASSERT_FALSE(sim_exists(path)) TH_LOG("%s", path);
		snprintf(path, sizeof(path), SIM_DEBUGFS "/%.32s", names[i]);
		ASSERT_FALSE(sim_exists(path)) TH_LOG("%s", path);
	}
	/* Not live any more: the settings can change again. */
	ASSERT_EQ(0, attr_set(self, "num_lines", "1"));
}

TEST_F(sim, live_again_after_live0)
{
	char names[8][32], path[PATH_SIZE];

	ASSERT_EQ(0, attr_set(self, "live", "1"));
	ASSERT_EQ(0, attr_set(self, "live", "0"));
	ASSERT_EQ(0, attr_set(self, "num_lines", "2"));
	ASSERT_EQ(0, attr_set(self, "live", "1"));
	ASSERT_EQ(2, board_lines(self->dir, names, 8));
	dev_path(path, names[1]);
	ASSERT_TRUE(sim_is_chardev(path));
}

TEST_F(sim, dev_name_and_line_names_read_only)
{
	ASSERT_EQ(0, attr_set(self, "live", "1"));
	EXPECT_EQ(-EACCES, attr_set(self, "dev_name", "foo"));
	EXPECT_EQ(-EACCES, attr_set(self, "line_names", "foo"));
	ASSERT_EQ(0, strncmp(attr_get(self, "dev_name"), "fxs-sim.", 8));
}

/* Open line 0 of the live board; returns the fd. */
static int open_line0(FIXTURE_DATA(sim) *self)
{
	char names[8][32], path[PATH_SIZE];

	if (attr_set(self, "live", "1") || board_lines(self->dir, names, 8) < 1)
		return -1;
	dev_path(path, names[0]);
	return open(path, O_RDWR | O_NONBLOCK);
}

/* After the line went away under @fd: POLLHUP, -ENODEV everywhere. */
static void check_line_gone(struct __test_metadata *_metadata, int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN | POLLOUT };
	struct fxs_line_info info;
	struct fxs_event ev;
	short pcm[80] = { 0 };

	ASSERT_EQ(1, poll(&pfd, 1, 5000));
	EXPECT_TRUE(pfd.revents & POLLHUP) TH_LOG("revents %#x", pfd.revents);
	EXPECT_EQ(-1, read(fd, &ev, sizeof(ev)));
	EXPECT_EQ(ENODEV, errno);
	EXPECT_EQ(-1, write(fd, pcm, sizeof(pcm)));
	EXPECT_EQ(ENODEV, errno);
	EXPECT_EQ(-1, ioctl(fd, FXS_IOC_GET_LINE_INFO, &info));
	EXPECT_EQ(ENODEV, errno);
	EXPECT_EQ(0, close(fd));
}

TEST_F(sim, live0_while_open_gives_pollhup_enodev)
{
	int fd = open_line0(self);

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, attr_set(self, "live", "0"));
	check_line_gone(_metadata, fd);
}

TEST_F(sim, rmdir_live_board_while_open_gives_pollhup_enodev)
{
	int fd = open_line0(self);

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, rmdir(self->dir));
	ASSERT_FALSE(sim_exists(self->dir));
	check_line_gone(_metadata, fd);
}

TEST_F(sim, blocked_reader_woken_by_live0)
{
	struct fxs_event ev;
	int fd, status, flags;
	pid_t pid;

	fd = open_line0(self);
	ASSERT_LE(0, fd);
	flags = fcntl(fd, F_GETFL);
	ASSERT_EQ(0, fcntl(fd, F_SETFL, flags & ~O_NONBLOCK));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		/* Blocks until the line goes; must then fail with ENODEV. */
		if (read(fd, &ev, sizeof(ev)) == -1 && errno == ENODEV)
			_exit(0);
		_exit(1);
	}
	usleep(200000);	/* let the child block; either order must pass */
	ASSERT_EQ(0, attr_set(self, "live", "0"));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	ASSERT_EQ(0, WEXITSTATUS(status));
	close(fd);
}

TEST_F(sim, two_boards_at_once)
{
	char other[DIR_SIZE + 8], path[PATH_SIZE], text[TEXT_SIZE];
	char mine[8][32], theirs[8][32];

	snprintf(other, sizeof(other), "%s_b", self->dir);
	sim_board_remove(other);
	ASSERT_EQ(0, mkdir(other, 0755));
	snprintf(path, sizeof(path), "%s/num_lines", other);
	ASSERT_EQ(0, fxs_test_write(path, "2"));
	snprintf(path, sizeof(path), "%s/live", other);
	ASSERT_EQ(0, fxs_test_write(path, "1"));
	ASSERT_EQ(0, attr_set(self, "live", "1"));

	ASSERT_EQ(1, board_lines(self->dir, mine, 8));
	ASSERT_EQ(2, board_lines(other, theirs, 8));
	EXPECT_STRNE(mine[0], theirs[0]);
	EXPECT_STRNE(mine[0], theirs[1]);
	snprintf(path, sizeof(path), "%s/dev_name", other);
	ASSERT_EQ(0, fxs_test_read(path, text, sizeof(text)));
	EXPECT_STRNE(attr_get(self, "dev_name"), text);

	/* Taking one down leaves the other alone. */
	sim_board_remove(other);
	ASSERT_FALSE(sim_exists(other));
	dev_path(path, theirs[0]);
	EXPECT_FALSE(sim_exists(path));
	dev_path(path, mine[0]);
	EXPECT_TRUE(sim_is_chardev(path));
	snprintf(path, sizeof(path), LINES_ROOT "/%.32s", mine[0]);
	EXPECT_TRUE(sim_exists(path));
}

/* Toggle live @count times, tolerating the other toggler's -EBUSY. */
static void toggle_loop(const char *path, int count)
{
	int i, ret, bad = 0;

	for (i = 0; i < count; i++) {
		ret = fxs_test_write(path, i & 1 ? "0" : "1");
		if (ret && ret != -EBUSY)
			bad = 1;
	}
	_exit(bad);
}

TEST_F(sim, concurrent_live_toggles_stay_consistent)
{
	char names[8][32], path[PATH_SIZE];
	pid_t pids[2];
	int i, status;

	ASSERT_EQ(0, attr_set(self, "num_lines", "2"));
	for (i = 0; i < 2; i++) {
		pids[i] = fork();
		ASSERT_LE(0, pids[i]);
		if (!pids[i])
			toggle_loop(attr(self, "live"), 40);
	}
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(pids[i], waitpid(pids[i], &status, 0));
		EXPECT_TRUE(WIFEXITED(status) && !WEXITSTATUS(status));
	}
	/* Whatever the last state, the board and its lines agree. */
	if (!strcmp(attr_get(self, "live"), "0"))
		ASSERT_EQ(0, attr_set(self, "live", "1"));
	ASSERT_EQ(2, board_lines(self->dir, names, 8));
	for (i = 0; i < 2; i++) {
		dev_path(path, names[i]);
		EXPECT_TRUE(sim_is_chardev(path)) TH_LOG("%s", path);
	}
	ASSERT_EQ(0, attr_set(self, "live", "0"));
	dev_path(path, names[0]);
	EXPECT_FALSE(sim_exists(path));
}

/* Write @len bytes of @data to board attribute @name. */
static int attr_set_len(FIXTURE_DATA(sim) *self, const char *name,
			const void *data, size_t len)
{
	return fxs_test_write_len(attr(self, name), data, len);
}

/*
 * Board settings refuse what follows a NUL and a write that configfs cut
 * at 4095 bytes (4095 '0's then "1": the cut part reads as 0).
 */
TEST_F(sim, settings_refuse_nul_and_cut_writes)
{
	static char big[4096];

	ASSERT_EQ(0, attr_set(self, "num_lines", "3"));
	EXPECT_EQ(-EINVAL, attr_set_len(self, "num_lines", "2\0junk", 6));
	EXPECT_STREQ("3", attr_get(self, "num_lines"));
	ASSERT_EQ(0, attr_set(self, "hw_dtmf", "1"));
	EXPECT_EQ(-EINVAL, attr_set_len(self, "hw_dtmf", "0\0", 2));
	memset(big, '0', sizeof(big));
	big[sizeof(big) - 1] = '1';
	EXPECT_EQ(-EINVAL, attr_set_len(self, "hw_dtmf", big, sizeof(big)));
	EXPECT_STREQ("1", attr_get(self, "hw_dtmf"));
	EXPECT_EQ(-EINVAL, attr_set_len(self, "live", "1\0x", 3));
	EXPECT_EQ(-EINVAL, attr_set_len(self, "live", big, sizeof(big)));
	EXPECT_STREQ("0", attr_get(self, "live"));
	/* a plain value with its newline still works */
	ASSERT_EQ(0, attr_set(self, "hw_dtmf", "0\n"));
	EXPECT_STREQ("0", attr_get(self, "hw_dtmf"));
}

/*
 * Unbinding the platform device behind configfs's back cannot leave a
 * board that reads live without lines: either the unbind is refused or
 * live reads 0 afterwards.
 */
TEST_F(sim, unbind_keeps_live_truthful)
{
	char names[8][32], path[PATH_SIZE], dev[64], line_dir[PATH_SIZE];
	bool lines_there;
	int ret;

	ASSERT_TRUE(sim_exists("/sys/bus/platform/drivers/fxs-sim"));
	ASSERT_EQ(0, attr_set(self, "live", "1"));
	ASSERT_EQ(1, board_lines(self->dir, names, 8));
	snprintf(dev, sizeof(dev), "%s", attr_get(self, "dev_name"));
	snprintf(line_dir, sizeof(line_dir), LINES_ROOT "/%s", names[0]);
	ASSERT_TRUE(sim_exists(line_dir));
	ret = fxs_test_write("/sys/bus/platform/drivers/fxs-sim/unbind", dev);
	snprintf(path, sizeof(path), "/sys/bus/platform/devices/%s/driver/unbind",
		 dev);
	if (!ret)
		TH_LOG("unbind of %s accepted", dev);
	else
		EXPECT_NE(0, fxs_test_write(path, dev));
	lines_there = sim_exists(line_dir);
	EXPECT_STREQ(lines_there ? "1" : "0", attr_get(self, "live"))
		TH_LOG("unbind: %d, lines there: %d", ret, lines_there);
	/* the board still goes down (and up again) through configfs */
	EXPECT_EQ(0, attr_set(self, "live", "0"));
	EXPECT_FALSE(sim_exists(line_dir));
	EXPECT_EQ(0, attr_set(self, "live", "1"));
	EXPECT_EQ(1, board_lines(self->dir, names, 8));
}

/* Sum of the HRTIMER softirq counts of every CPU (/proc/softirqs). */
static long hrtimer_softirqs(void)
{
	char line[1024], *p, *end;
	long sum = -1, v;
	FILE *f;

	f = fopen("/proc/softirqs", "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		p = strstr(line, "HRTIMER:");
		if (!p)
			continue;
		sum = 0;
		for (p += 8;; p = end) {
			v = strtol(p, &end, 10);
			if (end == p)
				break;
			sum += v;
		}
	}
	fclose(f);
	return sum;
}

/*
 * The frame clock does its work outside hard-IRQ context: it runs as a
 * soft hrtimer (HRTIMER softirqs go up with the frames: a late expiry,
 * common on a loaded TCG host, catches up to FXS_SIM_MAX_CATCHUP (4)
 * frames at once, so at least a quarter of the frames each took one),
 * and counts the frames it dropped instead of catching up without limit.
 */
TEST_F(sim, frame_clock_runs_in_softirq)
{
	char names[8][32], path[PATH_SIZE], text[32];
	unsigned int index, dropped;
	long before, after;

	ASSERT_EQ(0, attr_set(self, "live", "1"));
	ASSERT_EQ(1, board_lines(self->dir, names, 8));
	ASSERT_EQ(1, sscanf(names[0], "fxs%u", &index));
	before = hrtimer_softirqs();
	ASSERT_LE(0, before);
	ASSERT_EQ(0, fxs_test_wait_frames(index, 30, 5000));
	after = hrtimer_softirqs();
	EXPECT_LE(30 / 4, after - before)
		TH_LOG("HRTIMER softirqs: %ld in 30 frames", after - before);
	snprintf(path, sizeof(path), SIM_DEBUGFS "/%s/frames_dropped", names[0]);
	ASSERT_EQ(0, fxs_test_read(path, text, sizeof(text)));
	ASSERT_EQ(1, sscanf(text, "%u", &dropped));
}

/*
 * Reading the captured downlink into a bad buffer is EFAULT and drains
 * nothing; a read that faults part way returns what it copied and
 * leaves the rest.
 */
TEST_F(sim, downlink_read_bad_buffer_keeps_samples)
{
	enum { SAMPLES = 1600, BEFORE = 100 };	/* 20 frames */
	char names[8][32], path[PATH_SIZE], *map, *bad;
	int16_t *pcm, *got;
	struct fxs_event ev;
	size_t total;
	ssize_t n;
	int fd, dfd, i;

	pcm = calloc(SAMPLES * 2, sizeof(*pcm));
	ASSERT_NE(NULL, pcm);
	got = pcm + SAMPLES;
	for (i = 0; i < SAMPLES; i++)
		pcm[i] = 1000 + i;
	fd = open_line0(self);
	ASSERT_LE(0, fd);
	ASSERT_EQ(1, board_lines(self->dir, names, 8));
	ASSERT_EQ((ssize_t)sizeof(*pcm) * SAMPLES,
		  write(fd, pcm, sizeof(*pcm) * SAMPLES));
	ASSERT_EQ(0, fxs_test_event_wait(fd, FXS_EVENT_PLAYBACK_DONE, &ev,
					 EVENT_TIMEOUT_MS));
	map = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, map);
	ASSERT_EQ(0, mprotect(map + 4096, 4096, PROT_NONE));
	bad = map + 4096;
	snprintf(path, sizeof(path), SIM_DEBUGFS "/%s/downlink", names[0]);
	dfd = open(path, O_RDONLY);
	ASSERT_LE(0, dfd);
	EXPECT_EQ(-1, read(dfd, bad, 2000));
	EXPECT_EQ(EFAULT, errno);
	/* all BEFORE samples on x86, at least one where copies stop short */
	n = read(dfd, bad - BEFORE * sizeof(*pcm), 4000);
	EXPECT_LE((ssize_t)sizeof(*pcm), n);
	EXPECT_GE((ssize_t)(BEFORE * sizeof(*pcm)), n);
	if (FXS_TEST_EXACT_FAULT)
		EXPECT_EQ((ssize_t)(BEFORE * sizeof(*pcm)), n);
	if (n > 0)
		memcpy(got, bad - BEFORE * sizeof(*pcm), n);
	total = n > 0 ? n / sizeof(*pcm) : 0;
	while ((n = read(dfd, got + total, (SAMPLES - total) * sizeof(*pcm))) > 0)
		total += n / sizeof(*pcm);
	EXPECT_EQ((size_t)SAMPLES, total);
	for (i = 0; i < SAMPLES && (size_t)i < total; i++)
		if (got[i] != pcm[i])
			break;
	EXPECT_EQ(SAMPLES, i) TH_LOG("sample %d: %d, want %d", i, got[i],
				     pcm[i]);
	close(dfd);
	close(fd);
	munmap(map, 8192);
	free(pcm);
}

TEST_HARNESS_MAIN
