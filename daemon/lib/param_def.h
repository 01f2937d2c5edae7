// SPDX-License-Identifier: GPL-2.0
/*
 * param_def.h - the layout of a parameter table entry, shared by the
 * table (param_table.c) and the lookups and validators (param.c).
 * Internal to libfxsd: callers see struct param_def only through param.h.
 */
#ifndef FXSD_PARAM_DEF_H
#define FXSD_PARAM_DEF_H

#include <stddef.h>

#include "param.h"

enum param_type {
	PT_TEXT,	/* free text: URLs, rules, names (no control chars) */
	PT_BOOL,	/* Yes | No */
	PT_INT,		/* integer min..max, decimal or 0x hex */
	PT_DEC,		/* decimal seconds (".5"), min/max in thousandths */
	PT_ENUM,	/* one of choices, case-insensitive */
	PT_HHMM,	/* blank or HHmm */
	PT_RETRY,	/* delay list: "3600", "3600+600", "1800+300,3600+600" */
	PT_TONE,	/* tone / cadence script characters */
	PT_CODE,	/* star code: blank or [0-9*#]+ */
	PT_TZ,		/* GMT or GMT+HH:MM */
	PT_ROUTER_TZ,	/* router Time_Zone: "+01 2 2" (or the GMT form) */
	PT_IPV4_LIST,	/* router DNS: IPv4 addresses joined by ':' */
};

#define F_BLANK	0x1	/* an empty value is accepted */
#define F_KEY_ONLY 0x2	/* secret that expands only inside --key */
#define F_ROUTER 0x4	/* a <router-configuration> setting (Router_ name) */

struct param_def {
	const char *name;
	const char *def;
	unsigned char access;
	unsigned char type;
	unsigned char flags;
	long long min, max;
	const char *choices;
	const char *group;	/* the guide's "Page/Section" */
};

/* another spelling of a table name (SIP_ToS_... for SIP_TOS_...) */
struct param_alias {
	const char *name;
	const char *canonical;
};


/* the table, in the order of the guides' pages */
extern const struct param_def param_table[];
extern const size_t param_table_len;
extern const struct param_alias param_alias_table[];
extern const size_t param_alias_table_len;

/* name lookup slots (param_find): a power of two, over twice the table
 * and its aliases */
#define PARAM_HASH_SLOTS 4096

#endif /* FXSD_PARAM_DEF_H */
