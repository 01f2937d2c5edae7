// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_hook.c: the kernel's hook and flash state machine (kmod/fxs_hook.c
 * on the host shim) fed random raw hook sample sequences. Bytes 0-5 are
 * the timing (debounce, flash min, flash max: 16 bits each, only accepted
 * configurations run), byte 6 the initial state; then each byte is a run:
 * bit 0 the raw state, bits 1-7 the frames it lasts minus one. The events
 * must alternate off-hook/on-hook, a flash happens only off-hook and lasts
 * flash_min..flash_max.
 */
#include <stdbool.h>

#include <uapi/linux/fxs.h>

#include "fxs_driver.h"
#include "fxs_hook.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fxs_hook_config cfg;
	struct fxs_hook hook;
	bool offhook;
	size_t i;
	u32 value;
	int n, type;

	if (size < 7)
		return 0;
	cfg.debounce_ms = data[0] | data[1] << 8;
	cfg.flash_min_ms = data[2] | data[3] << 8;
	cfg.flash_max_ms = data[4] | data[5] << 8;
	if (fxs_hook_config_check(&cfg))
		return 0;
	offhook = data[6] & 1;
	fxs_hook_init(&hook, offhook);
	for (i = 7; i < size; i++) {
		for (n = (data[i] >> 1) + 1; n; n--) {
			value = 0xdeadbeef;
			type = fxs_hook_frame(&hook, &cfg, data[i] & 1, &value);
			switch (type) {
			case 0:
				break;
			case FXS_EVENT_OFFHOOK:
				FUZZ_ASSERT(!offhook, "off-hook twice");
				offhook = true;
				break;
			case FXS_EVENT_ONHOOK:
				FUZZ_ASSERT(offhook, "on-hook twice");
				FUZZ_ASSERT(value >= cfg.flash_max_ms,
					    "on-hook after %u ms < flash max %u",
					    value, cfg.flash_max_ms);
				offhook = false;
				break;
			case FXS_EVENT_FLASH:
				FUZZ_ASSERT(offhook, "flash while on-hook");
				FUZZ_ASSERT(value >= cfg.flash_min_ms &&
					    value < cfg.flash_max_ms,
					    "flash of %u ms outside %u..%u",
					    value, cfg.flash_min_ms,
					    cfg.flash_max_ms);
				break;
			default:
				FUZZ_ASSERT(0, "event type %d", type);
			}
		}
	}
	return 0;
}
