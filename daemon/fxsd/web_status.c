// SPDX-License-Identifier: GPL-2.0
/*
 * web_status.c: Info > Status (the page) and /admin/status.xml: the
 * device, its last and next resync, each line's hook state and the
 * Custom CA, one list of items written as HTML or as XML.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "commands.h"
#include "identity.h"
#include "line.h"
#include "lines.h"
#include "resync.h"
#include "sched.h"
#include "web.h"

typedef void (*web_item_fn)(struct web_call *c, const char *key,
			    const char *label, const char *value);

static void web_time(time_t t, char *buf, size_t len)
{
	struct tm tm;

	if (!t) {
		snprintf(buf, len, "never");
		return;
	}
	localtime_r(&t, &tm);
	strftime(buf, len, "%m/%d/%Y %H:%M:%S", &tm);
}

static void web_uptime(const struct web_target *t, char *buf, size_t len)
{
	struct timespec ts;
	long s;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	s = (long)(ts.tv_sec - t->started);
	snprintf(buf, len, "%ld days %02ld:%02ld:%02ld", s / 86400,
		 s / 3600 % 24, s / 60 % 60, s % 60);
}

/* "Installed" with the first certificate's subject CN, or "Not Installed" */
static void web_custom_ca(const struct web_target *t, char *buf, size_t len)
{
	char cn[256] = "";
	X509 *x = NULL;
	FILE *f;

	f = t->custom_ca_file ? fopen(t->custom_ca_file, "r") : NULL;
	if (f) {
		x = PEM_read_X509(f, NULL, NULL, NULL);
		fclose(f);
	}
	if (!x) {
		snprintf(buf, len, "Not Installed");
		return;
	}
	if (X509_NAME_get_text_by_NID(X509_get_subject_name(x),
				      NID_commonName, cn, sizeof(cn)) < 0)
		snprintf(cn, sizeof(cn), "(no CN)");
	X509_free(x);
	snprintf(buf, len, "Installed - %s", cn);
}

/*
 * "Last provisioning succeeded/failed on mm/dd/yyyy HH:MM:SS" (local
 * time): the last Custom_CA_Rule attempt since the start or, before one,
 * the time the installed CA was written (an install is a success).
 */
static void web_custom_ca_status(const struct web_target *t, char *buf,
				 size_t len)
{
	const struct resync *rs = t->rs;
	time_t when = rs->ca_last_attempt;
	int ok = !rs->ca_last_result;
	struct stat sb;
	char stamp[32];

	if (!when && t->custom_ca_file && !stat(t->custom_ca_file, &sb)) {
		when = sb.st_mtime;
		ok = 1;
	}
	if (!when) {
		snprintf(buf, len, "Not Provisioned");
		return;
	}
	web_time(when, stamp, sizeof(stamp));
	snprintf(buf, len, "Last provisioning %s on %s",
		 ok ? "succeeded" : "failed", stamp);
}

static void web_resync_items(struct web_call *c, web_item_fn emit)
{
	const struct resync *rs = c->t->rs;
	const struct sched *s = c->t->sched;
	time_t next = s->next_time;
	char buf[64];

	emit(c, "Resync_Running", "Resync running",
	     resync_running(rs) ? "yes" : "no");
	web_time(rs->last_done, buf, sizeof(buf));
	emit(c, "Last_Resync", "Last resync", buf);
	emit(c, "Last_Resync_Result", "Last resync result",
	     rs->last_result == 1 ? "none yet" :
	     rs->last_result ? "failed" : "ok");
	emit(c, "Last_Resync_Error", "$ERR", rs->err);
	if (s->at_time && (!next || s->at_time < next))
		next = s->at_time;
	web_time(next, buf, sizeof(buf));
	emit(c, "Next_Resync", "Next resync", buf);
}

static void web_line_items(struct web_call *c, web_item_fn emit)
{
	const struct line *ln;
	const char *path;
	char key[48], label[96];
	size_t i;
	int err;

	for (i = 0; c->t->lines && i < lines_count(c->t->lines); i++) {
		ln = lines_at(c->t->lines, i, &path, &err);
		snprintf(key, sizeof(key), "Line_%zu_Hook_State", i + 1);
		snprintf(label, sizeof(label), "Line %zu hook state (%s)",
			 i + 1, ln ? line_name(ln) : path);
		emit(c, key, label, !ln ? "not open" :
		     line_offhook(ln) ? "Off Hook" : "On Hook");
	}
}

static void web_items(struct web_call *c, web_item_fn emit)
{
	const struct identity *id = c->t->id;
	char buf[300];

	emit(c, "Product_Name", "Product name", id->pn);
	emit(c, "Serial_Number", "Serial number", id->sn);
	emit(c, "MAC_Address", "MAC address", id->mac);
	emit(c, "Current_IP", "IP address", id->ip);
	emit(c, "Software_Version", "Firmware version", id->swver);
	emit(c, "Hardware_Version", "Hardware version", id->hwver);
	web_uptime(c->t, buf, sizeof(buf));
	emit(c, "Uptime", "Uptime", buf);
	web_resync_items(c, emit);
	web_line_items(c, emit);
	web_custom_ca_status(c->t, buf, sizeof(buf));
	emit(c, "Custom_CA_Status", "Custom CA Provisioning Status", buf);
	web_custom_ca(c->t, buf, sizeof(buf));
	emit(c, "Custom_CA_Info", "Custom CA Info", buf);
}

static void web_item_html(struct web_call *c, const char *key,
			  const char *label, const char *value)
{
	fprintf(c->out, "<tr><th>");
	web_html_escape(c->out, label);
	fprintf(c->out, ":</th><td id=\"%s\">", key);
	web_html_escape(c->out, value);
	fputs("</td></tr>\n", c->out);
}

static void web_item_xml(struct web_call *c, const char *key,
			 const char *label, const char *value)
{
	(void)label;
	fprintf(c->out, "  <%s>", key);
	web_xml_escape(c->out, value);
	fprintf(c->out, "</%s>\n", key);
}

int web_status_page(struct web_call *c)
{
	web_html_begin(c, "Status");
	fputs("<table id=\"status\">\n", c->out);
	web_items(c, web_item_html);
	fputs("</table>\n", c->out);
	web_html_end(c);
	return 200;
}

int web_status_xml(struct web_call *c)
{
	c->type = "text/xml; charset=utf-8";
	fputs("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<status>\n", c->out);
	web_items(c, web_item_xml);
	fputs("</status>\n", c->out);
	return 200;
}
