// SPDX-License-Identifier: GPL-2.0
/*
 * fxs-dtmf: offline DTMF decoder. Runs the kernel's detector (fxs_dtmf.c)
 * over 8 kHz signed 16-bit mono PCM, raw or WAV, from a file or stdin,
 * in 80-sample frames like the kernel, and prints the digits on one line.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fxs_dtmf.h"

#define EXIT_BAD_INPUT	2
#define FRAME_DEFAULT	80
#define FRAME_MAX	4096
#define RATE		8000

struct options {
	struct fxs_dtmf_config config;
	unsigned int frame;
	bool times;
	const char *path;
};

struct decoder {
	struct fxs_dtmf dtmf;
	unsigned long long samples;
	unsigned int found;
	bool times;
};

static void print_help(const char *prog)
{
	printf("Usage: %s [OPTION]... [FILE|-]\n"
	       "Decode DTMF digits from 8 kHz signed 16-bit mono PCM (raw,\n"
	       "native byte order, or WAV of that format) and print them on\n"
	       "one line (an empty line if none). Reads stdin without FILE.\n\n"
	       "  -l, --min-level=DBM0     weakest per-tone level, %d..%d (default %d)\n"
	       "  -n, --twist-normal=DB    low over high group limit, 0..%d (default %d)\n"
	       "  -r, --twist-reverse=DB   high over low group limit, 0..%d (default %d)\n"
	       "  -f, --frame=SAMPLES      samples per detector call, 1..%d (default %d)\n"
	       "  -t, --times              print one digit per line with its time,\n"
	       "                           \"DIGIT MS\": ms from the start of the input\n"
	       "                           to the end of the frame that recognised it\n"
	       "  -h, --help               this help\n\n"
	       "Exit status: 0 ok, 1 read error, 2 bad usage or input format.\n",
	       prog, FXS_DTMF_MIN_LEVEL_DBM0_MIN, FXS_DTMF_MIN_LEVEL_DBM0_MAX,
	       FXS_DTMF_DEFAULT_MIN_LEVEL_DBM0, FXS_DTMF_TWIST_DB_MAX,
	       FXS_DTMF_DEFAULT_TWIST_NORMAL_DB, FXS_DTMF_TWIST_DB_MAX,
	       FXS_DTMF_DEFAULT_TWIST_REVERSE_DB, FRAME_MAX, FRAME_DEFAULT);
}

static int parse_int(const char *arg, const char *name, int min, int max,
		     int *value)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v < min || v > max) {
		fprintf(stderr, "fxs-dtmf: invalid %s '%s' (%d..%d)\n",
			name, arg, min, max);
		return -EINVAL;
	}
	*value = v;
	return 0;
}

static int parse_options(int argc, char **argv, struct options *opt)
{
	static const struct option longopts[] = {
		{ "min-level", required_argument, NULL, 'l' },
		{ "twist-normal", required_argument, NULL, 'n' },
		{ "twist-reverse", required_argument, NULL, 'r' },
		{ "frame", required_argument, NULL, 'f' },
		{ "times", no_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct fxs_dtmf_config *c = &opt->config;
	int frame = FRAME_DEFAULT;
	int ch, ret = 0;

	while ((ch = getopt_long(argc, argv, "l:n:r:f:th", longopts, NULL)) != -1) {
		switch (ch) {
		case 'l':
			ret = parse_int(optarg, "min level", FXS_DTMF_MIN_LEVEL_DBM0_MIN,
					FXS_DTMF_MIN_LEVEL_DBM0_MAX, &c->min_level_dbm0);
			break;
		case 'n':
			ret = parse_int(optarg, "normal twist", 0, FXS_DTMF_TWIST_DB_MAX,
					&c->twist_normal_db);
			break;
		case 'r':
			ret = parse_int(optarg, "reverse twist", 0, FXS_DTMF_TWIST_DB_MAX,
					&c->twist_reverse_db);
			break;
		case 'f':
			ret = parse_int(optarg, "frame", 1, FRAME_MAX, &frame);
			break;
		case 't':
			opt->times = true;
			break;
		case 'h':
			print_help(argv[0]);
			exit(0);
		default:
			return -EINVAL;
		}
		if (ret)
			return ret;
	}
	if (argc - optind > 1) {
		fprintf(stderr, "fxs-dtmf: one input file at most\n");
		return -EINVAL;
	}
	opt->frame = frame;
	opt->path = optind < argc ? argv[optind] : "-";
	return fxs_dtmf_config_check(c);
}

static unsigned int le16(const unsigned char *p)
{
	return p[0] | p[1] << 8;
}

static unsigned long le32(const unsigned char *p)
{
	return le16(p) | (unsigned long)le16(p + 2) << 16;
}

static int wav_error(const char *path, const char *what)
{
	fprintf(stderr, "fxs-dtmf: '%s': %s (need 8000 Hz 16-bit mono PCM)\n",
		path, what);
	return -EINVAL;
}

/*
 * Consume a WAV header whose first 12 bytes are in @riff, up to the start
 * of the data chunk, whose size it stores in @data_size; checks the
 * format is 8 kHz 16-bit mono PCM.
 */
static int wav_skip_header(FILE *in, const char *path,
			   const unsigned char *riff,
			   unsigned long long *data_size)
{
	unsigned char head[8], fmt[16];
	unsigned long size;
	bool have_fmt = false;

	if (memcmp(riff + 8, "WAVE", 4))
		return wav_error(path, "RIFF file but not WAVE");
	for (;;) {
		if (fread(head, 1, 8, in) != 8)
			return wav_error(path, "no data chunk");
		size = le32(head + 4);
		if (!memcmp(head, "data", 4))
			break;
		if (!memcmp(head, "fmt ", 4)) {
			if (size < 16 || fread(fmt, 1, 16, in) != 16)
				return wav_error(path, "short fmt chunk");
			if (le16(fmt) != 1)
				return wav_error(path, "not PCM");
			if (le16(fmt + 2) != 1)
				return wav_error(path, "not mono");
			if (le32(fmt + 4) != RATE)
				return wav_error(path, "not 8000 Hz");
			if (le16(fmt + 14) != 16)
				return wav_error(path, "not 16-bit");
			have_fmt = true;
			size -= 16;
		}
		for (size += size & 1; size; size--)
			if (fgetc(in) == EOF)
				return wav_error(path, "truncated chunk");
	}
	if (!have_fmt)
		return wav_error(path, "data before fmt chunk");
	*data_size = size;
	return 0;
}

static void decode(struct decoder *dec, const s16 *pcm, unsigned int count)
{
	char digits[FRAME_MAX / FXS_DTMF_BLOCK_SAMPLES + 2];
	int n, i;

	n = fxs_dtmf_process(&dec->dtmf, pcm, count, digits, sizeof(digits));
	for (i = 0; i < n; i++) {
		if (dec->times)
			printf("%c %llu\n", digits[i],
			       (dec->samples + count) * 1000 / RATE);
		else
			putchar(digits[i]);
	}
	dec->samples += count;
	dec->found += n;
}

/*
 * Decode up to @limit bytes of the stream in frames; @pending holds bytes
 * already read from it (at most 12).
 */
static int decode_stream(struct decoder *dec, FILE *in, const char *path,
			 unsigned int frame, unsigned long long limit,
			 const unsigned char *pending, size_t pending_len)
{
	union {
		s16 pcm[FRAME_MAX];
		unsigned char bytes[FRAME_MAX * 2];
	} buf;
	size_t have, want;

	if (pending_len & 1)
		goto odd;
	/* a WAV stream has no pending bytes: pending is NULL, and memcpy()
	 * from NULL is undefined even for 0 bytes (found by cppcheck) */
	if (pending_len) {
		memcpy(buf.bytes, pending, pending_len);
		decode(dec, buf.pcm, pending_len / 2);
	}
	for (;;) {
		want = frame * 2;
		if (want > limit)
			want = limit;
		have = fread(buf.bytes, 1, want, in);
		limit -= have;
		if (have < want && ferror(in)) {
			fprintf(stderr, "fxs-dtmf: '%s': read error\n", path);
			return -EIO;
		}
		if (have & 1)
			goto odd;
		decode(dec, buf.pcm, have / 2);
		if (have < frame * 2)
			return 0;
	}
odd:
	fprintf(stderr, "fxs-dtmf: '%s': odd byte count, not 16-bit PCM\n",
		path);
	return -EINVAL;
}

static int run(const struct options *opt)
{
	struct decoder dec = { .times = opt->times };
	unsigned long long data_size;
	unsigned char riff[12];
	size_t got;
	FILE *in = stdin;
	int ret;

	if (strcmp(opt->path, "-")) {
		in = fopen(opt->path, "rb");
		if (!in) {
			fprintf(stderr, "fxs-dtmf: unable to open '%s': %m\n",
				opt->path);
			return -EIO;
		}
	}
	fxs_dtmf_init(&dec.dtmf, &opt->config);
	got = fread(riff, 1, sizeof(riff), in);
	if (got == sizeof(riff) && !memcmp(riff, "RIFF", 4)) {
		ret = wav_skip_header(in, opt->path, riff, &data_size);
		if (!ret)
			ret = decode_stream(&dec, in, opt->path, opt->frame,
					    data_size, NULL, 0);
	} else {
		ret = decode_stream(&dec, in, opt->path, opt->frame,
				    ULLONG_MAX, riff, got);
	}
	if (in != stdin)
		fclose(in);
	if (!ret && !opt->times)
		putchar('\n');
	return ret;
}

int main(int argc, char **argv)
{
	struct options opt = {
		.config = {
			.min_level_dbm0 = FXS_DTMF_DEFAULT_MIN_LEVEL_DBM0,
			.twist_normal_db = FXS_DTMF_DEFAULT_TWIST_NORMAL_DB,
			.twist_reverse_db = FXS_DTMF_DEFAULT_TWIST_REVERSE_DB,
		},
	};
	int ret;

	ret = parse_options(argc, argv, &opt);
	if (ret) {
		fprintf(stderr, "Try '%s --help'.\n", argv[0]);
		return EXIT_BAD_INPUT;
	}
	ret = run(&opt);
	if (ret == -EIO)
		return 1;
	return ret ? EXIT_BAD_INPUT : 0;
}
