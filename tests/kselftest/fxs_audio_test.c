// SPDX-License-Identifier: GPL-2.0
/*
 * Selftests of the audio path of /dev/fxsN on simulated boards: the tones
 * (frequencies by Goertzel power, cadence by duty cycle) and playback PCM
 * captured from the sim's downlink, playback flow control, and DTMF digits
 * decoded from injected uplink PCM or reported by a hardware-DTMF chip.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "fxs_test_lib.h"

#define FRAME			FXS_PCM_FRAME_SAMPLES
#define CAPTURE_MAX		(16 * FXS_PCM_RATE_HZ)
#define DIGITS			"0123456789*#ABCD"
/* a tone must be this many times stronger than any off-frequency */
#define TONE_RATIO		1000.0

/*
 * Check that the @on frequencies (0-terminated) dominate the @off ones in
 * @len samples of @pcm: each wanted one TONE_RATIO times each unwanted one.
 */
static void check_freqs(struct __test_metadata *_metadata, const int16_t *pcm,
			size_t len, const double *on, const double *off)
{
	double p_on, p_off;
	int i, j;

	for (i = 0; on[i]; i++) {
		p_on = fxs_test_goertzel(pcm, len, on[i]);
		for (j = 0; off[j]; j++) {
			p_off = fxs_test_goertzel(pcm, len, off[j]);
			EXPECT_LT(p_off * TONE_RATIO, p_on)
				TH_LOG("%.0f Hz: %g, %.0f Hz: %g", on[i], p_on,
				       off[j], p_off);
		}
	}
}

/* One simulated line, open, and a capture buffer */
struct line_ctx {
	struct fxs_test_sim sim;
	unsigned int index;
	int fd;
	int16_t *pcm;
};

static void line_setup(struct __test_metadata *_metadata,
		       struct line_ctx *ctx, const char *prefix, bool hw_dtmf)
{
	ctx->fd = -1;
	ctx->pcm = calloc(CAPTURE_MAX, sizeof(*ctx->pcm));
	ASSERT_NE(NULL, ctx->pcm);
	ASSERT_EQ(0, fxs_test_sim_create(&ctx->sim, prefix, 1, hw_dtmf));
	ctx->index = ctx->sim.index[0];
	ctx->fd = fxs_test_line_open(ctx->index, O_RDWR);
	if (ctx->fd < 0)
		fxs_test_sim_destroy(&ctx->sim);
	ASSERT_LE(0, ctx->fd);
}

static void line_teardown(struct __test_metadata *_metadata,
			  struct line_ctx *ctx)
{
	if (ctx->fd >= 0)
		close(ctx->fd);
	free(ctx->pcm);
	EXPECT_EQ(0, fxs_test_sim_destroy(&ctx->sim));
}

FIXTURE(audio) {
	struct line_ctx c;
};

FIXTURE_SETUP(audio)
{
	line_setup(_metadata, &self->c, "audio", false);
}

FIXTURE_TEARDOWN(audio)
{
	line_teardown(_metadata, &self->c);
}

FIXTURE(tone) {
	struct line_ctx c;
};

FIXTURE_SETUP(tone)
{
	line_setup(_metadata, &self->c, "tone", false);
}

FIXTURE_TEARDOWN(tone)
{
	line_teardown(_metadata, &self->c);
}

/* Tones: frequencies, off-frequencies and duty cycle over a window */
FIXTURE_VARIANT(tone)
{
	uint32_t tone;
	double on[4];
	double off[4];
	unsigned int window_frames;
	unsigned int duty_min_pct;
	unsigned int duty_max_pct;
};

FIXTURE_VARIANT_ADD(tone, dial) {
	.tone = FXS_TONE_DIAL,
	.on = { 350, 440 },
	.off = { 620, 1000, 1633 },
	.window_frames = 100,
	.duty_min_pct = 95,
	.duty_max_pct = 100,
};

FIXTURE_VARIANT_ADD(tone, busy) {
	.tone = FXS_TONE_BUSY,
	.on = { 480, 620 },
	.off = { 350, 1000, 1400 },
	.window_frames = 200,	/* 0.5 s on, 0.5 s off */
	.duty_min_pct = 40,
	.duty_max_pct = 60,
};

FIXTURE_VARIANT_ADD(tone, ringback) {
	.tone = FXS_TONE_RINGBACK,
	.on = { 440, 480 },
	.off = { 620, 1000, 1400 },
	.window_frames = 600,	/* 2 s on, 4 s off */
	.duty_min_pct = 25,
	.duty_max_pct = 42,
};

FIXTURE_VARIANT_ADD(tone, reorder) {
	.tone = FXS_TONE_REORDER,
	.on = { 480, 620 },
	.off = { 350, 1000, 1400 },
	.window_frames = 200,	/* 0.25 s on, 0.25 s off */
	.duty_min_pct = 40,
	.duty_max_pct = 60,
};

FIXTURE_VARIANT_ADD(tone, confirm) {
	.tone = FXS_TONE_CONFIRM,
	.on = { 600 },
	.off = { 440, 1000, 1400 },
	.window_frames = 80,	/* 0.25 s on, 0.25 s off, for 1 s */
	.duty_min_pct = 40,
	.duty_max_pct = 70,
};

/*
 * Play the variant's tone for window_frames, then stop it: the capture has
 * the tone's frequencies far above others, and only its on-phases.
 */
TEST_F_TIMEOUT(tone, play, 90)
{
	struct fxs_tone_request req = { .tone = variant->tone };
	unsigned int start, end, duty;
	struct fxs_event ev;
	ssize_t n;

	ASSERT_EQ(0, fxs_test_frames(self->c.index, &start));
	ASSERT_EQ(0, ioctl(self->c.fd, FXS_IOC_TONE_START, &req));
	ASSERT_EQ(0, fxs_test_wait_frames(self->c.index, variant->window_frames,
					  30000));
	ASSERT_EQ(0, ioctl(self->c.fd, FXS_IOC_TONE_STOP));
	ASSERT_EQ(0, fxs_test_frames(self->c.index, &end));
	EXPECT_NEXT(self->c.fd, &ev, FXS_EVENT_TONE_DONE);
	EXPECT_EQ(variant->tone, ev.value);

	n = fxs_test_downlink_read(self->c.index, self->c.pcm, CAPTURE_MAX);
	ASSERT_LE(10 * FRAME, n);
	/* the capture keeps non-silent frames only */
	EXPECT_EQ(0, n % FRAME);
	duty = 100 * (n / FRAME) / (end - start);
	EXPECT_LE(variant->duty_min_pct, duty)
		TH_LOG("%zd samples in %u frames", n, end - start);
	EXPECT_GE(variant->duty_max_pct, duty)
		TH_LOG("%zd samples in %u frames", n, end - start);
	/* 100 ms inside the first on-phase */
	check_freqs(_metadata, self->c.pcm + FRAME, 10 * FRAME, variant->on,
		    variant->off);
}

/* A tone with a duration ends by itself with TONE_DONE. */
TEST_F(audio, tone_duration)
{
	struct fxs_tone_request req = {
		.tone = FXS_TONE_DIAL,
		.duration_ms = 300,
	};
	struct fxs_event ev;
	ssize_t n;

	ASSERT_EQ(0, ioctl(self->c.fd, FXS_IOC_TONE_START, &req));
	EXPECT_NEXT(self->c.fd, &ev, FXS_EVENT_TONE_DONE);
	EXPECT_EQ((uint32_t)FXS_TONE_DIAL, ev.value);
	ASSERT_EQ(0, fxs_test_wait_frames(self->c.index, 5, EVENT_TIMEOUT_MS));
	n = fxs_test_downlink_read(self->c.index, self->c.pcm, CAPTURE_MAX);
	/* 30 frames, within one */
	EXPECT_LE(29 * FRAME, n);
	EXPECT_GE(31 * FRAME, n);
}

/* A replaced tone ends silently; only the last one reports TONE_DONE. */
TEST_F(audio, tone_replace)
{
	struct fxs_tone_request req = { .tone = FXS_TONE_BUSY };
	struct fxs_event ev;

	ASSERT_EQ(0, ioctl(self->c.fd, FXS_IOC_TONE_START, &req));
	req.tone = FXS_TONE_RINGBACK;
	ASSERT_EQ(0, ioctl(self->c.fd, FXS_IOC_TONE_START, &req));
	ASSERT_EQ(0, fxs_test_wait_frames(self->c.index, 5, EVENT_TIMEOUT_MS));
	ASSERT_EQ(0, ioctl(self->c.fd, FXS_IOC_TONE_STOP));
	EXPECT_NEXT(self->c.fd, &ev, FXS_EVENT_TONE_DONE);
	EXPECT_EQ((uint32_t)FXS_TONE_RINGBACK, ev.value);
	ASSERT_NO_EVENT(self->c.fd);
	/* stopping again is no error and no event */
	EXPECT_EQ(0, ioctl(self->c.fd, FXS_IOC_TONE_STOP));
	ASSERT_NO_EVENT(self->c.fd);
}

/* The dial tone's peak is two -19 dBm0 sines (about 2 x 2550). */
TEST_F(audio, tone_level)
{
	struct fxs_tone_request req = { .tone = FXS_TONE_DIAL };
	int peak = 0;
	ssize_t n, i;

	ASSERT_EQ(0, ioctl(self->c.fd, FXS_IOC_TONE_START, &req));
	ASSERT_EQ(0, fxs_test_wait_frames(self->c.index, 50, EVENT_TIMEOUT_MS));
	ASSERT_EQ(0, ioctl(self->c.fd, FXS_IOC_TONE_STOP));
	n = fxs_test_downlink_read(self->c.index, self->c.pcm, CAPTURE_MAX);
	ASSERT_LE(40 * FRAME, n);
	for (i = 0; i < n; i++)
		peak = abs(self->c.pcm[i]) > peak ? abs(self->c.pcm[i]) : peak;
	EXPECT_LE(4000, peak);
	EXPECT_GE(5300, peak);
}

/* SIT plays its three frequencies one after the other, 380 ms each. */
TEST_F(audio, tone_sit_sequence)
{
	static const double f[] = { 985, 1428, 1777 };
	struct fxs_tone_request req = { .tone = FXS_TONE_SIT };
	double on[2] = { 0 }, off[3] = { 0 };
	ssize_t n;
	int i;

	ASSERT_EQ(0, ioctl(self->c.fd, FXS_IOC_TONE_START, &req));
	ASSERT_EQ(0, fxs_test_wait_frames(self->c.index, 130, 30000));
	ASSERT_EQ(0, ioctl(self->c.fd, FXS_IOC_TONE_STOP));
	n = fxs_test_downlink_read(self->c.index, self->c.pcm, CAPTURE_MAX);
	ASSERT_LE(3 * 3040, n);
	for (i = 0; i < 3; i++) {
		on[0] = f[i];
		off[0] = f[(i + 1) % 3];
		off[1] = f[(i + 2) % 3];
		/* 100 ms in the middle of the segment */
		check_freqs(_metadata, self->c.pcm + i * 3040 + 1000, 800, on,
			    off);
	}
}

/*
 * Find @want (no zero sample in it) in the capture: it starts on a frame
 * boundary and follows unchanged, except that a frame may end early with
 * zeros where the queue ran dry because the writer was preempted (counted
 * in @gaps). Return: 0, or -1 after logging the first difference.
 */
static int pcm_match(struct __test_metadata *_metadata, const int16_t *cap,
		     size_t ncap, const int16_t *want, size_t nwant,
		     unsigned int *gaps)
{
	size_t at, i, j = 0;

	for (at = 0; at < ncap && cap[at] != want[0]; at++)
		;
	if (at % FRAME) {
		TH_LOG("playback starts at %zu, inside a frame", at);
		return -1;
	}
	*gaps = 0;
	for (i = at; i < ncap && j < nwant; ) {
		if (cap[i] == want[j]) {
			i++;
			j++;
		} else if (!cap[i] && (i - at) % FRAME) {
			/* an underflow pads the rest of the frame */
			while (i < ncap && (i - at) % FRAME && !cap[i])
				i++;
			if ((i - at) % FRAME)
				break;
			++*gaps;
		} else {
			break;
		}
	}
	if (j < nwant) {
		TH_LOG("sample %zu of %zu differs (capture %zu of %zu)", j,
		       nwant, i, ncap);
		return -1;
	}
	if (*gaps)
		TH_LOG("playback queue ran dry %u times", *gaps);
	/* after the last sample, only the padding of its frame */
	for (; i < ncap; i++)
		if (cap[i])
			return -1;
	return 0;
}

/* Written PCM comes out of the downlink unchanged, then PLAYBACK_DONE. */
TEST_F(audio, playback_roundtrip)
{
	const size_t count = 4000;
	uint32_t state = 12345;
	struct fxs_event ev;
	unsigned int gaps;
	int16_t *want;
	ssize_t n;
	size_t i;

	want = calloc(count, sizeof(*want));
	ASSERT_NE(NULL, want);
	for (i = 0; i < count; i++)
		want[i] = (int16_t)fxs_test_pattern(&state);
	ASSERT_EQ((ssize_t)(count * sizeof(*want)),
		  write(self->c.fd, want, count * sizeof(*want)));
	EXPECT_NEXT(self->c.fd, &ev, FXS_EVENT_PLAYBACK_DONE);
	EXPECT_EQ((uint32_t)FXS_PLAYBACK_DRAINED, ev.value);
	ASSERT_EQ(0, fxs_test_wait_frames(self->c.index, 3, EVENT_TIMEOUT_MS));

	n = fxs_test_downlink_read(self->c.index, self->c.pcm, CAPTURE_MAX);
	ASSERT_LE((ssize_t)count, n);
	EXPECT_EQ(0, pcm_match(_metadata, self->c.pcm, n, want, count, &gaps));
	free(want);
}

/* PCM written in uneven pieces plays back contiguous, then DRAINED. */
TEST_F(audio, playback_split_writes)
{
	/* the first piece keeps the queue fed while the others follow */
	static const size_t piece[] = { 1000, 1, 127, 333, 80, 459 };
	uint32_t state = 777;
	struct fxs_event ev;
	size_t i, done = 0;
	int16_t want[2000];
	unsigned int gaps;
	ssize_t n;

	for (i = 0; i < ARRAY_SIZE(want); i++)
		want[i] = (int16_t)fxs_test_pattern(&state);
	for (i = 0; i < ARRAY_SIZE(piece); i++) {
		ASSERT_EQ((ssize_t)(piece[i] * 2),
			  write(self->c.fd, want + done, piece[i] * 2));
		done += piece[i];
	}
	ASSERT_EQ(ARRAY_SIZE(want), done);
	EXPECT_NEXT(self->c.fd, &ev, FXS_EVENT_PLAYBACK_DONE);
	EXPECT_EQ((uint32_t)FXS_PLAYBACK_DRAINED, ev.value);
	ASSERT_EQ(0, fxs_test_wait_frames(self->c.index, 3, EVENT_TIMEOUT_MS));
	n = fxs_test_downlink_read(self->c.index, self->c.pcm, CAPTURE_MAX);
	ASSERT_LE((ssize_t)ARRAY_SIZE(want), n);
	EXPECT_EQ(0, pcm_match(_metadata, self->c.pcm, n, want,
			       ARRAY_SIZE(want), &gaps));
}

/* A blocking write() larger than the queue queues what fits and returns. */
TEST_F(audio, blocking_write_partial)
{
	struct fxs_line_info info;
	size_t count, i;
	ssize_t n;

	ASSERT_EQ(0, ioctl(self->c.fd, FXS_IOC_GET_LINE_INFO, &info));
	count = 2 * info.playback_queue_samples;
	ASSERT_LE(count, (size_t)CAPTURE_MAX);
	for (i = 0; i < count; i++)
		self->c.pcm[i] = 300;
	n = write(self->c.fd, self->c.pcm, count * sizeof(int16_t));
	EXPECT_LE((ssize_t)(info.playback_queue_samples * sizeof(int16_t)),
		  n);
	EXPECT_GT((ssize_t)(count * sizeof(int16_t)), n);
	EXPECT_EQ(0, ioctl(self->c.fd, FXS_IOC_PLAYBACK_FLUSH));
}

/* poll() reports POLLOUT while the playback queue has room. */
TEST_F(audio, poll_writable)
{
	struct pollfd pfd = { .fd = self->c.fd, .events = POLLOUT };

	ASSERT_EQ(1, poll(&pfd, 1, 0));
	EXPECT_TRUE(pfd.revents & POLLOUT);
}

/*
 * O_NONBLOCK write() into a full queue: a short write, then EAGAIN, then
 * POLLOUT once the frame clock has played some of it.
 */
TEST_F(audio, nonblock_write_full)
{
	struct pollfd pfd = { .events = POLLOUT };
	struct fxs_line_info info;
	size_t count, i;
	ssize_t n;
	int fd2, tries;

	ASSERT_EQ(0, ioctl(self->c.fd, FXS_IOC_GET_LINE_INFO, &info));
	count = info.playback_queue_samples + 4000;
	ASSERT_LE(count, (size_t)CAPTURE_MAX);
	for (i = 0; i < count; i++)
		self->c.pcm[i] = 1000;
	fd2 = fxs_test_line_open(self->c.index, O_WRONLY | O_NONBLOCK);
	ASSERT_LE(0, fd2);
	n = write(fd2, self->c.pcm, count * sizeof(int16_t));
	ASSERT_LT(0, n);
	EXPECT_GT((ssize_t)(count * sizeof(int16_t)), n);
	/* the frame clock may free a frame's room between two writes */
	for (tries = 0; tries < 100; tries++) {
		n = write(fd2, self->c.pcm, FRAME * sizeof(int16_t) * 4);
		if (n < 0)
			break;
	}
	EXPECT_EQ(-1, n);
	EXPECT_EQ(EAGAIN, errno);
	pfd.fd = fd2;
	ASSERT_EQ(1, poll(&pfd, 1, EVENT_TIMEOUT_MS));
	EXPECT_TRUE(pfd.revents & POLLOUT);
	EXPECT_LT(0, write(fd2, self->c.pcm, FRAME * sizeof(int16_t)));
	close(fd2);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * An O_NONBLOCK write() never sleeps, not even while a blocking writer of
 * another file waits for room in the full queue: it returns at once
 * (-EAGAIN or a short write).
 */
TEST_F_TIMEOUT(audio, nonblock_write_does_not_wait_for_blocked_writer, 60)
{
	enum { TRIES = 40 };
	uint64_t took[TRIES], t0;
	int fd_nb, i, status;
	pid_t child;
	ssize_t n;

	for (i = 0; i < FRAME * 4; i++)
		self->c.pcm[i] = 700;
	fd_nb = fxs_test_line_open(self->c.index, O_WRONLY | O_NONBLOCK);
	ASSERT_LE(0, fd_nb);
	while (write(fd_nb, self->c.pcm, FRAME * 4 * sizeof(int16_t)) > 0)
		;
	ASSERT_EQ(EAGAIN, errno);
	child = fork();
	ASSERT_LE(0, child);
	if (!child) {
		/* a blocking writer that always waits for the next frame */
		for (;;)
			if (write(self->c.fd, self->c.pcm,
				  FRAME * 4 * sizeof(int16_t)) < 0)
				_exit(1);
	}
	usleep(50000);
	for (i = 0; i < TRIES; i++) {
		t0 = fxs_test_now_ns();
		n = write(fd_nb, self->c.pcm, FRAME * sizeof(int16_t));
		took[i] = fxs_test_now_ns() - t0;
		EXPECT_TRUE(n > 0 || errno == EAGAIN);
		usleep(3000);
	}
	kill(child, SIGKILL);
	ASSERT_EQ(child, waitpid(child, &status, 0));
	close(fd_nb);
	EXPECT_EQ(0, ioctl(self->c.fd, FXS_IOC_PLAYBACK_FLUSH));
	qsort(took, TRIES, sizeof(took[0]), cmp_u64);
	/* sleeping on the blocked writer takes 5 ms in the median */
	EXPECT_GT(2000000ULL, took[TRIES / 2])
		TH_LOG("median non-blocking write took %llu us",
		       (unsigned long long)took[TRIES / 2] / 1000);
}

/* PLAYBACK_FLUSH drops the queue, reports FLUSHED and frees the room. */
TEST_F(audio, playback_flush)
{
	struct pollfd pfd = { .fd = self->c.fd, .events = POLLOUT };
	const size_t count = 12000;	/* 1.5 s */
	struct fxs_event ev;
	ssize_t n;
	size_t i;

	for (i = 0; i < count; i++)
		self->c.pcm[i] = 500;
	ASSERT_EQ((ssize_t)(count * sizeof(int16_t)),
		  write(self->c.fd, self->c.pcm, count * sizeof(int16_t)));
	ASSERT_EQ(0, ioctl(self->c.fd, FXS_IOC_PLAYBACK_FLUSH));
	EXPECT_NEXT(self->c.fd, &ev, FXS_EVENT_PLAYBACK_DONE);
	EXPECT_EQ((uint32_t)FXS_PLAYBACK_FLUSHED, ev.value);
	ASSERT_EQ(1, poll(&pfd, 1, 0));
	EXPECT_TRUE(pfd.revents & POLLOUT);
	ASSERT_EQ(0, fxs_test_wait_frames(self->c.index, 20, EVENT_TIMEOUT_MS));
	n = fxs_test_downlink_read(self->c.index, self->c.pcm, CAPTURE_MAX);
	EXPECT_GT((ssize_t)count, n);
	/* nothing more comes: no DRAINED after a flush */
	ASSERT_NO_EVENT(self->c.fd);
}

/* PLAYBACK_FLUSH of an empty queue succeeds without an event. */
TEST_F(audio, playback_flush_empty)
{
	EXPECT_EQ(0, ioctl(self->c.fd, FXS_IOC_PLAYBACK_FLUSH));
	ASSERT_NO_EVENT(self->c.fd);
}

/* write() of an odd byte count is EINVAL and queues nothing. */
TEST_F(audio, write_odd_einval)
{
	int16_t pcm[FRAME];

	memset(pcm, 0x11, sizeof(pcm));
	EXPECT_EQ(-1, write(self->c.fd, pcm, 3));
	EXPECT_EQ(EINVAL, errno);
	ASSERT_EQ(0, fxs_test_wait_frames(self->c.index, 5, EVENT_TIMEOUT_MS));
	EXPECT_EQ(0, fxs_test_downlink_read(self->c.index, self->c.pcm,
					    CAPTURE_MAX));
	ASSERT_NO_EVENT(self->c.fd);
}

/* write() from an unmapped buffer is EFAULT and queues nothing. */
TEST_F(audio, write_bad_pointer_efault)
{
	void *bad;

	bad = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, bad);
	EXPECT_EQ(-1, write(self->c.fd, bad, 2 * FRAME));
	EXPECT_EQ(EFAULT, errno);
	munmap(bad, 4096);
	ASSERT_EQ(0, fxs_test_wait_frames(self->c.index, 5, EVENT_TIMEOUT_MS));
	EXPECT_EQ(0, fxs_test_downlink_read(self->c.index, self->c.pcm,
					    CAPTURE_MAX));
	ASSERT_NO_EVENT(self->c.fd);
}

/* Inject DTMF bursts into the uplink and collect the DTMF digits. */
static void inject_dtmf(struct __test_metadata *_metadata, unsigned int index,
			int16_t *pcm, size_t lead, const char *digits,
			double dbm0, unsigned int on_ms)
{
	size_t n;

	memset(pcm, 0, lead * sizeof(*pcm));
	n = fxs_test_dtmf_gen(pcm + lead, CAPTURE_MAX - lead, digits, dbm0,
			      on_ms, 60);
	ASSERT_LT(0U, n);
	ASSERT_EQ(0, fxs_test_uplink_write(index, pcm, lead + n));
	ASSERT_EQ(0, fxs_test_uplink_drain(index, 60000));
	/* the detector decides within a few frames after the last burst */
	ASSERT_EQ(0, fxs_test_wait_frames(index, 10, EVENT_TIMEOUT_MS));
}

/* All 16 digits at -10 dBm0, 60 ms on / 60 ms off, come in order. */
TEST_F_TIMEOUT(audio, dtmf_all_digits, 90)
{
	struct fxs_event ev, prev = { 0 };
	int i;

	inject_dtmf(_metadata, self->c.index, self->c.pcm, 0, DIGITS, -10, 60);
	for (i = 0; DIGITS[i]; i++) {
		EXPECT_NEXT(self->c.fd, &ev, FXS_EVENT_DTMF);
		EXPECT_EQ((uint32_t)DIGITS[i], ev.value)
			TH_LOG("digit %d: got '%c'", i, (char)ev.value);
		if (i) {
			EXPECT_EQ(prev.seqno + 1, ev.seqno);
			EXPECT_LE(prev.timestamp_ns, ev.timestamp_ns);
		}
		prev = ev;
	}
	ASSERT_NO_EVENT(self->c.fd);
}

/* Digits starting mid-frame (not block aligned) come in order. */
TEST_F_TIMEOUT(audio, dtmf_unaligned, 90)
{
	struct fxs_event ev;
	int i;

	inject_dtmf(_metadata, self->c.index, self->c.pcm, 37, "159#D*0", -10, 60);
	for (i = 0; "159#D*0"[i]; i++) {
		EXPECT_NEXT(self->c.fd, &ev, FXS_EVENT_DTMF);
		EXPECT_EQ((uint32_t)"159#D*0"[i], ev.value);
	}
	ASSERT_NO_EVENT(self->c.fd);
}

/* 20 ms bursts are too short to be digits. */
TEST_F_TIMEOUT(audio, dtmf_short_ignored, 90)
{
	inject_dtmf(_metadata, self->c.index, self->c.pcm, 0, "123A", -10, 20);
	inject_dtmf(_metadata, self->c.index, self->c.pcm, 40, "456B", -10, 20);
	ASSERT_NO_EVENT(self->c.fd);
}

/*
 * Stores to line attributes while a digit is held never report it twice:
 * the same value again, other settings, and DTMF limits that still accept
 * the tone.
 */
TEST_F_TIMEOUT(audio, dtmf_held_digit_survives_stores, 90)
{
	static const char *const stores[][2] = {
		{ "ring_frequency", "25" },
		{ "ring_voltage", "75" },
		{ "hook_debounce_ms", "20" },
		{ "flash_min_ms", "120" },
		{ "ring_cadence", "60(2/4)" },
		{ "tone_dial", "350@-19,440@-19;10(*/0/1+2)" },
		{ "dtmf_min_level", "-30" },
		{ "dtmf_min_level", "-35" },
		{ "dtmf_twist_normal", "9" },
		{ "dtmf_twist_reverse", "5" },
	};
	struct fxs_event ev;
	char pending[32];
	size_t i, n;

	n = fxs_test_dtmf_gen(self->c.pcm, CAPTURE_MAX, "5", -10, 4000, 100);
	ASSERT_LT(0U, n);
	ASSERT_EQ(0, fxs_test_uplink_write(self->c.index, self->c.pcm, n));
	EXPECT_NEXT(self->c.fd, &ev, FXS_EVENT_DTMF);
	EXPECT_EQ((uint32_t)'5', ev.value);
	for (i = 0; i < ARRAY_SIZE(stores); i++) {
		ASSERT_EQ(0, fxs_test_line_attr_set(self->c.index, stores[i][0],
						    stores[i][1]))
			TH_LOG("%s '%s'", stores[i][0], stores[i][1]);
		/* a restarted detector would decide again within 4 frames */
		ASSERT_EQ(0, fxs_test_wait_frames(self->c.index, 6,
						  EVENT_TIMEOUT_MS));
	}
	/* the tone was still playing through every store */
	ASSERT_EQ(0, fxs_test_sim_read(self->c.index, "uplink_pending",
				       pending, sizeof(pending)));
	ASSERT_NE(0, strcmp(pending, "0"));
	ASSERT_EQ(0, fxs_test_uplink_drain(self->c.index, 60000));
	ASSERT_EQ(0, fxs_test_wait_frames(self->c.index, 10, EVENT_TIMEOUT_MS));
	ASSERT_NO_EVENT(self->c.fd);
}

/* Bursts below the line's dtmf_min_level are ignored until it is lowered. */
TEST_F_TIMEOUT(audio, dtmf_min_level, 90)
{
	struct fxs_event ev;

	/* default minimum is -30 dBm0 per tone */
	inject_dtmf(_metadata, self->c.index, self->c.pcm, 0, "73", -38, 60);
	ASSERT_NO_EVENT(self->c.fd);
	ASSERT_EQ(0, fxs_test_line_attr_set(self->c.index, "dtmf_min_level",
					    "-45"));
	inject_dtmf(_metadata, self->c.index, self->c.pcm, 0, "73", -38, 60);
	EXPECT_NEXT(self->c.fd, &ev, FXS_EVENT_DTMF);
	EXPECT_EQ((uint32_t)'7', ev.value);
	EXPECT_NEXT(self->c.fd, &ev, FXS_EVENT_DTMF);
	EXPECT_EQ((uint32_t)'3', ev.value);
}

/* The sim's hardware digit input is refused on a board without it. */
TEST_F(audio, hw_digit_unsupported)
{
	EXPECT_EQ(-EOPNOTSUPP, fxs_test_digit(self->c.index, '5'));
	ASSERT_NO_EVENT(self->c.fd);
}

/* A board whose chip decodes DTMF itself */
FIXTURE(hwdtmf) {
	struct line_ctx c;
};

FIXTURE_SETUP(hwdtmf)
{
	line_setup(_metadata, &self->c, "hwdtmf", true);
}

FIXTURE_TEARDOWN(hwdtmf)
{
	line_teardown(_metadata, &self->c);
}

/* The line reports FXS_LINE_CAP_HW_DTMF. */
TEST_F(hwdtmf, caps)
{
	struct fxs_line_info info;

	ASSERT_EQ(0, ioctl(self->c.fd, FXS_IOC_GET_LINE_INFO, &info));
	EXPECT_EQ((uint64_t)(FXS_LINE_CAP_RING | FXS_LINE_CAP_PCM |
			     FXS_LINE_CAP_HW_DTMF), info.caps);
}

/* Hardware digits arrive as the same DTMF events, in order. */
TEST_F(hwdtmf, digits)
{
	struct fxs_event ev, prev = { 0 };
	int i, ret;

	for (i = 0; DIGITS[i]; i++) {
		/* the sim queues 16 digits per frame */
		while ((ret = fxs_test_digit(self->c.index, DIGITS[i])) ==
		       -ENOSPC)
			usleep(5000);
		ASSERT_EQ(0, ret);
	}
	for (i = 0; DIGITS[i]; i++) {
		EXPECT_NEXT(self->c.fd, &ev, FXS_EVENT_DTMF);
		EXPECT_EQ((uint32_t)DIGITS[i], ev.value);
		if (i)
			EXPECT_EQ(prev.seqno + 1, ev.seqno);
		prev = ev;
	}
	ASSERT_NO_EVENT(self->c.fd);
}

/* The sim refuses digits outside "0123456789*#ABCD". */
TEST_F(hwdtmf, bad_digit)
{
	ASSERT_EQ(0, fxs_test_wait_frames(self->c.index, 2, EVENT_TIMEOUT_MS));
	EXPECT_EQ(-EINVAL, fxs_test_digit(self->c.index, 'E'));
	EXPECT_EQ(-EINVAL, fxs_test_digit(self->c.index, 'a'));
	ASSERT_EQ(0, fxs_test_wait_frames(self->c.index, 3, EVENT_TIMEOUT_MS));
	ASSERT_NO_EVENT(self->c.fd);
}

/* With hardware DTMF the software detector stays off: PCM gives nothing. */
TEST_F_TIMEOUT(hwdtmf, pcm_not_decoded, 90)
{
	inject_dtmf(_metadata, self->c.index, self->c.pcm, 0, "0123", -10, 60);
	ASSERT_NO_EVENT(self->c.fd);
}

TEST_HARNESS_MAIN
