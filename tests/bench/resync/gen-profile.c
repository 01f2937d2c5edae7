// SPDX-License-Identifier: GPL-2.0
/*
 * gen-profile.c - flat-profile generator for make bench-resync.
 *
 *   gen-profile VARIANT NUNKNOWN [PROFILE_RULE]
 *
 * Prints a <flat-profile> holding every parameter of fxsd's table (read
 * through the public API of param.h only, so the profile grows with the
 * table) with a valid value, then NUNKNOWN unknown elements with short
 * names (<Xab>1</Xab>) so that 50,000 of them stay under the 1 MiB caps.
 *
 * VARIANT
 *   a, b     values that differ from each other and from the default for
 *            as many parameters as validation allows (falls back to the
 *            default when nothing else validates)
 *   a1       variant a with exactly one parameter changed (GPP_A, or the
 *            first text parameter outside the control set)
 *   control  only the control set below, no other table parameter
 *
 * The control set is the same in every variant, so the daemon keeps
 * working the same way: Profile_Rule is PROFILE_RULE (argument, else the
 * environment variable PROFILE_RULE), Profile_Rule_B/_C/_D empty,
 * Provision_Enable Yes, Resync_On_Reset No, Resync_Periodic 0,
 * Resync_At__HHmm_ empty, Resync_Trigger_1/2 empty,
 * Resync_Error_Retry_Delay 0, Custom_CA_Rule, Syslog_Server and
 * Upgrade_Rule empty (each only if the table has it and it validates).
 *
 * A value is valid when param_validate() takes it and, for a line
 * parameter, the kernel's grammar too (line_check_value()); the hook
 * flash pair must also be one the kernel takes together, else both keep
 * their defaults.
 *
 * stderr: how many parameters differ between a and b, and the size.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "line_check.h"
#include "param.h"

#define MAX_CAND 64
#define PROFILE_CAP (1u << 20)

struct control {
	const char *name;
	const char *value;	/* NULL: the profile rule */
};

static const struct control controls[] = {
	{ "Profile_Rule", NULL },
	{ "Profile_Rule_B", "" },
	{ "Profile_Rule_C", "" },
	{ "Profile_Rule_D", "" },
	{ "Provision_Enable", "Yes" },
	{ "Resync_On_Reset", "No" },
	{ "Resync_Periodic", "0" },
	{ "Resync_At__HHmm_", "" },
	{ "Resync_Trigger_1", "" },
	{ "Resync_Trigger_2", "" },
	{ "Resync_Error_Retry_Delay", "0" },
	{ "Custom_CA_Rule", "" },
	{ "Syslog_Server", "" },
	{ "Upgrade_Rule", "" },
};
#define NCONTROLS (sizeof(controls) / sizeof(controls[0]))

static size_t out_bytes;

static void out(const char *s)
{
	out_bytes += strlen(s);
	fputs(s, stdout);
}

static void out_escaped(const char *s)
{
	char c[2] = { 0, 0 };

	for (; *s; s++) {
		switch (*s) {
		case '&': out("&amp;"); break;
		case '<': out("&lt;"); break;
		case '>': out("&gt;"); break;
		case '"': out("&quot;"); break;
		case '\'': out("&apos;"); break;
		default: c[0] = *s; out(c);
		}
	}
}

static void element(const char *name, const char *value)
{
	out("<");
	out(name);
	out(">");
	out_escaped(value);
	out("</");
	out(name);
	out(">\n");
}

static int valid(const struct param_def *p, const char *v)
{
	char err[256];

	if (param_validate(p, v, err, sizeof(err)))
		return 0;
	if (line_check_find(param_name(p)) &&
	    line_check_value(param_name(p), v, err, sizeof(err)))
		return 0;
	return 1;
}

static const struct control *control_of(const char *name)
{
	size_t i;

	for (i = 0; i < NCONTROLS; i++)
		if (!strcmp(controls[i].name, name))
			return &controls[i];
	return NULL;
}

struct cands {
	char *v[MAX_CAND];
	size_t n;
};

static void cand_add(struct cands *c, const char *s)
{
	size_t i;

	if (c->n >= MAX_CAND)
		return;
	for (i = 0; i < c->n; i++)
		if (!strcmp(c->v[i], s))
			return;
	c->v[c->n] = strdup(s);
	if (!c->v[c->n]) {
		perror("strdup");
		exit(2);
	}
	c->n++;
}

static void cand_num(struct cands *c, double x)
{
	char buf[64];

	if (x == floor(x) && fabs(x) < 1e15)
		snprintf(buf, sizeof(buf), "%.0f", x);
	else
		snprintf(buf, sizeof(buf), "%g", x);
	cand_add(c, buf);
}

static void cand_free(struct cands *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->v[i]);
	c->n = 0;
}

/*
 * Candidate values, in order of preference, derived from the type
 * description and the default; only those passing param_validate() and
 * differing from the default are kept.
 */
static void candidates(const struct param_def *p, struct cands *out_c)
{
	const char *desc = param_type_desc(p), *def = param_default(p);
	static const double deltas[] = { 1, 2, -1, -2, 0.1, 0.2, -0.1, -0.2,
					 0.05, -0.05, 0.01, -0.01, 10, -10 };
	static const char *const fallback[] = {
		"a1", "b1", "c1",
		"350@-19;10(*/0/1)", "440@-19;10(*/0/1)", "480@-19;10(*/0/1)",
		"60(1/4)", "60(2/3)", "60(3/3)", "*1", "*2", "*3",
		"GMT+01:00", "GMT+02:00", "GMT+03:00", "0101", "0202", "0303",
		"61", "62", "63", "60,120+1", "0", "1", "2", "3", "10", "100",
	};
	struct cands all = { .n = 0 };
	char *end, buf[256];
	const char *s, *bar;
	double d;
	size_t i;

	/* '|'-separated choices, e.g. "Yes|No" or an enum: only those */
	if (strchr(desc, '|')) {
		for (s = desc; *s; s = *bar ? bar + 1 : bar) {
			bar = strchr(s, '|');
			if (!bar)
				bar = s + strlen(s);
			snprintf(buf, sizeof(buf), "%.*s", (int)(bar - s), s);
			cand_add(&all, buf);
		}
		goto keep;
	}
	/* "lo..hi" ranges */
	s = strstr(desc, "..");
	if (s) {
		const char *lo = s;

		while (lo > desc && strchr("0123456789-.", lo[-1]))
			lo--;
		snprintf(buf, sizeof(buf), "%.*s", (int)(s - lo), lo);
		if (*buf)
			cand_add(&all, buf);
		for (i = 0; strchr("0123456789-.", s[2 + i]) && s[2 + i]; i++)
			;
		snprintf(buf, sizeof(buf), "%.*s", (int)i, s + 2);
		if (*buf)
			cand_add(&all, buf);
	}
	/* numbers near the default */
	d = strtod(def, &end);
	if (*def && !*end) {
		for (i = 0; i < sizeof(deltas) / sizeof(deltas[0]); i++)
			cand_num(&all, d + deltas[i]);
		cand_num(&all, d * 2);
		cand_num(&all, d / 2);
	}
	/* text, and the rest */
	for (i = 0; i < sizeof(fallback) / sizeof(fallback[0]); i++)
		cand_add(&all, fallback[i]);
keep:
	for (i = 0; i < all.n; i++)
		if (strcmp(all.v[i], def) && valid(p, all.v[i]))
			cand_add(out_c, all.v[i]);
	cand_free(&all);
}

/*
 * p's value in VARIANT (a: the first candidate; b: the second, else the
 * default; a1: as a, but the third for ONE), in a static buffer
 */
static const char *candidate_value(const struct param_def *p,
				   const char *variant, const char *one)
{
	static char buf[256];
	struct cands cs = { .n = 0 };
	const char *v = param_default(p);
	size_t pick = !strcmp(variant, "b") ? 1 : 0;

	if (!strcmp(variant, "a1") && one && !strcmp(param_name(p), one))
		pick = 2;
	candidates(p, &cs);
	if (cs.n > pick)
		v = cs.v[pick];
	else if (pick == 2)
		fprintf(stderr, "gen-profile: no third value for %s\n", one);
	snprintf(buf, sizeof(buf), "%s", v);
	cand_free(&cs);
	return buf;
}

/*
 * p's value in VARIANT; the hook flash timers only as a pair the kernel
 * takes together (debounce < min < max), else both their defaults
 */
static const char *variant_value(const struct param_def *p,
				 const char *variant, const char *one)
{
	static char min[256], max[256];
	const struct param_def *pmin, *pmax;
	char why[256];

	if (strcmp(param_name(p), "Hook_Flash_Timer_Min") &&
	    strcmp(param_name(p), "Hook_Flash_Timer_Max"))
		return candidate_value(p, variant, one);
	pmin = param_find("Hook_Flash_Timer_Min");
	pmax = param_find("Hook_Flash_Timer_Max");
	if (!pmin || !pmax)
		return candidate_value(p, variant, one);
	snprintf(min, sizeof(min), "%s", candidate_value(pmin, variant, one));
	snprintf(max, sizeof(max), "%s", candidate_value(pmax, variant, one));
	if (line_check_flash(min, max, true,
			     line_check_default_debounce_ms(), why,
			     sizeof(why)))
		return param_default(p);
	return p == pmin ? min : max;
}

static const char *changed_param(void)
{
	size_t i;

	if (param_find("GPP_A"))
		return "GPP_A";
	for (i = 0; i < param_count(); i++) {
		const struct param_def *p = param_at(i);

		if (!control_of(param_name(p)) &&
		    !strcmp(param_type_desc(p), "text"))
			return param_name(p);
	}
	return NULL;
}

/* unknown element names: X + base-62 digits, never a table name */
static void unknown_name(unsigned long i, char *buf, size_t len)
{
	static const char dig[] =
		"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
	char tmp[16];
	size_t n = 0;

	do {
		tmp[n++] = dig[i % 62];
		i /= 62;
	} while (i && n < sizeof(tmp));
	buf[0] = 'X';
	for (i = 0; i < n && i + 2 < len; i++)
		buf[i + 1] = tmp[n - 1 - i];
	buf[i + 1] = '\0';
}

int main(int argc, char **argv)
{
	const char *variant, *rule, *one;
	unsigned long nunknown, i, k;
	size_t differ = 0, params = 0, others = 0;
	char *end, name[32];

	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: gen-profile a|b|a1|control NUNKNOWN [PROFILE_RULE]\n");
		return 2;
	}
	variant = argv[1];
	if (strcmp(variant, "a") && strcmp(variant, "b") &&
	    strcmp(variant, "a1") && strcmp(variant, "control")) {
		fprintf(stderr, "gen-profile: unknown variant '%s'\n", variant);
		return 2;
	}
	errno = 0;
	nunknown = strtoul(argv[2], &end, 10);
	if (errno || *end || !*argv[2]) {
		fprintf(stderr, "gen-profile: bad NUNKNOWN '%s'\n", argv[2]);
		return 2;
	}
	rule = argc > 3 ? argv[3] : getenv("PROFILE_RULE");
	if (!rule) {
		fprintf(stderr, "gen-profile: no PROFILE_RULE\n");
		return 2;
	}
	one = changed_param();

	out("<flat-profile>\n");
	for (i = 0; i < param_count(); i++) {
		const struct param_def *p = param_at(i);
		const struct control *c = control_of(param_name(p));
		const char *def = param_default(p), *v;
		char va[256];

		if (c) {
			v = c->value ? c->value : rule;
			if (!valid(p, v)) {
				fprintf(stderr, "gen-profile: control %s='%s' invalid, using the default\n",
					param_name(p), v);
				v = def;
			}
			element(param_name(p), v);
			params++;
			continue;
		}
		others++;
		if (!strcmp(variant, "control"))
			continue;
		/* the values live in static buffers: a's is copied */
		snprintf(va, sizeof(va), "%s", variant_value(p, "a", one));
		if (strcmp(va, variant_value(p, "b", one)))
			differ++;
		element(param_name(p), variant_value(p, variant, one));
		params++;
	}
	for (i = 0, k = 0; i < nunknown; k++) {
		unknown_name(k, name, sizeof(name));
		if (param_find(name))
			continue;
		out("<");
		out(name);
		out(">1</");
		out(name);
		out(">\n");
		i++;
	}
	out("</flat-profile>\n");
	if (fflush(stdout) || ferror(stdout)) {
		perror("gen-profile: stdout");
		return 1;
	}
	fprintf(stderr, "gen-profile: variant %s: %zu table parameters, %lu unknown, %zu bytes; %zu parameters differ between a and b (of %zu outside the control set)\n",
		variant, params, nunknown, out_bytes, differ,
		others);
	if (out_bytes > PROFILE_CAP)
		fprintf(stderr, "gen-profile: WARNING: %zu bytes exceed the 1 MiB cap of fxsd's decoder\n",
			out_bytes);
	return 0;
}
