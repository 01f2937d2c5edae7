// SPDX-License-Identifier: GPL-2.0
/*
 * web.h: what the web_*.c files share inside fxsd: one request as the
 * handlers see it, the access levels, and the handlers themselves.
 */
#ifndef FXSD_WEB_H
#define FXSD_WEB_H

#include <stddef.h>
#include <stdio.h>

#include "web_server.h"

struct param_def;

#define WEB_BODY_MAX	(64 * 1024)	/* bytes of a request body */
#define WEB_REALM	"openfxs"
#define WEB_CSRF_HEX	32		/* hex digits of the CSRF token */

/* who is asking: the SPA's user and admin levels */
enum web_level { WEB_USER = 1, WEB_ADMIN = 2 };

/* what runs once the answer has gone out */
enum web_after { WEB_AFTER_NONE, WEB_AFTER_REBOOT };

/**
 * struct web_call - one request, and its answer being built
 * @t:        the daemon's parts
 * @post:     1 for POST, 0 for GET (and HEAD)
 * @path:     the path, decoded by MHD, without the query
 * @query:    the raw text after '?', still %-encoded, or NULL
 * @body:     the request body (POST), NUL-terminated, or NULL
 * @body_len: its length
 * @content_type: the Content-Type header, or NULL
 * @level:    the caller's access level
 * @csrf:     this daemon's form token (WEB_CSRF_HEX hex digits)
 * @out:      the answer body goes here
 * @type:     the answer's Content-Type (default text/html)
 * @after:    enum web_after
 */
struct web_call {
	struct web_target *t;
	int post;
	const char *path;
	const char *query;
	const char *body;
	size_t body_len;
	const char *content_type;
	enum web_level level;
	const char *csrf;
	FILE *out;
	const char *type;
	int after;
};

/* a handler: writes the answer to c->out; returns its HTTP status */
typedef int (*web_handler_fn)(struct web_call *c);

/* ---- web_html.c: escaping and the page frame ---- */
void web_html_escape(FILE *out, const char *s);
/* <html> to the menu and <main>; the menu shows what level may open */
void web_html_begin(struct web_call *c, const char *title);
void web_html_end(struct web_call *c);
/* a plain page with one message (errors, results) */
int web_html_message(struct web_call *c, int status, const char *title,
		     const char *msg);
/* the menu's parameter pages: count, and each one's name */
size_t web_pages_count(void);
const char *web_page_name(size_t i);
/* the page (web_page_name) a parameter is on */
const char *web_param_page(const struct param_def *p, char *buf,
			   size_t len);

/* ---- web_form.c: application/x-www-form-urlencoded ---- */
struct web_form_field {
	char *name;
	char *value;
};
struct web_form {
	struct web_form_field *fields;
	size_t count;
};
/* strict: NAME=VALUE joined by '&', %XX and '+' decoded, no control
 * characters but TAB, no empty or repeated name; 0 or -EINVAL with err */
int web_form_parse(const char *body, size_t len, struct web_form *out,
		   char *err, size_t errlen);
void web_form_free(struct web_form *f);
const char *web_form_get(const struct web_form *f, const char *name);
/* %XX decoding of a URL's query (no '+' rule); 0 or -EINVAL */
int web_url_decode(const char *in, char *out, size_t len);
/* the token compared in constant time; 1 when it matches */
int web_csrf_ok(const char *expected, const char *got);

/* ---- the handlers ---- */
int web_status_page(struct web_call *c);	/* web_status.c */
int web_status_xml(struct web_call *c);
int web_log_page(struct web_call *c);		/* web_log.c */
int web_params_page(struct web_call *c);	/* web_params.c */
int web_action_resync(struct web_call *c);	/* web_action.c */
int web_action_reboot(struct web_call *c);
int web_action_cfg_xml(struct web_call *c);
int web_execute(struct web_call *c);		/* web_execute.c */
/* runs the resync a web request asked for (rule NULL: the configured
 * rules): 0, -ECANCELED (Provision_Enable is No) or the failure */
int web_action_run_resync(struct web_call *c, const char *rule);
/* the XML escape of attribute and element text */
void web_xml_escape(FILE *out, const char *s);

#endif /* FXSD_WEB_H */
