// SPDX-License-Identifier: GPL-2.0
/*
 * openfxs character device: the file operations of /dev/fxsN (events to
 * read, playback PCM to write, poll and the ioctls of uapi/linux/fxs.h).
 */

#include <linux/build_bug.h>
#include <linux/compat.h>
#include <linux/fs.h>
#include <linux/lockdep.h>
#include <linux/minmax.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "fxs_core.h"

/* Events copied to userspace per lock round trip of read() */
#define FXS_CDEV_READ_BATCH	8
/* Samples copied from userspace per lock round trip of write() */
#define FXS_CDEV_WRITE_CHUNK	128

static_assert(sizeof(struct fxs_event) == 32);
static_assert(sizeof(struct fxs_line_info) == 80);
static_assert(sizeof(struct fxs_tone_request) == 16);

static int fxs_cdev_open(struct inode *inode, struct file *file)
{
	struct fxs_line *line = container_of(inode->i_cdev, struct fxs_line,
					     cdev);
	struct fxs_reader *reader;
	int ret;

	reader = kzalloc(sizeof(*reader), GFP_KERNEL);
	if (!reader)
		return -ENOMEM;
	INIT_KFIFO(reader->events);
	mutex_init(&reader->read_lock);
	reader->line = line;
	get_device(&line->dev);
	ret = fxs_line_reader_add(line, reader);
	if (ret)
		goto out_put;
	file->private_data = reader;
	return stream_open(inode, file);

out_put:
	put_device(&line->dev);
	mutex_destroy(&reader->read_lock);
	kfree(reader);
	return ret;
}

static int fxs_cdev_release(struct inode *inode, struct file *file)
{
	struct fxs_reader *reader = file->private_data;
	struct fxs_line *line = reader->line;

	fxs_line_reader_remove(line, reader);
	mutex_destroy(&reader->read_lock);
	kfree(reader);
	put_device(&line->dev);
	return 0;
}

/*
 * Copy up to @max queued events to @buf, then consume the ones that got
 * there; the first one carries the count of the events dropped before it.
 * Called with reader->read_lock held, so that no other read() of the file
 * takes the same events meanwhile. Overflow may drop events from the head
 * while they are copied: those reached userspace, so they count as neither
 * consumed again nor lost.
 * Return: the events copied, 0 when none is queued, or -EFAULT when the
 * first one could not be copied.
 */
static int fxs_cdev_read_events(struct fxs_reader *reader, char __user *buf,
				unsigned int max)
{
	struct fxs_event events[FXS_CDEV_READ_BATCH];
	struct fxs_line *line = reader->line;
	unsigned int n, copied, lost, gone;
	unsigned long flags, left;
	u32 dropped;

	lockdep_assert_held(&reader->read_lock);
	max = min_t(unsigned int, max, ARRAY_SIZE(events));
	spin_lock_irqsave(&line->lock, flags);
	n = kfifo_out_peek(&reader->events, events, max);
	dropped = reader->dropped;
	spin_unlock_irqrestore(&line->lock, flags);
	if (!n)
		return 0;
	events[0].dropped = dropped;
	left = copy_to_user(buf, events, n * sizeof(*events));
	copied = (n * sizeof(*events) - left) / sizeof(*events);
	if (!copied)
		return -EFAULT;

	spin_lock_irqsave(&line->lock, flags);
	lost = reader->dropped - dropped;
	gone = min(lost, copied);
	for (n = gone; n < copied; n++)
		kfifo_skip(&reader->events);
	reader->dropped = lost - gone;
	spin_unlock_irqrestore(&line->lock, flags);
	return copied;
}

static bool fxs_cdev_readable(struct fxs_reader *reader)
{
	return !kfifo_is_empty(&reader->events) || READ_ONCE(reader->line->gone);
}

/*
 * Queued events are still returned after the line is gone; -ENODEV comes
 * once they are all read. Events are consumed only once they reached
 * userspace: a read that faults returns the events copied before the
 * fault, or -EFAULT when there are none, and leaves the rest queued.
 */
static ssize_t fxs_cdev_read(struct file *file, char __user *buf,
			     size_t count, loff_t *ppos)
{
	struct fxs_reader *reader = file->private_data;
	const size_t size = sizeof(struct fxs_event);
	size_t done = 0;
	int ret;

	if (count < size)
		return -EINVAL;
	while (count - done >= size) {
		if (mutex_lock_interruptible(&reader->read_lock))
			return done ?: -ERESTARTSYS;
		ret = fxs_cdev_read_events(reader, buf + done,
					   min_t(size_t, (count - done) / size,
						 FXS_CDEV_READ_BATCH));
		mutex_unlock(&reader->read_lock);
		if (ret < 0)
			return done ?: ret;
		if (ret) {
			done += ret * size;
			continue;
		}
		if (done)
			break;
		if (READ_ONCE(reader->line->gone))
			return -ENODEV;
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		ret = wait_event_interruptible(reader->line->wait,
					       fxs_cdev_readable(reader));
		if (ret)
			return ret;
	}
	return done;
}

static bool fxs_cdev_writable(struct fxs_line *line)
{
	return fxs_line_playback_room(line) || READ_ONCE(line->gone);
}

/*
 * Queue one chunk of PCM; called with line->write_lock held.
 * Return: the bytes consumed, -EAGAIN when the queue has no room, or an
 * error.
 */
static ssize_t fxs_cdev_write_chunk(struct fxs_line *line,
				    const char __user *buf, size_t bytes)
{
	__le16 raw[FXS_CDEV_WRITE_CHUNK];
	s16 pcm[FXS_CDEV_WRITE_CHUNK];
	unsigned int room, n, i;

	lockdep_assert_held(&line->write_lock);
	if (READ_ONCE(line->gone))
		return -ENODEV;
	room = fxs_line_playback_room(line);
	if (!room)
		return -EAGAIN;
	n = min_t(size_t, min_t(size_t, room, ARRAY_SIZE(pcm)),
		  bytes / sizeof(*pcm));
	if (copy_from_user(raw, buf, n * sizeof(*raw)))
		return -EFAULT;
	for (i = 0; i < n; i++)
		pcm[i] = le16_to_cpu(raw[i]);
	n = fxs_line_playback_queue(line, pcm, n);
	if (!n)
		return READ_ONCE(line->gone) ? -ENODEV : -EOPNOTSUPP;
	return n * sizeof(*pcm);
}

/*
 * write() queues what fits and returns; it blocks (without O_NONBLOCK)
 * only while the queue has no room at all, and then without the write
 * lock, so that an O_NONBLOCK writer never sleeps behind it: that one only
 * tries the lock, and gets -EAGAIN while another write() copies.
 */
static ssize_t fxs_cdev_write(struct file *file, const char __user *buf,
			      size_t count, loff_t *ppos)
{
	struct fxs_reader *reader = file->private_data;
	struct fxs_line *line = reader->line;
	bool nonblock = file->f_flags & O_NONBLOCK;
	ssize_t done = 0, ret = 0;

	if (READ_ONCE(line->gone))
		return -ENODEV;
	if (!(fxs_line_caps(line) & FXS_LINE_CAP_PCM))
		return -EOPNOTSUPP;
	if (count & 1)
		return -EINVAL;
	if (nonblock) {
		if (!mutex_trylock(&line->write_lock))
			return -EAGAIN;
	} else if (mutex_lock_interruptible(&line->write_lock)) {
		return -ERESTARTSYS;
	}
	while (done < count) {
		ret = fxs_cdev_write_chunk(line, buf + done, count - done);
		if (ret == -EAGAIN && !done && !nonblock) {
			mutex_unlock(&line->write_lock);
			ret = wait_event_interruptible(line->wait,
						       fxs_cdev_writable(line));
			if (ret)
				return ret;
			if (mutex_lock_interruptible(&line->write_lock))
				return -ERESTARTSYS;
			continue;
		}
		if (ret <= 0)
			break;
		done += ret;
	}
	mutex_unlock(&line->write_lock);
	return done ? done : ret;
}

static __poll_t fxs_cdev_poll(struct file *file, struct poll_table_struct *wait)
{
	struct fxs_reader *reader = file->private_data;
	struct fxs_line *line = reader->line;
	__poll_t mask = 0;

	poll_wait(file, &line->wait, wait);
	if (!kfifo_is_empty(&reader->events))
		mask |= EPOLLIN | EPOLLRDNORM;
	if (READ_ONCE(line->gone))
		mask |= EPOLLHUP | EPOLLERR;
	else if ((fxs_line_caps(line) & FXS_LINE_CAP_PCM) &&
		 fxs_line_playback_room(line))
		mask |= EPOLLOUT | EPOLLWRNORM;
	return mask;
}

static long fxs_cdev_get_line_info(struct fxs_line *line, void __user *argp)
{
	struct fxs_line_info info;

	fxs_line_get_info(line, &info);
	if (copy_to_user(argp, &info, sizeof(info)))
		return -EFAULT;
	return 0;
}

static long fxs_cdev_tone_start(struct fxs_line *line, void __user *argp)
{
	struct fxs_tone_request req;

	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;
	if (memchr_inv(req.padding, 0, sizeof(req.padding)))
		return -EINVAL;
	return fxs_line_tone_start(line, req.tone, req.duration_ms);
}

static long fxs_cdev_call_state(struct fxs_line *line, void __user *argp)
{
	struct fxs_call_request req;

	if (copy_from_user(&req, argp, sizeof(req)))
		return -EFAULT;
	if (memchr_inv(req.padding, 0, sizeof(req.padding)))
		return -EINVAL;
	return fxs_line_call_state(line, req.state);
}

static long fxs_cdev_ioctl(struct file *file, unsigned int cmd,
			   unsigned long arg)
{
	struct fxs_reader *reader = file->private_data;
	struct fxs_line *line = reader->line;
	void __user *argp = (void __user *)arg;

	if (READ_ONCE(line->gone))
		return -ENODEV;
	switch (cmd) {
	case FXS_IOC_GET_LINE_INFO:
		return fxs_cdev_get_line_info(line, argp);
	case FXS_IOC_RING_START:
		return fxs_line_ring_start(line);
	case FXS_IOC_RING_STOP:
		return fxs_line_ring_stop(line);
	case FXS_IOC_TONE_START:
		return fxs_cdev_tone_start(line, argp);
	case FXS_IOC_TONE_STOP:
		return fxs_line_tone_stop(line);
	case FXS_IOC_PLAYBACK_FLUSH:
		return fxs_line_playback_flush(line);
	case FXS_IOC_CALL_STATE:
		return fxs_cdev_call_state(line, argp);
	default:
		return -ENOTTY;
	}
}

const struct file_operations fxs_cdev_fops = {
	.owner = THIS_MODULE,
	.open = fxs_cdev_open,
	.release = fxs_cdev_release,
	.read = fxs_cdev_read,
	.write = fxs_cdev_write,
	.poll = fxs_cdev_poll,
	.unlocked_ioctl = fxs_cdev_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};
