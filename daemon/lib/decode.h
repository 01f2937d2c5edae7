// SPDX-License-Identifier: GPL-2.0
/*
 * decode.h - turn fetched profile bytes into XML: AES-256-CBC in the
 * `openssl enc` format (MD5 or SHA-256 key derivation, detected), then
 * gzip inflate with an output cap.
 */
#ifndef FXSD_DECODE_H
#define FXSD_DECODE_H

#include <stddef.h>

/* largest input accepted and largest inflated output (zip bombs) */
#define DECODE_MAX_INPUT (4u << 20)
#define DECODE_MAX_OUTPUT (1u << 20)

/*
 * in: fetched bytes; key: --key value or NULL. Decrypts (when key is set;
 * "Salted__" format, MD5 or SHA-256 derivation detected automatically), then
 * inflates when the (decrypted) data starts with the gzip magic.
 * *out is malloc'd, NUL-terminated. 0 or -errno with err like
 * "decrypt failed: wrong key" / "gzip: data corrupt" /
 * "gzip: output over 1048576 bytes".
 */
int decode_profile(const unsigned char *in, size_t len, const char *key,
		   unsigned char **out, size_t *out_len,
		   char *err, size_t errlen);
/*
 * Fetches the ciphers and digests from OpenSSL ahead of the first
 * decrypt (which otherwise does it); 0 or -ENOSYS. Not thread-safe:
 * call it from one thread, before or between decodes.
 */
int decode_init(void);
/* single steps, same conventions */
int decode_decrypt(const unsigned char *in, size_t len, const char *key,
		   unsigned char **out, size_t *out_len,
		   char *err, size_t errlen);
int decode_gunzip(const unsigned char *in, size_t len, size_t cap,
		  unsigned char **out, size_t *out_len,
		  char *err, size_t errlen);

#endif /* FXSD_DECODE_H */
