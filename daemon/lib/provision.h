// SPDX-License-Identifier: GPL-2.0
/*
 * provision.h - the one apply point. Every path that changes the
 * configuration (a resync, `fxsctl set`, `--set` at start, the web form,
 * the IVR) hands its parameter set to provision_apply(): it validates the
 * whole set, applies it to the store all or nothing, persists the state
 * file and pushes the line settings to the kernel, or changes nothing.
 */
#ifndef FXSD_PROVISION_H
#define FXSD_PROVISION_H

#include <stddef.h>

struct profile;
struct store;

/**
 * struct provision - where an applied parameter set goes
 * @st:          the parameter store
 * @state_path:  the state file persisted after a change, or NULL
 * @line_config: the kernel's configfs lines/ root the line parameters go
 *               to, or NULL
 * @changed:     called after an apply that changed something (the web
 *               server follows Enable_Web_Server and Web_Server_Port so),
 *               or NULL; it must not apply anything itself
 * @changed_arg: passed to @changed
 */
struct provision {
	struct store *st;
	const char *state_path;
	const char *line_config;
	void (*changed)(void *arg);
	void *changed_arg;
	/* private: provision_open_start()'s work in progress */
	const char *open_root;
	struct provision_open_job *opening;
};

/*
 * Validates p, writes what differs to the store, saves the state file
 * once and pushes the line settings when a line parameter changed. A set
 * that changes nothing writes nothing. Validation is the table's, then
 * the kernel's on the line parameters (line_check.h: its own tone and
 * cadence parsers and range checks, the flash pair as the lines end up
 * with it, against their debounce): a value the kernel would refuse is
 * -EINVAL with err "NAME 'VALUE': reason", before anything changes. On
 * any failure (err says which parameter or file) the store, the state
 * file and the lines are as they were. Names not in the table are
 * skipped, as a profile's unknown elements are.
 */
int provision_apply(struct provision *pv, const struct profile *p,
		    char *err, size_t errlen);

/*
 * Applies n "NAME=VALUE" assignments as one set (fxsctl set, --set):
 * -EINVAL for a malformed one, -ENOENT for a name not in the table.
 */
int provision_assign(struct provision *pv, const char *const *assignments,
		     size_t n, char *err, size_t errlen);

/*
 * At start: applies the state file (missing: nothing to do) without
 * saving it again, then pushes every line parameter to the kernel. A state
 * file that does not load never stops the start: it is kept as FILE.bad,
 * FILE.bak (the state before the last save) is taken instead, or the
 * store as it is, and a good FILE is saved; note then says what happened
 * (else it is ""), for syslog and `fxsctl status`. Values that no longer
 * validate keep the store's value, each logged. 0, or -errno when the
 * store cannot be written. A value the kernel would refuse counts as one
 * that no longer validates.
 */
int provision_restore(struct provision *pv, char *note, size_t notelen);

/*
 * Opens pv->st on the store at root and restores the state file into it
 * (provision_restore()): note as there. When the state file's sync record
 * matches (store_sync.h), the store's values are taken from the state
 * file and none of its files is read; otherwise, or when the state file
 * does not load whole and valid, every entry is read as store_open()
 * does. Either way the sync record is written when the store then holds
 * exactly the state file, and removed before the store is written again.
 * provision_open_start() starts it (the store's readers, or the state
 * file's, run on other threads), provision_open_finish() ends it; both
 * give 0 or -errno (pv->st NULL then). Nothing may use pv in between.
 */
int provision_open(struct provision *pv, const char *root, char *note,
		   size_t notelen);
int provision_open_start(struct provision *pv, const char *root);
int provision_open_finish(struct provision *pv, char *note, size_t notelen);
/*
 * Pushes every line parameter of the store to every line the kernel has
 * (a line that appeared: a board made live, the modules loaded again).
 */
void provision_push_lines(struct provision *pv);

/*
 * Factory reset: every table parameter back to its default value and
 * access, the state file, its .bak/.bad copies and its .sync record
 * removed, and the lines given the default settings. 0, or -errno with
 * err filled (a store write or an unlink that failed; what was reset
 * before it stays reset).
 */
int provision_factory_reset(struct provision *pv, char *err, size_t errlen);

#endif /* FXSD_PROVISION_H */
