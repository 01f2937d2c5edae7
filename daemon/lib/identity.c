// SPDX-License-Identifier: GPL-2.0
/*
 * identity.c: the device identity behind $MA, $SN, $PN and the User-Agent:
 * setting its fields by key and formatting the MAC. Pure: the sources
 * (identity file, device tree, network interface) are in identity_load.c.
 */
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "identity.h"

static void copy_field(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%s", src);
}

int identity_set_mac(struct identity *id, const char *s)
{
	char hex[13];
	size_t n = 0;

	for (; *s; s++) {
		if (*s == ':' || *s == '-' || *s == '.')
			continue;
		if (!isxdigit((unsigned char)*s) || n == 12)
			return -EINVAL;
		hex[n++] = tolower((unsigned char)*s);
	}
	if (n != 12)
		return -EINVAL;
	snprintf(id->mac, sizeof(id->mac), "%c%c:%c%c:%c%c:%c%c:%c%c:%c%c",
		 hex[0], hex[1], hex[2], hex[3], hex[4], hex[5], hex[6],
		 hex[7], hex[8], hex[9], hex[10], hex[11]);
	return 0;
}

void identity_ma(const struct identity *id, char out[13], int upper)
{
	size_t n = 0;
	const char *p;

	for (p = id->mac; *p && n < 12; p++)
		if (*p != ':')
			out[n++] = upper ? toupper((unsigned char)*p) : *p;
	out[n] = '\0';
}

int identity_set(struct identity *id, const char *key, const char *val)
{
	static const struct {
		const char *key;
		size_t off;
		size_t len;
	} keys[] = {
#define K(k, f) { k, offsetof(struct identity, f), sizeof(((struct identity *)0)->f) }
		K("VENDOR", vendor), K("PN", pn), K("PSN", psn), K("SN", sn),
		K("HWVER", hwver), K("SWVER", swver), K("IP", ip),
		K("OPTION66", option66),
#undef K
	};
	size_t i;

	if (!strcmp(key, "MAC"))
		return identity_set_mac(id, val);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (strcmp(key, keys[i].key))
			continue;
		if (strlen(val) >= keys[i].len)
			return -ENAMETOOLONG;
		copy_field((char *)id + keys[i].off, keys[i].len, val);
		return 0;
	}
	return -ENOENT;
}
