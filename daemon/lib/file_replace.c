// SPDX-License-Identifier: GPL-2.0
/*
 * file_replace.c - crash-safe file replacement: write PATH.tmp, fsync, rename
 * over PATH, fsync the directory.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

static int sync_dir(const char *path)
{
	char *copy = strdup(path);
	int fd, ret = 0;

	if (!copy)
		return -ENOMEM;
	fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(copy);
	if (fd < 0)
		return -errno;
	if (fsync(fd))
		ret = -errno;
	close(fd);
	return ret;
}

static int write_tmp(const char *tmp, mode_t mode, file_fill_fn fill,
		     void *arg, char *err, size_t errlen)
{
	FILE *f;
	int fd, ret;

	/* never through a link or into a file someone else left there: a
	 * stale temp file (a crash) is removed and made afresh */
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		  mode);
	if (fd < 0 && errno == EEXIST && !unlink(tmp))
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
			  O_CLOEXEC, mode);
	if (fd < 0) {
		ret = -errno;
		snprintf(err, errlen, "open %s: %s", tmp, strerror(errno));
		return ret;
	}
	f = fdopen(fd, "w");
	if (!f) {
		ret = -errno;
		close(fd);
		snprintf(err, errlen, "open %s: %s", tmp, strerror(-ret));
		return ret;
	}
	ret = fill(f, arg);
	if (!ret && fflush(f))
		ret = -errno;
	if (!ret && fsync(fd))
		ret = -errno;
	if (fclose(f) && !ret)
		ret = -errno;
	if (ret)
		snprintf(err, errlen, "write %s: %s", tmp, strerror(-ret));
	return ret;
}

int file_replace(const char *path, mode_t mode, file_fill_fn fill,
		 void *arg, char *err, size_t errlen)
{
	char *tmp;
	int ret;

	if (asprintf(&tmp, "%s.tmp", path) < 0) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	ret = write_tmp(tmp, mode, fill, arg, err, errlen);
	if (!ret && rename(tmp, path)) {
		ret = -errno;
		snprintf(err, errlen, "rename %s to %s: %s", tmp, path,
			 strerror(errno));
	}
	if (ret)
		unlink(tmp);
	free(tmp);
	if (ret)
		return ret;
	ret = sync_dir(path);
	if (ret)
		snprintf(err, errlen, "fsync directory of %s: %s", path,
			 strerror(-ret));
	return ret;
}
