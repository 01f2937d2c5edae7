// SPDX-License-Identifier: GPL-2.0
/* fuzz_param.c: every table parameter's validator over the input as a
 * value, and the value parsers (retry list, bool, access level). */
#include <errno.h>

#include "param.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *value = fuzz_strndup(data, size);
	unsigned long delays[8], rmax;
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
	if (!param_parse_retry_list(value, delays, 8, &n, &rmax)) {
		FUZZ_ASSERT(n <= 8, "retry list of %zu", n);
		if (n)
			param_retry_delay(delays, n, (unsigned int)size);
	}
	ret = param_parse_bool(value);
	FUZZ_ASSERT(ret == 0 || ret == 1 || ret == -EINVAL, "bool %d", ret);
	param_access_parse(value, &a);
	param_name_valid(value);
	param_find(value);
	free(value);
	return 0;
}
