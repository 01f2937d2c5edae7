/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host-test shim: the system <linux/kernel.h> plus the kernel-internal
 * limits and helpers the kmod/ engine files use.
 */
#ifndef FXS_SHIM_LINUX_KERNEL_H
#define FXS_SHIM_LINUX_KERNEL_H

#include_next <linux/kernel.h>
#include <assert.h>
#include <stdint.h>

#include <linux/types.h>

#define U32_MAX		UINT32_MAX
#define S16_MAX		INT16_MAX
#define S16_MIN		INT16_MIN
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define min_t(type, a, b) ({		\
	type __a = (a);			\
	type __b = (b);			\
	__a < __b ? __a : __b;		\
})

#endif /* FXS_SHIM_LINUX_KERNEL_H */
