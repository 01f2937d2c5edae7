// SPDX-License-Identifier: GPL-2.0
/* line.h: the line state fxsd needs: is any FXS line in use (off-hook)? */
#ifndef FXSD_LINE_H
#define FXSD_LINE_H

#define LINE_DEFAULT_GLOB "/dev/fxs[0-9]*"

/* 1 when a line matching the glob pattern is off-hook, 0 when none is or
 * none exists. A device that cannot be opened or asked
 * (FXS_IOC_GET_LINE_INFO) is logged and counts as idle. */
int line_any_busy(const char *pattern);

#endif
