// SPDX-License-Identifier: GPL-2.0
/*
 * web_auth.c: the web admin's access check. Digest authentication is
 * MHD's (MD5, the algorithm browsers and the SPA's clients share); this
 * file picks the password of the name given and slows an address that
 * keeps failing: after WEB_AUTH_FREE_FAILS wrong answers it is refused
 * (429, Retry-After) for WEB_AUTH_WAIT_FIRST seconds, doubling with each
 * further failure up to WEB_AUTH_WAIT_MAX. The loop never sleeps for it.
 */
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <netinet/in.h>
#include <microhttpd.h>

#include "param.h"
#include "store.h"
#include "web_auth.h"

static time_t web_auth_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

/* the client's address as 16 bytes (IPv4 mapped) */
static void web_auth_addr(struct MHD_Connection *conn, unsigned char out[16])
{
	const union MHD_ConnectionInfo *ci;
	const struct sockaddr *sa;

	memset(out, 0, 16);
	ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (!ci || !ci->client_addr)
		return;
	sa = ci->client_addr;
	if (sa->sa_family == AF_INET)
		memcpy(out + 12,
		       &((const struct sockaddr_in *)(const void *)sa)->sin_addr, 4);
	else if (sa->sa_family == AF_INET6)
		memcpy(out,
		       &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, 16);
}

/* the slot of addr, or the least recently used one, taken over */
static struct web_auth_slot *web_auth_slot(struct web_auth *a,
					   const unsigned char addr[16])
{
	struct web_auth_slot *old = &a->slot[0];
	size_t i;

	for (i = 0; i < WEB_AUTH_SLOTS; i++) {
		if (!memcmp(a->slot[i].addr, addr, 16) && a->slot[i].last)
			return &a->slot[i];
		if (a->slot[i].last < old->last)
			old = &a->slot[i];
	}
	memset(old, 0, sizeof(*old));
	memcpy(old->addr, addr, 16);
	return old;
}

static void web_auth_failed(struct web_auth_slot *s, const char *user)
{
	unsigned int extra;
	time_t wait;

	s->fails++;
	syslog(LOG_WARNING, "web: wrong password for '%.32s' (%u in a row)",
	       user, s->fails);
	if (s->fails < WEB_AUTH_FREE_FAILS)
		return;
	extra = s->fails - WEB_AUTH_FREE_FAILS;
	wait = WEB_AUTH_WAIT_FIRST;
	while (extra-- && wait < WEB_AUTH_WAIT_MAX)
		wait *= 2;
	if (wait > WEB_AUTH_WAIT_MAX)
		wait = WEB_AUTH_WAIT_MAX;
	s->until = web_auth_now() + wait;
}

/* the password of user and the level it gives; NULL for another name */
static const char *web_auth_password(const struct store *st,
				     const char *user, enum web_level *level)
{
	if (!strcmp(user, "admin")) {
		*level = WEB_ADMIN;
		return store_value(st, param_find("Admin_Passwd"));
	}
	if (!strcmp(user, "user")) {
		*level = WEB_USER;
		return store_value(st, param_find("User_Password"));
	}
	return NULL;
}

enum web_auth_result web_auth_check(struct web_auth *a,
				    struct MHD_Connection *conn,
				    const struct store *st,
				    enum web_level *level)
{
	struct web_auth_slot *s;
	unsigned char addr[16];
	const char *pass;
	char *user;
	int ret;

	if (!*store_value(st, param_find("Admin_Passwd"))) {
		*level = WEB_ADMIN;	/* the factory state: open */
		return WEB_AUTH_OK;
	}
	user = MHD_digest_auth_get_username(conn);
	if (!user)
		return WEB_AUTH_ASK;
	web_auth_addr(conn, addr);
	s = web_auth_slot(a, addr);
	s->last = web_auth_now();
	if (s->until > s->last) {
		free(user);
		return WEB_AUTH_WAIT;
	}
	pass = web_auth_password(st, user, level);
	ret = pass ? MHD_digest_auth_check2(conn, WEB_REALM, user, pass,
					    WEB_AUTH_NONCE_S,
					    MHD_DIGEST_ALG_MD5) : MHD_NO;
	if (ret == MHD_INVALID_NONCE) {
		free(user);
		return WEB_AUTH_STALE;
	}
	if (ret != MHD_YES) {
		web_auth_failed(s, user);
		free(user);
		return WEB_AUTH_ASK;
	}
	free(user);
	s->fails = 0;
	s->until = 0;
	return WEB_AUTH_OK;
}

int web_auth_refuse(struct MHD_Connection *conn, enum web_auth_result r)
{
	static const char ask[] = "401 Unauthorized\n";
	static const char wait[] =
		"429 Too Many Requests: too many wrong passwords, try later\n";
	struct MHD_Response *resp;
	int ret;

	if (r == WEB_AUTH_WAIT) {
		resp = MHD_create_response_from_buffer(sizeof(wait) - 1,
						       (void *)wait,
						       MHD_RESPMEM_PERSISTENT);
		if (!resp)
			return MHD_NO;
		MHD_add_response_header(resp, "Retry-After", "10");
		MHD_add_response_header(resp, "Content-Type", "text/plain");
		ret = MHD_queue_response(conn, 429, resp);
		MHD_destroy_response(resp);
		return ret;
	}
	resp = MHD_create_response_from_buffer(sizeof(ask) - 1, (void *)ask,
					       MHD_RESPMEM_PERSISTENT);
	if (!resp)
		return MHD_NO;
	MHD_add_response_header(resp, "Content-Type", "text/plain");
	ret = MHD_queue_auth_fail_response2(conn, WEB_REALM, WEB_REALM, resp,
					    r == WEB_AUTH_STALE ? MHD_YES : MHD_NO,
					    MHD_DIGEST_ALG_MD5);
	MHD_destroy_response(resp);
	return ret;
}
