// SPDX-License-Identifier: GPL-2.0
/* util.h: fixtures the daemon unit tests share: temporary directories,
 * fresh stores in them, and reading files back. */
#ifndef FXSD_TEST_UTIL_H
#define FXSD_TEST_UTIL_H

#include <stddef.h>
#include <stdio.h>

struct store;

#define UTIL_DIR_MAX 128

/* makes /tmp/TAG.XXXXXX into dir (UTIL_DIR_MAX bytes); 0 or -errno */
int util_tmpdir(char *dir, const char *tag);
/* removes dir and everything under it */
void util_rmtree(const char *dir);
/* opens a new store at DIR/params; 0 or -errno */
int util_store_new(const char *dir, struct store **st);
/* runs the shell command SH in DIR, its stderr dropped; 0 when it exits
 * 0, -ENAMETOOLONG when it is too long, or another nonzero status */
int util_sh(const char *dir, const char *sh);
/* the content of DIR/REL (NUL-terminated, newline kept) into buf; 0,
 * -E2BIG when it does not fit, or -errno */
int util_slurp(const char *dir, const char *rel, char *buf, size_t len);
/* DIR/REL made to hold exactly TEXT (created 0644 if missing, else
 * truncated first); 0 or -errno */
int util_put_file(const char *dir, const char *rel, const char *text);
/* LINES/NAME/ (LINES made if missing) with the attributes of a kernel
 * line that fxsd writes (lines/fxsN/), each empty; 0 or -errno */
int util_fake_line(const char *lines, const char *name);
/* the whole file at path (malloc'd, NUL-terminated), or NULL */
char *util_slurp_alloc(const char *path, size_t *len);
/* how many lines of the file at path hold needle; -1 when it cannot be
 * read (a log file a test captured) */
int util_count_lines(const char *path, const char *needle);
/*
 * Sends stderr, and with it syslog (openlog with LOG_PERROR as ident), to
 * a fresh file at path, for a test to read back. The harness's own stderr
 * is kept in *harness_err (made once, unbuffered) for TH_LOG_STREAM.
 * 0 or -errno.
 */
int util_log_to_file(const char *path, const char *ident, FILE **harness_err);

#endif /* FXSD_TEST_UTIL_H */
