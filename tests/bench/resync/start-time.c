// SPDX-License-Identifier: GPL-2.0
/*
 * start-time.c: how long fxsd takes from exec to its first control-socket
 * answer.
 *   start-time RUNS SOCKET FXSD [ARG...]
 * Starts FXSD ARG... RUNS times; each time it connects to SOCKET every
 * 100 us until "status" is answered "OK", then stops fxsd with SIGTERM.
 * Prints the median in microseconds, or "FAIL" when a run got no answer
 * within 10 s.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench-time.h"

#define MAX_RUNS 200
#define GIVE_UP_US 10e6

/* 1 when the socket answers "status" with OK */
static int answered(const char *path)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	char buf[8] = "";
	int fd, ok = 0;

	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return 0;
	if (!connect(fd, (struct sockaddr *)&sun, sizeof(sun)) &&
	    write(fd, "status\n", 7) == 7 && read(fd, buf, 3) == 3)
		ok = !memcmp(buf, "OK\n", 3);
	close(fd);
	return ok;
}

int main(int argc, char **argv)
{
	static double t[MAX_RUNS];
	int runs = argc > 3 ? atoi(argv[1]) : 0, r;
	const char *sock = argv[2];
	double t0;
	pid_t pid;

	if (runs < 1 || runs > MAX_RUNS) {
		fprintf(stderr, "usage: start-time RUNS SOCKET FXSD [ARG...]\n");
		return 2;
	}
	for (r = 0; r < runs; r++) {
		unlink(sock);
		t0 = bench_now_us();
		pid = fork();
		if (pid == 0) {
			execv(argv[3], argv + 3);
			_exit(127);
		}
		if (pid < 0)
			return 2;
		while (!answered(sock) && bench_now_us() - t0 < GIVE_UP_US)
			usleep(100);
		t[r] = bench_now_us() - t0;
		kill(pid, SIGTERM);
		waitpid(pid, NULL, 0);
		if (t[r] >= GIVE_UP_US) {
			printf("FAIL\n");
			return 1;
		}
	}
	printf("%.0f\n", bench_median(t, runs));
	return 0;
}
