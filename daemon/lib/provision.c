// SPDX-License-Identifier: GPL-2.0
/*
 * provision.c - the one apply point: validate a parameter set, store it
 * all or nothing, persist the state file, push the line settings.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lineconf.h"
#include "param.h"
#include "profile.h"
#include "provision.h"
#include "state.h"
#include "store.h"
#include "internal.h"

static bool provision_line_changed(const struct store_changes *ch)
{
	size_t i;

	for (i = 0; i < store_changes_count(ch); i++)
		if (lineconf_uses(param_name(store_changes_param(ch, i))))
			return true;
	return false;
}

static void provision_push_lines(struct provision *pv)
{
	if (pv->line_config)
		lineconf_apply(pv->st, pv->line_config);
}

int provision_apply(struct provision *pv, const struct profile *p,
		    char *err, size_t errlen)
{
	struct store_changes *ch;
	int ret;

	ret = store_apply(pv->st, p, &ch, err, errlen);
	if (ret || !ch)
		return ret;
	if (pv->state_path) {
		ret = state_save(pv->st, pv->state_path, err, errlen);
		if (ret) {
			store_undo(pv->st, ch);
			return ret;
		}
	}
	if (provision_line_changed(ch))
		provision_push_lines(pv);
	store_changes_free(ch);
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

int provision_restore(struct provision *pv, char *err, size_t errlen)
{
	struct store_changes *ch = NULL;
	struct profile p;
	int ret = 0;

	if (pv->state_path) {
		ret = state_read(pv->state_path, &p, err, errlen);
		if (ret == -ENOENT)
			ret = 0;
		else if (!ret)
			ret = store_apply(pv->st, &p, &ch, err, errlen);
		profile_free(&p);
	}
	store_changes_free(ch);
	if (!ret)
		provision_push_lines(pv);
	return ret;
}
