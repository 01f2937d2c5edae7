// SPDX-License-Identifier: GPL-2.0
/*
 * openfxs DTMF detector, integer only, shared by fxs.ko and fxs-dtmf.
 *
 * Each 80-sample block (10 ms) runs eight Goertzel filters with Q14
 * coefficients. A block qualifies a tone pair when the strongest tone of
 * each group is above the level limit, within the twist limits, clearly
 * above the other tones of its group (the ones two or three places off
 * by more, as a key leaks less there), when the pair carries most of the
 * block's energy, the echo of our own dial tone (350 + 440 Hz) not
 * counted (talk-off guard; it also fails blocks that a burst covers by
 * half or less). The block's samples are kept, so the dial tone's filters
 * run only on blocks that pass the other tests. A digit starts
 * when three consecutive blocks qualify the same pair (one of them may be
 * a weak block, with the level and a 0.40 share, 0.62 if first or last,
 * but no twist or group test: a low-rate codec garbles single blocks),
 * each tone keeps a
 * steady level over them, the pair's power in the two strongest of them
 * agrees within 4 dB, they meet tighter twist and energy-share limits
 * together (sums jitter less than single blocks), and the phase of each
 * tone advanced from block to block as expected for its nominal frequency
 * within 2 %, and over two blocks within 1.75 % (a frequency check much
 * finer than the filters' width). Where the phase advance of both tones
 * also stayed the same (within 0.2 rad) over two blocks in a row, the
 * tones kept their frequency, as a key's do and a voice's harmonics do
 * not, and the start blocks' share may be as low as 0.51 (a digit with
 * speech mixed under it). A run that began where a block passing every
 * test was followed by the same pair off its phase never starts a digit:
 * a key's oscillators do not jump while it is held, a voice's harmonics
 * that fit a pair do as its pitch moves; the pair must drop out first.
 * A digit ends after three blocks without it.
 * So a 40 ms burst (three blocks at least half covered, two of them
 * fully) is a digit, a 20 ms one (two blocks at most) never is, a long
 * one is reported once, even with breaks of up to 10 ms, and a 40 ms gap
 * separates two digits.
 */
#ifdef __KERNEL__
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/minmax.h>
#include <linux/string.h>
#else
#include <errno.h>
#include <string.h>
#ifndef __always_inline
#define __always_inline inline
#endif
/* the kernel's max() (GNU C, as the kernel's own) */
#define max(a, b) ({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); \
		    _a > _b ? _a : _b; })
#endif

#include "fxs_dtmf.h"

/* Goertzel power of a 0 dBm0 tone (amplitude 22826) over one block */
#define FXS_DTMF_POWER_0DBM0		833668409518ULL
/* Allowance below min_level for off-frequency tones (dB) */
#define FXS_DTMF_LEVEL_MARGIN_DB	3
/* Pair power over energy, Q8 of the pure two-tone value */
#define FXS_DTMF_BLOCK_SHARE_Q8		160	/* 0.62: one block qualifies */
#define FXS_DTMF_START_SHARE_Q8		212	/* 0.83: the start blocks */
#define FXS_DTMF_STABLE_SHARE_Q8	130	/* 0.51: the same, stable tones */
#define FXS_DTMF_HOLD_SHARE_Q8		102	/* 0.40: keep holding a digit */
/* Peak over any other tone of its group, Q8 power ratio (4 dB) */
#define FXS_DTMF_GROUP_PEAK_Q8		643
/* Peak over the tones of its group two or three places off, Q8 (8 dB) */
#define FXS_DTMF_GROUP_FAR_Q8		1615
/*
 * Allowances for leakage into a group's other tones, as power ratios: a
 * tone of the other group (268 Hz away at least: 19 dB down), the dial
 * tone into the low group (257 Hz and more away: 18 dB down); 16 dB are
 * allowed. A
 * larger dial-tone allowance finds more digits under a strong echo, but
 * lets voices with energy near 350-440 Hz through as well.
 */
#define FXS_DTMF_CROSS_LEAK		40
#define FXS_DTMF_DIAL_LEAK		40
/*
 * Twist limit allowances for leakage between the tones and a channel's
 * level errors, Q8: 3 dB over the start blocks together (a low-rate
 * codec's errors do not average out over 30 ms: AMR-NB 4.75 keeps a low
 * tone 5 dB under its high one there), 4 dB for one block (its jitter is
 * larger). With the default limits the spec's rejects, 16 dB normal and
 * 10 dB reverse twist, stay 5 and 3 dB outside.
 */
#define FXS_DTMF_TWIST_SLACK_Q8		511
#define FXS_DTMF_BLOCK_TWIST_SLACK_Q8	643
/*
 * Strongest over weakest power of a tone over the start blocks, Q8
 * (12 dB): a block half covered by the burst is 6 dB down, and a codec's
 * level changes come on top.
 */
#define FXS_DTMF_STEADY_Q8		4057
/*
 * Strongest over second strongest power of a tone over the start blocks,
 * Q8 (4 dB). A burst long enough to start a digit covers at least two of
 * the start blocks fully, and those see the same tone: only noise and the
 * codec move them (under 1 dB at the 12 dB SNR the detector must stand;
 * GSM 06.10 behind a band-pass, its 20 ms frames across our 10 ms blocks,
 * 2 to 4 dB), while speech and music that happen to fit the pair change
 * from block to block by more.
 */
#define FXS_DTMF_FULL_STEADY_Q8		643
/*
 * Blocks without the digit that end it: a 40 ms gap always holds three, a
 * break of 10 ms or less touches two at most.
 */
#define FXS_DTMF_END_BLOCKS		3
/*
 * Blocks in a row whose phase advance (both tones) changed by at most
 * FXS_DTMF_DRIFT_COS_Q14 (0.2 rad) from the block before that let a
 * digit start with FXS_DTMF_STABLE_SHARE_Q8: a key's tones keep their
 * frequency whatever is mixed under them, a voice's harmonics glide.
 */
#define FXS_DTMF_STABLE_BLOCKS		2
/*
 * Of the three blocks that start a digit, at least two must pass
 * fxs_dtmf_pair_valid(); the third may be a weak block
 * (fxs_dtmf_weak_valid()). The first and the last must carry the 0.62
 * share of FXS_DTMF_BLOCK_SHARE_Q8 even when weak (FXS_DTMF_START_ENDS,
 * a mask of the run's newest blocks, bit 0 the newest): a 20 ms burst
 * covers one of three blocks fully and shares the other 10 ms between the
 * outer two, so these can never both carry it, and it never starts one.
 */
#define FXS_DTMF_START_STRICT		2
#define FXS_DTMF_START_ENDS		5
#define FXS_DTMF_DRIFT_COS_Q14		16057
/* Normalized tone outputs stay below this, for 64-bit phase products */
#define FXS_DTMF_PHASE_BITS		11

/**
 * struct fxs_dtmf_tone - constants of one DTMF frequency, all Q14
 * @coef: Goertzel coefficient 2 cos(w)
 * @cos: cos(w), for the complex output
 * @sin: sin(w), for the complex output
 * @rot_cos: cos(-w N), undoes the nominal phase advance over one block
 * @rot_sin: sin(-w N)
 * @limit_cos: cosine of the largest accepted deviation from that advance:
 *	that of a 2 % frequency deviation (the spec accepts 1.5 %, rejects
 *	3.5 %; the narrower the window, the fewer voices fit it)
 * @rot2_cos: cos(-2 w N), the same over two blocks
 * @rot2_sin: sin(-2 w N)
 * @limit2_cos: cosine of the largest accepted deviation over two blocks,
 *	that of 1.75 % (twice the baseline, twice the resolution), or -1
 *	(Q14) where that exceeds half a turn (1477 and 1633 Hz: ambiguous)
 */
struct fxs_dtmf_tone {
	s32 coef;
	s32 cos;
	s32 sin;
	s32 rot_cos;
	s32 rot_sin;
	s32 limit_cos;
	s32 rot2_cos;
	s32 rot2_sin;
	s32 limit2_cos;
};

static const struct fxs_dtmf_tone fxs_dtmf_tones[FXS_DTMF_TONES] = {
	{  27980,  13990,   8528,  16094,   3070,  10491,  15233,   6031,    623 }, /*  697 Hz */
	{  26956,  13478,   9315,  -5063,  15582,   9294, -13255,  -9630,  -2002 }, /*  770 Hz */
	{  25701,  12851,  10163, -16255,   2053,   7857,  15869,  -4075,  -4886 }, /*  852 Hz */
	{  24219,  12109,  11036, -13833,  -8779,   6203,   6976,  14825,  -7834 }, /*  941 Hz */
	{  19073,   9536,  13323,  13833,  -8779,    844,   6976, -14825, -14511 }, /* 1209 Hz */
	{  16325,   8162,  14206, -10444, -12624,  -1767,  -3070,  16094, -16046 }, /* 1336 Hz */
	{  13085,   6542,  15021,   2053,  16255,  -4611, -15869,   4075, -16384 }, /* 1477 Hz */
	{   9315,   4657,  15708,  -7893, -14357,  -7585,  -8779,  13833, -16384 }, /* 1633 Hz */
};

/*
 * The dial tone, 350 and 440 Hz: Goertzel coefficients 2 cos(w), cos(w),
 * sin(w), the rotation (cos, sin) that undoes the phase advance over one
 * block, and the cosine of 2 % of that advance, all Q14 (as for the keys)
 */
static const s32 fxs_dtmf_dial_coef[2] = { 31538, 30831 };
static const s32 fxs_dtmf_dial_cos[2] = { 15769, 15415 };
static const s32 fxs_dtmf_dial_sin[2] = { 4447, 5550 };
static const s32 fxs_dtmf_dial_rot[2][2] = { { -16384, 0 }, { -13255, -9630 } };
static const s32 fxs_dtmf_dial_limit_cos[2] = { 14824, 13943 };

static const char fxs_dtmf_keys[16] = {
	'1', '2', '3', 'A',
	'4', '5', '6', 'B',
	'7', '8', '9', 'C',
	'*', '0', '#', 'D',
};

/* 10^(-k/10), Q16, k = 0..9 */
static const u32 fxs_dtmf_attenuation_q16[10] = {
	65536, 52057, 41350, 32846, 26090, 20724, 16462, 13076, 10387, 8250,
};

/* 10^(k/10), Q8, k = 0..FXS_DTMF_TWIST_DB_MAX */
static const u32 fxs_dtmf_ratio_q8[FXS_DTMF_TWIST_DB_MAX + 1] = {
	256, 322, 406, 511, 643, 810, 1019, 1283, 1615, 2033, 2560,
	3223, 4057, 5108, 6430, 8095, 10192, 12830, 16153, 20335, 25600,
};

/*
 * Check @config against the FXS_DTMF_* ranges: 0, or -EINVAL if a value
 * is out of range.
 */
int fxs_dtmf_config_check(const struct fxs_dtmf_config *config)
{
	if (config->min_level_dbm0 < FXS_DTMF_MIN_LEVEL_DBM0_MIN ||
	    config->min_level_dbm0 > FXS_DTMF_MIN_LEVEL_DBM0_MAX)
		return -EINVAL;
	if (config->twist_normal_db < 0 ||
	    config->twist_normal_db > FXS_DTMF_TWIST_DB_MAX)
		return -EINVAL;
	if (config->twist_reverse_db < 0 ||
	    config->twist_reverse_db > FXS_DTMF_TWIST_DB_MAX)
		return -EINVAL;
	return 0;
}

/* Goertzel power of a tone at @level_dbm0 */
static u64 fxs_dtmf_level_power(int level_dbm0)
{
	u64 power = FXS_DTMF_POWER_0DBM0;
	unsigned int attenuation_db = -level_dbm0;

	for (; attenuation_db >= 10; attenuation_db -= 10)
		power = (power * 6554) >> 16;	/* 1/10 */
	return (power * fxs_dtmf_attenuation_q16[attenuation_db]) >> 16;
}

static void fxs_dtmf_block_reset(struct fxs_dtmf *dtmf)
{
	unsigned int i;

	for (i = 0; i < FXS_DTMF_TONES; i++) {
		dtmf->goertzel_q1[i] = 0;
		dtmf->goertzel_q2[i] = 0;
	}
	dtmf->block_energy = 0;
	dtmf->block_fill = 0;
}

/* @value limited to @min..@max (init takes unchecked configs safely) */
static int fxs_dtmf_clamp(int value, int min, int max)
{
	return value < min ? min : value > max ? max : value;
}

/*
 * Take the limits of @config, which should have passed
 * fxs_dtmf_config_check() (values out of range are clamped), and keep the
 * detector's state: a digit in progress goes on and is not reported again.
 */
void fxs_dtmf_configure(struct fxs_dtmf *dtmf,
			const struct fxs_dtmf_config *config)
{
	int level = fxs_dtmf_clamp(config->min_level_dbm0,
				   FXS_DTMF_MIN_LEVEL_DBM0_MIN,
				   FXS_DTMF_MIN_LEVEL_DBM0_MAX);
	u32 normal = fxs_dtmf_ratio_q8[fxs_dtmf_clamp(config->twist_normal_db,
						      0, FXS_DTMF_TWIST_DB_MAX)];
	u32 reverse = fxs_dtmf_ratio_q8[fxs_dtmf_clamp(config->twist_reverse_db,
						       0, FXS_DTMF_TWIST_DB_MAX)];

	dtmf->min_power = fxs_dtmf_level_power(level -
					       FXS_DTMF_LEVEL_MARGIN_DB);
	dtmf->twist_q8[0] = (normal * FXS_DTMF_TWIST_SLACK_Q8) >> 8;
	dtmf->twist_q8[1] = (reverse * FXS_DTMF_TWIST_SLACK_Q8) >> 8;
	dtmf->block_twist_q8[0] = (normal * FXS_DTMF_BLOCK_TWIST_SLACK_Q8) >> 8;
	dtmf->block_twist_q8[1] = (reverse * FXS_DTMF_BLOCK_TWIST_SLACK_Q8) >> 8;
}

/* Reset the detector with the limits of @config (see fxs_dtmf_configure()). */
void fxs_dtmf_init(struct fxs_dtmf *dtmf, const struct fxs_dtmf_config *config)
{
	unsigned int i;

	fxs_dtmf_configure(dtmf, config);
	fxs_dtmf_block_reset(dtmf);
	dtmf->prev_pair = FXS_DTMF_NO_PAIR;
	dtmf->run_blocks = 0;
	dtmf->stable_blocks = 0;
	dtmf->strict_mask = 0;
	dtmf->share_mask = 0;
	dtmf->phase_broken = false;
	dtmf->dial_measured = false;
	dtmf->dial_steady = false;
	for (i = 0; i < 2; i++) {
		dtmf->prev[i][0] = 0;
		dtmf->prev[i][1] = 0;
		dtmf->prev2[i][0] = 0;
		dtmf->prev2[i][1] = 0;
	}
	for (i = 0; i < FXS_DTMF_START_BLOCKS - 1; i++) {
		dtmf->recent_low[i] = 0;
		dtmf->recent_high[i] = 0;
		dtmf->recent_energy[i] = 0;
	}
	dtmf->current_pair = FXS_DTMF_NO_PAIR;
	dtmf->absent_blocks = 0;
}

/* One plain Goertzel step of a filter with states *@q1, *@q2 */
static __always_inline void fxs_dtmf_step(s64 *q1, s64 *q2, s64 coef, s64 x)
{
	s64 next = x + ((coef * *q1) >> 14) - *q2;

	*q2 = *q1;
	*q1 = next;
}

/*
 * Run the four Goertzel filters of one group, starting at tone @first, over
 * @n samples, and return the samples' energy if @energy is set. Always
 * inlined with constant arguments, so the coefficients become immediates
 * and the eight states stay in registers.
 *
 * The main loop takes four samples per turn and lets the states swap roles
 * instead of moving. It also holds s[n+2] and s[n+3] negated: then each
 * step s = x + c s1 - s2 is one multiply, one shift and two add/sub.
 */
static __always_inline u64 fxs_dtmf_goertzel4(struct fxs_dtmf *dtmf,
					      unsigned int first, bool energy,
					      const s16 *pcm, unsigned int n)
{
	const s64 ca = fxs_dtmf_tones[first].coef;
	const s64 cb = fxs_dtmf_tones[first + 1].coef;
	const s64 cc = fxs_dtmf_tones[first + 2].coef;
	const s64 cd = fxs_dtmf_tones[first + 3].coef;
	s64 a1 = dtmf->goertzel_q1[first], a2 = dtmf->goertzel_q2[first];
	s64 b1 = dtmf->goertzel_q1[first + 1], b2 = dtmf->goertzel_q2[first + 1];
	s64 c1 = dtmf->goertzel_q1[first + 2], c2 = dtmf->goertzel_q2[first + 2];
	s64 d1 = dtmf->goertzel_q1[first + 3], d2 = dtmf->goertzel_q2[first + 3];
	const s16 *end = pcm + (n & ~3u);
	u64 sum = 0;
	s64 x;

	for (; pcm < end; pcm += 4) {
		x = pcm[0];		/* q2 = -s[n] */
		a2 = a2 - ((ca * a1) >> 14) - x;
		b2 = b2 - ((cb * b1) >> 14) - x;
		c2 = c2 - ((cc * c1) >> 14) - x;
		d2 = d2 - ((cd * d1) >> 14) - x;
		if (energy)
			sum += x * x;
		x = pcm[1];		/* q1 = -s[n + 1] */
		a1 = a1 + ((ca * a2) >> 14) - x;
		b1 = b1 + ((cb * b2) >> 14) - x;
		c1 = c1 + ((cc * c2) >> 14) - x;
		d1 = d1 + ((cd * d2) >> 14) - x;
		if (energy)
			sum += x * x;
		x = pcm[2];		/* q2 = s[n + 2] */
		a2 = a2 - ((ca * a1) >> 14) + x;
		b2 = b2 - ((cb * b1) >> 14) + x;
		c2 = c2 - ((cc * c1) >> 14) + x;
		d2 = d2 - ((cd * d1) >> 14) + x;
		if (energy)
			sum += x * x;
		x = pcm[3];		/* q1 = s[n + 3] */
		a1 = a1 + ((ca * a2) >> 14) + x;
		b1 = b1 + ((cb * b2) >> 14) + x;
		c1 = c1 + ((cc * c2) >> 14) + x;
		d1 = d1 + ((cd * d2) >> 14) + x;
		if (energy)
			sum += x * x;
	}
	for (n &= 3; n; n--, pcm++) {
		x = *pcm;
		fxs_dtmf_step(&a1, &a2, ca, x);
		fxs_dtmf_step(&b1, &b2, cb, x);
		fxs_dtmf_step(&c1, &c2, cc, x);
		fxs_dtmf_step(&d1, &d2, cd, x);
		if (energy)
			sum += x * x;
	}
	dtmf->goertzel_q1[first] = a1;
	dtmf->goertzel_q2[first] = a2;
	dtmf->goertzel_q1[first + 1] = b1;
	dtmf->goertzel_q2[first + 1] = b2;
	dtmf->goertzel_q1[first + 2] = c1;
	dtmf->goertzel_q2[first + 2] = c2;
	dtmf->goertzel_q1[first + 3] = d1;
	dtmf->goertzel_q2[first + 3] = d2;
	return sum;
}

static void fxs_dtmf_feed(struct fxs_dtmf *dtmf, const s16 *pcm,
			  unsigned int n)
{
	memcpy(dtmf->block + dtmf->block_fill, pcm, n * sizeof(*pcm));
	dtmf->block_energy += fxs_dtmf_goertzel4(dtmf, 0, true, pcm, n);
	fxs_dtmf_goertzel4(dtmf, 4, false, pcm, n);
	dtmf->block_fill += n;
}

/* Squared magnitude of tone @tone's output for the finished block */
static u64 fxs_dtmf_power(const struct fxs_dtmf *dtmf, unsigned int tone)
{
	s64 q1 = dtmf->goertzel_q1[tone];
	s64 q2 = dtmf->goertzel_q2[tone];
	s64 power;

	power = q1 * q1 + q2 * q2 -
		((fxs_dtmf_tones[tone].coef * q1) >> 14) * q2;
	return max(power, 0LL);
}

/* Index of the strongest of the four tones from @first */
static unsigned int fxs_dtmf_group_peak(const u64 *power, unsigned int first)
{
	unsigned int peak = first, i;

	for (i = first + 1; i < first + 4; i++)
		if (power[i] > power[peak])
			peak = i;
	return peak;
}

/* Integer square root of @v (rounded down) */
static u64 fxs_dtmf_sqrt(u64 v)
{
	u64 root = 0, bit = 1ULL << 62;

	while (bit > v)
		bit >>= 2;
	for (; bit; bit >>= 2) {
		if (v >= root + bit) {
			v -= root + bit;
			root = (root >> 1) + bit;
		} else {
			root >>= 1;
		}
	}
	return root;
}

/*
 * Whether @power, a tone of the peak's group, is at least @ratio_q8 below
 * the peak's power @peak, with leakage of powers @leak (the other group)
 * and @dial (the dial tone) allowed on top. If @coherent (the dial tone
 * measured steady on its frequencies: it is our own echo), the dial
 * tone's leakage counts in amplitude, as it adds to the key's own
 * leakage: the bound is then (sqrt((peak + leak) / ratio) + sqrt(dial))^2.
 * Voices are held to the plain sum: their energy near 350-440 Hz is not
 * steady on those frequencies.
 */
static bool fxs_dtmf_below(u64 power, u64 peak, u64 leak, u64 dial,
			   bool coherent, u32 ratio_q8)
{
	u64 own;

	if (power * ratio_q8 <= (peak + leak + dial) * 256)
		return true;
	if (!coherent || !dial)
		return false;
	own = (peak + leak) * 256 / ratio_q8;
	return power <= own + dial +
			2 * fxs_dtmf_sqrt(own) * fxs_dtmf_sqrt(dial);
}

/*
 * Whether @peak stands clearly above the other tones of its group: its
 * neighbours by FXS_DTMF_GROUP_PEAK_Q8, the tones further off (where a
 * key's leakage is 12 dB down at least) by FXS_DTMF_GROUP_FAR_Q8, both
 * over the leakage fxs_dtmf_below() allows (@leak, @dial, @coherent). A
 * voice whose harmonics fit a pair has its next harmonics there.
 */
static bool fxs_dtmf_group_clear(const u64 *power, unsigned int peak,
				 u64 leak, u64 dial, bool coherent)
{
	unsigned int first = peak & ~3u, i;
	u32 ratio;

	for (i = first; i < first + 4; i++) {
		if (i == peak)
			continue;
		ratio = i + 1 == peak || i == peak + 1 ?
			FXS_DTMF_GROUP_PEAK_Q8 : FXS_DTMF_GROUP_FAR_Q8;
		if (!fxs_dtmf_below(power[i], power[peak], leak, dial,
				    coherent, ratio))
			return false;
	}
	return true;
}

/* Whether powers @low and @high are within the twist limits @twist_q8 */
static bool fxs_dtmf_twist_valid(u64 low, u64 high, const u32 *twist_q8)
{
	return low * 256 <= high * twist_q8[0] &&
	       high * 256 <= low * twist_q8[1];
}

/*
 * Whether a pair of total power @pair_power carries at least @share_q8 of
 * what a pure pair of that power does in a signal of @energy (one block or
 * several). A pure pair gives pair_power * 2 == energy * N.
 */
static bool fxs_dtmf_share_valid(u64 pair_power, u64 energy, u32 share_q8)
{
	return pair_power * 512 >= share_q8 * FXS_DTMF_BLOCK_SAMPLES * energy;
}

/*
 * Whether tones @low and @high make a valid pair in this block: level,
 * twist, group peaks, and a share of the block energy of at least
 * @share_q8 of what a pure pair gives.
 */
static bool fxs_dtmf_pair_valid(const struct fxs_dtmf *dtmf, const u64 *power,
				unsigned int low, unsigned int high,
				u32 share_q8)
{
	u64 p_low = power[low], p_high = power[high];

	return p_low >= dtmf->min_power && p_high >= dtmf->min_power &&
	       fxs_dtmf_twist_valid(p_low, p_high, dtmf->block_twist_q8) &&
	       fxs_dtmf_group_clear(power, low,
				    p_high / FXS_DTMF_CROSS_LEAK,
				    dtmf->dial_power / FXS_DTMF_DIAL_LEAK,
				    dtmf->dial_steady) &&
	       fxs_dtmf_group_clear(power, high,
				    p_low / FXS_DTMF_CROSS_LEAK, 0, false) &&
	       fxs_dtmf_share_valid(p_low + p_high, dtmf->block_energy,
				    share_q8);
}

/*
 * Whether this block still carries the held digit's tones: a looser test
 * than fxs_dtmf_pair_valid(), so that a block only partly covered by the
 * tone (a short break, or the digit's end) keeps it.
 */
static bool fxs_dtmf_hold_valid(const struct fxs_dtmf *dtmf, u64 p_low,
				u64 p_high)
{
	return p_low >= dtmf->min_power && p_high >= dtmf->min_power &&
	       fxs_dtmf_twist_valid(p_low, p_high, dtmf->block_twist_q8) &&
	       fxs_dtmf_share_valid(p_low + p_high, dtmf->block_energy,
				    FXS_DTMF_HOLD_SHARE_Q8);
}

/*
 * Whether a block that fails fxs_dtmf_pair_valid() may still be one of
 * the three that start a digit (the other two pass it): both tones above
 * the level limit and a share of at least FXS_DTMF_HOLD_SHARE_Q8 (the
 * block's share of the start's first or last block is tested apart), with
 * no twist or group test of its own. A codec that codes 20 ms frames from a
 * few parameters (AMR-NB at 4.75 kbit/s) garbles single blocks of a
 * steady key: 8 to 15 dB of reverse twist, energy spread into the
 * neighbour tones. The run's phase tests still hold for it, and the start
 * tests over the three blocks too.
 */
static bool fxs_dtmf_weak_valid(const struct fxs_dtmf *dtmf, u64 p_low,
				u64 p_high)
{
	return p_low >= dtmf->min_power && p_high >= dtmf->min_power &&
	       fxs_dtmf_share_valid(p_low + p_high, dtmf->block_energy,
				    FXS_DTMF_HOLD_SHARE_Q8);
}

/* How many of the run's start blocks in @mask are set */
static unsigned int fxs_dtmf_start_count(unsigned int mask)
{
	unsigned int i, count = 0;

	for (i = 0; i < FXS_DTMF_START_BLOCKS; i++)
		count += (mask >> i) & 1;
	return count;
}

/* Whether the @count values of @power are within FXS_DTMF_STEADY_Q8 */
static bool fxs_dtmf_steady(const u64 *power, unsigned int count)
{
	u64 min = power[0], max = power[0];
	unsigned int i;

	for (i = 1; i < count; i++) {
		if (power[i] < min)
			min = power[i];
		if (power[i] > max)
			max = power[i];
	}
	return max * 256 <= min * FXS_DTMF_STEADY_Q8;
}

/*
 * Whether the two largest of the @count values of @power are within
 * FXS_DTMF_FULL_STEADY_Q8 of each other
 */
static bool fxs_dtmf_full_steady(const u64 *power, unsigned int count)
{
	u64 first = 0, second = 0;
	unsigned int i;

	for (i = 0; i < count; i++) {
		if (power[i] > first) {
			second = first;
			first = power[i];
		} else if (power[i] > second) {
			second = power[i];
		}
	}
	return first * 256 <= second * FXS_DTMF_FULL_STEADY_Q8;
}

/*
 * Whether this block and the FXS_DTMF_START_BLOCKS - 1 before it, taken
 * together, meet the start limits: each tone steady, and the twist and
 * share limits over their sums (sums jitter less than single blocks).
 * Then shifts this block's powers into the history.
 */
static bool fxs_dtmf_start_valid(struct fxs_dtmf *dtmf, u64 p_low,
				 u64 p_high)
{
	u64 low[FXS_DTMF_START_BLOCKS], high[FXS_DTMF_START_BLOCKS];
	u64 pair[FXS_DTMF_START_BLOCKS];
	u64 energy = dtmf->block_energy, low_sum = 0, high_sum = 0;
	unsigned int i;

	low[0] = p_low;
	high[0] = p_high;
	for (i = 1; i < FXS_DTMF_START_BLOCKS; i++) {
		low[i] = dtmf->recent_low[i - 1];
		high[i] = dtmf->recent_high[i - 1];
		energy += dtmf->recent_energy[i - 1];
	}
	for (i = FXS_DTMF_START_BLOCKS - 2; i > 0; i--) {
		dtmf->recent_low[i] = dtmf->recent_low[i - 1];
		dtmf->recent_high[i] = dtmf->recent_high[i - 1];
		dtmf->recent_energy[i] = dtmf->recent_energy[i - 1];
	}
	dtmf->recent_low[0] = p_low;
	dtmf->recent_high[0] = p_high;
	dtmf->recent_energy[0] = dtmf->block_energy;

	for (i = 0; i < FXS_DTMF_START_BLOCKS; i++) {
		low_sum += low[i];
		high_sum += high[i];
		pair[i] = low[i] + high[i];
	}
	return fxs_dtmf_steady(low, FXS_DTMF_START_BLOCKS) &&
	       fxs_dtmf_steady(high, FXS_DTMF_START_BLOCKS) &&
	       fxs_dtmf_full_steady(pair, FXS_DTMF_START_BLOCKS) &&
	       fxs_dtmf_twist_valid(low_sum, high_sum, dtmf->twist_q8) &&
	       fxs_dtmf_share_valid(low_sum + high_sum, energy,
				    dtmf->stable_blocks >= FXS_DTMF_STABLE_BLOCKS ?
				    FXS_DTMF_STABLE_SHARE_Q8 :
				    FXS_DTMF_START_SHARE_Q8);
}

/* Complex output of tone @tone's filter with states @q1, @q2 */
static void fxs_dtmf_output(unsigned int tone, s64 q1, s64 q2,
			    s64 *re, s64 *im)
{
	const struct fxs_dtmf_tone *t = &fxs_dtmf_tones[tone];

	*re = q1 - ((t->cos * q2) >> 14);
	*im = (t->sin * q2) >> 14;
}

static s64 fxs_dtmf_abs64(s64 v)
{
	return v < 0 ? -v : v;
}

/* (@re, @im) scaled down to FXS_DTMF_PHASE_BITS: its phase only */
static void fxs_dtmf_normalize(s64 re, s64 im, s32 *out_re, s32 *out_im)
{
	s64 big = fxs_dtmf_abs64(re) | fxs_dtmf_abs64(im);
	unsigned int shift = 0;

	while ((big >> shift) >= (1 << FXS_DTMF_PHASE_BITS))
		shift++;
	*out_re = re >> shift;
	*out_im = im >> shift;
}

/* Tone @tone's output, normalized (phase only) */
static void fxs_dtmf_phase(const struct fxs_dtmf *dtmf, unsigned int tone,
			   s32 *re, s32 *im)
{
	s64 out_re, out_im;

	fxs_dtmf_output(tone, dtmf->goertzel_q1[tone], dtmf->goertzel_q2[tone],
			&out_re, &out_im);
	fxs_dtmf_normalize(out_re, out_im, re, im);
}

/*
 * Whether the angle of (@re, @im) (at most 2^23 each) lies within the
 * angle of cosine @limit_cos (Q14) of zero
 */
static bool fxs_dtmf_angle_within(s64 re, s64 im, s32 limit_cos)
{
	u64 mag2 = (u64)(re * re + im * im);
	u64 limit2 = ((s64)limit_cos * limit_cos) >> 14;
	u64 re2 = (u64)(re * re) << 14;

	/* cos(angle) >= limit_cos, squared with the signs sorted out */
	if (limit_cos >= 0)
		return re > 0 && re2 >= limit2 * mag2;
	return re >= 0 || re2 <= limit2 * mag2;
}

/*
 * Whether a tone's phase advanced from an earlier block's output @prev to
 * this one @cur (normalized, [0] real, [1] imaginary) by its nominal
 * advance, which the rotation (@rot_cos, @rot_sin) undoes, within the
 * angle of cosine @limit_cos: the tone is on frequency.
 */
static bool fxs_dtmf_phase_valid(const s32 *cur, const s32 *prev,
				 s32 rot_cos, s32 rot_sin, s32 limit_cos)
{
	s64 cross_re = (s64)cur[0] * prev[0] + (s64)cur[1] * prev[1];
	s64 cross_im = (s64)cur[1] * prev[0] - (s64)cur[0] * prev[1];
	s64 dev_re = (cross_re * rot_cos - cross_im * rot_sin) >> 14;
	s64 dev_im = (cross_re * rot_sin + cross_im * rot_cos) >> 14;

	return fxs_dtmf_angle_within(dev_re, dev_im, limit_cos);
}

/*
 * Goertzel power of dial tone @tone over @pcm, and its output normalized
 * (phase only) into @phase
 */
static u64 fxs_dtmf_dial_tone(const s16 *pcm, unsigned int tone, s32 *phase)
{
	s64 coef = fxs_dtmf_dial_coef[tone], q1 = 0, q2 = 0, power;
	unsigned int i;

	for (i = 0; i < FXS_DTMF_BLOCK_SAMPLES; i++)
		fxs_dtmf_step(&q1, &q2, coef, pcm[i]);
	fxs_dtmf_normalize(q1 - ((fxs_dtmf_dial_cos[tone] * q2) >> 14),
			   (fxs_dtmf_dial_sin[tone] * q2) >> 14,
			   &phase[0], &phase[1]);
	power = q1 * q1 + q2 * q2 - ((coef * q1) >> 14) * q2;
	return max(power, 0LL);
}

/*
 * Whether tone @tone is on frequency from the previous block to this one
 * and, if @two_blocks (the previous block continued the run too), over
 * the two blocks from @prev2
 */
static bool fxs_dtmf_tone_on(unsigned int tone, const s32 *cur,
			     const s32 *prev, const s32 *prev2,
			     bool two_blocks)
{
	const struct fxs_dtmf_tone *t = &fxs_dtmf_tones[tone];

	return fxs_dtmf_phase_valid(cur, prev, t->rot_cos, t->rot_sin,
				    t->limit_cos) &&
	       (!two_blocks ||
		fxs_dtmf_phase_valid(cur, prev2, t->rot2_cos, t->rot2_sin,
				     t->limit2_cos));
}

/* @a times the conjugate of @b (normalized outputs), normalized */
static void fxs_dtmf_cross(const s32 *a, const s32 *b, s32 *out)
{
	fxs_dtmf_normalize((s64)a[0] * b[0] + (s64)a[1] * b[1],
			   (s64)a[1] * b[0] - (s64)a[0] * b[1], &out[0], &out[1]);
}

/*
 * Whether a tone's phase advance from @prev to @cur is that from @prev2
 * to @prev within FXS_DTMF_DRIFT_COS_Q14: its frequency did not move
 */
static bool fxs_dtmf_no_drift(const s32 *cur, const s32 *prev,
			      const s32 *prev2)
{
	s32 advance[2], before[2], drift[2];

	fxs_dtmf_cross(cur, prev, advance);
	fxs_dtmf_cross(prev, prev2, before);
	fxs_dtmf_cross(advance, before, drift);
	return fxs_dtmf_angle_within(drift[0], drift[1],
				     FXS_DTMF_DRIFT_COS_Q14);
}

/*
 * Whether the finished block continues the run of blocks qualifying
 * @pair: same pair as the previous block and both tones on frequency.
 * Keeps this block's phases, and the previous block's, for the next one.
 */
static bool fxs_dtmf_continues(struct fxs_dtmf *dtmf, int pair,
			       unsigned int low, unsigned int high)
{
	s32 cur[2][2];
	unsigned int tones[2] = { low, high }, i;
	bool same = pair == dtmf->prev_pair, stable = dtmf->run_blocks >= 2;

	for (i = 0; i < 2; i++) {
		fxs_dtmf_phase(dtmf, tones[i], &cur[i][0], &cur[i][1]);
		same = same &&
		       fxs_dtmf_tone_on(tones[i], cur[i], dtmf->prev[i],
					dtmf->prev2[i], dtmf->run_blocks >= 2);
		stable = stable && fxs_dtmf_no_drift(cur[i], dtmf->prev[i],
						     dtmf->prev2[i]);
	}
	dtmf->stable_blocks = same && stable ? dtmf->stable_blocks + 1 : 0;
	for (i = 0; i < 2; i++) {
		dtmf->prev2[i][0] = dtmf->prev[i][0];
		dtmf->prev2[i][1] = dtmf->prev[i][1];
		dtmf->prev[i][0] = cur[i][0];
		dtmf->prev[i][1] = cur[i][1];
	}
	return same;
}

/*
 * Take the dial tone out of the block's energy: the energy of its two
 * tones (a tone of Goertzel power P carries 2 P / N) is our own dial tone
 * coming back through the hybrid, not something the caller sent, so it
 * does not count against a digit's share. Also notes whether both dial
 * tones advanced on their own frequencies, within 2 %, since the previous
 * block measured them (dial_steady). Runs only on blocks whose pair
 * passes the level and twist limits.
 */
static void fxs_dtmf_remove_dial(struct fxs_dtmf *dtmf)
{
	u64 dial = 0;
	s32 phase[2][2];
	bool steady = dtmf->dial_measured;
	unsigned int i;

	for (i = 0; i < 2; i++) {
		dial += fxs_dtmf_dial_tone(dtmf->block, i, phase[i]);
		steady = steady &&
			 fxs_dtmf_phase_valid(phase[i], dtmf->dial_prev[i],
					      fxs_dtmf_dial_rot[i][0],
					      fxs_dtmf_dial_rot[i][1],
					      fxs_dtmf_dial_limit_cos[i]);
		dtmf->dial_prev[i][0] = phase[i][0];
		dtmf->dial_prev[i][1] = phase[i][1];
	}
	dtmf->dial_steady = steady;
	dtmf->dial_power = dial;
	dial = dial * 2 / FXS_DTMF_BLOCK_SAMPLES;
	dtmf->block_energy = dial < dtmf->block_energy ?
			     dtmf->block_energy - dial : 0;
}

/* Update the digit state from the finished block; true if a digit started */
static bool fxs_dtmf_block_end(struct fxs_dtmf *dtmf)
{
	u64 power[FXS_DTMF_TONES];
	unsigned int low, high, i;
	bool held, start, measured, strict, shared;
	int pair;

	for (i = 0; i < FXS_DTMF_TONES; i++)
		power[i] = fxs_dtmf_power(dtmf, i);
	low = fxs_dtmf_group_peak(power, 0);
	high = fxs_dtmf_group_peak(power, 4);
	pair = low * 4 + high - 4;

	dtmf->dial_power = 0;
	dtmf->dial_steady = false;
	measured = power[low] >= dtmf->min_power &&
		   power[high] >= dtmf->min_power &&
		   fxs_dtmf_twist_valid(power[low], power[high],
					dtmf->block_twist_q8);
	if (measured)
		fxs_dtmf_remove_dial(dtmf);
	dtmf->dial_measured = measured;
	start = fxs_dtmf_start_valid(dtmf, power[low], power[high]);
	strict = fxs_dtmf_pair_valid(dtmf, power, low, high,
				     FXS_DTMF_BLOCK_SHARE_Q8);
	shared = fxs_dtmf_share_valid(power[low] + power[high],
				      dtmf->block_energy, FXS_DTMF_BLOCK_SHARE_Q8);
	if (!strict && !fxs_dtmf_weak_valid(dtmf, power[low], power[high])) {
		dtmf->prev_pair = FXS_DTMF_NO_PAIR;
		dtmf->run_blocks = 0;
		dtmf->stable_blocks = 0;
		dtmf->strict_mask = 0;
		dtmf->share_mask = 0;
		dtmf->phase_broken = false;
	} else if (fxs_dtmf_continues(dtmf, pair, low, high)) {
		dtmf->run_blocks++;
		dtmf->strict_mask = dtmf->strict_mask << 1 | strict;
		dtmf->share_mask = dtmf->share_mask << 1 | shared;
	} else {
		dtmf->phase_broken = pair == dtmf->prev_pair &&
				     (dtmf->strict_mask & 1);
		dtmf->prev_pair = pair;
		dtmf->run_blocks = 1;
		dtmf->strict_mask = strict;
		dtmf->share_mask = shared;
	}
	held = pair == dtmf->current_pair &&
	       fxs_dtmf_hold_valid(dtmf, power[low], power[high]);
	fxs_dtmf_block_reset(dtmf);

	if (dtmf->current_pair != FXS_DTMF_NO_PAIR) {
		if (held)
			dtmf->absent_blocks = 0;
		else if (++dtmf->absent_blocks >= FXS_DTMF_END_BLOCKS)
			dtmf->current_pair = FXS_DTMF_NO_PAIR;
	}
	if (dtmf->run_blocks < FXS_DTMF_START_BLOCKS || !start ||
	    dtmf->phase_broken ||
	    fxs_dtmf_start_count(dtmf->strict_mask) < FXS_DTMF_START_STRICT ||
	    (dtmf->share_mask & FXS_DTMF_START_ENDS) != FXS_DTMF_START_ENDS ||
	    dtmf->current_pair != FXS_DTMF_NO_PAIR)
		return false;
	dtmf->current_pair = pair;
	dtmf->absent_blocks = 0;
	return true;
}

/*
 * Feed @count samples (any count, any split across calls). Writes each
 * newly started digit ('0'-'9', '*', '#', 'A'-'D') to @digits, up to
 * @max_digits of them (at most one per 80 samples; further ones are
 * dropped), and returns how many it wrote.
 */
int fxs_dtmf_process(struct fxs_dtmf *dtmf, const s16 *pcm, unsigned int count,
		     char *digits, unsigned int max_digits)
{
	unsigned int found = 0, n;

	while (count) {
		n = FXS_DTMF_BLOCK_SAMPLES - dtmf->block_fill;
		if (n > count)
			n = count;
		fxs_dtmf_feed(dtmf, pcm, n);
		pcm += n;
		count -= n;
		if (dtmf->block_fill < FXS_DTMF_BLOCK_SAMPLES)
			break;
		if (fxs_dtmf_block_end(dtmf) && found < max_digits)
			digits[found++] = fxs_dtmf_keys[dtmf->current_pair];
	}
	return found;
}
