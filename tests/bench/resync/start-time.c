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

#define MAX_RUNS 200
#define GIVE_UP_US 10e6

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

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

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
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
		t0 = now_us();
		pid = fork();
		if (pid == 0) {
			execv(argv[3], argv + 3);
			_exit(127);
		}
		if (pid < 0)
			return 2;
		while (!answered(sock) && now_us() - t0 < GIVE_UP_US)
			usleep(100);
		t[r] = now_us() - t0;
		kill(pid, SIGTERM);
		waitpid(pid, NULL, 0);
		if (t[r] >= GIVE_UP_US) {
			printf("FAIL\n");
			return 1;
		}
	}
	qsort(t, (size_t)runs, sizeof(t[0]), cmp_double);
	printf("%.0f\n", runs % 2 ? t[runs / 2] :
	       (t[runs / 2 - 1] + t[runs / 2]) / 2);
	return 0;
}
