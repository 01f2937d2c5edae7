/* SPDX-License-Identifier: GPL-2.0 */
/*
 * openfxs core internals shared by the core's files (fxs_core.c, fxs_cdev.c,
 * fxs_configfs.c): the line settings and the hooks between the registry and
 * configfs. Backends never include this.
 */
#ifndef _FXS_CORE_H
#define _FXS_CORE_H

#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/kfifo.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

#include "fxs_driver.h"
#include "fxs_cadence.h"
#include "fxs_dtmf.h"
#include "fxs_hook.h"
#include "fxs_settings_check.h"
#include "fxs_tone.h"

#define FXS_NR_TONES	FXS_TONE_SIT	/* tones are numbered 1..FXS_NR_TONES */

/**
 * enum fxs_polarity - the loop polarity of an active line
 * @FXS_POLARITY_FORWARD: %FXS_LINEFEED_FORWARD_ACTIVE
 * @FXS_POLARITY_REVERSE: %FXS_LINEFEED_REVERSE_ACTIVE
 */
enum fxs_polarity {
	FXS_POLARITY_FORWARD,
	FXS_POLARITY_REVERSE,
};

/**
 * enum fxs_cpc_phase - where Calling Party Control is
 * @FXS_CPC_NONE: not running
 * @FXS_CPC_DELAY: waiting cpc_delay_ms after the far end hung up
 * @FXS_CPC_OPEN: the loop is open (no battery) for cpc_duration_ms
 */
enum fxs_cpc_phase {
	FXS_CPC_NONE,
	FXS_CPC_DELAY,
	FXS_CPC_OPEN,
};

/**
 * struct fxs_line_settings - everything configfs sets on a line
 * @ring_frequency_hz: ring generator frequency
 * @ring_voltage_v: ring generator voltage
 * @ring_cadence_text: the cadence as written (canonical text)
 * @ring_cadence: the parsed cadence
 * @hook: hook timing
 * @dtmf: DTMF detector limits
 * @tone_text: each tone's script as written, indexed by enum fxs_tone - 1
 * @tones: the parsed scripts, same index
 * @input_gain_db: analog gain on the signal from the phone
 * @output_gain_db: analog gain on the signal to the phone
 * @idle_polarity: &enum fxs_polarity while no call is connected
 * @caller_conn_polarity: &enum fxs_polarity once an outgoing call connects
 * @callee_conn_polarity: &enum fxs_polarity once an incoming call connects
 * @cpc_delay_ms: Calling Party Control: wait after the far end hung up
 * @cpc_duration_ms: Calling Party Control: open loop time; 0 is off
 */
struct fxs_line_settings {
	u32 ring_frequency_hz;
	u32 ring_voltage_v;
	char ring_cadence_text[FXS_CADENCE_TEXT_SIZE];
	struct fxs_cadence ring_cadence;
	struct fxs_hook_config hook;
	struct fxs_dtmf_config dtmf;
	char tone_text[FXS_NR_TONES][FXS_TONE_TEXT_SIZE];
	struct fxs_tone_script tones[FXS_NR_TONES];
	int input_gain_db;
	int output_gain_db;
	u32 idle_polarity;
	u32 caller_conn_polarity;
	u32 callee_conn_polarity;
	u32 cpc_delay_ms;
	u32 cpc_duration_ms;
};

/* The ring cadence of a new line; the numeric limits: fxs_settings_check.h */
#define FXS_RING_CADENCE_DEFAULT	"60(2/4)"

#define FXS_MAX_LINES			64	/* minors of /dev/fxsN */
#define FXS_EVENT_QUEUE_LEN		64	/* events queued per open() */
#define FXS_PLAYBACK_QUEUE_SAMPLES	(2 * FXS_PCM_RATE_HZ)	/* 2 s */
#define FXS_PLAYBACK_FIFO_SAMPLES	16384	/* power of two above it */

/**
 * struct fxs_reader - one open() of /dev/fxsN
 * @node: entry in &fxs_line.readers
 * @line: the line; the reader holds a reference on its device
 * @read_lock: serializes read() calls of the file, so that two never copy
 *	the same events (events are consumed after they were copied)
 * @events: events not read yet (line->lock)
 * @dropped: events lost to overflow since the last one read (line->lock)
 */
struct fxs_reader {
	struct list_head node;
	struct fxs_line *line;
	struct mutex read_lock;	/* serializes read() of the file */
	DECLARE_KFIFO(events, struct fxs_event, FXS_EVENT_QUEUE_LEN);
	u32 dropped;
};

/**
 * struct fxs_line - one FXS port (private to the core)
 * @dev: the line's device "fxsN"; its refcount keeps this struct alive while
 *	files stay open after the backend unregistered the line
 * @cdev: /dev/fxsN
 * @index: the N of fxsN (fixed at registration)
 * @ops: backend operations; never called once @gone is set
 * @caps: &enum fxs_line_caps (fixed at registration, but for
 *	%FXS_LINE_CAP_PCM on a line with @pcm_ops: set while a bus driver is
 *	attached, changed under @lock; read it with fxs_line_caps())
 * @drvdata: backend data (fixed at registration)
 * @pcm_ops: the backend's PCM bus hooks, or NULL (fixed at registration)
 * @pcm_client: the attached PCM bus driver, or NULL (fxs_pcm.c's mutex)
 * @pcm_data: its data for @pcm_client's stop() (same)
 * @pcm_gone: fxs_line_unregister() began: no more attach (same)
 * @write_lock: serializes write() calls, so that the playback queue's room
 *	only grows between a writer's check and its insertion; never held
 *	while a writer sleeps for room, so O_NONBLOCK writers only try it
 * @wait: readers, writers and pollers wait here for events, playback room
 *	or @gone
 * @lock: covers every field below; taken with irqsave because the frame
 *	callback may run in hard interrupt context. The backend ops are called
 *	under it (they must not sleep).
 * @gone: the backend unregistered the line; set once, under @lock
 * @wake_mask: poll bits to wake @wait with once @lock is dropped
 * @settings: the configfs settings
 * @raw_offhook: last raw hook state from the backend
 * @alarm: the &enum fxs_line_alarm the backend reported
 * @hook: the hook state machine
 * @ringing: a ring cadence runs
 * @ring_on: the ring generator is on (linefeed RINGING)
 * @ring_run: position in @ring_cadence
 * @ring_cadence: copy of the cadence the ring started with
 * @tone: the playing &enum fxs_tone, 0 when none
 * @tone_gen: the tone generator state
 * @tone_script: copy of the script the tone started with
 * @feed: the linefeed last set through the backend
 * @call: the &enum fxs_call_state of %FXS_IOC_CALL_STATE (never
 *	%FXS_CALL_FAR_END_DISCONNECTED: that one leaves the call idle)
 * @cpc: the &enum fxs_cpc_phase
 * @cpc_frames: frames left in the @cpc phase
 * @cpc_open_frames: frames the loop stays open, fixed when CPC started
 * @cpc_open_ms: the cpc_duration_ms CPC started with
 * @dtmf: the software DTMF detector
 * @playback: playback PCM waiting for the downlink
 * @playing: playback PCM was queued since the queue last ran empty
 * @readers: the &struct fxs_reader of every open file
 * @seqno: sequence number of the last event
 */
struct fxs_line {
	struct device dev;
	struct cdev cdev;
	u32 index;
	const struct fxs_line_ops *ops;
	u64 caps;
	void *drvdata;
	const struct fxs_line_pcm_ops *pcm_ops;
	const struct fxs_pcm_client *pcm_client;
	void *pcm_data;
	bool pcm_gone;
	struct mutex write_lock;	/* serializes write() */
	wait_queue_head_t wait;

	spinlock_t lock;	/* covers the fields below */
	bool gone;
	__poll_t wake_mask;
	struct fxs_line_settings settings;
	bool raw_offhook;
	enum fxs_line_alarm alarm;
	struct fxs_hook hook;
	bool ringing;
	bool ring_on;
	struct fxs_cadence_run ring_run;
	struct fxs_cadence ring_cadence;
	u32 tone;
	struct fxs_tone_gen tone_gen;
	struct fxs_tone_script tone_script;
	enum fxs_linefeed feed;
	u32 call;
	enum fxs_cpc_phase cpc;
	u32 cpc_frames;
	u32 cpc_open_frames;
	u32 cpc_open_ms;
	struct fxs_dtmf dtmf;
	DECLARE_KFIFO_PTR(playback, s16);
	bool playing;
	struct list_head readers;
	u32 seqno;
};

/* fxs_core.c */
void fxs_line_settings_default(struct fxs_line_settings *settings);
void fxs_line_get_settings(struct fxs_line *line,
			   struct fxs_line_settings *settings);
int fxs_line_set_settings(struct fxs_line *line,
			  const struct fxs_line_settings *settings);
u32 fxs_line_index(struct fxs_line *line);
u64 fxs_line_caps(struct fxs_line *line);
bool fxs_line_offhook(struct fxs_line *line);
enum fxs_line_alarm fxs_line_alarm(struct fxs_line *line);

/* fxs_core.c, for fxs_pcm.c */
struct fxs_line *fxs_line_find(struct device *parent,
			       struct fwnode_handle *fwnode);
void fxs_line_set_pcm(struct fxs_line *line, bool on);

/* fxs_pcm.c, for fxs_core.c */
void fxs_pcm_line_gone(struct fxs_line *line);

/* fxs_core.c, for fxs_cdev.c */
int fxs_line_reader_add(struct fxs_line *line, struct fxs_reader *reader);
void fxs_line_reader_remove(struct fxs_line *line, struct fxs_reader *reader);
void fxs_line_get_info(struct fxs_line *line, struct fxs_line_info *info);
int fxs_line_ring_start(struct fxs_line *line);
int fxs_line_ring_stop(struct fxs_line *line);
int fxs_line_tone_start(struct fxs_line *line, u32 tone, u32 duration_ms);
int fxs_line_tone_stop(struct fxs_line *line);
int fxs_line_playback_flush(struct fxs_line *line);
int fxs_line_call_state(struct fxs_line *line, u32 state);
unsigned int fxs_line_playback_room(struct fxs_line *line);
unsigned int fxs_line_playback_queue(struct fxs_line *line, const s16 *pcm,
				     unsigned int count);

/* fxs_cdev.c */
extern const struct file_operations fxs_cdev_fops;

/* fxs_configfs.c */
int fxs_configfs_init(void);
void fxs_configfs_exit(void);
int fxs_configfs_line_add(struct fxs_line *line);
void fxs_configfs_line_remove(struct fxs_line *line);

#endif /* _FXS_CORE_H */
