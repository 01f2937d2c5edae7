// SPDX-License-Identifier: GPL-2.0
/* netinfo.c: an interface's IPv4 address, netmask and default gateway
 * from the kernel's route tables (libnl caches), and the first DNS server
 * of the resolver file. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/netlink.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/route.h>

#include "fileio.h"
#include "netinfo.h"

#define RESOLV_MAX (64 * 1024)

/* what a cache walk looks for and what it found */
struct pick {
	int ifindex;
	char *addr;
	size_t addrlen;
	char *mask;
	size_t masklen;
	int found;
};

/* the route socket and iface's index; 0 or -errno */
static int open_iface(const char *iface, struct nl_sock **sk, int *ifindex)
{
	struct nl_cache *links;

	if (!iface || !*iface)
		return -ENODEV;
	*sk = nl_socket_alloc();
	if (!*sk)
		return -ENOMEM;
	if (nl_connect(*sk, NETLINK_ROUTE) ||
	    rtnl_link_alloc_cache(*sk, AF_UNSPEC, &links)) {
		nl_socket_free(*sk);
		return -EIO;
	}
	*ifindex = rtnl_link_name2i(links, iface);
	nl_cache_free(links);
	if (!*ifindex) {
		nl_socket_free(*sk);
		return -ENODEV;
	}
	return 0;
}

static void dotted(const struct nl_addr *a, char *buf, size_t len)
{
	if (!inet_ntop(AF_INET, nl_addr_get_binary_addr(a), buf,
		       (socklen_t)len) && len)
		buf[0] = '\0';
}

static void pick_addr(struct nl_object *obj, void *arg)
{
	struct rtnl_addr *a = (struct rtnl_addr *)obj;
	struct pick *pk = arg;
	struct nl_addr *local = rtnl_addr_get_local(a);
	int plen = rtnl_addr_get_prefixlen(a);
	struct in_addr m;

	if (pk->found || rtnl_addr_get_ifindex(a) != pk->ifindex ||
	    rtnl_addr_get_family(a) != AF_INET || !local ||
	    nl_addr_get_len(local) != 4 || plen < 0 || plen > 32)
		return;
	dotted(local, pk->addr, pk->addrlen);
	m.s_addr = htonl(plen ? 0xffffffffu << (32 - plen) : 0);
	if (!inet_ntop(AF_INET, &m, pk->mask, (socklen_t)pk->masklen))
		pk->mask[0] = '\0';
	pk->found = 1;
}

int netinfo_ipv4(const char *iface, char *addr, size_t addrlen, char *mask,
		 size_t masklen)
{
	struct pick pk = { .addr = addr, .addrlen = addrlen, .mask = mask,
			   .masklen = masklen };
	struct nl_cache *cache;
	struct nl_sock *sk;
	int ret;

	addr[0] = '\0';
	mask[0] = '\0';
	ret = open_iface(iface, &sk, &pk.ifindex);
	if (ret)
		return ret;
	if (rtnl_addr_alloc_cache(sk, &cache)) {
		ret = -EIO;
	} else {
		nl_cache_foreach(cache, pick_addr, &pk);
		nl_cache_free(cache);
	}
	nl_socket_free(sk);
	return ret;
}

static void pick_nexthop(struct rtnl_nexthop *nh, void *arg)
{
	struct pick *pk = arg;
	struct nl_addr *gw = rtnl_route_nh_get_gateway(nh);

	if (pk->found || rtnl_route_nh_get_ifindex(nh) != pk->ifindex ||
	    !gw || nl_addr_get_len(gw) != 4)
		return;
	dotted(gw, pk->addr, pk->addrlen);
	pk->found = 1;
}

static void pick_route(struct nl_object *obj, void *arg)
{
	struct rtnl_route *r = (struct rtnl_route *)obj;
	struct nl_addr *dst = rtnl_route_get_dst(r);

	if (rtnl_route_get_family(r) != AF_INET ||
	    rtnl_route_get_table(r) != RT_TABLE_MAIN ||
	    (dst && nl_addr_get_prefixlen(dst)))
		return;
	rtnl_route_foreach_nexthop(r, pick_nexthop, arg);
}

int netinfo_gateway(const char *iface, char *gw, size_t len)
{
	struct pick pk = { .addr = gw, .addrlen = len };
	struct nl_cache *cache;
	struct nl_sock *sk;
	int ret;

	gw[0] = '\0';
	ret = open_iface(iface, &sk, &pk.ifindex);
	if (ret)
		return ret;
	if (rtnl_route_alloc_cache(sk, AF_INET, 0, &cache)) {
		ret = -EIO;
	} else {
		nl_cache_foreach(cache, pick_route, &pk);
		nl_cache_free(cache);
	}
	nl_socket_free(sk);
	return ret;
}

/* line (NUL-terminated) "nameserver A.B.C.D": A.B.C.D into buf */
static int nameserver(const char *line, char *buf, size_t len)
{
	char word[16], addr[64];
	struct in_addr a;

	if (sscanf(line, " %15s %63s", word, addr) != 2 ||
	    strcmp(word, "nameserver") || inet_pton(AF_INET, addr, &a) != 1 ||
	    strlen(addr) >= len)
		return 0;
	strcpy(buf, addr);
	return 1;
}

int netinfo_dns(const char *path, char *buf, size_t len)
{
	char *text, *line, *save = NULL;
	size_t n;
	int ret;

	buf[0] = '\0';
	ret = fileio_read_file(AT_FDCWD, path, RESOLV_MAX, &text, &n);
	if (ret)
		return ret;
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		if (nameserver(line, buf, len))
			break;
	free(text);
	return 0;
}
