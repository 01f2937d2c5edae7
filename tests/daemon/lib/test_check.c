// SPDX-License-Identifier: GPL-2.0
/*
 * test_check.c: the offline check behind `fxsctl check`, including every
 * real-world profile in ../../../../shared/testdata/real-profiles.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "check.h"
#include "profile.h"
#include "provision.h"
#include "store.h"
#include "util.h"

#define REAL_DIR "../../../../shared/testdata/real-profiles"

FIXTURE(ck) {
	char dir[UTIL_DIR_MAX];
	char *text;
	size_t text_len;
	FILE *out;
};

FIXTURE_SETUP(ck)
{
	ASSERT_EQ(0, util_tmpdir(self->dir, "test_check"));
	self->text = NULL;
	self->out = open_memstream(&self->text, &self->text_len);
	ASSERT_NE(NULL, self->out);
}

FIXTURE_TEARDOWN(ck)
{
	fclose(self->out);
	free(self->text);
	util_rmtree(self->dir);
}

static int check(FIXTURE_DATA(ck) *self, const char *name, const char *xml,
		 const char *sh, const char *key, const char *alias)
{
	char path[UTIL_DIR_MAX + 64];

	if (util_put_file(self->dir, name, xml))
		return -1000;
	snprintf(path, sizeof(path), "%s/%s", self->dir, name);
	if (sh) {
		if (util_sh(self->dir, sh))
			return -1001;
		snprintf(path, sizeof(path), "%s/out", self->dir);
	}
	rewind(self->out);
	return check_profile_file(path, key, alias, self->out);
}

static const char *output(FIXTURE_DATA(ck) *self)
{
	fflush(self->out);
	return self->text ? self->text : "";
}

TEST_F(ck, clean_profile)
{
	EXPECT_EQ(0, check(self, "a.xml", "<flat-profile><GPP_A>x</GPP_A>"
			   "</flat-profile>", NULL, NULL, NULL));
	EXPECT_NE(NULL, strstr(output(self), "1 parameters, 0 unknown, 0 errors"));
}

/* a line value the table takes and the kernel would refuse is an error */
TEST_F(ck, kernel_refused_line_values_are_errors)
{
	EXPECT_EQ(3, check(self, "k.xml", "<flat-profile>"
			   "<Busy_Tone>480@-19;1(1/1/1);1(1/1/1);1(1/1/1)</Busy_Tone>"
			   "<Ring1_Cadence>60(0/4)</Ring1_Cadence>"
			   "<Dial_Tone>350@-19,440@-19;10(*/0/1+2)</Dial_Tone>"
			   "<Hook_Flash_Timer_Min>1</Hook_Flash_Timer_Min>"
			   "<Hook_Flash_Timer_Max>.9</Hook_Flash_Timer_Max>"
			   "</flat-profile>", NULL, NULL, NULL));
	EXPECT_NE(NULL, strstr(output(self), "error: Busy_Tone '480@-19;1(1/1/1);1(1/1/1);1(1/1/1)': the kernel's tone grammar refuses it"))
		TH_LOG("%s", output(self));
	EXPECT_NE(NULL, strstr(output(self), "error: Ring1_Cadence '60(0/4)': the kernel's cadence grammar"));
	EXPECT_NE(NULL, strstr(output(self), "error: Hook_Flash_Timer_Min '1'"));
	EXPECT_EQ(NULL, strstr(output(self), "Dial_Tone"));
	EXPECT_NE(NULL, strstr(output(self), "5 parameters, 0 unknown, 3 errors"));
}

/* one flash timer alone is checked against the kernel's limits only */
TEST_F(ck, one_flash_timer_alone_is_no_pair)
{
	EXPECT_EQ(0, check(self, "f.xml", "<flat-profile>"
			   "<Hook_Flash_Timer_Min>1</Hook_Flash_Timer_Min>"
			   "<Ring1_Cadence>2.25(.25/1.6);60(2/3.5)</Ring1_Cadence>"
			   "</flat-profile>", NULL, NULL, NULL));
	EXPECT_NE(NULL, strstr(output(self), "0 errors")) TH_LOG("%s", output(self));
}

TEST_F(ck, every_problem_listed)
{
	EXPECT_EQ(2, check(self, "a.xml", "<flat-profile>"
			   "<Resync_Periodic>often</Resync_Periodic>"
			   "<Provision_Enable>perhaps</Provision_Enable>"
			   "<Fancy_Option>1</Fancy_Option>"
			   "<GPP_A>fine</GPP_A></flat-profile>",
			   NULL, NULL, NULL));
	EXPECT_NE(NULL, strstr(output(self),
			       "error: Resync_Periodic: 'often' is not an integer"));
	EXPECT_NE(NULL, strstr(output(self),
			       "error: Provision_Enable: 'perhaps'"));
	EXPECT_NE(NULL, strstr(output(self),
			       "note: unknown parameter 'Fancy_Option' ignored"));
}

TEST_F(ck, missing_file)
{
	char path[UTIL_DIR_MAX + 16];

	snprintf(path, sizeof(path), "%s/none.xml", self->dir);
	EXPECT_EQ(-ENOENT, check_profile_file(path, NULL, NULL, self->out));
	EXPECT_NE(NULL, strstr(output(self), "cannot read"));
}

TEST_F(ck, encrypted_gzip_with_key)
{
	EXPECT_EQ(0, check(self, "a.xml", "<flat-profile><GPP_A>x</GPP_A>"
			   "</flat-profile>", "gzip -c a.xml | openssl enc "
			   "-aes-256-cbc -k Pw -md md5 -out out", "Pw", NULL))
		TH_LOG("%s", output(self));
}

TEST_F(ck, wrong_key_is_an_error)
{
	EXPECT_EQ(1, check(self, "a.xml", "<flat-profile/>", "openssl enc "
			   "-aes-256-cbc -k Pw -in a.xml -out out", "pw", NULL));
	EXPECT_NE(NULL, strstr(output(self), "error: decrypt failed: wrong key"));
}

TEST_F(ck, entity_bomb_is_an_error)
{
	EXPECT_EQ(1, check(self, "a.xml", "<!DOCTYPE a [<!ENTITY x \"xx\">"
			   "<!ENTITY y \"&x;&x;\">]><flat-profile><GPP_A>&y;"
			   "</GPP_A></flat-profile>", NULL, NULL, NULL));
	EXPECT_NE(NULL, strstr(output(self), "not allowed"));
}

TEST_F(ck, alias_map)
{
	EXPECT_EQ(0, check(self, "c.xml", "<customer><sip><user>5551234</user>"
			   "<pass>x</pass></sip></customer>", NULL, NULL,
			   "/customer/sip/user = /flat-profile/User_ID_1_ ;"
			   "/customer/sip/pass = /flat-profile/Password_1_ ;"));
	EXPECT_NE(NULL, strstr(output(self), "2 parameters"));
	EXPECT_EQ(1, check(self, "c.xml", "<customer/>", NULL, NULL,
			   "/customer/sip/user /flat-profile/User_ID_1_"));
	EXPECT_NE(NULL, strstr(output(self), "error: alias map entry 1"));
}

TEST_F(ck, phone_parameters_are_named_as_such)
{
	EXPECT_EQ(0, check(self, "a.xml", "<flat-profile>"
			   "<Line_Key_3_Extension_>1</Line_Key_3_Extension_>"
			   "<Unit_1_Key_12>fnc=blf</Unit_1_Key_12>"
			   "<Idle_Key_List>x</Idle_Key_List>"
			   "<XML_Directory_Service_URL>u</XML_Directory_Service_URL>"
			   "<LCD_Contrast>8</LCD_Contrast>"
			   "<Extension_2_>1</Extension_2_>"
			   "<Default_Ring__4__>1</Default_Ring__4__>"
			   "<Start-Xfer_Key_List>x</Start-Xfer_Key_List>"
			   "</flat-profile>", NULL, NULL, NULL));
	EXPECT_NE(NULL, strstr(output(self), "note: 'Line_Key_3_Extension_' "
			       "ignored: phone parameter, not used by an ATA"));
	EXPECT_NE(NULL, strstr(output(self), "'Unit_1_Key_12' ignored: phone"));
	EXPECT_NE(NULL, strstr(output(self), "'Idle_Key_List' ignored: phone"));
	EXPECT_NE(NULL, strstr(output(self),
			       "'XML_Directory_Service_URL' ignored: phone"));
	EXPECT_NE(NULL, strstr(output(self), "'LCD_Contrast' ignored: phone"));
	EXPECT_NE(NULL, strstr(output(self), "'Extension_2_' ignored: phone"));
	EXPECT_NE(NULL, strstr(output(self), "'Default_Ring__4__' ignored: phone"));
	EXPECT_NE(NULL, strstr(output(self), "'Start-Xfer_Key_List' ignored: phone"));
	EXPECT_NE(NULL, strstr(output(self), "0 parameters, 8 unknown, 0 errors"));
}

TEST_F(ck, not_every_unknown_is_a_phone_parameter)
{
	EXPECT_EQ(0, check(self, "a.xml", "<flat-profile>"
			   "<Line_Keys>1</Line_Keys><Unit_Key_1>2</Unit_Key_1>"
			   "<My_LCD>3</My_LCD><Key_List_Extra>4</Key_List_Extra>"
			   "</flat-profile>", NULL, NULL, NULL));
	EXPECT_EQ(NULL, strstr(output(self), "phone parameter"));
	EXPECT_NE(NULL, strstr(output(self),
			       "note: unknown parameter 'Line_Keys' ignored\n"));
	EXPECT_NE(NULL, strstr(output(self),
			       "note: unknown parameter 'My_LCD' ignored\n"));
}

TEST_F(ck, lines_beyond_two_are_named_as_such)
{
	EXPECT_EQ(0, check(self, "a.xml", "<flat-profile>"
			   "<User_ID_2_>2</User_ID_2_><User_ID_3_>3</User_ID_3_>"
			   "<Auth_Resync-Reboot_8_>No</Auth_Resync-Reboot_8_>"
			   "<Speed_Dial_2_12_>5</Speed_Dial_2_12_>"
			   "<SIP_ToS_DiffServ_Value_4_>0</SIP_ToS_DiffServ_Value_4_>"
			   "<Fancy_Option_3_>x</Fancy_Option_3_>"
			   "</flat-profile>", NULL, NULL, NULL));
	EXPECT_NE(NULL, strstr(output(self), "note: 'User_ID_3_' ignored: line 3 "
			       "parameter; this adapter has 2 lines"));
	EXPECT_NE(NULL, strstr(output(self),
			       "'Auth_Resync-Reboot_8_' ignored: line 8 parameter"));
	EXPECT_NE(NULL, strstr(output(self),
			       "'Speed_Dial_2_12_' ignored: line 12 parameter"));
	EXPECT_NE(NULL, strstr(output(self),
			       "'SIP_ToS_DiffServ_Value_4_' ignored: line 4"));
	/* no line-1 twin in the table: a plain unknown */
	EXPECT_NE(NULL, strstr(output(self),
			       "note: unknown parameter 'Fancy_Option_3_' ignored\n"));
	EXPECT_NE(NULL, strstr(output(self), "1 parameters, 5 unknown, 0 errors"));
}

TEST_F(ck, names_are_case_sensitive_with_a_hint)
{
	EXPECT_EQ(0, check(self, "a.xml", "<flat-profile>"
			   "<resync_periodic>60</resync_periodic>"
			   "<SIP_ToS_DiffServ_Value_1_>0x10</SIP_ToS_DiffServ_Value_1_>"
			   "<sip_tos_diffserv_value_2_>0</sip_tos_diffserv_value_2_>"
			   "</flat-profile>", NULL, NULL, NULL));
	EXPECT_NE(NULL, strstr(output(self), "note: unknown parameter "
			       "'resync_periodic' ignored (names are case-sensitive: "
			       "did you mean 'Resync_Periodic'?)"));
	EXPECT_NE(NULL, strstr(output(self), "'sip_tos_diffserv_value_2_' ignored "
			       "(names are case-sensitive"));
	EXPECT_NE(NULL, strstr(output(self), "1 parameters, 2 unknown, 0 errors"));
}

TEST_F(ck, alias_spelling_is_checked_as_its_entry)
{
	EXPECT_EQ(1, check(self, "a.xml", "<flat-profile>"
			   "<RTP_ToS_DiffServ_Value_2_>0x1ff</RTP_ToS_DiffServ_Value_2_>"
			   "</flat-profile>", NULL, NULL, NULL));
	EXPECT_NE(NULL, strstr(output(self),
			       "error: RTP_TOS_DiffServ_Value_2_: '0x1ff'"));
}

static int is_xml(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && !strcmp(name + n - 4, ".xml");
}

TEST_F(ck, real_profiles_have_no_errors)
{
	struct dirent *de;
	char path[512];
	int files = 0;
	DIR *d;

	d = opendir(REAL_DIR);
	if (!d)
		SKIP(return, "no real profiles at %s (need ../shared beside the clone)",
		     REAL_DIR);
	for (de = readdir(d); de; de = readdir(d)) {
		if (!is_xml(de->d_name))
			continue;
		snprintf(path, sizeof(path), "%s/%s", REAL_DIR, de->d_name);
		rewind(self->out);
		EXPECT_EQ(0, check_profile_file(path, NULL, NULL, self->out))
			TH_LOG("%s:\n%s", de->d_name, output(self));
		EXPECT_EQ(NULL, strstr(output(self), "error:"));
		files++;
	}
	closedir(d);
	EXPECT_GE(files, 7);
}

TEST_F(ck, real_profiles_apply_every_known_parameter)
{
	char path[512], err[256], val[4096];
	const struct profile_entry *e;
	struct dirent *de;
	struct provision pv = { 0 };
	struct profile p;
	struct store *st;
	size_t len, i;
	char *xml;
	DIR *d;

	d = opendir(REAL_DIR);
	if (!d)
		SKIP(return, "no real profiles at %s", REAL_DIR);
	ASSERT_EQ(0, util_store_new(self->dir, &st));
	pv.st = st;
	for (de = readdir(d); de; de = readdir(d)) {
		if (!is_xml(de->d_name))
			continue;
		snprintf(path, sizeof(path), "%s/%s", REAL_DIR, de->d_name);
		xml = util_slurp_alloc(path, &len);
		ASSERT_NE(NULL, xml);
		ASSERT_EQ(0, profile_parse(xml, len, NULL, &p, err,
					   sizeof(err))) TH_LOG("%s", err);
		free(xml);
		ASSERT_GT(p.count, 20) TH_LOG("%s", de->d_name);
		ASSERT_EQ(0, provision_apply(&pv, &p, err, sizeof(err)))
			TH_LOG("%s: %s", de->d_name, err);
		for (i = 0; i < p.count; i++) {
			e = &p.entries[i];
			if (!e->value)
				continue;
			ASSERT_EQ(0, store_get(st, e->name, val, sizeof(val)));
			EXPECT_STREQ(e->value, val);
		}
		profile_free(&p);
	}
	closedir(d);
	store_close(st);
}

TEST_HARNESS_MAIN
