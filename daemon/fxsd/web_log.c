// SPDX-License-Identifier: GPL-2.0
/*
 * web_log.c: Info > Debug Info > Control Logs > messages: the daemon's
 * recent log lines from the in-memory ring, oldest first.
 */
#include <stdio.h>
#include <syslog.h>
#include <time.h>

#include "log_ring.h"
#include "web.h"

static const char *web_log_level(int pri)
{
	static const char *const names[] = { "emerg", "alert", "crit", "err",
					     "warning", "notice", "info",
					     "debug" };

	return names[pri & 7];
}

int web_log_page(struct web_call *c)
{
	unsigned long dropped = log_ring_total() - log_ring_count();
	const char *text;
	char when[32];
	struct tm tm;
	time_t t;
	size_t i;
	int pri;

	web_html_begin(c, "Control Logs: messages");
	if (dropped)
		fprintf(c->out, "<p>%lu older lines not kept.</p>\n", dropped);
	fputs("<pre id=\"messages\">", c->out);
	for (i = 0; (text = log_ring_at(i, &pri, &t)); i++) {
		localtime_r(&t, &tm);
		strftime(when, sizeof(when), "%b %e %H:%M:%S", &tm);
		fprintf(c->out, "%s %s: ", when, web_log_level(pri));
		web_html_escape(c->out, text);
		fputc('\n', c->out);
	}
	fputs("</pre>\n", c->out);
	web_html_end(c);
	return 200;
}
