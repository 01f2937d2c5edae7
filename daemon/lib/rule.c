// SPDX-License-Identifier: GPL-2.0
/*
 * rule.c: parses a Profile_Rule: '|'-separated alternatives of
 * [( cond )?] [( Name = "value" ; ... )!] [[options] URL], each part
 * optional (only the last alternative may go without a condition), with
 * '#' comments; evaluates conditions (the legacy forms with $SWVER as the
 * implied left-hand side too) and splits URLs. Errors name one position,
 * counted in the text given. Pure: macro expansion comes in through a
 * callback.
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

/**
 * struct where - where an error is reported, and how it is named
 * @err:    the message buffer
 * @errlen: its size
 * @base:   offset of the text being read in the text the user wrote (a
 *          condition is read on its own, inside its rule)
 * @what:   "rule" or "condition"
 */
struct where {
	char *err;
	size_t errlen;
	size_t base;
	const char *what;
};

/* "<what> <kind> at position N: msg" (N from 1, in the user's text) */
static int vreport(const struct where *w, const char *kind, size_t pos,
		   const char *fmt, va_list ap)
{
	char msg[256];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	snprintf(w->err, w->errlen, "%s %s at position %zu: %s", w->what, kind,
		 w->base + pos + 1, msg);
	return -EINVAL;
}

static int syntax(const struct where *w, size_t pos, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = vreport(w, "syntax error", pos, fmt, ap);
	va_end(ap);
	return ret;
}

/* a failure that is no syntax error (an operand too long once expanded) */
static int fault(const struct where *w, size_t pos, int ret,
		 const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(w, "error", pos, fmt, ap);
	va_end(ap);
	return ret;
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

/* index of the first quote in s[a..end) left open, or end when none */
static size_t open_quote(const char *s, size_t a, size_t end)
{
	size_t q;

	for (; a < end; a++) {
		if (s[a] != '"' && s[a] != '\'')
			continue;
		q = skip_quote(s, a);
		if (!q || q >= end)
			return a;
		a = q;
	}
	return end;
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
		 char **out, const struct where *w)
{
	size_t a = *i, b;

	if (s[a] == '"' || s[a] == '\'') {
		b = skip_quote(s, a);
		if (!b || b >= end)
			return syntax(w, a, "unterminated quote");
		*out = dup_range(s, a + 1, b);
		*i = b + 1;
	} else {
		b = a;
		while (b < end && !isspace((unsigned char)s[b]) &&
		       !strchr(stops, s[b]))
			b++;
		if (b == a)
			return syntax(w, a, "expected a value");
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
			 struct rule_alt *alt, const struct where *w)
{
	char *opt = NULL, *val = NULL, **dst;
	size_t i = a, at;
	int ret = 0;

	for (;;) {
		i = skip_ws(s, i, b);
		if (i >= b)
			break;
		at = i;
		ret = token(s, &i, b, "", &opt, w);
		if (ret)
			break;
		i = skip_ws(s, i, b);
		if (i >= b) {
			ret = syntax(w, at, "option '%s' needs a value", opt);
			break;
		}
		ret = token(s, &i, b, "", &val, w);
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
				ret = syntax(w, at,
					     "option %s wants a GPP letter a..p, not '%s'",
					     opt, val);
				break;
			}
		} else {
			ret = syntax(w, at, "unknown option '%s'", opt);
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
			 struct rule_alt *alt, const struct where *w)
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
			return syntax(w, i, "expected a parameter name");
		memcpy(name, s + i, n);
		name[n] = '\0';
		i = skip_ws(s, i + n, b);
		if (i >= b || s[i] != '=')
			return syntax(w, i, "expected '=' after '%s'", name);
		i = skip_ws(s, i + 1, b);
		if (i >= b)
			return syntax(w, i, "expected a value");
		ret = token(s, &i, b, ";", &val, w);
		if (ret)
			return ret;
		ret = add_assign(alt, name, val);
		if (ret) {
			free(val);
			return ret;
		}
		i = skip_ws(s, i, b);
		if (i < b && s[i] != ';')
			return syntax(w, i, "expected ';'");
		if (i < b)
			i++;
	}
}

static int cond_eval(const char *cond, rule_expand_fn fn, void *arg,
		     bool *out, const struct where *w);

/* a condition read on its own, its positions counted from pos */
static struct where inside(const struct where *w, size_t pos)
{
	struct where in = *w;

	in.base += pos;
	return in;
}

/* "'(' without ')'", or the open quote that hides the ')' */
static int unclosed(const char *s, size_t i, size_t end,
		    const struct where *w)
{
	size_t q = open_quote(s, i, end);

	if (q < end)
		return syntax(w, q, "unterminated quote");
	return syntax(w, i, "'%c' without '%c'", s[i], s[i] == '(' ? ')' : ']');
}

/* ( ... )? or ( ... )! at s[*i] */
static int parse_paren(const char *s, size_t *i, size_t end,
		       struct rule_alt *alt, const struct where *w)
{
	size_t a = *i, b, k;
	struct where in;
	bool v;
	int ret;

	b = match_close(s, a, end);
	if (!b)
		return unclosed(s, a, end, w);
	k = skip_ws(s, b + 1, end);
	if (k < end && s[k] == '?' && !alt->cond && !alt->nassign) {
		alt->cond = dup_range(s, a + 1, b);
		if (!alt->cond)
			return -ENOMEM;
		alt->cond_pos = w->base + a + 1;
		in = inside(w, a + 1);
		ret = cond_eval(alt->cond, NULL, NULL, &v, &in);
	} else if (k < end && s[k] == '!' && !alt->nassign) {
		ret = parse_assigns(s, a + 1, b, alt, w);
	} else {
		return syntax(w, k, "expected '?' or '!' after ')'");
	}
	*i = k + 1;
	return ret;
}

/* the ')' of the $( at s[i] in a URL */
static int url_macro(const char *s, size_t i, size_t end, size_t *close,
		     const struct where *w)
{
	size_t c;

	for (c = i + 2; c < end && s[c] != ')'; c++)
		if (isspace((unsigned char)s[c]) || strchr("[](\"'$", s[c]))
			return syntax(w, c, "unexpected '%c' in '$(...)'", s[c]);
	if (c >= end)
		return syntax(w, i, "'$(' without ')'");
	*close = c;
	return 0;
}

/* the URL s[i..e), kept unexpanded: $(NAME[:p[:q]]) may stand anywhere */
static int parse_url(const char *s, size_t i, size_t e, struct rule_alt *alt,
		     const struct where *w)
{
	size_t c;
	int ret;

	for (c = i; c < e; c++) {
		if (s[c] == '$' && c + 1 < e && s[c + 1] == '(') {
			ret = url_macro(s, c, e, &c, w);
			if (ret)
				return ret;
		} else if (isspace((unsigned char)s[c]) || strchr("[]()\"", s[c])) {
			return syntax(w, c, "unexpected '%c' in the URL", s[c]);
		}
	}
	alt->url = dup_range(s, i, e);
	return alt->url ? 0 : -ENOMEM;
}

/* [cond] [assignments] [[options] URL]: every part optional, but options
 * only with a URL */
static int parse_alt(const char *s, size_t a, size_t b, struct rule_alt *alt,
		     const struct where *w)
{
	size_t i = skip_ws(s, a, b), c, e, opts = b;
	int ret;

	while (i < b && s[i] == '(') {
		ret = parse_paren(s, &i, b, alt, w);
		if (ret)
			return ret;
		i = skip_ws(s, i, b);
	}
	if (i < b && s[i] == '[') {
		c = match_close(s, i, b);
		if (!c)
			return unclosed(s, i, b, w);
		ret = parse_options(s, i + 1, c, alt, w);
		if (ret)
			return ret;
		opts = i;
		i = skip_ws(s, c + 1, b);
	}
	e = b;
	while (e > i && isspace((unsigned char)s[e - 1]))
		e--;
	if (i < e)
		return parse_url(s, i, e, alt, w);
	if (opts < b)
		return syntax(w, opts, "options without a URL");
	return 0;
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

static int add_alt(struct rule *r)
{
	struct rule_alt *n;

	n = realloc(r->alts, (r->count + 1) * sizeof(*n));
	if (!n)
		return -ENOMEM;
	r->alts = n;
	memset(&n[r->count++], 0, sizeof(*n));
	return 0;
}

static int parse_alts(const char *s, struct rule *out, const struct where *w)
{
	size_t a = 0, b;
	int ret;

	for (;;) {
		b = alt_end(s, a);
		ret = add_alt(out);
		if (!ret)
			ret = parse_alt(s, a, b, &out->alts[out->count - 1], w);
		if (ret || !s[b])
			return ret;
		if (!out->alts[out->count - 1].cond)
			return syntax(w, b,
				      "only the last alternative may go without a condition: none after this '|' would be used");
		a = b + 1;
	}
}

int rule_parse(const char *text, struct rule *out, char *err, size_t errlen)
{
	const struct where w = { err, errlen, 0, "rule" };
	char *s;
	int ret = 0;

	memset(out, 0, sizeof(*out));
	if (strlen(text) > RULE_TEXT_MAX)
		return syntax(&w, RULE_TEXT_MAX, "rule too long");
	s = strip_comments(text);
	if (!s)
		return -ENOMEM;
	if (s[skip_ws(s, 0, strlen(s))])
		ret = parse_alts(s, out, &w);
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
	struct where w = { err, errlen, 0, "rule" };
	size_t i;
	bool ok;
	int ret;

	for (i = 0; i < r->count; i++) {
		if (!r->alts[i].cond)
			return i;
		w.base = r->alts[i].cond_pos;
		ret = cond_eval(r->alts[i].cond, fn, arg, &ok, &w);
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
	{ "!", NULL, OP_NE },	/* legacy (before SPA 2.0.6): "!" is "!=" */
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
		    (!s[*i + 2] || isspace((unsigned char)s[*i + 2]) ||
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

static int expand_operand(const char *raw, size_t at, rule_expand_fn fn,
			  void *arg, char *out, const struct where *w)
{
	int ret = 0;

	if (fn)
		ret = fn(arg, raw, out, RULE_VAL_MAX);
	else
		snprintf(out, RULE_VAL_MAX, "%s", raw);
	if (!ret)
		return 0;
	return fault(w, at, ret, "operand '%.40s' %s", raw, ret == -E2BIG ?
		     "too long after macro expansion" : strerror(-ret));
}

static int operand(const char *s, size_t *i, rule_expand_fn fn, void *arg,
		   char *out, const struct where *w)
{
	size_t end = strlen(s), at;
	char *raw = NULL;
	int ret;

	*i = skip_ws(s, *i, end);
	if (*i >= end)
		return syntax(w, *i, "operand missing");
	at = *i;
	ret = token(s, i, end, "=!<>", &raw, w);
	if (ret)
		return ret;
	ret = expand_operand(raw, at, fn, arg, out, w);
	free(raw);
	return ret;
}

/* a op b, or op b: the legacy form whose left-hand side is $SWVER */
static int one_cmp(const char *s, size_t *i, rule_expand_fn fn, void *arg,
		   bool *res, char *buf, const struct where *w)
{
	char *a = buf, *b = buf + RULE_VAL_MAX;
	enum cmp_op op;
	int ret;

	*i = skip_ws(s, *i, strlen(s));
	if (!read_op(s, i, &op)) {
		ret = expand_operand("$SWVER", *i, fn, arg, a, w);
	} else {
		ret = operand(s, i, fn, arg, a, w);
		if (ret)
			return ret;
		*i = skip_ws(s, *i, strlen(s));
		if (read_op(s, i, &op))
			return syntax(w, *i, "expected a comparison operator");
	}
	if (!ret)
		ret = operand(s, i, fn, arg, b, w);
	if (!ret)
		*res = compare(a, b, op);
	return ret;
}

static int cond_eval(const char *cond, rule_expand_fn fn, void *arg,
		     bool *out, const struct where *w)
{
	size_t i = 0, end = strlen(cond);
	bool all = true, one = false;
	char *buf;
	int ret;

	buf = malloc(2 * RULE_VAL_MAX);
	if (!buf)
		return -ENOMEM;
	for (;;) {
		ret = one_cmp(cond, &i, fn, arg, &one, buf, w);
		if (ret)
			break;
		all = all && one;
		i = skip_ws(cond, i, end);
		if (i >= end)
			break;
		if (strncasecmp(cond + i, "and", 3) ||
		    !isspace((unsigned char)cond[i + 3])) {
			ret = syntax(w, i, "expected 'and'");
			break;
		}
		i += 3;
	}
	free(buf);
	if (!ret)
		*out = all;
	return ret;
}

int rule_cond_eval(const char *cond, rule_expand_fn fn, void *arg,
		   bool *out, char *err, size_t errlen)
{
	const struct where w = { err, errlen, 0, "condition" };

	return cond_eval(cond, fn, arg, out, &w);
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
