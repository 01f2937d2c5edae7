// SPDX-License-Identifier: GPL-2.0
/* ivr_entry.h: what the keys typed at the handset IVR mean: an address
 * ('*' the dot), an enable/disable choice, a password. */
#ifndef FXSD_IVR_ENTRY_H
#define FXSD_IVR_ENTRY_H

#include <stdbool.h>
#include <stddef.h>

/* the longest dotted quad, "255.255.255.255", and its NUL */
#define IVR_ENTRY_ADDR_LEN 16

/**
 * enum ivr_entry_addr - which addresses an entry may be
 * @IVR_ADDR_HOST: a unicast host (IP, gateway, DNS): not 0.x.x.x,
 *                 127.x.x.x, multicast or reserved (224 and up)
 * @IVR_ADDR_MASK: a netmask: contiguous ones, at least one
 */
enum ivr_entry_addr {
	IVR_ADDR_HOST,
	IVR_ADDR_MASK,
};

/*
 * KEYS ("192*168*1*10") as a dotted quad into out (IVR_ENTRY_ADDR_LEN
 * bytes), leading zeros dropped: 0, or -EINVAL when it is not four octets
 * of 1 to 3 digits each, 0 to 255, that KIND allows.
 */
int ivr_entry_address(const char *keys, enum ivr_entry_addr kind,
		      char out[IVR_ENTRY_ADDR_LEN]);
/* KEYS as a choice: 1 (enable), 0 (disable), or -EINVAL for anything
 * else (empty, "2", "10", "1*") */
int ivr_entry_choice(const char *keys);
/*
 * Whether KEYS is PASSWORD typed on the keypad, the SPA way: a digit is
 * itself, a letter is its key (abc 2, def 3, ghi 4, jkl 5, mno 6, pqrs 7,
 * tuv 8, wxyz 9), any other character is 0. "test#@1234" is 8378001234.
 */
bool ivr_entry_password_ok(const char *keys, const char *password);

#endif /* FXSD_IVR_ENTRY_H */
