// SPDX-License-Identifier: GPL-2.0
/*
 * openfxs decimal seconds parser, shared by fxs.ko (ring cadences, tone
 * scripts) and by user programs (fxsd's parameter values). No allocation,
 * no locale, no whitespace or sign handling: the callers' syntaxes
 * ("60(2/4)", "440@-19;*(.5/.5/1)", "0.030") put a number where the parser
 * starts and a separator where it stops.
 */
#ifdef __KERNEL__
#include <linux/errno.h>
#else
#include <errno.h>
#include <stdbool.h>
#endif

#include "fxs_seconds.h"

static bool fxs_seconds_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/**
 * fxs_seconds_parse() - parse a decimal number of seconds into milliseconds
 * @text: in: where the number starts; out: the first character after it
 * @max_decimals: digits allowed after the point; more than
 *	%FXS_SECONDS_DECIMALS_MAX (sub-millisecond digits) are never accepted
 * @max_ms: largest accepted value, in ms (up to U32_MAX, about 49.7 days)
 * @ms: the value, in ms
 *
 * Accepts digits with an optional point and fraction: "2", "16", "0.25",
 * ".5", "0.030", and "2." (2 s, as strtod reads it). A point needs a
 * digit on one side: "." is rejected. There is no sign and no whitespace.
 * Parsing stops at the first character that cannot continue the number and @text then points at it:
 * "2/4" gives 2000 ms and leaves @text at "/". A caller that wants the whole
 * string to be a number checks that @text then points at its NUL; a lower
 * bound is also the caller's check.
 *
 * Return: 0; or -EINVAL when there is no number, a lone point, more than
 * @max_decimals digits after the point, or a value above @max_ms. On error
 * @text and @ms are unchanged.
 */
int fxs_seconds_parse(const char **text, unsigned int max_decimals,
		      u32 max_ms, u32 *ms)
{
	const char *p = *text;
	unsigned int digits = 0;
	u32 scale = 1000;
	u32 value = 0;
	u32 add;

	for (; fxs_seconds_is_digit(*p); p++, digits++) {
		add = (*p - '0') * 1000;
		/* value * 10 + add <= max_ms, without overflowing */
		if (add > max_ms || value > (max_ms - add) / 10)
			return -EINVAL;
		value = value * 10 + add;
	}
	if (*p == '.') {
		/* "2." is 2 s, as strtod reads it; a point alone is nothing */
		if (!digits && !fxs_seconds_is_digit(p[1]))
			return -EINVAL;
		if (max_decimals > FXS_SECONDS_DECIMALS_MAX)
			max_decimals = FXS_SECONDS_DECIMALS_MAX;
		for (p++; fxs_seconds_is_digit(*p); p++, digits++) {
			if (!max_decimals--)
				return -EINVAL;
			scale /= 10;
			add = (*p - '0') * scale;
			if (add > max_ms - value)
				return -EINVAL;
			value += add;
		}
	}
	if (!digits)
		return -EINVAL;
	*text = p;
	*ms = value;
	return 0;
}
