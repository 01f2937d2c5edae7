// SPDX-License-Identifier: GPL-2.0
/*
 * log_ring.c - the bounded in-memory ring of the daemon's recent log
 * lines. The daemon is single-threaded; the ring is its one log, so its
 * state is the file's own.
 */
#include <string.h>

#include "log_ring.h"

struct log_line {
	time_t when;
	int priority;
	char text[LOG_RING_TEXT];
};

static struct log_line ring[LOG_RING_LINES];
static unsigned long ring_total;	/* lines ever added */

void log_ring_add(int priority, time_t when, const char *text)
{
	struct log_line *l = &ring[ring_total % LOG_RING_LINES];
	size_t n = strlen(text);

	if (n >= sizeof(l->text))
		n = sizeof(l->text) - 1;
	memcpy(l->text, text, n);
	l->text[n] = '\0';
	/* one line each: a newline inside would fake another */
	for (char *c = l->text; *c; c++)
		if (*c == '\n' || *c == '\r')
			*c = ' ';
	l->when = when;
	l->priority = priority;
	ring_total++;
}

size_t log_ring_count(void)
{
	return ring_total < LOG_RING_LINES ? ring_total : LOG_RING_LINES;
}

unsigned long log_ring_total(void)
{
	return ring_total;
}

const char *log_ring_at(size_t i, int *priority, time_t *when)
{
	const struct log_line *l;
	unsigned long first = ring_total - log_ring_count();

	if (i >= log_ring_count())
		return NULL;
	l = &ring[(first + i) % LOG_RING_LINES];
	if (priority)
		*priority = l->priority;
	if (when)
		*when = l->when;
	return l->text;
}

void log_ring_clear(void)
{
	ring_total = 0;
}
