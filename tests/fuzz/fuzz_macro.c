// SPDX-License-Identifier: GPL-2.0
/* fuzz_macro.c: macro_expand() with a fixed identity, parameter lookup and
 * run-time values. The first byte picks key mode and the output size; the
 * output buffer is malloc'd to exactly that size. */
#include <errno.h>

#include "macro.h"
#include "fuzz.h"

static const struct identity fuzz_id = {
	.vendor = "Cisco", .pn = "ATA191", .psn = "191", .sn = "FCH1234ABCD",
	.mac = "00:11:22:aa:bb:cc", .hwver = "1.0", .swver = "1.2.3",
	.ip = "192.0.2.10", .option66 = "tftp.example.net",
};

static int fuzz_get(void *arg, const char *name, char *buf, size_t len)
{
	(void)arg;
	if (!strncmp(name, "GPP_", 4) || !strcmp(name, "User_ID_1_") ||
	    !strcmp(name, "Profile_Rule")) {
		if ((size_t)snprintf(buf, len, "v[%s]", name) >= len)
			return -ENAMETOOLONG;
		return 0;
	}
	return -ENOENT;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct macro_ctx ctx = {
		.id = &fuzz_id, .get = fuzz_get,
		.var = { [MACRO_ERR] = "error text", [MACRO_SCHEME] = "https",
			 [MACRO_SERV] = "prov.example.net", [MACRO_PORT] = "443",
			 [MACRO_PATH] = "/cfg/$MA.xml" },
	};
	size_t outlen;
	char *in, *out;
	int ret;

	if (!size)
		return 0;
	ctx.key_mode = data[0] & 1;
	/* 1..128 bytes, or 4096 */
	outlen = data[0] & 0x80 ? 4096 : (data[0] >> 1) + 1;
	in = fuzz_strndup(data + 1, size - 1);
	out = malloc(outlen);
	if (!out)
		abort();
	ret = macro_expand(&ctx, in, out, outlen);
	FUZZ_ASSERT(ret == 0 || ret == -E2BIG, "macro_expand gave %d", ret);
	if (!ret)
		FUZZ_ASSERT(strlen(out) < outlen, "output not terminated");
	free(out);
	free(in);
	return 0;
}
