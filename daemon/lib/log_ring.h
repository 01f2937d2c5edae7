// SPDX-License-Identifier: GPL-2.0
/*
 * log_ring.h - the daemon's recent log lines, kept in memory in a bounded
 * ring (the web's Info > Debug Info > Control Logs > messages): the
 * oldest line makes room for a new one.
 */
#ifndef FXSD_LOG_RING_H
#define FXSD_LOG_RING_H

#include <stddef.h>
#include <time.h>

#define LOG_RING_LINES	512	/* lines kept, at most */
#define LOG_RING_BYTES	32768	/* bytes of text kept, NULs included */
#define LOG_RING_TEXT	480	/* bytes of one line's text (longer: cut) */

/* adds one line (priority as syslog's, wall time when) */
void log_ring_add(int priority, time_t when, const char *text);
/* lines held, at most LOG_RING_LINES and LOG_RING_BYTES of text */
size_t log_ring_count(void);
/* lines ever added (so a reader can tell how many were dropped) */
unsigned long log_ring_total(void);
/* the i-th held line, oldest first; NULL when i >= log_ring_count() */
const char *log_ring_at(size_t i, int *priority, time_t *when);
/* forgets every line (tests) */
void log_ring_clear(void);

#endif /* FXSD_LOG_RING_H */
