// SPDX-License-Identifier: GPL-2.0
/*
 * fileio.h: the small file I/O every module needs, written once: reading
 * a whole file or stream with a size limit, and reading or storing one
 * attribute (a configfs or store file) in a single read() or write().
 */
#ifndef FXSD_FILEIO_H
#define FXSD_FILEIO_H

#include <stddef.h>

/*
 * Reads fd to its end into *out (malloc'd, NUL-terminated; *len bytes
 * without the NUL). 0, -E2BIG when there is more than max bytes, or
 * -errno. EINTR is retried.
 */
int fileio_read_fd(int fd, size_t max, char **out, size_t *len);
/* same for the file at path (opened relative to dirfd, AT_FDCWD: cwd) */
int fileio_read_file(int dirfd, const char *path, size_t max, char **out,
		     size_t *len);

/*
 * Reads the attribute at path (relative to dirfd) into buf, which must
 * hold the whole content plus a NUL: a trailing newline is stripped.
 * 0, -ENAMETOOLONG when it does not fit, or -errno.
 */
int fileio_attr_read(int dirfd, const char *path, char *buf, size_t len);

/*
 * Stores len bytes at path (relative to dirfd) in one write(), as
 * `echo >` does on sysfs and configfs; oflags adds O_CREAT, O_TRUNC,
 * and so on to O_WRONLY (mode 0644 for a new file). 0, -EIO on a short
 * write, or -errno.
 */
int fileio_attr_write(int dirfd, const char *path, const char *buf,
		      size_t len, int oflags);

#define FILEIO_LEN_UNKNOWN ((size_t)-1)

/* statfs() f_type of configfs (not in the uapi headers) */
#define FILEIO_CONFIGFS_MAGIC 0x62656570

/*
 * Replaces the content of the plain file at path (created if missing)
 * with len bytes: written in place from the start, then cut to len when
 * it held more (old_len, its known length, or FILEIO_LEN_UNKNOWN). Unlike
 * O_TRUNC this never empties the file, which would make ext4 flush it at
 * close. 0, -EIO on a short write, or -errno.
 */
int fileio_file_overwrite(int dirfd, const char *path, const char *buf,
			  size_t len, size_t old_len);

#endif /* FXSD_FILEIO_H */
