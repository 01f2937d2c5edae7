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

/*
 * The algorithms, fetched once from OpenSSL's default provider: the first
 * fetch builds OpenSSL's method store, about a millisecond, which
 * decode_init() lets a caller pay while it waits for something else. The
 * legacy EVP_aes_256_cbc() would fetch again at every EVP_DecryptInit_ex.
 */
static struct {
	EVP_CIPHER *aes;
	EVP_MD *md5, *sha256;
} decode_algo;

int decode_init(void)
{
	if (!decode_algo.aes)
		decode_algo.aes = EVP_CIPHER_fetch(NULL, "AES-256-CBC", NULL);
	if (!decode_algo.md5)
		decode_algo.md5 = EVP_MD_fetch(NULL, "MD5", NULL);
	if (!decode_algo.sha256)
		decode_algo.sha256 = EVP_MD_fetch(NULL, "SHA256", NULL);
	return decode_algo.aes && decode_algo.md5 && decode_algo.sha256 ?
	       0 : -ENOSYS;
}

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

/* the key and IV one digest derives from the password and the salt */
struct derived_key {
	unsigned char k[EVP_MAX_KEY_LENGTH];
	unsigned char iv[EVP_MAX_IV_LENGTH];
	int ok;
};

static void derive_key(const EVP_MD *md, const unsigned char *in,
		       const char *key, struct derived_key *dk)
{
	dk->ok = EVP_BytesToKey(decode_algo.aes, md, in + 8,
				(const unsigned char *)key, (int)strlen(key),
				1, dk->k, dk->iv) > 0;
}

/*
 * Decrypts len bytes of ciphertext (after the header) into out; with pad
 * the PKCS#7 padding is checked and removed. 0, -EKEYREJECTED (bad
 * padding, or no key), -ENOMEM.
 */
static int aes_decrypt(EVP_CIPHER_CTX *ctx, const struct derived_key *dk,
		       const unsigned char *in, size_t len, int pad,
		       unsigned char *out, size_t *out_len)
{
	int n1 = 0, n2 = 0;

	if (!dk->ok)
		return -EKEYREJECTED;
	if (!EVP_DecryptInit_ex(ctx, decode_algo.aes, NULL, dk->k, dk->iv) ||
	    !EVP_CIPHER_CTX_set_padding(ctx, pad) ||
	    !EVP_DecryptUpdate(ctx, out, &n1, in, (int)len) ||
	    !EVP_DecryptFinal_ex(ctx, out + n1, &n2))
		return -EKEYREJECTED;
	*out_len = (size_t)(n1 + n2);
	return 0;
}

/* 1 when the first block under dk starts like a profile */
static int first_block_plausible(EVP_CIPHER_CTX *ctx,
				 const struct derived_key *dk,
				 const unsigned char *in)
{
	unsigned char block[32];
	size_t n = 0;

	return !aes_decrypt(ctx, dk, in + SALT_HDR, 16, 0, block, &n) &&
	       plausible(block, n);
}

/*
 * Both derivations are tried, MD5 (SPA firmware, OpenSSL < 1.1) and
 * SHA-256 (OpenSSL >= 1.1); the one whose first block looks like a profile
 * goes first, so the common case decrypts once. The winner must have
 * valid padding and plausible plaintext.
 */
static int decrypt_either(EVP_CIPHER_CTX *ctx, const unsigned char *in,
			  size_t len, const char *key, unsigned char *out,
			  size_t *out_len)
{
	struct derived_key dk[2];
	int order[2] = { 0, 1 }, i, ret = -EKEYREJECTED;

	derive_key(decode_algo.md5, in, key, &dk[0]);
	derive_key(decode_algo.sha256, in, key, &dk[1]);
	if (!first_block_plausible(ctx, &dk[0], in) &&
	    first_block_plausible(ctx, &dk[1], in)) {
		order[0] = 1;
		order[1] = 0;
	}
	for (i = 0; i < 2 && ret == -EKEYREJECTED; i++) {
		ret = aes_decrypt(ctx, &dk[order[i]], in + SALT_HDR,
				  len - SALT_HDR, 1, out, out_len);
		if (!ret && !plausible(out, *out_len))
			ret = -EKEYREJECTED;
	}
	OPENSSL_cleanse(dk, sizeof(dk));
	return ret;
}

int decode_decrypt(const unsigned char *in, size_t len, const char *key,
		   unsigned char **out, size_t *out_len, char *err,
		   size_t errlen)
{
	EVP_CIPHER_CTX *ctx;
	unsigned char *buf;
	int ret;

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
	if (decode_init()) {
		snprintf(err, errlen,
			 "decrypt failed: OpenSSL has no AES-256-CBC, MD5 or SHA-256");
		return -ENOSYS;
	}
	buf = malloc(len + 16);
	ctx = EVP_CIPHER_CTX_new();
	if (!buf || !ctx) {
		free(buf);
		EVP_CIPHER_CTX_free(ctx);
		snprintf(err, errlen, "decrypt failed: out of memory");
		return -ENOMEM;
	}
	ret = decrypt_either(ctx, in, len, key, buf, out_len);
	EVP_CIPHER_CTX_free(ctx);
	if (ret) {
		OPENSSL_cleanse(buf, len + 16);
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

/* a first guess at the inflated size: gzip'ed profiles shrink about 4-10x */
#define DECODE_INFLATE_FIRST(len)	((len) * 8 + 4096)

/* grows *buf (of *size bytes) towards cap + 2: one spare byte detects
 * overflow, one more holds the NUL */
static int inflate_grow(unsigned char **buf, size_t *size, size_t cap)
{
	size_t nsize = *size ? *size * 2 : 4096;
	unsigned char *n;

	if (nsize > cap + 2)
		nsize = cap + 2;
	n = realloc(*buf, nsize);
	if (!n)
		return -ENOMEM;
	*buf = n;
	*size = nsize;
	return 0;
}

static int inflate_fail(z_stream *zs, int zr, char *err, size_t errlen)
{
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

static int inflate_all(z_stream *zs, size_t cap, unsigned char **buf,
		       size_t *size, char *err, size_t errlen)
{
	int zr;

	for (;;) {
		if (zs->total_out + 1 >= *size && *size < cap + 2 &&
		    inflate_grow(buf, size, cap)) {
			snprintf(err, errlen, "gzip: out of memory");
			return -ENOMEM;
		}
		zs->next_out = *buf + zs->total_out;
		zs->avail_out = (uInt)(*size - 1 - zs->total_out);
		zr = inflate(zs, Z_NO_FLUSH);
		if (zs->total_out > cap) {
			snprintf(err, errlen, "gzip: output over %zu bytes", cap);
			return -E2BIG;
		}
		if (zr == Z_STREAM_END)
			return 0;
		/* out of room is Z_BUF_ERROR too: grow and go on */
		if (zr == Z_BUF_ERROR && !zs->avail_out)
			continue;
		if (zr != Z_OK)
			return inflate_fail(zs, zr, err, errlen);
	}
}

int decode_gunzip(const unsigned char *in, size_t len, size_t cap,
		  unsigned char **out, size_t *out_len, char *err,
		  size_t errlen)
{
	size_t size = DECODE_INFLATE_FIRST(len);
	z_stream zs = { 0 };
	unsigned char *buf;
	int ret;

	if (size > cap + 2)
		size = cap + 2;
	buf = malloc(size);
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
	ret = inflate_all(&zs, cap, &buf, &size, err, errlen);
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
