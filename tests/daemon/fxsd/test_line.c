// SPDX-License-Identifier: GPL-2.0
/* test_line.c: line_any_busy on a host without FXS lines: no device, and
 * files that are not FXS lines, count as idle. (Off-hook lines need the
 * kernel module: the VM tests.) */
#include <stdio.h>
#include <stdlib.h>

#include "kselftest_harness.h"
#include "line.h"
#include "util.h"

TEST(no_device_is_idle)
{
	EXPECT_EQ(0, line_any_busy("/nonexistent-fxsd-lines/fxs[0-9]*"));
}

TEST(not_a_line_is_idle)
{
	char dir[UTIL_DIR_MAX], pattern[UTIL_DIR_MAX + 16];

	ASSERT_EQ(0, util_tmpdir(dir, "test_line"));
	ASSERT_EQ(0, util_put_file(dir, "fxs0", ""));
	snprintf(pattern, sizeof(pattern), "%s/fxs[0-9]*", dir);
	EXPECT_EQ(0, line_any_busy(pattern));
	EXPECT_EQ(0, line_any_busy("/dev/null"));
	util_rmtree(dir);
}

TEST_HARNESS_MAIN
