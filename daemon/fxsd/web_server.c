// SPDX-License-Identifier: GPL-2.0
/*
 * web_server.c: the web admin's server: libmicrohttpd started without a
 * thread of its own (MHD_USE_EPOLL), its epoll fd watched by fxsd's loop
 * and its timeout kept on a loop timer; the request bodies, the access
 * check and the routing to the page and action handlers; and following
 * Enable_Web_Server and Web_Server_Port as they change.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/random.h>
#include <microhttpd.h>

#include "hook_run.h"
#include "loop.h"
#include "param.h"
#include "provision.h"
#include "store.h"
#include "web.h"
#include "web_auth.h"
#include "web_server.h"

#define WEB_MEMORY_LIMIT (32 * 1024)	/* a connection's buffers: headers */
#define WEB_CONNECTIONS	16
#define WEB_PER_IP	8
#define WEB_DEADLINE_S	10		/* a client's idle time */
#define WEB_DROP_MAX	(4 * WEB_BODY_MAX)	/* too big a body read on */

/* one request: its raw URI (with the query) and its body */
struct web_req {
	char *uri;
	char *body;
	size_t len;
	size_t dropped;		/* bytes past WEB_BODY_MAX, thrown away */
	int seen;
	int after;
};

struct web {
	struct loop *loop;
	struct web_target *t;
	char addr[INET_ADDRSTRLEN];
	unsigned int fixed_port;	/* --http's port, 0: Web_Server_Port */
	unsigned int port;		/* listening on, 0: not */
	struct MHD_Daemon *mhd;
	int epfd;
	struct loop_timer *t_mhd;	/* MHD's timeout */
	struct loop_timer *t_change;	/* web_reconcile, outside MHD */
	struct loop_timer *t_after;	/* the reboot, once answered */
	char csrf[WEB_CSRF_HEX + 1];
	unsigned char nonce_seed[32];
	struct web_auth auth;
};

/* a route: exact path, or a prefix when it ends in '/' */
struct web_route {
	const char *path;
	unsigned int methods;
	enum web_level level;
	web_handler_fn fn;
};

#define GET 1u
#define POST 2u

static const struct web_route web_routes[] = {
	{ "/", GET, WEB_USER, web_status_page },
	{ "/voice/", GET | POST, WEB_USER, web_params_page },
	{ "/log/messages", GET, WEB_ADMIN, web_log_page },
	{ "/admin/resync", GET, WEB_ADMIN, web_action_resync },
	{ "/admin/reboot", GET, WEB_ADMIN, web_action_reboot },
	{ "/admin/cfg.xml", GET, WEB_ADMIN, web_action_cfg_xml },
	{ "/admin/status.xml", GET, WEB_ADMIN, web_status_xml },
	{ "/CGI/Execute", POST, WEB_ADMIN, web_execute },
};

int web_parse_listen(const char *s, char *addr, size_t addrlen,
		     unsigned int *port)
{
	const char *colon = strrchr(s, ':');
	const char *p = colon ? colon + 1 : s;
	size_t alen = colon ? (size_t)(colon - s) : 0;
	struct in_addr in;
	char *end;
	unsigned long v = 0;

	if (alen >= addrlen)
		return -EINVAL;
	memcpy(addr, s, alen);
	addr[alen] = '\0';
	if (alen && inet_pton(AF_INET, addr, &in) != 1)
		return -EINVAL;
	if (*p) {
		errno = 0;
		v = strtoul(p, &end, 10);
		if (errno || *end || *p == '-' || *p == '+' || !v || v > 65535)
			return -EINVAL;
	} else if (!colon) {
		return -EINVAL;
	}
	*port = (unsigned int)v;
	return 0;
}

/* ---- answers ---- */

static int web_send(struct MHD_Connection *conn, int status, const char *type,
		    char *buf, size_t len)
{
	struct MHD_Response *resp;
	int ret;

	resp = MHD_create_response_from_buffer(len, buf, MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(buf);
		return MHD_NO;
	}
	MHD_add_response_header(resp, "Content-Type", type);
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Content-Security-Policy",
				"default-src 'self' 'unsafe-inline'");
	ret = MHD_queue_response(conn, (unsigned int)status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static int web_send_text(struct MHD_Connection *conn, int status,
			 const char *msg)
{
	char *buf = strdup(msg);

	if (!buf)
		return MHD_NO;
	return web_send(conn, status, "text/plain; charset=utf-8", buf,
			strlen(buf));
}

static const struct web_route *web_route_find(const char *path)
{
	size_t i, n;

	for (i = 0; i < sizeof(web_routes) / sizeof(web_routes[0]); i++) {
		n = strlen(web_routes[i].path);
		if (web_routes[i].path[n - 1] == '/' && n > 1 ?
		    !strncmp(path, web_routes[i].path, n) :
		    !strcmp(path, web_routes[i].path))
			return &web_routes[i];
	}
	return NULL;
}

/* runs the handler and queues what it wrote */
static int web_dispatch(struct web *w, struct MHD_Connection *conn,
			struct web_req *rq, const struct web_route *r,
			struct web_call *c)
{
	char *buf = NULL;
	size_t len = 0;
	int status;

	c->out = open_memstream(&buf, &len);
	if (!c->out)
		return MHD_NO;
	c->t = w->t;
	c->csrf = w->csrf;
	c->type = "text/html; charset=utf-8";
	status = r->fn(c);
	if (fclose(c->out)) {
		free(buf);
		return MHD_NO;
	}
	rq->after = c->after;
	return web_send(conn, status, c->type, buf, len);
}

/* the request is whole: check who asks, then route */
static int web_handle(struct web *w, struct MHD_Connection *conn,
		      struct web_req *rq, const char *url, int post)
{
	const struct web_route *r = web_route_find(url);
	const char *q = rq->uri ? strchr(rq->uri, '?') : NULL;
	struct web_call c = { 0 };
	enum web_auth_result ar;
	enum web_level level;

	ar = web_auth_check(&w->auth, conn, w->t->pv->st, &level);
	if (ar != WEB_AUTH_OK)
		return web_auth_refuse(conn, ar);
	if (!r)
		return web_send_text(conn, 404, "404 Not Found\n");
	if (!(r->methods & (post ? POST : GET)))
		return web_send_text(conn, 405, "405 Method Not Allowed\n");
	if (level < r->level)
		return web_send_text(conn, 403, "403 Forbidden: admin only\n");
	c.post = post;
	c.path = url;
	c.query = q ? q + 1 : NULL;
	c.body = rq->body;
	c.body_len = rq->len;
	c.content_type = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
						     "Content-Type");
	c.level = level;
	return web_dispatch(w, conn, rq, r, &c);
}

static int web_take_body(struct web_req *rq, const char *data, size_t n)
{
	char *b;

	if (rq->len + n > WEB_BODY_MAX)
		return -E2BIG;
	b = realloc(rq->body, rq->len + n + 1);
	if (!b)
		return -ENOMEM;
	memcpy(b + rq->len, data, n);
	rq->len += n;
	b[rq->len] = '\0';
	rq->body = b;
	return 0;
}

/* a declared body too big for WEB_BODY_MAX: refused before it is read */
static int web_declared_too_big(struct MHD_Connection *conn)
{
	const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
						     "Content-Length");

	return cl && strtoull(cl, NULL, 10) > WEB_BODY_MAX;
}

static enum MHD_Result web_on_request(void *cls, struct MHD_Connection *conn,
				      const char *url, const char *method,
				      const char *version,
				      const char *upload_data,
				      size_t *upload_data_size, void **con_cls)
{
	struct web *w = cls;
	struct web_req *rq = *con_cls;
	int post = !strcmp(method, "POST");

	(void)version;
	if (!rq)
		return MHD_NO;
	if (!post && strcmp(method, "GET") && strcmp(method, "HEAD"))
		return web_send_text(conn, 405, "405 Method Not Allowed\n");
	if (!rq->seen) {
		rq->seen = 1;
		if (post && web_declared_too_big(conn))
			return web_send_text(conn, 413,
					     "413 Payload Too Large\n");
		if (post)
			return MHD_YES;
	}
	if (*upload_data_size) {
		/* MHD answers only once the body is in: read on to its end
		 * (throwing it away), or close when there is no end to it */
		if (rq->dropped || web_take_body(rq, upload_data,
						 *upload_data_size))
			rq->dropped += *upload_data_size;
		*upload_data_size = 0;
		return rq->dropped > WEB_DROP_MAX ? MHD_NO : MHD_YES;
	}
	if (rq->dropped)
		return web_send_text(conn, 413, "413 Payload Too Large\n");
	return web_handle(w, conn, rq, url, post) == MHD_YES ? MHD_YES : MHD_NO;
}

/* MHD's first look at a request: keep its raw URI, query and all */
static void *web_on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	struct web_req *rq = calloc(1, sizeof(*rq));

	(void)cls;
	(void)c;
	if (rq)
		rq->uri = strdup(uri);
	return rq;
}

static void web_on_done(void *cls, struct MHD_Connection *conn,
			void **con_cls, enum MHD_RequestTerminationCode why)
{
	struct web *w = cls;
	struct web_req *rq = *con_cls;

	(void)conn;
	if (!rq)
		return;
	if (rq->after == WEB_AFTER_REBOOT &&
	    why == MHD_REQUEST_TERMINATED_COMPLETED_OK)
		loop_timer_arm(w->t_after, 0);
	free(rq->uri);
	free(rq->body);
	free(rq);
	*con_cls = NULL;
}

static void web_mhd_log(void *cls, const char *fmt, va_list ap)
{
	char msg[256];
	size_t n;

	(void)cls;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	n = strlen(msg);
	while (n && msg[n - 1] == '\n')
		msg[--n] = '\0';
	syslog(LOG_WARNING, "web: %s", msg);
}

/* ---- the loop's side ---- */

static void web_arm(struct web *w)
{
	MHD_UNSIGNED_LONG_LONG ms;

	if (!w->mhd)
		return;
	if (MHD_get_timeout(w->mhd, &ms) == MHD_YES)
		loop_timer_arm(w->t_mhd, ms);
	else
		loop_timer_disarm(w->t_mhd);
}

static void web_on_fd(struct loop *l, int fd, uint32_t events, void *arg)
{
	struct web *w = arg;

	(void)l;
	(void)fd;
	(void)events;
	MHD_run(w->mhd);
	web_arm(w);
}

static void web_on_timer(struct loop *l, struct loop_timer *t, void *arg)
{
	struct web *w = arg;

	(void)l;
	(void)t;
	if (w->mhd)
		MHD_run(w->mhd);
	web_arm(w);
}

static void web_on_change_timer(struct loop *l, struct loop_timer *t,
				void *arg)
{
	(void)l;
	(void)t;
	web_reconcile(arg);
}

static void web_on_after(struct loop *l, struct loop_timer *t, void *arg)
{
	struct web *w = arg;
	int ret;

	(void)l;
	(void)t;
	syslog(LOG_NOTICE, "web: reboot requested");
	ret = hook_run(w->t->reboot_hook, "reboot", NULL, 0, HOOK_TIMEOUT_MS);
	if (ret)
		syslog(LOG_ERR, "web: reboot hook '%s' failed: %s",
		       w->t->reboot_hook, strerror(-ret));
}

/* provision_apply changed something: look again, outside MHD's calls */
static void web_on_params(void *arg)
{
	struct web *w = arg;

	loop_timer_arm(w->t_change, 0);
}

static void web_stop(struct web *w)
{
	if (!w->mhd)
		return;
	loop_del_fd(w->loop, w->epfd);
	loop_timer_disarm(w->t_mhd);
	MHD_stop_daemon(w->mhd);
	w->mhd = NULL;
	syslog(LOG_INFO, "web: stopped listening on port %u", w->port);
	w->port = 0;
}

static int web_start(struct web *w, unsigned int port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET,
				  .sin_port = htons((uint16_t)port) };
	const union MHD_DaemonInfo *di;

	if (*w->addr)
		inet_pton(AF_INET, w->addr, &sa.sin_addr);
	w->mhd = MHD_start_daemon(
		MHD_USE_EPOLL | MHD_USE_ERROR_LOG, (uint16_t)port, NULL, NULL,
		web_on_request, w,
		MHD_OPTION_EXTERNAL_LOGGER, web_mhd_log, w,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)WEB_MEMORY_LIMIT,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned int)WEB_CONNECTIONS,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned int)WEB_PER_IP,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)WEB_DEADLINE_S,
		MHD_OPTION_URI_LOG_CALLBACK, web_on_uri, w,
		MHD_OPTION_NOTIFY_COMPLETED, web_on_done, w,
		MHD_OPTION_DIGEST_AUTH_RANDOM, sizeof(w->nonce_seed),
		w->nonce_seed,
		MHD_OPTION_NONCE_NC_SIZE, (unsigned int)64,
		MHD_OPTION_END);
	if (!w->mhd) {
		syslog(LOG_ERR, "web: cannot listen on %s:%u",
		       *w->addr ? w->addr : "*", port);
		return -EADDRNOTAVAIL;
	}
	di = MHD_get_daemon_info(w->mhd, MHD_DAEMON_INFO_EPOLL_FD);
	w->epfd = di ? di->epoll_fd : -1;
	if (w->epfd < 0 || loop_add_fd(w->loop, w->epfd, EPOLLIN, web_on_fd, w)) {
		MHD_stop_daemon(w->mhd);
		w->mhd = NULL;
		return -EIO;
	}
	w->port = port;
	syslog(LOG_INFO, "web: listening on %s:%u", *w->addr ? w->addr : "*",
	       port);
	web_arm(w);
	return 0;
}

/* the port the parameters ask for, 0 when the server is to be off */
static unsigned int web_wanted_port(const struct web *w)
{
	const struct store *st = w->t->pv->st;
	long long port;

	if (param_parse_bool(store_value(st, param_find("Enable_Web_Server"))) != 1)
		return 0;
	if (w->fixed_port)
		return w->fixed_port;
	if (param_parse_int(store_value(st, param_find("Web_Server_Port")),
			    &port) || port < 1 || port > 65535)
		return 0;
	return (unsigned int)port;
}

void web_reconcile(struct web *w)
{
	unsigned int want = web_wanted_port(w);

	if (w->mhd && want == w->port)
		return;
	web_stop(w);
	if (want)
		web_start(w, want);	/* a failure is logged */
}

unsigned int web_port(const struct web *w)
{
	return w->port;
}

static void web_hex(const unsigned char *b, size_t n, char *out)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = hex[b[i] >> 4];
		out[2 * i + 1] = hex[b[i] & 15];
	}
	out[2 * n] = '\0';
}

static int web_random(struct web *w)
{
	unsigned char tok[WEB_CSRF_HEX / 2];

	if (getrandom(tok, sizeof(tok), 0) != sizeof(tok) ||
	    getrandom(w->nonce_seed, sizeof(w->nonce_seed), 0) !=
	    sizeof(w->nonce_seed))
		return -EIO;
	web_hex(tok, sizeof(tok), w->csrf);
	return 0;
}

int web_open(struct loop *l, const char *addr, unsigned int port,
	     struct web_target *t, struct web **out)
{
	struct web *w = calloc(1, sizeof(*w));
	int ret;

	if (!w)
		return -ENOMEM;
	w->loop = l;
	w->t = t;
	w->fixed_port = port;
	snprintf(w->addr, sizeof(w->addr), "%s", addr);
	ret = web_random(w);
	if (!ret)
		ret = loop_timer_new(l, web_on_timer, w, &w->t_mhd);
	if (!ret)
		ret = loop_timer_new(l, web_on_change_timer, w, &w->t_change);
	if (!ret)
		ret = loop_timer_new(l, web_on_after, w, &w->t_after);
	if (ret) {
		web_close(w);
		return ret;
	}
	t->pv->changed = web_on_params;
	t->pv->changed_arg = w;
	web_reconcile(w);
	*out = w;
	return 0;
}

void web_close(struct web *w)
{
	if (!w)
		return;
	if (w->t->pv->changed_arg == w)
		w->t->pv->changed = NULL;
	web_stop(w);
	loop_timer_free(w->t_mhd);
	loop_timer_free(w->t_change);
	loop_timer_free(w->t_after);
	free(w);
}
