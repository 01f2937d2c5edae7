#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# In-guest end-to-end test of fxsd following its lines: fxsd runs on the
# default glob /dev/fxs[0-9]* before any sim board exists; boards made live
# while it runs are picked up (inotify on /dev), their hook changes and
# DTMF digits (hw_dtmf boards, debugfs digit) show in `fxsctl status`
# "lines:", a resync a Resync_Trigger asks for is held back by a line that
# went off-hook after fxsd opened it (state from the events, not an ioctl),
# boards taken down or removed are dropped without fxsd exiting, a node
# that is not a line is reported once, and a wildcard in the --lines
# directory is refused. Prints TAP; exits 1 on a failure. Needs fxsd and
# fxsctl in /bin (the VM harness copies them when build/fxsd exists).
# cleanup() runs from the EXIT trap:
# shellcheck disable=SC2317

# result, wait_for: the in-guest tests' TAP helpers (the VM harness copies
# tests/kselftest/lib/ to /tests/lib/)
# shellcheck source-path=SCRIPTDIR source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"

C=/sys/kernel/config
SIM=$C/fxs-sim
DBG=/sys/kernel/debug/fxs-sim
W=/tmp/fxsd_events
LOG=$W/fxsd.log
SOCK=$W/fxsd.sock
TIMEOUT=60
fxsd_pid=
boards=

log_has() {
	grep -q "$1" "$LOG"
}

log_count() {
	grep -c "$1" "$LOG"
}

status() {
	fxsctl --ctl "$SOCK" status 2>>"$LOG"
}

# line_is NAME TEXT: fxsctl status shows "  NAME: TEXT"
line_is() {
	status | grep -qx "  $1: $2"
}

# line_absent NAME: fxsctl status answers and does not list NAME
line_absent() {
	s=$(status) && ! echo "$s" | grep -q "^  $1: "
}

alive() {
	kill -0 "$fxsd_pid" 2>/dev/null
}

# board_up NAME LINES: a live hw_dtmf board; its line names in $lines
board_up() {
	mkdir "$SIM/$1" && echo "$2" >"$SIM/$1/num_lines" &&
		echo 1 >"$SIM/$1/hw_dtmf" && echo 1 >"$SIM/$1/live" || return 1
	boards="$boards $1"
	lines=$(cat "$SIM/$1/line_names")
	[ -n "$lines" ]
}

board_rm() {
	if [ -d "$SIM/$1" ]; then
		echo 0 >"$SIM/$1/live" 2>/dev/null
		rmdir "$SIM/$1" 2>/dev/null
	fi
}

# hook NAME 0|1 and the core's debounced state following it
hook() {
	want=on
	[ "$2" = 1 ] && want=off
	echo "$2" >"$DBG/$1/hook" &&
		wait_for "[ \"\$(cat $C/fxs/lines/$1/hook)\" = $want ]"
}

cleanup() {
	if [ -n "$fxsd_pid" ]; then
		kill "$fxsd_pid" 2>/dev/null
		wait "$fxsd_pid" 2>/dev/null
	fi
	for b in $boards; do
		board_rm "$b"
	done
	rm -f /dev/fxs99
	if [ "$fail" != 0 ] && [ -f "$LOG" ]; then
		sed 's/^/# fxsd: /' "$LOG"
	fi
}

echo "TAP version 13"
if ! command -v fxsd >/dev/null || ! command -v fxsctl >/dev/null; then
	echo "1..0 # SKIP fxsd or fxsctl not in the guest (make build/fxsd build/fxsctl)"
	exit 0
fi
echo "1..23"
trap cleanup EXIT
trap 'exit 1' INT TERM
rm -rf "$W"
mkdir -p "$W"

printf 'VENDOR=openfxs\nPN=SIM\nSN=events\nMAC=00:0e:08:12:34:57\n' >"$W/id"

# A wildcard in the directory part is refused at start.
fxsd --foreground --store "$W/bad.store" --state "$W/bad.state" \
	--identity "$W/id" --ctl "$W/bad.sock" --line-config "" \
	--lines '/d*v/fxs[0-9]*' >"$W/bad.log" 2>&1 </dev/null
rc=$?
[ "$rc" = 2 ] && grep -q "wildcards only in the file name" "$W/bad.log"
result $? "fxsd_events.glob_dir_wildcard_refused: --lines '/d*v/fxs[0-9]*' exits 2 naming the problem (rc $rc)"

# fxsd on the default glob, before any board. The one rule only
# assigns (no server needed); Resync_Trigger_1 holds, so every explicit
# resync asks for a scheduled one 1 s later.
fxsd --foreground --store "$W/store" --state "$W/state" --identity "$W/id" \
	--ctl "$SOCK" --line-config "" \
	--set Resync_On_Reset=No --set Resync_Periodic=0 \
	--set Forced_Resync_Delay=3600 \
	--set 'Profile_Rule=( GPP_B = "ran" ; )!' \
	--set 'Resync_Trigger_1=! 1.0.33' >"$LOG" 2>&1 &
fxsd_pid=$!
wait_for "[ -S $SOCK ] || ! alive"
alive && status | grep -q '^lines: '
result $? "fxsd_events.start: fxsd runs on /dev/fxs[0-9]* and status has a lines: section"

# A board made live while fxsd runs is picked up, both lines on-hook.
board_up fxsd_e1 2
result $? "fxsd_events.board_live: a 2-line hw_dtmf board live ($lines)"
l1=${lines%% *}
l2=${lines#* }
wait_for "line_is $l1 'on-hook, digits: (none)' && line_is $l2 'on-hook, digits: (none)'"
result $? "fxsd_events.board_picked_up: status lists $l1 and $l2 on-hook, no digits"

# Hook changes and digits, as the events tell them.
hook "$l1" 1 && wait_for "line_is $l1 'off-hook, digits: (none)'" &&
	line_is "$l2" 'on-hook, digits: (none)'
result $? "fxsd_events.offhook_shown: $l1 off-hook in status, $l2 still on-hook"
for d in 4 2 '#'; do
	echo "$d" >"$DBG/$l1/digit" || break
done
wait_for "line_is $l1 'off-hook, digits: 42#'"
result $? "fxsd_events.dtmf_shown: digits 4 2 # typed on $l1 show in status"
hook "$l1" 0 && wait_for "line_is $l1 'on-hook, digits: 42#'"
result $? "fxsd_events.onhook_keeps_digits: on-hook, the digits stay until the next off-hook"
hook "$l1" 1 && wait_for "line_is $l1 'off-hook, digits: (none)'"
result $? "fxsd_events.offhook_clears_digits: off-hook again clears them"

# The line went off-hook after fxsd opened it (so only the events can
# tell): the resync the trigger asks for after fxsctl resync is held back
# until it is on-hook again.
out=$(fxsctl --ctl "$SOCK" resync 2>&1)
[ "$out" = "resync ok" ] && [ "$(log_count 'assignment applied, nothing to fetch')" = 1 ]
result $? "fxsd_events.explicit_resync_runs: fxsctl resync is never held back ('$out')"
wait_for 'log_has "resync deferred: a line is in use"' &&
	[ "$(log_count 'assignment applied, nothing to fetch')" = 1 ]
result $? "fxsd_events.trigger_resync_deferred: the triggered resync is deferred while $l1 is off-hook"
hook "$l1" 0 &&
	wait_for "[ \$(log_count 'assignment applied, nothing to fetch') = 2 ]"
result $? "fxsd_events.deferred_runs_on_onhook: after on-hook the deferred resync runs"

# A second board while running; then the first taken down: its lines
# are dropped, fxsd keeps running and keeps the other board's line.
board_up fxsd_e2 1
l3=$lines
wait_for "line_is $l3 'on-hook, digits: (none)'"
result $? "fxsd_events.second_board_picked_up: $l3 of a board made live later is listed"
echo 0 >"$SIM/fxsd_e1/live" &&
	wait_for "line_absent $l1 && line_absent $l2" && alive &&
	line_is "$l3" 'on-hook, digits: (none)'
result $? "fxsd_events.board_down_dropped: live=0 drops $l1 and $l2; fxsd runs on with $l3"
log_has "line $l1: gone" || log_has "line /dev/$l1: node removed"
result $? "fxsd_events.drop_logged: the drop of $l1 is logged"

# rmdir of a live board (its line off-hook) drops it too.
hook "$l3" 1 && wait_for "line_is $l3 'off-hook, digits: (none)'" &&
	rmdir "$SIM/fxsd_e2" && wait_for "line_absent $l3" && alive
result $? "fxsd_events.board_rmdir_dropped: rmdir of a live board drops $l3; fxsd runs on"

# A board made after those removals (its line may reuse a name) is
# picked up anew.
board_up fxsd_e3 1
l4=$lines
wait_for "line_is $l4 'on-hook, digits: (none)'"
result $? "fxsd_events.new_board_after_removal: $l4 is listed, on-hook"
echo '*' >"$DBG/$l4/digit"
hook "$l4" 1 && echo 9 >"$DBG/$l4/digit" &&
	wait_for "line_is $l4 'off-hook, digits: 9'"
result $? "fxsd_events.new_board_events: $l4's events are followed (off-hook clears an on-hook digit)"

# A node matching the glob that is not a line: reported once, retried
# (not logged again) when it changes, forgotten when removed.
: >/dev/fxs99
wait_for "status | grep -q '^  /dev/fxs99: not open: '" && alive
result $? "fxsd_events.not_a_line_listed: /dev/fxs99 (a plain file) is listed as not open"
chmod 600 /dev/fxs99 && wait_for "[ \$(log_count 'line /dev/fxs99: not an FXS line') = 1 ]" &&
	status | grep -q '^  /dev/fxs99: not open: '
result $? "fxsd_events.not_a_line_logged_once: tried again after chmod, logged once"
rm -f /dev/fxs99 && wait_for "! status | grep -q '/dev/fxs99'"
result $? "fxsd_events.not_a_line_forgotten: removed, it leaves the status"

# Busy lines (l4 off-hook) still count after all that: a new trigger
# resync is deferred again.
before=$(log_count "resync deferred: a line is in use")
fxsctl --ctl "$SOCK" resync >/dev/null 2>>"$LOG" &&
	wait_for "[ \$(log_count 'resync deferred: a line is in use') -gt $before ]"
result $? "fxsd_events.deferred_by_new_line: $l4 off-hook holds back the triggered resync"

# The end: the last board removed, fxsd still answers and exits
# cleanly on SIGTERM.
board_rm fxsd_e3
wait_for "line_absent $l4" && alive && status | grep -q '^lines: '
result $? "fxsd_events.all_gone_still_running: every board removed, fxsd answers status"
kill "$fxsd_pid"
wait "$fxsd_pid"
rc=$?
fxsd_pid=
[ "$rc" = 0 ]
result $? "fxsd_events.clean_exit: SIGTERM ends fxsd with status 0 (rc $rc)"
exit $fail
