// SPDX-License-Identifier: GPL-2.0
/*
 * cacert.c: the custom CA certificate of Custom_CA_Rule: checks that a
 * download is PEM CA certificates (OpenSSL), installs it atomically with
 * the rule that fetched it, and adds it to an HTTPS trust store.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "internal.h"
#include "cacert.h"

/* one PEM block as a CA certificate; 0 or -EINVAL with err */
static int check_block(const char *name, const unsigned char *der, long len,
		       int n, char *err, size_t errlen)
{
	const unsigned char *p = der;
	X509 *x;
	int ret = 0;

	if (strcmp(name, PEM_STRING_X509) &&
	    strcmp(name, PEM_STRING_X509_OLD)) {
		snprintf(err, errlen,
			 "PEM block %d is a '%s', not a CERTIFICATE", n, name);
		return -EINVAL;
	}
	x = d2i_X509(NULL, &p, len);
	if (!x) {
		snprintf(err, errlen, "certificate %d does not parse", n);
		return -EINVAL;
	}
	if (X509_check_ca(x) < 1) {
		snprintf(err, errlen, "certificate %d is not a CA certificate",
			 n);
		ret = -EINVAL;
	}
	X509_free(x);
	return ret;
}

int cacert_check(const unsigned char *buf, size_t len, char *err,
		 size_t errlen)
{
	char *name = NULL, *header = NULL;
	unsigned char *der = NULL;
	long derlen;
	int n = 0, ret = 0;
	BIO *b;

	if (len > CACERT_MAX_SIZE) {
		snprintf(err, errlen, "CA file over %u bytes", CACERT_MAX_SIZE);
		return -EINVAL;
	}
	b = BIO_new_mem_buf(buf, (int)len);
	if (!b) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	while (!ret && PEM_read_bio(b, &name, &header, &der, &derlen)) {
		n++;
		ret = check_block(name, der, derlen, n, err, errlen);
		OPENSSL_free(name);
		OPENSSL_free(header);
		OPENSSL_free(der);
	}
	ERR_clear_error();
	BIO_free(b);
	if (ret)
		return ret;
	if (!n) {
		snprintf(err, errlen, "no PEM certificate in the CA file");
		return -EINVAL;
	}
	return n;
}

struct cacert_blob {
	const void *data;
	size_t len;
};

static int fill_blob(FILE *f, void *arg)
{
	const struct cacert_blob *b = arg;

	if (fwrite(b->data, 1, b->len, f) != b->len)
		return -EIO;
	return 0;
}

/* path gets data atomically: path.tmp written, synced, renamed */
static int replace_with(const char *path, const void *data, size_t len,
			char *err, size_t errlen)
{
	struct cacert_blob b = { .data = data, .len = len };

	return file_replace(path, 0644, fill_blob, &b, err, errlen);
}

int cacert_install(const char *path, const unsigned char *buf, size_t len,
		   const char *rule, char *err, size_t errlen)
{
	char rpath[4200];
	int ret;

	if (snprintf(rpath, sizeof(rpath), "%s.rule", path) >=
	    (int)sizeof(rpath)) {
		snprintf(err, errlen, "path too long: %s", path);
		return -ENAMETOOLONG;
	}
	/* the rule last: a crash in between leaves a mismatch, which
	 * downloads the CA again */
	unlink(rpath);
	ret = replace_with(path, buf, len, err, errlen);
	if (!ret)
		ret = replace_with(rpath, rule, strlen(rule), err, errlen);
	return ret;
}

int cacert_installed_rule(const char *path, char *buf, size_t len)
{
	char rpath[4200];
	size_t n;
	FILE *f;

	snprintf(rpath, sizeof(rpath), "%s.rule", path);
	if (access(path, R_OK))
		return -ENOENT;
	f = fopen(rpath, "re");
	if (!f)
		return -ENOENT;
	n = fread(buf, 1, len - 1, f);
	buf[n] = '\0';
	fclose(f);
	return 0;
}

int cacert_add_to_store(void *store, const char *path)
{
	X509 *x;
	FILE *f;
	int n = 0, ret = 0;

	f = fopen(path, "re");
	if (!f)
		return -errno;
	for (;;) {
		x = PEM_read_X509(f, NULL, NULL, NULL);
		if (!x)
			break;
		/* an already present certificate is not an error */
		X509_STORE_add_cert(store, x);
		X509_free(x);
		n++;
	}
	ERR_clear_error();
	fclose(f);
	if (!n)
		ret = -EINVAL;
	return ret;
}
