// SPDX-License-Identifier: GPL-2.0
/*
 * web_html.c: the web admin's page frame: HTML and XML escaping, the
 * menu (Info pages, then one Voice page per parameter group of the
 * table, found from the table itself) and the little CSS the pages use.
 */
#include <stdio.h>
#include <string.h>

#include "param.h"
#include "web.h"

#define WEB_PAGES_MAX 16
#define WEB_PAGE_NAME 32

static char web_pages[WEB_PAGES_MAX][WEB_PAGE_NAME];
static size_t web_npages;

static const char web_css[] =
	"body{font-family:sans-serif;margin:0;background:#f4f4f4}"
	"header{background:#1d3f6e;color:#fff;padding:.5em 1em}"
	"nav{background:#dde4ee;padding:.3em 1em}"
	"nav a{margin-right:1em}nav a.on{font-weight:bold}"
	"main{padding:1em}table{border-collapse:collapse}"
	"td,th{padding:.2em .6em;text-align:left;vertical-align:top}"
	"h3{margin:1.2em 0 .3em}input[type=text],input[type=password],select"
	"{width:22em}.err{color:#b00;font-weight:bold}"
	".ok{color:#070;font-weight:bold}pre{background:#fff;padding:.5em;"
	"overflow:auto}";

static void web_escape(FILE *out, const char *s, int quot)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs(quot ? "&quot;" : "\"", out); break;
		case '\'': fputs(quot ? "&#39;" : "'", out); break;
		default: fputc(*s, out);
		}
	}
}

void web_html_escape(FILE *out, const char *s)
{
	web_escape(out, s, 1);
}

void web_xml_escape(FILE *out, const char *s)
{
	web_escape(out, s, 1);
}

const char *web_param_page(const struct param_def *p, char *buf, size_t len)
{
	const char *g = param_group(p), *name = param_name(p);
	size_t n = strcspn(g, "/"), nl = strlen(name);

	if ((!strncmp(g, "Line", n) || !strncmp(g, "User", n)) && nl > 3 &&
	    name[nl - 1] == '_' && name[nl - 3] == '_')
		snprintf(buf, len, "%.*s_%c", (int)n, g, name[nl - 2]);
	else
		snprintf(buf, len, "%.*s", (int)n, g);
	return buf;
}

/* the pages in the table's order, found once */
static void web_pages_find(void)
{
	char page[WEB_PAGE_NAME];
	size_t i, j;

	if (web_npages)
		return;
	for (i = 0; i < param_count(); i++) {
		web_param_page(param_at(i), page, sizeof(page));
		for (j = 0; j < web_npages; j++)
			if (!strcmp(web_pages[j], page))
				break;
		if (j == web_npages && web_npages < WEB_PAGES_MAX)
			memcpy(web_pages[web_npages++], page, sizeof(page));
	}
}

size_t web_pages_count(void)
{
	web_pages_find();
	return web_npages;
}

const char *web_page_name(size_t i)
{
	web_pages_find();
	return i < web_npages ? web_pages[i] : NULL;
}

static void web_menu_link(struct web_call *c, const char *href,
			  const char *label)
{
	fprintf(c->out, "<a href=\"%s\"%s>", href,
		!strcmp(c->path, href) ? " class=\"on\"" : "");
	web_html_escape(c->out, label);
	fputs("</a>", c->out);
}

void web_html_begin(struct web_call *c, const char *title)
{
	char href[sizeof("/voice/") + WEB_PAGE_NAME], label[WEB_PAGE_NAME];
	size_t i;

	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
	      "<title>", c->out);
	web_html_escape(c->out, title);
	fprintf(c->out, "</title><style>%s</style></head><body>\n"
		"<header>openfxs &mdash; %s</header>\n<nav>Info: ", web_css,
		c->level == WEB_ADMIN ? "admin" : "user");
	web_menu_link(c, "/", "Status");
	if (c->level == WEB_ADMIN)
		web_menu_link(c, "/log/messages", "Control Logs");
	fputs(" &nbsp; Voice: ", c->out);
	for (i = 0; i < web_pages_count(); i++) {
		snprintf(href, sizeof(href), "/voice/%.*s", WEB_PAGE_NAME - 1,
			 web_page_name(i));
		snprintf(label, sizeof(label), "%.*s", WEB_PAGE_NAME - 1,
			 web_page_name(i));
		for (char *s = label; *s; s++)
			if (*s == '_')
				*s = ' ';
		web_menu_link(c, href, label);
	}
	fputs("</nav>\n<main>\n<h2>", c->out);
	web_html_escape(c->out, title);
	fputs("</h2>\n", c->out);
}

void web_html_end(struct web_call *c)
{
	fputs("</main></body></html>\n", c->out);
}

int web_html_message(struct web_call *c, int status, const char *title,
		     const char *msg)
{
	web_html_begin(c, title);
	fprintf(c->out, "<p class=\"%s\" id=\"message\">",
		status < 400 ? "ok" : "err");
	web_html_escape(c->out, msg);
	fputs("</p>\n", c->out);
	web_html_end(c);
	return status;
}
