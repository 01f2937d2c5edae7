// SPDX-License-Identifier: GPL-2.0
/*
 * openfxs hook state machine: turns the raw hook state sampled once per
 * 10 ms frame into debounced off-hook, on-hook and flash events.
 *
 * Time counts in frames: a raw change seen in a frame has held 0 ms in that
 * frame, 10 ms in the next one, and so on. A change counts once it has held
 * debounce_ms (so the debounce is rounded up to whole frames). On-hook
 * durations are measured from the raw on-hook transition.
 */

#include <linux/errno.h>
#include <linux/kernel.h>

#include <uapi/linux/fxs.h>

#include "fxs_driver.h"
#include "fxs_hook.h"

/**
 * fxs_hook_config_check() - check hook timing
 * @config: the timing
 *
 * Return: 0, or -EINVAL unless debounce_ms <= 200,
 * 0 < flash_min_ms < flash_max_ms <= 2000 and debounce_ms < flash_min_ms.
 */
int fxs_hook_config_check(const struct fxs_hook_config *config)
{
	return fxs_settings_check_hook(config->debounce_ms,
				       config->flash_min_ms,
				       config->flash_max_ms);
}

/**
 * fxs_hook_init() - start the state machine
 * @hook: the hook state
 * @offhook: the current (already settled) hook state
 */
void fxs_hook_init(struct fxs_hook *hook, bool offhook)
{
	hook->raw = offhook;
	hook->offhook = offhook;
	hook->deciding = false;
	hook->stable_ms = 0;
	hook->onhook_ms = 0;
}

static u32 fxs_hook_add_frame(u32 ms)
{
	return ms <= U32_MAX - FXS_FRAME_MS ? ms + FXS_FRAME_MS : ms;
}

/*
 * Between a debounced on-hook and the decision: glitch, flash or on-hook.
 * While the raw state is off-hook again (not yet debounced), the on-hook
 * interval ended stable_ms ago.
 */
static int fxs_hook_decide(struct fxs_hook *hook,
			   const struct fxs_hook_config *config, u32 *value)
{
	u32 onhook_ms = hook->onhook_ms;

	if (hook->raw)
		onhook_ms -= hook->stable_ms;
	if (onhook_ms >= config->flash_max_ms) {
		hook->deciding = false;
		hook->offhook = false;
		*value = onhook_ms;
		return FXS_EVENT_ONHOOK;
	}
	if (!hook->raw || hook->stable_ms < config->debounce_ms)
		return 0;
	hook->deciding = false;
	if (onhook_ms < config->flash_min_ms)
		return 0;
	*value = onhook_ms;
	return FXS_EVENT_FLASH;
}

/**
 * fxs_hook_frame() - advance the hook state by one 10 ms frame
 * @hook: the hook state
 * @config: hook timing, checked by fxs_hook_config_check()
 * @raw_offhook: the raw hook state in this frame
 * @value: set to the event's value when an event is returned
 *
 * Return: 0 (no event), %FXS_EVENT_OFFHOOK, %FXS_EVENT_ONHOOK (value: the
 * on-hook time so far, ms) or %FXS_EVENT_FLASH (value: the on-hook time, ms).
 */
int fxs_hook_frame(struct fxs_hook *hook, const struct fxs_hook_config *config,
		   bool raw_offhook, u32 *value)
{
	if (raw_offhook != hook->raw) {
		hook->raw = raw_offhook;
		hook->stable_ms = 0;
	} else {
		hook->stable_ms = fxs_hook_add_frame(hook->stable_ms);
	}

	if (hook->deciding) {
		hook->onhook_ms = fxs_hook_add_frame(hook->onhook_ms);
		return fxs_hook_decide(hook, config, value);
	}
	if (hook->raw == hook->offhook ||
	    hook->stable_ms < config->debounce_ms)
		return 0;
	if (hook->raw) {
		hook->offhook = true;
		*value = 0;
		return FXS_EVENT_OFFHOOK;
	}
	hook->deciding = true;
	hook->onhook_ms = hook->stable_ms;
	return fxs_hook_decide(hook, config, value);
}
