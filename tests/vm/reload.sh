#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Module reload test, run by the VM's /init after every other test: the
# modules refuse to unload while in use, unload cleanly, load again, and a
# simulated board works afterwards. Prints TAP; exits 1 on a failure.
# The checks are strings eval'ed by check(), expanded when they run:
# shellcheck disable=SC2016,SC2034,SC2317

C=/sys/kernel/config
M=/modules
D=/sys/kernel/debug/fxs-sim
# shellcheck source-path=SCRIPTDIR source=../kselftest/lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"

loaded() {
	grep -q "^$1 " /proc/modules
}

echo "TAP version 13"
echo "1..14"
check "reload_modules_loaded_before" 'loaded fxs && loaded fxs_sim'
mkdir $C/fxs-sim/reload
echo 1 >$C/fxs-sim/reload/live
check "reload_rmmod_fxs_refused_while_sim_loaded" \
	'! rmmod fxs 2>/dev/null && loaded fxs'
check "reload_rmmod_fxs_sim_refused_while_board_exists" \
	'! rmmod fxs_sim 2>/dev/null && loaded fxs_sim'
line=$(cat $C/fxs-sim/reload/line_names)
exec 3</dev/"$line"
echo 0 >$C/fxs-sim/reload/live
rmdir $C/fxs-sim/reload
check "reload_rmmod_fxs_sim" 'rmmod fxs_sim && ! loaded fxs_sim && [ ! -d $C/fxs-sim ]'
check "reload_rmmod_fxs_refused_while_dev_open" \
	'! rmmod fxs 2>/dev/null && loaded fxs'
exec 3<&-
check "reload_rmmod_fxs_after_close" 'rmmod fxs && ! loaded fxs && [ ! -d $C/fxs ]'
check "reload_insmod_fxs" 'insmod $M/fxs.ko && [ -d $C/fxs/lines ] && [ -d $C/fxs/params ]'
check "reload_insmod_fxs_sim" 'insmod $M/fxs_sim.ko && [ -d $C/fxs-sim ]'
check "reload_board_goes_live" 'mkdir $C/fxs-sim/again && echo 2 >$C/fxs-sim/again/num_lines && echo 1 >$C/fxs-sim/again/live'
# the board's lines, whatever their numbers (a device-tree board, as in
# make check-arm64, holds fxs0 and fxs1 already)
read -r l0 l1 <$C/fxs-sim/again/line_names
check "reload_lines_and_nodes_exist" \
	'[ -n "$l0" ] && [ -n "$l1" ] && [ "$l0" != "$l1" ] && wait_for "[ -c /dev/$l0 ] && [ -c /dev/$l1 ]" && [ -d $C/fxs/lines/$l0 ] && [ -d $C/fxs/lines/$l1 ]'
echo 1 >$D/"$l1"/hook
check "reload_hook_reaches_core" \
	'wait_for "[ \"\$(cat $C/fxs/lines/$l1/hook)\" = off ]" && [ "$(cat $C/fxs/lines/$l0/hook)" = on ]'
check "reload_board_teardown" \
	'echo 0 >$C/fxs-sim/again/live && rmdir $C/fxs-sim/again && [ ! -e /dev/$l0 ] && [ ! -d $C/fxs/lines/$l0 ]'
# A module-wide async probe request (async_probe=1) must not make going
# live fail: the driver probes synchronously by contract.
check "reload_sim_async_probe_request_ignored" \
	'rmmod fxs_sim && insmod $M/fxs_sim.ko async_probe=1 && mkdir $C/fxs-sim/async && echo 1 >$C/fxs-sim/async/live && [ "$(cat $C/fxs-sim/async/live)" = 1 ] && [ -n "$(cat $C/fxs-sim/async/line_names)" ]'
echo 0 >$C/fxs-sim/async/live 2>/dev/null
rmdir $C/fxs-sim/async 2>/dev/null
check "reload_sim_plain_again" 'rmmod fxs_sim && insmod $M/fxs_sim.ko && [ -d $C/fxs-sim ]'
exit $fail
