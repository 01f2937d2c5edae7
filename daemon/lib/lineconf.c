// SPDX-License-Identifier: GPL-2.0
/*
 * lineconf.c - pushes the store's line parameters onto the kernel's
 * per-line configfs attributes (lines/fxsN/), converting SPA units to the
 * kernel's where they differ (line_check.c has the map and the units).
 * Global parameters go to every line; per-line ones
 * (Idle_Polarity_1_, ...) to the line of that number: Line 1 is the fxsN
 * directory with the lowest N, Line 2 the next, and so on.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>
#include <unistd.h>

#include "fileio.h"
#include "line_check.h"
#include "lineconf.h"
#include "param.h"
#include "store.h"

/* lines/ entries taken, as many as the kernel has minors */
#define LINECONF_MAX_LINES 64
#define LINECONF_LINE_NAME 16	/* "fxs" and up to ten digits */

/* one lines/fxsN directory and the SPA line number it serves */
struct lineconf_line {
	char name[LINECONF_LINE_NAME];
	unsigned long index;	/* the N of fxsN */
	unsigned int number;	/* 1 for the lowest N */
};

/* line/attr into path; false when it does not fit (never a cut path) */
static bool line_attr_path(char *path, size_t size, const char *line,
			   const char *attr)
{
	int n = snprintf(path, size, "%s/%s", line, attr);

	return n >= 0 && (size_t)n < size;
}

static int lineconf_write(int dirfd, const char *line, const char *attr,
			  const char *value)
{
	char path[NAME_MAX + 64];

	if (!line_attr_path(path, sizeof(path), line, attr))
		return -ENAMETOOLONG;
	return fileio_attr_write(dirfd, path, value, strlen(value), 0);
}

static unsigned long lineconf_read_ulong(int dirfd, const char *line,
					 const char *attr)
{
	char path[NAME_MAX + 64], buf[32];

	if (!line_attr_path(path, sizeof(path), line, attr) ||
	    fileio_attr_read(dirfd, path, buf, sizeof(buf)))
		return 0;
	return strtoul(buf, NULL, 10);
}

/* the store name of m for line (Idle_Polarity_1_ for line 1) */
static void param_for_line(const struct line_check_param *m,
			   const struct lineconf_line *line, char *name,
			   size_t len)
{
	if (m->per_line)
		snprintf(name, len, "%s%u_", m->param, line->number);
	else
		snprintf(name, len, "%s", m->param);
}

/* the value to write for param, in the kernel's unit; 0 or -errno */
static int kernel_value(struct store *st, const char *param,
			const struct line_check_param *m, char *buf, size_t len)
{
	char value[PARAM_VALUE_MAX];
	int ret;

	ret = store_get(st, param, value, sizeof(value));
	if (ret)
		return ret;
	return line_check_to_kernel(m, value, buf, len);
}

static int apply_one(struct store *st, int dirfd,
		     const struct lineconf_line *line,
		     const struct line_check_param *m)
{
	char param[64], value[PARAM_VALUE_MAX];
	int ret;

	value[0] = '\0';
	param_for_line(m, line, param, sizeof(param));
	/* the table has Name_N_ for lines 1 and 2: other lines keep theirs */
	if (m->per_line && !param_find(param))
		return 0;
	ret = kernel_value(st, param, m, value, sizeof(value));
	if (!ret)
		ret = lineconf_write(dirfd, line->name, m->attr, value);
	if (ret)
		syslog(LOG_ERR, "%s: %s '%s' -> %s/%s: %s", line->name, param,
		       value, line->name, m->attr, strerror(-ret));
	return ret ? 1 : 0;
}

static int apply_line(struct store *st, int dirfd,
		      const struct lineconf_line *line)
{
	size_t n = line_check_count();
	const struct line_check_param *min = line_check_at(n - 2);
	const struct line_check_param *max = line_check_at(n - 1);
	char value[32];
	bool max_first = false;
	int failed = 0;
	size_t i;

	for (i = 0; i < n - 2; i++)
		failed += apply_one(st, dirfd, line, line_check_at(i));
	/* a new minimum at or over the current maximum needs the max first */
	if (!kernel_value(st, min->param, min, value, sizeof(value)))
		max_first = strtoul(value, NULL, 10) >=
			    lineconf_read_ulong(dirfd, line->name, max->attr);
	if (max_first) {
		failed += apply_one(st, dirfd, line, max);
		failed += apply_one(st, dirfd, line, min);
	} else {
		failed += apply_one(st, dirfd, line, min);
		failed += apply_one(st, dirfd, line, max);
	}
	return failed;
}

/* "fxsN" (N decimal, no leading zero) into line; false for anything else */
static bool parse_line_name(const char *name, struct lineconf_line *line)
{
	const char *digits = name + 3;
	char *end;

	if (strncmp(name, "fxs", 3) || *digits < '0' || *digits > '9' ||
	    (digits[0] == '0' && digits[1]) ||
	    strlen(name) >= sizeof(line->name))
		return false;
	errno = 0;
	line->index = strtoul(digits, &end, 10);
	if (*end || errno)
		return false;
	snprintf(line->name, sizeof(line->name), "%s", name);
	return true;
}

static int by_index(const void *a, const void *b)
{
	const struct lineconf_line *x = a, *y = b;

	return (x->index > y->index) - (x->index < y->index);
}

/* the fxsN entries of dir, lowest N first, numbered from 1; their count */
static size_t list_lines(DIR *dir, struct lineconf_line *lines, size_t max)
{
	struct dirent *e;
	size_t n = 0, i;

	while ((e = readdir(dir)) && n < max)
		if (parse_line_name(e->d_name, &lines[n]))
			n++;
	qsort(lines, n, sizeof(lines[0]), by_index);
	for (i = 0; i < n; i++)
		lines[i].number = i + 1;
	return n;
}

int lineconf_apply(struct store *st, const char *root)
{
	struct lineconf_line lines[LINECONF_MAX_LINES];
	int failed = 0;
	size_t n, i;
	DIR *dir;

	dir = opendir(root);
	if (!dir)
		return errno == ENOENT ? 0 : -errno;
	n = list_lines(dir, lines, LINECONF_MAX_LINES);
	for (i = 0; i < n; i++)
		failed += apply_line(st, dirfd(dir), &lines[i]);
	closedir(dir);
	return failed;
}

/* the debounce of line, ms; the kernel's default when it cannot be read */
static unsigned long line_debounce_ms(int dirfd, const char *line)
{
	char path[NAME_MAX + 64], buf[32], *end;
	unsigned long ms;

	if (!line_attr_path(path, sizeof(path), line, "hook_debounce_ms") ||
	    fileio_attr_read(dirfd, path, buf, sizeof(buf)))
		return line_check_default_debounce_ms();
	errno = 0;
	ms = strtoul(buf, &end, 10);
	if (errno || end == buf)
		return line_check_default_debounce_ms();
	return ms;
}

unsigned long lineconf_debounce_ms(const char *root)
{
	struct lineconf_line lines[LINECONF_MAX_LINES];
	unsigned long ms, most = 0;
	size_t n, i;
	DIR *dir;

	dir = root ? opendir(root) : NULL;
	if (!dir)
		return line_check_default_debounce_ms();
	n = list_lines(dir, lines, LINECONF_MAX_LINES);
	for (i = 0; i < n; i++) {
		ms = line_debounce_ms(dirfd(dir), lines[i].name);
		if (ms > most)
			most = ms;
	}
	closedir(dir);
	return n ? most : line_check_default_debounce_ms();
}
