// SPDX-License-Identifier: GPL-2.0
/* line.h: one FXS line (/dev/fxsN) followed in the event loop: its hook
 * state and digits from its events, a consumer told of each event, and
 * PCM written as fast as the line takes it. */
#ifndef FXSD_LINE_H
#define FXSD_LINE_H

#include <stddef.h>
#include <stdint.h>

struct line;
struct loop;

/* the digits kept per line: the last ones typed since off-hook */
#define LINE_DIGITS_MAX 32

/**
 * struct line_ops - what a line's consumer (the IVR, the lines set) hears;
 * every member may be NULL, and none may close the line except @gone
 * @offhook:  the handset went off-hook (the digits were cleared)
 * @onhook:   it went on-hook
 * @flash:    a hook flash of @ms
 * @digit:    a DTMF digit, one of "0123456789*#ABCD", was typed
 * @playback_done: the line's playback queue ran empty (@reason
 *            FXS_PLAYBACK_DRAINED) or was flushed (FXS_PLAYBACK_FLUSHED)
 * @gone:     the line vanished (read or write said ENODEV or EIO, or end of
 *            file); the line is no longer watched and must be closed with
 *            line_close() by this callback or soon after
 */
struct line_ops {
	void (*offhook)(void *arg, struct line *ln);
	void (*onhook)(void *arg, struct line *ln);
	void (*flash)(void *arg, struct line *ln, unsigned int ms);
	void (*digit)(void *arg, struct line *ln, char digit);
	void (*playback_done)(void *arg, struct line *ln, unsigned int reason);
	void (*gone)(void *arg, struct line *ln);
};

/* opens path (O_RDWR, non-blocking), asks FXS_IOC_GET_LINE_INFO for its
 * name and hook state, and watches it in l. 0 or -errno (-ENOTTY: not an
 * FXS line); free with line_close */
int line_open(struct loop *l, const char *path, const struct line_ops *ops,
	      void *arg, struct line **out);
/* the same over an fd already open (a socketpair in tests; the line takes
 * it and closes it), named name, on-hook and able to take PCM */
int line_adopt(struct loop *l, int fd, const char *name,
	       const struct line_ops *ops, void *arg, struct line **out);
/* stops watching, drops unwritten PCM, closes the fd, frees (NULL is
 * ignored) */
void line_close(struct line *ln);

/* the loop's callback, public for tests: EPOLLIN reads and decodes every
 * queued event, EPOLLOUT writes queued PCM, EPOLLHUP/EPOLLERR read what is
 * left and end in @gone. A short read (not whole struct fxs_event records)
 * is logged once per line and dropped; unknown event types are ignored. */
void line_dispatch(struct line *ln, uint32_t events);

/* "fxs0", from the kernel */
const char *line_name(const struct line *ln);
/* 1 off-hook, 0 on-hook */
int line_offhook(const struct line *ln);
/* the digits typed since the last off-hook (the last LINE_DIGITS_MAX),
 * NUL-terminated; kept after on-hook until the next off-hook */
const char *line_digits(const struct line *ln);
/* 1 when the line is the device node with this st_dev/st_ino */
int line_is_node(const struct line *ln, uint64_t dev, uint64_t ino);

/* the most PCM line_play holds unwritten (4 s at 8 kHz s16le) */
#define LINE_PLAY_MAX (4 * 8000 * 2)

/* queues len bytes of 8 kHz s16le PCM behind what is queued and writes as
 * much as the line takes now; the rest goes out when the line is writable
 * (EPOLLOUT). 0; -EINVAL for an odd len; -ENOSPC when it would hold more
 * than LINE_PLAY_MAX (nothing queued); -EOPNOTSUPP when the line has no
 * PCM; -ENOMEM */
int line_play(struct line *ln, const void *pcm, size_t len);
/* bytes queued and not yet written to the line */
size_t line_play_queued(const struct line *ln);
/* drops what is not yet written and flushes the kernel's queue
 * (FXS_IOC_PLAYBACK_FLUSH; a playback_done FLUSHED follows) */
void line_play_stop(struct line *ln);

#endif /* FXSD_LINE_H */
