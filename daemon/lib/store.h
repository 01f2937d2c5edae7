// SPDX-License-Identifier: GPL-2.0
/*
 * store.h - the parameter store: a directory tree NAME/value + NAME/access,
 * the layout of configfs /sys/kernel/config/fxs/params, held in memory
 * too (fxsd is its only writer): reads never touch the files, and a write
 * happens only when a value or access level changes.
 */
#ifndef FXSD_STORE_H
#define FXSD_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include "param.h"

struct store;
struct profile;
struct store_changes;

/*
 * root: a directory (configfs params/ or a test dir); created if missing.
 * Reads every table parameter once; creates NAME/ with the default value
 * and access when it is missing, and repairs a half-written entry with
 * the defaults. Free with store_close().
 */
int store_open(const char *root, struct store **out);
/*
 * store_open() in two halves, for a caller with work of its own to do
 * meanwhile: store_open_start() starts reading the entries on background
 * threads; store_open_finish() helps them finish, and returns what
 * store_open() would. Nothing else may touch the store in between but
 * store_close(), which waits for the readers.
 */
int store_open_start(const char *root, struct store **out);
int store_open_finish(struct store *st);
/*
 * Opens the existing store at root without reading its files: values
 * holds what they hold (the state file, when its sync record matches;
 * see store_sync.h), a valid value and access for every table parameter
 * (the last entry of a name counts; names not in the table are skipped).
 * -ESTALE when one is missing or invalid, -errno when root cannot be
 * opened; the caller then opens the store the reading way.
 */
int store_open_from(const char *root, const struct profile *values,
		    struct store **out);
/*
 * Calls fn(arg) once, before the next write to the store's files (a
 * value, an access level, a file mode, an entry made): fxsd removes the
 * sync record there. Call it again to be told of a later write; fn NULL
 * cancels. Not while store_open_start()'s readers run.
 */
void store_on_write(struct store *st, void (*fn)(void *arg), void *arg);
void store_close(struct store *st);
const char *store_root(const struct store *st);
/*
 * When the root path now names another directory than the one opened
 * (configfs params/ gone with the modules and made again by their next
 * load), writes every entry held in memory into it and uses it from then
 * on: 1 when it did, 0 when there is nothing to do (the same directory,
 * or none at the path yet), -errno with err filled when the new one could
 * not be filled (the store keeps the old one, and memory stays whole).
 */
int store_reattach(struct store *st, char *err, size_t errlen);

/* a secret: access na, or a key secret (GPP_SA-SD); its value file is
 * 0600 and it is never shown, logged or expanded outside --key */
bool store_secret(const struct store *st, const struct param_def *p);
/* the value and access of a table parameter (no copy, no I/O) */
const char *store_value(const struct store *st, const struct param_def *p);
enum param_access store_access(const struct store *st,
			       const struct param_def *p);
/*
 * Copies the value into buf; -ENOENT if unknown name, -ENAMETOOLONG if
 * buf is too small.
 */
int store_get(struct store *st, const char *name, char *buf, size_t len);
int store_get_access(struct store *st, const char *name,
		     enum param_access *out);
/* validates, writes when it differs; 0 or -errno, err filled on failure */
int store_set(struct store *st, const char *name, const char *value,
	      char *err, size_t errlen);
int store_set_access(struct store *st, const char *name,
		     enum param_access a, char *err, size_t errlen);
/* reset every table parameter to its default value and access */
int store_reset_defaults(struct store *st, char *err, size_t errlen);

/*
 * Validates every entry of p first (err names the parameter and value);
 * on any error nothing changes. Then writes the entries whose value or
 * access differs from the store's; a write failure undoes the ones
 * before it. Entries whose name is not in the table are skipped.
 * On success *changes is what changed (NULL: nothing did), for
 * store_undo() or store_changes_free().
 */
int store_apply(struct store *st, const struct profile *p,
		struct store_changes **changes, char *err, size_t errlen);
/* puts back what changes replaced, and frees it */
void store_undo(struct store *st, struct store_changes *changes);
void store_changes_free(struct store_changes *changes);
size_t store_changes_count(const struct store_changes *changes);
/* the i-th changed parameter */
const struct param_def *store_changes_param(const struct store_changes *ch,
					    size_t i);

#endif /* FXSD_STORE_H */
