// SPDX-License-Identifier: GPL-2.0
/* fuzz_cadence.c: the kernel's ring cadence parser (kmod/fxs_cadence.c on
 * the host shim) over any text; a cadence it accepts is then run for up to
 * 20 minutes of 10 ms frames, which must end (or be '*') and ring, each
 * section in turn. */
#include <stdbool.h>

#include "fxs_cadence.h"
#include "fuzz.h"

/* the whole cadence's time when every section ends, else 0 */
static u64 cadence_total_ms(const struct fxs_cadence *c)
{
	u64 total = 0;
	u32 s;

	for (s = 0; s < c->nr_sections; s++) {
		FUZZ_ASSERT(c->sections[s].nr_segments >= 1 &&
			    c->sections[s].nr_segments <= FXS_CADENCE_MAX_SEGMENTS,
			    "%u segments", c->sections[s].nr_segments);
		if (!c->sections[s].total_ms)
			return 0;
		total += c->sections[s].total_ms;
	}
	return total;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_strndup(data, size);
	struct fxs_cadence c;
	struct fxs_cadence_run run;
	int i, r = 0, on = 0;
	u64 total;

	if (!fxs_cadence_parse(text, &c)) {
		FUZZ_ASSERT(c.nr_sections >= 1 &&
			    c.nr_sections <= FXS_CADENCE_MAX_SECTIONS,
			    "%u sections", c.nr_sections);
		total = cadence_total_ms(&c);
		fxs_cadence_start(&run);
		for (i = 0; i < 120000; i++) {
			r = fxs_cadence_frame(&run, &c);
			FUZZ_ASSERT(r >= -1 && r <= 1, "frame gave %d", r);
			if (r < 0)
				break;
			FUZZ_ASSERT(run.section < c.nr_sections, "section %u",
				    run.section);
			FUZZ_ASSERT(run.segment <
				    c.sections[run.section].nr_segments,
				    "segment %u", run.segment);
			on += r;
		}
		/* each section may round its time up to a whole frame */
		if (r >= 0 && total)
			FUZZ_ASSERT((u64)i * 10 < total + 10 * c.nr_sections,
				    "ran past its %llu ms",
				    (unsigned long long)total);
		(void)on;
	}
	free(text);
	return 0;
}
