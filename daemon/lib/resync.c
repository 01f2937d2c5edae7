// SPDX-License-Identifier: GPL-2.0
/*
 * resync.c: one provisioning resync: for each of Profile_Rule, _B, _C and
 * _D pick the rule's alternative, apply its assignments (an alternative
 * without a URL ends there), expand the URL, fetch (fetch.c), decode (decode.c), parse with the alias map
 * (profile.c), hand the result to the apply point (provision.c), and
 * report the request, success or failure over syslog (report.c).
 */
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#include "cacert.h"
#include "decode.h"
#include "fetch.h"
#include "macro.h"
#include "param.h"
#include "profile.h"
#include "provision.h"
#include "report.h"
#include "resync.h"
#include "rule.h"
#include "store.h"

#define RESYNC_TEXT_MAX 8192

static const char *const rule_names[] = {
	"Profile_Rule", "Profile_Rule_B", "Profile_Rule_C", "Profile_Rule_D",
};

/* the macro values of one rule's run */
struct run {
	struct resync *r;
	struct rule_url url;
	char servip[64];
	char port[8];
	char prvst[8];
	char prvtmr[24];
	int have_url;
};

void resync_param(struct resync *r, const char *name, char *buf, size_t len)
{
	if (store_get(r->pv->st, name, buf, len))
		buf[0] = '\0';
}

static int get_param(void *arg, const char *name, char *buf, size_t len)
{
	struct resync *r = arg;

	return store_get(r->pv->st, name, buf, len);
}

/* access na, or a key secret: never into URLs, bodies or logs */
static int secret_param(void *arg, const char *name)
{
	const struct param_def *p = param_find(name);
	struct resync *r = arg;

	return p && store_secret(r->pv->st, p);
}

static void ctx_init(struct run *run, struct macro_ctx *ctx)
{
	struct resync *r = run->r;

	memset(ctx, 0, sizeof(*ctx));
	ctx->id = r->id;
	ctx->get = get_param;
	ctx->secret = secret_param;
	ctx->arg = r;
	ctx->var[MACRO_ERR] = r->err;
	ctx->var[MACRO_PRVST] = run->prvst;
	ctx->var[MACRO_PRVTMR] = run->prvtmr;
	/* fxsd upgrades no firmware: no attempt, no timer, no error; the
	 * guide's $UPGCOND is "true" since SPA firmware 2.0.6 */
	ctx->var[MACRO_UPGST] = "0";
	ctx->var[MACRO_UPGTMR] = "0";
	ctx->var[MACRO_UPGERR] = "";
	ctx->var[MACRO_UPGCOND] = "true";
	/* no SIP registration in fxsd: no line has lost one */
	ctx->var[MACRO_REGTMR1] = "0";
	ctx->var[MACRO_REGTMR2] = "0";
	ctx->var[MACRO_CCERT] = r->cert_file ? "Installed" : "Not Installed";
	if (run->have_url) {
		ctx->var[MACRO_SCHEME] = run->url.scheme;
		ctx->var[MACRO_SERV] = run->url.server;
		ctx->var[MACRO_SERVIP] = run->servip;
		ctx->var[MACRO_PORT] = run->port;
		ctx->var[MACRO_PATH] = run->url.path;
	}
}

static int run_expand(struct run *run, const char *in, char *out, size_t len,
		      int key_mode)
{
	struct macro_ctx ctx;

	ctx_init(run, &ctx);
	ctx.key_mode = key_mode;
	return macro_expand(&ctx, in, out, len);
}

static int cond_expand(void *arg, const char *in, char *out, size_t len)
{
	return run_expand(arg, in, out, len, 0);
}

static void run_init(struct run *run, struct resync *r)
{
	memset(run, 0, sizeof(*run));
	run->r = r;
	snprintf(run->prvst, sizeof(run->prvst), "%d", r->prvst);
	snprintf(run->prvtmr, sizeof(run->prvtmr), "%ld",
		 r->last_done ? (long)(time(NULL) - r->last_done) : 0L);
}

int resync_expand(struct resync *r, const char *in, char *out, size_t len)
{
	struct run run;

	run_init(&run, r);
	return run_expand(&run, in, out, len, 0);
}

void resync_user_agent(const struct identity *id, char *buf, size_t len)
{
	char ma[13];

	identity_ma(id, ma, 0);
	if (snprintf(buf, len, "%s/%s-%s (%s)(%s)", id->vendor, id->pn,
		     id->swver, ma, id->sn) >= (int)len)
		buf[len - 1] = '\0';
}

/* sends the Log_Resync_*_Msg template (macro-expanded) to Syslog_Server */
static void resync_report(struct run *run, const char *template_name)
{
	char server[256], err[256], *tmpl, *msg;
	struct resync *r = run->r;

	tmpl = malloc(RESYNC_TEXT_MAX);
	msg = malloc(RESYNC_TEXT_MAX);
	if (!tmpl || !msg)
		goto out;
	resync_param(r, template_name, tmpl, RESYNC_TEXT_MAX);
	resync_param(r, "Syslog_Server", server, sizeof(server));
	if (run_expand(run, tmpl, msg, RESYNC_TEXT_MAX, 0))
		syslog(LOG_WARNING, "%s: expanded text too long, cut",
		       template_name);
	if (report_send(server, msg, err, sizeof(err)))
		syslog(LOG_WARNING, "syslog report: %s", err);
out:
	free(tmpl);
	free(msg);
}

static int resync_fail(struct run *run, int ret, const char *fmt,
		       const char *msg)
{
	struct resync *r = run->r;

	snprintf(r->err, sizeof(r->err), fmt, msg);
	syslog(LOG_ERR, "resync failed: %s", r->err);
	resync_report(run, "Log_Resync_Failure_Msg");
	return ret ? ret : -EINVAL;
}

/* an assignment to a name not in the table is skipped, as a profile's
 * unknown element is: said in one log line */
static void log_unknown_assigns(const char *rule_name,
				const struct rule_alt *alt)
{
	size_t i;

	for (i = 0; i < alt->nassign; i++)
		if (!param_find(alt->assigns[i].name))
			syslog(LOG_INFO, "%s: unknown parameter '%.64s' in an assignment ignored",
			       rule_name, alt->assigns[i].name);
}

/* the alternative's ( Name = "value" ; ... )!, expanded, through the
 * apply point: all of them or (err set) none */
static int apply_assigns(struct run *run, const struct rule_alt *alt,
			 char *err, size_t errlen)
{
	struct resync *r = run->r;
	struct profile p = { 0 };
	char *vals = NULL;
	size_t i;
	int ret;

	if (!alt->nassign)
		return 0;
	p.entries = calloc(alt->nassign, sizeof(*p.entries));
	vals = malloc(alt->nassign * RESYNC_TEXT_MAX);
	if (!p.entries || !vals) {
		ret = -ENOMEM;
		goto out;
	}
	for (i = 0; i < alt->nassign; i++) {
		char *v = vals + i * RESYNC_TEXT_MAX;

		ret = run_expand(run, alt->assigns[i].value, v,
				 RESYNC_TEXT_MAX, 0);
		if (ret) {
			snprintf(err, errlen, "rule: %s value too long",
				 alt->assigns[i].name);
			goto out;
		}
		p.entries[i].name = (char *)alt->assigns[i].name;
		p.entries[i].value = v;
		p.entries[i].access = -1;
	}
	p.count = alt->nassign;
	ret = provision_apply(r->pv, &p, err, errlen);
out:
	free(p.entries);
	free(vals);
	return ret;
}

static void read_option66(struct resync *r, char *buf, size_t len)
{
	FILE *f = NULL;

	buf[0] = '\0';
	if (r->option66_file)
		f = fopen(r->option66_file, "re");
	if (f) {
		if (!fgets(buf, len, f))
			buf[0] = '\0';
		buf[strcspn(buf, " \t\r\n")] = '\0';
		fclose(f);
	}
	if (!buf[0])
		snprintf(buf, len, "%s", r->id->option66);
}

/* fills the server from option 66 when the URL names none */
static int url_server(struct run *run, char *err, size_t errlen)
{
	struct rule_url *u = &run->url, tmp;
	char o66[256], spec[300];

	if (u->server[0])
		return 0;
	read_option66(run->r, o66, sizeof(o66));
	if (!o66[0]) {
		snprintf(err, errlen,
			 "URL '%.200s' names no server and there is no DHCP option-66 server",
			 u->path);
		return -EINVAL;
	}
	snprintf(spec, sizeof(spec), "%s/", o66);
	if (rule_url_parse(spec, &tmp, err, errlen))
		return -EINVAL;
	snprintf(u->server, sizeof(u->server), "%s", tmp.server);
	if (strchr(o66, ':') && tmp.port)
		u->port = tmp.port;
	return 0;
}

static void resolve(const char *host, char *out, size_t len)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res;

	if (strlen(host) < len)
		memcpy(out, host, strlen(host) + 1);
	else
		out[0] = '\0';
	if (getaddrinfo(host, NULL, &hints, &res))
		return;
	getnameinfo(res->ai_addr, res->ai_addrlen, out, len, NULL, 0,
		    NI_NUMERICHOST);
	freeaddrinfo(res);
}

static int prepare_url(struct run *run, const char *raw, char *full,
		       size_t fulllen, char *err, size_t errlen)
{
	char *url;
	int ret;

	url = malloc(RESYNC_TEXT_MAX);
	if (!url)
		return -ENOMEM;
	ret = run_expand(run, raw, url, RESYNC_TEXT_MAX, 0);
	if (ret)
		snprintf(err, errlen, "URL too long after macro expansion");
	if (!ret)
		ret = rule_url_parse(url, &run->url, err, errlen);
	if (!ret)
		ret = url_server(run, err, errlen);
	free(url);
	if (ret)
		return ret;
	run->have_url = 1;
	resolve(run->url.server, run->servip, sizeof(run->servip));
	snprintf(run->port, sizeof(run->port), "%u", run->url.port);
	snprintf(full, fulllen, strchr(run->url.server, ':') ?
		 "%s://[%s]:%u%s" : "%s://%s:%u%s", run->url.scheme,
		 run->url.server, run->url.port, run->url.path);
	return 0;
}

/* --key, --uid, --pwd, --post values after expansion */
struct opts {
	char key[512];
	char uid[256];
	char pwd[256];
	char *post;
	char alias_map[RESYNC_TEXT_MAX];
	char ua[256];
};

static int expand_opts(struct run *run, const struct rule_alt *alt,
		       struct opts *o, char *err, size_t errlen)
{
	char name[8];
	int ret = 0;

	if (alt->key)
		ret |= run_expand(run, alt->key, o->key, sizeof(o->key), 1);
	if (alt->uid)
		ret |= run_expand(run, alt->uid, o->uid, sizeof(o->uid), 0);
	if (alt->pwd)
		ret |= run_expand(run, alt->pwd, o->pwd, sizeof(o->pwd), 0);
	if (alt->alias) {
		snprintf(name, sizeof(name), "GPP_%c", alt->alias);
		resync_param(run->r, name, o->alias_map, sizeof(o->alias_map));
	}
	if (alt->post) {
		char *body = malloc(RESYNC_TEXT_MAX);

		o->post = malloc(RESYNC_TEXT_MAX);
		if (!body || !o->post) {
			free(body);
			return -ENOMEM;
		}
		snprintf(name, sizeof(name), "GPP_%c", alt->post);
		resync_param(run->r, name, body, RESYNC_TEXT_MAX);
		ret |= run_expand(run, body, o->post, RESYNC_TEXT_MAX, 0);
		free(body);
	}
	if (ret) {
		snprintf(err, errlen, "rule option too long after expansion");
		return -E2BIG;
	}
	return 0;
}

#define RESYNC_UNKNOWN_NAMED 8	/* unknown names quoted in the log */

/* one log line for the unknown elements, however many there are */
static void log_unknown(const struct profile *p)
{
	char names[512];
	size_t i, n = 0;

	if (!p->unknown_count)
		return;
	names[0] = '\0';
	for (i = 0; i < p->unknown_count && i < RESYNC_UNKNOWN_NAMED; i++)
		n += snprintf(names + n, n < sizeof(names) ? sizeof(names) - n : 0,
			      "%s'%.48s'", i ? ", " : "", p->unknown[i]);
	syslog(LOG_INFO, "profile: %zu unknown parameter%s ignored: %s%s",
	       p->unknown_count, p->unknown_count == 1 ? "" : "s", names,
	       p->unknown_count > RESYNC_UNKNOWN_NAMED ? ", ..." : "");
}

/* the parser's notes (a few lines at most) */
static void log_notes(const struct profile *p)
{
	size_t i;

	for (i = 0; i < p->note_count; i++)
		syslog(LOG_INFO, "profile: %s", p->notes[i]);
}

/* the fetch of url for alternative alt (options o expanded) */
static void fill_req(struct resync *r, const char *url,
		     const struct rule_alt *alt, struct opts *o,
		     struct fetch_req *rq)
{
	char nv[16];

	resync_user_agent(r->id, o->ua, sizeof(o->ua));
	resync_param(r, "HTTPS_Name_Validate", nv, sizeof(nv));
	rq->url = url;
	rq->user_agent = o->ua;
	rq->uid = alt->uid ? o->uid : NULL;
	rq->pwd = alt->pwd ? o->pwd : NULL;
	rq->post = o->post;
	rq->ca_file = r->ca_file;
	if (r->custom_ca_file && !access(r->custom_ca_file, R_OK))
		rq->extra_ca_file = r->custom_ca_file;
	rq->cert_file = r->cert_file;
	rq->key_file = r->key_file;
	rq->no_verify_name = !strcasecmp(nv, "No");
}

static int fetch_and_apply(struct run *run, const char *url,
			   const struct rule_alt *alt, int *fnf_ok,
			   char *err, size_t errlen)
{
	struct resync *r = run->r;
	unsigned char *raw = NULL, *plain = NULL;
	struct profile prof = { 0 };
	struct fetch_req rq = { 0 };
	char fnf[16];
	size_t rawlen, plainlen;
	struct opts *o;
	int ret;

	o = calloc(1, sizeof(*o));
	if (!o)
		return -ENOMEM;
	ret = expand_opts(run, alt, o, err, errlen);
	if (ret)
		goto out;
	fill_req(r, url, alt, o, &rq);
	ret = fetch_run(&rq, &raw, &rawlen, err, errlen);
	if (ret == -ENOENT) {
		resync_param(r, "Resync_Fails_On_FNF", fnf, sizeof(fnf));
		if (!strcasecmp(fnf, "No")) {
			syslog(LOG_NOTICE, "%s: %s; Resync_Fails_On_FNF=No",
			       url, err);
			*fnf_ok = 1;
			ret = 0;
		}
		goto out;
	}
	if (ret)
		goto out;
	ret = decode_profile(raw, rawlen, alt->key ? o->key : NULL, &plain,
			     &plainlen, err, errlen);
	if (ret)
		goto out;
	ret = profile_parse((const char *)plain, plainlen,
			    alt->alias ? o->alias_map : NULL, &prof, err,
			    errlen);
	if (ret)
		goto out;
	log_unknown(&prof);
	log_notes(&prof);
	ret = provision_apply(r->pv, &prof, err, errlen);
	profile_free(&prof);
out:
	free(raw);
	free(plain);
	free(o->post);
	free(o);
	return ret;
}

/* downloads the CA of Custom_CA_Rule text and installs it; 0 or -errno
 * with err */
static int custom_ca_fetch(struct resync *r, const char *text, char *err,
			   size_t errlen)
{
	char full[2400] = "", why[RESYNC_ERR_MAX] = "";
	struct fetch_req rq = { 0 };
	unsigned char *raw = NULL;
	struct opts *o = NULL;
	struct rule rule;
	struct run run;
	size_t len;
	int idx, ret;

	run_init(&run, r);
	ret = rule_parse(text, &rule, err, errlen);
	if (ret)
		return ret;
	idx = rule_select(&rule, cond_expand, &run, why, sizeof(why));
	if (idx == -ENOENT)
		snprintf(why, sizeof(why), "no alternative's condition holds");
	ret = idx < 0 ? idx : 0;
	if (!ret && !rule.alts[idx].url) {
		snprintf(why, sizeof(why), "the alternative taken names no URL");
		ret = -EINVAL;
	}
	if (!ret)
		ret = prepare_url(&run, rule.alts[idx].url, full, sizeof(full),
				  why, sizeof(why));
	if (!ret && !fetch_is_https(full)) {
		snprintf(why, sizeof(why),
			 "refused: a CA is installed only from an https URL verified by the CAs already trusted");
		ret = -EACCES;
	}
	o = ret ? NULL : calloc(1, sizeof(*o));
	if (!ret && !o)
		ret = -ENOMEM;
	if (!ret)
		ret = expand_opts(&run, &rule.alts[idx], o, why, sizeof(why));
	if (!ret) {
		fill_req(r, full, &rule.alts[idx], o, &rq);
		rq.max_size = CACERT_MAX_SIZE;
		ret = fetch_run(&rq, &raw, &len, why, sizeof(why));
	}
	if (!ret) {
		ret = cacert_check(raw, len, why, sizeof(why));
		ret = ret < 0 ? ret : 0;
	}
	if (!ret)
		ret = cacert_install(r->custom_ca_file, raw, len, text, why,
				     sizeof(why));
	if (ret)
		snprintf(err, errlen, "%s%s%s", full, full[0] ? ": " : "", why);
	else
		syslog(LOG_INFO, "Custom_CA_Rule: installed the CA from %s as %s",
		       full, r->custom_ca_file);
	if (o)
		free(o->post);
	free(o);
	free(raw);
	rule_free(&rule);
	return ret;
}

/* Custom_CA_Rule: when set and not the rule that installed the current
 * custom CA, downloads and installs its CA before the profile fetches. A
 * failure is logged; the resync goes on without a new CA. */
static void custom_ca_sync(struct resync *r)
{
	char err[RESYNC_ERR_MAX] = "", *text, *installed;

	if (!r->custom_ca_file)
		return;
	text = malloc(RESYNC_TEXT_MAX);
	installed = malloc(RESYNC_TEXT_MAX);
	if (!text || !installed)
		goto out;
	resync_param(r, "Custom_CA_Rule", text, RESYNC_TEXT_MAX);
	if (!text[strspn(text, " \t")])
		goto out;
	if (!cacert_installed_rule(r->custom_ca_file, installed,
				   RESYNC_TEXT_MAX) && !strcmp(installed, text))
		goto out;
	if (custom_ca_fetch(r, text, err, sizeof(err)))
		syslog(LOG_ERR, "Custom_CA_Rule: %s; custom CA not installed",
		       err);
out:
	free(text);
	free(installed);
}

/* one rule's resync; 0, or -errno after reporting the failure */
static int resync_rule(struct resync *r, const char *name, const char *text)
{
	char err[RESYNC_ERR_MAX] = "", full[2400];
	struct rule rule;
	struct run run;
	int ret, idx, fnf_ok = 0;

	run_init(&run, r);
	ret = rule_parse(text, &rule, err, sizeof(err));
	if (ret)
		return resync_fail(&run, ret, "%s", err);
	if (!rule.count) {
		rule_free(&rule);
		return 0;
	}
	idx = rule_select(&rule, cond_expand, &run, err, sizeof(err));
	if (idx == -ENOENT) {
		syslog(LOG_INFO, "%s: no alternative's condition holds", name);
		rule_free(&rule);
		return 0;
	}
	if (idx < 0) {
		ret = resync_fail(&run, idx, "%s", err);
		goto out;
	}
	log_unknown_assigns(name, &rule.alts[idx]);
	ret = apply_assigns(&run, &rule.alts[idx], err, sizeof(err));
	if (!ret && !rule.alts[idx].url) {
		/* a rule of assignments alone succeeds without a fetch */
		syslog(LOG_INFO, "%s: %zu assignment%s applied, nothing to fetch",
		       name, rule.alts[idx].nassign,
		       rule.alts[idx].nassign == 1 ? "" : "s");
		goto out;
	}
	if (!ret)
		ret = prepare_url(&run, rule.alts[idx].url, full, sizeof(full),
				  err, sizeof(err));
	if (ret) {
		ret = resync_fail(&run, ret, "%s", err);
		goto out;
	}
	syslog(LOG_INFO, "%s: requesting %s", name, full);
	resync_report(&run, "Log_Resync_Request_Msg");
	ret = fetch_and_apply(&run, full, &rule.alts[idx], &fnf_ok, err,
			      sizeof(err));
	if (ret) {
		ret = resync_fail(&run, ret, "%s", err);
		goto out;
	}
	if (!fnf_ok) {
		syslog(LOG_INFO, "%s: applied %s", name, full);
		resync_report(&run, "Log_Resync_Success_Msg");
	}
out:
	rule_free(&rule);
	return ret;
}

static int provision_enabled(struct resync *r)
{
	char v[16];

	resync_param(r, "Provision_Enable", v, sizeof(v));
	return strcasecmp(v, "No") != 0;
}

int resync_run(struct resync *r, const char *rule_text, int prvst)
{
	char *text;
	size_t i;
	int ret = 0;

	if (!provision_enabled(r)) {
		syslog(LOG_INFO, "resync skipped: Provision_Enable is No");
		return -ECANCELED;
	}
	text = malloc(RESYNC_TEXT_MAX);
	if (!text)
		return -ENOMEM;
	r->prvst = prvst;
	r->last_attempt = time(NULL);
	r->count++;
	custom_ca_sync(r);
	if (rule_text) {
		ret = resync_rule(r, "rule", rule_text);
	} else {
		for (i = 0; i < sizeof(rule_names) / sizeof(rule_names[0]); i++) {
			/* read each rule afresh: a profile may change the next */
			resync_param(r, rule_names[i], text, RESYNC_TEXT_MAX);
			ret = resync_rule(r, rule_names[i], text);
			if (ret)
				break;
		}
	}
	free(text);
	r->last_done = time(NULL);
	r->last_result = ret;
	if (ret) {
		r->failures++;
	} else {
		r->failures = 0;
		r->err[0] = '\0';
		r->last_success = r->last_done;
	}
	return ret;
}
