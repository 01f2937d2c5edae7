/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of the fxs selftests: simulated boards in configfs, /dev/fxsN,
 * the fxs_sim debugfs controls (hook, uplink, downlink, digits, frames),
 * event reads with a timeout, and the signal tools of the audio tests
 * (Goertzel power, DTMF generator). Functions that can fail return 0 (or
 * a count, or a file descriptor) on success and -errno on failure.
 */
#ifndef _FXS_TEST_LIB_H
#define _FXS_TEST_LIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <linux/fxs.h>

#define FXS_TEST_SIM_MAX_LINES	8
#define FXS_TEST_PATH_SIZE	256

/*
 * A read() into a buffer that faults part way returns what copy_to_user
 * reported copied. x86's copy stops exactly at the fault; arm64's may
 * report less (it counts whole blocks), which the uaccess contract allows:
 * tests expect the exact count only where the copy is exact.
 */
#if defined(__x86_64__) || defined(__i386__)
#define FXS_TEST_EXACT_FAULT	1
#else
#define FXS_TEST_EXACT_FAULT	0
#endif

/**
 * struct fxs_test_sim - a simulated board made for one test
 * @dir: its configfs directory
 * @num_lines: number of lines
 * @index: the N of /dev/fxsN of each line
 */
struct fxs_test_sim {
	char dir[FXS_TEST_PATH_SIZE / 2];
	unsigned int num_lines;
	unsigned int index[FXS_TEST_SIM_MAX_LINES];
};

/* Boards and lines */
/* whole-file helpers for sysfs, configfs and debugfs attributes */
/* @len bytes of @data in one write(); a short write is -EIO */
int fxs_test_write_len(const char *path, const void *data, size_t len);
int fxs_test_write(const char *path, const char *text);
/* the whole file into @buf (NUL-terminated), one trailing newline dropped */
int fxs_test_read(const char *path, char *buf, size_t size);

int fxs_test_sim_create(struct fxs_test_sim *sim, const char *prefix,
			unsigned int num_lines, bool hw_dtmf);
int fxs_test_sim_set_live(struct fxs_test_sim *sim, bool live);
int fxs_test_sim_destroy(struct fxs_test_sim *sim);
int fxs_test_line_open(unsigned int index, int flags);
int fxs_test_line_attr_set(unsigned int index, const char *attr,
			   const char *value);
int fxs_test_line_attr_get(unsigned int index, const char *attr, char *buf,
			   size_t size);

/* The sim's debugfs controls of line fxsN */
int fxs_test_hook_set(unsigned int index, bool offhook);
int fxs_test_sim_read(unsigned int index, const char *file, char *buf,
		      size_t size);
int fxs_test_frames(unsigned int index, unsigned int *frames);
int fxs_test_wait_frames(unsigned int index, unsigned int count,
			 int timeout_ms);
int fxs_test_hook_pulse(unsigned int index, unsigned int frames,
			unsigned int *seen);
int fxs_test_uplink_write(unsigned int index, const int16_t *pcm,
			  size_t samples);
int fxs_test_uplink_drain(unsigned int index, int timeout_ms);
ssize_t fxs_test_downlink_read(unsigned int index, int16_t *pcm,
			       size_t max_samples);
int fxs_test_digit(unsigned int index, char digit);
int fxs_test_ring_log(unsigned int index, uint32_t *frame, uint32_t *on,
		      size_t max);

/* Events */
uint64_t fxs_test_now_ns(void);
int fxs_test_event_read(int fd, struct fxs_event *ev, int timeout_ms);
int fxs_test_event_wait(int fd, uint32_t type, struct fxs_event *ev,
			int timeout_ms);

/* Signals */
double fxs_test_goertzel(const int16_t *pcm, size_t count, double hz);
size_t fxs_test_dtmf_gen(int16_t *pcm, size_t max, const char *digits,
			 double level_dbm0, unsigned int on_ms,
			 unsigned int off_ms);
uint16_t fxs_test_pattern(uint32_t *state);

/* Test-body helpers, for files that include kselftest_harness.h first */
#ifdef __KSELFTEST_HARNESS_H

#define EVENT_TIMEOUT_MS	5000

/* Read the next event (waiting up to EVENT_TIMEOUT_MS); check its type. */
#define EXPECT_NEXT(fd, ev, want) do { \
	ASSERT_EQ(0, fxs_test_event_read(fd, ev, EVENT_TIMEOUT_MS)); \
	ASSERT_EQ((uint32_t)(want), (ev)->type); \
} while (0)

/* No event may be queued now. */
#define ASSERT_NO_EVENT(fd) do { \
	struct fxs_event __ev = { 0 }; \
	ASSERT_EQ(-ETIMEDOUT, fxs_test_event_read(fd, &__ev, 0)) \
		TH_LOG("unexpected event type %u value %u", __ev.type, \
		       __ev.value); \
} while (0)

#endif /* __KSELFTEST_HARNESS_H */

#endif /* _FXS_TEST_LIB_H */
