// SPDX-License-Identifier: GPL-2.0
/* resync.h: one provisioning resync over Profile_Rule, _B, _C and _D. */
#ifndef FXSD_RESYNC_H
#define FXSD_RESYNC_H

#include <stddef.h>
#include <time.h>

#include "identity.h"

struct store;

#define RESYNC_OPTION66_FILE "/run/fxsd/option66"
#define RESYNC_ERR_MAX 512

/* $PRVST: why a resync runs */
enum resync_reason {
	RESYNC_EXPLICIT = -1,	/* fxsctl resync, trigger URL */
	RESYNC_POWERUP = 0,	/* Resync_On_Reset, link/address up */
	RESYNC_PERIODIC = 1,	/* Resync_Periodic, Resync_At */
	RESYNC_RETRY = 2,	/* Resync_Error_Retry_Delay */
	RESYNC_TRIGGER = 3,	/* Resync_Trigger_1/2 */
};

/**
 * struct resync - resync context and its last outcome
 * @st:            the parameter store
 * @id:            the device identity
 * @state_path:    state file to persist to, or NULL
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
 * @prvst:         reason of the last (or running) resync
 * @failures:      consecutive failed resyncs
 * @count:         resyncs run
 */
struct resync {
	struct store *st;
	struct identity *id;
	const char *state_path;
	const char *ca_file;
	const char *cert_file;
	const char *key_file;
	const char *option66_file;
	const char *custom_ca_file;
	const char *line_config;	/* configfs lines/ root, or NULL */
	char err[RESYNC_ERR_MAX];
	time_t last_attempt;
	time_t last_done;
	time_t last_success;
	int last_result;
	int prvst;
	unsigned int failures;
	unsigned long count;
};

/* Runs rule_text, or Profile_Rule then _B, _C, _D when it is NULL (blank
 * rules skipped, the first failure stops). Reports over syslog. 0 on
 * success, -errno on failure with r->err set. -ECANCELED when
 * Provision_Enable is No. */
int resync_run(struct resync *r, const char *rule_text,
	       enum resync_reason why);

/* value of a store parameter, "" when unknown */
void resync_param(struct resync *r, const char *name, char *buf, size_t len);

/* expands macros with this resync's context into out */
int resync_expand(struct resync *r, const char *in, char *out, size_t len);

/* "VENDOR/PN-SWVER (MA)(SN)" */
void resync_user_agent(const struct identity *id, char *buf, size_t len);

#endif
