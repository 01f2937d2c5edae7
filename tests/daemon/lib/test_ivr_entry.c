// SPDX-License-Identifier: GPL-2.0
/* test_ivr_entry.c: what keys typed at the handset IVR mean: addresses,
 * choices and the keypad password. */
#include <errno.h>
#include <string.h>

#include "ivr_entry.h"
#include "kselftest_harness.h"

TEST(addresses_are_normalised)
{
	static const struct {
		const char *keys;
		const char *addr;
	} cases[] = {
		{ "192*168*1*10", "192.168.1.10" },
		{ "10*0*0*0", "10.0.0.0" },
		{ "010*001*000*009", "10.1.0.9" },
		{ "1*1*1*1", "1.1.1.1" },
		{ "223*255*255*254", "223.255.255.254" },
	};
	char out[IVR_ENTRY_ADDR_LEN];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *k = cases[i].keys;

		EXPECT_EQ(0, ivr_entry_address(k, IVR_ADDR_HOST, out))
			TH_LOG("keys %s", k);
		EXPECT_STREQ(cases[i].addr, out);
	}
}

TEST(bad_addresses_are_refused)
{
	static const char *const bad[] = {
		"", "*", "1", "1*2*3", "1*2*3*", "*1*2*3", "1*2*3*4*",
		"1*2*3*4*5", "1**2*3*4", "256*1*1*1", "1*1*1*256",
		"1234*1*1*1", "0001*1*1*1", "1*2*3*4#", "1*2*3*a",
		"0*1*2*3", "127*0*0*1", "224*0*0*1", "239*1*1*1",
		"255*255*255*255",
	};
	char out[IVR_ENTRY_ADDR_LEN] = "untouched";
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *k = bad[i];

		EXPECT_EQ(-EINVAL, ivr_entry_address(k, IVR_ADDR_HOST, out))
			TH_LOG("keys %s", k);
	}
	EXPECT_STREQ("untouched", out);
}

TEST(netmasks_are_contiguous_ones)
{
	static const char *const good[] = {
		"255*255*255*0", "255*255*255*255", "128*0*0*0",
		"255*255*255*252", "255*254*0*0",
	};
	static const char *const bad[] = {
		"0*0*0*0", "255*0*255*0", "255*255*255*1", "0*255*255*255",
		"255*255*253*0", "1*2*3*4",
	};
	char out[IVR_ENTRY_ADDR_LEN];
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		const char *k = good[i];

		EXPECT_EQ(0, ivr_entry_address(k, IVR_ADDR_MASK, out))
			TH_LOG("keys %s", k);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *k = bad[i];

		EXPECT_EQ(-EINVAL, ivr_entry_address(k, IVR_ADDR_MASK, out))
			TH_LOG("keys %s", k);
	}
}

TEST(a_choice_is_1_or_0)
{
	static const char *const bad[] = {
		"", "2", "9", "10", "01", "00", "11", "1*", "*", "#",
	};
	size_t i;

	EXPECT_EQ(1, ivr_entry_choice("1"));
	EXPECT_EQ(0, ivr_entry_choice("0"));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *k = bad[i];

		EXPECT_EQ(-EINVAL, ivr_entry_choice(k)) TH_LOG("keys %s", k);
	}
}

TEST(the_password_is_typed_on_the_keypad)
{
	EXPECT_TRUE(ivr_entry_password_ok("8378001234", "test#@1234"));
	EXPECT_TRUE(ivr_entry_password_ok("8378", "TEST"));
	EXPECT_TRUE(ivr_entry_password_ok("22233344455566677778889999",
					  "abcdefghijklmnopqrstuvwxyz"));
	EXPECT_TRUE(ivr_entry_password_ok("4321", "4321"));
	EXPECT_TRUE(ivr_entry_password_ok("000", "_ !"));
	EXPECT_TRUE(ivr_entry_password_ok("", ""));
}

TEST(a_wrong_password_is_refused)
{
	EXPECT_FALSE(ivr_entry_password_ok("837800123", "test#@1234"));
	EXPECT_FALSE(ivr_entry_password_ok("83780012345", "test#@1234"));
	EXPECT_FALSE(ivr_entry_password_ok("8378001235", "test#@1234"));
	EXPECT_FALSE(ivr_entry_password_ok("test#@1234", "test#@1234"));
	EXPECT_FALSE(ivr_entry_password_ok("", "4321"));
	EXPECT_FALSE(ivr_entry_password_ok("*", "*"));
	EXPECT_FALSE(ivr_entry_password_ok("1", ""));
}

TEST_HARNESS_MAIN
