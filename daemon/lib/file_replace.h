/* SPDX-License-Identifier: GPL-2.0 */
/*
 * file_replace.h - replacing a file so that a crash at any point leaves either
 * the old content or the new: PATH.tmp written and fsynced, renamed over
 * PATH, then the directory fsynced. Used by the state file and the custom
 * CA.
 */
#ifndef FXSD_FILE_REPLACE_H
#define FXSD_FILE_REPLACE_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/* writes the new content to f; 0 or -errno */
typedef int (*file_fill_fn)(FILE *f, void *arg);

/*
 * Replaces path with what fill writes, created with mode. 0, or -errno
 * with err naming the step and file ("rename X.tmp to X: ..."); on
 * failure path is untouched and no temp file is left.
 */
int file_replace(const char *path, mode_t mode, file_fill_fn fill,
		 void *arg, char *err, size_t errlen);

#endif
