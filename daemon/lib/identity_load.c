// SPDX-License-Identifier: GPL-2.0
/*
 * identity_load.c: where the identity comes from: an identity file on
 * hosts, or the device tree and the network interface (libnl-route-3) on a
 * board; and the link/address watch that asks for a resync on link up.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <net/if.h>
#include <arpa/inet.h>
#include <netlink/route/link.h>
#include <netlink/route/addr.h>

#include "identity.h"
#include "internal.h"

int identity_load_file(struct identity *id, const char *path,
		       char *err, size_t errlen)
{
	char line[512], *k, *v, *eq;
	int lineno = 0, ret = 0;
	FILE *f;

	f = fopen(path, "re");
	if (!f) {
		ret = -errno;
		snprintf(err, errlen, "identity file '%s': %s", path,
			 strerror(errno));
		return ret;
	}
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		k = text_trim(line);
		if (!*k || *k == '#')
			continue;
		eq = strchr(k, '=');
		if (!eq) {
			ret = -EINVAL;
			snprintf(err, errlen, "%s:%d: expected KEY=VALUE",
				 path, lineno);
			break;
		}
		*eq = '\0';
		k = text_trim(k);
		v = text_trim(eq + 1);
		ret = identity_set(id, k, v);
		if (ret) {
			snprintf(err, errlen, "%s:%d: %s '%s'", path, lineno,
				 ret == -ENOENT ? "unknown key" : "bad value for",
				 k);
			ret = -EINVAL;
			break;
		}
	}
	fclose(f);
	if (!ret && !id->mac[0]) {
		snprintf(err, errlen, "%s: no MAC", path);
		ret = -EINVAL;
	}
	return ret;
}

static int read_dt(const char *root, const char *name, char *out, size_t len)
{
	char path[512];
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, name);
	f = fopen(path, "re");
	if (!f)
		return -errno;
	n = fread(out, 1, len - 1, f);
	fclose(f);
	out[n] = '\0';	/* device-tree strings end in NUL already */
	return 0;
}

int identity_load_devtree(struct identity *id, const char *dt_root)
{
	int ret;

	ret = read_dt(dt_root, "serial-number", id->sn, sizeof(id->sn));
	if (ret)
		return ret;
	return read_dt(dt_root, "model", id->pn, sizeof(id->pn));
}

struct iface_pick {
	int ifindex;
	struct identity *id;
	int force;
};

static void pick_link(struct nl_object *obj, void *arg)
{
	struct rtnl_link *link = (struct rtnl_link *)obj;
	struct iface_pick *pk = arg;
	struct nl_addr *a;
	char buf[64];

	if (pk->ifindex > 0)
		return;
	if (rtnl_link_get_flags(link) & IFF_LOOPBACK)
		return;
	if (!(rtnl_link_get_flags(link) & IFF_UP))
		return;
	a = rtnl_link_get_addr(link);
	if (!a || nl_addr_get_len(a) != 6)
		return;
	pk->ifindex = rtnl_link_get_ifindex(link);
	if (pk->force || !pk->id->mac[0])
		identity_set_mac(pk->id, nl_addr2str(a, buf, sizeof(buf)));
}

static void pick_addr(struct nl_object *obj, void *arg)
{
	struct rtnl_addr *addr = (struct rtnl_addr *)obj;
	struct iface_pick *pk = arg;
	struct nl_addr *local;

	if (rtnl_addr_get_ifindex(addr) != pk->ifindex ||
	    rtnl_addr_get_family(addr) != AF_INET)
		return;
	local = rtnl_addr_get_local(addr);
	if (!local || nl_addr_get_len(local) != 4)
		return;
	if (pk->force || !pk->id->ip[0])
		inet_ntop(AF_INET, nl_addr_get_binary_addr(local), pk->id->ip,
			  sizeof(pk->id->ip));
}

static int load_link(struct nl_sock *sk, const char *iface,
		     struct iface_pick *pk, char *err, size_t errlen)
{
	struct nl_cache *cache;
	struct rtnl_link *link;
	int ret;

	ret = rtnl_link_alloc_cache(sk, AF_UNSPEC, &cache);
	if (ret < 0) {
		snprintf(err, errlen, "rtnl_link_alloc_cache: %s",
			 nl_geterror(ret));
		return -EIO;
	}
	if (iface) {
		link = rtnl_link_get_by_name(cache, iface);
		if (!link) {
			nl_cache_free(cache);
			snprintf(err, errlen, "no interface '%s'", iface);
			return -ENODEV;
		}
		pk->ifindex = rtnl_link_get_ifindex(link);
		if (rtnl_link_get_addr(link) &&
		    nl_addr_get_len(rtnl_link_get_addr(link)) == 6 &&
		    (pk->force || !pk->id->mac[0])) {
			char buf[64];

			identity_set_mac(pk->id,
					 nl_addr2str(rtnl_link_get_addr(link),
						     buf, sizeof(buf)));
		}
		rtnl_link_put(link);
	} else {
		nl_cache_foreach(cache, pick_link, pk);
	}
	nl_cache_free(cache);
	return 0;
}

int identity_load_iface(struct identity *id, const char *iface, int force,
			char *err, size_t errlen)
{
	struct iface_pick pk = { .ifindex = 0, .id = id, .force = force };
	struct nl_cache *cache;
	struct nl_sock *sk;
	int ret;

	sk = nl_socket_alloc();
	if (!sk)
		return -ENOMEM;
	ret = nl_connect(sk, NETLINK_ROUTE);
	if (ret < 0) {
		snprintf(err, errlen, "netlink: %s", nl_geterror(ret));
		nl_socket_free(sk);
		return -EIO;
	}
	ret = load_link(sk, iface, &pk, err, errlen);
	if (!ret && pk.ifindex > 0) {
		ret = rtnl_addr_alloc_cache(sk, &cache);
		if (ret < 0) {
			snprintf(err, errlen, "rtnl_addr_alloc_cache: %s",
				 nl_geterror(ret));
			ret = -EIO;
		} else {
			nl_cache_foreach(cache, pick_addr, &pk);
			nl_cache_free(cache);
			ret = 0;
		}
	}
	nl_socket_free(sk);
	return ret;
}

/* ---- link and address changes ---- */

#include <stdlib.h>
#include <linux/rtnetlink.h>

struct identity_watch {
	struct nl_sock *sk;
	int hit;
};

static int watch_msg(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct identity_watch *w = arg;
	struct ifinfomsg *ifi;
	struct ifaddrmsg *ifa;

	if (nlh->nlmsg_type == RTM_NEWADDR &&
	    nlh->nlmsg_len >= NLMSG_LENGTH(sizeof(*ifa))) {
		ifa = nlmsg_data(nlh);
		if (ifa->ifa_family == AF_INET && ifa->ifa_scope != RT_SCOPE_HOST)
			w->hit = 1;
	} else if (nlh->nlmsg_type == RTM_NEWLINK &&
		   nlh->nlmsg_len >= NLMSG_LENGTH(sizeof(*ifi))) {
		ifi = nlmsg_data(nlh);
		if (!(ifi->ifi_flags & IFF_LOOPBACK) &&
		    (ifi->ifi_flags & IFF_RUNNING) &&
		    (ifi->ifi_change & IFF_RUNNING))
			w->hit = 1;
	}
	return NL_OK;
}

int identity_watch_open(struct identity_watch **out)
{
	struct identity_watch *w;
	int ret;

	w = calloc(1, sizeof(*w));
	if (!w)
		return -ENOMEM;
	w->sk = nl_socket_alloc();
	if (!w->sk) {
		free(w);
		return -ENOMEM;
	}
	nl_socket_disable_seq_check(w->sk);
	nl_socket_modify_cb(w->sk, NL_CB_VALID, NL_CB_CUSTOM, watch_msg, w);
	ret = nl_connect(w->sk, NETLINK_ROUTE);
	if (!ret)
		ret = nl_socket_add_memberships(w->sk, RTNLGRP_LINK,
						RTNLGRP_IPV4_IFADDR, 0);
	if (!ret)
		ret = nl_socket_set_nonblocking(w->sk);
	if (ret < 0) {
		nl_socket_free(w->sk);
		free(w);
		return -EIO;
	}
	*out = w;
	return 0;
}

int identity_watch_fd(const struct identity_watch *w)
{
	return nl_socket_get_fd(w->sk);
}

int identity_watch_read(struct identity_watch *w)
{
	w->hit = 0;
	while (nl_recvmsgs_default(w->sk) >= 0)
		;
	return w->hit;
}

void identity_watch_close(struct identity_watch *w)
{
	if (!w)
		return;
	nl_socket_free(w->sk);
	free(w);
}
