// SPDX-License-Identifier: GPL-2.0
/*
 * store.h - the parameter store: a directory tree NAME/value + NAME/access,
 * the layout of configfs /sys/kernel/config/fxs/params.
 */
#ifndef FXSD_STORE_H
#define FXSD_STORE_H

#include <stddef.h>
#include "param.h"

struct store;
struct profile;

/*
 * root: a directory (configfs params/ or a test dir); created if missing.
 * Creates NAME/ with the default value and access for every table parameter
 * that is missing. Free with store_close().
 */
int store_open(const char *root, struct store **out);
void store_close(struct store *st);
const char *store_root(const struct store *st);
/*
 * Copies the value (trailing newline stripped) into buf; -ENOENT if unknown
 * name, -ENAMETOOLONG if buf is too small.
 */
int store_get(struct store *st, const char *name, char *buf, size_t len);
/* validates, writes; 0 or -errno, err filled on failure */
int store_set(struct store *st, const char *name, const char *value,
	      char *err, size_t errlen);
int store_get_access(struct store *st, const char *name,
		     enum param_access *out);
int store_set_access(struct store *st, const char *name,
		     enum param_access a, char *err, size_t errlen);
/* reset every table parameter to its default value and access */
int store_reset_defaults(struct store *st, char *err, size_t errlen);

/*
 * Validate every entry first (err names the parameter and value); on any
 * error nothing changes. Otherwise write all to the store and persist the
 * whole store to state_path atomically (state_path may be NULL).
 * Entries whose name is not in the table are skipped.
 */
int store_apply_profile(struct store *st, const struct profile *p,
			const char *state_path, char *err, size_t errlen);

#endif /* FXSD_STORE_H */
