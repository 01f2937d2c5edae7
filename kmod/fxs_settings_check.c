// SPDX-License-Identifier: GPL-2.0
/*
 * openfxs line settings range checks, shared by fxs.ko (every write of a
 * lines/fxsN/ attribute goes through them) and by fxsd (which refuses a
 * profile's line parameter the kernel would refuse before applying any).
 */
#ifdef __KERNEL__
#include <linux/errno.h>
#endif

#include "fxs_settings_check.h"

/**
 * fxs_settings_check_ring() - check the ring generator settings
 * @frequency_hz: ring frequency
 * @voltage_v: ring voltage
 *
 * Return: 0, or -EINVAL unless both are within their FXS_RING_* limits.
 */
int fxs_settings_check_ring(u32 frequency_hz, u32 voltage_v)
{
	if (frequency_hz < FXS_RING_FREQUENCY_HZ_MIN ||
	    frequency_hz > FXS_RING_FREQUENCY_HZ_MAX ||
	    voltage_v < FXS_RING_VOLTAGE_V_MIN ||
	    voltage_v > FXS_RING_VOLTAGE_V_MAX)
		return -EINVAL;
	return 0;
}

/**
 * fxs_settings_check_gain() - check an audio gain
 * @gain_db: the gain, whole dB
 *
 * Return: 0, or -EINVAL outside %FXS_GAIN_DB_MIN..%FXS_GAIN_DB_MAX.
 */
int fxs_settings_check_gain(int gain_db)
{
	if (gain_db < FXS_GAIN_DB_MIN || gain_db > FXS_GAIN_DB_MAX)
		return -EINVAL;
	return 0;
}

/**
 * fxs_settings_check_cpc() - check the Calling Party Control times
 * @delay_ms: wait after the far end hung up
 * @duration_ms: open loop time, 0 for off
 *
 * Return: 0, or -EINVAL above %FXS_CPC_DELAY_MS_MAX or
 * %FXS_CPC_DURATION_MS_MAX.
 */
int fxs_settings_check_cpc(u32 delay_ms, u32 duration_ms)
{
	if (delay_ms > FXS_CPC_DELAY_MS_MAX ||
	    duration_ms > FXS_CPC_DURATION_MS_MAX)
		return -EINVAL;
	return 0;
}

/**
 * fxs_settings_check_hook() - check the hook timing
 * @debounce_ms: how long a raw hook change must hold
 * @flash_min_ms: shortest on-hook taken as a flash
 * @flash_max_ms: longest on-hook taken as a flash
 *
 * Return: 0, or -EINVAL unless debounce_ms <= %FXS_HOOK_DEBOUNCE_MS_MAX,
 * debounce_ms < flash_min_ms < flash_max_ms <= %FXS_HOOK_FLASH_MS_MAX.
 */
int fxs_settings_check_hook(u32 debounce_ms, u32 flash_min_ms,
			    u32 flash_max_ms)
{
	if (debounce_ms > FXS_HOOK_DEBOUNCE_MS_MAX ||
	    debounce_ms >= flash_min_ms || flash_min_ms >= flash_max_ms ||
	    flash_max_ms > FXS_HOOK_FLASH_MS_MAX)
		return -EINVAL;
	return 0;
}
