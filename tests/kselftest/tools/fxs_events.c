// SPDX-License-Identifier: GPL-2.0
/*
 * fxs_events.c - in-guest helper for the shell tests: prints a line's
 * events for a while. usage: fxs-events /dev/fxsN MS; prints one event a
 * line ("offhook 0", "onhook 950", "flash 300", "dtmf 5", "ring_start 0",
 * other types by number) as they arrive, for MS ms; exits 0, or 1 with the
 * reason.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <linux/fxs.h>

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static void print_event(const struct fxs_event *ev)
{
	static const char *const names[] = {
		[FXS_EVENT_OFFHOOK] = "offhook", [FXS_EVENT_ONHOOK] = "onhook",
		[FXS_EVENT_FLASH] = "flash", [FXS_EVENT_DTMF] = "dtmf",
		[FXS_EVENT_RING_START] = "ring_start",
		[FXS_EVENT_RING_STOP] = "ring_stop",
	};

	if (ev->type == FXS_EVENT_DTMF)
		printf("dtmf %c\n", (char)ev->value);
	else if (ev->type < sizeof(names) / sizeof(names[0]) && names[ev->type])
		printf("%s %u\n", names[ev->type], ev->value);
	else
		printf("%u %u\n", ev->type, ev->value);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	struct fxs_event ev;
	struct pollfd pfd;
	long long end;
	ssize_t n;
	char *rest;
	long ms;

	ms = argc == 3 ? strtol(argv[2], &rest, 10) : -1;
	if (argc != 3 || *rest || ms < 0) {
		fprintf(stderr, "usage: fxs-events /dev/fxsN MS\n");
		return 1;
	}
	pfd.fd = open(argv[1], O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (pfd.fd < 0) {
		fprintf(stderr, "fxs-events: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	pfd.events = POLLIN;
	end = now_ms() + ms;
	while (now_ms() < end) {
		if (poll(&pfd, 1, (int)(end - now_ms())) <= 0)
			continue;
		n = read(pfd.fd, &ev, sizeof(ev));
		if (n == (ssize_t)sizeof(ev))
			print_event(&ev);
		else if (n < 0 && errno != EAGAIN)
			break;
	}
	close(pfd.fd);
	return 0;
}
