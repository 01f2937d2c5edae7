// SPDX-License-Identifier: GPL-2.0
/*
 * fxs_ring.c - in-guest helper for the shell tests: rings a line with its
 * configured cadence (FXS_IOC_RING_START) or stops it (FXS_IOC_RING_STOP).
 * usage: fxs-ring start|stop /dev/fxsN; exits 0, or 1 with the reason.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/fxs.h>

int main(int argc, char **argv)
{
	unsigned long request;
	int fd, ret;

	if (argc != 3 || (strcmp(argv[1], "start") && strcmp(argv[1], "stop"))) {
		fprintf(stderr, "usage: fxs-ring start|stop /dev/fxsN\n");
		return 1;
	}
	request = strcmp(argv[1], "start") ? FXS_IOC_RING_STOP :
					      FXS_IOC_RING_START;
	fd = open(argv[2], O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "fxs-ring: %s: %s\n", argv[2], strerror(errno));
		return 1;
	}
	ret = ioctl(fd, request);
	if (ret)
		fprintf(stderr, "fxs-ring: %s %s: %s\n", argv[1], argv[2],
			strerror(errno));
	close(fd);
	return ret ? 1 : 0;
}
