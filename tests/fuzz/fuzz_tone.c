// SPDX-License-Identifier: GPL-2.0
/* fuzz_tone.c: the kernel's tone script parser (kmod/fxs_tone.c on the
 * host shim) over any text; a script it accepts is then generated for up
 * to 30 s of 10 ms frames with a duration limit from the first byte. */
#include <stdbool.h>

#include "fxs_tone.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fxs_tone_script script;
	struct fxs_tone_gen gen;
	s16 pcm[80];
	char *text;
	u32 limit;
	int i;

	if (!size)
		return 0;
	limit = data[0] & 0x80 ? 0 : (u32)data[0] * 100;
	text = fuzz_strndup(data + 1, size - 1);
	if (!fxs_tone_script_parse(text, &script)) {
		FUZZ_ASSERT(script.nr_freqs <= FXS_TONE_MAX_FREQS &&
			    script.nr_sections <= FXS_TONE_MAX_SECTIONS,
			    "%u freqs, %u sections", script.nr_freqs,
			    script.nr_sections);
		fxs_tone_gen_start(&gen, limit);
		for (i = 0; i < 3000; i++)
			if (!fxs_tone_gen_frame(&gen, &script, pcm, 80))
				break;
		if (limit)
			FUZZ_ASSERT((u32)i * 10 <= limit + 10,
				    "played %d frames past a %u ms limit", i,
				    limit);
	}
	free(text);
	return 0;
}
