// SPDX-License-Identifier: GPL-2.0
/* test_line.c: line_any_busy on a host without FXS lines: no device, and
 * files that are not FXS lines, count as idle. (Off-hook lines need the
 * kernel module: the VM tests.) */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "line.h"

TEST(no_device_is_idle)
{
	EXPECT_EQ(0, line_any_busy("/nonexistent-fxsd-lines/fxs[0-9]*"));
}

TEST(not_a_line_is_idle)
{
	char dir[] = "/tmp/test_line.XXXXXX", path[128], pattern[128];
	FILE *f;

	ASSERT_NE(NULL, mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/fxs0", dir);
	f = fopen(path, "w");
	ASSERT_NE(NULL, f);
	fclose(f);
	snprintf(pattern, sizeof(pattern), "%s/fxs[0-9]*", dir);
	EXPECT_EQ(0, line_any_busy(pattern));
	EXPECT_EQ(0, line_any_busy("/dev/null"));
	unlink(path);
	rmdir(dir);
}

TEST_HARNESS_MAIN
