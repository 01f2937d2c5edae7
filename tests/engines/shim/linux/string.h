/* SPDX-License-Identifier: GPL-2.0 */
/* Host-test shim: the kernel's <linux/string.h> is the C library's here. */
#ifndef FXS_SHIM_LINUX_STRING_H
#define FXS_SHIM_LINUX_STRING_H

#include <string.h>

#endif /* FXS_SHIM_LINUX_STRING_H */
