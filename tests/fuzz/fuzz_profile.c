// SPDX-License-Identifier: GPL-2.0
/* fuzz_profile.c: profile_parse(). Without a NUL the input is the document,
 * parsed without an alias map; with one, the text before the first NUL is
 * the alias map and the rest the document. */
#include "param.h"
#include "profile.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	char *map = NULL, *doc;
	struct profile p;
	char err[256];
	size_t i, doclen;

	if (nul) {
		map = fuzz_strndup(data, nul - data);
		doclen = size - (nul - data) - 1;
		doc = fuzz_strndup(nul + 1, doclen);
	} else {
		doclen = size;
		doc = fuzz_strndup(data, size);
	}
	/* exactly doclen bytes: the parser must not need the NUL */
	if (!profile_parse(doc, doclen, map, &p, err, sizeof(err))) {
		for (i = 0; i < p.count; i++) {
			FUZZ_ASSERT(param_find(p.entries[i].name),
				    "entry '%s' is not a table parameter",
				    p.entries[i].name);
			FUZZ_ASSERT(p.entries[i].access >= -1 &&
				    p.entries[i].access <= PARAM_RW,
				    "access %d", p.entries[i].access);
			FUZZ_ASSERT(profile_find(&p, p.entries[i].name) ==
				    &p.entries[i], "'%s' twice",
				    p.entries[i].name);
		}
		for (i = 0; i < p.unknown_count; i++)
			FUZZ_ASSERT(p.unknown[i], "unknown name %zu is NULL", i);
		profile_free(&p);
	}
	free(doc);
	free(map);
	return 0;
}
