// SPDX-License-Identifier: GPL-2.0
/*
 * fetch.c: downloads profiles with libcurl over tftp, http and https:
 * redirects, basic/digest auth, server verification against the
 * configured CA, client certificates, the SPA User-Agent, and size and
 * time limits. Turns curl's result into one clear error message.
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

static void set_tls(CURL *c, const struct fetch_req *rq)
{
	if (rq->ca_file)
		curl_easy_setopt(c, CURLOPT_CAINFO, rq->ca_file);
	else
		drop_missing_default_ca(c);
	if (rq->extra_ca_file) {
		curl_easy_setopt(c, CURLOPT_SSL_CTX_FUNCTION, add_extra_ca);
		curl_easy_setopt(c, CURLOPT_SSL_CTX_DATA,
				 (void *)rq->extra_ca_file);
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
			char *curl_err)
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
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, rq->post);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(rq->post));
	}
	set_tls(c, rq);
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

int fetch_run(const struct fetch_req *rq, unsigned char **data, size_t *len,
	      char *err, size_t errlen)
{
	struct sink s = { .max = rq->max_size ? rq->max_size : FETCH_MAX_SIZE,
			  .https = fetch_is_https(rq->url) };
	char curl_err[CURL_ERROR_SIZE] = "";
	CURLcode rc;
	CURL *c;
	int ret;

	c = curl_easy_init();
	if (!c) {
		snprintf(err, errlen, "curl_easy_init failed");
		return -ENOMEM;
	}
	fetch_setup(c, rq, &s, curl_err);
	rc = curl_easy_perform(c);
	if (rc != CURLE_OK)
		ret = curl_error(rc, curl_err, &s, err, errlen);
	else
		ret = http_status(c, err, errlen);
	curl_easy_cleanup(c);
	if (!ret && !s.data) {
		s.data = calloc(1, 1);
		if (!s.data)
			ret = -ENOMEM;
	}
	if (ret) {
		free(s.data);
		return ret;
	}
	*data = s.data;
	*len = s.len;
	return 0;
}
