// SPDX-License-Identifier: GPL-2.0
/*
 * test_decode.c: gzip and `openssl enc` AES-256-CBC decoding. The inputs are
 * made at test time with the openssl and gzip command-line tools, the tools
 * a provider uses.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "decode.h"
#include "util.h"

#define XML "<flat-profile><GPP_A>hello</GPP_A></flat-profile>\n"

FIXTURE(dec) {
	char dir[UTIL_DIR_MAX];
	unsigned char *in;
	size_t len;
	unsigned char *out;
	size_t out_len;
	char err[256];
};

FIXTURE_SETUP(dec)
{
	self->in = NULL;
	self->out = NULL;
	ASSERT_EQ(0, util_tmpdir(self->dir, "test_decode"));
	ASSERT_EQ(0, util_put_file(self->dir, "p.xml", XML));
}

FIXTURE_TEARDOWN(dec)
{
	free(self->in);
	free(self->out);
	util_rmtree(self->dir);
}

/* run a shell command in the fixture dir, then read "out" into self->in */
static int make_input(FIXTURE_DATA(dec) *self, const char *sh)
{
	char path[UTIL_DIR_MAX + 8];

	if (util_sh(self->dir, sh))
		return -1;
	snprintf(path, sizeof(path), "%s/out", self->dir);
	free(self->in);
	self->in = (unsigned char *)util_slurp_alloc(path, &self->len);
	return self->in ? 0 : -1;
}

static int run(FIXTURE_DATA(dec) *self, const char *key)
{
	free(self->out);
	self->out = NULL;
	self->err[0] = '\0';
	return decode_profile(self->in, self->len, key, &self->out,
			      &self->out_len, self->err, sizeof(self->err));
}

TEST_F(dec, plain_passes_through)
{
	ASSERT_EQ(0, make_input(self, "cp p.xml out"));
	ASSERT_EQ(0, run(self, NULL));
	EXPECT_EQ(strlen(XML), self->out_len);
	EXPECT_STREQ(XML, (char *)self->out);
}

TEST_F(dec, gzip_is_inflated)
{
	ASSERT_EQ(0, make_input(self, "gzip -c p.xml > out"));
	ASSERT_EQ(0x1f, self->in[0]);
	ASSERT_EQ(0, run(self, NULL)) TH_LOG("%s", self->err);
	EXPECT_STREQ(XML, (char *)self->out);
}

TEST_F(dec, aes_md5_derivation)
{
	ASSERT_EQ(0, make_input(self, "openssl enc -aes-256-cbc -k s3cret "
				"-md md5 -in p.xml -out out"));
	ASSERT_EQ(0, memcmp(self->in, "Salted__", 8));
	ASSERT_EQ(0, run(self, "s3cret")) TH_LOG("%s", self->err);
	EXPECT_STREQ(XML, (char *)self->out);
}

TEST_F(dec, aes_default_sha256_derivation)
{
	ASSERT_EQ(0, make_input(self, "openssl enc -aes-256-cbc -k s3cret "
				"-in p.xml -out out"));
	ASSERT_EQ(0, run(self, "s3cret")) TH_LOG("%s", self->err);
	EXPECT_STREQ(XML, (char *)self->out);
}

TEST_F(dec, gzip_then_encrypt_both_derivations)
{
	ASSERT_EQ(0, make_input(self, "gzip -c p.xml | openssl enc "
				"-aes-256-cbc -k K9 -md md5 -out out"));
	ASSERT_EQ(0, run(self, "K9")) TH_LOG("%s", self->err);
	EXPECT_STREQ(XML, (char *)self->out);
	ASSERT_EQ(0, make_input(self, "gzip -c p.xml | openssl enc "
				"-aes-256-cbc -k K9 -md sha256 -out out"));
	ASSERT_EQ(0, run(self, "K9")) TH_LOG("%s", self->err);
	EXPECT_STREQ(XML, (char *)self->out);
}

TEST_F(dec, wrong_key_md5)
{
	ASSERT_EQ(0, make_input(self, "openssl enc -aes-256-cbc -k right "
				"-md md5 -in p.xml -out out"));
	EXPECT_EQ(-EKEYREJECTED, run(self, "wrong"));
	EXPECT_NE(NULL, strstr(self->err, "wrong key")) TH_LOG("%s", self->err);
	EXPECT_EQ(NULL, self->out);
}

TEST_F(dec, wrong_key_sha256)
{
	ASSERT_EQ(0, make_input(self, "gzip -c p.xml | openssl enc "
				"-aes-256-cbc -k right -md sha256 -out out"));
	EXPECT_EQ(-EKEYREJECTED, run(self, "righ"));
	EXPECT_NE(NULL, strstr(self->err, "wrong key"));
}

TEST_F(dec, encrypted_without_key)
{
	ASSERT_EQ(0, make_input(self, "openssl enc -aes-256-cbc -k k "
				"-in p.xml -out out"));
	EXPECT_EQ(-ENOKEY, run(self, NULL));
	EXPECT_NE(NULL, strstr(self->err, "no --key"));
}

TEST_F(dec, key_on_plain_profile)
{
	ASSERT_EQ(0, make_input(self, "cp p.xml out"));
	EXPECT_EQ(-EINVAL, run(self, "k"));
	EXPECT_NE(NULL, strstr(self->err, "Salted__"));
}

TEST_F(dec, truncated_ciphertext)
{
	ASSERT_EQ(0, make_input(self, "openssl enc -aes-256-cbc -k k -md md5 "
				"-in p.xml -out full && head -c 37 full > out"));
	EXPECT_EQ(-EINVAL, run(self, "k"));
	EXPECT_NE(NULL, strstr(self->err, "truncated")) TH_LOG("%s", self->err);
	/* whole blocks, but the last block cut off: padding is wrong */
	ASSERT_EQ(0, make_input(self, "head -c 48 full > out"));
	EXPECT_NE(0, run(self, "k"));
}

TEST_F(dec, zip_bomb_capped)
{
	ASSERT_EQ(0, make_input(self, "head -c 50000000 /dev/zero | "
				"gzip -9 > out"));
	ASSERT_LT(self->len, 100000);
	EXPECT_EQ(-E2BIG, run(self, NULL));
	EXPECT_NE(NULL, strstr(self->err, "gzip: output over 1048576 bytes"))
		TH_LOG("%s", self->err);
	EXPECT_EQ(NULL, self->out);
}

TEST_F(dec, zip_bomb_inside_encryption_capped)
{
	ASSERT_EQ(0, make_input(self, "head -c 5000000 /dev/zero | gzip | "
				"openssl enc -aes-256-cbc -k k -out out"));
	EXPECT_EQ(-E2BIG, run(self, "k"));
}

TEST_F(dec, truncated_gzip)
{
	ASSERT_EQ(0, make_input(self, "seq 1 20000 | gzip > full && "
				"head -c 2000 full > out"));
	EXPECT_EQ(-EINVAL, run(self, NULL));
	EXPECT_NE(NULL, strstr(self->err, "truncated")) TH_LOG("%s", self->err);
}

TEST_F(dec, corrupt_gzip)
{
	ASSERT_EQ(0, make_input(self, "seq 1 20000 | gzip > out"));
	memset(self->in + 20, 0xff, 64);
	EXPECT_EQ(-EINVAL, run(self, NULL));
	EXPECT_NE(NULL, strstr(self->err, "gzip: data corrupt"))
		TH_LOG("%s", self->err);
}

TEST_F(dec, input_limit)
{
	free(self->in);
	self->len = DECODE_MAX_INPUT + 1;
	self->in = calloc(1, self->len);
	ASSERT_NE(NULL, self->in);
	EXPECT_EQ(-E2BIG, run(self, NULL));
}

TEST_F(dec, output_exactly_at_cap_is_fine)
{
	ASSERT_EQ(0, make_input(self, "head -c 1048576 /dev/zero | tr '\\0' a "
				"| gzip > out"));
	ASSERT_EQ(0, run(self, NULL)) TH_LOG("%s", self->err);
	EXPECT_EQ(DECODE_MAX_OUTPUT, self->out_len);
	ASSERT_EQ(0, make_input(self, "head -c 1048577 /dev/zero | tr '\\0' a "
				"| gzip > out"));
	EXPECT_EQ(-E2BIG, run(self, NULL));
}

TEST_HARNESS_MAIN
