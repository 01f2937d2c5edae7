// SPDX-License-Identifier: GPL-2.0
/*
 * state.c - the store persisted as a flat-profile XML state file, and that
 * file read back as a parameter set. The file is written to "<path>.tmp",
 * fsynced, renamed over the old one and the directory fsynced
 * (file_replace.c), so a crash at any point leaves the old or the new
 * complete file.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "internal.h"
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

static int state_write_xml(FILE *f, void *arg)
{
	const struct store *st = arg;
	const struct param_def *p;
	size_t i;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<!-- fxsd state: the whole parameter store -->\n"
	      "<flat-profile>\n", f);
	for (i = 0; i < param_count(); i++) {
		p = param_at(i);
		fprintf(f, "  <%s ua=\"%s\">", param_name(p),
			param_access_name(store_access(st, p)));
		put_escaped(f, store_value(st, p));
		fprintf(f, "</%s>\n", param_name(p));
	}
	fputs("</flat-profile>\n", f);
	return ferror(f) ? -EIO : 0;
}

/* the state file as it was goes to PATH.bak (a hard link, no copy): the
 * fallback when PATH ever does not load */
static void state_keep_previous(const char *path)
{
	char bak[PATH_MAX], tmp[PATH_MAX + 8];

	if (snprintf(bak, sizeof(bak), "%s.bak", path) >= (int)sizeof(bak))
		return;
	snprintf(tmp, sizeof(tmp), "%s.tmp", bak);
	unlink(tmp);
	if (!link(path, tmp) && rename(tmp, bak))
		unlink(tmp);
}

int state_save(struct store *st, const char *state_path, char *err,
	       size_t errlen)
{
	char why[512];
	int ret;

	state_keep_previous(state_path);
	ret = file_replace(state_path, 0600, state_write_xml, st, why,
			   sizeof(why));
	if (ret)
		snprintf(err, errlen, "state: %s", why);
	return ret;
}

int state_read(const char *state_path, struct profile *out, char *err,
	       size_t errlen)
{
	char msg[256];
	char *buf = NULL;
	size_t len = 0;
	int ret;

	memset(out, 0, sizeof(*out));
	ret = fileio_read_file(AT_FDCWD, state_path, PROFILE_MAX_INPUT, &buf,
			       &len);
	if (ret == -ENOENT)
		return ret;
	if (ret) {
		snprintf(err, errlen, "state file %s: %s", state_path,
			 strerror(-ret));
		return ret;
	}
	ret = profile_parse_flags(buf, len, NULL, PROFILE_EXACT, out, msg,
				  sizeof(msg));
	free(buf);
	if (ret)
		snprintf(err, errlen, "state file %s: %s", state_path, msg);
	return ret;
}
