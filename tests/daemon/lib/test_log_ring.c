// SPDX-License-Identifier: GPL-2.0
/* test_log_ring.c: the bounded in-memory ring of recent log lines. */
#include <stdio.h>
#include <string.h>
#include <syslog.h>

#include "log_ring.h"
#include "kselftest_harness.h"

TEST(lines_come_back_oldest_first)
{
	int pri;
	time_t t;

	log_ring_clear();
	EXPECT_EQ(0, log_ring_count());
	EXPECT_EQ(NULL, log_ring_at(0, NULL, NULL));
	log_ring_add(LOG_INFO, 100, "first");
	log_ring_add(LOG_ERR, 200, "second");
	ASSERT_EQ(2, log_ring_count());
	EXPECT_STREQ("first", log_ring_at(0, &pri, &t));
	EXPECT_EQ(LOG_INFO, pri);
	EXPECT_EQ(100, t);
	EXPECT_STREQ("second", log_ring_at(1, &pri, &t));
	EXPECT_EQ(LOG_ERR, pri);
	EXPECT_EQ(NULL, log_ring_at(2, NULL, NULL));
}

TEST(a_full_ring_drops_the_oldest)
{
	char buf[32];
	unsigned int i;

	log_ring_clear();
	for (i = 0; i < LOG_RING_LINES + 10; i++) {
		snprintf(buf, sizeof(buf), "line %u", i);
		log_ring_add(LOG_INFO, i, buf);
	}
	EXPECT_EQ(LOG_RING_LINES, log_ring_count());
	EXPECT_EQ(LOG_RING_LINES + 10, log_ring_total());
	EXPECT_STREQ("line 10", log_ring_at(0, NULL, NULL));
	snprintf(buf, sizeof(buf), "line %u", LOG_RING_LINES + 9);
	EXPECT_STREQ(buf, log_ring_at(LOG_RING_LINES - 1, NULL, NULL));
}

/* long lines: the bytes of text bound the ring before its line count */
TEST(the_text_held_is_bounded_in_bytes)
{
	enum { LEN = 399, ADDED = 200, HELD = LOG_RING_BYTES / (LEN + 1) };
	char line[LEN + 1], want[16];
	size_t i, bytes = 0;

	log_ring_clear();
	for (i = 0; i < ADDED; i++) {
		int n = snprintf(want, sizeof(want), "%zu:", i);

		memset(line, 'x', LEN);
		line[LEN] = '\0';
		memcpy(line, want, (size_t)n);
		log_ring_add(LOG_INFO, (time_t)i, line);
	}
	ASSERT_EQ(HELD, log_ring_count());
	EXPECT_EQ(ADDED, log_ring_total());
	for (i = 0; i < log_ring_count(); i++)
		bytes += strlen(log_ring_at(i, NULL, NULL)) + 1;
	EXPECT_LE(bytes, LOG_RING_BYTES);
	snprintf(want, sizeof(want), "%u:", ADDED - HELD);
	EXPECT_EQ(0, strncmp(log_ring_at(0, NULL, NULL), want, strlen(want)));
	snprintf(want, sizeof(want), "%u:", ADDED - 1);
	EXPECT_EQ(0, strncmp(log_ring_at(HELD - 1, NULL, NULL), want, strlen(want)));
	/* a short line is the newest, and costs at most the oldest */
	log_ring_add(LOG_INFO, 0, "short");
	EXPECT_GE(log_ring_count(), HELD);
	EXPECT_STREQ("short", log_ring_at(log_ring_count() - 1, NULL, NULL));
	log_ring_clear();
	EXPECT_EQ(0, log_ring_count());
}

/*
 * Lines of every length, against a plain model of what must be held: the
 * newest lines, every one intact and in order, their text within
 * LOG_RING_BYTES, and never less than what the buffer less one longest
 * line and one lap's unused end can hold.
 */
TEST(lines_of_any_length_come_back_intact)
{
	enum { ADDS = 20000 };
	static char made[ADDS][LOG_RING_TEXT];
	unsigned int seed = 12345;
	size_t i, j, held, bytes;

	log_ring_clear();
	for (i = 0; i < ADDS; i++) {
		size_t len;

		seed = seed * 1103515245u + 12345u;
		len = (seed >> 8) % (LOG_RING_TEXT - 1);
		snprintf(made[i], sizeof(made[i]), "%zu:", i);
		for (j = strlen(made[i]); j < len; j++)
			made[i][j] = (char)('a' + (i + j) % 26);
		if (len > strlen(made[i]))
			made[i][len] = '\0';
		log_ring_add(LOG_INFO, (time_t)i, made[i]);
		held = log_ring_count();
		ASSERT_GE(held, 1);
		ASSERT_LE(held, LOG_RING_LINES);
		bytes = 0;
		for (j = 0; j < held; j++) {
			const char *got = log_ring_at(j, NULL, NULL);

			ASSERT_STREQ(made[i + 1 - held + j], got);
			bytes += strlen(got) + 1;
		}
		ASSERT_LE(bytes, LOG_RING_BYTES);
		/* once one was dropped, it did not fit beside the rest */
		if (held < LOG_RING_LINES && i + 1 > held)
			ASSERT_GE(bytes + strlen(made[i - held]) + 1,
				  LOG_RING_BYTES - 2 * LOG_RING_TEXT);
	}
	log_ring_clear();
}

TEST(long_lines_are_cut_and_newlines_flattened)
{
	char big[LOG_RING_TEXT * 2];
	const char *got;

	log_ring_clear();
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	log_ring_add(LOG_INFO, 0, big);
	got = log_ring_at(0, NULL, NULL);
	EXPECT_EQ(LOG_RING_TEXT - 1, strlen(got));
	log_ring_add(LOG_INFO, 0, "one\ntwo\rthree");
	EXPECT_STREQ("one two three", log_ring_at(1, NULL, NULL));
}

TEST_HARNESS_MAIN
