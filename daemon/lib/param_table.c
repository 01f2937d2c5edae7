// SPDX-License-Identifier: GPL-2.0
/*
 * param_table.c - the SPA parameter table: every parameter's canonical
 * element name, default, access level, value type and guide group, and
 * the other spellings that map onto them. The data is param_table.def.
 */
#include <stddef.h>

#include "param_def.h"

#define U32MAX 4294967295LL
#define CODEC "G711u|G711a|G726-16|G726-24|G726-32|G726-40|G729a|G722|L16"
#define LOOP_CODEC "G711u|G711a|G726-16|G726-24|G726-32|G726-40|G729a|G723"
#define POLARITY "Forward|Reverse"
#define RING_CHOICE "1|2|3|4|5|6|7|8|9|No Ring"
#define LOGMSG(w) "$PN $MAC -- " w

/* first pass: the entries; the aliases expand to nothing */
#define P(n, d, a, t, f, lo, hi, c) \
	{ .name = n, .def = d, .access = a, .type = t, .flags = f, \
	  .min = lo, .max = hi, .choices = c, .group = GROUP },
#define TEXT(n, d)		P(n, d, PARAM_RW, PT_TEXT, 0, 0, 0, NULL)
#define SECRET(n, d)		P(n, d, PARAM_NA, PT_TEXT, 0, 0, 0, NULL)
#define KEY_SECRET(n, d)	P(n, d, PARAM_NA, PT_TEXT, F_KEY_ONLY, 0, 0, NULL)
#define BOOL(n, d)		P(n, d, PARAM_RW, PT_BOOL, 0, 0, 0, NULL)
#define INT(n, d, lo, hi)	P(n, d, PARAM_RW, PT_INT, 0, lo, hi, NULL)
#define INTB(n, d, lo, hi)	P(n, d, PARAM_RW, PT_INT, F_BLANK, lo, hi, NULL)
#define DEC(n, d, lo, hi)	P(n, d, PARAM_RW, PT_DEC, 0, lo, hi, NULL)
#define ENUM(n, d, c)		P(n, d, PARAM_RW, PT_ENUM, 0, 0, 0, c)
#define TONE(n, d)		P(n, d, PARAM_RW, PT_TONE, F_BLANK, 0, 0, NULL)
#define CODE(n, d)		P(n, d, PARAM_RW, PT_CODE, F_BLANK, 0, 0, NULL)
#define HHMM(n, d)		P(n, d, PARAM_RW, PT_HHMM, F_BLANK, 0, 0, NULL)
#define TZ(n, d)		P(n, d, PARAM_RW, PT_TZ, 0, 0, 0, NULL)
/* a retry list like Resync_Error_Retry_Delay */
#define RETRY(n, d)		P(n, d, PARAM_RW, PT_RETRY, 0, 0, U32MAX, NULL)
/* a period like Resync_Periodic: a list as a retry's, spreads and all */
#define SCHEDULE(n, d)		RETRY(n, d)
/* a <router-configuration> setting: <Time_Zone> there is Router_Time_Zone */
#define ROUTER(n, d, t, f, lo, hi, c) \
	P("Router_" n, d, PARAM_RW, t, F_ROUTER | (f), lo, hi, c)
/* a per-line parameter, for lines 1 and 2: Name_1_, Name_2_ */
#define LINE(m, n, ...)		m(n "1_", __VA_ARGS__) m(n "2_", __VA_ARGS__)
#define ALIAS(a, c)
#define LINE_ALIAS(a, c)

const struct param_def param_table[] = {
#include "param_table.def"
};

const size_t param_table_len = sizeof(param_table) / sizeof(param_table[0]);

/* second pass: the aliases; the entries expand to nothing */
#undef P
#undef ALIAS
#undef LINE_ALIAS
#define P(n, d, a, t, f, lo, hi, c)
#define ALIAS(a, c)		{ .name = a, .canonical = c },
#define LINE_ALIAS(a, c)	ALIAS(a "1_", c "1_") ALIAS(a "2_", c "2_")

const struct param_alias param_alias_table[] = {
#include "param_table.def"
};

const size_t param_alias_table_len =
	sizeof(param_alias_table) / sizeof(param_alias_table[0]);

_Static_assert((sizeof(param_table) / sizeof(param_table[0]) +
		sizeof(param_alias_table) / sizeof(param_alias_table[0])) * 2 <=
	       PARAM_HASH_SLOTS, "PARAM_HASH_SLOTS too small for the table");
