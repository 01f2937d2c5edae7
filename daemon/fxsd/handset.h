// SPDX-License-Identifier: GPL-2.0
/* handset.h: the handset IVR on every line of the set: one engine
 * (ivr.h) per line, fed from the line's events and a loop timer, its
 * prompts played from the clip directory, its sets made through
 * provision_assign, its hooks run as programs (hook_run.h). */
#ifndef FXSD_HANDSET_H
#define FXSD_HANDSET_H

#include <stdint.h>

#include "line.h"

#define HANDSET_PROMPTS_DEFAULT "/usr/share/openfxs/prompts"

struct handsets;
struct identity;
struct loop;
struct provision;

/**
 * struct handset_config - what the IVR works with (every string may be
 * NULL but prompts; all must outlive the handsets)
 * @pv:           where sets go (provision_assign) and values come from
 * @id:           the identity: MAC and firmware version spoken
 * @prompts:      the clip directory: NAME.s16, 8 kHz s16le mono
 * @iface:        the interface whose address, mask and gateway are spoken
 * @resolv_conf:  the resolver file the DNS server is read from
 * @network_hook: run after a network parameter is set ("network")
 * @reboot_hook:  run for a reboot ("reboot") and after a factory reset
 *                ("factory-reset")
 * @timeout_ms:   the silence that ends the menu
 * @hook_timeout_ms: the time a hook gets before it is killed
 * @now_ms:       the CLOCK_MONOTONIC clock in ms; NULL for the real one
 *                (tests give their own)
 */
struct handset_config {
	struct provision *pv;
	const struct identity *id;
	const char *prompts;
	const char *iface;
	const char *resolv_conf;
	const char *network_hook;
	const char *reboot_hook;
	uint64_t timeout_ms;
	unsigned int hook_timeout_ms;
	uint64_t (*now_ms)(void);
};

/* the IVR of a line set: give handsets_line_ops() and *out to
 * lines_open (or line_adopt). 0 or -errno. Free with handsets_free()
 * after the lines are closed. */
int handsets_new(struct loop *l, const struct handset_config *cfg,
		 struct handsets **out);
void handsets_free(struct handsets *hs);
const struct line_ops *handsets_line_ops(void);

/* the timer's work, public for tests: engines whose time has come get
 * their time event, and clips waiting for room in a line's queue go out */
void handsets_tick(struct handsets *hs);
/* how many lines have an engine */
size_t handsets_count(const struct handsets *hs);

#endif /* FXSD_HANDSET_H */
