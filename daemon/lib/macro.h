// SPDX-License-Identifier: GPL-2.0
/* macro.h: SPA macro expansion ($MA, $SN, $A, $(NAME:p:q), ...). */
#ifndef FXSD_MACRO_H
#define FXSD_MACRO_H

#include <stddef.h>

#include "identity.h"

/* run-time values a resync sets; NULL expands to "" */
enum macro_var {
	MACRO_ERR, MACRO_PRVST, MACRO_UPGST, MACRO_PRVTMR, MACRO_SCHEME,
	MACRO_SERV, MACRO_SERVIP, MACRO_PORT, MACRO_PATH, MACRO_CCERT,
	MACRO_EXTIP, MACRO_UPGTMR, MACRO_UPGERR, MACRO_UPGCOND,
	MACRO_REGTMR1, MACRO_REGTMR2, MACRO_NVARS
};

/* parameter lookup: 0 and the value in buf, or -errno */
typedef int (*macro_get_fn)(void *arg, const char *name, char *buf,
			    size_t len);

/**
 * struct macro_ctx - what the macros expand to
 * @id:      identity ($MA, $SN, ...)
 * @get:     parameter lookup for $A..$P, $UID1/2, $SA..$SD and $(NAME)
 * @secret:  1 when a parameter is secret (access na, or GPP_SA..SD): it
 *           expands only in @key_mode, and stays as written elsewhere;
 *           NULL: none is
 * @arg:     passed to @get and @secret
 * @var:     run-time values, indexed by enum macro_var
 * @key_mode: set when expanding a --key value ($SA..$SD and secrets
 *           allowed)
 */
struct macro_ctx {
	const struct identity *id;
	macro_get_fn get;
	int (*secret)(void *arg, const char *name);
	void *arg;
	const char *var[MACRO_NVARS];
	int key_mode;
};

/* Expands in into out (one level, no re-expansion); unknown names stay as
 * written, "$$" gives "$". 0, or -E2BIG when out is too small. */
int macro_expand(const struct macro_ctx *ctx, const char *in,
		 char *out, size_t outlen);

#endif /* FXSD_MACRO_H */
