// SPDX-License-Identifier: GPL-2.0
/* resync.h: one provisioning resync over Profile_Rule, _B, _C and _D. */
#ifndef FXSD_RESYNC_H
#define FXSD_RESYNC_H

#include <stddef.h>
#include <time.h>

#include "identity.h"

struct fetch_multi;
struct provision;
struct resync_job;

#define RESYNC_OPTION66_FILE "/run/fxsd/option66"
#define RESYNC_ERR_MAX 512
#define RESYNC_PENDING 1	/* resync_start: it runs, the callback ends it */

/**
 * struct resync - resync context and its last outcome
 * @pv:            where profiles are applied (store, state file, lines)
 * @id:            the device identity
 * @ca_file:       CA bundle for HTTPS (--ca), NULL: the system's
 * @cert_file:     client certificate (--cert), or NULL
 * @key_file:      its key (--cert-key), or NULL
 * @option66_file: file holding the DHCP option-66 server
 * @custom_ca_file: where the Custom_CA_Rule CA is installed (next to the
 *                 state file), NULL: no custom CA
 * @err:           $ERR: the last failure's message ("" after a success)
 * @last_attempt:  wall time of the last resync start (0: never)
 * @last_done:     wall time the last resync ended
 * @last_success:  wall time of the last successful resync (0: never)
 * @last_result:   0 success, -errno failure, 1 none yet
 * @ca_last_attempt: wall time of the last Custom_CA_Rule download and
 *                 install, successful or not (0: none since the start)
 * @ca_last_result: its result: 0 installed, -errno failed
 * @prvst:         reason of the last (or running) resync ($PRVST)
 * @failures:      consecutive failed resyncs (the schedule reads it)
 * @count:         resyncs run
 * @job:           the resync in progress, or NULL
 */
struct resync {
	struct provision *pv;
	struct identity *id;
	const char *ca_file;
	const char *cert_file;
	const char *key_file;
	const char *option66_file;
	const char *custom_ca_file;
	char err[RESYNC_ERR_MAX];
	time_t last_attempt;
	time_t last_done;
	time_t last_success;
	int last_result;
	time_t ca_last_attempt;
	int ca_last_result;
	int prvst;
	unsigned int failures;
	unsigned long count;
	struct resync_job *job;
};

/* a resync's end: its result, as resync_run returns it */
typedef void (*resync_done_fn)(void *arg, int result);

/*
 * Starts a resync of rule_text, or of Profile_Rule then _B, _C, _D when it
 * is NULL, whose transfers run in m. RESYNC_PENDING: it waits for a
 * transfer, and done(arg, result) ends it later. Otherwise it ended before
 * returning (done is not called) and this is its result: 0, -errno,
 * -ECANCELED when Provision_Enable is No (nothing ran), -EBUSY when a
 * resync already runs (nothing ran).
 */
int resync_start(struct resync *r, struct fetch_multi *m,
		 const char *rule_text, int prvst, resync_done_fn done,
		 void *arg);
/* 1 while a resync started by resync_start has not ended */
int resync_running(const struct resync *r);
/* stops the running resync, if any, without applying or calling done */
void resync_cancel(struct resync *r);

/* Runs rule_text, or Profile_Rule then _B, _C, _D when it is NULL (blank
 * rules skipped, the first failure stops), with prvst as $PRVST (the
 * schedule's enum resync_reason), to its end: resync_start in a
 * self-driven fetch_multi. Reports over syslog. 0 on success, -errno on
 * failure with r->err set. -ECANCELED when Provision_Enable is No. */
int resync_run(struct resync *r, const char *rule_text, int prvst);

/* value of a store parameter, "" when unknown */
void resync_param(struct resync *r, const char *name, char *buf, size_t len);

/* expands macros with this resync's context into out */
int resync_expand(struct resync *r, const char *in, char *out, size_t len);

/* "VENDOR/PN-SWVER (MA)(SN)" */
void resync_user_agent(const struct identity *id, char *buf, size_t len);

#endif /* FXSD_RESYNC_H */
