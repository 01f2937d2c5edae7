// SPDX-License-Identifier: GPL-2.0
/* fuzz_check.c: `fxsctl check` as a whole, check_profile_buf(). As in
 * fuzz_profile.c, text before the first NUL is an alias map; an input
 * (after the map) with the "Salted__" header is decrypted with "fuzzkey". */
#include "check.h"
#include "fuzz.h"

static FILE *devnull;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	char *map = NULL;
	unsigned char *buf;
	const char *key;
	size_t len = size;
	int ret;

	if (!devnull)
		devnull = fopen("/dev/null", "w");
	if (!devnull)
		abort();
	if (nul) {
		map = fuzz_strndup(data, nul - data);
		len = size - (nul - data) - 1;
		data = nul + 1;
	}
	buf = malloc(len ? len : 1);
	if (!buf)
		abort();
	memcpy(buf, data, len);
	key = len >= 8 && !memcmp(buf, "Salted__", 8) ? "fuzzkey" : NULL;
	ret = check_profile_buf(buf, len, key, map, devnull);
	FUZZ_ASSERT(ret >= 0, "check_profile_buf gave %d on a buffer", ret);
	free(buf);
	free(map);
	return 0;
}
