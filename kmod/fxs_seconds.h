/* SPDX-License-Identifier: GPL-2.0 */
/*
 * openfxs decimal seconds ("2", "0.25", ".5") to milliseconds: one source
 * (fxs_seconds.c) built into fxs.ko, for the ring cadences and tone
 * scripts, and into user programs, for fxsd's parameters.
 */
#ifndef _FXS_SECONDS_H
#define _FXS_SECONDS_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
/* the kernel's fixed-size type, from the compiler's own definition */
typedef __UINT32_TYPE__ u32;
#endif

/* Most digits after the point: the parser resolves milliseconds. */
#define FXS_SECONDS_DECIMALS_MAX	3

int fxs_seconds_parse(const char **text, unsigned int max_decimals,
		      u32 max_ms, u32 *ms);

#endif /* _FXS_SECONDS_H */
