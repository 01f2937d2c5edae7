// SPDX-License-Identifier: GPL-2.0
/* test_ivr_prompt.c: the table of the handset IVR's prompt clips. */
#include <string.h>

#include "ivr_prompt.h"
#include "kselftest_harness.h"

TEST(every_clip_has_a_unique_file_name_and_a_text)
{
	unsigned int i, j;
	const char *n;

	for (i = 0; i < IVR_P_COUNT; i++) {
		n = ivr_prompt_name((enum ivr_prompt_id)i);
		ASSERT_NE(NULL, n);
		EXPECT_NE(NULL, ivr_prompt_text((enum ivr_prompt_id)i));
		/* a file name: lower case, digits and '-' only */
		EXPECT_EQ(strlen(n), strspn(n, "abcdefghijklmnopqrstuvwxyz"
					    "0123456789-")) TH_LOG("%s", n);
		EXPECT_EQ(i, (unsigned int)ivr_prompt_find(n));
		for (j = 0; j < i; j++)
			EXPECT_STRNE(n, ivr_prompt_name((enum ivr_prompt_id)j));
	}
}

TEST(ids_out_of_range_have_no_clip)
{
	EXPECT_EQ(NULL, ivr_prompt_name(IVR_P_COUNT));
	EXPECT_EQ(NULL, ivr_prompt_text((enum ivr_prompt_id)-1));
	EXPECT_EQ(IVR_P_COUNT, ivr_prompt_find("digit-10"));
	EXPECT_EQ(IVR_P_COUNT, ivr_prompt_find(""));
}

TEST(characters_are_spoken_by_their_clips)
{
	EXPECT_STREQ("digit-0", ivr_prompt_name(ivr_prompt_for_char('0')));
	EXPECT_STREQ("digit-9", ivr_prompt_name(ivr_prompt_for_char('9')));
	EXPECT_STREQ("letter-a", ivr_prompt_name(ivr_prompt_for_char('a')));
	EXPECT_STREQ("letter-z", ivr_prompt_name(ivr_prompt_for_char('z')));
	EXPECT_STREQ("letter-f", ivr_prompt_name(ivr_prompt_for_char('F')));
	EXPECT_STREQ("dot", ivr_prompt_name(ivr_prompt_for_char('.')));
	EXPECT_STREQ("dash", ivr_prompt_name(ivr_prompt_for_char('-')));
	EXPECT_EQ(IVR_P_COUNT, ivr_prompt_for_char(':'));
	EXPECT_EQ(IVR_P_COUNT, ivr_prompt_for_char(' '));
	EXPECT_EQ(IVR_P_COUNT, ivr_prompt_for_char('\0'));
	EXPECT_EQ(IVR_P_COUNT, ivr_prompt_for_char('\xe9'));
}

TEST_HARNESS_MAIN
