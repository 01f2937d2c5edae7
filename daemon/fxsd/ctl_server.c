// SPDX-License-Identifier: GPL-2.0
/*
 * ctl_server.c: fxsd's control socket: a unix stream socket with one
 * request line per connection, answered "OK" or "ERR <message>" plus
 * payload. The client half is lib/ctl_client.c.
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
#include "ctl_server.h"

struct ctl {
	struct loop *loop;
	int fd;
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	ctl_handler_fn fn;
	void *arg;
};

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

static void ctl_serve(struct ctl *c, int fd)
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
		ctl_write_all(fd, "ERR ", 4);
		ctl_write_all(fd, err[0] ? err : strerror(-ret),
			  strlen(err[0] ? err : strerror(-ret)));
		ctl_write_all(fd, "\n", 1);
	} else {
		ctl_write_all(fd, "OK\n", 3);
		ctl_write_all(fd, body, blen);
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
	ctl_serve(c, cfd);
	close(cfd);
}

int ctl_open(struct loop *l, const char *path, ctl_handler_fn fn, void *arg,
	     struct ctl **out)
{
	struct sockaddr_un sun;
	struct ctl *c;
	int ret;

	ret = ctl_address(&sun, path);
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
