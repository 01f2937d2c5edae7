// SPDX-License-Identifier: GPL-2.0
/*
 * ivr_entry.c - what the keys typed at the handset IVR mean: a dotted
 * quad typed with '*' for the dot and checked for what it addresses, an
 * enable/disable choice, and a password in the SPA keypad convention.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ivr_entry.h"

/* one octet of 1 to 3 digits from *p, which moves past it; -1 if none */
static int octet(const char **p)
{
	int v = 0, n = 0;

	while (**p >= '0' && **p <= '9' && n < 3) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	if (!n || (**p >= '0' && **p <= '9') || v > 255)
		return -1;
	return v;
}

static bool mask_ok(uint32_t a)
{
	uint32_t inv = ~a;

	/* ones then zeros: the inverse plus one is a power of two */
	return a && !(inv & (inv + 1));
}

static bool host_ok(uint32_t a)
{
	unsigned int first = a >> 24;

	return first && first != 127 && first < 224;
}

int ivr_entry_address(const char *keys, enum ivr_entry_addr kind,
		      char out[IVR_ENTRY_ADDR_LEN])
{
	const char *p = keys;
	int o[4], i;
	uint32_t a = 0;

	for (i = 0; i < 4; i++) {
		if (i && *p++ != '*')
			return -EINVAL;
		o[i] = octet(&p);
		if (o[i] < 0)
			return -EINVAL;
		a = a << 8 | (uint32_t)o[i];
	}
	if (*p)
		return -EINVAL;
	if (kind == IVR_ADDR_MASK ? !mask_ok(a) : !host_ok(a))
		return -EINVAL;
	snprintf(out, IVR_ENTRY_ADDR_LEN, "%d.%d.%d.%d", o[0], o[1], o[2],
		 o[3]);
	return 0;
}

int ivr_entry_choice(const char *keys)
{
	if (!strcmp(keys, "1"))
		return 1;
	if (!strcmp(keys, "0"))
		return 0;
	return -EINVAL;
}

/* the key that types c */
static char keypad(char c)
{
	static const char *const keys[] = {
		"abc", "def", "ghi", "jkl", "mno", "pqrs", "tuv", "wxyz",
	};
	unsigned int i;

	if (c >= '0' && c <= '9')
		return c;
	if (c >= 'A' && c <= 'Z')
		c = (char)(c - 'A' + 'a');
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (c && strchr(keys[i], c))
			return (char)('2' + i);
	return '0';
}

bool ivr_entry_password_ok(const char *keys, const char *password)
{
	unsigned char diff = 0;
	size_t i, n = strlen(password);

	if (strlen(keys) != n)
		return false;
	/* every character compared, whatever the first mismatch */
	for (i = 0; i < n; i++)
		diff |= (unsigned char)(keys[i] ^ keypad(password[i]));
	return !diff;
}
