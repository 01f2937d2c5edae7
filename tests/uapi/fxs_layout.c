// SPDX-License-Identifier: GPL-2.0
/*
 * fxs_layout: prints the memory layout of every structure and the value of
 * every ioctl number of uapi/linux/fxs.h, one fact per text line, so that
 * tests/uapi/check-uapi.sh can build it for several ABIs (-m64, -m32, -mx32)
 * and compare the outputs line by line.
 *
 * Output lines:
 *   struct NAME size N align N
 *   member NAME.FIELD offset N size N
 *   ioctl NAME 0xVALUE dir N type 0xN nr 0xN size N
 */
#include <stdalign.h>
#include <stddef.h>
#include <stdio.h>

#include <linux/fxs.h>

struct layout_member {
	const char *name;
	size_t offset;
	size_t size;
};

struct layout_struct {
	const char *name;
	size_t size;
	size_t align;
	const struct layout_member *members;
	size_t n_members;
};

struct layout_ioctl {
	const char *name;
	unsigned int value;
};

#define LAYOUT_COUNT(a) (sizeof(a) / sizeof((a)[0]))

#define LAYOUT_MEMBER(type, field) \
	{ #field, offsetof(struct type, field), \
	  sizeof(((struct type *)0)->field) }

#define LAYOUT_STRUCT(type, table) \
	{ #type, sizeof(struct type), alignof(struct type), table, \
	  LAYOUT_COUNT(table) }

#define LAYOUT_IOCTL(cmd) { #cmd, cmd }

static const struct layout_member line_info_members[] = {
	LAYOUT_MEMBER(fxs_line_info, name),
	LAYOUT_MEMBER(fxs_line_info, index),
	LAYOUT_MEMBER(fxs_line_info, api_version),
	LAYOUT_MEMBER(fxs_line_info, caps),
	LAYOUT_MEMBER(fxs_line_info, offhook),
	LAYOUT_MEMBER(fxs_line_info, ringing),
	LAYOUT_MEMBER(fxs_line_info, playback_queue_samples),
	LAYOUT_MEMBER(fxs_line_info, features),
	LAYOUT_MEMBER(fxs_line_info, padding),
};

static const struct layout_member event_members[] = {
	LAYOUT_MEMBER(fxs_event, timestamp_ns),
	LAYOUT_MEMBER(fxs_event, seqno),
	LAYOUT_MEMBER(fxs_event, type),
	LAYOUT_MEMBER(fxs_event, value),
	LAYOUT_MEMBER(fxs_event, dropped),
	LAYOUT_MEMBER(fxs_event, padding),
};

static const struct layout_member tone_request_members[] = {
	LAYOUT_MEMBER(fxs_tone_request, tone),
	LAYOUT_MEMBER(fxs_tone_request, duration_ms),
	LAYOUT_MEMBER(fxs_tone_request, padding),
};

static const struct layout_member call_request_members[] = {
	LAYOUT_MEMBER(fxs_call_request, state),
	LAYOUT_MEMBER(fxs_call_request, padding),
};

static const struct layout_struct layout_structs[] = {
	LAYOUT_STRUCT(fxs_line_info, line_info_members),
	LAYOUT_STRUCT(fxs_event, event_members),
	LAYOUT_STRUCT(fxs_tone_request, tone_request_members),
	LAYOUT_STRUCT(fxs_call_request, call_request_members),
};

static const struct layout_ioctl layout_ioctls[] = {
	LAYOUT_IOCTL(FXS_IOC_GET_LINE_INFO),
	LAYOUT_IOCTL(FXS_IOC_RING_START),
	LAYOUT_IOCTL(FXS_IOC_RING_STOP),
	LAYOUT_IOCTL(FXS_IOC_TONE_START),
	LAYOUT_IOCTL(FXS_IOC_TONE_STOP),
	LAYOUT_IOCTL(FXS_IOC_PLAYBACK_FLUSH),
	LAYOUT_IOCTL(FXS_IOC_CALL_STATE),
};

static void print_struct(const struct layout_struct *s)
{
	size_t i;

	printf("struct %s size %zu align %zu\n", s->name, s->size, s->align);
	for (i = 0; i < s->n_members; i++)
		printf("member %s.%s offset %zu size %zu\n", s->name,
		       s->members[i].name, s->members[i].offset,
		       s->members[i].size);
}

static void print_ioctl(const struct layout_ioctl *c)
{
	printf("ioctl %s 0x%08x dir %u type 0x%02x nr 0x%02x size %u\n",
	       c->name, c->value, _IOC_DIR(c->value), _IOC_TYPE(c->value),
	       _IOC_NR(c->value), _IOC_SIZE(c->value));
}

int main(void)
{
	size_t i;

	for (i = 0; i < LAYOUT_COUNT(layout_structs); i++)
		print_struct(&layout_structs[i]);
	for (i = 0; i < LAYOUT_COUNT(layout_ioctls); i++)
		print_ioctl(&layout_ioctls[i]);
	return fflush(stdout) == 0 ? 0 : 1;
}
