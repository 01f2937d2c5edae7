// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_ivr.c: the handset IVR engine fed any sequence of events. Each
 * input byte is one event: its low nibble picks a key (0-9, '*', '#') or
 * off-hook, on-hook, prompt-done or time, its high nibble how far the
 * clock moves (0 to 15 s). The first byte sets what the fake's hooks and
 * set return and whether an IVR password is set. Properties: every clip
 * asked for is in ivr_prompt.def, the engine only ever sets the options'
 * parameters to values their checks allow, and its wake-up is never in
 * the past.
 */
#include <errno.h>

#include "fuzz.h"
#include "ivr.h"
#include "ivr_entry.h"

struct fuzz_fake {
	unsigned int fail;	/* bit 0 set, 1 network, 2 reboot, 3 reset */
	bool password;
};

static int f_read(void *arg, enum ivr_info what, char *buf, size_t len)
{
	(void)arg;
	snprintf(buf, len, "%s", what == IVR_INFO_DHCP ? "1" :
		 what == IVR_INFO_MAC ? "00:11:22:aa:bb:cc" : "192.0.2.10");
	return 0;
}

static int f_get(void *arg, const char *name, char *buf, size_t len)
{
	struct fuzz_fake *f = arg;

	if (!strcmp(name, "IVR_Admin_Passwd"))
		snprintf(buf, len, "%s", f->password ? "ab1" : "");
	else
		snprintf(buf, len, "old");
	return 0;
}

/* a value the option's own check allows */
static bool allowed(const char *a)
{
	char out[IVR_ENTRY_ADDR_LEN], keys[IVR_ENTRY_ADDR_LEN];
	const char *v = strchr(a, '=');
	size_t i;

	if (!v)
		return false;
	v++;
	if (!strcmp(v, "old") || !strcmp(a, "Connection_Type=DHCP") ||
	    !strcmp(a, "Connection_Type=Static IP") ||
	    !strcmp(a, "Enable_Web_Server=Yes") ||
	    !strcmp(a, "Enable_Web_Server=No"))
		return true;
	if (strlen(v) >= sizeof(keys))
		return false;
	for (i = 0; v[i]; i++)
		keys[i] = v[i] == '.' ? '*' : v[i];
	keys[i] = '\0';
	if (!strncmp(a, "NetMask=", 8))
		return !ivr_entry_address(keys, IVR_ADDR_MASK, out);
	return (!strncmp(a, "Static_IP=", 10) || !strncmp(a, "Gateway=", 8) ||
		!strncmp(a, "Primary_DNS=", 12)) &&
	       !ivr_entry_address(keys, IVR_ADDR_HOST, out);
}

static int f_set(void *arg, const char *const *assign, size_t n)
{
	struct fuzz_fake *f = arg;

	FUZZ_ASSERT(n == 1 && allowed(assign[0]), "set '%s'", assign[0]);
	return f->fail & 1 ? -EINVAL : 0;
}

static int f_network(void *arg)
{
	return ((struct fuzz_fake *)arg)->fail & 2 ? -EIO : 0;
}

static int f_reboot(void *arg)
{
	return ((struct fuzz_fake *)arg)->fail & 4 ? -EIO : 0;
}

static int f_reset(void *arg)
{
	return ((struct fuzz_fake *)arg)->fail & 8 ? -EIO : 0;
}

static const struct ivr_ops f_ops = {
	.read = f_read, .get = f_get, .set = f_set, .network = f_network,
	.reboot = f_reboot, .factory_reset = f_reset,
};

static const char keys[] = "0123456789*#";

static void event_of(uint8_t b, struct ivr_event *ev)
{
	unsigned int lo = b & 0x0f;

	ev->key = 0;
	if (lo < 12) {
		ev->type = IVR_EV_KEY;
		ev->key = keys[lo];
	} else {
		ev->type = lo == 12 ? IVR_EV_OFF_HOOK : lo == 13 ?
			   IVR_EV_ON_HOOK : lo == 14 ? IVR_EV_PROMPT_DONE :
			   IVR_EV_TIME;
	}
	ev->now_ms += (uint64_t)(b >> 4) * 1000;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_fake f = { 0 };
	struct ivr_event ev = { .now_ms = 1000 };
	struct ivr_action out;
	struct ivr *ivr;
	size_t i, k;

	if (!size)
		return 0;
	f.fail = data[0] & 0x0f;
	f.password = data[0] & 0x10;
	ivr = ivr_new(&f_ops, &f, 30000);
	if (!ivr)
		abort();
	for (i = 1; i < size; i++) {
		event_of(data[i], &ev);
		FUZZ_ASSERT(!ivr_handle(ivr, &ev, &out), "event refused");
		FUZZ_ASSERT(out.n_play <= IVR_PLAY_MAX, "%zu clips", out.n_play);
		for (k = 0; k < out.n_play; k++)
			FUZZ_ASSERT(ivr_prompt_find(out.play[k]) != IVR_P_COUNT,
				    "clip '%s'", out.play[k]);
		FUZZ_ASSERT(ivr_wake_ms(ivr) > ev.now_ms,
			    "wake-up %llu at %llu",
			    (unsigned long long)ivr_wake_ms(ivr),
			    (unsigned long long)ev.now_ms);
	}
	ivr_free(ivr);
	return 0;
}
