// SPDX-License-Identifier: GPL-2.0
/*
 * spandsp-dtmf: benchmark peer of fxs-dtmf. Runs spandsp's dtmf_rx (its
 * default settings) over 8 kHz signed 16-bit mono raw PCM from a file or
 * stdin, in 80-sample frames, and prints the digits on one line.
 */
#include <stdio.h>
#include <string.h>

#include <spandsp.h>

#define FRAME	80

static void on_digits(void *user_data, const char *digits, int len)
{
	(void)user_data;
	fwrite(digits, 1, len, stdout);
}

int main(int argc, char **argv)
{
	int16_t pcm[FRAME];
	dtmf_rx_state_t *rx;
	FILE *in = stdin;
	size_t n;

	if (argc > 2) {
		fprintf(stderr, "Usage: %s [FILE|-]\n", argv[0]);
		return 2;
	}
	if (argc == 2 && strcmp(argv[1], "-")) {
		in = fopen(argv[1], "rb");
		if (!in) {
			fprintf(stderr, "spandsp-dtmf: unable to open '%s': %m\n",
				argv[1]);
			return 1;
		}
	}
	rx = dtmf_rx_init(NULL, on_digits, NULL);
	if (!rx) {
		fprintf(stderr, "spandsp-dtmf: dtmf_rx_init failed\n");
		return 1;
	}
	while ((n = fread(pcm, sizeof(pcm[0]), FRAME, in)) > 0)
		dtmf_rx(rx, pcm, n);
	dtmf_rx_free(rx);
	putchar('\n');
	if (in != stdin)
		fclose(in);
	return 0;
}
