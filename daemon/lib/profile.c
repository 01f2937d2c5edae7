// SPDX-License-Identifier: GPL-2.0
/*
 * profile.c - parse a flat-profile XML document with expat into a list of
 * parameter entries. No DTDs and no entity declarations are accepted (XML
 * entity bombs fail), elements may sit anywhere under <flat-profile>, the
 * last occurrence of a name wins, <X/> leaves X unchanged and <X></X> sets
 * it empty (a number without a blank meaning: its default). Values are
 * trimmed and a newline inside one becomes a space. The elements of a
 * <router-configuration> section are the Router_ parameters, never the
 * voice ones. With an alias map, elements anywhere are renamed first.
 */
#include <ctype.h>
#include <errno.h>
#include <expat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alias.h"
#include "internal.h"
#include "param.h"
#include "profile.h"

#define MAX_DEPTH 64
#define PATH_MAX_LEN 2048
#define PROFILE_PATH_MAX_TEXT "2046"	/* PATH_MAX_LEN less the NUL and a '/' */

struct level {
	size_t pathlen;		/* length of path before this element */
	int has_child;
	int access;		/* -1 or enum param_access from ua= */
};

#define NOTE_NAMED 8	/* names quoted in a note */

/* the makings of one note: how many times, and the first few names */
struct tally {
	size_t count;
	size_t len;
	char names[NOTE_NAMED * 52];
};

/* the unknown names seen so far, for dedup: open addressing by hash */
struct name_set {
	size_t *slot;		/* index into out->unknown + 1, 0: free */
	size_t size;		/* a power of two, kept over twice the count */
};

struct pctx {
	XML_Parser xp;
	unsigned int flags;	/* PROFILE_EXACT */
	const struct alias_map *alias;
	struct profile *out;
	size_t *entry_of;	/* by param_index(): out->entries index + 1 */
	size_t entries_cap;
	size_t unknown_cap;
	struct name_set unknown_set;
	struct level lv[MAX_DEPTH];
	int depth;		/* number of open elements */
	int flat_depth;		/* depth of the open <flat-profile>, or 0 */
	int router_depth;	/* depth of its open <router-configuration>, or 0 */
	struct tally bad_ua;	/* ua= values not na, ro or rw */
	struct tally blank_num;	/* empty numbers that took their defaults */
	struct tally router_skip; /* router settings with no Router_ parameter */
	int seen_flat;
	int mapped;		/* alias entries that matched */
	char path[PATH_MAX_LEN];
	size_t pathlen;
	char *text;
	size_t textlen, textcap;
	int ret;
	char *err;
	size_t errlen;
};

static void parse_fail(struct pctx *c, int ret, const char *fmt,
		       const char *arg)
{
	int n;

	if (c->ret)
		return;
	c->ret = ret;
	n = snprintf(c->err, c->errlen, "XML error at line %lu: ",
		     (unsigned long)XML_GetCurrentLineNumber(c->xp));
	if (n >= 0 && (size_t)n < c->errlen)
		snprintf(c->err + n, c->errlen - n, fmt, arg);
	XML_StopParser(c->xp, XML_FALSE);
}

static const char *local_name(const char *name)
{
	const char *colon = strrchr(name, ':');

	return colon ? colon + 1 : name;
}

/*
 * The element's text: white space trimmed at both ends and each newline
 * inside (LF, CR or CR LF) one space, as the guides say; exact (the state
 * file) keeps it as written.
 */
static char *value_dup(const char *s, size_t len, int exact)
{
	size_t i, o = 0;
	char *r;

	while (!exact && len && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (!exact && len && isspace((unsigned char)s[len - 1]))
		len--;
	r = malloc(len + 1);
	if (!r)
		return NULL;
	for (i = 0; i < len; i++) {
		if (exact || (s[i] != '\r' && s[i] != '\n')) {
			r[o++] = s[i];
			continue;
		}
		r[o++] = ' ';
		if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
			i++;
	}
	r[o] = '\0';
	return r;
}

/* counts one more and quotes it while fewer than NOTE_NAMED are quoted */
static void tally_add(struct tally *t, const char *what)
{
	size_t room = sizeof(t->names) - t->len;
	int n;

	if (t->count++ >= NOTE_NAMED)
		return;
	n = snprintf(t->names + t->len, room, "%s%.48s", t->len ? ", " : "",
		     what);
	if (n > 0)
		t->len += (size_t)n < room ? (size_t)n : room - 1;
}

static int add_note(struct profile *p, const char *fmt, ...)
{
	char line[640], **n;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	n = realloc(p->notes, (p->note_count + 1) * sizeof(*n));
	if (!n)
		return -ENOMEM;
	p->notes = n;
	n[p->note_count] = strdup(line);
	if (!n[p->note_count])
		return -ENOMEM;
	p->note_count++;
	return 0;
}

/* the notes of what the tallies counted; 0 or -ENOMEM */
static int add_notes(struct pctx *c)
{
	const struct tally *ua = &c->bad_ua, *bn = &c->blank_num,
			   *rs = &c->router_skip;
	int ret = 0;

	if (ua->count)
		ret = add_note(c->out,
			       "ua= not na, ro or rw ignored on %zu element%s (value applied, access unchanged): %s%s",
			       ua->count, ua->count == 1 ? "" : "s", ua->names,
			       ua->count > NOTE_NAMED ? ", ..." : "");
	if (!ret && bn->count)
		ret = add_note(c->out,
			       "%zu empty numeric value%s set to the default: %s%s",
			       bn->count, bn->count == 1 ? "" : "s", bn->names,
			       bn->count > NOTE_NAMED ? ", ..." : "");
	if (!ret && rs->count)
		ret = add_note(c->out,
			       "%zu router-configuration setting%s ignored (not used on this device): %s%s",
			       rs->count, rs->count == 1 ? "" : "s", rs->names,
			       rs->count > NOTE_NAMED ? ", ..." : "");
	return ret;
}

/* the slot holding name, or the free slot where it belongs */
static size_t *name_set_slot(struct name_set *ns, char **names,
			     const char *name)
{
	size_t i = text_hash(name) & (ns->size - 1);

	while (ns->slot[i] && strcmp(names[ns->slot[i] - 1], name))
		i = (i + 1) & (ns->size - 1);
	return &ns->slot[i];
}

static int name_set_grow(struct name_set *ns, char **names, size_t count)
{
	struct name_set bigger = { .size = ns->size ? ns->size * 2 : 64 };
	size_t i;

	bigger.slot = calloc(bigger.size, sizeof(*bigger.slot));
	if (!bigger.slot)
		return -ENOMEM;
	for (i = 0; i < count; i++)
		*name_set_slot(&bigger, names, names[i]) = i + 1;
	free(ns->slot);
	*ns = bigger;
	return 0;
}

/* makes room for one more element in *arr of *cap */
static int grow_array(void **arr, size_t *cap, size_t count, size_t elem)
{
	size_t ncap = *cap ? *cap * 2 : 16;
	void *n;

	if (count < *cap)
		return 0;
	n = realloc(*arr, ncap * elem);
	if (!n)
		return -ENOMEM;
	*arr = n;
	*cap = ncap;
	return 0;
}

static int add_unknown(struct pctx *c, const char *name)
{
	struct profile *p = c->out;
	size_t *slot;

	if ((p->unknown_count + 1) * 2 > c->unknown_set.size &&
	    name_set_grow(&c->unknown_set, p->unknown, p->unknown_count))
		return -ENOMEM;
	slot = name_set_slot(&c->unknown_set, p->unknown, name);
	if (*slot)
		return 0;
	if (grow_array((void **)&p->unknown, &c->unknown_cap,
		       p->unknown_count, sizeof(*p->unknown)))
		return -ENOMEM;
	p->unknown[p->unknown_count] = strdup(name);
	if (!p->unknown[p->unknown_count])
		return -ENOMEM;
	*slot = ++p->unknown_count;
	return 0;
}

/*
 * The table's names hold letters, digits and '_' only: SPA turns spaces and
 * punctuation of a label into '_', so <Auth_Resync-Reboot_1_> is the
 * parameter Auth_Resync_Reboot_1_.
 */
static const struct param_def *canonical_param(const char *element)
{
	char name[PARAM_NAME_MAX + 1];
	size_t i;

	for (i = 0; element[i]; i++) {
		if (i == PARAM_NAME_MAX)
			return NULL;	/* longer than any table name */
		name[i] = isalnum((unsigned char)element[i]) ? element[i] : '_';
	}
	name[i] = '\0';
	return param_find(name);
}

/* value is taken over (may be NULL for <X/>) */
static int add_entry(struct pctx *c, const struct param_def *d, char *value,
		     int access)
{
	struct profile *p = c->out;
	size_t *idx = &c->entry_of[param_index(d)];
	struct profile_entry *e;

	if (*idx) {
		e = &p->entries[*idx - 1];
		if (value) {
			free(e->value);
			e->value = value;
		}
		if (access >= 0)
			e->access = access;
		return 0;
	}
	if (grow_array((void **)&p->entries, &c->entries_cap, p->count,
		       sizeof(*p->entries))) {
		free(value);
		return -ENOMEM;
	}
	e = &p->entries[p->count];
	e->name = strdup(param_name(d));
	if (!e->name) {
		free(value);
		return -ENOMEM;
	}
	e->value = value;
	e->access = access;
	*idx = ++p->count;
	return 0;
}

/* the ua= access of element local, or -1: none, or a value other than
 * na, ro and rw (noted; the element's value still applies) */
static int parse_ua(struct pctx *c, const char *local, const XML_Char **atts)
{
	enum param_access a;
	char what[96];
	size_t i;

	for (i = 0; atts[i]; i += 2) {
		if (strcmp(local_name(atts[i]), "ua"))
			continue;
		if (!param_access_parse(atts[i + 1], &a))
			return a;
		snprintf(what, sizeof(what), "<%.40s ua=\"%.20s\">", local,
			 atts[i + 1]);
		tally_add(&c->bad_ua, what);
		return -1;
	}
	return -1;
}

static void on_start(void *data, const XML_Char *name, const XML_Char **atts)
{
	struct pctx *c = data;
	const char *local = local_name(name);
	size_t len = strlen(local);
	struct level *lv;

	if (c->depth >= MAX_DEPTH) {
		parse_fail(c, -EINVAL, "elements nested too deeply%s", "");
		return;
	}
	if (c->pathlen + len + 2 > PATH_MAX_LEN) {
		parse_fail(c, -EINVAL, "element path over %s characters",
			   PROFILE_PATH_MAX_TEXT);
		return;
	}
	if (c->depth)
		c->lv[c->depth - 1].has_child = 1;
	lv = &c->lv[c->depth++];
	lv->pathlen = c->pathlen;
	lv->has_child = 0;
	lv->access = parse_ua(c, local, atts);
	c->path[c->pathlen++] = '/';
	memcpy(c->path + c->pathlen, local, len + 1);
	c->pathlen += len;
	c->textlen = 0;
	if (!c->flat_depth && !strcmp(local, "flat-profile")) {
		c->flat_depth = c->depth;
		c->seen_flat = 1;
	} else if (c->flat_depth && !c->router_depth &&
		   !strcmp(local, "router-configuration")) {
		c->router_depth = c->depth;
	}
}

/* the Router_ parameter of a <router-configuration> element, or NULL */
static const struct param_def *router_param(const char *element)
{
	char name[PARAM_NAME_MAX + 1];
	const struct param_def *d;
	int n;

	n = snprintf(name, sizeof(name), PARAM_ROUTER_PREFIX "%s", element);
	if (n < 0 || (size_t)n >= sizeof(name))
		return NULL;
	d = canonical_param(name);
	return d && param_router(d) ? d : NULL;
}

/* the parameter a leaf element names, or NULL (then noted, or failed) */
static const struct param_def *leaf_param(struct pctx *c, const char *local)
{
	const char *name = NULL, *target;
	const struct param_def *d;

	target = c->alias ? alias_lookup(c->alias, c->path) : NULL;
	if (target) {
		name = target;
		c->mapped++;
	} else if (c->router_depth && c->depth > c->router_depth) {
		d = router_param(local);
		if (!d)
			tally_add(&c->router_skip, local);
		return d;
	} else if (c->flat_depth && c->depth > c->flat_depth &&
		   c->router_depth != c->depth) {
		name = local;
	}
	if (!name)
		return NULL;
	d = canonical_param(name);
	if (!d && add_unknown(c, name))
		parse_fail(c, -ENOMEM, "out of memory%s", "");
	return d;
}

/* the value of leaf d: NULL for <X/> (also when out of memory: c->ret) */
static char *leaf_value(struct pctx *c, const struct param_def *d)
{
	const char *def;
	char what[PARAM_NAME_MAX + 40], *value;

	/* the end tag of <X/> has no bytes of its own */
	if (XML_GetCurrentByteCount(c->xp) <= 0)
		return NULL;
	value = value_dup(c->text ? c->text : "", c->textlen,
			  c->flags & PROFILE_EXACT);
	def = param_blank_default(d);
	if (value && !*value && def && !(c->flags & PROFILE_EXACT)) {
		free(value);
		value = strdup(def);
		snprintf(what, sizeof(what), "%s=%.32s", param_name(d), def);
		tally_add(&c->blank_num, what);
	}
	if (!value)
		parse_fail(c, -ENOMEM, "out of memory%s", "");
	return value;
}

static void on_leaf(struct pctx *c, const char *local, int access)
{
	const struct param_def *d;
	char *value;
	int ret;

	d = leaf_param(c, local);
	if (!d)
		return;
	value = leaf_value(c, d);
	if (c->ret) {
		free(value);
		return;
	}
	ret = add_entry(c, d, value, access);
	if (ret)
		parse_fail(c, ret, "out of memory%s", "");
}

static void on_end(void *data, const XML_Char *name)
{
	struct pctx *c = data;
	struct level *lv;

	/* expat ends a refused <x/> in the same token: no level was pushed */
	if (c->ret || !c->depth)
		return;
	lv = &c->lv[c->depth - 1];

	if (!lv->has_child)
		on_leaf(c, local_name(name), lv->access);
	if (c->flat_depth == c->depth)
		c->flat_depth = 0;
	if (c->router_depth == c->depth)
		c->router_depth = 0;
	c->depth--;
	c->pathlen = lv->pathlen;
	c->path[c->pathlen] = '\0';
	c->textlen = 0;
}

static void on_text(void *data, const XML_Char *s, int len)
{
	struct pctx *c = data;
	size_t need = c->textlen + (size_t)len + 1;
	char *nt;

	if (c->ret)
		return;
	if (need > c->textcap) {
		size_t cap = need * 2;

		nt = realloc(c->text, cap);
		if (!nt) {
			parse_fail(c, -ENOMEM, "out of memory%s", "");
			return;
		}
		c->text = nt;
		c->textcap = cap;
	}
	memcpy(c->text + c->textlen, s, len);
	c->textlen += len;
	c->text[c->textlen] = '\0';
}

static void on_doctype(void *data, const XML_Char *name, const XML_Char *sysid,
		       const XML_Char *pubid, int has_internal_subset)
{
	(void)sysid;
	(void)pubid;
	(void)has_internal_subset;
	parse_fail(data, -EINVAL,
	     "DTD <!DOCTYPE %.40s> is not allowed (no entity expansion)", name);
}

static void on_entity(void *data, const XML_Char *name, int is_param,
		      const XML_Char *value, int value_length,
		      const XML_Char *base, const XML_Char *sysid,
		      const XML_Char *pubid, const XML_Char *notation)
{
	(void)is_param;
	(void)value;
	(void)value_length;
	(void)base;
	(void)sysid;
	(void)pubid;
	(void)notation;
	parse_fail(data, -EINVAL, "entity declaration '%.40s' is not allowed", name);
}

static int run_parser(struct pctx *c, const char *buf, size_t len)
{
	enum XML_Status st;

	XML_SetUserData(c->xp, c);
	XML_SetElementHandler(c->xp, on_start, on_end);
	XML_SetCharacterDataHandler(c->xp, on_text);
	XML_SetStartDoctypeDeclHandler(c->xp, on_doctype);
	XML_SetEntityDeclHandler(c->xp, on_entity);
	XML_SetParamEntityParsing(c->xp, XML_PARAM_ENTITY_PARSING_NEVER);
	st = XML_Parse(c->xp, buf, (int)len, 1);
	if (c->ret)
		return c->ret;
	if (st != XML_STATUS_OK) {
		snprintf(c->err, c->errlen, "XML error at line %lu: %s",
			 (unsigned long)XML_GetCurrentLineNumber(c->xp),
			 XML_ErrorString(XML_GetErrorCode(c->xp)));
		return -EINVAL;
	}
	if (!c->seen_flat && !c->mapped) {
		snprintf(c->err, c->errlen, c->alias ?
			 "no <flat-profile> element and no alias map entry matched" :
			 "no <flat-profile> element");
		return -EINVAL;
	}
	if (add_notes(c)) {
		snprintf(c->err, c->errlen, "out of memory");
		return -ENOMEM;
	}
	return 0;
}

int profile_parse(const char *buf, size_t len, const char *alias_map,
		  struct profile *out, char *err, size_t errlen)
{
	return profile_parse_flags(buf, len, alias_map, 0, out, err, errlen);
}

int profile_parse_flags(const char *buf, size_t len, const char *alias_map,
			unsigned int flags, struct profile *out, char *err,
			size_t errlen)
{
	struct alias_map *am = NULL;
	struct pctx c = { .out = out, .err = err, .errlen = errlen,
			  .flags = flags };
	int ret;

	memset(out, 0, sizeof(*out));
	if (len > PROFILE_MAX_INPUT) {
		snprintf(err, errlen, "profile of %zu bytes is over the %u byte limit",
			 len, PROFILE_MAX_INPUT);
		return -E2BIG;
	}
	if (alias_map) {
		ret = alias_parse(alias_map, &am, err, errlen);
		if (ret)
			return ret;
	}
	c.alias = am;
	c.entry_of = calloc(param_count(), sizeof(*c.entry_of));
	c.xp = XML_ParserCreate(NULL);
	if (!c.xp || !c.entry_of) {
		if (c.xp)
			XML_ParserFree(c.xp);
		free(c.entry_of);
		alias_free(am);
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	ret = run_parser(&c, buf, len);
	XML_ParserFree(c.xp);
	free(c.text);
	free(c.entry_of);
	free(c.unknown_set.slot);
	alias_free(am);
	if (ret)
		profile_free(out);
	return ret;
}

void profile_free(struct profile *p)
{
	size_t i;

	for (i = 0; i < p->count; i++) {
		free(p->entries[i].name);
		free(p->entries[i].value);
	}
	for (i = 0; i < p->unknown_count; i++)
		free(p->unknown[i]);
	for (i = 0; i < p->note_count; i++)
		free(p->notes[i]);
	free(p->entries);
	free(p->unknown);
	free(p->notes);
	memset(p, 0, sizeof(*p));
}

const struct profile_entry *profile_find(const struct profile *p,
					 const char *name)
{
	size_t i;

	/* for tests and tools: the pipeline goes through the entries */
	for (i = 0; i < p->count; i++)
		if (!strcmp(p->entries[i].name, name))
			return &p->entries[i];
	return NULL;
}
