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
 * - fxs_line_frame(), fxs_line_hook_changed(), fxs_line_hw_digit() and
 *   fxs_line_set_alarm() may be called from any context, hard interrupts
 *   included. One clock owner calls fxs_line_frame() for a line, never two
 *   at once; the others may come from another context at the same time
 *   (a chip's interrupt thread while a PCM bus driver runs the frames).
 *   A backend should keep the frame's work out of hard IRQ when it can
 *   (fxs_sim uses a soft hrtimer).
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
 *
 * PCM/TDM bus drivers. On a real board a chip's voice travels on a PCM/TDM
 * bus that another driver owns (the SoC's PCM, TDM or McBSP driver); the
 * chip driver only sets the chip's time slot. Such a line is registered
 * with @pcm_ops in its struct fxs_line_config, and without
 * %FXS_LINE_CAP_PCM: until a bus driver attaches, its backend runs the
 * frame clock without audio (fxs_line_frame(line, NULL, NULL)).
 *
 * - The bus driver finds the line of a codec with fxs_pcm_attach() (the
 *   chip's struct device) or fxs_pcm_attach_fwnode() (its firmware node,
 *   e.g. a phandle the bus's own DT node holds), in process context. The
 *   core calls the backend's pcm_ops->attach(), which stops the backend's
 *   own fxs_line_frame() calls before it returns; the line then reports
 *   %FXS_LINE_CAP_PCM and the bus driver is its clock owner: it calls
 *   fxs_line_frame(line, uplink, downlink) every 10 ms, with the slot's
 *   %FXS_PCM_FRAME_SAMPLES samples each way. -EPROBE_DEFER: no line of
 *   that codec with pcm_ops (yet); -EBUSY: another bus driver has it;
 *   -ENODEV: the line is going away.
 * - A write() to /dev/fxsN that is under way when the bus driver detaches
 *   stops there: what it had queued is flushed, the rest is refused
 *   (-EOPNOTSUPP, or the short count of what went before).
 * - fxs_pcm_detach() gives the clock back: the bus driver stops its
 *   fxs_line_frame() calls first. The line loses %FXS_LINE_CAP_PCM (a
 *   playing tone ends, queued playback is flushed, both with their
 *   events) and pcm_ops->detach() resumes the backend's own clock. Each
 *   successful attach is paired with one fxs_pcm_detach(): it also drops
 *   the reference that keeps the line's memory.
 * - When the backend unregisters an attached line (the chip unbinds), the
 *   core first calls the bus driver's client->stop(), which stops its
 *   fxs_line_frame() calls for the line before it returns (it may sleep;
 *   it must not call fxs_pcm_detach()). The bus driver calls
 *   fxs_pcm_detach() later, which then only drops the reference. The
 *   backend's pcm_ops->detach() is not called for a line it unregisters.
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
 * struct fxs_line_pcm_ops - a line whose voice is on a PCM/TDM bus
 * @attach: a bus driver takes over the frame clock: stop calling
 * fxs_line_frame() for the line before returning; an error refuses it
 * @detach: the bus driver stopped its frames: resume the own clock
 *
 * Called in process context without the core's line lock (they may
 * sleep), one at a time, never after fxs_line_unregister() began.
 */
struct fxs_line_pcm_ops {
	int (*attach)(struct fxs_line *line);
	void (*detach)(struct fxs_line *line);
};

/**
 * struct fxs_line_config - what a backend tells the core about a line
 * @ops: the line's operations
 * @caps: &enum fxs_line_caps flags; %FXS_LINE_CAP_PCM only for a backend
 * that carries the audio itself (not with @pcm_ops)
 * @drvdata: backend data, returned by fxs_line_get_drvdata()
 * @pcm_ops: optional; the line's audio is on a PCM/TDM bus whose driver
 * attaches with fxs_pcm_attach() (one such line per backend device)
 */
struct fxs_line_config {
	const struct fxs_line_ops *ops;
	u64 caps;
	void *drvdata;
	const struct fxs_line_pcm_ops *pcm_ops;
};

/**
 * struct fxs_pcm_client - a PCM/TDM bus driver attached to a line
 * @stop: the line goes away while attached: stop calling fxs_line_frame()
 * for it before returning (may sleep, must not call fxs_pcm_detach())
 */
struct fxs_pcm_client {
	void (*stop)(struct fxs_line *line, void *data);
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

struct fwnode_handle;
struct fxs_line *fxs_pcm_attach(struct device *codec,
				const struct fxs_pcm_client *client, void *data);
struct fxs_line *fxs_pcm_attach_fwnode(struct fwnode_handle *codec,
				       const struct fxs_pcm_client *client,
				       void *data);
void fxs_pcm_detach(struct fxs_line *line);

#endif /* _FXS_DRIVER_H */
