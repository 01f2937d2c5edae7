// SPDX-License-Identifier: GPL-2.0
/* test_handset.c: the handset IVR over a line: the keys typed at the
 * kernel's end of a socketpair (the line adopts the other), the PCM fxsd
 * writes compared sample-exact with the clips the test made (each name
 * its own samples), the store, the state file and the hooks it runs
 * checked after. Real lines are in the VM tests. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <linux/fxs.h>

static FILE *harness_err;
#define TH_LOG_STREAM (harness_err ? harness_err : stderr)
#include "kselftest_harness.h"
#include "handset.h"
#include "identity.h"
#include "ivr_prompt.h"
#include "line.h"
#include "loop.h"
#include "provision.h"
#include "store.h"
#include "util.h"

/* the menu clip is longer than the line's queue: it goes in pieces */
#define MENU_SAMPLES (5 * 8000)
#define GOT_MAX (2 * MENU_SAMPLES * 2 + 65536)

static uint64_t fake_now;

static uint64_t fake_clock(void)
{
	return fake_now;
}

/* clip id's samples: its length and values are its own */
static size_t clip_make(enum ivr_prompt_id id, int16_t *pcm, size_t max)
{
	size_t n = id == IVR_P_MENU ? MENU_SAMPLES : 2 + (size_t)id % 5, k;

	for (k = 0; k < n && k < max; k++)
		pcm[k] = (int16_t)(1000 + (int)id * 97 + (int)k);
	return n;
}

static int clip_write(const char *dir, enum ivr_prompt_id id)
{
	static int16_t pcm[MENU_SAMPLES];
	char path[512];
	size_t n = clip_make(id, pcm, MENU_SAMPLES);
	FILE *f;

	snprintf(path, sizeof(path), "%s/prompts/%s.s16", dir,
		 ivr_prompt_name(id));
	f = fopen(path, "wb");
	if (!f)
		return -errno;
	if (fwrite(pcm, 2, n, f) != n) {
		fclose(f);
		return -EIO;
	}
	return fclose(f) ? -errno : 0;
}

FIXTURE(handset) {
	char dir[UTIL_DIR_MAX];
	char state[UTIL_DIR_MAX + 16];
	char prompts[UTIL_DIR_MAX + 16];
	char net_hook[UTIL_DIR_MAX + 16];
	char boot_hook[UTIL_DIR_MAX + 16];
	char log_path[64];
	struct identity id;
	struct provision pv;
	struct handset_config cfg;
	struct loop *loop;
	struct handsets *hs;
	struct line *ln;
	int peer;
	char *got;
	size_t n_got;
	uint32_t seqno;
};

/* a hook that writes its argv[1] and FXS_* environment to NAME.out and
 * exits with the number in NAME.rc (0 when there is none) */
static int hook_write(const char *dir, const char *name, char *path,
		      size_t len)
{
	char text[512];

	snprintf(path, len, "%s/%s", dir, name);
	snprintf(text, sizeof(text),
		 "#!/bin/sh\n{ echo \"$1\"; env | grep '^FXS_' | sort; } > %s/%s.out\n"
		 "[ -f %s/%s.rc ] && exit $(cat %s/%s.rc)\nexit 0\n",
		 dir, name, dir, name, dir, name);
	if (util_put_file(dir, name, text))
		return -EIO;
	return chmod(path, 0755) ? -errno : 0;
}

static int handset_start(struct _test_data_handset *self)
{
	int sv[2], small = 4096, ret;

	ret = handsets_new(self->loop, &self->cfg, &self->hs);
	if (ret)
		return ret;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0,
		       sv))
		return -errno;
	self->peer = sv[1];
	setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &small, sizeof(small));
	return line_adopt(self->loop, sv[0], "fxs9", handsets_line_ops(),
			  self->hs, &self->ln);
}

FIXTURE_SETUP(handset)
{
	enum ivr_prompt_id i;

	self->peer = -1;
	self->got = malloc(GOT_MAX);
	ASSERT_NE(NULL, self->got);
	snprintf(self->log_path, sizeof(self->log_path),
		 "/tmp/test_handset.%d.log", getpid());
	ASSERT_EQ(0, util_log_to_file(self->log_path, "test_handset",
				      &harness_err));
	ASSERT_EQ(0, util_tmpdir(self->dir, "test_handset"));
	snprintf(self->state, sizeof(self->state), "%s/state.xml", self->dir);
	snprintf(self->prompts, sizeof(self->prompts), "%s/prompts",
		 self->dir);
	ASSERT_EQ(0, mkdir(self->prompts, 0755));
	for (i = 0; i < IVR_P_COUNT; i++)
		ASSERT_EQ(0, clip_write(self->dir, i));
	ASSERT_EQ(0, hook_write(self->dir, "net", self->net_hook,
				sizeof(self->net_hook)));
	ASSERT_EQ(0, hook_write(self->dir, "boot", self->boot_hook,
				sizeof(self->boot_hook)));
	ASSERT_EQ(0, util_put_file(self->dir, "resolv.conf",
				   "# test\nsearch example.org\nnameserver fe80::1\nnameserver 192.0.2.53\nnameserver 192.0.2.54\n"));
	ASSERT_EQ(0, util_store_new(self->dir, &self->pv.st));
	self->pv.state_path = self->state;
	memset(&self->id, 0, sizeof(self->id));
	ASSERT_EQ(0, identity_set_mac(&self->id, "02:1a:b0:c9:4d:e8"));
	strcpy(self->id.swver, "1.4-b3");
	fake_now = 1000;
	self->cfg = (struct handset_config){
		.pv = &self->pv, .id = &self->id, .prompts = self->prompts,
		.iface = "lo", .network_hook = self->net_hook,
		.reboot_hook = self->boot_hook, .timeout_ms = 60000,
		.hook_timeout_ms = 10000, .now_ms = fake_clock,
	};
	static char resolv[UTIL_DIR_MAX + 16];
	snprintf(resolv, sizeof(resolv), "%s/resolv.conf", self->dir);
	self->cfg.resolv_conf = resolv;
	ASSERT_EQ(0, loop_new(&self->loop));
}

FIXTURE_TEARDOWN(handset)
{
	line_close(self->ln);
	handsets_free(self->hs);
	if (self->peer >= 0)
		close(self->peer);
	loop_free(self->loop);
	store_close(self->pv.st);
	util_rmtree(self->dir);
	unlink(self->log_path);
	free(self->got);
}

/* what the line wrote is read at the kernel's end until nothing more
 * comes: the line writes as the socket takes it, the IVR feeds it */
static void pump(struct _test_data_handset *self)
{
	int idle = 0;

	while (idle < 3) {
		ssize_t n;

		line_dispatch(self->ln, EPOLLOUT);
		n = read(self->peer, self->got + self->n_got,
			 GOT_MAX - self->n_got);
		if (n > 0) {
			self->n_got += (size_t)n;
			idle = 0;
			continue;
		}
		if (self->hs)
			handsets_tick(self->hs);
		idle++;
	}
}

static void kernel_event(struct _test_data_handset *self, uint32_t type,
			 uint32_t value)
{
	struct fxs_event ev = { .seqno = ++self->seqno, .type = type,
				.value = value };

	if (write(self->peer, &ev, sizeof(ev)) != (ssize_t)sizeof(ev))
		abort();
	line_dispatch(self->ln, EPOLLIN);
	pump(self);
}

/* the kernel played all it was given */
static void drained(struct _test_data_handset *self)
{
	kernel_event(self, FXS_EVENT_PLAYBACK_DONE, FXS_PLAYBACK_DRAINED);
}

static void keys(struct _test_data_handset *self, const char *k)
{
	for (; *k; k++)
		kernel_event(self, FXS_EVENT_DTMF, (unsigned char)*k);
}

/* off-hook and "****": the menu, played and drained; what came cleared */
static void menu(struct _test_data_handset *self)
{
	kernel_event(self, FXS_EVENT_OFFHOOK, 0);
	keys(self, "****");
	drained(self);
	self->n_got = 0;
}

/* whether what came is exactly the clips named, space-separated */
static int heard(struct _test_data_handset *self, const char *names)
{
	static int16_t want[GOT_MAX / 2];
	char buf[2048], *name, *save = NULL;
	size_t n = 0;
	int ok;

	snprintf(buf, sizeof(buf), "%s", names);
	for (name = strtok_r(buf, " ", &save); name;
	     name = strtok_r(NULL, " ", &save)) {
		enum ivr_prompt_id id = ivr_prompt_find(name);

		if (id == IVR_P_COUNT)
			return 0;
		n += clip_make(id, want + n, GOT_MAX / 2 - n);
	}
	ok = self->n_got == n * 2 && !memcmp(self->got, want, n * 2);
	if (!ok)
		fprintf(TH_LOG_STREAM, "# heard %zu bytes, wanted %zu (%s)\n",
			self->n_got, n * 2, names);
	self->n_got = 0;
	return ok;
}

static int stored(struct _test_data_handset *self, const char *name,
		  const char *want)
{
	char v[256];

	if (store_get(self->pv.st, name, v, sizeof(v)))
		return 0;
	if (strcmp(v, want))
		fprintf(TH_LOG_STREAM, "# %s is '%s', wanted '%s'\n", name, v,
			want);
	return !strcmp(v, want);
}

TEST_F(handset, reads_the_ip_address_of_the_interface)
{
	ASSERT_EQ(0, handset_start(self));
	kernel_event(self, FXS_EVENT_OFFHOOK, 0);
	keys(self, "****");
	/* the long menu clip comes whole, in pieces */
	EXPECT_TRUE(heard(self, "ivr-menu"));
	drained(self);
	keys(self, "110#");
	EXPECT_TRUE(heard(self, "ip-address digit-1 digit-2 digit-7 dot digit-0 dot digit-0 dot digit-1"));
	EXPECT_EQ(1, handsets_count(self->hs));
}

TEST_F(handset, reads_netmask_mac_firmware_dns_and_port)
{
	ASSERT_EQ(0, handset_start(self));
	menu(self);
	keys(self, "120#");
	EXPECT_TRUE(heard(self, "netmask digit-2 digit-5 digit-5 dot digit-0 dot digit-0 dot digit-0"));
	drained(self);
	keys(self, "140#");
	EXPECT_TRUE(heard(self, "mac-address digit-0 digit-2 digit-1 letter-a letter-b digit-0 letter-c digit-9 digit-4 letter-d letter-e digit-8"));
	drained(self);
	keys(self, "150#");
	EXPECT_TRUE(heard(self, "firmware-version digit-1 dot digit-4 dash letter-b digit-3"));
	drained(self);
	keys(self, "160#");
	EXPECT_TRUE(heard(self, "primary-dns digit-1 digit-9 digit-2 dot digit-0 dot digit-2 dot digit-5 digit-3"));
	drained(self);
	keys(self, "170#");
	EXPECT_TRUE(heard(self, "web-server-port digit-8 digit-0"));
}

TEST_F(handset, no_default_route_through_the_interface_is_not_set)
{
	ASSERT_EQ(0, handset_start(self));
	menu(self);
	/* lo carries no default route */
	keys(self, "130#");
	EXPECT_TRUE(heard(self, "gateway not-set"));
}

TEST_F(handset, an_unknown_code_is_an_invalid_option)
{
	ASSERT_EQ(0, handset_start(self));
	menu(self);
	keys(self, "119#");
	EXPECT_TRUE(heard(self, "invalid-option"));
	drained(self);
	/* the menu still takes codes */
	keys(self, "100#");
	EXPECT_TRUE(heard(self, "dhcp enabled"));
}

TEST_F(handset, no_interface_is_option_failed)
{
	self->cfg.iface = "no-such-if0";
	ASSERT_EQ(0, handset_start(self));
	menu(self);
	keys(self, "110#");
	EXPECT_TRUE(heard(self, "option-failed"));
}

TEST_F(handset, a_missing_clip_is_skipped)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/dot.s16", self->prompts);
	ASSERT_EQ(0, unlink(path));
	ASSERT_EQ(0, handset_start(self));
	menu(self);
	keys(self, "110#");
	EXPECT_TRUE(heard(self, "ip-address digit-1 digit-2 digit-7 digit-0 digit-0 digit-1"));
	/* logged once, however often it is asked for */
	drained(self);
	keys(self, "110#");
	EXPECT_TRUE(heard(self, "ip-address digit-1 digit-2 digit-7 digit-0 digit-0 digit-1"));
	EXPECT_EQ(1, util_count_lines(self->log_path, "dot.s16"));
}

TEST_F(handset, set_and_save_the_static_ip_runs_the_network_hook)
{
	char out[2048], *state;

	ASSERT_EQ(0, handset_start(self));
	menu(self);
	keys(self, "111#");
	EXPECT_TRUE(heard(self, "ip-address enter-value"));
	keys(self, "10*0*0*5#");
	EXPECT_TRUE(heard(self, "digit-1 digit-0 dot digit-0 dot digit-0 dot digit-5 review-options"));
	EXPECT_TRUE(stored(self, "Static_IP", ""));
	keys(self, "1");
	EXPECT_TRUE(heard(self, "option-successful"));
	EXPECT_TRUE(stored(self, "Static_IP", "10.0.0.5"));
	ASSERT_EQ(0, util_slurp(self->dir, "net.out", out, sizeof(out)));
	EXPECT_STREQ("network\nFXS_CONNECTION_TYPE=DHCP\nFXS_ENABLE_WEB_SERVER=Yes\n"
		     "FXS_GATEWAY=\nFXS_IFACE=lo\nFXS_NETMASK=\nFXS_PRIMARY_DNS=\n"
		     "FXS_STATIC_IP=10.0.0.5\n", out);
	/* saved in the state file too */
	state = util_slurp_alloc(self->state, NULL);
	ASSERT_NE(NULL, state);
	EXPECT_NE(NULL, strstr(state, "10.0.0.5"));
	free(state);
}

TEST_F(handset, a_failing_network_hook_rolls_the_set_back)
{
	char out[2048], *state;

	ASSERT_EQ(0, util_put_file(self->dir, "net.rc", "3"));
	ASSERT_EQ(0, handset_start(self));
	menu(self);
	keys(self, "101#0#");
	EXPECT_TRUE(heard(self, "dhcp enter-choice disabled review-options"));
	keys(self, "1");
	EXPECT_TRUE(heard(self, "option-failed"));
	EXPECT_TRUE(stored(self, "Connection_Type", "DHCP"));
	/* the state file holds the old value again */
	state = util_slurp_alloc(self->state, NULL);
	ASSERT_NE(NULL, state);
	EXPECT_EQ(NULL, strstr(state, "Static IP"));
	free(state);
	/* the hook ran again with the old value */
	ASSERT_EQ(0, util_slurp(self->dir, "net.out", out, sizeof(out)));
	EXPECT_NE(NULL, strstr(out, "FXS_CONNECTION_TYPE=DHCP\n"));
	EXPECT_EQ(2, util_count_lines(self->log_path, "exit 3"));
}

TEST_F(handset, a_hook_that_hangs_is_killed)
{
	char text[256];

	snprintf(text, sizeof(text), "#!/bin/sh\nexec sleep 100\n");
	ASSERT_EQ(0, util_put_file(self->dir, "boot", text));
	self->cfg.hook_timeout_ms = 1;
	ASSERT_EQ(0, handset_start(self));
	menu(self);
	keys(self, "732668#");
	EXPECT_TRUE(heard(self, "option-failed"));
	EXPECT_EQ(1, util_count_lines(self->log_path, "killed after its time limit"));
}

TEST_F(handset, the_password_guards_the_sets)
{
	char err[256];
	const char *pw[] = { "IVR_Admin_Passwd=4321" };

	ASSERT_EQ(0, provision_assign(&self->pv, pw, 1, err, sizeof(err)));
	ASSERT_EQ(0, handset_start(self));
	menu(self);
	keys(self, "111#");
	EXPECT_TRUE(heard(self, "enter-password"));
	keys(self, "1234#");
	EXPECT_TRUE(heard(self, "invalid-password"));
	drained(self);
	keys(self, "111#4321#");
	EXPECT_TRUE(heard(self, "enter-password ip-address enter-value"));
	keys(self, "10*0*0*7#1");
	EXPECT_TRUE(heard(self, "digit-1 digit-0 dot digit-0 dot digit-0 dot digit-7 review-options option-successful"));
	EXPECT_TRUE(stored(self, "Static_IP", "10.0.0.7"));
}

TEST_F(handset, a_key_mid_prompt_stops_it)
{
	ASSERT_EQ(0, handset_start(self));
	kernel_event(self, FXS_EVENT_OFFHOOK, 0);
	keys(self, "***");
	/* the 4th star: the menu starts; the line takes only part of it */
	{
		struct fxs_event ev = { .seqno = ++self->seqno,
					.type = FXS_EVENT_DTMF, .value = '*' };

		ASSERT_EQ(sizeof(ev), write(self->peer, &ev, sizeof(ev)));
		line_dispatch(self->ln, EPOLLIN);
	}
	EXPECT_GT(line_play_queued(self->ln), 0);
	keys(self, "1");
	EXPECT_EQ(0, line_play_queued(self->ln));
	/* no piece of the menu followed the key */
	EXPECT_LT(self->n_got, MENU_SAMPLES * 2);
	self->n_got = 0;
	keys(self, "50#");
	EXPECT_TRUE(heard(self, "firmware-version digit-1 dot digit-4 dash letter-b digit-3"));
}

TEST_F(handset, on_hook_mid_entry_saves_nothing)
{
	char out[256];

	ASSERT_EQ(0, handset_start(self));
	menu(self);
	keys(self, "111#10*0*0*5#");
	EXPECT_TRUE(heard(self, "ip-address enter-value digit-1 digit-0 dot digit-0 dot digit-0 dot digit-5 review-options"));
	kernel_event(self, FXS_EVENT_ONHOOK, 800);
	kernel_event(self, FXS_EVENT_OFFHOOK, 0);
	keys(self, "1");
	EXPECT_EQ(0, self->n_got);
	EXPECT_TRUE(stored(self, "Static_IP", ""));
	EXPECT_NE(0, access(self->state, F_OK));
	EXPECT_NE(0, util_slurp(self->dir, "net.out", out, sizeof(out)));
}

TEST_F(handset, silence_ends_the_menu)
{
	self->cfg.timeout_ms = 5000;
	ASSERT_EQ(0, handset_start(self));
	menu(self);
	fake_now += 4999;
	handsets_tick(self->hs);
	pump(self);
	EXPECT_EQ(0, self->n_got);
	fake_now += 1;
	handsets_tick(self->hs);
	pump(self);
	EXPECT_TRUE(heard(self, "goodbye"));
	drained(self);
	/* the menu is closed: a code is not taken */
	keys(self, "110#");
	EXPECT_EQ(0, self->n_got);
}

TEST_F(handset, factory_reset_empties_store_and_state)
{
	char err[256], out[256];
	const char *set[] = { "Static_IP=10.1.2.3", "Web_Server_Port=8080" };

	ASSERT_EQ(0, provision_assign(&self->pv, set, 2, err, sizeof(err)));
	ASSERT_EQ(0, access(self->state, F_OK));
	ASSERT_EQ(0, handset_start(self));
	menu(self);
	keys(self, "73738#");
	EXPECT_TRUE(heard(self, "factory-reset please-confirm"));
	EXPECT_TRUE(stored(self, "Static_IP", "10.1.2.3"));
	keys(self, "1");
	EXPECT_TRUE(heard(self, "option-successful"));
	EXPECT_TRUE(stored(self, "Static_IP", ""));
	EXPECT_TRUE(stored(self, "Web_Server_Port", "80"));
	EXPECT_NE(0, access(self->state, F_OK));
	ASSERT_EQ(0, util_slurp(self->dir, "boot.out", out, sizeof(out)));
	EXPECT_STREQ("factory-reset\nFXS_IFACE=lo\n", out);
}

TEST_F(handset, factory_reset_cancelled_keeps_everything)
{
	char err[256];
	const char *set[] = { "Static_IP=10.1.2.3" };

	ASSERT_EQ(0, provision_assign(&self->pv, set, 1, err, sizeof(err)));
	ASSERT_EQ(0, handset_start(self));
	menu(self);
	keys(self, "73738#*");
	EXPECT_TRUE(heard(self, "factory-reset please-confirm option-cancelled"));
	EXPECT_TRUE(stored(self, "Static_IP", "10.1.2.3"));
	EXPECT_EQ(0, access(self->state, F_OK));
	EXPECT_NE(0, util_slurp(self->dir, "boot.out", err, sizeof(err)));
}

TEST_F(handset, reboot_runs_the_reboot_hook)
{
	char out[256];

	ASSERT_EQ(0, handset_start(self));
	menu(self);
	keys(self, "732668#");
	EXPECT_TRUE(heard(self, "option-successful"));
	ASSERT_EQ(0, util_slurp(self->dir, "boot.out", out, sizeof(out)));
	EXPECT_STREQ("reboot\nFXS_IFACE=lo\n", out);
}

TEST_F(handset, no_reboot_hook_is_option_failed)
{
	self->cfg.reboot_hook = NULL;
	ASSERT_EQ(0, handset_start(self));
	menu(self);
	keys(self, "732668#");
	EXPECT_TRUE(heard(self, "option-failed"));
}

TEST_F(handset, factory_reset_without_reboot_hook_is_done_and_kept)
{
	char err[256];
	const char *set[] = { "Static_IP=10.1.2.3", "Web_Server_Port=8080" };

	self->cfg.reboot_hook = NULL;
	ASSERT_EQ(0, provision_assign(&self->pv, set, 2, err, sizeof(err)));
	ASSERT_EQ(0, handset_start(self));
	menu(self);
	keys(self, "73738#");
	EXPECT_TRUE(heard(self, "factory-reset please-confirm"));
	keys(self, "1");
	EXPECT_TRUE(heard(self, "option-successful"));
	EXPECT_TRUE(stored(self, "Static_IP", ""));
	EXPECT_TRUE(stored(self, "Web_Server_Port", "80"));
	EXPECT_NE(0, access(self->state, F_OK));
	EXPECT_NE(0, util_slurp(self->dir, "boot.out", err, sizeof(err)));
}

TEST_F(handset, the_line_vanishing_mid_prompt_ends_its_session)
{
	ASSERT_EQ(0, handset_start(self));
	kernel_event(self, FXS_EVENT_OFFHOOK, 0);
	keys(self, "***");
	{
		struct fxs_event ev = { .seqno = ++self->seqno,
					.type = FXS_EVENT_DTMF, .value = '*' };

		ASSERT_EQ(sizeof(ev), write(self->peer, &ev, sizeof(ev)));
		line_dispatch(self->ln, EPOLLIN);
	}
	EXPECT_GT(line_play_queued(self->ln), 0);
	EXPECT_EQ(1, handsets_count(self->hs));
	close(self->peer);
	self->peer = -1;
	line_dispatch(self->ln, EPOLLIN | EPOLLHUP);
	EXPECT_EQ(0, handsets_count(self->hs));
	/* the timer finds nothing left to feed */
	handsets_tick(self->hs);
	EXPECT_EQ(1, util_count_lines(self->log_path, "gone mid-prompt"));
}

TEST_HARNESS_MAIN
