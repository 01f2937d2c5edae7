// SPDX-License-Identifier: GPL-2.0
/*
 * param.c - looking parameters up in the table (param_table.c) and
 * validating their values.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fxs_seconds.h"
#include "internal.h"
#include "param.h"
#include "param_def.h"

size_t param_count(void)
{
	return param_table_len;
}

const struct param_def *param_at(size_t i)
{
	return i < param_count() ? &param_table[i] : NULL;
}

/*
 * Name lookup: an open-addressing hash (text_hash) of the table's names
 * and of its aliases, built on first use. A slot holds a key + 1: keys
 * below the table's length are entries, the others aliases. Names match
 * exactly, case included, as the SPA matches element tags. The table is
 * fixed at build time, so the index never changes once built (once,
 * under pthread_once: a start reads the state file on a second thread).
 */
static unsigned short param_hash_slot[PARAM_HASH_SLOTS];	/* key + 1 */
static unsigned short param_alias_target[PARAM_HASH_SLOTS / 2];

static const char *param_key_name(size_t key)
{
	return key < param_table_len ? param_table[key].name :
	       param_alias_table[key - param_table_len].name;
}

static const struct param_def *param_key_def(size_t key)
{
	return &param_table[key < param_table_len ? key :
			    param_alias_target[key - param_table_len]];
}

static long param_hash_lookup(const char *name)
{
	unsigned int slot;
	unsigned short idx;

	for (slot = text_hash(name);; slot++) {
		idx = param_hash_slot[slot & (PARAM_HASH_SLOTS - 1)];
		if (!idx)
			return -1;
		if (!strcmp(param_key_name(idx - 1), name))
			return idx - 1;
	}
}

static void param_hash_add(size_t key)
{
	unsigned int slot = text_hash(param_key_name(key));

	while (param_hash_slot[slot & (PARAM_HASH_SLOTS - 1)])
		slot++;
	param_hash_slot[slot & (PARAM_HASH_SLOTS - 1)] =
		(unsigned short)(key + 1);
}

/* entries first; an alias whose canonical name is missing is left out */
static void param_hash_build(void)
{
	long target;
	size_t i;

	for (i = 0; i < param_table_len; i++)
		param_hash_add(i);
	for (i = 0; i < param_alias_table_len; i++) {
		target = param_hash_lookup(param_alias_table[i].canonical);
		if (target < 0 || (size_t)target >= param_table_len)
			continue;
		param_alias_target[i] = (unsigned short)target;
		param_hash_add(param_table_len + i);
	}
}

const struct param_def *param_find(const char *name)
{
	static pthread_once_t built = PTHREAD_ONCE_INIT;
	long key;

	if (!name)
		return NULL;
	pthread_once(&built, param_hash_build);
	key = param_hash_lookup(name);
	return key < 0 ? NULL : param_key_def((size_t)key);
}

size_t param_alias_count(void)
{
	return param_alias_table_len;
}

const char *param_alias_name(size_t i)
{
	return i < param_alias_table_len ? param_alias_table[i].name : NULL;
}

const char *param_group(const struct param_def *p)
{
	return p->group;
}

bool param_key_only(const struct param_def *p)
{
	return p->flags & F_KEY_ONLY;
}

size_t param_index(const struct param_def *p)
{
	return (size_t)(p - param_table);
}

const char *param_name(const struct param_def *p)
{
	return p->name;
}

const char *param_default(const struct param_def *p)
{
	return p->def;
}

enum param_access param_default_access(const struct param_def *p)
{
	return p->access;
}

int param_name_valid(const char *name)
{
	size_t n = 0;

	if (!name || !*name)
		return 0;
	for (; *name; name++, n++)
		if (!isalnum((unsigned char)*name) && *name != '_')
			return 0;
	return n < PARAM_NAME_MAX;
}

int param_access_parse(const char *s, enum param_access *out)
{
	static const char *const names[] = { "na", "ro", "rw" };
	size_t i;

	for (i = 0; s && i < 3; i++) {
		if (!strcasecmp(s, names[i])) {
			*out = (enum param_access)i;
			return 0;
		}
	}
	return -EINVAL;
}

const char *param_access_name(enum param_access a)
{
	switch (a) {
	case PARAM_NA:
		return "na";
	case PARAM_RO:
		return "ro";
	case PARAM_RW:
		return "rw";
	}
	return "?";
}

int param_parse_bool(const char *s)
{
	if (!strcasecmp(s, "yes") || !strcasecmp(s, "true") ||
	    !strcmp(s, "1"))
		return 1;
	if (!strcasecmp(s, "no") || !strcasecmp(s, "false") ||
	    !strcmp(s, "0"))
		return 0;
	return -EINVAL;
}

/* unsigned decimal (or 0x hex) integer; 0 or -EINVAL */
static int parse_ull(const char *s, unsigned long long *out)
{
	int base = 10;
	char *end;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!isxdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	*out = strtoull(s, &end, base);
	if (errno || *end)
		return -EINVAL;
	return 0;
}

int param_parse_int(const char *s, long long *out)
{
	unsigned long long v;
	int neg = *s == '-';

	if (parse_ull(s + neg, &v) || v > 1ULL << 62)
		return -EINVAL;
	*out = neg ? -(long long)v : (long long)v;
	return 0;
}

/* decimal seconds like ".5", "0.020", "16" to thousandths, with the
 * kernel's parser (kmod/fxs_seconds.c); 0 or -EINVAL */
static int parse_milli(const char *s, long long max, long long *out)
{
	const char *end = s;
	u32 ms;

	if (max < 0 || max > 0xffffffffLL ||
	    fxs_seconds_parse(&end, FXS_SECONDS_DECIMALS_MAX, (u32)max, &ms) ||
	    *end)
		return -EINVAL;
	*out = ms;
	return 0;
}

static int has_ctrl(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n' &&
		    *s != '\r')
			return 1;
	return 0;
}

static int valid_enum(const char *choices, const char *v)
{
	size_t n = strlen(v);
	const char *c = choices;

	while (*c) {
		const char *bar = strchr(c, '|');
		size_t len = bar ? (size_t)(bar - c) : strlen(c);

		if (len == n && !strncasecmp(c, v, n))
			return 1;
		c += len + (bar ? 1 : 0);
	}
	return 0;
}

static int valid_hhmm(const char *v)
{
	size_t i;

	if (!*v)
		return 1;
	if (strlen(v) != 4)
		return 0;
	for (i = 0; i < 4; i++)
		if (!isdigit((unsigned char)v[i]))
			return 0;
	return (v[0] - '0') * 10 + (v[1] - '0') < 24 &&
	       (v[2] - '0') * 10 + (v[3] - '0') < 60;
}

static int valid_charset(const char *v, const char *set)
{
	for (; *v; v++)
		if (!isdigit((unsigned char)*v) && !strchr(set, *v))
			return 0;
	return 1;
}

static int valid_tz(const char *v)
{
	int hh, mm, n = 0;

	if (strncmp(v, "GMT", 3))
		return 0;
	v += 3;
	if (!*v)
		return 1;
	if (*v != '+' && *v != '-')
		return 0;
	if (sscanf(v + 1, "%2d:%2d%n", &hh, &mm, &n) != 2 || v[1 + n] ||
	    !isdigit((unsigned char)v[1]))
		return 0;
	return hh <= 14 && mm < 60;
}

/* a router <Time_Zone> field of digits, at most max of them; the byte
 * after them, or NULL when there are none or too many */
static const char *digits_at(const char *s, int max, int *out)
{
	int n = 0;

	*out = 0;
	for (; isdigit((unsigned char)*s); s++, n++) {
		if (n == max)
			return NULL;
		*out = *out * 10 + (*s - '0');
	}
	return n ? s : NULL;
}

/*
 * The router section's Time_Zone (ATA 191/192, SPA122): "+01 2 2", the
 * UTC offset in hours, then the zone's entry and daylight saving rule
 * numbers of the guide's Time Zone Settings table; templates that fill in
 * the voice value give the GMT+HH:MM form, which is taken too.
 */
static int valid_router_tz(const char *v)
{
	int hh, zone, rule;

	if (valid_tz(v))
		return 1;
	if (*v == '+' || *v == '-')
		v++;
	if (!isdigit((unsigned char)v[0]) || !isdigit((unsigned char)v[1]))
		return 0;
	v = digits_at(v, 2, &hh);
	if (!v || hh > 14 || *v != ' ')
		return 0;
	v = digits_at(v + 1, 2, &zone);
	if (!v || !zone || *v != ' ')
		return 0;
	v = digits_at(v + 1, 2, &rule);
	return v && rule && !*v;
}

#define IPV4_LIST_MAX 2	/* DNS1[:DNS2] */

/* the router section's <DNS>: IPv4 addresses joined by ':' */
static int valid_ipv4_list(const char *v)
{
	char addr[INET_ADDRSTRLEN];
	struct in_addr a;
	size_t len;
	int n;

	for (n = 0; n < IPV4_LIST_MAX; n++) {
		len = strcspn(v, ":");
		if (!len || len >= sizeof(addr))
			return 0;
		memcpy(addr, v, len);
		addr[len] = '\0';
		if (inet_pton(AF_INET, addr, &a) != 1)
			return 0;
		v += len;
		if (!*v)
			return 1;
		v++;
	}
	return 0;
}

/* one number of a delay list at *s (decimal or 0x hex, 32 bits), *s moved
 * past it; 0 or -EINVAL */
static int parse_u32_at(const char **s, unsigned long *out)
{
	const char *p = *s;
	unsigned long long v;
	int base = 10;
	char *end;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	if (base == 16 ? !isxdigit((unsigned char)*p) :
			 !isdigit((unsigned char)*p))
		return -EINVAL;
	errno = 0;
	v = strtoull(p, &end, base);
	if (errno || v > 4294967295ULL)
		return -EINVAL;
	*out = (unsigned long)v;
	*s = end;
	return 0;
}

/* SECONDS or SECONDS+SPREAD at *s */
static int parse_delay(const char **s, struct param_delay *d)
{
	d->spread = 0;
	if (parse_u32_at(s, &d->base))
		return -EINVAL;
	if (**s != '+')
		return 0;
	(*s)++;
	return parse_u32_at(s, &d->spread);
}

static const char *skip_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

int param_parse_delays(const char *s, struct param_delay *out, size_t max,
		       size_t *n)
{
	*n = 0;
	for (;;) {
		s = skip_blanks(s);
		if (*n >= max || parse_delay(&s, &out[*n]))
			break;
		(*n)++;
		s = skip_blanks(s);
		if (!*s)
			return 0;
		if (*s++ != ',')
			break;
	}
	*n = 0;
	return -EINVAL;
}

const char *param_blank_default(const struct param_def *p)
{
	if (p->flags & F_BLANK)
		return NULL;
	switch (p->type) {
	case PT_INT:
	case PT_DEC:
	case PT_RETRY:
		return p->def;
	}
	return NULL;
}

bool param_router(const struct param_def *p)
{
	return p->flags & F_ROUTER;
}

const char *param_type_desc(const struct param_def *p)
{
	static const char *const desc[] = {
		[PT_TEXT] = "text",
		[PT_BOOL] = "Yes|No",
		[PT_INT] = "integer",
		[PT_DEC] = "number",
		[PT_ENUM] = "one of",
		[PT_HHMM] = "blank or HHmm (0000..2359)",
		[PT_RETRY] = "seconds[+random], or a list like 1800+300,3600+600",
		[PT_TONE] = "tone/cadence script",
		[PT_CODE] = "star code of 0-9 * #",
		[PT_TZ] = "GMT or GMT+HH:MM / GMT-HH:MM",
		[PT_ROUTER_TZ] = "time zone like +01 2 2 or GMT+01:00",
		[PT_IPV4_LIST] = "IPv4 address, or two joined by ':'",
	};

	if (p->type == PT_ENUM)
		return p->choices;
	return desc[p->type];
}

static int valid_number(const struct param_def *p, const char *v)
{
	long long x;

	int neg = p->type == PT_DEC && p->min < 0 && *v == '-';

	if (p->type == PT_INT) {
		if (param_parse_int(v, &x))
			return 0;
	} else if (parse_milli(v + neg, neg ? -p->min : p->max, &x)) {
		return 0;	/* a negative decimal: dB such as "-3.5" */
	}
	if (neg)
		x = -x;
	return x >= p->min && x <= p->max;
}

static int check_value(const struct param_def *p, const char *v)
{
	struct param_delay d[PARAM_DELAYS_MAX];
	size_t n;

	if (!*v && (p->flags & F_BLANK))
		return 1;
	switch (p->type) {
	case PT_TEXT:
		return 1;
	case PT_BOOL:
		return param_parse_bool(v) >= 0;
	case PT_INT:
	case PT_DEC:
		return valid_number(p, v);
	case PT_ENUM:
		return valid_enum(p->choices, v);
	case PT_HHMM:
		return valid_hhmm(v);
	case PT_RETRY:
		return !param_parse_delays(v, d, PARAM_DELAYS_MAX, &n);
	case PT_TONE:
		return valid_charset(v, "@,;.()*/+- ");
	case PT_CODE:
		return valid_charset(v, "*#");
	case PT_TZ:
		return valid_tz(v);
	case PT_ROUTER_TZ:
		return valid_router_tz(v);
	case PT_IPV4_LIST:
		return valid_ipv4_list(v);
	}
	return 0;
}

static void describe_error(const struct param_def *p, const char *v,
			   char *err, size_t errlen)
{
	if (p->type == PT_INT)
		snprintf(err, errlen, "%s: '%.64s' is not an integer %lld..%lld",
			 p->name, v, p->min, p->max);
	else if (p->type == PT_DEC)
		snprintf(err, errlen, "%s: '%.64s' is not a number %g..%g",
			 p->name, v, p->min / 1000.0, p->max / 1000.0);
	else if (p->type == PT_RETRY)
		snprintf(err, errlen,
			 "%s: '%.64s' is not an integer 0..4294967295 with an optional +RANDOM, or a list of them like 1800+300,3600+600",
			 p->name, v);
	else if (p->type == PT_ENUM || p->type == PT_BOOL)
		snprintf(err, errlen, "%s: '%.64s' is not one of %s",
			 p->name, v, param_type_desc(p));
	else
		snprintf(err, errlen, "%s: '%.64s' is not a valid %s",
			 p->name, v, param_type_desc(p));
}

int param_validate(const struct param_def *p, const char *value,
		   char *err, size_t errlen)
{
	size_t bad;

	if (!value) {
		snprintf(err, errlen, "%s: no value", p->name);
		return -EINVAL;
	}
	if (strlen(value) >= PARAM_VALUE_MAX - 1) {
		snprintf(err, errlen, "%s: value of %zu bytes is too long (max %d)",
			 p->name, strlen(value), PARAM_VALUE_MAX - 2);
		return -EINVAL;
	}
	if (has_ctrl(value)) {
		snprintf(err, errlen, "%s: value contains control characters",
			 p->name);
		return -EINVAL;
	}
	bad = text_utf8_invalid_at(value);
	if (bad != TEXT_UTF8_VALID) {
		snprintf(err, errlen,
			 "%s: value is not valid UTF-8 (byte %zu, 0x%02x)",
			 p->name, bad + 1, (unsigned char)value[bad]);
		return -EINVAL;
	}
	if (!check_value(p, value)) {
		describe_error(p, value, err, errlen);
		return -EINVAL;
	}
	return 0;
}
