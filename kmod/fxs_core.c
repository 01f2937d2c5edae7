// SPDX-License-Identifier: GPL-2.0
/*
 * openfxs core: the fxs.ko module, the line registry and the per-line engine
 * that the backend's 10 ms frame clock drives (hook, ring cadence, DTMF,
 * tones, playback and the events read from /dev/fxsN).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/err.h>
#include <linux/idr.h>
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/lockdep.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "fxs_compat.h"
#include "fxs_core.h"

#define FXS_DTMF_MAX_DIGITS	4

/* A frame is a whole number of ms (the engines count time in frames). */
static_assert(FXS_FRAME_MS * FXS_PCM_RATE_HZ == FXS_PCM_FRAME_SAMPLES * 1000);
static_assert(FXS_PLAYBACK_FIFO_SAMPLES >= FXS_PLAYBACK_QUEUE_SAMPLES);

static const char *const fxs_tone_defaults[FXS_NR_TONES] = {
	[FXS_TONE_DIAL - 1]	= "350@-19,440@-19;10(*/0/1+2)",
	[FXS_TONE_BUSY - 1]	= "480@-19,620@-19;10(.5/.5/1+2)",
	[FXS_TONE_RINGBACK - 1]	= "440@-19,480@-19;*(2/4/1+2)",
	[FXS_TONE_REORDER - 1]	= "480@-19,620@-19;10(.25/.25/1+2)",
	[FXS_TONE_CONFIRM - 1]	= "600@-16;1(.25/.25/1)",
	[FXS_TONE_SIT - 1]	=
		"985@-16,1428@-16,1777@-16;20(.380/0/1,.380/0/2,.380/0/3,0/4/0)",
};

static dev_t fxs_devt;
static struct class *fxs_class;
static DEFINE_IDA(fxs_ida);

/* Settings */

void fxs_line_settings_default(struct fxs_line_settings *settings)
{
	unsigned int i;

	memset(settings, 0, sizeof(*settings));
	settings->ring_frequency_hz = FXS_RING_FREQUENCY_HZ_DEFAULT;
	settings->ring_voltage_v = FXS_RING_VOLTAGE_V_DEFAULT;
	strscpy(settings->ring_cadence_text, FXS_RING_CADENCE_DEFAULT,
		sizeof(settings->ring_cadence_text));
	WARN_ON(fxs_cadence_parse(settings->ring_cadence_text,
				  &settings->ring_cadence));
	settings->hook.debounce_ms = FXS_HOOK_DEFAULT_DEBOUNCE_MS;
	settings->hook.flash_min_ms = FXS_HOOK_DEFAULT_FLASH_MIN_MS;
	settings->hook.flash_max_ms = FXS_HOOK_DEFAULT_FLASH_MAX_MS;
	settings->dtmf.min_level_dbm0 = FXS_DTMF_DEFAULT_MIN_LEVEL_DBM0;
	settings->dtmf.twist_normal_db = FXS_DTMF_DEFAULT_TWIST_NORMAL_DB;
	settings->dtmf.twist_reverse_db = FXS_DTMF_DEFAULT_TWIST_REVERSE_DB;
	settings->input_gain_db = FXS_GAIN_DB_DEFAULT;
	settings->output_gain_db = FXS_GAIN_DB_DEFAULT;
	settings->idle_polarity = FXS_POLARITY_FORWARD;
	settings->caller_conn_polarity = FXS_POLARITY_FORWARD;
	settings->callee_conn_polarity = FXS_POLARITY_FORWARD;
	settings->cpc_delay_ms = FXS_CPC_DELAY_MS_DEFAULT;
	settings->cpc_duration_ms = FXS_CPC_DURATION_MS_DEFAULT;
	for (i = 0; i < FXS_NR_TONES; i++) {
		strscpy(settings->tone_text[i], fxs_tone_defaults[i],
			sizeof(settings->tone_text[i]));
		WARN_ON(fxs_tone_script_parse(settings->tone_text[i],
					      &settings->tones[i]));
	}
}

/* The gains, polarities and CPC times (the line's analog settings). */
static int fxs_line_analog_check(const struct fxs_line_settings *settings)
{
	if (fxs_settings_check_gain(settings->input_gain_db) ||
	    fxs_settings_check_gain(settings->output_gain_db) ||
	    settings->idle_polarity > FXS_POLARITY_REVERSE ||
	    settings->caller_conn_polarity > FXS_POLARITY_REVERSE ||
	    settings->callee_conn_polarity > FXS_POLARITY_REVERSE)
		return -EINVAL;
	return fxs_settings_check_cpc(settings->cpc_delay_ms,
				      settings->cpc_duration_ms);
}

/*
 * Check every value and parse the texts again into the copy, so that the
 * parsed cadence and tones always match the texts shown in configfs.
 */
static int fxs_line_settings_check(struct fxs_line_settings *settings)
{
	unsigned int i;
	int ret;

	ret = fxs_settings_check_ring(settings->ring_frequency_hz,
				      settings->ring_voltage_v);
	if (ret)
		return ret;
	ret = fxs_line_analog_check(settings);
	if (ret)
		return ret;
	ret = fxs_hook_config_check(&settings->hook);
	if (ret)
		return ret;
	ret = fxs_dtmf_config_check(&settings->dtmf);
	if (ret)
		return ret;
	if (strnlen(settings->ring_cadence_text, FXS_CADENCE_TEXT_SIZE) ==
	    FXS_CADENCE_TEXT_SIZE)
		return -EINVAL;
	ret = fxs_cadence_parse(settings->ring_cadence_text,
				&settings->ring_cadence);
	if (ret)
		return ret;
	for (i = 0; i < FXS_NR_TONES; i++) {
		if (strnlen(settings->tone_text[i], FXS_TONE_TEXT_SIZE) ==
		    FXS_TONE_TEXT_SIZE)
			return -EINVAL;
		ret = fxs_tone_script_parse(settings->tone_text[i],
					    &settings->tones[i]);
		if (ret)
			return ret;
	}
	return 0;
}

void fxs_line_get_settings(struct fxs_line *line,
			   struct fxs_line_settings *settings)
{
	unsigned long flags;

	spin_lock_irqsave(&line->lock, flags);
	memcpy(settings, &line->settings, sizeof(*settings));
	spin_unlock_irqrestore(&line->lock, flags);
}

static int fxs_line_apply_ring_params(struct fxs_line *line,
				      const struct fxs_line_settings *s)
{
	lockdep_assert_held(&line->lock);
	if (!line->ops->set_ring_params)
		return 0;
	return line->ops->set_ring_params(line, s->ring_frequency_hz,
					  s->ring_voltage_v);
}

static int fxs_line_apply_gains(struct fxs_line *line,
				const struct fxs_line_settings *s)
{
	lockdep_assert_held(&line->lock);
	if (!line->ops->set_gains)
		return 0;
	return line->ops->set_gains(line, s->input_gain_db, s->output_gain_db);
}

/*
 * The linefeed the line's state asks for with settings @s: ringing during
 * the on phases of a cadence, open while CPC removes the battery, else
 * active with the polarity of the call (idle or connected).
 */
static enum fxs_linefeed fxs_line_wanted_feed(struct fxs_line *line,
					      const struct fxs_line_settings *s)
{
	u32 polarity;

	lockdep_assert_held(&line->lock);
	if (line->ring_on)
		return FXS_LINEFEED_RINGING;
	if (line->cpc == FXS_CPC_OPEN)
		return FXS_LINEFEED_OPEN;
	switch (line->call) {
	case FXS_CALL_CONNECTED_OUTGOING:
		polarity = s->caller_conn_polarity;
		break;
	case FXS_CALL_CONNECTED_INCOMING:
		polarity = s->callee_conn_polarity;
		break;
	default:
		polarity = s->idle_polarity;
		break;
	}
	return polarity == FXS_POLARITY_REVERSE ? FXS_LINEFEED_REVERSE_ACTIVE :
						  FXS_LINEFEED_FORWARD_ACTIVE;
}

/* Switch the backend's linefeed to the wanted one when it differs. */
static int fxs_line_update_feed(struct fxs_line *line,
				const struct fxs_line_settings *s)
{
	enum fxs_linefeed feed = fxs_line_wanted_feed(line, s);
	int ret;

	lockdep_assert_held(&line->lock);
	if (feed == line->feed)
		return 0;
	ret = line->ops->set_linefeed(line, feed);
	if (!ret)
		line->feed = feed;
	return ret;
}

/* Hand the backend every setting it programs; 0 or its error. */
static int fxs_line_apply_hw(struct fxs_line *line,
			     const struct fxs_line_settings *s)
{
	int ret;

	lockdep_assert_held(&line->lock);
	ret = fxs_line_apply_ring_params(line, s);
	if (!ret)
		ret = fxs_line_apply_gains(line, s);
	if (!ret)
		ret = fxs_line_update_feed(line, s);
	return ret;
}

/**
 * fxs_line_set_settings() - validate and install a full set of settings
 * @line: the line
 * @settings: the new settings; only the texts of the cadence and the tones
 *	are read, their parsed forms are rebuilt here
 *
 * Return: 0, -EINVAL for any bad value (nothing changes), -ENODEV when the
 * line is gone, or the backend's error from set_ring_params, set_gains or
 * set_linefeed.
 */
int fxs_line_set_settings(struct fxs_line *line,
			  const struct fxs_line_settings *settings)
{
	struct fxs_line_settings *copy;
	unsigned long flags;
	int ret;

	copy = kmemdup(settings, sizeof(*copy), GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	ret = fxs_line_settings_check(copy);
	if (ret)
		goto out_free;

	spin_lock_irqsave(&line->lock, flags);
	if (line->gone) {
		ret = -ENODEV;
	} else {
		ret = fxs_line_apply_hw(line, copy);
		/*
		 * Only new DTMF limits reach the detector, and without a
		 * reset: a digit held now is not reported a second time.
		 */
		if (!ret && memcmp(&line->settings.dtmf, &copy->dtmf,
				   sizeof(copy->dtmf)))
			fxs_dtmf_configure(&line->dtmf, &copy->dtmf);
		if (!ret)
			memcpy(&line->settings, copy, sizeof(*copy));
	}
	spin_unlock_irqrestore(&line->lock, flags);
out_free:
	kfree(copy);
	return ret;
}

u32 fxs_line_index(struct fxs_line *line)
{
	return line->index;
}

u64 fxs_line_caps(struct fxs_line *line)
{
	return READ_ONCE(line->caps);
}

bool fxs_line_offhook(struct fxs_line *line)
{
	unsigned long flags;
	bool offhook;

	spin_lock_irqsave(&line->lock, flags);
	offhook = line->hook.offhook;
	spin_unlock_irqrestore(&line->lock, flags);
	return offhook;
}

enum fxs_line_alarm fxs_line_alarm(struct fxs_line *line)
{
	unsigned long flags;
	enum fxs_line_alarm alarm;

	spin_lock_irqsave(&line->lock, flags);
	alarm = line->alarm;
	spin_unlock_irqrestore(&line->lock, flags);
	return alarm;
}

void *fxs_line_get_drvdata(struct fxs_line *line)
{
	return line->drvdata;
}
EXPORT_SYMBOL_GPL(fxs_line_get_drvdata);

const char *fxs_line_name(struct fxs_line *line)
{
	return dev_name(&line->dev);
}
EXPORT_SYMBOL_GPL(fxs_line_name);

/* Events */

/* Queue an event for every reader. */
static void fxs_line_emit(struct fxs_line *line, u32 type, u32 value)
{
	struct fxs_event event = {
		.timestamp_ns = ktime_get_ns(),
		.seqno = ++line->seqno,
		.type = type,
		.value = value,
	};
	struct fxs_reader *reader;

	lockdep_assert_held(&line->lock);
	list_for_each_entry(reader, &line->readers, node) {
		if (kfifo_is_full(&reader->events)) {
			kfifo_skip(&reader->events);
			reader->dropped++;
		}
		kfifo_put(&reader->events, event);
	}
	line->wake_mask |= EPOLLIN | EPOLLRDNORM;
}

/* Drop line->lock, then wake the waiters of what changed under it. */
static void fxs_line_unlock_wake(struct fxs_line *line, unsigned long flags)
	__releases(&line->lock)
{
	__poll_t mask = line->wake_mask;

	line->wake_mask = 0;
	spin_unlock_irqrestore(&line->lock, flags);
	if (mask)
		wake_up_interruptible_poll(&line->wait, mask);
}

int fxs_line_reader_add(struct fxs_line *line, struct fxs_reader *reader)
{
	unsigned long flags;
	int ret = 0;

	spin_lock_irqsave(&line->lock, flags);
	if (line->gone)
		ret = -ENODEV;
	else
		list_add_tail(&reader->node, &line->readers);
	spin_unlock_irqrestore(&line->lock, flags);
	return ret;
}

void fxs_line_reader_remove(struct fxs_line *line, struct fxs_reader *reader)
{
	unsigned long flags;

	spin_lock_irqsave(&line->lock, flags);
	list_del(&reader->node);
	spin_unlock_irqrestore(&line->lock, flags);
}

void fxs_line_get_info(struct fxs_line *line, struct fxs_line_info *info)
{
	unsigned long flags;

	memset(info, 0, sizeof(*info));
	strscpy(info->name, dev_name(&line->dev), sizeof(info->name));
	info->index = line->index;
	info->api_version = FXS_API_VERSION;
	info->caps = fxs_line_caps(line);
	info->playback_queue_samples = FXS_PLAYBACK_QUEUE_SAMPLES;
	info->features = FXS_FEATURE_CALL_STATE;
	spin_lock_irqsave(&line->lock, flags);
	info->offhook = line->hook.offhook;
	info->ringing = line->ringing;
	spin_unlock_irqrestore(&line->lock, flags);
}

/* Ring */

static void fxs_line_ring_set(struct fxs_line *line, bool on)
{
	lockdep_assert_held(&line->lock);
	if (line->ring_on == on)
		return;
	line->ring_on = on;
	fxs_line_update_feed(line, &line->settings);
}

static void fxs_line_ring_end(struct fxs_line *line, u32 reason)
{
	lockdep_assert_held(&line->lock);
	if (!line->ringing)
		return;
	fxs_line_ring_set(line, false);
	line->ringing = false;
	fxs_line_emit(line, FXS_EVENT_RING_STOP, reason);
}

/**
 * fxs_line_ring_start() - start the configured ring cadence
 * @line: the line
 *
 * The ring generator turns on at the next frame. Starting while a cadence
 * already runs changes nothing.
 *
 * Return: 0, -EOPNOTSUPP without %FXS_LINE_CAP_RING, -EBUSY when off-hook
 * or while Calling Party Control runs, -ENODEV when gone.
 */
int fxs_line_ring_start(struct fxs_line *line)
{
	unsigned long flags;
	int ret = 0;

	if (!(line->caps & FXS_LINE_CAP_RING))
		return -EOPNOTSUPP;
	spin_lock_irqsave(&line->lock, flags);
	if (line->gone) {
		ret = -ENODEV;
	} else if (line->hook.offhook || line->cpc != FXS_CPC_NONE) {
		ret = -EBUSY;
	} else if (!line->ringing) {
		line->ring_cadence = line->settings.ring_cadence;
		fxs_cadence_start(&line->ring_run);
		line->ringing = true;
		fxs_line_emit(line, FXS_EVENT_RING_START, 0);
	}
	fxs_line_unlock_wake(line, flags);
	return ret;
}

int fxs_line_ring_stop(struct fxs_line *line)
{
	unsigned long flags;
	int ret = 0;

	spin_lock_irqsave(&line->lock, flags);
	if (line->gone)
		ret = -ENODEV;
	else
		fxs_line_ring_end(line, FXS_RING_STOP_REQUESTED);
	fxs_line_unlock_wake(line, flags);
	return ret;
}

/* Advance the ring cadence by one frame. */
static void fxs_line_ring_frame(struct fxs_line *line)
{
	int on;

	lockdep_assert_held(&line->lock);
	if (!line->ringing)
		return;
	on = fxs_cadence_frame(&line->ring_run, &line->ring_cadence);
	if (on < 0)
		fxs_line_ring_end(line, FXS_RING_STOP_EXPIRED);
	else
		fxs_line_ring_set(line, on);
}

/* Tones */

/**
 * fxs_line_tone_start() - play a tone, replacing the one playing
 * @line: the line
 * @tone: &enum fxs_tone
 * @duration_ms: stop after this long; 0 plays the script to its end
 *
 * A replaced tone ends without %FXS_EVENT_TONE_DONE.
 *
 * Return: 0, -EINVAL for an unknown tone, -EOPNOTSUPP without
 * %FXS_LINE_CAP_PCM, -ENODEV when gone.
 */
int fxs_line_tone_start(struct fxs_line *line, u32 tone, u32 duration_ms)
{
	unsigned long flags;
	int ret = 0;

	if (tone < 1 || tone > FXS_NR_TONES)
		return -EINVAL;
	spin_lock_irqsave(&line->lock, flags);
	if (line->gone) {
		ret = -ENODEV;
	} else if (!(line->caps & FXS_LINE_CAP_PCM)) {
		ret = -EOPNOTSUPP;
	} else {
		line->tone_script = line->settings.tones[tone - 1];
		fxs_tone_gen_start(&line->tone_gen, duration_ms);
		line->tone = tone;
	}
	spin_unlock_irqrestore(&line->lock, flags);
	return ret;
}

static void fxs_line_tone_end(struct fxs_line *line)
{
	lockdep_assert_held(&line->lock);
	if (!line->tone)
		return;
	fxs_line_emit(line, FXS_EVENT_TONE_DONE, line->tone);
	line->tone = 0;
}

int fxs_line_tone_stop(struct fxs_line *line)
{
	unsigned long flags;
	int ret = 0;

	spin_lock_irqsave(&line->lock, flags);
	if (line->gone)
		ret = -ENODEV;
	else
		fxs_line_tone_end(line);
	fxs_line_unlock_wake(line, flags);
	return ret;
}

/* Call state and Calling Party Control */

static void fxs_line_cpc_open(struct fxs_line *line)
{
	lockdep_assert_held(&line->lock);
	line->cpc = FXS_CPC_OPEN;
	line->cpc_frames = line->cpc_open_frames;
	fxs_line_update_feed(line, &line->settings);
	fxs_line_emit(line, FXS_EVENT_CPC_START, line->cpc_open_ms);
}

/* End CPC; only an open loop reports it (the delay was never seen). */
static void fxs_line_cpc_end(struct fxs_line *line, u32 reason)
{
	enum fxs_cpc_phase phase = line->cpc;

	lockdep_assert_held(&line->lock);
	line->cpc = FXS_CPC_NONE;
	if (phase != FXS_CPC_OPEN)
		return;
	fxs_line_update_feed(line, &line->settings);
	fxs_line_emit(line, FXS_EVENT_CPC_DONE, reason);
}

/* The far end hung up: start CPC with the settings of now, if it is on. */
static void fxs_line_cpc_start(struct fxs_line *line)
{
	const struct fxs_line_settings *s = &line->settings;

	lockdep_assert_held(&line->lock);
	if (!s->cpc_duration_ms)
		return;
	line->cpc_open_ms = s->cpc_duration_ms;
	line->cpc_open_frames = DIV_ROUND_UP(s->cpc_duration_ms, FXS_FRAME_MS);
	line->cpc_frames = DIV_ROUND_UP(s->cpc_delay_ms, FXS_FRAME_MS);
	line->cpc = FXS_CPC_DELAY;
	if (!line->cpc_frames)
		fxs_line_cpc_open(line);
}

/* Advance CPC by one frame. */
static void fxs_line_cpc_frame(struct fxs_line *line)
{
	lockdep_assert_held(&line->lock);
	if (line->cpc == FXS_CPC_NONE || --line->cpc_frames)
		return;
	if (line->cpc == FXS_CPC_DELAY)
		fxs_line_cpc_open(line);
	else
		fxs_line_cpc_end(line, FXS_CPC_EXPIRED);
}

static bool fxs_call_connected(u32 call)
{
	return call == FXS_CALL_CONNECTED_OUTGOING ||
	       call == FXS_CALL_CONNECTED_INCOMING;
}

/**
 * fxs_line_call_state() - the SIP agent's view of the call on the line
 * @line: the line
 * @state: &enum fxs_call_state
 *
 * The line takes the polarity of the new state at once. Any new state ends
 * a running Calling Party Control (%FXS_CPC_CANCELLED when the loop was
 * open); %FXS_CALL_FAR_END_DISCONNECTED then starts a new one.
 *
 * Return: 0, -EINVAL for an unknown state or a far-end disconnect without
 * a connected call, -ENODEV when gone, or the backend's set_linefeed error.
 */
int fxs_line_call_state(struct fxs_line *line, u32 state)
{
	unsigned long flags;
	int ret;

	if (state > FXS_CALL_FAR_END_DISCONNECTED)
		return -EINVAL;
	spin_lock_irqsave(&line->lock, flags);
	if (line->gone) {
		ret = -ENODEV;
	} else if (state == FXS_CALL_FAR_END_DISCONNECTED &&
		   !fxs_call_connected(line->call)) {
		ret = -EINVAL;
	} else {
		fxs_line_cpc_end(line, FXS_CPC_CANCELLED);
		if (state == FXS_CALL_FAR_END_DISCONNECTED) {
			line->call = FXS_CALL_IDLE;
			fxs_line_cpc_start(line);
		} else {
			line->call = state;
		}
		ret = fxs_line_update_feed(line, &line->settings);
	}
	fxs_line_unlock_wake(line, flags);
	return ret;
}

/* Playback */

unsigned int fxs_line_playback_room(struct fxs_line *line)
{
	unsigned int room = 0;
	unsigned long flags;

	spin_lock_irqsave(&line->lock, flags);
	if (!line->gone)
		room = FXS_PLAYBACK_QUEUE_SAMPLES - kfifo_len(&line->playback);
	spin_unlock_irqrestore(&line->lock, flags);
	return room;
}

/**
 * fxs_line_playback_queue() - queue playback PCM
 * @line: the line
 * @pcm: samples
 * @count: number of samples
 *
 * Return: the number of samples queued (less than @count when the queue
 * fills up, 0 when the line is gone or has no audio: a PCM bus driver
 * detached during a write).
 */
unsigned int fxs_line_playback_queue(struct fxs_line *line, const s16 *pcm,
				     unsigned int count)
{
	unsigned long flags;
	unsigned int room;

	spin_lock_irqsave(&line->lock, flags);
	if (line->gone || !(line->caps & FXS_LINE_CAP_PCM)) {
		count = 0;
	} else {
		room = FXS_PLAYBACK_QUEUE_SAMPLES - kfifo_len(&line->playback);
		count = kfifo_in(&line->playback, pcm, min(count, room));
		if (count)
			line->playing = true;
	}
	spin_unlock_irqrestore(&line->lock, flags);
	return count;
}

/* Empty the playback queue, telling the readers. */
static void fxs_line_playback_drop(struct fxs_line *line)
{
	lockdep_assert_held(&line->lock);
	if (kfifo_is_empty(&line->playback))
		return;
	kfifo_reset(&line->playback);
	line->playing = false;
	fxs_line_emit(line, FXS_EVENT_PLAYBACK_DONE, FXS_PLAYBACK_FLUSHED);
	line->wake_mask |= EPOLLOUT | EPOLLWRNORM;
}

int fxs_line_playback_flush(struct fxs_line *line)
{
	unsigned long flags;
	int ret = 0;

	spin_lock_irqsave(&line->lock, flags);
	if (line->gone)
		ret = -ENODEV;
	else
		fxs_line_playback_drop(line);
	fxs_line_unlock_wake(line, flags);
	return ret;
}

/* Frame pipeline */

static void fxs_pcm_mix(s16 *dst, const s16 *src, unsigned int count)
{
	unsigned int i;

	for (i = 0; i < count; i++)
		dst[i] = clamp_t(s32, (s32)dst[i] + src[i], S16_MIN, S16_MAX);
}

static void fxs_line_hook_frame(struct fxs_line *line)
{
	u32 value = 0;
	int event;

	lockdep_assert_held(&line->lock);
	/* an open loop carries no current: the hook reads nothing then */
	if (line->cpc == FXS_CPC_OPEN)
		return;
	event = fxs_hook_frame(&line->hook, &line->settings.hook,
			       line->raw_offhook, &value);
	if (!event)
		return;
	fxs_line_emit(line, event, value);
	if (event == FXS_EVENT_OFFHOOK)
		fxs_line_ring_end(line, FXS_RING_STOP_ANSWERED);
}

static void fxs_line_dtmf_frame(struct fxs_line *line, const s16 *uplink)
{
	char digits[FXS_DTMF_MAX_DIGITS];
	int i, n;

	lockdep_assert_held(&line->lock);
	if ((line->caps & (FXS_LINE_CAP_PCM | FXS_LINE_CAP_HW_DTMF)) !=
	    FXS_LINE_CAP_PCM || !uplink)
		return;
	n = fxs_dtmf_process(&line->dtmf, uplink, FXS_PCM_FRAME_SAMPLES,
			     digits, ARRAY_SIZE(digits));
	for (i = 0; i < n; i++)
		fxs_line_emit(line, FXS_EVENT_DTMF, digits[i]);
}

/* Add tone and playback to the downlink. */
static void fxs_line_downlink_frame(struct fxs_line *line, s16 *downlink)
{
	s16 pcm[FXS_PCM_FRAME_SAMPLES];
	unsigned int n;

	lockdep_assert_held(&line->lock);
	if (line->tone) {
		memset(pcm, 0, sizeof(pcm));
		if (!fxs_tone_gen_frame(&line->tone_gen, &line->tone_script,
					pcm, FXS_PCM_FRAME_SAMPLES))
			fxs_line_tone_end(line);
		fxs_pcm_mix(downlink, pcm, FXS_PCM_FRAME_SAMPLES);
	}
	n = kfifo_out(&line->playback, pcm, FXS_PCM_FRAME_SAMPLES);
	if (n) {
		fxs_pcm_mix(downlink, pcm, n);
		line->wake_mask |= EPOLLOUT | EPOLLWRNORM;
	}
	if (line->playing && kfifo_is_empty(&line->playback)) {
		line->playing = false;
		fxs_line_emit(line, FXS_EVENT_PLAYBACK_DONE,
			      FXS_PLAYBACK_DRAINED);
	}
}

/*
 * The backend calls after fxs_line_unregister() break its contract (see
 * fxs_driver.h): warn once and ignore them. The line's memory is still
 * there only while a file keeps it, so this catches the late ones.
 */
static bool fxs_line_backend_gone(struct fxs_line *line, const char *func)
{
	lockdep_assert_held(&line->lock);
	return WARN_ONCE(line->gone, "%s: %s() after fxs_line_unregister()\n",
			 dev_name(&line->dev), func);
}

/**
 * fxs_line_frame() - run one 10 ms frame of a line
 * @line: the line
 * @uplink: %FXS_PCM_FRAME_SAMPLES samples from the phone (NULL without PCM)
 * @downlink: receives %FXS_PCM_FRAME_SAMPLES samples for the phone (NULL
 *	without PCM)
 *
 * Any context; not concurrently with itself, fxs_line_hook_changed() or
 * fxs_line_hw_digit() for the same line.
 */
void fxs_line_frame(struct fxs_line *line, const s16 *uplink, s16 *downlink)
{
	unsigned long flags;

	if (downlink)
		memset(downlink, 0, FXS_PCM_FRAME_SAMPLES * sizeof(*downlink));
	spin_lock_irqsave(&line->lock, flags);
	if (!fxs_line_backend_gone(line, __func__)) {
		fxs_line_hook_frame(line);
		fxs_line_ring_frame(line);
		fxs_line_cpc_frame(line);
		fxs_line_dtmf_frame(line, uplink);
		if (downlink)
			fxs_line_downlink_frame(line, downlink);
	}
	fxs_line_unlock_wake(line, flags);
}
EXPORT_SYMBOL_GPL(fxs_line_frame);

/**
 * fxs_line_hook_changed() - report the raw hook state
 * @line: the line
 * @offhook: true when the loop is closed
 *
 * The state is debounced by the next frames.
 */
void fxs_line_hook_changed(struct fxs_line *line, bool offhook)
{
	unsigned long flags;

	spin_lock_irqsave(&line->lock, flags);
	if (!fxs_line_backend_gone(line, __func__))
		line->raw_offhook = offhook;
	spin_unlock_irqrestore(&line->lock, flags);
}
EXPORT_SYMBOL_GPL(fxs_line_hook_changed);

/**
 * fxs_line_set_alarm() - report the line's fault state
 * @line: the line
 * @alarm: the state, shown by configfs "alarm"
 */
void fxs_line_set_alarm(struct fxs_line *line, enum fxs_line_alarm alarm)
{
	unsigned long flags;

	spin_lock_irqsave(&line->lock, flags);
	if (!fxs_line_backend_gone(line, __func__))
		line->alarm = alarm;
	spin_unlock_irqrestore(&line->lock, flags);
}
EXPORT_SYMBOL_GPL(fxs_line_set_alarm);

/**
 * fxs_line_hw_digit() - report a digit decoded by the chip
 * @line: the line
 * @digit: one of "0123456789*#ABCD"; anything else is ignored
 */
void fxs_line_hw_digit(struct fxs_line *line, char digit)
{
	unsigned long flags;

	if (!digit || !strchr("0123456789*#ABCD", digit))
		return;
	spin_lock_irqsave(&line->lock, flags);
	if (!fxs_line_backend_gone(line, __func__))
		fxs_line_emit(line, FXS_EVENT_DTMF, digit);
	fxs_line_unlock_wake(line, flags);
}
EXPORT_SYMBOL_GPL(fxs_line_hw_digit);

/* PCM bus (fxs_pcm.c) */

/**
 * fxs_line_set_pcm() - a PCM bus driver attached (@on) or detached
 * @line: the line
 * @on: the line has its audio now
 *
 * Without audio a playing tone ends and queued playback is flushed.
 */
void fxs_line_set_pcm(struct fxs_line *line, bool on)
{
	unsigned long flags;

	spin_lock_irqsave(&line->lock, flags);
	if (on) {
		WRITE_ONCE(line->caps, line->caps | FXS_LINE_CAP_PCM);
	} else {
		WRITE_ONCE(line->caps, line->caps & ~(u64)FXS_LINE_CAP_PCM);
		fxs_line_tone_end(line);
		fxs_line_playback_drop(line);
	}
	fxs_line_unlock_wake(line, flags);
}

struct fxs_line_key {
	struct device *parent;
	struct fwnode_handle *fwnode;
};

static int fxs_line_match(struct device *dev, const void *data)
{
	const struct fxs_line_key *key = data;
	struct fxs_line *line = container_of(dev, struct fxs_line, dev);

	if (!line->pcm_ops || !dev->parent)
		return 0;
	if (key->parent)
		return dev->parent == key->parent;
	return dev_fwnode(dev->parent) == key->fwnode;
}

/**
 * fxs_line_find() - the registered line with PCM bus hooks of a backend
 * @parent: the backend's device, or NULL to match @fwnode
 * @fwnode: the backend device's firmware node
 *
 * Return: the line with a reference on its device, or NULL.
 */
struct fxs_line *fxs_line_find(struct device *parent,
			       struct fwnode_handle *fwnode)
{
	struct fxs_line_key key = { .parent = parent, .fwnode = fwnode };
	struct device *dev;

	if (!parent && IS_ERR_OR_NULL(fwnode))
		return NULL;
	dev = class_find_device(fxs_class, NULL, &key, fxs_line_match);
	return dev ? container_of(dev, struct fxs_line, dev) : NULL;
}

/* Registry */

static void fxs_line_release(struct device *dev)
{
	struct fxs_line *line = container_of(dev, struct fxs_line, dev);

	ida_free(&fxs_ida, line->index);
	kfifo_free(&line->playback);
	kfree(line);
}

static struct fxs_line *fxs_line_alloc(struct device *parent,
				       const struct fxs_line_config *config)
{
	struct fxs_line *line;
	int ret;

	line = kzalloc(sizeof(*line), GFP_KERNEL);
	if (!line)
		return ERR_PTR(-ENOMEM);
	ret = kfifo_alloc(&line->playback, FXS_PLAYBACK_FIFO_SAMPLES,
			  GFP_KERNEL);
	if (ret)
		goto out_free_line;
	ret = ida_alloc_max(&fxs_ida, FXS_MAX_LINES - 1, GFP_KERNEL);
	if (ret < 0)
		goto out_free_fifo;
	line->index = ret;
	line->ops = config->ops;
	line->caps = config->caps;
	line->drvdata = config->drvdata;
	line->pcm_ops = config->pcm_ops;
	mutex_init(&line->write_lock);
	init_waitqueue_head(&line->wait);
	spin_lock_init(&line->lock);
	INIT_LIST_HEAD(&line->readers);
	fxs_line_settings_default(&line->settings);
	fxs_hook_init(&line->hook, false);
	fxs_dtmf_init(&line->dtmf, &line->settings.dtmf);

	device_initialize(&line->dev);
	line->dev.class = fxs_class;
	line->dev.parent = parent;
	line->dev.devt = MKDEV(MAJOR(fxs_devt), line->index);
	line->dev.release = fxs_line_release;
	cdev_init(&line->cdev, &fxs_cdev_fops);
	line->cdev.owner = THIS_MODULE;
	ret = dev_set_name(&line->dev, "fxs%u", line->index);
	if (ret) {
		put_device(&line->dev);
		return ERR_PTR(ret);
	}
	return line;

out_free_fifo:
	kfifo_free(&line->playback);
out_free_line:
	kfree(line);
	return ERR_PTR(ret);
}

/*
 * Put the backend in the idle state with the default settings; the
 * backend's linefeed is not known yet, so it is always set.
 */
static int fxs_line_init_hw(struct fxs_line *line)
{
	unsigned long flags;
	int ret;

	spin_lock_irqsave(&line->lock, flags);
	line->feed = FXS_LINEFEED_RINGING;	/* never the idle feed */
	ret = fxs_line_apply_hw(line, &line->settings);
	spin_unlock_irqrestore(&line->lock, flags);
	return ret;
}

/**
 * fxs_line_register() - register an FXS line with the core
 * @parent: the backend's device
 * @config: the line's ops, caps and backend data
 *
 * Creates configfs lines/fxsN and then /dev/fxsN with the lowest free N:
 * a program that sees the node appear finds the line's settings there.
 *
 * Return: the line or an ERR_PTR().
 */
struct fxs_line *fxs_line_register(struct device *parent,
				   const struct fxs_line_config *config)
{
	struct fxs_line *line;
	int ret;

	if (!config || !config->ops || !config->ops->set_linefeed ||
	    config->caps & ~(u64)(FXS_LINE_CAP_RING | FXS_LINE_CAP_PCM |
				  FXS_LINE_CAP_HW_DTMF))
		return ERR_PTR(-EINVAL);
	if (config->pcm_ops && (!config->pcm_ops->attach ||
				!config->pcm_ops->detach ||
				config->caps & FXS_LINE_CAP_PCM))
		return ERR_PTR(-EINVAL);
	line = fxs_line_alloc(parent, config);
	if (IS_ERR(line))
		return line;
	ret = fxs_line_init_hw(line);
	if (ret)
		goto out_put;
	ret = fxs_configfs_line_add(line);
	if (ret)
		goto out_put;
	ret = cdev_device_add(&line->cdev, &line->dev);
	if (ret)
		goto out_configfs;
	return line;

out_configfs:
	fxs_configfs_line_remove(line);
out_put:
	put_device(&line->dev);
	return ERR_PTR(ret);
}
EXPORT_SYMBOL_GPL(fxs_line_register);

/**
 * fxs_line_unregister() - remove a line
 * @line: the line
 *
 * Afterwards the core never calls the backend's ops for this line again.
 * Files still open on /dev/fxsN see POLLHUP and -ENODEV; the line's memory
 * goes with the last of them.
 */
void fxs_line_unregister(struct fxs_line *line)
{
	unsigned long flags;

	fxs_pcm_line_gone(line);
	fxs_configfs_line_remove(line);
	cdev_device_del(&line->cdev, &line->dev);

	spin_lock_irqsave(&line->lock, flags);
	line->gone = true;
	line->ringing = false;
	line->ring_on = false;
	line->cpc = FXS_CPC_NONE;
	line->tone = 0;
	kfifo_reset(&line->playback);
	line->wake_mask |= EPOLLHUP | EPOLLERR | EPOLLIN | EPOLLOUT;
	fxs_line_unlock_wake(line, flags);

	put_device(&line->dev);
}
EXPORT_SYMBOL_GPL(fxs_line_unregister);

static void devm_fxs_line_unregister(void *line)
{
	fxs_line_unregister(line);
}

/**
 * devm_fxs_line_register() - fxs_line_register() undone when @parent unbinds
 * @parent: the backend's device
 * @config: the line's ops, caps and backend data
 *
 * Return: the line or an ERR_PTR().
 */
struct fxs_line *devm_fxs_line_register(struct device *parent,
					const struct fxs_line_config *config)
{
	struct fxs_line *line;
	int ret;

	line = fxs_line_register(parent, config);
	if (IS_ERR(line))
		return line;
	ret = devm_add_action_or_reset(parent, devm_fxs_line_unregister, line);
	if (ret)
		return ERR_PTR(ret);
	return line;
}
EXPORT_SYMBOL_GPL(devm_fxs_line_register);

/* Module */

static int __init fxs_init(void)
{
	int ret;

	ret = alloc_chrdev_region(&fxs_devt, 0, FXS_MAX_LINES, "fxs");
	if (ret)
		return ret;
	fxs_class = fxs_compat_class_create("fxs");
	if (IS_ERR(fxs_class)) {
		ret = PTR_ERR(fxs_class);
		goto out_unregister_region;
	}
	ret = fxs_configfs_init();
	if (ret)
		goto out_destroy_class;
	return 0;

out_destroy_class:
	class_destroy(fxs_class);
out_unregister_region:
	unregister_chrdev_region(fxs_devt, FXS_MAX_LINES);
	return ret;
}
module_init(fxs_init);

static void __exit fxs_exit(void)
{
	fxs_configfs_exit();
	class_destroy(fxs_class);
	unregister_chrdev_region(fxs_devt, FXS_MAX_LINES);
	ida_destroy(&fxs_ida);
}
module_exit(fxs_exit);

MODULE_DESCRIPTION("openfxs FXS line core");
MODULE_LICENSE("GPL");
