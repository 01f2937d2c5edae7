// SPDX-License-Identifier: GPL-2.0
/*
 * log_ring.c - the bounded in-memory ring of the daemon's recent log
 * lines. The daemon is single-threaded; the ring is its one log, so its
 * state is the file's own.
 *
 * The text lives in one buffer of LOG_RING_BYTES, made resident on the
 * first line, so the ring's memory is the same from the first line on and
 * a steady log neither grows the heap nor leaves holes in it. Lines are
 * written one after another, each in one piece: a line that does not fit
 * before the end starts again at offset 0 (the rest of the lap is left
 * unused). The oldest lines are dropped where a new one needs their
 * bytes, and when LOG_RING_LINES are held.
 */
#include <stdbool.h>
#include <string.h>

#include "log_ring.h"

struct log_line {
	time_t when;
	int priority;
	unsigned int off;	/* of its text in ring_text */
	unsigned int len;	/* its text's bytes, the NUL included */
};

static struct log_line ring[LOG_RING_LINES];
static char ring_text[LOG_RING_BYTES];
static bool ring_resident;		/* ring_text touched whole */
static unsigned long ring_total;	/* lines ever added */
static size_t ring_count;		/* lines held, the newest ones */
static unsigned int ring_head;		/* where the next line's text goes */

static struct log_line *ring_line(unsigned long seq)
{
	return &ring[seq % LOG_RING_LINES];
}

static const struct log_line *ring_oldest(void)
{
	return ring_count ? ring_line(ring_total - ring_count) : NULL;
}

/* true when the oldest line's text lies in [from, to) */
static int oldest_in(unsigned int from, unsigned int to)
{
	const struct log_line *l = ring_oldest();

	return l && l->off < to && l->off + l->len > from;
}

/* makes room for need bytes at ring_head, wrapping to 0 when they do not
 * fit before the end; the lines left past the old head are the oldest */
static void ring_make_room(unsigned int need)
{
	if (ring_head + need > LOG_RING_BYTES) {
		while (oldest_in(ring_head, LOG_RING_BYTES))
			ring_count--;
		ring_head = 0;
	}
	while (ring_count == LOG_RING_LINES ||
	       oldest_in(ring_head, ring_head + need))
		ring_count--;
}

void log_ring_add(int priority, time_t when, const char *text)
{
	unsigned int n = (unsigned int)strnlen(text, LOG_RING_TEXT - 1);
	struct log_line *l;
	char *t;

	if (!ring_resident) {
		/* resident now, not page by page as the log grows */
		memset(ring_text, 0, sizeof(ring_text));
		ring_resident = true;
	}
	ring_make_room(n + 1);
	t = ring_text + ring_head;
	memcpy(t, text, n);
	t[n] = '\0';
	/* one line each: a newline inside would fake another */
	for (char *c = t; *c; c++)
		if (*c == '\n' || *c == '\r')
			*c = ' ';
	l = ring_line(ring_total);
	*l = (struct log_line){ .when = when, .priority = priority,
				.off = ring_head, .len = n + 1 };
	ring_head += n + 1;
	ring_total++;
	ring_count++;
}

size_t log_ring_count(void)
{
	return ring_count;
}

unsigned long log_ring_total(void)
{
	return ring_total;
}

const char *log_ring_at(size_t i, int *priority, time_t *when)
{
	const struct log_line *l;

	if (i >= ring_count)
		return NULL;
	l = ring_line(ring_total - ring_count + i);
	if (priority)
		*priority = l->priority;
	if (when)
		*when = l->when;
	return ring_text + l->off;
}

void log_ring_clear(void)
{
	ring_count = 0;
	ring_total = 0;
	ring_head = 0;
}
