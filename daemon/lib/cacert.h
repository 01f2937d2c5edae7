// SPDX-License-Identifier: GPL-2.0
/* cacert.h: the custom CA of Custom_CA_Rule: checked, kept next to the
 * state file, and trusted by HTTPS fetches besides --ca or the system's. */
#ifndef FXSD_CACERT_H
#define FXSD_CACERT_H

#include <stddef.h>

#define CACERT_FILE "custom_ca.pem"	/* in the state file's directory */
#define CACERT_MAX_SIZE (256u * 1024)	/* bytes of PEM */

/* number of certificates (>0) when buf is one or more PEM CA
 * certificates and nothing else PEM; -EINVAL with err like
 * "no PEM certificate in the download" or "certificate 2 is not a CA" */
int cacert_check(const unsigned char *buf, size_t len, char *err,
		 size_t errlen);

/* writes buf to path and rule to path.rule, each atomically (temp file,
 * fsync, rename); 0 or -errno with err */
int cacert_install(const char *path, const unsigned char *buf, size_t len,
		   const char *rule, char *err, size_t errlen);

/* the Custom_CA_Rule text that installed path into buf; -ENOENT when no
 * CA is installed */
int cacert_installed_rule(const char *path, char *buf, size_t len);

/* adds every certificate of the PEM file path to store (an X509_STORE *);
 * 0 or -errno */
int cacert_add_to_store(void *store, const char *path);

#endif
