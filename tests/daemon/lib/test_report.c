// SPDX-License-Identifier: GPL-2.0
/* test_report.c: syslog server parsing and the UDP message format. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>

#include "kselftest_harness.h"
#include "report.h"

TEST(parse_server)
{
	unsigned int port;
	char host[64];

	ASSERT_EQ(0, report_parse_server("10.0.0.1", host, sizeof(host), &port));
	EXPECT_STREQ("10.0.0.1", host);
	EXPECT_EQ(514u, port);
	ASSERT_EQ(0, report_parse_server("log.example:5514", host, sizeof(host),
					 &port));
	EXPECT_STREQ("log.example", host);
	EXPECT_EQ(5514u, port);
	ASSERT_EQ(0, report_parse_server("[::1]:600", host, sizeof(host), &port));
	EXPECT_STREQ("::1", host);
	EXPECT_EQ(600u, port);
	ASSERT_EQ(0, report_parse_server("fe80::1", host, sizeof(host), &port));
	EXPECT_STREQ("fe80::1", host);
	EXPECT_EQ(514u, port);
}

TEST(parse_server_bad)
{
	static const char *const bad[] = {
		"", ":514", "host:", "host:0", "host:65536", "host:12x",
		"[::1", "[::1]x",
	};
	unsigned int port;
	char host[64];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		EXPECT_EQ(-EINVAL, report_parse_server(bad[i], host, sizeof(host),
						       &port)) TH_LOG("case %zu", i);
}

/* a UDP receiver on 127.0.0.1; its "127.0.0.1:PORT" into server */
static int receiver(char *server, size_t len, int timeout_ms)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	struct timeval tv = { .tv_usec = timeout_ms * 1000 };
	socklen_t salen = sizeof(sa);
	int fd;

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    getsockname(fd, (struct sockaddr *)&sa, &salen)) {
		close(fd);
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	snprintf(server, len, "127.0.0.1:%u", ntohs(sa.sin_port));
	return fd;
}

TEST(send_rfc3164_local0)
{
	char server[64], err[256], buf[512];
	ssize_t n;
	int fd;

	fd = receiver(server, sizeof(server), 5000);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, report_send(server, "SPA112 aa:bb -- hello", err,
				 sizeof(err))) TH_LOG("%s", err);
	n = recv(fd, buf, sizeof(buf) - 1, 0);
	ASSERT_LT(0, n);
	buf[n] = '\0';
	EXPECT_EQ(0, strncmp(buf, "<134>", 5)) TH_LOG("%s", buf);
	EXPECT_NE(NULL, strstr(buf, " fxsd: SPA112 aa:bb -- hello"))
		TH_LOG("%s", buf);
	close(fd);
}

TEST(blank_message_sends_nothing)
{
	char server[64], err[256] = "", buf[512];
	int fd;

	fd = receiver(server, sizeof(server), 300);
	ASSERT_LE(0, fd);
	EXPECT_EQ(0, report_send(server, "  ", err, sizeof(err)));
	EXPECT_EQ(0, report_send(server, "", err, sizeof(err)));
	/* a real message afterwards proves the receiver works */
	ASSERT_EQ(0, report_send(server, "after", err, sizeof(err)));
	ASSERT_LT(0, recv(fd, buf, sizeof(buf) - 1, 0));
	EXPECT_NE(NULL, memmem(buf, sizeof(buf) - 1, "after", 5));
	/* nothing else was queued: the blank ones never left */
	EXPECT_GT(0, recv(fd, buf, sizeof(buf) - 1, MSG_DONTWAIT));
	EXPECT_EQ(EAGAIN, errno);
	close(fd);
}

TEST(blank_server_sends_nothing_bad_server_fails)
{
	char err[256] = "";

	EXPECT_EQ(0, report_send("", "msg", err, sizeof(err)));
	EXPECT_EQ(0, report_send("   ", "msg", err, sizeof(err)));
	EXPECT_EQ(-EINVAL, report_send("host:99999", "msg", err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "Syslog_Server"));
}

TEST_HARNESS_MAIN
