// SPDX-License-Identifier: GPL-2.0
/* fuzz_param.c: every table parameter's validator over the input as a
 * value, and the value parsers (delay list, bool, access level). */
#include <errno.h>

#include "param.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *value = fuzz_strndup(data, size);
	struct param_delay delays[8];
	enum param_access a;
	char err[512];
	size_t i, n;
	int ret;

	for (i = 0; i < param_count(); i++) {
		ret = param_validate(param_at(i), value, err, sizeof(err));
		FUZZ_ASSERT(ret == 0 || ret == -EINVAL, "%s: %d",
			    param_name(param_at(i)), ret);
		if (ret)
			FUZZ_ASSERT(err[0], "%s: no message",
				    param_name(param_at(i)));
	}
	if (!param_parse_delays(value, delays, 8, &n))
		FUZZ_ASSERT(n >= 1 && n <= 8, "delay list of %zu", n);
	ret = param_parse_bool(value);
	FUZZ_ASSERT(ret == 0 || ret == 1 || ret == -EINVAL, "bool %d", ret);
	param_access_parse(value, &a);
	param_name_valid(value);
	param_find(value);
	free(value);
	return 0;
}
