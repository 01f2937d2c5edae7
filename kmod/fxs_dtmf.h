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
/* the kernel's fixed-size types, from the compiler's own definitions */
typedef __INT16_TYPE__ s16;
typedef __INT32_TYPE__ s32;
typedef __UINT32_TYPE__ u32;
typedef __INT64_TYPE__ s64;
typedef __UINT64_TYPE__ u64;
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

/* Accepted ranges of the configuration (fxs_dtmf_config_check()) */
#define FXS_DTMF_MIN_LEVEL_DBM0_MIN		(-45)
#define FXS_DTMF_MIN_LEVEL_DBM0_MAX		0
#define FXS_DTMF_TWIST_DB_MAX			20

/* Analysis block: 80 samples (10 ms at 8 kHz), 4 + 4 tones */
#define FXS_DTMF_BLOCK_SAMPLES			80
#define FXS_DTMF_TONES				8
/* Consecutive qualifying blocks that start a digit */
#define FXS_DTMF_START_BLOCKS			3
#define FXS_DTMF_NO_PAIR			(-1)

/**
 * struct fxs_dtmf - detector state of one line
 * @min_power: per-tone Goertzel power threshold (from min_level_dbm0)
 * @twist_q8: accepted low/high and high/low power ratios over the blocks
 *	that start a digit, Q8
 * @block_twist_q8: the same for a single block (looser), Q8
 * @goertzel_q1: Goertzel state s[n-1] of each tone in the current block
 * @goertzel_q2: Goertzel state s[n-2] of each tone in the current block
 * @block_energy: sum of squared samples of the current block
 * @block_fill: samples in the current block so far
 * @dial_power: Goertzel power of the dial tone (350 + 440 Hz) in the
 *	finished block, if it was measured, else 0
 * @dial_prev: the dial tone's outputs, normalized, when last measured
 * @dial_measured: whether the previous block measured the dial tone
 * @dial_steady: whether the dial tone advanced on frequency from the
 *	previous block to this one (both measured): it is our own, and its
 *	leakage adds coherently
 * @block: the current block's samples, for the checks that run only on
 *	blocks that look like a digit
 * @prev: the previous block's low and high tone outputs, normalized
 *	(phase only), [0] real, [1] imaginary
 * @prev2: the same of the block before it
 * @prev_pair: tone pair (low * 4 + high) the previous block qualified, or
 *	FXS_DTMF_NO_PAIR
 * @run_blocks: consecutive blocks qualifying @prev_pair on frequency
 * @stable_blocks: consecutive blocks of the run whose tones kept their
 *	phase advance of the block before (no frequency drift)
 * @strict_mask: which of the run's newest blocks passed the full per-block
 *	tests (bit 0 the newest); the others are weak blocks
 * @share_mask: which of the run's newest blocks carried the share of a
 *	block that passes every test (bit 0 the newest)
 * @phase_broken: the run began where the previous block passed every
 *	test on the same pair but this one was off its phase: no digit
 *	starts from it
 * @current_pair: tone pair of the digit being held, or FXS_DTMF_NO_PAIR
 * @recent_low: low group peak power of the last blocks, newest first
 * @recent_high: high group peak power of the last blocks
 * @recent_energy: energy of the last blocks
 * @absent_blocks: consecutive blocks without the held digit
 *
 * Opaque to callers; one block of samples at most.
 */
struct fxs_dtmf {
	u64 min_power;
	u32 twist_q8[2];
	u32 block_twist_q8[2];
	s64 goertzel_q1[FXS_DTMF_TONES];
	s64 goertzel_q2[FXS_DTMF_TONES];
	u64 block_energy;
	unsigned int block_fill;
	u64 dial_power;
	s32 dial_prev[2][2];
	bool dial_measured;
	bool dial_steady;
	s16 block[FXS_DTMF_BLOCK_SAMPLES];
	s32 prev[2][2];
	s32 prev2[2][2];
	int prev_pair;
	unsigned int run_blocks;
	unsigned int stable_blocks;
	unsigned int strict_mask;
	unsigned int share_mask;
	bool phase_broken;
	int current_pair;
	u64 recent_low[FXS_DTMF_START_BLOCKS - 1];
	u64 recent_high[FXS_DTMF_START_BLOCKS - 1];
	u64 recent_energy[FXS_DTMF_START_BLOCKS - 1];
	unsigned int absent_blocks;
};

int fxs_dtmf_config_check(const struct fxs_dtmf_config *config);
void fxs_dtmf_configure(struct fxs_dtmf *dtmf,
			const struct fxs_dtmf_config *config);
void fxs_dtmf_init(struct fxs_dtmf *dtmf, const struct fxs_dtmf_config *config);
int fxs_dtmf_process(struct fxs_dtmf *dtmf, const s16 *pcm, unsigned int count,
		     char *digits, unsigned int max_digits);

#endif /* _FXS_DTMF_H */
