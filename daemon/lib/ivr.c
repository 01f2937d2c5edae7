// SPDX-License-Identifier: GPL-2.0
/*
 * ivr.c - the handset IVR engine: off hook, "****" opens the menu, a code
 * and '#' picks an option (ivr_code.c), the IVR password guards what
 * changes the device, a value is typed, read back and saved with 1 (2
 * reviews, 3 re-enters, '*' cancels, "**" abandons), and on-hook or a
 * minute of silence ends it all. No I/O: events in, actions out, the
 * rest through struct ivr_ops.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ivr.h"
#include "ivr_code.h"
#include "ivr_entry.h"

/* keys kept of one entry; more make the entry invalid, never cut it */
#define KEYS_MAX 64
/* a value read from the system or a parameter's stored value */
#define VALUE_MAX 256
/* "NAME=VALUE" for a set or its roll-back */
#define ASSIGN_MAX (64 + VALUE_MAX)
/* the stars that open the menu */
#define MENU_STARS 4

/**
 * enum ivr_state - where the line is
 * @ST_ON_HOOK:  hung up
 * @ST_PREFIX:   off hook, counting the stars that open the menu
 * @ST_DIALING:  off hook, another key came first: the keys are not ours
 * @ST_CODE:     in the menu, typing a code
 * @ST_PASSWORD: typing the IVR password for ivr.code
 * @ST_VALUE:    typing ivr.code's value
 * @ST_SAVE:     the value was read back: 1 save, 2 review, 3 re-enter
 * @ST_CONFIRM:  ivr.code waits for 1 (or '*')
 */
enum ivr_state {
	ST_ON_HOOK,
	ST_PREFIX,
	ST_DIALING,
	ST_CODE,
	ST_PASSWORD,
	ST_VALUE,
	ST_SAVE,
	ST_CONFIRM,
};

/**
 * struct ivr - one line's IVR
 * @ops:        the caller's callbacks
 * @arg:        their argument
 * @timeout_ms: the silence that ends the menu
 * @state:      where the line is
 * @stars:      ST_PREFIX: the stars typed so far
 * @playing:    a play action has not finished (a key stops it)
 * @deadline:   when the menu times out, or IVR_WAKE_NEVER
 * @code:       the option in progress (ST_PASSWORD and on)
 * @keys:       the entry being typed (code, password or value)
 * @n_keys:     its length
 * @overflow:   more than KEYS_MAX keys were typed: the entry is invalid
 * @value:      the checked value to save (ST_SAVE)
 * @out:        the action being filled by ivr_handle()
 */
struct ivr {
	const struct ivr_ops *ops;
	void *arg;
	uint64_t timeout_ms;
	enum ivr_state state;
	unsigned int stars;
	bool playing;
	uint64_t deadline;
	const struct ivr_code *code;
	char keys[KEYS_MAX + 1];
	size_t n_keys;
	bool overflow;
	char value[IVR_ENTRY_ADDR_LEN];
	struct ivr_action *out;
};

struct ivr *ivr_new(const struct ivr_ops *ops, void *arg,
		    uint64_t timeout_ms)
{
	struct ivr *ivr;

	if (!ops || !ops->read || !ops->get || !ops->set || !ops->network ||
	    !ops->reboot || !ops->factory_reset || !timeout_ms) {
		errno = EINVAL;
		return NULL;
	}
	ivr = calloc(1, sizeof(*ivr));
	if (!ivr)
		return NULL;
	ivr->ops = ops;
	ivr->arg = arg;
	ivr->timeout_ms = timeout_ms;
	ivr->state = ST_ON_HOOK;
	ivr->deadline = IVR_WAKE_NEVER;
	return ivr;
}

void ivr_free(struct ivr *ivr)
{
	free(ivr);
}

bool ivr_active(const struct ivr *ivr)
{
	return ivr->state >= ST_CODE;
}

uint64_t ivr_wake_ms(const struct ivr *ivr)
{
	return ivr->deadline;
}

/* ---- speaking ---- */

/*
 * Stops the prompt of an earlier action, if one is playing. Clips this
 * action already plays are not stopped: they are what is said now.
 */
static void stop(struct ivr *ivr)
{
	if (!ivr->playing || ivr->out->n_play)
		return;
	ivr->out->stop = true;
	ivr->playing = false;
}

static void say(struct ivr *ivr, enum ivr_prompt_id id)
{
	struct ivr_action *out = ivr->out;

	if (out->n_play == IVR_PLAY_MAX)
		return;
	stop(ivr);
	out->play[out->n_play++] = ivr_prompt_name(id);
	ivr->playing = true;
}

/* TEXT character by character; what has no clip (':') is not spoken */
static void say_text(struct ivr *ivr, const char *text)
{
	enum ivr_prompt_id id;

	for (; *text; text++) {
		id = ivr_prompt_for_char(*text);
		if (id != IVR_P_COUNT)
			say(ivr, id);
	}
}

static void say_onoff(struct ivr *ivr, bool on)
{
	say(ivr, on ? IVR_P_ENABLED : IVR_P_DISABLED);
}

static void say_result(struct ivr *ivr, int ret)
{
	say(ivr, ret ? IVR_P_OPTION_FAILED : IVR_P_OPTION_SUCCESSFUL);
}

/* ---- states ---- */

static void clear_keys(struct ivr *ivr)
{
	ivr->n_keys = 0;
	ivr->keys[0] = '\0';
	ivr->overflow = false;
}

static void go(struct ivr *ivr, enum ivr_state state)
{
	ivr->state = state;
	clear_keys(ivr);
	if (state == ST_CODE)
		ivr->code = NULL;
}

/*
 * The silence is counted from the last key or the end of the last prompt,
 * whichever is later: while a prompt plays there is no deadline, so a long
 * answer is never cut by "goodbye". IVR_EV_PROMPT_DONE starts the count.
 */
static void touch(struct ivr *ivr, uint64_t now_ms)
{
	ivr->deadline = ivr_active(ivr) && !ivr->playing ?
			now_ms + ivr->timeout_ms : IVR_WAKE_NEVER;
}

/* the question an option asks for its value */
static void ask_value(struct ivr *ivr)
{
	say(ivr, ivr->code->what);
	say(ivr, ivr->code->kind == IVR_CODE_CHOICE ? IVR_P_ENTER_CHOICE :
						      IVR_P_ENTER_VALUE);
	go(ivr, ST_VALUE);
}

/* the checked value, then what to do with it */
static void read_back(struct ivr *ivr)
{
	if (ivr->code->kind == IVR_CODE_CHOICE)
		say_onoff(ivr, ivr->value[0] == '1');
	else
		say_text(ivr, ivr->value);
	say(ivr, IVR_P_SAVE_MENU);
}

/* ---- doing ---- */

static int run_hook(struct ivr *ivr, enum ivr_hook hook)
{
	switch (hook) {
	case IVR_HOOK_NETWORK:
		return ivr->ops->network(ivr->arg);
	case IVR_HOOK_REBOOT:
		return ivr->ops->reboot(ivr->arg);
	case IVR_HOOK_FACTORY_RESET:
		return ivr->ops->factory_reset(ivr->arg);
	case IVR_HOOK_NONE:
		break;
	}
	return 0;
}

static int assign(struct ivr *ivr, const char *param, const char *value)
{
	char a[ASSIGN_MAX];
	const char *list[1] = { a };

	if ((size_t)snprintf(a, sizeof(a), "%s=%s", param, value) >= sizeof(a))
		return -ENAMETOOLONG;
	return ivr->ops->set(ivr->arg, list, 1);
}

/*
 * Sets the option's parameter to the value typed, then runs its hook. A
 * failing hook sets the old value back and runs the hook once more, so
 * the device is as it was; either way the set failed. The old value is
 * read first: a set that could not be undone is not made.
 */
static int save(struct ivr *ivr)
{
	const struct ivr_code *c = ivr->code;
	const char *v = ivr->value;
	char old[VALUE_MAX];
	int ret;

	if (c->kind == IVR_CODE_CHOICE)
		v = ivr->value[0] == '1' ? c->on : c->off;
	ret = ivr->ops->get(ivr->arg, c->param, old, sizeof(old));
	if (ret)
		return ret;
	old[sizeof(old) - 1] = '\0';
	ret = assign(ivr, c->param, v);
	if (ret)
		return ret;
	ret = run_hook(ivr, c->hook);
	if (ret && !assign(ivr, c->param, old))
		run_hook(ivr, c->hook);
	return ret;
}

static void do_read(struct ivr *ivr, const struct ivr_code *c)
{
	char buf[VALUE_MAX] = "";
	int ret;

	ret = ivr->ops->read(ivr->arg, c->info, buf, sizeof(buf));
	buf[sizeof(buf) - 1] = '\0';
	if (!ret && c->onoff && strcmp(buf, "1") && strcmp(buf, "0"))
		ret = -EINVAL;
	if (ret) {
		say(ivr, IVR_P_OPTION_FAILED);
		return;
	}
	say(ivr, c->what);
	if (c->onoff)
		say_onoff(ivr, buf[0] == '1');
	else if (!buf[0])
		say(ivr, IVR_P_NOT_SET);
	else
		say_text(ivr, buf);
}

/* the option, its password given (or none set) */
static void start(struct ivr *ivr)
{
	const struct ivr_code *c = ivr->code;

	switch (c->kind) {
	case IVR_CODE_ADDRESS:
	case IVR_CODE_CHOICE:
		ask_value(ivr);
		return;
	case IVR_CODE_CONFIRM:
		say(ivr, c->what);
		say(ivr, IVR_P_PLEASE_CONFIRM);
		go(ivr, ST_CONFIRM);
		return;
	case IVR_CODE_RUN:
		say_result(ivr, run_hook(ivr, c->hook));
		break;
	case IVR_CODE_READ:
		do_read(ivr, c);
		break;
	}
	go(ivr, ST_CODE);
}

/* the option is guarded when an IVR password is set */
static void begin(struct ivr *ivr, const struct ivr_code *c)
{
	char pw[VALUE_MAX] = "";
	bool set;
	int ret;

	ivr->code = c;
	if (!ivr_code_guarded(c)) {
		start(ivr);
		return;
	}
	ret = ivr->ops->get(ivr->arg, "IVR_Admin_Passwd", pw, sizeof(pw));
	set = pw[0] != '\0';
	explicit_bzero(pw, sizeof(pw));
	if (ret) {
		say(ivr, IVR_P_OPTION_FAILED);
		go(ivr, ST_CODE);
		return;
	}
	if (!set) {
		start(ivr);
		return;
	}
	say(ivr, IVR_P_ENTER_PASSWORD);
	go(ivr, ST_PASSWORD);
}

/* ---- the keys of each state ---- */

static void code_done(struct ivr *ivr)
{
	const struct ivr_code *c = NULL;

	if (!ivr->overflow)
		c = ivr_code_find(ivr->keys);
	if (!c) {
		say(ivr, IVR_P_INVALID_OPTION);
		go(ivr, ST_CODE);
		return;
	}
	begin(ivr, c);
}

static void password_done(struct ivr *ivr)
{
	char pw[VALUE_MAX] = "";
	bool ok;

	ok = !ivr->overflow &&
	     !ivr->ops->get(ivr->arg, "IVR_Admin_Passwd", pw, sizeof(pw));
	pw[sizeof(pw) - 1] = '\0';
	ok = ok && ivr_entry_password_ok(ivr->keys, pw);
	explicit_bzero(pw, sizeof(pw));
	if (!ok) {
		say(ivr, IVR_P_INVALID_PASSWORD);
		go(ivr, ST_CODE);
		return;
	}
	start(ivr);
}

/* the value typed, checked: read back, or said invalid and asked again */
static void value_done(struct ivr *ivr)
{
	const struct ivr_code *c = ivr->code;
	int ret = -EINVAL;

	if (ivr->overflow)
		;
	else if (c->kind == IVR_CODE_CHOICE)
		ret = ivr_entry_choice(ivr->keys);
	else
		ret = ivr_entry_address(ivr->keys, c->addr, ivr->value);
	if (ret < 0) {
		say(ivr, IVR_P_INVALID_VALUE);
		ask_value(ivr);
		return;
	}
	if (c->kind == IVR_CODE_CHOICE)
		snprintf(ivr->value, sizeof(ivr->value), "%d", ret);
	read_back(ivr);
	go(ivr, ST_SAVE);
}

/* a key of an entry: kept until '#', "**" abandons the entry */
static void entry_key(struct ivr *ivr, char key)
{
	if (key == '#') {
		if (ivr->state == ST_CODE)
			code_done(ivr);
		else if (ivr->state == ST_PASSWORD)
			password_done(ivr);
		else
			value_done(ivr);
		return;
	}
	if (key == '*' && ivr->n_keys && ivr->keys[ivr->n_keys - 1] == '*') {
		say(ivr, IVR_P_CANCELLED);
		go(ivr, ST_CODE);
		return;
	}
	if (ivr->n_keys == KEYS_MAX) {
		ivr->overflow = true;
		return;
	}
	ivr->keys[ivr->n_keys++] = key;
	ivr->keys[ivr->n_keys] = '\0';
}

static void save_key(struct ivr *ivr, char key)
{
	switch (key) {
	case '1':
		say_result(ivr, save(ivr));
		go(ivr, ST_CODE);
		return;
	case '2':
		read_back(ivr);
		return;
	case '3':
		ask_value(ivr);
		return;
	case '*':
		say(ivr, IVR_P_CANCELLED);
		go(ivr, ST_CODE);
		return;
	}
	say(ivr, IVR_P_INVALID_OPTION);
	say(ivr, IVR_P_SAVE_MENU);
}

static void confirm_key(struct ivr *ivr, char key)
{
	if (key == '1') {
		say_result(ivr, run_hook(ivr, ivr->code->hook));
		go(ivr, ST_CODE);
	} else if (key == '*') {
		say(ivr, IVR_P_CANCELLED);
		go(ivr, ST_CODE);
	} else {
		say(ivr, IVR_P_INVALID_OPTION);
		say(ivr, IVR_P_PLEASE_CONFIRM);
	}
}

/* off hook: "****" first opens the menu, any other key dials */
static void prefix_key(struct ivr *ivr, char key)
{
	if (key != '*') {
		ivr->state = ST_DIALING;
		return;
	}
	if (++ivr->stars < MENU_STARS)
		return;
	go(ivr, ST_CODE);
	say(ivr, IVR_P_MENU);
}

static void key(struct ivr *ivr, char key)
{
	stop(ivr);
	switch (ivr->state) {
	case ST_ON_HOOK:
	case ST_DIALING:
		return;
	case ST_PREFIX:
		prefix_key(ivr, key);
		return;
	case ST_CODE:
	case ST_PASSWORD:
	case ST_VALUE:
		entry_key(ivr, key);
		return;
	case ST_SAVE:
		save_key(ivr, key);
		return;
	case ST_CONFIRM:
		confirm_key(ivr, key);
		return;
	}
}

/* ---- events ---- */

static void leave(struct ivr *ivr, enum ivr_state state)
{
	go(ivr, state);
	ivr->code = NULL;
	ivr->stars = 0;
	memset(ivr->value, 0, sizeof(ivr->value));
}

/* a minute of silence: the menu ends; "****" opens it again */
static void time_out(struct ivr *ivr, uint64_t now_ms)
{
	if (!ivr_active(ivr) || now_ms < ivr->deadline)
		return;
	say(ivr, IVR_P_GOODBYE);
	leave(ivr, ST_PREFIX);
	ivr->deadline = IVR_WAKE_NEVER;
}

static bool known(const struct ivr_event *ev)
{
	switch (ev->type) {
	case IVR_EV_OFF_HOOK:
	case IVR_EV_ON_HOOK:
	case IVR_EV_PROMPT_DONE:
	case IVR_EV_TIME:
		return true;
	case IVR_EV_KEY:
		return (ev->key >= '0' && ev->key <= '9') || ev->key == '*' ||
		       ev->key == '#';
	}
	return false;
}

static void dispatch(struct ivr *ivr, const struct ivr_event *ev)
{
	switch (ev->type) {
	case IVR_EV_OFF_HOOK:
		stop(ivr);
		leave(ivr, ST_PREFIX);
		return;
	case IVR_EV_ON_HOOK:
		stop(ivr);
		leave(ivr, ST_ON_HOOK);
		return;
	case IVR_EV_KEY:
		key(ivr, ev->key);
		return;
	case IVR_EV_PROMPT_DONE:
		ivr->playing = false;
		return;
	case IVR_EV_TIME:
		return;
	}
}

int ivr_handle(struct ivr *ivr, const struct ivr_event *ev,
	       struct ivr_action *out)
{
	bool activity;

	memset(out, 0, sizeof(*out));
	if (!known(ev))
		return -EINVAL;
	/* every event but the clock's and a stale "done" is activity */
	activity = ev->type != IVR_EV_TIME &&
		   (ev->type != IVR_EV_PROMPT_DONE || ivr->playing);
	ivr->out = out;
	/* a hook event ends or starts afresh whatever the clock says */
	if (ev->type != IVR_EV_ON_HOOK && ev->type != IVR_EV_OFF_HOOK)
		time_out(ivr, ev->now_ms);
	dispatch(ivr, ev);
	if (activity)
		touch(ivr, ev->now_ms);
	ivr->out = NULL;
	return 0;
}
