// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of kmod/fxs_hook.c: config checks, debounce, flash,
 * on-hook and glitches on the 10 ms frame clock.
 */
#include <uapi/linux/fxs.h>

#include <stdint.h>

#include "kselftest_harness.h"

#include "fxs_driver.h"
#include "fxs_hook.h"

#define MAX_EVENTS 16

struct event {
	int frame;
	int type;
	u32 value;
};

/**
 * struct trace - a hook driven through a raw waveform
 * @hook: the state machine
 * @config: its timing
 * @frame: frames run so far
 * @nr: events seen
 * @events: the events
 */
struct trace {
	struct fxs_hook hook;
	struct fxs_hook_config config;
	int frame;
	int nr;
	struct event events[MAX_EVENTS];
};

static void trace_init(struct trace *t, bool offhook, u32 debounce_ms,
		       u32 flash_min_ms, u32 flash_max_ms)
{
	memset(t, 0, sizeof(*t));
	t->config.debounce_ms = debounce_ms;
	t->config.flash_min_ms = flash_min_ms;
	t->config.flash_max_ms = flash_max_ms;
	fxs_hook_init(&t->hook, offhook);
}

/* Feed @frames frames of @raw. */
static void feed(struct trace *t, bool raw, int frames)
{
	u32 value;
	int type;

	while (frames--) {
		value = 12345;
		type = fxs_hook_frame(&t->hook, &t->config, raw, &value);
		if (type && t->nr < MAX_EVENTS)
			t->events[t->nr++] = (struct event){ t->frame, type,
							     value };
		t->frame++;
	}
}

static void default_trace(struct trace *t, bool offhook)
{
	trace_init(t, offhook, FXS_HOOK_DEFAULT_DEBOUNCE_MS,
		   FXS_HOOK_DEFAULT_FLASH_MIN_MS,
		   FXS_HOOK_DEFAULT_FLASH_MAX_MS);
}

TEST(config_check)
{
	static const struct fxs_hook_config good[] = {
		{ 20, 100, 900 }, { 0, 1, 2000 }, { 200, 201, 202 },
		{ 0, 10, 20 },
	};
	static const struct fxs_hook_config bad[] = {
		{ 201, 300, 900 }, { 20, 0, 900 }, { 20, 900, 900 },
		{ 20, 901, 900 }, { 20, 100, 2001 }, { 100, 100, 900 },
		{ 150, 100, 900 }, { 0, 0, 0 }, { 20, 100, UINT32_MAX },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(good); i++)
		EXPECT_EQ(0, fxs_hook_config_check(&good[i])) TH_LOG("good %u", i);
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		EXPECT_EQ(-EINVAL, fxs_hook_config_check(&bad[i]))
			TH_LOG("bad %u", i);
}

TEST(offhook_debounced)
{
	struct trace t;

	default_trace(&t, false);
	feed(&t, false, 5);
	feed(&t, true, 10);
	ASSERT_EQ(1, t.nr);
	/* raw change at frame 5 holds 20 ms at frame 7 */
	EXPECT_EQ(7, t.events[0].frame);
	EXPECT_EQ(FXS_EVENT_OFFHOOK, t.events[0].type);
	EXPECT_EQ(0U, t.events[0].value);
	EXPECT_TRUE(t.hook.offhook);
}

TEST(offhook_bounce_ignored)
{
	struct trace t;

	default_trace(&t, false);
	feed(&t, true, 2);
	feed(&t, false, 3);
	feed(&t, true, 1);
	feed(&t, false, 50);
	EXPECT_EQ(0, t.nr);
	EXPECT_FALSE(t.hook.offhook);
}

TEST(onhook_after_flash_max)
{
	struct trace t;

	default_trace(&t, true);
	feed(&t, true, 3);
	feed(&t, false, 200);
	ASSERT_EQ(1, t.nr);
	EXPECT_EQ(FXS_EVENT_ONHOOK, t.events[0].type);
	EXPECT_EQ(900U, t.events[0].value);
	EXPECT_EQ(3 + 90, t.events[0].frame);
	EXPECT_FALSE(t.hook.offhook);
	/* the next off-hook is a plain one */
	feed(&t, true, 5);
	ASSERT_EQ(2, t.nr);
	EXPECT_EQ(FXS_EVENT_OFFHOOK, t.events[1].type);
}

TEST(flash_durations)
{
	static const int onhook_frames[] = { 10, 11, 50, 89 };
	struct trace t;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(onhook_frames); i++) {
		default_trace(&t, true);
		feed(&t, false, onhook_frames[i]);
		feed(&t, true, 50);
		ASSERT_EQ(1, t.nr) TH_LOG("on-hook %d frames", onhook_frames[i]);
		EXPECT_EQ(FXS_EVENT_FLASH, t.events[0].type);
		EXPECT_EQ((u32)onhook_frames[i] * FXS_FRAME_MS, t.events[0].value);
		EXPECT_EQ(onhook_frames[i] + 2, t.events[0].frame);
		EXPECT_TRUE(t.hook.offhook);
	}
}

TEST(flash_max_boundary_is_onhook)
{
	struct trace t;

	default_trace(&t, true);
	feed(&t, false, 90);
	feed(&t, true, 50);
	ASSERT_EQ(2, t.nr);
	EXPECT_EQ(FXS_EVENT_ONHOOK, t.events[0].type);
	EXPECT_EQ(900U, t.events[0].value);
	EXPECT_EQ(FXS_EVENT_OFFHOOK, t.events[1].type);
}

TEST(glitch_below_flash_min)
{
	static const int onhook_frames[] = { 3, 5, 9 };
	struct trace t;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(onhook_frames); i++) {
		default_trace(&t, true);
		feed(&t, false, onhook_frames[i]);
		feed(&t, true, 200);
		EXPECT_EQ(0, t.nr) TH_LOG("on-hook %d frames", onhook_frames[i]);
		EXPECT_TRUE(t.hook.offhook);
	}
	/* shorter than the debounce: not even an on-hook start */
	default_trace(&t, true);
	feed(&t, false, 2);
	feed(&t, true, 200);
	EXPECT_EQ(0, t.nr);
}

TEST(offhook_bounce_inside_onhook)
{
	struct trace t;

	default_trace(&t, true);
	feed(&t, false, 30);
	feed(&t, true, 1);	/* too short to count */
	feed(&t, false, 30);
	feed(&t, true, 10);
	ASSERT_EQ(1, t.nr);
	EXPECT_EQ(FXS_EVENT_FLASH, t.events[0].type);
	EXPECT_EQ(610U, t.events[0].value);
}

TEST(no_debounce)
{
	struct trace t;

	trace_init(&t, false, 0, 100, 900);
	feed(&t, true, 1);
	ASSERT_EQ(1, t.nr);
	EXPECT_EQ(0, t.events[0].frame);
	EXPECT_EQ(FXS_EVENT_OFFHOOK, t.events[0].type);
	feed(&t, false, 20);
	feed(&t, true, 1);
	ASSERT_EQ(2, t.nr);
	EXPECT_EQ(FXS_EVENT_FLASH, t.events[1].type);
	EXPECT_EQ(200U, t.events[1].value);
}

TEST(long_debounce_rounds_up)
{
	struct trace t;

	trace_init(&t, false, 25, 100, 900);
	feed(&t, true, 10);
	ASSERT_EQ(1, t.nr);
	/* 25 ms rounds up to 3 frames after the change */
	EXPECT_EQ(3, t.events[0].frame);
}

TEST(steady_states_quiet)
{
	struct trace t;

	default_trace(&t, true);
	feed(&t, true, 10000);
	default_trace(&t, false);
	feed(&t, false, 10000);
	EXPECT_EQ(0, t.nr);
}

TEST_HARNESS_MAIN
