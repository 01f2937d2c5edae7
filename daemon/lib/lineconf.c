// SPDX-License-Identifier: GPL-2.0
/*
 * lineconf.c - pushes the store's line parameters onto the kernel's
 * per-line configfs attributes (lines/fxsN/), converting SPA units to the
 * kernel's where they differ (seconds to milliseconds, Forward/Reverse to
 * forward/reverse). Global parameters go to every line; per-line ones
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
#include "fxs_seconds.h"
#include "lineconf.h"
#include "param.h"
#include "store.h"

/* how a store value becomes the attribute's */
enum lineconf_unit {
	LINECONF_AS_IS,		/* scripts */
	LINECONF_INT,		/* decimal or 0x hex, kernel decimal */
	LINECONF_DB,		/* SPA decimal dB, kernel whole dB */
	LINECONF_MS,		/* SPA seconds, kernel milliseconds */
	LINECONF_POLARITY,	/* Forward|Reverse to forward|reverse */
};

/*
 * parameter -> attribute. per_line: param is the stem of Name_N_ and
 * Line N's value goes to that line only.
 */
static const struct lineconf_map {
	const char *param;
	const char *attr;
	enum lineconf_unit unit;
	bool per_line;
} lineconf_table[] = {
	{ "Ring_Frequency", "ring_frequency", LINECONF_INT, false },
	{ "Ring_Voltage", "ring_voltage", LINECONF_INT, false },
	{ "Ring1_Cadence", "ring_cadence", LINECONF_AS_IS, false },
	{ "Dial_Tone", "tone_dial", LINECONF_AS_IS, false },
	{ "Busy_Tone", "tone_busy", LINECONF_AS_IS, false },
	{ "Ring_Back_Tone", "tone_ringback", LINECONF_AS_IS, false },
	{ "Reorder_Tone", "tone_reorder", LINECONF_AS_IS, false },
	{ "Confirm_Tone", "tone_confirm", LINECONF_AS_IS, false },
	{ "FXS_Port_Input_Gain", "input_gain_db", LINECONF_DB, false },
	{ "FXS_Port_Output_Gain", "output_gain_db", LINECONF_DB, false },
	{ "CPC_Delay", "cpc_delay_ms", LINECONF_MS, false },
	{ "CPC_Duration", "cpc_duration_ms", LINECONF_MS, false },
	{ "Idle_Polarity_", "idle_polarity", LINECONF_POLARITY, true },
	{ "Caller_Conn_Polarity_", "caller_conn_polarity", LINECONF_POLARITY,
	  true },
	{ "Callee_Conn_Polarity_", "callee_conn_polarity", LINECONF_POLARITY,
	  true },
	/* flash_min/max last: written in the order that keeps min < max */
	{ "Hook_Flash_Timer_Min", "flash_min_ms", LINECONF_MS, false },
	{ "Hook_Flash_Timer_Max", "flash_max_ms", LINECONF_MS, false },
};

#define LINECONF_TABLE_LEN (sizeof(lineconf_table) / sizeof(lineconf_table[0]))

/* lines/ entries taken, as many as the kernel has minors */
#define LINECONF_MAX_LINES 64
#define LINECONF_LINE_NAME 16	/* "fxs" and up to ten digits */

/* whole seconds up to 100000, plus a fraction */
#define LINECONF_SECONDS_MAX_MS 100000999u

/* one lines/fxsN directory and the SPA line number it serves */
struct lineconf_line {
	char name[LINECONF_LINE_NAME];
	unsigned long index;	/* the N of fxsN */
	unsigned int number;	/* 1 for the lowest N */
};

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

int lineconf_int(const char *s, long *out)
{
	int base = 10, neg = *s == '-';
	char *end;

	s += neg;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!isxdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	*out = strtol(s, &end, base);
	if (errno || *end)
		return -EINVAL;
	if (neg)
		*out = -*out;
	return 0;
}

int lineconf_db(const char *s, long *db)
{
	const char *end;
	int neg = *s == '-';
	u32 milli;

	end = s + neg;
	if (fxs_seconds_parse(&end, FXS_SECONDS_DECIMALS_MAX,
			      LINECONF_SECONDS_MAX_MS, &milli) || *end)
		return -EINVAL;
	/* to the nearest whole dB, halves away from zero */
	*db = (long)((milli + 500) / 1000);
	if (neg)
		*db = -*db;
	return 0;
}

int lineconf_polarity(const char *s, const char **kernel)
{
	if (!strcasecmp(s, "Forward"))
		*kernel = "forward";
	else if (!strcasecmp(s, "Reverse"))
		*kernel = "reverse";
	else
		return -EINVAL;
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

/* the store name of m for line (Idle_Polarity_1_ for line 1) */
static void param_for_line(const struct lineconf_map *m,
			   const struct lineconf_line *line, char *name,
			   size_t len)
{
	if (m->per_line)
		snprintf(name, len, "%s%u_", m->param, line->number);
	else
		snprintf(name, len, "%s", m->param);
}

/* value (the store's, in buf) in the kernel's unit; 0 or -EINVAL */
static int to_kernel_unit(enum lineconf_unit unit, char *buf, size_t len)
{
	const char *polarity;
	unsigned long ms;
	long n;

	switch (unit) {
	case LINECONF_MS:
		if (lineconf_seconds_to_ms(buf, &ms))
			return -EINVAL;
		snprintf(buf, len, "%lu", ms);
		return 0;
	case LINECONF_INT:
		if (lineconf_int(buf, &n))
			return -EINVAL;
		snprintf(buf, len, "%ld", n);
		return 0;
	case LINECONF_DB:
		if (lineconf_db(buf, &n))
			return -EINVAL;
		snprintf(buf, len, "%ld", n);
		return 0;
	case LINECONF_POLARITY:
		if (lineconf_polarity(buf, &polarity))
			return -EINVAL;
		snprintf(buf, len, "%s", polarity);
		return 0;
	default:
		return 0;
	}
}

/* the value to write for param, in the kernel's unit; 0 or -errno */
static int kernel_value(struct store *st, const char *param,
			const struct lineconf_map *m, char *buf, size_t len)
{
	int ret;

	ret = store_get(st, param, buf, len);
	if (ret)
		return ret;
	return to_kernel_unit(m->unit, buf, len);
}

static int apply_one(struct store *st, int dirfd,
		     const struct lineconf_line *line,
		     const struct lineconf_map *m)
{
	char param[64], value[PARAM_VALUE_MAX];
	int ret;

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
	const struct lineconf_map *min = &lineconf_table[LINECONF_TABLE_LEN - 2];
	const struct lineconf_map *max = &lineconf_table[LINECONF_TABLE_LEN - 1];
	char value[32];
	bool max_first = false;
	int failed = 0;
	size_t i;

	for (i = 0; i < LINECONF_TABLE_LEN - 2; i++)
		failed += apply_one(st, dirfd, line, &lineconf_table[i]);
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

/* true when s is digits then "_" and nothing more */
static bool is_line_suffix(const char *s)
{
	const char *p = s;

	while (*p >= '0' && *p <= '9')
		p++;
	return p > s && !strcmp(p, "_");
}

bool lineconf_uses(const char *param)
{
	const struct lineconf_map *m;
	size_t i, len;

	for (i = 0; i < LINECONF_TABLE_LEN; i++) {
		m = &lineconf_table[i];
		len = strlen(m->param);
		if (!m->per_line && !strcmp(m->param, param))
			return true;
		if (m->per_line && !strncmp(m->param, param, len) &&
		    is_line_suffix(param + len))
			return true;
	}
	return false;
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
