// SPDX-License-Identifier: GPL-2.0
/* test_lineconf.c: line parameters pushed onto lines/fxsN/ attributes. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "lineconf.h"
#include "store.h"

static const char *const attrs[] = {
	"ring_frequency", "ring_voltage", "ring_cadence", "tone_dial",
	"tone_busy", "tone_ringback", "tone_reorder", "tone_confirm",
	"flash_min_ms", "flash_max_ms",
};

FIXTURE(lc) {
	char dir[64];
	char lines[128];
	struct store *st;
	char err[256];
};

static void make_line(const char *lines, const char *name)
{
	char path[512];
	size_t i;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", lines, name);
	mkdir(path, 0755);
	for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s/%s", lines, name, attrs[i]);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd >= 0)
			close(fd);
	}
}

static char *slurp(const char *lines, const char *rel, char *buf, size_t len)
{
	char path[512];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", lines, rel);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return NULL;
	n = read(fd, buf, len - 1);
	close(fd);
	buf[n < 0 ? 0 : n] = '\0';
	return buf;
}

FIXTURE_SETUP(lc)
{
	char root[128];

	strcpy(self->dir, "/tmp/test_lineconf.XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->dir));
	snprintf(root, sizeof(root), "%s/params", self->dir);
	snprintf(self->lines, sizeof(self->lines), "%s/lines", self->dir);
	ASSERT_EQ(0, mkdir(self->lines, 0755));
	make_line(self->lines, "fxs0");
	make_line(self->lines, "fxs1");
	ASSERT_EQ(0, store_open(root, &self->st));
}

FIXTURE_TEARDOWN(lc)
{
	char cmd[128];

	store_close(self->st);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", self->dir);
	if (system(cmd))
		TH_LOG("cleanup of %s failed", self->dir);
}

TEST_F(lc, every_line_gets_the_store_values)
{
	char buf[256];

	ASSERT_EQ(0, store_set(self->st, "Ring_Frequency", "25", self->err,
			       sizeof(self->err)));
	ASSERT_EQ(0, store_set(self->st, "Ring1_Cadence", "60(.5/.5,1/4)",
			       self->err, sizeof(self->err)));
	ASSERT_EQ(0, lineconf_apply(self->st, self->lines));
	EXPECT_STREQ("25", slurp(self->lines, "fxs0/ring_frequency", buf,
				 sizeof(buf)));
	EXPECT_STREQ("25", slurp(self->lines, "fxs1/ring_frequency", buf,
				 sizeof(buf)));
	EXPECT_STREQ("60(.5/.5,1/4)", slurp(self->lines, "fxs1/ring_cadence",
					    buf, sizeof(buf)));
	EXPECT_STREQ("350@-19,440@-19;10(*/0/1+2)",
		     slurp(self->lines, "fxs0/tone_dial", buf, sizeof(buf)));
}

TEST_F(lc, flash_timers_go_in_milliseconds)
{
	char buf[64];

	ASSERT_EQ(0, store_set(self->st, "Hook_Flash_Timer_Min", ".25",
			       self->err, sizeof(self->err)));
	ASSERT_EQ(0, store_set(self->st, "Hook_Flash_Timer_Max", "1.2",
			       self->err, sizeof(self->err)));
	ASSERT_EQ(0, lineconf_apply(self->st, self->lines));
	EXPECT_STREQ("250", slurp(self->lines, "fxs0/flash_min_ms", buf,
				  sizeof(buf)));
	EXPECT_STREQ("1200", slurp(self->lines, "fxs0/flash_max_ms", buf,
				   sizeof(buf)));
}

TEST_F(lc, a_refused_attribute_is_counted_and_the_rest_written)
{
	char path[512], buf[64];

	snprintf(path, sizeof(path), "%s/fxs0/tone_busy", self->lines);
	ASSERT_EQ(0, unlink(path));
	ASSERT_EQ(0, store_set(self->st, "Ring_Voltage", "75", self->err,
			       sizeof(self->err)));
	EXPECT_EQ(1, lineconf_apply(self->st, self->lines));
	EXPECT_STREQ("75", slurp(self->lines, "fxs0/ring_voltage", buf,
				 sizeof(buf)));
	EXPECT_STREQ("75", slurp(self->lines, "fxs1/ring_voltage", buf,
				 sizeof(buf)));
}

TEST_F(lc, no_lines_directory_is_not_an_error)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/absent", self->dir);
	EXPECT_EQ(0, lineconf_apply(self->st, path));
}

TEST_F(lc, other_entries_are_ignored)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/notaline", self->lines);
	ASSERT_EQ(0, mkdir(path, 0755));
	EXPECT_EQ(0, lineconf_apply(self->st, self->lines));
}

TEST(seconds_to_ms)
{
	static const struct { const char *s; unsigned long ms; } good[] = {
		{ "1", 1000 }, { ".1", 100 }, { "0.9", 900 }, { "0.020", 20 },
		{ "2.5", 2500 }, { "0", 0 }, { "1.", 1000 },
	};
	static const char *const bad[] = { "", ".", "-1", "1s", "abc", "1.2.3" };
	unsigned long ms;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		ASSERT_EQ(0, lineconf_seconds_to_ms(good[i].s, &ms))
			TH_LOG("refused '%s'", good[i].s);
		EXPECT_EQ(good[i].ms, ms) TH_LOG("'%s'", good[i].s);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int ret = lineconf_seconds_to_ms(bad[i], &ms);

		EXPECT_EQ(-EINVAL, ret);
		if (ret != -EINVAL)
			fprintf(stderr, "# accepted '%s'\n", bad[i]);
	}
}

TEST_HARNESS_MAIN
