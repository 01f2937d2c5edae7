// SPDX-License-Identifier: GPL-2.0
/*
 * state.c - persist the store as a flat-profile XML state file and restore
 * it. The file is written to "<path>.tmp", fsynced, renamed over the old one
 * and the directory fsynced, so a crash at any point leaves the old or the
 * new complete file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "param.h"
#include "profile.h"
#include "state.h"
#include "store.h"

static void put_escaped(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '\r':
			fputs("&#13;", f);
			break;
		default:
			fputc(*s, f);
		}
	}
}

static int write_xml(struct store *st, FILE *f)
{
	char *val = malloc(PARAM_VALUE_MAX);
	enum param_access a;
	const char *name;
	size_t i;
	int ret = 0;

	if (!val)
		return -ENOMEM;
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<!-- fxsd state: the whole parameter store -->\n"
	      "<flat-profile>\n", f);
	for (i = 0; i < param_count() && !ret; i++) {
		name = param_name(param_at(i));
		ret = store_get(st, name, val, PARAM_VALUE_MAX);
		if (!ret)
			ret = store_get_access(st, name, &a);
		if (ret)
			break;
		fprintf(f, "  <%s ua=\"%s\">", name, param_access_name(a));
		put_escaped(f, val);
		fprintf(f, "</%s>\n", name);
	}
	fputs("</flat-profile>\n", f);
	free(val);
	return ret;
}

static int fill_xml(FILE *f, void *st)
{
	return write_xml(st, f);
}

int state_save(struct store *st, const char *state_path, char *err,
	       size_t errlen)
{
	char why[512];
	int ret;

	ret = atomic_write(state_path, 0600, fill_xml, st, why, sizeof(why));
	if (ret)
		snprintf(err, errlen, "state: %s", why);
	return ret;
}

static int read_file(const char *path, char **out, size_t *len)
{
	struct stat sb;
	char *buf;
	ssize_t n;
	int fd, ret = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &sb)) {
		ret = -errno;
		goto out_close;
	}
	if (sb.st_size > PROFILE_MAX_INPUT) {
		ret = -E2BIG;
		goto out_close;
	}
	buf = malloc(sb.st_size + 1);
	if (!buf) {
		ret = -ENOMEM;
		goto out_close;
	}
	n = read(fd, buf, sb.st_size);
	if (n < 0) {
		ret = -errno;
		free(buf);
		goto out_close;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
out_close:
	close(fd);
	return ret;
}

int state_load(struct store *st, const char *state_path, char *err,
	       size_t errlen)
{
	struct profile p;
	char msg[256];
	char *buf = NULL;
	size_t len = 0;
	int ret;

	ret = read_file(state_path, &buf, &len);
	if (ret == -ENOENT)
		return 0;
	if (ret) {
		snprintf(err, errlen, "state file %s: %s", state_path,
			 strerror(-ret));
		return ret;
	}
	ret = profile_parse(buf, len, NULL, &p, msg, sizeof(msg));
	free(buf);
	if (ret) {
		snprintf(err, errlen, "state file %s: %s", state_path, msg);
		return ret;
	}
	ret = store_apply_profile(st, &p, NULL, msg, sizeof(msg));
	if (ret)
		snprintf(err, errlen, "state file %s: %s", state_path, msg);
	profile_free(&p);
	return ret;
}
