// SPDX-License-Identifier: GPL-2.0
/* text.h: small string helpers shared by the parsers: trimming and
 * NAME=VALUE splitting. Pure: no I/O, no allocation. */
#ifndef FXSD_TEXT_H
#define FXSD_TEXT_H

#include <stddef.h>

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

#endif /* FXSD_TEXT_H */
