// SPDX-License-Identifier: GPL-2.0
/*
 * openfxs simulated SLIC: boards made in configfs (/sys/kernel/config/fxs-sim,
 * the gpio-sim pattern) or described by a firmware node (compatible
 * "openfxs,fxs-sim", device tree or software node), whose lines register
 * with the fxs core, ticked by a 10 ms hrtimer and driven by tests through
 * debugfs (/sys/kernel/debug/fxs-sim/fxsN/).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/configfs.h>
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/hrtimer.h>
#include <linux/idr.h>
#include <linux/kfifo.h>
#include <linux/kstrtox.h>
#include <linux/lockdep.h>
#include <linux/minmax.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/platform_device.h>
#include <linux/property.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#include "fxs_driver.h"

#define FXS_SIM_DRIVER_NAME		"fxs-sim"
#define FXS_SIM_MAX_LINES		8
#define FXS_SIM_FRAME_NS		(FXS_FRAME_MS * NSEC_PER_MSEC)
#define FXS_SIM_MAX_CATCHUP		4	/* frames run per timer tick */
#define FXS_SIM_UPLINK_MAX		(10 * FXS_PCM_RATE_HZ)	/* 10 s queued */
#define FXS_SIM_UPLINK_FIFO		131072	/* power of two above it */
#define FXS_SIM_DOWNLINK_FIFO		131072	/* newest downlink kept */
#define FXS_SIM_DOWNLINK_CHUNK		512	/* samples per copy_to_user */
#define FXS_SIM_RING_LOG_LEN		256
#define FXS_SIM_FEED_LOG_LEN		256
#define FXS_SIM_DIGIT_FIFO		16
#define FXS_SIM_DIGITS			"0123456789*#ABCD"
#define FXS_SIM_STORE_MAX		4095	/* longest configfs store */

static_assert(FXS_SIM_UPLINK_FIFO >= FXS_SIM_UPLINK_MAX);

static struct dentry *fxs_sim_debugfs_root;
static DEFINE_IDA(fxs_sim_ida);

/**
 * struct fxs_sim_ring_entry - one ring generator transition
 * @frame: the frame number (1 = the first frame after going live)
 * @on: 1 when ringing started, 0 when it stopped
 */
struct fxs_sim_ring_entry {
	u32 frame;
	u32 on;
};

/**
 * struct fxs_sim_feed_entry - one linefeed change
 * @frame: the frame number (0 = before the board's first frame)
 * @feed: the new &enum fxs_linefeed
 */
struct fxs_sim_feed_entry {
	u32 frame;
	u32 feed;
};

/**
 * struct fxs_sim_line - one simulated FXS port
 * @chip: the board
 * @line: the core's line
 * @downlink_read_lock: serializes reads of the debugfs downlink file, which
 *	consume samples only after they were copied
 * @lock: covers every field below but @reported_offhook; taken with irqsave
 *	because the core calls set_linefeed under its own irqsave lock (and
 *	the frame clock runs in softirq context)
 * @uplink: PCM injected by tests, consumed %FXS_PCM_FRAME_SAMPLES per frame
 * @downlink: captured non-silent downlink frames
 * @downlink_dropped: samples dropped from @downlink's head to make room
 * @digits: hardware DTMF digits injected by tests
 * @ring_log: the last %FXS_SIM_RING_LOG_LEN ring transitions
 * @ring_log_next: where the next entry goes
 * @ring_log_count: entries in @ring_log
 * @feed_log: the last %FXS_SIM_FEED_LOG_LEN linefeed changes
 * @feed_log_next: where the next entry goes
 * @feed_log_count: entries in @feed_log
 * @linefeed: the linefeed state set by the core
 * @input_gain_db: the gain on the signal from the phone set by the core
 * @output_gain_db: the gain on the signal to the phone set by the core
 * @offhook: the raw hook state set by tests
 * @reported_offhook: the hook state last told the core (frame clock only)
 * @label: the line's name from the firmware node's line-names, else NULL
 */
struct fxs_sim_line {
	struct fxs_sim_chip *chip;
	struct fxs_line *line;
	struct mutex downlink_read_lock;	/* serializes downlink reads */
	spinlock_t lock;	/* covers the fields below */
	DECLARE_KFIFO_PTR(uplink, s16);
	DECLARE_KFIFO_PTR(downlink, s16);
	unsigned int downlink_dropped;
	DECLARE_KFIFO(digits, char, FXS_SIM_DIGIT_FIFO);
	struct fxs_sim_ring_entry ring_log[FXS_SIM_RING_LOG_LEN];
	unsigned int ring_log_next;
	unsigned int ring_log_count;
	struct fxs_sim_feed_entry feed_log[FXS_SIM_FEED_LOG_LEN];
	unsigned int feed_log_next;
	unsigned int feed_log_count;
	enum fxs_linefeed linefeed;
	int input_gain_db;
	int output_gain_db;
	bool offhook;
	bool reported_offhook;
	const char *label;
};

/**
 * struct fxs_sim_chip - a live simulated board (the platform device's data)
 * @timer: the 10 ms frame clock, a soft hrtimer: the frames' work (events,
 *	DTMF, tones of every line) runs in softirq context, not in hard IRQ
 * @frames: frames ticked since the board went live
 * @frames_dropped: frames a late tick skipped beyond %FXS_SIM_MAX_CATCHUP
 * @hw_dtmf: the board emulates a chip with hardware DTMF
 * @num_lines: number of lines
 * @lines: the lines
 */
struct fxs_sim_chip {
	struct hrtimer timer;
	atomic_t frames;
	atomic_t frames_dropped;
	bool hw_dtmf;
	unsigned int num_lines;
	struct fxs_sim_line *lines[FXS_SIM_MAX_LINES];
};

/**
 * struct fxs_sim_pdata - a board's settings: what configfs hands the
 *	platform device, or what probe reads from the firmware node
 * @num_lines: number of lines
 * @hw_dtmf: emulate hardware DTMF
 * @probe_err: where probe leaves its result for the `live` write (configfs)
 * @line_names: the lines' labels (firmware node), else NULL each
 */
struct fxs_sim_pdata {
	u32 num_lines;
	bool hw_dtmf;
	int *probe_err;
	const char *line_names[FXS_SIM_MAX_LINES];
};

/* Backend ops */

static void fxs_sim_ring_log_add(struct fxs_sim_line *sl, bool on)
{
	struct fxs_sim_ring_entry *entry = &sl->ring_log[sl->ring_log_next];

	entry->frame = atomic_read(&sl->chip->frames);
	entry->on = on;
	sl->ring_log_next = (sl->ring_log_next + 1) % FXS_SIM_RING_LOG_LEN;
	if (sl->ring_log_count < FXS_SIM_RING_LOG_LEN)
		sl->ring_log_count++;
}

static void fxs_sim_feed_log_add(struct fxs_sim_line *sl,
				 enum fxs_linefeed feed)
{
	struct fxs_sim_feed_entry *entry = &sl->feed_log[sl->feed_log_next];

	lockdep_assert_held(&sl->lock);
	entry->frame = atomic_read(&sl->chip->frames);
	entry->feed = feed;
	sl->feed_log_next = (sl->feed_log_next + 1) % FXS_SIM_FEED_LOG_LEN;
	if (sl->feed_log_count < FXS_SIM_FEED_LOG_LEN)
		sl->feed_log_count++;
}

static int fxs_sim_set_linefeed(struct fxs_line *line, enum fxs_linefeed feed)
{
	struct fxs_sim_line *sl = fxs_line_get_drvdata(line);
	unsigned long flags;
	bool was_ringing, ringing = feed == FXS_LINEFEED_RINGING;

	spin_lock_irqsave(&sl->lock, flags);
	was_ringing = sl->linefeed == FXS_LINEFEED_RINGING;
	if (was_ringing != ringing)
		fxs_sim_ring_log_add(sl, ringing);
	if (sl->linefeed != feed)
		fxs_sim_feed_log_add(sl, feed);
	sl->linefeed = feed;
	spin_unlock_irqrestore(&sl->lock, flags);
	return 0;
}

static int fxs_sim_set_gains(struct fxs_line *line, int input_db,
			     int output_db)
{
	struct fxs_sim_line *sl = fxs_line_get_drvdata(line);
	unsigned long flags;

	spin_lock_irqsave(&sl->lock, flags);
	sl->input_gain_db = input_db;
	sl->output_gain_db = output_db;
	spin_unlock_irqrestore(&sl->lock, flags);
	return 0;
}

static const struct fxs_line_ops fxs_sim_line_ops = {
	.set_linefeed = fxs_sim_set_linefeed,
	.set_gains = fxs_sim_set_gains,
};

/* Frame clock */

static bool fxs_sim_pcm_silent(const s16 *pcm, unsigned int count)
{
	unsigned int i;

	for (i = 0; i < count; i++)
		if (pcm[i])
			return false;
	return true;
}

/* Keep the newest downlink: drop the oldest samples to make room. */
static void fxs_sim_capture(struct fxs_sim_line *sl, const s16 *pcm)
{
	s16 discard[FXS_PCM_FRAME_SAMPLES];
	unsigned int avail, n;
	unsigned long flags;

	spin_lock_irqsave(&sl->lock, flags);
	avail = kfifo_avail(&sl->downlink);
	if (avail < FXS_PCM_FRAME_SAMPLES) {
		n = kfifo_out(&sl->downlink, discard,
			      FXS_PCM_FRAME_SAMPLES - avail);
		sl->downlink_dropped += n;
		avail += n;
	}
	kfifo_in(&sl->downlink, pcm, min(avail, FXS_PCM_FRAME_SAMPLES));
	spin_unlock_irqrestore(&sl->lock, flags);
}

static void fxs_sim_line_frame(struct fxs_sim_line *sl)
{
	s16 uplink[FXS_PCM_FRAME_SAMPLES], downlink[FXS_PCM_FRAME_SAMPLES];
	char digits[FXS_SIM_DIGIT_FIFO];
	unsigned int n, nr_digits, i;
	unsigned long flags;
	bool offhook;

	spin_lock_irqsave(&sl->lock, flags);
	n = kfifo_out(&sl->uplink, uplink, FXS_PCM_FRAME_SAMPLES);
	nr_digits = kfifo_out(&sl->digits, digits, ARRAY_SIZE(digits));
	offhook = sl->offhook;
	spin_unlock_irqrestore(&sl->lock, flags);
	memset(uplink + n, 0, (FXS_PCM_FRAME_SAMPLES - n) * sizeof(*uplink));

	if (offhook != sl->reported_offhook) {
		fxs_line_hook_changed(sl->line, offhook);
		sl->reported_offhook = offhook;
	}
	for (i = 0; i < nr_digits; i++)
		fxs_line_hw_digit(sl->line, digits[i]);
	fxs_line_frame(sl->line, uplink, downlink);
	if (!fxs_sim_pcm_silent(downlink, FXS_PCM_FRAME_SAMPLES))
		fxs_sim_capture(sl, downlink);
}

static enum hrtimer_restart fxs_sim_tick(struct hrtimer *timer)
{
	struct fxs_sim_chip *chip = container_of(timer, struct fxs_sim_chip,
						 timer);
	u64 frames = hrtimer_forward_now(timer, ns_to_ktime(FXS_SIM_FRAME_NS));
	unsigned int i;

	/*
	 * Catch up on frames a slow (emulated) CPU missed, within a small
	 * limit; the rest are dropped and counted.
	 */
	if (frames > FXS_SIM_MAX_CATCHUP) {
		atomic_add(frames - FXS_SIM_MAX_CATCHUP, &chip->frames_dropped);
		frames = FXS_SIM_MAX_CATCHUP;
	}
	for (; frames; frames--) {
		atomic_inc(&chip->frames);
		for (i = 0; i < chip->num_lines; i++)
			fxs_sim_line_frame(chip->lines[i]);
	}
	return HRTIMER_RESTART;
}

static void fxs_sim_timer_stop(void *data)
{
	struct fxs_sim_chip *chip = data;

	hrtimer_cancel(&chip->timer);
}

/* debugfs */

static int fxs_sim_hook_show(struct seq_file *s, void *unused)
{
	struct fxs_sim_line *sl = s->private;

	seq_printf(s, "%d\n", READ_ONCE(sl->offhook));
	return 0;
}

static int fxs_sim_hook_open(struct inode *inode, struct file *file)
{
	return single_open(file, fxs_sim_hook_show, inode->i_private);
}

static ssize_t fxs_sim_hook_write(struct file *file, const char __user *buf,
				  size_t count, loff_t *ppos)
{
	struct fxs_sim_line *sl = file_inode(file)->i_private;
	unsigned long flags;
	unsigned int val;
	int ret;

	ret = kstrtouint_from_user(buf, count, 0, &val);
	if (ret)
		return ret;
	if (val > 1)
		return -EINVAL;
	spin_lock_irqsave(&sl->lock, flags);
	sl->offhook = val;
	spin_unlock_irqrestore(&sl->lock, flags);
	return count;
}

static const struct file_operations fxs_sim_hook_fops = {
	.owner = THIS_MODULE,
	.open = fxs_sim_hook_open,
	.read = seq_read,
	.write = fxs_sim_hook_write,
	.llseek = seq_lseek,
	.release = single_release,
};

/* A write is queued whole or refused with -ENOSPC. */
static ssize_t fxs_sim_uplink_write(struct file *file, const char __user *buf,
				    size_t count, loff_t *ppos)
{
	struct fxs_sim_line *sl = file_inode(file)->i_private;
	unsigned int samples = count / sizeof(s16), i;
	unsigned long flags;
	__le16 *raw;
	s16 *pcm;
	int ret;

	if (count & 1)
		return -EINVAL;
	if (samples > FXS_SIM_UPLINK_MAX)
		return -ENOSPC;
	if (!samples)
		return 0;
	raw = vmemdup_user(buf, count);
	if (IS_ERR(raw))
		return PTR_ERR(raw);
	pcm = (s16 *)raw;
	for (i = 0; i < samples; i++)
		pcm[i] = le16_to_cpu(raw[i]);

	ret = count;
	spin_lock_irqsave(&sl->lock, flags);
	if (kfifo_len(&sl->uplink) + samples > FXS_SIM_UPLINK_MAX)
		ret = -ENOSPC;
	else
		kfifo_in(&sl->uplink, pcm, samples);
	spin_unlock_irqrestore(&sl->lock, flags);
	kvfree(raw);
	return ret;
}

static const struct file_operations fxs_sim_uplink_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = fxs_sim_uplink_write,
};

static int fxs_sim_uplink_pending_show(struct seq_file *s, void *unused)
{
	struct fxs_sim_line *sl = s->private;
	unsigned long flags;
	unsigned int pending;

	spin_lock_irqsave(&sl->lock, flags);
	pending = kfifo_len(&sl->uplink);
	spin_unlock_irqrestore(&sl->lock, flags);
	seq_printf(s, "%u\n", pending);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(fxs_sim_uplink_pending);

static ssize_t fxs_sim_digit_write(struct file *file, const char __user *buf,
				   size_t count, loff_t *ppos)
{
	struct fxs_sim_line *sl = file_inode(file)->i_private;
	unsigned long flags;
	char text[3] = "";
	int ret = count;

	if (!sl->chip->hw_dtmf)
		return -EOPNOTSUPP;
	if (!count || count > 2)
		return -EINVAL;
	if (copy_from_user(text, buf, count))
		return -EFAULT;
	if ((count == 2 && text[1] != '\n') || !text[0] ||
	    !strchr(FXS_SIM_DIGITS, text[0]))
		return -EINVAL;
	spin_lock_irqsave(&sl->lock, flags);
	if (!kfifo_put(&sl->digits, text[0]))
		ret = -ENOSPC;
	spin_unlock_irqrestore(&sl->lock, flags);
	return ret;
}

static const struct file_operations fxs_sim_digit_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = fxs_sim_digit_write,
};

/*
 * Copy up to @max of the oldest captured samples to @buf, then drop the
 * ones that got there; capture may drop samples from the head meanwhile
 * (those reached userspace too). Called with sl->downlink_read_lock held.
 * Return: the samples copied, 0 when none is captured, -EFAULT when the
 * first one could not be copied.
 */
static int fxs_sim_downlink_copy(struct fxs_sim_line *sl, char __user *buf,
				 __le16 *chunk, unsigned int max)
{
	unsigned int n, i, copied, lost, dropped;
	s16 *pcm = (s16 *)chunk;
	unsigned long flags, left;

	lockdep_assert_held(&sl->downlink_read_lock);
	spin_lock_irqsave(&sl->lock, flags);
	n = kfifo_out_peek(&sl->downlink, pcm, max);
	dropped = sl->downlink_dropped;
	spin_unlock_irqrestore(&sl->lock, flags);
	if (!n)
		return 0;
	for (i = 0; i < n; i++)
		chunk[i] = cpu_to_le16(pcm[i]);
	left = copy_to_user(buf, chunk, n * sizeof(*chunk));
	copied = (n * sizeof(*chunk) - left) / sizeof(*chunk);
	if (!copied)
		return -EFAULT;

	spin_lock_irqsave(&sl->lock, flags);
	lost = min(sl->downlink_dropped - dropped, copied);
	/* @chunk is free again: it takes the samples skipped */
	n = kfifo_out(&sl->downlink, pcm, copied - lost);
	WARN_ON_ONCE(n != copied - lost);
	spin_unlock_irqrestore(&sl->lock, flags);
	return copied;
}

/*
 * Reading drains: each read returns the oldest captured samples. A read
 * that faults returns what it copied before (-EFAULT when nothing) and
 * leaves the rest captured.
 */
static ssize_t fxs_sim_downlink_read(struct file *file, char __user *buf,
				     size_t count, loff_t *ppos)
{
	struct fxs_sim_line *sl = file_inode(file)->i_private;
	ssize_t done = 0;
	__le16 *chunk;
	int n;

	chunk = kmalloc_array(FXS_SIM_DOWNLINK_CHUNK, sizeof(*chunk),
			      GFP_KERNEL);
	if (!chunk)
		return -ENOMEM;
	mutex_lock(&sl->downlink_read_lock);
	while (count - done >= sizeof(*chunk)) {
		n = fxs_sim_downlink_copy(sl, buf + done, chunk,
					  min_t(size_t, FXS_SIM_DOWNLINK_CHUNK,
						(count - done) / sizeof(*chunk)));
		if (n < 0 && !done)
			done = n;
		if (n <= 0)
			break;
		done += n * sizeof(*chunk);
	}
	mutex_unlock(&sl->downlink_read_lock);
	kfree(chunk);
	return done;
}

static const struct file_operations fxs_sim_downlink_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = fxs_sim_downlink_read,
};

static const char *const fxs_sim_linefeed_names[] = {
	[FXS_LINEFEED_OPEN] = "open",
	[FXS_LINEFEED_FORWARD_ACTIVE] = "forward-active",
	[FXS_LINEFEED_REVERSE_ACTIVE] = "reverse-active",
	[FXS_LINEFEED_RINGING] = "ringing",
};

static int fxs_sim_linefeed_show(struct seq_file *s, void *unused)
{
	struct fxs_sim_line *sl = s->private;
	enum fxs_linefeed feed = READ_ONCE(sl->linefeed);

	if (feed >= ARRAY_SIZE(fxs_sim_linefeed_names))
		return -EIO;
	seq_printf(s, "%s\n", fxs_sim_linefeed_names[feed]);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(fxs_sim_linefeed);

static int fxs_sim_ring_log_show(struct seq_file *s, void *unused)
{
	struct fxs_sim_line *sl = s->private;
	struct fxs_sim_ring_entry *log;
	unsigned int count, first, i;
	unsigned long flags;

	log = kmalloc_array(FXS_SIM_RING_LOG_LEN, sizeof(*log), GFP_KERNEL);
	if (!log)
		return -ENOMEM;
	spin_lock_irqsave(&sl->lock, flags);
	memcpy(log, sl->ring_log, sizeof(sl->ring_log));
	count = sl->ring_log_count;
	first = sl->ring_log_next + FXS_SIM_RING_LOG_LEN - count;
	spin_unlock_irqrestore(&sl->lock, flags);
	for (i = 0; i < count; i++) {
		struct fxs_sim_ring_entry *e =
			&log[(first + i) % FXS_SIM_RING_LOG_LEN];

		seq_printf(s, "%u %u\n", e->frame, e->on);
	}
	kfree(log);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(fxs_sim_ring_log);

static int fxs_sim_feed_log_show(struct seq_file *s, void *unused)
{
	struct fxs_sim_line *sl = s->private;
	struct fxs_sim_feed_entry *log;
	unsigned int count, first, i;
	unsigned long flags;

	log = kmalloc_array(FXS_SIM_FEED_LOG_LEN, sizeof(*log), GFP_KERNEL);
	if (!log)
		return -ENOMEM;
	spin_lock_irqsave(&sl->lock, flags);
	memcpy(log, sl->feed_log, sizeof(sl->feed_log));
	count = sl->feed_log_count;
	first = sl->feed_log_next + FXS_SIM_FEED_LOG_LEN - count;
	spin_unlock_irqrestore(&sl->lock, flags);
	for (i = 0; i < count; i++) {
		struct fxs_sim_feed_entry *e =
			&log[(first + i) % FXS_SIM_FEED_LOG_LEN];

		if (e->feed < ARRAY_SIZE(fxs_sim_linefeed_names))
			seq_printf(s, "%u %s\n", e->frame,
				   fxs_sim_linefeed_names[e->feed]);
	}
	kfree(log);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(fxs_sim_feed_log);

static int fxs_sim_gains_show(struct seq_file *s, void *unused)
{
	struct fxs_sim_line *sl = s->private;
	int input_db, output_db;
	unsigned long flags;

	spin_lock_irqsave(&sl->lock, flags);
	input_db = sl->input_gain_db;
	output_db = sl->output_gain_db;
	spin_unlock_irqrestore(&sl->lock, flags);
	seq_printf(s, "%d %d\n", input_db, output_db);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(fxs_sim_gains);

static int fxs_sim_label_show(struct seq_file *s, void *unused)
{
	struct fxs_sim_line *sl = s->private;

	seq_printf(s, "%s\n", sl->label ?: "");
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(fxs_sim_label);

static int fxs_sim_frames_show(struct seq_file *s, void *unused)
{
	struct fxs_sim_line *sl = s->private;

	seq_printf(s, "%u\n", atomic_read(&sl->chip->frames));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(fxs_sim_frames);

static int fxs_sim_frames_dropped_show(struct seq_file *s, void *unused)
{
	struct fxs_sim_line *sl = s->private;

	seq_printf(s, "%u\n", atomic_read(&sl->chip->frames_dropped));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(fxs_sim_frames_dropped);

static void fxs_sim_debugfs_remove(void *data)
{
	debugfs_remove_recursive(data);
}

static int fxs_sim_debugfs_add(struct device *dev, struct fxs_sim_line *sl)
{
	struct dentry *dir;

	dir = debugfs_create_dir(fxs_line_name(sl->line), fxs_sim_debugfs_root);
	debugfs_create_file("hook", 0600, dir, sl, &fxs_sim_hook_fops);
	debugfs_create_file("uplink", 0200, dir, sl, &fxs_sim_uplink_fops);
	debugfs_create_file("uplink_pending", 0400, dir, sl,
			    &fxs_sim_uplink_pending_fops);
	debugfs_create_file("digit", 0200, dir, sl, &fxs_sim_digit_fops);
	debugfs_create_file("downlink", 0400, dir, sl, &fxs_sim_downlink_fops);
	debugfs_create_file("linefeed", 0400, dir, sl, &fxs_sim_linefeed_fops);
	debugfs_create_file("ring_log", 0400, dir, sl, &fxs_sim_ring_log_fops);
	debugfs_create_file("linefeed_log", 0400, dir, sl,
			    &fxs_sim_feed_log_fops);
	debugfs_create_file("gains", 0400, dir, sl, &fxs_sim_gains_fops);
	debugfs_create_file("frames", 0400, dir, sl, &fxs_sim_frames_fops);
	debugfs_create_file("label", 0400, dir, sl, &fxs_sim_label_fops);
	debugfs_create_file("frames_dropped", 0400, dir, sl,
			    &fxs_sim_frames_dropped_fops);
	return devm_add_action_or_reset(dev, fxs_sim_debugfs_remove, dir);
}

/* Probe */

static void fxs_sim_fifo_free(void *data)
{
	kvfree(data);
}

static int fxs_sim_fifo_alloc(struct device *dev, struct __kfifo *fifo,
			      unsigned int samples)
{
	void *buf;
	int ret;

	buf = kvmalloc_array(samples, sizeof(s16), GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	ret = devm_add_action_or_reset(dev, fxs_sim_fifo_free, buf);
	if (ret)
		return ret;
	return __kfifo_init(fifo, buf, samples * sizeof(s16), sizeof(s16));
}

static int fxs_sim_add_line(struct device *dev, struct fxs_sim_chip *chip,
			    unsigned int i, const char *label)
{
	struct fxs_line_config config = {
		.ops = &fxs_sim_line_ops,
		.caps = FXS_LINE_CAP_RING | FXS_LINE_CAP_PCM,
	};
	struct fxs_sim_line *sl;
	int ret;

	sl = devm_kzalloc(dev, sizeof(*sl), GFP_KERNEL);
	if (!sl)
		return -ENOMEM;
	sl->chip = chip;
	if (label) {
		sl->label = devm_kstrdup(dev, label, GFP_KERNEL);
		if (!sl->label)
			return -ENOMEM;
	}
	mutex_init(&sl->downlink_read_lock);
	spin_lock_init(&sl->lock);
	INIT_KFIFO(sl->digits);
	sl->linefeed = FXS_LINEFEED_OPEN;
	ret = fxs_sim_fifo_alloc(dev, &sl->uplink.kfifo, FXS_SIM_UPLINK_FIFO);
	if (ret)
		return ret;
	ret = fxs_sim_fifo_alloc(dev, &sl->downlink.kfifo,
				 FXS_SIM_DOWNLINK_FIFO);
	if (ret)
		return ret;

	if (chip->hw_dtmf)
		config.caps |= FXS_LINE_CAP_HW_DTMF;
	config.drvdata = sl;
	sl->line = devm_fxs_line_register(dev, &config);
	if (IS_ERR(sl->line))
		return PTR_ERR(sl->line);
	chip->lines[i] = sl;
	return fxs_sim_debugfs_add(dev, sl);
}

static int fxs_sim_probe_chip(struct platform_device *pdev,
			      const struct fxs_sim_pdata *pdata)
{
	struct device *dev = &pdev->dev;
	struct fxs_sim_chip *chip;
	unsigned int i;
	int ret;

	if (pdata->num_lines < 1 || pdata->num_lines > FXS_SIM_MAX_LINES)
		return -EINVAL;
	chip = devm_kzalloc(dev, sizeof(*chip), GFP_KERNEL);
	if (!chip)
		return -ENOMEM;
	chip->hw_dtmf = pdata->hw_dtmf;
	hrtimer_init(&chip->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_SOFT);
	chip->timer.function = fxs_sim_tick;
	for (i = 0; i < pdata->num_lines; i++) {
		ret = fxs_sim_add_line(dev, chip, i, pdata->line_names[i]);
		if (ret)
			return ret;
	}
	chip->num_lines = pdata->num_lines;
	platform_set_drvdata(pdev, chip);

	hrtimer_start(&chip->timer, ns_to_ktime(FXS_SIM_FRAME_NS),
		      HRTIMER_MODE_REL_SOFT);
	return devm_add_action_or_reset(dev, fxs_sim_timer_stop, chip);
}

/*
 * A board from its firmware node: openfxs,num-lines (1 to
 * %FXS_SIM_MAX_LINES), openfxs,hw-dtmf (a flag) and line-names (one string
 * per line, optional). Any bad property refuses the probe with a message.
 */
static int fxs_sim_pdata_from_fwnode(struct device *dev,
				     struct fxs_sim_pdata *pdata)
{
	int n, ret;

	ret = device_property_read_u32(dev, "openfxs,num-lines",
				       &pdata->num_lines);
	if (ret)
		return dev_err_probe(dev, ret, "openfxs,num-lines missing or not a u32\n");
	if (pdata->num_lines < 1 || pdata->num_lines > FXS_SIM_MAX_LINES)
		return dev_err_probe(dev, -EINVAL,
				     "openfxs,num-lines %u out of range 1..%d\n",
				     pdata->num_lines, FXS_SIM_MAX_LINES);
	pdata->hw_dtmf = device_property_read_bool(dev, "openfxs,hw-dtmf");
	if (!device_property_present(dev, "line-names"))
		return 0;
	n = device_property_string_array_count(dev, "line-names");
	if (n != pdata->num_lines)
		return dev_err_probe(dev, -EINVAL,
				     "line-names has %d strings for %u lines\n",
				     n, pdata->num_lines);
	ret = device_property_read_string_array(dev, "line-names",
						pdata->line_names, n);
	if (ret < 0)
		return ret;
	return 0;
}

static int fxs_sim_probe(struct platform_device *pdev)
{
	const struct fxs_sim_pdata *pdata = dev_get_platdata(&pdev->dev);
	struct fxs_sim_pdata fw_pdata = { };
	int ret;

	if (!pdata) {
		if (!dev_fwnode(&pdev->dev))
			return -EINVAL;
		ret = fxs_sim_pdata_from_fwnode(&pdev->dev, &fw_pdata);
		if (ret)
			return ret;
		pdata = &fw_pdata;
	}
	ret = fxs_sim_probe_chip(pdev, pdata);
	if (pdata->probe_err)
		*pdata->probe_err = ret;
	return ret;
}

static const struct of_device_id fxs_sim_of_match[] = {
	{ .compatible = "openfxs,fxs-sim" },
	{ }
};
MODULE_DEVICE_TABLE(of, fxs_sim_of_match);

/*
 * A board belongs to its configfs directory, which registers and
 * unregisters the platform device: no bind/unbind files in sysfs, so that
 * an unbind behind configfs's back cannot leave `live` reading 1 on a
 * board whose lines are gone. Probe is synchronous by contract (even
 * with async_probe=1): the `live` write returns its result.
 */
static struct platform_driver fxs_sim_driver = {
	.driver = {
		.name = FXS_SIM_DRIVER_NAME,
		.of_match_table = fxs_sim_of_match,
		.suppress_bind_attrs = true,
		.probe_type = PROBE_FORCE_SYNCHRONOUS,
	},
	.probe = fxs_sim_probe,
};

/* configfs */

/**
 * struct fxs_sim_device - a board in configfs (fxs-sim/NAME)
 * @group: the configfs directory
 * @id: the platform device id
 * @lock: covers every field below and serializes going live and back;
 *	configfs does not serialize attribute stores with each other or
 *	with the item's release
 * @pdev: the platform device while live, else NULL
 * @probe_err: the last probe's result
 * @num_lines: number of lines
 * @hw_dtmf: emulate hardware DTMF
 */
struct fxs_sim_device {
	struct config_group group;
	int id;
	struct mutex lock;	/* covers the fields below */
	struct platform_device *pdev;
	int probe_err;
	u32 num_lines;
	bool hw_dtmf;
};

static struct fxs_sim_device *to_fxs_sim_device(struct config_item *item)
{
	return container_of(to_config_group(item), struct fxs_sim_device,
			    group);
}

static int fxs_sim_device_activate(struct fxs_sim_device *dev)
{
	struct fxs_sim_pdata pdata = {
		.num_lines = dev->num_lines,
		.hw_dtmf = dev->hw_dtmf,
		.probe_err = &dev->probe_err,
	};
	struct platform_device_info info = {
		.name = FXS_SIM_DRIVER_NAME,
		.id = dev->id,
		.data = &pdata,
		.size_data = sizeof(pdata),
	};
	struct platform_device *pdev;
	bool bound;

	lockdep_assert_held(&dev->lock);
	dev->probe_err = 0;
	pdev = platform_device_register_full(&info);
	if (IS_ERR(pdev))
		return PTR_ERR(pdev);
	/* The driver is registered and probes synchronously (probe_type). */
	device_lock(&pdev->dev);
	bound = !!pdev->dev.driver;
	device_unlock(&pdev->dev);
	if (!bound) {
		platform_device_unregister(pdev);
		return dev->probe_err ?: -ENXIO;
	}
	dev->pdev = pdev;
	return 0;
}

static void fxs_sim_device_deactivate(struct fxs_sim_device *dev)
{
	lockdep_assert_held(&dev->lock);
	platform_device_unregister(dev->pdev);
	dev->pdev = NULL;
}

/*
 * A board setting from a configfs store into *val: -EINVAL unless it is a
 * number in [min, max] and the whole store. kstrtouint() stops at a NUL,
 * and configfs cuts writes to 4095 bytes silently, so a store of 4095
 * bytes counts only when it ends with a newline.
 */
static int fxs_sim_parse_uint(const char *page, size_t count,
			      unsigned int min, unsigned int max,
			      unsigned int *val)
{
	if (count >= FXS_SIM_STORE_MAX &&
	    (count > FXS_SIM_STORE_MAX || page[count - 1] != '\n'))
		return -EINVAL;
	if (memchr(page, '\0', count))
		return -EINVAL;
	if (kstrtouint(page, 0, val) || *val < min || *val > max)
		return -EINVAL;
	return 0;
}

/*
 * A board setting in [min, max] into *val; -EBUSY while the board is live,
 * -EINVAL for a bad value.
 */
static int fxs_sim_device_parse_setting(struct fxs_sim_device *dev,
					const char *page, size_t count,
					unsigned int min, unsigned int max,
					unsigned int *val)
{
	lockdep_assert_held(&dev->lock);
	if (dev->pdev)
		return -EBUSY;
	return fxs_sim_parse_uint(page, count, min, max, val);
}

static ssize_t fxs_sim_device_config_num_lines_show(struct config_item *item,
						    char *page)
{
	struct fxs_sim_device *dev = to_fxs_sim_device(item);
	ssize_t ret;

	mutex_lock(&dev->lock);
	ret = sprintf(page, "%u\n", dev->num_lines);
	mutex_unlock(&dev->lock);
	return ret;
}

static ssize_t fxs_sim_device_config_num_lines_store(struct config_item *item,
						     const char *page,
						     size_t count)
{
	struct fxs_sim_device *dev = to_fxs_sim_device(item);
	unsigned int num;
	int ret;

	mutex_lock(&dev->lock);
	ret = fxs_sim_device_parse_setting(dev, page, count, 1,
					   FXS_SIM_MAX_LINES, &num);
	if (!ret)
		dev->num_lines = num;
	mutex_unlock(&dev->lock);
	return ret ?: count;
}
CONFIGFS_ATTR(fxs_sim_device_config_, num_lines);

static ssize_t fxs_sim_device_config_hw_dtmf_show(struct config_item *item,
						  char *page)
{
	struct fxs_sim_device *dev = to_fxs_sim_device(item);
	ssize_t ret;

	mutex_lock(&dev->lock);
	ret = sprintf(page, "%d\n", dev->hw_dtmf);
	mutex_unlock(&dev->lock);
	return ret;
}

static ssize_t fxs_sim_device_config_hw_dtmf_store(struct config_item *item,
						   const char *page,
						   size_t count)
{
	struct fxs_sim_device *dev = to_fxs_sim_device(item);
	unsigned int val;
	int ret;

	mutex_lock(&dev->lock);
	ret = fxs_sim_device_parse_setting(dev, page, count, 0, 1, &val);
	if (!ret)
		dev->hw_dtmf = val;
	mutex_unlock(&dev->lock);
	return ret ?: count;
}
CONFIGFS_ATTR(fxs_sim_device_config_, hw_dtmf);

static ssize_t fxs_sim_device_config_live_show(struct config_item *item,
					       char *page)
{
	struct fxs_sim_device *dev = to_fxs_sim_device(item);
	ssize_t ret;

	mutex_lock(&dev->lock);
	ret = sprintf(page, "%d\n", !!dev->pdev);
	mutex_unlock(&dev->lock);
	return ret;
}

/* "1" when live -> -EBUSY; "0" when not live changes nothing. */
static ssize_t fxs_sim_device_config_live_store(struct config_item *item,
						const char *page, size_t count)
{
	struct fxs_sim_device *dev = to_fxs_sim_device(item);
	unsigned int live;
	int ret = 0;

	if (fxs_sim_parse_uint(page, count, 0, 1, &live))
		return -EINVAL;
	mutex_lock(&dev->lock);
	if (live && dev->pdev)
		ret = -EBUSY;
	else if (live)
		ret = fxs_sim_device_activate(dev);
	else if (dev->pdev)
		fxs_sim_device_deactivate(dev);
	mutex_unlock(&dev->lock);
	return ret ?: count;
}
CONFIGFS_ATTR(fxs_sim_device_config_, live);

static ssize_t fxs_sim_device_config_dev_name_show(struct config_item *item,
						   char *page)
{
	struct fxs_sim_device *dev = to_fxs_sim_device(item);
	ssize_t ret;

	mutex_lock(&dev->lock);
	ret = sprintf(page, "%s\n", dev->pdev ? dev_name(&dev->pdev->dev) : "");
	mutex_unlock(&dev->lock);
	return ret;
}
CONFIGFS_ATTR_RO(fxs_sim_device_config_, dev_name);

static ssize_t fxs_sim_device_config_line_names_show(struct config_item *item,
						     char *page)
{
	struct fxs_sim_device *dev = to_fxs_sim_device(item);
	struct fxs_sim_chip *chip;
	ssize_t len = 0;
	unsigned int i;

	mutex_lock(&dev->lock);
	if (dev->pdev) {
		device_lock(&dev->pdev->dev);
		chip = platform_get_drvdata(dev->pdev);
		for (i = 0; chip && i < chip->num_lines; i++)
			len += sysfs_emit_at(page, len, "%s%s", i ? " " : "",
					     fxs_line_name(chip->lines[i]->line));
		device_unlock(&dev->pdev->dev);
	}
	len += sysfs_emit_at(page, len, "\n");
	mutex_unlock(&dev->lock);
	return len;
}
CONFIGFS_ATTR_RO(fxs_sim_device_config_, line_names);

static struct configfs_attribute *fxs_sim_device_config_attrs[] = {
	&fxs_sim_device_config_attr_num_lines,
	&fxs_sim_device_config_attr_hw_dtmf,
	&fxs_sim_device_config_attr_live,
	&fxs_sim_device_config_attr_dev_name,
	&fxs_sim_device_config_attr_line_names,
	NULL
};

/* rmdir of a live board takes it down first. */
static void fxs_sim_device_config_release(struct config_item *item)
{
	struct fxs_sim_device *dev = to_fxs_sim_device(item);

	mutex_lock(&dev->lock);
	if (dev->pdev)
		fxs_sim_device_deactivate(dev);
	mutex_unlock(&dev->lock);
	mutex_destroy(&dev->lock);
	ida_free(&fxs_sim_ida, dev->id);
	kfree(dev);
}

static struct configfs_item_operations fxs_sim_device_config_item_ops = {
	.release = fxs_sim_device_config_release,
};

static const struct config_item_type fxs_sim_device_config_type = {
	.ct_item_ops = &fxs_sim_device_config_item_ops,
	.ct_attrs = fxs_sim_device_config_attrs,
	.ct_owner = THIS_MODULE,
};

static struct config_group *fxs_sim_config_make_device(struct config_group *g,
						       const char *name)
{
	struct fxs_sim_device *dev;
	int id;

	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev)
		return ERR_PTR(-ENOMEM);
	id = ida_alloc(&fxs_sim_ida, GFP_KERNEL);
	if (id < 0) {
		kfree(dev);
		return ERR_PTR(id);
	}
	dev->id = id;
	dev->num_lines = 1;
	mutex_init(&dev->lock);
	config_group_init_type_name(&dev->group, name,
				    &fxs_sim_device_config_type);
	return &dev->group;
}

static struct configfs_group_operations fxs_sim_config_group_ops = {
	.make_group = fxs_sim_config_make_device,
};

static const struct config_item_type fxs_sim_config_type = {
	.ct_group_ops = &fxs_sim_config_group_ops,
	.ct_owner = THIS_MODULE,
};

static struct configfs_subsystem fxs_sim_config_subsys = {
	.su_group = {
		.cg_item = {
			.ci_namebuf = FXS_SIM_DRIVER_NAME,
			.ci_type = &fxs_sim_config_type,
		},
	},
};

/* Module */

static int __init fxs_sim_init(void)
{
	int ret;

	fxs_sim_debugfs_root = debugfs_create_dir(FXS_SIM_DRIVER_NAME, NULL);
	ret = platform_driver_register(&fxs_sim_driver);
	if (ret)
		goto out_remove_debugfs;
	config_group_init(&fxs_sim_config_subsys.su_group);
	mutex_init(&fxs_sim_config_subsys.su_mutex);
	ret = configfs_register_subsystem(&fxs_sim_config_subsys);
	if (ret)
		goto out_unregister_driver;
	return 0;

out_unregister_driver:
	mutex_destroy(&fxs_sim_config_subsys.su_mutex);
	platform_driver_unregister(&fxs_sim_driver);
out_remove_debugfs:
	debugfs_remove_recursive(fxs_sim_debugfs_root);
	return ret;
}
module_init(fxs_sim_init);

static void __exit fxs_sim_exit(void)
{
	configfs_unregister_subsystem(&fxs_sim_config_subsys);
	mutex_destroy(&fxs_sim_config_subsys.su_mutex);
	platform_driver_unregister(&fxs_sim_driver);
	debugfs_remove_recursive(fxs_sim_debugfs_root);
	ida_destroy(&fxs_sim_ida);
}
module_exit(fxs_sim_exit);

MODULE_DESCRIPTION("openfxs simulated SLIC board");
MODULE_LICENSE("GPL");
