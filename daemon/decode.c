// SPDX-License-Identifier: GPL-2.0
/*
 * decode.c - fetched bytes to profile text: AES-256-CBC in the
 * `openssl enc` format ("Salted__" + 8-byte salt, key and IV from
 * EVP_BytesToKey with MD5 as SPA firmware and OpenSSL < 1.1 do, or SHA-256
 * as OpenSSL >= 1.1 does; both are tried and the one with valid padding and
 * plausible plaintext wins), then gzip inflate with an output cap.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <zlib.h>

#include "decode.h"

#define SALT_MAGIC "Salted__"
#define SALT_HDR 16

static int is_gzip(const unsigned char *p, size_t len)
{
	return len >= 2 && p[0] == 0x1f && p[1] == 0x8b;
}

/* decrypted data looks like a profile: gzip, or XML after a BOM/blanks */
static int plausible(const unsigned char *p, size_t len)
{
	size_t i = 0;

	if (is_gzip(p, len))
		return 1;
	if (len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
		i = 3;
	while (i < len && isspace(p[i]))
		i++;
	return i < len && p[i] == '<';
}

/* one attempt with one digest; 0 if padding is valid and data plausible */
static int try_decrypt(const EVP_MD *md, const unsigned char *in, size_t len,
		       const char *key, unsigned char *out, size_t *out_len)
{
	unsigned char k[EVP_MAX_KEY_LENGTH], iv[EVP_MAX_IV_LENGTH];
	const EVP_CIPHER *cipher = EVP_aes_256_cbc();
	EVP_CIPHER_CTX *ctx;
	int n1 = 0, n2 = 0, ok;

	if (!EVP_BytesToKey(cipher, md, in + 8, (const unsigned char *)key,
			    (int)strlen(key), 1, k, iv))
		return -EINVAL;
	ctx = EVP_CIPHER_CTX_new();
	if (!ctx)
		return -ENOMEM;
	ok = EVP_DecryptInit_ex(ctx, cipher, NULL, k, iv) &&
	     EVP_DecryptUpdate(ctx, out, &n1, in + SALT_HDR,
			       (int)(len - SALT_HDR)) &&
	     EVP_DecryptFinal_ex(ctx, out + n1, &n2);
	EVP_CIPHER_CTX_free(ctx);
	OPENSSL_cleanse(k, sizeof(k));
	if (!ok || !plausible(out, (size_t)(n1 + n2)))
		return -EKEYREJECTED;
	*out_len = (size_t)(n1 + n2);
	return 0;
}

int decode_decrypt(const unsigned char *in, size_t len, const char *key,
		   unsigned char **out, size_t *out_len, char *err,
		   size_t errlen)
{
	const EVP_MD *mds[2] = { EVP_md5(), EVP_sha256() };
	unsigned char *buf;
	size_t i;
	int ret = -EKEYREJECTED;

	if (len < SALT_HDR || memcmp(in, SALT_MAGIC, 8)) {
		snprintf(err, errlen,
			 "decrypt failed: not in openssl enc format (no Salted__ header)");
		return -EINVAL;
	}
	if ((len - SALT_HDR) % 16 || len == SALT_HDR) {
		snprintf(err, errlen,
			 "decrypt failed: ciphertext of %zu bytes is truncated",
			 len - SALT_HDR);
		return -EINVAL;
	}
	buf = malloc(len + 16);
	if (!buf) {
		snprintf(err, errlen, "decrypt failed: out of memory");
		return -ENOMEM;
	}
	for (i = 0; i < 2 && ret == -EKEYREJECTED; i++)
		ret = try_decrypt(mds[i], in, len, key, buf, out_len);
	if (ret) {
		free(buf);
		snprintf(err, errlen, ret == -EKEYREJECTED ?
			 "decrypt failed: wrong key (tried MD5 and SHA-256 key derivation)" :
			 "decrypt failed: OpenSSL error");
		return ret;
	}
	buf[*out_len] = '\0';
	*out = buf;
	return 0;
}

static int inflate_all(z_stream *zs, size_t cap, unsigned char *buf,
		       char *err, size_t errlen)
{
	int zr;

	do {
		zs->next_out = buf + zs->total_out;
		zs->avail_out = (uInt)(cap + 1 - zs->total_out);
		zr = inflate(zs, Z_NO_FLUSH);
		if (zs->total_out > cap) {
			snprintf(err, errlen, "gzip: output over %zu bytes", cap);
			return -E2BIG;
		}
		if (zr == Z_STREAM_END)
			return 0;
	} while (zr == Z_OK);
	if (zr == Z_BUF_ERROR && !zs->avail_in) {
		snprintf(err, errlen, "gzip: data truncated");
		return -EINVAL;
	}
	if (zr == Z_MEM_ERROR) {
		snprintf(err, errlen, "gzip: out of memory");
		return -ENOMEM;
	}
	snprintf(err, errlen, "gzip: data corrupt%s%s", zs->msg ? ": " : "",
		 zs->msg ? zs->msg : "");
	return -EINVAL;
}

int decode_gunzip(const unsigned char *in, size_t len, size_t cap,
		  unsigned char **out, size_t *out_len, char *err,
		  size_t errlen)
{
	z_stream zs = { 0 };
	unsigned char *buf;
	int ret;

	/* one spare byte detects overflow, one more for the NUL */
	buf = malloc(cap + 2);
	if (!buf) {
		snprintf(err, errlen, "gzip: out of memory");
		return -ENOMEM;
	}
	if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) {
		free(buf);
		snprintf(err, errlen, "gzip: zlib init failed");
		return -ENOMEM;
	}
	zs.next_in = (unsigned char *)in;
	zs.avail_in = (uInt)len;
	ret = inflate_all(&zs, cap, buf, err, errlen);
	*out_len = zs.total_out;
	inflateEnd(&zs);
	if (ret) {
		free(buf);
		return ret;
	}
	buf[*out_len] = '\0';
	*out = buf;
	return 0;
}

static int copy_plain(const unsigned char *in, size_t len,
		      unsigned char **out, size_t *out_len, char *err,
		      size_t errlen)
{
	unsigned char *buf = malloc(len + 1);

	if (!buf) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	memcpy(buf, in, len);
	buf[len] = '\0';
	*out = buf;
	*out_len = len;
	return 0;
}

int decode_profile(const unsigned char *in, size_t len, const char *key,
		   unsigned char **out, size_t *out_len, char *err,
		   size_t errlen)
{
	unsigned char *plain = NULL;
	size_t plain_len;
	int ret;

	*out = NULL;
	*out_len = 0;
	if (len > DECODE_MAX_INPUT) {
		snprintf(err, errlen, "input of %zu bytes is over the %u byte limit",
			 len, DECODE_MAX_INPUT);
		return -E2BIG;
	}
	if (key && *key) {
		ret = decode_decrypt(in, len, key, &plain, &plain_len, err,
				     errlen);
		if (ret)
			return ret;
		in = plain;
		len = plain_len;
	} else if (len >= 8 && !memcmp(in, SALT_MAGIC, 8)) {
		snprintf(err, errlen,
			 "profile is encrypted (Salted__) but no --key was given");
		return -ENOKEY;
	}
	if (is_gzip(in, len))
		ret = decode_gunzip(in, len, DECODE_MAX_OUTPUT, out, out_len,
				    err, errlen);
	else if (plain)
		ret = 0;
	else
		ret = copy_plain(in, len, out, out_len, err, errlen);
	if (!ret && !*out) {
		*out = plain;
		*out_len = plain_len;
		plain = NULL;
	}
	free(plain);
	return ret;
}
