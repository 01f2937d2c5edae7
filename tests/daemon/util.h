// SPDX-License-Identifier: GPL-2.0
/* util.h: fixtures the daemon unit tests share: temporary directories,
 * fresh stores in them, and reading files back. */
#ifndef FXSD_TEST_UTIL_H
#define FXSD_TEST_UTIL_H

#include <stddef.h>

struct store;

#define UTIL_DIR_MAX 128

/* makes /tmp/TAG.XXXXXX into dir (UTIL_DIR_MAX bytes); 0 or -errno */
int util_tmpdir(char *dir, const char *tag);
/* removes dir and everything under it */
void util_rmtree(const char *dir);
/* opens a new store at DIR/params; 0 or -errno */
int util_store_new(const char *dir, struct store **st);
/* the content of DIR/REL (NUL-terminated, newline kept) into buf; 0,
 * -E2BIG when it does not fit, or -errno */
int util_slurp(const char *dir, const char *rel, char *buf, size_t len);
/* the whole file at path (malloc'd, NUL-terminated), or NULL */
char *util_slurp_alloc(const char *path, size_t *len);

#endif /* FXSD_TEST_UTIL_H */
