// SPDX-License-Identifier: GPL-2.0
/* fuzz.h: helpers the libFuzzer targets share. */
#ifndef FXSD_FUZZ_H
#define FXSD_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* data as a malloc'd NUL-terminated string (exactly size + 1 bytes, so an
 * overread past the terminator is an ASan report); aborts on ENOMEM */
static inline char *fuzz_strndup(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* a property failed: say which and crash, so libFuzzer keeps the input */
#define FUZZ_ASSERT(cond, ...)						\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "FUZZ PROPERTY FAILED: " __VA_ARGS__); \
			fputc('\n', stderr);				\
			abort();					\
		}							\
	} while (0)

#endif
