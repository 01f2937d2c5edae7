// SPDX-License-Identifier: GPL-2.0
/*
 * internal.h - declarations for libfxsd's own modules only, as libgpiod
 * keeps internal.h beside gpiod.h: the other headers of daemon/lib are
 * the library's API for fxsd, the tools and the tests; what is declared
 * here may change with the library. fxsd/ and tools/ never include it
 * (tests/style/check-layers.sh checks that).
 */
#ifndef FXSD_INTERNAL_H
#define FXSD_INTERNAL_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/* ---- text.c: trimming, NAME=VALUE splitting, UTF-8 (pure) ---- */

/* strips leading and trailing white space in place; returns the start */
char *text_trim(char *s);

/*
 * Splits "NAME=VALUE" at the first '=': copies NAME into name (namelen
 * bytes at most, NUL included) and points *value after the '='. 0, or
 * -EINVAL when there is no '=' or NAME is empty, -ENAMETOOLONG when NAME
 * does not fit.
 */
int text_split_assignment(const char *s, char *name, size_t namelen,
			  const char **value);

#define TEXT_UTF8_VALID ((size_t)-1)

/* the byte offset of the first ill-formed UTF-8 sequence in s (overlong
 * forms, surrogates and code points over U+10FFFF included) or of U+FFFE
 * or U+FFFF (no XML characters), or TEXT_UTF8_VALID */
size_t text_utf8_invalid_at(const char *s);
/* the byte offset of character number chars of s (the end when s is
 * shorter): substrings cut on character boundaries */
size_t text_utf8_offset(const char *s, size_t chars);

/* a hash of the string for open-addressing tables (FNV-1a) */
unsigned int text_hash(const char *s);

/* ---- file_replace.c: crash-safe file replacement ---- */

/* writes the new content to f; 0 or -errno */
typedef int (*file_fill_fn)(FILE *f, void *arg);

/*
 * Replaces path with what fill writes, created with mode. 0, or -errno
 * with err naming the step and file ("rename X.tmp to X: ..."); on
 * failure path is untouched and no temp file is left.
 */
int file_replace(const char *path, mode_t mode, file_fill_fn fill,
		 void *arg, char *err, size_t errlen);

#endif /* FXSD_INTERNAL_H */
