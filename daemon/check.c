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
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "decode.h"
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

static int read_limited(const char *path, unsigned char **out, size_t *len)
{
	unsigned char *buf;
	size_t cap = DECODE_MAX_INPUT + 1, n = 0;
	ssize_t r;
	int fd, ret = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	buf = malloc(cap);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	while (n < cap) {
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			ret = -errno;
			break;
		}
		if (!r)
			break;
		n += r;
	}
	close(fd);
	if (ret) {
		free(buf);
		return ret;
	}
	*out = buf;
	*len = n;
	return 0;
}

int check_profile_file(const char *path, const char *key,
		       const char *alias_map, FILE *out)
{
	unsigned char *buf = NULL;
	size_t len = 0;
	int ret;

	ret = read_limited(path, &buf, &len);
	if (ret) {
		fprintf(out, "error: cannot read '%s': %s\n", path,
			strerror(-ret));
		return ret;
	}
	ret = check_profile_buf(buf, len, key, alias_map, out);
	free(buf);
	return ret;
}
