// SPDX-License-Identifier: GPL-2.0
/*
 * web_action.c: the direct-action URLs: /admin/resync[?RULE] (the
 * configured rules, or one rule given once and not saved),
 * /admin/reboot (the --reboot-hook, once the answer is sent) and
 * /admin/cfg.xml (the configuration as a flat-profile, secrets left out).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "param.h"
#include "provision.h"
#include "resync.h"
#include "sched.h"
#include "store.h"
#include "web.h"

#define WEB_RULE_MAX 2048

/*
 * Starts the resync in fxsd's loop and does not wait for it, as the SPA's
 * direct-action URL answers at once: SCHED_PENDING while it runs (its
 * result goes to Info > Status and the control log), 0 or -errno when it
 * ended at once, -ECANCELED (Provision_Enable=No), -EBUSY (one runs).
 */
int web_action_run_resync(struct web_call *c, const char *rule)
{
	return sched_resync_now(c->t->sched, rule && *rule ? rule : NULL,
				RESYNC_EXPLICIT, NULL, NULL);
}

int web_action_resync(struct web_call *c)
{
	char rule[WEB_RULE_MAX], msg[RESYNC_ERR_MAX + 64];
	int ret;

	*rule = '\0';
	if (c->query && web_url_decode(c->query, rule, sizeof(rule)))
		return web_html_message(c, 400, "Resync",
					"the rule after '?' is not a valid %-encoded URL");
	ret = web_action_run_resync(c, rule);
	if (ret == SCHED_PENDING)
		return web_html_message(c, 200, "Resync",
					"Resync started: its result is shown on Info > Status and in the control log");
	if (ret == -ECANCELED)
		return web_html_message(c, 403, "Resync",
					"Provision_Enable is No: resync refused");
	if (ret == -EBUSY)
		return web_html_message(c, 503, "Resync",
					"a resync is already running: try again when it ends (Info > Status)");
	if (ret) {
		snprintf(msg, sizeof(msg), "Resync failed: %s", c->t->rs->err);
		return web_html_message(c, 500, "Resync", msg);
	}
	return web_html_message(c, 200, "Resync", "Resync done");
}

int web_action_reboot(struct web_call *c)
{
	if (!c->t->reboot_hook)
		return web_html_message(c, 501, "Reboot",
					"no reboot: fxsd runs without --reboot-hook");
	c->after = WEB_AFTER_REBOOT;
	return web_html_message(c, 200, "Reboot", "Rebooting...");
}

int web_action_cfg_xml(struct web_call *c)
{
	const struct store *st = c->t->pv->st;
	const struct param_def *p;
	size_t i, hidden = 0;

	c->type = "text/xml; charset=utf-8";
	fputs("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<flat-profile>\n",
	      c->out);
	for (i = 0; i < param_count(); i++) {
		p = param_at(i);
		if (store_secret(st, p)) {
			hidden++;
			continue;
		}
		fprintf(c->out, "  <%s ua=\"%s\">", param_name(p),
			param_access_name(store_access(st, p)));
		web_xml_escape(c->out, store_value(st, p));
		fprintf(c->out, "</%s>\n", param_name(p));
	}
	fprintf(c->out, "  <!-- %zu secret parameters not shown -->\n"
		"</flat-profile>\n", hidden);
	return 200;
}
