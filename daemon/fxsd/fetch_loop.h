// SPDX-License-Identifier: GPL-2.0
/* fetch_loop.h: libcurl's transfers (a fetch_multi) run in fxsd's loop. */
#ifndef FXSD_FETCH_LOOP_H
#define FXSD_FETCH_LOOP_H

struct fetch_loop;
struct fetch_multi;
struct loop;

/* a fetch_multi whose sockets and timer are watched by l; 0 or -errno */
int fetch_loop_new(struct loop *l, struct fetch_loop **out);
/* cancels the transfers still running and unregisters (NULL ok) */
void fetch_loop_free(struct fetch_loop *fl);
/* where resync_start runs its transfers */
struct fetch_multi *fetch_loop_multi(struct fetch_loop *fl);

#endif
