// SPDX-License-Identifier: GPL-2.0
/*
 * web_form.c: the web admin's request text: a strict parser of
 * application/x-www-form-urlencoded bodies, %-decoding of a query, and
 * the CSRF token comparison.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web.h"

#define WEB_FORM_FIELDS_MAX 1024

static int web_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* decodes n bytes of in into out (n + 1 bytes); plus: '+' is a space.
 * -EINVAL for a bad %XX, a NUL or a control character other than TAB */
static int web_decode(const char *in, size_t n, int plus, char *out)
{
	size_t i, o = 0;
	int hi, lo;
	unsigned char ch;

	for (i = 0; i < n; i++) {
		ch = (unsigned char)in[i];
		if (ch == '%') {
			if (i + 2 >= n)
				return -EINVAL;
			hi = web_hexval(in[i + 1]);
			lo = web_hexval(in[i + 2]);
			if (hi < 0 || lo < 0)
				return -EINVAL;
			ch = (unsigned char)(hi * 16 + lo);
			i += 2;
		} else if (plus && ch == '+') {
			ch = ' ';
		}
		if ((ch < 0x20 && ch != '\t') || ch == 0x7f)
			return -EINVAL;
		out[o++] = (char)ch;
	}
	out[o] = '\0';
	return 0;
}

int web_url_decode(const char *in, char *out, size_t len)
{
	size_t n = strlen(in);

	if (n >= len)
		return -EINVAL;
	return web_decode(in, n, 0, out);
}

static char *web_decode_dup(const char *in, size_t n)
{
	char *out = malloc(n + 1);

	if (out && web_decode(in, n, 1, out)) {
		free(out);
		return NULL;
	}
	return out;
}

/* one "name=value" of n bytes into f; -EINVAL with err */
static int web_form_field(struct web_form *f, const char *s, size_t n,
			  char *err, size_t errlen)
{
	const char *eq = memchr(s, '=', n);
	struct web_form_field *fl = &f->fields[f->count];

	if (!eq || eq == s) {
		snprintf(err, errlen, "form field %zu is not NAME=VALUE",
			 f->count + 1);
		return -EINVAL;
	}
	fl->name = web_decode_dup(s, (size_t)(eq - s));
	fl->value = web_decode_dup(eq + 1, n - (size_t)(eq - s) - 1);
	if (!fl->name || !fl->value || !*fl->name) {
		free(fl->name);
		free(fl->value);
		snprintf(err, errlen, "form field %zu: bad %%-encoding",
			 f->count + 1);
		return -EINVAL;
	}
	if (web_form_get(f, fl->name)) {
		snprintf(err, errlen, "form field '%.64s' given twice",
			 fl->name);
		free(fl->name);
		free(fl->value);
		return -EINVAL;
	}
	f->count++;
	return 0;
}

int web_form_parse(const char *body, size_t len, struct web_form *out,
		   char *err, size_t errlen)
{
	const char *s = body, *end = body + len, *amp;
	int ret = 0;

	memset(out, 0, sizeof(*out));
	if (memchr(body, '\0', len)) {
		snprintf(err, errlen, "form has a NUL byte");
		return -EINVAL;
	}
	out->fields = calloc(WEB_FORM_FIELDS_MAX, sizeof(*out->fields));
	if (!out->fields) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	while (s < end && !ret) {
		amp = memchr(s, '&', (size_t)(end - s));
		if (!amp)
			amp = end;
		if (out->count == WEB_FORM_FIELDS_MAX) {
			snprintf(err, errlen, "more than %d form fields",
				 WEB_FORM_FIELDS_MAX);
			ret = -EINVAL;
			break;
		}
		ret = web_form_field(out, s, (size_t)(amp - s), err, errlen);
		s = amp + 1;
	}
	if (ret)
		web_form_free(out);
	return ret;
}

void web_form_free(struct web_form *f)
{
	size_t i;

	for (i = 0; i < f->count; i++) {
		free(f->fields[i].name);
		free(f->fields[i].value);
	}
	free(f->fields);
	memset(f, 0, sizeof(*f));
}

const char *web_form_get(const struct web_form *f, const char *name)
{
	size_t i;

	for (i = 0; i < f->count; i++)
		if (!strcmp(f->fields[i].name, name))
			return f->fields[i].value;
	return NULL;
}

int web_csrf_ok(const char *expected, const char *got)
{
	size_t i, n = strlen(expected);
	unsigned char diff = 0;

	if (!got || strlen(got) != n)
		return 0;
	for (i = 0; i < n; i++)
		diff |= (unsigned char)(expected[i] ^ got[i]);
	return !diff;
}
