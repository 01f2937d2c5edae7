// SPDX-License-Identifier: GPL-2.0
/* test_macro.c: SPA macro expansion. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "kselftest_harness.h"
#include "macro.h"

static int fake_get(void *arg, const char *name, char *buf, size_t len)
{
	(void)arg;
	if (!strcmp(name, "GPP_B"))
		snprintf(buf, len, "grp7");
	else if (!strcmp(name, "GPP_A"))
		snprintf(buf, len, "$MA");	/* must not be re-expanded */
	else if (!strcmp(name, "GPP_SA"))
		snprintf(buf, len, "secret");
	else if (!strcmp(name, "User_ID_1_"))
		snprintf(buf, len, "4155550100");
	else if (!strcmp(name, "Resync_Periodic"))
		snprintf(buf, len, "3600");
	else if (!strcmp(name, "Admin_Passwd"))
		snprintf(buf, len, "topsecret");
	else if (!strcmp(name, "GPP_D"))
		snprintf(buf, len, "\xc3\xa9\xc3\xa8x");	/* e-acute e-grave x */
	else if (!strcmp(name, "GPP_C"))
		snprintf(buf, len, "secret-c");	/* ua="na" in the store */
	else
		return -ENOENT;
	return 0;
}

/* what the store says: access na, or a key secret */
static int fake_secret(void *arg, const char *name)
{
	(void)arg;
	return !strcmp(name, "Admin_Passwd") || !strcmp(name, "GPP_C") ||
	       !strncmp(name, "GPP_S", 5);
}

FIXTURE(macro)
{
	struct identity id;
	struct macro_ctx ctx;
	char out[512];
};

FIXTURE_SETUP(macro)
{
	memset(&self->id, 0, sizeof(self->id));
	strcpy(self->id.pn, "SPA112");
	strcpy(self->id.psn, "112");
	strcpy(self->id.sn, "CBT123");
	strcpy(self->id.swver, "1.4.1");
	strcpy(self->id.hwver, "1.0.0");
	strcpy(self->id.ip, "192.0.2.7");
	ASSERT_EQ(0, identity_set_mac(&self->id, "00:0E:08:AB:CD:EF"));
	memset(&self->ctx, 0, sizeof(self->ctx));
	self->ctx.id = &self->id;
	self->ctx.get = fake_get;
	self->ctx.var[MACRO_ERR] = "HTTP 500";
	self->ctx.var[MACRO_SCHEME] = "tftp";
	self->ctx.var[MACRO_SERV] = "prov";
	self->ctx.var[MACRO_SERVIP] = "10.0.0.1";
	self->ctx.var[MACRO_PORT] = "69";
	self->ctx.var[MACRO_PATH] = "/a.cfg";
}

FIXTURE_TEARDOWN(macro)
{
}

static const char *ex(struct macro_ctx *c, char *out, const char *in)
{
	if (macro_expand(c, in, out, 512))
		return "(error)";
	return out;
}

TEST_F(macro, mac_forms)
{
	EXPECT_STREQ("ata000e08abcdef.cfg", ex(&self->ctx, self->out, "ata$MA.cfg"));
	EXPECT_STREQ("000E08ABCDEF", ex(&self->ctx, self->out, "$MAU"));
	EXPECT_STREQ("00:0e:08:ab:cd:ef", ex(&self->ctx, self->out, "$MAC"));
}

TEST_F(macro, identity_and_resync_vars)
{
	EXPECT_STREQ("SPA112 00:0e:08:ab:cd:ef -- Requesting resync tftp://10.0.0.1:69/a.cfg",
		     ex(&self->ctx, self->out,
			"$PN $MAC -- Requesting resync $SCHEME://$SERVIP:$PORT$PATH"));
	EXPECT_STREQ("failed: HTTP 500", ex(&self->ctx, self->out, "failed: $ERR"));
	EXPECT_STREQ("CBT123/112/1.4.1/1.0.0/192.0.2.7/192.0.2.7",
		     ex(&self->ctx, self->out, "$SN/$PSN/$SWVER/$HWVER/$IP/$EXTIP"));
	EXPECT_STREQ("prov", ex(&self->ctx, self->out, "$SERV"));
}

TEST_F(macro, gpp_and_uid)
{
	EXPECT_STREQ("/cisco/grp7/000e08abcdef.cfg",
		     ex(&self->ctx, self->out, "/cisco/$B/$MA.cfg"));
	EXPECT_STREQ("4155550100", ex(&self->ctx, self->out, "$UID1"));
	/* one level only */
	EXPECT_STREQ("$MA", ex(&self->ctx, self->out, "$A"));
}

TEST_F(macro, paren_and_substrings)
{
	EXPECT_STREQ("x000e08abcdefy", ex(&self->ctx, self->out, "x$(MA)y"));
	EXPECT_STREQ("abcdef", ex(&self->ctx, self->out, "$(MA:6)"));
	EXPECT_STREQ("0e08", ex(&self->ctx, self->out, "$(MA:2:4)"));
	EXPECT_STREQ("", ex(&self->ctx, self->out, "$(MA:40)"));
	EXPECT_STREQ("3600", ex(&self->ctx, self->out, "$(Resync_Periodic)"));
}

TEST_F(macro, unknown_names_stay)
{
	EXPECT_STREQ("$NOPE $(NOPE) $(MA $ $(MA:x)",
		     ex(&self->ctx, self->out, "$NOPE $(NOPE) $(MA $ $(MA:x)"));
	EXPECT_STREQ("$VERSION", ex(&self->ctx, self->out, "$VERSION"));
	EXPECT_STREQ("cost $5", ex(&self->ctx, self->out, "cost $5"));
	EXPECT_STREQ("a$b", ex(&self->ctx, self->out, "a$b"));
}

TEST_F(macro, dollar_dollar)
{
	EXPECT_STREQ("$MA", ex(&self->ctx, self->out, "$$MA"));
}

TEST_F(macro, key_only_macros)
{
	EXPECT_STREQ("$SA", ex(&self->ctx, self->out, "$SA"));
	self->ctx.key_mode = 1;
	EXPECT_STREQ("secret", ex(&self->ctx, self->out, "$SA"));
}

TEST_F(macro, overflow_is_an_error)
{
	char small[8];

	EXPECT_EQ(-E2BIG, macro_expand(&self->ctx, "$MA", small, sizeof(small)));
	EXPECT_EQ(0, macro_expand(&self->ctx, "$PN", small, sizeof(small)));
	EXPECT_STREQ("SPA112", small);
}

TEST(identity_mac_forms)
{
	struct identity id;
	char ma[13];

	memset(&id, 0, sizeof(id));
	ASSERT_EQ(0, identity_set_mac(&id, "AABBCCDDEEFF"));
	EXPECT_STREQ("aa:bb:cc:dd:ee:ff", id.mac);
	identity_ma(&id, ma, 1);
	EXPECT_STREQ("AABBCCDDEEFF", ma);
	EXPECT_EQ(-EINVAL, identity_set_mac(&id, "aa:bb:cc:dd:ee"));
	EXPECT_EQ(-EINVAL, identity_set_mac(&id, "aa:bb:cc:dd:ee:fg"));
	EXPECT_EQ(-EINVAL, identity_set_mac(&id, "aa:bb:cc:dd:ee:ff:00"));
}

/* regression: $(NAME:p:q) cut bytes, so half a character could be cut */
TEST_F(macro, substrings_count_characters)
{
	EXPECT_STREQ("\xc3\xa9", ex(&self->ctx, self->out, "$(GPP_D:0:1)"));
	EXPECT_STREQ("\xc3\xa8x", ex(&self->ctx, self->out, "$(GPP_D:1)"));
	EXPECT_STREQ("\xc3\xa8", ex(&self->ctx, self->out, "$(GPP_D:1:1)"));
	EXPECT_STREQ("x", ex(&self->ctx, self->out, "$(GPP_D:2:5)"));
	EXPECT_STREQ("", ex(&self->ctx, self->out, "$(GPP_D:9)"));
	EXPECT_STREQ("gr", ex(&self->ctx, self->out, "$(GPP_B:0:2)"));
}

/* regression: $(NAME) expanded any parameter, passwords included */
TEST_F(macro, secrets_stay_as_written_outside_key)
{
	self->ctx.secret = fake_secret;
	EXPECT_STREQ("u/$(Admin_Passwd)/x", ex(&self->ctx, self->out,
						 "u/$(Admin_Passwd)/x"));
	EXPECT_STREQ("$(Admin_Passwd:0:3)", ex(&self->ctx, self->out,
					       "$(Admin_Passwd:0:3)"));
	EXPECT_STREQ("$(GPP_SA)-$SA", ex(&self->ctx, self->out,
					 "$(GPP_SA)-$SA"));
	/* a parameter the profile made na is secret too, bare or not */
	EXPECT_STREQ("$C $(GPP_C) grp7", ex(&self->ctx, self->out,
					     "$C $(GPP_C) $B"));
	EXPECT_EQ(NULL, strstr(self->out, "secret"));
}

TEST_F(macro, secrets_expand_inside_key)
{
	self->ctx.secret = fake_secret;
	self->ctx.key_mode = 1;
	EXPECT_STREQ("topsecret:secret:secret-c",
		     ex(&self->ctx, self->out, "$(Admin_Passwd):$SA:$C"));
}

/* p is an offset, q a length (both in characters); past the end gives
 * what is left, or nothing */
TEST_F(macro, substrings_out_of_range)
{
	EXPECT_STREQ("p7", ex(&self->ctx, self->out, "$(B:2)"));
	EXPECT_STREQ("rp", ex(&self->ctx, self->out, "$(B:1:2)"));
	EXPECT_STREQ("7", ex(&self->ctx, self->out, "$(B:3:10)"));
	EXPECT_STREQ("", ex(&self->ctx, self->out, "$(B:4)"));
	EXPECT_STREQ("", ex(&self->ctx, self->out, "$(B:99:1)"));
	EXPECT_STREQ("", ex(&self->ctx, self->out, "$(B:0:0)"));
	EXPECT_STREQ("grp7", ex(&self->ctx, self->out, "$(B:0)"));
	EXPECT_STREQ("", ex(&self->ctx, self->out,
			    "$(B:99999999999999999999999999)"));
	EXPECT_STREQ("grp7", ex(&self->ctx, self->out,
				"$(B:0:99999999999999999999999999)"));
	EXPECT_STREQ("0E08", ex(&self->ctx, self->out, "$(MAU:2:4)"));
	EXPECT_STREQ("SPA", ex(&self->ctx, self->out, "$(PN:0:3)"));
	EXPECT_STREQ("1.4", ex(&self->ctx, self->out, "$(SWVER:0:3)"));
}

/* not of the $(NAME:p:q) form (p and q are non-negative integers): kept
 * as written */
TEST_F(macro, malformed_substrings_stay)
{
	static const char *const bad[] = {
		"$(B:-1)", "$(B:1:)", "$(B::1)", "$(B:1:2:3)", "$(B: 1)",
		"$(B:1x)", "$(B:)", "$()", "$(:1)", "$(B:+1)",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		EXPECT_STREQ(bad[i], ex(&self->ctx, self->out, bad[i]));
}

/* the forms the guides use in URLs: $(NAME) before text, $NAME before
 * text that cannot continue a name; ${NAME} is no SPA form */
TEST_F(macro, names_followed_by_text)
{
	EXPECT_STREQ("http://prov/000e08abcdefconfig.xml",
		     ex(&self->ctx, self->out, "http://prov/$(MA)config.xml"));
	EXPECT_STREQ("000E08ABCDEFconfig.cfg",
		     ex(&self->ctx, self->out, "$(MAU)config.cfg"));
	EXPECT_STREQ("spa000E08ABCDEFconfig.cfg",
		     ex(&self->ctx, self->out, "spa$MAUconfig.cfg"));
	EXPECT_STREQ("spa$STRANGE000E08ABCDEF.cfg",
		     ex(&self->ctx, self->out, "spa$STRANGE$MAU.cfg"));
	EXPECT_STREQ("/p7/x.cfg", ex(&self->ctx, self->out, "/$(B:2)/x.cfg"));
	EXPECT_STREQ("grp7-grp7", ex(&self->ctx, self->out, "$B-$(B)"));
	EXPECT_STREQ("CBT123CBT123", ex(&self->ctx, self->out, "$(SN)$SN"));
	EXPECT_STREQ("${MA}", ex(&self->ctx, self->out, "${MA}"));
	EXPECT_STREQ("$(ma)", ex(&self->ctx, self->out, "$(ma)"));
}

/* $REGTMR1/2, $UPGTMR, $UPGERR, $UPGCOND and $METH come from the run,
 * bare or in $( ) */
TEST_F(macro, upgrade_and_registration_vars)
{
	self->ctx.var[MACRO_REGTMR1] = "0";
	self->ctx.var[MACRO_REGTMR2] = "12";
	self->ctx.var[MACRO_UPGTMR] = "0";
	self->ctx.var[MACRO_UPGERR] = "";
	self->ctx.var[MACRO_UPGCOND] = "true";
	EXPECT_STREQ("0/12/0/[]/true", ex(&self->ctx, self->out,
					   "$REGTMR1/$REGTMR2/$UPGTMR/[$UPGERR]/$UPGCOND"));
	EXPECT_STREQ("12 0 tr", ex(&self->ctx, self->out,
				   "$(REGTMR2) $(UPGTMR) $(UPGCOND:0:2)"));
	/* $METH: the guide's deprecated name of $SCHEME */
	EXPECT_STREQ("tftp tftp", ex(&self->ctx, self->out, "$METH $SCHEME"));
	/* not set: empty, as every run-time value */
	self->ctx.var[MACRO_REGTMR2] = NULL;
	EXPECT_STREQ("[]", ex(&self->ctx, self->out, "[$REGTMR2]"));
}

TEST_HARNESS_MAIN
