// SPDX-License-Identifier: GPL-2.0
/*
 * line.c: one /dev/fxsN in the event loop. Reads its struct fxs_event
 * records (the only file that does), keeps the hook state and the digits
 * typed since off-hook, tells the consumer (struct line_ops) of each event,
 * and writes queued PCM whenever the line is writable.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <linux/fxs.h>

#include "line.h"
#include "loop.h"

#define LINE_READ_BATCH 16

/**
 * struct line - one watched line
 * @loop: the loop it is watched in (until @gone)
 * @fd: the open device
 * @name: the kernel's name of the line
 * @ops: its consumer, with @arg
 * @offhook: the hook state, from the line info at open, then the events
 * @digits: the digits since the last off-hook, @ndigits of them
 * @pcm: the line takes PCM (FXS_LINE_CAP_PCM)
 * @dev: st_dev of the node it was opened from, with @ino (0 when adopted)
 * @out: PCM not yet written, from @out_off to @out_len (LINE_PLAY_MAX)
 * @want_out: EPOLLOUT is watched
 * @short_logged: a short read was logged already
 * @gone: the line vanished; it is no longer watched
 */
struct line {
	struct loop *loop;
	int fd;
	char name[FXS_MAX_NAME_SIZE];
	const struct line_ops *ops;
	void *arg;
	int offhook;
	char digits[LINE_DIGITS_MAX + 1];
	size_t ndigits;
	int pcm;
	uint64_t dev, ino;
	unsigned char *out;
	size_t out_off, out_len;
	int want_out;
	int short_logged;
	int gone;
};

static void on_fd(struct loop *l, int fd, uint32_t events, void *arg)
{
	(void)l;
	(void)fd;
	line_dispatch(arg, events);
}

static int watch_writable(struct line *ln, int on)
{
	int ret;

	if (ln->want_out == on || ln->gone)
		return 0;
	ret = loop_mod_fd(ln->loop, ln->fd, EPOLLIN | (on ? EPOLLOUT : 0));
	if (!ret)
		ln->want_out = on;
	return ret;
}

static void drop_queue(struct line *ln)
{
	ln->out_off = 0;
	ln->out_len = 0;
	watch_writable(ln, 0);
}

/* the line ended: unwatched, then the consumer told (it may free ln) */
static void end(struct line *ln, int err)
{
	if (err == -ENODEV || err == -EIO)
		syslog(LOG_NOTICE, "line %s: gone", ln->name);
	else
		syslog(LOG_WARNING, "line %s: %s; dropped", ln->name,
		       strerror(-err));
	drop_queue(ln);
	loop_del_fd(ln->loop, ln->fd);
	ln->gone = 1;
	if (ln->ops->gone)
		ln->ops->gone(ln->arg, ln);
}

static void add_digit(struct line *ln, char digit)
{
	if (ln->ndigits == LINE_DIGITS_MAX) {
		memmove(ln->digits, ln->digits + 1, LINE_DIGITS_MAX - 1);
		ln->ndigits--;
	}
	ln->digits[ln->ndigits++] = digit;
	ln->digits[ln->ndigits] = '\0';
}

static void on_hook_event(struct line *ln, int offhook)
{
	if (ln->offhook == offhook)
		return;	/* already known from the line info at open */
	ln->offhook = offhook;
	if (offhook) {
		ln->ndigits = 0;
		ln->digits[0] = '\0';
		if (ln->ops->offhook)
			ln->ops->offhook(ln->arg, ln);
	} else if (ln->ops->onhook) {
		ln->ops->onhook(ln->arg, ln);
	}
}

static void on_digit(struct line *ln, uint32_t value)
{
	if (!value || value > 0x7f || !strchr("0123456789*#ABCD", (int)value))
		return;	/* not a digit the uapi names */
	add_digit(ln, (char)value);
	if (ln->ops->digit)
		ln->ops->digit(ln->arg, ln, (char)value);
}

/* the hook state from the kernel; 0 or -errno (-ENOTTY: no FXS line) */
static int read_info(struct line *ln)
{
	struct fxs_line_info info;

	memset(&info, 0, sizeof(info));
	if (ioctl(ln->fd, FXS_IOC_GET_LINE_INFO, &info))
		return -errno;
	memcpy(ln->name, info.name, sizeof(ln->name));
	ln->name[sizeof(ln->name) - 1] = '\0';
	ln->offhook = info.offhook != 0;
	ln->pcm = (info.caps & FXS_LINE_CAP_PCM) != 0;
	return 0;
}

static void on_dropped(struct line *ln, uint32_t dropped)
{
	int was = ln->offhook;

	syslog(LOG_WARNING, "line %s: %u events lost; hook state read again",
	       ln->name, dropped);
	if (read_info(ln) || ln->offhook == was)
		return;
	ln->offhook = was;
	on_hook_event(ln, !was);
}

static void decode(struct line *ln, const struct fxs_event *ev)
{
	if (ev->dropped)
		on_dropped(ln, ev->dropped);
	switch (ev->type) {
	case FXS_EVENT_OFFHOOK:
		on_hook_event(ln, 1);
		break;
	case FXS_EVENT_ONHOOK:
		on_hook_event(ln, 0);
		break;
	case FXS_EVENT_FLASH:
		if (ln->ops->flash)
			ln->ops->flash(ln->arg, ln, ev->value);
		break;
	case FXS_EVENT_DTMF:
		on_digit(ln, ev->value);
		break;
	case FXS_EVENT_PLAYBACK_DONE:
		if (ln->ops->playback_done)
			ln->ops->playback_done(ln->arg, ln, ev->value);
		break;
	default:
		break;	/* ring, tone and CPC events, and unknown types */
	}
}

static void short_read(struct line *ln, size_t n)
{
	if (ln->short_logged)
		return;
	ln->short_logged = 1;
	syslog(LOG_ERR, "line %s: read gave %zu bytes, not whole %zu-byte events; the rest dropped",
	       ln->name, n, sizeof(struct fxs_event));
}

/* decodes every queued event; 0 when none is left, or the -errno that
 * ends the line (-ENODEV too for end of file) */
static int read_events(struct line *ln)
{
	struct fxs_event ev[LINE_READ_BATCH];
	size_t i, whole;
	ssize_t n;

	for (;;) {
		n = read(ln->fd, ev, sizeof(ev));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno == EAGAIN ? 0 : -errno;
		if (n == 0)
			return -ENODEV;
		whole = (size_t)n / sizeof(ev[0]);
		if ((size_t)n % sizeof(ev[0]))
			short_read(ln, (size_t)n);
		for (i = 0; i < whole; i++)
			decode(ln, &ev[i]);
	}
}

static int write_fatal(int err)
{
	return err == -ENODEV || err == -EIO || err == -EPIPE ||
	       err == -ECONNRESET;
}

/* writes what the line takes now and watches EPOLLOUT while some is left;
 * 0 or -errno */
static int write_queue(struct line *ln)
{
	ssize_t n;

	while (ln->out_off < ln->out_len) {
		n = write(ln->fd, ln->out + ln->out_off,
			  ln->out_len - ln->out_off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			break;
		if (n < 0)
			return -errno;
		ln->out_off += (size_t)n;
	}
	if (ln->out_off == ln->out_len)
		ln->out_off = ln->out_len = 0;
	return watch_writable(ln, ln->out_len > 0);
}

/* a write that failed: the queue is dropped; 1 when the line is gone */
static int write_failed(struct line *ln, int err)
{
	syslog(LOG_WARNING, "line %s: write: %s; %zu bytes of PCM dropped",
	       ln->name, strerror(-err), ln->out_len - ln->out_off);
	drop_queue(ln);
	return write_fatal(err);
}

void line_dispatch(struct line *ln, uint32_t events)
{
	int ret = 0;

	if (ln->gone)
		return;
	if (events & (EPOLLIN | EPOLLHUP | EPOLLERR))
		ret = read_events(ln);
	if (!ret && (events & EPOLLOUT)) {
		ret = write_queue(ln);
		if (ret && !write_failed(ln, ret))
			ret = 0;
	}
	if (!ret && (events & (EPOLLHUP | EPOLLERR)))
		ret = -ENODEV;
	if (ret)
		end(ln, ret);
}

static int watch(struct loop *l, struct line *ln, const struct line_ops *ops,
		 void *arg)
{
	static const struct line_ops none;

	ln->loop = l;
	ln->ops = ops ? ops : &none;
	ln->arg = arg;
	/* level-triggered: events queued before now wake the loop too */
	return loop_add_fd(l, ln->fd, EPOLLIN, on_fd, ln);
}

int line_adopt(struct loop *l, int fd, const char *name,
	       const struct line_ops *ops, void *arg, struct line **out)
{
	struct line *ln = calloc(1, sizeof(*ln));
	int ret;

	if (!ln)
		return -ENOMEM;
	ln->fd = fd;
	ln->pcm = 1;
	snprintf(ln->name, sizeof(ln->name), "%s", name);
	ret = watch(l, ln, ops, arg);
	if (ret) {
		free(ln);
		return ret;
	}
	*out = ln;
	return 0;
}

int line_open(struct loop *l, const char *path, const struct line_ops *ops,
	      void *arg, struct line **out)
{
	struct line *ln = calloc(1, sizeof(*ln));
	struct stat sb;
	int ret;

	if (!ln)
		return -ENOMEM;
	ln->fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (ln->fd < 0) {
		ret = -errno;
		goto out_free;
	}
	ret = read_info(ln);
	if (!ret && fstat(ln->fd, &sb))
		ret = -errno;
	if (ret)
		goto out_close;
	ln->dev = sb.st_dev;
	ln->ino = sb.st_ino;
	ret = watch(l, ln, ops, arg);
	if (ret)
		goto out_close;
	*out = ln;
	return 0;
out_close:
	close(ln->fd);
out_free:
	free(ln);
	return ret;
}

void line_close(struct line *ln)
{
	if (!ln)
		return;
	if (!ln->gone)
		loop_del_fd(ln->loop, ln->fd);
	close(ln->fd);
	free(ln->out);
	free(ln);
}

const char *line_name(const struct line *ln)
{
	return ln->name;
}

int line_offhook(const struct line *ln)
{
	return ln->offhook;
}

const char *line_digits(const struct line *ln)
{
	return ln->digits;
}

int line_is_node(const struct line *ln, uint64_t dev, uint64_t ino)
{
	return ln->ino && ln->dev == dev && ln->ino == ino;
}

int line_play(struct line *ln, const void *pcm, size_t len)
{
	size_t queued = ln->out_len - ln->out_off;
	int ret;

	if (len & 1)
		return -EINVAL;
	if (!ln->pcm)
		return -EOPNOTSUPP;
	if (ln->gone)
		return -ENODEV;
	if (len > LINE_PLAY_MAX - queued)
		return -ENOSPC;
	if (!ln->out)
		ln->out = malloc(LINE_PLAY_MAX);
	if (!ln->out)
		return -ENOMEM;
	memmove(ln->out, ln->out + ln->out_off, queued);
	memcpy(ln->out + queued, pcm, len);
	ln->out_off = 0;
	ln->out_len = queued + len;
	ret = write_queue(ln);
	if (ret)
		write_failed(ln, ret);
	return ret;
}

size_t line_play_queued(const struct line *ln)
{
	return ln->out_len - ln->out_off;
}

void line_play_stop(struct line *ln)
{
	drop_queue(ln);
	if (!ln->gone && ln->ino && ioctl(ln->fd, FXS_IOC_PLAYBACK_FLUSH))
		syslog(LOG_WARNING, "line %s: FXS_IOC_PLAYBACK_FLUSH: %m",
		       ln->name);
}
