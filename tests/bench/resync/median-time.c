// SPDX-License-Identifier: GPL-2.0
/*
 * median-time.c: a small timer for the guest, which has no hyperfine.
 *   median-time RUNS CMD...
 * Runs each shell command (/bin/sh -c CMD) RUNS times, the commands taking
 * turns so that load hits them alike, and prints one line per command:
 * the median wall time in microseconds, less the median of an empty shell
 * command (what starting the shell costs), and the exit status of its
 * last run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench-time.h"

#define MAX_CMDS 8
#define MAX_RUNS 1000

/* wall time of one run of cmd in microseconds; *status its exit status */
static double run_once(const char *cmd, int *status)
{
	double t0 = bench_now_us();
	pid_t pid = fork();
	int st = 0;

	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		st = 1 << 8;
	*status = WIFEXITED(st) ? WEXITSTATUS(st) : 128;
	return bench_now_us() - t0;
}

int main(int argc, char **argv)
{
	static double t[MAX_CMDS + 1][MAX_RUNS];
	int status[MAX_CMDS + 1];
	int runs, ncmd, i, r;
	double empty;

	runs = argc > 1 ? atoi(argv[1]) : 0;
	ncmd = argc - 2;
	if (runs < 1 || runs > MAX_RUNS || ncmd < 1 || ncmd > MAX_CMDS) {
		fprintf(stderr, "usage: median-time RUNS CMD... (RUNS 1..%d, up to %d commands)\n",
			MAX_RUNS, MAX_CMDS);
		return 2;
	}
	for (r = 0; r < runs; r++) {
		t[0][r] = run_once(":", &status[0]);
		for (i = 0; i < ncmd; i++)
			t[i + 1][r] = run_once(argv[i + 2], &status[i + 1]);
	}
	empty = bench_median(t[0], runs);
	for (i = 0; i < ncmd; i++)
		printf("%.0f %d\n", bench_median(t[i + 1], runs) - empty,
		       status[i + 1]);
	return 0;
}
