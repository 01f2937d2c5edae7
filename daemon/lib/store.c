// SPDX-License-Identifier: GPL-2.0
/*
 * store.c - the parameter store on a directory tree laid out like configfs
 * /sys/kernel/config/fxs/params: NAME/value and NAME/access. Each value is
 * written in one write() with a trailing newline, as `echo` would.
 *
 * fxsd is the store's only writer, so the store keeps what it holds in
 * memory: every entry is read once, at store_open(), and written only when
 * its value or access really changes. The length it holds is also the
 * file's, so a plain file is cut only when the new value is shorter.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "fileio.h"
#include "profile.h"
#include "store.h"

/* one table parameter as the store holds it */
struct store_entry {
	char *value;
	enum param_access access;
};

struct store {
	char *root;
	int dirfd;
	bool configfs;			/* a write replaces the whole value */
	struct store_entry *entries;	/* by param_index() */
	struct store_load_job *loading;	/* until store_open_finish() */
	void (*on_write)(void *arg);	/* once, before the next write */
	void *on_write_arg;
};

/* one changed entry: what it held before */
struct store_change {
	size_t index;
	char *old_value;	/* NULL: the value did not change */
	int old_access;		/* -1: the access did not change */
};

struct store_changes {
	struct store_change *c;
	size_t count;
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

void store_on_write(struct store *st, void (*fn)(void *arg), void *arg)
{
	st->on_write = fn;
	st->on_write_arg = arg;
}

/* every write to the store's files comes here first */
static void store_will_write(struct store *st)
{
	void (*fn)(void *arg) = st->on_write;

	st->on_write = NULL;
	if (fn)
		fn(st->on_write_arg);
}

/* Stores "value\n" in NAME/attr: configfs takes one write as the whole new
 * value; a plain file is overwritten in place (see fileio.h), old_len
 * the length it had (FILEIO_LEN_UNKNOWN when not known). */
static int store_write_attr(struct store *st, const char *name,
			    const char *attr, const char *value, size_t old_len)
{
	char path[PARAM_NAME_MAX + 16];
	size_t len = strlen(value);
	char *buf;
	int ret;

	store_will_write(st);
	snprintf(path, sizeof(path), "%s/%s", name, attr);
	buf = malloc(len + 2);
	if (!buf)
		return -ENOMEM;
	memcpy(buf, value, len);
	buf[len++] = '\n';
	if (st->configfs)
		ret = fileio_attr_write(st->dirfd, path, buf, len, O_CREAT);
	else
		ret = fileio_file_overwrite(st->dirfd, path, buf, len,
					    old_len);
	free(buf);
	return ret;
}

bool store_secret(const struct store *st, const struct param_def *p)
{
	return param_key_only(p) || store_access(st, p) == PARAM_NA;
}

/* a secret's value file is root-only (0600), the rest are 0644 */
static int store_set_mode(struct store *st, const struct param_def *p)
{
	char path[PARAM_NAME_MAX + 16];

	store_will_write(st);
	snprintf(path, sizeof(path), "%s/value", param_name(p));
	if (fchmodat(st->dirfd, path, store_secret(st, p) ? 0600 : 0644, 0))
		return -errno;
	return 0;
}

static int store_read_attr(struct store *st, const char *name,
			   const char *attr, char *buf, size_t len)
{
	char path[PARAM_NAME_MAX + 16];

	snprintf(path, sizeof(path), "%s/%s", name, attr);
	return fileio_attr_read(st->dirfd, path, buf, len);
}

/*
 * Loads NAME/ into the entry, making it with its default value and access
 * when missing, and repairing an entry a crash left half written (an
 * empty or invalid value or access file) with the defaults: the state
 * file, restored next, holds the real values.
 */
static int store_load_entry(struct store *st, const struct param_def *p,
			    char *buf)
{
	struct store_entry *e = &st->entries[param_index(p)];
	const char *name = param_name(p);
	char err[256], acc[16];
	bool made = false;
	int ret;

	ret = store_read_attr(st, name, "value", buf, PARAM_VALUE_MAX + 2);
	if (ret == -ENOENT) {
		made = !mkdirat(st->dirfd, name, 0755);
		if (!made && errno != EEXIST)
			return -errno;
	}
	if (ret || param_validate(p, buf, err, sizeof(err))) {
		snprintf(buf, PARAM_VALUE_MAX + 2, "%s", param_default(p));
		ret = store_write_attr(st, name, "value", buf,
				       FILEIO_LEN_UNKNOWN);
		if (ret)
			return ret;
	}
	/* a new configfs item comes with the kernel's "rw": the table's
	 * default access (na for a password) replaces it */
	if (made || store_read_attr(st, name, "access", acc, sizeof(acc)) ||
	    param_access_parse(acc, &e->access)) {
		e->access = param_default_access(p);
		ret = store_write_attr(st, name, "access",
				       param_access_name(e->access),
				       FILEIO_LEN_UNKNOWN);
		if (ret)
			return ret;
	}
	e->value = strdup(buf);
	if (!e->value)
		return -ENOMEM;
	/* whatever made the file, a secret is root-only from here on */
	return store_secret(st, p) ? store_set_mode(st, p) : 0;
}

/*
 * The entries are read on up to STORE_LOAD_THREADS threads (the online
 * CPUs): nearly all of a start is the kernel opening and reading
 * two small files per parameter, which runs in parallel. Each thread
 * claims a run of table indexes at a time and touches only those entries.
 */
#define STORE_LOAD_THREADS	4
#define STORE_LOAD_RUN		16	/* indexes a thread claims at once */
#define STORE_LOAD_MIN_PER_THREAD 64	/* fewer entries: not worth a thread */

struct store_load_job {
	struct store *st;
	atomic_size_t next;	/* first index not yet claimed */
	atomic_int error;	/* the first failure, 0 while none */
	pthread_t thread[STORE_LOAD_THREADS];
	size_t started;		/* threads running store_load_worker() */
};

static void *store_load_worker(void *arg)
{
	struct store_load_job *job = arg;
	char *buf = malloc(PARAM_VALUE_MAX + 2);
	size_t i, end;
	int ret;

	if (!buf) {
		atomic_store(&job->error, -ENOMEM);
		return NULL;
	}
	while (!atomic_load(&job->error)) {
		i = atomic_fetch_add(&job->next, STORE_LOAD_RUN);
		if (i >= param_count())
			break;
		end = i + STORE_LOAD_RUN < param_count() ?
		      i + STORE_LOAD_RUN : param_count();
		for (; i < end; i++) {
			ret = store_load_entry(job->st, param_at(i), buf);
			if (ret) {
				atomic_store(&job->error, ret);
				break;
			}
		}
	}
	free(buf);
	return NULL;
}

static size_t store_load_threads(void)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t n = param_count() / STORE_LOAD_MIN_PER_THREAD;

	if (cpus < 1)
		cpus = 1;
	if (n > (size_t)cpus)
		n = (size_t)cpus;
	if (n > STORE_LOAD_THREADS)
		n = STORE_LOAD_THREADS;
	return n ? n : 1;
}

/* starts the loaders; one that cannot start leaves its share to the rest,
 * and to the thread that calls store_open_finish() */
static int store_load_start(struct store *st)
{
	struct store_load_job *job = calloc(1, sizeof(*job));
	size_t want = store_load_threads();

	if (!job)
		return -ENOMEM;
	job->st = st;
	while (job->started < want &&
	       !pthread_create(&job->thread[job->started], NULL,
			       store_load_worker, job))
		job->started++;
	st->loading = job;
	return 0;
}

int store_open_finish(struct store *st)
{
	struct store_load_job *job = st->loading;
	size_t i;
	int ret;

	if (!job)
		return 0;
	store_load_worker(job);
	for (i = 0; i < job->started; i++)
		pthread_join(job->thread[i], NULL);
	ret = atomic_load(&job->error);
	st->loading = NULL;
	free(job);
	return ret;
}

/* a store on the directory root, its entries still empty */
static int store_new(const char *root, struct store **out)
{
	struct statfs sfs;
	struct store *st;
	int ret;

	*out = NULL;
	st = calloc(1, sizeof(*st));
	if (!st)
		return -ENOMEM;
	st->root = strdup(root);
	st->entries = calloc(param_count(), sizeof(*st->entries));
	st->dirfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (!st->root || !st->entries || st->dirfd < 0) {
		ret = st->dirfd < 0 ? -errno : -ENOMEM;
		store_close(st);
		return ret;
	}
	st->configfs = !fstatfs(st->dirfd, &sfs) &&
		       sfs.f_type == FILEIO_CONFIGFS_MAGIC;
	*out = st;
	return 0;
}

int store_open_start(const char *root, struct store **out)
{
	struct store *st = NULL;
	int ret;

	*out = NULL;
	ret = mkdir_p(root);
	if (!ret)
		ret = store_new(root, &st);
	if (ret || !st)
		return ret ? ret : -ENOMEM;
	ret = store_load_start(st);
	if (ret) {
		store_close(st);
		return ret;
	}
	*out = st;
	return 0;
}

/* takes one entry of values into st; -ESTALE when it is not valid */
static int store_take_entry(struct store *st, const struct profile_entry *pe)
{
	const struct param_def *p = param_find(pe->name);
	struct store_entry *e;
	char err[256];
	char *copy;

	if (!p)
		return 0;
	if (!pe->value || pe->access < 0 || pe->access > PARAM_RW ||
	    param_validate(p, pe->value, err, sizeof(err)))
		return -ESTALE;
	copy = strdup(pe->value);
	if (!copy)
		return -ENOMEM;
	e = &st->entries[param_index(p)];
	free(e->value);
	e->value = copy;
	e->access = pe->access;
	return 0;
}

int store_open_from(const char *root, const struct profile *values,
		    struct store **out)
{
	struct store *st = NULL;
	size_t i;
	int ret;

	*out = NULL;
	ret = store_new(root, &st);
	if (ret || !st)
		return ret ? ret : -ENOMEM;
	for (i = 0; !ret && i < values->count; i++)
		ret = store_take_entry(st, &values->entries[i]);
	for (i = 0; !ret && i < param_count(); i++)
		if (!st->entries[i].value)
			ret = -ESTALE;
	if (ret) {
		store_close(st);
		return ret;
	}
	*out = st;
	return 0;
}

int store_open(const char *root, struct store **out)
{
	struct store *st = NULL;
	int ret = store_open_start(root, &st);

	*out = NULL;
	if (ret || !st)
		return ret ? ret : -ENOMEM;
	ret = store_open_finish(st);
	if (ret) {
		store_close(st);
		return ret;
	}
	*out = st;
	return 0;
}

void store_close(struct store *st)
{
	size_t i;

	if (!st)
		return;
	store_open_finish(st);
	if (st->dirfd >= 0)
		close(st->dirfd);
	for (i = 0; st->entries && i < param_count(); i++)
		free(st->entries[i].value);
	free(st->entries);
	free(st->root);
	free(st);
}

/* writes the entry held in memory into a directory that lacks it */
static int store_rebuild_entry(struct store *st, const struct param_def *p)
{
	const struct store_entry *e = &st->entries[param_index(p)];
	const char *name = param_name(p);
	int ret;

	store_will_write(st);
	if (mkdirat(st->dirfd, name, 0755) && errno != EEXIST)
		return -errno;
	ret = store_write_attr(st, name, "value", e->value,
			       FILEIO_LEN_UNKNOWN);
	if (!ret)
		ret = store_write_attr(st, name, "access",
				       param_access_name(e->access),
				       FILEIO_LEN_UNKNOWN);
	if (!ret)
		ret = store_set_mode(st, p);
	return ret;
}

static bool store_same_dir(int a, int b)
{
	struct stat sa, sb;

	return !fstat(a, &sa) && !fstat(b, &sb) && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

int store_reattach(struct store *st, char *err, size_t errlen)
{
	int old = st->dirfd, fd, ret = 0;
	struct statfs sfs;
	bool configfs;
	size_t i;

	fd = open(st->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : -errno;
	if (store_same_dir(fd, old)) {
		close(fd);
		return 0;
	}
	configfs = st->configfs;
	st->dirfd = fd;
	st->configfs = !fstatfs(fd, &sfs) &&
		       sfs.f_type == FILEIO_CONFIGFS_MAGIC;
	for (i = 0; !ret && i < param_count(); i++)
		ret = store_rebuild_entry(st, param_at(i));
	if (ret) {
		snprintf(err, errlen, "rebuild %s/%s: %s", st->root,
			 param_name(param_at(i - 1)), strerror(-ret));
		st->dirfd = old;
		st->configfs = configfs;
		close(fd);
		return ret;
	}
	close(old);
	return 1;
}

const char *store_root(const struct store *st)
{
	return st->root;
}

const char *store_value(const struct store *st, const struct param_def *p)
{
	return st->entries[param_index(p)].value;
}

enum param_access store_access(const struct store *st,
			       const struct param_def *p)
{
	return st->entries[param_index(p)].access;
}

int store_get(struct store *st, const char *name, char *buf, size_t len)
{
	const struct param_def *p = param_find(name);
	const char *v;
	size_t n;

	if (!p)
		return -ENOENT;
	v = store_value(st, p);
	n = strlen(v);
	if (n >= len)
		return -ENAMETOOLONG;
	memcpy(buf, v, n + 1);
	return 0;
}

int store_get_access(struct store *st, const char *name,
		     enum param_access *out)
{
	const struct param_def *p = param_find(name);

	if (!p)
		return -ENOENT;
	*out = store_access(st, p);
	return 0;
}

static const struct param_def *store_lookup(const char *name, char *err,
					    size_t errlen)
{
	const struct param_def *p = param_find(name);

	if (!p)
		snprintf(err, errlen, "unknown parameter '%.64s'", name);
	return p;
}

/* writes a new value into the store and the entry; old value kept by the
 * caller */
static int store_put_value(struct store *st, const struct param_def *p,
			   const char *value)
{
	struct store_entry *e = &st->entries[param_index(p)];
	char *copy = strdup(value);
	int ret;

	if (!copy)
		return -ENOMEM;
	ret = store_write_attr(st, param_name(p), "value", value,
			       strlen(e->value) + 1);
	if (ret) {
		free(copy);
		return ret;
	}
	free(e->value);
	e->value = copy;
	return 0;
}

static int store_put_access(struct store *st, const struct param_def *p,
			    enum param_access a)
{
	enum param_access was = store_access(st, p);
	int ret;

	ret = store_write_attr(st, param_name(p), "access",
			       param_access_name(a),
			       strlen(param_access_name(was)) + 1);
	if (ret)
		return ret;
	st->entries[param_index(p)].access = a;
	ret = store_set_mode(st, p);
	if (ret) {
		st->entries[param_index(p)].access = was;
		store_write_attr(st, param_name(p), "access",
				 param_access_name(was), FILEIO_LEN_UNKNOWN);
	}
	return ret;
}

int store_set(struct store *st, const char *name, const char *value,
	      char *err, size_t errlen)
{
	const struct param_def *p = store_lookup(name, err, errlen);
	int ret;

	if (!p)
		return -ENOENT;
	ret = param_validate(p, value, err, errlen);
	if (ret || !strcmp(store_value(st, p), value))
		return ret;
	ret = store_put_value(st, p, value);
	if (ret)
		snprintf(err, errlen, "%s: write %s/%s/value: %s", name,
			 st->root, name, strerror(-ret));
	return ret;
}

int store_set_access(struct store *st, const char *name,
		     enum param_access a, char *err, size_t errlen)
{
	const struct param_def *p = store_lookup(name, err, errlen);
	int ret;

	if (!p)
		return -ENOENT;
	if (a != PARAM_NA && a != PARAM_RO && a != PARAM_RW) {
		snprintf(err, errlen, "%s: bad access level %d", name, a);
		return -EINVAL;
	}
	if (store_access(st, p) == a)
		return 0;
	ret = store_put_access(st, p, a);
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

/* ---- applying a parameter set all or nothing ---- */

static int store_validate_all(const struct profile *p, char *err,
			      size_t errlen)
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

void store_changes_free(struct store_changes *ch)
{
	size_t i;

	if (!ch)
		return;
	for (i = 0; i < ch->count; i++)
		free(ch->c[i].old_value);
	free(ch->c);
	free(ch);
}

size_t store_changes_count(const struct store_changes *ch)
{
	return ch ? ch->count : 0;
}

const struct param_def *store_changes_param(const struct store_changes *ch,
					    size_t i)
{
	return ch && i < ch->count ? param_at(ch->c[i].index) : NULL;
}

void store_undo(struct store *st, struct store_changes *ch)
{
	const struct store_change *c;
	const struct param_def *p;
	size_t i;

	for (i = ch ? ch->count : 0; i-- > 0;) {
		c = &ch->c[i];
		p = param_at(c->index);
		if (c->old_value)
			store_put_value(st, p, c->old_value);
		if (c->old_access >= 0)
			store_put_access(st, p, c->old_access);
	}
	store_changes_free(ch);
}

/*
 * Applies one entry, recording what it held before in ch->c[ch->count]
 * (or in the record an earlier entry of the same name made: seen[] holds
 * record numbers + 1 by parameter index).
 */
static int store_apply_value(struct store *st, const struct param_def *p,
			     const char *value, struct store_change *c)
{
	char *old = c->old_value ? NULL : strdup(store_value(st, p));
	int ret;

	if (!c->old_value && !old)
		return -ENOMEM;
	ret = store_put_value(st, p, value);
	if (ret) {
		free(old);
		return ret;
	}
	if (old)
		c->old_value = old;
	return 0;
}

static int store_apply_access(struct store *st, const struct param_def *p,
			      enum param_access a, struct store_change *c)
{
	if (c->old_access < 0)
		c->old_access = store_access(st, p);
	return store_put_access(st, p, a);
}

/*
 * Applies one entry, recording what it held before in ch->c[ch->count]
 * (or in the record an earlier entry of the same name made: seen[] holds
 * record numbers + 1 by parameter index). An entry becoming na changes
 * its access (and the file mode) before its value, so a new secret is
 * never in a readable file.
 */
static int store_apply_entry(struct store *st, const struct profile_entry *pe,
			     struct store_changes *ch, size_t *seen)
{
	const struct param_def *p = param_find(pe->name);
	size_t idx = param_index(p);
	struct store_entry *e = &st->entries[idx];
	struct store_change *c;
	bool new_value = pe->value && strcmp(e->value, pe->value);
	bool new_access = pe->access >= 0 &&
			  (int)e->access != pe->access;
	int ret = 0;

	if (!new_value && !new_access)
		return 0;
	if (!seen[idx]) {
		c = &ch->c[ch->count++];
		*c = (struct store_change){ .index = idx, .old_access = -1 };
		seen[idx] = ch->count;
	}
	c = &ch->c[seen[idx] - 1];
	if (new_access && pe->access == PARAM_NA)
		ret = store_apply_access(st, p, pe->access, c);
	if (!ret && new_value)
		ret = store_apply_value(st, p, pe->value, c);
	if (!ret && new_access && pe->access != PARAM_NA)
		ret = store_apply_access(st, p, pe->access, c);
	return ret;
}

int store_apply(struct store *st, const struct profile *p,
		struct store_changes **out, char *err, size_t errlen)
{
	struct store_changes *ch;
	size_t i, *seen;
	int ret;

	*out = NULL;
	ret = store_validate_all(p, err, errlen);
	if (ret)
		return ret;
	ch = calloc(1, sizeof(*ch));
	seen = calloc(param_count(), sizeof(*seen));
	if (ch)
		ch->c = calloc(p->count + 1, sizeof(*ch->c));
	if (!ch || !seen || !ch->c) {
		store_changes_free(ch);
		free(seen);
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	for (i = 0; i < p->count; i++) {
		if (!param_find(p->entries[i].name))
			continue;
		ret = store_apply_entry(st, &p->entries[i], ch, seen);
		if (ret) {
			snprintf(err, errlen, "%s: write to %s failed: %s",
				 p->entries[i].name, st->root, strerror(-ret));
			store_undo(st, ch);
			free(seen);
			return ret;
		}
	}
	free(seen);
	if (!ch->count) {
		store_changes_free(ch);
		ch = NULL;
	}
	*out = ch;
	return 0;
}
