// SPDX-License-Identifier: GPL-2.0
/* fuzz_rule.c: rule_parse() and rule_select() over any text, with an
 * expander that copies (so conditions compare their own operands), then
 * rule_url_parse() on every URL and rule_version_cmp() on the halves. */
#include <errno.h>

#include "rule.h"
#include "fuzz.h"

static int copy_expand(void *arg, const char *in, char *out, size_t len)
{
	size_t n = strlen(in);

	(void)arg;
	if (n >= len)
		return -E2BIG;
	memcpy(out, in, n + 1);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_strndup(data, size);
	struct rule_url url;
	char err[256];
	struct rule r;
	size_t i;
	bool b;
	int ret;

	ret = rule_parse(text, &r, err, sizeof(err));
	if (!ret) {
		ret = rule_select(&r, copy_expand, NULL, err, sizeof(err));
		FUZZ_ASSERT(ret == -ENOENT || ret == -EINVAL ||
			    (ret >= 0 && (size_t)ret < r.count),
			    "rule_select gave %d of %zu", ret, r.count);
		rule_select(&r, NULL, NULL, err, sizeof(err));
		for (i = 0; i < r.count; i++) {
			FUZZ_ASSERT(r.alts[i].cond || i + 1 == r.count,
				    "alternative %zu of %zu has no condition",
				    i, r.count);
			FUZZ_ASSERT(r.alts[i].url || (!r.alts[i].key &&
				    !r.alts[i].uid && !r.alts[i].pwd &&
				    !r.alts[i].alias && !r.alts[i].post),
				    "alternative %zu has options, no URL", i);
			if (r.alts[i].url)
				rule_url_parse(r.alts[i].url, &url, err,
					       sizeof(err));
			FUZZ_ASSERT(!r.alts[i].alias ||
				    (r.alts[i].alias >= 'A' && r.alts[i].alias <= 'P'),
				    "--alias letter %d", r.alts[i].alias);
		}
		rule_free(&r);
	}
	rule_cond_eval(text, copy_expand, NULL, &b, err, sizeof(err));
	rule_url_parse(text, &url, err, sizeof(err));
	i = size / 2;
	text[i] = '\0';
	ret = rule_version_cmp(text, text + i + (i < size));
	FUZZ_ASSERT(rule_version_cmp(text, text) == 0, "version '%s' != itself", text);
	(void)ret;
	free(text);
	return 0;
}
