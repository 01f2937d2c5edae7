// SPDX-License-Identifier: GPL-2.0
/* fuzz_alias.c: alias_parse() on the text before the first NUL, then
 * alias_lookup() of each line after it as an element path. */
#include "alias.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_strndup(data, size);
	size_t maplen = strlen(text);
	struct alias_map *m;
	char *path, *nl;
	char err[256];
	const char *t;

	if (!alias_parse(text, &m, err, sizeof(err))) {
		alias_count(m);
		path = maplen < size ? text + maplen + 1 : NULL;
		for (; path; path = nl) {
			nl = strchr(path, '\n');
			if (nl)
				*nl++ = '\0';
			t = alias_lookup(m, path);
			if (t)
				FUZZ_ASSERT(strlen(t) < 4096, "alias target length");
		}
		alias_lookup(m, "/");
		alias_lookup(m, "");
		alias_free(m);
	}
	free(text);
	return 0;
}
