/* SPDX-License-Identifier: GPL-2.0 */
/*
 * openfxs backend API: what a SLIC driver (fxs_sim, fxs_si321x, ...) uses to
 * register its lines with the fxs core.
 *
 * A backend fills a struct fxs_line_ops and registers one struct fxs_line per
 * FXS port. The core owns everything above the chip: hook debounce and
 * flash, DTMF detection, ring cadence, tones, playback, events, /dev/fxsN
 * and configfs.
 *
 * The backend's audio clock drives the core: every FXS_FRAME_MS (10 ms) it
 * calls fxs_line_frame() with FXS_PCM_FRAME_SAMPLES uplink samples and
 * receives as many downlink samples. All the core's timing (debounce, flash,
 * cadences, tones, playback) runs on that frame clock.
 *
 * The contract between a backend and the core:
 *
 * - fxs_line_frame(), fxs_line_hook_changed() and fxs_line_hw_digit() may
 *   be called from any context, hard interrupts included, but not
 *   concurrently for one line. A backend should keep the frame's work out
 *   of hard IRQ when it can (fxs_sim uses a soft hrtimer).
 * - A backend stops calling them for a line (cancels its timer, frees its
 *   IRQ, flushes its work) before it calls fxs_line_unregister() for it;
 *   with devm_fxs_line_register(), the devm action that stops the clock
 *   must be added after the lines, so that it runs first. The core warns
 *   once (WARN_ONCE) about a call after fxs_line_unregister() and ignores
 *   it; once the last open file is closed the line's memory is gone and
 *   such a call is a use after free.
 * - The ops (struct fxs_line_ops) are called with the core's line lock held
 *   and must not sleep; they are never called once fxs_line_unregister()
 *   has returned.
 */
#ifndef _FXS_DRIVER_H
#define _FXS_DRIVER_H

#include <linux/types.h>
#include <uapi/linux/fxs.h>

/*
 * Length of one frame of the audio clock, in ms: FXS_PCM_FRAME_SAMPLES at
 * FXS_PCM_RATE_HZ. The engines (hook, cadence, tone) count time in it.
 */
#define FXS_FRAME_MS	(FXS_PCM_FRAME_SAMPLES * 1000 / FXS_PCM_RATE_HZ)

struct device;
struct fxs_line;

/**
 * enum fxs_linefeed - SLIC linefeed states
 * @FXS_LINEFEED_OPEN: no loop current, no battery
 * @FXS_LINEFEED_FORWARD_ACTIVE: normal talk/idle state
 * @FXS_LINEFEED_REVERSE_ACTIVE: polarity reversed
 * @FXS_LINEFEED_RINGING: the ring generator drives the line
 */
enum fxs_linefeed {
	FXS_LINEFEED_OPEN,
	FXS_LINEFEED_FORWARD_ACTIVE,
	FXS_LINEFEED_REVERSE_ACTIVE,
	FXS_LINEFEED_RINGING,
};

/**
 * enum fxs_line_alarm - a line's fault state, configfs "alarm"
 * @FXS_LINE_ALARM_NONE: no fault
 * @FXS_LINE_ALARM_POWER: the chip shut the line down after a power or
 * thermal alarm and it stays open
 */
enum fxs_line_alarm {
	FXS_LINE_ALARM_NONE,
	FXS_LINE_ALARM_POWER,
};

/**
 * struct fxs_line_ops - what a backend does for the core
 * @set_linefeed: switch the SLIC linefeed; the core uses
 * %FXS_LINEFEED_RINGING for the on phases of a ring cadence,
 * %FXS_LINEFEED_OPEN while Calling Party Control removes the battery, and
 * %FXS_LINEFEED_FORWARD_ACTIVE or %FXS_LINEFEED_REVERSE_ACTIVE otherwise,
 * as the line's idle or connect polarity says
 * @set_ring_params: optional; program the ring generator's frequency (Hz) and
 * voltage (V rms), called at registration and when configfs changes them
 * @set_gains: optional; program the analog gains in dB (-12..6): @input_db
 * on the signal from the phone, @output_db on the signal to it (a ProSLIC's
 * transmit and receive path gains); called at registration and when
 * configfs changes the line's settings. Without it the gains are stored
 * only.
 *
 * The ops may be called with the core's line lock held and from the frame
 * callback's context: they must not sleep. A chip on a slow bus defers the
 * register writes to a work item.
 */
struct fxs_line_ops {
	int (*set_linefeed)(struct fxs_line *line, enum fxs_linefeed feed);
	int (*set_ring_params)(struct fxs_line *line, u32 freq_hz, u32 voltage_v);
	int (*set_gains)(struct fxs_line *line, int input_db, int output_db);
};

/**
 * struct fxs_line_config - what a backend tells the core about a line
 * @ops: the line's operations
 * @caps: &enum fxs_line_caps flags
 * @drvdata: backend data, returned by fxs_line_get_drvdata()
 */
struct fxs_line_config {
	const struct fxs_line_ops *ops;
	u64 caps;
	void *drvdata;
};

struct fxs_line *fxs_line_register(struct device *parent,
				   const struct fxs_line_config *config);
void fxs_line_unregister(struct fxs_line *line);
struct fxs_line *devm_fxs_line_register(struct device *parent,
					const struct fxs_line_config *config);

void *fxs_line_get_drvdata(struct fxs_line *line);
const char *fxs_line_name(struct fxs_line *line);

void fxs_line_frame(struct fxs_line *line, const s16 *uplink, s16 *downlink);
void fxs_line_hook_changed(struct fxs_line *line, bool offhook);
void fxs_line_hw_digit(struct fxs_line *line, char digit);
void fxs_line_set_alarm(struct fxs_line *line, enum fxs_line_alarm alarm);

#endif /* _FXS_DRIVER_H */
