// SPDX-License-Identifier: GPL-2.0
/* handset_ops.h: what the IVR engine asks of fxsd (struct ivr_ops over a
 * struct handset_config): system reads, parameter gets and sets, the
 * network and reboot hooks, the factory reset. */
#ifndef FXSD_HANDSET_OPS_H
#define FXSD_HANDSET_OPS_H

struct ivr_ops;

/* fills ops; the engine's arg is then a struct handset_config * */
void handset_ops_init(struct ivr_ops *ops);

#endif /* FXSD_HANDSET_OPS_H */
