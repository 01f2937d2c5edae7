// SPDX-License-Identifier: GPL-2.0
/*
 * fxs_si321x.c - Silicon Labs Si3210/Si3215 ProSLIC SPI driver: one FXS
 * line per chip, registered with the fxs core.
 *
 * Probe resets the chip, checks its part and revision, programs the
 * indirect registers, powers up the DC-DC converter and checks the battery
 * voltage, calibrates, and sets the PCM time slots and interrupts. The
 * core owns debounce, flash, cadences, tones and events: the driver only
 * switches the linefeed, programs the ring oscillator from the line's
 * settings and reports loop closure, Si3210 DTMF digits and power alarms.
 *
 * Everything on the bus runs in process context under s->lock: the 10 ms
 * frame tick (a delayed work), which also polls the status registers when
 * the device has no interrupt, and the threaded interrupt handler. The
 * line ops run under the core's spinlock, so they only note the request
 * and kick the tick. The voice is on the board's PCM bus: while its
 * driver is attached (fxs_pcm_attach()) it runs the line's frames with
 * the audio, and the tick only writes and polls registers.
 */

#include <linux/delay.h>
#include <linux/gpio/consumer.h>
#include <linux/interrupt.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/property.h>
#include <linux/spi/spi.h>
#include <linux/workqueue.h>

#include "fxs_driver.h"
#include "fxs_si321x_regs.h"

#define SI321X_DRIVER_NAME	"fxs-si321x"
#define SI321X_FRAME_NS		(FXS_FRAME_MS * NSEC_PER_MSEC)
/* a late tick catches up at most this many frames */
#define SI321X_MAX_CATCHUP	50
/* the battery must reach -72 V (0xc0 steps of 376 mV) within 500 ms */
#define SI321X_VBAT_MIN		0xc0
#define SI321X_POWERUP_MS	500
#define SI321X_CAL_MS		2000
/* a chip that alarms this many times stays open */
#define SI321X_MAX_ALARMS	3
/* PCM: 16-bit linear samples, so a time slot is 16 PCLKs */
#define SI321X_SLOT_PCLKS	16
#define SI321X_MAX_SLOT		(SI321X_PCM_START_MAX / SI321X_SLOT_PCLKS)

enum si321x_part { SI3210, SI3215 };

static const char *const si321x_part_names[] = { "Si3210", "Si3215" };

/**
 * struct si321x - one chip, one line
 * @spi: the device
 * @line: its line in the fxs core
 * @part: what the firmware node says and the chip confirmed
 * @lock: serializes the bus and the fields up to @pcm_bus
 * @tick: the frame clock, and the status poll without an interrupt
 * @start: when the frame clock started
 * @frames: frames given to the core since @start
 * @offhook: the loop state last reported to the core
 * @linefeed: the linefeed last written
 * @alarms: power alarms seen
 * @pcm_bus: a PCM bus driver runs the frames, not @tick
 * @req_lock: protects the requests below, taken under the core's lock
 * @req_linefeed: the linefeed the core asks for
 * @req_freq_hz: the ring frequency the core asks for
 * @req_voltage_v: the ring voltage (rms) the core asks for
 * @req_dirty: which requests are pending (BIT(0) linefeed, BIT(1) ring)
 * @running: @tick runs: the ops may kick it
 */
struct si321x {
	struct spi_device *spi;
	struct fxs_line *line;
	enum si321x_part part;
	struct mutex lock;	/* the bus, and the state up to @pcm_bus */
	struct delayed_work tick;
	ktime_t start;
	u64 frames;
	bool offhook;
	u8 linefeed;
	unsigned int alarms;
	bool pcm_bus;
	spinlock_t req_lock;	/* the requests, under the core's lock */
	u8 req_linefeed;
	u32 req_freq_hz;
	u32 req_voltage_v;
	unsigned int req_dirty;
	bool running;
};

#define SI321X_REQ_LINEFEED	BIT(0)
#define SI321X_REQ_RING		BIT(1)

/*
 * Indirect registers at reset are undefined; these are the datasheets'
 * recommended values (Si3210 numbering). The ring oscillator (19..22) is
 * programmed from the line's settings instead.
 */
static const u16 si321x_ir_init[][2] = {
	{ 0, 0x55c2 }, { 1, 0x51e6 }, { 2, 0x4b85 }, { 3, 0x4937 },
	{ 4, 0x3333 }, { 5, 0x0202 }, { 6, 0x0202 }, { 7, 0x0198 },
	{ 8, 0x0198 }, { 9, 0x0611 }, { 10, 0x0202 }, { 11, 0x00e5 },
	{ 12, 0x0a1c }, { 13, 0 }, { 14, 0 }, { 15, 0 }, { 16, 0 },
	{ 17, 0 }, { 18, 0 }, { 23, 0 }, { 24, 0 }, { 25, 0 },
	{ 26, 0x4000 }, { 27, 0x4000 }, { 28, 0x1000 }, { 29, 0x3600 },
	{ 30, 0x1000 }, { 31, 0x0200 }, { 32, 0x07c0 }, { 33, 0x2600 },
	{ 34, 0x1b80 }, { 35, 0x8000 }, { 36, 0x0320 }, { 37, 0x008c },
	{ 38, 0x0100 }, { 39, 0x0010 }, { 40, 0x0c00 }, { 41, 0x0c00 },
	{ 42, 0x1000 }, { 43, 0x1000 },
};

static int si321x_read(struct si321x *s, u8 reg)
{
	u8 cmd = reg | SI321X_READ, val;
	int ret;

	lockdep_assert_held(&s->lock);
	ret = spi_write_then_read(s->spi, &cmd, 1, &val, 1);
	return ret ? ret : val;
}

static int si321x_write(struct si321x *s, u8 reg, u8 val)
{
	u8 buf[2] = { reg, val };

	lockdep_assert_held(&s->lock);
	return spi_write(s->spi, buf, sizeof(buf));
}

/* the Si3215 has no DTMF decoder and numbers the others from 0 */
static u8 si321x_ir_addr(const struct si321x *s, u8 ir)
{
	if (s->part == SI3210)
		return ir;
	if (ir <= SI321X_IR_DTMF_LAST || (ir >= 23 && ir <= 25) || ir == 42)
		return SI321X_IR_NONE;
	return ir <= 40 ? ir - 13 : ir + 23;
}

static int si321x_ind_wait(struct si321x *s)
{
	int i, ret;

	for (i = 0; i < 100; i++) {
		ret = si321x_read(s, SI321X_IND_STATUS);
		if (ret < 0 || !(ret & SI321X_IND_BUSY))
			return min(ret, 0);
	}
	return -ETIMEDOUT;
}

static int si321x_write_ind(struct si321x *s, u8 ir, u16 val)
{
	u8 addr = si321x_ir_addr(s, ir);
	int ret;

	if (addr == SI321X_IR_NONE)
		return 0;
	ret = si321x_ind_wait(s);
	if (!ret)
		ret = si321x_write(s, SI321X_IND_DATA_LO, val & 0xff);
	if (!ret)
		ret = si321x_write(s, SI321X_IND_DATA_HI, val >> 8);
	if (!ret)
		ret = si321x_write(s, SI321X_IND_ADDR, addr);
	return ret;
}

/* poll direct register @reg until (value & @mask) == @want or @ms pass */
static int si321x_poll(struct si321x *s, u8 reg, u8 mask, u8 want,
		       unsigned int ms)
{
	unsigned long end = jiffies + msecs_to_jiffies(ms);
	int ret;

	for (;;) {
		ret = si321x_read(s, reg);
		if (ret < 0 || (ret & mask) == want)
			return ret;
		if (time_after(jiffies, end))
			return -ETIMEDOUT;
		usleep_range(1000, 2000);
	}
}

/* x in Q30, |x| < 1: cos(x) (@odd false) or sin(x), Taylor to x^13 */
static s64 si321x_taylor_q30(s64 x, bool odd)
{
	s64 x2 = (x * x) >> 30, term = odd ? x : 1LL << 30, sum = term;
	int k;

	for (k = odd ? 2 : 1; k <= 7; k++) {
		term = -div_s64((term * x2) >> 30, odd ? (2 * k - 2) * (2 * k - 1)
							: (2 * k - 1) * 2 * k);
		sum += term;
	}
	return sum;
}

/**
 * si321x_ring_regs() - the ring oscillator's coefficients
 * @freq_hz: ring frequency
 * @voltage_v: ring voltage, rms
 * @coeff: indirect register 20, 2^15 cos(2 pi f / 1000 Hz)
 * @ampl: indirect register 21, 2^13 tan(pi f / 1000 Hz) Vpk / 96 V, which
 * is the datasheet's 2^15 / 4 sqrt((1 - cos) / (1 + cos)) Vpk / 96 V
 */
static void si321x_ring_regs(u32 freq_hz, u32 voltage_v, u16 *coeff, u16 *ampl)
{
	/* pi / 1000 in Q30, and sqrt(2) in Q31 */
	const s64 pi_1000 = 3373259;
	const u32 sqrt2 = 3037000500U;
	s64 half = pi_1000 * freq_hz, c = si321x_taylor_q30(2 * half, false);
	s64 tan = div64_s64(si321x_taylor_q30(half, true) << 30,
			    si321x_taylor_q30(half, false));
	u64 a = div_u64((u64)voltage_v * tan * 8192, 96);

	*coeff = (c * 32768 + (1LL << 29)) >> 30;
	*ampl = (mul_u64_u32_shr(a, sqrt2, 31) + (1ULL << 29)) >> 30;
}

static int si321x_set_ring(struct si321x *s, u32 freq_hz, u32 voltage_v)
{
	u16 coeff, ampl;
	int ret;

	si321x_ring_regs(freq_hz, voltage_v, &coeff, &ampl);
	ret = si321x_write_ind(s, SI321X_IR_RING_OFFSET, 0);
	if (!ret)
		ret = si321x_write_ind(s, SI321X_IR_RING_COEFF, coeff);
	if (!ret)
		ret = si321x_write_ind(s, SI321X_IR_RING_AMPL, ampl);
	if (!ret)
		ret = si321x_write_ind(s, SI321X_IR_RING_PHASE, 0);
	return ret;
}

static int si321x_set_linefeed(struct si321x *s, u8 lf)
{
	int ret = si321x_write(s, SI321X_LINEFEED, lf);

	if (!ret)
		s->linefeed = lf;
	return ret;
}

/* the requests the ops noted, written to the chip */
static void si321x_apply(struct si321x *s)
{
	unsigned int dirty;
	u32 freq, volt;
	u8 lf;

	spin_lock_irq(&s->req_lock);
	dirty = s->req_dirty;
	s->req_dirty = 0;
	lf = s->req_linefeed;
	freq = s->req_freq_hz;
	volt = s->req_voltage_v;
	spin_unlock_irq(&s->req_lock);
	if ((dirty & SI321X_REQ_RING) && si321x_set_ring(s, freq, volt))
		dev_err(&s->spi->dev, "cannot program the ring oscillator\n");
	if ((dirty & SI321X_REQ_LINEFEED) && s->alarms < SI321X_MAX_ALARMS &&
	    si321x_set_linefeed(s, lf))
		dev_err(&s->spi->dev, "cannot set the linefeed\n");
}

static const char si321x_dtmf_digits[] = "D1234567890*#ABC";

static void si321x_power_alarm(struct si321x *s, u8 status)
{
	s->alarms++;
	dev_err(&s->spi->dev,
		"power alarm on transistor Q%lu (status 0x%02x): the chip opened the line%s\n",
		__ffs(status & SI321X_IRQ2_POWER) - 1, status,
		s->alarms < SI321X_MAX_ALARMS ? ", restoring it" :
		", too many alarms: it stays open");
	s->linefeed = SI321X_LF_OPEN;
	if (s->alarms >= SI321X_MAX_ALARMS) {
		fxs_line_set_alarm(s->line, FXS_LINE_ALARM_POWER);
	} else {
		spin_lock_irq(&s->req_lock);
		if (s->req_linefeed == SI321X_LF_RINGING)
			s->req_linefeed = SI321X_LF_FORWARD;
		s->req_dirty |= SI321X_REQ_LINEFEED;
		spin_unlock_irq(&s->req_lock);
	}
}

/* the interrupt status and the loop: from the IRQ thread or the poll */
static void si321x_service(struct si321x *s)
{
	int st2, st3 = 0, loop, dtmf;
	bool off;

	lockdep_assert_held(&s->lock);
	st2 = si321x_read(s, SI321X_IRQ_STATUS2);
	if (s->part == SI3210)
		st3 = si321x_read(s, SI321X_IRQ_STATUS3);
	loop = si321x_read(s, SI321X_LOOP_STATUS);
	if (st2 < 0 || st3 < 0 || loop < 0)
		return;
	if (st2)
		si321x_write(s, SI321X_IRQ_STATUS2, st2);
	if (st3)
		si321x_write(s, SI321X_IRQ_STATUS3, st3);
	if (st2 & SI321X_IRQ2_POWER)
		si321x_power_alarm(s, st2);
	if (st3 & SI321X_IRQ3_DTMF) {
		dtmf = si321x_read(s, SI321X_DTMF);
		if (dtmf >= 0 && (dtmf & SI321X_DTMF_VALID))
			fxs_line_hw_digit(s->line,
					  si321x_dtmf_digits[SI321X_DTMF_CODE(dtmf)]);
	}
	/* an open loop carries no current: keep the last state */
	off = loop & (SI321X_LOOP_CLOSED | SI321X_LOOP_RING_TRIP);
	if (s->linefeed != SI321X_LF_OPEN && off != s->offhook) {
		s->offhook = off;
		fxs_line_hook_changed(s->line, off);
	}
}

static void si321x_tick(struct work_struct *work)
{
	struct si321x *s = container_of(work, struct si321x, tick.work);
	u64 due;

	mutex_lock(&s->lock);
	si321x_apply(s);
	if (s->spi->irq <= 0)
		si321x_service(s);
	due = div_u64(ktime_to_ns(ktime_sub(ktime_get(), s->start)),
		      SI321X_FRAME_NS);
	if (due - s->frames > SI321X_MAX_CATCHUP)
		s->frames = due - SI321X_MAX_CATCHUP;
	for (; s->frames < due && !s->pcm_bus; s->frames++)
		fxs_line_frame(s->line, NULL, NULL);
	mutex_unlock(&s->lock);
	schedule_delayed_work(&s->tick, msecs_to_jiffies(FXS_FRAME_MS));
}

static irqreturn_t si321x_irq(int irq, void *data)
{
	struct si321x *s = data;

	mutex_lock(&s->lock);
	si321x_service(s);
	mutex_unlock(&s->lock);
	return IRQ_HANDLED;
}

/* from the ops, under the core's lock: note and kick the tick */
static int si321x_request(struct fxs_line *line, unsigned int what, u8 lf,
			  u32 freq_hz, u32 voltage_v)
{
	struct si321x *s = fxs_line_get_drvdata(line);
	unsigned long flags;

	spin_lock_irqsave(&s->req_lock, flags);
	if (what & SI321X_REQ_LINEFEED)
		s->req_linefeed = lf;
	if (what & SI321X_REQ_RING) {
		s->req_freq_hz = freq_hz;
		s->req_voltage_v = voltage_v;
	}
	s->req_dirty |= what;
	if (s->running)
		mod_delayed_work(system_wq, &s->tick, 0);
	spin_unlock_irqrestore(&s->req_lock, flags);
	return 0;
}

static int si321x_op_linefeed(struct fxs_line *line, enum fxs_linefeed feed)
{
	static const u8 map[] = {
		[FXS_LINEFEED_OPEN] = SI321X_LF_OPEN,
		[FXS_LINEFEED_FORWARD_ACTIVE] = SI321X_LF_FORWARD,
		[FXS_LINEFEED_REVERSE_ACTIVE] = SI321X_LF_REVERSE,
		[FXS_LINEFEED_RINGING] = SI321X_LF_RINGING,
	};

	if (feed >= ARRAY_SIZE(map))
		return -EINVAL;
	return si321x_request(line, SI321X_REQ_LINEFEED, map[feed], 0, 0);
}

static int si321x_op_ring(struct fxs_line *line, u32 freq_hz, u32 voltage_v)
{
	return si321x_request(line, SI321X_REQ_RING, 0, freq_hz, voltage_v);
}

static const struct fxs_line_ops si321x_line_ops = {
	.set_linefeed = si321x_op_linefeed,
	.set_ring_params = si321x_op_ring,
};

/* the bus driver takes the frames (@on) or gives them back */
static void si321x_pcm_bus(struct fxs_line *line, bool on)
{
	struct si321x *s = fxs_line_get_drvdata(line);

	mutex_lock(&s->lock);
	s->pcm_bus = on;
	s->start = ktime_get();
	s->frames = 0;
	mutex_unlock(&s->lock);
	dev_info(&s->spi->dev, "%s: frames from the %s\n", fxs_line_name(line),
		 on ? "PCM bus" : "chip driver's clock");
}

static int si321x_pcm_attach(struct fxs_line *line)
{
	si321x_pcm_bus(line, true);
	return 0;
}

static void si321x_pcm_detach(struct fxs_line *line)
{
	si321x_pcm_bus(line, false);
}

static const struct fxs_line_pcm_ops si321x_pcm_ops = {
	.attach = si321x_pcm_attach,
	.detach = si321x_pcm_detach,
};

/* reset, then the part and revision register and a reset value */
static int si321x_identify(struct si321x *s)
{
	struct device *dev = &s->spi->dev;
	struct gpio_desc *reset;
	int id, pcm, hy;

	reset = devm_gpiod_get_optional(dev, "reset", GPIOD_OUT_HIGH);
	if (IS_ERR(reset))
		return dev_err_probe(dev, PTR_ERR(reset), "reset GPIO\n");
	if (reset) {
		usleep_range(1000, 2000);
		gpiod_set_value_cansleep(reset, 0);
		usleep_range(1000, 2000);
	}
	id = si321x_read(s, SI321X_ID);
	pcm = si321x_read(s, SI321X_PCM_MODE);
	hy = si321x_read(s, SI321X_HYBRID);
	if (id < 0 || pcm < 0 || hy < 0)
		return dev_err_probe(dev, -EIO, "SPI read failed\n");
	if (SI321X_ID_REV(id) == 0 || SI321X_ID_REV(id) == 0xf)
		return dev_err_probe(dev, -ENODEV,
				     "no ProSLIC answers (register 0 reads 0x%02x)\n", id);
	if (SI321X_ID_PART(id) != 0)
		return dev_err_probe(dev, -ENODEV,
				     "unknown ProSLIC part %u (register 0 reads 0x%02x)\n",
				     SI321X_ID_PART(id), id);
	if (!!(pcm & SI321X_PCM_MODE_3215) != !!s->part)
		return dev_err_probe(dev, -ENODEV, "found an %s, expected an %s\n",
				     si321x_part_names[!s->part],
				     si321x_part_names[s->part]);
	if (SI321X_ID_REV(id) < 2)
		return dev_err_probe(dev, -ENODEV, "%s revision %c is too old\n",
				     si321x_part_names[s->part],
				     'A' + SI321X_ID_REV(id) - 1);
	/* the driver never writes 11: it holds its reset value */
	if (hy != SI321X_HYBRID_RESET)
		return dev_err_probe(dev, -ENODEV,
				     "register 11 reads 0x%02x, not 0x%02x: not a ProSLIC\n",
				     hy, SI321X_HYBRID_RESET);
	dev_info(dev, "%s revision %c\n", si321x_part_names[s->part],
		 'A' + SI321X_ID_REV(id) - 1);
	return 0;
}

/* DC-DC converter on, the battery checked, then its calibration */
static int si321x_power_up(struct si321x *s)
{
	struct device *dev = &s->spi->dev;
	unsigned long end;
	int ret;

	ret = si321x_write(s, SI321X_DCDC_PERIOD, 0xff);
	if (!ret)
		ret = si321x_write(s, SI321X_DCDC, 0x19);
	if (!ret)
		ret = si321x_write(s, SI321X_POWERDOWN, 0);
	if (ret)
		return ret;
	end = jiffies + msecs_to_jiffies(SI321X_POWERUP_MS);
	do {
		ret = si321x_read(s, SI321X_VBAT_SENSE);
		if (ret < 0 || ret >= SI321X_VBAT_MIN)
			return min(ret, 0);
		usleep_range(1000, 2000);
	} while (!time_after(jiffies, end));
	dev_err(dev, "DC-DC converter: battery at -%u mV after %u ms, needs -%u mV\n",
		ret * SI321X_VBAT_MV_STEP, SI321X_POWERUP_MS,
		SI321X_VBAT_MIN * SI321X_VBAT_MV_STEP);
	return -EIO;
}

static int si321x_calibrate(struct si321x *s)
{
	struct device *dev = &s->spi->dev;
	int ret;

	ret = si321x_write(s, SI321X_CAL2, 0x1f);
	if (!ret)
		ret = si321x_write(s, SI321X_CAL1, SI321X_CAL1_START | 0x1f);
	if (!ret)
		ret = si321x_poll(s, SI321X_CAL1, 0xff, 0, SI321X_CAL_MS);
	if (ret == -ETIMEDOUT)
		dev_err(dev, "calibration did not complete in %u ms\n", SI321X_CAL_MS);
	if (ret < 0)
		return ret;
	ret = si321x_write(s, SI321X_DCDC, 0x19 | SI321X_DCDC_CAL);
	if (!ret)
		ret = si321x_poll(s, SI321X_DCDC, SI321X_DCDC_CAL, 0, SI321X_CAL_MS);
	if (ret == -ETIMEDOUT)
		dev_err(dev, "DC-DC calibration did not complete\n");
	return min(ret, 0);
}

/* PCM: 16-bit linear, transmit in time slot slots[0], receive in [1] */
static int si321x_pcm(struct si321x *s, const u32 *slots)
{
	u16 tx = slots[0] * SI321X_SLOT_PCLKS, rx = slots[1] * SI321X_SLOT_PCLKS;
	int ret;

	ret = si321x_write(s, SI321X_PCM_TX_START_LO, tx & 0xff);
	if (!ret)
		ret = si321x_write(s, SI321X_PCM_TX_START_HI, tx >> 8);
	if (!ret)
		ret = si321x_write(s, SI321X_PCM_RX_START_LO, rx & 0xff);
	if (!ret)
		ret = si321x_write(s, SI321X_PCM_RX_START_HI, rx >> 8);
	if (!ret)
		ret = si321x_write(s, SI321X_PCM_MODE,
				   SI321X_PCM_ENABLE | SI321X_PCM_LINEAR16);
	return ret;
}

static int si321x_init_chip(struct si321x *s, const u32 *slots)
{
	static const u8 direct[][2] = {
		{ SI321X_LINEFEED, SI321X_LF_OPEN },
		{ SI321X_IRQ_ENABLE1, 0 }, { SI321X_IRQ_ENABLE2, 0 },
		{ SI321X_IRQ_ENABLE3, 0 },
		{ SI321X_LOOPBACK, 0 },		/* no digital loopback */
		{ SI321X_AUTO, 0x07 },		/* no automatic battery switch */
		{ SI321X_BAT_FEED, 0x01 },	/* Q7 off */
		{ SI321X_LOOP_ILIMIT, 0 },	/* 20 mA */
		{ SI321X_RING_OSC_CTL, 0 },	/* the core times the cadence */
	};
	unsigned int i;
	int ret = 0;

	for (i = 0; i < ARRAY_SIZE(direct) && !ret; i++)
		ret = si321x_write(s, direct[i][0], direct[i][1]);
	for (i = 0; i < ARRAY_SIZE(si321x_ir_init) && !ret; i++)
		ret = si321x_write_ind(s, si321x_ir_init[i][0], si321x_ir_init[i][1]);
	/* the filters are flushed while the converter and calibration run */
	for (i = SI321X_IR_FILTER_FIRST; i <= SI321X_IR_FILTER_LAST && !ret; i++)
		ret = si321x_write_ind(s, i, 0x8000);
	if (!ret)
		ret = si321x_power_up(s);
	if (!ret)
		ret = si321x_calibrate(s);
	for (i = 0; i < ARRAY_SIZE(si321x_ir_init) && !ret; i++)
		if (si321x_ir_init[i][0] >= SI321X_IR_FILTER_FIRST &&
		    si321x_ir_init[i][0] <= SI321X_IR_FILTER_LAST)
			ret = si321x_write_ind(s, si321x_ir_init[i][0],
					       si321x_ir_init[i][1]);
	if (!ret)
		ret = si321x_pcm(s, slots);
	for (i = SI321X_IRQ_STATUS1; i <= SI321X_IRQ_STATUS3 && !ret; i++)
		ret = si321x_write(s, i, 0xff);
	if (!ret)
		ret = si321x_write(s, SI321X_IRQ_ENABLE2, SI321X_IRQ2_RING_TRIP |
				   SI321X_IRQ2_LOOP | SI321X_IRQ2_POWER);
	if (!ret && s->part == SI3210)
		ret = si321x_write(s, SI321X_IRQ_ENABLE3, SI321X_IRQ3_DTMF);
	if (!ret)
		ret = si321x_set_linefeed(s, SI321X_LF_FORWARD);
	return ret;
}

static void si321x_stop(void *data)
{
	struct si321x *s = data;

	spin_lock_irq(&s->req_lock);
	s->running = false;
	spin_unlock_irq(&s->req_lock);
	cancel_delayed_work_sync(&s->tick);
	mutex_lock(&s->lock);
	si321x_write(s, SI321X_LINEFEED, SI321X_LF_OPEN);
	si321x_write(s, SI321X_POWERDOWN, SI321X_POWERDOWN_DCDC);
	mutex_unlock(&s->lock);
}

/* silabs,pcm-tx-slot (default 0) and silabs,pcm-rx-slot (default tx) */
static int si321x_read_slots(struct device *dev, u32 *slots)
{
	static const char *const names[] = { "silabs,pcm-tx-slot",
					     "silabs,pcm-rx-slot" };
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		slots[i] = i ? slots[0] : 0;
		ret = device_property_read_u32(dev, names[i], &slots[i]);
		if (ret && ret != -EINVAL)
			return dev_err_probe(dev, ret, "%s is not a u32\n", names[i]);
		if (slots[i] > SI321X_MAX_SLOT)
			return dev_err_probe(dev, -EINVAL, "%s %u is over %u\n",
					     names[i], slots[i], SI321X_MAX_SLOT);
	}
	return 0;
}

static int si321x_probe(struct spi_device *spi)
{
	struct fxs_line_config config = { .ops = &si321x_line_ops,
					  .caps = FXS_LINE_CAP_RING,
					  .pcm_ops = &si321x_pcm_ops };
	struct device *dev = &spi->dev;
	struct si321x *s;
	u32 slots[2];
	int ret;

	s = devm_kzalloc(dev, sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	s->spi = spi;
	s->part = (uintptr_t)spi_get_device_match_data(spi);
	mutex_init(&s->lock);
	spin_lock_init(&s->req_lock);
	INIT_DELAYED_WORK(&s->tick, si321x_tick);
	spi->mode |= SPI_MODE_3;
	spi->bits_per_word = 8;
	ret = spi_setup(spi);
	if (ret)
		return dev_err_probe(dev, ret, "SPI setup\n");
	ret = si321x_read_slots(dev, slots);
	if (ret)
		return ret;

	mutex_lock(&s->lock);
	ret = si321x_identify(s);
	if (!ret)
		ret = si321x_init_chip(s, slots);
	mutex_unlock(&s->lock);
	if (ret)
		return dev_err_probe(dev, ret, "initialisation failed\n");

	if (s->part == SI3210)
		config.caps |= FXS_LINE_CAP_HW_DTMF;
	config.drvdata = s;
	s->line = devm_fxs_line_register(dev, &config);
	if (IS_ERR(s->line))
		return PTR_ERR(s->line);
	/* after the line, so that they stop before it goes */
	spin_lock_irq(&s->req_lock);
	s->start = ktime_get();
	s->running = true;
	spin_unlock_irq(&s->req_lock);
	schedule_delayed_work(&s->tick, 0);
	ret = devm_add_action_or_reset(dev, si321x_stop, s);
	if (ret)
		return ret;
	if (spi->irq > 0) {
		ret = devm_request_threaded_irq(dev, spi->irq, NULL, si321x_irq,
						IRQF_ONESHOT, dev_name(dev), s);
		if (ret)
			return dev_err_probe(dev, ret, "IRQ %d\n", spi->irq);
	}
	dev_info(dev, "%s: %s, %s, PCM slots tx %u rx %u\n",
		 fxs_line_name(s->line), si321x_part_names[s->part],
		 spi->irq > 0 ? "interrupt" : "polled", slots[0], slots[1]);
	return 0;
}

static const struct of_device_id si321x_of_match[] = {
	{ .compatible = "silabs,si3210", .data = (void *)SI3210 },
	{ .compatible = "silabs,si3215", .data = (void *)SI3215 },
	{ }
};
MODULE_DEVICE_TABLE(of, si321x_of_match);

static const struct spi_device_id si321x_ids[] = {
	{ "si3210", SI3210 },
	{ "si3215", SI3215 },
	{ }
};
MODULE_DEVICE_TABLE(spi, si321x_ids);

static struct spi_driver si321x_driver = {
	.driver = {
		.name = SI321X_DRIVER_NAME,
		.of_match_table = si321x_of_match,
	},
	.probe = si321x_probe,
	.id_table = si321x_ids,
};
module_spi_driver(si321x_driver);

MODULE_DESCRIPTION("openfxs Silicon Labs Si3210/Si3215 ProSLIC driver");
MODULE_LICENSE("GPL");
