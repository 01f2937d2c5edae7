// SPDX-License-Identifier: GPL-2.0
/* fuzz_cadence.c: the kernel's ring cadence parser (kmod/fxs_cadence.c on
 * the host shim) over any text; a cadence it accepts is then run for up to
 * 20 minutes of 10 ms frames, which must end (or be '*') and ring. */
#include <stdbool.h>

#include "fxs_cadence.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_strndup(data, size);
	struct fxs_cadence c;
	struct fxs_cadence_run run;
	int i, r, on = 0;

	if (!fxs_cadence_parse(text, &c)) {
		FUZZ_ASSERT(c.nr_segments >= 1 &&
			    c.nr_segments <= FXS_CADENCE_MAX_SEGMENTS,
			    "%u segments", c.nr_segments);
		fxs_cadence_start(&run);
		for (i = 0; i < 120000; i++) {
			r = fxs_cadence_frame(&run, &c);
			FUZZ_ASSERT(r >= -1 && r <= 1, "frame gave %d", r);
			FUZZ_ASSERT(run.segment < c.nr_segments, "segment %u",
				    run.segment);
			if (r < 0)
				break;
			on += r;
		}
		if (r >= 0 && c.total_ms)
			FUZZ_ASSERT((u64)i * 10 < c.total_ms + 10,
				    "ran past its %u ms", c.total_ms);
		(void)on;
	}
	free(text);
	return 0;
}
