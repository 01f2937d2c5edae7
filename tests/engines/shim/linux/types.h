/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host-test shim: the system <linux/types.h> plus the kernel-internal
 * fixed-size types, so kmod/ engine files compile in user space.
 */
#ifndef FXS_SHIM_LINUX_TYPES_H
#define FXS_SHIM_LINUX_TYPES_H

#include_next <linux/types.h>
#include <stdbool.h>

/* from the compiler's own definitions, as kmod/fxs_dtmf.h does */
typedef __UINT8_TYPE__ u8;
typedef __UINT16_TYPE__ u16;
typedef __UINT32_TYPE__ u32;
typedef __UINT64_TYPE__ u64;
typedef __INT16_TYPE__ s16;
typedef __INT32_TYPE__ s32;
typedef __INT64_TYPE__ s64;

#endif /* FXS_SHIM_LINUX_TYPES_H */
