// SPDX-License-Identifier: GPL-2.0
/*
 * module_watch.c: listens to the kernel's uevent broadcast for
 * "add@/module/NAME", which the kernel sends once a module's init has
 * run. Only messages from the kernel itself (sender port 0) count;
 * udev's re-broadcasts (group 2) are not joined.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <linux/netlink.h>
#include <sys/epoll.h>
#include <sys/socket.h>

#include "loop.h"
#include "module_watch.h"

#define UEVENT_KERNEL_GROUP	1
#define UEVENT_MODULE_ADD	"add@/module/"
#define UEVENT_MAX		8192

struct module_watch {
	struct loop *loop;
	int fd;
	module_loaded_fn fn;
	void *arg;
};

/* one datagram: "ACTION@DEVPATH" then NUL-separated KEY=VALUE pairs */
static void module_watch_message(struct module_watch *w, const char *msg,
				 size_t len)
{
	size_t pre = strlen(UEVENT_MODULE_ADD);
	const char *name;

	if (len <= pre || strncmp(msg, UEVENT_MODULE_ADD, pre))
		return;
	name = msg + pre;
	if (!*name || memchr(name, '/', strnlen(name, len - pre)))
		return;
	w->fn(w->arg, name);
}

static void module_watch_read(struct loop *l, int fd, uint32_t events,
			      void *arg)
{
	struct module_watch *w = arg;
	struct sockaddr_nl from;
	char buf[UEVENT_MAX + 1];
	struct iovec iov = { .iov_base = buf, .iov_len = UEVENT_MAX };
	struct msghdr mh = { .msg_name = &from, .msg_namelen = sizeof(from),
			     .msg_iov = &iov, .msg_iovlen = 1 };
	ssize_t n;

	(void)l;
	(void)events;
	for (;;) {
		n = recvmsg(fd, &mh, MSG_DONTWAIT);
		if (n < 0) {
			if (errno == ENOBUFS)	/* overrun: the next still count */
				continue;
			return;
		}
		if (from.nl_pid || (mh.msg_flags & MSG_TRUNC))
			continue;
		buf[n] = '\0';
		module_watch_message(w, buf, (size_t)n);
	}
}

int module_watch_open(struct loop *l, module_loaded_fn fn, void *arg,
		      struct module_watch **out)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK,
				  .nl_groups = UEVENT_KERNEL_GROUP };
	struct module_watch *w = calloc(1, sizeof(*w));
	int ret;

	*out = NULL;
	if (!w)
		return -ENOMEM;
	w->loop = l;
	w->fn = fn;
	w->arg = arg;
	w->fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
		       NETLINK_KOBJECT_UEVENT);
	if (w->fd < 0 || bind(w->fd, (struct sockaddr *)&sa, sizeof(sa))) {
		ret = -errno;
		goto fail;
	}
	ret = loop_add_fd(l, w->fd, EPOLLIN, module_watch_read, w);
	if (ret)
		goto fail;
	*out = w;
	return 0;
fail:
	if (w->fd >= 0)
		close(w->fd);
	free(w);
	return ret;
}

void module_watch_close(struct module_watch *w)
{
	if (!w)
		return;
	loop_del_fd(w->loop, w->fd);
	close(w->fd);
	free(w);
}
