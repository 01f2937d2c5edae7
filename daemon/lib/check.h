// SPDX-License-Identifier: GPL-2.0
/*
 * check.h - offline profile check behind `fxsctl check`.
 */
#ifndef FXSD_CHECK_H
#define FXSD_CHECK_H

#include <stdio.h>
#include <stddef.h>

/*
 * Decrypt (key may be NULL), inflate, parse (alias_map: the map text itself,
 * or NULL) and validate path. Prints every problem ("error: ...") and every
 * unknown parameter ("note: ...") to out; returns the number of errors
 * (0 = ok), <0 (-errno) on setup error such as an unreadable file.
 */
int check_profile_file(const char *path, const char *key,
		       const char *alias_map, FILE *out);
/* same on a buffer already in memory */
int check_profile_buf(const unsigned char *buf, size_t len, const char *key,
		      const char *alias_map, FILE *out);

#endif /* FXSD_CHECK_H */
