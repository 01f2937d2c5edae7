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

#include "fileio.h"
#include "fxs_seconds.h"
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

/* whole seconds up to 100000, plus a fraction */
#define LINECONF_SECONDS_MAX_MS 100000999u

int lineconf_seconds_to_ms(const char *s, unsigned long *ms)
{
	const char *end = s;
	u32 v;

	if (fxs_seconds_parse(&end, FXS_SECONDS_DECIMALS_MAX,
			      LINECONF_SECONDS_MAX_MS, &v) || *end)
		return -EINVAL;
	*ms = v;
	return 0;
}

static int lineconf_write(int dirfd, const char *line, const char *attr,
			  const char *value)
{
	char path[NAME_MAX + 64];

	snprintf(path, sizeof(path), "%s/%s", line, attr);
	return fileio_attr_write(dirfd, path, value, strlen(value), 0);
}

static unsigned long lineconf_read_ulong(int dirfd, const char *line,
					 const char *attr)
{
	char path[NAME_MAX + 64], buf[32];

	snprintf(path, sizeof(path), "%s/%s", line, attr);
	if (fileio_attr_read(dirfd, path, buf, sizeof(buf)))
		return 0;
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
		ret = lineconf_write(dirfd, line, m->attr, value);
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
			    lineconf_read_ulong(dirfd, line, max->attr);
	if (max_first) {
		failed += apply_one(st, dirfd, line, max);
		failed += apply_one(st, dirfd, line, min);
	} else {
		failed += apply_one(st, dirfd, line, min);
		failed += apply_one(st, dirfd, line, max);
	}
	return failed;
}

bool lineconf_uses(const char *param)
{
	size_t i;

	for (i = 0; i < sizeof(lineconf_table) / sizeof(lineconf_table[0]); i++)
		if (!strcmp(lineconf_table[i].param, param))
			return true;
	return false;
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
