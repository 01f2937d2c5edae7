// SPDX-License-Identifier: GPL-2.0
/* ivr_prompt.h: the handset IVR's prompt clips by id and name (the data
 * is ivr_prompt.def), and the clip that speaks one character. */
#ifndef FXSD_IVR_PROMPT_H
#define FXSD_IVR_PROMPT_H

#include <stddef.h>

enum ivr_prompt_id {
#define IVR_PROMPT(id, name, text) IVR_P_##id,
#include "ivr_prompt.def"
#undef IVR_PROMPT
	IVR_P_COUNT
};

/* the clip's file name ("digit-1"), or NULL for an id out of range */
const char *ivr_prompt_name(enum ivr_prompt_id id);
/* what the clip says, for the prompt builder; NULL out of range */
const char *ivr_prompt_text(enum ivr_prompt_id id);
/* the id of clip NAME, or IVR_P_COUNT when there is none */
enum ivr_prompt_id ivr_prompt_find(const char *name);
/* the clip that speaks c: a digit, a letter (either case), '.' or '-';
 * IVR_P_COUNT for any other character (it is not spoken) */
enum ivr_prompt_id ivr_prompt_for_char(char c);

#endif /* FXSD_IVR_PROMPT_H */
