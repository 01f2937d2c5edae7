// SPDX-License-Identifier: GPL-2.0
/* ivr_code.h: the handset IVR's option codes (the ATA 191/192 and
 * SPA112/122 menu), what each reads, sets or runs. */
#ifndef FXSD_IVR_CODE_H
#define FXSD_IVR_CODE_H

#include <stdbool.h>

#include "ivr.h"
#include "ivr_entry.h"

/**
 * enum ivr_code_kind - what an option does
 * @IVR_CODE_READ:    speaks a value read from the system
 * @IVR_CODE_ADDRESS: sets a parameter to an address typed in
 * @IVR_CODE_CHOICE:  sets a parameter to one of two values, 1 or 0
 * @IVR_CODE_CONFIRM: runs a hook once 1 confirms it
 * @IVR_CODE_RUN:     runs a hook at once
 */
enum ivr_code_kind {
	IVR_CODE_READ,
	IVR_CODE_ADDRESS,
	IVR_CODE_CHOICE,
	IVR_CODE_CONFIRM,
	IVR_CODE_RUN,
};

/**
 * enum ivr_hook - the ivr_ops hook an option runs
 * @IVR_HOOK_NONE:          none
 * @IVR_HOOK_NETWORK:       ivr_ops.network, after the set
 * @IVR_HOOK_REBOOT:        ivr_ops.reboot
 * @IVR_HOOK_FACTORY_RESET: ivr_ops.factory_reset
 */
enum ivr_hook {
	IVR_HOOK_NONE,
	IVR_HOOK_NETWORK,
	IVR_HOOK_REBOOT,
	IVR_HOOK_FACTORY_RESET,
};

/**
 * struct ivr_code - one option of the menu
 * @digits: the code typed before '#'
 * @kind:   what it does
 * @what:   the clip naming the item, said before its value or question
 * @info:   READ: what to read
 * @onoff:  READ: the value is "1"/"0", spoken enabled/disabled
 * @addr:   ADDRESS: which addresses the entry may be
 * @param:  ADDRESS, CHOICE: the parameter set (its SPA name)
 * @on:     CHOICE: the value 1 sets
 * @off:    CHOICE: the value 0 sets
 * @hook:   the hook run (after the set, for ADDRESS and CHOICE)
 */
struct ivr_code {
	const char *digits;
	enum ivr_code_kind kind;
	enum ivr_prompt_id what;
	enum ivr_info info;
	bool onoff;
	enum ivr_entry_addr addr;
	const char *param;
	const char *on;
	const char *off;
	enum ivr_hook hook;
};

/* the option of DIGITS, or NULL when there is none */
const struct ivr_code *ivr_code_find(const char *digits);
/* whether the option changes the device, so the IVR password guards it */
bool ivr_code_guarded(const struct ivr_code *code);

#endif /* FXSD_IVR_CODE_H */
