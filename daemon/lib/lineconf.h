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

/*
 * The longest hook debounce of the ROOT/fxsN lines (hook_debounce_ms),
 * which a flash minimum must exceed; the kernel's default without lines
 * (or for a line whose attribute cannot be read).
 */
unsigned long lineconf_debounce_ms(const char *root);

#endif /* FXSD_LINECONF_H */
