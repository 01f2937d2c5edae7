// SPDX-License-Identifier: GPL-2.0
/*
 * resync.c: one provisioning resync: for each of Profile_Rule, _B, _C and
 * _D pick the rule's alternative, apply its assignments (an alternative
 * without a URL ends there), expand the URL, fetch (fetch.c), decode
 * (decode.c), parse with the alias map (profile.c), hand the result to the
 * apply point (provision.c), and report the request, success or failure
 * over syslog (report.c).
 *
 * A resync is a job that waits for each fetch without blocking: it starts
 * the transfer in a fetch_multi and goes on from the transfer's done
 * callback, so fxsd's event loop serves everyone else meanwhile;
 * resync_run() drives the same job to its end in poll().
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

/* ---- the running resync: a job that waits for its fetches ---- */

/**
 * struct resync_job - a resync in progress, between its fetches
 * @r:        its resync
 * @m:        where its transfers run
 * @done:     told the result at the end (not when it ends in resync_start)
 * @arg:      for @done
 * @one_shot: the rule of an explicit run, or NULL: Profile_Rule.._D
 * @next:     the next rule's index in rule_names
 * @ended:    it has ended, with @result (freed by job_settle or, when it
 *            ended before waiting for any fetch, by resync_start)
 * @result:   see @ended
 * @text:     the rule being run (read afresh from the store for each)
 * @f:        the transfer in flight, or NULL
 * @step_done: what takes @f's outcome
 * @rule:     the parsed rule of the current step (@have_rule)
 * @idx:      its alternative taken
 * @run:      the macro values of the current step
 * @o:        its expanded options
 * @name:     the rule's name ("Profile_Rule", ..., "rule")
 * @full:     the URL fetched
 */
struct resync_job {
	struct resync *r;
	struct fetch_multi *m;
	resync_done_fn done;
	void *arg;
	char *one_shot;
	size_t next;
	int ended;
	int result;
	char *text;
	struct fetch *f;
	fetch_done_fn step_done;
	struct rule rule;
	int have_rule;
	int idx;
	struct run run;
	struct opts *o;
	const char *name;
	char full[2400];
};

static void job_next_rule(struct resync_job *job);

/* frees what the current step holds (its transfer is over or cancelled) */
static void step_clear(struct resync_job *job)
{
	fetch_cancel(job->f);
	job->f = NULL;
	if (job->have_rule)
		rule_free(&job->rule);
	job->have_rule = 0;
	if (job->o)
		free(job->o->post);
	free(job->o);
	job->o = NULL;
}

static void job_free(struct resync_job *job)
{
	step_clear(job);
	free(job->text);
	free(job->one_shot);
	free(job);
}

/* the resync's end: its record (job_settle frees it and tells) */
static void job_end(struct resync_job *job, int ret)
{
	struct resync *r = job->r;

	step_clear(job);
	r->last_done = time(NULL);
	r->last_result = ret;
	if (ret) {
		r->failures++;
	} else {
		r->failures = 0;
		r->err[0] = '\0';
		r->last_success = r->last_done;
	}
	r->job = NULL;
	job->ended = 1;
	job->result = ret;
}

/* after a transfer's step: an ended job is freed and its waiter told */
static void job_settle(struct resync_job *job)
{
	resync_done_fn done = job->done;
	void *arg = job->arg;
	int ret = job->result;

	if (!job->ended)
		return;
	job_free(job);
	if (done)
		done(arg, ret);
}

/* starts the step's fetch of rq; its outcome goes to fn. 0, or -errno
 * with err when it could not start */
static int step_fetch(struct resync_job *job, struct fetch_req *rq,
		      fetch_done_fn fn, char *err, size_t errlen)
{
	job->step_done = fn;
	return fetch_start(job->m, rq, fn, job, &job->f, err, errlen);
}

/* the step's request of job->full for alt: options expanded, then the
 * fetch started (max_size 0: the profile limit), its outcome to fn */
static int step_request(struct resync_job *job, const struct rule_alt *alt,
			size_t max_size, fetch_done_fn fn, char *err,
			size_t errlen)
{
	struct fetch_req rq = { 0 };
	int ret;

	job->o = calloc(1, sizeof(*job->o));
	if (!job->o)
		return -ENOMEM;
	ret = expand_opts(&job->run, alt, job->o, err, errlen);
	if (ret)
		return ret;
	fill_req(job->r, job->full, alt, job->o, &rq);
	rq.max_size = max_size;
	return step_fetch(job, &rq, fn, err, errlen);
}

/* decode, parse and apply a fetched profile; 0 or -errno with err */
static int apply_fetched(struct resync_job *job, unsigned char *raw,
			 size_t rawlen, char *err, size_t errlen)
{
	const struct rule_alt *alt = &job->rule.alts[job->idx];
	struct profile prof = { 0 };
	unsigned char *plain = NULL;
	size_t plainlen;
	int ret;

	ret = decode_profile(raw, rawlen, alt->key ? job->o->key : NULL,
			     &plain, &plainlen, err, errlen);
	if (!ret)
		ret = profile_parse((const char *)plain, plainlen,
				    alt->alias ? job->o->alias_map : NULL,
				    &prof, err, errlen);
	if (!ret) {
		log_unknown(&prof);
		log_notes(&prof);
		ret = provision_apply(job->r->pv, &prof, err, errlen);
		profile_free(&prof);
	}
	free(plain);
	return ret;
}

/* the profile's transfer ended: apply it, report, go on to the next rule */
static void rule_fetched(void *arg, int ret, unsigned char *raw,
			 size_t rawlen, const char *ferr)
{
	struct resync_job *job = arg;
	char err[RESYNC_ERR_MAX] = "", fnf[16];
	int fnf_ok = 0;

	job->f = NULL;
	snprintf(err, sizeof(err), "%s", ferr);
	if (ret == -ENOENT) {
		resync_param(job->r, "Resync_Fails_On_FNF", fnf, sizeof(fnf));
		if (!strcasecmp(fnf, "No")) {
			syslog(LOG_NOTICE, "%s: %s; Resync_Fails_On_FNF=No",
			       job->full, err);
			fnf_ok = 1;
			ret = 0;
		}
	} else if (!ret) {
		ret = apply_fetched(job, raw, rawlen, err, sizeof(err));
	}
	free(raw);
	if (ret)
		ret = resync_fail(&job->run, ret, "%s", err);
	else if (!fnf_ok) {
		syslog(LOG_INFO, "%s: applied %s", job->name, job->full);
		resync_report(&job->run, "Log_Resync_Success_Msg");
	}
	step_clear(job);
	if (ret)
		job_end(job, ret);
	else
		job_next_rule(job);
	job_settle(job);
}

/* the rule's alternative names a URL: request it */
static int rule_request(struct resync_job *job, char *err, size_t errlen)
{
	const struct rule_alt *alt = &job->rule.alts[job->idx];
	int ret;

	ret = prepare_url(&job->run, alt->url, job->full, sizeof(job->full),
			  err, errlen);
	if (ret)
		return ret;
	syslog(LOG_INFO, "%s: requesting %s", job->name, job->full);
	resync_report(&job->run, "Log_Resync_Request_Msg");
	return step_request(job, alt, 0, rule_fetched, err, errlen);
}

/*
 * One rule up to its fetch: RESYNC_PENDING when the fetch runs (the rest
 * is rule_fetched's), else the rule's result: 0, or -errno after reporting
 * the failure.
 */
static int rule_begin(struct resync_job *job, const char *name,
		      const char *text)
{
	char err[RESYNC_ERR_MAX] = "";
	const struct rule_alt *alt;
	int ret, idx;

	job->name = name;
	run_init(&job->run, job->r);
	ret = rule_parse(text, &job->rule, err, sizeof(err));
	if (ret)
		return resync_fail(&job->run, ret, "%s", err);
	job->have_rule = 1;
	if (!job->rule.count)
		return 0;
	idx = rule_select(&job->rule, cond_expand, &job->run, err, sizeof(err));
	if (idx == -ENOENT) {
		syslog(LOG_INFO, "%s: no alternative's condition holds", name);
		return 0;
	}
	if (idx < 0)
		return resync_fail(&job->run, idx, "%s", err);
	job->idx = idx;
	alt = &job->rule.alts[idx];
	log_unknown_assigns(name, alt);
	ret = apply_assigns(&job->run, alt, err, sizeof(err));
	if (!ret && !alt->url) {
		/* a rule of assignments alone succeeds without a fetch */
		syslog(LOG_INFO, "%s: %zu assignment%s applied, nothing to fetch",
		       name, alt->nassign, alt->nassign == 1 ? "" : "s");
		return 0;
	}
	if (!ret)
		ret = rule_request(job, err, sizeof(err));
	if (ret)
		return resync_fail(&job->run, ret, "%s", err);
	return RESYNC_PENDING;
}

/* runs the rules in turn until one waits for its fetch or all are done */
static void job_next_rule(struct resync_job *job)
{
	const char *name;
	int ret;

	for (;;) {
		step_clear(job);
		if (job->one_shot) {
			if (job->next++)
				break;
			name = "rule";
			snprintf(job->text, RESYNC_TEXT_MAX, "%s", job->one_shot);
		} else {
			if (job->next == sizeof(rule_names) / sizeof(rule_names[0]))
				break;
			name = rule_names[job->next++];
			/* read each rule afresh: a profile may change the next */
			resync_param(job->r, name, job->text, RESYNC_TEXT_MAX);
		}
		ret = rule_begin(job, name, job->text);
		if (ret == RESYNC_PENDING)
			return;
		if (ret) {
			job_end(job, ret);
			return;
		}
	}
	job_end(job, 0);
}

/* ---- Custom_CA_Rule: a CA fetched over verified https first ---- */

/* an attempt to install the CA ended: logged and kept for the status */
static void ca_outcome(struct resync_job *job, int ret, const char *why)
{
	job->r->ca_last_attempt = time(NULL);
	job->r->ca_last_result = ret;
	if (ret)
		syslog(LOG_ERR, "Custom_CA_Rule: %s%s%s; custom CA not installed",
		       job->full, job->full[0] ? ": " : "", why);
	else
		syslog(LOG_INFO, "Custom_CA_Rule: installed the CA from %s as %s",
		       job->full, job->r->custom_ca_file);
}

/* the CA's transfer ended: check and install it, then the rules */
static void ca_fetched(void *arg, int ret, unsigned char *raw, size_t len,
		       const char *ferr)
{
	struct resync_job *job = arg;
	char why[RESYNC_ERR_MAX];

	job->f = NULL;
	snprintf(why, sizeof(why), "%s", ferr);
	if (!ret) {
		ret = cacert_check(raw, len, why, sizeof(why));
		ret = ret < 0 ? ret : 0;
	}
	if (!ret)
		ret = cacert_install(job->r->custom_ca_file, raw, len, job->text,
				     why, sizeof(why));
	ca_outcome(job, ret, why);
	free(raw);
	job_next_rule(job);
	job_settle(job);
}

/* starts the fetch of the CA of Custom_CA_Rule job->text; 0 when it runs,
 * or -errno with why */
static int ca_begin(struct resync_job *job, char *why, size_t whylen)
{
	const struct rule_alt *alt;
	int idx, ret;

	run_init(&job->run, job->r);
	job->full[0] = '\0';
	ret = rule_parse(job->text, &job->rule, why, whylen);
	if (ret)
		return ret;
	job->have_rule = 1;
	idx = rule_select(&job->rule, cond_expand, &job->run, why, whylen);
	if (idx == -ENOENT)
		snprintf(why, whylen, "no alternative's condition holds");
	if (idx < 0)
		return idx;
	alt = &job->rule.alts[idx];
	if (!alt->url) {
		snprintf(why, whylen, "the alternative taken names no URL");
		return -EINVAL;
	}
	ret = prepare_url(&job->run, alt->url, job->full, sizeof(job->full),
			  why, whylen);
	if (ret)
		return ret;
	if (!fetch_is_https(job->full)) {
		snprintf(why, whylen,
			 "refused: a CA is installed only from an https URL verified by the CAs already trusted");
		return -EACCES;
	}
	return step_request(job, alt, CACERT_MAX_SIZE, ca_fetched, why, whylen);
}

/* Custom_CA_Rule: when set and not the rule that installed the current
 * custom CA, its CA is fetched and installed before the profiles. A
 * failure is logged; the resync goes on without a new CA. */
static void job_first(struct resync_job *job)
{
	struct resync *r = job->r;
	char why[RESYNC_ERR_MAX] = "", *installed = NULL;
	int need = 0;

	if (r->custom_ca_file) {
		resync_param(r, "Custom_CA_Rule", job->text, RESYNC_TEXT_MAX);
		installed = malloc(RESYNC_TEXT_MAX);
	}
	if (installed && job->text[strspn(job->text, " \t")])
		need = cacert_installed_rule(r->custom_ca_file, installed,
					     RESYNC_TEXT_MAX) ||
		       strcmp(installed, job->text);
	free(installed);
	if (need) {
		int ret = ca_begin(job, why, sizeof(why));

		if (!ret)
			return;
		ca_outcome(job, ret, why);
	}
	job_next_rule(job);
}

static int provision_enabled(struct resync *r)
{
	char v[16];

	resync_param(r, "Provision_Enable", v, sizeof(v));
	return strcasecmp(v, "No") != 0;
}

int resync_start(struct resync *r, struct fetch_multi *m,
		 const char *rule_text, int prvst, resync_done_fn done,
		 void *arg)
{
	struct resync_job *job;
	int ret;

	if (!provision_enabled(r)) {
		syslog(LOG_INFO, "resync skipped: Provision_Enable is No");
		return -ECANCELED;
	}
	if (r->job)
		return -EBUSY;
	job = calloc(1, sizeof(*job));
	if (job) {
		job->text = malloc(RESYNC_TEXT_MAX);
		job->one_shot = rule_text ? strdup(rule_text) : NULL;
	}
	if (!job || !job->text || (rule_text && !job->one_shot)) {
		if (job)
			job_free(job);
		return -ENOMEM;
	}
	job->r = r;
	job->m = m;
	job->done = done;
	job->arg = arg;
	r->prvst = prvst;
	r->last_attempt = time(NULL);
	r->count++;
	r->job = job;
	job_first(job);
	if (!job->ended)
		return RESYNC_PENDING;
	ret = job->result;
	job_free(job);
	return ret;
}

int resync_running(const struct resync *r)
{
	return r->job != NULL;
}

void resync_cancel(struct resync *r)
{
	if (!r->job)
		return;
	syslog(LOG_NOTICE, "resync cancelled");
	job_free(r->job);
	r->job = NULL;
}

static void run_done(void *arg, int ret)
{
	*(int *)arg = ret;
}

int resync_run(struct resync *r, const char *rule_text, int prvst)
{
	struct fetch_multi *m;
	int ret, result = -EINPROGRESS;

	ret = fetch_multi_new(NULL, NULL, &m);
	if (ret)
		return ret;
	ret = resync_start(r, m, rule_text, prvst, run_done, &result);
	if (ret == RESYNC_PENDING) {
		fetch_multi_run(m);
		if (r->job) {	/* its transfer never ended */
			snprintf(r->err, sizeof(r->err), "transfer did not end");
			resync_cancel(r);
			r->failures++;
			result = -EIO;
		}
		ret = result;
	}
	fetch_multi_free(m);
	return ret;
}
