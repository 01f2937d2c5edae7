// SPDX-License-Identifier: GPL-2.0
/*
 * cacert.c: the custom CA certificate of Custom_CA_Rule: checks that a
 * download is PEM CA certificates (OpenSSL), installs it atomically with
 * the rule that fetched it, and adds it to an HTTPS trust store.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

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

static int sync_dir(const char *path)
{
	char *copy = strdup(path);
	int fd, ret = 0;

	if (!copy)
		return -ENOMEM;
	fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(copy);
	if (fd < 0)
		return -errno;
	if (fsync(fd))
		ret = -errno;
	close(fd);
	return ret;
}

/* path gets data atomically: path.tmp written, synced, renamed */
static int write_atomic(const char *path, const void *data, size_t len,
			char *err, size_t errlen)
{
	char tmp[4200];
	ssize_t w;
	int fd, ret = 0;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp)) {
		snprintf(err, errlen, "path too long: %s", path);
		return -ENAMETOOLONG;
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		ret = -errno;
		snprintf(err, errlen, "open %s: %s", tmp, strerror(errno));
		return ret;
	}
	w = write(fd, data, len);
	if (w < 0 || (size_t)w != len)
		ret = w < 0 ? -errno : -EIO;
	if (!ret && fsync(fd))
		ret = -errno;
	if (close(fd) && !ret)
		ret = -errno;
	if (!ret && rename(tmp, path))
		ret = -errno;
	if (!ret)
		ret = sync_dir(path);
	if (ret) {
		snprintf(err, errlen, "write %s: %s", path, strerror(-ret));
		unlink(tmp);
	}
	return ret;
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
	ret = write_atomic(path, buf, len, err, errlen);
	if (!ret)
		ret = write_atomic(rpath, rule, strlen(rule), err, errlen);
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
