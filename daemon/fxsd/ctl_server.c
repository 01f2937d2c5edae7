// SPDX-License-Identifier: GPL-2.0
/*
 * ctl_server.c: fxsd's control socket: a unix stream socket with one
 * request line per connection, answered "OK" or "ERR <message>" plus
 * payload. The client half is lib/ctl_client.c.
 *
 * Each client is non-blocking state in the event loop with a total
 * deadline: an idle or dripping client holds up nobody else, nor the
 * timers or SIGTERM, and is dropped when its time is up. A command that
 * waits for something (a resync) defers its client, answered when that
 * ends, and the loop serves the others meanwhile.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <syslog.h>
#include <unistd.h>

#include "ctl.h"
#include "ctl_server.h"

struct ctl_client;

struct ctl {
	struct loop *loop;
	int fd;
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	ctl_handler_fn fn;
	void *arg;
	struct ctl_client *clients[CTL_MAX_CLIENTS];
	struct ctl_client *current;	/* being served by fn */
};

/* one connection: its request line coming in, then its answer going out */
struct ctl_client {
	struct ctl *ctl;
	int fd;
	uid_t uid;
	struct loop_timer *deadline;
	char line[CTL_LINE_MAX];
	size_t linelen;
	char *reply;
	size_t replylen;
	size_t sent;
	int later;	/* deferred: ctl_answer() comes */
};

static void ctl_client_free(struct ctl_client *cl)
{
	struct ctl *c = cl->ctl;
	size_t i;

	for (i = 0; i < CTL_MAX_CLIENTS; i++)
		if (c->clients[i] == cl)
			c->clients[i] = NULL;
	loop_del_fd(c->loop, cl->fd);
	close(cl->fd);
	loop_timer_free(cl->deadline);
	free(cl->reply);
	free(cl);
}

static void on_deadline(struct loop *l, struct loop_timer *t, void *arg)
{
	struct ctl_client *cl = arg;

	(void)l;
	(void)t;
	syslog(LOG_WARNING, "control client (uid %u) took over %d s: dropped",
	       (unsigned int)cl->uid, CTL_DEADLINE_MS / 1000);
	ctl_client_free(cl);
}

/* queues "OK\n" + body, or "ERR <err>\n", and waits to write it */
static void ctl_client_reply(struct ctl_client *cl, int ret,
			     const char *body, size_t blen, const char *err)
{
	FILE *out;

	out = open_memstream(&cl->reply, &cl->replylen);
	if (!out) {
		ctl_client_free(cl);
		return;
	}
	if (ret)
		fprintf(out, "ERR %s\n", err[0] ? err : strerror(-ret));
	else
		fprintf(out, "OK\n%.*s", (int)blen, body ? body : "");
	fclose(out);
	cl->sent = 0;
	if (loop_mod_fd(cl->ctl->loop, cl->fd, EPOLLOUT))
		ctl_client_free(cl);
}

/* the answer to the request line */
static void ctl_client_answer(struct ctl_client *cl, int too_long)
{
	char err[512] = "", *body = NULL;
	struct ctl *c = cl->ctl;
	size_t blen = 0;
	FILE *payload;
	int ret;

	if (too_long) {
		ret = -E2BIG;
		snprintf(err, sizeof(err), "request line over %d bytes",
			 CTL_LINE_MAX - 1);
	} else {
		payload = open_memstream(&body, &blen);
		c->current = cl;
		ret = payload ? c->fn(c->arg, cl->uid, cl->line, payload, err,
				      sizeof(err)) : -ENOMEM;
		c->current = NULL;
		if (payload)
			fclose(payload);
	}
	if (ret == CTL_LATER && cl->later) {
		free(body);
		return;
	}
	if (ret == CTL_LATER)	/* a handler that deferred nobody */
		ret = -EINVAL;
	ctl_client_reply(cl, ret, body, blen, err);
	free(body);
}

struct ctl_client *ctl_defer(struct ctl *c)
{
	struct ctl_client *cl = c->current;

	if (!cl)
		return NULL;
	cl->later = 1;
	loop_timer_disarm(cl->deadline);
	/* no more input is read; a hang-up still wakes on_client */
	if (loop_mod_fd(c->loop, cl->fd, 0))
		loop_del_fd(c->loop, cl->fd);
	return cl;
}

void ctl_answer(struct ctl_client *cl, int ret, const char *payload,
		const char *err)
{
	cl->later = 0;
	loop_timer_arm(cl->deadline, CTL_DEADLINE_MS);
	ctl_client_reply(cl, ret, payload, payload ? strlen(payload) : 0,
			 err ? err : "");
}

static void on_client(struct loop *l, int fd, uint32_t events, void *arg)
{
	struct ctl_client *cl = arg;
	char *nl;
	ssize_t n;

	(void)l;
	if (cl->later) {
		/* gone while it waits: stop watching; ctl_answer frees it */
		if (events & (EPOLLHUP | EPOLLERR))
			loop_del_fd(cl->ctl->loop, fd);
		return;
	}
	if (cl->reply) {
		n = write(fd, cl->reply + cl->sent, cl->replylen - cl->sent);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return;
		if (n > 0)
			cl->sent += (size_t)n;
		if (n <= 0 || cl->sent == cl->replylen)
			ctl_client_free(cl);
		return;
	}
	n = read(fd, cl->line + cl->linelen,
		 sizeof(cl->line) - 1 - cl->linelen);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n < 0 || (n == 0 && !cl->linelen)) {
		ctl_client_free(cl);	/* gone, or it asked nothing */
		return;
	}
	cl->linelen += (size_t)n;
	cl->line[cl->linelen] = '\0';
	nl = strchr(cl->line, '\n');
	if (nl)
		*nl = '\0';
	if (nl || n == 0)		/* a newline or the end ends the line */
		ctl_client_answer(cl, 0);
	else if (cl->linelen == sizeof(cl->line) - 1)
		ctl_client_answer(cl, 1);
}

static uid_t peer_uid(int fd)
{
	struct ucred cred;
	socklen_t len = sizeof(cred);

	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len))
		return (uid_t)-1;
	return cred.uid;
}

static int ctl_client_add(struct ctl *c, int fd)
{
	struct ctl_client *cl;
	size_t i;

	for (i = 0; i < CTL_MAX_CLIENTS && c->clients[i]; i++)
		;
	if (i == CTL_MAX_CLIENTS)
		return -EBUSY;
	cl = calloc(1, sizeof(*cl));
	if (!cl)
		return -ENOMEM;
	cl->ctl = c;
	cl->fd = fd;
	cl->uid = peer_uid(fd);
	if (loop_timer_new(c->loop, on_deadline, cl, &cl->deadline)) {
		free(cl);
		return -ENOMEM;
	}
	if (loop_add_fd(c->loop, fd, EPOLLIN, on_client, cl)) {
		loop_timer_free(cl->deadline);
		free(cl);
		return -ENOSPC;
	}
	loop_timer_arm(cl->deadline, CTL_DEADLINE_MS);
	c->clients[i] = cl;
	return 0;
}

static void on_accept(struct loop *l, int fd, uint32_t events, void *arg)
{
	static const char busy[] = "ERR fxsd is busy with other clients\n";
	struct ctl *c = arg;
	int cfd, ret;

	(void)l;
	(void)events;
	cfd = accept4(fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
	if (cfd < 0)
		return;
	ret = ctl_client_add(c, cfd);
	if (ret) {
		if (write(cfd, busy, sizeof(busy) - 1) < 0)
			syslog(LOG_DEBUG, "control client: %m");
		close(cfd);
		syslog(LOG_WARNING, "control client refused: %s",
		       strerror(-ret));
	}
}

int ctl_open(struct loop *l, const char *path, ctl_handler_fn fn, void *arg,
	     struct ctl **out)
{
	char tmp[sizeof(((struct sockaddr_un *)0)->sun_path)];
	struct sockaddr_un sun;
	struct ctl *c;
	mode_t mask;
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
	/* bound and listening under a temporary name, then renamed: a client
	 * never finds the path before it can connect */
	if (snprintf(tmp, sizeof(tmp), "%s.new", path) >= (int)sizeof(tmp) ||
	    ctl_address(&sun, tmp)) {
		ret = -ENAMETOOLONG;
		goto out_close;
	}
	unlink(tmp);
	mask = umask(0177);	/* the socket is born 0600: root only */
	ret = bind(c->fd, (struct sockaddr *)&sun, sizeof(sun)) ||
	      listen(c->fd, CTL_MAX_CLIENTS) || rename(tmp, path) ? -errno : 0;
	umask(mask);
	if (ret) {
		unlink(tmp);
		syslog(LOG_ERR, "control socket '%s': %s", path,
		       strerror(-ret));
		goto out_close;
	}
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
	size_t i;

	if (!c)
		return;
	for (i = 0; i < CTL_MAX_CLIENTS; i++) {
		struct ctl_client *cl = c->clients[i];

		if (!cl)
			continue;
		/* an answer still queued goes out if the socket takes it */
		if (cl->reply && cl->sent < cl->replylen &&
		    write(cl->fd, cl->reply + cl->sent,
			  cl->replylen - cl->sent) < 0)
			syslog(LOG_DEBUG, "control client: %m");
		ctl_client_free(cl);
	}
	loop_del_fd(c->loop, c->fd);
	close(c->fd);
	unlink(c->path);
	free(c);
}
