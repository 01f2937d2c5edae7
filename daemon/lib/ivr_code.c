// SPDX-License-Identifier: GPL-2.0
/*
 * ivr_code.c - the table of the handset IVR's options, as the Cisco
 * ATA 191/192 and SPA112/122 administration guides number them: x0 checks
 * a setting, x1 sets it, and the spelled-out codes (7932 "WEBS", 73738
 * "RESET", 732668 "REBOOT") act.
 */
#include <stddef.h>
#include <string.h>

#include "ivr_code.h"

#define READ(d, w, i) \
	{ .digits = d, .kind = IVR_CODE_READ, .what = IVR_P_##w, .info = i }
#define READ_ONOFF(d, w, i) \
	{ .digits = d, .kind = IVR_CODE_READ, .what = IVR_P_##w, .info = i, \
	  .onoff = true }
#define ADDRESS(d, w, a, p) \
	{ .digits = d, .kind = IVR_CODE_ADDRESS, .what = IVR_P_##w, \
	  .addr = a, .param = p, .hook = IVR_HOOK_NETWORK }
#define CHOICE(d, w, p, y, n, h) \
	{ .digits = d, .kind = IVR_CODE_CHOICE, .what = IVR_P_##w, \
	  .param = p, .on = y, .off = n, .hook = h }
#define ACT(d, k, w, h) \
	{ .digits = d, .kind = k, .what = IVR_P_##w, .hook = h }

static const struct ivr_code codes[] = {
	READ_ONOFF("100", DHCP, IVR_INFO_DHCP),
	CHOICE("101", DHCP, "Connection_Type", "DHCP", "Static IP",
	       IVR_HOOK_NETWORK),
	READ("110", IP_ADDRESS, IVR_INFO_IP),
	ADDRESS("111", IP_ADDRESS, IVR_ADDR_HOST, "Static_IP"),
	READ("120", NETMASK, IVR_INFO_NETMASK),
	ADDRESS("121", NETMASK, IVR_ADDR_MASK, "NetMask"),
	READ("130", GATEWAY, IVR_INFO_GATEWAY),
	ADDRESS("131", GATEWAY, IVR_ADDR_HOST, "Gateway"),
	READ("140", MAC_ADDRESS, IVR_INFO_MAC),
	READ("150", FIRMWARE, IVR_INFO_FIRMWARE),
	READ("160", PRIMARY_DNS, IVR_INFO_DNS),
	ADDRESS("161", PRIMARY_DNS, IVR_ADDR_HOST, "Primary_DNS"),
	READ("170", WEB_PORT, IVR_INFO_WEB_PORT),
	CHOICE("7932", WEB_SERVER, "Enable_Web_Server", "Yes", "No",
	       IVR_HOOK_NONE),
	ACT("73738", IVR_CODE_CONFIRM, FACTORY_RESET,
	    IVR_HOOK_FACTORY_RESET),
	ACT("732668", IVR_CODE_RUN, REBOOT, IVR_HOOK_REBOOT),
};

const struct ivr_code *ivr_code_find(const char *digits)
{
	size_t i;

	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		if (!strcmp(codes[i].digits, digits))
			return &codes[i];
	return NULL;
}

bool ivr_code_guarded(const struct ivr_code *code)
{
	return code->kind != IVR_CODE_READ;
}
