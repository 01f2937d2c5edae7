/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lineconf.h - the line parameters of the store (Ring_Frequency,
 * Hook_Flash_Timer_Min, Dial_Tone, FXS_Port_Input_Gain, CPC_Delay,
 * Idle_Polarity_1_, ...) pushed onto the kernel's per-line settings,
 * configfs /sys/kernel/config/fxs/lines/fxsN/.
 */
#ifndef FXSD_LINECONF_H
#define FXSD_LINECONF_H

#include <stdbool.h>

struct store;

#define LINECONF_DEFAULT_ROOT "/sys/kernel/config/fxs/lines"

/*
 * Writes every mapped parameter to every ROOT/fxsN/ directory: global
 * ones to each, per-line ones (Name_N_) to SPA line N, which is the N-th
 * fxsN directory by increasing N (Line 1 is the lowest). A missing
 * ROOT (no fxs module) is not an error. Returns the number of attribute
 * writes that failed (each logged with the parameter, value and reason);
 * a failed write leaves that attribute as it was.
 */
int lineconf_apply(struct store *st, const char *root);

/* true when param is one of the line parameters lineconf_apply() pushes */
bool lineconf_uses(const char *param);

/* "1", ".5", "0.020" seconds to milliseconds; 0 or -EINVAL */
int lineconf_seconds_to_ms(const char *s, unsigned long *ms);

/* "Forward"/"Reverse" (any case) to the kernel's "forward"/"reverse" */
int lineconf_polarity(const char *s, const char **kernel);
/* an SPA integer (decimal, or 0x hex as the table takes) as the kernel's
 * decimal; 0 or -EINVAL */
int lineconf_int(const char *s, long *out);
/* SPA decimal dB ("-3.5") to the kernel's whole dB, rounded to the
 * nearest, halves away from zero (-4); 0 or -EINVAL */
int lineconf_db(const char *s, long *db);

#endif /* FXSD_LINECONF_H */
