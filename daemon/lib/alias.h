// SPDX-License-Identifier: GPL-2.0
/*
 * alias.h - alias maps: "/a/b = /flat-profile/Name ;" entries that rename
 * elements of a foreign XML document to flat-profile parameters.
 */
#ifndef FXSD_ALIAS_H
#define FXSD_ALIAS_H

#include <stddef.h>

struct alias_map;

/* parse map text; 0 or -EINVAL (err says where), -ENOMEM */
int alias_parse(const char *text, struct alias_map **out,
		char *err, size_t errlen);
void alias_free(struct alias_map *m);
size_t alias_count(const struct alias_map *m);
/*
 * path: the element path from the document root, "/customer/sip/user".
 * Returns the target parameter name of the first entry whose source path
 * matches the trailing components of path, or NULL.
 */
const char *alias_lookup(const struct alias_map *m, const char *path);

#endif /* FXSD_ALIAS_H */
