// SPDX-License-Identifier: GPL-2.0
/* fetch.h: downloads a profile over tftp, http or https (libcurl). */
#ifndef FXSD_FETCH_H
#define FXSD_FETCH_H

#include <stdbool.h>
#include <stddef.h>

#define FETCH_MAX_SIZE (1u << 20)	/* bytes, before decoding */
#define FETCH_CONNECT_TIMEOUT 10	/* seconds */
#define FETCH_TIMEOUT 30		/* seconds, whole transfer */

/**
 * struct fetch_req - one download
 * @url:        full URL with scheme (tftp://, http://, https://)
 * @user_agent: User-Agent header (http/https)
 * @uid:        user for HTTP basic/digest auth, or NULL
 * @pwd:        password, or NULL
 * @post:       POST body, or NULL for GET
 * @ca_file:    PEM CA bundle to verify servers against; NULL: the system's
 * @extra_ca_file: PEM CA certificates trusted besides @ca_file (the
 *              installed Custom_CA_Rule CA), or NULL
 * @cert_file:  PEM client certificate, or NULL
 * @key_file:   PEM key of @cert_file (NULL: in @cert_file)
 * @no_verify_name: skip the host name check (HTTPS_Name_Validate=No)
 * @max_size:   size limit (0: FETCH_MAX_SIZE)
 * @timeout:    whole-transfer limit in seconds (0: FETCH_TIMEOUT)
 */
struct fetch_req {
	const char *url;
	const char *user_agent;
	const char *uid;
	const char *pwd;
	const char *post;
	const char *ca_file;
	const char *extra_ca_file;
	const char *cert_file;
	const char *key_file;
	bool no_verify_name;
	size_t max_size;
	long timeout;
};

/* Downloads into *data (malloc'd, NUL-terminated, *len bytes).
 * 0; -ENOENT when the file is not found (HTTP 404, TFTP file not found);
 * other -errno with err like "HTTP 500", "connect failed: ...",
 * "TLS: certificate verify failed: ...", "profile over 1048576 bytes". */
int fetch_run(const struct fetch_req *rq, unsigned char **data, size_t *len,
	      char *err, size_t errlen);
/* true when url's scheme is https (case-insensitive) */
bool fetch_is_https(const char *url);
/* curl_global_init; call once at start */
int fetch_init(void);

#endif
