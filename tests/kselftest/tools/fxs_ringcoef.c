// SPDX-License-Identifier: GPL-2.0
/*
 * fxs_ringcoef.c - in-guest helper for fxs_si321x.sh: the Si3210
 * datasheet's ring oscillator registers for a ring frequency and rms
 * voltage, computed in floating point (busybox awk has no math).
 * usage: fxs-ringcoef FREQ_HZ VRMS; prints "COEFF AMPL" in decimal:
 * COEFF = 2^15 cos(2 pi f / 1000 Hz) (indirect register 20),
 * AMPL = 2^15 / 4 sqrt((1 - COEFF') / (1 + COEFF')) Vpeak / 96 V with
 * COEFF' = COEFF / 2^15 and Vpeak = sqrt(2) VRMS (indirect register 21).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	double f, v, c;
	char *e1, *e2;

	if (argc != 3) {
		fprintf(stderr, "usage: fxs-ringcoef FREQ_HZ VRMS\n");
		return 1;
	}
	f = strtod(argv[1], &e1);
	v = strtod(argv[2], &e2);
	if (*e1 || *e2 || f <= 0 || f >= 250 || v <= 0) {
		fprintf(stderr, "fxs-ringcoef: bad frequency or voltage\n");
		return 1;
	}
	c = cos(2 * M_PI * f / 1000);
	printf("%ld %ld\n", lround(32768 * c),
	       lround(32768 / 4.0 * sqrt((1 - c) / (1 + c)) * v * sqrt(2) / 96));
	return 0;
}
