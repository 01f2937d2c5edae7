// SPDX-License-Identifier: GPL-2.0
/*
 * module_watch.h: the kernel's module uevents (NETLINK_KOBJECT_UEVENT),
 * so fxsd hears when a module finishes loading, as fxs.ko does when it
 * comes back after an rmmod and makes configfs params/ again.
 */
#ifndef FXSD_MODULE_WATCH_H
#define FXSD_MODULE_WATCH_H

struct loop;
struct module_watch;

/* called with the module's name ("fxs") each time one has loaded */
typedef void (*module_loaded_fn)(void *arg, const char *name);

/* 0 or -errno (no netlink: the caller goes on without the watch) */
int module_watch_open(struct loop *l, module_loaded_fn fn, void *arg,
		      struct module_watch **out);
void module_watch_close(struct module_watch *w);

#endif
