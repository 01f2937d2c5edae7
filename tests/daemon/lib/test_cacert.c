// SPDX-License-Identifier: GPL-2.0
/* test_cacert.c: the Custom_CA_Rule CA: what counts as PEM CA
 * certificates, and the atomic install with its rule. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "kselftest_harness.h"
#include "cacert.h"
#include "util.h"

/* made once with the openssl CLI for these tests (valid for 100 years) */
static const char PEM_CA_CRT[] =
	"-----BEGIN CERTIFICATE-----\n"
	"MIIBwjCCAWmgAwIBAgIUelWF6B6eWjscyXuVWCpofAyH7/swCgYIKoZIzj0EAwIw\n"
	"LjEaMBgGA1UECgwRb3BlbmZ4cyB1bml0IHRlc3QxEDAOBgNVBAMMB3Rlc3QgQ0Ew\n"
	"IBcNMjYxMTI5MDMyNTQyWhgPMjEyNjExMDUwMzI1NDJaMC4xGjAYBgNVBAoMEW9w\n"
	"ZW5meHMgdW5pdCB0ZXN0MRAwDgYDVQQDDAd0ZXN0IENBMFkwEwYHKoZIzj0CAQYI\n"
	"KoZIzj0DAQcDQgAE/sN2g7uhaUgcJXLB1/Dp48nWYXuqZ64briH2qm0m3qeZ4Q2o\n"
	"Ykl6WeCvcktzxfwB6oijblDu6fUTa5RnzWsyqKNjMGEwHQYDVR0OBBYEFAz0sXDn\n"
	"Hk3xy0ey57TOWHehYxspMB8GA1UdIwQYMBaAFAz0sXDnHk3xy0ey57TOWHehYxsp\n"
	"MA8GA1UdEwEB/wQFMAMBAf8wDgYDVR0PAQH/BAQDAgEGMAoGCCqGSM49BAMCA0cA\n"
	"MEQCIAz23fdp2YHXZVHkzwJ4Ts9x0YHmjcyjh/cSt5gYkNwCAiAsA+/6M3SWnqB7\n"
	"o0m3CMrSDe6a/PEb9R1ez8AqO5Kslw==\n"
	"-----END CERTIFICATE-----\n"
	;

static const char PEM_LEAF_CRT[] =
	"-----BEGIN CERTIFICATE-----\n"
	"MIIBjjCCATSgAwIBAgIUF9VfTejpELGyniIpIO4n0zmC3IAwCgYIKoZIzj0EAwIw\n"
	"LjEaMBgGA1UECgwRb3BlbmZ4cyB1bml0IHRlc3QxEDAOBgNVBAMMB3Rlc3QgQ0Ew\n"
	"IBcNMjYxMTI5MDMyNTQyWhgPMjEyNjExMDUwMzI1NDJaMA8xDTALBgNVBAMMBGxl\n"
	"YWYwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQ32cjcWoQVjiUvp3EyPJoJdX2L\n"
	"Udx/EplBgNDcqYcHklv5/sy202gnY5g2E3plnC6vxOdyK4A6pYGJf/7Ti3Ggo00w\n"
	"SzAJBgNVHRMEAjAAMB0GA1UdDgQWBBT246vTEAhit3tQMr3TE04MQ17zQDAfBgNV\n"
	"HSMEGDAWgBQM9LFw5x5N8ctHsue0zlh3oWMbKTAKBggqhkjOPQQDAgNIADBFAiBW\n"
	"xo80skdepGO8vqHJaVKWDU80UH4mdVywOMb6P75ZAAIhALHZ0ofQmlyEKVNOSboA\n"
	"s/3mcjPvpYGswgEGzvr683Zg\n"
	"-----END CERTIFICATE-----\n"
	;

static const char PEM_LEAF_KEY[] =
	"-----BEGIN PRIVATE KEY-----\n"
	"MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgFmk+Gfi0yzLLlZvc\n"
	"ZYHxSSnaHFTcg3f/mEFHi2FJOWuhRANCAAQ32cjcWoQVjiUvp3EyPJoJdX2LUdx/\n"
	"EplBgNDcqYcHklv5/sy202gnY5g2E3plnC6vxOdyK4A6pYGJf/7Ti3Gg\n"
	"-----END PRIVATE KEY-----\n"
	;

static int check(const char *pem, char *err, size_t errlen)
{
	err[0] = '\0';
	return cacert_check((const unsigned char *)pem, strlen(pem), err,
			    errlen);
}

TEST(one_ca)
{
	char err[256];

	EXPECT_EQ(1, check(PEM_CA_CRT, err, sizeof(err))) TH_LOG("%s", err);
}

TEST(two_cas_with_text_between)
{
	char buf[4096], err[256];

	snprintf(buf, sizeof(buf), "my CAs\n%s\nsecond:\n%s", PEM_CA_CRT,
		 PEM_CA_CRT);
	EXPECT_EQ(2, check(buf, err, sizeof(err))) TH_LOG("%s", err);
}

TEST(garbage)
{
	char err[256];

	EXPECT_EQ(-EINVAL, check("this is not a certificate\n", err,
				 sizeof(err)));
	EXPECT_STREQ("no PEM certificate in the CA file", err);
	EXPECT_EQ(-EINVAL, check("", err, sizeof(err)));
	EXPECT_STREQ("no PEM certificate in the CA file", err);
}

TEST(leaf_is_not_a_ca)
{
	char buf[4096], err[256];

	EXPECT_EQ(-EINVAL, check(PEM_LEAF_CRT, err, sizeof(err)));
	EXPECT_STREQ("certificate 1 is not a CA certificate", err);
	snprintf(buf, sizeof(buf), "%s%s", PEM_CA_CRT, PEM_LEAF_CRT);
	EXPECT_EQ(-EINVAL, check(buf, err, sizeof(err)));
	EXPECT_STREQ("certificate 2 is not a CA certificate", err);
}

TEST(key_block_refused)
{
	char buf[4096], err[256];

	snprintf(buf, sizeof(buf), "%s%s", PEM_CA_CRT, PEM_LEAF_KEY);
	EXPECT_EQ(-EINVAL, check(buf, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "PEM block 2 is a 'PRIVATE KEY'"))
		TH_LOG("%s", err);
}

TEST(corrupt_base64)
{
	char buf[4096], err[256], *p;

	snprintf(buf, sizeof(buf), "%s", PEM_CA_CRT);
	p = strchr(buf, '\n') + 5;
	memcpy(p, "AAAAAAAA", 8);
	EXPECT_EQ(-EINVAL, check(buf, err, sizeof(err)));
	EXPECT_NE(0, err[0]);
}

TEST(too_big)
{
	char err[256];
	char *big = malloc(CACERT_MAX_SIZE + 2);

	ASSERT_NE(NULL, big);
	memset(big, 'x', CACERT_MAX_SIZE + 1);
	big[CACERT_MAX_SIZE + 1] = '\0';
	EXPECT_EQ(-EINVAL, check(big, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "over")) TH_LOG("%s", err);
	free(big);
}

TEST(install_and_rule)
{
	char dir[UTIL_DIR_MAX], path[256], tmp[300];
	char rule[256], err[256], *back;
	size_t n;

	ASSERT_EQ(0, util_tmpdir(dir, "test_cacert"));
	snprintf(path, sizeof(path), "%s/%s", dir, CACERT_FILE);
	EXPECT_EQ(-ENOENT, cacert_installed_rule(path, rule, sizeof(rule)));
	ASSERT_EQ(0, cacert_install(path, (const unsigned char *)PEM_CA_CRT,
				    strlen(PEM_CA_CRT), "http://h/ca.pem", err,
				    sizeof(err))) TH_LOG("%s", err);
	ASSERT_EQ(0, cacert_installed_rule(path, rule, sizeof(rule)));
	EXPECT_STREQ("http://h/ca.pem", rule);
	back = util_slurp_alloc(path, &n);
	ASSERT_NE(NULL, back);
	EXPECT_EQ(strlen(PEM_CA_CRT), n);
	EXPECT_EQ(0, memcmp(back, PEM_CA_CRT, n));
	free(back);
	/* a new rule replaces both */
	ASSERT_EQ(0, cacert_install(path, (const unsigned char *)PEM_CA_CRT,
				    strlen(PEM_CA_CRT), "https://h/ca2.pem",
				    err, sizeof(err)));
	ASSERT_EQ(0, cacert_installed_rule(path, rule, sizeof(rule)));
	EXPECT_STREQ("https://h/ca2.pem", rule);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	EXPECT_NE(0, access(tmp, F_OK));
	util_rmtree(dir);
}

TEST(install_into_missing_dir_fails)
{
	char err[256] = "", rule[64];

	EXPECT_GT(0, cacert_install("/nonexistent-fxsd-dir/custom_ca.pem",
				    (const unsigned char *)PEM_CA_CRT,
				    strlen(PEM_CA_CRT), "r", err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "/nonexistent-fxsd-dir/")) TH_LOG("%s", err);
	EXPECT_EQ(-ENOENT, cacert_installed_rule(
			"/nonexistent-fxsd-dir/custom_ca.pem", rule,
			sizeof(rule)));
}

TEST_HARNESS_MAIN
