// SPDX-License-Identifier: GPL-2.0
/*
 * param.h - the SPA parameter table: canonical element names, defaults,
 * access levels and validators.
 */
#ifndef FXSD_PARAM_H
#define FXSD_PARAM_H

#include <stdbool.h>
#include <stddef.h>

/* SPA "ua" levels: no user access, read only, read/write */
enum param_access { PARAM_NA = 0, PARAM_RO = 1, PARAM_RW = 2 };

/* longest parameter name and value the store accepts */
#define PARAM_NAME_MAX	64
#define PARAM_VALUE_MAX	4096

struct param_def;

/*
 * Look a parameter up by its canonical element name or one of its aliases
 * (another spelling, such as SIP_ToS_DiffServ_Value_1_); NULL if unknown.
 * Names are case-sensitive, as the SPA's element tags are.
 */
const struct param_def *param_find(const char *name);
/* the aliases, for listing: param_alias_name(i) for i < param_alias_count() */
size_t param_alias_count(void);
const char *param_alias_name(size_t i);
/* the administration guide's "Page/Section", e.g. "Regional/Miscellaneous" */
const char *param_group(const struct param_def *p);
/* GPP_SA..SD: secrets that expand only inside a rule's --key */
bool param_key_only(const struct param_def *p);
/* position of p in the table: param_at(param_index(p)) == p */
size_t param_index(const struct param_def *p);
const char *param_name(const struct param_def *p);
const char *param_default(const struct param_def *p);
enum param_access param_default_access(const struct param_def *p);
/* a short description of the accepted values, e.g. "Yes|No", "0..65535" */
const char *param_type_desc(const struct param_def *p);
size_t param_count(void);
const struct param_def *param_at(size_t i);
/*
 * 0, or -EINVAL with a message like
 * "Resync_Periodic: 'abc' is not an integer 0..4294967295" in err.
 */
int param_validate(const struct param_def *p, const char *value,
		   char *err, size_t errlen);
/* "na" "ro" "rw" (case-insensitive); 0 or -EINVAL */
int param_access_parse(const char *s, enum param_access *out);
const char *param_access_name(enum param_access a);
/* 1 if name is a syntactically valid element name (letters, digits, _) */
int param_name_valid(const char *name);

/*
 * A delay list: Resync_Periodic, Resync_Error_Retry_Delay and
 * Upgrade_Error_Retry_Delay. Elements are joined by ',' (white space
 * around them is allowed); each is SECONDS or SECONDS+SPREAD, SPREAD
 * being up to that many random seconds added. The last element repeats.
 */
#define PARAM_DELAYS_MAX 16
struct param_delay {
	unsigned long base;	/* seconds, 0..4294967295 */
	unsigned long spread;	/* random extra seconds, 0..4294967295 */
};
/* fills up to max elements into out, *n the count; 0 or -EINVAL */
int param_parse_delays(const char *s, struct param_delay *out, size_t max,
		       size_t *n);
/*
 * What an empty profile element <X></X> stands for: the default of a
 * numeric parameter (integer, decimal, delay list) that has no meaning
 * for blank; NULL when the empty value is taken as written.
 */
const char *param_blank_default(const struct param_def *p);
/* a <router-configuration> setting, stored as PARAM_ROUTER_PREFIX NAME */
bool param_router(const struct param_def *p);
#define PARAM_ROUTER_PREFIX "Router_"
/* an integer as the table writes them: decimal or 0x hex, an optional
 * minus; 0 or -EINVAL */
int param_parse_int(const char *s, long long *out);
/* "Yes"/"No" (and true/false/1/0, case-insensitive) -> 1/0; -EINVAL */
int param_parse_bool(const char *s);

#endif /* FXSD_PARAM_H */
