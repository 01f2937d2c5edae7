// SPDX-License-Identifier: GPL-2.0
/* test_fetch.c: fetch errors that need no server: refused connections,
 * schemes libcurl must not be allowed to use, and a local HTTP answer. */
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "kselftest_harness.h"
#include "fetch.h"

/* a one-shot HTTP server on 127.0.0.1 answering a canned response */
struct canned {
	int fd;
	unsigned int port;
	const char *answer;
	char request[2048];
};

/* child: answers one request; the request goes to a pipe for the parent */
static void canned_serve(struct canned *c, int pipefd)
{
	size_t n = 0;
	ssize_t r;
	int cfd;

	cfd = accept(c->fd, NULL, NULL);
	if (cfd < 0)
		_exit(1);
	while (n < sizeof(c->request) - 1) {
		r = read(cfd, c->request + n, sizeof(c->request) - 1 - n);
		if (r <= 0)
			break;
		n += r;
		c->request[n] = '\0';
		if (strstr(c->request, "\r\n\r\n"))
			break;
	}
	if (write(cfd, c->answer, strlen(c->answer)) < 0 ||
	    write(pipefd, c->request, n) < 0)
		_exit(1);
	close(cfd);
	_exit(0);
}

static int canned_start(struct canned *c, pid_t *pid, int *rfd)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof(sa);

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	c->fd = socket(AF_INET, SOCK_STREAM, 0);
	if (c->fd < 0 || bind(c->fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    listen(c->fd, 1) ||
	    getsockname(c->fd, (struct sockaddr *)&sa, &len))
		return -1;
	int p[2];

	c->port = ntohs(sa.sin_port);
	if (pipe(p))
		return -1;
	*pid = fork();
	if (*pid < 0)
		return -1;
	if (!*pid) {
		close(p[0]);
		canned_serve(c, p[1]);
	}
	close(p[1]);
	*rfd = p[0];
	return 0;
}

static unsigned int closed_port(void)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	bind(fd, (struct sockaddr *)&sa, sizeof(sa));
	getsockname(fd, (struct sockaddr *)&sa, &len);
	close(fd);	/* bound then closed: nobody listens there */
	return ntohs(sa.sin_port);
}

static int get(const char *url, const char *ua, unsigned char **data,
	       size_t *len, char *err, size_t errlen)
{
	struct fetch_req rq = { .url = url, .user_agent = ua, .timeout = 10 };

	return fetch_run(&rq, data, len, err, errlen);
}

TEST(connect_refused)
{
	unsigned char *data = NULL;
	char url[128], err[512];
	size_t len;

	ASSERT_EQ(0, fetch_init());
	snprintf(url, sizeof(url), "http://127.0.0.1:%u/p.xml", closed_port());
	EXPECT_EQ(-ECONNREFUSED, get(url, NULL, &data, &len, err, sizeof(err)));
	EXPECT_EQ(0, strncmp(err, "connect failed", 14)) TH_LOG("%s", err);
}

TEST(other_schemes_refused)
{
	unsigned char *data = NULL;
	char err[512];
	size_t len;

	EXPECT_GT(0, get("file:///etc/passwd", NULL, &data, &len, err,
			 sizeof(err)));
	EXPECT_EQ(NULL, data);
	EXPECT_GT(0, get("ftp://127.0.0.1/x", NULL, &data, &len, err,
			 sizeof(err)));
}

static int canned_get(struct canned *c, const char *answer, const char *ua,
		      unsigned char **data, size_t *len, char *err,
		      size_t errlen)
{
	char url[128];
	ssize_t n;
	pid_t pid;
	int ret, rfd;

	c->answer = answer;
	if (canned_start(c, &pid, &rfd))
		return -999;
	snprintf(url, sizeof(url), "http://127.0.0.1:%u/ata.cfg", c->port);
	ret = get(url, ua, data, len, err, errlen);
	n = read(rfd, c->request, sizeof(c->request) - 1);
	c->request[n > 0 ? n : 0] = '\0';
	close(rfd);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	close(c->fd);
	return ret;
}

TEST(ok_body_and_user_agent)
{
	struct canned c = { 0 };
	unsigned char *data = NULL;
	char err[512];
	size_t len = 0;

	ASSERT_EQ(0, canned_get(&c, "HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nhello",
				"Cisco/SPA112-1.4.1 (aabb)(SN1)", &data, &len,
				err, sizeof(err))) TH_LOG("%s", err);
	ASSERT_EQ(5u, len);
	EXPECT_EQ(0, memcmp(data, "hello", 5));
	EXPECT_NE(NULL, strstr(c.request,
			       "User-Agent: Cisco/SPA112-1.4.1 (aabb)(SN1)\r\n"));
	free(data);
}

TEST(http_404_is_fnf_500_is_error)
{
	struct canned c = { 0 };
	unsigned char *data = NULL;
	char err[512];
	size_t len;

	EXPECT_EQ(-ENOENT, canned_get(&c, "HTTP/1.0 404 Not Found\r\n\r\n", NULL,
				      &data, &len, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "404"));
	EXPECT_EQ(-EIO, canned_get(&c, "HTTP/1.0 500 Oops\r\n\r\n", NULL,
				   &data, &len, err, sizeof(err)));
	EXPECT_STREQ("HTTP 500", err);
}

TEST(http_401_says_authorization_failed)
{
	struct canned c = { 0 };
	unsigned char *data = NULL;
	char err[512];
	size_t len;

	EXPECT_EQ(-EIO, canned_get(&c, "HTTP/1.0 401 Unauthorized\r\n"
				   "WWW-Authenticate: Basic realm=\"x\"\r\n\r\n",
				   NULL, &data, &len, err, sizeof(err)));
	EXPECT_STREQ("HTTP 401 (authorization failed)", err);
	EXPECT_EQ(NULL, data);
}

TEST(post_sends_body)
{
	struct canned c = { 0 };
	struct fetch_req rq = { .post = "mac=aabb&sn=SN1", .timeout = 10 };
	unsigned char *data = NULL;
	char url[128], err[512];
	size_t len = 0;
	ssize_t n;
	pid_t pid;
	int rfd;

	c.answer = "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok";
	ASSERT_EQ(0, canned_start(&c, &pid, &rfd));
	snprintf(url, sizeof(url), "http://127.0.0.1:%u/p", c.port);
	rq.url = url;
	EXPECT_EQ(0, fetch_run(&rq, &data, &len, err, sizeof(err)))
		TH_LOG("%s", err);
	n = read(rfd, c.request, sizeof(c.request) - 1);
	c.request[n > 0 ? n : 0] = '\0';
	close(rfd);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	close(c.fd);
	EXPECT_EQ(0, strncmp(c.request, "POST /p HTTP/1.1\r\n", 18))
		TH_LOG("%s", c.request);
	EXPECT_NE(NULL, strstr(c.request, "Content-Length: 15\r\n"));
	free(data);
}

TEST(truncated_body)
{
	struct canned c = { 0 };
	unsigned char *data = NULL;
	char err[512];
	size_t len;

	EXPECT_EQ(-EIO, canned_get(&c, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n"
				   "Connection: close\r\n\r\nshort", NULL, &data,
				   &len, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "truncated")) TH_LOG("%s", err);
	EXPECT_EQ(NULL, data);
}

TEST(size_limit)
{
	struct canned c = { 0 };
	unsigned char *data = NULL;
	char err[512], *answer;
	size_t len, body = FETCH_MAX_SIZE + 10;
	int hl;

	answer = malloc(body + 128);
	ASSERT_NE(NULL, answer);
	hl = sprintf(answer, "HTTP/1.0 200 OK\r\n\r\n");
	memset(answer + hl, 'x', body);
	answer[hl + body] = '\0';
	EXPECT_EQ(-EFBIG, canned_get(&c, answer, NULL, &data, &len, err,
				     sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "size limit")) TH_LOG("%s", err);
	free(answer);
}

TEST_HARNESS_MAIN
