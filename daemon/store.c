// SPDX-License-Identifier: GPL-2.0
/*
 * store.c - the parameter store on a directory tree laid out like configfs
 * /sys/kernel/config/fxs/params: NAME/value and NAME/access. Each value is
 * written in one write() with a trailing newline, as `echo` would.
 */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "profile.h"
#include "state.h"
#include "store.h"

struct store {
	char *root;
	int dirfd;
};

static int mkdir_p(const char *path)
{
	char buf[4096], *p;

	if (strlen(path) >= sizeof(buf))
		return -ENAMETOOLONG;
	strcpy(buf, path);
	for (p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	if (mkdir(buf, 0755) && errno != EEXIST)
		return -errno;
	return 0;
}

static int write_attr(struct store *st, const char *name, const char *attr,
		      const char *value)
{
	char path[PARAM_NAME_MAX + 16];
	size_t len = strlen(value);
	char *buf;
	ssize_t n;
	int fd, ret = 0;

	snprintf(path, sizeof(path), "%s/%s", name, attr);
	buf = malloc(len + 2);
	if (!buf)
		return -ENOMEM;
	memcpy(buf, value, len);
	buf[len] = '\n';
	fd = openat(st->dirfd, path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
		    0644);
	if (fd < 0) {
		free(buf);
		return -errno;
	}
	n = write(fd, buf, len + 1);
	if (n < 0)
		ret = -errno;
	else if ((size_t)n != len + 1)
		ret = -EIO;
	if (close(fd) && !ret)
		ret = -errno;
	free(buf);
	return ret;
}

static int read_attr(struct store *st, const char *name, const char *attr,
		     char *buf, size_t len)
{
	char path[PARAM_NAME_MAX + 16];
	ssize_t n;
	char extra;
	int fd;

	if (!len)
		return -ENAMETOOLONG;
	snprintf(path, sizeof(path), "%s/%s", name, attr);
	fd = openat(st->dirfd, path, O_RDONLY | O_CLOEXEC);
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
		return n;
	if (n > 0 && buf[n - 1] == '\n')
		n--;
	buf[n] = '\0';
	return 0;
}

static bool value_ok(struct store *st, const struct param_def *p)
{
	char *buf = malloc(PARAM_VALUE_MAX + 2);
	char err[256];
	bool ok;

	if (!buf)
		return true;	/* cannot tell; leave it */
	ok = !read_attr(st, param_name(p), "value", buf, PARAM_VALUE_MAX + 2) &&
	     !param_validate(p, buf, err, sizeof(err));
	free(buf);
	return ok;
}

static bool access_ok(struct store *st, const struct param_def *p)
{
	enum param_access a;
	char buf[16];

	return !read_attr(st, param_name(p), "access", buf, sizeof(buf)) &&
	       !param_access_parse(buf, &a);
}

/*
 * Makes NAME/ with its default value and access when missing, and repairs
 * an entry a crash left half written (an empty or invalid value or access
 * file) with the defaults: the state file, restored next, holds the real
 * values.
 */
static int create_param(struct store *st, const struct param_def *p)
{
	const char *name = param_name(p);
	int made, ret;

	made = !mkdirat(st->dirfd, name, 0755);
	if (!made && errno != EEXIST)
		return -errno;
	if (made || !value_ok(st, p)) {
		ret = write_attr(st, name, "value", param_default(p));
		if (ret)
			return ret;
	}
	if (made || !access_ok(st, p))
		return write_attr(st, name, "access",
				  param_access_name(param_default_access(p)));
	return 0;
}

int store_open(const char *root, struct store **out)
{
	struct store *st;
	size_t i;
	int ret;

	*out = NULL;
	ret = mkdir_p(root);
	if (ret)
		return ret;
	st = calloc(1, sizeof(*st));
	if (!st)
		return -ENOMEM;
	st->root = strdup(root);
	st->dirfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (!st->root || st->dirfd < 0) {
		ret = st->root ? -errno : -ENOMEM;
		goto out_close;
	}
	for (i = 0; i < param_count(); i++) {
		ret = create_param(st, param_at(i));
		if (ret)
			goto out_close;
	}
	*out = st;
	return 0;

out_close:
	store_close(st);
	return ret;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	if (st->dirfd >= 0)
		close(st->dirfd);
	free(st->root);
	free(st);
}

const char *store_root(const struct store *st)
{
	return st->root;
}

int store_get(struct store *st, const char *name, char *buf, size_t len)
{
	if (!param_find(name))
		return -ENOENT;
	return read_attr(st, name, "value", buf, len);
}

static const struct param_def *lookup(const char *name, char *err,
				      size_t errlen)
{
	const struct param_def *p = param_find(name);

	if (!p)
		snprintf(err, errlen, "unknown parameter '%.64s'", name);
	return p;
}

int store_set(struct store *st, const char *name, const char *value,
	      char *err, size_t errlen)
{
	const struct param_def *p = lookup(name, err, errlen);
	int ret;

	if (!p)
		return -ENOENT;
	ret = param_validate(p, value, err, errlen);
	if (ret)
		return ret;
	ret = write_attr(st, name, "value", value);
	if (ret)
		snprintf(err, errlen, "%s: write %s/%s/value: %s", name,
			 st->root, name, strerror(-ret));
	return ret;
}

int store_get_access(struct store *st, const char *name,
		     enum param_access *out)
{
	char buf[16];
	int ret;

	if (!param_find(name))
		return -ENOENT;
	ret = read_attr(st, name, "access", buf, sizeof(buf));
	if (ret)
		return ret;
	return param_access_parse(buf, out);
}

int store_set_access(struct store *st, const char *name,
		     enum param_access a, char *err, size_t errlen)
{
	int ret;

	if (!lookup(name, err, errlen))
		return -ENOENT;
	if (a != PARAM_NA && a != PARAM_RO && a != PARAM_RW) {
		snprintf(err, errlen, "%s: bad access level %d", name, a);
		return -EINVAL;
	}
	ret = write_attr(st, name, "access", param_access_name(a));
	if (ret)
		snprintf(err, errlen, "%s: write %s/%s/access: %s", name,
			 st->root, name, strerror(-ret));
	return ret;
}

int store_reset_defaults(struct store *st, char *err, size_t errlen)
{
	const struct param_def *p;
	size_t i;
	int ret;

	for (i = 0; i < param_count(); i++) {
		p = param_at(i);
		ret = store_set(st, param_name(p), param_default(p), err,
				errlen);
		if (!ret)
			ret = store_set_access(st, param_name(p),
					       param_default_access(p), err,
					       errlen);
		if (ret)
			return ret;
	}
	return 0;
}

/* old value and access of one entry, for rollback */
struct saved {
	char *value;
	enum param_access access;
};

static int validate_all(const struct profile *p, char *err, size_t errlen)
{
	const struct param_def *d;
	size_t i;
	int ret;

	for (i = 0; i < p->count; i++) {
		d = param_find(p->entries[i].name);
		if (!d)
			continue;
		if (p->entries[i].value) {
			ret = param_validate(d, p->entries[i].value, err,
					     errlen);
			if (ret)
				return ret;
		}
		if (p->entries[i].access > PARAM_RW) {
			snprintf(err, errlen, "%s: bad access level %d",
				 p->entries[i].name, p->entries[i].access);
			return -EINVAL;
		}
	}
	return 0;
}

static int save_old(struct store *st, const struct profile *p,
		    struct saved *old)
{
	char *buf;
	size_t i;
	int ret;

	for (i = 0; i < p->count; i++) {
		if (!param_find(p->entries[i].name))
			continue;
		buf = malloc(PARAM_VALUE_MAX);
		if (!buf)
			return -ENOMEM;
		old[i].value = buf;
		ret = store_get(st, p->entries[i].name, buf, PARAM_VALUE_MAX);
		if (!ret)
			ret = store_get_access(st, p->entries[i].name,
					       &old[i].access);
		if (ret)
			return ret;
	}
	return 0;
}

static void restore_old(struct store *st, const struct profile *p,
			const struct saved *old, size_t upto)
{
	size_t i;

	for (i = 0; i < upto; i++) {
		if (!old[i].value)
			continue;
		write_attr(st, p->entries[i].name, "value", old[i].value);
		write_attr(st, p->entries[i].name, "access",
			   param_access_name(old[i].access));
	}
}

static int write_entry(struct store *st, const struct profile_entry *e)
{
	int ret = 0;

	if (e->value)
		ret = write_attr(st, e->name, "value", e->value);
	if (!ret && e->access >= 0)
		ret = write_attr(st, e->name, "access",
				 param_access_name(e->access));
	return ret;
}

static int write_all(struct store *st, const struct profile *p,
		     const struct saved *old, char *err, size_t errlen)
{
	size_t i;
	int ret;

	for (i = 0; i < p->count; i++) {
		if (!old[i].value)
			continue;
		ret = write_entry(st, &p->entries[i]);
		if (ret) {
			snprintf(err, errlen, "%s: write to %s failed: %s",
				 p->entries[i].name, st->root, strerror(-ret));
			restore_old(st, p, old, i + 1);
			return ret;
		}
	}
	return 0;
}

int store_apply_profile(struct store *st, const struct profile *p,
			const char *state_path, char *err, size_t errlen)
{
	struct saved *old;
	size_t i;
	int ret;

	ret = validate_all(p, err, errlen);
	if (ret)
		return ret;
	old = calloc(p->count + 1, sizeof(*old));
	if (!old) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	ret = save_old(st, p, old);
	if (ret) {
		snprintf(err, errlen, "reading the store %s: %s", st->root,
			 strerror(-ret));
		goto out_free;
	}
	ret = write_all(st, p, old, err, errlen);
	if (!ret && state_path) {
		ret = state_save(st, state_path, err, errlen);
		if (ret)
			restore_old(st, p, old, p->count);
	}
out_free:
	for (i = 0; i < p->count; i++)
		free(old[i].value);
	free(old);
	return ret;
}
