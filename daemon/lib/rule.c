// SPDX-License-Identifier: GPL-2.0
/*
 * rule.c: parses a Profile_Rule: '|'-separated alternatives of
 * [( cond )?] [( Name = "value" ; ... )!] [[options]] URL, with '#'
 * comments, evaluates conditions and splits URLs. Pure: macro expansion
 * comes in through a callback.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rule.h"

#define RULE_TEXT_MAX 8192
#define RULE_VAL_MAX 4096

static int syntax(char *err, size_t errlen, size_t pos, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(err, errlen, "rule syntax error at position %zu: %s",
		 pos + 1, msg);
	return -EINVAL;
}

/* index of the quote's partner, or 0 when unterminated */
static size_t skip_quote(const char *s, size_t i)
{
	char q = s[i];

	for (i++; s[i]; i++)
		if (s[i] == q)
			return i;
	return 0;
}

/* the closing partner of s[i] ('(' or '['), quote-aware; 0 if none */
static size_t match_close(const char *s, size_t i, size_t end)
{
	char open = s[i], close = open == '(' ? ')' : ']';
	int depth = 0;

	for (; i < end; i++) {
		if (s[i] == '"' || s[i] == '\'') {
			i = skip_quote(s, i);
			if (!i || i >= end)
				return 0;
		} else if (s[i] == open) {
			depth++;
		} else if (s[i] == close && !--depth) {
			return i;
		}
	}
	return 0;
}

static char *dup_range(const char *s, size_t a, size_t b)
{
	return strndup(s + a, b - a);
}

static size_t skip_ws(const char *s, size_t i, size_t end)
{
	while (i < end && isspace((unsigned char)s[i]))
		i++;
	return i;
}

/* a word or quoted string from s[*i]; value malloc'd into *out */
static int token(const char *s, size_t *i, size_t end, const char *stops,
		 char **out, char *err, size_t errlen)
{
	size_t a = *i, b;

	if (s[a] == '"' || s[a] == '\'') {
		b = skip_quote(s, a);
		if (!b || b >= end)
			return syntax(err, errlen, a, "unterminated quote");
		*out = dup_range(s, a + 1, b);
		*i = b + 1;
	} else {
		b = a;
		while (b < end && !isspace((unsigned char)s[b]) &&
		       !strchr(stops, s[b]))
			b++;
		if (b == a)
			return syntax(err, errlen, a, "expected a value");
		*out = dup_range(s, a, b);
		*i = b;
	}
	return *out ? 0 : -ENOMEM;
}

static int gpp_letter(const char *v, char *out)
{
	if (strlen(v) != 1 || toupper((unsigned char)v[0]) < 'A' ||
	    toupper((unsigned char)v[0]) > 'P')
		return -EINVAL;
	*out = toupper((unsigned char)v[0]);
	return 0;
}

static int parse_options(const char *s, size_t a, size_t b,
			 struct rule_alt *alt, char *err, size_t errlen)
{
	char *opt = NULL, *val = NULL, **dst;
	size_t i = a, at;
	int ret = 0;

	for (;;) {
		i = skip_ws(s, i, b);
		if (i >= b)
			break;
		at = i;
		ret = token(s, &i, b, "", &opt, err, errlen);
		if (ret)
			break;
		i = skip_ws(s, i, b);
		if (i >= b) {
			ret = syntax(err, errlen, at, "option '%s' needs a value",
				     opt);
			break;
		}
		ret = token(s, &i, b, "", &val, err, errlen);
		if (ret)
			break;
		dst = NULL;
		if (!strcmp(opt, "--key"))
			dst = &alt->key;
		else if (!strcmp(opt, "--uid"))
			dst = &alt->uid;
		else if (!strcmp(opt, "--pwd"))
			dst = &alt->pwd;
		if (dst) {
			free(*dst);
			*dst = val;
			val = NULL;
		} else if (!strcmp(opt, "--alias") || !strcmp(opt, "--post")) {
			if (gpp_letter(val, opt[2] == 'a' ? &alt->alias :
				       &alt->post)) {
				ret = syntax(err, errlen, at,
					     "option %s wants a GPP letter a..p, not '%s'",
					     opt, val);
				break;
			}
		} else {
			ret = syntax(err, errlen, at, "unknown option '%s'", opt);
			break;
		}
		free(opt);
		free(val);
		opt = val = NULL;
	}
	free(opt);
	free(val);
	return ret;
}

static int add_assign(struct rule_alt *alt, const char *name, char *value)
{
	struct rule_assign *n;

	n = realloc(alt->assigns, (alt->nassign + 1) * sizeof(*n));
	if (!n)
		return -ENOMEM;
	alt->assigns = n;
	n += alt->nassign++;
	if (strlen(name) == 1 && gpp_letter(name, &n->name[4]) == 0) {
		memcpy(n->name, "GPP_", 4);
		n->name[5] = '\0';
	} else {
		snprintf(n->name, sizeof(n->name), "%s", name);
	}
	n->value = value;
	return 0;
}

static int parse_assigns(const char *s, size_t a, size_t b,
			 struct rule_alt *alt, char *err, size_t errlen)
{
	char name[RULE_NAME_MAX], *val;
	size_t i = a, n;
	int ret;

	for (;;) {
		i = skip_ws(s, i, b);
		if (i >= b)
			return 0;
		n = 0;
		while (i + n < b && (isalnum((unsigned char)s[i + n]) ||
				     s[i + n] == '_'))
			n++;
		if (!n || n >= sizeof(name))
			return syntax(err, errlen, i, "expected a parameter name");
		memcpy(name, s + i, n);
		name[n] = '\0';
		i = skip_ws(s, i + n, b);
		if (i >= b || s[i] != '=')
			return syntax(err, errlen, i, "expected '=' after '%s'",
				      name);
		i = skip_ws(s, i + 1, b);
		if (i >= b)
			return syntax(err, errlen, i, "expected a value");
		ret = token(s, &i, b, ";", &val, err, errlen);
		if (ret)
			return ret;
		ret = add_assign(alt, name, val);
		if (ret) {
			free(val);
			return ret;
		}
		i = skip_ws(s, i, b);
		if (i < b && s[i] != ';')
			return syntax(err, errlen, i, "expected ';'");
		if (i < b)
			i++;
	}
}

static int check_cond(const char *cond, size_t pos, char *err, size_t errlen)
{
	char msg[256];
	bool v;

	if (!rule_cond_eval(cond, NULL, NULL, &v, msg, sizeof(msg)))
		return 0;
	snprintf(err, errlen, "rule syntax error at position %zu: %s",
		 pos + 1, msg);
	return -EINVAL;
}

/* ( ... )? or ( ... )! at s[*i] */
static int parse_paren(const char *s, size_t *i, size_t end,
		       struct rule_alt *alt, char *err, size_t errlen)
{
	size_t a = *i, b, k;
	int ret;

	b = match_close(s, a, end);
	if (!b)
		return syntax(err, errlen, a, "'(' without ')'");
	k = skip_ws(s, b + 1, end);
	if (k < end && s[k] == '?' && !alt->cond && !alt->nassign) {
		alt->cond = dup_range(s, a + 1, b);
		if (!alt->cond)
			return -ENOMEM;
		alt->cond_pos = a + 1;
		ret = check_cond(alt->cond, a + 1, err, errlen);
	} else if (k < end && s[k] == '!' && !alt->nassign) {
		ret = parse_assigns(s, a + 1, b, alt, err, errlen);
	} else {
		return syntax(err, errlen, k, "expected '?' or '!' after ')'");
	}
	*i = k + 1;
	return ret;
}

static int parse_alt(const char *s, size_t a, size_t b, struct rule_alt *alt,
		     char *err, size_t errlen)
{
	size_t i = skip_ws(s, a, b), c, e;
	int ret;

	while (i < b && s[i] == '(') {
		ret = parse_paren(s, &i, b, alt, err, errlen);
		if (ret)
			return ret;
		i = skip_ws(s, i, b);
	}
	if (i < b && s[i] == '[') {
		c = match_close(s, i, b);
		if (!c)
			return syntax(err, errlen, i, "'[' without ']'");
		ret = parse_options(s, i + 1, c, alt, err, errlen);
		if (ret)
			return ret;
		i = skip_ws(s, c + 1, b);
	}
	e = b;
	while (e > i && isspace((unsigned char)s[e - 1]))
		e--;
	if (i >= e)
		return syntax(err, errlen, i, "no URL");
	for (c = i; c < e; c++)
		if (isspace((unsigned char)s[c]) || strchr("[]()\"", s[c]))
			return syntax(err, errlen, c,
				      "unexpected '%c' in the URL", s[c]);
	alt->url = dup_range(s, i, e);
	return alt->url ? 0 : -ENOMEM;
}

/* copy of text with '#' comments blanked (positions kept) */
static char *strip_comments(const char *text)
{
	char *s = strdup(text);
	size_t i, q;

	if (!s)
		return NULL;
	for (i = 0; s[i]; i++) {
		if (s[i] == '"' || s[i] == '\'') {
			q = skip_quote(s, i);
			if (!q)
				break;
			i = q;
		} else if (s[i] == '#') {
			for (; s[i] && s[i] != '\n'; i++)
				s[i] = ' ';
			if (!s[i])
				break;
		}
	}
	return s;
}

/* end of the alternative starting at a: the next top-level '|' */
static size_t alt_end(const char *s, size_t a)
{
	int depth = 0;
	size_t i, q;

	for (i = a; s[i]; i++) {
		if (s[i] == '"' || s[i] == '\'') {
			q = skip_quote(s, i);
			if (!q)
				return strlen(s);
			i = q;
		} else if (s[i] == '(' || s[i] == '[') {
			depth++;
		} else if ((s[i] == ')' || s[i] == ']') && depth > 0) {
			depth--;
		} else if (s[i] == '|' && !depth) {
			return i;
		}
	}
	return i;
}

int rule_parse(const char *text, struct rule *out, char *err, size_t errlen)
{
	struct rule_alt *n;
	size_t a = 0, b;
	char *s;
	int ret = 0;

	memset(out, 0, sizeof(*out));
	if (strlen(text) > RULE_TEXT_MAX)
		return syntax(err, errlen, RULE_TEXT_MAX, "rule too long");
	s = strip_comments(text);
	if (!s)
		return -ENOMEM;
	if (s[skip_ws(s, 0, strlen(s))] == '\0')
		goto out;
	for (;;) {
		b = alt_end(s, a);
		n = realloc(out->alts, (out->count + 1) * sizeof(*n));
		if (!n) {
			ret = -ENOMEM;
			break;
		}
		out->alts = n;
		memset(&n[out->count], 0, sizeof(*n));
		ret = parse_alt(s, a, b, &n[out->count++], err, errlen);
		if (ret || !s[b])
			break;
		a = b + 1;
	}
out:
	free(s);
	if (ret)
		rule_free(out);
	return ret;
}

void rule_free(struct rule *r)
{
	size_t i, j;

	for (i = 0; i < r->count; i++) {
		struct rule_alt *a = &r->alts[i];

		for (j = 0; j < a->nassign; j++)
			free(a->assigns[j].value);
		free(a->assigns);
		free(a->cond);
		free(a->key);
		free(a->uid);
		free(a->pwd);
		free(a->url);
	}
	free(r->alts);
	memset(r, 0, sizeof(*r));
}

int rule_select(const struct rule *r, rule_expand_fn fn, void *arg,
		char *err, size_t errlen)
{
	size_t i;
	bool ok;
	int ret;

	for (i = 0; i < r->count; i++) {
		if (!r->alts[i].cond)
			return i;
		ret = rule_cond_eval(r->alts[i].cond, fn, arg, &ok, err,
				     errlen);
		if (ret)
			return ret;
		if (ok)
			return i;
	}
	return -ENOENT;
}

/* ---- conditions ---- */

enum cmp_op { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE };

static const struct {
	const char *sym;
	const char *word;
	enum cmp_op op;
} cmp_ops[] = {
	{ "<=", "le", OP_LE }, { ">=", "ge", OP_GE }, { "!=", "ne", OP_NE },
	{ "==", NULL, OP_EQ }, { "=", "eq", OP_EQ }, { "<", "lt", OP_LT },
	{ ">", "gt", OP_GT },
};

static int read_op(const char *s, size_t *i, enum cmp_op *op)
{
	size_t k, n;

	for (k = 0; k < sizeof(cmp_ops) / sizeof(cmp_ops[0]); k++) {
		n = strlen(cmp_ops[k].sym);
		if (!strncmp(s + *i, cmp_ops[k].sym, n))
			goto found;
		if (cmp_ops[k].word &&
		    !strncasecmp(s + *i, cmp_ops[k].word, 2) &&
		    (isspace((unsigned char)s[*i + 2]) ||
		     s[*i + 2] == '"' || s[*i + 2] == '\'')) {
			n = 2;
			goto found;
		}
	}
	return -EINVAL;
found:
	*op = cmp_ops[k].op;
	*i += n;
	return 0;
}

static int is_number(const char *s)
{
	return isdigit((unsigned char)s[0]) ||
	       (s[0] == '-' && isdigit((unsigned char)s[1]));
}

int rule_version_cmp(const char *a, const char *b)
{
	unsigned long long x, y;
	char *ea, *eb;

	while (*a && *b) {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			x = strtoull(a, &ea, 10);
			y = strtoull(b, &eb, 10);
			if (x != y)
				return x < y ? -1 : 1;
			a = ea;
			b = eb;
		} else if (*a != *b) {
			return (unsigned char)*a - (unsigned char)*b;
		} else {
			a++;
			b++;
		}
	}
	return (unsigned char)*a - (unsigned char)*b;
}

static int compare(const char *a, const char *b, enum cmp_op op)
{
	int c;

	if (is_number(a) && is_number(b) && a[0] != '-' && b[0] != '-')
		c = rule_version_cmp(a, b);
	else if (is_number(a) && is_number(b))
		c = (strtoll(a, NULL, 10) > strtoll(b, NULL, 10)) -
		    (strtoll(a, NULL, 10) < strtoll(b, NULL, 10));
	else
		c = strcmp(a, b);
	switch (op) {
	case OP_EQ: return c == 0;
	case OP_NE: return c != 0;
	case OP_LT: return c < 0;
	case OP_LE: return c <= 0;
	case OP_GT: return c > 0;
	default: return c >= 0;
	}
}

static int operand(const char *s, size_t *i, rule_expand_fn fn, void *arg,
		   char *out, char *err, size_t errlen)
{
	size_t end = strlen(s);
	char *raw = NULL;
	int ret;

	*i = skip_ws(s, *i, end);
	if (*i >= end) {
		snprintf(err, errlen, "condition: operand missing at %zu",
			 *i + 1);
		return -EINVAL;
	}
	ret = token(s, i, end, "=!<>", &raw, err, errlen);
	if (ret)
		return ret;
	if (fn)
		ret = fn(arg, raw, out, RULE_VAL_MAX);
	else
		snprintf(out, RULE_VAL_MAX, "%s", raw);
	free(raw);
	return ret;
}

static int one_cmp(const char *s, size_t *i, rule_expand_fn fn, void *arg,
		   bool *res, char *buf, char *err, size_t errlen)
{
	char *a = buf, *b = buf + RULE_VAL_MAX;
	enum cmp_op op;
	int ret;

	ret = operand(s, i, fn, arg, a, err, errlen);
	if (ret)
		return ret;
	*i = skip_ws(s, *i, strlen(s));
	if (read_op(s, i, &op)) {
		snprintf(err, errlen,
			 "condition: expected a comparison operator at %zu",
			 *i + 1);
		return -EINVAL;
	}
	ret = operand(s, i, fn, arg, b, err, errlen);
	if (ret)
		return ret;
	*res = compare(a, b, op);
	return 0;
}

int rule_cond_eval(const char *cond, rule_expand_fn fn, void *arg,
		   bool *out, char *err, size_t errlen)
{
	size_t i = 0, end = strlen(cond);
	bool all = true, one;
	char *buf;
	int ret;

	buf = malloc(2 * RULE_VAL_MAX);
	if (!buf)
		return -ENOMEM;
	for (;;) {
		ret = one_cmp(cond, &i, fn, arg, &one, buf, err, errlen);
		if (ret)
			break;
		all = all && one;
		i = skip_ws(cond, i, end);
		if (i >= end)
			break;
		if (strncasecmp(cond + i, "and", 3) ||
		    !isspace((unsigned char)cond[i + 3])) {
			snprintf(err, errlen,
				 "condition: expected 'and' at %zu", i + 1);
			ret = -EINVAL;
			break;
		}
		i += 3;
	}
	free(buf);
	if (!ret)
		*out = all;
	return ret;
}

/* ---- URLs ---- */

static int default_port(const char *scheme)
{
	if (!strcmp(scheme, "tftp"))
		return 69;
	if (!strcmp(scheme, "http"))
		return 80;
	if (!strcmp(scheme, "https"))
		return 443;
	return -1;
}

static int split_server(const char *s, size_t n, struct rule_url *out,
			char *err, size_t errlen)
{
	const char *colon = NULL, *p;
	unsigned long port;
	char *end;

	if (n && s[0] == '[') {
		p = memchr(s, ']', n);
		if (!p) {
			snprintf(err, errlen, "URL: '[' without ']'");
			return -EINVAL;
		}
		snprintf(out->server, sizeof(out->server), "%.*s",
			 (int)(p - s - 1), s + 1);
		colon = p + 1 < s + n && p[1] == ':' ? p + 1 : NULL;
	} else {
		colon = memchr(s, ':', n);
		if ((colon ? (size_t)(colon - s) : n) >= sizeof(out->server)) {
			snprintf(err, errlen, "URL: server name too long");
			return -EINVAL;
		}
		snprintf(out->server, sizeof(out->server), "%.*s",
			 (int)(colon ? colon - s : (long)n), s);
	}
	if (!colon)
		return 0;
	port = strtoul(colon + 1, &end, 10);
	if (end != s + n || end == colon + 1 || !port || port > 65535) {
		snprintf(err, errlen, "URL: bad port '%.*s'",
			 (int)(s + n - colon - 1), colon + 1);
		return -EINVAL;
	}
	out->port = port;
	return 0;
}

int rule_url_parse(const char *url, struct rule_url *out, char *err,
		   size_t errlen)
{
	const char *p = strstr(url, "://"), *slash;
	size_t n;
	int dp;

	memset(out, 0, sizeof(*out));
	if (p) {
		n = p - url;
		if (n >= sizeof(out->scheme))
			n = sizeof(out->scheme) - 1;
		for (size_t i = 0; i < n; i++)
			out->scheme[i] = tolower((unsigned char)url[i]);
		url = p + 3;
	} else {
		strcpy(out->scheme, "tftp");
	}
	dp = default_port(out->scheme);
	if (dp < 0) {
		snprintf(err, errlen, "URL: unsupported scheme '%s'",
			 out->scheme);
		return -EINVAL;
	}
	slash = strchr(url, '/');
	if (!slash) {
		snprintf(err, errlen, "URL '%s' has no path", url);
		return -EINVAL;
	}
	if (split_server(url, slash - url, out, err, errlen))
		return -EINVAL;
	if (!out->port)
		out->port = dp;
	if (strlen(slash) >= sizeof(out->path)) {
		snprintf(err, errlen, "URL: path too long");
		return -EINVAL;
	}
	strcpy(out->path, slash);
	return 0;
}
