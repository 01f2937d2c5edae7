// SPDX-License-Identifier: GPL-2.0
/*
 * openfxs core: the PCM bus hooks. A board's PCM/TDM driver attaches to
 * the line of a codec whose voice is on its bus and takes over that line's
 * frame clock from the chip driver (the contract: fxs_driver.h).
 */

#include <linux/device.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/mutex.h>
#include <linux/property.h>

#include "fxs_core.h"

/* attach, detach and unregister, one at a time: the pcm_* fields */
static DEFINE_MUTEX(fxs_pcm_mutex);

/* @line carries a reference, dropped here on failure */
static struct fxs_line *fxs_pcm_take(struct fxs_line *line,
				     const struct fxs_pcm_client *client,
				     void *data)
{
	int ret;

	if (!line)
		return ERR_PTR(-EPROBE_DEFER);
	mutex_lock(&fxs_pcm_mutex);
	if (line->pcm_gone)
		ret = -ENODEV;
	else if (line->pcm_client)
		ret = -EBUSY;
	else
		ret = line->pcm_ops->attach(line);
	if (!ret) {
		line->pcm_client = client;
		line->pcm_data = data;
		fxs_line_set_pcm(line, true);
	}
	mutex_unlock(&fxs_pcm_mutex);
	if (ret) {
		put_device(&line->dev);
		return ERR_PTR(ret);
	}
	dev_dbg(&line->dev, "PCM bus attached\n");
	return line;
}

/**
 * fxs_pcm_attach() - a PCM/TDM bus driver takes over a codec's line
 * @codec: the chip's device (the backend's parent device of the line)
 * @client: the bus driver's stop() hook
 * @data: passed to @client's stop()
 *
 * Process context. On success the caller runs the line's frames with
 * fxs_line_frame() and ends with fxs_pcm_detach(); see fxs_driver.h.
 *
 * Return: the line, or ERR_PTR(-EPROBE_DEFER) when @codec has no line
 * with PCM bus hooks (yet), -EBUSY when another bus driver has it,
 * -ENODEV when it is going away, -EINVAL without @client->stop, or the
 * backend's attach() error.
 */
struct fxs_line *fxs_pcm_attach(struct device *codec,
				const struct fxs_pcm_client *client, void *data)
{
	if (!codec || !client || !client->stop)
		return ERR_PTR(-EINVAL);
	return fxs_pcm_take(fxs_line_find(codec, NULL), client, data);
}
EXPORT_SYMBOL_GPL(fxs_pcm_attach);

/**
 * fxs_pcm_attach_fwnode() - fxs_pcm_attach() by the chip's firmware node
 * @codec: the chip's node, e.g. from fwnode_find_reference() on a phandle
 * @client: the bus driver's stop() hook
 * @data: passed to @client's stop()
 *
 * Return: as fxs_pcm_attach().
 */
struct fxs_line *fxs_pcm_attach_fwnode(struct fwnode_handle *codec,
				       const struct fxs_pcm_client *client,
				       void *data)
{
	if (IS_ERR_OR_NULL(codec) || !client || !client->stop)
		return ERR_PTR(-EINVAL);
	return fxs_pcm_take(fxs_line_find(NULL, codec), client, data);
}
EXPORT_SYMBOL_GPL(fxs_pcm_attach_fwnode);

/**
 * fxs_pcm_detach() - the bus driver gives the line's frame clock back
 * @line: a line fxs_pcm_attach() returned
 *
 * The caller has stopped its fxs_line_frame() calls. The line loses
 * %FXS_LINE_CAP_PCM and its backend's clock resumes; after the line went
 * away (the client's stop() ran) this only drops the reference.
 */
void fxs_pcm_detach(struct fxs_line *line)
{
	mutex_lock(&fxs_pcm_mutex);
	if (line->pcm_client) {
		line->pcm_client = NULL;
		line->pcm_data = NULL;
		fxs_line_set_pcm(line, false);
		line->pcm_ops->detach(line);
		dev_dbg(&line->dev, "PCM bus detached\n");
	}
	mutex_unlock(&fxs_pcm_mutex);
	put_device(&line->dev);
}
EXPORT_SYMBOL_GPL(fxs_pcm_detach);

/* fxs_line_unregister(): stop the bus driver's frames, refuse new ones */
void fxs_pcm_line_gone(struct fxs_line *line)
{
	mutex_lock(&fxs_pcm_mutex);
	line->pcm_gone = true;
	if (line->pcm_client) {
		line->pcm_client->stop(line, line->pcm_data);
		line->pcm_client = NULL;
		line->pcm_data = NULL;
		fxs_line_set_pcm(line, false);
	}
	mutex_unlock(&fxs_pcm_mutex);
}
