/* SPDX-License-Identifier: GPL-2.0 */
/* Host-test shim: the kernel's 64-bit division helper. */
#ifndef FXS_SHIM_LINUX_MATH64_H
#define FXS_SHIM_LINUX_MATH64_H

#include <linux/types.h>

static inline u64 div_u64(u64 dividend, u32 divisor)
{
	return dividend / divisor;
}

#endif /* FXS_SHIM_LINUX_MATH64_H */
