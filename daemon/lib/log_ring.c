// SPDX-License-Identifier: GPL-2.0
/*
 * log_ring.c - the bounded in-memory ring of the daemon's recent log
 * lines. The daemon is single-threaded; the ring is its one log, so its
 * state is the file's own. Each line's text is allocated to its length;
 * the oldest lines go when LOG_RING_LINES or LOG_RING_BYTES would be
 * passed, so the memory held stays bounded and a steady log reuses it.
 */
#include <stdlib.h>
#include <string.h>

#include "log_ring.h"

struct log_line {
	time_t when;
	int priority;
	char *text;
};

static struct log_line ring[LOG_RING_LINES];
static unsigned long ring_total;	/* lines ever added */
static size_t ring_count;		/* lines held, the newest ones */
static size_t ring_bytes;		/* their text, NULs included */

static struct log_line *ring_line(unsigned long seq)
{
	return &ring[seq % LOG_RING_LINES];
}

static void ring_drop_oldest(void)
{
	struct log_line *l = ring_line(ring_total - ring_count);

	ring_bytes -= strlen(l->text) + 1;
	free(l->text);
	l->text = NULL;
	ring_count--;
}

/* a copy of text on one line, cut to LOG_RING_TEXT - 1 bytes */
static char *line_copy(const char *text)
{
	size_t n = strnlen(text, LOG_RING_TEXT - 1);
	char *t = malloc(n + 1);

	if (!t)
		return NULL;
	memcpy(t, text, n);
	t[n] = '\0';
	/* one line each: a newline inside would fake another */
	for (char *c = t; *c; c++)
		if (*c == '\n' || *c == '\r')
			*c = ' ';
	return t;
}

void log_ring_add(int priority, time_t when, const char *text)
{
	char *t = line_copy(text);
	size_t need;

	if (!t)
		return;		/* out of memory: the line is only lost here */
	need = strlen(t) + 1;
	while (ring_count &&
	       (ring_count == LOG_RING_LINES || ring_bytes + need > LOG_RING_BYTES))
		ring_drop_oldest();
	*ring_line(ring_total) = (struct log_line){ .when = when,
						    .priority = priority,
						    .text = t };
	ring_total++;
	ring_count++;
	ring_bytes += need;
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
	return l->text;
}

void log_ring_clear(void)
{
	while (ring_count)
		ring_drop_oldest();
	ring_total = 0;
}
