// SPDX-License-Identifier: GPL-2.0
/*
 * check.c - the offline profile check behind `fxsctl check`: decrypt,
 * inflate, parse (with an optional alias map) and validate a profile file
 * without touching any store, listing every problem and unknown parameter.
 * An unknown name is explained when it is one of a phone's well-known
 * families, a line beyond the adapter's two, or a known name in another
 * case (element names are case-sensitive). A line parameter's value is
 * also checked as the kernel would (line_check.h); the flash pair when the
 * file sets both, against the kernel's default debounce.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"
#include "decode.h"
#include "fileio.h"
#include "line_check.h"
#include "param.h"
#include "profile.h"

/* the adapter's FXS lines: the table has Name_1_ and Name_2_ */
#define CHECK_LINES 2

/*
 * Phone-only families (line keys, sidecars, display, directories, audio
 * devices), matched on the name with punctuation made '_': '*' is any
 * text, '#' one or more digits.
 */
static const char *const phone_families[] = {
	"Line_Key_#_*", "Unit_#_Key_#", "Unit_#_Enable", "Extension_#_",
	"Extended_Function_#_", "Short_Name_#_", "Share_Call_Appearance_#_",
	"Share_Ext_#_", "Shared_User_ID_#_", "Default_Ring__#__",
	"*_Key_List", "*_LED", "Softkey_*", "Programmable_Softkey_Enable",
	"LCD_*", "*_LCD_Contrast", "Back_Light_Timer", "Screen_Saver_*",
	"Select_Logo", "Select_Background_Picture", "BMP_Picture_Download_URL",
	"XML_*", "XSI_*", "LDAP_*", "Directory_*", "BLF_*", "SCA_*",
	"Attendant_Console_*", "EM_*", "Handset_*", "Headset_*",
	"Speakerphone_*", "Speaker_Volume", "Ringer_Volume",
	"Preferred_Audio_Device", "Send_Audio_To_Speaker",
	"Acoustic_Echo_Canceller_Enable", "Deep_Bass", "Page_Tone",
	"Alert_Tone*", "Speed_Dial_#", "Ring#", "Cadence_#",
	"Default_Character_Encoding", "Language_Selection", "Locale",
	"Dictionary_Server_Script", "Softkey_Labels_Font", "Phone_UI_*",
	"Enable_PC_Port_VLAN_Tagging", "PC_Port_*", "Miss_Call_*",
	"Log_Missed_Calls_for_EXT_#", "Call_Appearance_Per_Line",
	"Line_Navigation", "Text_Message*", "Station_Display_Name",
	"Talk_Package", "Hold_Package", "Conference_Package",
	"SPCP_Auto_detect", "Group_Paging_Script", "Auto_Answer_Page",
	"Auto_Ans_*",
};

/* glob match: '*' any text, '#' one or more digits */
static int family_match(const char *pat, const char *s)
{
	if (!*pat)
		return !*s;
	if (*pat == '*')
		return family_match(pat + 1, s) || (*s && family_match(pat, s + 1));
	if (*pat == '#') {
		if (!isdigit((unsigned char)*s))
			return 0;
		while (isdigit((unsigned char)s[1]) &&
		       !family_match(pat + 1, s + 1))
			s++;
		return family_match(pat + 1, s + 1);
	}
	return *pat == *s && family_match(pat + 1, s + 1);
}

static int phone_family(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(phone_families) / sizeof(phone_families[0]); i++)
		if (family_match(phone_families[i], name))
			return 1;
	return 0;
}

/* the line of Name_N_ when N is beyond the adapter's lines and Name_1_
 * is in the table; 0 otherwise */
static unsigned long extra_line(const char *name)
{
	char line1[PARAM_NAME_MAX + 4];
	size_t len = strlen(name), start;
	unsigned long n;

	if (len < 4 || len >= PARAM_NAME_MAX || name[len - 1] != '_')
		return 0;
	start = len - 1;
	while (start && isdigit((unsigned char)name[start - 1]))
		start--;
	if (start == len - 1 || start < 2 || name[start - 1] != '_')
		return 0;
	n = strtoul(name + start, NULL, 10);
	if (n <= CHECK_LINES)
		return 0;
	snprintf(line1, sizeof(line1), "%.*s1_", (int)start, name);
	return param_find(line1) ? n : 0;
}

/* a table name or alias that differs from name only in case, or NULL */
static const char *other_case(const char *name)
{
	size_t i;

	for (i = 0; i < param_count(); i++)
		if (!strcasecmp(param_name(param_at(i)), name))
			return param_name(param_at(i));
	for (i = 0; i < param_alias_count(); i++)
		if (!strcasecmp(param_alias_name(i), name))
			return param_alias_name(i);
	return NULL;
}

/* the element name as the table spells names: punctuation made '_' */
static void table_spelling(const char *element, char *out, size_t outlen)
{
	size_t i;

	for (i = 0; element[i] && i + 1 < outlen; i++)
		out[i] = isalnum((unsigned char)element[i]) ? element[i] : '_';
	out[i] = '\0';
}

static void note_unknown(const char *element, FILE *out)
{
	char name[PARAM_NAME_MAX + 1];
	const char *similar;
	unsigned long line;

	table_spelling(element, name, sizeof(name));
	line = extra_line(name);
	similar = other_case(name);
	if (line)
		fprintf(out, "note: '%s' ignored: line %lu parameter; this "
			"adapter has %d lines\n", element, line, CHECK_LINES);
	else if (phone_family(name))
		fprintf(out, "note: '%s' ignored: phone parameter, not used by "
			"an ATA\n", element);
	else if (similar)
		fprintf(out, "note: unknown parameter '%s' ignored (names are "
			"case-sensitive: did you mean '%s'?)\n", element, similar);
	else
		fprintf(out, "note: unknown parameter '%s' ignored\n", element);
}

/* the value of the file's last valid entry for name, or NULL */
static const char *last_valid(const struct profile *p, const char *name)
{
	const struct param_def *d;
	char err[512];
	size_t i;

	for (i = p->count; i--;) {
		d = param_find(p->entries[i].name);
		if (d && p->entries[i].value && !strcmp(param_name(d), name) &&
		    !param_validate(d, p->entries[i].value, err, sizeof(err)))
			return p->entries[i].value;
	}
	return NULL;
}

/* the flash pair, when the file sets both: 1 for an error */
static int check_flash(const struct profile *p, FILE *out)
{
	const char *min = last_valid(p, "Hook_Flash_Timer_Min");
	const char *max = last_valid(p, "Hook_Flash_Timer_Max");
	char err[512];

	if (!min || !max ||
	    !line_check_flash(min, max, true,
			      line_check_default_debounce_ms(), err,
			      sizeof(err)))
		return 0;
	fprintf(out, "error: %s\n", err);
	return 1;
}

/* the table's verdict, then the kernel's on a line parameter */
static int check_value(const struct param_def *d, const char *value,
		       char *err, size_t errlen)
{
	int ret;

	ret = param_validate(d, value, err, errlen);
	if (!ret)
		ret = line_check_value(param_name(d), value, err, errlen);
	return ret;
}

static int check_entries(const struct profile *p, FILE *out)
{
	const struct param_def *d;
	char err[512];
	size_t i;
	int errors = 0;

	for (i = 0; i < p->count; i++) {
		d = param_find(p->entries[i].name);
		if (!d || !p->entries[i].value)
			continue;
		if (check_value(d, p->entries[i].value, err, sizeof(err))) {
			fprintf(out, "error: %s\n", err);
			errors++;
		}
	}
	errors += check_flash(p, out);
	for (i = 0; i < p->unknown_count; i++)
		note_unknown(p->unknown[i], out);
	for (i = 0; i < p->note_count; i++)
		fprintf(out, "note: %s\n", p->notes[i]);
	return errors;
}

int check_profile_buf(const unsigned char *buf, size_t len, const char *key,
		      const char *alias_map, FILE *out)
{
	unsigned char *xml;
	struct profile p;
	char err[512];
	size_t xml_len;
	int ret;

	ret = decode_profile(buf, len, key, &xml, &xml_len, err, sizeof(err));
	if (ret) {
		fprintf(out, "error: %s\n", err);
		return 1;
	}
	ret = profile_parse((const char *)xml, xml_len, alias_map, &p, err,
			    sizeof(err));
	free(xml);
	if (ret) {
		fprintf(out, "error: %s\n", err);
		return 1;
	}
	ret = check_entries(&p, out);
	fprintf(out, "%zu parameters, %zu unknown, %d error%s\n", p.count,
		p.unknown_count, ret, ret == 1 ? "" : "s");
	profile_free(&p);
	return ret;
}

int check_profile_file(const char *path, const char *key,
		       const char *alias_map, FILE *out)
{
	char *buf = NULL;
	size_t len = 0;
	int ret;

	ret = fileio_read_file(AT_FDCWD, path, DECODE_MAX_INPUT, &buf, &len);
	if (ret == -E2BIG) {
		fprintf(out, "error: '%s' is over the %u byte limit\n", path,
			DECODE_MAX_INPUT);
		return 1;
	}
	if (ret) {
		fprintf(out, "error: cannot read '%s': %s\n", path,
			strerror(-ret));
		return ret;
	}
	ret = check_profile_buf((unsigned char *)buf, len, key, alias_map, out);
	free(buf);
	return ret;
}
