// SPDX-License-Identifier: GPL-2.0
/*
 * web_auth.h: who a web request comes from: HTTP digest authentication
 * (MHD's) as admin (Admin_Passwd) or user (User_Password), open as admin
 * while Admin_Passwd is empty, and repeated failures from one address
 * refused for a while (429) before the password is even checked.
 */
#ifndef FXSD_WEB_AUTH_H
#define FXSD_WEB_AUTH_H

#include <time.h>

#include "web.h"

struct MHD_Connection;
struct store;

#define WEB_AUTH_FREE_FAILS	5	/* failures before the first wait */
#define WEB_AUTH_WAIT_FIRST	10	/* seconds refused after them */
#define WEB_AUTH_WAIT_MAX	300	/* doubling each further failure */
#define WEB_AUTH_SLOTS		32	/* addresses remembered */
#define WEB_AUTH_NONCE_S	300	/* a digest nonce's life */

struct web_auth_slot {
	unsigned char addr[16];
	unsigned int fails;
	time_t until;		/* CLOCK_MONOTONIC s: refused before */
	time_t last;
};

struct web_auth {
	struct web_auth_slot slot[WEB_AUTH_SLOTS];
};

/* the outcome of web_auth_check */
enum web_auth_result {
	WEB_AUTH_OK,
	WEB_AUTH_ASK,		/* 401: no or wrong credentials */
	WEB_AUTH_STALE,		/* 401 stale=true: an old nonce */
	WEB_AUTH_WAIT,		/* 429: too many failures from there */
};

/* the caller's level into *level, or why not */
enum web_auth_result web_auth_check(struct web_auth *a,
				    struct MHD_Connection *conn,
				    const struct store *st,
				    enum web_level *level);
/* queues the 401 or 429 answer of r; MHD's result */
int web_auth_refuse(struct MHD_Connection *conn, enum web_auth_result r);

#endif /* FXSD_WEB_AUTH_H */
