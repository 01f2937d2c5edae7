// SPDX-License-Identifier: GPL-2.0
/*
 * ivr_prompt.c - the table of the handset IVR's prompt clips (names and
 * what they say, from ivr_prompt.def) and the clip of each character a
 * spoken value is made of.
 */
#include <assert.h>
#include <string.h>

#include "ivr_prompt.h"

static const struct {
	const char *name;
	const char *text;
} prompts[IVR_P_COUNT] = {
#define IVR_PROMPT(id, n, t) [IVR_P_##id] = { n, t },
#include "ivr_prompt.def"
#undef IVR_PROMPT
};

/* ivr_prompt_for_char counts on the digits and letters being in order */
static_assert(IVR_P_DIGIT_9 == IVR_P_DIGIT_0 + 9, "digit clips in order");
static_assert(IVR_P_LETTER_Z == IVR_P_LETTER_A + 25, "letter clips in order");

const char *ivr_prompt_name(enum ivr_prompt_id id)
{
	if ((unsigned int)id >= IVR_P_COUNT)
		return NULL;
	return prompts[id].name;
}

const char *ivr_prompt_text(enum ivr_prompt_id id)
{
	if ((unsigned int)id >= IVR_P_COUNT)
		return NULL;
	return prompts[id].text;
}

enum ivr_prompt_id ivr_prompt_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < IVR_P_COUNT; i++)
		if (!strcmp(prompts[i].name, name))
			return (enum ivr_prompt_id)i;
	return IVR_P_COUNT;
}

enum ivr_prompt_id ivr_prompt_for_char(char c)
{
	if (c >= '0' && c <= '9')
		return (enum ivr_prompt_id)(IVR_P_DIGIT_0 + (c - '0'));
	if (c >= 'a' && c <= 'z')
		return (enum ivr_prompt_id)(IVR_P_LETTER_A + (c - 'a'));
	if (c >= 'A' && c <= 'Z')
		return (enum ivr_prompt_id)(IVR_P_LETTER_A + (c - 'A'));
	if (c == '.')
		return IVR_P_DOT;
	if (c == '-')
		return IVR_P_DASH;
	return IVR_P_COUNT;
}
