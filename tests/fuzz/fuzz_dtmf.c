// SPDX-License-Identifier: GPL-2.0
/* fuzz_dtmf.c: the kernel's DTMF detector (kmod/fxs_dtmf.c, as fxs-dtmf
 * builds it) over random PCM. Bytes 0-2 are the configuration (only
 * accepted ones run), byte 3 the chunk size; the rest is 16-bit PCM. */
#include "fxs_dtmf.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fxs_dtmf_config cfg;
	struct fxs_dtmf *d;
	char digits[64];
	unsigned int chunk, count, off, n, max;
	s16 *pcm;
	int got, i;

	if (size < 4)
		return 0;
	cfg.min_level_dbm0 = -(int)(data[0] % 50);
	cfg.twist_normal_db = data[1] % 24;
	cfg.twist_reverse_db = data[2] % 24;
	if (fxs_dtmf_config_check(&cfg))
		return 0;
	chunk = data[3] + 1;
	count = (size - 4) / 2;
	pcm = malloc((count ? count : 1) * sizeof(*pcm));
	d = malloc(sizeof(*d));
	if (!pcm || !d)
		abort();
	memcpy(pcm, data + 4, count * sizeof(*pcm));
	fxs_dtmf_init(d, &cfg);
	for (off = 0; off < count; off += n) {
		n = count - off < chunk ? count - off : chunk;
		max = chunk % 7;	/* 0..6, fewer slots than digits at times */
		got = fxs_dtmf_process(d, pcm + off, n, digits, max);
		FUZZ_ASSERT(got >= 0 && (unsigned int)got <= max,
			    "%d digits into %u slots", got, max);
		for (i = 0; i < got; i++)
			FUZZ_ASSERT(digits[i] && strchr("0123456789*#ABCD",
							digits[i]),
				    "digit %d", digits[i]);
	}
	free(d);
	free(pcm);
	return 0;
}
