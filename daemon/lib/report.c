// SPDX-License-Identifier: GPL-2.0
/*
 * report.c: sends the resync request, success and failure messages to the
 * Syslog_Server as RFC 3164 UDP syslog (local0.info, tag fxsd).
 */
#include <ctype.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>

#include "report.h"

#define REPORT_PRI (16 * 8 + 6)	/* local0.info */

int report_parse_server(const char *server, char *host, size_t hostlen,
			unsigned int *port)
{
	const char *colon, *end;
	unsigned long p;
	char *e;

	while (isspace((unsigned char)*server))
		server++;
	*port = REPORT_DEFAULT_PORT;
	if (*server == '[') {
		end = strchr(server, ']');
		if (!end)
			return -EINVAL;
		server++;
		colon = end[1] == ':' ? end + 1 : NULL;
		if (end[1] && !colon)
			return -EINVAL;
	} else {
		colon = strrchr(server, ':');
		if (colon && strchr(server, ':') != colon)
			colon = NULL;	/* bare IPv6 address */
		end = colon ? colon : server + strlen(server);
	}
	while (end > server && isspace((unsigned char)end[-1]))
		end--;
	if (end == server || (size_t)(end - server) >= hostlen)
		return -EINVAL;
	snprintf(host, hostlen, "%.*s", (int)(end - server), server);
	if (colon) {
		p = strtoul(colon + 1, &e, 10);
		while (isspace((unsigned char)*e))
			e++;
		if (e == colon + 1 || *e || !p || p > 65535)
			return -EINVAL;
		*port = p;
	}
	return 0;
}

static int blank(const char *s)
{
	while (*s && isspace((unsigned char)*s))
		s++;
	return !*s;
}

static int send_to(const char *host, unsigned int port, const char *buf,
		   size_t len, char *err, size_t errlen)
{
	struct addrinfo hints = { .ai_socktype = SOCK_DGRAM }, *res, *ai;
	char service[8];
	int fd, ret;

	snprintf(service, sizeof(service), "%u", port);
	ret = getaddrinfo(host, service, &hints, &res);
	if (ret) {
		snprintf(err, errlen, "syslog server '%s': %s", host,
			 gai_strerror(ret));
		return -EHOSTUNREACH;
	}
	ret = -EHOSTUNREACH;
	for (ai = res; ai; ai = ai->ai_next) {
		fd = socket(ai->ai_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (fd < 0)
			continue;
		if (sendto(fd, buf, len, 0, ai->ai_addr, ai->ai_addrlen) ==
		    (ssize_t)len)
			ret = 0;
		else
			snprintf(err, errlen, "sendto(%s:%u): %s", host, port,
				 strerror(errno));
		close(fd);
		if (!ret)
			break;
	}
	freeaddrinfo(res);
	return ret;
}

int report_send(const char *server, const char *msg, char *err,
		size_t errlen)
{
	char host[256], hostname[64], stamp[32], *buf;
	unsigned int port;
	struct tm tm;
	time_t now;
	int n, ret;

	if (!server || !msg || blank(server) || blank(msg))
		return 0;
	if (report_parse_server(server, host, sizeof(host), &port)) {
		snprintf(err, errlen, "Syslog_Server: '%s' is not host[:port]",
			 server);
		return -EINVAL;
	}
	if (gethostname(hostname, sizeof(hostname)) || !hostname[0])
		strcpy(hostname, "fxsd");
	hostname[sizeof(hostname) - 1] = '\0';
	now = time(NULL);
	localtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%b %e %H:%M:%S", &tm);
	n = asprintf(&buf, "<%d>%s %s fxsd: %s", REPORT_PRI, stamp, hostname,
		     msg);
	if (n < 0)
		return -ENOMEM;
	ret = send_to(host, port, buf, n, err, errlen);
	free(buf);
	return ret;
}
