// SPDX-License-Identifier: GPL-2.0
/*
 * main.c: fxsd, the provisioning daemon: options, then store, state,
 * identity, --set values, and either one power-up resync (--once) or the
 * event loop with its schedules, control socket, link watch and lines.
 */
#include <errno.h>
#include <getopt.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <time.h>

#include "cacert.h"
#include "commands.h"
#include "ctl.h"
#include "ctl_server.h"
#include "decode.h"
#include "fetch.h"
#include "fetch_loop.h"
#include "handset.h"
#include "hook_run.h"
#include "identity.h"
#include "ivr.h"
#include "lines.h"
#include "lineconf.h"
#include "loop.h"
#include "module_watch.h"
#include "netinfo.h"
#include "provision.h"
#include "resync.h"
#include "sched.h"
#include "store.h"
#include "web_server.h"

#define FXSD_CONFIGFS_PARAMS "/sys/kernel/config/fxs/params"
#define FXSD_STATE "/var/lib/fxsd/state.xml"
#define FXSD_DT_ROOT "/proc/device-tree"
#define FXSD_MAX_SET 64
#define FXSD_MMAP_THRESHOLD (32 * 1024)

/**
 * struct fxsd - the daemon: its options and every module's state
 */
struct fxsd {
	const char *store_dir;
	const char *identity_file;
	const char *iface;
	const char *ctl_path;
	const char *lines;
	const char *line_config;
	const char *sets[FXSD_MAX_SET];
	int nset;
	int once;
	int foreground;
	struct identity id;
	struct provision pv;
	struct resync rs;
	struct loop *loop;
	struct fetch_loop *fetch;
	struct sched sched;
	struct ctl *ctl;
	struct ctl_target target;
	struct identity_watch *watch;
	struct module_watch *modules;
	struct lines *line_set;
	struct handset_config ivr;
	struct handsets *handsets;
	const char *http;	/* --http [ADDR:][PORT] ("": the default), NULL: --no-http */
	char http_addr[64];
	unsigned int http_port;
	struct web_target web_target;
	struct web *web;
	char abs[11][1100];
	char custom_ca[1200];
	char state_note[1024];	/* why the state file did not load, or "" */
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: fxsd [--store DIR] [--state FILE] [--identity FILE] [--iface NAME]\n"
		"            [--set NAME=VALUE]... [--ca FILE] [--cert FILE] [--cert-key FILE]\n"
		"            [--option66 FILE] [--ctl PATH] [--lines GLOB]\n"
		"            [--line-config DIR] [--prompts DIR] [--ivr-timeout MS]\n"
		"            [--network-hook PROG] [--reboot-hook PROG]\n"
		"            [--resolv-conf FILE] [--http [ADDR:][PORT] | --no-http]\n"
		"            [--once] [--foreground]\n"
		"  --store DIR       parameter store (default " FXSD_CONFIGFS_PARAMS ")\n"
		"  --state FILE      persisted flat-profile (default " FXSD_STATE ")\n"
		"  --identity FILE   VENDOR/PN/PSN/SN/MAC/HWVER/SWVER[/IP/OPTION66] KEY=VALUE file\n"
		"  --iface NAME      interface for $MA and $IP (libnl)\n"
		"  --set NAME=VALUE  parameter set before the first resync\n"
		"  --ca FILE         PEM CA bundle trusted for HTTPS (default: the system's)\n"
		"  --cert FILE       PEM client certificate; --cert-key FILE its key\n"
		"  --option66 FILE   DHCP option-66 server file (default " RESYNC_OPTION66_FILE ")\n"
		"  --ctl PATH        control socket (default " CTL_DEFAULT_PATH ")\n"
		"  --lines GLOB      line devices followed (hook, flash, DTMF); an off-hook\n"
		"                    one defers scheduled resyncs (default " LINES_DEFAULT_GLOB ";\n"
		"                    wildcards in the file name only)\n"
		"  --line-config DIR kernel line settings the line parameters go to\n"
		"                    (default " LINECONF_DEFAULT_ROOT "; \"\" for none)\n"
		"  --prompts DIR     handset IVR clips, NAME.s16 (8 kHz s16le mono)\n"
		"                    (default " HANDSET_PROMPTS_DEFAULT ")\n"
		"  --ivr-timeout MS  silence that ends the IVR menu (default 60000)\n"
		"  --network-hook PROG  run as PROG network after the IVR sets a\n"
		"                    network parameter (FXS_* environment); a failure\n"
		"                    rolls the set back\n"
		"  --reboot-hook PROG   run as PROG reboot (IVR 732668) or\n"
		"                    PROG factory-reset (IVR 73738)\n"
		"  --resolv-conf FILE   where the IVR reads the DNS server\n"
		"                    (default " NETINFO_RESOLV_CONF ")\n"
		"  --http [ADDR:][PORT]  the web admin on ADDR (default: every address)\n"
		"                    and PORT (default: Web_Server_Port's, following\n"
		"                    it), while Enable_Web_Server is Yes; it runs so\n"
		"                    by default\n"
		"  --no-http         no web admin, whatever Enable_Web_Server says\n"
		"  --once            power-up resync, then exit 0 (ok), 1 (failed), 2 (setup)\n"
		"  --foreground      do not detach; log to stderr too\n");
}

/* --ivr-timeout: a whole number of ms, 1 to a day */
static int parse_timeout(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || *end || *s == '-' || !v ||
	    v > 24ULL * 3600 * 1000) {
		fprintf(stderr, "fxsd: --ivr-timeout '%s': not 1 to 86400000 ms\n",
			s);
		return -EINVAL;
	}
	*out = v;
	return 0;
}

static int parse_args(struct fxsd *d, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "store", required_argument, NULL, 's' },
		{ "state", required_argument, NULL, 'S' },
		{ "identity", required_argument, NULL, 'i' },
		{ "iface", required_argument, NULL, 'I' },
		{ "set", required_argument, NULL, 'e' },
		{ "ca", required_argument, NULL, 'a' },
		{ "cert", required_argument, NULL, 'c' },
		{ "cert-key", required_argument, NULL, 'k' },
		{ "option66", required_argument, NULL, 'o' },
		{ "ctl", required_argument, NULL, 'C' },
		{ "lines", required_argument, NULL, 'L' },
		{ "line-config", required_argument, NULL, 'l' },
		{ "prompts", required_argument, NULL, 'P' },
		{ "ivr-timeout", required_argument, NULL, 'T' },
		{ "network-hook", required_argument, NULL, 'N' },
		{ "reboot-hook", required_argument, NULL, 'R' },
		{ "resolv-conf", required_argument, NULL, 'D' },
		{ "http", required_argument, NULL, 'H' },
		{ "no-http", no_argument, NULL, 'W' },
		{ "once", no_argument, NULL, '1' },
		{ "foreground", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	int c;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 's': d->store_dir = optarg; break;
		case 'S': d->pv.state_path = optarg; break;
		case 'i': d->identity_file = optarg; break;
		case 'I': d->iface = optarg; break;
		case 'a': d->rs.ca_file = optarg; break;
		case 'c': d->rs.cert_file = optarg; break;
		case 'k': d->rs.key_file = optarg; break;
		case 'o': d->rs.option66_file = optarg; break;
		case 'C': d->ctl_path = optarg; break;
		case 'L': d->lines = optarg; break;
		case 'l': d->line_config = optarg; break;
		case 'P': d->ivr.prompts = optarg; break;
		case 'N': d->ivr.network_hook = optarg; break;
		case 'R': d->ivr.reboot_hook = optarg; break;
		case 'D': d->ivr.resolv_conf = optarg; break;
		case 'H':
			d->http = optarg;
			if (web_parse_listen(optarg, d->http_addr,
					     sizeof(d->http_addr), &d->http_port)) {
				fprintf(stderr, "fxsd: --http '%s': not [IPv4:][PORT]\n",
					optarg);
				return -EINVAL;
			}
			break;
		case 'W': d->http = NULL; break;
		case 'T':
			if (parse_timeout(optarg, &d->ivr.timeout_ms))
				return -EINVAL;
			break;
		case '1': d->once = 1; break;
		case 'f': d->foreground = 1; break;
		case 'e':
			if (d->nset == FXSD_MAX_SET) {
				fprintf(stderr, "fxsd: more than %d --set\n",
					FXSD_MAX_SET);
				return -EINVAL;
			}
			d->sets[d->nset++] = optarg;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			return -EINVAL;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "fxsd: unexpected argument '%s'\n", argv[optind]);
		return -EINVAL;
	}
	return 0;
}

/* the daemon leaves its working directory: make relative paths absolute */
static const char *abs_path(const char *path, char *buf, size_t len)
{
	char cwd[1024];

	if (!path || path[0] == '/' || !getcwd(cwd, sizeof(cwd)))
		return path;
	if (snprintf(buf, len, "%s/%s", cwd, path) >= (int)len)
		return path;
	return buf;
}

static int check_file(const char *what, const char *path)
{
	if (path && access(path, R_OK)) {
		fprintf(stderr, "fxsd: %s '%s': %s\n", what, path,
			strerror(errno));
		return -errno;
	}
	return 0;
}

static int setup_identity(struct fxsd *d)
{
	char err[512] = "";
	int ret = 0;

	if (d->identity_file)
		ret = identity_load_file(&d->id, d->identity_file, err,
					 sizeof(err));
	else if (identity_load_devtree(&d->id, FXSD_DT_ROOT))
		syslog(LOG_WARNING, "no %s/serial-number or model",
		       FXSD_DT_ROOT);
	if (!ret && (d->iface || !d->identity_file))
		ret = identity_load_iface(&d->id, d->iface, d->iface != NULL,
					  err, sizeof(err));
	if (!ret && !d->id.mac[0]) {
		snprintf(err, sizeof(err),
			 "no MAC address: give --iface or --identity");
		ret = -ENODEV;
	}
	if (ret) {
		fprintf(stderr, "fxsd: %s\n", err);
		return ret;
	}
	if (!d->id.vendor[0])
		strcpy(d->id.vendor, "openfxs");
	if (!d->id.swver[0])
		strcpy(d->id.swver, "0.1");
	return 0;
}

static int apply_sets(struct fxsd *d)
{
	char err[512];
	int ret;

	if (!d->nset)
		return 0;
	ret = provision_assign(&d->pv, d->sets, (size_t)d->nset, err,
			       sizeof(err));
	if (ret)
		fprintf(stderr, "fxsd: --set: %s\n", err);
	return ret;
}

/* the Custom_CA_Rule CA lives next to the state file */
static void custom_ca_path(struct fxsd *d)
{
	const char *state = d->pv.state_path;
	const char *slash = strrchr(state, '/');
	int dirlen = slash ? (int)(slash - state) : 1;

	if (snprintf(d->custom_ca, sizeof(d->custom_ca), "%.*s/%s", dirlen,
		     slash ? state : ".", CACERT_FILE) <
	    (int)sizeof(d->custom_ca))
		d->rs.custom_ca_file = d->custom_ca;
}

/* the store's entries are read in the background meanwhile, unless the
 * state file's sync record says they are what it holds */
static int start_store(struct fxsd *d)
{
	int ret = provision_open_start(&d->pv, d->store_dir);

	if (ret)
		fprintf(stderr, "fxsd: store '%s': %s\n", d->store_dir,
			strerror(-ret));
	return ret;
}

static int finish_store(struct fxsd *d)
{
	int ret;

	ret = provision_open_finish(&d->pv, d->state_note,
				    sizeof(d->state_note));
	if (ret) {
		fprintf(stderr, "fxsd: store '%s': %s\n", d->store_dir,
			strerror(-ret));
		return ret;
	}
	if (d->state_note[0])
		syslog(LOG_CRIT, "state file %s did not load: %s",
		       d->pv.state_path, d->state_note);
	return apply_sets(d);
}

static int fxsd_setup(struct fxsd *d)
{
	struct stat sb;
	int ret;

	d->store_dir = abs_path(d->store_dir, d->abs[0], sizeof(d->abs[0]));
	d->pv.state_path = abs_path(d->pv.state_path, d->abs[1],
				    sizeof(d->abs[1]));
	d->rs.ca_file = abs_path(d->rs.ca_file, d->abs[2], sizeof(d->abs[2]));
	d->rs.cert_file = abs_path(d->rs.cert_file, d->abs[3],
				   sizeof(d->abs[3]));
	d->rs.key_file = abs_path(d->rs.key_file, d->abs[4], sizeof(d->abs[4]));
	d->ctl_path = abs_path(d->ctl_path, d->abs[5], sizeof(d->abs[5]));
	d->lines = abs_path(d->lines, d->abs[6], sizeof(d->abs[6]));
	d->ivr.prompts = abs_path(d->ivr.prompts, d->abs[7], sizeof(d->abs[7]));
	d->ivr.network_hook = abs_path(d->ivr.network_hook, d->abs[8],
				       sizeof(d->abs[8]));
	d->ivr.reboot_hook = abs_path(d->ivr.reboot_hook, d->abs[9],
				      sizeof(d->abs[9]));
	d->ivr.resolv_conf = abs_path(d->ivr.resolv_conf, d->abs[10],
				      sizeof(d->abs[10]));
	d->pv.line_config = *d->line_config ? d->line_config : NULL;
	if (!d->store_dir) {
		if (stat(FXSD_CONFIGFS_PARAMS, &sb)) {
			fprintf(stderr, "fxsd: no --store and no %s\n",
				FXSD_CONFIGFS_PARAMS);
			return -ENOENT;
		}
		d->store_dir = FXSD_CONFIGFS_PARAMS;
	}
	ret = check_file("--ca", d->rs.ca_file);
	if (!ret)
		ret = check_file("--cert", d->rs.cert_file);
	if (!ret)
		ret = check_file("--cert-key", d->rs.key_file);
	if (!ret)
		ret = start_store(d);
	if (!ret)
		ret = setup_identity(d);
	if (!ret && fetch_init()) {
		fprintf(stderr, "fxsd: curl_global_init failed\n");
		ret = -EIO;
	}
	if (!ret && decode_init()) {
		fprintf(stderr, "fxsd: OpenSSL has no AES-256-CBC, MD5 or SHA-256\n");
		ret = -ENOSYS;
	}
	if (!ret)
		ret = finish_store(d);
	if (ret)
		return ret;
	d->rs.pv = &d->pv;
	d->rs.id = &d->id;
	custom_ca_path(d);
	d->rs.last_result = 1;
	return 0;
}

static void on_netlink(struct loop *l, int fd, uint32_t events, void *arg)
{
	struct fxsd *d = arg;
	char err[256];

	(void)l;
	(void)fd;
	(void)events;
	if (!identity_watch_read(d->watch))
		return;
	syslog(LOG_INFO, "link or address up: resync");
	identity_load_iface(&d->id, d->iface, 1, err, sizeof(err));
	sched_link_up(&d->sched);
}

/* a module loaded: configfs params/ may be back, empty; refill it */
static void on_module_loaded(void *arg, const char *name)
{
	struct fxsd *d = arg;
	char err[256];
	int ret;

	ret = store_reattach(d->pv.st, err, sizeof(err));
	if (ret > 0)
		syslog(LOG_NOTICE, "store %s made again (module %s loaded): "
		       "every parameter written back from memory",
		       store_root(d->pv.st), name);
	else if (ret < 0)
		syslog(LOG_ERR, "store %s came back but could not be filled: "
		       "%s; values are kept in memory", store_root(d->pv.st),
		       err);
}

/* a line appeared while fxsd runs: it gets the store's line settings */
static void on_line_added(void *arg, const struct line *ln)
{
	struct fxsd *d = arg;

	(void)ln;
	provision_push_lines(&d->pv);
}

static void resync_done(void *arg, int result)
{
	struct fxsd *d = arg;

	/* an idle daemon gives back what the profile's parse used */
	malloc_trim(0);
	sched_resync_done(&d->sched, result);
}

/* the resync's transfers run in the loop: SCHED_PENDING until they end */
static int sched_run(void *arg, const char *rule, int why)
{
	struct fxsd *d = arg;
	int ret;

	ret = resync_start(&d->rs, fetch_loop_multi(d->fetch), rule, why,
			   resync_done, d);
	if (ret == RESYNC_PENDING)
		return SCHED_PENDING;
	malloc_trim(0);
	return ret;
}

static void sched_param(void *arg, const char *name, char *buf, size_t len)
{
	struct fxsd *d = arg;

	resync_param(&d->rs, name, buf, len);
}

static int sched_expand(void *arg, const char *in, char *out, size_t len)
{
	struct fxsd *d = arg;

	return resync_expand(&d->rs, in, out, len);
}

static int sched_busy(void *arg)
{
	struct fxsd *d = arg;

	return lines_any_busy(d->line_set);
}

static void sched_outcome(void *arg, unsigned int *failures,
			  time_t *last_success)
{
	struct fxsd *d = arg;

	*failures = d->rs.failures;
	*last_success = d->rs.last_success;
}

static const struct sched_ops fxsd_sched_ops = {
	.run = sched_run,
	.param = sched_param,
	.expand = sched_expand,
	.busy = sched_busy,
	.outcome = sched_outcome,
};

/* the web admin: --http's address and port, by default every address and
 * Web_Server_Port; none with --no-http */
static int open_web(struct fxsd *d)
{
	struct timespec now;
	int ret;

	if (!d->http)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &now);
	d->web_target = (struct web_target){
		.pv = &d->pv, .sched = &d->sched, .rs = &d->rs, .id = &d->id,
		.lines = d->line_set, .reboot_hook = d->ivr.reboot_hook,
		.custom_ca_file = d->rs.custom_ca_file, .started = now.tv_sec };
	ret = web_open(d->loop, d->http_addr, d->http_port, &d->web_target,
		       &d->web);
	if (ret)
		fprintf(stderr, "fxsd: web admin: %s\n", strerror(-ret));
	return ret;
}

static int run_daemon(struct fxsd *d)
{
	int ret;

	ret = loop_new(&d->loop);
	if (!ret)
		ret = fetch_loop_new(d->loop, &d->fetch);
	if (!ret)
		ret = sched_init(&d->sched, d->loop, &fxsd_sched_ops, d);
	if (ret) {
		fprintf(stderr, "fxsd: event loop: %s\n", strerror(-ret));
		return 2;
	}
	d->ivr.pv = &d->pv;
	d->ivr.id = &d->id;
	d->ivr.iface = d->iface;
	ret = handsets_new(d->loop, &d->ivr, &d->handsets);
	if (ret) {
		fprintf(stderr, "fxsd: IVR: %s\n", strerror(-ret));
		return 2;
	}
	ret = lines_open(d->loop, d->lines, handsets_line_ops(), d->handsets,
			 &d->line_set);
	if (ret) {
		fprintf(stderr, "fxsd: --lines '%s': %s\n", d->lines,
			ret == -EINVAL ? "wildcards only in the file name" :
			strerror(-ret));
		return 2;
	}
	lines_on_added(d->line_set, on_line_added, d);
	d->target = (struct ctl_target){ .pv = &d->pv, .sched = &d->sched,
					 .rs = &d->rs, .lines = d->line_set,
					 .state_note = d->state_note };
	ret = ctl_open(d->loop, d->ctl_path, ctl_dispatch, &d->target,
		       &d->ctl);
	if (ret) {
		fprintf(stderr, "fxsd: control socket '%s': %s\n",
			d->ctl_path, strerror(-ret));
		return 2;
	}
	d->target.ctl = d->ctl;
	if (open_web(d))
		return 2;
	if (!identity_watch_open(&d->watch))
		loop_add_fd(d->loop, identity_watch_fd(d->watch), EPOLLIN,
			    on_netlink, d);
	else
		syslog(LOG_WARNING, "no netlink route socket: no link-up resync");
	if (module_watch_open(d->loop, on_module_loaded, d, &d->modules))
		syslog(LOG_WARNING, "no uevent socket: a store taken away "
		       "with the modules is made again only by a restart");
	if (!d->foreground && (daemon(0, 0) || loop_forked(d->loop))) {
		syslog(LOG_ERR, "daemon: %s", strerror(errno));
		return 2;
	}
	sched_start(&d->sched);
	ret = loop_run(d->loop);
	syslog(LOG_INFO, "exiting");
	resync_cancel(&d->rs);	/* its client is closed below, unanswered */
	identity_watch_close(d->watch);
	module_watch_close(d->modules);
	web_close(d->web);
	ctl_close(d->ctl);
	lines_close(d->line_set);
	handsets_free(d->handsets);
	fetch_loop_free(d->fetch);
	loop_free(d->loop);
	return ret < 0 ? 2 : 0;
}

int main(int argc, char **argv)
{
	struct fxsd d = {
		.pv.state_path = FXSD_STATE,
		.ctl_path = CTL_DEFAULT_PATH,
		.http = "",
		.lines = LINES_DEFAULT_GLOB,
		.line_config = LINECONF_DEFAULT_ROOT,
		.rs.option66_file = RESYNC_OPTION66_FILE,
		.ivr.prompts = HANDSET_PROMPTS_DEFAULT,
		.ivr.timeout_ms = IVR_TIMEOUT_MS,
		.ivr.hook_timeout_ms = HOOK_TIMEOUT_MS,
	};
	int ret;

	if (parse_args(&d, argc, argv))
		return 2;
	/* a resync's big buffers (fetch, inflate, parse) are mapped and given
	 * back whole, so they do not leave holes between the store's values
	 * in a heap that only grows */
	mallopt(M_MMAP_THRESHOLD, FXSD_MMAP_THRESHOLD);
	/* the store's reader threads share the one heap: no arena each */
	mallopt(M_ARENA_MAX, 1);
	openlog("fxsd", LOG_PID | (d.once || d.foreground ? LOG_PERROR : 0),
		LOG_DAEMON);
	if (fxsd_setup(&d)) {
		store_close(d.pv.st);
		return 2;
	}
	if (d.once) {
		ret = resync_run(&d.rs, NULL, RESYNC_POWERUP);
		ret = ret && ret != -ECANCELED ? 1 : 0;
	} else {
		ret = run_daemon(&d);
	}
	store_close(d.pv.st);
	return ret;
}
