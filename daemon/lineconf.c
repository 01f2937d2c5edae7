// SPDX-License-Identifier: GPL-2.0
/*
 * lineconf.c - pushes the store's line parameters onto the kernel's
 * per-line configfs attributes (lines/fxsN/), converting SPA units
 * (seconds) to the kernel's (milliseconds) where they differ.
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
#include <syslog.h>
#include <unistd.h>

#include "lineconf.h"
#include "param.h"
#include "store.h"

/* parameter -> attribute; ms: the SPA value is seconds, the kernel's ms */
static const struct lineconf_map {
	const char *param;
	const char *attr;
	int ms;
} lineconf_table[] = {
	{ "Ring_Frequency", "ring_frequency", 0 },
	{ "Ring_Voltage", "ring_voltage", 0 },
	{ "Ring1_Cadence", "ring_cadence", 0 },
	{ "Dial_Tone", "tone_dial", 0 },
	{ "Busy_Tone", "tone_busy", 0 },
	{ "Ring_Back_Tone", "tone_ringback", 0 },
	{ "Reorder_Tone", "tone_reorder", 0 },
	{ "Confirm_Tone", "tone_confirm", 0 },
	/* flash_min/max: written in the order that keeps min < max */
	{ "Hook_Flash_Timer_Min", "flash_min_ms", 1 },
	{ "Hook_Flash_Timer_Max", "flash_max_ms", 1 },
};

int lineconf_seconds_to_ms(const char *s, unsigned long *ms)
{
	unsigned long whole = 0, frac = 0, scale = 100;
	const char *p = s;

	if (!isdigit((unsigned char)*p) && *p != '.')
		return -EINVAL;
	while (isdigit((unsigned char)*p)) {
		whole = whole * 10 + (unsigned long)(*p++ - '0');
		if (whole > 100000)
			return -EINVAL;
	}
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p) && p - s == 1)
			return -EINVAL;
		for (; isdigit((unsigned char)*p); p++) {
			frac += (unsigned long)(*p - '0') * scale;
			scale /= 10;
		}
	}
	if (*p)
		return -EINVAL;
	*ms = whole * 1000 + frac;
	return 0;
}

static int write_attr(int dirfd, const char *line, const char *attr,
		      const char *value)
{
	char path[NAME_MAX + 64];
	size_t len = strlen(value);
	ssize_t n;
	int fd, ret = 0;

	snprintf(path, sizeof(path), "%s/%s", line, attr);
	fd = openat(dirfd, path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, value, len);
	if (n < 0)
		ret = -errno;
	else if ((size_t)n != len)
		ret = -EIO;
	close(fd);
	return ret;
}

static unsigned long read_ulong_attr(int dirfd, const char *line,
				     const char *attr)
{
	char path[NAME_MAX + 64], buf[32];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", line, attr);
	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	return strtoul(buf, NULL, 10);
}

/* the value to write for m, in the kernel's unit; 0 or -errno */
static int kernel_value(struct store *st, const struct lineconf_map *m,
			char *buf, size_t len)
{
	unsigned long ms;
	int ret;

	ret = store_get(st, m->param, buf, len);
	if (ret || !m->ms)
		return ret;
	ret = lineconf_seconds_to_ms(buf, &ms);
	if (ret)
		return ret;
	snprintf(buf, len, "%lu", ms);
	return 0;
}

static int apply_one(struct store *st, int dirfd, const char *line,
		     const struct lineconf_map *m)
{
	char value[PARAM_VALUE_MAX];
	int ret;

	ret = kernel_value(st, m, value, sizeof(value));
	if (!ret)
		ret = write_attr(dirfd, line, m->attr, value);
	if (ret)
		syslog(LOG_ERR, "%s: %s '%s' -> %s/%s: %s", line, m->param,
		       value, line, m->attr, strerror(-ret));
	return ret ? 1 : 0;
}

static int apply_line(struct store *st, int dirfd, const char *line)
{
	const size_t n = sizeof(lineconf_table) / sizeof(lineconf_table[0]);
	const struct lineconf_map *min = &lineconf_table[n - 2];
	const struct lineconf_map *max = &lineconf_table[n - 1];
	char value[32];
	bool max_first = false;
	int failed = 0;
	size_t i;

	for (i = 0; i < n - 2; i++)
		failed += apply_one(st, dirfd, line, &lineconf_table[i]);
	/* a new minimum at or over the current maximum needs the max first */
	if (!kernel_value(st, min, value, sizeof(value)))
		max_first = strtoul(value, NULL, 10) >=
			    read_ulong_attr(dirfd, line, max->attr);
	if (max_first) {
		failed += apply_one(st, dirfd, line, max);
		failed += apply_one(st, dirfd, line, min);
	} else {
		failed += apply_one(st, dirfd, line, min);
		failed += apply_one(st, dirfd, line, max);
	}
	return failed;
}

int lineconf_apply(struct store *st, const char *root)
{
	struct dirent *e;
	int failed = 0;
	DIR *dir;

	dir = opendir(root);
	if (!dir)
		return errno == ENOENT ? 0 : -errno;
	while ((e = readdir(dir))) {
		if (strncmp(e->d_name, "fxs", 3) ||
		    !isdigit((unsigned char)e->d_name[3]))
			continue;
		failed += apply_line(st, dirfd(dir), e->d_name);
	}
	closedir(dir);
	return failed;
}
