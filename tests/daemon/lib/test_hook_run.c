// SPDX-License-Identifier: GPL-2.0
/*
 * test_hook_run.c: a hook program run for real: its argument, stdin, the
 * FXS_* variables it sees (replacing an inherited one of the same name),
 * fxsd's own environment left as it was, exit codes, a program that
 * cannot be started, and the time limit.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hook_run.h"
#include "kselftest_harness.h"
#include "util.h"

FIXTURE(hook) {
	char dir[UTIL_DIR_MAX];
	char prog[UTIL_DIR_MAX + 16];
};

FIXTURE_SETUP(hook)
{
	ASSERT_EQ(0, util_tmpdir(self->dir, "test_hook_run"));
	snprintf(self->prog, sizeof(self->prog), "%s/hook", self->dir);
}

FIXTURE_TEARDOWN(hook)
{
	util_rmtree(self->dir);
}

/* the hook program: a shell script with BODY */
static int write_hook(FIXTURE_DATA(hook) *self, const char *body)
{
	char text[1024];

	snprintf(text, sizeof(text), "#!/bin/sh\n%s\n", body);
	if (util_put_file(self->dir, "hook", text))
		return -1;
	return util_sh(self->dir, "chmod 755 hook");
}

TEST_F(hook, sees_its_argument_stdin_and_variables)
{
	const struct hook_var vars[] = { { "FXS_STATIC_IP", "10.1.2.3" },
					 { "FXS_IFACE", "eth0" } };
	char out[512];

	ASSERT_EQ(0, setenv("FXS_IFACE", "inherited", 1));
	ASSERT_EQ(0, setenv("HOOK_TEST_KEPT", "kept", 1));
	ASSERT_EQ(0, write_hook(self, "cd \"$(dirname \"$0\")\"\n"
				"{ echo \"arg=$1\"; env | grep -c '^FXS_IFACE='; "
				"echo \"ip=$FXS_STATIC_IP if=$FXS_IFACE "
				"kept=$HOOK_TEST_KEPT\"; cat; echo end; } > out"));
	EXPECT_EQ(0, hook_run(self->prog, "network", vars, 2, 5000));
	ASSERT_EQ(0, util_slurp(self->dir, "out", out, sizeof(out)));
	EXPECT_STREQ("arg=network\n1\nip=10.1.2.3 if=eth0 kept=kept\nend\n",
		     out);
	/* the daemon's own environment is untouched */
	EXPECT_STREQ("inherited", getenv("FXS_IFACE"));
	EXPECT_EQ(NULL, getenv("FXS_STATIC_IP"));
}

TEST_F(hook, a_non_zero_exit_or_a_signal_fails)
{
	ASSERT_EQ(0, write_hook(self, "exit 3"));
	EXPECT_EQ(-ECHILD, hook_run(self->prog, "reboot", NULL, 0, 5000));
	ASSERT_EQ(0, write_hook(self, "kill -TERM $$"));
	EXPECT_EQ(-ECHILD, hook_run(self->prog, "reboot", NULL, 0, 5000));
	ASSERT_EQ(0, write_hook(self, "exit 0"));
	EXPECT_EQ(0, hook_run(self->prog, "reboot", NULL, 0, 5000));
}

TEST_F(hook, a_program_that_cannot_start_fails)
{
	EXPECT_EQ(-ENOENT, hook_run(self->prog, "reboot", NULL, 0, 5000));
	ASSERT_EQ(0, util_put_file(self->dir, "hook", "#!/bin/sh\n"));
	EXPECT_EQ(-EACCES, hook_run(self->prog, "reboot", NULL, 0, 5000));
	EXPECT_EQ(-EINVAL, hook_run(NULL, "reboot", NULL, 0, 5000));
	EXPECT_EQ(-EINVAL, hook_run("", "reboot", NULL, 0, 5000));
}

TEST_F(hook, one_past_its_time_is_killed)
{
	ASSERT_EQ(0, write_hook(self, "exec sleep 30"));
	EXPECT_EQ(-ETIMEDOUT, hook_run(self->prog, "reboot", NULL, 0, 100));
}

TEST_HARNESS_MAIN
