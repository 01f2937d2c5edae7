// SPDX-License-Identifier: GPL-2.0
/*
 * dtmf-gen: test signal generator for the DTMF detector tests and the
 * benchmark. Writes 8 kHz signed 16-bit mono raw PCM (native byte order)
 * to stdout: the given digit string as tone bursts separated by gaps,
 * with optional level, twist, frequency deviation, white noise and a
 * continuous dial tone under it. Test code: floating point is fine here.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RATE		8000
/* amplitude of a 0 dBm0 sine: full scale is +3.14 dBm0 */
#define AMPLITUDE_0DBM0	(32767.0 * 0.69662)

struct signal {
	double level_dbm0;	/* per tone, before twist */
	double twist_db;	/* > 0: low group stronger, < 0: high stronger */
	double low_dev_pct;	/* frequency deviation of the low tone */
	double high_dev_pct;
	double on_ms, off_ms, lead_ms;
	double snr_db;		/* white noise vs the two-tone power; 0: none */
	double noise_dbm0;	/* white noise alone at this level; 0: none */
	double dial_dbm0;	/* dial tone per tone; 0: none */
	unsigned int seed;
	const char *digits;
};

static const char keys[] = "123A456B789C*0#D";
static const double low_hz[4] = { 697, 770, 852, 941 };
static const double high_hz[4] = { 1209, 1336, 1477, 1633 };

static double amplitude(double dbm0)
{
	return AMPLITUDE_0DBM0 * pow(10.0, dbm0 / 20.0);
}

/* xorshift32 in [0, 1) */
static double uniform(uint32_t *state)
{
	uint32_t x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return (x >> 8) / 16777216.0;
}

static double gaussian(uint32_t *state)
{
	double u1 = uniform(state) + 1e-12, u2 = uniform(state);

	return sqrt(-2.0 * log(u1)) * cos(2.0 * M_PI * u2);
}

static void put_sample(double v)
{
	int16_t s;

	if (v > 32767)
		v = 32767;
	if (v < -32768)
		v = -32768;
	s = (int16_t)lrint(v);
	fwrite(&s, sizeof(s), 1, stdout);
}

static void render(const struct signal *sig, const signed char *plan,
		   size_t len,
		   const double *freq, const double *amp)
{
	double noise_sigma = 0, dial_amp = 0, phase[2] = { 0, 0 };
	uint32_t rng = sig->seed * 2654435761u + 1;
	size_t n;

	if (sig->dial_dbm0)
		dial_amp = amplitude(sig->dial_dbm0);
	if (sig->noise_dbm0)
		noise_sigma = amplitude(sig->noise_dbm0) / sqrt(2.0);
	if (sig->snr_db) {
		double power = (amp[0] * amp[0] + amp[1] * amp[1]) / 2.0;

		noise_sigma = sqrt(power / pow(10.0, sig->snr_db / 10.0));
	}
	for (n = 0; n < len; n++) {
		double v = 0, t = (double)n / RATE;
		int key = plan[n];

		if (key >= 0) {
			if (n == 0 || plan[n - 1] != key) {
				phase[0] = 2 * M_PI * uniform(&rng);
				phase[1] = 2 * M_PI * uniform(&rng);
			}
			v += amp[0] * sin(2 * M_PI * freq[2 * key] * t + phase[0]);
			v += amp[1] * sin(2 * M_PI * freq[2 * key + 1] * t + phase[1]);
		}
		if (dial_amp)
			v += dial_amp * (sin(2 * M_PI * 350 * t) +
					 sin(2 * M_PI * 440 * t + 1.0));
		if (noise_sigma)
			v += noise_sigma * gaussian(&rng);
		put_sample(v);
	}
}

static int generate(const struct signal *sig)
{
	size_t on = sig->on_ms * RATE / 1000, off = sig->off_ms * RATE / 1000;
	size_t lead = sig->lead_ms * RATE / 1000, len, pos, i, k;
	double freq[32], amp[2];
	signed char *plan;

	for (k = 0; k < 16; k++) {
		freq[2 * k] = low_hz[k / 4] * (1 + sig->low_dev_pct / 100);
		freq[2 * k + 1] = high_hz[k % 4] * (1 + sig->high_dev_pct / 100);
	}
	amp[0] = amplitude(sig->level_dbm0 + sig->twist_db / 2);
	amp[1] = amplitude(sig->level_dbm0 - sig->twist_db / 2);

	len = lead + strlen(sig->digits) * (on + off) + off;
	plan = malloc(len + 1);
	if (!plan)
		return -ENOMEM;
	memset(plan, -1, len);
	pos = lead;
	for (i = 0; sig->digits[i]; i++) {
		const char *key = strchr(keys, sig->digits[i]);

		if (!key) {
			fprintf(stderr, "dtmf-gen: bad digit '%c'\n", sig->digits[i]);
			free(plan);
			return -EINVAL;
		}
		memset(plan + pos, key - keys, on);
		pos += on + off;
	}
	render(sig, plan, len, freq, amp);
	free(plan);
	return 0;
}

static void usage(void)
{
	fprintf(stderr,
		"Usage: dtmf-gen [OPTION]... DIGITS > out.raw\n"
		"  -l DBM0  per-tone level (default -10)\n"
		"  -t DB    twist, > 0 low group stronger, < 0 high stronger\n"
		"  -L PCT   low tone frequency deviation, percent\n"
		"  -H PCT   high tone frequency deviation, percent\n"
		"  -o MS    tone duration (default 50)\n"
		"  -g MS    gap duration, also after the last digit (default 50)\n"
		"  -s MS    leading silence (default 100)\n"
		"  -n DB    white noise at this SNR below the two-tone power\n"
		"  -N DBM0  white noise at this level (digits may be \"\")\n"
		"  -d DBM0  continuous dial tone (350 + 440 Hz) at this level per tone\n"
		"  -r SEED  random seed for phases and noise (default 1)\n");
}

/* The field option @ch sets, NULL if none */
static double *option_field(struct signal *sig, int ch)
{
	static const char names[] = "ltLHogsnNd";
	double *fields[] = {
		&sig->level_dbm0, &sig->twist_db, &sig->low_dev_pct,
		&sig->high_dev_pct, &sig->on_ms, &sig->off_ms, &sig->lead_ms,
		&sig->snr_db, &sig->noise_dbm0, &sig->dial_dbm0,
	};
	const char *at = ch ? strchr(names, ch) : NULL;

	return at ? fields[at - names] : NULL;
}

int main(int argc, char **argv)
{
	struct signal sig = {
		.level_dbm0 = -10, .on_ms = 50, .off_ms = 50, .lead_ms = 100,
		.seed = 1,
	};
	int ch;

	while ((ch = getopt(argc, argv, "l:t:L:H:o:g:s:n:N:d:r:")) != -1) {
		double *field = option_field(&sig, ch);

		if (ch == 'r') {
			sig.seed = strtoul(optarg, NULL, 10);
		} else if (field) {
			*field = atof(optarg);
		} else {
			usage();
			return 2;
		}
	}
	if (optind != argc - 1) {
		usage();
		return 2;
	}
	sig.digits = argv[optind];
	return generate(&sig) ? 1 : 0;
}
