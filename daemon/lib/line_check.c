// SPDX-License-Identifier: GPL-2.0
/*
 * line_check.c - the line parameters and the kernel's verdict on their
 * values, before any is applied. The verdict is the kernel's own code:
 * its tone-script and ring-cadence parsers and its settings range checks
 * are one source with fxs.ko (kmod/fxs_tone.c, fxs_cadence.c,
 * fxs_settings_check.c, built into libfxsd as fxs_seconds.c is), run on
 * the value lineconf would write (seconds to ms, decimal dB to whole dB,
 * Forward to forward).
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fxs_cadence.h"
#include "fxs_seconds.h"
#include "fxs_settings_check.h"
#include "fxs_tone.h"
#include "line_check.h"
#include "param.h"

/* whole seconds up to 100000, plus a fraction */
#define LINE_CHECK_SECONDS_MAX_MS 100000999u

/* a kernel-unit value's verdict: true when the kernel takes it, else the
 * reason in why */
typedef bool (*line_check_fn)(const char *kernel, char *why, size_t len);

struct line_check_entry {
	struct line_check_param p;
	line_check_fn check;
};

/* fills why; false, for a checker's return */
static bool refuse(char *why, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, len, fmt, ap);
	va_end(ap);
	return false;
}

/* the kernel text as the u32 its attribute parses (kstrtou32); false if not */
static bool kernel_u32(const char *kernel, u32 *v)
{
	unsigned long n;
	char *end;

	if (!isdigit((unsigned char)*kernel))
		return false;
	errno = 0;
	n = strtoul(kernel, &end, 10);
	if (errno || *end || n > U32_MAX)
		return false;
	*v = n;
	return true;
}

static bool kernel_int(const char *kernel, int *v)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(kernel, &end, 10);
	if (errno || *end || end == kernel || n < INT_MIN || n > INT_MAX)
		return false;
	*v = n;
	return true;
}

static bool check_ring_frequency(const char *kernel, char *why, size_t len)
{
	u32 hz;

	if (!kernel_u32(kernel, &hz) ||
	    fxs_settings_check_ring(hz, FXS_RING_VOLTAGE_V_DEFAULT))
		return refuse(why, len, "the kernel takes %d to %d Hz",
			      FXS_RING_FREQUENCY_HZ_MIN, FXS_RING_FREQUENCY_HZ_MAX);
	return true;
}

static bool check_ring_voltage(const char *kernel, char *why, size_t len)
{
	u32 v;

	if (!kernel_u32(kernel, &v) ||
	    fxs_settings_check_ring(FXS_RING_FREQUENCY_HZ_DEFAULT, v))
		return refuse(why, len, "the kernel takes %d to %d V",
			      FXS_RING_VOLTAGE_V_MIN, FXS_RING_VOLTAGE_V_MAX);
	return true;
}

static bool check_cadence(const char *kernel, char *why, size_t len)
{
	struct fxs_cadence cadence;

	if (strlen(kernel) >= FXS_CADENCE_TEXT_SIZE)
		return refuse(why, len, "the kernel takes a cadence of up to %d characters",
			      FXS_CADENCE_TEXT_SIZE - 1);
	if (fxs_cadence_parse(kernel, &cadence))
		return refuse(why, len,
			      "the kernel's cadence grammar refuses it: D(on/off[,on/off...])[;D(...)], at most %d sections of %d segments, D in seconds or *, times with 2 decimals, on above 0",
			      FXS_CADENCE_MAX_SECTIONS, FXS_CADENCE_MAX_SEGMENTS);
	return true;
}

static bool check_tone(const char *kernel, char *why, size_t len)
{
	struct fxs_tone_script script;

	if (strlen(kernel) >= FXS_TONE_TEXT_SIZE)
		return refuse(why, len, "the kernel takes a tone script of up to %d characters",
			      FXS_TONE_TEXT_SIZE - 1);
	if (fxs_tone_script_parse(kernel, &script))
		return refuse(why, len,
			      "the kernel's tone grammar refuses it: F@L[,F@L...];D(on/off/f[+f...][,...])[;D(...)], at most %d frequencies (100 to 4000 Hz at -60 to 3 dBm0), %d sections of %d segments, no spaces",
			      FXS_TONE_MAX_FREQS, FXS_TONE_MAX_SECTIONS,
			      FXS_TONE_MAX_SEGMENTS);
	return true;
}

static bool check_gain(const char *kernel, char *why, size_t len)
{
	int db;

	if (!kernel_int(kernel, &db) || fxs_settings_check_gain(db))
		return refuse(why, len, "the kernel takes %d to %d dB (rounded to whole dB)",
			      FXS_GAIN_DB_MIN, FXS_GAIN_DB_MAX);
	return true;
}

static bool check_cpc_delay(const char *kernel, char *why, size_t len)
{
	u32 ms;

	if (!kernel_u32(kernel, &ms) ||
	    fxs_settings_check_cpc(ms, FXS_CPC_DURATION_MS_DEFAULT))
		return refuse(why, len, "the kernel takes up to %d ms",
			      FXS_CPC_DELAY_MS_MAX);
	return true;
}

static bool check_cpc_duration(const char *kernel, char *why, size_t len)
{
	u32 ms;

	if (!kernel_u32(kernel, &ms) ||
	    fxs_settings_check_cpc(FXS_CPC_DELAY_MS_DEFAULT, ms))
		return refuse(why, len, "the kernel takes up to %d ms",
			      FXS_CPC_DURATION_MS_MAX);
	return true;
}

/* alone, a flash minimum needs some maximum above it */
static bool check_flash_min(const char *kernel, char *why, size_t len)
{
	u32 ms;

	if (!kernel_u32(kernel, &ms) ||
	    fxs_settings_check_hook(0, ms, FXS_HOOK_FLASH_MS_MAX))
		return refuse(why, len, "the kernel takes a flash minimum above 0 and below %d ms",
			      FXS_HOOK_FLASH_MS_MAX);
	return true;
}

static bool check_flash_max(const char *kernel, char *why, size_t len)
{
	u32 ms;

	if (!kernel_u32(kernel, &ms) || fxs_settings_check_hook(0, 1, ms))
		return refuse(why, len, "the kernel takes a flash maximum above 1 ms and up to %d ms",
			      FXS_HOOK_FLASH_MS_MAX);
	return true;
}

/* polarities: the conversion already gave the kernel's word */
static bool check_nothing(const char *kernel, char *why, size_t len)
{
	(void)kernel;
	(void)why;
	(void)len;
	return true;
}

static const struct line_check_entry line_check_table[] = {
	{ { "Ring_Frequency", "ring_frequency", LINE_CHECK_INT, false },
	  check_ring_frequency },
	{ { "Ring_Voltage", "ring_voltage", LINE_CHECK_INT, false },
	  check_ring_voltage },
	{ { "Ring1_Cadence", "ring_cadence", LINE_CHECK_AS_IS, false },
	  check_cadence },
	{ { "Dial_Tone", "tone_dial", LINE_CHECK_AS_IS, false }, check_tone },
	{ { "Busy_Tone", "tone_busy", LINE_CHECK_AS_IS, false }, check_tone },
	{ { "Ring_Back_Tone", "tone_ringback", LINE_CHECK_AS_IS, false },
	  check_tone },
	{ { "Reorder_Tone", "tone_reorder", LINE_CHECK_AS_IS, false },
	  check_tone },
	{ { "Confirm_Tone", "tone_confirm", LINE_CHECK_AS_IS, false },
	  check_tone },
	{ { "FXS_Port_Input_Gain", "input_gain_db", LINE_CHECK_DB, false },
	  check_gain },
	{ { "FXS_Port_Output_Gain", "output_gain_db", LINE_CHECK_DB, false },
	  check_gain },
	{ { "CPC_Delay", "cpc_delay_ms", LINE_CHECK_MS, false },
	  check_cpc_delay },
	{ { "CPC_Duration", "cpc_duration_ms", LINE_CHECK_MS, false },
	  check_cpc_duration },
	{ { "Idle_Polarity_", "idle_polarity", LINE_CHECK_POLARITY, true },
	  check_nothing },
	{ { "Caller_Conn_Polarity_", "caller_conn_polarity",
	    LINE_CHECK_POLARITY, true }, check_nothing },
	{ { "Callee_Conn_Polarity_", "callee_conn_polarity",
	    LINE_CHECK_POLARITY, true }, check_nothing },
	/* flash_min/max last: lineconf writes them in the order that keeps
	 * min < max */
	{ { "Hook_Flash_Timer_Min", "flash_min_ms", LINE_CHECK_MS, false },
	  check_flash_min },
	{ { "Hook_Flash_Timer_Max", "flash_max_ms", LINE_CHECK_MS, false },
	  check_flash_max },
};

#define LINE_CHECK_LEN (sizeof(line_check_table) / sizeof(line_check_table[0]))

size_t line_check_count(void)
{
	return LINE_CHECK_LEN;
}

const struct line_check_param *line_check_at(size_t i)
{
	return i < LINE_CHECK_LEN ? &line_check_table[i].p : NULL;
}

/* true when s is digits then "_" and nothing more */
static bool is_line_suffix(const char *s)
{
	const char *p = s;

	while (*p >= '0' && *p <= '9')
		p++;
	return p > s && !strcmp(p, "_");
}

static const struct line_check_entry *find_entry(const char *name)
{
	const struct line_check_param *p;
	size_t i, len;

	for (i = 0; i < LINE_CHECK_LEN; i++) {
		p = &line_check_table[i].p;
		len = strlen(p->param);
		if (!p->per_line && !strcmp(p->param, name))
			return &line_check_table[i];
		if (p->per_line && !strncmp(p->param, name, len) &&
		    is_line_suffix(name + len))
			return &line_check_table[i];
	}
	return NULL;
}

const struct line_check_param *line_check_find(const char *name)
{
	const struct line_check_entry *e = find_entry(name);

	return e ? &e->p : NULL;
}

int line_check_seconds_to_ms(const char *s, unsigned long *ms)
{
	const char *end = s;
	u32 v;

	if (fxs_seconds_parse(&end, FXS_SECONDS_DECIMALS_MAX,
			      LINE_CHECK_SECONDS_MAX_MS, &v) || *end)
		return -EINVAL;
	*ms = v;
	return 0;
}

int line_check_int(const char *s, long *out)
{
	long long v;

	if (param_parse_int(s, &v) || v < LONG_MIN || v > LONG_MAX)
		return -EINVAL;
	*out = (long)v;
	return 0;
}

int line_check_db(const char *s, long *db)
{
	const char *end;
	int neg = *s == '-';
	u32 milli;

	end = s + neg;
	if (fxs_seconds_parse(&end, FXS_SECONDS_DECIMALS_MAX,
			      LINE_CHECK_SECONDS_MAX_MS, &milli) || *end)
		return -EINVAL;
	/* to the nearest whole dB, halves away from zero */
	*db = (long)((milli + 500) / 1000);
	if (neg)
		*db = -*db;
	return 0;
}

int line_check_polarity(const char *s, const char **kernel)
{
	if (!strcasecmp(s, "Forward"))
		*kernel = "forward";
	else if (!strcasecmp(s, "Reverse"))
		*kernel = "reverse";
	else
		return -EINVAL;
	return 0;
}

int line_check_to_kernel(const struct line_check_param *lp, const char *value,
			 char *buf, size_t len)
{
	const char *polarity;
	unsigned long ms;
	long n;

	switch (lp->unit) {
	case LINE_CHECK_MS:
		if (line_check_seconds_to_ms(value, &ms))
			return -EINVAL;
		snprintf(buf, len, "%lu", ms);
		return 0;
	case LINE_CHECK_INT:
		if (line_check_int(value, &n))
			return -EINVAL;
		snprintf(buf, len, "%ld", n);
		return 0;
	case LINE_CHECK_DB:
		if (line_check_db(value, &n))
			return -EINVAL;
		snprintf(buf, len, "%ld", n);
		return 0;
	case LINE_CHECK_POLARITY:
		if (line_check_polarity(value, &polarity))
			return -EINVAL;
		snprintf(buf, len, "%s", polarity);
		return 0;
	default:
		if (strlen(value) >= len)
			return -EINVAL;
		snprintf(buf, len, "%s", value);
		return 0;
	}
}

static const char *unit_words(enum line_check_unit unit)
{
	switch (unit) {
	case LINE_CHECK_MS:
		return "not a time in seconds (up to 3 decimals)";
	case LINE_CHECK_INT:
		return "not an integer";
	case LINE_CHECK_DB:
		return "not a level in dB (up to 3 decimals)";
	case LINE_CHECK_POLARITY:
		return "neither Forward nor Reverse";
	default:
		return "too long";
	}
}

int line_check_value(const char *name, const char *value, char *why,
		     size_t whylen)
{
	const struct line_check_entry *e = find_entry(name);
	char kernel[FXS_TONE_TEXT_SIZE + 1], reason[400];
	bool ok;

	if (!e)
		return 0;
	if (!line_check_to_kernel(&e->p, value, kernel, sizeof(kernel)))
		ok = e->check(kernel, reason, sizeof(reason));
	else if (e->p.unit == LINE_CHECK_AS_IS)
		ok = e->check(value, reason, sizeof(reason));
	else
		ok = refuse(reason, sizeof(reason), "%s",
			    unit_words(e->p.unit));
	if (ok)
		return 0;
	snprintf(why, whylen, "%s '%.200s': %s", name, value, reason);
	return -EINVAL;
}

int line_check_flash(const char *min, const char *max, bool min_new,
		     unsigned long debounce_ms, char *why, size_t whylen)
{
	unsigned long min_ms, max_ms;

	if (line_check_seconds_to_ms(min, &min_ms) ||
	    line_check_seconds_to_ms(max, &max_ms))
		return 0;	/* line_check_value() names it */
	if (!fxs_settings_check_hook(debounce_ms, min_ms, max_ms))
		return 0;
	if (min_new)
		snprintf(why, whylen,
			 "Hook_Flash_Timer_Min '%.40s': the kernel takes a flash minimum above the line's debounce (%lu ms) and below Hook_Flash_Timer_Max ('%.40s', at most 2 s)",
			 min, debounce_ms, max);
	else
		snprintf(why, whylen,
			 "Hook_Flash_Timer_Max '%.40s': the kernel takes a flash maximum above Hook_Flash_Timer_Min ('%.40s', above the line's debounce of %lu ms) and up to 2 s",
			 max, min, debounce_ms);
	return -EINVAL;
}

unsigned long line_check_default_debounce_ms(void)
{
	return FXS_HOOK_DEFAULT_DEBOUNCE_MS;
}
