// SPDX-License-Identifier: GPL-2.0
/*
 * param.c - the SPA parameter table (canonical element names, defaults,
 * access levels) and the value validators behind it.
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fxs_seconds.h"
#include "internal.h"
#include "param.h"

enum param_type {
	PT_TEXT,	/* free text: URLs, rules, names (no control chars) */
	PT_BOOL,	/* Yes | No */
	PT_INT,		/* integer min..max, decimal or 0x hex */
	PT_DEC,		/* decimal seconds (".5"), min/max in thousandths */
	PT_ENUM,	/* one of choices, case-insensitive */
	PT_HHMM,	/* blank or HHmm */
	PT_RETRY,	/* "3600" or "60,120,240+30" */
	PT_TONE,	/* tone / cadence script characters */
	PT_CODE,	/* star code: blank or [0-9*#]+ */
	PT_TZ,		/* GMT or GMT+HH:MM */
};

#define F_BLANK	0x1	/* an empty value is accepted */
#define F_KEY_ONLY 0x2	/* secret that expands only inside --key */

struct param_def {
	const char *name;
	const char *def;
	unsigned char access;
	unsigned char type;
	unsigned char flags;
	long long min, max;
	const char *choices;
};

#define P(n, d, a, t, f, lo, hi, c) \
	{ .name = n, .def = d, .access = a, .type = t, .flags = f, \
	  .min = lo, .max = hi, .choices = c }
#define TEXT(n, d)		P(n, d, PARAM_RW, PT_TEXT, 0, 0, 0, NULL)
#define SECRET(n, d)		P(n, d, PARAM_NA, PT_TEXT, 0, 0, 0, NULL)
#define KEY_SECRET(n, d)	P(n, d, PARAM_NA, PT_TEXT, F_KEY_ONLY, 0, 0, NULL)
#define BOOL(n, d)		P(n, d, PARAM_RW, PT_BOOL, 0, 0, 0, NULL)
#define INT(n, d, lo, hi)	P(n, d, PARAM_RW, PT_INT, 0, lo, hi, NULL)
#define INTB(n, d, lo, hi)	P(n, d, PARAM_RW, PT_INT, F_BLANK, lo, hi, NULL)
#define DEC(n, d, lo, hi)	P(n, d, PARAM_RW, PT_DEC, 0, lo, hi, NULL)
#define ENUM(n, d, c)		P(n, d, PARAM_RW, PT_ENUM, 0, 0, 0, c)
#define TONE(n, d)		P(n, d, PARAM_RW, PT_TONE, F_BLANK, 0, 0, NULL)
#define CODE(n, d)		P(n, d, PARAM_RW, PT_CODE, F_BLANK, 0, 0, NULL)
/* a per-line parameter, for lines 1 and 2: Name_1_, Name_2_ */
#define LINE(m, n, ...)		m(n "1_", __VA_ARGS__), m(n "2_", __VA_ARGS__)

#define U32MAX 4294967295LL
#define CODEC "G711u|G711a|G726-16|G726-24|G726-32|G726-40|G729a|G722|L16"
#define LOGMSG(w) "$PN $MAC -- " w

static const struct param_def param_table[] = {
	/* Provisioning */
	BOOL("Provision_Enable", "Yes"),
	BOOL("Resync_On_Reset", "Yes"),
	INT("Resync_Random_Delay", "2", 0, 65535),	/* units of 20 s */
	P("Resync_At__HHmm_", "", PARAM_RW, PT_HHMM, F_BLANK, 0, 0, NULL),
	INT("Resync_At_Random_Delay", "600", 0, 65535),
	INT("Resync_Periodic", "3600", 0, U32MAX),
	P("Resync_Error_Retry_Delay", "3600", PARAM_RW, PT_RETRY, 0,
	  0, U32MAX, NULL),
	INT("Forced_Resync_Delay", "14400", 0, U32MAX),
	BOOL("Resync_From_SIP", "Yes"),
	BOOL("Resync_After_Upgrade_Attempt", "Yes"),
	TEXT("Resync_Trigger_1", ""),
	TEXT("Resync_Trigger_2", ""),
	BOOL("Resync_Fails_On_FNF", "Yes"),
	TEXT("Profile_Rule", "/ata$PSN.cfg"),
	TEXT("Profile_Rule_B", ""),
	TEXT("Profile_Rule_C", ""),
	TEXT("Profile_Rule_D", ""),
	TEXT("DHCP_Option_To_Use", "66,160,159,150,60,43,125"),
	TEXT("Log_Resync_Request_Msg",
	     LOGMSG("Requesting resync $SCHEME://$SERVIP:$PORT$PATH")),
	TEXT("Log_Resync_Success_Msg",
	     LOGMSG("Successful resync $SCHEME://$SERVIP:$PORT$PATH")),
	TEXT("Log_Resync_Failure_Msg", LOGMSG("Resync failed: $ERR")),
	TEXT("Report_Rule", ""),
	BOOL("HTTPS_Name_Validate", "Yes"),
	TEXT("Custom_CA_Rule", ""),
	BOOL("Upgrade_Enable", "Yes"),
	INT("Upgrade_Error_Retry_Delay", "3600", 0, U32MAX),
	TEXT("Downgrade_Rev_Limit", ""),
	TEXT("Upgrade_Rule", ""),
	TEXT("Log_Upgrade_Request_Msg",
	     LOGMSG("Requesting upgrade $SCHEME://$SERVIP:$PORT$PATH")),
	TEXT("Log_Upgrade_Success_Msg",
	     LOGMSG("Successful upgrade $SCHEME://$SERVIP:$PORT$PATH -- $ERR")),
	TEXT("Log_Upgrade_Failure_Msg", LOGMSG("Upgrade failed: $ERR")),
	ENUM("Transport_Protocol", "https", "http|https|tftp"),
	TEXT("GPP_A", ""), TEXT("GPP_B", ""), TEXT("GPP_C", ""),
	TEXT("GPP_D", ""), TEXT("GPP_E", ""), TEXT("GPP_F", ""),
	TEXT("GPP_G", ""), TEXT("GPP_H", ""), TEXT("GPP_I", ""),
	TEXT("GPP_J", ""), TEXT("GPP_K", ""), TEXT("GPP_L", ""),
	TEXT("GPP_M", ""), TEXT("GPP_N", ""), TEXT("GPP_O", ""),
	TEXT("GPP_P", ""),
	/* the key secrets: access na, expanded only inside --key */
	KEY_SECRET("GPP_SA", ""), KEY_SECRET("GPP_SB", ""),
	KEY_SECRET("GPP_SC", ""), KEY_SECRET("GPP_SD", ""),
	/* System, logging, network */
	SECRET("Admin_Passwd", ""),
	SECRET("User_Password", ""),
	BOOL("Enable_Web_Server", "Yes"),
	INT("Web_Server_Port", "80", 1, 65535),
	BOOL("Enable_Web_Admin_Access", "Yes"),
	TEXT("Syslog_Server", ""),
	TEXT("Debug_Server", ""),
	INT("Debug_Level", "0", 0, 3),
	TEXT("HostName", ""),
	TEXT("Domain", ""),
	ENUM("Connection_Type", "DHCP", "DHCP|Static IP|PPPoE"),
	TEXT("Static_IP", ""),
	TEXT("NetMask", ""),
	TEXT("Gateway", ""),
	TEXT("Primary_DNS", ""),
	TEXT("Secondary_DNS", ""),
	BOOL("Enable_VLAN", "No"),
	INT("VLAN_ID", "1", 1, 4095),
	BOOL("Enable_CDP", "Yes"),
	INT("Network_Startup_Delay", "3", 0, 65535),
	BOOL("NTP_Enable", "Yes"),
	TEXT("Primary_NTP_Server", ""),
	TEXT("Secondary_NTP_Server", ""),
	P("Time_Zone", "GMT-08:00", PARAM_RW, PT_TZ, 0, 0, 0, NULL),
	TEXT("Daylight_Saving_Time_Rule",
	     "start=3/8/7/2:0:0;end=11/1/7/2:0:0;save=1"),
	BOOL("Ignore_DHCP_Time_Offset", "Yes"),
	TEXT("Station_Name", ""),
	TEXT("Text_Logo", ""),
	ENUM("Time_Format", "12hr", "12hr|24hr"),
	ENUM("Date_Format", "month/day", "month/day|day/month"),
	TEXT("Voice_Mail_Number", ""),
	/* SIP */
	INT("Max_Forward", "70", 1, 255),
	INT("Max_Redirection", "5", 0, 255),
	INT("Max_Auth", "2", 0, 255),
	TEXT("SIP_User_Agent_Name", "$VERSION"),
	TEXT("SIP_Server_Name", "$VERSION"),
	TEXT("SIP_Reg_User_Agent_Name", ""),
	DEC("SIP_T1", ".5", 0, 64000),
	DEC("SIP_T2", "4", 0, 64000),
	DEC("SIP_T4", "5", 0, 64000),
	DEC("SIP_Timer_B", "16", 0, 64000),
	DEC("SIP_Timer_F", "16", 0, 64000),
	DEC("SIP_Timer_H", "16", 0, 64000),
	DEC("SIP_Timer_D", "16", 0, 64000),
	DEC("SIP_Timer_J", "16", 0, 64000),
	INT("INVITE_Expires", "240", 0, U32MAX),
	INT("ReINVITE_Expires", "30", 0, U32MAX),
	INT("Reg_Min_Expires", "1", 0, U32MAX),
	INT("Reg_Max_Expires", "7200", 0, U32MAX),
	INT("Reg_Retry_Intvl", "30", 0, U32MAX),
	INT("Reg_Retry_Long_Intvl", "1200", 0, U32MAX),
	INTB("Reg_Retry_Random_Delay", "", 0, U32MAX),
	INTB("Reg_Retry_Long_Random_Delay", "", 0, U32MAX),
	INTB("Reg_Retry_Intvl_Cap", "", 0, U32MAX),
	INT("RTP_Port_Min", "16384", 1, 65535),
	INT("RTP_Port_Max", "16482", 1, 65535),
	DEC("RTP_Packet_Size", "0.030", 10, 120),
	INT("NAT_Keep_Alive_Intvl", "15", 0, 65535),
	TEXT("EXT_IP", ""),
	INTB("EXT_RTP_Port_Min", "", 0, 65535),
	BOOL("STUN_Enable", "No"),
	BOOL("STUN_Test_Enable", "No"),
	TEXT("STUN_Server", ""),
	BOOL("Handle_VIA_received", "No"),
	BOOL("Handle_VIA_rport", "No"),
	BOOL("Insert_VIA_received", "No"),
	BOOL("Insert_VIA_rport", "No"),
	BOOL("Substitute_VIA_Addr", "No"),
	BOOL("Send_Resp_To_Src_Port", "No"),
	BOOL("Use_Compact_Header", "No"),
	BOOL("RFC_2543_Call_Hold", "Yes"),
	BOOL("Mark_All_AVT_Packets", "Yes"),
	BOOL("Remove_Last_Reg", "No"),
	TEXT("AVT_Codec_Name", "telephone-event"),
	INT("AVT_Dynamic_Payload", "101", 96, 127),
	TEXT("G711u_Codec_Name", "PCMU"),
	TEXT("G711a_Codec_Name", "PCMA"),
	TEXT("G729a_Codec_Name", "G729a"),
	/* Regional: tones and cadences */
	TONE("Dial_Tone", "350@-19,440@-19;10(*/0/1+2)"),
	TONE("Outside_Dial_Tone", "420@-16;10(*/0/1)"),
	TONE("Prompt_Tone", "520@-19,620@-19;10(*/0/1+2)"),
	TONE("Busy_Tone", "480@-19,620@-19;10(.5/.5/1+2)"),
	TONE("Reorder_Tone", "480@-19,620@-19;10(.25/.25/1+2)"),
	TONE("Off_Hook_Warning_Tone", "480@-10,620@0;10(.125/.125/1+2)"),
	TONE("Ring_Back_Tone", "440@-19,480@-19;*(2/4/1+2)"),
	TONE("Confirm_Tone", "600@-16;1(.25/.25/1)"),
	TONE("SIT1_Tone",
	     "985@-16,1428@-16,1777@-16;20(.380/0/1,.380/0/2,.380/0/3,0/4/0)"),
	TONE("SIT2_Tone",
	     "914@-16,1371@-16,1777@-16;20(.274/0/1,.274/0/2,.380/0/3,0/4/0)"),
	TONE("SIT3_Tone",
	     "914@-16,1371@-16,1777@-16;20(.380/0/1,.380/0/2,.380/0/3,0/4/0)"),
	TONE("SIT4_Tone",
	     "985@-16,1371@-16,1777@-16;20(.380/0/1,.274/0/2,.380/0/3,0/4/0)"),
	TONE("MWI_Dial_Tone", "350@-19,440@-19;2(.1/.1/1+2);10(*/0/1+2)"),
	TONE("Cfwd_Dial_Tone", "350@-19,440@-19;2(.2/.2/1+2);10(*/0/1+2)"),
	TONE("Holding_Tone", "600@-19;25(.1/.1/1,.1/.1/1,.1/9.5/1)"),
	TONE("Conference_Tone", "350@-19;20(.1/.1/1,.1/9.7/1)"),
	TONE("Secure_Call_Indication_Tone",
	     "397@-19,507@-19;15(0/2/0,.2/.1/1,.1/2.1/2)"),
	TONE("Feature_Invocation_Tone", "350@-16;*(.1/.1/1)"),
	TONE("Call_Waiting_Tone", "440@-10;30(.3/9.7/1)"),
	TONE("Ring1_Cadence", "60(2/4)"),
	TONE("Ring2_Cadence", "60(.8/.4,.8/4)"),
	TONE("Ring3_Cadence", "60(.4/.2,.4/.2,.8/4)"),
	TONE("Ring4_Cadence", "60(.3/.2,1/.2,.3/4)"),
	TONE("Ring5_Cadence", "1(.5/.5)"),
	TONE("CWT1_Cadence", "30(.3/9.7)"),
	ENUM("Ring_Waveform", "Sinusoid", "Sinusoid|Trapezoid"),
	INT("Ring_Frequency", "20", 10, 100),
	INT("Ring_Voltage", "85", 60, 90),
	TEXT("FXS_Port_Impedance", "600"),
	DEC("Hook_Flash_Timer_Min", ".1", 10, 2000),
	DEC("Hook_Flash_Timer_Max", ".9", 10, 2000),
	DEC("Callee_On_Hook_Delay", "0", 0, 255000),
	INT("Interdigit_Long_Timer", "10", 0, 64),
	INT("Interdigit_Short_Timer", "3", 0, 64),
	INT("Reorder_Delay", "5", 0, 255),
	DEC("Call_Back_Delay", ".5", 0, 255000),
	INT("Call_Back_Expires", "1800", 0, 65535),
	INT("Call_Back_Retry_Intvl", "30", 0, 65535),
	DEC("DTMF_Playback_Length", ".1", 0, 10000),
	INT("DTMF_Playback_Level", "-16", -90, 3),
	ENUM("Caller_ID_Method", "Bellcore(N.Amer,China)",
	     "Bellcore(N.Amer,China)|DTMF(Finland,Sweden)|DTMF(Denmark)|"
	     "ETSI DTMF|ETSI DTMF With PR|ETSI DTMF After Ring|"
	     "ETSI FSK|ETSI FSK With PR(UK)|ETSI FSK With PR|DTMF(Brazil)|"
	     "NTT(Japan)|DTMF(India)|FSK(India)"),
	ENUM("Caller_ID_FSK_Standard", "bell 202", "bell 202|v.23"),
	/* Vertical service codes */
	CODE("Call_Return_Code", "*69"),
	CODE("Blind_Transfer_Code", "*98"),
	CODE("Call_Back_Act_Code", "*66"),
	CODE("Call_Back_Deact_Code", "*86"),
	CODE("Cfwd_All_Act_Code", "*72"),
	CODE("Cfwd_All_Deact_Code", "*73"),
	CODE("Cfwd_Busy_Act_Code", "*90"),
	CODE("Cfwd_Busy_Deact_Code", "*91"),
	CODE("Cfwd_No_Ans_Act_Code", "*92"),
	CODE("Cfwd_No_Ans_Deact_Code", "*93"),
	CODE("CW_Act_Code", "*56"),
	CODE("CW_Deact_Code", "*57"),
	CODE("CW_Per_Call_Act_Code", "*71"),
	CODE("CW_Per_Call_Deact_Code", "*70"),
	CODE("Block_CID_Act_Code", "*67"),
	CODE("Block_CID_Deact_Code", "*68"),
	CODE("Block_CID_Per_Call_Act_Code", "*81"),
	CODE("Block_CID_Per_Call_Deact_Code", "*82"),
	CODE("Block_ANC_Act_Code", "*77"),
	CODE("Block_ANC_Deact_Code", "*87"),
	CODE("DND_Act_Code", "*78"),
	CODE("DND_Deact_Code", "*79"),
	CODE("Secure_All_Call_Act_Code", "*16"),
	CODE("Secure_No_Call_Act_Code", "*17"),
	CODE("Secure_One_Call_Act_Code", "*18"),
	CODE("Secure_One_Call_Deact_Code", "*19"),
	CODE("Paging_Code", "*96"),
	CODE("Call_Park_Code", "*38"),
	CODE("Call_Pickup_Code", "*36"),
	CODE("Call_UnPark_Code", "*39"),
	CODE("Group_Call_Pickup_Code", "*37"),
	CODE("Media_Loopback_Code", "*03"),
	CODE("Referral_Services_Codes", ""),
	CODE("Feature_Dial_Services_Codes", ""),
	/* Lines 1 and 2 */
	LINE(BOOL, "Line_Enable_", "Yes"),
	LINE(TEXT, "User_ID_", ""),
	LINE(SECRET, "Password_", ""),
	LINE(TEXT, "Display_Name_", ""),
	LINE(TEXT, "Proxy_", ""),
	LINE(TEXT, "Outbound_Proxy_", ""),
	LINE(BOOL, "Use_Outbound_Proxy_", "No"),
	LINE(BOOL, "Use_OB_Proxy_In_Dialog_", "Yes"),
	LINE(TEXT, "Auth_ID_", ""),
	LINE(BOOL, "Use_Auth_ID_", "No"),
	LINE(BOOL, "Register_", "Yes"),
	LINE(BOOL, "Make_Call_Without_Reg_", "No"),
	LINE(BOOL, "Ans_Call_Without_Reg_", "No"),
	/* real profiles carry "18\n0" here, so it stays free text */
	LINE(TEXT, "Register_Expires_", "3600"),
	LINE(BOOL, "Use_DNS_SRV_", "No"),
	LINE(BOOL, "DNS_SRV_Auto_Prefix_", "No"),
	LINE(INT, "Proxy_Fallback_Intvl_", "3600", 0, U32MAX),
	LINE(ENUM, "Proxy_Redundancy_Method_", "Normal",
	     "Normal|Based on SRV Port"),
	LINE(TEXT, "Mailbox_ID_", ""),
	LINE(INT, "SIP_Port_", "5060", 1, 65535),
	LINE(ENUM, "SIP_Transport_", "UDP", "UDP|TCP|TLS"),
	LINE(INTB, "EXT_SIP_Port_", "", 0, 65535),
	LINE(INT, "SIP_TOS_DiffServ_Value_", "0x68", 0, 255),
	LINE(INT, "RTP_TOS_DiffServ_Value_", "0xb8", 0, 255),
	LINE(INT, "SIP_CoS_Value_", "3", 0, 7),
	LINE(INT, "RTP_CoS_Value_", "6", 0, 7),
	LINE(BOOL, "NAT_Mapping_Enable_", "No"),
	LINE(BOOL, "NAT_Keep_Alive_Enable_", "No"),
	LINE(TEXT, "NAT_Keep_Alive_Msg_", "$NOTIFY"),
	LINE(TEXT, "NAT_Keep_Alive_Dest_", "$PROXY"),
	LINE(ENUM, "SIP_Debug_Option_", "none",
	     "none|1-line|1-line excl. OPT|1-line excl. NTFY|"
	     "1-line excl. REG|1-line excl. OPT|NTFY|REG|full|"
	     "full excl. OPT|full excl. NTFY|full excl. REG|"
	     "full excl. OPT|NTFY|REG"),
	LINE(TEXT, "Dial_Plan_", "(*xx|[3469]11|0|00|[2-9]xxxxxx|"
	     "1xxx[2-9]xxxxxxS0|xxxxxxxxxxxx.)"),
	LINE(BOOL, "Enable_IP_Dialing_", "No"),
	LINE(TEXT, "Emergency_Number_", ""),
	LINE(ENUM, "Preferred_Codec_", "G711u", CODEC),
	LINE(ENUM, "Second_Preferred_Codec_", "Unspecified",
	     "Unspecified|" CODEC),
	LINE(ENUM, "Third_Preferred_Codec_", "Unspecified",
	     "Unspecified|" CODEC),
	LINE(BOOL, "Use_Pref_Codec_Only_", "No"),
	LINE(BOOL, "Silence_Supp_Enable_", "No"),
	LINE(BOOL, "Echo_Canc_Enable_", "Yes"),
	LINE(BOOL, "G729a_Enable_", "Yes"),
	LINE(BOOL, "G722_Enable_", "Yes"),
	LINE(BOOL, "G711u_Enable_", "Yes"),
	LINE(BOOL, "G711a_Enable_", "Yes"),
	LINE(ENUM, "DTMF_Tx_Method_", "Auto",
	     "InBand|AVT|INFO|Auto|InBand+INFO|AVT+INFO"),
	LINE(ENUM, "DTMF_Tx_Mode_", "Strict", "Normal|Strict"),
	LINE(BOOL, "DTMF_Process_AVT_", "Yes"),
	LINE(ENUM, "Network_Jitter_Level_", "high",
	     "low|medium|high|very high|extremely high"),
	LINE(TEXT, "Jitter_Buffer_Adjustment_", "up and down"),
	LINE(BOOL, "FAX_Enable_T38_", "Yes"),
	LINE(ENUM, "FAX_Passthru_Codec_", "G711u", "G711u|G711a"),
	LINE(ENUM, "FAX_Passthru_Method_", "NSE", "None|NSE|ReINVITE"),
	LINE(BOOL, "FAX_Disable_ECAN_", "No"),
	LINE(INT, "FAX_T38_Redundancy_", "1", 0, 3),
	LINE(BOOL, "Call_Waiting_Serv_", "Yes"),
	LINE(BOOL, "Three_Way_Call_Serv_", "Yes"),
	LINE(BOOL, "Message_Waiting_", "No"),
	LINE(BOOL, "SIP_100REL_Enable_", "No"),
	LINE(BOOL, "Sticky_183_", "No"),
	/* labels with punctuation: <Auth_Resync-Reboot_1_> and the like */
	LINE(BOOL, "Auth_Resync_Reboot_", "Yes"),
	LINE(BOOL, "SIP_Remote_Party_ID_", "No"),
	LINE(BOOL, "G726_16_Enable_", "Yes"),
	LINE(BOOL, "G726_24_Enable_", "Yes"),
	LINE(BOOL, "G726_32_Enable_", "Yes"),
	LINE(BOOL, "G726_40_Enable_", "Yes"),
	LINE(BOOL, "Blind_Attn_Xfer_Enable_", "No"),
	LINE(BOOL, "Refer_To_Target_Contact_", "No"),
	LINE(TEXT, "SIP_Proxy_Require_", ""),
	CODE("Attn_Xfer_Act_Code", ""),
};

/* name lookup slots (param_find): a power of two, over twice the table */
#define PARAM_HASH_SLOTS 2048
_Static_assert(sizeof(param_table) / sizeof(param_table[0]) * 2 <=
	       PARAM_HASH_SLOTS, "PARAM_HASH_SLOTS too small for the table");

size_t param_count(void)
{
	return sizeof(param_table) / sizeof(param_table[0]);
}

const struct param_def *param_at(size_t i)
{
	return i < param_count() ? &param_table[i] : NULL;
}

/*
 * Name lookup: an open-addressing hash of the table indexes (text_hash),
 * built on first use. The table is fixed at build time, so the index
 * never changes; fxsd is single-threaded.
 */
static unsigned short param_hash_slot[PARAM_HASH_SLOTS];	/* index + 1 */

static void param_hash_build(void)
{
	unsigned int slot;
	size_t i;

	for (i = 0; i < param_count(); i++) {
		slot = text_hash(param_table[i].name);
		while (param_hash_slot[slot & (PARAM_HASH_SLOTS - 1)])
			slot++;
		param_hash_slot[slot & (PARAM_HASH_SLOTS - 1)] =
			(unsigned short)(i + 1);
	}
}

const struct param_def *param_find(const char *name)
{
	static int built;
	unsigned int slot;
	unsigned short idx;

	if (!name)
		return NULL;
	if (!built) {
		param_hash_build();
		built = 1;
	}
	for (slot = text_hash(name);; slot++) {
		idx = param_hash_slot[slot & (PARAM_HASH_SLOTS - 1)];
		if (!idx)
			return NULL;
		if (!strcmp(param_table[idx - 1].name, name))
			return &param_table[idx - 1];
	}
}

bool param_key_only(const struct param_def *p)
{
	return p->flags & F_KEY_ONLY;
}

size_t param_index(const struct param_def *p)
{
	return (size_t)(p - param_table);
}

const char *param_name(const struct param_def *p)
{
	return p->name;
}

const char *param_default(const struct param_def *p)
{
	return p->def;
}

enum param_access param_default_access(const struct param_def *p)
{
	return p->access;
}

int param_name_valid(const char *name)
{
	size_t n = 0;

	if (!name || !*name)
		return 0;
	for (; *name; name++, n++)
		if (!isalnum((unsigned char)*name) && *name != '_')
			return 0;
	return n < PARAM_NAME_MAX;
}

int param_access_parse(const char *s, enum param_access *out)
{
	static const char *const names[] = { "na", "ro", "rw" };
	size_t i;

	for (i = 0; s && i < 3; i++) {
		if (!strcasecmp(s, names[i])) {
			*out = (enum param_access)i;
			return 0;
		}
	}
	return -EINVAL;
}

const char *param_access_name(enum param_access a)
{
	switch (a) {
	case PARAM_NA:
		return "na";
	case PARAM_RO:
		return "ro";
	case PARAM_RW:
		return "rw";
	}
	return "?";
}

int param_parse_bool(const char *s)
{
	if (!strcasecmp(s, "yes") || !strcasecmp(s, "true") ||
	    !strcmp(s, "1"))
		return 1;
	if (!strcasecmp(s, "no") || !strcasecmp(s, "false") ||
	    !strcmp(s, "0"))
		return 0;
	return -EINVAL;
}

/* unsigned decimal (or 0x hex) integer; 0 or -EINVAL */
static int parse_ull(const char *s, unsigned long long *out)
{
	int base = 10;
	char *end;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!isxdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	*out = strtoull(s, &end, base);
	if (errno || *end)
		return -EINVAL;
	return 0;
}

static int parse_ll(const char *s, long long *out)
{
	unsigned long long v;
	int neg = *s == '-';

	if (parse_ull(s + neg, &v) || v > 1ULL << 62)
		return -EINVAL;
	*out = neg ? -(long long)v : (long long)v;
	return 0;
}

/* decimal seconds like ".5", "0.020", "16" to thousandths, with the
 * kernel's parser (kmod/fxs_seconds.c); 0 or -EINVAL */
static int parse_milli(const char *s, long long max, long long *out)
{
	const char *end = s;
	u32 ms;

	if (max < 0 || max > 0xffffffffLL ||
	    fxs_seconds_parse(&end, FXS_SECONDS_DECIMALS_MAX, (u32)max, &ms) ||
	    *end)
		return -EINVAL;
	*out = ms;
	return 0;
}

static int has_ctrl(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n' &&
		    *s != '\r')
			return 1;
	return 0;
}

static int valid_enum(const char *choices, const char *v)
{
	size_t n = strlen(v);
	const char *c = choices;

	while (*c) {
		const char *bar = strchr(c, '|');
		size_t len = bar ? (size_t)(bar - c) : strlen(c);

		if (len == n && !strncasecmp(c, v, n))
			return 1;
		c += len + (bar ? 1 : 0);
	}
	return 0;
}

static int valid_hhmm(const char *v)
{
	size_t i;

	if (!*v)
		return 1;
	if (strlen(v) != 4)
		return 0;
	for (i = 0; i < 4; i++)
		if (!isdigit((unsigned char)v[i]))
			return 0;
	return (v[0] - '0') * 10 + (v[1] - '0') < 24 &&
	       (v[2] - '0') * 10 + (v[3] - '0') < 60;
}

static int valid_charset(const char *v, const char *set)
{
	for (; *v; v++)
		if (!isdigit((unsigned char)*v) && !strchr(set, *v))
			return 0;
	return 1;
}

static int valid_tz(const char *v)
{
	int hh, mm, n = 0;

	if (strncmp(v, "GMT", 3))
		return 0;
	v += 3;
	if (!*v)
		return 1;
	if (*v != '+' && *v != '-')
		return 0;
	if (sscanf(v + 1, "%2d:%2d%n", &hh, &mm, &n) != 2 || v[1 + n] ||
	    !isdigit((unsigned char)v[1]))
		return 0;
	return hh <= 14 && mm < 60;
}

#define RETRY_MAX 32

int param_parse_retry_list(const char *s, unsigned long *delays, size_t max,
			   size_t *n, unsigned long *rand_max)
{
	char buf[256], *tok, *save, *plus;
	unsigned long long v;

	*n = 0;
	*rand_max = 0;
	if (strlen(s) >= sizeof(buf) || !*s)
		return -EINVAL;
	strcpy(buf, s);
	plus = strchr(buf, '+');
	if (plus) {
		*plus = '\0';
		if (parse_ull(plus + 1, &v) || v > 4294967295ULL)
			return -EINVAL;
		*rand_max = v;
	}
	save = buf;
	for (tok = strsep(&save, ","); tok; tok = strsep(&save, ",")) {
		size_t len;

		while (*tok == ' ')
			tok++;
		len = strlen(tok);
		while (len && tok[len - 1] == ' ')
			tok[--len] = '\0';
		if (parse_ull(tok, &v) || v > 4294967295ULL || *n >= max)
			return -EINVAL;
		delays[(*n)++] = v;
	}
	return *n ? 0 : -EINVAL;
}

unsigned long param_retry_delay(const unsigned long *delays, size_t n,
				unsigned int attempt)
{
	if (!n)
		return 0;
	return delays[attempt < n ? attempt : n - 1];
}

const char *param_type_desc(const struct param_def *p)
{
	static const char *const desc[] = {
		[PT_TEXT] = "text",
		[PT_BOOL] = "Yes|No",
		[PT_INT] = "integer",
		[PT_DEC] = "number",
		[PT_ENUM] = "one of",
		[PT_HHMM] = "blank or HHmm (0000..2359)",
		[PT_RETRY] = "seconds, or a list like 60,120,240+30",
		[PT_TONE] = "tone/cadence script",
		[PT_CODE] = "star code of 0-9 * #",
		[PT_TZ] = "GMT or GMT+HH:MM / GMT-HH:MM",
	};

	if (p->type == PT_ENUM)
		return p->choices;
	return desc[p->type];
}

static int valid_number(const struct param_def *p, const char *v)
{
	long long x;

	if (p->type == PT_INT) {
		if (parse_ll(v, &x))
			return 0;
	} else if (parse_milli(v, p->max, &x)) {
		return 0;
	}
	return x >= p->min && x <= p->max;
}

static int check_value(const struct param_def *p, const char *v)
{
	unsigned long d[RETRY_MAX], r;
	size_t n;

	if (!*v && (p->flags & F_BLANK))
		return 1;
	switch (p->type) {
	case PT_TEXT:
		return 1;
	case PT_BOOL:
		return param_parse_bool(v) >= 0;
	case PT_INT:
	case PT_DEC:
		return valid_number(p, v);
	case PT_ENUM:
		return valid_enum(p->choices, v);
	case PT_HHMM:
		return valid_hhmm(v);
	case PT_RETRY:
		return !param_parse_retry_list(v, d, RETRY_MAX, &n, &r);
	case PT_TONE:
		return valid_charset(v, "@,;.()*/+- ");
	case PT_CODE:
		return valid_charset(v, "*#");
	case PT_TZ:
		return valid_tz(v);
	}
	return 0;
}

static void describe_error(const struct param_def *p, const char *v,
			   char *err, size_t errlen)
{
	if (p->type == PT_INT)
		snprintf(err, errlen, "%s: '%.64s' is not an integer %lld..%lld",
			 p->name, v, p->min, p->max);
	else if (p->type == PT_DEC)
		snprintf(err, errlen, "%s: '%.64s' is not a number %g..%g",
			 p->name, v, p->min / 1000.0, p->max / 1000.0);
	else if (p->type == PT_ENUM || p->type == PT_BOOL)
		snprintf(err, errlen, "%s: '%.64s' is not one of %s",
			 p->name, v, param_type_desc(p));
	else
		snprintf(err, errlen, "%s: '%.64s' is not a valid %s",
			 p->name, v, param_type_desc(p));
}

int param_validate(const struct param_def *p, const char *value,
		   char *err, size_t errlen)
{
	size_t bad;

	if (!value) {
		snprintf(err, errlen, "%s: no value", p->name);
		return -EINVAL;
	}
	if (strlen(value) >= PARAM_VALUE_MAX - 1) {
		snprintf(err, errlen, "%s: value of %zu bytes is too long (max %d)",
			 p->name, strlen(value), PARAM_VALUE_MAX - 2);
		return -EINVAL;
	}
	if (has_ctrl(value)) {
		snprintf(err, errlen, "%s: value contains control characters",
			 p->name);
		return -EINVAL;
	}
	bad = text_utf8_invalid_at(value);
	if (bad != TEXT_UTF8_VALID) {
		snprintf(err, errlen,
			 "%s: value is not valid UTF-8 (byte %zu, 0x%02x)",
			 p->name, bad + 1, (unsigned char)value[bad]);
		return -EINVAL;
	}
	if (!check_value(p, value)) {
		describe_error(p, value, err, errlen);
		return -EINVAL;
	}
	return 0;
}
