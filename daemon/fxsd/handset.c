// SPDX-License-Identifier: GPL-2.0
/*
 * handset.c: the handset IVR on every line: an engine per line, created
 * at the line's first event and freed when it goes; its actions carried
 * out (prompt clips, cached once read, queued through line_play in pieces
 * as the queue has room), its system reads, sets and hooks answered.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>
#include <linux/fxs.h>

#include "fileio.h"
#include "handset.h"
#include "handset_ops.h"
#include "hook_run.h"
#include "identity.h"
#include "ivr.h"
#include "loop.h"
#include "netinfo.h"
#include "provision.h"
#include "store.h"

/* the longest clip read (a minute) */
#define CLIP_MAX (60 * 8000 * 2)
/* how often a clip too long for the line's queue is fed more */
#define FEED_TICK_MS 250

enum clip_state { CLIP_UNREAD, CLIP_LOADED, CLIP_MISSING };

struct clip {
	enum clip_state state;
	char *pcm;
	size_t len;
};

/**
 * struct session - one line's IVR
 * @queue: the clips of the play actions not yet all handed to the line;
 *         @head the next, @off the bytes of it already handed
 * @playing: clips were played and their end is not yet told the engine
 */
struct session {
	struct handsets *hs;
	struct line *ln;
	struct ivr *ivr;
	const struct clip *queue[IVR_PLAY_MAX];
	size_t n_queue, head, off;
	bool playing;
	struct session *next;
};

struct handsets {
	struct loop *loop;
	struct handset_config cfg;
	struct ivr_ops ops;
	struct loop_timer *timer;
	struct clip clips[IVR_P_COUNT];
	struct session *sessions;
};

static uint64_t real_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static uint64_t now_ms(const struct handsets *hs)
{
	return hs->cfg.now_ms ? hs->cfg.now_ms() : real_now_ms();
}

/* ---- clips ---- */

static void clip_read(struct handsets *hs, enum ivr_prompt_id id,
		      struct clip *c)
{
	char path[4096];
	int ret = -ENAMETOOLONG;

	c->state = CLIP_MISSING;
	if (snprintf(path, sizeof(path), "%s/%s.s16", hs->cfg.prompts,
		     ivr_prompt_name(id)) < (int)sizeof(path))
		ret = fileio_read_file(AT_FDCWD, path, CLIP_MAX, &c->pcm,
				       &c->len);
	if (ret) {
		syslog(LOG_WARNING, "ivr: prompt %s: %s; skipped", path,
		       strerror(-ret));
		return;
	}
	c->len &= ~(size_t)1;
	c->state = CLIP_LOADED;
}

/* clip NAME, read the first time it is asked for; NULL when missing */
static const struct clip *clip_get(struct handsets *hs, const char *name)
{
	enum ivr_prompt_id id = ivr_prompt_find(name);
	struct clip *c;

	if (id == IVR_P_COUNT)
		return NULL;
	c = &hs->clips[id];
	if (c->state == CLIP_UNREAD)
		clip_read(hs, id, c);
	return c->state == CLIP_LOADED && c->len ? c : NULL;
}

/* ---- playing ---- */

static void queue_drop(struct session *s)
{
	s->n_queue = 0;
	s->head = 0;
	s->off = 0;
}

/* hands the line as much of the queued clips as its queue takes */
static void feed(struct session *s)
{
	while (s->head < s->n_queue) {
		const struct clip *c = s->queue[s->head];
		size_t room = LINE_PLAY_MAX - line_play_queued(s->ln);
		size_t n = c->len - s->off;
		int ret;

		if (n > room)
			n = room & ~(size_t)1;
		if (!n)
			return;
		ret = line_play(s->ln, c->pcm + s->off, n);
		if (ret) {
			syslog(LOG_WARNING, "ivr: line %s: playing: %s",
			       line_name(s->ln), strerror(-ret));
			queue_drop(s);
			return;
		}
		s->off += n;
		if (s->off == c->len) {
			s->head++;
			s->off = 0;
		}
	}
}

/* the clips left in the queue move to its front, then names are added */
static void queue_add(struct session *s, const struct ivr_action *act)
{
	size_t i, left = s->n_queue - s->head;

	memmove(s->queue, s->queue + s->head, left * sizeof(s->queue[0]));
	s->n_queue = left;
	s->head = 0;
	for (i = 0; i < act->n_play && s->n_queue < IVR_PLAY_MAX; i++) {
		const struct clip *c = clip_get(s->hs, act->play[i]);

		if (c)
			s->queue[s->n_queue++] = c;
	}
}

static bool all_played(const struct session *s)
{
	return s->head == s->n_queue && !line_play_queued(s->ln);
}

/* ---- the engine ---- */

static void rearm(struct handsets *hs);
static void run_event(struct session *s, enum ivr_event_type type, char key);

static void carry_out(struct session *s, const struct ivr_action *act)
{
	if (act->stop) {
		line_play_stop(s->ln);
		queue_drop(s);
		s->playing = false;
	}
	if (!act->n_play)
		return;
	queue_add(s, act);
	s->playing = true;
	feed(s);
	/* nothing went out (every clip missing): nothing will drain */
	if (!s->n_queue && !line_play_queued(s->ln)) {
		s->playing = false;
		run_event(s, IVR_EV_PROMPT_DONE, 0);
	}
}

static void run_event(struct session *s, enum ivr_event_type type, char key)
{
	struct ivr_event ev = { .type = type, .key = key,
				.now_ms = now_ms(s->hs) };
	struct ivr_action act;

	if (ivr_handle(s->ivr, &ev, &act))
		return;
	carry_out(s, &act);
}

static struct session *session_of(struct handsets *hs, struct line *ln)
{
	struct session *s;

	for (s = hs->sessions; s; s = s->next)
		if (s->ln == ln)
			return s;
	s = calloc(1, sizeof(*s));
	if (s)
		s->ivr = ivr_new(&hs->ops, &hs->cfg, hs->cfg.timeout_ms);
	if (!s || !s->ivr) {
		syslog(LOG_ERR, "ivr: line %s: out of memory", line_name(ln));
		free(s);
		return NULL;
	}
	s->hs = hs;
	s->ln = ln;
	s->next = hs->sessions;
	hs->sessions = s;
	if (line_offhook(ln) == 1)
		run_event(s, IVR_EV_OFF_HOOK, 0);
	return s;
}

static void session_free(struct handsets *hs, struct session *s)
{
	struct session **p;

	for (p = &hs->sessions; *p; p = &(*p)->next)
		if (*p == s) {
			*p = s->next;
			break;
		}
	ivr_free(s->ivr);
	free(s);
}

/* ---- the line's events ---- */

static void line_event(void *arg, struct line *ln, enum ivr_event_type type,
		       char key)
{
	struct handsets *hs = arg;
	struct session *s = session_of(hs, ln);

	if (!s)
		return;
	run_event(s, type, key);
	rearm(hs);
}

static void on_offhook(void *arg, struct line *ln)
{
	struct handsets *hs = arg;
	struct session *s;

	for (s = hs->sessions; s && s->ln != ln; s = s->next)
		;
	/* a new session starts off-hook by itself */
	if (!s && session_of(hs, ln)) {
		rearm(hs);
		return;
	}
	line_event(arg, ln, IVR_EV_OFF_HOOK, 0);
}

static void on_onhook(void *arg, struct line *ln)
{
	line_event(arg, ln, IVR_EV_ON_HOOK, 0);
}

static void on_digit(void *arg, struct line *ln, char digit)
{
	/* A-D are no IVR keys */
	if (digit >= 'A' && digit <= 'D')
		return;
	line_event(arg, ln, IVR_EV_KEY, digit);
}

static void on_playback_done(void *arg, struct line *ln, unsigned int reason)
{
	struct handsets *hs = arg;
	struct session *s = session_of(hs, ln);

	/* a flush is a stop the engine asked for: no "done" is due */
	if (!s || reason != FXS_PLAYBACK_DRAINED || !s->playing)
		return;
	feed(s);
	if (all_played(s)) {
		s->playing = false;
		run_event(s, IVR_EV_PROMPT_DONE, 0);
	}
	rearm(hs);
}

static void on_gone(void *arg, struct line *ln)
{
	struct handsets *hs = arg;
	struct session *s;

	for (s = hs->sessions; s; s = s->next)
		if (s->ln == ln) {
			if (s->n_queue || s->playing)
				syslog(LOG_NOTICE,
				       "ivr: line %s gone mid-prompt",
				       line_name(ln));
			session_free(hs, s);
			break;
		}
	rearm(hs);
}

static const struct line_ops handset_line_ops = {
	.offhook = on_offhook,
	.onhook = on_onhook,
	.digit = on_digit,
	.playback_done = on_playback_done,
	.gone = on_gone,
};

const struct line_ops *handsets_line_ops(void)
{
	return &handset_line_ops;
}

/* ---- the timer ---- */

static void rearm(struct handsets *hs)
{
	uint64_t now = now_ms(hs), wake = IVR_WAKE_NEVER;
	struct session *s;

	for (s = hs->sessions; s; s = s->next) {
		uint64_t w = ivr_wake_ms(s->ivr);

		if (s->head < s->n_queue && now + FEED_TICK_MS < w)
			w = now + FEED_TICK_MS;
		if (w < wake)
			wake = w;
	}
	if (wake == IVR_WAKE_NEVER)
		loop_timer_disarm(hs->timer);
	else
		loop_timer_arm(hs->timer, wake > now ? wake - now : 0);
}

void handsets_tick(struct handsets *hs)
{
	uint64_t now = now_ms(hs);
	struct session *s;

	for (s = hs->sessions; s; s = s->next) {
		feed(s);
		if (ivr_wake_ms(s->ivr) <= now)
			run_event(s, IVR_EV_TIME, 0);
	}
	rearm(hs);
}

static void on_timer(struct loop *l, struct loop_timer *t, void *arg)
{
	(void)l;
	(void)t;
	handsets_tick(arg);
}

size_t handsets_count(const struct handsets *hs)
{
	const struct session *s;
	size_t n = 0;

	for (s = hs->sessions; s; s = s->next)
		n++;
	return n;
}

/* ---- the set ---- */

int handsets_new(struct loop *l, const struct handset_config *cfg,
		 struct handsets **out)
{
	struct handsets *hs;
	int ret;

	if (!cfg->pv || !cfg->prompts || !cfg->timeout_ms)
		return -EINVAL;
	hs = calloc(1, sizeof(*hs));
	if (!hs)
		return -ENOMEM;
	hs->loop = l;
	hs->cfg = *cfg;
	handset_ops_init(&hs->ops);
	ret = loop_timer_new(l, on_timer, hs, &hs->timer);
	if (ret) {
		free(hs);
		return ret;
	}
	*out = hs;
	return 0;
}

void handsets_free(struct handsets *hs)
{
	size_t i;

	if (!hs)
		return;
	while (hs->sessions)
		session_free(hs, hs->sessions);
	for (i = 0; i < IVR_P_COUNT; i++)
		free(hs->clips[i].pcm);
	loop_timer_free(hs->timer);
	free(hs);
}
