// SPDX-License-Identifier: GPL-2.0
/* text.c: trimming and NAME=VALUE splitting for the parsers. */
#include <ctype.h>
#include <errno.h>
#include <string.h>

#include "internal.h"

char *text_trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

int text_split_assignment(const char *s, char *name, size_t namelen,
			  const char **value)
{
	const char *eq = strchr(s, '=');
	size_t n;

	if (!eq || eq == s)
		return -EINVAL;
	n = (size_t)(eq - s);
	if (n >= namelen)
		return -ENAMETOOLONG;
	memcpy(name, s, n);
	name[n] = '\0';
	*value = eq + 1;
	return 0;
}
