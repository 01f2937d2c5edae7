// SPDX-License-Identifier: GPL-2.0
/* test_line.c: one line's event decoding, state, consumer callbacks and
 * paced PCM writes, over a socketpair standing in for /dev/fxsN (the
 * line adopts one end; the test plays the kernel at the other). Real
 * devices are in the VM tests (tests/kselftest/fxsd_events.sh). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <linux/fxs.h>

/* syslog goes to stderr, into a file the cases read; the harness keeps
 * the first stderr */
static FILE *harness_err;
#define TH_LOG_STREAM (harness_err ? harness_err : stderr)
#include "kselftest_harness.h"
#include "line.h"
#include "loop.h"
#include "util.h"

/* what the consumer heard, as "offhook;digit 1;...;" */
struct heard {
	char log[4096];
	struct line *gone;
};

static void note(struct heard *h, const char *fmt, unsigned int v)
{
	size_t n = strlen(h->log);

	snprintf(h->log + n, sizeof(h->log) - n, fmt, v);
}

static void h_offhook(void *arg, struct line *ln)
{
	(void)ln;
	note(arg, "offhook;", 0);
}

static void h_onhook(void *arg, struct line *ln)
{
	(void)ln;
	note(arg, "onhook;", 0);
}

static void h_flash(void *arg, struct line *ln, unsigned int ms)
{
	(void)ln;
	note(arg, "flash %u;", ms);
}

static void h_digit(void *arg, struct line *ln, char digit)
{
	(void)ln;
	note(arg, "digit %c;", (unsigned char)digit);
}

static void h_playback_done(void *arg, struct line *ln, unsigned int reason)
{
	(void)ln;
	note(arg, "played %u;", reason);
}

static void h_gone(void *arg, struct line *ln)
{
	struct heard *h = arg;

	h->gone = ln;
	note(h, "gone;", 0);
}

static const struct line_ops heard_ops = {
	.offhook = h_offhook,
	.onhook = h_onhook,
	.flash = h_flash,
	.digit = h_digit,
	.playback_done = h_playback_done,
	.gone = h_gone,
};

FIXTURE(line) {
	struct loop *loop;
	struct line *ln;
	int peer;
	struct heard heard;
	char log_path[64];
};

FIXTURE_SETUP(line)
{
	int sv[2], small = 4096;

	memset(&self->heard, 0, sizeof(self->heard));
	/* syslog also goes to stderr, into a file the cases read */
	snprintf(self->log_path, sizeof(self->log_path),
		 "/tmp/test_line.%d.log", getpid());
	ASSERT_EQ(0, util_log_to_file(self->log_path, "test_line", &harness_err));
	ASSERT_EQ(0, loop_new(&self->loop));
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK |
				SOCK_CLOEXEC, 0, sv));
	self->peer = sv[1];
	/* a small send buffer: a long clip takes several writes */
	ASSERT_EQ(0, setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &small,
				sizeof(small)));
	ASSERT_EQ(0, line_adopt(self->loop, sv[0], "fxs9", &heard_ops,
				&self->heard, &self->ln));
}

FIXTURE_TEARDOWN(line)
{
	line_close(self->ln);
	if (self->peer >= 0)
		close(self->peer);
	loop_free(self->loop);
	unlink(self->log_path);
}

/* the "kernel" queues one event */
static int send_event(int fd, uint32_t type, uint32_t value, uint32_t dropped)
{
	static uint32_t seqno;
	struct fxs_event ev = { .seqno = ++seqno, .type = type,
				.value = value, .dropped = dropped };

	return write(fd, &ev, sizeof(ev)) == sizeof(ev) ? 0 : -1;
}

TEST_F(line, starts_onhook_without_digits)
{
	EXPECT_STREQ("fxs9", line_name(self->ln));
	EXPECT_EQ(0, line_offhook(self->ln));
	EXPECT_STREQ("", line_digits(self->ln));
	line_dispatch(self->ln, EPOLLIN);	/* nothing queued */
	EXPECT_STREQ("", self->heard.log);
}

TEST_F(line, offhook_digits_flash_onhook)
{
	ASSERT_EQ(0, send_event(self->peer, FXS_EVENT_OFFHOOK, 0, 0));
	ASSERT_EQ(0, send_event(self->peer, FXS_EVENT_DTMF, '1', 0));
	ASSERT_EQ(0, send_event(self->peer, FXS_EVENT_DTMF, '#', 0));
	ASSERT_EQ(0, send_event(self->peer, FXS_EVENT_FLASH, 300, 0));
	ASSERT_EQ(0, send_event(self->peer, FXS_EVENT_DTMF, 'D', 0));
	line_dispatch(self->ln, EPOLLIN);
	EXPECT_EQ(1, line_offhook(self->ln));
	EXPECT_STREQ("1#D", line_digits(self->ln));
	ASSERT_EQ(0, send_event(self->peer, FXS_EVENT_ONHOOK, 950, 0));
	line_dispatch(self->ln, EPOLLIN);
	EXPECT_EQ(0, line_offhook(self->ln));
	EXPECT_STREQ("1#D", line_digits(self->ln));	/* kept until off-hook */
	EXPECT_STREQ("offhook;digit 1;digit #;flash 300;digit D;onhook;",
		     self->heard.log);
}

TEST_F(line, offhook_clears_the_digits)
{
	ASSERT_EQ(0, send_event(self->peer, FXS_EVENT_OFFHOOK, 0, 0));
	ASSERT_EQ(0, send_event(self->peer, FXS_EVENT_DTMF, '5', 0));
	ASSERT_EQ(0, send_event(self->peer, FXS_EVENT_ONHOOK, 950, 0));
	ASSERT_EQ(0, send_event(self->peer, FXS_EVENT_OFFHOOK, 0, 0));
	line_dispatch(self->ln, EPOLLIN);
	EXPECT_STREQ("", line_digits(self->ln));
	EXPECT_EQ(1, line_offhook(self->ln));
}

TEST_F(line, keeps_the_last_digits)
{
	const char *typed = "0123456789*#ABCD0123456789*#ABCD0123";
	size_t i;

	ASSERT_EQ(0, send_event(self->peer, FXS_EVENT_OFFHOOK, 0, 0));
	for (i = 0; typed[i]; i++)
		ASSERT_EQ(0, send_event(self->peer, FXS_EVENT_DTMF,
					(unsigned char)typed[i], 0));
	line_dispatch(self->ln, EPOLLIN);
	EXPECT_EQ(LINE_DIGITS_MAX, strlen(line_digits(self->ln)));
	EXPECT_STREQ(typed + strlen(typed) - LINE_DIGITS_MAX,
		     line_digits(self->ln));
}

TEST_F(line, repeated_hook_state_is_not_an_event)
{
	ASSERT_EQ(0, send_event(self->peer, FXS_EVENT_ONHOOK, 950, 0));
	ASSERT_EQ(0, send_event(self->peer, FXS_EVENT_OFFHOOK, 0, 0));
	ASSERT_EQ(0, send_event(self->peer, FXS_EVENT_OFFHOOK, 0, 0));
	line_dispatch(self->ln, EPOLLIN);
	EXPECT_STREQ("offhook;", self->heard.log);
}

TEST_F(line, bad_digits_are_ignored)
{
	ASSERT_EQ(0, send_event(self->peer, FXS_EVENT_OFFHOOK, 0, 0));
	ASSERT_EQ(0, send_event(self->peer, FXS_EVENT_DTMF, 'x', 0));
	ASSERT_EQ(0, send_event(self->peer, FXS_EVENT_DTMF, 0, 0));
	ASSERT_EQ(0, send_event(self->peer, FXS_EVENT_DTMF, 0x131, 0));
	ASSERT_EQ(0, send_event(self->peer, FXS_EVENT_DTMF, 'a', 0));
	ASSERT_EQ(0, send_event(self->peer, FXS_EVENT_DTMF, '7', 0));
	line_dispatch(self->ln, EPOLLIN);
	EXPECT_STREQ("7", line_digits(self->ln));
	EXPECT_STREQ("offhook;digit 7;", self->heard.log);
}

TEST_F(line, unknown_and_unused_types_are_ignored)
{
	ASSERT_EQ(0, send_event(self->peer, 0, 0, 0));
	ASSERT_EQ(0, send_event(self->peer, 99, 1, 0));
	ASSERT_EQ(0, send_event(self->peer, 0xffffffff, 1, 0));
	ASSERT_EQ(0, send_event(self->peer, FXS_EVENT_RING_START, 0, 0));
	ASSERT_EQ(0, send_event(self->peer, FXS_EVENT_TONE_DONE, 1, 0));
	ASSERT_EQ(0, send_event(self->peer, FXS_EVENT_CPC_START, 300, 0));
	ASSERT_EQ(0, send_event(self->peer, FXS_EVENT_OFFHOOK, 0, 0));
	line_dispatch(self->ln, EPOLLIN);
	EXPECT_STREQ("offhook;", self->heard.log);
	EXPECT_EQ(NULL, self->heard.gone);
}

TEST_F(line, playback_done_and_its_reason)
{
	ASSERT_EQ(0, send_event(self->peer, FXS_EVENT_PLAYBACK_DONE,
				FXS_PLAYBACK_DRAINED, 0));
	ASSERT_EQ(0, send_event(self->peer, FXS_EVENT_PLAYBACK_DONE,
				FXS_PLAYBACK_FLUSHED, 0));
	line_dispatch(self->ln, EPOLLIN);
	EXPECT_STREQ("played 0;played 1;", self->heard.log);
}

TEST_F(line, lost_events_logged_and_the_record_kept)
{
	ASSERT_EQ(0, send_event(self->peer, FXS_EVENT_OFFHOOK, 0, 3));
	line_dispatch(self->ln, EPOLLIN);
	EXPECT_STREQ("offhook;", self->heard.log);
	EXPECT_EQ(1, util_count_lines(self->log_path, "3 events lost"));
}

TEST_F(line, short_read_logged_once_and_dropped)
{
	char half[sizeof(struct fxs_event) / 2] = { 1 };

	ASSERT_EQ(sizeof(half), write(self->peer, half, sizeof(half)));
	line_dispatch(self->ln, EPOLLIN);
	ASSERT_EQ(sizeof(half), write(self->peer, half, sizeof(half)));
	line_dispatch(self->ln, EPOLLIN);
	EXPECT_EQ(1, util_count_lines(self->log_path, "not whole"));
	EXPECT_STREQ("", self->heard.log);
	/* whole records after it are read as ever */
	ASSERT_EQ(0, send_event(self->peer, FXS_EVENT_OFFHOOK, 0, 0));
	line_dispatch(self->ln, EPOLLIN);
	EXPECT_STREQ("offhook;", self->heard.log);
	EXPECT_EQ(NULL, self->heard.gone);
}

TEST_F(line, end_of_file_is_gone_after_the_queued_events)
{
	ASSERT_EQ(0, send_event(self->peer, FXS_EVENT_OFFHOOK, 0, 0));
	close(self->peer);
	self->peer = -1;
	line_dispatch(self->ln, EPOLLIN | EPOLLHUP);
	EXPECT_STREQ("offhook;gone;", self->heard.log);
	EXPECT_EQ(self->ln, self->heard.gone);
	EXPECT_EQ(1, util_count_lines(self->log_path, "fxs9: gone"));
	/* no longer watched: nothing more, and play is refused */
	line_dispatch(self->ln, EPOLLIN);
	EXPECT_STREQ("offhook;gone;", self->heard.log);
	EXPECT_EQ(-ENODEV, line_play(self->ln, "ab", 2));
}

TEST_F(line, hangup_without_eof_is_gone)
{
	line_dispatch(self->ln, EPOLLHUP | EPOLLERR);
	EXPECT_STREQ("gone;", self->heard.log);
}

TEST_F(line, play_writes_at_once_what_fits)
{
	char buf[16];

	EXPECT_EQ(0, line_play(self->ln, "0123456789", 10));
	EXPECT_EQ(0, line_play_queued(self->ln));
	EXPECT_EQ(10, read(self->peer, buf, sizeof(buf)));
	EXPECT_EQ(0, memcmp(buf, "0123456789", 10));
}

TEST_F(line, play_refuses_bad_lengths_and_keeps_the_queue)
{
	static char big[LINE_PLAY_MAX + 2];

	EXPECT_EQ(-EINVAL, line_play(self->ln, "abc", 3));
	EXPECT_EQ(-ENOSPC, line_play(self->ln, big, sizeof(big)));
	EXPECT_EQ(0, line_play_queued(self->ln));
	EXPECT_EQ(0, line_play(self->ln, "", 0));
}

TEST_F(line, play_to_a_closed_peer_fails_and_drops)
{
	close(self->peer);
	self->peer = -1;
	EXPECT_EQ(-EPIPE, line_play(self->ln, "abcd", 4));
	EXPECT_EQ(0, line_play_queued(self->ln));
	EXPECT_EQ(1, util_count_lines(self->log_path, "4 bytes of PCM dropped"));
}

/* the far end of a paced playback: reads everything, then ends the loop */
struct sink {
	int fd;
	unsigned char got[LINE_PLAY_MAX * 2];
	size_t n, want;
	unsigned int wakeups;
};

static void on_sink(struct loop *l, int fd, uint32_t events, void *arg)
{
	struct sink *k = arg;
	ssize_t r;

	(void)events;
	k->wakeups++;
	/* a little at a time, so the line waits for room */
	r = read(fd, k->got + k->n, 1024);
	if (r > 0)
		k->n += (size_t)r;
	if (k->n >= k->want)
		loop_quit(l);
}

TEST_F(line, play_is_paced_by_epollout_in_the_loop)
{
	static struct sink k;
	static unsigned char pcm[LINE_PLAY_MAX];
	size_t i, second;

	for (i = 0; i < sizeof(pcm); i++)
		pcm[i] = (unsigned char)(i * 7 + i / 251);
	k = (struct sink){ .fd = self->peer };
	ASSERT_EQ(0, loop_add_fd(self->loop, self->peer, EPOLLIN, on_sink, &k));
	ASSERT_EQ(0, line_play(self->ln, pcm, sizeof(pcm)));
	ASSERT_LT(0, line_play_queued(self->ln));	/* more than fits */
	/* a second clip fills the queue to the brim, and no more goes in */
	second = sizeof(pcm) - line_play_queued(self->ln);
	ASSERT_EQ(0, line_play(self->ln, pcm, second));
	EXPECT_EQ(LINE_PLAY_MAX, line_play_queued(self->ln));
	EXPECT_EQ(-ENOSPC, line_play(self->ln, pcm, 2));
	k.want = sizeof(pcm) + second;
	ASSERT_EQ(0, loop_run(self->loop));
	EXPECT_EQ(0, line_play_queued(self->ln));
	EXPECT_EQ(k.want, k.n);
	EXPECT_LT(1, k.wakeups);
	/* both clips whole and in order */
	EXPECT_EQ(0, memcmp(k.got, pcm, sizeof(pcm)));
	EXPECT_EQ(0, memcmp(k.got + sizeof(pcm), pcm, second));
	loop_del_fd(self->loop, self->peer);
}

TEST_F(line, play_stop_drops_the_queue)
{
	static unsigned char pcm[LINE_PLAY_MAX];

	ASSERT_EQ(0, line_play(self->ln, pcm, sizeof(pcm)));
	ASSERT_LT(0, line_play_queued(self->ln));
	line_play_stop(self->ln);
	EXPECT_EQ(0, line_play_queued(self->ln));
	line_dispatch(self->ln, EPOLLOUT);	/* nothing left to write */
	EXPECT_EQ(0, line_play_queued(self->ln));
}

TEST(open_refuses_what_is_not_a_line)
{
	struct loop *l;
	struct line *ln = NULL;

	ASSERT_EQ(0, loop_new(&l));
	EXPECT_EQ(-ENOTTY, line_open(l, "/dev/null", NULL, NULL, &ln));
	EXPECT_EQ(-ENOENT, line_open(l, "/nonexistent-fxsd/fxs0", NULL, NULL,
				     &ln));
	EXPECT_EQ(NULL, ln);
	loop_free(l);
}

TEST_HARNESS_MAIN
