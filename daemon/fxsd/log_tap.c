// SPDX-License-Identifier: GPL-2.0
/*
 * log_tap.c: every syslog() call of fxsd (its own and libfxsd's) also
 * lands in the in-memory log ring (log_ring.h) that the web's Control
 * Logs page shows. fxsd is linked with -Wl,--wrap=syslog (and
 * __syslog_chk, the _FORTIFY_SOURCE spelling): calls reach these
 * functions, which keep a copy and hand the message on to vsyslog().
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <syslog.h>
#include <time.h>

#include "log_ring.h"
#include "log_tap.h"

static void log_tap_keep(int priority, const char *fmt, va_list ap)
{
	char text[LOG_RING_TEXT];

	/* glibc's printf knows %m, as syslog's format does */
	vsnprintf(text, sizeof(text), fmt, ap);
	log_ring_add(LOG_PRI(priority), time(NULL), text);
}

/* keeps a copy, then logs: errno is kept for vsyslog's %m */
static void log_tap_vsyslog(int priority, const char *fmt, va_list ap)
{
	int saved = errno;
	va_list copy;

	va_copy(copy, ap);
	log_tap_keep(priority, fmt, copy);
	va_end(copy);
	errno = saved;
	vsyslog(priority, fmt, ap);
}

void __wrap_syslog(int priority, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_tap_vsyslog(priority, fmt, ap);
	va_end(ap);
}

void __wrap___syslog_chk(int priority, int flag, const char *fmt, ...)
{
	va_list ap;

	(void)flag;
	va_start(ap, fmt);
	log_tap_vsyslog(priority, fmt, ap);
	va_end(ap);
}
