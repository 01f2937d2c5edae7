/* SPDX-License-Identifier: GPL-2.0 */
/*
 * openfxs line settings limits and their range checks: one source
 * (fxs_settings_check.c) built into fxs.ko, where the core checks every
 * settings write, and into fxsd, which checks a profile's line parameters
 * the same way before it applies any of them.
 */
#ifndef _FXS_SETTINGS_CHECK_H
#define _FXS_SETTINGS_CHECK_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include "fxs_user.h"
#endif

/* Limits of the ring generator settings */
#define FXS_RING_FREQUENCY_HZ_MIN	10
#define FXS_RING_FREQUENCY_HZ_MAX	100
#define FXS_RING_FREQUENCY_HZ_DEFAULT	25
#define FXS_RING_VOLTAGE_V_MIN		60
#define FXS_RING_VOLTAGE_V_MAX		90
#define FXS_RING_VOLTAGE_V_DEFAULT	70

/* Limits of the audio gains (SPA FXS_Port_Input/Output_Gain), dB */
#define FXS_GAIN_DB_MIN			(-12)
#define FXS_GAIN_DB_MAX			6
#define FXS_GAIN_DB_DEFAULT		0

/* Limits of Calling Party Control (SPA CPC_Delay, CPC_Duration), ms */
#define FXS_CPC_DELAY_MS_MAX		255000
#define FXS_CPC_DELAY_MS_DEFAULT	2000
#define FXS_CPC_DURATION_MS_MAX		1000
#define FXS_CPC_DURATION_MS_DEFAULT	0	/* off */

/* Limits of the hook timing (SPA Hook_Flash_Timer_Min/Max), ms */
#define FXS_HOOK_DEBOUNCE_MS_MAX	200
#define FXS_HOOK_FLASH_MS_MAX		2000
#define FXS_HOOK_DEFAULT_DEBOUNCE_MS	20
#define FXS_HOOK_DEFAULT_FLASH_MIN_MS	100
#define FXS_HOOK_DEFAULT_FLASH_MAX_MS	900

int fxs_settings_check_ring(u32 frequency_hz, u32 voltage_v);
int fxs_settings_check_gain(int gain_db);
int fxs_settings_check_cpc(u32 delay_ms, u32 duration_ms);
int fxs_settings_check_hook(u32 debounce_ms, u32 flash_min_ms,
			    u32 flash_max_ms);

#endif /* _FXS_SETTINGS_CHECK_H */
