// SPDX-License-Identifier: GPL-2.0
/*
 * fileio.c: whole-file reads with a size limit, and one-syscall attribute
 * reads and writes, for the store, the state file, the line settings, the
 * control socket and the tools.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "fileio.h"

int fileio_read_fd(int fd, size_t max, char **out, size_t *len)
{
	size_t n = 0, cap = 4096;
	char *buf = NULL, *nb;
	ssize_t r;

	for (;;) {
		if (!buf || n + 1 >= cap) {
			if (buf)
				cap *= 2;
			nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				return -ENOMEM;
			}
			buf = nb;
		}
		r = read(fd, buf + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			r = -errno;
			free(buf);
			return (int)r;
		}
		if (!r)
			break;
		n += (size_t)r;
		if (n > max) {
			free(buf);
			return -E2BIG;
		}
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

int fileio_read_file(int dirfd, const char *path, size_t max, char **out,
		     size_t *len)
{
	int fd, ret;

	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = fileio_read_fd(fd, max, out, len);
	close(fd);
	return ret;
}

int fileio_attr_read(int dirfd, const char *path, char *buf, size_t len)
{
	ssize_t n;
	char extra;
	int fd;

	if (!len)
		return -ENAMETOOLONG;
	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len);
	/* a full buffer is fine only if the file ends there in the newline */
	if (n > 0 && (size_t)n == len &&
	    (buf[n - 1] != '\n' || read(fd, &extra, 1) != 0))
		n = -ENAMETOOLONG;
	else if (n < 0)
		n = -errno;
	close(fd);
	if (n < 0)
		return (int)n;
	if (n > 0 && buf[n - 1] == '\n')
		n--;
	buf[n] = '\0';
	return 0;
}

/* one write() of buf at the start of path; then, when the file held more
 * than len bytes (old_len), cut it to len (a plain file overwritten in
 * place) */
static int fileio_store(int dirfd, const char *path, const char *buf,
			size_t len, int oflags, size_t old_len)
{
	ssize_t n;
	int fd, ret = 0;

	fd = openat(dirfd, path, O_WRONLY | O_CLOEXEC | oflags, 0644);
	if (fd < 0)
		return -errno;
	n = write(fd, buf, len);
	if (n < 0)
		ret = -errno;
	else if ((size_t)n != len)
		ret = -EIO;
	if (!ret && old_len > len && ftruncate(fd, (off_t)len))
		ret = -errno;
	if (close(fd) && !ret)
		ret = -errno;
	return ret;
}

int fileio_attr_write(int dirfd, const char *path, const char *buf,
		      size_t len, int oflags)
{
	return fileio_store(dirfd, path, buf, len, oflags, 0);
}

int fileio_file_overwrite(int dirfd, const char *path, const char *buf,
			  size_t len, size_t old_len)
{
	return fileio_store(dirfd, path, buf, len, O_CREAT, old_len);
}
