// SPDX-License-Identifier: GPL-2.0
/*
 * store_sync.c - the sync record STATE.sync (see store_sync.h): one line
 * naming the boot, the store root and the state file by identity, compared
 * whole against the same line made afresh. A store on configfs never gets
 * one: its attributes are the kernel's, open to other writers.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "fileio.h"
#include "store_sync.h"

#define STORE_SYNC_BOOT_ID "/proc/sys/kernel/random/boot_id"
#define STORE_SYNC_LINE_MAX 256

static int store_sync_path(const char *state_path, char *buf, size_t len)
{
	if (snprintf(buf, len, "%s.sync", state_path) >= (int)len)
		return -ENAMETOOLONG;
	return 0;
}

/* the record's line for the boot, root and state file as they are now */
static int store_sync_line(const char *state_path, const char *root,
			   char *buf, size_t len)
{
	char boot[64];
	struct statfs fs;
	struct stat r, s;
	int ret;

	ret = fileio_attr_read(AT_FDCWD, STORE_SYNC_BOOT_ID, boot,
			       sizeof(boot));
	if (ret)
		return ret;
	if (stat(root, &r) || stat(state_path, &s) || statfs(root, &fs))
		return -errno;
	if (!S_ISDIR(r.st_mode) || !S_ISREG(s.st_mode))
		return -ENOTDIR;
	/* configfs params/ is the kernel's: anyone may write it */
	if (fs.f_type == FILEIO_CONFIGFS_MAGIC)
		return -EOPNOTSUPP;
	ret = snprintf(buf, len,
		       "fxsd-store-sync 1 boot %s root %llu:%llu:%lld.%09ld state %llu:%llu:%lld:%lld.%09ld\n",
		       boot, (unsigned long long)r.st_dev,
		       (unsigned long long)r.st_ino, (long long)r.st_ctim.tv_sec,
		       r.st_ctim.tv_nsec, (unsigned long long)s.st_dev,
		       (unsigned long long)s.st_ino, (long long)s.st_size,
		       (long long)s.st_mtim.tv_sec, s.st_mtim.tv_nsec);
	return ret < (int)len ? 0 : -ENAMETOOLONG;
}

bool store_sync_matches(const char *state_path, const char *root)
{
	char path[PATH_MAX], want[STORE_SYNC_LINE_MAX];
	char *have = NULL;
	size_t len;
	bool same;

	if (store_sync_path(state_path, path, sizeof(path)) ||
	    store_sync_line(state_path, root, want, sizeof(want)) ||
	    fileio_read_file(AT_FDCWD, path, STORE_SYNC_LINE_MAX, &have, &len))
		return false;
	same = !strcmp(have, want);
	free(have);
	return same;
}

int store_sync_mark(const char *state_path, const char *root)
{
	char path[PATH_MAX], line[STORE_SYNC_LINE_MAX];
	int ret;

	ret = store_sync_path(state_path, path, sizeof(path));
	if (!ret)
		ret = store_sync_line(state_path, root, line, sizeof(line));
	if (!ret)
		ret = fileio_file_overwrite(AT_FDCWD, path, line,
					    strlen(line), FILEIO_LEN_UNKNOWN);
	if (ret)
		unlink(path);
	return ret;
}

int store_sync_clear(const char *state_path)
{
	char path[PATH_MAX];
	int ret = store_sync_path(state_path, path, sizeof(path));

	if (ret)
		return ret;
	return unlink(path) && errno != ENOENT ? -errno : 0;
}
