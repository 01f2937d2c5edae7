// SPDX-License-Identifier: GPL-2.0
/*
 * prompt-level: measures and checks an IVR prompt clip, raw 8000 Hz signed
 * 16-bit little-endian mono PCM (the format /dev/fxsN takes).
 *
 * The level is the active speech level of ITU-T P.56 method B (the
 * algorithm of the ITU-T G.191 STL's actlev/sv56): a rectified envelope
 * with a 0.03 s time constant, smoothed twice; 15 thresholds a factor 2
 * apart, each with a 0.2 s hangover; the active level is the energy over
 * the samples that are active at the threshold that lies a margin of
 * 15.9 dB below it (interpolated between the two thresholds around it).
 * Pauses between and around words do not lower it, unlike an RMS over the
 * whole clip.
 *
 * dBm0 for 16-bit linear PCM as G.711 has it: the mu-law coder's load
 * capacity (a full-scale sine) is +3.17 dBm0 (G.711 clause 4, Table 2a;
 * G.100.1 clause 7.3), so 0 dBm0 is a sine whose peak is 3.17 dB below
 * full scale: RMS 16094 of 32768, -6.18 dB below a full-scale square wave.
 * The mu-law digital milliwatt of G.711 Table 5 decodes to -6.22 dB on
 * this scale (the suite checks it). The A-law figure is 3.14 dB.
 *
 *   prompt-level FILE              print the measurements on one line
 *   prompt-level --gain FILE       print the gain in dB that brings FILE's
 *                                  active level to the target
 *   prompt-level --check FILE...   check each clip (format, length, level,
 *                                  leading and trailing silence); exit 1
 *                                  and say why for any that fails
 *
 * Options: --target DBM0 (-16), --tolerance DB (3), --max-seconds S (6),
 * --max-edge-ms MS (100): the longest silence allowed at either end.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RATE		8000
#define MAX_BYTES	(RATE * 2 * 60)		/* a minute: far past any prompt */

/* G.711 mu-law: 0 dBm0 relative to full scale (32768), RMS, in dB */
#define DBM0_DBFS	(-3.17 - 3.0103)

/* P.56 method B constants */
#define P56_TIME_CONST	0.03	/* envelope time constant, s */
#define P56_HANGOVER	0.2	/* s */
#define P56_MARGIN	15.9	/* dB between active level and threshold */
#define P56_THRESHOLDS	15	/* 2^-15 .. 2^-1 of full scale */

/* silence at the ends: below the active level by this much */
#define EDGE_BELOW_DB	35.0

struct clip {
	const char *path;
	short *pcm;
	size_t n;
};

struct clip_stats {
	double active_dbm0;	/* -INFINITY for silence */
	double activity;	/* 0..1 */
	double rms_dbm0;	/* over the whole clip */
	double lead_ms, tail_ms;
	int peak;		/* largest |sample| */
};

struct limits {
	double target, tolerance, max_seconds, max_edge_ms;
};

static const char *const header_magics[] = {
	"RIFF", "RIFX", "RF64", "FORM", ".snd", "fLaC", "OggS", "ID3", NULL
};

/* Loads a raw clip; returns 0, or -1 with a reason in why. */
static int clip_load(struct clip *c, const char *path, char *why, size_t len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	size_t got;
	int i;

	c->path = path;
	c->pcm = NULL;
	c->n = 0;
	if (!f) {
		snprintf(why, len, "cannot open: %s", strerror(errno));
		return -1;
	}
	buf = malloc(MAX_BYTES + 1);
	if (!buf) {
		fclose(f);
		snprintf(why, len, "out of memory");
		return -1;
	}
	got = fread(buf, 1, MAX_BYTES + 1, f);
	fclose(f);
	if (got > MAX_BYTES) {
		snprintf(why, len, "longer than %d bytes", MAX_BYTES);
		goto out_free;
	}
	if (got == 0) {
		snprintf(why, len, "empty");
		goto out_free;
	}
	if (got % 2) {
		snprintf(why, len, "odd byte count %zu: not 16-bit PCM", got);
		goto out_free;
	}
	for (i = 0; header_magics[i]; i++) {
		size_t m = strlen(header_magics[i]);

		if (got >= m && !memcmp(buf, header_magics[i], m)) {
			snprintf(why, len, "starts with a '%s' header: not raw PCM",
				 header_magics[i]);
			goto out_free;
		}
	}
	c->n = got / 2;
	c->pcm = malloc(c->n * sizeof(*c->pcm));
	if (!c->pcm) {
		snprintf(why, len, "out of memory");
		goto out_free;
	}
	for (size_t k = 0; k < c->n; k++)	/* little-endian on any host */
		c->pcm[k] = (short)(buf[2 * k] | buf[2 * k + 1] << 8);
	free(buf);
	return 0;

out_free:
	free(buf);
	return -1;
}

static double to_dbm0(double mean_square)
{
	return 10.0 * log10(mean_square) - DBM0_DBFS;
}

/* P.56 method B over the clip, samples scaled to [-1, 1). */
static void clip_active_level(const struct clip *c, struct clip_stats *st)
{
	double g = exp(-1.0 / (RATE * P56_TIME_CONST));
	long hang_max = lround(P56_HANGOVER * RATE);
	long active[P56_THRESHOLDS] = { 0 }, hang[P56_THRESHOLDS];
	double thr[P56_THRESHOLDS], adb[P56_THRESHOLDS], cdb[P56_THRESHOLDS];
	double p = 0, q = 0, sq = 0;
	int j;

	for (j = 0; j < P56_THRESHOLDS; j++) {
		thr[j] = ldexp(1.0, j - P56_THRESHOLDS);
		hang[j] = hang_max;
	}
	for (size_t k = 0; k < c->n; k++) {
		double x = c->pcm[k] / 32768.0;

		sq += x * x;
		p = g * p + (1 - g) * fabs(x);
		q = g * q + (1 - g) * p;
		for (j = 0; j < P56_THRESHOLDS; j++) {
			if (q >= thr[j]) {
				active[j]++;
				hang[j] = 0;
			} else if (hang[j] < hang_max) {
				active[j]++;
				hang[j]++;
			}
		}
	}
	st->rms_dbm0 = sq > 0 ? to_dbm0(sq / c->n) : -INFINITY;
	st->active_dbm0 = -INFINITY;
	st->activity = 0;
	if (!active[0] || sq == 0)
		return;
	for (j = 0; j < P56_THRESHOLDS; j++) {
		cdb[j] = 20.0 * log10(thr[j]);
		adb[j] = active[j] ? 10.0 * log10(sq / active[j]) : INFINITY;
	}
	adb[0] = 10.0 * log10(sq / active[0]);
	for (j = 1; j < P56_THRESHOLDS && active[j]; j++) {
		double hi = adb[j - 1] - cdb[j - 1], lo = adb[j] - cdb[j], t;

		if (lo > P56_MARGIN)
			continue;
		/* the margin is crossed between thresholds j-1 and j */
		t = hi > lo ? (hi - P56_MARGIN) / (hi - lo) : 1.0;
		if (t < 0)
			t = 0;
		st->active_dbm0 = adb[j - 1] + t * (adb[j] - adb[j - 1]) - DBM0_DBFS;
		st->activity = (active[j - 1] + t * (active[j] - active[j - 1])) /
			       (double)c->n;
		return;
	}
	/* never crossed: the whole clip is active at every threshold reached */
	st->active_dbm0 = adb[0] - DBM0_DBFS;
	st->activity = (double)active[0] / c->n;
}

static void clip_measure(const struct clip *c, struct clip_stats *st)
{
	double edge;
	size_t first = c->n, last = 0;

	clip_active_level(c, st);
	st->peak = 0;
	for (size_t k = 0; k < c->n; k++) {
		int a = abs(c->pcm[k]);

		if (a > st->peak)
			st->peak = a;
	}
	st->lead_ms = st->tail_ms = 1000.0 * c->n / RATE;
	if (isinf(st->active_dbm0))
		return;
	/* silence: peak below EDGE_BELOW_DB under the active level (as RMS) */
	edge = 32768.0 * pow(10.0, (st->active_dbm0 + DBM0_DBFS - EDGE_BELOW_DB) / 20.0);
	for (size_t k = 0; k < c->n; k++) {
		if (abs(c->pcm[k]) > edge) {
			if (first == c->n)
				first = k;
			last = k;
		}
	}
	if (first == c->n)
		return;
	st->lead_ms = 1000.0 * first / RATE;
	st->tail_ms = 1000.0 * (c->n - 1 - last) / RATE;
}

static void stats_print(const struct clip *c, const struct clip_stats *st)
{
	printf("%s: seconds=%.3f active_dbm0=%.2f activity=%.2f rms_dbm0=%.2f lead_ms=%.0f tail_ms=%.0f peak=%d\n",
	       c->path, (double)c->n / RATE, st->active_dbm0, st->activity,
	       st->rms_dbm0, st->lead_ms, st->tail_ms, st->peak);
}

/* Returns 0 when the clip passes; else prints each reason and returns 1. */
static int clip_check(const struct clip *c, const struct clip_stats *st,
		      const struct limits *lim)
{
	double secs = (double)c->n / RATE;
	int bad = 0;

	if (secs > lim->max_seconds) {
		printf("%s: %.2f s long, more than %.2f s\n", c->path, secs,
		       lim->max_seconds);
		bad = 1;
	}
	if (isinf(st->active_dbm0)) {
		printf("%s: silent: no active speech\n", c->path);
		return 1;
	}
	if (fabs(st->active_dbm0 - lim->target) > lim->tolerance) {
		printf("%s: active speech level %.2f dBm0, not within %.1f dB of %.1f dBm0\n",
		       c->path, st->active_dbm0, lim->tolerance, lim->target);
		bad = 1;
	}
	if (st->peak >= 32767) {
		printf("%s: clipped (peak %d)\n", c->path, st->peak);
		bad = 1;
	}
	if (st->lead_ms > lim->max_edge_ms || st->tail_ms > lim->max_edge_ms) {
		printf("%s: %.0f ms of silence before and %.0f ms after the speech, more than %.0f ms\n",
		       c->path, st->lead_ms, st->tail_ms, lim->max_edge_ms);
		bad = 1;
	}
	return bad;
}

static double parse_num(const char *opt, const char *s)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || !isfinite(v)) {
		fprintf(stderr, "prompt-level: bad number '%s' for --%s\n", s, opt);
		exit(2);
	}
	return v;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: prompt-level [--gain | --check] [--target DBM0] [--tolerance DB]\n"
		   "                    [--max-seconds S] [--max-edge-ms MS] FILE...\n");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "gain", no_argument, NULL, 'g' },
		{ "check", no_argument, NULL, 'c' },
		{ "target", required_argument, NULL, 't' },
		{ "tolerance", required_argument, NULL, 'T' },
		{ "max-seconds", required_argument, NULL, 's' },
		{ "max-edge-ms", required_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct limits lim = { -16.0, 3.0, 6.0, 100.0 };
	int mode = 0, opt, failed = 0;

	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'g':
		case 'c':
			mode = opt;
			break;
		case 't':
			lim.target = parse_num("target", optarg);
			break;
		case 'T':
			lim.tolerance = parse_num("tolerance", optarg);
			break;
		case 's':
			lim.max_seconds = parse_num("max-seconds", optarg);
			break;
		case 'e':
			lim.max_edge_ms = parse_num("max-edge-ms", optarg);
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind >= argc || (mode == 'g' && argc - optind != 1)) {
		usage(stderr);
		return 2;
	}
	for (int i = optind; i < argc; i++) {
		struct clip c;
		struct clip_stats st;
		char why[160];

		if (clip_load(&c, argv[i], why, sizeof(why))) {
			printf("%s: %s\n", argv[i], why);
			failed = 1;
			continue;
		}
		clip_measure(&c, &st);
		if (mode == 'g') {
			if (isinf(st.active_dbm0)) {
				printf("%s: silent: no active speech\n", c.path);
				failed = 1;
			} else {
				printf("%.2f\n", lim.target - st.active_dbm0);
			}
		} else if (mode == 'c') {
			if (clip_check(&c, &st, &lim))
				failed = 1;
			else
				stats_print(&c, &st);
		} else {
			stats_print(&c, &st);
		}
		free(c.pcm);
	}
	return failed;
}
