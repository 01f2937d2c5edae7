// SPDX-License-Identifier: GPL-2.0
/*
 * provision.c - the one apply point: validate a parameter set (the table's
 * validators, then the kernel's verdict on the line parameters), store it
 * all or nothing, persist the state file, push the line settings.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "line_check.h"
#include "lineconf.h"
#include "param.h"
#include "profile.h"
#include "provision.h"
#include "state.h"
#include "store.h"
#include "store_sync.h"
#include "internal.h"

static bool provision_line_changed(const struct store_changes *ch)
{
	size_t i;

	for (i = 0; i < store_changes_count(ch); i++)
		if (line_check_find(param_name(store_changes_param(ch, i))))
			return true;
	return false;
}

/* the store is about to be written: its sync record stops being true */
static void provision_store_writing(void *arg)
{
	struct provision *pv = arg;

	if (store_sync_clear(pv->state_path))
		syslog(LOG_WARNING, "state file %s: sync record not removed: %m",
		       pv->state_path);
}

/* the store's files and the state file hold the same: say so, until the
 * next write to the store */
static void provision_store_synced(struct provision *pv)
{
	if (!pv->state_path || !pv->st)
		return;
	if (store_sync_mark(pv->state_path, store_root(pv->st)))
		return;
	store_on_write(pv->st, provision_store_writing, pv);
}

/* a start without a sync record: any record left is not this store's */
static void provision_store_unsynced(struct provision *pv)
{
	if (pv->state_path)
		store_sync_clear(pv->state_path);
}

void provision_push_lines(struct provision *pv)
{
	if (pv->line_config)
		lineconf_apply(pv->st, pv->line_config);
}

/* the table's entry of e when e sets a valid value, else NULL (store_apply
 * reports a value the table refuses) */
static const struct param_def *provision_valid(const struct profile_entry *e)
{
	const struct param_def *d = param_find(e->name);
	char why[256];

	if (!d || !e->value || param_validate(d, e->value, why, sizeof(why)))
		return NULL;
	return d;
}

/* the value p leaves for name: its last valid entry's, else the store's;
 * true when p sets it */
static bool provision_final(struct provision *pv, const struct profile *p,
			    const char *name, char *buf, size_t len)
{
	const struct param_def *d;
	size_t i;

	for (i = p->count; i--;) {
		d = provision_valid(&p->entries[i]);
		if (d && !strcmp(param_name(d), name)) {
			snprintf(buf, len, "%s", p->entries[i].value);
			return true;
		}
	}
	if (store_get(pv->st, name, buf, len))
		buf[0] = '\0';
	return false;
}

/* the hook flash pair the lines end up with, against their debounce */
static int provision_check_flash(struct provision *pv, const struct profile *p,
				 char *err, size_t errlen)
{
	char min[PARAM_VALUE_MAX], max[PARAM_VALUE_MAX];
	bool min_new, max_new;

	min_new = provision_final(pv, p, "Hook_Flash_Timer_Min", min,
				  sizeof(min));
	max_new = provision_final(pv, p, "Hook_Flash_Timer_Max", max,
				  sizeof(max));
	if (!min_new && !max_new)
		return 0;
	return line_check_flash(min, max, min_new,
				lineconf_debounce_ms(pv->line_config), err,
				errlen);
}

/*
 * The kernel's verdict on every line parameter p sets, before anything
 * changes: 0, or -EINVAL with err naming the parameter, the value and the
 * kernel's reason.
 */
static int provision_check_lines(struct provision *pv,
				 const struct profile *p, char *err,
				 size_t errlen)
{
	const struct param_def *d;
	size_t i;
	int ret;

	for (i = 0; i < p->count; i++) {
		d = provision_valid(&p->entries[i]);
		if (!d)
			continue;
		ret = line_check_value(param_name(d), p->entries[i].value, err,
				       errlen);
		if (ret)
			return ret;
	}
	return provision_check_flash(pv, p, err, errlen);
}

int provision_apply(struct provision *pv, const struct profile *p,
		    char *err, size_t errlen)
{
	struct store_changes *ch;
	int ret;

	ret = provision_check_lines(pv, p, err, errlen);
	if (ret)
		return ret;
	ret = store_apply(pv->st, p, &ch, err, errlen);
	if (ret || !ch)
		return ret;
	if (pv->state_path) {
		ret = state_save(pv->st, pv->state_path, err, errlen);
		if (ret) {
			store_undo(pv->st, ch);
			return ret;
		}
		provision_store_synced(pv);
	}
	if (provision_line_changed(ch))
		provision_push_lines(pv);
	store_changes_free(ch);
	if (pv->changed)
		pv->changed(pv->changed_arg);
	return 0;
}

/* fills e from "NAME=VALUE": 0, -EINVAL or -ENOENT with err */
static int provision_parse_assignment(const char *s, struct profile_entry *e,
				      char *err, size_t errlen)
{
	char name[PARAM_NAME_MAX + 1];
	const char *value;
	int ret;

	ret = text_split_assignment(s, name, sizeof(name), &value);
	if (ret == -ENAMETOOLONG) {
		snprintf(err, errlen, "unknown parameter '%.64s'", s);
		return -ENOENT;
	}
	if (ret) {
		snprintf(err, errlen, "expected NAME=VALUE, got '%.200s'", s);
		return -EINVAL;
	}
	if (!param_find(name)) {
		snprintf(err, errlen, "unknown parameter '%.64s'", name);
		return -ENOENT;
	}
	e->name = strdup(name);
	e->value = strdup(value);
	e->access = -1;
	return e->name && e->value ? 0 : -ENOMEM;
}

int provision_assign(struct provision *pv, const char *const *assignments,
		     size_t n, char *err, size_t errlen)
{
	struct profile p = { 0 };
	size_t i;
	int ret = 0;

	p.entries = calloc(n + 1, sizeof(*p.entries));
	if (!p.entries) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	for (i = 0; i < n && !ret; i++, p.count++)
		ret = provision_parse_assignment(assignments[i],
						 &p.entries[i], err, errlen);
	if (ret == -ENOMEM)
		snprintf(err, errlen, "out of memory");
	if (!ret)
		ret = provision_apply(pv, &p, err, errlen);
	profile_free(&p);
	return ret;
}

/*
 * Drops the entries of p whose value no longer validates (a newer table
 * may be stricter than the one that saved the state): they keep the
 * store's value. Names them in note; returns how many.
 */
static size_t provision_drop_invalid(struct profile *p, char *note,
				     size_t notelen)
{
	const struct param_def *d;
	size_t i, dropped = 0, n = strlen(note);
	char why[256];

	for (i = 0; i < p->count; i++) {
		d = param_find(p->entries[i].name);
		if (!d || !p->entries[i].value ||
		    (!param_validate(d, p->entries[i].value, why, sizeof(why)) &&
		     !line_check_value(param_name(d), p->entries[i].value, why,
				       sizeof(why))))
			continue;
		free(p->entries[i].value);
		p->entries[i].value = NULL;
		if (p->entries[i].access > PARAM_RW)
			p->entries[i].access = -1;
		if (n < notelen)
			n += snprintf(note + n, notelen - n, "%s%s", n ? "; " : "",
				      why);
		dropped++;
	}
	return dropped;
}

/* true when p gives every table parameter a value and an access level:
 * restored, the store then holds exactly p */
static bool provision_profile_whole(const struct profile *p)
{
	size_t i, n = 0;

	for (i = 0; i < p->count; i++)
		if (param_find(p->entries[i].name) && p->entries[i].value &&
		    p->entries[i].access >= 0)
			n++;
	return n == param_count();
}

/* restores the store from one state file; 0, -ENOENT (no file) or the
 * reason it cannot be used in why; *whole when the store now holds
 * exactly the file */
static int provision_restore_from(struct provision *pv, const char *path,
				  bool *whole, char *why, size_t whylen)
{
	struct store_changes *ch = NULL;
	char dropped[512] = "";
	struct profile p;
	int ret;

	*whole = false;
	ret = state_read(path, &p, why, whylen);
	if (ret)
		return ret;
	if (provision_drop_invalid(&p, dropped, sizeof(dropped)))
		syslog(LOG_WARNING, "state file %s: kept the store's value where it no longer validates: %s",
		       path, dropped);
	else
		*whole = provision_profile_whole(&p);
	ret = store_apply(pv->st, &p, &ch, why, whylen);
	profile_free(&p);
	store_changes_free(ch);
	return ret;
}

int provision_restore(struct provision *pv, char *note, size_t notelen)
{
	char why[512] = "", why_bak[512] = "", bak[PATH_MAX], bad[PATH_MAX];
	bool whole;
	int ret;

	note[0] = '\0';
	if (!pv->state_path) {
		provision_push_lines(pv);
		return 0;
	}
	ret = provision_restore_from(pv, pv->state_path, &whole, why,
				     sizeof(why));
	if (!ret && whole)
		provision_store_synced(pv);
	if (ret && ret != -ENOENT) {
		/* never let a bad state file keep the adapter from starting:
		 * set it aside, take the one before it, or the store as is */
		snprintf(bak, sizeof(bak), "%s.bak", pv->state_path);
		snprintf(bad, sizeof(bad), "%s.bad", pv->state_path);
		rename(pv->state_path, bad);
		if (!provision_restore_from(pv, bak, &whole, why_bak,
					    sizeof(why_bak)))
			snprintf(note, notelen,
				 "%s (kept as %s); restored the previous state, %s",
				 why, bad, bak);
		else
			snprintf(note, notelen,
				 "%s (kept as %s), and no usable %s: started from the store as it was",
				 why, bad, bak);
		if (state_save(pv->st, pv->state_path, why, sizeof(why)))
			syslog(LOG_ERR, "%s", why);
		else
			provision_store_synced(pv);
	}
	provision_push_lines(pv);
	return 0;
}

/* the store's values from the state file, whole and valid; else -ESTALE
 * or the reason the file did not load, and the store must be read */
static int provision_open_from_state(struct provision *pv, const char *root)
{
	char why[512], dropped[512] = "";
	struct profile p;
	int ret;

	ret = state_read(pv->state_path, &p, why, sizeof(why));
	if (ret)
		return ret;
	if (provision_drop_invalid(&p, dropped, sizeof(dropped)))
		ret = -ESTALE;
	else
		ret = store_open_from(root, &p, &pv->st);
	profile_free(&p);
	return ret;
}

/* the state file read on a thread of its own while the caller starts
 * the rest (curl, OpenSSL) */
struct provision_open_job {
	struct provision *pv;
	pthread_t thread;
	bool started;
	int ret;
};

static void *provision_open_worker(void *arg)
{
	struct provision_open_job *job = arg;

	job->ret = provision_open_from_state(job->pv, job->pv->open_root);
	return NULL;
}

int provision_open_start(struct provision *pv, const char *root)
{
	struct provision_open_job *job;

	pv->st = NULL;
	pv->open_root = root;
	pv->opening = NULL;
	if (!pv->state_path || !store_sync_matches(pv->state_path, root)) {
		provision_store_unsynced(pv);
		return store_open_start(root, &pv->st);
	}
	job = calloc(1, sizeof(*job));
	if (!job)
		return -ENOMEM;
	job->pv = pv;
	job->started = !pthread_create(&job->thread, NULL,
				       provision_open_worker, job);
	pv->opening = job;
	return 0;
}

/* the sync record held and the state file loaded whole */
static bool provision_opened_from_state(struct provision *pv)
{
	struct provision_open_job *job = pv->opening;
	int ret;

	pv->opening = NULL;
	if (job->started)
		pthread_join(job->thread, NULL);
	else
		provision_open_worker(job);
	ret = job->ret;
	free(job);
	if (!ret) {
		store_on_write(pv->st, provision_store_writing, pv);
		return true;
	}
	syslog(LOG_NOTICE, "state file %s: its sync record did not hold; reading the store",
	       pv->state_path);
	provision_store_unsynced(pv);
	return false;
}

int provision_open_finish(struct provision *pv, char *note, size_t notelen)
{
	bool from_state = pv->opening;
	int ret;

	note[0] = '\0';
	if (from_state && provision_opened_from_state(pv)) {
		provision_push_lines(pv);
		return 0;
	}
	if (from_state)	/* the record did not hold: read every entry */
		ret = store_open(pv->open_root, &pv->st);
	else
		ret = store_open_finish(pv->st);
	if (ret) {
		store_close(pv->st);
		pv->st = NULL;
		return ret;
	}
	return provision_restore(pv, note, notelen);
}

int provision_open(struct provision *pv, const char *root, char *note,
		   size_t notelen)
{
	int ret = provision_open_start(pv, root);

	return ret ? ret : provision_open_finish(pv, note, notelen);
}

/* the state file and the copies provision_restore could fall back to */
static int provision_remove_state(const char *state, char *err,
				  size_t errlen)
{
	static const char *const suffix[] = { "", ".bak", ".bad", ".sync" };
	char path[4096];
	size_t i;

	for (i = 0; state && i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		if (snprintf(path, sizeof(path), "%s%s", state, suffix[i]) >=
		    (int)sizeof(path)) {
			snprintf(err, errlen, "state file path too long");
			return -ENAMETOOLONG;
		}
		if (unlink(path) && errno != ENOENT) {
			snprintf(err, errlen, "remove %s: %s", path,
				 strerror(errno));
			return -errno;
		}
	}
	return 0;
}

int provision_factory_reset(struct provision *pv, char *err, size_t errlen)
{
	int ret;

	ret = store_reset_defaults(pv->st, err, errlen);
	if (!ret)
		ret = provision_remove_state(pv->state_path, err, errlen);
	/* whatever of the reset happened, the lines and the daemon's
	 * listeners (the web server's port) follow the store */
	provision_push_lines(pv);
	if (pv->changed)
		pv->changed(pv->changed_arg);
	return ret;
}
