/* SPDX-License-Identifier: GPL-2.0 */
/*
 * openfxs ring cadence: the SPA cadence syntax ("60(2/4)",
 * "60(.2/.4,.2/4)", "*(1/2)", "2.25(.25/1.6);60(2/3.5)") parsed into
 * sections of on/off segments and run on the 10 ms frame clock. The parser
 * is also built into fxsd (see fxs_user.h).
 */
#ifndef _FXS_CADENCE_H
#define _FXS_CADENCE_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include "fxs_user.h"
#endif

#define FXS_CADENCE_MAX_SECTIONS	2
#define FXS_CADENCE_MAX_SEGMENTS	8
#define FXS_CADENCE_TEXT_SIZE		128

/**
 * struct fxs_cadence_section - on/off segments repeated for a time
 * @total_ms: how long the section lasts; 0 lasts until the ring stops
 * @nr_segments: number of on/off segments, 1..%FXS_CADENCE_MAX_SEGMENTS
 * @on_ms: ring time of each segment
 * @off_ms: silent time of each segment
 */
struct fxs_cadence_section {
	u32 total_ms;
	u32 nr_segments;
	u32 on_ms[FXS_CADENCE_MAX_SEGMENTS];
	u32 off_ms[FXS_CADENCE_MAX_SEGMENTS];
};

/**
 * struct fxs_cadence - a parsed ring cadence
 * @nr_sections: number of sections, 1..%FXS_CADENCE_MAX_SECTIONS, played
 *	one after the other
 * @sections: the sections
 */
struct fxs_cadence {
	u32 nr_sections;
	struct fxs_cadence_section sections[FXS_CADENCE_MAX_SECTIONS];
};

/**
 * struct fxs_cadence_run - position inside a running cadence
 * @section: current section
 * @elapsed_ms: time spent in the current section
 * @segment: current segment of the section
 * @phase_ms: time spent in the current segment
 */
struct fxs_cadence_run {
	u32 section;
	u32 elapsed_ms;
	u32 segment;
	u32 phase_ms;
};

int fxs_cadence_parse(const char *text, struct fxs_cadence *cadence);
void fxs_cadence_start(struct fxs_cadence_run *run);
int fxs_cadence_frame(struct fxs_cadence_run *run,
		      const struct fxs_cadence *cadence);

#endif /* _FXS_CADENCE_H */
