// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of kmod/fxs_tone.c: the SPA tone script parser (good and
 * bad scripts), the cadence of the rendered tone, its end, and its
 * frequencies and levels measured with a Goertzel filter.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "kselftest_harness.h"

#include <uapi/linux/fxs.h>

#include "fxs_tone.h"

#define RATE		FXS_PCM_RATE_HZ		/* samples in 1 s */
#define FRAME		FXS_PCM_FRAME_SAMPLES
#define FOREVER		UINT32_MAX

static const char *const default_tones[] = {
	"350@-19,440@-19;10(*/0/1+2)",
	"480@-19,620@-19;10(.5/.5/1+2)",
	"440@-19,480@-19;*(2/4/1+2)",
	"480@-19,620@-19;10(.25/.25/1+2)",
	"600@-16;1(.25/.25/1)",
	"985@-16,1428@-16,1777@-16;20(.380/0/1,.380/0/2,.380/0/3,0/4/0)",
};

/* Amplitude of @hz in @n samples (a sine of peak A gives about A). */
static double goertzel(const s16 *pcm, int n, double hz)
{
	double coeff = 2 * cos(2 * M_PI * hz / RATE);
	double s1 = 0, s2 = 0, s0, power;
	int i;

	for (i = 0; i < n; i++) {
		s0 = pcm[i] + coeff * s1 - s2;
		s2 = s1;
		s1 = s0;
	}
	power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
	return 2 * sqrt(power) / n;
}

/* Render @frames frames; returns how many returned true. */
static int render(struct fxs_tone_gen *gen, const struct fxs_tone_script *s,
		  s16 *pcm, int frames)
{
	int i, alive = 0;

	for (i = 0; i < frames; i++)
		alive += fxs_tone_gen_frame(gen, s, pcm + i * FRAME, FRAME);
	return alive;
}

static bool frame_silent(const s16 *pcm)
{
	int i;

	for (i = 0; i < FRAME; i++)
		if (pcm[i])
			return false;
	return true;
}

TEST(parse_defaults)
{
	struct fxs_tone_script s;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(default_tones); i++)
		EXPECT_EQ(0, fxs_tone_script_parse(default_tones[i], &s))
			TH_LOG("rejected default tone %u", i);
}

TEST(parse_dial_fields)
{
	struct fxs_tone_script s;

	ASSERT_EQ(0, fxs_tone_script_parse(default_tones[0], &s));
	EXPECT_EQ(2U, s.nr_freqs);
	EXPECT_EQ(350U, s.freq_hz[0]);
	EXPECT_EQ(440U, s.freq_hz[1]);
	EXPECT_EQ(s.amplitude[0], s.amplitude[1]);
	EXPECT_EQ(1U, s.nr_sections);
	EXPECT_EQ(10000U, s.sections[0].total_ms);
	EXPECT_EQ(1U, s.sections[0].nr_segments);
	EXPECT_EQ(FOREVER, s.sections[0].segments[0].on_ms);
	EXPECT_EQ(0U, s.sections[0].segments[0].off_ms);
	EXPECT_EQ(3U, s.sections[0].segments[0].freq_mask);
}

TEST(parse_sit_fields)
{
	struct fxs_tone_script s;
	const struct fxs_tone_section *sec = &s.sections[0];

	ASSERT_EQ(0, fxs_tone_script_parse(default_tones[5], &s));
	EXPECT_EQ(3U, s.nr_freqs);
	EXPECT_EQ(20000U, sec->total_ms);
	ASSERT_EQ(4U, sec->nr_segments);
	EXPECT_EQ(380U, sec->segments[0].on_ms);
	EXPECT_EQ(1U, sec->segments[0].freq_mask);
	EXPECT_EQ(2U, sec->segments[1].freq_mask);
	EXPECT_EQ(4U, sec->segments[2].freq_mask);
	EXPECT_EQ(0U, sec->segments[3].on_ms);
	EXPECT_EQ(4000U, sec->segments[3].off_ms);
	EXPECT_EQ(0U, sec->segments[3].freq_mask);
}

TEST(parse_limits)
{
	struct fxs_tone_script s;

	const char *text = "100@-60,4000@3,200@0,300@-1,400@-2,500@-3;"
		"*(1/1/1,1/1/2,1/1/3,1/1/4,1/1/5,*/0/1+2+3+4+5+6);"
		"3600(60/60/6)";

	ASSERT_EQ(0, fxs_tone_script_parse(text, &s));
	EXPECT_EQ(6U, s.nr_freqs);
	EXPECT_EQ(2U, s.nr_sections);
	EXPECT_EQ(6U, s.sections[0].nr_segments);
	EXPECT_EQ(63U, s.sections[0].segments[5].freq_mask);
	EXPECT_EQ(3600000U, s.sections[1].total_ms);
	EXPECT_GT(s.amplitude[1], s.amplitude[2]);
	EXPECT_GT(s.amplitude[2], s.amplitude[0]);
}

TEST(parse_bad)
{
	static const char *const bad[] = {
		"", ";", "350@-19", "350@-19;", "350;1(1/1/1)",
		"350@;1(1/1/1)", "@-19;1(1/1/1)", "99@-19;1(1/1/1)",
		"4001@-19;1(1/1/1)", "350@-61;1(1/1/1)", "350@4;1(1/1/1)",
		"350@--19;1(1/1/1)", "350@+3;1(1/1/1)", "350.5@-19;1(1/1/1)",
		"350@-19.5;1(1/1/1)", "350@-19,;1(1/1/1)", ",350@-19;1(1/1/1)",
		"350@-19;1(1/1/2)", "350@-19;1(1/1/0+1)", "350@-19;1(1/1/1+0)",
		"350@-19;1(1/1/)", "350@-19;1(1/1/1+)", "350@-19;1(1/1)",
		"350@-19;1(1/1/1", "350@-19;1(1/1/1)x", "350@-19;1(1/1/1);",
		"350@-19;1(1/1/1) ", " 350@-19;1(1/1/1)", "350@-19; 1(1/1/1)",
		"350@-19;1(1/1/1)\n", "350@-19;0(1/1/1)", "350@-19;1(0/0/1)",
		"350@-19;1(/1/1)", "350@-19;1(1//1)", "350@-19;1(1/*/1)",
		"350@-19;1(1.2345/1/1)", "350@-19;1(61/1/1)",
		"350@-19;1(1/61/1)", "350@-19;3601(1/1/1)", "350@-19;(1/1/1)",
		"350@-19;1()", "350@-19;1(1/1/1,)",
		"350@-19;1(1/1/1);1(1/1/1);1(1/1/1)",
		"100@0,200@0,300@0,400@0,500@0,600@0,700@0;1(1/1/1)",
		"350@-19;1(1/1/1,1/1/1,1/1/1,1/1/1,1/1/1,1/1/1,1/1/1)",
		"350@-19;1(1/1/7)", "350@-19;1(1/1/01x)",
		"99999999999@-19;1(1/1/1)", "350@-99999999999;1(1/1/1)",
		"350@-19;1(1/1/99999999999)",
	};
	struct fxs_tone_script s, before;
	unsigned int i;

	ASSERT_EQ(0, fxs_tone_script_parse(default_tones[4], &s));
	before = s;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(-EINVAL, fxs_tone_script_parse(bad[i], &s))
			TH_LOG("accepted \"%s\"", bad[i]);
		EXPECT_EQ(0, memcmp(&before, &s, sizeof(s)))
			TH_LOG("\"%s\" changed the script", bad[i]);
	}
}

TEST(dial_frequencies_and_level)
{
	struct fxs_tone_script s;
	struct fxs_tone_gen gen;
	/* neighbours, the other call progress tones and the DTMF rows/columns */
	static const int others[] = {
		400, 480, 620, 1000, 697, 770, 852, 941, 1209, 1336, 1477, 1633,
	};
	s16 pcm[RATE];
	double a350, a440, expect;
	unsigned int i;

	ASSERT_EQ(0, fxs_tone_script_parse(default_tones[0], &s));
	fxs_tone_gen_start(&gen, 0);
	ASSERT_EQ(100, render(&gen, &s, pcm, 100));
	/* -19 dBm0: 32767 * 10^((-19 - 3.14) / 20) */
	expect = 32767 * pow(10, (-19 - 3.14) / 20);
	a350 = goertzel(pcm, RATE, 350);
	a440 = goertzel(pcm, RATE, 440);
	EXPECT_LT(fabs(a350 - expect), expect * 0.02) TH_LOG("350: %f", a350);
	EXPECT_LT(fabs(a440 - expect), expect * 0.02) TH_LOG("440: %f", a440);
	for (i = 0; i < ARRAY_SIZE(others); i++)
		EXPECT_LT(goertzel(pcm, RATE, others[i]), expect * 0.01)
			TH_LOG("energy at %d Hz", others[i]);
}

TEST(single_tone_peak)
{
	struct fxs_tone_script s;
	struct fxs_tone_gen gen;
	s16 pcm[RATE];
	int i, peak = 0;

	ASSERT_EQ(0, fxs_tone_script_parse("1000@0;1(*/0/1)", &s));
	fxs_tone_gen_start(&gen, 0);
	render(&gen, &s, pcm, 100);
	for (i = 0; i < RATE; i++)
		if (abs(pcm[i]) > peak)
			peak = abs(pcm[i]);
	/* 0 dBm0 = 32767 * 10^(-3.14 / 20) = 22826 */
	EXPECT_LT(abs(peak - 22826), 30) TH_LOG("peak %d", peak);
	EXPECT_GT(goertzel(pcm, RATE, 1000), 22826 * 0.99);
	EXPECT_LT(goertzel(pcm, RATE, 3000), 10.0);
}

TEST(frequency_sweep)
{
	static const int freqs[] = { 100, 697, 1209, 1633, 2600, 3999, 4000 };
	struct fxs_tone_script s;
	struct fxs_tone_gen gen;
	char text[64];
	s16 pcm[RATE];
	unsigned int i;
	double a, off;

	for (i = 0; i < ARRAY_SIZE(freqs); i++) {
		snprintf(text, sizeof(text), "%d@-10;1(*/0/1)", freqs[i]);
		ASSERT_EQ(0, fxs_tone_script_parse(text, &s));
		fxs_tone_gen_start(&gen, 0);
		render(&gen, &s, pcm, 100);
		a = goertzel(pcm, RATE, freqs[i]);
		off = goertzel(pcm, RATE, freqs[i] == 100 ? 500 : freqs[i] - 75);
		if (freqs[i] == 4000) {
			/* Nyquist: the sine samples at its zero crossings */
			EXPECT_LT(a, 200.0);
			continue;
		}
		EXPECT_GT(a, 7000.0) TH_LOG("%d Hz: %f", freqs[i], a);
		EXPECT_LT(off, a / 100) TH_LOG("%d Hz leaks %f", freqs[i], off);
	}
}

TEST(busy_cadence_and_end)
{
	struct fxs_tone_script s;
	struct fxs_tone_gen gen;
	s16 pcm[FRAME];
	int frame;
	bool alive;

	ASSERT_EQ(0, fxs_tone_script_parse(default_tones[1], &s));
	fxs_tone_gen_start(&gen, 0);
	for (frame = 0; frame < 1000; frame++) {
		alive = fxs_tone_gen_frame(&gen, &s, pcm, FRAME);
		ASSERT_EQ(frame % 100 >= 50, frame_silent(pcm))
			TH_LOG("frame %d", frame);
		ASSERT_EQ(frame < 999, alive) TH_LOG("frame %d", frame);
	}
	EXPECT_FALSE(fxs_tone_gen_frame(&gen, &s, pcm, FRAME));
	EXPECT_TRUE(frame_silent(pcm));
}

TEST(dial_ends_after_total)
{
	struct fxs_tone_script s;
	struct fxs_tone_gen gen;
	static s16 pcm[1100 * FRAME];

	ASSERT_EQ(0, fxs_tone_script_parse(default_tones[0], &s));
	fxs_tone_gen_start(&gen, 0);
	EXPECT_EQ(999, render(&gen, &s, pcm, 1100));
	EXPECT_FALSE(frame_silent(pcm + 999 * FRAME));
	EXPECT_TRUE(frame_silent(pcm + 1000 * FRAME));
}

TEST(limit_stops_early)
{
	struct fxs_tone_script s;
	struct fxs_tone_gen gen;
	static s16 pcm[100 * FRAME];

	ASSERT_EQ(0, fxs_tone_script_parse(default_tones[2], &s));
	fxs_tone_gen_start(&gen, 250);
	EXPECT_EQ(24, render(&gen, &s, pcm, 100));
	EXPECT_FALSE(frame_silent(pcm + 24 * FRAME));
	EXPECT_TRUE(frame_silent(pcm + 25 * FRAME));
}

TEST(ringback_forever)
{
	struct fxs_tone_script s;
	struct fxs_tone_gen gen;
	s16 pcm[FRAME];
	int frame;

	ASSERT_EQ(0, fxs_tone_script_parse(default_tones[2], &s));
	fxs_tone_gen_start(&gen, 0);
	for (frame = 0; frame < 100000; frame++) {
		ASSERT_TRUE(fxs_tone_gen_frame(&gen, &s, pcm, FRAME));
		ASSERT_EQ(frame % 600 >= 200, frame_silent(pcm))
			TH_LOG("frame %d", frame);
	}
}

TEST(sit_segments_and_sections)
{
	static const int hz[] = { 985, 1428, 1777 };
	struct fxs_tone_script s;
	struct fxs_tone_gen gen;
	static s16 pcm[200 * FRAME];
	int seg, other, start;

	ASSERT_EQ(0, fxs_tone_script_parse(default_tones[5], &s));
	fxs_tone_gen_start(&gen, 0);
	render(&gen, &s, pcm, 200);
	for (seg = 0; seg < 3; seg++) {
		/* 38 frames each; look at the 30 in the middle */
		start = (seg * 38 + 4) * FRAME;
		for (other = 0; other < 3; other++) {
			double a = goertzel(pcm + start, 30 * FRAME, hz[other]);

			if (other == seg) {
				EXPECT_GT(a, 3618 * 0.98);
				EXPECT_LT(a, 3618 * 1.02);
			} else {
				EXPECT_LT(a, 100.0);
			}
		}
	}
	/* then 4 s of silence */
	EXPECT_TRUE(frame_silent(pcm + 114 * FRAME));
	EXPECT_TRUE(frame_silent(pcm + 199 * FRAME));
}

TEST(two_sections_play_in_order)
{
	struct fxs_tone_script s;
	struct fxs_tone_gen gen;
	static s16 pcm[300 * FRAME];

	const char *text = "500@-10,1500@-10;1(*/0/1);1(.5/.5/2)";

	ASSERT_EQ(0, fxs_tone_script_parse(text, &s));
	fxs_tone_gen_start(&gen, 0);
	EXPECT_EQ(199, render(&gen, &s, pcm, 300));
	EXPECT_GT(goertzel(pcm, 80 * FRAME, 500), 5000.0);
	EXPECT_LT(goertzel(pcm, 80 * FRAME, 1500), 100.0);
	EXPECT_GT(goertzel(pcm + 100 * FRAME, 50 * FRAME, 1500), 5000.0);
	EXPECT_LT(goertzel(pcm + 100 * FRAME, 50 * FRAME, 500), 100.0);
	EXPECT_TRUE(frame_silent(pcm + 150 * FRAME));
	EXPECT_TRUE(frame_silent(pcm + 250 * FRAME));
}

TEST(saturates)
{
	struct fxs_tone_script s;
	struct fxs_tone_gen gen;
	s16 pcm[RATE];
	int i, hi = 0, lo = 0;

	ASSERT_EQ(0, fxs_tone_script_parse("1000@3,1000@3;1(*/0/1+2)", &s));
	fxs_tone_gen_start(&gen, 0);
	render(&gen, &s, pcm, 100);
	for (i = 0; i < RATE; i++) {
		hi += pcm[i] == INT16_MAX;
		lo += pcm[i] == INT16_MIN;
	}
	EXPECT_GT(hi, 100);
	EXPECT_GT(lo, 100);
}

TEST_HARNESS_MAIN
