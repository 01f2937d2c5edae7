// SPDX-License-Identifier: GPL-2.0
/* report.h: resync reports as UDP syslog messages. */
#ifndef FXSD_REPORT_H
#define FXSD_REPORT_H

#include <stddef.h>

#define REPORT_DEFAULT_PORT 514

/* Sends msg to server ("host", "host:port", "[v6]:port") as an RFC 3164
 * message, facility local0, severity info, tag "fxsd". A blank server or
 * msg sends nothing. 0 or -errno with err. */
int report_send(const char *server, const char *msg, char *err,
		size_t errlen);
/* splits "host[:port]"; 0 or -EINVAL */
int report_parse_server(const char *server, char *host, size_t hostlen,
			unsigned int *port);

#endif
