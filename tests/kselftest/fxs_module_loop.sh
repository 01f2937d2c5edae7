#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Module load/unload loop (TAP, busybox sh): fxs_sim and fxs are unloaded
# and loaded again ROUNDS times, and each time a two-line board goes live,
# its lines answer and it goes away again. Leaves both modules loaded.
# Needs /modules/fxs.ko and /modules/fxs_sim.ko (the VM's initramfs).
# The checks are strings eval'ed by check():
# shellcheck disable=SC2016

C=/sys/kernel/config
M=${FXS_MODULES:-/modules}
D=/sys/kernel/debug/fxs-sim
ROUNDS=${ROUNDS:-8}
# shellcheck source-path=SCRIPTDIR source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"

loaded() {
	grep -q "^$1 " /proc/modules
}

# One round: unload, load, a board that works, gone again.
round() {
	rmmod fxs_sim && rmmod fxs || return 1
	! loaded fxs && ! loaded fxs_sim || return 1
	insmod $M/fxs.ko && insmod $M/fxs_sim.ko || return 1
	mkdir $C/fxs-sim/loop && echo 2 >$C/fxs-sim/loop/num_lines &&
		echo 1 >$C/fxs-sim/loop/live || return 1
	set -- $(cat $C/fxs-sim/loop/line_names)
	[ $# = 2 ] && [ -d $C/fxs/lines/"$1" ] && [ -d $D/"$2" ] || return 1
	echo 1 >$D/"$1"/hook
	i=0
	while [ "$(cat $C/fxs/lines/"$1"/hook)" != off ]; do
		i=$((i + 1))
		[ $i -gt 100 ] && return 1
		sleep 0.02
	done
	echo 0 >$C/fxs-sim/loop/live && rmdir $C/fxs-sim/loop || return 1
	[ ! -d $C/fxs/lines/"$1" ]
}

echo "TAP version 13"
echo "1..$((ROUNDS + 1))"
check "module_loop_loaded_before" 'loaded fxs && loaded fxs_sim'
r=1
while [ $r -le "$ROUNDS" ]; do
	check "module_loop_round_$r" 'round'
	r=$((r + 1))
done
exit $fail
