/* SPDX-License-Identifier: GPL-2.0 */
/*
 * line_check.h - the line parameters (Ring_Frequency, Ring1_Cadence, the
 * tones, Hook_Flash_Timer_Min/Max, the gains, CPC, the polarities): which
 * lines/fxsN/ attribute each one sets, its value in the kernel's unit, and
 * the kernel's verdict on that value, from the kernel's own parsers and
 * range checks (kmod/fxs_tone.c, fxs_cadence.c, fxs_settings_check.c,
 * built into libfxsd).
 */
#ifndef FXSD_LINE_CHECK_H
#define FXSD_LINE_CHECK_H

#include <stdbool.h>
#include <stddef.h>

/* how a store value becomes the attribute's */
enum line_check_unit {
	LINE_CHECK_AS_IS,	/* scripts */
	LINE_CHECK_INT,		/* decimal or 0x hex, kernel decimal */
	LINE_CHECK_DB,		/* SPA decimal dB, kernel whole dB */
	LINE_CHECK_MS,		/* SPA seconds, kernel milliseconds */
	LINE_CHECK_POLARITY,	/* Forward|Reverse to forward|reverse */
};

/*
 * One line parameter. per_line: param is the stem of Name_N_ and Line
 * N's value goes to that line only.
 */
struct line_check_param {
	const char *param;
	const char *attr;
	enum line_check_unit unit;
	bool per_line;
};

/* the line parameters, Hook_Flash_Timer_Min then _Max last */
size_t line_check_count(void);
const struct line_check_param *line_check_at(size_t i);

/* the entry of a store name (Idle_Polarity_1_ finds Idle_Polarity_), or
 * NULL when name is no line parameter */
const struct line_check_param *line_check_find(const char *name);

/* value (a store value of lp) in the kernel's unit into buf; 0 or -EINVAL */
int line_check_to_kernel(const struct line_check_param *lp, const char *value,
			 char *buf, size_t len);

/*
 * The kernel's verdict on value for the line parameter name, after the
 * unit conversion: 0, or -EINVAL with why naming the parameter, the value
 * and the reason. The flash timers are checked only alone here (each
 * must be a time the kernel takes); their pair is line_check_flash()'s.
 */
int line_check_value(const char *name, const char *value, char *why,
		     size_t whylen);

/*
 * The kernel's cross-field rule on the hook timing: debounce_ms <
 * min < max <= 2000 ms, with min and max the SPA values (seconds) the
 * line ends up with. why names the first of the two when min_new, else
 * the second. 0 or -EINVAL.
 */
int line_check_flash(const char *min, const char *max, bool min_new,
		     unsigned long debounce_ms, char *why, size_t whylen);

/* the kernel's default debounce of a line, ms */
unsigned long line_check_default_debounce_ms(void);

/* "1", ".5", "0.020" seconds to milliseconds; 0 or -EINVAL */
int line_check_seconds_to_ms(const char *s, unsigned long *ms);
/* "Forward"/"Reverse" (any case) to the kernel's "forward"/"reverse" */
int line_check_polarity(const char *s, const char **kernel);
/* an SPA integer (decimal, or 0x hex as the table takes) as the kernel's
 * decimal; 0 or -EINVAL */
int line_check_int(const char *s, long *out);
/* SPA decimal dB ("-3.5") to the kernel's whole dB, rounded to the
 * nearest, halves away from zero (-4); 0 or -EINVAL */
int line_check_db(const char *s, long *db);

#endif /* FXSD_LINE_CHECK_H */
