/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * openfxs: userspace ABI of the FXS line character device (/dev/fxsN).
 *
 * Every structure has a fixed size and the same layout on 32- and 64-bit
 * (only __u32 and __aligned_u64 fields, explicit padding). Padding must be
 * zero filled by userspace; the kernel returns -EINVAL otherwise. Unknown
 * ioctls return -ENOTTY.
 */
#ifndef _UAPI_LINUX_FXS_H
#define _UAPI_LINUX_FXS_H

#include <linux/const.h>
#include <linux/ioctl.h>
#include <linux/types.h>

/*
 * The ABI revision reported in &struct fxs_line_info.api_version.
 * 2: the ioctl code moved from 0xB5 (rpmsg's) to 0xC4.
 * 3: &struct fxs_line_info.features, %FXS_IOC_CALL_STATE and the CPC
 *    events.
 */
#define FXS_API_VERSION		3

/* Maximum length of a line name, including the terminating NUL. */
#define FXS_MAX_NAME_SIZE	32

/* PCM format of write() and of the line's audio path. */
#define FXS_PCM_RATE_HZ		8000
#define FXS_PCM_FRAME_SAMPLES	80	/* one 10 ms frame */

/**
 * enum fxs_line_caps - capability flags of a line
 * @FXS_LINE_CAP_RING: the line can ring the phone
 * @FXS_LINE_CAP_PCM: the line has an audio path (tones, playback, software
 * DTMF detection)
 * @FXS_LINE_CAP_HW_DTMF: the chip decodes DTMF digits itself; they arrive as
 * %FXS_EVENT_DTMF like the ones of the software detector
 */
enum fxs_line_caps {
	FXS_LINE_CAP_RING	= _BITULL(0),
	FXS_LINE_CAP_PCM	= _BITULL(1),
	FXS_LINE_CAP_HW_DTMF	= _BITULL(2),
};

/**
 * enum fxs_features - ABI features of the running kernel module
 * @FXS_FEATURE_CALL_STATE: %FXS_IOC_CALL_STATE is there: connect polarity,
 * Calling Party Control (%FXS_EVENT_CPC_START, %FXS_EVENT_CPC_DONE)
 *
 * A kernel without a feature leaves its bit clear (older kernels report 0:
 * the field was padding).
 */
enum fxs_features {
	FXS_FEATURE_CALL_STATE	= _BITUL(0),
};

/**
 * struct fxs_line_info - information about a line
 * @name: the line's name ("fxs0", ...), NUL terminated
 * @index: the N of /dev/fxsN
 * @api_version: %FXS_API_VERSION of the running kernel module
 * @caps: capability flags, a set of &enum fxs_line_caps
 * @offhook: 1 when the handset is off-hook (debounced state), else 0
 * @ringing: 1 while a ring cadence is running, else 0
 * @playback_queue_samples: capacity of the playback queue in samples
 * @features: ABI features, a set of &enum fxs_features
 * @padding: reserved for future use, zero filled by the kernel
 */
struct fxs_line_info {
	char name[FXS_MAX_NAME_SIZE];
	__u32 index;
	__u32 api_version;
	__aligned_u64 caps;
	__u32 offhook;
	__u32 ringing;
	__u32 playback_queue_samples;
	__u32 features;
	__u32 padding[4];
};

/**
 * enum fxs_event_type - type of a &struct fxs_event
 * @FXS_EVENT_OFFHOOK: the handset went off-hook; value is 0
 * @FXS_EVENT_ONHOOK: the handset went on-hook for longer than the line's
 * flash maximum; value is the on-hook time in ms at which it was decided
 * @FXS_EVENT_FLASH: an on-hook between the flash minimum and maximum; value
 * is its duration in ms
 * @FXS_EVENT_DTMF: a DTMF digit started; value is its ASCII character, one of
 * "0123456789*#ABCD"
 * @FXS_EVENT_RING_START: a ring cadence started; value is 0
 * @FXS_EVENT_RING_STOP: a ring cadence ended; value is an
 * &enum fxs_ring_stop_reason
 * @FXS_EVENT_PLAYBACK_DONE: the playback queue ran empty after data was
 * written, or was flushed; value is an &enum fxs_playback_done_reason
 * @FXS_EVENT_TONE_DONE: a tone with a duration ended, or a tone was stopped;
 * value is the &enum fxs_tone that ended
 * @FXS_EVENT_CPC_START: Calling Party Control opened the loop (no battery);
 * value is how long it stays open in ms (the line's cpc_duration_ms)
 * @FXS_EVENT_CPC_DONE: the battery is back after %FXS_EVENT_CPC_START;
 * value is an &enum fxs_cpc_done_reason
 */
enum fxs_event_type {
	FXS_EVENT_OFFHOOK	= 1,
	FXS_EVENT_ONHOOK	= 2,
	FXS_EVENT_FLASH		= 3,
	FXS_EVENT_DTMF		= 4,
	FXS_EVENT_RING_START	= 5,
	FXS_EVENT_RING_STOP	= 6,
	FXS_EVENT_PLAYBACK_DONE	= 7,
	FXS_EVENT_TONE_DONE	= 8,
	FXS_EVENT_CPC_START	= 9,
	FXS_EVENT_CPC_DONE	= 10,
};

/**
 * enum fxs_ring_stop_reason - value of %FXS_EVENT_RING_STOP
 * @FXS_RING_STOP_REQUESTED: stopped by %FXS_IOC_RING_STOP
 * @FXS_RING_STOP_ANSWERED: stopped because the handset went off-hook
 * @FXS_RING_STOP_EXPIRED: the cadence's total duration ran out
 */
enum fxs_ring_stop_reason {
	FXS_RING_STOP_REQUESTED	= 0,
	FXS_RING_STOP_ANSWERED	= 1,
	FXS_RING_STOP_EXPIRED	= 2,
};

/**
 * enum fxs_playback_done_reason - value of %FXS_EVENT_PLAYBACK_DONE
 * @FXS_PLAYBACK_DRAINED: everything written was played
 * @FXS_PLAYBACK_FLUSHED: the queue was discarded by %FXS_IOC_PLAYBACK_FLUSH
 */
enum fxs_playback_done_reason {
	FXS_PLAYBACK_DRAINED	= 0,
	FXS_PLAYBACK_FLUSHED	= 1,
};

/**
 * enum fxs_cpc_done_reason - value of %FXS_EVENT_CPC_DONE
 * @FXS_CPC_EXPIRED: the open-loop time ran out
 * @FXS_CPC_CANCELLED: a new %FXS_IOC_CALL_STATE ended it early
 */
enum fxs_cpc_done_reason {
	FXS_CPC_EXPIRED		= 0,
	FXS_CPC_CANCELLED	= 1,
};

/**
 * struct fxs_event - one line event, as returned by read()
 * @timestamp_ns: CLOCK_MONOTONIC time of the event in nanoseconds
 * @seqno: sequence number of the event on its line, starting at 1 and
 * counting every event, including the ones a reader dropped
 * @type: the event type, an &enum fxs_event_type
 * @value: type-specific value, see &enum fxs_event_type
 * @dropped: number of events this reader lost to queue overflow just before
 * this one (the oldest ones are dropped)
 * @padding: reserved for future use, zero filled by the kernel
 */
struct fxs_event {
	__aligned_u64 timestamp_ns;
	__u32 seqno;
	__u32 type;
	__u32 value;
	__u32 dropped;
	__u32 padding[2];
};

/**
 * enum fxs_tone - tones of the tone generator
 * @FXS_TONE_DIAL: dial tone (default 350+440 Hz, continuous)
 * @FXS_TONE_BUSY: busy tone (default 480+620 Hz, 0.5 s on, 0.5 s off)
 * @FXS_TONE_RINGBACK: ring-back tone (default 440+480 Hz, 2 s on, 4 s off)
 * @FXS_TONE_REORDER: reorder tone (default 480+620 Hz, 0.25 s on, 0.25 s off)
 * @FXS_TONE_CONFIRM: confirmation tone (default 600 Hz, three short beeps)
 * @FXS_TONE_SIT: special information tone (default 985/1428/1777 Hz
 * sequence)
 *
 * Each tone's frequencies, levels and cadence are a configfs attribute of
 * the line in SPA tone script syntax (tone_dial, tone_busy, ...).
 */
enum fxs_tone {
	FXS_TONE_DIAL		= 1,
	FXS_TONE_BUSY		= 2,
	FXS_TONE_RINGBACK	= 3,
	FXS_TONE_REORDER	= 4,
	FXS_TONE_CONFIRM	= 5,
	FXS_TONE_SIT		= 6,
};

/**
 * struct fxs_tone_request - argument of %FXS_IOC_TONE_START
 * @tone: the tone to play, an &enum fxs_tone
 * @duration_ms: how long to play it; 0 plays it until it is stopped or its
 * script ends
 * @padding: reserved for future use, must be zero filled
 */
struct fxs_tone_request {
	__u32 tone;
	__u32 duration_ms;
	__u32 padding[2];
};

/**
 * enum fxs_call_state - the call on a line, as the SIP agent sees it
 * @FXS_CALL_IDLE: no call is connected (the call ended, or never was);
 * the line takes its idle polarity and a running CPC ends
 * @FXS_CALL_CONNECTED_OUTGOING: the line's phone called out and the far end
 * answered; the line takes its caller_conn_polarity
 * @FXS_CALL_CONNECTED_INCOMING: a call to the phone was answered; the line
 * takes its callee_conn_polarity
 * @FXS_CALL_FAR_END_DISCONNECTED: the far end hung up a connected call; the
 * line takes its idle polarity and, when its cpc_duration_ms is not 0,
 * opens the loop for cpc_duration_ms after cpc_delay_ms (Calling Party
 * Control); the call is idle afterwards
 */
enum fxs_call_state {
	FXS_CALL_IDLE			= 0,
	FXS_CALL_CONNECTED_OUTGOING	= 1,
	FXS_CALL_CONNECTED_INCOMING	= 2,
	FXS_CALL_FAR_END_DISCONNECTED	= 3,
};

/**
 * struct fxs_call_request - argument of %FXS_IOC_CALL_STATE
 * @state: the new state, an &enum fxs_call_state
 * @padding: reserved for future use, must be zero filled
 */
struct fxs_call_request {
	__u32 state;
	__u32 padding[3];
};

/*
 * The ioctl code, free in the kernel's
 * Documentation/userspace-api/ioctl/ioctl-number.rst (6.1 to 6.12); make
 * check-uapi proves it against 6.1's table. Numbers 0x01-0x07 are in use.
 */
#define FXS_IOC_MAGIC		0xC4

/* Get a &struct fxs_line_info. */
#define FXS_IOC_GET_LINE_INFO	_IOR(FXS_IOC_MAGIC, 0x01, struct fxs_line_info)
/* Ring the phone with the line's configured cadence; -EBUSY when off-hook. */
#define FXS_IOC_RING_START	_IO(FXS_IOC_MAGIC, 0x02)
/* Stop ringing; no error when not ringing. */
#define FXS_IOC_RING_STOP	_IO(FXS_IOC_MAGIC, 0x03)
/* Play a tone, replacing any tone already playing. */
#define FXS_IOC_TONE_START	_IOW(FXS_IOC_MAGIC, 0x04, struct fxs_tone_request)
/* Stop the tone; no error when none plays. */
#define FXS_IOC_TONE_STOP	_IO(FXS_IOC_MAGIC, 0x05)
/* Discard queued playback PCM. */
#define FXS_IOC_PLAYBACK_FLUSH	_IO(FXS_IOC_MAGIC, 0x06)
/*
 * Tell the line the call state (&struct fxs_call_request): -EINVAL for an
 * unknown state, non-zero padding, or %FXS_CALL_FAR_END_DISCONNECTED when
 * no call is connected. Needs %FXS_FEATURE_CALL_STATE.
 */
#define FXS_IOC_CALL_STATE	_IOW(FXS_IOC_MAGIC, 0x07, struct fxs_call_request)

#endif /* _UAPI_LINUX_FXS_H */
