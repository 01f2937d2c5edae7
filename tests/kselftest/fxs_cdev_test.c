// SPDX-License-Identifier: GPL-2.0
/*
 * Selftests of /dev/fxsN: events (hook, ring), their sequence numbers,
 * timestamps, per-open queues and overflow, poll/read semantics, the ioctls,
 * hook flash/glitch classification, the ring cadence, and the call state
 * (connect polarity, Calling Party Control), each on its own simulated
 * board (fxs_sim).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "fxs_test_lib.h"

#define RING_PAIRS		100U	/* start/stop pairs: 200 events */

static void get_info(struct __test_metadata *_metadata, int fd,
		     struct fxs_line_info *info)
{
	memset(info, 0xa5, sizeof(*info));
	ASSERT_EQ(0, ioctl(fd, FXS_IOC_GET_LINE_INFO, info));
}

static int linefeed_wait(unsigned int index, const char *want, int timeout_ms)
{
	uint64_t end = fxs_test_now_ns() + timeout_ms * 1000000ULL;
	char text[32];
	int ret;

	for (;;) {
		ret = fxs_test_sim_read(index, "linefeed", text, sizeof(text));
		if (ret)
			return ret;
		if (!strcmp(text, want))
			return 0;
		if (fxs_test_now_ns() > end)
			return -ETIMEDOUT;
		usleep(2000);
	}
}

FIXTURE(cdev) {
	struct fxs_test_sim sim;
	unsigned int index;
	int fd;
};

FIXTURE_SETUP(cdev)
{
	self->fd = -1;
	ASSERT_EQ(0, fxs_test_sim_create(&self->sim, "cdev", 1, false));
	self->index = self->sim.index[0];
	self->fd = fxs_test_line_open(self->index, O_RDWR);
	if (self->fd < 0)
		fxs_test_sim_destroy(&self->sim);
	ASSERT_LE(0, self->fd);
}

FIXTURE_TEARDOWN(cdev)
{
	if (self->fd >= 0)
		close(self->fd);
	EXPECT_EQ(0, fxs_test_sim_destroy(&self->sim));
}

/* Off-hook then on-hook through the sim give OFFHOOK then ONHOOK. */
TEST_F(cdev, hook_events)
{
	struct fxs_event ev;
	uint32_t seq;

	ASSERT_EQ(0, fxs_test_hook_set(self->index, true));
	EXPECT_NEXT(self->fd, &ev, FXS_EVENT_OFFHOOK);
	EXPECT_EQ(0U, ev.value);
	EXPECT_EQ(0U, ev.dropped);
	EXPECT_EQ(0U, ev.padding[0]);
	EXPECT_EQ(0U, ev.padding[1]);
	seq = ev.seqno;
	ASSERT_EQ(0, fxs_test_hook_set(self->index, false));
	EXPECT_NEXT(self->fd, &ev, FXS_EVENT_ONHOOK);
	/* the default flash maximum is 900 ms */
	EXPECT_GE(ev.value, 900U);
	EXPECT_EQ(seq + 1, ev.seqno);
	ASSERT_NO_EVENT(self->fd);
}

/* Event timestamps are CLOCK_MONOTONIC, inside the window of the action. */
TEST_F(cdev, timestamp_window)
{
	struct fxs_event ev;
	uint64_t t0, t1;

	t0 = fxs_test_now_ns();
	ASSERT_EQ(0, fxs_test_hook_set(self->index, true));
	EXPECT_NEXT(self->fd, &ev, FXS_EVENT_OFFHOOK);
	t1 = fxs_test_now_ns();
	EXPECT_LE(t0, ev.timestamp_ns);
	EXPECT_GE(t1, ev.timestamp_ns);

	t0 = fxs_test_now_ns();
	ASSERT_EQ(0, fxs_test_hook_set(self->index, false));
	EXPECT_NEXT(self->fd, &ev, FXS_EVENT_ONHOOK);
	t1 = fxs_test_now_ns();
	EXPECT_LE(t0, ev.timestamp_ns);
	EXPECT_GE(t1, ev.timestamp_ns);
}

/* Sequence numbers are consecutive and timestamps never go back. */
TEST_F(cdev, seqno_consecutive)
{
	struct fxs_event ev[10];
	uint64_t t0, t1;
	int i;

	t0 = fxs_test_now_ns();
	for (i = 0; i < 5; i++) {
		ASSERT_EQ(0, ioctl(self->fd, FXS_IOC_RING_START));
		ASSERT_EQ(0, ioctl(self->fd, FXS_IOC_RING_STOP));
	}
	t1 = fxs_test_now_ns();
	ASSERT_EQ((ssize_t)(sizeof(ev)), read(self->fd, ev, sizeof(ev)));
	for (i = 0; i < 10; i++) {
		EXPECT_EQ((uint32_t)(i % 2 ? FXS_EVENT_RING_STOP :
				      FXS_EVENT_RING_START),
			  ev[i].type);
		EXPECT_EQ(ev[0].seqno + i, ev[i].seqno);
		EXPECT_LE(t0, ev[i].timestamp_ns);
		EXPECT_GE(t1, ev[i].timestamp_ns);
		if (i)
			EXPECT_LE(ev[i - 1].timestamp_ns, ev[i].timestamp_ns);
	}
	EXPECT_EQ(1U, ev[0].seqno);
	ASSERT_NO_EVENT(self->fd);
}

/* Two opens of the line each get every event, with the same seqno. */
TEST_F(cdev, two_openers)
{
	struct fxs_event a, b;
	int fd2, i;
	static const uint32_t want[] = {
		FXS_EVENT_RING_START, FXS_EVENT_OFFHOOK, FXS_EVENT_RING_STOP,
	};

	fd2 = fxs_test_line_open(self->index, O_RDONLY);
	ASSERT_LE(0, fd2);
	ASSERT_EQ(0, ioctl(self->fd, FXS_IOC_RING_START));
	ASSERT_EQ(0, fxs_test_hook_set(self->index, true));
	for (i = 0; i < 3; i++) {
		EXPECT_NEXT(self->fd, &a, want[i]);
		EXPECT_NEXT(fd2, &b, want[i]);
		EXPECT_EQ(a.seqno, b.seqno);
		EXPECT_EQ(a.timestamp_ns, b.timestamp_ns);
		EXPECT_EQ(a.value, b.value);
	}
	EXPECT_EQ((uint64_t)(FXS_RING_STOP_ANSWERED), a.value);
	ASSERT_NO_EVENT(fd2);
	close(fd2);
}

/* A new open sees only events that happen after it. */
TEST_F(cdev, late_opener_starts_empty)
{
	struct fxs_event ev;
	int fd2;

	ASSERT_EQ(0, ioctl(self->fd, FXS_IOC_RING_START));
	fd2 = fxs_test_line_open(self->index, O_RDONLY);
	ASSERT_LE(0, fd2);
	ASSERT_NO_EVENT(fd2);
	ASSERT_EQ(0, ioctl(self->fd, FXS_IOC_RING_STOP));
	EXPECT_NEXT(fd2, &ev, FXS_EVENT_RING_STOP);
	EXPECT_EQ(2U, ev.seqno);
	close(fd2);
}

/* Overflow drops the oldest events and reports how many on the next one. */
TEST_F(cdev, overflow_drops_oldest)
{
	struct fxs_event ev[2 * RING_PAIRS];
	unsigned int i, queued, lost;
	ssize_t n;

	for (i = 0; i < RING_PAIRS; i++) {
		ASSERT_EQ(0, ioctl(self->fd, FXS_IOC_RING_START));
		ASSERT_EQ(0, ioctl(self->fd, FXS_IOC_RING_STOP));
	}
	n = read(self->fd, ev, sizeof(ev));
	ASSERT_LT(0, n);
	ASSERT_EQ(0U, n % sizeof(*ev));
	/* the queue (64 events today) is smaller than what was emitted */
	queued = n / sizeof(*ev);
	ASSERT_GT(2 * RING_PAIRS, queued);
	lost = 2 * RING_PAIRS - queued;
	EXPECT_EQ(lost, ev[0].dropped);
	EXPECT_EQ(lost + 1, ev[0].seqno);
	for (i = 1; i < queued; i++) {
		EXPECT_EQ(ev[0].seqno + i, ev[i].seqno);
		EXPECT_EQ(0U, ev[i].dropped);
	}
	EXPECT_EQ(2 * RING_PAIRS, ev[queued - 1].seqno);
	/* the count is reported once */
	ASSERT_EQ(0, ioctl(self->fd, FXS_IOC_RING_START));
	EXPECT_NEXT(self->fd, &ev[0], FXS_EVENT_RING_START);
	EXPECT_EQ(0U, ev[0].dropped);
	EXPECT_EQ(2 * RING_PAIRS + 1, ev[0].seqno);
}

/* poll() reports POLLIN exactly while events are queued. */
TEST_F(cdev, poll_readable)
{
	struct pollfd pfd = { .fd = self->fd, .events = POLLIN };
	struct fxs_event ev;

	ASSERT_EQ(0, poll(&pfd, 1, 0));
	ASSERT_EQ(0, ioctl(self->fd, FXS_IOC_RING_START));
	ASSERT_EQ(1, poll(&pfd, 1, 0));
	EXPECT_TRUE(pfd.revents & POLLIN);
	ASSERT_EQ((ssize_t)(sizeof(ev)), read(self->fd, &ev, sizeof(ev)));
	EXPECT_EQ(0, poll(&pfd, 1, 0));
}

/* A blocking poll() wakes up when the debounced off-hook arrives. */
TEST_F(cdev, poll_wakes_on_hook)
{
	struct pollfd pfd = { .fd = self->fd, .events = POLLIN };

	ASSERT_EQ(0, fxs_test_hook_set(self->index, true));
	ASSERT_EQ(1, poll(&pfd, 1, EVENT_TIMEOUT_MS));
	EXPECT_TRUE(pfd.revents & POLLIN);
}

/* O_NONBLOCK read() with nothing queued fails with EAGAIN. */
TEST_F(cdev, nonblock_read_eagain)
{
	struct fxs_event ev;
	int fd2;

	fd2 = fxs_test_line_open(self->index, O_RDONLY | O_NONBLOCK);
	ASSERT_LE(0, fd2);
	EXPECT_EQ(-1, read(fd2, &ev, sizeof(ev)));
	EXPECT_EQ(EAGAIN, errno);
	close(fd2);
}

/* read() with less room than one event is EINVAL and consumes nothing. */
TEST_F(cdev, read_small_buffer_einval)
{
	struct fxs_event ev[2];

	ASSERT_EQ(0, ioctl(self->fd, FXS_IOC_RING_START));
	EXPECT_EQ(-1, read(self->fd, ev, sizeof(ev[0]) - 1));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, read(self->fd, ev, 0));
	EXPECT_EQ(EINVAL, errno);
	/* a buffer of 1.5 events returns one whole event */
	EXPECT_EQ((ssize_t)(sizeof(ev[0])), read(self->fd, ev, sizeof(ev[0]) * 3 / 2));
	EXPECT_EQ((uint64_t)(FXS_EVENT_RING_START), ev[0].type);
}

/* One read() returns every queued event that fits, whole events only. */
TEST_F(cdev, read_batches)
{
	struct fxs_event ev[10];

	ASSERT_EQ(0, ioctl(self->fd, FXS_IOC_RING_START));
	ASSERT_EQ(0, ioctl(self->fd, FXS_IOC_RING_STOP));
	ASSERT_EQ(0, ioctl(self->fd, FXS_IOC_RING_START));
	EXPECT_EQ((ssize_t)(2 * sizeof(ev[0])), read(self->fd, ev, 2 * sizeof(ev[0]) + 5));
	EXPECT_EQ((ssize_t)(sizeof(ev[0])), read(self->fd, ev, sizeof(ev)));
	EXPECT_EQ(3U, ev[0].seqno);
}

/* Queue @pairs ring start/stop pairs: 2 * @pairs events. */
static void ring_pairs(struct __test_metadata *_metadata, int fd,
		       unsigned int pairs)
{
	unsigned int i;

	for (i = 0; i < pairs; i++) {
		ASSERT_EQ(0, ioctl(fd, FXS_IOC_RING_START));
		ASSERT_EQ(0, ioctl(fd, FXS_IOC_RING_STOP));
	}
}

/* Two pages, the second one inaccessible: its start is returned. */
static char *fault_page(struct __test_metadata *_metadata, char **map)
{
	*map = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, *map);
	ASSERT_EQ(0, mprotect(*map + 4096, 4096, PROT_NONE));
	return *map + 4096;
}

/*
 * read() into a bad buffer is EFAULT and consumes nothing; a buffer that
 * faults after some whole events returns those (on x86 all 10 that fit,
 * past the kernel's first batch; at least one where the copy stops short,
 * FXS_TEST_EXACT_FAULT) and leaves the rest queued, none lost.
 */
TEST_F(cdev, read_bad_buffer_keeps_events)
{
	struct fxs_event ev[12], *part;
	char *map, *bad;
	unsigned int i, k;
	ssize_t n;

	bad = fault_page(_metadata, &map);
	ASSERT_EQ(0, fcntl(self->fd, F_SETFL, O_NONBLOCK));
	ring_pairs(_metadata, self->fd, 6);
	EXPECT_EQ(-1, read(self->fd, bad, sizeof(ev)));
	EXPECT_EQ(EFAULT, errno);
	/* 10 events fit before the fault */
	part = (struct fxs_event *)(bad - 10 * sizeof(*part));
	n = read(self->fd, part, sizeof(ev));
	ASSERT_LE((ssize_t)sizeof(*part), n);
	ASSERT_GE((ssize_t)(10 * sizeof(*part)), n);
	ASSERT_EQ(0, n % sizeof(*part));
	if (FXS_TEST_EXACT_FAULT)
		EXPECT_EQ((ssize_t)(10 * sizeof(*part)), n);
	k = n / sizeof(*part);
	for (i = 0; i < k; i++)
		EXPECT_EQ(i + 1, part[i].seqno);
	ASSERT_EQ((ssize_t)((12 - k) * sizeof(ev[0])),
		  read(self->fd, ev, sizeof(ev)));
	for (i = 0; i < 12 - k; i++)
		EXPECT_EQ(k + 1 + i, ev[i].seqno);
	munmap(map, 8192);
}

/* A faulting read() keeps the overflow count for the next one. */
TEST_F(cdev, read_bad_buffer_keeps_dropped)
{
	struct fxs_event ev[2 * RING_PAIRS];
	char *map, *bad;
	ssize_t n;

	bad = fault_page(_metadata, &map);
	ring_pairs(_metadata, self->fd, RING_PAIRS);
	EXPECT_EQ(-1, read(self->fd, bad, sizeof(ev)));
	EXPECT_EQ(EFAULT, errno);
	n = read(self->fd, ev, sizeof(ev));
	ASSERT_LT(0, n);
	EXPECT_EQ(2 * RING_PAIRS - n / sizeof(ev[0]), ev[0].dropped);
	EXPECT_EQ(ev[0].dropped + 1, ev[0].seqno);
	EXPECT_EQ(2 * RING_PAIRS, ev[n / sizeof(ev[0]) - 1].seqno);
	munmap(map, 8192);
}

/* GET_LINE_INFO reports name, index, version, caps and idle state. */
TEST_F(cdev, line_info_fields)
{
	struct fxs_line_info info;
	char name[FXS_MAX_NAME_SIZE], text[32];
	unsigned int i;

	get_info(_metadata, self->fd, &info);
	snprintf(name, sizeof(name), "fxs%u", self->index);
	EXPECT_STREQ(name, info.name);
	EXPECT_EQ(self->index, info.index);
	EXPECT_EQ((uint64_t)(FXS_API_VERSION), info.api_version);
	EXPECT_EQ((uint64_t)(FXS_LINE_CAP_RING | FXS_LINE_CAP_PCM), info.caps);
	EXPECT_EQ(0U, info.offhook);
	EXPECT_EQ(0U, info.ringing);
	EXPECT_LT(0U, info.playback_queue_samples);
	EXPECT_EQ((uint32_t)FXS_FEATURE_CALL_STATE, info.features);
	for (i = 0; i < ARRAY_SIZE(info.padding); i++)
		EXPECT_EQ(0U, info.padding[i]);
	ASSERT_EQ(0, fxs_test_line_attr_get(self->index, "index", text,
					    sizeof(text)));
	snprintf(name, sizeof(name), "%u", info.index);
	EXPECT_STREQ(name, text);
}

/* GET_LINE_INFO follows the debounced hook state and the ringing state. */
TEST_F(cdev, line_info_state)
{
	struct fxs_line_info info;
	struct fxs_event ev;
	char text[16];

	ASSERT_EQ(0, ioctl(self->fd, FXS_IOC_RING_START));
	get_info(_metadata, self->fd, &info);
	EXPECT_EQ(1U, info.ringing);
	ASSERT_EQ(0, fxs_test_hook_set(self->index, true));
	ASSERT_EQ(0, fxs_test_event_wait(self->fd, FXS_EVENT_OFFHOOK, &ev,
					 EVENT_TIMEOUT_MS));
	get_info(_metadata, self->fd, &info);
	EXPECT_EQ(1U, info.offhook);
	EXPECT_EQ(0U, info.ringing);
	/* configfs shows the same debounced state */
	ASSERT_EQ(0, fxs_test_line_attr_get(self->index, "hook", text,
					    sizeof(text)));
	EXPECT_STREQ("off", text);
}

/* Unknown ioctls, and known numbers with a wrong size, give ENOTTY. */
TEST_F(cdev, unknown_ioctl_enotty)
{
	char buf[128] = { 0 };

	EXPECT_EQ(-1, ioctl(self->fd, _IO(FXS_IOC_MAGIC, 0x7f)));
	EXPECT_EQ(ENOTTY, errno);
	EXPECT_EQ(-1, ioctl(self->fd, _IO(FXS_IOC_MAGIC, 0x00)));
	EXPECT_EQ(ENOTTY, errno);
	EXPECT_EQ(-1, ioctl(self->fd, _IOR('x', 0x01, int), buf));
	EXPECT_EQ(ENOTTY, errno);
	EXPECT_EQ(-1, ioctl(self->fd, _IOR(FXS_IOC_MAGIC, 0x01, char[64]),
			    buf));
	EXPECT_EQ(ENOTTY, errno);
	EXPECT_EQ(-1, ioctl(self->fd, _IOR(FXS_IOC_MAGIC, 0x04,
					   struct fxs_tone_request), buf));
	EXPECT_EQ(ENOTTY, errno);
}

/* ioctls with an unmapped argument pointer give EFAULT, change nothing. */
TEST_F(cdev, ioctl_bad_pointer_efault)
{
	int16_t pcm[800];
	void *bad;

	bad = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, bad);
	EXPECT_EQ(-1, ioctl(self->fd, FXS_IOC_GET_LINE_INFO, NULL));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, ioctl(self->fd, FXS_IOC_GET_LINE_INFO, bad));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, ioctl(self->fd, FXS_IOC_TONE_START, bad));
	EXPECT_EQ(EFAULT, errno);
	munmap(bad, 4096);
	ASSERT_EQ(0, fxs_test_wait_frames(self->index, 5, EVENT_TIMEOUT_MS));
	ASSERT_NO_EVENT(self->fd);
	/* no tone started */
	EXPECT_EQ(0, fxs_test_downlink_read(self->index, pcm, 800));
}

/* TONE_START with non-zero padding is EINVAL and starts nothing. */
TEST_F(cdev, tone_padding_einval)
{
	struct fxs_tone_request req = { .tone = FXS_TONE_DIAL };
	int16_t pcm[800];
	int i;

	for (i = 0; i < 2; i++) {
		memset(req.padding, 0, sizeof(req.padding));
		req.padding[i] = 1 << (i * 31);
		EXPECT_EQ(-1, ioctl(self->fd, FXS_IOC_TONE_START, &req));
		EXPECT_EQ(EINVAL, errno);
	}
	ASSERT_EQ(0, fxs_test_wait_frames(self->index, 5, EVENT_TIMEOUT_MS));
	EXPECT_EQ(0, fxs_test_downlink_read(self->index, pcm, 800));
}

/* TONE_START of a tone id outside the enum is EINVAL. */
TEST_F(cdev, tone_bad_id_einval)
{
	static const uint32_t bad[] = { 0, FXS_TONE_SIT + 1, 0xffffffff };
	struct fxs_tone_request req = { 0 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		req.tone = bad[i];
		EXPECT_EQ(-1, ioctl(self->fd, FXS_IOC_TONE_START, &req));
		EXPECT_EQ(EINVAL, errno);
	}
	ASSERT_NO_EVENT(self->fd);
}

/* RING_START/RING_STOP emit their events and switch the linefeed. */
TEST_F(cdev, ring_start_stop)
{
	struct fxs_event ev;

	ASSERT_EQ(0, ioctl(self->fd, FXS_IOC_RING_START));
	EXPECT_NEXT(self->fd, &ev, FXS_EVENT_RING_START);
	EXPECT_EQ(0U, ev.value);
	/* the default cadence starts with 2 s on */
	EXPECT_EQ(0, linefeed_wait(self->index, "ringing", EVENT_TIMEOUT_MS));
	ASSERT_EQ(0, ioctl(self->fd, FXS_IOC_RING_STOP));
	EXPECT_NEXT(self->fd, &ev, FXS_EVENT_RING_STOP);
	EXPECT_EQ((uint64_t)(FXS_RING_STOP_REQUESTED), ev.value);
	EXPECT_EQ(0, linefeed_wait(self->index, "forward-active", 0));
}

/* RING_STOP while idle succeeds without an event; a second START is a no-op. */
TEST_F(cdev, ring_idempotent)
{
	struct fxs_event ev;

	EXPECT_EQ(0, ioctl(self->fd, FXS_IOC_RING_STOP));
	ASSERT_NO_EVENT(self->fd);
	ASSERT_EQ(0, ioctl(self->fd, FXS_IOC_RING_START));
	ASSERT_EQ(0, ioctl(self->fd, FXS_IOC_RING_START));
	EXPECT_NEXT(self->fd, &ev, FXS_EVENT_RING_START);
	ASSERT_NO_EVENT(self->fd);
}

/* RING_START while off-hook is EBUSY and emits nothing. */
TEST_F(cdev, ring_offhook_ebusy)
{
	struct fxs_event ev;

	ASSERT_EQ(0, fxs_test_hook_set(self->index, true));
	EXPECT_NEXT(self->fd, &ev, FXS_EVENT_OFFHOOK);
	EXPECT_EQ(-1, ioctl(self->fd, FXS_IOC_RING_START));
	EXPECT_EQ(EBUSY, errno);
	ASSERT_NO_EVENT(self->fd);
}

/* Going off-hook stops the ring: OFFHOOK then RING_STOP(answered). */
TEST_F(cdev, ring_stops_on_offhook)
{
	struct fxs_event ev;
	uint32_t seq;

	ASSERT_EQ(0, ioctl(self->fd, FXS_IOC_RING_START));
	EXPECT_NEXT(self->fd, &ev, FXS_EVENT_RING_START);
	ASSERT_EQ(0, linefeed_wait(self->index, "ringing", EVENT_TIMEOUT_MS));
	ASSERT_EQ(0, fxs_test_hook_set(self->index, true));
	EXPECT_NEXT(self->fd, &ev, FXS_EVENT_OFFHOOK);
	seq = ev.seqno;
	EXPECT_NEXT(self->fd, &ev, FXS_EVENT_RING_STOP);
	EXPECT_EQ((uint64_t)(FXS_RING_STOP_ANSWERED), ev.value);
	EXPECT_EQ(seq + 1, ev.seqno);
	EXPECT_EQ(0, linefeed_wait(self->index, "forward-active", 0));
}

/* The ring generator follows the configured cadence, then expires. */
TEST_F_TIMEOUT(cdev, ring_cadence, 60)
{
	uint32_t frame[64], on[64];
	struct fxs_event ev;
	int n, i, rings = 0;

	/* 3 s of 0.3 s on, 0.2 s off */
	ASSERT_EQ(0, fxs_test_line_attr_set(self->index, "ring_cadence",
					    "3(.3/.2)"));
	ASSERT_EQ(0, ioctl(self->fd, FXS_IOC_RING_START));
	EXPECT_NEXT(self->fd, &ev, FXS_EVENT_RING_START);
	/* the sim's linefeed goes on, off and on again */
	EXPECT_EQ(0, linefeed_wait(self->index, "ringing", EVENT_TIMEOUT_MS));
	EXPECT_EQ(0, linefeed_wait(self->index, "forward-active",
				   EVENT_TIMEOUT_MS));
	EXPECT_EQ(0, linefeed_wait(self->index, "ringing", EVENT_TIMEOUT_MS));
	ASSERT_EQ(0, fxs_test_event_wait(self->fd, FXS_EVENT_RING_STOP, &ev,
					 20000));
	EXPECT_EQ((uint64_t)(FXS_RING_STOP_EXPIRED), ev.value);

	n = fxs_test_ring_log(self->index, frame, on, 64);
	ASSERT_LE(2, n);
	ASSERT_EQ(0, n % 2);
	for (i = 0; i < n; i++) {
		EXPECT_EQ(i % 2 ? 0U : 1U, on[i]);
		if (on[i])
			rings++;
		if (!i || i == n - 1)
			continue;
		/* 30 frames on, 20 off, within one frame */
		if (on[i]) {
			EXPECT_GE(frame[i] - frame[i - 1], 19U);
			EXPECT_LE(frame[i] - frame[i - 1], 21U);
		} else {
			EXPECT_GE(frame[i] - frame[i - 1], 29U);
			EXPECT_LE(frame[i] - frame[i - 1], 31U);
		}
	}
	EXPECT_GE(rings, 5);
	EXPECT_LE(rings, 6);
	EXPECT_EQ(0, linefeed_wait(self->index, "forward-active", 0));
}

/* A two-segment cadence alternates its segments' on and off times. */
TEST_F_TIMEOUT(cdev, ring_cadence_segments, 60)
{
	/* on, off pairs in frames: 0.2/0.2 then 0.4/0.3 */
	static const uint32_t want[] = { 20, 20, 40, 30 };
	uint32_t frame[64], on[64], len;
	struct fxs_event ev;
	int n, i;

	ASSERT_EQ(0, fxs_test_line_attr_set(self->index, "ring_cadence",
					    "3(.2/.2,.4/.3)"));
	ASSERT_EQ(0, ioctl(self->fd, FXS_IOC_RING_START));
	ASSERT_EQ(0, fxs_test_event_wait(self->fd, FXS_EVENT_RING_STOP, &ev,
					 20000));
	EXPECT_EQ((uint32_t)FXS_RING_STOP_EXPIRED, ev.value);
	n = fxs_test_ring_log(self->index, frame, on, 64);
	ASSERT_LE(6, n);
	/* every full on or off phase but the last one */
	for (i = 1; i < n - 1; i++) {
		len = frame[i] - frame[i - 1];
		EXPECT_GE(len + 1, want[(i - 1) % 4])
			TH_LOG("phase %d: %u frames", i - 1, len);
		EXPECT_LE(len, want[(i - 1) % 4] + 1)
			TH_LOG("phase %d: %u frames", i - 1, len);
	}
}

/* Unplugging the board: queued events first, then ENODEV and POLLHUP. */
static int call_state(int fd, uint32_t state)
{
	struct fxs_call_request req = { .state = state };

	return ioctl(fd, FXS_IOC_CALL_STATE, &req) ? -errno : 0;
}

static const char *feed(unsigned int index)
{
	static char text[32];

	if (fxs_test_sim_read(index, "linefeed", text, sizeof(text)))
		strcpy(text, "<unreadable>");
	return text;
}

#define FEED_LOG_MAX	256

/* The sim's linefeed changes: frame numbers and names, oldest first. */
static int feed_log(unsigned int index, unsigned int *frame,
		    char (*name)[24], int max)
{
	static char text[FEED_LOG_MAX * 32];
	char *line, *save;
	int n = 0;

	if (fxs_test_sim_read(index, "linefeed_log", text, sizeof(text)))
		return -EIO;
	for (line = strtok_r(text, "\n", &save); line && n < max;
	     line = strtok_r(NULL, "\n", &save))
		if (sscanf(line, "%u %23s", &frame[n], name[n]) == 2)
			n++;
	return n;
}

static int set_attr(unsigned int index, const char *attr, const char *value)
{
	return fxs_test_line_attr_set(index, attr, value);
}

/* Bad call states are refused and change nothing. */
TEST_F(cdev, call_state_bad_einval)
{
	struct fxs_call_request req = { .state = FXS_CALL_CONNECTED_OUTGOING };
	unsigned int i;

	ASSERT_EQ(0, set_attr(self->index, "caller_conn_polarity", "reverse"));
	for (i = 0; i < ARRAY_SIZE(req.padding); i++) {
		memset(req.padding, 0, sizeof(req.padding));
		req.padding[i] = 1;
		EXPECT_EQ(-1, ioctl(self->fd, FXS_IOC_CALL_STATE, &req));
		EXPECT_EQ(EINVAL, errno);
	}
	EXPECT_EQ(-EINVAL, call_state(self->fd, 4));
	EXPECT_EQ(-EINVAL, call_state(self->fd, 0xffffffff));
	/* the far end cannot hang up a call that is not connected */
	ASSERT_EQ(0, set_attr(self->index, "cpc_delay_ms", "0"));
	ASSERT_EQ(0, set_attr(self->index, "cpc_duration_ms", "1000"));
	EXPECT_EQ(-EINVAL, call_state(self->fd,
				      FXS_CALL_FAR_END_DISCONNECTED));
	EXPECT_STREQ("forward-active", feed(self->index));
	EXPECT_EQ(-1, ioctl(self->fd, FXS_IOC_CALL_STATE, NULL));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_STREQ("forward-active", feed(self->index));
	ASSERT_NO_EVENT(self->fd);
}

/* A connected call takes its direction's polarity, idle takes it back. */
TEST_F(cdev, connect_polarity)
{
	ASSERT_EQ(0, set_attr(self->index, "caller_conn_polarity", "reverse"));
	ASSERT_EQ(0, call_state(self->fd, FXS_CALL_CONNECTED_OUTGOING));
	EXPECT_STREQ("reverse-active", feed(self->index));
	ASSERT_EQ(0, call_state(self->fd, FXS_CALL_IDLE));
	EXPECT_STREQ("forward-active", feed(self->index));
	/* incoming calls use callee_conn_polarity, still forward */
	ASSERT_EQ(0, call_state(self->fd, FXS_CALL_CONNECTED_INCOMING));
	EXPECT_STREQ("forward-active", feed(self->index));
	ASSERT_EQ(0, set_attr(self->index, "callee_conn_polarity", "reverse"));
	EXPECT_STREQ("reverse-active", feed(self->index));
	/* idle polarity reverse: disconnecting keeps it reversed */
	ASSERT_EQ(0, set_attr(self->index, "idle_polarity", "reverse"));
	EXPECT_STREQ("reverse-active", feed(self->index));
	ASSERT_EQ(0, set_attr(self->index, "callee_conn_polarity", "forward"));
	EXPECT_STREQ("forward-active", feed(self->index));
	/* CPC off (duration 0): the far end hanging up only goes idle */
	ASSERT_EQ(0, call_state(self->fd, FXS_CALL_FAR_END_DISCONNECTED));
	EXPECT_STREQ("reverse-active", feed(self->index));
	ASSERT_NO_EVENT(self->fd);
	/* the call is idle now: a second far-end hang-up is refused */
	EXPECT_EQ(-EINVAL, call_state(self->fd,
				      FXS_CALL_FAR_END_DISCONNECTED));
}

/*
 * The far end hangs up: after cpc_delay_ms the loop opens for exactly
 * cpc_duration_ms worth of frames, then the idle polarity is back. The
 * handset stays off-hook and no hook event comes of the open loop.
 */
TEST_F_TIMEOUT(cdev, cpc_opens_the_loop, 60)
{
	unsigned int frame[FEED_LOG_MAX], before, after;
	char name[FEED_LOG_MAX][24];
	struct fxs_event ev;
	int n;

	ASSERT_EQ(0, set_attr(self->index, "idle_polarity", "reverse"));
	ASSERT_EQ(0, set_attr(self->index, "cpc_delay_ms", "100"));
	ASSERT_EQ(0, set_attr(self->index, "cpc_duration_ms", "250"));
	ASSERT_EQ(0, fxs_test_hook_set(self->index, true));
	EXPECT_NEXT(self->fd, &ev, FXS_EVENT_OFFHOOK);
	ASSERT_EQ(0, call_state(self->fd, FXS_CALL_CONNECTED_OUTGOING));
	EXPECT_STREQ("forward-active", feed(self->index));
	ASSERT_EQ(0, fxs_test_frames(self->index, &before));
	ASSERT_EQ(0, call_state(self->fd, FXS_CALL_FAR_END_DISCONNECTED));
	ASSERT_EQ(0, fxs_test_frames(self->index, &after));
	/* the delay first: idle polarity, the battery still on */
	EXPECT_NEXT(self->fd, &ev, FXS_EVENT_CPC_START);
	EXPECT_EQ(250U, ev.value);
	EXPECT_NEXT(self->fd, &ev, FXS_EVENT_CPC_DONE);
	EXPECT_EQ((uint32_t)FXS_CPC_EXPIRED, ev.value);
	EXPECT_STREQ("reverse-active", feed(self->index));

	n = feed_log(self->index, frame, name, FEED_LOG_MAX);
	ASSERT_LE(4, n);
	EXPECT_STREQ("reverse-active", name[n - 3]);
	EXPECT_STREQ("open", name[n - 2]);
	EXPECT_STREQ("reverse-active", name[n - 1]);
	/*
	 * 100 ms and 250 ms are 10 and 25 frames of the line's clock; the
	 * frame counted in before may have been under way at the ioctl
	 */
	EXPECT_LE(before + 9, frame[n - 2]);
	EXPECT_GE(after + 10, frame[n - 2]);
	EXPECT_EQ(25U, frame[n - 1] - frame[n - 2]);
	ASSERT_NO_EVENT(self->fd);
}

/* A hang-up while the loop is open is reported once the battery is back. */
TEST_F_TIMEOUT(cdev, cpc_holds_the_hook_while_open, 60)
{
	struct fxs_event ev;

	ASSERT_EQ(0, set_attr(self->index, "flash_min_ms", "30"));
	ASSERT_EQ(0, set_attr(self->index, "flash_max_ms", "100"));
	ASSERT_EQ(0, set_attr(self->index, "cpc_delay_ms", "0"));
	ASSERT_EQ(0, set_attr(self->index, "cpc_duration_ms", "1000"));
	ASSERT_EQ(0, fxs_test_hook_set(self->index, true));
	EXPECT_NEXT(self->fd, &ev, FXS_EVENT_OFFHOOK);
	ASSERT_EQ(0, call_state(self->fd, FXS_CALL_CONNECTED_INCOMING));
	/* no delay: the loop opens within the ioctl */
	ASSERT_EQ(0, call_state(self->fd, FXS_CALL_FAR_END_DISCONNECTED));
	EXPECT_STREQ("open", feed(self->index));
	EXPECT_NEXT(self->fd, &ev, FXS_EVENT_CPC_START);
	ASSERT_EQ(0, fxs_test_hook_set(self->index, false));
	EXPECT_NEXT(self->fd, &ev, FXS_EVENT_CPC_DONE);
	EXPECT_EQ((uint32_t)FXS_CPC_EXPIRED, ev.value);
	EXPECT_NEXT(self->fd, &ev, FXS_EVENT_ONHOOK);
	EXPECT_STREQ("forward-active", feed(self->index));
}

/* A new call state ends CPC: early while open, silently in the delay. */
TEST_F(cdev, cpc_cancelled_by_call_state)
{
	struct fxs_event ev;

	ASSERT_EQ(0, set_attr(self->index, "cpc_delay_ms", "0"));
	ASSERT_EQ(0, set_attr(self->index, "cpc_duration_ms", "1000"));
	ASSERT_EQ(0, call_state(self->fd, FXS_CALL_CONNECTED_OUTGOING));
	ASSERT_EQ(0, call_state(self->fd, FXS_CALL_FAR_END_DISCONNECTED));
	EXPECT_STREQ("open", feed(self->index));
	/* no ringing while CPC runs */
	EXPECT_EQ(-1, ioctl(self->fd, FXS_IOC_RING_START));
	EXPECT_EQ(EBUSY, errno);
	ASSERT_EQ(0, call_state(self->fd, FXS_CALL_IDLE));
	EXPECT_STREQ("forward-active", feed(self->index));
	EXPECT_NEXT(self->fd, &ev, FXS_EVENT_CPC_START);
	EXPECT_NEXT(self->fd, &ev, FXS_EVENT_CPC_DONE);
	EXPECT_EQ((uint32_t)FXS_CPC_CANCELLED, ev.value);

	/* cancelled in the delay: no events, the loop never opened */
	ASSERT_EQ(0, set_attr(self->index, "cpc_delay_ms", "255000"));
	ASSERT_EQ(0, call_state(self->fd, FXS_CALL_CONNECTED_INCOMING));
	ASSERT_EQ(0, call_state(self->fd, FXS_CALL_FAR_END_DISCONNECTED));
	EXPECT_EQ(-1, ioctl(self->fd, FXS_IOC_RING_START));
	EXPECT_EQ(EBUSY, errno);
	ASSERT_EQ(0, call_state(self->fd, FXS_CALL_CONNECTED_INCOMING));
	EXPECT_STREQ("forward-active", feed(self->index));
	ASSERT_NO_EVENT(self->fd);
	ASSERT_EQ(0, call_state(self->fd, FXS_CALL_IDLE));
	EXPECT_EQ(0, ioctl(self->fd, FXS_IOC_RING_START) ? -errno : 0);
}

TEST_F(cdev, line_gone)
{
	struct pollfd pfd = { .fd = self->fd, .events = POLLIN | POLLOUT };
	struct fxs_event ev;
	int16_t pcm[80] = { 1 };

	ASSERT_EQ(0, ioctl(self->fd, FXS_IOC_RING_START));
	ASSERT_EQ(0, fxs_test_sim_set_live(&self->sim, false));
	ASSERT_EQ(1, poll(&pfd, 1, 0));
	EXPECT_TRUE(pfd.revents & POLLHUP);
	EXPECT_EQ((ssize_t)(sizeof(ev)), read(self->fd, &ev, sizeof(ev)));
	EXPECT_EQ((uint64_t)(FXS_EVENT_RING_START), ev.type);
	EXPECT_EQ(-1, read(self->fd, &ev, sizeof(ev)));
	EXPECT_EQ(ENODEV, errno);
	EXPECT_EQ(-1, ioctl(self->fd, FXS_IOC_RING_STOP));
	EXPECT_EQ(ENODEV, errno);
	EXPECT_EQ(-1, write(self->fd, pcm, sizeof(pcm)));
	EXPECT_EQ(ENODEV, errno);
}

/* A board with two lines */
FIXTURE(board2) {
	struct fxs_test_sim sim;
	int fd[2];
};

FIXTURE_SETUP(board2)
{
	int i;

	self->fd[0] = -1;
	self->fd[1] = -1;
	ASSERT_EQ(0, fxs_test_sim_create(&self->sim, "board2", 2, false));
	for (i = 0; i < 2; i++) {
		self->fd[i] = fxs_test_line_open(self->sim.index[i], O_RDWR);
		ASSERT_LE(0, self->fd[i]);
	}
}

FIXTURE_TEARDOWN(board2)
{
	int i;

	for (i = 0; i < 2; i++)
		if (self->fd[i] >= 0)
			close(self->fd[i]);
	EXPECT_EQ(0, fxs_test_sim_destroy(&self->sim));
}

/* Each line has its own index, name, events, hook and ringer. */
TEST_F(board2, lines_isolated)
{
	struct fxs_line_info info[2];
	struct fxs_event ev;
	int i;

	for (i = 0; i < 2; i++)
		get_info(_metadata, self->fd[i], &info[i]);
	EXPECT_NE(info[0].index, info[1].index);
	EXPECT_STRNE(info[0].name, info[1].name);
	EXPECT_EQ(self->sim.index[1], info[1].index);

	ASSERT_EQ(0, fxs_test_hook_set(self->sim.index[1], true));
	EXPECT_NEXT(self->fd[1], &ev, FXS_EVENT_OFFHOOK);
	ASSERT_NO_EVENT(self->fd[0]);
	get_info(_metadata, self->fd[0], &info[0]);
	EXPECT_EQ(0U, info[0].offhook);

	ASSERT_EQ(0, ioctl(self->fd[0], FXS_IOC_RING_START));
	EXPECT_NEXT(self->fd[0], &ev, FXS_EVENT_RING_START);
	/* line 0's seqno counts its own events only */
	EXPECT_EQ(1U, ev.seqno);
	EXPECT_EQ(0, linefeed_wait(self->sim.index[0], "ringing",
				   EVENT_TIMEOUT_MS));
	EXPECT_EQ(0, linefeed_wait(self->sim.index[1], "forward-active", 0));
	ASSERT_NO_EVENT(self->fd[1]);
}

/* Hook timing made slow enough to be robust on an emulated CPU. */
#define DEBOUNCE_MS	100U
#define FLASH_MIN_MS	300U
#define FLASH_MAX_MS	1200U
#define PULSE_TRIES	4

FIXTURE(hook) {
	struct fxs_test_sim sim;
	unsigned int index;
	int fd;
};

FIXTURE_SETUP(hook)
{
	struct fxs_event ev;
	char text[16];

	self->fd = -1;
	ASSERT_EQ(0, fxs_test_sim_create(&self->sim, "hook", 1, false));
	self->index = self->sim.index[0];
	snprintf(text, sizeof(text), "%u", FLASH_MAX_MS);
	ASSERT_EQ(0, fxs_test_line_attr_set(self->index, "flash_max_ms", text));
	snprintf(text, sizeof(text), "%u", FLASH_MIN_MS);
	ASSERT_EQ(0, fxs_test_line_attr_set(self->index, "flash_min_ms", text));
	snprintf(text, sizeof(text), "%u", DEBOUNCE_MS);
	ASSERT_EQ(0, fxs_test_line_attr_set(self->index, "hook_debounce_ms",
					    text));
	self->fd = fxs_test_line_open(self->index, O_RDWR);
	ASSERT_LE(0, self->fd);
	ASSERT_EQ(0, fxs_test_hook_set(self->index, true));
	ASSERT_EQ(0, fxs_test_event_read(self->fd, &ev, EVENT_TIMEOUT_MS));
	ASSERT_EQ((uint64_t)(FXS_EVENT_OFFHOOK), ev.type);
}

FIXTURE_TEARDOWN(hook)
{
	if (self->fd >= 0)
		close(self->fd);
	EXPECT_EQ(0, fxs_test_sim_destroy(&self->sim));
}

/*
 * An on-hook pulse whose frame count lands in [lo, hi]; a pulse stretched
 * out of the range by a stalled (emulated) CPU is retried after the line
 * settles, so that the expected classification is certain.
 */
static int pulse_in_range(struct __test_metadata *_metadata, int fd,
			  unsigned int index, unsigned int frames,
			  unsigned int lo, unsigned int hi)
{
	struct fxs_event ev;
	unsigned int seen;
	int i;

	for (i = 0; i < PULSE_TRIES; i++) {
		if (fxs_test_hook_pulse(index, frames, &seen))
			return -EIO;
		if (seen >= lo && seen <= hi)
			return 0;
		TH_LOG("pulse of %u frames lasted %u, retrying", frames, seen);
		/* let any decision fall and forget its events */
		fxs_test_wait_frames(index, (FLASH_MAX_MS + DEBOUNCE_MS) / 10
				     + 10, 20000);
		while (!fxs_test_event_read(fd, &ev, 0))
			;
	}
	return -EAGAIN;
}

/* Wait long enough for any hook decision, then expect nothing queued. */
static int quiet_after(unsigned int index)
{
	return fxs_test_wait_frames(index, (FLASH_MAX_MS + DEBOUNCE_MS) / 10 +
				    20, 30000);
}

/* An on-hook between flash_min and flash_max is one FLASH event. */
TEST_F_TIMEOUT(hook, flash, 90)
{
	struct fxs_line_info info;
	struct fxs_event ev;

	/* 700 ms, allowed 400..1100 ms */
	ASSERT_EQ(0, pulse_in_range(_metadata, self->fd, self->index, 70,
				    40, 110));
	EXPECT_NEXT(self->fd, &ev, FXS_EVENT_FLASH);
	EXPECT_GE(ev.value, FLASH_MIN_MS);
	EXPECT_LT(ev.value, FLASH_MAX_MS);
	ASSERT_EQ(0, quiet_after(self->index));
	ASSERT_NO_EVENT(self->fd);
	get_info(_metadata, self->fd, &info);
	EXPECT_EQ(1U, info.offhook);
}

/* An on-hook reaching flash_max is ONHOOK, reported while still on-hook. */
TEST_F_TIMEOUT(hook, long_onhook, 60)
{
	struct fxs_line_info info;
	struct fxs_event ev;

	ASSERT_EQ(0, fxs_test_hook_set(self->index, false));
	EXPECT_NEXT(self->fd, &ev, FXS_EVENT_ONHOOK);
	EXPECT_GE(ev.value, FLASH_MAX_MS);
	get_info(_metadata, self->fd, &info);
	EXPECT_EQ(0U, info.offhook);
	ASSERT_EQ(0, quiet_after(self->index));
	ASSERT_NO_EVENT(self->fd);
}

/* An on-hook glitch shorter than the debounce produces no event. */
TEST_F_TIMEOUT(hook, onhook_glitch_ignored, 90)
{
	struct fxs_line_info info;

	/* 30 ms, allowed up to 80 ms < 100 ms debounce */
	ASSERT_EQ(0, pulse_in_range(_metadata, self->fd, self->index, 3,
				    1, 8));
	ASSERT_EQ(0, quiet_after(self->index));
	ASSERT_NO_EVENT(self->fd);
	get_info(_metadata, self->fd, &info);
	EXPECT_EQ(1U, info.offhook);
}

/* An on-hook past the debounce but shorter than flash_min is ignored. */
TEST_F_TIMEOUT(hook, short_onhook_ignored, 90)
{
	/* 200 ms, allowed 140..260 ms: between 100 and 300 */
	ASSERT_EQ(0, pulse_in_range(_metadata, self->fd, self->index, 20,
				    14, 26));
	ASSERT_EQ(0, quiet_after(self->index));
	ASSERT_NO_EVENT(self->fd);
}

/* An off-hook glitch of an on-hook line produces no event. */
TEST_F_TIMEOUT(hook, offhook_glitch_ignored, 90)
{
	struct fxs_line_info info;
	struct fxs_event ev;
	unsigned int start, end;
	int i;

	ASSERT_EQ(0, fxs_test_hook_set(self->index, false));
	EXPECT_NEXT(self->fd, &ev, FXS_EVENT_ONHOOK);
	for (i = 0; i < PULSE_TRIES; i++) {
		ASSERT_EQ(0, fxs_test_frames(self->index, &start));
		ASSERT_EQ(0, fxs_test_hook_set(self->index, true));
		ASSERT_EQ(0, fxs_test_wait_frames(self->index, 3, 10000));
		ASSERT_EQ(0, fxs_test_hook_set(self->index, false));
		ASSERT_EQ(0, fxs_test_frames(self->index, &end));
		if (end - start <= 8)
			break;
		TH_LOG("off-hook glitch lasted %u frames, retrying",
		       end - start);
		ASSERT_EQ(0, quiet_after(self->index));
		while (!fxs_test_event_read(self->fd, &ev, 0))
			;
	}
	ASSERT_GT(PULSE_TRIES, i);
	ASSERT_EQ(0, quiet_after(self->index));
	ASSERT_NO_EVENT(self->fd);
	get_info(_metadata, self->fd, &info);
	EXPECT_EQ(0U, info.offhook);
}

/* Flash then hang-up: FLASH, ONHOOK, consecutive seqnos, in order. */
TEST_F_TIMEOUT(hook, flash_then_onhook_order, 90)
{
	struct fxs_event flash, onhook;

	ASSERT_EQ(0, pulse_in_range(_metadata, self->fd, self->index, 70,
				    40, 110));
	ASSERT_EQ(0, fxs_test_event_read(self->fd, &flash, EVENT_TIMEOUT_MS));
	ASSERT_EQ(0, fxs_test_hook_set(self->index, false));
	EXPECT_NEXT(self->fd, &onhook, FXS_EVENT_ONHOOK);
	EXPECT_EQ((uint64_t)(FXS_EVENT_FLASH), flash.type);
	EXPECT_EQ(flash.seqno + 1, onhook.seqno);
	EXPECT_LE(flash.timestamp_ns, onhook.timestamp_ns);
}

TEST_HARNESS_MAIN
