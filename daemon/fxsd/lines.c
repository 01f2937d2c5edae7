// SPDX-License-Identifier: GPL-2.0
/*
 * lines.c: the set of lines fxsd follows: every path matching the --lines
 * glob, opened at start and kept in step with its directory through
 * inotify (a node created, deleted, renamed or changed: a sim board made
 * live or removed, a node chmod'ed). A line that vanishes is dropped and
 * its consumer told; a path that cannot be opened is logged once and tried
 * again when its node changes.
 */
#include <errno.h>
#include <fnmatch.h>
#include <glob.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/inotify.h>
#include <sys/stat.h>

#include "lines.h"
#include "loop.h"

#define LINES_WATCH_MASK (IN_CREATE | IN_DELETE | IN_ATTRIB | IN_MOVED_FROM | \
			  IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF)

/* one path of the glob: its open line, or why it could not be opened */
struct lines_slot {
	char path[PATH_MAX];
	struct line *ln;
	int err;
};

/**
 * struct lines - the set
 * @loop: the loop the lines and the watch are in
 * @prefix: the glob's directory with its trailing '/' ("" for none)
 * @base: the glob's file name part, matched against inotify names
 * @dir: the directory watched (@prefix, or ".")
 * @ifd: the inotify fd, or -1 without a watch
 * @ops: the consumer of every line's events, with @arg
 * @slot: the paths known, @n of them (@cap allocated)
 * @added: told of each line opened after lines_on_added(), with @added_arg
 */
struct lines {
	struct loop *loop;
	char prefix[PATH_MAX];
	char base[NAME_MAX + 1];
	char dir[PATH_MAX];
	int ifd;
	const struct line_ops *ops;
	void *arg;
	struct lines_slot *slot;
	size_t n, cap;
	lines_added_fn added;
	void *added_arg;
};

static struct lines_slot *slot_of_path(struct lines *s, const char *path)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->slot[i].path, path))
			return &s->slot[i];
	return NULL;
}

static struct lines_slot *slot_of_line(struct lines *s, const struct line *ln)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->slot[i].ln == ln)
			return &s->slot[i];
	return NULL;
}

static struct lines_slot *slot_add(struct lines *s, const char *path)
{
	struct lines_slot *grown;

	if (s->n == s->cap) {
		grown = realloc(s->slot, (s->cap * 2 + 4) * sizeof(*grown));
		if (!grown)
			return NULL;
		s->slot = grown;
		s->cap = s->cap * 2 + 4;
	}
	memset(&s->slot[s->n], 0, sizeof(s->slot[0]));
	snprintf(s->slot[s->n].path, PATH_MAX, "%s", path);
	return &s->slot[s->n++];
}

/* forgets sl (its line already closed); the last slot takes its place */
static void slot_remove(struct lines *s, struct lines_slot *sl)
{
	*sl = s->slot[--s->n];
}

/* the consumer's callbacks, as each line calls them with the set as arg */
static void fwd_offhook(void *arg, struct line *ln)
{
	struct lines *s = arg;

	if (s->ops && s->ops->offhook)
		s->ops->offhook(s->arg, ln);
}

static void fwd_onhook(void *arg, struct line *ln)
{
	struct lines *s = arg;

	if (s->ops && s->ops->onhook)
		s->ops->onhook(s->arg, ln);
}

static void fwd_flash(void *arg, struct line *ln, unsigned int ms)
{
	struct lines *s = arg;

	if (s->ops && s->ops->flash)
		s->ops->flash(s->arg, ln, ms);
}

static void fwd_digit(void *arg, struct line *ln, char digit)
{
	struct lines *s = arg;

	if (s->ops && s->ops->digit)
		s->ops->digit(s->arg, ln, digit);
}

static void fwd_playback_done(void *arg, struct line *ln, unsigned int reason)
{
	struct lines *s = arg;

	if (s->ops && s->ops->playback_done)
		s->ops->playback_done(s->arg, ln, reason);
}

/* the consumer told, then the line closed and its slot forgotten */
static void drop(struct lines *s, struct lines_slot *sl)
{
	struct line *ln = sl->ln;

	if (s->ops && s->ops->gone)
		s->ops->gone(s->arg, ln);
	slot_remove(s, sl);
	line_close(ln);
}

static void fwd_gone(void *arg, struct line *ln)
{
	struct lines *s = arg;
	struct lines_slot *sl = slot_of_line(s, ln);

	if (sl)
		drop(s, sl);
}

static const struct line_ops lines_fwd_ops = {
	.offhook = fwd_offhook,
	.onhook = fwd_onhook,
	.flash = fwd_flash,
	.digit = fwd_digit,
	.playback_done = fwd_playback_done,
	.gone = fwd_gone,
};

static void try_open(struct lines *s, const char *path, struct lines_slot *sl)
{
	struct line *ln;
	int ret;

	ret = line_open(s->loop, path, &lines_fwd_ops, s, &ln);
	if (!sl)
		sl = slot_add(s, path);
	if (!sl) {
		syslog(LOG_ERR, "line %s: out of memory", path);
		if (!ret)
			line_close(ln);
		return;
	}
	if (!ret) {
		sl->ln = ln;
		sl->err = 0;
		syslog(LOG_INFO, "line %s: %s, %s-hook", path, line_name(ln),
		       line_offhook(ln) ? "off" : "on");
		if (s->added)
			s->added(s->added_arg, ln);
	} else if (sl->err != ret) {
		sl->err = ret;
		syslog(LOG_WARNING, "line %s: %s%s; tried again when it changes",
		       path, ret == -ENOTTY ? "not an FXS line: " : "",
		       strerror(-ret));
	}
}

int lines_adopt(struct lines *s, const char *path, int fd, const char *name)
{
	struct lines_slot *sl;
	int ret;

	if (slot_of_path(s, path))
		return -EEXIST;
	sl = slot_add(s, path);
	if (!sl)
		return -ENOMEM;
	ret = line_adopt(s->loop, fd, name, &lines_fwd_ops, s, &sl->ln);
	if (ret)
		slot_remove(s, sl);
	return ret;
}

/* brings path's slot in step with its node: a line whose node is gone or
 * replaced is dropped; a node not open yet is opened (or tried again) */
static void check_path(struct lines *s, const char *path)
{
	struct lines_slot *sl = slot_of_path(s, path);
	struct stat sb;
	int exists = !stat(path, &sb);

	if (sl && sl->ln && exists && line_is_node(sl->ln, sb.st_dev, sb.st_ino))
		return;
	if (sl && sl->ln) {
		syslog(LOG_NOTICE, "line %s: node %s; dropped", path,
		       exists ? "replaced" : "removed");
		drop(s, sl);
		sl = NULL;
	}
	if (exists)
		try_open(s, path, sl);
	else if (sl)
		slot_remove(s, sl);
}

/* every known path checked again, then every match of the glob */
static void rescan(struct lines *s)
{
	char pattern[PATH_MAX + NAME_MAX + 2];
	char path[PATH_MAX];
	glob_t g;
	size_t i;
	int ret;

	for (i = s->n; i-- > 0;) {
		snprintf(path, sizeof(path), "%s", s->slot[i].path);
		check_path(s, path);
	}
	snprintf(pattern, sizeof(pattern), "%s%s", s->prefix, s->base);
	ret = glob(pattern, 0, NULL, &g);
	if (ret && ret != GLOB_NOMATCH)
		syslog(LOG_WARNING, "lines: glob '%s' failed", pattern);
	for (i = 0; !ret && i < g.gl_pathc; i++)
		check_path(s, g.gl_pathv[i]);
	globfree(&g);
}

static void unwatch(struct lines *s, const char *why)
{
	syslog(LOG_WARNING, "lines: %s %s: lines there are no longer followed",
	       s->dir, why);
	loop_del_fd(s->loop, s->ifd);
	close(s->ifd);
	s->ifd = -1;
}

/* one inotify record; 1 when the watch ended */
static int on_change(struct lines *s, const struct inotify_event *ev)
{
	char path[PATH_MAX + NAME_MAX + 1];

	if (ev->mask & IN_Q_OVERFLOW) {
		syslog(LOG_NOTICE, "lines: inotify queue overflowed; rescan");
		rescan(s);
		return 0;
	}
	if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)) {
		unwatch(s, "was removed or moved");
		return 1;
	}
	if (!ev->len || fnmatch(s->base, ev->name, FNM_PATHNAME | FNM_PERIOD))
		return 0;
	if (snprintf(path, sizeof(path), "%s%s", s->prefix, ev->name) <
	    PATH_MAX)
		check_path(s, path);
	return 0;
}

void lines_dispatch(struct lines *s)
{
	_Alignas(struct inotify_event) char buf[4096];
	const struct inotify_event *ev;
	ssize_t n, off;

	while (s->ifd >= 0) {
		n = read(s->ifd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno != EAGAIN)
			unwatch(s, "inotify read failed");
		if (n <= 0)
			return;
		for (off = 0; off < n; off += (ssize_t)(sizeof(*ev) + ev->len)) {
			ev = (const struct inotify_event *)(buf + off);
			if (on_change(s, ev))
				return;
		}
	}
}

static void on_inotify(struct loop *l, int fd, uint32_t events, void *arg)
{
	(void)l;
	(void)fd;
	(void)events;
	lines_dispatch(arg);
}

/* splits pattern into prefix and base; -EINVAL for wildcards in the
 * directory or a part too long */
static int split(struct lines *s, const char *pattern)
{
	const char *slash = strrchr(pattern, '/');
	size_t plen = slash ? (size_t)(slash - pattern) + 1 : 0;

	if (plen >= sizeof(s->prefix) || strlen(pattern + plen) >= sizeof(s->base) ||
	    !pattern[plen])
		return -EINVAL;
	memcpy(s->prefix, pattern, plen);
	s->prefix[plen] = '\0';
	if (strpbrk(s->prefix, "*?["))
		return -EINVAL;
	strcpy(s->base, pattern + plen);
	snprintf(s->dir, sizeof(s->dir), "%s", plen ? s->prefix : ".");
	return 0;
}

/* the directory watched: created, deleted, renamed or changed nodes */
static void watch_dir(struct lines *s)
{
	s->ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (s->ifd < 0) {
		syslog(LOG_WARNING, "lines: inotify_init1: %m; new lines are not picked up");
		return;
	}
	if (inotify_add_watch(s->ifd, s->dir, LINES_WATCH_MASK) < 0) {
		syslog(LOG_WARNING, "lines: inotify_add_watch(%s): %m; new lines are not picked up",
		       s->dir);
	} else if (loop_add_fd(s->loop, s->ifd, EPOLLIN, on_inotify, s)) {
		syslog(LOG_WARNING, "lines: no room in the event loop; new lines are not picked up");
	} else {
		return;
	}
	close(s->ifd);
	s->ifd = -1;
}

int lines_open(struct loop *l, const char *pattern, const struct line_ops *ops,
	       void *arg, struct lines **out)
{
	struct lines *s = calloc(1, sizeof(*s));
	int ret;

	if (!s)
		return -ENOMEM;
	ret = split(s, pattern);
	if (ret) {
		free(s);
		return ret;
	}
	s->loop = l;
	s->ops = ops;
	s->arg = arg;
	watch_dir(s);	/* first, so that no node slips in before the glob */
	rescan(s);
	*out = s;
	return 0;
}

void lines_on_added(struct lines *s, lines_added_fn fn, void *arg)
{
	s->added = fn;
	s->added_arg = arg;
}

void lines_close(struct lines *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->n; i++)
		line_close(s->slot[i].ln);
	if (s->ifd >= 0) {
		loop_del_fd(s->loop, s->ifd);
		close(s->ifd);
	}
	free(s->slot);
	free(s);
}

int lines_any_busy(const struct lines *s)
{
	size_t i;

	for (i = 0; s && i < s->n; i++)
		if (s->slot[i].ln && line_offhook(s->slot[i].ln))
			return 1;
	return 0;
}

size_t lines_count(const struct lines *s)
{
	return s ? s->n : 0;
}

const struct line *lines_at(const struct lines *s, size_t i,
			    const char **path, int *err)
{
	*path = s->slot[i].path;
	if (err)
		*err = s->slot[i].err;
	return s->slot[i].ln;
}
