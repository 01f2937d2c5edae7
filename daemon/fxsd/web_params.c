// SPDX-License-Identifier: GPL-2.0
/*
 * web_params.c: the Voice pages: one form per page of the parameter
 * table (Provisioning, System, SIP, Regional, Line 1, ...), built from the
 * table, and "Submit All Changes": every field is checked first, each
 * error is shown next to its field, and only a form without one goes to
 * provision_apply (through provision_assign), all or nothing. What a
 * level sees: GPP_SA..SD never; na (secrets) only the admin, as an empty
 * password field (empty: unchanged); the user edits rw only, sees ro.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "param.h"
#include "provision.h"
#include "store.h"
#include "web.h"

#define WEB_ERR_MAX 320

/* what a page shows for each parameter */
enum web_show { SHOW_NOT, SHOW_RO, SHOW_RW, SHOW_SECRET };

/**
 * struct web_form_state - a submitted form, per table index
 * @value: the value given (shown back when the form had an error)
 * @err:   its error, or NULL
 */
struct web_form_state {
	const char **value;
	char **err;
};

static enum web_show web_show(const struct web_call *c,
			      const struct param_def *p)
{
	const struct store *st = c->t->pv->st;

	if (param_key_only(p))
		return SHOW_NOT;
	if (store_secret(st, p))
		return c->level == WEB_ADMIN ? SHOW_SECRET : SHOW_NOT;
	if (c->level == WEB_ADMIN || store_access(st, p) == PARAM_RW)
		return SHOW_RW;
	return SHOW_RO;
}

static int web_on_page(const struct param_def *p, const char *page)
{
	char buf[64];

	return !strcmp(web_param_page(p, buf, sizeof(buf)), page);
}

static void web_label(FILE *out, const char *name)
{
	for (; *name; name++)
		fputc(*name == '_' ? ' ' : *name, out);
}

static void web_field(struct web_call *c, const struct param_def *p,
		      enum web_show show, const struct web_form_state *fs)
{
	size_t i = param_index(p);
	const char *v = fs && fs->value[i] ? fs->value[i] :
			store_value(c->t->pv->st, p);
	const char *name = param_name(p);

	fputs("<tr><td><label for=\"", c->out);
	web_html_escape(c->out, name);
	fputs("\">", c->out);
	web_label(c->out, name);
	fputs(":</label></td><td>", c->out);
	fprintf(c->out, "<input type=\"%s\" id=\"",
		show == SHOW_SECRET ? "password" : "text");
	web_html_escape(c->out, name);
	fputs("\" name=\"", c->out);
	web_html_escape(c->out, name);
	fputs("\" value=\"", c->out);
	if (show != SHOW_SECRET)
		web_html_escape(c->out, v);
	fputs("\"", c->out);
	if (show == SHOW_SECRET)
		fputs(" placeholder=\"(hidden; empty: unchanged)\""
		      " autocomplete=\"new-password\"", c->out);
	if (show == SHOW_RO)
		fputs(" readonly disabled", c->out);
	fputs("></td><td><small>", c->out);
	web_html_escape(c->out, param_type_desc(p));
	fputs("</small>", c->out);
	if (fs && fs->err[i]) {
		fputs(" <span class=\"err\" id=\"err_", c->out);
		web_html_escape(c->out, name);
		fputs("\">", c->out);
		web_html_escape(c->out, fs->err[i]);
		fputs("</span>", c->out);
	}
	fputs("</td></tr>\n", c->out);
}

/* the page's form; fs: a submitted form shown back, or NULL */
static void web_form_page(struct web_call *c, const char *page,
			  const struct web_form_state *fs, const char *note,
			  int bad)
{
	const char *section = NULL, *g;
	const struct param_def *p;
	enum web_show show;
	size_t i;

	web_html_begin(c, page);
	if (note) {
		fprintf(c->out, "<p id=\"message\" class=\"%s\">",
			bad ? "err" : "ok");
		web_html_escape(c->out, note);
		fputs("</p>\n", c->out);
	}
	fprintf(c->out, "<form method=\"post\" action=\"%s\" id=\"params\">\n"
		"<input type=\"hidden\" name=\"csrf\" value=\"%s\">\n",
		c->path, c->csrf);
	for (i = 0; i < param_count(); i++) {
		p = param_at(i);
		show = web_show(c, p);
		if (show == SHOW_NOT || !web_on_page(p, page))
			continue;
		g = strchr(param_group(p), '/');
		g = g ? g + 1 : param_group(p);
		if (!section || strcmp(section, g)) {
			fprintf(c->out, "%s<h3>", section ? "</table>\n" : "");
			web_html_escape(c->out, g);
			fputs("</h3>\n<table>\n", c->out);
			section = g;
		}
		web_field(c, p, show, fs);
	}
	fprintf(c->out, "%s<p><input type=\"submit\" id=\"submit\" "
		"value=\"Submit All Changes\"></p>\n</form>\n",
		section ? "</table>\n" : "");
	web_html_end(c);
}

/* the form's fields as NAME=VALUE into set; checks each against the
 * caller's level and the table (errors into fs); -EINVAL, -EACCES for a
 * field not on the page or not the caller's, with msg */
static int web_collect(struct web_call *c, const char *page,
		       const struct web_form *f, struct web_form_state *fs,
		       char **set, size_t *n, char *msg, size_t msglen)
{
	const struct param_def *p;
	enum web_show show;
	char err[WEB_ERR_MAX];
	size_t i, len;
	int bad = 0;

	for (i = 0; i < f->count; i++) {
		const char *name = f->fields[i].name, *v = f->fields[i].value;

		if (!strcmp(name, "csrf"))
			continue;
		p = param_find(name);
		show = p && web_on_page(p, page) ? web_show(c, p) : SHOW_NOT;
		if (show == SHOW_NOT || strcmp(param_name(p), name)) {
			snprintf(msg, msglen, "no field '%.64s' on this page",
				 name);
			return -EINVAL;
		}
		if (show == SHOW_RO) {
			snprintf(msg, msglen, "%s is read-only", name);
			return -EACCES;
		}
		if (show == SHOW_SECRET && !*v)
			continue;
		fs->value[param_index(p)] = v;
		if (param_validate(p, v, err, sizeof(err))) {
			fs->err[param_index(p)] = strdup(err);
			bad = 1;
			continue;
		}
		len = strlen(name) + strlen(v) + 2;
		set[*n] = malloc(len);
		if (!set[*n])
			return -ENOMEM;
		snprintf(set[(*n)++], len, "%s=%s", name, v);
	}
	if (bad)
		snprintf(msg, msglen, "nothing was changed: correct the fields marked");
	return bad ? -EINVAL : 0;
}

/* provision_apply's error names its parameter first: put it there */
static void web_place_error(struct web_form_state *fs, const char *err)
{
	char name[PARAM_NAME_MAX + 1];
	const struct param_def *p;
	size_t n = strcspn(err, " :'");

	if (n > PARAM_NAME_MAX)
		return;
	memcpy(name, err, n);
	name[n] = '\0';
	p = param_find(name);
	if (p && !fs->err[param_index(p)])
		fs->err[param_index(p)] = strdup(err);
}

static int web_any_error(const struct web_form_state *fs)
{
	size_t i;

	for (i = 0; i < param_count(); i++)
		if (fs->err[i])
			return 1;
	return 0;
}

static int web_submit(struct web_call *c, const char *page,
		      const struct web_form *f)
{
	struct web_form_state fs;
	char msg[WEB_ERR_MAX + 32], err[WEB_ERR_MAX];
	char **set = calloc(f->count + 1, sizeof(*set));
	size_t i, n = 0;
	int ret, status = 200;

	fs.value = calloc(param_count(), sizeof(*fs.value));
	fs.err = calloc(param_count(), sizeof(*fs.err));
	if (!set || !fs.value || !fs.err) {
		ret = -ENOMEM;
		snprintf(msg, sizeof(msg), "out of memory");
	} else {
		ret = web_collect(c, page, f, &fs, set, &n, msg, sizeof(msg));
	}
	if (!ret) {
		ret = provision_assign(c->t->pv, (const char *const *)set, n,
				       err, sizeof(err));
		if (ret) {
			web_place_error(&fs, err);
			snprintf(msg, sizeof(msg), "nothing was changed: %s",
				 err);
		}
	}
	if (!ret)
		web_form_page(c, page, NULL, "Settings applied", 0);
	else if (ret == -EACCES)
		status = web_html_message(c, 403, page, msg);
	else if (ret == -ENOMEM)
		status = web_html_message(c, 500, page, msg);
	else if (web_any_error(&fs))
		web_form_page(c, page, &fs, msg, 1);
	else
		status = web_html_message(c, 400, page, msg);
	if (ret && status == 200)
		status = 400;
	for (i = 0; i < n; i++)
		free(set[i]);
	for (i = 0; fs.err && i < param_count(); i++)
		free(fs.err[i]);
	free(set);
	free(fs.value);
	free(fs.err);
	return status;
}

static int web_is_form(const char *type)
{
	static const char form[] = "application/x-www-form-urlencoded";

	return type && !strncasecmp(type, form, sizeof(form) - 1) &&
	       (!type[sizeof(form) - 1] || type[sizeof(form) - 1] == ';');
}

int web_params_page(struct web_call *c)
{
	const char *page = c->path + strlen("/voice/");
	struct web_form f;
	char err[WEB_ERR_MAX];
	size_t i;
	int status;

	for (i = 0; i < web_pages_count(); i++)
		if (!strcmp(web_page_name(i), page))
			break;
	if (i == web_pages_count())
		return web_html_message(c, 404, "Not found", "no such page");
	if (!c->post) {
		web_form_page(c, page, NULL, NULL, 0);
		return 200;
	}
	if (!web_is_form(c->content_type))
		return web_html_message(c, 400, page,
					"not an application/x-www-form-urlencoded form");
	if (web_form_parse(c->body ? c->body : "", c->body_len, &f, err,
			   sizeof(err)))
		return web_html_message(c, 400, page, err);
	if (!web_csrf_ok(c->csrf, web_form_get(&f, "csrf"))) {
		web_form_free(&f);
		return web_html_message(c, 403, page,
					"the form's token is missing or stale: reload the page");
	}
	status = web_submit(c, page, &f);
	web_form_free(&f);
	return status;
}
