/* SPDX-License-Identifier: GPL-2.0 */
/*
 * openfxs tone generator: SPA tone scripts ("440@-19,480@-19;*(2/4/1+2)")
 * parsed into frequencies, levels and cadence sections, and rendered into
 * downlink PCM with integer arithmetic only.
 */
#ifndef _FXS_TONE_H
#define _FXS_TONE_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include "fxs_user.h"
#endif

#define FXS_TONE_MAX_FREQS	6
#define FXS_TONE_MAX_SECTIONS	2
#define FXS_TONE_MAX_SEGMENTS	6
#define FXS_TONE_TEXT_SIZE	256

/**
 * struct fxs_tone_segment - one on/off step of a tone cadence
 * @on_ms: sounding time; U32_MAX sounds forever ("*")
 * @off_ms: silent time after it
 * @freq_mask: which of the script's frequencies sound (bit 0 = first)
 */
struct fxs_tone_segment {
	u32 on_ms;
	u32 off_ms;
	u32 freq_mask;
};

/**
 * struct fxs_tone_section - a cadence section: segments repeated for a time
 * @total_ms: how long the section lasts; U32_MAX lasts forever ("*")
 * @nr_segments: number of segments
 * @segments: the segments, played in order and repeated
 */
struct fxs_tone_section {
	u32 total_ms;
	u32 nr_segments;
	struct fxs_tone_segment segments[FXS_TONE_MAX_SEGMENTS];
};

/**
 * struct fxs_tone_script - a parsed tone script
 * @nr_freqs: number of frequencies
 * @freq_hz: the frequencies
 * @amplitude: peak sample amplitude of each frequency, from its dBm0 level
 * @phase_step: DDS phase increment per sample of each frequency
 * @nr_sections: number of cadence sections, played one after the other
 * @sections: the sections
 */
struct fxs_tone_script {
	u32 nr_freqs;
	u32 freq_hz[FXS_TONE_MAX_FREQS];
	u32 amplitude[FXS_TONE_MAX_FREQS];
	u32 phase_step[FXS_TONE_MAX_FREQS];
	u32 nr_sections;
	struct fxs_tone_section sections[FXS_TONE_MAX_SECTIONS];
};

/**
 * struct fxs_tone_gen - a playing tone
 * @phase: DDS phase of each frequency
 * @elapsed_ms: time since the tone started
 * @limit_ms: stop after this time; 0 plays the script to its end
 * @section: current section
 * @section_ms: time spent in the current section
 * @segment: current segment of the section
 * @segment_ms: time spent in the current segment
 */
struct fxs_tone_gen {
	u32 phase[FXS_TONE_MAX_FREQS];
	u32 elapsed_ms;
	u32 limit_ms;
	u32 section;
	u32 section_ms;
	u32 segment;
	u32 segment_ms;
};

int fxs_tone_script_parse(const char *text, struct fxs_tone_script *script);
void fxs_tone_gen_start(struct fxs_tone_gen *gen, u32 limit_ms);
bool fxs_tone_gen_frame(struct fxs_tone_gen *gen,
			const struct fxs_tone_script *script,
			s16 *out, unsigned int count);

#endif /* _FXS_TONE_H */
