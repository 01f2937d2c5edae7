// SPDX-License-Identifier: GPL-2.0
/*
 * check.c - the offline profile check behind `fxsctl check`: decrypt,
 * inflate, parse (with an optional alias map) and validate a profile file
 * without touching any store, listing every problem and unknown parameter.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "decode.h"
#include "fileio.h"
#include "param.h"
#include "profile.h"

static int check_entries(const struct profile *p, FILE *out)
{
	const struct param_def *d;
	char err[512];
	size_t i;
	int errors = 0;

	for (i = 0; i < p->count; i++) {
		d = param_find(p->entries[i].name);
		if (!d || !p->entries[i].value)
			continue;
		if (param_validate(d, p->entries[i].value, err, sizeof(err))) {
			fprintf(out, "error: %s\n", err);
			errors++;
		}
	}
	for (i = 0; i < p->unknown_count; i++)
		fprintf(out, "note: unknown parameter '%s' ignored\n",
			p->unknown[i]);
	for (i = 0; i < p->note_count; i++)
		fprintf(out, "note: %s\n", p->notes[i]);
	return errors;
}

int check_profile_buf(const unsigned char *buf, size_t len, const char *key,
		      const char *alias_map, FILE *out)
{
	unsigned char *xml;
	struct profile p;
	char err[512];
	size_t xml_len;
	int ret;

	ret = decode_profile(buf, len, key, &xml, &xml_len, err, sizeof(err));
	if (ret) {
		fprintf(out, "error: %s\n", err);
		return 1;
	}
	ret = profile_parse((const char *)xml, xml_len, alias_map, &p, err,
			    sizeof(err));
	free(xml);
	if (ret) {
		fprintf(out, "error: %s\n", err);
		return 1;
	}
	ret = check_entries(&p, out);
	fprintf(out, "%zu parameters, %zu unknown, %d error%s\n", p.count,
		p.unknown_count, ret, ret == 1 ? "" : "s");
	profile_free(&p);
	return ret;
}

int check_profile_file(const char *path, const char *key,
		       const char *alias_map, FILE *out)
{
	char *buf = NULL;
	size_t len = 0;
	int ret;

	ret = fileio_read_file(AT_FDCWD, path, DECODE_MAX_INPUT, &buf, &len);
	if (ret == -E2BIG) {
		fprintf(out, "error: '%s' is over the %u byte limit\n", path,
			DECODE_MAX_INPUT);
		return 1;
	}
	if (ret) {
		fprintf(out, "error: cannot read '%s': %s\n", path,
			strerror(-ret));
		return ret;
	}
	ret = check_profile_buf((unsigned char *)buf, len, key, alias_map, out);
	free(buf);
	return ret;
}
