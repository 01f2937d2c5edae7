// SPDX-License-Identifier: GPL-2.0
/*
 * store_sync.h - the sync record STATE.sync: proof that the parameter
 * store's files hold exactly what the state file holds, so that a start
 * can take the store's values from the one state file instead of reading
 * two files per parameter.
 *
 * The record names, for the boot it was written in, the store's root
 * directory (device, inode, change time) and the state file (device,
 * inode, size, modification time). It is written after a state save, or
 * after a start that found the store equal to the state file, and removed
 * before the store's files are written again, so a kill at any point
 * leaves no record that lies. A reboot (which may lose unsynced store
 * writes, and empties a configfs or tmpfs store), a store directory made
 * again, entries made or removed in it, or a state file replaced (a
 * restore of STATE.bak, an edit) all make it stale: the start then reads
 * every entry, as without it. It is for a store in a plain directory,
 * whose only writer is fxsd (a value file changed behind its back is not
 * seen while the record holds); a store on configfs, which the kernel
 * offers to every root process, is read whole at every start.
 */
#ifndef FXSD_STORE_SYNC_H
#define FXSD_STORE_SYNC_H

#include <stdbool.h>

/* true when STATE.sync exists and names this boot, root and state file */
bool store_sync_matches(const char *state_path, const char *root);
/* writes STATE.sync for root and state file as they are now: 0 or -errno
 * (no record then, which only costs the next start a full read) */
int store_sync_mark(const char *state_path, const char *root);
/* removes STATE.sync: 0 (also when there was none) or -errno */
int store_sync_clear(const char *state_path);

#endif /* FXSD_STORE_SYNC_H */
