// SPDX-License-Identifier: GPL-2.0
/*
 * fxsctl.c: the command line of fxsd: resync, get, set, dump and status go
 * over the control socket; check validates a profile file offline.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ctl.h"
#include "fileio.h"

#define FXSCTL_ALIAS_MAX (64 * 1024)

static void usage(FILE *f)
{
	fprintf(f,
		"usage: fxsctl [--ctl PATH] [--secrets] COMMAND\n"
		"  resync [RULE]              resync now (Profile_Rule.._D, or RULE)\n"
		"  get NAME                   print a parameter\n"
		"  set NAME=VALUE             set (validated) and persist a parameter\n"
		"  dump                       print every parameter as NAME=VALUE, one\n"
		"                             line each (\\\\, \\n, \\r escaped)\n"

		"  status                     last resync, its result and $ERR, next one\n"
		"  check [--key K] [--alias MAP|@FILE] FILE\n"
		"                             validate a profile offline\n"
		"  --ctl PATH                 control socket (default " CTL_DEFAULT_PATH ")\n"
		"  --secrets                  get and dump show secrets (access na,\n"
		"                             GPP_SA-SD) too; root only\n");
}

static char *read_alias(const char *arg)
{
	size_t len;
	char *buf;
	int ret;

	if (arg[0] != '@')
		return strdup(arg);
	ret = fileio_read_file(AT_FDCWD, arg + 1, FXSCTL_ALIAS_MAX, &buf, &len);
	if (ret) {
		fprintf(stderr, "fxsctl: alias map '%s': %s\n", arg + 1,
			ret == -E2BIG ? "larger than 64 KiB" : strerror(-ret));
		return NULL;
	}
	return buf;
}

static int do_check(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "key", required_argument, NULL, 'k' },
		{ "alias", required_argument, NULL, 'a' },
		{ 0 }
	};
	const char *key = NULL, *alias_arg = NULL;
	char *alias = NULL;
	int c, ret;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'k') {
			key = optarg;
		} else if (c == 'a') {
			alias_arg = optarg;
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, "fxsctl: check wants one FILE\n");
		return 2;
	}
	if (alias_arg) {
		alias = read_alias(alias_arg);
		if (!alias)
			return 2;
	}
	ret = check_profile_file(argv[optind], key, alias, stdout);
	free(alias);
	if (ret < 0)
		return 2;
	return ret ? 1 : 0;
}

static int join_args(int argc, char **argv, char *line, size_t len)
{
	size_t n = 0;
	int i, w;

	line[0] = '\0';
	for (i = 0; i < argc; i++) {
		w = snprintf(line + n, len - n, "%s%s", i ? " " : "", argv[i]);
		if (w < 0 || (size_t)w >= len - n)
			return -E2BIG;
		if (strchr(argv[i], '\n'))
			return -EINVAL;
		n += w;
	}
	return 0;
}

static int valid_args(const char *cmd, int nargs)
{
	if (!strcmp(cmd, "resync"))
		return nargs <= 1;
	if (!strcmp(cmd, "get") || !strcmp(cmd, "set"))
		return nargs == 1;
	if (!strcmp(cmd, "dump") || !strcmp(cmd, "status"))
		return nargs == 0;
	return 0;
}

/* the request line: COMMAND [--secrets] ARGS for get and dump */
static int make_request(int argc, char **argv, int secrets, char *line,
			size_t len)
{
	char *args[4];
	int n = 0, i;

	if (argc > 3)
		return -E2BIG;
	args[n++] = argv[0];
	if (secrets)
		args[n++] = "--secrets";
	for (i = 1; i < argc; i++)
		args[n++] = argv[i];
	return join_args(n, args, line, len);
}

int main(int argc, char **argv)
{
	const char *path = CTL_DEFAULT_PATH;
	char line[CTL_LINE_MAX], *reply = NULL;
	int i = 1, secrets = 0, ret;

	for (; i < argc; i++) {
		if (!strcmp(argv[i], "--ctl") && i + 1 < argc)
			path = argv[++i];
		else if (!strncmp(argv[i], "--ctl=", 6))
			path = argv[i] + 6;
		else if (!strcmp(argv[i], "--secrets"))
			secrets = 1;
		else
			break;
	}
	if (i >= argc || !strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
		usage(i >= argc ? stderr : stdout);
		return i >= argc ? 2 : 0;
	}
	if (!strcmp(argv[i], "check"))
		return do_check(argc - i, argv + i);
	if (!valid_args(argv[i], argc - i - 1) ||
	    (secrets && strcmp(argv[i], "get") && strcmp(argv[i], "dump"))) {
		fprintf(stderr, "fxsctl: bad command or arguments: '%s'\n",
			argv[i]);
		usage(stderr);
		return 2;
	}
	if (make_request(argc - i, argv + i, secrets, line, sizeof(line))) {
		fprintf(stderr, "fxsctl: arguments too long or multi-line\n");
		return 2;
	}
	ret = ctl_request(path, line, &reply);
	if (ret < 0) {
		fprintf(stderr, "fxsctl: unable to reach fxsd at '%s': %s\n",
			path, strerror(-ret));
		return 2;
	}
	if (ret) {
		fprintf(stderr, "fxsctl: %s\n", reply);
	} else {
		fputs(reply, stdout);
	}
	free(reply);
	return ret ? 1 : 0;
}
