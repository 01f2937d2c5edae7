// SPDX-License-Identifier: GPL-2.0
/*
 * ivr.h: the handset IVR engine, a state machine with no I/O. The caller
 * feeds it the line's events (hook, keys, "the prompt finished", the
 * time) and carries out what it answers: stop the prompt, play clips.
 * It reads the system, sets parameters and runs the network, reboot and
 * factory-reset hooks through struct ivr_ops.
 */
#ifndef FXSD_IVR_H
#define FXSD_IVR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ivr_prompt.h"

/* a minute without a key ends the menu, as on the SPA and ATA 191 */
#define IVR_TIMEOUT_MS 60000
/* the most clips one action plays (a long firmware version is cut) */
#define IVR_PLAY_MAX 64
/* ivr_wake_ms() when no time event is wanted */
#define IVR_WAKE_NEVER UINT64_MAX

struct ivr;

/**
 * enum ivr_event_type - what happened on the line
 * @IVR_EV_OFF_HOOK:    the handset was lifted
 * @IVR_EV_ON_HOOK:     it was hung up: the menu ends, nothing is saved
 * @IVR_EV_KEY:         a DTMF key (struct ivr_event.key)
 * @IVR_EV_PROMPT_DONE: the clips of the last play action have all played
 * @IVR_EV_TIME:        time passed (the caller's wake-up)
 */
enum ivr_event_type {
	IVR_EV_OFF_HOOK,
	IVR_EV_ON_HOOK,
	IVR_EV_KEY,
	IVR_EV_PROMPT_DONE,
	IVR_EV_TIME,
};

/**
 * struct ivr_event - one input
 * @type:   what happened
 * @key:    IVR_EV_KEY: '0'-'9', '*' or '#' (A-D are not keys here)
 * @now_ms: CLOCK_MONOTONIC now, in ms, never going back
 */
struct ivr_event {
	enum ivr_event_type type;
	char key;
	uint64_t now_ms;
};

/**
 * struct ivr_action - what the caller does, in this order
 * @stop:   stop the prompt playing now and drop what is queued of it
 * @n_play: how many clips to play, 0 for none
 * @play:   the clips' names (static strings of ivr_prompt.def), in order;
 *          IVR_EV_PROMPT_DONE tells the engine when the last has played
 *          (none is due for clips a stop dropped)
 */
struct ivr_action {
	bool stop;
	size_t n_play;
	const char *play[IVR_PLAY_MAX];
};

/**
 * enum ivr_info - what the IVR reads from the system
 * @IVR_INFO_DHCP:     whether the address comes from DHCP: "1" or "0"
 * @IVR_INFO_IP:       the current IPv4 address, dotted ("" for none)
 * @IVR_INFO_NETMASK:  its netmask, dotted
 * @IVR_INFO_GATEWAY:  the default gateway, dotted
 * @IVR_INFO_DNS:      the primary DNS server, dotted
 * @IVR_INFO_MAC:      the MAC, "aa:bb:cc:dd:ee:ff" (separators unspoken)
 * @IVR_INFO_FIRMWARE: the firmware version, e.g. "1.4.2-b3"
 * @IVR_INFO_WEB_PORT: the web server's port, e.g. "80"
 */
enum ivr_info {
	IVR_INFO_DHCP,
	IVR_INFO_IP,
	IVR_INFO_NETMASK,
	IVR_INFO_GATEWAY,
	IVR_INFO_DNS,
	IVR_INFO_MAC,
	IVR_INFO_FIRMWARE,
	IVR_INFO_WEB_PORT,
};

/**
 * struct ivr_ops - what the engine asks of its caller; each returns 0 or
 * -errno, and a failure is spoken "option failed"
 * @read:          the value of WHAT into buf (NUL-terminated)
 * @get:           parameter NAME's stored value into buf (the IVR
 *                 password, and a set's old value to roll back to)
 * @set:           N "NAME=VALUE" assignments as one set, all or nothing
 *                 (provision_assign in fxsd)
 * @network:       apply the network parameters to the interface; on a
 *                 failure the engine sets the old values back and calls
 *                 it once more
 * @reboot:        reboot the device (after the prompt, the caller's call)
 * @factory_reset: return every parameter to its default, then reboot
 */
struct ivr_ops {
	int (*read)(void *arg, enum ivr_info what, char *buf, size_t len);
	int (*get)(void *arg, const char *name, char *buf, size_t len);
	int (*set)(void *arg, const char *const *assign, size_t n);
	int (*network)(void *arg);
	int (*reboot)(void *arg);
	int (*factory_reset)(void *arg);
};

/*
 * A new engine for one line, on hook. OPS (every member set) and ARG
 * must outlive it; TIMEOUT_MS is the silence that ends the menu
 * (IVR_TIMEOUT_MS on a device), counted from the last key or from the
 * end of the last prompt (IVR_EV_PROMPT_DONE), never while one plays. NULL with errno EINVAL or ENOMEM. Free
 * it with ivr_free().
 */
struct ivr *ivr_new(const struct ivr_ops *ops, void *arg,
		    uint64_t timeout_ms);
void ivr_free(struct ivr *ivr);

/*
 * Feeds EV to the engine and fills OUT with what to do. 0, or -EINVAL
 * for an event type or key it does not know (OUT then empty, the state
 * as it was).
 */
int ivr_handle(struct ivr *ivr, const struct ivr_event *ev,
	       struct ivr_action *out);
/* when the engine wants an IVR_EV_TIME (ms, CLOCK_MONOTONIC), or
 * IVR_WAKE_NEVER */
uint64_t ivr_wake_ms(const struct ivr *ivr);
/* whether the menu is running (its keys are not a number being dialled) */
bool ivr_active(const struct ivr *ivr);

#endif /* FXSD_IVR_H */
