// SPDX-License-Identifier: GPL-2.0
/* log_tap.h: fxsd's syslog() calls, copied into the log ring (the link
 * wraps syslog and __syslog_chk: -Wl,--wrap=..., daemon/fxsd.mk). */
#ifndef FXSD_LOG_TAP_H
#define FXSD_LOG_TAP_H

void __wrap_syslog(int priority, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void __wrap___syslog_chk(int priority, int flag, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* FXSD_LOG_TAP_H */
