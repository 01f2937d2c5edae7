// SPDX-License-Identifier: GPL-2.0
/* util.c: the daemon unit tests' shared fixtures (see util.h). */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>

#include "fileio.h"
#include "store.h"
#include "util.h"

int util_tmpdir(char *dir, const char *tag)
{
	if (snprintf(dir, UTIL_DIR_MAX, "/tmp/%s.XXXXXX", tag) >= UTIL_DIR_MAX)
		return -ENAMETOOLONG;
	return mkdtemp(dir) ? 0 : -errno;
}

static int util_rm_one(const char *path, const struct stat *sb, int type,
		       struct FTW *ftw)
{
	(void)sb;
	(void)type;
	(void)ftw;
	remove(path);
	return 0;
}

void util_rmtree(const char *dir)
{
	if (dir && dir[0])
		nftw(dir, util_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

int util_store_new(const char *dir, struct store **st)
{
	char root[UTIL_DIR_MAX + 16];

	snprintf(root, sizeof(root), "%s/params", dir);
	return store_open(root, st);
}

int util_put_file(const char *dir, const char *rel, const char *text)
{
	char path[512];

	if (snprintf(path, sizeof(path), "%s/%s", dir, rel) >=
	    (int)sizeof(path))
		return -ENAMETOOLONG;
	return fileio_attr_write(AT_FDCWD, path, text, strlen(text),
				 O_CREAT | O_TRUNC);
}

int util_sh(const char *dir, const char *sh)
{
	char cmd[1024];

	if (snprintf(cmd, sizeof(cmd), "cd %s && (%s) 2>/dev/null", dir, sh) >=
	    (int)sizeof(cmd))
		return -ENAMETOOLONG;
	return system(cmd);
}

int util_slurp(const char *dir, const char *rel, char *buf, size_t len)
{
	char path[512];
	size_t n;
	char *all;
	int ret;

	if (!len)
		return -E2BIG;
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	ret = fileio_read_file(AT_FDCWD, path, len - 1, &all, &n);
	if (ret)
		return ret;
	memcpy(buf, all, n + 1);
	free(all);
	return 0;
}

char *util_slurp_alloc(const char *path, size_t *len)
{
	size_t n;
	char *all;

	if (fileio_read_file(AT_FDCWD, path, 64u << 20, &all, &n))
		return NULL;
	if (len)
		*len = n;
	return all;
}

int util_fake_line(const char *lines, const char *name)
{
	static const char *const attrs[] = {
		"ring_frequency", "ring_voltage", "ring_cadence", "tone_dial",
		"tone_busy", "tone_ringback", "tone_reorder", "tone_confirm",
		"flash_min_ms", "flash_max_ms", "input_gain_db", "output_gain_db",
		"cpc_delay_ms", "cpc_duration_ms", "idle_polarity",
		"caller_conn_polarity", "callee_conn_polarity",
	};
	char path[UTIL_DIR_MAX + 64], rel[64];
	size_t i;
	int ret;

	if (mkdir(lines, 0755) && errno != EEXIST)
		return -errno;
	snprintf(path, sizeof(path), "%s/%s", lines, name);
	if (mkdir(path, 0755))
		return -errno;
	for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
		snprintf(rel, sizeof(rel), "%s/%s", name, attrs[i]);
		ret = util_put_file(lines, rel, "");
		if (ret)
			return ret;
	}
	return 0;
}

int util_count_lines(const char *path, const char *needle)
{
	char buf[1024];
	FILE *f = fopen(path, "r");
	int n = 0;

	if (!f)
		return -1;
	while (fgets(buf, sizeof(buf), f))
		n += strstr(buf, needle) != NULL;
	fclose(f);
	return n;
}

int util_log_to_file(const char *path, const char *ident, FILE **harness_err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd < 0)
		return -errno;
	if (!*harness_err)
		*harness_err = fdopen(dup(2), "w");
	if (!*harness_err || dup2(fd, 2) != 2) {
		close(fd);
		return -EIO;
	}
	setvbuf(*harness_err, NULL, _IONBF, 0);
	close(fd);
	openlog(ident, LOG_PERROR, LOG_USER);
	return 0;
}
