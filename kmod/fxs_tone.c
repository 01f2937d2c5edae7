// SPDX-License-Identifier: GPL-2.0
/*
 * openfxs tone generator: parses SPA tone scripts
 * `F1@L1[,F2@L2...];D(on/off/f[+f...][,...])[;D(...)]` and renders them as
 * FXS_PCM_RATE_HZ (8 kHz) PCM with integer arithmetic only: one 32-bit DDS
 * phase accumulator per frequency, a quarter-wave sine table with linear
 * interpolation, and a dBm0 -> amplitude table. The parser is one source
 * with fxsd's, which checks a profile's tone scripts with it before
 * applying them (the user-space build: fxs_user.h).
 */

#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/string.h>
#else
#include "fxs_user.h"
#endif

#include <uapi/linux/fxs.h>

#include "fxs_seconds.h"
#include "fxs_tone.h"

#define FXS_TONE_SAMPLES_PER_MS		(FXS_PCM_RATE_HZ / 1000)
#define FXS_TONE_FREQ_HZ_MIN		100
#define FXS_TONE_FREQ_HZ_MAX		4000
#define FXS_TONE_LEVEL_DBM0_MIN		(-60)
#define FXS_TONE_LEVEL_DBM0_MAX		3
#define FXS_TONE_DECIMALS		FXS_SECONDS_DECIMALS_MAX
#define FXS_TONE_TOTAL_MS_MAX		3600000
#define FXS_TONE_STEP_MS_MAX		60000
#define FXS_TONE_FOREVER		U32_MAX

/* sin(pi/2 * i / 128) * 32767, i = 0..128: a quarter of a 512-step wave */
#define FXS_TONE_QUARTER_STEPS		128
static const s16 fxs_tone_quarter_sine[FXS_TONE_QUARTER_STEPS + 1] = {
	0, 402, 804, 1206, 1608, 2009, 2410, 2811, 3212, 3612, 4011, 4410,
	4808, 5205, 5602, 5998, 6393, 6786, 7179, 7571, 7962, 8351, 8739,
	9126, 9512, 9896, 10278, 10659, 11039, 11417, 11793, 12167, 12539,
	12910, 13279, 13645, 14010, 14372, 14732, 15090, 15446, 15800, 16151,
	16499, 16846, 17189, 17530, 17869, 18204, 18537, 18868, 19195, 19519,
	19841, 20159, 20475, 20787, 21096, 21403, 21705, 22005, 22301, 22594,
	22884, 23170, 23452, 23731, 24007, 24279, 24547, 24811, 25072, 25329,
	25582, 25832, 26077, 26319, 26556, 26790, 27019, 27245, 27466, 27683,
	27896, 28105, 28310, 28510, 28706, 28898, 29085, 29268, 29447, 29621,
	29791, 29956, 30117, 30273, 30424, 30571, 30714, 30852, 30985, 31113,
	31237, 31356, 31470, 31580, 31685, 31785, 31880, 31971, 32057, 32137,
	32213, 32285, 32351, 32412, 32469, 32521, 32567, 32609, 32646, 32678,
	32705, 32728, 32745, 32757, 32765, 32767,
};

/*
 * Peak amplitude of a sine at L dBm0, L = -60..3, index L + 60: a full-scale
 * sine is +3.14 dBm0, so 32767 * 10^((L - 3.14) / 20), rounded.
 */
static const u16 fxs_tone_level_amplitude[] = {
	23, 26, 29, 32, 36, 41, 46, 51, 57, 64, 72, 81, 91, 102, 114, 128,
	144, 162, 181, 203, 228, 256, 287, 322, 362, 406, 455, 511, 573, 643,
	722, 810, 909, 1020, 1144, 1284, 1440, 1616, 1813, 2034, 2283, 2561,
	2874, 3224, 3618, 4059, 4554, 5110, 5734, 6433, 7218, 8099, 9087,
	10196, 11440, 12836, 14402, 16160, 18132, 20344, 22826, 25612, 28737,
	32243,
};

static_assert(ARRAY_SIZE(fxs_tone_level_amplitude) ==
	      FXS_TONE_LEVEL_DBM0_MAX - FXS_TONE_LEVEL_DBM0_MIN + 1);

/* Parsing */

static int fxs_tone_parse_uint(const char **text, u32 max, u32 *value)
{
	const char *p = *text;
	u32 v = 0;

	if (*p < '0' || *p > '9')
		return -EINVAL;
	for (; *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (*p - '0');
		if (v > max)
			return -EINVAL;
	}
	*text = p;
	*value = v;
	return 0;
}

/* "F@L": frequency in Hz, level in dBm0 (may be negative) */
static int fxs_tone_parse_freq(const char **text, struct fxs_tone_script *s)
{
	const char *p = *text;
	bool negative;
	u32 hz, level;
	int dbm0;

	if (s->nr_freqs == FXS_TONE_MAX_FREQS ||
	    fxs_tone_parse_uint(&p, FXS_TONE_FREQ_HZ_MAX, &hz) ||
	    hz < FXS_TONE_FREQ_HZ_MIN || *p++ != '@')
		return -EINVAL;
	negative = *p == '-';
	if (negative)
		p++;
	if (fxs_tone_parse_uint(&p, -FXS_TONE_LEVEL_DBM0_MIN, &level))
		return -EINVAL;
	dbm0 = negative ? -(int)level : (int)level;
	if (dbm0 > FXS_TONE_LEVEL_DBM0_MAX)
		return -EINVAL;
	s->freq_hz[s->nr_freqs] = hz;
	s->amplitude[s->nr_freqs] =
		fxs_tone_level_amplitude[dbm0 - FXS_TONE_LEVEL_DBM0_MIN];
	s->phase_step[s->nr_freqs] =
		div_u64((u64)hz << 32, FXS_PCM_RATE_HZ);
	s->nr_freqs++;
	*text = p;
	return 0;
}

/* "f[+f...]": 1-based frequency indexes, or a lone 0 for silence */
static int fxs_tone_parse_mask(const char **text, u32 nr_freqs, u32 *mask)
{
	const char *p = *text;
	u32 index;

	*mask = 0;
	if (*p == '0' && (p[1] < '0' || p[1] > '9')) {
		*text = p + 1;
		return 0;
	}
	for (;;) {
		if (fxs_tone_parse_uint(&p, nr_freqs, &index) || !index)
			return -EINVAL;
		*mask |= 1U << (index - 1);
		if (*p != '+')
			break;
		p++;
	}
	*text = p;
	return 0;
}

/* "on/off/f[+f...]", on may be "*" */
static int fxs_tone_parse_segment(const char **text, u32 nr_freqs,
				  struct fxs_tone_segment *seg)
{
	const char *p = *text;

	if (*p == '*') {
		seg->on_ms = FXS_TONE_FOREVER;
		p++;
	} else if (fxs_seconds_parse(&p, FXS_TONE_DECIMALS,
				     FXS_TONE_STEP_MS_MAX, &seg->on_ms)) {
		return -EINVAL;
	}
	if (*p++ != '/' ||
	    fxs_seconds_parse(&p, FXS_TONE_DECIMALS, FXS_TONE_STEP_MS_MAX,
			      &seg->off_ms) ||
	    *p++ != '/' || fxs_tone_parse_mask(&p, nr_freqs, &seg->freq_mask))
		return -EINVAL;
	*text = p;
	return 0;
}

/* A section must advance: some segment lasts forever or takes time. */
static bool fxs_tone_section_moves(const struct fxs_tone_section *sec)
{
	u32 i;

	for (i = 0; i < sec->nr_segments; i++)
		if (sec->segments[i].on_ms || sec->segments[i].off_ms)
			return true;
	return false;
}

/* "D(seg[,seg...])", D may be "*" */
static int fxs_tone_parse_section(const char **text, u32 nr_freqs,
				  struct fxs_tone_section *sec)
{
	const char *p = *text;

	if (*p == '*') {
		sec->total_ms = FXS_TONE_FOREVER;
		p++;
	} else if (fxs_seconds_parse(&p, FXS_TONE_DECIMALS,
				     FXS_TONE_TOTAL_MS_MAX, &sec->total_ms) ||
		   !sec->total_ms) {
		return -EINVAL;
	}
	if (*p++ != '(')
		return -EINVAL;
	do {
		if (sec->nr_segments == FXS_TONE_MAX_SEGMENTS ||
		    fxs_tone_parse_segment(&p, nr_freqs,
					   &sec->segments[sec->nr_segments]))
			return -EINVAL;
		sec->nr_segments++;
	} while (*p++ == ',');
	if (p[-1] != ')' || !fxs_tone_section_moves(sec))
		return -EINVAL;
	*text = p;
	return 0;
}

/**
 * fxs_tone_script_parse() - parse an SPA tone script
 * @text: the script, e.g. "440@-19,480@-19;*(2/4/1+2)"; no whitespace
 * @script: the result
 *
 * Return: 0, or -EINVAL (then @script is unchanged).
 */
int fxs_tone_script_parse(const char *text, struct fxs_tone_script *script)
{
	struct fxs_tone_script parsed = { };
	const char *p = text;

	do {
		if (fxs_tone_parse_freq(&p, &parsed))
			return -EINVAL;
	} while (*p++ == ',');
	if (p[-1] != ';')
		return -EINVAL;
	do {
		if (parsed.nr_sections == FXS_TONE_MAX_SECTIONS ||
		    fxs_tone_parse_section(&p, parsed.nr_freqs,
					   &parsed.sections[parsed.nr_sections]))
			return -EINVAL;
		parsed.nr_sections++;
	} while (*p++ == ';');
	if (p[-1])
		return -EINVAL;
	*script = parsed;
	return 0;
}

/* Generation */

/* sin(2 pi phase / 2^32) * 32767 */
static s32 fxs_tone_sine(u32 phase)
{
	u32 quadrant = phase >> 30;
	u32 step = (phase >> 23) & (FXS_TONE_QUARTER_STEPS - 1);
	s32 frac = (phase >> 7) & 0xffff;
	s32 a, b, v;

	if (quadrant & 1) {
		a = fxs_tone_quarter_sine[FXS_TONE_QUARTER_STEPS - step];
		b = fxs_tone_quarter_sine[FXS_TONE_QUARTER_STEPS - 1 - step];
	} else {
		a = fxs_tone_quarter_sine[step];
		b = fxs_tone_quarter_sine[step + 1];
	}
	v = a + (((b - a) * frac) >> 16);
	return quadrant & 2 ? -v : v;
}

static u32 fxs_tone_add_ms(u32 ms)
{
	return ms < U32_MAX ? ms + 1 : ms;
}

/**
 * fxs_tone_gen_start() - start playing a script from its beginning
 * @gen: the generator state
 * @limit_ms: stop after this time; 0 plays the script to its end
 */
void fxs_tone_gen_start(struct fxs_tone_gen *gen, u32 limit_ms)
{
	memset(gen, 0, sizeof(*gen));
	gen->limit_ms = limit_ms;
}

/*
 * Step past finished segments and sections.
 * Return: the segment now playing, or NULL when the tone has ended.
 */
static const struct fxs_tone_segment *
fxs_tone_gen_segment(struct fxs_tone_gen *gen,
		     const struct fxs_tone_script *script)
{
	const struct fxs_tone_section *sec;
	const struct fxs_tone_segment *seg;

	if (gen->limit_ms && gen->elapsed_ms >= gen->limit_ms)
		return NULL;
	while (gen->section < script->nr_sections) {
		sec = &script->sections[gen->section];
		if (sec->total_ms != FXS_TONE_FOREVER &&
		    gen->section_ms >= sec->total_ms) {
			gen->section++;
			gen->section_ms = 0;
			gen->segment = 0;
			gen->segment_ms = 0;
			continue;
		}
		seg = &sec->segments[gen->segment];
		if (seg->on_ms == FXS_TONE_FOREVER ||
		    gen->segment_ms < seg->on_ms + seg->off_ms)
			return seg;
		gen->segment = (gen->segment + 1) % sec->nr_segments;
		gen->segment_ms = 0;
	}
	return NULL;
}

/* One sample of the frequencies in @mask, saturated. */
static s16 fxs_tone_gen_sample(struct fxs_tone_gen *gen,
			       const struct fxs_tone_script *script, u32 mask)
{
	s32 sum = 0;
	u32 i;

	for (i = 0; i < script->nr_freqs; i++) {
		if (mask & (1U << i))
			sum += ((s32)script->amplitude[i] *
				fxs_tone_sine(gen->phase[i])) >> 15;
		gen->phase[i] += script->phase_step[i];
	}
	if (sum > S16_MAX)
		return S16_MAX;
	if (sum < S16_MIN)
		return S16_MIN;
	return sum;
}

/**
 * fxs_tone_gen_frame() - render the next samples of a tone
 * @gen: the generator state
 * @script: the script, from fxs_tone_script_parse()
 * @out: where to write @count samples (silence once the tone has ended)
 * @count: samples to write; time advances 1 ms per %FXS_TONE_SAMPLES_PER_MS
 *	samples
 *
 * Return: false once the script or the time limit has ended.
 */
bool fxs_tone_gen_frame(struct fxs_tone_gen *gen,
			const struct fxs_tone_script *script,
			s16 *out, unsigned int count)
{
	const struct fxs_tone_segment *seg;
	unsigned int i, n;
	u32 mask;

	while (count) {
		n = min_t(unsigned int, count, FXS_TONE_SAMPLES_PER_MS);
		seg = fxs_tone_gen_segment(gen, script);
		mask = 0;
		if (seg && (seg->on_ms == FXS_TONE_FOREVER ||
			    gen->segment_ms < seg->on_ms))
			mask = seg->freq_mask;
		for (i = 0; i < n; i++)
			*out++ = seg ? fxs_tone_gen_sample(gen, script, mask) : 0;
		count -= n;
		if (!seg)
			continue;
		gen->elapsed_ms = fxs_tone_add_ms(gen->elapsed_ms);
		gen->section_ms = fxs_tone_add_ms(gen->section_ms);
		gen->segment_ms = fxs_tone_add_ms(gen->segment_ms);
	}
	return fxs_tone_gen_segment(gen, script);
}
