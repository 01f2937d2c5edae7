// SPDX-License-Identifier: GPL-2.0
/*
 * fetch.c: downloads profiles with libcurl over tftp, http and https:
 * redirects, basic/digest auth, server verification against the
 * configured CA, client certificates, the SPA User-Agent, and size and
 * time limits. Turns curl's result into one clear error message.
 *
 * Every transfer runs in a curl multi handle (struct fetch_multi): driven
 * by fxsd's event loop through struct fetch_loop_ops, so a download never
 * blocks the loop, or self-driven in poll() for fetch_run() and --once.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <curl/curl.h>
#include <openssl/ssl.h>

#include "cacert.h"
#include "fetch.h"

struct sink {
	unsigned char *data;
	size_t len;
	size_t cap;
	size_t max;
	bool over;
	bool https;	/* the request's URL is https */
};

struct fetch_multi {
	CURLM *cm;
	const struct fetch_loop_ops *ops;
	void *arg;
	struct fetch *list;	/* transfers not yet done */
	unsigned int active;
	unsigned long ended;	/* done callbacks run */
};

/* one transfer: its easy handle, its buffer and whom to tell */
struct fetch {
	struct fetch_multi *m;
	struct fetch *next;
	CURL *c;
	struct sink s;
	char curl_err[CURL_ERROR_SIZE];
	char *extra_ca;	/* the SSL context hook's copy */
	fetch_done_fn done;
	void *arg;
};

static size_t sink_write(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct sink *s = arg;
	size_t n = size * nmemb;
	unsigned char *d;

	if (s->len + n > s->max) {
		s->over = true;
		return 0;
	}
	if (s->len + n + 1 > s->cap) {
		s->cap = (s->len + n + 1) * 2;
		if (s->cap > s->max + 1)
			s->cap = s->max + 1;
		d = realloc(s->data, s->cap);
		if (!d)
			return 0;
		s->data = d;
	}
	memcpy(s->data + s->len, ptr, n);
	s->len += n;
	s->data[s->len] = '\0';
	return n;
}

int fetch_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) ? -EIO : 0;
}

/* libcurl's OpenSSL context hook: the extra CA joins the trust store that
 * already holds --ca or the system bundle */
static CURLcode add_extra_ca(CURL *c, void *ssl_ctx, void *arg)
{
	X509_STORE *store = SSL_CTX_get_cert_store(ssl_ctx);

	(void)c;
	if (!store || cacert_add_to_store(store, arg))
		return CURLE_SSL_CACERT_BADFILE;
	return CURLE_OK;
}

/*
 * Without --ca, libcurl uses its built-in bundle path, and fails every
 * HTTPS transfer when that file is missing (no ca-certificates package,
 * as on many boards). Drop a missing default so that a custom CA alone can
 * still be trusted; with no CA at all, verification fails as it should.
 */
static void drop_missing_default_ca(CURL *c)
{
	char *path = NULL;

	if (!curl_easy_getinfo(c, CURLINFO_CAINFO, &path) && path &&
	    access(path, R_OK))
		curl_easy_setopt(c, CURLOPT_CAINFO, NULL);
	path = NULL;
	if (!curl_easy_getinfo(c, CURLINFO_CAPATH, &path) && path &&
	    access(path, R_OK))
		curl_easy_setopt(c, CURLOPT_CAPATH, NULL);
}

static void set_tls(CURL *c, const struct fetch_req *rq, char *extra_ca)
{
	if (rq->ca_file)
		curl_easy_setopt(c, CURLOPT_CAINFO, rq->ca_file);
	else
		drop_missing_default_ca(c);
	if (extra_ca) {
		curl_easy_setopt(c, CURLOPT_SSL_CTX_FUNCTION, add_extra_ca);
		curl_easy_setopt(c, CURLOPT_SSL_CTX_DATA, extra_ca);
	}
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST,
			 rq->no_verify_name ? 0L : 2L);
	if (rq->cert_file) {
		curl_easy_setopt(c, CURLOPT_SSLCERT, rq->cert_file);
		curl_easy_setopt(c, CURLOPT_SSLKEY,
				 rq->key_file ? rq->key_file : rq->cert_file);
	}
}

bool fetch_is_https(const char *url)
{
	return !strncasecmp(url, "https://", 8);
}

static void fetch_setup(CURL *c, const struct fetch_req *rq, struct sink *s,
			char *curl_err, char *extra_ca)
{
	curl_easy_setopt(c, CURLOPT_URL, rq->url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "tftp,http,https");
	/* an https fetch never follows a redirect off https */
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR,
			 fetch_is_https(rq->url) ? "https" : "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, curl_err);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink_write);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, s);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)FETCH_CONNECT_TIMEOUT);
	curl_easy_setopt(c, CURLOPT_TIMEOUT,
			 rq->timeout ? rq->timeout : (long)FETCH_TIMEOUT);
	curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)s->max);
	if (rq->user_agent)
		curl_easy_setopt(c, CURLOPT_USERAGENT, rq->user_agent);
	if (rq->uid) {
		curl_easy_setopt(c, CURLOPT_USERNAME, rq->uid);
		curl_easy_setopt(c, CURLOPT_PASSWORD, rq->pwd ? rq->pwd : "");
		curl_easy_setopt(c, CURLOPT_HTTPAUTH,
				 (long)(CURLAUTH_BASIC | CURLAUTH_DIGEST));
	}
	if (rq->post) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(rq->post));
		curl_easy_setopt(c, CURLOPT_COPYPOSTFIELDS, rq->post);
	}
	set_tls(c, rq, extra_ca);
}

static int curl_error(CURLcode rc, const char *detail, const struct sink *s,
		      char *err, size_t errlen)
{
	const char *what = detail[0] ? detail : curl_easy_strerror(rc);

	switch (rc) {
	case CURLE_TFTP_NOTFOUND:
	case CURLE_REMOTE_FILE_NOT_FOUND:
		snprintf(err, errlen, "file not found: %s", what);
		return -ENOENT;
	case CURLE_COULDNT_CONNECT:
		snprintf(err, errlen, "connect failed: %s", what);
		return -ECONNREFUSED;
	case CURLE_COULDNT_RESOLVE_HOST:
		snprintf(err, errlen, "cannot resolve host: %s", what);
		return -EHOSTUNREACH;
	case CURLE_OPERATION_TIMEDOUT:
		snprintf(err, errlen, "timeout: %s", what);
		return -ETIMEDOUT;
	case CURLE_PEER_FAILED_VERIFICATION:
		snprintf(err, errlen, "TLS: certificate verify failed: %s", what);
		return -EACCES;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CACERT_BADFILE:
		snprintf(err, errlen, "TLS: %s", what);
		return -EACCES;
	case CURLE_UNSUPPORTED_PROTOCOL:
		snprintf(err, errlen, s->https ?
			 "redirect off https refused: %s" : "%s", what);
		return -EACCES;
	case CURLE_PARTIAL_FILE:
		snprintf(err, errlen, "truncated transfer: %s", what);
		return -EIO;
	case CURLE_FILESIZE_EXCEEDED:
		snprintf(err, errlen, "profile over the size limit of %zu bytes",
			 s->max);
		return -EFBIG;
	case CURLE_WRITE_ERROR:
		if (s->over) {
			snprintf(err, errlen,
				 "profile over the size limit of %zu bytes",
				 s->max);
			return -EFBIG;
		}
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	default:
		snprintf(err, errlen, "%s", what);
		return -EIO;
	}
}

static int http_status(CURL *c, char *err, size_t errlen)
{
	long code = 0;
	char *scheme = NULL;

	curl_easy_getinfo(c, CURLINFO_SCHEME, &scheme);
	if (scheme && !strcasecmp(scheme, "tftp"))
		return 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	if (code >= 200 && code < 300)
		return 0;
	snprintf(err, errlen, "HTTP %ld%s", code,
		 code == 404 ? " (file not found)" :
		 code == 401 ? " (authorization failed)" : "");
	return code == 404 ? -ENOENT : -EIO;
}

/* the transfer's outcome: 0 with the body, or -errno with err */
static int fetch_result(struct fetch *f, CURLcode rc, char *err,
			size_t errlen)
{
	int ret;

	if (rc != CURLE_OK)
		ret = curl_error(rc, f->curl_err, &f->s, err, errlen);
	else
		ret = http_status(f->c, err, errlen);
	if (!ret && !f->s.data) {
		f->s.data = calloc(1, 1);
		if (!f->s.data) {
			snprintf(err, errlen, "out of memory");
			ret = -ENOMEM;
		}
	}
	return ret;
}

/* takes f off m's list and frees it (its data too, unless handed on) */
static void fetch_free(struct fetch *f)
{
	struct fetch **pp;

	for (pp = &f->m->list; *pp; pp = &(*pp)->next)
		if (*pp == f) {
			*pp = f->next;
			break;
		}
	f->m->active--;
	curl_multi_remove_handle(f->m->cm, f->c);
	curl_easy_cleanup(f->c);
	free(f->s.data);
	free(f->extra_ca);
	free(f);
}

static void fetch_finish(struct fetch *f, CURLcode rc)
{
	char err[512] = "";
	fetch_done_fn done = f->done;
	unsigned char *data = NULL;
	void *arg = f->arg;
	size_t len = 0;
	int ret;

	ret = fetch_result(f, rc, err, sizeof(err));
	f->m->ended++;
	if (!ret) {
		data = f->s.data;
		len = f->s.len;
		f->s.data = NULL;
	}
	fetch_free(f);
	done(arg, ret, data, len, err);
}

/* runs the done callbacks of the transfers curl has finished */
static void check_done(struct fetch_multi *m)
{
	struct fetch *f;
	CURLMsg *msg;
	int left;

	while ((msg = curl_multi_info_read(m->cm, &left))) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		f = NULL;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &f);
		if (f)
			fetch_finish(f, msg->data.result);
	}
}

static int on_socket(CURL *c, curl_socket_t fd, int what, void *arg,
		     void *sockp)
{
	struct fetch_multi *m = arg;
	unsigned int w = 0;

	(void)c;
	(void)sockp;
	if (what == CURL_POLL_IN || what == CURL_POLL_INOUT)
		w |= FETCH_IN;
	if (what == CURL_POLL_OUT || what == CURL_POLL_INOUT)
		w |= FETCH_OUT;
	return m->ops->watch(m->arg, fd, w) ? -1 : 0;
}

static int on_timer(CURLM *cm, long ms, void *arg)
{
	struct fetch_multi *m = arg;

	(void)cm;
	m->ops->timer(m->arg, ms);
	return 0;
}

int fetch_multi_new(const struct fetch_loop_ops *ops, void *arg,
		    struct fetch_multi **out)
{
	struct fetch_multi *m = calloc(1, sizeof(*m));

	if (!m)
		return -ENOMEM;
	m->cm = curl_multi_init();
	if (!m->cm) {
		free(m);
		return -ENOMEM;
	}
	m->ops = ops;
	m->arg = arg;
	if (ops) {
		curl_multi_setopt(m->cm, CURLMOPT_SOCKETFUNCTION, on_socket);
		curl_multi_setopt(m->cm, CURLMOPT_SOCKETDATA, m);
		curl_multi_setopt(m->cm, CURLMOPT_TIMERFUNCTION, on_timer);
		curl_multi_setopt(m->cm, CURLMOPT_TIMERDATA, m);
	}
	*out = m;
	return 0;
}

void fetch_multi_free(struct fetch_multi *m)
{
	struct fetch *f, *next;

	if (!m)
		return;
	for (f = m->list; f; f = next) {
		next = f->next;
		fetch_free(f);
	}
	curl_multi_cleanup(m->cm);
	free(m);
}

void fetch_multi_socket(struct fetch_multi *m, int fd, unsigned int what)
{
	int ev = 0, running;

	if (what & FETCH_IN)
		ev |= CURL_CSELECT_IN;
	if (what & FETCH_OUT)
		ev |= CURL_CSELECT_OUT;
	if (what & FETCH_ERR)
		ev |= CURL_CSELECT_ERR;
	curl_multi_socket_action(m->cm, fd, ev, &running);
	check_done(m);
}

void fetch_multi_timeout(struct fetch_multi *m)
{
	int running;

	curl_multi_socket_action(m->cm, CURL_SOCKET_TIMEOUT, 0, &running);
	check_done(m);
}

unsigned int fetch_multi_active(const struct fetch_multi *m)
{
	return m->active;
}

void fetch_multi_run(struct fetch_multi *m)
{
	unsigned long before;
	int running;

	while (m->active) {
		before = m->ended;
		if (curl_multi_perform(m->cm, &running) != CURLM_OK)
			break;
		check_done(m);
		if (!running && m->ended == before)
			break;	/* nothing runs and nothing ended: stuck */
		if (m->active && running &&
		    curl_multi_poll(m->cm, NULL, 0, 1000, NULL) != CURLM_OK)
			break;
	}
}

int fetch_start(struct fetch_multi *m, const struct fetch_req *rq,
		fetch_done_fn done, void *arg, struct fetch **out,
		char *err, size_t errlen)
{
	struct fetch *f = calloc(1, sizeof(*f));

	if (!f)
		goto nomem;
	f->s.max = rq->max_size ? rq->max_size : FETCH_MAX_SIZE;
	f->s.https = fetch_is_https(rq->url);
	f->c = curl_easy_init();
	if (rq->extra_ca_file)
		f->extra_ca = strdup(rq->extra_ca_file);
	if (!f->c || (rq->extra_ca_file && !f->extra_ca))
		goto nomem_free;
	fetch_setup(f->c, rq, &f->s, f->curl_err, f->extra_ca);
	curl_easy_setopt(f->c, CURLOPT_PRIVATE, f);
	f->m = m;
	f->done = done;
	f->arg = arg;
	if (curl_multi_add_handle(m->cm, f->c) != CURLM_OK)
		goto nomem_free;
	f->next = m->list;
	m->list = f;
	m->active++;
	*out = f;
	return 0;
nomem_free:
	if (f->c)
		curl_easy_cleanup(f->c);
	free(f->extra_ca);
	free(f);
nomem:
	snprintf(err, errlen, "cannot start a transfer: out of memory");
	return -ENOMEM;
}

void fetch_cancel(struct fetch *f)
{
	if (f)
		fetch_free(f);
}

/* fetch_run's wait: the outcome lands here */
struct fetch_wait {
	int ret;
	unsigned char *data;
	size_t len;
	char *err;
	size_t errlen;
};

static void wait_done(void *arg, int ret, unsigned char *data, size_t len,
		      const char *err)
{
	struct fetch_wait *w = arg;

	w->ret = ret;
	w->data = data;
	w->len = len;
	if (ret)
		snprintf(w->err, w->errlen, "%s", err);
}

int fetch_run(const struct fetch_req *rq, unsigned char **data, size_t *len,
	      char *err, size_t errlen)
{
	struct fetch_wait w = { .ret = -EINPROGRESS, .err = err,
				.errlen = errlen };
	struct fetch_multi *m;
	struct fetch *f;
	int ret;

	ret = fetch_multi_new(NULL, NULL, &m);
	if (ret) {
		snprintf(err, errlen, "curl_multi_init failed");
		return ret;
	}
	ret = fetch_start(m, rq, wait_done, &w, &f, err, errlen);
	if (!ret) {
		fetch_multi_run(m);
		ret = w.ret;
		if (ret == -EINPROGRESS)
			snprintf(err, errlen, "transfer did not end");
	}
	fetch_multi_free(m);
	if (ret) {
		free(w.data);
		return ret;
	}
	*data = w.data;
	*len = w.len;
	return 0;
}
