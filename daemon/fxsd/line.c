// SPDX-License-Identifier: GPL-2.0
/*
 * line.c: asks every /dev/fxsN (FXS_IOC_GET_LINE_INFO) whether its handset
 * is off-hook, so that scheduled resyncs wait while a line is in use.
 */
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <linux/fxs.h>

#include "line.h"

/* 1 off-hook, 0 on-hook, -errno when the device cannot tell */
static int line_offhook(const char *path)
{
	struct fxs_line_info info;
	int fd, ret;

	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	memset(&info, 0, sizeof(info));
	ret = ioctl(fd, FXS_IOC_GET_LINE_INFO, &info);
	ret = ret ? -errno : info.offhook != 0;
	close(fd);
	return ret;
}

int line_any_busy(const char *pattern)
{
	glob_t g;
	size_t i;
	int ret, busy = 0;

	ret = glob(pattern, 0, NULL, &g);
	if (ret) {
		if (ret != GLOB_NOMATCH)
			syslog(LOG_WARNING, "line: glob '%s' failed", pattern);
		globfree(&g);
		return 0;
	}
	for (i = 0; i < g.gl_pathc && !busy; i++) {
		ret = line_offhook(g.gl_pathv[i]);
		if (ret < 0)
			syslog(LOG_WARNING, "line: %s: FXS_IOC_GET_LINE_INFO: %s; counted idle",
			       g.gl_pathv[i], strerror(-ret));
		else
			busy = ret;
	}
	globfree(&g);
	return busy;
}
