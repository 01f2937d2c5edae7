// SPDX-License-Identifier: GPL-2.0
/*
 * test_ivr.c: the handset IVR engine driven with event sequences: what
 * it says (the exact clips), what it reads, sets and runs through a fake
 * struct ivr_ops, and what it refuses. Time is injected.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ivr.h"
#include "kselftest_harness.h"

#define T0 1000000	/* the fake clock's start, ms */
#define TIMEOUT 5000	/* the menu's silence timeout in these tests */

/* the fake system: its values, its parameters, what was called */
struct fake {
	char info[8][64];
	int info_ret;
	const char *names[8];
	char values[8][64];
	int get_ret;
	const char *get_fails;	/* the one name whose get fails, or NULL */
	int set_ret;
	int network_ret;
	int network_fail_once;	/* only the first network call fails */
	int reboot_ret;
	int reset_ret;
	char log[1024];		/* "set A=b;network;reboot;..." */
};

static void logf_(struct fake *f, const char *what, const char *arg)
{
	size_t n = strlen(f->log);

	snprintf(f->log + n, sizeof(f->log) - n, "%s%s%s;", what,
		 arg ? " " : "", arg ? arg : "");
}

static int param_index(struct fake *f, const char *name)
{
	int i;

	for (i = 0; i < 8 && f->names[i]; i++)
		if (!strcmp(f->names[i], name))
			return i;
	return -1;
}

static int fake_read(void *arg, enum ivr_info what, char *buf, size_t len)
{
	struct fake *f = arg;

	if (f->info_ret)
		return f->info_ret;
	snprintf(buf, len, "%s", f->info[what]);
	return 0;
}

static int fake_get(void *arg, const char *name, char *buf, size_t len)
{
	struct fake *f = arg;
	int i = param_index(f, name);

	if (f->get_ret || (f->get_fails && !strcmp(f->get_fails, name)))
		return f->get_ret ? f->get_ret : -EIO;
	if (i < 0)
		return -ENOENT;
	snprintf(buf, len, "%s", f->values[i]);
	return 0;
}

static int fake_set(void *arg, const char *const *assign, size_t n)
{
	struct fake *f = arg;
	const char *eq;
	size_t k;
	int i;

	logf_(f, "set", assign[0]);
	if (f->set_ret)
		return f->set_ret;
	for (k = 0; k < n; k++) {
		eq = strchr(assign[k], '=');
		for (i = 0; i < 8 && f->names[i]; i++)
			if (!strncmp(f->names[i], assign[k],
				     (size_t)(eq - assign[k])))
				snprintf(f->values[i], sizeof(f->values[i]),
					 "%s", eq + 1);
	}
	return 0;
}

static int fake_network(void *arg)
{
	struct fake *f = arg;
	int ret = f->network_ret;

	logf_(f, "network", NULL);
	if (f->network_fail_once)
		f->network_ret = 0;
	return ret;
}

static int fake_reboot(void *arg)
{
	struct fake *f = arg;

	logf_(f, "reboot", NULL);
	return f->reboot_ret;
}

static int fake_reset(void *arg)
{
	struct fake *f = arg;

	logf_(f, "factory_reset", NULL);
	return f->reset_ret;
}

static const struct ivr_ops fake_ops = {
	.read = fake_read,
	.get = fake_get,
	.set = fake_set,
	.network = fake_network,
	.reboot = fake_reboot,
	.factory_reset = fake_reset,
};

FIXTURE(ivr) {
	struct fake f;
	struct ivr *ivr;
	uint64_t now;
	char said[4096];	/* the clips of the last step, space-separated */
	int unknown_clips;	/* clips not in ivr_prompt.def */
};

static void set_param(struct fake *f, const char *name, const char *value)
{
	int i = param_index(f, name);

	snprintf(f->values[i], sizeof(f->values[i]), "%s", value);
}

FIXTURE_SETUP(ivr)
{
	static const char *const names[] = {
		"Connection_Type", "Static_IP", "NetMask", "Gateway",
		"Primary_DNS", "Enable_Web_Server", "IVR_Admin_Passwd",
	};
	size_t i;

	memset(&self->f, 0, sizeof(self->f));
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		self->f.names[i] = names[i];
	set_param(&self->f, "Connection_Type", "DHCP");
	set_param(&self->f, "Static_IP", "10.0.0.5");
	set_param(&self->f, "Enable_Web_Server", "Yes");
	snprintf(self->f.info[IVR_INFO_DHCP], 64, "1");
	snprintf(self->f.info[IVR_INFO_IP], 64, "192.168.1.10");
	snprintf(self->f.info[IVR_INFO_NETMASK], 64, "255.255.255.0");
	snprintf(self->f.info[IVR_INFO_GATEWAY], 64, "192.168.1.1");
	snprintf(self->f.info[IVR_INFO_DNS], 64, "8.8.4.4");
	snprintf(self->f.info[IVR_INFO_MAC], 64, "00:1a:2b:3c:4d:ef");
	snprintf(self->f.info[IVR_INFO_FIRMWARE], 64, "1.4.2-b3");
	snprintf(self->f.info[IVR_INFO_WEB_PORT], 64, "8080");
	self->ivr = ivr_new(&fake_ops, &self->f, TIMEOUT);
	ASSERT_NE(NULL, self->ivr);
	self->now = T0;
	self->unknown_clips = 0;
}

FIXTURE_TEARDOWN(ivr)
{
	EXPECT_EQ(0, self->unknown_clips);
	ivr_free(self->ivr);
}

/* appends what OUT does to said: "STOP" for a stop, then its clips */
static void note(FIXTURE_DATA(ivr) *self, const struct ivr_action *out)
{
	size_t i, n;

	for (i = 0; i < out->n_play + out->stop; i++) {
		const char *w = out->stop && !i ? "STOP" :
			       out->play[i - out->stop];

		if (strcmp(w, "STOP") && ivr_prompt_find(w) == IVR_P_COUNT)
			self->unknown_clips++;
		n = strlen(self->said);
		snprintf(self->said + n, sizeof(self->said) - n, "%s%s",
			 n ? " " : "", w);
	}
}

/* one event at the fake clock's now; its action noted */
static int event(FIXTURE_DATA(ivr) *self, enum ivr_event_type type,
		 char key, struct ivr_action *out)
{
	struct ivr_event ev = { .type = type, .key = key,
				.now_ms = self->now };
	int ret = ivr_handle(self->ivr, &ev, out);

	note(self, out);
	return ret;
}

/*
 * Types KEYS 100 ms apart; when WAIT, each prompt plays to its end
 * before the next key (the caller reports IVR_EV_PROMPT_DONE). said is
 * what the whole sequence made the engine say.
 */
static const char *keys_(FIXTURE_DATA(ivr) *self, const char *keys,
			 bool wait)
{
	struct ivr_action out;

	self->said[0] = '\0';
	for (; *keys; keys++) {
		self->now += 100;
		event(self, IVR_EV_KEY, *keys, &out);
		if (wait && out.n_play)
			event(self, IVR_EV_PROMPT_DONE, 0, &out);
	}
	return self->said;
}

#define press(keys) keys_(self, keys, true)
/* KEYS (from a table) make the engine say WANT; the keys are logged */
#define EXPECT_SAID(want, keys) do {					\
	const char *keys_typed_ = (keys);				\
									\
	EXPECT_STREQ(want, press(keys_typed_))				\
		TH_LOG("keys %s", keys_typed_ ? keys_typed_ : "");	\
} while (0)
#define press_fast(keys) keys_(self, keys, false)

static const char *hook(FIXTURE_DATA(ivr) *self, enum ivr_event_type type)
{
	struct ivr_action out;

	self->said[0] = '\0';
	event(self, type, 0, &out);
	return self->said;
}

#define off_hook() hook(self, IVR_EV_OFF_HOOK)
#define on_hook() hook(self, IVR_EV_ON_HOOK)

/* the clock moves to T; what a time event then says */
static const char *at(FIXTURE_DATA(ivr) *self, uint64_t t)
{
	self->now = t;
	return hook(self, IVR_EV_TIME);
}

/* off hook and "****": in the menu, its prompt played */
static void menu(FIXTURE_DATA(ivr) *self, struct __test_metadata *_metadata)
{
	off_hook();
	ASSERT_STREQ("ivr-menu", press("****"));
	ASSERT_TRUE(ivr_active(self->ivr));
}

#define IP_192_168_1_10 "digit-1 digit-9 digit-2 dot digit-1 digit-6 " \
	"digit-8 dot digit-1 dot digit-1 digit-0"

/* ---- entering and leaving ---- */

TEST_F(ivr, four_stars_off_hook_open_the_menu)
{
	EXPECT_FALSE(ivr_active(self->ivr));
	EXPECT_STREQ("", off_hook());
	EXPECT_STREQ("", press("***"));
	EXPECT_FALSE(ivr_active(self->ivr));
	EXPECT_EQ(IVR_WAKE_NEVER, ivr_wake_ms(self->ivr));
	EXPECT_STREQ("ivr-menu", press("*"));
	EXPECT_TRUE(ivr_active(self->ivr));
}

TEST_F(ivr, a_number_being_dialled_never_opens_the_menu)
{
	off_hook();
	EXPECT_STREQ("", press("5****110#"));
	EXPECT_FALSE(ivr_active(self->ivr));
	off_hook();
	EXPECT_STREQ("", press("**1**"));
	EXPECT_FALSE(ivr_active(self->ivr));
	EXPECT_STREQ("", self->f.log);
}

TEST_F(ivr, keys_on_hook_do_nothing)
{
	EXPECT_STREQ("", press("****110#"));
	EXPECT_FALSE(ivr_active(self->ivr));
	EXPECT_STREQ("", self->f.log);
}

TEST_F(ivr, on_hook_leaves_the_menu_at_once)
{
	menu(self, _metadata);
	EXPECT_STREQ("", on_hook());
	EXPECT_FALSE(ivr_active(self->ivr));
	EXPECT_EQ(IVR_WAKE_NEVER, ivr_wake_ms(self->ivr));
	/* the next call starts afresh */
	off_hook();
	EXPECT_STREQ("ivr-menu", press("****"));
}

TEST_F(ivr, on_hook_mid_entry_saves_nothing)
{
	menu(self, _metadata);
	press("111#192*168*1");
	EXPECT_STREQ("", on_hook());
	off_hook();
	press("****");
	/* the half-typed address is gone: this is a code again */
	EXPECT_STREQ("ip-address enter-value", press("111#"));
	EXPECT_STREQ("", on_hook());
	EXPECT_STREQ("", self->f.log);
	EXPECT_STREQ("10.0.0.5", self->f.values[1]);
}

TEST_F(ivr, on_hook_in_the_save_menu_saves_nothing)
{
	menu(self, _metadata);
	press("111#192*168*1*20");
	/* on hook while the value is read back */
	EXPECT_STREQ("digit-1 digit-9 digit-2 dot digit-1 digit-6 digit-8 "
		     "dot digit-1 dot digit-2 digit-0 review-options",
		     press_fast("#"));
	EXPECT_STREQ("STOP", on_hook());
	off_hook();
	EXPECT_STREQ("", press("1"));
	EXPECT_STREQ("", self->f.log);
	EXPECT_STREQ("10.0.0.5", self->f.values[1]);
}

TEST_F(ivr, on_hook_stops_the_prompt_playing)
{
	off_hook();
	EXPECT_STREQ("ivr-menu", press_fast("****"));
	EXPECT_STREQ("STOP", on_hook());
	EXPECT_FALSE(ivr_active(self->ivr));
}

TEST_F(ivr, off_hook_again_starts_afresh)
{
	menu(self, _metadata);
	off_hook();
	EXPECT_FALSE(ivr_active(self->ivr));
	EXPECT_STREQ("ivr-menu", press("****"));
}

/* ---- the timeout ---- */

TEST_F(ivr, silence_ends_the_menu)
{
	struct ivr_action out;
	uint64_t played;

	off_hook();
	press_fast("****");
	/* the menu prompt plays: no deadline yet */
	EXPECT_EQ(IVR_WAKE_NEVER, ivr_wake_ms(self->ivr));
	self->now += 2000;
	event(self, IVR_EV_PROMPT_DONE, 0, &out);
	played = self->now;
	EXPECT_EQ(played + TIMEOUT, ivr_wake_ms(self->ivr));
	EXPECT_STREQ("", at(self, played + TIMEOUT - 1));
	EXPECT_TRUE(ivr_active(self->ivr));
	EXPECT_STREQ("goodbye", at(self, played + TIMEOUT));
	EXPECT_FALSE(ivr_active(self->ivr));
	EXPECT_EQ(IVR_WAKE_NEVER, ivr_wake_ms(self->ivr));
	/* nothing more to say, and codes are not codes any more */
	EXPECT_STREQ("", at(self, played + 10 * TIMEOUT));
	/* the first key stops the goodbye */
	EXPECT_STREQ("STOP", press("110#"));
}

/* an answer longer than the timeout is spoken to its end */
TEST_F(ivr, a_long_prompt_is_not_cut_by_the_silence)
{
	struct ivr_action out;
	uint64_t played;

	menu(self, _metadata);
	press_fast("110#");
	EXPECT_EQ(IVR_WAKE_NEVER, ivr_wake_ms(self->ivr));
	EXPECT_STREQ("", at(self, self->now + 20 * TIMEOUT));
	EXPECT_TRUE(ivr_active(self->ivr));
	event(self, IVR_EV_PROMPT_DONE, 0, &out);
	played = self->now;
	EXPECT_STREQ("", at(self, played + TIMEOUT - 1));
	EXPECT_STREQ("goodbye", at(self, played + TIMEOUT));
}

/* a stale "done" (after a key stopped the prompt) is no activity */
TEST_F(ivr, a_key_that_stops_a_prompt_starts_the_silence)
{
	struct ivr_action out;
	uint64_t typed;

	off_hook();
	press_fast("****1");
	typed = self->now;
	EXPECT_EQ(typed + TIMEOUT, ivr_wake_ms(self->ivr));
	self->now += 1000;
	event(self, IVR_EV_PROMPT_DONE, 0, &out);
	EXPECT_EQ(typed + TIMEOUT, ivr_wake_ms(self->ivr));
	EXPECT_STREQ("goodbye", at(self, typed + TIMEOUT));
}

TEST_F(ivr, stars_open_the_menu_again_after_a_timeout)
{
	menu(self, _metadata);
	EXPECT_STREQ("goodbye", at(self, self->now + TIMEOUT));
	EXPECT_STREQ("STOP ivr-menu", press("****"));
	EXPECT_STREQ("ip-address " IP_192_168_1_10, press("110#"));
}

TEST_F(ivr, each_key_and_prompt_end_restarts_the_silence)
{
	struct ivr_action out;

	off_hook();
	press_fast("****");
	self->now += 3000;
	event(self, IVR_EV_PROMPT_DONE, 0, &out);
	EXPECT_EQ(self->now + TIMEOUT, ivr_wake_ms(self->ivr));
	press("11");
	EXPECT_EQ(self->now + TIMEOUT, ivr_wake_ms(self->ivr));
	EXPECT_STREQ("", at(self, self->now + TIMEOUT - 200));
	EXPECT_STREQ("", press("0"));
	EXPECT_STREQ("", at(self, self->now + TIMEOUT - 1));
	EXPECT_STREQ("goodbye", at(self, self->now + TIMEOUT));
}

TEST_F(ivr, a_stale_prompt_end_is_no_activity)
{
	struct ivr_action out;
	uint64_t deadline;

	menu(self, _metadata);
	deadline = ivr_wake_ms(self->ivr);
	self->now += 1000;
	/* nothing is playing: this "done" is late news, not the user */
	event(self, IVR_EV_PROMPT_DONE, 0, &out);
	EXPECT_EQ(deadline, ivr_wake_ms(self->ivr));
	EXPECT_STREQ("goodbye", at(self, deadline));
}

TEST_F(ivr, off_hook_again_stops_the_prompt)
{
	off_hook();
	press_fast("****");
	EXPECT_STREQ("STOP", off_hook());
}

TEST_F(ivr, a_timeout_mid_entry_saves_nothing)
{
	menu(self, _metadata);
	press("111#192*168*1*20#");
	EXPECT_STREQ("goodbye", at(self, self->now + TIMEOUT));
	EXPECT_STREQ("STOP", press("1"));
	EXPECT_STREQ("", self->f.log);
}

TEST_F(ivr, a_key_late_for_the_deadline_comes_after_the_timeout)
{
	menu(self, _metadata);
	press("11");
	self->now += TIMEOUT;
	/* the caller missed its wake-up: the menu has ended all the same */
	EXPECT_STREQ("goodbye", press_fast("0"));
	EXPECT_FALSE(ivr_active(self->ivr));
}

/* ---- reading ---- */

TEST_F(ivr, check_codes_speak_the_value)
{
	static const struct {
		const char *keys;
		const char *said;
	} cases[] = {
		{ "100#", "dhcp enabled" },
		{ "110#", "ip-address " IP_192_168_1_10 },
		{ "120#", "netmask digit-2 digit-5 digit-5 dot digit-2 "
			  "digit-5 digit-5 dot digit-2 digit-5 digit-5 dot "
			  "digit-0" },
		{ "130#", "gateway digit-1 digit-9 digit-2 dot digit-1 "
			  "digit-6 digit-8 dot digit-1 dot digit-1" },
		{ "140#", "mac-address digit-0 digit-0 digit-1 letter-a "
			  "digit-2 letter-b digit-3 letter-c digit-4 letter-d "
			  "letter-e letter-f" },
		{ "150#", "firmware-version digit-1 dot digit-4 dot "
			  "digit-2 dash letter-b digit-3" },
		{ "160#", "primary-dns digit-8 dot digit-8 dot digit-4 dot "
			  "digit-4" },
		{ "170#", "web-server-port digit-8 digit-0 digit-8 digit-0" },
	};
	size_t i;

	menu(self, _metadata);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		EXPECT_SAID(cases[i].said, cases[i].keys);
	EXPECT_TRUE(ivr_active(self->ivr));
	EXPECT_STREQ("", self->f.log);
}

TEST_F(ivr, check_dhcp_disabled)
{
	snprintf(self->f.info[IVR_INFO_DHCP], 64, "0");
	menu(self, _metadata);
	EXPECT_STREQ("dhcp disabled", press("100#"));
}

TEST_F(ivr, a_dhcp_state_that_is_not_1_or_0_fails)
{
	snprintf(self->f.info[IVR_INFO_DHCP], 64, "yes");
	menu(self, _metadata);
	EXPECT_STREQ("option-failed", press("100#"));
}

TEST_F(ivr, an_empty_value_is_not_set)
{
	self->f.info[IVR_INFO_IP][0] = '\0';
	menu(self, _metadata);
	EXPECT_STREQ("ip-address not-set", press("110#"));
}

TEST_F(ivr, a_failing_read_is_option_failed)
{
	self->f.info_ret = -EIO;
	menu(self, _metadata);
	EXPECT_STREQ("option-failed", press("110#"));
	EXPECT_STREQ("option-failed", press("140#"));
	EXPECT_TRUE(ivr_active(self->ivr));
}

TEST_F(ivr, unspeakable_characters_are_skipped)
{
	snprintf(self->f.info[IVR_INFO_FIRMWARE], 64, "v1 (x)");
	menu(self, _metadata);
	EXPECT_STREQ("firmware-version letter-v digit-1 letter-x",
		     press("150#"));
}

/* ---- invalid codes ---- */

TEST_F(ivr, any_other_code_is_an_invalid_option)
{
	static const char *const bad[] = {
		"#", "999#", "11#", "1100#", "0110#", "7933#", "73739#",
		"1*0#", "*110#",
	};
	size_t i;

	menu(self, _metadata);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		EXPECT_SAID("invalid-option", bad[i]);
	/* still in the menu, nothing touched */
	EXPECT_STREQ("ip-address " IP_192_168_1_10, press("110#"));
	EXPECT_STREQ("", self->f.log);
}

TEST_F(ivr, a_code_too_long_to_keep_is_invalid_not_cut)
{
	char keys[200];

	memset(keys, '1', sizeof(keys) - 2);
	memcpy(keys, "110", 3);
	keys[sizeof(keys) - 2] = '#';
	keys[sizeof(keys) - 1] = '\0';
	menu(self, _metadata);
	EXPECT_STREQ("invalid-option", press(keys));
	EXPECT_STREQ("ip-address " IP_192_168_1_10, press("110#"));
}

TEST_F(ivr, two_stars_abandon_a_code)
{
	menu(self, _metadata);
	EXPECT_STREQ("option-cancelled", press("11**"));
	EXPECT_STREQ("ip-address " IP_192_168_1_10, press("110#"));
}

/* ---- setting an address ---- */

TEST_F(ivr, set_static_ip_and_save)
{
	menu(self, _metadata);
	EXPECT_STREQ("ip-address enter-value", press("111#"));
	EXPECT_STREQ(IP_192_168_1_10 " review-options", press("192*168*1*10#"));
	EXPECT_STREQ("", self->f.log);
	EXPECT_STREQ("option-successful", press("1"));
	EXPECT_STREQ("set Static_IP=192.168.1.10;network;", self->f.log);
	EXPECT_STREQ("192.168.1.10", self->f.values[1]);
	/* back in the menu */
	EXPECT_STREQ("dhcp enabled", press("100#"));
}

TEST_F(ivr, every_address_code_sets_its_parameter)
{
	static const struct {
		const char *code;
		const char *what;
		const char *param;
		const char *keys;
		const char *value;
	} cases[] = {
		{ "111#", "ip-address", "Static_IP", "10*1*2*3#", "10.1.2.3" },
		{ "121#", "netmask", "NetMask", "255*255*252*0#",
		  "255.255.252.0" },
		{ "131#", "gateway", "Gateway", "10*1*0*1#", "10.1.0.1" },
		{ "161#", "primary-dns", "Primary_DNS", "9*9*9*9#",
		  "9.9.9.9" },
	};
	char want[128];
	size_t i;

	menu(self, _metadata);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		self->f.log[0] = '\0';
		snprintf(want, sizeof(want), "%s enter-value", cases[i].what);
		EXPECT_STREQ(want, press(cases[i].code));
		press(cases[i].keys);
		EXPECT_STREQ("option-successful", press("1"));
		snprintf(want, sizeof(want), "set %s=%s;network;",
			 cases[i].param, cases[i].value);
		EXPECT_STREQ(want, self->f.log);
		EXPECT_STREQ(cases[i].value,
			     self->f.values[param_index(&self->f,
							cases[i].param)]);
	}
}

TEST_F(ivr, leading_zeros_are_dropped)
{
	menu(self, _metadata);
	press("111#");
	EXPECT_STREQ("digit-1 digit-0 dot digit-1 dot digit-0 dot digit-9 "
		     "review-options", press("010*001*000*009#"));
	press("1");
	EXPECT_STREQ("10.1.0.9", self->f.values[1]);
}

TEST_F(ivr, an_invalid_address_is_said_and_asked_again)
{
	static const char *const bad[] = {
		"#", "192#", "192*168*1#", "192*168*1*10*5#", "256*1*1*1#",
		"1*2*3*1000#", "1234*1*1*1#", "*1*2*3#", "1*2*3*#",
		"0*1*2*3#", "127*0*0*1#", "224*0*0*1#", "255*255*255*255#",
	};
	size_t i;

	menu(self, _metadata);
	press("111#");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		EXPECT_SAID("invalid-value ip-address enter-value", bad[i]);
	/* still asking: a good one now goes through */
	EXPECT_STREQ("digit-1 dot digit-2 dot digit-3 dot digit-4 review-options",
		     press("1*2*3*4#"));
	press("1");
	EXPECT_STREQ("set Static_IP=1.2.3.4;network;", self->f.log);
}

TEST_F(ivr, a_netmask_must_be_contiguous)
{
	static const char *const bad[] = {
		"255*0*255*0#", "0*0*0*0#", "255*255*255*1#", "0*255*255*255#",
	};
	size_t i;

	menu(self, _metadata);
	press("121#");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		EXPECT_SAID("invalid-value netmask enter-value", bad[i]);
	EXPECT_STREQ("digit-2 digit-5 digit-5 dot digit-2 digit-5 digit-5 "
		     "dot digit-2 digit-5 digit-5 dot digit-2 digit-5 digit-5 "
		     "review-options", press("255*255*255*255#"));
	EXPECT_STREQ("", self->f.log);
}

TEST_F(ivr, an_entry_too_long_to_keep_is_invalid)
{
	char keys[100];

	memset(keys, '1', sizeof(keys) - 2);
	memcpy(keys, "1*2*3*4", 7);
	keys[sizeof(keys) - 2] = '#';
	keys[sizeof(keys) - 1] = '\0';
	menu(self, _metadata);
	press("111#");
	EXPECT_STREQ("invalid-value ip-address enter-value", press(keys));
}

TEST_F(ivr, two_review_reads_the_value_again)
{
	menu(self, _metadata);
	press("111#192*168*1*10#");
	EXPECT_STREQ(IP_192_168_1_10 " review-options", press("2"));
	EXPECT_STREQ(IP_192_168_1_10 " review-options", press("2"));
	EXPECT_STREQ("", self->f.log);
	EXPECT_STREQ("option-successful", press("1"));
	EXPECT_STREQ("set Static_IP=192.168.1.10;network;", self->f.log);
}

TEST_F(ivr, three_re_enters_the_value)
{
	menu(self, _metadata);
	press("111#192*168*1*10#");
	EXPECT_STREQ("ip-address enter-value", press("3"));
	EXPECT_STREQ("digit-1 digit-0 dot digit-9 dot digit-9 dot digit-9 "
		     "review-options", press("10*9*9*9#"));
	press("1");
	EXPECT_STREQ("set Static_IP=10.9.9.9;network;", self->f.log);
}

TEST_F(ivr, star_cancels_in_the_save_menu)
{
	menu(self, _metadata);
	press("111#192*168*1*10#");
	EXPECT_STREQ("option-cancelled", press("*"));
	EXPECT_STREQ("", self->f.log);
	EXPECT_STREQ("10.0.0.5", self->f.values[1]);
	/* back in the menu: 1 is the start of a code, not a save */
	EXPECT_STREQ("invalid-option", press("1#"));
	EXPECT_STREQ("", self->f.log);
}

TEST_F(ivr, other_keys_in_the_save_menu_ask_again)
{
	menu(self, _metadata);
	press("111#192*168*1*10#");
	EXPECT_STREQ("invalid-option review-options", press("4"));
	EXPECT_STREQ("invalid-option review-options", press("#"));
	EXPECT_STREQ("", self->f.log);
	EXPECT_STREQ("option-successful", press("1"));
}

TEST_F(ivr, two_stars_abandon_an_entry)
{
	menu(self, _metadata);
	press("111#");
	EXPECT_STREQ("option-cancelled", press("192*168**"));
	EXPECT_STREQ("", self->f.log);
	/* back in the menu */
	EXPECT_STREQ("ip-address " IP_192_168_1_10, press("110#"));
	press("111#");
	EXPECT_STREQ("option-cancelled", press("**"));
	EXPECT_STREQ("", self->f.log);
}

/* ---- a choice ---- */

TEST_F(ivr, set_dhcp_off_and_on)
{
	menu(self, _metadata);
	EXPECT_STREQ("dhcp enter-choice", press("101#"));
	EXPECT_STREQ("disabled review-options", press("0#"));
	EXPECT_STREQ("option-successful", press("1"));
	EXPECT_STREQ("set Connection_Type=Static IP;network;", self->f.log);
	EXPECT_STREQ("Static IP", self->f.values[0]);
	self->f.log[0] = '\0';
	press("101#");
	EXPECT_STREQ("enabled review-options", press("1#"));
	press("1");
	EXPECT_STREQ("set Connection_Type=DHCP;network;", self->f.log);
}

TEST_F(ivr, an_invalid_choice_is_said_and_asked_again)
{
	static const char *const bad[] = { "#", "2#", "10#", "01#", "1*#" };
	size_t i;

	menu(self, _metadata);
	press("101#");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		EXPECT_SAID("invalid-value dhcp enter-choice", bad[i]);
	EXPECT_STREQ("", self->f.log);
}

TEST_F(ivr, web_server_on_off_runs_no_network_hook)
{
	menu(self, _metadata);
	EXPECT_STREQ("web-server enter-choice", press("7932#"));
	EXPECT_STREQ("disabled review-options", press("0#"));
	EXPECT_STREQ("option-successful", press("1"));
	EXPECT_STREQ("set Enable_Web_Server=No;", self->f.log);
	EXPECT_STREQ("No", self->f.values[5]);
}

/* ---- failures and the roll-back ---- */

TEST_F(ivr, a_failing_network_hook_rolls_the_set_back)
{
	self->f.network_ret = -EIO;
	self->f.network_fail_once = 1;
	menu(self, _metadata);
	press("111#192*168*1*10#");
	EXPECT_STREQ("option-failed", press("1"));
	EXPECT_STREQ("set Static_IP=192.168.1.10;network;"
		     "set Static_IP=10.0.0.5;network;", self->f.log);
	EXPECT_STREQ("10.0.0.5", self->f.values[1]);
	EXPECT_TRUE(ivr_active(self->ivr));
}

TEST_F(ivr, a_failing_set_runs_no_hook)
{
	self->f.set_ret = -EINVAL;
	menu(self, _metadata);
	press("111#192*168*1*10#");
	EXPECT_STREQ("option-failed", press("1"));
	EXPECT_STREQ("set Static_IP=192.168.1.10;", self->f.log);
	EXPECT_STREQ("10.0.0.5", self->f.values[1]);
}

TEST_F(ivr, no_set_without_the_old_value_to_roll_back_to)
{
	self->f.get_fails = "Static_IP";
	menu(self, _metadata);
	press("111#192*168*1*10#");
	EXPECT_STREQ("option-failed", press("1"));
	EXPECT_STREQ("", self->f.log);
}

/* ---- the IVR password ---- */

TEST_F(ivr, the_password_guards_every_set)
{
	static const char *const guarded[] = {
		"101#", "111#", "121#", "131#", "161#", "7932#", "73738#",
		"732668#",
	};
	size_t i;

	set_param(&self->f, "IVR_Admin_Passwd", "4321");
	menu(self, _metadata);
	for (i = 0; i < sizeof(guarded) / sizeof(guarded[0]); i++) {
		EXPECT_SAID("enter-password", guarded[i]);
		EXPECT_STREQ("invalid-password", press("1234#"));
	}
	EXPECT_STREQ("", self->f.log);
}

TEST_F(ivr, the_right_password_lets_the_set_through)
{
	set_param(&self->f, "IVR_Admin_Passwd", "test#@1234");
	menu(self, _metadata);
	EXPECT_STREQ("enter-password", press("111#"));
	EXPECT_STREQ("ip-address enter-value", press("8378001234#"));
	press("192*168*1*10#");
	EXPECT_STREQ("option-successful", press("1"));
	EXPECT_STREQ("set Static_IP=192.168.1.10;network;", self->f.log);
}

TEST_F(ivr, a_wrong_password_changes_nothing)
{
	static const char *const wrong[] = {
		"#", "837800123#", "83780012345#", "8378001235#", "*#",
	};
	size_t i;

	set_param(&self->f, "IVR_Admin_Passwd", "test#@1234");
	menu(self, _metadata);
	for (i = 0; i < sizeof(wrong) / sizeof(wrong[0]); i++) {
		press("111#");
		EXPECT_SAID("invalid-password", wrong[i]);
		/* back in the menu, not in the entry */
		EXPECT_STREQ("invalid-option", press("1#"));
	}
	EXPECT_STREQ("", self->f.log);
	EXPECT_STREQ("10.0.0.5", self->f.values[1]);
}

TEST_F(ivr, checks_need_no_password)
{
	set_param(&self->f, "IVR_Admin_Passwd", "4321");
	menu(self, _metadata);
	EXPECT_STREQ("ip-address " IP_192_168_1_10, press("110#"));
	EXPECT_STREQ("dhcp enabled", press("100#"));
}

TEST_F(ivr, two_stars_abandon_the_password)
{
	set_param(&self->f, "IVR_Admin_Passwd", "4321");
	menu(self, _metadata);
	press("111#");
	EXPECT_STREQ("option-cancelled", press("43**"));
	EXPECT_STREQ("ip-address " IP_192_168_1_10, press("110#"));
}

TEST_F(ivr, an_unreadable_password_refuses_the_set)
{
	self->f.get_fails = "IVR_Admin_Passwd";
	menu(self, _metadata);
	EXPECT_STREQ("option-failed", press("111#"));
	EXPECT_STREQ("option-failed", press("732668#"));
	EXPECT_STREQ("", self->f.log);
}

/* ---- a key mid-prompt ---- */

TEST_F(ivr, a_key_mid_prompt_interrupts_it_and_counts)
{
	off_hook();
	EXPECT_STREQ("ivr-menu", press_fast("****"));
	EXPECT_STREQ("STOP", press_fast("1"));
	EXPECT_STREQ("ip-address " IP_192_168_1_10, press_fast("10#"));
	/* the next key stops the reading of the address */
	EXPECT_STREQ("STOP", press_fast("1"));
	EXPECT_STREQ("", press_fast("1"));
	EXPECT_STREQ("ip-address enter-value", press_fast("1#"));
	EXPECT_STREQ("STOP invalid-value ip-address enter-value",
		     press_fast("#"));
}

TEST_F(ivr, no_stop_once_the_prompt_has_played)
{
	menu(self, _metadata);
	EXPECT_STREQ("", press_fast("1"));
}

/* ---- factory reset and reboot ---- */

TEST_F(ivr, factory_reset_confirmed)
{
	menu(self, _metadata);
	EXPECT_STREQ("factory-reset please-confirm", press("73738#"));
	EXPECT_STREQ("", self->f.log);
	EXPECT_STREQ("option-successful", press("1"));
	EXPECT_STREQ("factory_reset;", self->f.log);
}

TEST_F(ivr, factory_reset_cancelled)
{
	menu(self, _metadata);
	press("73738#");
	EXPECT_STREQ("invalid-option please-confirm", press("2"));
	EXPECT_STREQ("invalid-option please-confirm", press("#"));
	EXPECT_STREQ("option-cancelled", press("*"));
	EXPECT_STREQ("", self->f.log);
	/* back in the menu: 1 starts a code */
	EXPECT_STREQ("invalid-option", press("1#"));
	EXPECT_STREQ("", self->f.log);
}

TEST_F(ivr, factory_reset_abandoned_on_hook)
{
	menu(self, _metadata);
	press("73738#");
	on_hook();
	off_hook();
	EXPECT_STREQ("", press("1"));
	EXPECT_STREQ("", self->f.log);
}

TEST_F(ivr, a_failing_factory_reset_is_option_failed)
{
	self->f.reset_ret = -EIO;
	menu(self, _metadata);
	press("73738#");
	EXPECT_STREQ("option-failed", press("1"));
	EXPECT_STREQ("factory_reset;", self->f.log);
}

TEST_F(ivr, reboot_runs_at_once)
{
	menu(self, _metadata);
	EXPECT_STREQ("option-successful", press("732668#"));
	EXPECT_STREQ("reboot;", self->f.log);
}

TEST_F(ivr, a_failing_reboot_is_option_failed)
{
	self->f.reboot_ret = -EPERM;
	menu(self, _metadata);
	EXPECT_STREQ("option-failed", press("732668#"));
	EXPECT_STREQ("reboot;", self->f.log);
	EXPECT_TRUE(ivr_active(self->ivr));
}

/* ---- bad input to the engine ---- */

TEST_F(ivr, an_unknown_key_or_event_is_refused)
{
	static const char bad_keys[] = { 'A', 'D', 'a', ' ', '\0', 'p' };
	struct ivr_event ev = { .type = IVR_EV_KEY, .now_ms = T0 };
	struct ivr_action out;
	size_t i;

	menu(self, _metadata);
	press("11");
	for (i = 0; i < sizeof(bad_keys); i++) {
		ev.key = bad_keys[i];
		memset(&out, 0x55, sizeof(out));
		EXPECT_EQ(-EINVAL, ivr_handle(self->ivr, &ev, &out));
		EXPECT_FALSE(out.stop);
		EXPECT_EQ(0, out.n_play);
	}
	ev.type = (enum ivr_event_type)99;
	EXPECT_EQ(-EINVAL, ivr_handle(self->ivr, &ev, &out));
	/* the code typed so far is intact */
	EXPECT_STREQ("ip-address " IP_192_168_1_10, press("0#"));
}

TEST(ivr_new_refuses_missing_callbacks)
{
	struct ivr_ops ops = fake_ops;

	errno = 0;
	EXPECT_EQ(NULL, ivr_new(NULL, NULL, TIMEOUT));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(NULL, ivr_new(&fake_ops, NULL, 0));
	ops.network = NULL;
	EXPECT_EQ(NULL, ivr_new(&ops, NULL, TIMEOUT));
	ops = fake_ops;
	ops.get = NULL;
	EXPECT_EQ(NULL, ivr_new(&ops, NULL, TIMEOUT));
}

TEST_HARNESS_MAIN
