/* SPDX-License-Identifier: GPL-2.0 */
/*
 * openfxs sources shared with user space (fxs_tone.c, fxs_cadence.c,
 * fxs_settings_check.c): the few kernel names they use, for the user-space
 * build into fxsd's libfxsd. Never included by the kernel build.
 */
#ifndef _FXS_USER_H
#define _FXS_USER_H

#ifdef __KERNEL__
#error "fxs_user.h is for the user-space build of the shared sources"
#endif

#include <assert.h>
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* the kernel's fixed-size types, from the compiler's own definitions */
typedef __UINT16_TYPE__ u16;
typedef __UINT32_TYPE__ u32;
typedef __UINT64_TYPE__ u64;
typedef __INT16_TYPE__ s16;
typedef __INT32_TYPE__ s32;

/* each unless a host-test shim of the kernel headers gave it already */
#ifndef U32_MAX
#define U32_MAX		((u32)~0U)
#endif
#ifndef S16_MAX
#define S16_MAX		((s16)0x7fff)
#define S16_MIN		((s16)-0x8000)
#endif
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif
#ifndef min_t
#define min_t(type, a, b)			\
	({					\
		type _a = (a);			\
		type _b = (b);			\
		_a < _b ? _a : _b;		\
	})
#endif

static inline u64 div_u64(u64 dividend, u32 divisor)
{
	return dividend / divisor;
}

#endif /* _FXS_USER_H */
