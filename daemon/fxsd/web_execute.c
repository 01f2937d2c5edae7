// SPDX-License-Identifier: GPL-2.0
/*
 * web_execute.c: POST /CGI/Execute, the Cisco XML object
 * <CiscoIPPhoneExecute><ExecuteItem URL="Resync:RULE"/></...Execute>
 * (the body, or a form's XML= field), parsed with expat (no DTD, no
 * entities). The guides print the attribute unquoted,
 * URL=Resync:[profile-rule]: such a value is quoted before parsing. The
 * whole object is checked before any item runs; the answer is a
 * CiscoIPPhoneResponse, or a CiscoIPPhoneError (Number 1) with 400.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <expat.h>

#include "resync.h"
#include "sched.h"
#include "web.h"

#define WEB_EXEC_ITEMS	3	/* as the phones take */
#define WEB_EXEC_URL	2048
#define WEB_RESYNC	"Resync:"

struct web_exec {
	XML_Parser xp;
	int depth;
	int root_ok;
	int bad;
	size_t n;
	char url[WEB_EXEC_ITEMS][WEB_EXEC_URL];
};

static void web_exec_fail(struct web_exec *e)
{
	e->bad = 1;
	XML_StopParser(e->xp, XML_FALSE);
}

static int web_ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n >= t && !strcmp(s + n - t, tail);
}

static void web_exec_start(void *data, const XML_Char *name,
			   const XML_Char **atts)
{
	struct web_exec *e = data;
	const char *url = NULL;

	if (e->depth++ == 0) {
		e->root_ok = web_ends_with(name, "Execute");
		if (!e->root_ok)
			web_exec_fail(e);
		return;
	}
	if (e->depth != 2 || strcmp(name, "ExecuteItem") ||
	    e->n == WEB_EXEC_ITEMS) {
		web_exec_fail(e);
		return;
	}
	for (; atts[0]; atts += 2)
		if (!strcmp(atts[0], "URL"))
			url = atts[1];
	if (!url || strlen(url) >= WEB_EXEC_URL) {
		web_exec_fail(e);
		return;
	}
	strcpy(e->url[e->n++], url);
}

static void web_exec_end(void *data, const XML_Char *name)
{
	struct web_exec *e = data;

	(void)name;
	e->depth--;
}

static void web_exec_doctype(void *data, const XML_Char *name,
			     const XML_Char *sysid, const XML_Char *pubid,
			     int has_internal_subset)
{
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal_subset;
	web_exec_fail(data);
}

/* URL=value without quotes (as the guides print it) quoted, into out */
static void web_exec_quote(const char *in, FILE *out)
{
	const char *s = in, *v, *end;

	while ((v = strstr(s, "URL="))) {
		fwrite(s, 1, (size_t)(v - s) + 4, out);
		v += 4;
		if (*v == '"' || *v == '\'') {
			s = v;
			continue;
		}
		end = v + strcspn(v, " \t\r\n>");
		if (*end == '>' && end > v && end[-1] == '/')
			end--;
		fputc('"', out);
		for (s = v; s < end; s++) {
			if (*s == '&' && strncmp(s, "&amp;", 5))
				fputs("&amp;", out);
			else if (*s == '<')
				fputs("&lt;", out);
			else if (*s == '"')
				fputs("&quot;", out);
			else
				fputc(*s, out);
		}
		fputc('"', out);
	}
	fputs(s, out);
}

/* 0 with the items in e, or -EINVAL */
static int web_exec_parse(const char *xml, struct web_exec *e)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int ok;

	if (!f)
		return -ENOMEM;
	web_exec_quote(xml, f);
	if (fclose(f)) {
		free(buf);
		return -ENOMEM;
	}
	e->xp = XML_ParserCreate(NULL);
	if (!e->xp) {
		free(buf);
		return -ENOMEM;
	}
	XML_SetUserData(e->xp, e);
	XML_SetElementHandler(e->xp, web_exec_start, web_exec_end);
	XML_SetStartDoctypeDeclHandler(e->xp, web_exec_doctype);
	XML_SetParamEntityParsing(e->xp, XML_PARAM_ENTITY_PARSING_NEVER);
	ok = XML_Parse(e->xp, buf, (int)len, 1) == XML_STATUS_OK;
	XML_ParserFree(e->xp);
	free(buf);
	if (!ok || e->bad || !e->root_ok || !e->n)
		return -EINVAL;
	for (size_t i = 0; i < e->n; i++)
		if (strncasecmp(e->url[i], WEB_RESYNC, strlen(WEB_RESYNC)))
			return -EINVAL;
	return 0;
}

/* the object: the body, or the XML field of a form */
static int web_exec_body(struct web_call *c, struct web_form *f,
			 const char **xml)
{
	char err[128];

	*xml = c->body ? c->body : "";
	/* a form (XML=...) or the object itself, whatever the type says:
	 * curl -d sends either as a form */
	if (strncmp(*xml, "XML=", 4))
		return 0;
	if (web_form_parse(*xml, c->body_len, f, err, sizeof(err)))
		return -EINVAL;
	*xml = web_form_get(f, "XML");
	return *xml ? 0 : -EINVAL;
}

static void web_exec_item(struct web_call *c, const char *url)
{
	const char *rule = url + strlen(WEB_RESYNC);
	int ret = web_action_run_resync(c, rule);

	fputs("<ResponseItem URL=\"", c->out);
	web_xml_escape(c->out, url);
	fputs("\" Data=\"", c->out);
	/* a started resync is a success, as the phones answer at once */
	if (ret == SCHED_PENDING)
		ret = 0;
	if (ret == -ECANCELED)
		fputs("Provision_Enable is No", c->out);
	else if (ret == -EBUSY)
		fputs("a resync is already running", c->out);
	else if (ret)
		web_xml_escape(c->out, c->t->rs->err);
	else
		fputs("Success", c->out);
	fprintf(c->out, "\" Status=\"%d\"/>\n", ret ? 1 : 0);
}

int web_execute(struct web_call *c)
{
	struct web_form f = { 0 };
	struct web_exec e = { 0 };
	const char *xml;
	size_t i;
	int ret;

	c->type = "text/xml; charset=utf-8";
	fputs("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n", c->out);
	ret = web_exec_body(c, &f, &xml);
	if (!ret)
		ret = web_exec_parse(xml, &e);
	web_form_free(&f);
	if (ret) {
		fputs("<CiscoIPPhoneError Number=\"1\"/>\n", c->out);
		return ret == -ENOMEM ? 500 : 400;
	}
	fputs("<CiscoIPPhoneResponse>\n", c->out);
	for (i = 0; i < e.n; i++)
		web_exec_item(c, e.url[i]);
	fputs("</CiscoIPPhoneResponse>\n", c->out);
	return 200;
}
