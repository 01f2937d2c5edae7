// SPDX-License-Identifier: GPL-2.0
/* fetch.h: downloads a profile over tftp, http or https (libcurl). */
#ifndef FXSD_FETCH_H
#define FXSD_FETCH_H

#include <stdbool.h>
#include <stddef.h>

#define FETCH_MAX_SIZE (1u << 20)	/* bytes, before decoding */
#define FETCH_CONNECT_TIMEOUT 10	/* seconds */
#define FETCH_TIMEOUT 30		/* seconds, whole transfer */

/**
 * struct fetch_req - one download
 * @url:        full URL with scheme (tftp://, http://, https://)
 * @user_agent: User-Agent header (http/https)
 * @uid:        user for HTTP basic/digest auth, or NULL
 * @pwd:        password, or NULL
 * @post:       POST body, or NULL for GET
 * @ca_file:    PEM CA bundle to verify servers against; NULL: the system's
 * @extra_ca_file: PEM CA certificates trusted besides @ca_file (the
 *              installed Custom_CA_Rule CA), or NULL
 * @cert_file:  PEM client certificate, or NULL
 * @key_file:   PEM key of @cert_file (NULL: in @cert_file)
 * @no_verify_name: skip the host name check (HTTPS_Name_Validate=No)
 * @max_size:   size limit (0: FETCH_MAX_SIZE)
 * @timeout:    whole-transfer limit in seconds (0: FETCH_TIMEOUT)
 */
struct fetch_req {
	const char *url;
	const char *user_agent;
	const char *uid;
	const char *pwd;
	const char *post;
	const char *ca_file;
	const char *extra_ca_file;
	const char *cert_file;
	const char *key_file;
	bool no_verify_name;
	size_t max_size;
	long timeout;
};

/* ---- transfers in an event loop (libcurl's multi interface) ---- */

struct fetch;
struct fetch_multi;

/* what fetch_loop_ops.watch asks for; what fetch_multi_socket reports */
#define FETCH_IN  1u
#define FETCH_OUT 2u
#define FETCH_ERR 4u

/**
 * struct fetch_loop_ops - how a fetch_multi waits: the event loop's side
 * @watch: watch fd for FETCH_IN and/or FETCH_OUT; 0 stops watching it.
 *         0 or -errno. When the fd is ready, call fetch_multi_socket().
 * @timer: call fetch_multi_timeout() once after ms milliseconds (0: soon);
 *         -1 cancels it
 */
struct fetch_loop_ops {
	int (*watch)(void *arg, int fd, unsigned int what);
	void (*timer)(void *arg, long ms);
};

/* ret 0 with data (malloc'd, NUL-terminated, len bytes, now the
 * callee's), or -errno with err as fetch_run() gives them */
typedef void (*fetch_done_fn)(void *arg, int ret, unsigned char *data,
			      size_t len, const char *err);

/* ops NULL: self-driven, fetch_multi_run() waits in poll(); else the
 * caller's loop drives it through ops (arg passed back). 0 or -errno. */
int fetch_multi_new(const struct fetch_loop_ops *ops, void *arg,
		    struct fetch_multi **out);
/* cancels what is still running (no done call) and frees m (NULL ok) */
void fetch_multi_free(struct fetch_multi *m);
/* the loop's report: fd became ready (FETCH_* bits) / the timer fired;
 * done callbacks of finished transfers run from here */
void fetch_multi_socket(struct fetch_multi *m, int fd, unsigned int what);
void fetch_multi_timeout(struct fetch_multi *m);
/* self-driven m: runs until no transfer is left (done callbacks may start
 * more, which it runs too) */
void fetch_multi_run(struct fetch_multi *m);
/* transfers started and not yet done */
unsigned int fetch_multi_active(const struct fetch_multi *m);

/* Starts rq (copied: its strings need not outlive the call) in m. 0: done
 * runs later, exactly once, unless fetch_cancel(*out) comes first;
 * -errno with err: nothing started, done never runs. */
int fetch_start(struct fetch_multi *m, const struct fetch_req *rq,
		fetch_done_fn done, void *arg, struct fetch **out,
		char *err, size_t errlen);
/* stops a transfer whose done has not run yet; done never runs */
void fetch_cancel(struct fetch *f);

/* Downloads into *data (malloc'd, NUL-terminated, *len bytes); waits for
 * the end (a self-driven fetch_multi). 
 * 0; -ENOENT when the file is not found (HTTP 404, TFTP file not found);
 * other -errno with err like "HTTP 500", "connect failed: ...",
 * "TLS: certificate verify failed: ...", "profile over 1048576 bytes". */
int fetch_run(const struct fetch_req *rq, unsigned char **data, size_t *len,
	      char *err, size_t errlen);
/* true when url's scheme is https (case-insensitive) */
bool fetch_is_https(const char *url);
/* curl_global_init; call once at start */
int fetch_init(void);

#endif
