// SPDX-License-Identifier: GPL-2.0
/*
 * state.h - the persisted state file: the whole store as a flat-profile
 * XML document, written atomically (temp, fsync, rename, fsync dir), and
 * read back as a parameter set for the provisioning layer to apply.
 */
#ifndef FXSD_STATE_H
#define FXSD_STATE_H

#include <stddef.h>

struct profile;
struct store;

/* writes every table parameter (value and ua=) to state_path atomically;
 * the file it replaces is kept as state_path.bak */
int state_save(struct store *st, const char *state_path,
	       char *err, size_t errlen);
/*
 * Parses state_path into *out (free with profile_free()). -ENOENT (err
 * untouched) when there is no file; a corrupt file gives -EINVAL with err.
 */
int state_read(const char *state_path, struct profile *out, char *err,
	       size_t errlen);

#endif /* FXSD_STATE_H */
