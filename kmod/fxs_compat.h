/* SPDX-License-Identifier: GPL-2.0 */
/*
 * openfxs kernel compatibility: every kernel version test of kmod/ lives
 * here, so that the rest builds unchanged from 6.1 to 6.12.
 *
 * The tests use FXS_KERNEL_AT_LEAST(major, patchlevel): the headers built
 * against are that version or newer (LINUX_VERSION_CODE without the
 * sublevel, which Debian caps at 255). No other file tests versions.
 */
#ifndef _FXS_COMPAT_H
#define _FXS_COMPAT_H

#include <linux/device.h>
#include <linux/module.h>
#include <linux/version.h>

#define FXS_KERNEL_AT_LEAST(major, patchlevel) \
	(KERNEL_VERSION(major, patchlevel, 0) <= \
	 KERNEL_VERSION(LINUX_VERSION_MAJOR, LINUX_VERSION_PATCHLEVEL, 0))

/* class_create() lost its owner argument in 6.4. */
static inline struct class *fxs_compat_class_create(const char *name)
{
#if FXS_KERNEL_AT_LEAST(6, 4)
	return class_create(name);
#else
	return class_create(THIS_MODULE, name);
#endif
}

#endif /* _FXS_COMPAT_H */
