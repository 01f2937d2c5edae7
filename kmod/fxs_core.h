/* SPDX-License-Identifier: GPL-2.0 */
/*
 * openfxs core internals shared by the core's files (fxs_core.c, fxs_cdev.c,
 * fxs_configfs.c): the line settings and the hooks between the registry and
 * configfs. Backends never include this.
 */
#ifndef _FXS_CORE_H
#define _FXS_CORE_H

#include "fxs.h"
#include "fxs_cadence.h"
#include "fxs_dtmf.h"
#include "fxs_hook.h"
#include "fxs_tone.h"

#define FXS_NR_TONES	FXS_TONE_SIT	/* tones are numbered 1..FXS_NR_TONES */

/**
 * struct fxs_line_settings - everything configfs sets on a line
 * @ring_frequency_hz: ring generator frequency
 * @ring_voltage_v: ring generator voltage
 * @ring_cadence_text: the cadence as written (canonical text)
 * @ring_cadence: the parsed cadence
 * @hook: hook timing
 * @dtmf: DTMF detector limits
 * @tone_text: each tone's script as written, indexed by enum fxs_tone - 1
 * @tones: the parsed scripts, same index
 */
struct fxs_line_settings {
	u32 ring_frequency_hz;
	u32 ring_voltage_v;
	char ring_cadence_text[FXS_CADENCE_TEXT_SIZE];
	struct fxs_cadence ring_cadence;
	struct fxs_hook_config hook;
	struct fxs_dtmf_config dtmf;
	char tone_text[FXS_NR_TONES][FXS_TONE_TEXT_SIZE];
	struct fxs_tone_script tones[FXS_NR_TONES];
};

/* fxs_core.c */
void fxs_line_settings_default(struct fxs_line_settings *settings);
void fxs_line_get_settings(struct fxs_line *line,
			   struct fxs_line_settings *settings);
int fxs_line_set_settings(struct fxs_line *line,
			  const struct fxs_line_settings *settings);
u32 fxs_line_index(struct fxs_line *line);
u64 fxs_line_caps(struct fxs_line *line);
bool fxs_line_offhook(struct fxs_line *line);

/* fxs_configfs.c */
int fxs_configfs_init(void);
void fxs_configfs_exit(void);
int fxs_configfs_line_add(struct fxs_line *line);
void fxs_configfs_line_remove(struct fxs_line *line);

#endif /* _FXS_CORE_H */
