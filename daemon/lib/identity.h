// SPDX-License-Identifier: GPL-2.0
/* identity.h: who this device is (vendor, product, serial, MAC, IP). */
#ifndef FXSD_IDENTITY_H
#define FXSD_IDENTITY_H

#include <stddef.h>

/**
 * struct identity - the device's identity, as the macros show it
 * @vendor:   VENDOR, e.g. "Cisco" (User-Agent)
 * @pn:       PN, product name ($PN)
 * @psn:      PSN, product series number ($PSN)
 * @sn:       SN, serial number ($SN)
 * @mac:      MAC as aa:bb:cc:dd:ee:ff, lower case ($MAC)
 * @hwver:    HWVER ($HWVER)
 * @swver:    SWVER ($SWVER)
 * @ip:       IPv4 address of the interface ($IP), may be empty
 * @option66: DHCP option-66 server (OPTION66 key), may be empty
 */
struct identity {
	char vendor[64];
	char pn[64];
	char psn[64];
	char sn[64];
	char mac[18];
	char hwver[64];
	char swver[64];
	char ip[64];
	char option66[256];
};

/* ---- pure (identity.c) ---- */

/* normalises "AABBCCDDEEFF", "aa-bb-..", "aa:bb:.." into id->mac */
int identity_set_mac(struct identity *id, const char *s);
/* sets the field of KEY (VENDOR PN PSN SN MAC HWVER SWVER IP OPTION66):
 * 0, -ENOENT for an unknown key, -ENAMETOOLONG or -EINVAL for the value */
int identity_set(struct identity *id, const char *key, const char *val);
/* $MA: 12 lower-case hex digits; $MAU: upper case */
void identity_ma(const struct identity *id, char out[13], int upper);

/* ---- sources (identity_load.c) ---- */

/* KEY=VALUE lines (VENDOR PN PSN SN MAC HWVER SWVER, optional IP and
 * OPTION66); '#' comments. 0 or -errno with err filled. */
int identity_load_file(struct identity *id, const char *path,
		       char *err, size_t errlen);
/* /proc/device-tree (/serial-number, /model) for SN and PN */
int identity_load_devtree(struct identity *id, const char *dt_root);
/* MAC and IPv4 address of iface (or of the first non-loopback interface
 * that is up when iface is NULL) through libnl-route-3; only fills the
 * fields that are still empty unless force is set. */
int identity_load_iface(struct identity *id, const char *iface, int force,
			char *err, size_t errlen);

/* link and address changes (libnl route socket, for resync on link up) */
struct identity_watch;

int identity_watch_open(struct identity_watch **out);
int identity_watch_fd(const struct identity_watch *w);
/* reads what is pending; 1 when a non-loopback link came up or an IPv4
 * address was added, else 0 */
int identity_watch_read(struct identity_watch *w);
void identity_watch_close(struct identity_watch *w);

#endif /* FXSD_IDENTITY_H */
