// SPDX-License-Identifier: GPL-2.0
/*
 * commands.c: the control-socket commands fxsd answers: resync [RULE],
 * get NAME, set NAME=VALUE, dump and status.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commands.h"
#include "param.h"
#include "provision.h"
#include "resync.h"
#include "sched.h"
#include "store.h"

#define CTL_VALUE_MAX 8192

static int cmd_get(struct ctl_target *t, const char *arg, FILE *out,
		   char *err, size_t errlen)
{
	char *v = malloc(CTL_VALUE_MAX);
	int ret;

	if (!v)
		return -ENOMEM;
	ret = store_get(t->pv->st, arg, v, CTL_VALUE_MAX);
	if (ret)
		snprintf(err, errlen, "get '%s': %s", arg,
			 ret == -ENOENT ? "no such parameter" : strerror(-ret));
	else
		fprintf(out, "%s\n", v);
	free(v);
	return ret;
}

static int cmd_set(struct ctl_target *t, const char *arg, char *err,
		   size_t errlen)
{
	return provision_assign(t->pv, &arg, 1, err, errlen);
}

static int cmd_dump(struct ctl_target *t, FILE *out)
{
	const struct param_def *p;
	size_t i;

	for (i = 0; i < param_count(); i++) {
		p = param_at(i);
		fprintf(out, "%s=%s\n", param_name(p), store_value(t->pv->st, p));
	}
	return 0;
}

static void put_time(FILE *out, const char *what, time_t t)
{
	char buf[64];
	struct tm tm;

	if (!t) {
		fprintf(out, "%s: never\n", what);
		return;
	}
	localtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S %z", &tm);
	fprintf(out, "%s: %s\n", what, buf);
}

static int cmd_status(struct ctl_target *t, FILE *out)
{
	struct resync *rs = t->rs;
	time_t next = t->sched->next_time;

	put_time(out, "last resync", rs->last_done);
	if (rs->last_result == 1)
		fprintf(out, "result: none yet\n");
	else
		fprintf(out, "result: %s\n", rs->last_result ? "failed" : "ok");
	fprintf(out, "ERR: %s\n", rs->err);
	put_time(out, "last success", rs->last_success);
	fprintf(out, "consecutive failures: %u\n", rs->failures);
	if (t->sched->at_time && (!next || t->sched->at_time < next))
		next = t->sched->at_time;
	put_time(out, "next resync", next);
	return 0;
}

static int cmd_resync(struct ctl_target *t, const char *arg, FILE *out,
		      char *err, size_t errlen)
{
	int ret;

	ret = sched_resync_now(t->sched, *arg ? arg : NULL, RESYNC_EXPLICIT);
	if (ret == -ECANCELED) {
		snprintf(err, errlen, "Provision_Enable is No");
		return ret;
	}
	if (ret) {
		snprintf(err, errlen, "resync failed: %s", t->rs->err);
		return ret;
	}
	fprintf(out, "resync ok\n");
	return 0;
}

int ctl_dispatch(void *target, const char *line, FILE *out, char *err,
		 size_t errlen)
{
	struct ctl_target *t = target;
	size_t n = strcspn(line, " ");
	const char *arg = line + n;

	while (*arg == ' ')
		arg++;
	if (n == 6 && !strncmp(line, "resync", n))
		return cmd_resync(t, arg, out, err, errlen);
	if (n == 3 && !strncmp(line, "get", n) && *arg)
		return cmd_get(t, arg, out, err, errlen);
	if (n == 3 && !strncmp(line, "set", n) && *arg)
		return cmd_set(t, arg, err, errlen);
	if (!strcmp(line, "dump"))
		return cmd_dump(t, out);
	if (!strcmp(line, "status"))
		return cmd_status(t, out);
	snprintf(err, errlen, "unknown command '%.64s'", line);
	return -EINVAL;
}
