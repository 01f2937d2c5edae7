/* SPDX-License-Identifier: GPL-2.0 */
/*
 * openfxs hook state machine: debounce, flash and on-hook decisions on the
 * 10 ms frame clock.
 */
#ifndef _FXS_HOOK_H
#define _FXS_HOOK_H

#include <linux/types.h>

#include "fxs_settings_check.h"

/**
 * struct fxs_hook_config - hook timing (the configfs line attributes)
 * @debounce_ms: a raw hook change must hold this long to count
 * @flash_min_ms: shortest on-hook reported as a flash (SPA
 * Hook_Flash_Timer_Min, default 100); shorter ones are ignored
 * @flash_max_ms: longest on-hook reported as a flash (SPA
 * Hook_Flash_Timer_Max, default 900); at this length it becomes an on-hook
 */
struct fxs_hook_config {
	u32 debounce_ms;
	u32 flash_min_ms;
	u32 flash_max_ms;
};

/* the limits and defaults: fxs_settings_check.h */

/**
 * struct fxs_hook - hook state of one line
 * @raw: last raw state reported by the chip
 * @offhook: debounced state as last reported in an event
 * @deciding: an on-hook interval was debounced and it is not decided yet
 * whether it is a glitch, a flash or an on-hook (@offhook is still true)
 * @stable_ms: how long @raw has held, 0 in the frame it changed
 * @onhook_ms: time since the raw on-hook transition that started the
 * interval being decided (valid while @deciding)
 */
struct fxs_hook {
	bool raw;
	bool offhook;
	bool deciding;
	u32 stable_ms;
	u32 onhook_ms;
};

int fxs_hook_config_check(const struct fxs_hook_config *config);
void fxs_hook_init(struct fxs_hook *hook, bool offhook);
int fxs_hook_frame(struct fxs_hook *hook, const struct fxs_hook_config *config,
		   bool raw_offhook, u32 *value);

#endif /* _FXS_HOOK_H */
