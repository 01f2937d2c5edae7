// SPDX-License-Identifier: GPL-2.0
/* rule.h: the Profile_Rule grammar: alternatives, conditions, assignments,
 * options and the URL, each part of an alternative optional. */
#ifndef FXSD_RULE_H
#define FXSD_RULE_H

#include <stdbool.h>
#include <stddef.h>

#define RULE_NAME_MAX 64

struct rule_assign {
	char name[RULE_NAME_MAX];	/* canonical: a..p become GPP_A..P */
	char *value;			/* unexpanded */
};

/**
 * struct rule_alt - one '|'-separated alternative
 * @cond:     condition text (unexpanded), NULL when none
 * @cond_pos: offset of @cond in the rule text (for error messages)
 * @assigns:  the ( Name = "value" ; ... )! assignments
 * @key:      --key value (unexpanded), or NULL
 * @uid:      --uid value, or NULL
 * @pwd:      --pwd value, or NULL
 * @alias:    --alias GPP letter 'A'..'P', or 0
 * @post:     --post GPP letter 'A'..'P', or 0
 * @url:      the URL (unexpanded, $(NAME:p:q) macros kept), NULL when the
 *            alternative fetches nothing (assignments alone, a condition
 *            alone, or an empty last alternative)
 */
struct rule_alt {
	char *cond;
	size_t cond_pos;
	struct rule_assign *assigns;
	size_t nassign;
	char *key;
	char *uid;
	char *pwd;
	char alias;
	char post;
	char *url;
};

struct rule {
	struct rule_alt *alts;
	size_t count;
};

/* expands macros of in into out; 0 or -errno */
typedef int (*rule_expand_fn)(void *arg, const char *in, char *out,
			      size_t len);

/* Parses text (blank gives count 0). Every alternative but the last needs
 * a condition; options need a URL. 0, or -EINVAL with err like "rule
 * syntax error at position 12: '[' without ']'" (one position, from 1, in
 * text), or -ENOMEM. */
int rule_parse(const char *text, struct rule *out, char *err, size_t errlen);
void rule_free(struct rule *r);

/* Index of the first alternative whose condition holds (operands expanded
 * with fn, which may be NULL), -ENOENT when none does, or the error of fn
 * (err names the operand's position in the rule text). */
int rule_select(const struct rule *r, rule_expand_fn fn, void *arg,
		char *err, size_t errlen);

/* Evaluates one condition (a Resync_Trigger_N): comparisons joined by
 * "and"; one without a left-hand side compares $SWVER (the legacy "<1.0",
 * "! 1.0.33"), and "!" alone means "!=". 0 and *out, or -EINVAL with err
 * ("condition syntax error at position 3: ..."), or fn's error. */
int rule_cond_eval(const char *cond, rule_expand_fn fn, void *arg,
		   bool *out, char *err, size_t errlen);

/* numeric per-component compare of versions ("1.2.10" > "1.2.9"); digit
 * runs compare as numbers, other characters as bytes. <0, 0, >0 */
int rule_version_cmp(const char *a, const char *b);

/**
 * struct rule_url - a URL split as [scheme://][server[:port]]/path
 * @scheme: "tftp" (when none given), "http" or "https"
 * @server: host name or address; empty: the DHCP option-66 server
 * @port:   given or the scheme's default (69, 80, 443)
 * @path:   from the first '/', query included
 */
struct rule_url {
	char scheme[8];
	char server[256];
	unsigned int port;
	char path[2048];
};

/* 0, or -EINVAL with err ("unsupported scheme 'ftp'", ...) */
int rule_url_parse(const char *url, struct rule_url *out, char *err,
		   size_t errlen);

#endif
