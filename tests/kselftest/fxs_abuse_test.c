// SPDX-License-Identifier: GPL-2.0
/*
 * Abuse selftests of fxs and fxs_sim: concurrent readers and writers while
 * the hook toggles, teardown while calls are blocked, boards made and
 * destroyed by racing processes, an ioctl fuzzer (random numbers, contents
 * and pointers: only documented errnos), and random bytes written to every
 * writable line attribute. The kernel must stay sound: the VM harness
 * fails the run on any BUG, WARNING or Oops in the guest's log (boot the
 * guest with slub_debug to catch corruption: VM_APPEND in tests/vm/run.sh).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "fxs_test_lib.h"

#define SIM_ROOT	"/sys/kernel/config/fxs-sim"
#define LINES_ROOT	"/sys/kernel/config/fxs/lines"
#define PATH_SIZE	256
#define FRAME		FXS_PCM_FRAME_SAMPLES
#define CHILD_SECONDS	2

/* xorshift32: a reproducible random stream per seed */
static uint32_t rnd(uint32_t *state)
{
	uint32_t x = *state ? *state : 0x1234567;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x;
}

/* Wait for @pid; its exit status, or -1 when it did not exit normally. */
static int child_status(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static bool deadline_passed(uint64_t end)
{
	return fxs_test_now_ns() >= end;
}

FIXTURE(abuse) {
	struct fxs_test_sim sim;
	unsigned int index;
};

FIXTURE_SETUP(abuse)
{
	ASSERT_EQ(0, fxs_test_sim_create(&self->sim, "abuse", 2, false));
	self->index = self->sim.index[0];
}

FIXTURE_TEARDOWN(abuse)
{
	fxs_test_sim_destroy(&self->sim);
}

/* Read events until @end; every read returns whole records in order. */
static void reader_loop(int fd, uint64_t end)
{
	struct fxs_event ev[8];
	uint32_t last = 0;
	ssize_t n;
	size_t i;

	while (!deadline_passed(end)) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };

		n = poll(&pfd, 1, 50);
		if (n < 0)
			_exit(10);
		if (!n)
			continue;
		n = read(fd, ev, sizeof(ev));
		if (n < 0 && errno != EAGAIN)
			_exit(11);
		if (n > 0 && n % sizeof(ev[0]))
			_exit(12);
		for (i = 0; n > 0 && i < n / sizeof(ev[0]); i++) {
			/* one file may be shared by two readers: only order */
			if (last && (int32_t)(ev[i].seqno - last) <= 0)
				_exit(13);
			last = ev[i].seqno;
		}
	}
	_exit(0);
}

/* Write PCM until @end, blocking or not as @fd says; flush now and then. */
static void writer_loop(int fd, uint64_t end, uint32_t seed)
{
	int16_t pcm[FRAME * 8];
	ssize_t n;
	size_t i;

	for (i = 0; i < FRAME * 8; i++)
		pcm[i] = 100 + i;
	while (!deadline_passed(end)) {
		n = write(fd, pcm, (rnd(&seed) % (FRAME * 8)) * 2);
		if (n < 0 && errno != EAGAIN)
			_exit(20);
		if (!(rnd(&seed) % 16) && ioctl(fd, FXS_IOC_PLAYBACK_FLUSH))
			_exit(21);
		if (!(rnd(&seed) % 8) && ioctl(fd, FXS_IOC_TONE_START,
					       &(struct fxs_tone_request){
						       .tone = FXS_TONE_BUSY,
						       .duration_ms = 50 }))
			_exit(22);
	}
	_exit(0);
}

/* Toggle the hook of @index at random intervals until @end. */
static void hook_loop(unsigned int index, uint64_t end, uint32_t seed)
{
	bool off = false;

	while (!deadline_passed(end)) {
		off = !off;
		if (fxs_test_hook_set(index, off))
			_exit(30);
		usleep(1000 * (rnd(&seed) % 40));
	}
	_exit(0);
}

/*
 * Readers (two on one file, one on its own), blocking and non-blocking
 * writers, ring and tone ioctls, while the hook toggles: every program
 * sees only documented results, and the line still works afterwards.
 */
TEST_F_TIMEOUT(abuse, readers_writers_while_hook_toggles, 60)
{
	uint64_t end = fxs_test_now_ns() + CHILD_SECONDS * 1000000000ULL;
	int shared, own, wr, wr_nb, i, ret, ring;
	struct fxs_line_info info;
	pid_t pids[7];

	shared = fxs_test_line_open(self->index, O_RDWR | O_NONBLOCK);
	own = fxs_test_line_open(self->index, O_RDONLY);
	wr = fxs_test_line_open(self->index, O_WRONLY);
	wr_nb = fxs_test_line_open(self->index, O_WRONLY | O_NONBLOCK);
	ASSERT_LE(0, shared);
	ASSERT_LE(0, own);
	ASSERT_LE(0, wr);
	ASSERT_LE(0, wr_nb);
	for (i = 0; i < 7; i++) {
		pids[i] = fork();
		ASSERT_LE(0, pids[i]);
		if (pids[i])
			continue;
		switch (i) {
		case 0:
		case 1:
			reader_loop(shared, end);
			break;
		case 2:
			reader_loop(own, end);
			break;
		case 3:
			writer_loop(wr, end, 11);
			break;
		case 4:
			writer_loop(wr_nb, end, 12);
			break;
		case 5:
			hook_loop(self->index, end, 13);
			break;
		default:
			/* ring requests race the hook: 0 or -EBUSY */
			for (ring = 0; !deadline_passed(end); ring ^= 1) {
				ret = ioctl(shared, ring ? FXS_IOC_RING_START :
					    FXS_IOC_RING_STOP);
				if (ret && errno != EBUSY)
					_exit(40);
				usleep(3000);
			}
			_exit(0);
		}
	}
	for (i = 0; i < 7; i++)
		EXPECT_EQ(0, child_status(pids[i])) TH_LOG("child %d", i);
	EXPECT_EQ(0, ioctl(shared, FXS_IOC_GET_LINE_INFO, &info));
	EXPECT_EQ(0, ioctl(shared, FXS_IOC_PLAYBACK_FLUSH));
	close(shared);
	close(own);
	close(wr);
	close(wr_nb);
}

/*
 * live=0 while calls block in read(), poll() and write() (queue full):
 * each returns promptly with the line-gone result.
 */
TEST_F_TIMEOUT(abuse, teardown_while_blocked, 60)
{
	int16_t pcm[FRAME * 4] = { 0 };
	char path[PATH_SIZE];
	int fds[3], i, nb;
	pid_t pids[3];

	for (i = 0; i < FRAME * 4; i++)
		pcm[i] = 1000;
	for (i = 0; i < 3; i++) {
		fds[i] = fxs_test_line_open(self->index, O_RDWR);
		ASSERT_LE(0, fds[i]);
	}
	/* fill the playback queue through a non-blocking file */
	nb = fxs_test_line_open(self->index, O_WRONLY | O_NONBLOCK);
	ASSERT_LE(0, nb);
	while (write(nb, pcm, sizeof(pcm)) > 0)
		;
	for (i = 0; i < 3; i++) {
		pids[i] = fork();
		ASSERT_LE(0, pids[i]);
		if (pids[i])
			continue;
		alarm(20);
		if (i == 0) {
			struct fxs_event ev;

			_exit(read(fds[0], &ev, sizeof(ev)) == -1 &&
			      errno == ENODEV ? 0 : 1);
		} else if (i == 1) {
			struct pollfd pfd = { .fd = fds[1], .events = POLLIN };

			_exit(poll(&pfd, 1, -1) == 1 &&
			      (pfd.revents & POLLHUP) ? 0 : 1);
		} else {
			/* blocks, or writes what a frame freed, then -ENODEV */
			for (;;) {
				if (write(fds[2], pcm, sizeof(pcm)) < 0)
					_exit(errno == ENODEV ? 0 : 1);
			}
		}
	}
	usleep(200000);
	snprintf(path, sizeof(path), "%s/live", self->sim.dir);
	ASSERT_EQ(0, fxs_test_write(path, "0"));
	for (i = 0; i < 3; i++)
		EXPECT_EQ(0, child_status(pids[i])) TH_LOG("child %d", i);
	for (i = 0; i < 3; i++)
		close(fds[i]);
	close(nb);
}

/* Make and destroy boards in a loop; exit 0 when every step behaved. */
static void board_churn(int id, int rounds)
{
	char dir[PATH_SIZE], path[PATH_SIZE + 16], lines[4], names[64];
	unsigned int index;
	int i, fd;

	for (i = 0; i < rounds; i++) {
		snprintf(dir, sizeof(dir), SIM_ROOT "/churn-%d-%d", getpid(), id);
		if (mkdir(dir, 0755))
			_exit(50);
		snprintf(path, sizeof(path), "%s/num_lines", dir);
		snprintf(lines, sizeof(lines), "%d", 1 + (i + id) % 3);
		if (fxs_test_write(path, lines))
			_exit(51);
		snprintf(path, sizeof(path), "%s/live", dir);
		if (fxs_test_write(path, "1"))
			_exit(52);
		snprintf(path, sizeof(path), "%s/line_names", dir);
		if (fxs_test_read(path, names, sizeof(names)) ||
		    sscanf(names, "fxs%u", &index) != 1)
			_exit(53);
		fd = -1;
		if (i & 1) {
			fd = fxs_test_line_open(index, O_RDWR | O_NONBLOCK);
			if (fd < 0)
				_exit(57);
		}
		/* every other round: rmdir a live board, maybe with a file open */
		if (i % 4 < 2) {
			snprintf(path, sizeof(path), "%s/live", dir);
			if (fxs_test_write(path, "0"))
				_exit(54);
		}
		if (rmdir(dir))
			_exit(55);
		if (fd >= 0) {
			struct fxs_event ev;

			if (read(fd, &ev, sizeof(ev)) != -1 || errno != ENODEV)
				_exit(56);
			close(fd);
		}
	}
	_exit(0);
}

/* Race live on one shared board; -EBUSY is the only refusal. */
static void live_race(const char *dir, uint64_t end, uint32_t seed)
{
	char path[PATH_SIZE + 16], text[128];
	int ret;

	while (!deadline_passed(end)) {
		snprintf(path, sizeof(path), "%s/live", dir);
		ret = fxs_test_write(path, rnd(&seed) & 1 ? "1" : "0");
		if (ret && ret != -EBUSY)
			_exit(60);
		snprintf(path, sizeof(path), "%s/line_names", dir);
		if (fxs_test_read(path, text, sizeof(text)))
			_exit(61);
		snprintf(path, sizeof(path), "%s/num_lines", dir);
		ret = fxs_test_write(path, "2");
		if (ret && ret != -EBUSY)
			_exit(62);
	}
	_exit(0);
}

/*
 * Three processes make and destroy their own boards while three others
 * race live, line_names and num_lines on a shared one.
 */
TEST_F_TIMEOUT(abuse, board_create_destroy_races, 120)
{
	uint64_t end = fxs_test_now_ns() + CHILD_SECONDS * 1000000000ULL;
	char dir[PATH_SIZE], path[PATH_SIZE + 16];
	pid_t pids[6];
	int i;

	snprintf(dir, sizeof(dir), SIM_ROOT "/race-%d", getpid());
	ASSERT_EQ(0, mkdir(dir, 0755));
	for (i = 0; i < 6; i++) {
		pids[i] = fork();
		ASSERT_LE(0, pids[i]);
		if (pids[i])
			continue;
		if (i < 3)
			board_churn(i, 12);
		live_race(dir, end, 100 + i);
	}
	for (i = 0; i < 6; i++)
		EXPECT_EQ(0, child_status(pids[i])) TH_LOG("child %d", i);
	snprintf(path, sizeof(path), "%s/live", dir);
	fxs_test_write(path, "0");
	EXPECT_EQ(0, rmdir(dir));
}

/* The errnos the ioctls of /dev/fxsN document. */
static bool ioctl_errno_ok(int err)
{
	return err == ENOTTY || err == EINVAL || err == EFAULT ||
	       err == EBUSY || err == EOPNOTSUPP;
}

/* Codes the VFS handles itself for every file (FIONBIO, FIOASYNC, ...). */
static bool vfs_code(unsigned int type)
{
	return type == 0x00 || type == 0x12 || type == 'T' || type == 'f' ||
	       type == 'X' || type == 0x94 || type == 0x15;
}

/*
 * Random ioctl numbers (mostly our code: every number, direction and
 * size), random contents and bad pointers: 0 or a documented errno only.
 */
TEST_F_TIMEOUT(abuse, ioctl_fuzz, 60)
{
	static const unsigned int dirs[] = {
		_IOC_NONE, _IOC_READ, _IOC_WRITE, _IOC_READ | _IOC_WRITE,
	};
	unsigned char *buf, *bad;
	unsigned int i, type, nr, size, cmd;
	uint32_t seed = 0xfeed;
	unsigned long arg;
	int fd, ret, err;

	fd = fxs_test_line_open(self->index, O_RDWR | O_NONBLOCK);
	ASSERT_LE(0, fd);
	buf = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, buf);
	ASSERT_EQ(0, mprotect(buf + 4096, 4096, PROT_NONE));
	bad = buf + 4096;
	for (i = 0; i < 20000; i++) {
		type = rnd(&seed) % 4 ? FXS_IOC_MAGIC : rnd(&seed) & 0xff;
		if (vfs_code(type))
			continue;
		nr = rnd(&seed) % 4 ? rnd(&seed) % 10 : rnd(&seed) & 0xff;
		size = rnd(&seed) % 3 ? rnd(&seed) % 128 : rnd(&seed) & 0x3fff;
		cmd = _IOC(dirs[rnd(&seed) % 4], type, nr, size);
		if (type == FXS_IOC_MAGIC && rnd(&seed) % 2) {
			/* the real numbers, with fuzzed arguments */
			static const unsigned int real[] = {
				FXS_IOC_GET_LINE_INFO, FXS_IOC_RING_START,
				FXS_IOC_RING_STOP, FXS_IOC_TONE_START,
				FXS_IOC_TONE_STOP, FXS_IOC_PLAYBACK_FLUSH,
			};
			cmd = real[rnd(&seed) % 6];
		}
		switch (rnd(&seed) % 5) {
		case 0:
			arg = 0;
			break;
		case 1:
			arg = (unsigned long)bad - rnd(&seed) % 64;
			break;
		case 2:
			arg = rnd(&seed);
			break;
		default: {
			unsigned int j;

			for (j = 0; j < 128; j++)
				buf[j] = rnd(&seed) % 3 ? 0 : rnd(&seed);
			arg = (unsigned long)buf;
			break;
		}
		}
		ret = ioctl(fd, cmd, arg);
		err = errno;
		if (ret && !ioctl_errno_ok(err)) {
			EXPECT_TRUE(ioctl_errno_ok(err))
				TH_LOG("ioctl 0x%08x arg 0x%lx: %s", cmd, arg,
				       strerror(err));
			break;
		}
		if (cmd == FXS_IOC_RING_START && !ret)
			ioctl(fd, FXS_IOC_RING_STOP);
	}
	/* the line still answers */
	{
		struct fxs_line_info info;

		EXPECT_EQ(0, ioctl(fd, FXS_IOC_GET_LINE_INFO, &info));
		EXPECT_EQ(FXS_API_VERSION, info.api_version);
	}
	munmap(buf, 8192);
	close(fd);
}

/*
 * Random bytes into every writable line attribute: 0 or -EINVAL (a cut
 * write of 4095+ bytes reads as short), and every attribute still reads
 * back something the attribute itself accepts again.
 */
TEST_F_TIMEOUT(abuse, configfs_line_attr_fuzz, 120)
{
	static const char *const attrs[] = {
		"ring_frequency", "ring_voltage", "ring_cadence",
		"hook_debounce_ms", "flash_min_ms", "flash_max_ms",
		"dtmf_min_level", "dtmf_twist_normal", "dtmf_twist_reverse",
		"tone_dial", "tone_busy", "tone_ringback", "tone_reorder",
		"tone_confirm", "tone_sit",
	};
	static const char alphabet[] = "0123456789.,;/()*+@-x \n";
	char path[PATH_SIZE], data[5000], text[512];
	uint32_t seed = 0xc0ffee;
	unsigned int a, i, j, len;
	int ret;

	for (a = 0; a < ARRAY_SIZE(attrs); a++) {
		snprintf(path, sizeof(path), LINES_ROOT "/fxs%u/%s",
			 self->index, attrs[a]);
		for (i = 0; i < 150; i++) {
			/* configfs itself answers a 0-byte write with -EFAULT */
			len = 1 + (rnd(&seed) % 8 ? rnd(&seed) % 64 :
				   rnd(&seed) % (sizeof(data) - 1));
			for (j = 0; j < len; j++)
				data[j] = rnd(&seed) % 2 ?
					  alphabet[rnd(&seed) % (sizeof(alphabet) - 1)] :
					  (char)rnd(&seed);
			ret = fxs_test_write_len(path, data, len);
			if (ret && ret != -EINVAL && !(len >= 4095 && ret == -EIO)) {
				EXPECT_EQ(0, ret) TH_LOG("%s: %u bytes: %d",
							 attrs[a], len, ret);
				break;
			}
		}
		ASSERT_EQ(0, fxs_test_read(path, text, sizeof(text)))
			TH_LOG("%s unreadable", attrs[a]);
		EXPECT_EQ(0, fxs_test_write(path, text))
			TH_LOG("%s: its own value '%s' refused", attrs[a], text);
	}
	/* the line still works: a hook change still comes out */
	{
		struct fxs_event ev;
		int fd = fxs_test_line_open(self->index, O_RDONLY);

		ASSERT_LE(0, fd);
		ASSERT_EQ(0, fxs_test_line_attr_set(self->index,
						    "hook_debounce_ms", "20"));
		ASSERT_EQ(0, fxs_test_hook_set(self->index, true));
		EXPECT_EQ(0, fxs_test_event_wait(fd, FXS_EVENT_OFFHOOK, &ev,
						 EVENT_TIMEOUT_MS));
		close(fd);
	}
}

TEST_HARNESS_MAIN
