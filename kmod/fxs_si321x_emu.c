// SPDX-License-Identifier: GPL-2.0
/*
 * fxs_si321x_emu.c - test only: an SPI controller whose chip selects
 * answer like Si3210/Si3215 ProSLICs at the register level, so that
 * fxs_si321x runs unchanged in the test guests. Never built into a
 * product (kmod/Kbuild builds it only with OPENFXS_TEST_MODULES=y).
 *
 * It binds to a "openfxs,si321x-emu" device-tree node, whose children are
 * the chips (an "silabs,si3215" child is emulated as an Si3215, any other
 * as an Si3210); without such a node it makes its own platform device with
 * an Si3210 on chip select 0 and an Si3215 on chip select 1 (SPI board
 * info made the long way, modalias si3210/si3215, driver_override
 * fxs-si321x), whose software nodes give the PCM time slots the device
 * tree overlay gives: the Si3210 silabs,pcm-tx-slot 1 (receive the same),
 * the Si3215 transmit 2 (module parameter board_tx_slot) and receive 5.
 *
 * It is also the chips' PCM bus (an emulated TDM bus driver): attached to
 * a chip's line through the core's PCM hooks (fxs_pcm_attach(), by the
 * chip's device on the board-info board, by its firmware node from the
 * device tree), it runs that line's 10 ms frames with the audio. The
 * uplink is what the handset says, carried while the chip's PCM is
 * enabled (register 1); the downlink's non-silent frames are kept for the
 * tests to read.
 *
 * It is also an interrupt controller (#interrupt-cells 1: the chip
 * select): a chip's INT is a level interrupt, asserted while one of its
 * status bits is set. Without a device tree the Si3210 gets it, and the
 * Si3215 is polled.
 *
 * Modelled: direct and indirect registers (28/29/30 with the busy bit in
 * 31), the part/revision register, the Si3215 flag in register 1, the
 * battery voltage ramping up once the DC-DC converter is on, calibration
 * (96) and DC-DC calibration (93) completing after a number of polls, the
 * linefeed and its shadow (64), loop closure and ring trip (68), the
 * interrupt status registers (18..20, set when enabled in 21..23, write 1
 * to clear) and the Si3210's DTMF register (24).
 *
 * debugfs, /sys/kernel/debug/fxs-si321x-emu/<controller>/csN/:
 *   hook         0 or 1 (the handset), read or written
 *   digit        write one of 0123456789*#ABCD: the Si3210 decodes it
 *   power_alarm  write 1..6: transistor Qn overheats, the chip opens the line
 *   id           register 0 as read (hex), read or written
 *   vbat         the battery reading the converter reaches, read or written
 *   direct       the direct registers, "N 0xVV" a line
 *   indirect     the indirect registers, "N 0xVVVV" a line
 *   writes       the write log, "D N 0xVV" and "I N 0xVVVV" lines; writing
 *                anything clears it
 *   pcm_bus      1: attach the PCM bus to the chip's line, 0: detach; reads
 *                1 while attached (0 again once the line went away)
 *   pcm_uplink   write s16 PCM the handset says, consumed 80 samples a
 *                frame while attached; refused while detached
 *   pcm_uplink_pending  samples not consumed yet
 *   pcm_downlink the non-silent downlink frames since attach; reading
 *                drains what it returned
 *   pcm_frames   frames the bus ran since it last attached
 *   pcm_clock    0 pauses the bus's frame clock (still attached), 1 runs it
 */

#include <linux/debugfs.h>
#include <linux/irq.h>
#include <linux/irq_work.h>
#include <linux/irqdomain.h>
#include <linux/kfifo.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/property.h>
#include <linux/slab.h>
#include <linux/spi/spi.h>
#include <linux/workqueue.h>

#include "fxs_compat.h"
#include "fxs_driver.h"
#include "fxs_si321x_regs.h"

#define EMU_NAME		"fxs-si321x-emu"
#define EMU_MAX_CS		4
#define EMU_LOG_MAX		4096
#define EMU_FRAME_NS		(FXS_FRAME_MS * NSEC_PER_MSEC)
#define EMU_MAX_CATCHUP		50
#define EMU_UPLINK_FIFO		32768	/* samples, 4 s */
#define EMU_DOWNLINK_FIFO	32768	/* the newest 4 s kept */

static unsigned int cal_polls = 20;
module_param(cal_polls, uint, 0644);
MODULE_PARM_DESC(cal_polls, "reads of register 96 before calibration completes (20)");

static unsigned int board_tx_slot = 2;
module_param(board_tx_slot, uint, 0444);
MODULE_PARM_DESC(board_tx_slot, "silabs,pcm-tx-slot of the board-info Si3215 (2)");

struct emu;
struct emu_chip;

/**
 * struct emu_pcm - the emulated PCM bus at one chip
 * @emu: the controller
 * @chip: the chip
 * @spi: the chip's device on the board-info board
 * @fwnode: the chip's device-tree node
 * @lock: serializes attach and detach (the fields up to @dying)
 * @line: the line attached, with its reference
 * @dying: the controller goes: no attach
 * @stopped: the line went away, the core called stop() (emu->lock)
 * @paused: the clock is paused (pcm_clock)
 * @tick: the frame clock
 * @start: when @tick started
 * @frames: frames run since @start (emu->lock)
 * @uplink: what the handset says (emu->lock)
 * @downlink: the non-silent downlink frames (emu->lock)
 */
struct emu_pcm {
	struct emu *emu;
	struct emu_chip *chip;
	struct spi_device *spi;
	struct fwnode_handle *fwnode;
	struct mutex lock;	/* attach and detach */
	struct fxs_line *line;
	bool dying;
	bool stopped;
	bool paused;
	struct delayed_work tick;
	ktime_t start;
	u64 frames;
	DECLARE_KFIFO_PTR(uplink, s16);
	DECLARE_KFIFO_PTR(downlink, s16);
};

/**
 * struct emu_chip - one emulated ProSLIC
 * @present: a chip is on this chip select
 * @si3215: an Si3215 (no DTMF decoder, register 1 bit 7 set)
 * @hook: the handset is off hook
 * @dr: direct registers
 * @ir: indirect registers, at the chip's own addresses
 * @ind_write: 28 or 29 was written since the last write of 30
 * @ind_busy: reads of 31 that still show the access pending
 * @cal_left: reads of 96 until calibration completes
 * @dcdc_cal_left: reads of 93 until DC-DC calibration completes
 * @vbat: battery reading now
 * @vbat_max: battery reading the converter reaches
 * @log: the write log
 * @log_len: entries in @log
 * @pcm: its PCM bus
 */
struct emu_chip {
	bool present, si3215, hook;
	u8 dr[SI321X_NUM_DIRECT];
	u16 ir[SI321X_NUM_INDIRECT];
	bool ind_write;
	unsigned int ind_busy, cal_left, dcdc_cal_left;
	u8 vbat, vbat_max;
	u32 *log;
	unsigned int log_len;
	struct emu_pcm pcm;
};

/**
 * struct emu - the controller
 * @lock: protects @chips, from transfers and debugfs
 * @chips: one per chip select
 * @dir: the debugfs directory
 * @domain: the chips' INT outputs, hwirq = chip select
 * @irq_work: delivers the asserted, unmasked interrupts
 * @asserted: chip selects whose INT is asserted (a status bit is set)
 * @masked: chip selects whose interrupt is masked
 */
struct emu {
	struct mutex lock;	/* the chips, from transfers and debugfs */
	struct emu_chip chips[EMU_MAX_CS];
	struct dentry *dir;
	struct irq_domain *domain;
	struct irq_work irq_work;
	unsigned long asserted;
	unsigned long masked;
};

static struct dentry *emu_root;
static struct platform_device *emu_pdev;

static void emu_log(struct emu_chip *c, bool ind, u8 addr, u16 val)
{
	if (c->log_len < EMU_LOG_MAX)
		c->log[c->log_len++] = (ind ? BIT(31) : 0) | addr << 16 | val;
}

static void emu_raise(struct emu_chip *c, u8 status, u8 bit)
{
	if (c->dr[status + 3] & bit)
		c->dr[status] |= bit;
}

/* INT is asserted while a status bit is set (they latch only if enabled) */
static void emu_update_int(struct emu *emu, unsigned int cs)
{
	const u8 *dr = emu->chips[cs].dr;
	bool on = dr[SI321X_IRQ_STATUS1] | dr[SI321X_IRQ_STATUS2] |
		  dr[SI321X_IRQ_STATUS3];

	if (!on)
		clear_bit(cs, &emu->asserted);
	else if (!test_and_set_bit(cs, &emu->asserted))
		irq_work_queue(&emu->irq_work);
}

static void emu_irq_work(struct irq_work *work)
{
	struct emu *emu = container_of(work, struct emu, irq_work);
	unsigned int cs;

	for (cs = 0; cs < EMU_MAX_CS; cs++)
		if (test_bit(cs, &emu->asserted) && !test_bit(cs, &emu->masked) &&
		    irq_find_mapping(emu->domain, cs))
			generic_handle_domain_irq(emu->domain, cs);
}

static void emu_irq_mask(struct irq_data *d)
{
	struct emu *emu = irq_data_get_irq_chip_data(d);

	set_bit(irqd_to_hwirq(d), &emu->masked);
}

/* a level interrupt: still asserted when unmasked, it fires again */
static void emu_irq_unmask(struct irq_data *d)
{
	struct emu *emu = irq_data_get_irq_chip_data(d);

	clear_bit(irqd_to_hwirq(d), &emu->masked);
	irq_work_queue(&emu->irq_work);
}

static struct irq_chip emu_irq_chip = {
	.name = "si321x-emu",
	.irq_mask = emu_irq_mask,
	.irq_unmask = emu_irq_unmask,
};

static int emu_irq_map(struct irq_domain *d, unsigned int virq,
		       irq_hw_number_t hw)
{
	irq_set_chip_data(virq, d->host_data);
	irq_set_chip_and_handler(virq, &emu_irq_chip, handle_level_irq);
	return 0;
}

static const struct irq_domain_ops emu_irq_ops = {
	.map = emu_irq_map,
	.xlate = irq_domain_xlate_onecell,
};

static void emu_irq_remove(void *data)
{
	struct emu *emu = data;
	unsigned int cs, virq;

	for (cs = 0; cs < EMU_MAX_CS; cs++) {
		virq = irq_find_mapping(emu->domain, cs);
		if (virq)
			irq_dispose_mapping(virq);
	}
	irq_work_sync(&emu->irq_work);
	irq_domain_remove(emu->domain);
}

static u8 emu_loop(const struct emu_chip *c)
{
	u8 lf = c->dr[SI321X_LINEFEED] & SI321X_LF_MASK;

	if (!c->hook || lf == SI321X_LF_OPEN)
		return 0;
	return SI321X_LOOP_CLOSED |
	       (lf == SI321X_LF_RINGING ? SI321X_LOOP_RING_TRIP : 0);
}

/* a change of the loop raises the loop closure or ring trip interrupt */
static void emu_loop_changed(struct emu_chip *c, u8 before)
{
	u8 now = emu_loop(c);

	if ((now ^ before) & SI321X_LOOP_CLOSED)
		emu_raise(c, SI321X_IRQ_STATUS2, SI321X_IRQ2_LOOP);
	if ((now ^ before) & SI321X_LOOP_RING_TRIP)
		emu_raise(c, SI321X_IRQ_STATUS2, SI321X_IRQ2_RING_TRIP);
}

static u8 emu_read(struct emu_chip *c, u8 reg)
{
	u8 lf;

	switch (reg) {
	case SI321X_PCM_MODE:
		return c->dr[reg] | (c->si3215 ? SI321X_PCM_MODE_3215 : 0);
	case SI321X_IND_STATUS:
		if (!c->ind_busy)
			return 0;
		c->ind_busy--;
		return SI321X_IND_BUSY;
	case SI321X_LINEFEED:
		lf = c->dr[reg] & SI321X_LF_MASK;
		return lf << 4 | lf;
	case SI321X_LOOP_STATUS:
		return emu_loop(c);
	case SI321X_VBAT_SENSE:
		if (c->dr[SI321X_POWERDOWN] & SI321X_POWERDOWN_DCDC)
			c->vbat = 0;
		else
			c->vbat = min_t(unsigned int, c->vbat + 0x20, c->vbat_max);
		return c->vbat;
	case SI321X_DCDC:
		if (c->dcdc_cal_left && --c->dcdc_cal_left)
			return c->dr[reg] | SI321X_DCDC_CAL;
		return c->dr[reg];
	case SI321X_CAL1:
		if (c->cal_left && !--c->cal_left)
			c->dr[reg] = 0;
		return c->dr[reg];
	}
	return reg < SI321X_NUM_DIRECT ? c->dr[reg] : 0xff;
}

static void emu_write(struct emu_chip *c, u8 reg, u8 val)
{
	u8 loop = emu_loop(c);

	emu_log(c, false, reg, val);
	switch (reg) {
	case SI321X_ID:
		return;
	case SI321X_PCM_MODE:
		val &= ~SI321X_PCM_MODE_3215;
		break;
	case SI321X_IRQ_STATUS1:
	case SI321X_IRQ_STATUS2:
	case SI321X_IRQ_STATUS3:
		c->dr[reg] &= ~val;
		return;
	case SI321X_IND_DATA_LO:
	case SI321X_IND_DATA_HI:
		c->ind_write = true;
		break;
	case SI321X_IND_ADDR:
		if (c->ind_write) {
			c->ir[val & 0x7f] = c->dr[SI321X_IND_DATA_LO] |
					    c->dr[SI321X_IND_DATA_HI] << 8;
			emu_log(c, true, val & 0x7f, c->ir[val & 0x7f]);
		} else {
			c->dr[SI321X_IND_DATA_LO] = c->ir[val & 0x7f] & 0xff;
			c->dr[SI321X_IND_DATA_HI] = c->ir[val & 0x7f] >> 8;
		}
		c->ind_write = false;
		c->ind_busy = 1;
		break;
	case SI321X_LINEFEED:
		val &= SI321X_LF_MASK;
		break;
	case SI321X_DCDC:
		c->dcdc_cal_left = val & SI321X_DCDC_CAL ? 3 : 0;
		val &= ~SI321X_DCDC_CAL;
		break;
	case SI321X_CAL1:
		c->cal_left = val & SI321X_CAL1_START ? max(cal_polls, 1U) : 0;
		break;
	}
	if (reg < SI321X_NUM_DIRECT)
		c->dr[reg] = val;
	emu_loop_changed(c, loop);
}

/* reset values: what the driver's sanity checks expect */
static void emu_chip_reset(struct emu_chip *c, bool si3215)
{
	memset(c->dr, 0, sizeof(c->dr));
	memset(c->ir, 0, sizeof(c->ir));
	c->present = true;
	c->si3215 = si3215;
	c->dr[SI321X_ID] = 0x05;		/* part 0, revision E */
	c->dr[SI321X_LOOPBACK] = SI321X_LOOPBACK_RESET;
	c->dr[SI321X_HYBRID] = SI321X_HYBRID_RESET;
	c->dr[SI321X_POWERDOWN] = SI321X_POWERDOWN_DCDC;
	c->vbat_max = 0xc8;			/* -75.2 V */
}

/* one access per message: the control byte, then one data byte */
static int emu_transfer(struct spi_controller *ctlr, struct spi_message *msg)
{
	struct emu *emu = spi_controller_get_devdata(ctlr);
	u8 cs = spi_get_chipselect(msg->spi, 0);
	struct emu_chip *c = &emu->chips[cs];
	struct spi_transfer *t;
	unsigned int n = 0, i;
	u8 ctl = 0;

	mutex_lock(&emu->lock);
	list_for_each_entry(t, &msg->transfers, transfer_list) {
		for (i = 0; i < t->len; i++, n++) {
			const u8 *tx = t->tx_buf;
			u8 *rx = t->rx_buf, out = 0xff;

			if (n == 0 && tx) {
				ctl = tx[i];
			} else if (n == 1 && c->present) {
				if (ctl & SI321X_READ)
					out = emu_read(c, ctl & 0x7f);
				else if (tx)
					emu_write(c, ctl & 0x7f, tx[i]);
			}
			if (rx)
				rx[i] = out;
		}
		msg->actual_length += t->len;
	}
	emu_update_int(emu, cs);
	mutex_unlock(&emu->lock);
	msg->status = 0;
	spi_finalize_current_message(ctlr);
	return 0;
}

/* The PCM bus */

static bool emu_pcm_silent(const s16 *pcm)
{
	unsigned int i;

	for (i = 0; i < FXS_PCM_FRAME_SAMPLES; i++)
		if (pcm[i])
			return false;
	return true;
}

/* one frame of the line's slot, both ways; the chip sends while enabled */
static void emu_pcm_frame(struct emu_pcm *p)
{
	s16 up[FXS_PCM_FRAME_SAMPLES], down[FXS_PCM_FRAME_SAMPLES];
	bool on = p->chip->dr[SI321X_PCM_MODE] & SI321X_PCM_ENABLE;
	unsigned int n, avail;

	lockdep_assert_held(&p->emu->lock);
	n = kfifo_out(&p->uplink, up, FXS_PCM_FRAME_SAMPLES);
	if (!on)
		n = 0;
	memset(up + n, 0, (FXS_PCM_FRAME_SAMPLES - n) * sizeof(*up));
	fxs_line_frame(p->line, up, down);
	if (!on || emu_pcm_silent(down))
		return;
	/* keep the newest: drop the oldest to make room */
	avail = kfifo_avail(&p->downlink);
	if (avail < FXS_PCM_FRAME_SAMPLES)
		n = kfifo_out(&p->downlink, up, FXS_PCM_FRAME_SAMPLES - avail);
	kfifo_in(&p->downlink, down, FXS_PCM_FRAME_SAMPLES);
}

static void emu_pcm_tick(struct work_struct *work)
{
	struct emu_pcm *p = container_of(work, struct emu_pcm, tick.work);
	u64 due = div_u64(ktime_to_ns(ktime_sub(ktime_get(), p->start)),
			  EMU_FRAME_NS);

	mutex_lock(&p->emu->lock);
	if (p->stopped) {
		mutex_unlock(&p->emu->lock);
		return;
	}
	if (due - p->frames > EMU_MAX_CATCHUP)
		p->frames = due - EMU_MAX_CATCHUP;
	for (; p->frames < due; p->frames++)
		emu_pcm_frame(p);
	mutex_unlock(&p->emu->lock);
	schedule_delayed_work(&p->tick, msecs_to_jiffies(FXS_FRAME_MS));
}

/*
 * The chip's line goes away (the core, under its PCM lock): no tick runs
 * a frame once @stopped is set, even one the files queue after this.
 */
static void emu_pcm_stop(struct fxs_line *line, void *data)
{
	struct emu_pcm *p = data;

	mutex_lock(&p->emu->lock);
	p->stopped = true;
	mutex_unlock(&p->emu->lock);
	cancel_delayed_work_sync(&p->tick);
}

static const struct fxs_pcm_client emu_pcm_client = {
	.stop = emu_pcm_stop,
};

static void emu_pcm_detach(struct emu_pcm *p)
{
	lockdep_assert_held(&p->lock);
	if (!p->line)
		return;
	cancel_delayed_work_sync(&p->tick);
	fxs_pcm_detach(p->line);
	p->line = NULL;
}

static int emu_pcm_attach(struct emu_pcm *p)
{
	struct fxs_line *line;

	lockdep_assert_held(&p->lock);
	if (READ_ONCE(p->stopped))
		emu_pcm_detach(p);
	if (p->line)
		return 0;
	if (p->dying)
		return -ENODEV;
	/* before the attach: the line may go (stop()) as soon as it returns */
	mutex_lock(&p->emu->lock);
	kfifo_reset(&p->uplink);
	kfifo_reset(&p->downlink);
	p->frames = 0;
	p->stopped = false;
	mutex_unlock(&p->emu->lock);
	if (p->fwnode)
		line = fxs_pcm_attach_fwnode(p->fwnode, &emu_pcm_client, p);
	else
		line = fxs_pcm_attach(&p->spi->dev, &emu_pcm_client, p);
	if (IS_ERR(line))
		return PTR_ERR(line) == -EPROBE_DEFER ? -ENODEV : PTR_ERR(line);
	p->line = line;
	p->paused = false;
	p->start = ktime_get();
	schedule_delayed_work(&p->tick, 0);
	return 0;
}

static void emu_pcm_remove(void *data)
{
	struct emu *emu = data;
	unsigned int cs;

	for (cs = 0; cs < EMU_MAX_CS; cs++) {
		struct emu_pcm *p = &emu->chips[cs].pcm;

		if (!emu->chips[cs].present)
			continue;
		mutex_lock(&p->lock);
		p->dying = true;
		emu_pcm_detach(p);
		mutex_unlock(&p->lock);
		fwnode_handle_put(p->fwnode);
	}
}

static int emu_pcm_init(struct device *dev, struct emu *emu,
			struct emu_chip *c)
{
	struct emu_pcm *p = &c->pcm;
	s16 *up, *down;

	p->emu = emu;
	p->chip = c;
	mutex_init(&p->lock);
	INIT_DELAYED_WORK(&p->tick, emu_pcm_tick);
	up = devm_kcalloc(dev, EMU_UPLINK_FIFO, sizeof(*up), GFP_KERNEL);
	down = devm_kcalloc(dev, EMU_DOWNLINK_FIFO, sizeof(*down), GFP_KERNEL);
	if (!up || !down)
		return -ENOMEM;
	kfifo_init(&p->uplink, up, EMU_UPLINK_FIFO * sizeof(*up));
	kfifo_init(&p->downlink, down, EMU_DOWNLINK_FIFO * sizeof(*down));
	return 0;
}

struct emu_file {
	struct emu *emu;
	struct emu_chip *chip;
};

static struct emu_file *emu_file_of(struct file *f)
{
	return file_inode(f)->i_private;
}

static int emu_get_u8(struct file *f, char __user *ubuf, size_t len,
		      loff_t *ppos, const char *fmt, u8 (*get)(struct emu_chip *))
{
	struct emu_file *ef = emu_file_of(f);
	char buf[16];
	int n;

	mutex_lock(&ef->emu->lock);
	n = scnprintf(buf, sizeof(buf), fmt, get(ef->chip));
	mutex_unlock(&ef->emu->lock);
	return simple_read_from_buffer(ubuf, len, ppos, buf, n);
}

static int emu_parse_u8(const char __user *ubuf, size_t len, u8 *val)
{
	return kstrtou8_from_user(ubuf, len, 0, val);
}

static u8 emu_get_hook(struct emu_chip *c) { return c->hook; }
static u8 emu_get_id(struct emu_chip *c) { return c->dr[SI321X_ID]; }
static u8 emu_get_vbat(struct emu_chip *c) { return c->vbat_max; }

static ssize_t emu_hook_read(struct file *f, char __user *b, size_t l, loff_t *p)
{
	return emu_get_u8(f, b, l, p, "%u\n", emu_get_hook);
}

static ssize_t emu_id_read(struct file *f, char __user *b, size_t l, loff_t *p)
{
	return emu_get_u8(f, b, l, p, "0x%02x\n", emu_get_id);
}

static ssize_t emu_vbat_read(struct file *f, char __user *b, size_t l, loff_t *p)
{
	return emu_get_u8(f, b, l, p, "0x%02x\n", emu_get_vbat);
}

enum emu_knob { EMU_HOOK, EMU_ID, EMU_VBAT, EMU_ALARM, EMU_DIGIT };

static const char emu_dtmf_codes[] = "D1234567890*#ABC";

static int emu_set(struct emu_chip *c, enum emu_knob knob, u8 val)
{
	const char *d;
	u8 loop = emu_loop(c);

	switch (knob) {
	case EMU_HOOK:
		if (val > 1)
			return -EINVAL;
		c->hook = val;
		emu_loop_changed(c, loop);
		return 0;
	case EMU_ID:
		c->dr[SI321X_ID] = val;
		return 0;
	case EMU_VBAT:
		c->vbat_max = val;
		return 0;
	case EMU_ALARM:
		if (val < 1 || val > 6)
			return -EINVAL;
		c->dr[SI321X_LINEFEED] = SI321X_LF_OPEN;
		emu_raise(c, SI321X_IRQ_STATUS2, SI321X_IRQ2_POWER_Q1 << (val - 1));
		emu_loop_changed(c, loop);
		return 0;
	case EMU_DIGIT:
		if (c->si3215)
			return -EOPNOTSUPP;
		d = val ? strchr(emu_dtmf_codes, val) : NULL;
		if (!d)
			return -EINVAL;
		c->dr[SI321X_DTMF] = SI321X_DTMF_VALID | (d - emu_dtmf_codes);
		emu_raise(c, SI321X_IRQ_STATUS3, SI321X_IRQ3_DTMF);
		return 0;
	}
	return -EINVAL;
}

static ssize_t emu_knob_write(struct file *f, const char __user *ubuf,
			      size_t len, loff_t *ppos, enum emu_knob knob)
{
	struct emu_file *ef = emu_file_of(f);
	char ch[2];
	u8 val;
	int ret;

	if (knob == EMU_DIGIT) {
		if (len < 1 || len > 2 || copy_from_user(ch, ubuf, len))
			return -EINVAL;
		if (len == 2 && ch[1] != '\n')
			return -EINVAL;
		val = ch[0];
	} else {
		ret = emu_parse_u8(ubuf, len, &val);
		if (ret)
			return ret;
	}
	mutex_lock(&ef->emu->lock);
	ret = emu_set(ef->chip, knob, val);
	emu_update_int(ef->emu, ef->chip - ef->emu->chips);
	mutex_unlock(&ef->emu->lock);
	return ret ? ret : len;
}

static ssize_t emu_hook_write(struct file *f, const char __user *b, size_t l, loff_t *p)
{
	return emu_knob_write(f, b, l, p, EMU_HOOK);
}

static ssize_t emu_id_write(struct file *f, const char __user *b, size_t l, loff_t *p)
{
	return emu_knob_write(f, b, l, p, EMU_ID);
}

static ssize_t emu_vbat_write(struct file *f, const char __user *b, size_t l, loff_t *p)
{
	return emu_knob_write(f, b, l, p, EMU_VBAT);
}

static ssize_t emu_alarm_write(struct file *f, const char __user *b, size_t l, loff_t *p)
{
	return emu_knob_write(f, b, l, p, EMU_ALARM);
}

static ssize_t emu_digit_write(struct file *f, const char __user *b, size_t l, loff_t *p)
{
	return emu_knob_write(f, b, l, p, EMU_DIGIT);
}

/* the dumps: a text snapshot made at open, freed at release */
enum emu_dump { EMU_DUMP_DIRECT, EMU_DUMP_INDIRECT, EMU_DUMP_WRITES };

static int emu_dump_open(struct inode *inode, struct file *f, enum emu_dump what)
{
	struct emu_file *ef = inode->i_private;
	struct emu_chip *c = ef->chip;
	size_t size = 24 * (EMU_LOG_MAX + SI321X_NUM_INDIRECT), n = 0;
	unsigned int i;
	char *buf;

	buf = kvmalloc(size, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	mutex_lock(&ef->emu->lock);
	if (what == EMU_DUMP_DIRECT)
		for (i = 0; i < SI321X_NUM_DIRECT; i++)
			n += scnprintf(buf + n, size - n, "%u 0x%02x\n", i, c->dr[i]);
	if (what == EMU_DUMP_INDIRECT)
		for (i = 0; i < SI321X_NUM_INDIRECT; i++)
			n += scnprintf(buf + n, size - n, "%u 0x%04x\n", i, c->ir[i]);
	if (what == EMU_DUMP_WRITES)
		for (i = 0; i < c->log_len; i++)
			n += scnprintf(buf + n, size - n,
				       c->log[i] & BIT(31) ? "I %u 0x%04x\n" : "D %u 0x%02x\n",
				       (c->log[i] >> 16) & 0x7f, c->log[i] & 0xffff);
	mutex_unlock(&ef->emu->lock);
	f->private_data = buf;
	return 0;
}

static ssize_t emu_dump_read(struct file *f, char __user *ubuf, size_t len,
			     loff_t *ppos)
{
	const char *buf = f->private_data;

	return simple_read_from_buffer(ubuf, len, ppos, buf, strlen(buf));
}

static int emu_dump_release(struct inode *inode, struct file *f)
{
	kvfree(f->private_data);
	return 0;
}

static int emu_direct_open(struct inode *i, struct file *f)
{
	return emu_dump_open(i, f, EMU_DUMP_DIRECT);
}

static int emu_indirect_open(struct inode *i, struct file *f)
{
	return emu_dump_open(i, f, EMU_DUMP_INDIRECT);
}

static int emu_writes_open(struct inode *i, struct file *f)
{
	if ((f->f_mode & FMODE_WRITE) && !(f->f_mode & FMODE_READ))
		return 0;
	return emu_dump_open(i, f, EMU_DUMP_WRITES);
}

static ssize_t emu_writes_write(struct file *f, const char __user *b,
				size_t len, loff_t *p)
{
	struct emu_file *ef = emu_file_of(f);

	mutex_lock(&ef->emu->lock);
	ef->chip->log_len = 0;
	mutex_unlock(&ef->emu->lock);
	return len;
}

/* the PCM bus files */

/* 1 while the bus runs the line's frames (p->lock) */
static bool emu_pcm_running(struct emu_pcm *p)
{
	lockdep_assert_held(&p->lock);
	return p->line && !READ_ONCE(p->stopped);
}

static ssize_t emu_pcm_bus_read(struct file *f, char __user *ubuf, size_t len,
				loff_t *ppos)
{
	struct emu_pcm *p = &emu_file_of(f)->chip->pcm;
	char buf[4];
	int n;

	mutex_lock(&p->lock);
	n = scnprintf(buf, sizeof(buf), "%d\n", emu_pcm_running(p));
	mutex_unlock(&p->lock);
	return simple_read_from_buffer(ubuf, len, ppos, buf, n);
}

static ssize_t emu_pcm_bus_write(struct file *f, const char __user *ubuf,
				 size_t len, loff_t *ppos)
{
	struct emu_pcm *p = &emu_file_of(f)->chip->pcm;
	bool on;
	int ret;

	ret = kstrtobool_from_user(ubuf, len, &on);
	if (ret)
		return ret;
	mutex_lock(&p->lock);
	if (on) {
		ret = emu_pcm_attach(p);
	} else {
		emu_pcm_detach(p);
		ret = 0;
	}
	mutex_unlock(&p->lock);
	return ret ? ret : len;
}

/* pause or run the clock, counting on from the frames run */
static ssize_t emu_pcm_clock_write(struct file *f, const char __user *ubuf,
				   size_t len, loff_t *ppos)
{
	struct emu_pcm *p = &emu_file_of(f)->chip->pcm;
	bool run;
	int ret;

	ret = kstrtobool_from_user(ubuf, len, &run);
	if (ret)
		return ret;
	mutex_lock(&p->lock);
	if (!emu_pcm_running(p)) {
		ret = -ENOTCONN;
	} else if (!run && !p->paused) {
		cancel_delayed_work_sync(&p->tick);
		p->paused = true;
	} else if (run && p->paused) {
		p->start = ktime_sub_ns(ktime_get(), p->frames * EMU_FRAME_NS);
		p->paused = false;
		schedule_delayed_work(&p->tick, 0);
	}
	mutex_unlock(&p->lock);
	return ret ? ret : len;
}

static ssize_t emu_pcm_uplink_write(struct file *f, const char __user *ubuf,
				    size_t len, loff_t *ppos)
{
	struct emu_file *ef = emu_file_of(f);
	struct emu_pcm *p = &ef->chip->pcm;
	unsigned int copied;
	int ret;

	if (len & 1)
		return -EINVAL;
	mutex_lock(&p->lock);
	mutex_lock(&ef->emu->lock);
	if (!emu_pcm_running(p))
		ret = -ENOTCONN;
	else if (kfifo_avail(&p->uplink) < len / sizeof(s16))
		ret = -ENOSPC;
	else
		ret = kfifo_from_user(&p->uplink, ubuf, len, &copied);
	mutex_unlock(&ef->emu->lock);
	mutex_unlock(&p->lock);
	return ret ? ret : copied;
}

static ssize_t emu_pcm_downlink_read(struct file *f, char __user *ubuf,
				     size_t len, loff_t *ppos)
{
	struct emu_file *ef = emu_file_of(f);
	unsigned int copied;
	int ret;

	mutex_lock(&ef->emu->lock);
	ret = kfifo_to_user(&ef->chip->pcm.downlink, ubuf, len & ~1, &copied);
	mutex_unlock(&ef->emu->lock);
	return ret ? ret : copied;
}

static ssize_t emu_pcm_count_read(struct file *f, char __user *ubuf,
				  size_t len, loff_t *ppos, bool pending)
{
	struct emu_file *ef = emu_file_of(f);
	char buf[24];
	int n;

	mutex_lock(&ef->emu->lock);
	n = scnprintf(buf, sizeof(buf), "%llu\n", pending ?
		      (u64)kfifo_len(&ef->chip->pcm.uplink) : ef->chip->pcm.frames);
	mutex_unlock(&ef->emu->lock);
	return simple_read_from_buffer(ubuf, len, ppos, buf, n);
}

static ssize_t emu_pcm_pending_read(struct file *f, char __user *b, size_t l, loff_t *p)
{
	return emu_pcm_count_read(f, b, l, p, true);
}

static ssize_t emu_pcm_frames_read(struct file *f, char __user *b, size_t l, loff_t *p)
{
	return emu_pcm_count_read(f, b, l, p, false);
}

#define EMU_FOPS(name, ...) \
	static const struct file_operations emu_##name##_fops = { \
		.owner = THIS_MODULE, __VA_ARGS__ }

EMU_FOPS(hook, .read = emu_hook_read, .write = emu_hook_write);
EMU_FOPS(id, .read = emu_id_read, .write = emu_id_write);
EMU_FOPS(vbat, .read = emu_vbat_read, .write = emu_vbat_write);
EMU_FOPS(alarm, .write = emu_alarm_write);
EMU_FOPS(digit, .write = emu_digit_write);
EMU_FOPS(direct, .open = emu_direct_open, .read = emu_dump_read,
	 .release = emu_dump_release);
EMU_FOPS(indirect, .open = emu_indirect_open, .read = emu_dump_read,
	 .release = emu_dump_release);
EMU_FOPS(writes, .open = emu_writes_open, .read = emu_dump_read,
	 .write = emu_writes_write, .release = emu_dump_release);
EMU_FOPS(pcm_bus, .read = emu_pcm_bus_read, .write = emu_pcm_bus_write);
EMU_FOPS(pcm_uplink, .write = emu_pcm_uplink_write);
EMU_FOPS(pcm_uplink_pending, .read = emu_pcm_pending_read);
EMU_FOPS(pcm_downlink, .read = emu_pcm_downlink_read);
EMU_FOPS(pcm_frames, .read = emu_pcm_frames_read);
EMU_FOPS(pcm_clock, .write = emu_pcm_clock_write);

static int emu_add_chip(struct device *dev, struct emu *emu, u32 cs,
			bool si3215)
{
	struct emu_chip *c = &emu->chips[cs];
	struct emu_file *ef;
	struct dentry *d;
	char name[8];

	if (cs >= EMU_MAX_CS)
		return dev_err_probe(dev, -EINVAL, "chip select %u over %u\n",
				     cs, EMU_MAX_CS - 1);
	ef = devm_kzalloc(dev, sizeof(*ef), GFP_KERNEL);
	c->log = devm_kcalloc(dev, EMU_LOG_MAX, sizeof(*c->log), GFP_KERNEL);
	if (!ef || !c->log)
		return -ENOMEM;
	ef->emu = emu;
	ef->chip = c;
	emu_chip_reset(c, si3215);
	snprintf(name, sizeof(name), "cs%u", cs);
	d = debugfs_create_dir(name, emu->dir);
	debugfs_create_file("hook", 0600, d, ef, &emu_hook_fops);
	debugfs_create_file("id", 0600, d, ef, &emu_id_fops);
	debugfs_create_file("vbat", 0600, d, ef, &emu_vbat_fops);
	debugfs_create_file("power_alarm", 0200, d, ef, &emu_alarm_fops);
	debugfs_create_file("digit", 0200, d, ef, &emu_digit_fops);
	debugfs_create_file("direct", 0400, d, ef, &emu_direct_fops);
	debugfs_create_file("indirect", 0400, d, ef, &emu_indirect_fops);
	debugfs_create_file("writes", 0600, d, ef, &emu_writes_fops);
	debugfs_create_file("pcm_bus", 0600, d, ef, &emu_pcm_bus_fops);
	debugfs_create_file("pcm_uplink", 0200, d, ef, &emu_pcm_uplink_fops);
	debugfs_create_file("pcm_uplink_pending", 0400, d, ef,
			    &emu_pcm_uplink_pending_fops);
	debugfs_create_file("pcm_downlink", 0400, d, ef, &emu_pcm_downlink_fops);
	debugfs_create_file("pcm_frames", 0400, d, ef, &emu_pcm_frames_fops);
	debugfs_create_file("pcm_clock", 0200, d, ef, &emu_pcm_clock_fops);
	return emu_pcm_init(dev, emu, c);
}

static void emu_debugfs_remove(void *dir)
{
	debugfs_remove_recursive(dir);
}

/* the chips: the node's children, or an Si3210 and an Si3215 */
static int emu_add_chips(struct device *dev, struct emu *emu)
{
	struct device_node *child;
	u32 cs;
	int ret;

	if (!dev->of_node) {
		ret = emu_add_chip(dev, emu, 0, false);
		return ret ? ret : emu_add_chip(dev, emu, 1, true);
	}
	for_each_available_child_of_node(dev->of_node, child) {
		ret = of_property_read_u32(child, "reg", &cs);
		if (!ret)
			ret = emu_add_chip(dev, emu, cs,
					   of_device_is_compatible(child, "silabs,si3215"));
		if (!ret)
			emu->chips[cs].pcm.fwnode =
				fwnode_handle_get(of_fwnode_handle(child));
		if (ret) {
			of_node_put(child);
			return ret;
		}
	}
	return 0;
}

/*
 * The board-info chips' PCM time slots: the device tree overlay's. The
 * SPI core removes a device's software node with the device.
 */
static struct property_entry emu_si3210_props[] = {
	PROPERTY_ENTRY_U32("silabs,pcm-tx-slot", 1),
	{ }
};

static struct property_entry emu_si3215_props[] = {
	PROPERTY_ENTRY_U32("silabs,pcm-tx-slot", 2),	/* board_tx_slot */
	PROPERTY_ENTRY_U32("silabs,pcm-rx-slot", 5),
	{ }
};

static const struct software_node emu_swnodes[] = {
	{ .name = "si3210", .properties = emu_si3210_props },
	{ .name = "si3215", .properties = emu_si3215_props },
};

/*
 * The Si3210 gets an interrupt, the Si3215 is polled. driver_override
 * keeps them for fxs_si321x: spidev (built in) also lists si3210 on 6.12.
 */
static int emu_new_devices(struct spi_controller *ctlr, struct emu *emu)
{
	static const char *const names[] = { "si3210", "si3215" };
	struct spi_device *spi;
	unsigned int i;
	int ret;

	emu_si3215_props[0].value.u32_data[0] = board_tx_slot;
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		spi = spi_alloc_device(ctlr);
		if (!spi)
			return -ENOMEM;
		fxs_compat_spi_set_cs(spi, i);
		spi->max_speed_hz = 1000000;
		spi->mode = SPI_MODE_3;
		spi->irq = i ? 0 : irq_create_mapping(emu->domain, i);
		strscpy(spi->modalias, names[i], sizeof(spi->modalias));
		ret = device_add_software_node(&spi->dev, &emu_swnodes[i]);
		if (ret) {
			spi_dev_put(spi);
			return ret;
		}
		ret = fxs_compat_spi_driver_override(spi, "fxs-si321x");
		if (!ret)
			ret = spi_add_device(spi);
		if (ret) {
			device_remove_software_node(&spi->dev);
			spi_dev_put(spi);
			return ret;
		}
		emu->chips[i].pcm.spi = spi;
	}
	return 0;
}

static int emu_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct spi_controller *ctlr;
	struct emu *emu;
	int ret;

	ctlr = devm_spi_alloc_host(dev, sizeof(*emu));
	if (!ctlr)
		return -ENOMEM;
	emu = spi_controller_get_devdata(ctlr);
	mutex_init(&emu->lock);
	/* the files go before the chips' memory, and after the PCM bus */
	emu->dir = debugfs_create_dir(dev_name(dev), emu_root);
	ret = emu_add_chips(dev, emu);
	if (ret) {
		debugfs_remove_recursive(emu->dir);
		return ret;
	}
	ret = devm_add_action_or_reset(dev, emu_debugfs_remove, emu->dir);
	if (!ret)
		ret = devm_add_action_or_reset(dev, emu_pcm_remove, emu);
	if (ret)
		return ret;
	init_irq_work(&emu->irq_work, emu_irq_work);
	emu->masked = ~0UL;
	emu->domain = irq_domain_add_linear(dev->of_node, EMU_MAX_CS,
					    &emu_irq_ops, emu);
	if (!emu->domain)
		return -ENOMEM;
	/* before the controller's, so that it goes after the devices */
	ret = devm_add_action_or_reset(dev, emu_irq_remove, emu);
	if (ret)
		return ret;
	ctlr->dev.of_node = dev->of_node;
	ctlr->bus_num = -1;
	ctlr->num_chipselect = EMU_MAX_CS;
	ctlr->mode_bits = SPI_CPOL | SPI_CPHA;
	ctlr->bits_per_word_mask = SPI_BPW_MASK(8);
	ctlr->transfer_one_message = emu_transfer;
	ret = devm_spi_register_controller(dev, ctlr);
	if (ret)
		return ret;
	return dev->of_node ? 0 : emu_new_devices(ctlr, emu);
}

static const struct of_device_id emu_of_match[] = {
	{ .compatible = "openfxs,si321x-emu" },
	{ }
};
MODULE_DEVICE_TABLE(of, emu_of_match);

static struct platform_driver emu_driver = {
	.driver = {
		.name = EMU_NAME,
		.of_match_table = emu_of_match,
	},
	.probe = emu_probe,
};

static int __init emu_init(void)
{
	struct device_node *np;
	int ret;

	emu_root = debugfs_create_dir(EMU_NAME, NULL);
	ret = platform_driver_register(&emu_driver);
	if (ret)
		goto err_debugfs;
	np = of_find_compatible_node(NULL, NULL, "openfxs,si321x-emu");
	of_node_put(np);
	if (np)
		return 0;
	emu_pdev = platform_device_register_simple(EMU_NAME, -1, NULL, 0);
	if (!IS_ERR(emu_pdev))
		return 0;
	ret = PTR_ERR(emu_pdev);
	platform_driver_unregister(&emu_driver);
err_debugfs:
	debugfs_remove_recursive(emu_root);
	return ret;
}
module_init(emu_init);

static void __exit emu_exit(void)
{
	platform_device_unregister(emu_pdev);
	platform_driver_unregister(&emu_driver);
	debugfs_remove_recursive(emu_root);
}
module_exit(emu_exit);

MODULE_DESCRIPTION("openfxs test only: an SPI controller emulating Si3210/Si3215 ProSLICs");
MODULE_LICENSE("GPL");
