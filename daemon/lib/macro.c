// SPDX-License-Identifier: GPL-2.0
/*
 * macro.c: expands the SPA provisioning macros in rules, URLs, keys, POST
 * bodies and syslog templates: $NAME (longest known name wins), $(NAME),
 * $(NAME:p) and $(NAME:p:q) substrings (p characters in, q long), and $$.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "macro.h"

#define MACRO_VAL_MAX 2048

static const char *const var_names[MACRO_NVARS] = {
	[MACRO_ERR] = "ERR", [MACRO_PRVST] = "PRVST",
	[MACRO_UPGST] = "UPGST", [MACRO_PRVTMR] = "PRVTMR",
	[MACRO_SCHEME] = "SCHEME", [MACRO_SERV] = "SERV",
	[MACRO_SERVIP] = "SERVIP", [MACRO_PORT] = "PORT",
	[MACRO_PATH] = "PATH", [MACRO_CCERT] = "CCERT",
	[MACRO_EXTIP] = "EXTIP", [MACRO_UPGTMR] = "UPGTMR",
	[MACRO_UPGERR] = "UPGERR", [MACRO_UPGCOND] = "UPGCOND",
	[MACRO_REGTMR1] = "REGTMR1", [MACRO_REGTMR2] = "REGTMR2",
};

/* a parameter's value; a secret one only inside --key */
static int macro_param(const struct macro_ctx *ctx, const char *name,
		       char *buf, size_t len)
{
	if (!ctx->get)
		return -ENOENT;
	if (!ctx->key_mode && ctx->secret && ctx->secret(ctx->arg, name))
		return -EACCES;
	return ctx->get(ctx->arg, name, buf, len);
}

static int ident(const struct macro_ctx *ctx, const char *name,
		 char *buf, size_t len)
{
	const struct identity *id = ctx->id;
	char ma[13];

	if (!id)
		return -ENOENT;
	if (!strcmp(name, "MA") || !strcmp(name, "MAU")) {
		identity_ma(id, ma, name[2] == 'U');
		snprintf(buf, len, "%s", ma);
	} else if (!strcmp(name, "MAC")) {
		snprintf(buf, len, "%s", id->mac);
	} else if (!strcmp(name, "SN")) {
		snprintf(buf, len, "%s", id->sn);
	} else if (!strcmp(name, "PN")) {
		snprintf(buf, len, "%s", id->pn);
	} else if (!strcmp(name, "PSN")) {
		snprintf(buf, len, "%s", id->psn);
	} else if (!strcmp(name, "IP")) {
		snprintf(buf, len, "%s", id->ip);
	} else if (!strcmp(name, "SWVER")) {
		snprintf(buf, len, "%s", id->swver);
	} else if (!strcmp(name, "HWVER")) {
		snprintf(buf, len, "%s", id->hwver);
	} else {
		return -ENOENT;
	}
	return 0;
}

/* value of a macro name (without '$'); 0, or -ENOENT when unknown and
 * -EACCES for a secret outside --key: both stay as written */
static int macro_lookup(const struct macro_ctx *ctx, const char *name,
			char *buf, size_t len, int allow_param)
{
	char pname[64];
	int i;

	if (!ident(ctx, name, buf, len))
		return 0;
	for (i = 0; i < MACRO_NVARS; i++) {
		if (strcmp(name, var_names[i]))
			continue;
		if (i == MACRO_EXTIP && !ctx->var[i])
			return ident(ctx, "IP", buf, len);
		snprintf(buf, len, "%s", ctx->var[i] ? ctx->var[i] : "");
		return 0;
	}
	if (!strcmp(name, "METH"))	/* the guide's old name of SCHEME */
		return macro_lookup(ctx, "SCHEME", buf, len, 0);
	if (name[0] >= 'A' && name[0] <= 'P' && !name[1]) {
		snprintf(pname, sizeof(pname), "GPP_%c", name[0]);
		return macro_param(ctx, pname, buf, len);
	}
	if (!strcmp(name, "UID1") || !strcmp(name, "UID2")) {
		snprintf(pname, sizeof(pname), "User_ID_%c_", name[3]);
		return macro_param(ctx, pname, buf, len);
	}
	if (name[0] == 'S' && name[1] >= 'A' && name[1] <= 'D' && !name[2]) {
		if (!ctx->key_mode)
			return -ENOENT;
		snprintf(pname, sizeof(pname), "GPP_%s", name);
		return macro_param(ctx, pname, buf, len);
	}
	if (allow_param)
		return macro_param(ctx, name, buf, len);
	return -ENOENT;
}

struct out {
	char *buf;
	size_t len;
	size_t pos;
	int overflow;
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->pos + n >= o->len) {
		o->overflow = 1;
		n = o->pos < o->len ? o->len - o->pos - 1 : 0;
	}
	memcpy(o->buf + o->pos, s, n);
	o->pos += n;
	o->buf[o->pos] = '\0';
}

/* $NAME: the longest run of [A-Z0-9] whose prefix is a known name */
static size_t expand_bare(const struct macro_ctx *ctx, const char *s,
			  struct out *o, char *val)
{
	char name[16];
	size_t n = 0, k;

	while (n < sizeof(name) - 1 &&
	       (isupper((unsigned char)s[n]) || isdigit((unsigned char)s[n])))
		n++;
	for (k = n; k > 0; k--) {
		memcpy(name, s, k);
		name[k] = '\0';
		if (!macro_lookup(ctx, name, val, MACRO_VAL_MAX, 0)) {
			put(o, val, strlen(val));
			return k;
		}
	}
	return 0;
}

static int parse_num(const char **p, long *out)
{
	char *end;

	if (!isdigit((unsigned char)**p))
		return -EINVAL;
	*out = strtol(*p, &end, 10);
	*p = end;
	return 0;
}

/* $(NAME), $(NAME:p), $(NAME:p:q); s points after "$(" */
static size_t expand_paren(const struct macro_ctx *ctx, const char *s,
			   struct out *o, char *val)
{
	const char *p = s, *close = strchr(s, ')');
	long from = 0, count = -1;
	size_t n, vlen, start, end;
	char name[128];

	if (!close)
		return 0;
	n = strcspn(s, ":)");
	if (!n || n >= sizeof(name))
		return 0;
	memcpy(name, s, n);
	name[n] = '\0';
	p = s + n;
	if (*p == ':') {
		p++;
		if (parse_num(&p, &from))
			return 0;
		if (*p == ':') {
			p++;
			if (parse_num(&p, &count))
				return 0;
		}
	}
	if (*p != ')')
		return 0;
	if (macro_lookup(ctx, name, val, MACRO_VAL_MAX, 1))
		return 0;
	/* p and q count characters, not bytes: a cut never splits one */
	vlen = strlen(val);
	start = text_utf8_offset(val, (size_t)from);
	end = count < 0 ? vlen : start + text_utf8_offset(val + start,
							  (size_t)count);
	put(o, val + start, end - start);
	return p + 1 - s;
}

int macro_expand(const struct macro_ctx *ctx, const char *in,
		 char *out, size_t outlen)
{
	struct out o = { .buf = out, .len = outlen };
	char *val;
	size_t used;

	if (!outlen)
		return -E2BIG;
	out[0] = '\0';
	val = malloc(MACRO_VAL_MAX);
	if (!val)
		return -ENOMEM;
	while (*in) {
		if (*in != '$') {
			used = strcspn(in, "$");
			put(&o, in, used);
			in += used;
			continue;
		}
		if (in[1] == '$') {
			put(&o, "$", 1);
			in += 2;
			continue;
		}
		if (in[1] == '(')
			used = expand_paren(ctx, in + 2, &o, val);
		else
			used = expand_bare(ctx, in + 1, &o, val);
		if (used) {
			in += (in[1] == '(' ? 2 : 1) + used;
		} else {
			put(&o, "$", 1);	/* unknown: as written */
			in++;
		}
	}
	free(val);
	return o.overflow ? -E2BIG : 0;
}
