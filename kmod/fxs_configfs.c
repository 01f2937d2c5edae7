// SPDX-License-Identifier: GPL-2.0
/*
 * openfxs configfs interface at /sys/kernel/config/fxs/: lines/fxsN/ (made
 * by the kernel for each registered line) holds the line's settings, and
 * params/NAME/ (made by userspace) holds free-form provisioning values that
 * the kernel stores but never interprets.
 */

#include <linux/configfs.h>
#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "fxs_core.h"

#define FXS_CONFIGFS_PARAM_NAME_MAX	64
/*
 * configfs hands a store at most 4095 bytes and silently cuts longer
 * writes, so a store of 4095 bytes may be a cut one: it is taken only when
 * it ends with the newline that ends a whole write ("echo" of 4094 bytes).
 */
#define FXS_CONFIGFS_STORE_MAX		4095

/* A store that configfs may have cut (see FXS_CONFIGFS_STORE_MAX). */
static bool fxs_configfs_store_cut(const char *page, size_t count)
{
	return count > FXS_CONFIGFS_STORE_MAX ||
	       (count == FXS_CONFIGFS_STORE_MAX && page[count - 1] != '\n');
}

/* Line settings */

/**
 * struct fxs_configfs_line - the configfs directory lines/fxsN of a line
 * @group: the directory
 * @line: the line; valid until fxs_configfs_line_remove(), after which
 *	configfs calls no show or store of @group
 * @node: entry in fxs_configfs_lines
 * @lock: serializes the get-modify-set of a store, so that two stores to
 *	different attributes of the line do not undo each other
 */
struct fxs_configfs_line {
	struct config_group group;
	struct fxs_line *line;
	struct list_head node;
	struct mutex lock;	/* serializes stores to the line's settings */
};

/* Covers fxs_configfs_lines: the line directories that exist. */
static DEFINE_MUTEX(fxs_configfs_lines_lock);
static LIST_HEAD(fxs_configfs_lines);

static struct fxs_configfs_line *to_fxs_configfs_line(struct config_item *item)
{
	return container_of(to_config_group(item), struct fxs_configfs_line,
			    group);
}

/**
 * enum fxs_configfs_kind - how a settings field reads and writes as text
 * @FXS_CONFIGFS_U32: unsigned decimal (u32)
 * @FXS_CONFIGFS_INT: signed decimal (int)
 * @FXS_CONFIGFS_TEXT: a string, without its trailing newline
 * @FXS_CONFIGFS_POLARITY: &enum fxs_polarity (u32) as "forward" or "reverse"
 */
enum fxs_configfs_kind {
	FXS_CONFIGFS_U32,
	FXS_CONFIGFS_INT,
	FXS_CONFIGFS_TEXT,
	FXS_CONFIGFS_POLARITY,
};

static const char *const fxs_configfs_polarity_names[] = {
	[FXS_POLARITY_FORWARD] = "forward",
	[FXS_POLARITY_REVERSE] = "reverse",
};

/**
 * struct fxs_configfs_field - a field of &struct fxs_line_settings
 * @kind: its type
 * @offset: its offset in the struct
 * @size: its size (the buffer size for text)
 */
struct fxs_configfs_field {
	enum fxs_configfs_kind kind;
	size_t offset;
	size_t size;
};

#define FXS_CONFIGFS_FIELD(_kind, _member, _size) {			\
	.kind = (_kind),						\
	.offset = offsetof(struct fxs_line_settings, _member),		\
	.size = (_size),						\
}

static_assert(sizeof_field(struct fxs_line_settings, ring_cadence_text) ==
	      FXS_CADENCE_TEXT_SIZE);
static_assert(sizeof_field(struct fxs_line_settings, tone_text[0]) ==
	      FXS_TONE_TEXT_SIZE);

static ssize_t fxs_configfs_polarity_show(char *page, u32 polarity)
{
	if (polarity >= ARRAY_SIZE(fxs_configfs_polarity_names))
		return -EIO;
	return sysfs_emit(page, "%s\n", fxs_configfs_polarity_names[polarity]);
}

static ssize_t fxs_configfs_line_show(struct config_item *item, char *page,
				      const struct fxs_configfs_field *field)
{
	struct fxs_line_settings *settings;
	void *value;
	ssize_t ret;

	settings = kmalloc(sizeof(*settings), GFP_KERNEL);
	if (!settings)
		return -ENOMEM;
	fxs_line_get_settings(to_fxs_configfs_line(item)->line, settings);
	value = (char *)settings + field->offset;
	switch (field->kind) {
	case FXS_CONFIGFS_U32:
		ret = sysfs_emit(page, "%u\n", *(u32 *)value);
		break;
	case FXS_CONFIGFS_INT:
		ret = sysfs_emit(page, "%d\n", *(int *)value);
		break;
	case FXS_CONFIGFS_POLARITY:
		ret = fxs_configfs_polarity_show(page, *(u32 *)value);
		break;
	default:
		ret = sysfs_emit(page, "%s\n", (char *)value);
		break;
	}
	kfree(settings);
	return ret;
}

/* Parse @page into the field at @value; the core checks the range. */
static int fxs_configfs_parse(const char *page, size_t count,
			      const struct fxs_configfs_field *field,
			      void *value)
{
	size_t len = count;
	int ret;

	/* kstrto*() would stop at a NUL and take what a cut write left */
	if (field->kind != FXS_CONFIGFS_TEXT &&
	    (fxs_configfs_store_cut(page, count) || memchr(page, '\0', count)))
		return -EINVAL;
	switch (field->kind) {
	case FXS_CONFIGFS_U32:
		return kstrtou32(page, 10, value) ? -EINVAL : 0;
	case FXS_CONFIGFS_INT:
		return kstrtoint(page, 10, value) ? -EINVAL : 0;
	case FXS_CONFIGFS_POLARITY:
		ret = sysfs_match_string(fxs_configfs_polarity_names, page);
		if (ret < 0)
			return -EINVAL;
		*(u32 *)value = ret;
		return 0;
	default:
		if (len && page[len - 1] == '\n')
			len--;
		if (!len || len >= field->size || memchr(page, '\0', len))
			return -EINVAL;
		memcpy(value, page, len);
		((char *)value)[len] = '\0';
		return 0;
	}
}

static ssize_t fxs_configfs_line_store(struct config_item *item,
				       const char *page, size_t count,
				       const struct fxs_configfs_field *field)
{
	struct fxs_configfs_line *cl = to_fxs_configfs_line(item);
	struct fxs_line_settings *settings;
	int ret;

	settings = kmalloc(sizeof(*settings), GFP_KERNEL);
	if (!settings)
		return -ENOMEM;
	mutex_lock(&cl->lock);
	fxs_line_get_settings(cl->line, settings);
	ret = fxs_configfs_parse(page, count, field,
				 (char *)settings + field->offset);
	if (!ret)
		ret = fxs_line_set_settings(cl->line, settings);
	mutex_unlock(&cl->lock);
	kfree(settings);
	return ret ?: count;
}

/*
 * configfs wants a show/store pair per attribute: FXS_CONFIGFS_LINE_ATTR()
 * makes the attribute's field description and a pair that forwards to
 * fxs_configfs_line_show() and fxs_configfs_line_store() with it.
 */
#define FXS_CONFIGFS_LINE_ATTR(_name, _kind, _member, _size)		\
static const struct fxs_configfs_field fxs_configfs_field_##_name =	\
	FXS_CONFIGFS_FIELD(_kind, _member, _size);			\
									\
static ssize_t fxs_configfs_line_##_name##_show(struct config_item *item, \
						char *page)		\
{									\
	return fxs_configfs_line_show(item, page,			\
				      &fxs_configfs_field_##_name);	\
}									\
									\
static ssize_t fxs_configfs_line_##_name##_store(struct config_item *item, \
						 const char *page,	\
						 size_t count)		\
{									\
	return fxs_configfs_line_store(item, page, count,		\
				       &fxs_configfs_field_##_name);	\
}									\
									\
CONFIGFS_ATTR(fxs_configfs_line_, _name)

FXS_CONFIGFS_LINE_ATTR(ring_frequency, FXS_CONFIGFS_U32, ring_frequency_hz,
		       sizeof(u32));
FXS_CONFIGFS_LINE_ATTR(ring_voltage, FXS_CONFIGFS_U32, ring_voltage_v,
		       sizeof(u32));
FXS_CONFIGFS_LINE_ATTR(hook_debounce_ms, FXS_CONFIGFS_U32, hook.debounce_ms,
		       sizeof(u32));
FXS_CONFIGFS_LINE_ATTR(flash_min_ms, FXS_CONFIGFS_U32, hook.flash_min_ms,
		       sizeof(u32));
FXS_CONFIGFS_LINE_ATTR(flash_max_ms, FXS_CONFIGFS_U32, hook.flash_max_ms,
		       sizeof(u32));
FXS_CONFIGFS_LINE_ATTR(dtmf_min_level, FXS_CONFIGFS_INT, dtmf.min_level_dbm0,
		       sizeof(int));
FXS_CONFIGFS_LINE_ATTR(dtmf_twist_normal, FXS_CONFIGFS_INT,
		       dtmf.twist_normal_db, sizeof(int));
FXS_CONFIGFS_LINE_ATTR(dtmf_twist_reverse, FXS_CONFIGFS_INT,
		       dtmf.twist_reverse_db, sizeof(int));
FXS_CONFIGFS_LINE_ATTR(input_gain_db, FXS_CONFIGFS_INT, input_gain_db,
		       sizeof(int));
FXS_CONFIGFS_LINE_ATTR(output_gain_db, FXS_CONFIGFS_INT, output_gain_db,
		       sizeof(int));
FXS_CONFIGFS_LINE_ATTR(idle_polarity, FXS_CONFIGFS_POLARITY, idle_polarity,
		       sizeof(u32));
FXS_CONFIGFS_LINE_ATTR(caller_conn_polarity, FXS_CONFIGFS_POLARITY,
		       caller_conn_polarity, sizeof(u32));
FXS_CONFIGFS_LINE_ATTR(callee_conn_polarity, FXS_CONFIGFS_POLARITY,
		       callee_conn_polarity, sizeof(u32));
FXS_CONFIGFS_LINE_ATTR(cpc_delay_ms, FXS_CONFIGFS_U32, cpc_delay_ms,
		       sizeof(u32));
FXS_CONFIGFS_LINE_ATTR(cpc_duration_ms, FXS_CONFIGFS_U32, cpc_duration_ms,
		       sizeof(u32));
FXS_CONFIGFS_LINE_ATTR(ring_cadence, FXS_CONFIGFS_TEXT, ring_cadence_text,
		       FXS_CADENCE_TEXT_SIZE);
FXS_CONFIGFS_LINE_ATTR(tone_dial, FXS_CONFIGFS_TEXT,
		       tone_text[FXS_TONE_DIAL - 1], FXS_TONE_TEXT_SIZE);
FXS_CONFIGFS_LINE_ATTR(tone_busy, FXS_CONFIGFS_TEXT,
		       tone_text[FXS_TONE_BUSY - 1], FXS_TONE_TEXT_SIZE);
FXS_CONFIGFS_LINE_ATTR(tone_ringback, FXS_CONFIGFS_TEXT,
		       tone_text[FXS_TONE_RINGBACK - 1], FXS_TONE_TEXT_SIZE);
FXS_CONFIGFS_LINE_ATTR(tone_reorder, FXS_CONFIGFS_TEXT,
		       tone_text[FXS_TONE_REORDER - 1], FXS_TONE_TEXT_SIZE);
FXS_CONFIGFS_LINE_ATTR(tone_confirm, FXS_CONFIGFS_TEXT,
		       tone_text[FXS_TONE_CONFIRM - 1], FXS_TONE_TEXT_SIZE);
FXS_CONFIGFS_LINE_ATTR(tone_sit, FXS_CONFIGFS_TEXT,
		       tone_text[FXS_TONE_SIT - 1], FXS_TONE_TEXT_SIZE);

static ssize_t fxs_configfs_line_index_show(struct config_item *item,
					    char *page)
{
	return sysfs_emit(page, "%u\n",
			  fxs_line_index(to_fxs_configfs_line(item)->line));
}

CONFIGFS_ATTR_RO(fxs_configfs_line_, index);

static const struct {
	u64 cap;
	const char *name;
} fxs_configfs_cap_names[] = {
	{ FXS_LINE_CAP_RING, "ring" },
	{ FXS_LINE_CAP_PCM, "pcm" },
	{ FXS_LINE_CAP_HW_DTMF, "hw_dtmf" },
};

static ssize_t fxs_configfs_line_caps_show(struct config_item *item,
					   char *page)
{
	u64 caps = fxs_line_caps(to_fxs_configfs_line(item)->line);
	int len = 0;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fxs_configfs_cap_names); i++)
		if (caps & fxs_configfs_cap_names[i].cap)
			len += sysfs_emit_at(page, len, "%s%s", len ? " " : "",
					     fxs_configfs_cap_names[i].name);
	return len + sysfs_emit_at(page, len, "\n");
}

CONFIGFS_ATTR_RO(fxs_configfs_line_, caps);

static ssize_t fxs_configfs_line_hook_show(struct config_item *item,
					   char *page)
{
	bool offhook = fxs_line_offhook(to_fxs_configfs_line(item)->line);

	return sysfs_emit(page, "%s\n", offhook ? "off" : "on");
}

CONFIGFS_ATTR_RO(fxs_configfs_line_, hook);

static ssize_t fxs_configfs_line_alarm_show(struct config_item *item,
					    char *page)
{
	enum fxs_line_alarm alarm = fxs_line_alarm(to_fxs_configfs_line(item)->line);

	return sysfs_emit(page, "%s\n", alarm == FXS_LINE_ALARM_POWER ? "power" : "none");
}

CONFIGFS_ATTR_RO(fxs_configfs_line_, alarm);

static struct configfs_attribute *fxs_configfs_line_attrs[] = {
	&fxs_configfs_line_attr_ring_frequency,
	&fxs_configfs_line_attr_ring_voltage,
	&fxs_configfs_line_attr_hook_debounce_ms,
	&fxs_configfs_line_attr_flash_min_ms,
	&fxs_configfs_line_attr_flash_max_ms,
	&fxs_configfs_line_attr_dtmf_min_level,
	&fxs_configfs_line_attr_dtmf_twist_normal,
	&fxs_configfs_line_attr_dtmf_twist_reverse,
	&fxs_configfs_line_attr_input_gain_db,
	&fxs_configfs_line_attr_output_gain_db,
	&fxs_configfs_line_attr_idle_polarity,
	&fxs_configfs_line_attr_caller_conn_polarity,
	&fxs_configfs_line_attr_callee_conn_polarity,
	&fxs_configfs_line_attr_cpc_delay_ms,
	&fxs_configfs_line_attr_cpc_duration_ms,
	&fxs_configfs_line_attr_ring_cadence,
	&fxs_configfs_line_attr_tone_dial,
	&fxs_configfs_line_attr_tone_busy,
	&fxs_configfs_line_attr_tone_ringback,
	&fxs_configfs_line_attr_tone_reorder,
	&fxs_configfs_line_attr_tone_confirm,
	&fxs_configfs_line_attr_tone_sit,
	&fxs_configfs_line_attr_index,
	&fxs_configfs_line_attr_caps,
	&fxs_configfs_line_attr_hook,
	&fxs_configfs_line_attr_alarm,
	NULL
};

static void fxs_configfs_line_release(struct config_item *item)
{
	struct fxs_configfs_line *cl = to_fxs_configfs_line(item);

	mutex_destroy(&cl->lock);
	kfree(cl);
}

static struct configfs_item_operations fxs_configfs_line_item_ops = {
	.release	= fxs_configfs_line_release,
};

static const struct config_item_type fxs_configfs_line_type = {
	.ct_item_ops	= &fxs_configfs_line_item_ops,
	.ct_attrs	= fxs_configfs_line_attrs,
	.ct_owner	= THIS_MODULE,
};

/* lines/: no mkdir (configfs answers -EPERM without make_group) */
static const struct config_item_type fxs_configfs_lines_type = {
	.ct_owner	= THIS_MODULE,
};

static struct config_group fxs_configfs_lines_group;

/**
 * fxs_configfs_line_add() - make lines/fxsN for a newly registered line
 * @line: the line
 *
 * Return: 0 or a negative errno.
 */
int fxs_configfs_line_add(struct fxs_line *line)
{
	struct fxs_configfs_line *cl;
	char name[16];
	int ret;

	cl = kzalloc(sizeof(*cl), GFP_KERNEL);
	if (!cl)
		return -ENOMEM;
	cl->line = line;
	mutex_init(&cl->lock);
	snprintf(name, sizeof(name), "fxs%u", fxs_line_index(line));
	config_group_init_type_name(&cl->group, name, &fxs_configfs_line_type);
	ret = configfs_register_group(&fxs_configfs_lines_group, &cl->group);
	if (ret) {
		config_item_put(&cl->group.cg_item);
		return ret;
	}
	mutex_lock(&fxs_configfs_lines_lock);
	list_add_tail(&cl->node, &fxs_configfs_lines);
	mutex_unlock(&fxs_configfs_lines_lock);
	return 0;
}

/**
 * fxs_configfs_line_remove() - remove lines/fxsN of a line
 * @line: the line
 *
 * Once this returns, no show or store of the line's attributes runs or
 * will run; open attribute files only hold the directory's memory.
 */
void fxs_configfs_line_remove(struct fxs_line *line)
{
	struct fxs_configfs_line *cl, *found = NULL;

	mutex_lock(&fxs_configfs_lines_lock);
	list_for_each_entry(cl, &fxs_configfs_lines, node) {
		if (cl->line == line) {
			found = cl;
			list_del(&cl->node);
			break;
		}
	}
	mutex_unlock(&fxs_configfs_lines_lock);
	if (!found)
		return;
	configfs_unregister_group(&found->group);
	config_item_put(&found->group.cg_item);
}

/* Provisioning parameters */

/**
 * enum fxs_configfs_access - the `access` attribute of a parameter
 * @FXS_CONFIGFS_ACCESS_NA: "na"
 * @FXS_CONFIGFS_ACCESS_RO: "ro"
 * @FXS_CONFIGFS_ACCESS_RW: "rw"
 */
enum fxs_configfs_access {
	FXS_CONFIGFS_ACCESS_NA,
	FXS_CONFIGFS_ACCESS_RO,
	FXS_CONFIGFS_ACCESS_RW,
};

static const char *const fxs_configfs_access_names[] = {
	[FXS_CONFIGFS_ACCESS_NA] = "na",
	[FXS_CONFIGFS_ACCESS_RO] = "ro",
	[FXS_CONFIGFS_ACCESS_RW] = "rw",
};

/**
 * struct fxs_configfs_param - the configfs item params/NAME
 * @item: the item
 * @lock: covers @value and @access
 * @value: the value without its trailing newline, NUL-terminated; NULL
 *	while empty
 * @access: &enum fxs_configfs_access
 */
struct fxs_configfs_param {
	struct config_item item;
	struct mutex lock;	/* covers value and access */
	char *value;
	enum fxs_configfs_access access;
};

static struct fxs_configfs_param *
to_fxs_configfs_param(struct config_item *item)
{
	return container_of(item, struct fxs_configfs_param, item);
}

static ssize_t fxs_configfs_param_value_show(struct config_item *item,
					     char *page)
{
	struct fxs_configfs_param *param = to_fxs_configfs_param(item);
	ssize_t ret;

	mutex_lock(&param->lock);
	ret = sysfs_emit(page, "%s\n", param->value ?: "");
	mutex_unlock(&param->lock);
	return ret;
}

static ssize_t fxs_configfs_param_value_store(struct config_item *item,
					      const char *page, size_t count)
{
	struct fxs_configfs_param *param = to_fxs_configfs_param(item);
	size_t len = count;
	char *value;

	if (fxs_configfs_store_cut(page, count))
		return -EINVAL;
	if (len && page[len - 1] == '\n')
		len--;
	value = kmemdup_nul(page, len, GFP_KERNEL);
	if (!value)
		return -ENOMEM;
	mutex_lock(&param->lock);
	swap(param->value, value);
	mutex_unlock(&param->lock);
	kfree(value);
	return count;
}

CONFIGFS_ATTR(fxs_configfs_param_, value);

static ssize_t fxs_configfs_param_access_show(struct config_item *item,
					      char *page)
{
	struct fxs_configfs_param *param = to_fxs_configfs_param(item);
	ssize_t ret;

	mutex_lock(&param->lock);
	ret = sysfs_emit(page, "%s\n",
			 fxs_configfs_access_names[param->access]);
	mutex_unlock(&param->lock);
	return ret;
}

static ssize_t fxs_configfs_param_access_store(struct config_item *item,
					       const char *page, size_t count)
{
	struct fxs_configfs_param *param = to_fxs_configfs_param(item);
	int access;

	access = sysfs_match_string(fxs_configfs_access_names, page);
	if (access < 0)
		return -EINVAL;
	mutex_lock(&param->lock);
	param->access = access;
	mutex_unlock(&param->lock);
	return count;
}

CONFIGFS_ATTR(fxs_configfs_param_, access);

static struct configfs_attribute *fxs_configfs_param_attrs[] = {
	&fxs_configfs_param_attr_value,
	&fxs_configfs_param_attr_access,
	NULL
};

static void fxs_configfs_param_release(struct config_item *item)
{
	struct fxs_configfs_param *param = to_fxs_configfs_param(item);

	mutex_destroy(&param->lock);
	kfree(param->value);
	kfree(param);
}

static struct configfs_item_operations fxs_configfs_param_item_ops = {
	.release	= fxs_configfs_param_release,
};

static const struct config_item_type fxs_configfs_param_type = {
	.ct_item_ops	= &fxs_configfs_param_item_ops,
	.ct_attrs	= fxs_configfs_param_attrs,
	.ct_owner	= THIS_MODULE,
};

/*
 * ASCII letters, digits and '_' only: the kernel's isalnum() also takes
 * the Latin-1 letters 0xc0-0xff, which are no SPA parameter name.
 */
static bool fxs_configfs_param_name_valid(const char *name)
{
	size_t len = strnlen(name, FXS_CONFIGFS_PARAM_NAME_MAX + 1);
	size_t i;

	if (!len || len > FXS_CONFIGFS_PARAM_NAME_MAX)
		return false;
	for (i = 0; i < len; i++)
		if (!isascii(name[i]) ||
		    (!isalnum(name[i]) && name[i] != '_'))
			return false;
	return true;
}

static struct config_item *
fxs_configfs_params_make_item(struct config_group *group, const char *name)
{
	struct fxs_configfs_param *param;

	if (!fxs_configfs_param_name_valid(name))
		return ERR_PTR(-EINVAL);
	param = kzalloc(sizeof(*param), GFP_KERNEL);
	if (!param)
		return ERR_PTR(-ENOMEM);
	mutex_init(&param->lock);
	param->access = FXS_CONFIGFS_ACCESS_RW;
	config_item_init_type_name(&param->item, name,
				   &fxs_configfs_param_type);
	return &param->item;
}

static struct configfs_group_operations fxs_configfs_params_group_ops = {
	.make_item	= fxs_configfs_params_make_item,
};

static const struct config_item_type fxs_configfs_params_type = {
	.ct_group_ops	= &fxs_configfs_params_group_ops,
	.ct_owner	= THIS_MODULE,
};

static struct config_group fxs_configfs_params_group;

/* The subsystem /sys/kernel/config/fxs */

static const struct config_item_type fxs_configfs_root_type = {
	.ct_owner	= THIS_MODULE,
};

static struct configfs_subsystem fxs_configfs_subsys = {
	.su_group = {
		.cg_item = {
			.ci_namebuf	= "fxs",
			.ci_type	= &fxs_configfs_root_type,
		},
	},
};

/**
 * fxs_configfs_init() - register /sys/kernel/config/fxs
 *
 * Return: 0 or a negative errno.
 */
int fxs_configfs_init(void)
{
	config_group_init(&fxs_configfs_subsys.su_group);
	mutex_init(&fxs_configfs_subsys.su_mutex);
	config_group_init_type_name(&fxs_configfs_lines_group, "lines",
				    &fxs_configfs_lines_type);
	configfs_add_default_group(&fxs_configfs_lines_group,
				   &fxs_configfs_subsys.su_group);
	config_group_init_type_name(&fxs_configfs_params_group, "params",
				    &fxs_configfs_params_type);
	configfs_add_default_group(&fxs_configfs_params_group,
				   &fxs_configfs_subsys.su_group);
	return configfs_register_subsystem(&fxs_configfs_subsys);
}

/**
 * fxs_configfs_exit() - unregister /sys/kernel/config/fxs
 *
 * Every line must have been removed before.
 */
void fxs_configfs_exit(void)
{
	configfs_unregister_subsystem(&fxs_configfs_subsys);
	mutex_destroy(&fxs_configfs_subsys.su_mutex);
}
