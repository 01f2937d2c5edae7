// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers of the fxs selftests (see fxs_test_lib.h): configfs boards,
 * /dev/fxsN, fxs_sim debugfs controls, timed event reads and the signal
 * tools (Goertzel power, DTMF generator, test pattern).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "fileio.h"
#include "fxs_test_lib.h"

#define SIM_CONFIGFS	"/sys/kernel/config/fxs-sim"
#define LINE_CONFIGFS	"/sys/kernel/config/fxs/lines"
#define SIM_DEBUGFS	"/sys/kernel/debug/fxs-sim"
#define FXS_CLASS	"/sys/class/fxs"
#define RATE_HZ		((double)FXS_PCM_RATE_HZ)
/* peak amplitude of a 0 dBm0 sine: a full-scale sine is +3.14 dBm0 */
#define AMPLITUDE_0DBM0	(32767.0 * 0.69662)
#define POLL_STEP_US	2000

int fxs_test_write_len(const char *path, const void *data, size_t len)
{
	return fileio_attr_write(AT_FDCWD, path, data, len, 0);
}

int fxs_test_write(const char *path, const char *text)
{
	return fxs_test_write_len(path, text, strlen(text));
}

int fxs_test_read(const char *path, char *buf, size_t size)
{
	ssize_t n, total = 0;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while ((n = read(fd, buf + total, size - 1 - total)) > 0)
		total += n;
	close(fd);
	if (n < 0)
		return -errno;
	buf[total] = '\0';
	if (total && buf[total - 1] == '\n')
		buf[total - 1] = '\0';
	return 0;
}

static void sim_path(const struct fxs_test_sim *sim, const char *attr,
		     char *path)
{
	snprintf(path, FXS_TEST_PATH_SIZE, "%s/%s", sim->dir, attr);
}

static void debugfs_path(unsigned int index, const char *file, char *path)
{
	snprintf(path, FXS_TEST_PATH_SIZE, SIM_DEBUGFS "/fxs%u/%s", index, file);
}

/* Fill sim->index from line_names ("fxs3 fxs4"). */
static int sim_parse_lines(struct fxs_test_sim *sim)
{
	char path[FXS_TEST_PATH_SIZE], names[256], *tok, *save;
	unsigned int n = 0;
	int ret;

	sim_path(sim, "line_names", path);
	ret = fxs_test_read(path, names, sizeof(names));
	if (ret)
		return ret;
	for (tok = strtok_r(names, " ", &save); tok;
	     tok = strtok_r(NULL, " ", &save)) {
		if (n >= FXS_TEST_SIM_MAX_LINES ||
		    sscanf(tok, "fxs%u", &sim->index[n]) != 1)
			return -EPROTO;
		n++;
	}
	return n == sim->num_lines ? 0 : -EPROTO;
}

int fxs_test_sim_set_live(struct fxs_test_sim *sim, bool live)
{
	char path[FXS_TEST_PATH_SIZE];
	int ret;

	sim_path(sim, "live", path);
	ret = fxs_test_write(path, live ? "1" : "0");
	if (ret || !live)
		return ret;
	return sim_parse_lines(sim);
}

/**
 * fxs_test_sim_create() - make and start a board with a unique name
 * @sim: filled in
 * @prefix: start of the configfs directory name
 * @num_lines: 1..8
 * @hw_dtmf: emulate a chip with hardware DTMF
 *
 * Return: 0 or -errno; on failure nothing is left behind.
 */
int fxs_test_sim_create(struct fxs_test_sim *sim, const char *prefix,
			unsigned int num_lines, bool hw_dtmf)
{
	static unsigned int serial;
	char path[FXS_TEST_PATH_SIZE], text[16];
	int ret;

	memset(sim, 0, sizeof(*sim));
	snprintf(sim->dir, sizeof(sim->dir), SIM_CONFIGFS "/%s-%d-%u", prefix,
		 (int)getpid(), serial++);
	sim->num_lines = num_lines;
	if (mkdir(sim->dir, 0755))
		return -errno;
	snprintf(text, sizeof(text), "%u", num_lines);
	sim_path(sim, "num_lines", path);
	ret = fxs_test_write(path, text);
	if (!ret && hw_dtmf) {
		sim_path(sim, "hw_dtmf", path);
		ret = fxs_test_write(path, "1");
	}
	if (!ret)
		ret = fxs_test_sim_set_live(sim, true);
	if (ret)
		fxs_test_sim_destroy(sim);
	return ret;
}

/* Take the board down (if live) and remove its directory. */
int fxs_test_sim_destroy(struct fxs_test_sim *sim)
{
	if (!sim->dir[0])
		return 0;
	fxs_test_sim_set_live(sim, false);
	if (rmdir(sim->dir))
		return -errno;
	sim->dir[0] = '\0';
	return 0;
}

/* Open /dev/fxsN, making the node from sysfs when no devtmpfs made it. */
int fxs_test_line_open(unsigned int index, int flags)
{
	char path[FXS_TEST_PATH_SIZE], dev[32];
	unsigned int major, minor;
	int fd, ret;

	snprintf(path, sizeof(path), "/dev/fxs%u", index);
	fd = open(path, flags | O_CLOEXEC);
	if (fd >= 0 || errno != ENOENT)
		return fd < 0 ? -errno : fd;
	snprintf(path, sizeof(path), FXS_CLASS "/fxs%u/dev", index);
	ret = fxs_test_read(path, dev, sizeof(dev));
	if (ret)
		return ret;
	if (sscanf(dev, "%u:%u", &major, &minor) != 2)
		return -EPROTO;
	snprintf(path, sizeof(path), "/dev/fxs%u", index);
	if (mknod(path, S_IFCHR | 0600, makedev(major, minor)))
		return -errno;
	fd = open(path, flags | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

int fxs_test_line_attr_set(unsigned int index, const char *attr,
			   const char *value)
{
	char path[FXS_TEST_PATH_SIZE];

	snprintf(path, sizeof(path), LINE_CONFIGFS "/fxs%u/%s", index, attr);
	return fxs_test_write(path, value);
}

int fxs_test_line_attr_get(unsigned int index, const char *attr, char *buf,
			   size_t size)
{
	char path[FXS_TEST_PATH_SIZE];

	snprintf(path, sizeof(path), LINE_CONFIGFS "/fxs%u/%s", index, attr);
	return fxs_test_read(path, buf, size);
}

int fxs_test_hook_set(unsigned int index, bool offhook)
{
	char path[FXS_TEST_PATH_SIZE];

	debugfs_path(index, "hook", path);
	return fxs_test_write(path, offhook ? "1\n" : "0\n");
}

int fxs_test_sim_read(unsigned int index, const char *file, char *buf,
		      size_t size)
{
	char path[FXS_TEST_PATH_SIZE];

	debugfs_path(index, file, path);
	return fxs_test_read(path, buf, size);
}

int fxs_test_frames(unsigned int index, unsigned int *frames)
{
	char text[32];
	int ret;

	ret = fxs_test_sim_read(index, "frames", text, sizeof(text));
	if (ret)
		return ret;
	return sscanf(text, "%u", frames) == 1 ? 0 : -EPROTO;
}

/* Wait until the board's frame clock ticked @count more frames. */
int fxs_test_wait_frames(unsigned int index, unsigned int count,
			 int timeout_ms)
{
	uint64_t end = fxs_test_now_ns() + timeout_ms * 1000000ULL;
	unsigned int start, now;
	int ret;

	ret = fxs_test_frames(index, &start);
	while (!ret) {
		ret = fxs_test_frames(index, &now);
		if (ret || now - start >= count)
			break;
		if (fxs_test_now_ns() > end)
			return -ETIMEDOUT;
		usleep(POLL_STEP_US);
	}
	return ret;
}

/**
 * fxs_test_hook_pulse() - put an off-hook line on-hook for some frames
 * @index: the line
 * @frames: frames to stay on-hook (counted on the board's frame clock)
 * @seen: set to the frames that really passed between the two writes (an
 *	upper bound of what the core saw)
 *
 * Return: 0 or -errno.
 */
int fxs_test_hook_pulse(unsigned int index, unsigned int frames,
			unsigned int *seen)
{
	unsigned int start, end;
	int ret;

	ret = fxs_test_frames(index, &start);
	if (!ret)
		ret = fxs_test_hook_set(index, false);
	if (!ret)
		ret = fxs_test_wait_frames(index, frames, 10000);
	if (!ret)
		ret = fxs_test_hook_set(index, true);
	if (!ret)
		ret = fxs_test_frames(index, &end);
	if (!ret)
		*seen = end - start;
	return ret;
}

/* Queue uplink PCM (s16le; the test hosts are little-endian). */
int fxs_test_uplink_write(unsigned int index, const int16_t *pcm,
			  size_t samples)
{
	char path[FXS_TEST_PATH_SIZE];

	debugfs_path(index, "uplink", path);
	return fxs_test_write_len(path, pcm, samples * sizeof(*pcm));
}

/* Wait until the frame clock consumed all queued uplink PCM. */
int fxs_test_uplink_drain(unsigned int index, int timeout_ms)
{
	uint64_t end = fxs_test_now_ns() + timeout_ms * 1000000ULL;
	char text[32];
	int ret;

	for (;;) {
		ret = fxs_test_sim_read(index, "uplink_pending", text,
					sizeof(text));
		if (ret)
			return ret;
		if (!strcmp(text, "0"))
			return 0;
		if (fxs_test_now_ns() > end)
			return -ETIMEDOUT;
		usleep(POLL_STEP_US * 5);
	}
}

/* Drain up to @max_samples of captured downlink; returns the count. */
ssize_t fxs_test_downlink_read(unsigned int index, int16_t *pcm,
			       size_t max_samples)
{
	char path[FXS_TEST_PATH_SIZE];
	size_t done = 0;
	ssize_t n;
	int fd;

	debugfs_path(index, "downlink", path);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while (done < max_samples) {
		n = read(fd, pcm + done, (max_samples - done) * sizeof(*pcm));
		if (n < 0) {
			n = -errno;
			close(fd);
			return n;
		}
		if (!n)
			break;
		done += n / sizeof(*pcm);
	}
	close(fd);
	return done;
}

int fxs_test_digit(unsigned int index, char digit)
{
	char path[FXS_TEST_PATH_SIZE], text[3] = { digit, '\n', '\0' };

	debugfs_path(index, "digit", path);
	return fxs_test_write(path, text);
}

/* Parse ring_log ("<frame> <on>" lines); returns the number of entries. */
int fxs_test_ring_log(unsigned int index, uint32_t *frame, uint32_t *on,
		      size_t max)
{
	char path[FXS_TEST_PATH_SIZE];
	unsigned int f, o;
	size_t n = 0;
	FILE *file;

	debugfs_path(index, "ring_log", path);
	file = fopen(path, "re");
	if (!file)
		return -errno;
	while (n < max && fscanf(file, "%u %u", &f, &o) == 2) {
		frame[n] = f;
		on[n] = o;
		n++;
	}
	fclose(file);
	return n;
}

uint64_t fxs_test_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* Read one event; -ETIMEDOUT when none comes within @timeout_ms. */
int fxs_test_event_read(int fd, struct fxs_event *ev, int timeout_ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	ssize_t n;
	int ret;

	ret = poll(&pfd, 1, timeout_ms);
	if (ret < 0)
		return -errno;
	if (!ret)
		return -ETIMEDOUT;
	n = read(fd, ev, sizeof(*ev));
	if (n < 0)
		return -errno;
	return n == sizeof(*ev) ? 0 : -EPROTO;
}

/* Read events until one of @type comes; others are skipped. */
int fxs_test_event_wait(int fd, uint32_t type, struct fxs_event *ev,
			int timeout_ms)
{
	uint64_t end = fxs_test_now_ns() + timeout_ms * 1000000ULL;
	uint64_t now;
	int ret;

	for (;;) {
		now = fxs_test_now_ns();
		if (now >= end)
			return -ETIMEDOUT;
		ret = fxs_test_event_read(fd, ev,
					  (end - now) / 1000000 + 1);
		if (ret || ev->type == type)
			return ret;
	}
}

/* Power of @hz in @pcm (Goertzel), normalized by the length. */
double fxs_test_goertzel(const int16_t *pcm, size_t count, double hz)
{
	double coeff = 2.0 * cos(2.0 * M_PI * hz / RATE_HZ);
	double s0, s1 = 0.0, s2 = 0.0;
	size_t i;

	for (i = 0; i < count; i++) {
		s0 = pcm[i] + coeff * s1 - s2;
		s2 = s1;
		s1 = s0;
	}
	if (!count)
		return 0.0;
	return (s1 * s1 + s2 * s2 - coeff * s1 * s2) / ((double)count * count);
}

static int dtmf_key(char digit, double *low, double *high)
{
	static const char keys[] = "123A456B789C*0#D";
	static const double low_hz[] = { 697, 770, 852, 941 };
	static const double high_hz[] = { 1209, 1336, 1477, 1633 };
	const char *k = digit ? strchr(keys, digit) : NULL;

	if (!k)
		return -EINVAL;
	*low = low_hz[(k - keys) / 4];
	*high = high_hz[(k - keys) % 4];
	return 0;
}

/**
 * fxs_test_dtmf_gen() - generate DTMF bursts
 * @pcm: output
 * @max: room in @pcm, samples
 * @digits: the digits, "0123456789*#ABCD"
 * @level_dbm0: level of each of the two tones
 * @on_ms: tone time of each digit
 * @off_ms: silence after each digit
 *
 * Return: the samples written (0 when @digits has a bad digit or @pcm is too
 * small).
 */
size_t fxs_test_dtmf_gen(int16_t *pcm, size_t max, const char *digits,
			 double level_dbm0, unsigned int on_ms,
			 unsigned int off_ms)
{
	double amp = AMPLITUDE_0DBM0 * pow(10.0, level_dbm0 / 20.0);
	size_t on = on_ms * 8, off = off_ms * 8, n = 0, i;
	double low, high;

	for (; *digits; digits++) {
		if (dtmf_key(*digits, &low, &high) || n + on + off > max)
			return 0;
		for (i = 0; i < on; i++)
			pcm[n++] = lrint(amp * (sin(2 * M_PI * low * i / RATE_HZ) +
					       sin(2 * M_PI * high * i / RATE_HZ)));
		memset(pcm + n, 0, off * sizeof(*pcm));
		n += off;
	}
	return n;
}

/* Next value of a pseudo-random pattern that is never 0 (xorshift32). */
uint16_t fxs_test_pattern(uint32_t *state)
{
	uint32_t x = *state ? *state : 1;
	uint16_t v;

	do {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		v = x >> 16;
	} while (!v);
	*state = x;
	return v;
}
