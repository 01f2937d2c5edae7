#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# In-guest end-to-end test of fxsd's line hold-back: fxsd watches a
# simulated line (fxs_sim board, /dev/fxsN) and resyncs from a busybox
# httpd on 127.0.0.1. With the line on-hook the power-up resync runs at
# once; off-hook it is held back (profile not applied) until the line goes
# on-hook, or until Forced_Resync_Delay when it stays off-hook. Also: the
# line parameters reach the kernel's lines/fxsN settings.
# Prints TAP; exits 1 on a failure. Needs fxsd and fxsctl in /bin (the VM
# harness copies them with their libraries when build/fxsd exists).
# cleanup() runs from the EXIT trap:
# shellcheck disable=SC2317

# result, wait_for: the in-guest tests' TAP helpers (the VM harness copies
# tests/kselftest/lib/ to /tests/lib/)
# shellcheck source-path=SCRIPTDIR source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"

C=/sys/kernel/config
SIM=$C/fxs-sim
DBG=/sys/kernel/debug/fxs-sim
W=/tmp/fxsd_lines
PORT=8080
URL=http://127.0.0.1:$PORT
TIMEOUT=60
FORCED=10
httpd_pid=
fxsd_pid=
board=
line=

log_has() {
	grep -q "$1" "$W/$board.log"
}

get() {
	fxsctl --ctl "$W/$board.sock" get "$1" 2>>"$W/$board.log"
}

# the line's debounced hook state as the core sees it: on or off
hook_is() {
	[ "$(cat "$C/fxs/lines/$line/hook" 2>/dev/null)" = "$1" ]
}

stop_fxsd() {
	if [ -n "$fxsd_pid" ]; then
		kill "$fxsd_pid" 2>/dev/null
		wait "$fxsd_pid" 2>/dev/null
		fxsd_pid=
	fi
}

stop_board() {
	[ -n "$board" ] || return 0
	if [ -d "$SIM/$board" ]; then
		echo 0 >"$SIM/$board/live" 2>/dev/null
		rmdir "$SIM/$board" 2>/dev/null
	fi
	board=
	line=
}

cleanup() {
	stop_fxsd
	stop_board
	if [ -n "$httpd_pid" ]; then
		kill "$httpd_pid" 2>/dev/null
		wait "$httpd_pid" 2>/dev/null
		httpd_pid=
	fi
}

# start_case NAME OFFHOOK FORCED_DELAY [--set NAME=VALUE]...: a live
# board, the line off-hook when OFFHOOK is 1, then fxsd on it (writing the
# line settings to configfs only when LINE_CONFIG is set); 0 when all of
# that worked
start_case() {
	board=$1
	offhook=$2
	forced=$3
	shift 3
	case_fail=0
	mkdir "$SIM/$board" || return 1
	echo 1 >"$SIM/$board/live" || return 1
	line=$(cat "$SIM/$board/line_names")
	[ -n "$line" ] && wait_for "[ -c /dev/$line ]" || return 1
	if [ "$offhook" = 1 ]; then
		echo 1 >"$DBG/$line/hook" && wait_for 'hook_is off' || return 1
	else
		hook_is on || return 1
	fi
	printf '<flat-profile>\n <GPP_A>%s-applied</GPP_A>\n</flat-profile>\n' \
		"$board" >/tmp/www/"$board".xml
	printf 'VENDOR=openfxs\nPN=SIM\nSN=%s\nMAC=00:0e:08:12:34:56\n' \
		"$board" >"$W/$board.id"
	rm -rf "$W/$board.store" "$W/$board.state" "$W/$board.log"
	fxsd --foreground --store "$W/$board.store" --state "$W/$board.state" \
		--identity "$W/$board.id" --lines "/dev/$line" \
		--line-config "${LINE_CONFIG:-}" --ctl "$W/$board.sock" \
		--set Resync_On_Reset=Yes --set Resync_Random_Delay=0 \
		--set Forced_Resync_Delay="$forced" \
		--set Profile_Rule="$URL/$board.xml" "$@" \
		>"$W/$board.log" 2>&1 &
	fxsd_pid=$!
	wait_for "[ -S $W/$board.sock ] || ! kill -0 $fxsd_pid 2>/dev/null"
	[ -S "$W/$board.sock" ] && kill -0 "$fxsd_pid" 2>/dev/null
}

# the end of a case: the fxsd log as comments when one of its checks failed
end_case() {
	if [ "$case_fail" != 0 ] && [ -f "$W/$board.log" ]; then
		sed 's/^/# fxsd: /' "$W/$board.log"
	fi
	stop_fxsd
	stop_board
}

# Control: on-hook from the start, the power-up resync is not held back.
case_onhook() {
	start_case fxsd_l0 0 "$FORCED"
	result $? "fxsd_lines.onhook_setup: board live, line on-hook, fxsd running"
	wait_for 'log_has "Profile_Rule: applied"'
	result $? "fxsd_lines.onhook_powerup_resync_runs: the power-up resync applies the profile"
	[ "$(get GPP_A)" = "fxsd_l0-applied" ]
	result $? "fxsd_lines.onhook_value_applied: fxsctl get GPP_A gives the profile's value"
	! log_has "resync deferred"
	result $? "fxsd_lines.onhook_not_held_back: no 'resync deferred' in the log"
	end_case
}

# line_attr_is ATTR VALUE: the kernel's setting of the case's line
line_attr_is() {
	[ "$(cat "$C/fxs/lines/$line/$1" 2>/dev/null)" = "$2" ]
}

# the SPA line number fxsd gives the case's line: its rank among
# lines/fxsN by N (1 unless another board, e.g. a device-tree one, holds
# lower numbers)
line_number() {
	for l in "$C"/fxs/lines/fxs*; do
		[ -d "$l" ] && echo "${l##*/fxs}"
	done | sort -n | grep -nx "${line#fxs}" | cut -d: -f1
}

# fxsd pushes the line parameters onto the kernel's lines/fxsN settings,
# at start (converting seconds to ms) and after fxsctl set. The table has
# Idle_Polarity_1_ and Caller_Conn_Polarity_2_ for Lines 1 and 2 only:
# Line 1 idles in reverse, Line 2 connects in reverse, other lines keep
# forward for both.
case_lineconf() {
	LINE_CONFIG=$C/fxs/lines start_case fxsd_l3 0 "$FORCED" \
		--set Ring_Frequency=30 --set Ring1_Cadence="30(1/2)" \
		--set Hook_Flash_Timer_Min=.2 --set Hook_Flash_Timer_Max=1.5 \
		--set FXS_Port_Input_Gain=-6 --set FXS_Port_Output_Gain=2 \
		--set CPC_Delay=1.5 --set CPC_Duration=.3 \
		--set Idle_Polarity_1_=Reverse --set Caller_Conn_Polarity_2_=Reverse
	result $? "fxsd_lines.lineconf_setup: board live, fxsd running with --line-config"
	number=$(line_number)
	idle=forward conn=forward
	[ "$number" = 1 ] && idle=reverse
	[ "$number" = 2 ] && conn=reverse
	line_attr_is ring_frequency 30 && line_attr_is ring_cadence "30(1/2)"
	result $? "fxsd_lines.lineconf_ring_settings: Ring_Frequency and Ring1_Cadence reach lines/$line"
	line_attr_is flash_min_ms 200 && line_attr_is flash_max_ms 1500
	result $? "fxsd_lines.lineconf_flash_in_ms: Hook_Flash_Timer_Min/Max .2/1.5 s become 200/1500 ms"
	line_attr_is input_gain_db -6 && line_attr_is output_gain_db 2 &&
		line_attr_is cpc_delay_ms 1500 && line_attr_is cpc_duration_ms 300 &&
		line_attr_is idle_polarity "$idle" &&
		line_attr_is caller_conn_polarity "$conn"
	result $? "fxsd_lines.lineconf_analog: gains, CPC in ms and Line $number's polarities (idle $idle, connected $conn) reach lines/$line"
	[ "$(cat "$DBG/$line/gains")" = "-6 2" ] &&
		[ "$(cat "$DBG/$line/linefeed")" = "$idle-active" ]
	result $? "fxsd_lines.lineconf_analog_in_the_chip: the sim got the gains and idles $idle"
	# the table takes any tone script; the kernel, two sections at most:
	# fxsd checks with the kernel's own parser and refuses the set
	busy=$(cat "$C/fxs/lines/$line/tone_busy")
	stored=$(get Busy_Tone)
	! fxsctl --ctl "$W/$board.sock" set "Busy_Tone=480@-19;1(.5/.5/1);1(.5/.5/1);1(.5/.5/1)" \
		2>"$W/set.err" &&
		grep -q "Busy_Tone '480@-19;1(.5/.5/1);1(.5/.5/1);1(.5/.5/1)': the kernel's tone grammar refuses it" "$W/set.err" &&
		[ "$(get Busy_Tone)" = "$stored" ] && line_attr_is tone_busy "$busy"
	result $? "fxsd_lines.lineconf_refused_fails: fxsctl set of a tone the kernel refuses (three sections) fails with the reason; neither the store nor the line changes"
	cat "$W/set.err" >>"$W/$board.log"
	fxsctl --ctl "$W/$board.sock" set FXS_Port_Output_Gain=-2.5 2>>"$W/$board.log" &&
		wait_for "line_attr_is output_gain_db -3"
	result $? "fxsd_lines.lineconf_gain_rounded: FXS_Port_Output_Gain -2.5 dB reaches the line as -3 (whole dB)"
	fxsctl --ctl "$W/$board.sock" set Ring_Frequency=40 2>>"$W/$board.log" &&
		line_attr_is ring_frequency 40
	result $? "fxsd_lines.lineconf_follows_fxsctl_set: fxsctl set Ring_Frequency=40 reaches the line"
	# a store that already holds a value the kernel refuses (written while
	# fxsd was not running) is met only at the start's push: the kernel
	# refuses the write, which is logged, and the line keeps its value
	stop_fxsd
	printf %s "480@-19;1(1/1/1);1(1/1/1);1(1/1/1)" >"$W/$board.store/Busy_Tone/value"
	fxsd --foreground --store "$W/$board.store" --identity "$W/$board.id" \
		--lines "/dev/$line" --line-config "$C/fxs/lines" \
		--ctl "$W/$board.sock" --set Resync_On_Reset=No >>"$W/$board.log" 2>&1 &
	fxsd_pid=$!
	wait_for "log_has \"Busy_Tone '480@-19;1(1/1/1);1(1/1/1);1(1/1/1)' -> $line/tone_busy\"" &&
		line_attr_is tone_busy "$busy" && line_attr_is ring_frequency 40
	result $? "fxsd_lines.lineconf_refused_at_write_logged: a refused value already in the store at start is logged and tone_busy keeps its value"
	end_case
}

# held_back: the resync is deferred, nothing fetched, nothing applied
held_back() {
	wait_for 'log_has "resync deferred: a line is in use"'
	result $? "fxsd_lines.$1_deferred: off-hook, the power-up resync is logged as deferred"
	v=$(get GPP_A)
	rc=$?
	[ "$rc" = 0 ] && [ -z "$v" ] && ! log_has "Profile_Rule: requesting"
	result $? "fxsd_lines.$1_not_applied_yet: GPP_A still empty and no request made (fxsctl rc $rc, '$v')"
}

# Case A: off-hook at start, then on-hook releases the resync. The forced
# delay is far beyond the timeout so only the on-hook can release it.
case_release() {
	start_case fxsd_l1 1 3600
	result $? "fxsd_lines.release_setup: board live, line off-hook, fxsd running"
	held_back release
	echo 0 >"$DBG/$line/hook"
	wait_for 'log_has "Profile_Rule: applied"'
	result $? "fxsd_lines.release_resync_runs_on_onhook: after on-hook the resync applies the profile"
	[ "$(get GPP_A)" = "fxsd_l1-applied" ] && ! log_has "Forced_Resync_Delay of"
	result $? "fxsd_lines.release_value_applied: GPP_A has the profile's value, not forced"
	end_case
}

# Case B: the line stays off-hook; the resync is forced after the delay.
case_forced() {
	start_case fxsd_l2 1 "$FORCED"
	result $? "fxsd_lines.forced_setup: board live, line off-hook, fxsd running"
	held_back forced
	wait_for "log_has 'Forced_Resync_Delay of $FORCED s passed'"
	result $? "fxsd_lines.forced_after_delay: the resync is forced while off-hook"
	wait_for 'log_has "Profile_Rule: applied"' &&
		[ "$(get GPP_A)" = "fxsd_l2-applied" ] && hook_is off
	result $? "fxsd_lines.forced_value_applied: GPP_A has the profile's value, line still off-hook"
	end_case
}

echo "TAP version 13"
if ! command -v fxsd >/dev/null || ! command -v fxsctl >/dev/null; then
	echo "1..0 # SKIP fxsd or fxsctl not in the guest (make build/fxsd build/fxsctl)"
	exit 0
fi
echo "1..24"
trap cleanup EXIT
trap 'exit 1' INT TERM
rm -rf "$W" /tmp/www
mkdir -p "$W" /tmp/www
ip link set lo up
busybox httpd -f -p 127.0.0.1:$PORT -h /tmp/www &
httpd_pid=$!
echo probe >/tmp/www/probe
wait_for "wget -q -O - $URL/probe 2>/dev/null | grep -q probe"
result $? "fxsd_lines.httpd_serves: busybox httpd answers on $URL"

case_onhook
case_release
case_forced
case_lineconf
exit $fail
