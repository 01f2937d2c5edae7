// SPDX-License-Identifier: GPL-2.0
/* netinfo.h: what the handset IVR reads of the system's network: an
 * interface's IPv4 address, netmask and default gateway (libnl), and the
 * first DNS server of a resolver file. */
#ifndef FXSD_NETINFO_H
#define FXSD_NETINFO_H

#include <stddef.h>

#define NETINFO_RESOLV_CONF "/etc/resolv.conf"

/* iface's first IPv4 address and its netmask, dotted, into addr and mask
 * ("" each when it has none). 0; -ENODEV for no such interface; -errno */
int netinfo_ipv4(const char *iface, char *addr, size_t addrlen, char *mask,
		 size_t masklen);
/* the gateway of the IPv4 default route through iface, dotted ("" for
 * none). 0; -ENODEV for no such interface; -errno */
int netinfo_gateway(const char *iface, char *gw, size_t len);
/* the first IPv4 "nameserver" of the resolver file at path ("" for
 * none). 0, or -errno when it cannot be read */
int netinfo_dns(const char *path, char *buf, size_t len);

#endif /* FXSD_NETINFO_H */
