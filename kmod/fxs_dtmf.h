/* SPDX-License-Identifier: GPL-2.0 */
/*
 * openfxs DTMF detector: integer-only, no allocation, one source
 * (fxs_dtmf.c) built into fxs.ko and into the user tool fxs-dtmf.
 */
#ifndef _FXS_DTMF_H
#define _FXS_DTMF_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdbool.h>
#include <stdint.h>
typedef int16_t s16;
typedef int32_t s32;
typedef uint32_t u32;
typedef int64_t s64;
typedef uint64_t u64;
#endif

/**
 * struct fxs_dtmf_config - detector limits (the configfs line attributes)
 * @min_level_dbm0: weakest accepted per-tone level, in dBm0 (e.g. -30)
 * @twist_normal_db: accepted excess of the low group over the high group, dB
 * @twist_reverse_db: accepted excess of the high group over the low group, dB
 */
struct fxs_dtmf_config {
	int min_level_dbm0;
	int twist_normal_db;
	int twist_reverse_db;
};

#define FXS_DTMF_DEFAULT_MIN_LEVEL_DBM0		(-30)
#define FXS_DTMF_DEFAULT_TWIST_NORMAL_DB	8
#define FXS_DTMF_DEFAULT_TWIST_REVERSE_DB	4

/**
 * struct fxs_dtmf - detector state of one line
 *
 * Opaque to callers; fields are defined by fxs_dtmf.c's needs and kept
 * small (no buffers of more than one analysis block).
 */
struct fxs_dtmf {
	/* limits converted to the detector's internal units */
	u32 min_energy;
	u32 twist_normal_q8;
	u32 twist_reverse_q8;
	/* analysis block in progress */
	s32 goertzel_q1[8];
	s32 goertzel_q2[8];
	u32 block_energy;
	unsigned int block_fill;
	/* digit validation */
	char last_candidate;
	char current_digit;
	unsigned int candidate_blocks;
	unsigned int absent_blocks;
};

int fxs_dtmf_config_check(const struct fxs_dtmf_config *config);
void fxs_dtmf_init(struct fxs_dtmf *dtmf, const struct fxs_dtmf_config *config);
int fxs_dtmf_process(struct fxs_dtmf *dtmf, const s16 *pcm, unsigned int count,
		     char *digits, unsigned int max_digits);

#endif /* _FXS_DTMF_H */
