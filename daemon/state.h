// SPDX-License-Identifier: GPL-2.0
/*
 * state.h - the persisted state file: the whole store as a flat-profile
 * XML document, written atomically (temp, fsync, rename, fsync dir).
 */
#ifndef FXSD_STATE_H
#define FXSD_STATE_H

#include <stddef.h>
#include "store.h"	/* store_apply_profile() */

/* write every table parameter (value and ua=) to state_path atomically */
int state_save(struct store *st, const char *state_path,
	       char *err, size_t errlen);
/*
 * Restore the store from state_path; a missing file is not an error
 * (returns 0). A corrupt file gives -EINVAL and changes nothing.
 */
int state_load(struct store *st, const char *state_path,
	       char *err, size_t errlen);

#endif /* FXSD_STATE_H */
