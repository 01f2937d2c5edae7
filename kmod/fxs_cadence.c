// SPDX-License-Identifier: GPL-2.0
/*
 * openfxs ring cadence: parses the SPA cadence syntax
 * `D(on/off[,on/off]...)[;D(on/off[,on/off]...)]` (D = total seconds of
 * the section or `*`, times in seconds with up to 2 decimals) and runs it
 * on the 10 ms frame clock. The parser is one source with fxsd's, which
 * checks a profile's Ring1_Cadence with it before applying it.
 */

#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/kernel.h>
#else
#include "fxs_user.h"
#endif

#include "fxs_cadence.h"
#include "fxs_driver.h"
#include "fxs_seconds.h"

#define FXS_CADENCE_DECIMALS		2
#define FXS_CADENCE_TOTAL_MS_MAX	3600000
#define FXS_CADENCE_STEP_MS_MAX		60000

/* Parse "on/off"; on must be above 0. */
static int fxs_cadence_parse_segment(const char **text, u32 *on_ms,
				     u32 *off_ms)
{
	const char *p = *text;

	if (fxs_seconds_parse(&p, FXS_CADENCE_DECIMALS,
			      FXS_CADENCE_STEP_MS_MAX, on_ms) ||
	    !*on_ms || *p++ != '/' ||
	    fxs_seconds_parse(&p, FXS_CADENCE_DECIMALS,
			      FXS_CADENCE_STEP_MS_MAX, off_ms))
		return -EINVAL;
	*text = p;
	return 0;
}

/* Parse "D(on/off[,on/off]...)", D may be "*". */
static int fxs_cadence_parse_section(const char **text,
				     struct fxs_cadence_section *sec)
{
	const char *p = *text;
	u32 n = 0;

	if (*p == '*') {
		p++;
	} else if (fxs_seconds_parse(&p, FXS_CADENCE_DECIMALS,
				     FXS_CADENCE_TOTAL_MS_MAX,
				     &sec->total_ms) ||
		   !sec->total_ms) {
		return -EINVAL;
	}
	if (*p++ != '(')
		return -EINVAL;
	do {
		if (n == FXS_CADENCE_MAX_SEGMENTS ||
		    fxs_cadence_parse_segment(&p, &sec->on_ms[n],
					      &sec->off_ms[n]))
			return -EINVAL;
		n++;
	} while (*p++ == ',');
	if (p[-1] != ')')
		return -EINVAL;
	sec->nr_segments = n;
	*text = p;
	return 0;
}

/**
 * fxs_cadence_parse() - parse an SPA ring cadence
 * @text: the cadence, e.g. "60(2/4)", "*(.2/.4,.2/4)",
 *	"2.25(.25/1.6);60(2/3.5)"; no whitespace
 * @cadence: the result
 *
 * Return: 0, or -EINVAL (then @cadence is unchanged).
 */
int fxs_cadence_parse(const char *text, struct fxs_cadence *cadence)
{
	struct fxs_cadence parsed = { };
	const char *p = text;

	do {
		if (parsed.nr_sections == FXS_CADENCE_MAX_SECTIONS ||
		    fxs_cadence_parse_section(&p,
					      &parsed.sections[parsed.nr_sections]))
			return -EINVAL;
		parsed.nr_sections++;
	} while (*p++ == ';');
	if (p[-1])
		return -EINVAL;
	*cadence = parsed;
	return 0;
}

/**
 * fxs_cadence_start() - start running a cadence from its beginning
 * @run: the position to reset
 */
void fxs_cadence_start(struct fxs_cadence_run *run)
{
	run->section = 0;
	run->elapsed_ms = 0;
	run->segment = 0;
	run->phase_ms = 0;
}

/*
 * The section playing at @run, stepping past finished ones.
 * Return: the section, or NULL once the last one has run out.
 */
static const struct fxs_cadence_section *
fxs_cadence_section(struct fxs_cadence_run *run,
		    const struct fxs_cadence *cadence)
{
	const struct fxs_cadence_section *sec;

	while (run->section < cadence->nr_sections) {
		sec = &cadence->sections[run->section];
		if (!sec->total_ms || run->elapsed_ms < sec->total_ms)
			return sec;
		run->section++;
		run->elapsed_ms = 0;
		run->segment = 0;
		run->phase_ms = 0;
	}
	return NULL;
}

/**
 * fxs_cadence_frame() - advance a running cadence by one 10 ms frame
 * @run: the position
 * @cadence: the cadence, from fxs_cadence_parse()
 *
 * Return: 1 when the ring is on in this frame, 0 when off, -1 when the
 * last section's total time has run out. The first frame after
 * fxs_cadence_start() is on; each section starts with its first segment.
 */
int fxs_cadence_frame(struct fxs_cadence_run *run,
		      const struct fxs_cadence *cadence)
{
	const struct fxs_cadence_section *sec;
	u32 on_ms, period_ms;

	sec = fxs_cadence_section(run, cadence);
	if (!sec)
		return -1;
	for (;;) {
		on_ms = sec->on_ms[run->segment];
		period_ms = on_ms + sec->off_ms[run->segment];
		if (run->phase_ms < period_ms)
			break;
		run->phase_ms -= period_ms;
		run->segment = (run->segment + 1) % sec->nr_segments;
	}
	run->phase_ms += FXS_FRAME_MS;
	if (run->elapsed_ms <= U32_MAX - FXS_FRAME_MS)
		run->elapsed_ms += FXS_FRAME_MS;
	return run->phase_ms - FXS_FRAME_MS < on_ms;
}
