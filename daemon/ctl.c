// SPDX-License-Identifier: GPL-2.0
/*
 * ctl.c: fxsd's control socket: a unix stream socket with one request line
 * per connection, answered "OK" or "ERR <message>" plus payload. Also the
 * client half used by fxsctl.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "ctl.h"
#include "lineconf.h"
#include "param.h"
#include "resync.h"
#include "sched.h"
#include "state.h"
#include "store.h"

struct ctl {
	struct loop *loop;
	int fd;
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	ctl_handler_fn fn;
	void *arg;
};

static int sun_fill(struct sockaddr_un *sun, const char *path)
{
	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun->sun_path))
		return -ENAMETOOLONG;
	strcpy(sun->sun_path, path);
	return 0;
}

static void set_timeout(int fd, int secs)
{
	struct timeval tv = { .tv_sec = secs };

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

static int read_line(int fd, char *buf, size_t len)
{
	size_t n = 0;
	ssize_t r;

	while (n < len - 1) {
		r = read(fd, buf + n, 1);
		if (r <= 0)
			break;
		if (buf[n] == '\n')
			break;
		n++;
	}
	buf[n] = '\0';
	return n ? 0 : -EIO;
}

static void write_all(int fd, const char *s, size_t n)
{
	ssize_t w;

	while (n) {
		w = write(fd, s, n);
		if (w <= 0)
			return;
		s += w;
		n -= w;
	}
}

static void serve(struct ctl *c, int fd)
{
	char *line, err[512] = "", *body = NULL;
	size_t blen = 0;
	FILE *out;
	int ret;

	line = malloc(CTL_LINE_MAX);
	out = open_memstream(&body, &blen);
	if (!line || !out)
		goto out;
	if (read_line(fd, line, CTL_LINE_MAX))
		goto out;
	ret = c->fn(c->arg, line, out, err, sizeof(err));
	fclose(out);
	out = NULL;
	if (ret) {
		write_all(fd, "ERR ", 4);
		write_all(fd, err[0] ? err : strerror(-ret),
			  strlen(err[0] ? err : strerror(-ret)));
		write_all(fd, "\n", 1);
	} else {
		write_all(fd, "OK\n", 3);
		write_all(fd, body, blen);
	}
out:
	if (out)
		fclose(out);
	free(body);
	free(line);
}

static void on_accept(struct loop *l, int fd, uint32_t events, void *arg)
{
	struct ctl *c = arg;
	int cfd;

	(void)l;
	(void)events;
	cfd = accept4(fd, NULL, NULL, SOCK_CLOEXEC);
	if (cfd < 0)
		return;
	set_timeout(cfd, 5);
	serve(c, cfd);
	close(cfd);
}

int ctl_open(struct loop *l, const char *path, ctl_handler_fn fn, void *arg,
	     struct ctl **out)
{
	struct sockaddr_un sun;
	struct ctl *c;
	int ret;

	ret = sun_fill(&sun, path);
	if (ret)
		return ret;
	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	c->loop = l;
	c->fn = fn;
	c->arg = arg;
	strcpy(c->path, path);
	c->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (c->fd < 0) {
		ret = -errno;
		goto out_free;
	}
	unlink(path);
	if (bind(c->fd, (struct sockaddr *)&sun, sizeof(sun)) ||
	    listen(c->fd, 8)) {
		ret = -errno;
		syslog(LOG_ERR, "control socket '%s': %m", path);
		goto out_close;
	}
	chmod(path, 0600);
	ret = loop_add_fd(l, c->fd, EPOLLIN, on_accept, c);
	if (ret)
		goto out_unlink;
	*out = c;
	return 0;
out_unlink:
	unlink(path);
out_close:
	close(c->fd);
out_free:
	free(c);
	return ret;
}

void ctl_close(struct ctl *c)
{
	if (!c)
		return;
	loop_del_fd(c->loop, c->fd);
	close(c->fd);
	unlink(c->path);
	free(c);
}

static int read_all(int fd, char **out)
{
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap), *n;
	ssize_t r;

	if (!buf)
		return -ENOMEM;
	for (;;) {
		if (len + 1 >= cap) {
			cap *= 2;
			n = realloc(buf, cap);
			if (!n) {
				free(buf);
				return -ENOMEM;
			}
			buf = n;
		}
		r = read(fd, buf + len, cap - len - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		len += r;
	}
	buf[len] = '\0';
	*out = buf;
	return 0;
}

int ctl_request(const char *path, const char *line, char **reply)
{
	struct sockaddr_un sun;
	char *all = NULL;
	int fd, ret;

	ret = sun_fill(&sun, path);
	if (ret)
		return ret;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun))) {
		ret = -errno;
		close(fd);
		return ret;
	}
	write_all(fd, line, strlen(line));
	write_all(fd, "\n", 1);
	ret = read_all(fd, &all);
	close(fd);
	if (ret)
		return ret;
	if (!strncmp(all, "OK\n", 3)) {
		memmove(all, all + 3, strlen(all + 3) + 1);
		*reply = all;
		return 0;
	}
	if (!strncmp(all, "ERR ", 4)) {
		memmove(all, all + 4, strlen(all + 4) + 1);
		all[strcspn(all, "\n")] = '\0';
		*reply = all;
		return 1;
	}
	free(all);
	return -EPROTO;
}

/* ---- commands ---- */

#define CTL_VALUE_MAX 8192

static int cmd_get(struct ctl_target *t, const char *arg, FILE *out,
		   char *err, size_t errlen)
{
	char *v = malloc(CTL_VALUE_MAX);
	int ret;

	if (!v)
		return -ENOMEM;
	ret = store_get(t->st, arg, v, CTL_VALUE_MAX);
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
	const char *eq = strchr(arg, '=');
	char name[128];
	int ret;

	if (!eq || eq == arg || (size_t)(eq - arg) >= sizeof(name)) {
		snprintf(err, errlen, "set: expected NAME=VALUE, got '%s'", arg);
		return -EINVAL;
	}
	snprintf(name, sizeof(name), "%.*s", (int)(eq - arg), arg);
	ret = store_set(t->st, name, eq + 1, err, errlen);
	if (ret)
		return ret;
	if (t->state_path)
		ret = state_save(t->st, t->state_path, err, errlen);
	if (!ret && t->line_config)
		lineconf_apply(t->st, t->line_config);
	return ret;
}

static int cmd_dump(struct ctl_target *t, FILE *out)
{
	char *v = malloc(CTL_VALUE_MAX);
	const char *name;
	size_t i;

	if (!v)
		return -ENOMEM;
	for (i = 0; i < param_count(); i++) {
		name = param_name(param_at(i));
		if (store_get(t->st, name, v, CTL_VALUE_MAX))
			continue;
		fprintf(out, "%s=%s\n", name, v);
	}
	free(v);
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
