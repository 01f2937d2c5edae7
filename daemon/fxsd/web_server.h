// SPDX-License-Identifier: GPL-2.0
/*
 * web_server.h: fxsd's embedded web admin (libmicrohttpd, driven from the
 * event loop: MHD's epoll fd and its timeout are registered with loop.c,
 * no thread of MHD's own). Pages, direct-action URLs and /CGI/Execute are
 * in web_*.c; README.md lists them.
 */
#ifndef FXSD_WEB_SERVER_H
#define FXSD_WEB_SERVER_H

#include <time.h>

struct identity;
struct lines;
struct loop;
struct provision;
struct resync;
struct sched;

/**
 * struct web_target - what the web admin shows and acts on
 * @pv:          the provisioning context (the one apply point)
 * @sched:       the schedule (resync now, next times)
 * @rs:          the resync record (last result, $ERR)
 * @id:          the device identity
 * @lines:       the lines followed (hook state), or NULL
 * @reboot_hook: run as "PROG reboot" by /admin/reboot, or NULL
 * @custom_ca_file: where Custom_CA_Rule installs its CA, or NULL
 * @started:     CLOCK_MONOTONIC seconds at start (uptime)
 */
struct web_target {
	struct provision *pv;
	struct sched *sched;
	struct resync *rs;
	const struct identity *id;
	const struct lines *lines;
	const char *reboot_hook;
	const char *custom_ca_file;
	time_t started;
};

struct web;

/*
 * Parses --http's "[ADDR:][PORT]" into the listen address (IPv4, "" for
 * any) and port (0: Web_Server_Port's value). 0 or -EINVAL.
 */
int web_parse_listen(const char *s, char *addr, size_t addrlen,
		     unsigned int *port);
/*
 * The web admin on addr ("" any IPv4 address) and port (0: the port is
 * Web_Server_Port's and follows its changes); it listens while
 * Enable_Web_Server is Yes. A port that cannot be bound is logged, and
 * tried again at the next change. 0 or -errno.
 */
int web_open(struct loop *l, const char *addr, unsigned int port,
	     struct web_target *t, struct web **out);
/* after a parameter change: starts, stops or moves the listener */
void web_reconcile(struct web *w);
/* the port listened on, 0 when not listening */
unsigned int web_port(const struct web *w);
void web_close(struct web *w);

#endif /* FXSD_WEB_SERVER_H */
