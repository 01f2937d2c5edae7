// SPDX-License-Identifier: GPL-2.0
/* lines.h: every line device matching the --lines glob, opened and
 * followed (line.h) while the daemon runs; lines that appear or vanish in
 * the glob's directory are picked up or dropped (inotify). */
#ifndef FXSD_LINES_H
#define FXSD_LINES_H

#include <stddef.h>

#include "line.h"

#define LINES_DEFAULT_GLOB "/dev/fxs[0-9]*"

struct lines;
struct loop;

/* opens every path matching pattern (wildcards in its file name only) and
 * watches its directory with inotify; ops (may be NULL) hears every
 * line's events, with arg. A path that cannot be opened is logged once
 * (again only when the error changes) and retried when its node changes.
 * 0 or -errno: -EINVAL for a wildcard in the directory part; a directory
 * that cannot be watched is logged and leaves the set to what the glob
 * found at start. Free with lines_close. */
int lines_open(struct loop *l, const char *pattern, const struct line_ops *ops,
	       void *arg, struct lines **out);
/* FN hears, with ARG, of every line opened from now on (hot-plug: a
 * board made live, the modules loaded again), after the line's own
 * consumer has it; lines open before the call are not told */
typedef void (*lines_added_fn)(void *arg, const struct line *ln);
void lines_on_added(struct lines *s, lines_added_fn fn, void *arg);
/* closes every line (no gone callbacks) and the watch (NULL is ignored) */
void lines_close(struct lines *s);

/* adds a line over an fd already open (line_adopt: a socketpair in
 * tests) under path, its events going to the set's consumer like every
 * other line's; a change of a node at path drops it. 0 or -errno */
int lines_adopt(struct lines *s, const char *path, int fd, const char *name);

/* the inotify watch's loop callback, public for tests: takes in every
 * queued change of the directory */
void lines_dispatch(struct lines *s);

/* 1 when an open line is off-hook, from the events kept in memory */
int lines_any_busy(const struct lines *s);

/* the paths the set knows, in no fixed order: open lines and paths that
 * failed to open */
size_t lines_count(const struct lines *s);
/* entry i < lines_count(): its path; its line, or NULL when it could not
 * be opened (then *err, when err is not NULL, is the -errno why) */
const struct line *lines_at(const struct lines *s, size_t i,
			    const char **path, int *err);

#endif /* FXSD_LINES_H */
