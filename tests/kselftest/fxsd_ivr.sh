#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# In-guest test of fxsd's handset IVR on a simulated line: the handset
# goes off-hook and dials DTMF audio into the uplink; what the line plays
# back (the sim's downlink) is matched sample-exact against the real clips
# in /prompts with fxs-clips. ****: the menu; 110#: the address of
# --iface lo (10.9.8.7, lo's only address during the test) digit by digit
# and dot by dot; 140#: the identity's MAC; 150#: its firmware version;
# 999#: invalid option; 73738# then 1: factory reset (the store emptied,
# GPP_A back to its default, the reboot hook run). Skips while fxsd has
# no IVR (no --prompts). Prints TAP; exits 1 on a failure.
# cleanup() runs from the EXIT trap:
# shellcheck disable=SC2317

# shellcheck source-path=SCRIPTDIR source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
# shellcheck source-path=SCRIPTDIR source=lib/handset.sh
. "$(dirname "$0")/lib/handset.sh"

C=/sys/kernel/config
P=$C/fxs/params
SIM=$C/fxs-sim
W=/tmp/fxsd_ivr
BOARD=ivr
fxsd_pid=
line=
D=

cleanup() {
	if [ -n "$fxsd_pid" ]; then
		kill "$fxsd_pid" 2>/dev/null
		wait "$fxsd_pid" 2>/dev/null
	fi
	if [ -d "$SIM/$BOARD" ]; then
		echo 0 >"$SIM/$BOARD/live"
		rmdir "$SIM/$BOARD"
	fi
	for d in "$P"/*; do [ -d "$d" ] && rmdir "$d"; done
	ip addr flush dev lo
	ip addr add 127.0.0.1/8 dev lo
}

# ask KEYS NAME: dial KEYS, the line's answer into $W/NAME.pcm; prints
# the clips it held
ask() {
	: >"$W/$2.pcm"
	dial "$1" && listen "$W/$2.pcm"
	clips "$W/$2.pcm"
}

# says KEYS NAME EXPECTED...: the answer to KEYS is exactly these clips
says() {
	keys=$1
	name=$2
	shift 2
	got=$(ask "$keys" "$name")
	[ "$got" = "$*" ]
	result $? "fxsd_ivr.$name: $keys answers '$*' (heard '$got')"
}

echo "TAP version 13"
if ! command -v fxs-clips >/dev/null || ! [ -f /prompts/ivr-menu.s16 ] ||
	! fxsd --help 2>&1 | grep -q -- --prompts; then
	echo "1..0 # SKIP fxsd without the IVR (--prompts), or no fxs-clips or /prompts in the guest"
	exit 0
fi
echo "1..9"
trap cleanup EXIT
trap 'exit 1' INT TERM
rm -rf "$W" && mkdir -p "$W"
printf 'VENDOR=openfxs\nPN=SIM\nSN=IVR0001\nMAC=00:0e:08:ab:cd:e9\nHWVER=1.0\nSWVER=1.4.2\n' >"$W/id"
# the hook's own $0 and $*, expanded when it runs:
# shellcheck disable=SC2016
printf '#!/bin/sh\n{ echo "$0 $*"; env | grep "^FXS_" | sort; } >>%s/reboot.log\n' \
	"$W" >"$W/reboot-hook"
chmod +x "$W/reboot-hook"
ip link set lo up
ip addr flush dev lo
ip addr add 10.9.8.7/24 dev lo
mkdir "$SIM/$BOARD" && echo 1 >"$SIM/$BOARD/live"
line=$(cat "$SIM/$BOARD/line_names")
D=/sys/kernel/debug/fxs-sim/$line
wait_for "[ -c /dev/$line ]"
fxsd --foreground --state "$W/state.xml" --identity "$W/id" \
		--iface lo --lines "/dev/$line" --ctl "$W/sock" \
		--option66 /nonexistent --prompts /prompts \
		--reboot-hook "$W/reboot-hook" --set GPP_A=before-reset \
		>"$W/fxsd.log" 2>&1 &
fxsd_pid=$!
wait_for "[ -S $W/sock ] || ! kill -0 $fxsd_pid 2>/dev/null" &&
	[ -S "$W/sock" ] && [ "$(cat "$P/GPP_A/value")" = before-reset ]
result $? "fxsd_ivr.setup: board live ($line), fxsd with the IVR running, GPP_A set"

echo 1 >"$D/hook"
wait_for "[ \"\$(cat $C/fxs/lines/$line/hook)\" = off ]"
sleep 0.5
cat "$D/downlink" >/dev/null
says "****" menu ivr-menu
says "110#" ip_address ip-address digit-1 digit-0 dot digit-9 dot digit-8 dot digit-7
says "140#" mac_address mac-address digit-0 digit-0 digit-0 letter-e digit-0 digit-8 \
	letter-a letter-b letter-c letter-d letter-e digit-9
says "150#" firmware firmware-version digit-1 dot digit-4 dot digit-2
says "999#" invalid_code invalid-option
says "73738#" reset_asks factory-reset please-confirm
: >"$W/done.pcm"
dial 1 && listen "$W/done.pcm"
wait_for "[ -s $W/reboot.log ]" && [ -z "$(cat "$P/GPP_A/value")" ] &&
	{ ! [ -e "$W/state.xml" ] || ! grep -q before-reset "$W/state.xml"; }
result $? "fxsd_ivr.reset_done: after 1 the store is back to defaults (GPP_A '$(cat "$P/GPP_A/value")') and the state file holds no GPP_A"
[ -s "$W/reboot.log" ]
result $? "fxsd_ivr.reset_reboots: the reboot hook ran ($(head -n1 "$W/reboot.log" 2>/dev/null))"
echo 0 >"$D/hook"
[ "$fail" = 0 ] || sed 's/^/# fxsd: /' "$W/fxsd.log"
exit "$fail"
