// SPDX-License-Identifier: GPL-2.0
/*
 * alias.c - alias maps. A map is a list of "SOURCE = /flat-profile/NAME ;"
 * entries; SOURCE is an element path ("/customer/sip/user") matched against
 * the trailing components of an element's path in the fetched document.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alias.h"
#include "param.h"
#include "internal.h"

struct alias_entry {
	char *src;	/* "/a/b" */
	char *dst;	/* parameter name */
};

struct alias_map {
	struct alias_entry *e;
	size_t n;
};

#define FLAT_PREFIX "/flat-profile/"

/* "/a/b-c/d": slash-separated, non-empty components, XML name chars */
static int valid_path(const char *p)
{
	if (*p != '/')
		return 0;
	for (; *p; p++) {
		if (*p == '/') {
			if (!p[1] || p[1] == '/')
				return 0;
		} else if (!isalnum((unsigned char)*p) && !strchr("_-.:", *p)) {
			return 0;
		}
	}
	return 1;
}

static int add_entry(struct alias_map *m, char *item, size_t idx,
		     char *err, size_t errlen)
{
	struct alias_entry *ne;
	char *eq = strchr(item, '='), *src, *dst;

	if (!eq) {
		snprintf(err, errlen, "alias map entry %zu: '%.60s': no '='",
			 idx, item);
		return -EINVAL;
	}
	*eq = '\0';
	src = text_trim(item);
	dst = text_trim(eq + 1);
	if (!valid_path(src)) {
		snprintf(err, errlen,
			 "alias map entry %zu: bad source path '%.60s'",
			 idx, src);
		return -EINVAL;
	}
	if (strncmp(dst, FLAT_PREFIX, strlen(FLAT_PREFIX)) ||
	    !param_name_valid(dst + strlen(FLAT_PREFIX))) {
		snprintf(err, errlen,
			 "alias map entry %zu: target '%.60s' is not /flat-profile/NAME",
			 idx, dst);
		return -EINVAL;
	}
	ne = realloc(m->e, (m->n + 1) * sizeof(*ne));
	if (!ne)
		return -ENOMEM;
	m->e = ne;
	ne[m->n].src = strdup(src);
	ne[m->n].dst = strdup(dst + strlen(FLAT_PREFIX));
	if (!ne[m->n].src || !ne[m->n].dst) {
		free(ne[m->n].src);
		free(ne[m->n].dst);
		return -ENOMEM;
	}
	m->n++;
	return 0;
}

static int parse_items(struct alias_map *m, char *text, char *err,
		       size_t errlen)
{
	char *p = text, *semi, *item;
	size_t idx = 1;
	int ret;

	for (;;) {
		semi = strchr(p, ';');
		if (semi)
			*semi = '\0';
		item = text_trim(p);
		if (*item) {
			ret = add_entry(m, item, idx++, err, errlen);
			if (ret)
				return ret;
		}
		if (!semi)
			return 0;
		p = semi + 1;
	}
}

int alias_parse(const char *text, struct alias_map **out, char *err,
		size_t errlen)
{
	struct alias_map *m;
	char *copy;
	int ret;

	*out = NULL;
	m = calloc(1, sizeof(*m));
	copy = strdup(text ? text : "");
	if (!m || !copy) {
		free(m);
		free(copy);
		return -ENOMEM;
	}
	ret = parse_items(m, copy, err, errlen);
	free(copy);
	if (ret) {
		if (ret == -ENOMEM)
			snprintf(err, errlen, "alias map: out of memory");
		alias_free(m);
		return ret;
	}
	*out = m;
	return 0;
}

void alias_free(struct alias_map *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->n; i++) {
		free(m->e[i].src);
		free(m->e[i].dst);
	}
	free(m->e);
	free(m);
}

size_t alias_count(const struct alias_map *m)
{
	return m ? m->n : 0;
}

const char *alias_lookup(const struct alias_map *m, const char *path)
{
	size_t i, plen = strlen(path);

	for (i = 0; m && i < m->n; i++) {
		size_t slen = strlen(m->e[i].src);

		/* src begins with '/', so a suffix match is a component match */
		if (slen <= plen && !strcmp(path + plen - slen, m->e[i].src))
			return m->e[i].dst;
	}
	return NULL;
}
