// SPDX-License-Identifier: GPL-2.0
/* fuzz_decode.c: decode_profile() with the fixed key "fuzzkey" (when the
 * input has the openssl "Salted__" header) or none, so gzip, plain and
 * encrypted inputs all run; then decode_gunzip() with a small cap. */
#include "decode.h"
#include "fuzz.h"

#define FUZZ_KEY "fuzzkey"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *key = size >= 8 && !memcmp(data, "Salted__", 8) ?
		FUZZ_KEY : NULL;
	unsigned char *in, *out;
	char err[256];
	size_t n;

	/* an exact copy: ASan sees any read past the end */
	in = malloc(size ? size : 1);
	if (!in)
		abort();
	memcpy(in, data, size);
	if (!decode_profile(in, size, key, &out, &n, err, sizeof(err))) {
		FUZZ_ASSERT(n <= DECODE_MAX_OUTPUT, "output of %zu bytes", n);
		FUZZ_ASSERT(out[n] == '\0', "output not NUL-terminated");
		free(out);
	}
	if (!decode_gunzip(in, size, 4096, &out, &n, err, sizeof(err))) {
		FUZZ_ASSERT(n <= 4096, "gunzip output of %zu bytes over the cap", n);
		free(out);
	}
	free(in);
	return 0;
}
