#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# In-guest provisioning integration: fxsd on the kernel's own store
# (configfs params/, the default --store) resyncs from a busybox httpd on
# 127.0.0.1. GPP_A from the profile appears in params/GPP_A/value, survives
# an fxsd restart and an rmmod/insmod of the modules (the state file
# restores it); fxsd running while the modules go away and come back
# (params/ written back from memory, the new line set up); Ring1_Cadence
# from a profile reaches lines/fxs0/ring_cadence and the sim rings to it;
# a bad Ring1_Cadence fails the resync, named in $ERR, and the line and the
# store keep their values. Prints TAP; exits 1 on a failure.
# cleanup() runs from the EXIT trap:
# shellcheck disable=SC2317
# wait_for evals its argument when it runs:
# shellcheck disable=SC2016

# shellcheck source-path=SCRIPTDIR source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"

C=/sys/kernel/config
P=$C/fxs/params
SIM=$C/fxs-sim
DBG=/sys/kernel/debug/fxs-sim
W=/tmp/fxsd_provision
PORT=8082
URL=http://127.0.0.1:$PORT
TIMEOUT=60
BOARD=prov
httpd_pid=
fxsd_pid=
line=

log_has() {
	grep -q "$1" "$W/fxsd.log"
}

value_is() {
	[ "$(cat "$P/$1/value" 2>/dev/null)" = "$2" ]
}

ctl() {
	fxsctl --ctl "$W/sock" "$@" 2>>"$W/fxsd.log"
}

start_httpd() {
	busybox httpd -f -p 127.0.0.1:$PORT -h "$W/www" &
	httpd_pid=$!
	wait_for "wget -q -O - $URL/probe 2>/dev/null | grep -q probe"
}

stop_httpd() {
	[ -n "$httpd_pid" ] || return 0
	kill "$httpd_pid" 2>/dev/null
	wait "$httpd_pid" 2>/dev/null
	httpd_pid=
}

# start_fxsd [--set NAME=VALUE]...: fxsd on the default store and line
# settings, following the board's line; 0 once its socket is up
start_fxsd() {
	rm -f "$W/sock"
	fxsd --foreground --state "$W/state.xml" --identity "$W/id" \
		--lines "/dev/$line" --ctl "$W/sock" --option66 /nonexistent \
		--set Resync_Random_Delay=0 "$@" >>"$W/fxsd.log" 2>&1 &
	fxsd_pid=$!
	wait_for "[ -S $W/sock ] || ! kill -0 $fxsd_pid 2>/dev/null"
	[ -S "$W/sock" ] && kill -0 "$fxsd_pid" 2>/dev/null
}

stop_fxsd() {
	[ -n "$fxsd_pid" ] || return 0
	kill "$fxsd_pid" 2>/dev/null
	wait "$fxsd_pid" 2>/dev/null
	fxsd_pid=
}

board_up() {
	mkdir "$SIM/$BOARD" && echo 1 >"$SIM/$BOARD/live" || return 1
	line=$(cat "$SIM/$BOARD/line_names")
	[ -n "$line" ] && wait_for "[ -c /dev/$line ]"
}

board_down() {
	[ -d "$SIM/$BOARD" ] || return 0
	echo 0 >"$SIM/$BOARD/live" 2>/dev/null
	rmdir "$SIM/$BOARD" 2>/dev/null
}

# every params/ item removed: what unloading fxs.ko needs
params_clear() {
	for d in "$P"/*; do [ -d "$d" ] && rmdir "$d"; done
	true
}

modules_reload() {
	rmmod fxs_sim && rmmod fxs && insmod /modules/fxs.ko &&
		insmod /modules/fxs_sim.ko
}

cleanup() {
	stop_fxsd
	stop_httpd
	board_down
	params_clear 2>/dev/null
}

# ring_gaps: the frame distances between the first three ring_log entries
# after the line started ringing, "ON_FRAMES OFF_FRAMES"
ring_gaps() {
	awk 'NR <= 3 { f[NR] = $1; o[NR] = $2 }
		END { if (NR >= 3 && o[1] == 1 && o[2] == 0 && o[3] == 1)
			print f[2] - f[1], f[3] - f[2] }' "$DBG/$line/ring_log"
}

echo "TAP version 13"
if ! command -v fxsd >/dev/null || ! command -v fxs-ring >/dev/null; then
	echo "1..0 # SKIP fxsd or fxs-ring not in the guest"
	exit 0
fi
echo "1..16"
trap cleanup EXIT
trap 'exit 1' INT TERM
rm -rf "$W"
mkdir -p "$W/www"
printf 'VENDOR=openfxs\nPN=SIM\nSN=PROV0001\nMAC=00:0e:08:aa:bb:01\n' >"$W/id"
echo probe >"$W/www/probe"
cat >"$W/www/a.xml" <<XEOF
<flat-profile>
 <GPP_A>12345678</GPP_A>
 <Ring1_Cadence>60(.5/1)</Ring1_Cadence>
</flat-profile>
XEOF
ip link set lo up
start_httpd && board_up
result $? "fxsd_provision.setup: httpd on $URL, board $BOARD live ($line)"

start_fxsd --set Resync_On_Reset=Yes --set Profile_Rule="$URL/a.xml" &&
	wait_for 'log_has "Profile_Rule: applied"' && value_is GPP_A 12345678
result $? "fxsd_provision.resync_to_configfs: the resync puts GPP_A=12345678 in params/GPP_A/value"

[ "$(cat "$C/fxs/lines/$line/ring_cadence")" = "60(.5/1)" ]
result $? "fxsd_provision.cadence_to_line: Ring1_Cadence 60(.5/1) reaches lines/$line/ring_cadence ($(cat "$C/fxs/lines/$line/ring_cadence"))"

fxs-ring start "/dev/$line" && wait_for '[ -n "$(ring_gaps)" ]' &&
	fxs-ring stop "/dev/$line" && [ "$(ring_gaps)" = "50 100" ]
result $? "fxsd_provision.cadence_rings: the sim rings 50 frames on, 100 off (ring_log: $(ring_gaps))"

# a bad cadence: the whole profile refused, named in $ERR
cadence=$(cat "$C/fxs/lines/$line/ring_cadence")
cat >"$W/www/a.xml" <<XEOF
<flat-profile>
 <GPP_A>87654321</GPP_A>
 <Ring1_Cadence>60(.5/x)</Ring1_Cadence>
</flat-profile>
XEOF
! ctl resync >"$W/resync.out" && ctl status >"$W/status.out" &&
	grep -q 'Ring1_Cadence' "$W/status.out"
result $? "fxsd_provision.bad_cadence_fails: a resync with Ring1_Cadence 60(.5/x) fails and \$ERR names it ($(grep -i err "$W/status.out" | head -n1))"
value_is GPP_A 12345678 && [ "$(ctl get Ring1_Cadence)" = "60(.5/1)" ] &&
	value_is Ring1_Cadence "60(.5/1)" &&
	[ "$(cat "$C/fxs/lines/$line/ring_cadence")" = "$cadence" ]
result $? "fxsd_provision.bad_cadence_changes_nothing: GPP_A, Ring1_Cadence and the line's ring_cadence keep their values"

# a restart with the server gone: the store and the state file hold it
stop_fxsd
stop_httpd
start_fxsd && value_is GPP_A 12345678 &&
	[ "$(ctl get GPP_A)" = 12345678 ]
result $? "fxsd_provision.survives_restart: GPP_A still 12345678 after an fxsd restart"

# the modules reloaded while fxsd is stopped: params/ comes back empty
stop_fxsd
board_down
params_clear
modules_reload && [ -d "$P" ] && ! [ -d "$P/GPP_A" ]
result $? "fxsd_provision.reload_empties: rmmod/insmod of fxs_sim and fxs, params/ comes back empty"
board_up && start_fxsd && value_is GPP_A 12345678 &&
	[ "$(cat "$C/fxs/lines/$line/ring_cadence")" = "60(.5/1)" ]
result $? "fxsd_provision.reload_restores: fxsd started again restores GPP_A and the line's cadence from the state file"

# the modules removed while fxsd runs
board_down
wait_for "log_has '$line'"
params_clear
rmmod fxs_sim && rmmod fxs && ! [ -d "$C/fxs" ]
result $? "fxsd_provision.unload_under_fxsd: with the board down and params/ emptied the modules unload while fxsd runs"
sleep 1
kill -0 "$fxsd_pid" 2>/dev/null && [ "$(ctl get GPP_A)" = 12345678 ]
result $? "fxsd_provision.serves_from_memory: fxsd keeps running and serving GPP_A from memory"
insmod /modules/fxs.ko && insmod /modules/fxs_sim.ko && board_up
result $? "fxsd_provision.modules_back: the modules load again and a board goes live"
# fxsd hears fxs.ko load (a module uevent) and writes params/ back from
# memory (README: "The modules removed while fxsd runs"); the new line
# gets the line settings without a restart
wait_for "log_has 'made again (module fxs loaded)'" &&
	kill -0 "$fxsd_pid" 2>/dev/null && value_is GPP_A 12345678 &&
	[ "$(cat "$P/Admin_Passwd/access")" = na ]
result $? "fxsd_provision.params_rebuilt: fxsd running writes params/ back from memory when fxs.ko loads (GPP_A $(cat "$P/GPP_A/value" 2>/dev/null), Admin_Passwd access $(cat "$P/Admin_Passwd/access" 2>/dev/null))"
wait_for '[ "$(cat "$C/fxs/lines/$line/ring_cadence")" = "60(.5/1)" ]'
result $? "fxsd_provision.hotplug_line_settings: the board made live after the reload gets Ring1_Cadence 60(.5/1) ($(cat "$C/fxs/lines/$line/ring_cadence"))"
ctl set GPP_B=after-reload && value_is GPP_B after-reload
result $? "fxsd_provision.rebuilt_store_is_used: a set after the rebuild reaches params/GPP_B/value"
stop_fxsd
start_fxsd && value_is GPP_A 12345678 && value_is GPP_B after-reload
result $? "fxsd_provision.restart_after_rebuild: a restart keeps GPP_A and GPP_B"
[ "$fail" = 0 ] || sed 's/^/# fxsd: /' "$W/fxsd.log"
exit "$fail"
