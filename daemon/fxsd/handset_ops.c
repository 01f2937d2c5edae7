// SPDX-License-Identifier: GPL-2.0
/*
 * handset_ops.c: the IVR engine's ops for fxsd: the address, mask and
 * gateway of --iface and the resolver's DNS (netinfo), the MAC and
 * firmware of the identity, parameters from the store and sets through
 * provision_assign, the hooks run with their FXS_* environment, and the
 * factory reset (store to defaults, state files removed, reboot hook).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "handset.h"
#include "handset_ops.h"
#include "hook_run.h"
#include "identity.h"
#include "ivr.h"
#include "netinfo.h"
#include "provision.h"
#include "store.h"

#define VALUE_MAX 256

/* the parameters the network hook gets, FXS_ and the name in capitals */
static const char *const network_params[] = {
	"Connection_Type", "Static_IP", "NetMask", "Gateway", "Primary_DNS",
	"Enable_Web_Server",
};
#define N_NETWORK (sizeof(network_params) / sizeof(network_params[0]))

static int copy(char *buf, size_t len, const char *s)
{
	if (strlen(s) >= len)
		return -ENAMETOOLONG;
	strcpy(buf, s);
	return 0;
}

static int read_dhcp(struct handset_config *cfg, char *buf, size_t len)
{
	char v[VALUE_MAX];
	int ret = store_get(cfg->pv->st, "Connection_Type", v, sizeof(v));

	if (ret)
		return ret;
	return copy(buf, len, strcmp(v, "DHCP") ? "0" : "1");
}

static int read_mask(struct handset_config *cfg, char *buf, size_t len)
{
	char addr[64];

	return netinfo_ipv4(cfg->iface, addr, sizeof(addr), buf, len);
}

static int read_identity(const char *s, char *buf, size_t len)
{
	return s ? copy(buf, len, s) : -ENODATA;
}

static int hs_read(void *arg, enum ivr_info what, char *buf, size_t len)
{
	struct handset_config *cfg = arg;
	char mask[64];

	switch (what) {
	case IVR_INFO_DHCP:
		return read_dhcp(cfg, buf, len);
	case IVR_INFO_IP:
		return netinfo_ipv4(cfg->iface, buf, len, mask, sizeof(mask));
	case IVR_INFO_NETMASK:
		return read_mask(cfg, buf, len);
	case IVR_INFO_GATEWAY:
		return netinfo_gateway(cfg->iface, buf, len);
	case IVR_INFO_DNS:
		return netinfo_dns(cfg->resolv_conf ? cfg->resolv_conf :
				   NETINFO_RESOLV_CONF, buf, len);
	case IVR_INFO_MAC:
		return read_identity(cfg->id ? cfg->id->mac : NULL, buf, len);
	case IVR_INFO_FIRMWARE:
		return read_identity(cfg->id ? cfg->id->swver : NULL, buf, len);
	case IVR_INFO_WEB_PORT:
		return store_get(cfg->pv->st, "Web_Server_Port", buf, len);
	}
	return -EINVAL;
}

static int hs_get(void *arg, const char *name, char *buf, size_t len)
{
	struct handset_config *cfg = arg;

	return store_get(cfg->pv->st, name, buf, len);
}

static int hs_set(void *arg, const char *const *assign, size_t n)
{
	struct handset_config *cfg = arg;
	char err[512] = "";
	int ret = provision_assign(cfg->pv, assign, n, err, sizeof(err));

	if (ret)
		syslog(LOG_WARNING, "ivr: set %s: %s", n ? assign[0] : "",
		       err);
	else
		syslog(LOG_NOTICE, "ivr: set %s", n ? assign[0] : "");
	return ret;
}

static void env_name(char *buf, size_t len, const char *param)
{
	size_t i;

	snprintf(buf, len, "FXS_%s", param);
	for (i = 0; buf[i]; i++)
		if (buf[i] >= 'a' && buf[i] <= 'z')
			buf[i] = (char)(buf[i] - 'a' + 'A');
}

static int hs_network(void *arg)
{
	struct handset_config *cfg = arg;
	char names[N_NETWORK][64], values[N_NETWORK][VALUE_MAX];
	struct hook_var vars[N_NETWORK + 1];
	size_t i;
	int ret;

	if (!cfg->network_hook)
		return 0;
	for (i = 0; i < N_NETWORK; i++) {
		env_name(names[i], sizeof(names[i]), network_params[i]);
		ret = store_get(cfg->pv->st, network_params[i], values[i],
				sizeof(values[i]));
		if (ret)
			return ret;
		vars[i] = (struct hook_var){ names[i], values[i] };
	}
	vars[N_NETWORK] = (struct hook_var){ "FXS_IFACE",
					     cfg->iface ? cfg->iface : "" };
	return hook_run(cfg->network_hook, "network", vars, N_NETWORK + 1,
			cfg->hook_timeout_ms);
}

static int run_reboot(struct handset_config *cfg, const char *what)
{
	struct hook_var var = { "FXS_IFACE", cfg->iface ? cfg->iface : "" };

	if (!cfg->reboot_hook) {
		syslog(LOG_WARNING, "ivr: %s: no --reboot-hook", what);
		return -ENOSYS;
	}
	return hook_run(cfg->reboot_hook, what, &var, 1, cfg->hook_timeout_ms);
}

static int hs_reboot(void *arg)
{
	return run_reboot(arg, "reboot");
}

static int hs_factory_reset(void *arg)
{
	struct handset_config *cfg = arg;
	char err[512] = "";
	int ret;

	ret = provision_factory_reset(cfg->pv, err, sizeof(err));
	if (ret) {
		syslog(LOG_ERR, "ivr: factory reset: %s", err);
		return ret;
	}
	syslog(LOG_NOTICE, "ivr: factory reset: defaults back, state removed, "
	       "lines set to the defaults");
	if (!cfg->reboot_hook) {
		/* the reset is done and kept; only the reboot is left out */
		syslog(LOG_WARNING,
		       "ivr: factory reset done, no --reboot-hook: not rebooted");
		return 0;
	}
	return run_reboot(cfg, "factory-reset");
}

void handset_ops_init(struct ivr_ops *ops)
{
	*ops = (struct ivr_ops){
		.read = hs_read,
		.get = hs_get,
		.set = hs_set,
		.network = hs_network,
		.reboot = hs_reboot,
		.factory_reset = hs_factory_reset,
	};
}
