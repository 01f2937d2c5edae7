// SPDX-License-Identifier: GPL-2.0
/* text.c: trimming, NAME=VALUE splitting and UTF-8 checks for the
 * parsers. */
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

/* length of the UTF-8 sequence at s, or 0 when it is not well formed
 * (overlong, surrogate, over U+10FFFF, cut short) or not an XML 1.0
 * character */
static size_t utf8_seq_len(const unsigned char *s)
{
	size_t n, i;
	unsigned int cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	cp = s[0] & (0xff >> (n + 1));
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* U+FFFE and U+FFFF are no XML characters: the state file could
	 * not hold them */
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff ||
	    cp == 0xfffe || cp == 0xffff)
		return 0;
	return n;
}

size_t text_utf8_invalid_at(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	while (*p) {
		n = utf8_seq_len(p);
		if (!n)
			return (size_t)(p - (const unsigned char *)s);
		p += n;
	}
	return TEXT_UTF8_VALID;
}

size_t text_utf8_offset(const char *s, size_t chars)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	while (chars && *p) {
		n = utf8_seq_len(p);
		p += n ? n : 1;
		chars--;
	}
	return (size_t)(p - (const unsigned char *)s);
}

unsigned int text_hash(const char *s)
{
	unsigned int h = 2166136261u;	/* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}
