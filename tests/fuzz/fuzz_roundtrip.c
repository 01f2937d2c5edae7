// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_roundtrip.c: any value that passes validation survives the state
 * file: store_set(), state_save(), state_read() give it back unchanged,
 * with its access level. The first two bytes pick the table parameter, the
 * rest (to a NUL) is the value. One store in a temp dir serves every run:
 * under $TMPDIR (run-fuzz.sh points it at a folder it removes afterwards,
 * as a crash skips the atexit() cleanup), else on /dev/shm when there is
 * one (every state_save() fsyncs), else /tmp.
 *
 * A failure names the class of the value, so that the runner can tell a
 * known open defect (bytes XML 1.0 or UTF-8 cannot carry as they are) from
 * a new one: "class utf8-or-control" when the value has a byte >= 0x7f or
 * below 0x20, "class whitespace" when it starts or ends with a space,
 * "class printable" otherwise. With FUZZ_SKIP_KNOWN set in the environment
 * (run-fuzz.sh sets it to fuzz on after a known failure), values of the
 * known class are skipped instead.
 */
#include <errno.h>
#include <unistd.h>

#include "param.h"
#include "profile.h"
#include "state.h"
#include "store.h"
#include "util.h"
#include "fuzz.h"

static char dir[UTIL_DIR_MAX];
static char state_path[UTIL_DIR_MAX + 16];
static struct store *st;

static void cleanup(void)
{
	if (st)
		store_close(st);
	util_rmtree(dir);
}

static void setup(void)
{
	const char *base = getenv("TMPDIR");

	if (!base || !base[0])
		base = access("/dev/shm", W_OK) ? "/tmp" : "/dev/shm";

	snprintf(dir, sizeof(dir), "%s/fxs-fuzz-roundtrip.XXXXXX", base);
	if (!mkdtemp(dir) || util_store_new(dir, &st)) {
		perror("fuzz_roundtrip: temp store");
		abort();
	}
	snprintf(state_path, sizeof(state_path), "%s/state.xml", dir);
	atexit(cleanup);
}

static const char *value_class(const char *v)
{
	size_t n = strlen(v);
	const char *s;

	for (s = v; *s; s++)
		if ((unsigned char)*s >= 0x7f || (unsigned char)*s < 0x20)
			return "utf8-or-control";
	if (n && (v[0] == ' ' || v[n - 1] == ' '))
		return "whitespace";
	return "printable";
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct profile_entry *e;
	const struct param_def *p;
	struct profile back;
	char err[512];
	char *value;
	int ret;

	if (size < 2)
		return 0;
	if (!st)
		setup();
	p = param_at(((size_t)data[0] << 8 | data[1]) % param_count());
	value = fuzz_strndup(data + 2, size - 2);
	if (param_validate(p, value, err, sizeof(err)) ||
	    (getenv("FUZZ_SKIP_KNOWN") &&
	     !strcmp(value_class(value), "utf8-or-control"))) {
		free(value);
		return 0;
	}
	ret = store_set(st, param_name(p), value, err, sizeof(err));
	FUZZ_ASSERT(!ret, "store_set(%s) of a valid value: %s",
		    param_name(p), err);
	ret = state_save(st, state_path, err, sizeof(err));
	FUZZ_ASSERT(!ret, "state_save: %s", err);
	ret = state_read(state_path, &back, err, sizeof(err));
	FUZZ_ASSERT(!ret, "round trip of %s, class %s: state_read: %s",
		    param_name(p), value_class(value), err);
	e = profile_find(&back, param_name(p));
	FUZZ_ASSERT(e && e->value, "round trip of %s, class %s: missing",
		    param_name(p), value_class(value));
	FUZZ_ASSERT(!strcmp(e->value, value),
		    "round trip of %s, class %s: '%s' came back as '%s'",
		    param_name(p), value_class(value), value, e->value);
	FUZZ_ASSERT(e->access == (int)store_access(st, p),
		    "round trip of %s: access %d came back as %d",
		    param_name(p), (int)store_access(st, p), e->access);
	profile_free(&back);
	free(value);
	return 0;
}
