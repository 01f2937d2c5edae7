// SPDX-License-Identifier: GPL-2.0
/*
 * fxs_clips.c - which prompt clips, in which order, a captured downlink
 * holds. usage: fxs-clips DIR PCM: DIR holds the clips NAME.s16, PCM the
 * capture (both 8 kHz s16le mono). Zero samples (the silence between
 * clips, and a clip's own leading and trailing silence) are skipped; each
 * other stretch must equal one clip's samples exactly, the longest that
 * fits winning. Prints one clip name a line, "?" for a stretch no clip
 * matches. Exits 0 when every stretch matched, 1 when one did not, 2 on
 * a usage or file error.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CLIPS_MAX 256
#define CLIP_NAME_MAX 64

struct pcm {
	int16_t *s;
	size_t n;
};

struct clip {
	char name[CLIP_NAME_MAX];
	struct pcm pcm;		/* without its leading and trailing zeros */
};

/* the whole file (a pipe too); 0 or -1 with the reason on stderr */
static int pcm_load(const char *path, struct pcm *pcm)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 0, got;
	int16_t *grown;

	if (!f) {
		fprintf(stderr, "fxs-clips: %s: %s\n", path, strerror(errno));
		return -1;
	}
	pcm->s = NULL;
	pcm->n = 0;
	do {
		if (pcm->n == cap) {
			cap = cap ? cap * 2 : 65536;
			grown = realloc(pcm->s, cap * 2);
			if (!grown) {
				fprintf(stderr, "fxs-clips: %s: out of memory\n",
					path);
				fclose(f);
				return -1;
			}
			pcm->s = grown;
		}
		got = fread(pcm->s + pcm->n, 2, cap - pcm->n, f);
		pcm->n += got;
	} while (got);
	if (ferror(f)) {
		fprintf(stderr, "fxs-clips: %s: read error\n", path);
		fclose(f);
		return -1;
	}
	fclose(f);
	return 0;
}

static void pcm_trim(struct pcm *pcm)
{
	size_t first = 0;

	while (first < pcm->n && !pcm->s[first])
		first++;
	while (pcm->n > first && !pcm->s[pcm->n - 1])
		pcm->n--;
	memmove(pcm->s, pcm->s + first, (pcm->n - first) * 2);
	pcm->n -= first;
}

/* every DIR/NAME.s16 with some sound in it; the count or -1 */
static int clips_load(const char *dir, struct clip *clips)
{
	char path[4096];
	struct dirent *de;
	DIR *d = opendir(dir);
	int n = 0;
	size_t len;

	if (!d) {
		fprintf(stderr, "fxs-clips: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) && n < CLIPS_MAX) {
		len = strlen(de->d_name);
		if (len <= 4 || len - 4 >= CLIP_NAME_MAX ||
		    strcmp(de->d_name + len - 4, ".s16"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (pcm_load(path, &clips[n].pcm)) {
			closedir(d);
			return -1;
		}
		pcm_trim(&clips[n].pcm);
		if (!clips[n].pcm.n)
			continue;
		memcpy(clips[n].name, de->d_name, len - 4);
		clips[n].name[len - 4] = '\0';
		n++;
	}
	closedir(d);
	return n;
}

/* the longest clip whose samples start at sample at, or NULL */
static const struct clip *clip_at(const struct clip *clips, int nclips,
				  const struct pcm *cap, size_t at)
{
	const struct clip *best = NULL;
	int i;

	for (i = 0; i < nclips; i++) {
		const struct pcm *c = &clips[i].pcm;

		if (c->n > cap->n - at || (best && c->n <= best->pcm.n))
			continue;
		if (!memcmp(c->s, cap->s + at, c->n * 2))
			best = &clips[i];
	}
	return best;
}

int main(int argc, char **argv)
{
	static struct clip clips[CLIPS_MAX];
	const struct clip *c;
	struct pcm cap;
	int nclips, unmatched = 0, in_unknown = 0;
	size_t at = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: fxs-clips DIR PCM\n");
		return 2;
	}
	nclips = clips_load(argv[1], clips);
	if (nclips < 0 || pcm_load(argv[2], &cap))
		return 2;
	while (at < cap.n) {
		if (!cap.s[at]) {
			at++;
			continue;
		}
		c = clip_at(clips, nclips, &cap, at);
		if (c) {
			printf("%s\n", c->name);
			at += c->pcm.n;
			in_unknown = 0;
			continue;
		}
		if (!in_unknown)
			printf("?\n");
		in_unknown = 1;
		unmatched = 1;
		at++;
	}
	return unmatched;
}
