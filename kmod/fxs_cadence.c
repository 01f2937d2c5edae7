// SPDX-License-Identifier: GPL-2.0
/*
 * openfxs ring cadence: parses the SPA cadence syntax `D(on/off[,on/off]...)`
 * (D = total seconds or `*`, times in seconds with up to 2 decimals) and
 * runs it on the 10 ms frame clock.
 */

#include <linux/errno.h>
#include <linux/kernel.h>

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

/**
 * fxs_cadence_parse() - parse an SPA ring cadence
 * @text: the cadence, e.g. "60(2/4)", "*(.2/.4,.2/4)"; no whitespace
 * @cadence: the result
 *
 * Return: 0, or -EINVAL (then @cadence is unchanged).
 */
int fxs_cadence_parse(const char *text, struct fxs_cadence *cadence)
{
	struct fxs_cadence parsed = { };
	const char *p = text;
	u32 n = 0;

	if (*p == '*') {
		p++;
	} else if (fxs_seconds_parse(&p, FXS_CADENCE_DECIMALS,
				     FXS_CADENCE_TOTAL_MS_MAX,
				     &parsed.total_ms) ||
		   !parsed.total_ms) {
		return -EINVAL;
	}
	if (*p++ != '(')
		return -EINVAL;
	do {
		if (n == FXS_CADENCE_MAX_SEGMENTS ||
		    fxs_cadence_parse_segment(&p, &parsed.on_ms[n],
					      &parsed.off_ms[n]))
			return -EINVAL;
		n++;
	} while (*p++ == ',');
	if (p[-1] != ')' || *p)
		return -EINVAL;
	parsed.nr_segments = n;
	*cadence = parsed;
	return 0;
}

/**
 * fxs_cadence_start() - start running a cadence from its beginning
 * @run: the position to reset
 */
void fxs_cadence_start(struct fxs_cadence_run *run)
{
	run->elapsed_ms = 0;
	run->segment = 0;
	run->phase_ms = 0;
}

/**
 * fxs_cadence_frame() - advance a running cadence by one 10 ms frame
 * @run: the position
 * @cadence: the cadence, from fxs_cadence_parse()
 *
 * Return: 1 when the ring is on in this frame, 0 when off, -1 when the
 * cadence's total time has run out. The first frame after
 * fxs_cadence_start() is on.
 */
int fxs_cadence_frame(struct fxs_cadence_run *run,
		      const struct fxs_cadence *cadence)
{
	u32 on_ms, period_ms;

	if (!cadence->nr_segments ||
	    (cadence->total_ms && run->elapsed_ms >= cadence->total_ms))
		return -1;
	for (;;) {
		on_ms = cadence->on_ms[run->segment];
		period_ms = on_ms + cadence->off_ms[run->segment];
		if (run->phase_ms < period_ms)
			break;
		run->phase_ms -= period_ms;
		run->segment = (run->segment + 1) % cadence->nr_segments;
	}
	run->phase_ms += FXS_FRAME_MS;
	if (run->elapsed_ms <= U32_MAX - FXS_FRAME_MS)
		run->elapsed_ms += FXS_FRAME_MS;
	return run->phase_ms - FXS_FRAME_MS < on_ms;
}
