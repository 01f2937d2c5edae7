// SPDX-License-Identifier: GPL-2.0
/*
 * commands.c: the control-socket commands fxsd answers: resync [RULE],
 * get NAME, set NAME=VALUE, dump and status. A resync's client is
 * answered when the resync ends; the others are served meanwhile.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commands.h"
#include "ctl_server.h"
#include "lines.h"
#include "param.h"
#include "provision.h"
#include "resync.h"
#include "sched.h"
#include "store.h"

#define CTL_SECRETS_OPT "--secrets"

/*
 * Secrets (access na, GPP_SA-SD) are shown only with --secrets, which only
 * root may give. 0 when p may be shown, -EACCES with err when not.
 */
static int may_show(struct ctl_target *t, const struct param_def *p,
		    int secrets, char *err, size_t errlen)
{
	if (!store_secret(t->pv->st, p) || secrets)
		return 0;
	snprintf(err, errlen,
		 "%s is a secret (access na): fxsctl --secrets get %s, as root",
		 param_name(p), param_name(p));
	return -EACCES;
}

/* strips a leading "--secrets" from *arg; -EPERM with err unless uid 0 */
static int take_secrets_opt(const char **arg, uid_t uid, int *secrets,
			    char *err, size_t errlen)
{
	size_t n = strlen(CTL_SECRETS_OPT);

	*secrets = 0;
	if (strncmp(*arg, CTL_SECRETS_OPT, n) || ((*arg)[n] && (*arg)[n] != ' '))
		return 0;
	if (uid != 0) {
		snprintf(err, errlen, "%s: only root may see secrets",
			 CTL_SECRETS_OPT);
		return -EPERM;
	}
	*arg += n;
	while (**arg == ' ')
		(*arg)++;
	*secrets = 1;
	return 0;
}

static int cmd_get(struct ctl_target *t, const char *arg, int secrets,
		   FILE *out, char *err, size_t errlen)
{
	const struct param_def *p = param_find(arg);
	int ret;

	if (!p) {
		snprintf(err, errlen, "get '%.64s': no such parameter", arg);
		return -ENOENT;
	}
	ret = may_show(t, p, secrets, err, errlen);
	if (!ret)
		fprintf(out, "%s\n", store_value(t->pv->st, p));
	return ret;
}

static int cmd_set(struct ctl_target *t, const char *arg, char *err,
		   size_t errlen)
{
	return provision_assign(t->pv, &arg, 1, err, errlen);
}

/* one line per value whatever it holds: a backslash, a newline and a CR
 * are written \\, \n and \r */
static void put_dump_value(FILE *out, const char *v)
{
	for (; *v; v++) {
		if (*v == '\\')
			fputs("\\\\", out);
		else if (*v == '\n')
			fputs("\\n", out);
		else if (*v == '\r')
			fputs("\\r", out);
		else
			fputc(*v, out);
	}
	fputc('\n', out);
}

static int cmd_dump(struct ctl_target *t, int secrets, FILE *out)
{
	const struct param_def *p;
	size_t i, hidden = 0;

	for (i = 0; i < param_count(); i++) {
		p = param_at(i);
		if (store_secret(t->pv->st, p) && !secrets) {
			hidden++;
			continue;
		}
		fprintf(out, "%s=", param_name(p));
		put_dump_value(out, store_value(t->pv->st, p));
	}
	if (hidden)
		fprintf(out, "# %zu secret parameters not shown (fxsctl --secrets dump, as root)\n",
			hidden);
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

/* "lines: N", then one line each: its hook state and digits, or why its
 * path could not be opened */
static void put_lines(const struct lines *s, FILE *out)
{
	const struct line *ln;
	const char *path;
	size_t i;
	int err;

	fprintf(out, "lines: %zu\n", lines_count(s));
	for (i = 0; i < lines_count(s); i++) {
		ln = lines_at(s, i, &path, &err);
		if (!ln) {
			fprintf(out, "  %s: not open: %s\n", path, strerror(-err));
			continue;
		}
		fprintf(out, "  %s: %s-hook, digits: %s\n", line_name(ln),
			line_offhook(ln) ? "off" : "on",
			*line_digits(ln) ? line_digits(ln) : "(none)");
	}
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
	fprintf(out, "resync running: %s\n", t->sched->running ? "yes" : "no");
	if (t->state_note && t->state_note[0])
		fprintf(out, "state: did not load at start: %s\n",
			t->state_note);
	else
		fprintf(out, "state: ok\n");
	put_lines(t->lines, out);
	return 0;
}

/* a resync's outcome as the client sees it */
static int resync_outcome(struct ctl_target *t, int ret, FILE *out,
			  char *err, size_t errlen)
{
	if (ret == -ECANCELED)
		snprintf(err, errlen, "Provision_Enable is No");
	else if (ret == -EBUSY)
		snprintf(err, errlen,
			 "a resync is already running: try again when it ends (fxsctl status)");
	else if (ret)
		snprintf(err, errlen, "resync failed: %s", t->rs->err);
	else
		fprintf(out, "resync ok\n");
	return ret;
}

/* the resync a client waits for has ended: its answer */
static void resync_answer(void *arg, int result)
{
	struct ctl_target *t = arg;
	struct ctl_client *cl = t->resync_client;
	char err[512] = "", *body = NULL;
	size_t blen = 0;
	FILE *out;

	t->resync_client = NULL;
	if (!cl)
		return;
	out = open_memstream(&body, &blen);
	if (!out) {
		ctl_answer(cl, -ENOMEM, NULL, "out of memory");
		return;
	}
	result = resync_outcome(t, result, out, err, sizeof(err));
	fclose(out);
	ctl_answer(cl, result, body, err);
	free(body);
}

static int cmd_resync(struct ctl_target *t, const char *arg, FILE *out,
		      char *err, size_t errlen)
{
	int ret;

	ret = sched_resync_now(t->sched, *arg ? arg : NULL, RESYNC_EXPLICIT,
			       resync_answer, t);
	if (ret != SCHED_PENDING)
		return resync_outcome(t, ret, out, err, errlen);
	t->resync_client = t->ctl ? ctl_defer(t->ctl) : NULL;
	if (!t->resync_client) {
		fprintf(out, "resync started\n");
		return 0;
	}
	return CTL_LATER;
}

int ctl_dispatch(void *target, uid_t uid, const char *line, FILE *out,
		 char *err, size_t errlen)
{
	struct ctl_target *t = target;
	size_t n = strcspn(line, " ");
	const char *arg = line + n;
	int secrets, ret;

	while (*arg == ' ')
		arg++;
	if (n == 6 && !strncmp(line, "resync", n))
		return cmd_resync(t, arg, out, err, errlen);
	if (n == 3 && !strncmp(line, "set", n) && *arg)
		return cmd_set(t, arg, err, errlen);
	if (n == 6 && !strncmp(line, "status", n) && !*arg)
		return cmd_status(t, out);
	if ((n == 3 && !strncmp(line, "get", n)) ||
	    (n == 4 && !strncmp(line, "dump", n))) {
		ret = take_secrets_opt(&arg, uid, &secrets, err, errlen);
		if (ret)
			return ret;
		if (n == 4 && !*arg)
			return cmd_dump(t, secrets, out);
		if (n == 3 && *arg)
			return cmd_get(t, arg, secrets, out, err, errlen);
	}
	snprintf(err, errlen, "unknown command '%.64s'", line);
	return -EINVAL;
}
