// SPDX-License-Identifier: GPL-2.0
/*
 * profile.h - flat-profile XML parsing (expat, no DTD or entities) with
 * optional alias-map remapping. Values are trimmed and their newlines
 * become spaces; <router-configuration> elements are the Router_
 * parameters.
 */
#ifndef FXSD_PROFILE_H
#define FXSD_PROFILE_H

#include <stddef.h>

/* largest XML document profile_parse() accepts */
#define PROFILE_MAX_INPUT (1u << 20)

struct profile_entry {
	char *name;	/* canonical parameter name (after alias mapping) */
	char *value;	/* NULL for <X/> : leave X unchanged */
	int access;	/* -1 when no ua= attribute, else enum param_access */
};

struct profile {
	struct profile_entry *entries;	/* last occurrence wins already */
	size_t count;
	char **unknown;		/* element names not in the table */
	size_t unknown_count;
	char **notes;		/* what was taken other than as written: bad
				 * ua= values, empty numbers, router settings
				 * ignored; one line each, at most 3 */
	size_t note_count;
};

/*
 * alias_map: text of the GPP holding the map, or NULL.
 * 0 or -EINVAL/-E2BIG/-ENOMEM with err ("XML error at line 3: ...").
 * On success free *out with profile_free(); on failure *out is empty.
 */
int profile_parse(const char *buf, size_t len, const char *alias_map,
		  struct profile *out, char *err, size_t errlen);
/* values as written, not trimmed: the state file, where fxsd wrote each
 * value exactly (a value may start or end with white space) */
#define PROFILE_EXACT 0x1
int profile_parse_flags(const char *buf, size_t len, const char *alias_map,
			unsigned int flags, struct profile *out, char *err,
			size_t errlen);
void profile_free(struct profile *p);
/* the entry for name, or NULL */
const struct profile_entry *profile_find(const struct profile *p,
					 const char *name);

#endif /* FXSD_PROFILE_H */
