#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# In-guest test of fxsd's handset IVR on a simulated line: the handset
# goes off-hook and dials DTMF audio into the uplink; what the line plays
# back (the sim's downlink) is matched sample-exact against the real clips
# in /prompts with fxs-clips. ****: the menu; 110#: the address of
# --iface lo (10.9.8.7, lo's only address during the test) digit by digit
# and dot by dot; 140#: the MAC ($MA, from --iface: lo's); 150#: the
# identity's firmware version;
# 999#: invalid option; 111# a static IP set and saved (the network
# hook run with it), refused by the hook (rolled back), cancelled with *,
# abandoned with **, dropped by an on-hook mid-entry; the menu's
# --ivr-timeout; IVR_Admin_Passwd wrong and right; 73738# then 1: factory
# reset (the store emptied, GPP_A back to its default, the reboot hook
# run). Skips while fxsd has no IVR (no --prompts). Prints TAP; exits 1
# on a failure.
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
echo "1..25"
trap cleanup EXIT
trap 'exit 1' INT TERM
rm -rf "$W" && mkdir -p "$W"
printf 'VENDOR=openfxs\nPN=SIM\nSN=IVR0001\nMAC=00:0e:08:ab:cd:e9\nHWVER=1.0\nSWVER=1.4.2\n' >"$W/id"
# the hook's own $0 and $*, expanded when it runs:
# shellcheck disable=SC2016
printf '#!/bin/sh\n{ echo "$0 $*"; env | grep "^FXS_" | sort; } >>%s/reboot.log\n' \
	"$W" >"$W/reboot-hook"
# the network hook exits with the number in $W/net-rc (0 when none)
# shellcheck disable=SC2016
printf '#!/bin/sh\n{ echo "$0 $*"; env | grep "^FXS_" | sort; } >>%s/net.log\nexit $(cat %s/net-rc 2>/dev/null || echo 0)\n' \
	"$W" "$W" >"$W/net-hook"
chmod +x "$W/reboot-hook" "$W/net-hook"
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
		--reboot-hook "$W/reboot-hook" --network-hook "$W/net-hook" \
		--ivr-timeout 12000 --set GPP_A=before-reset \
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
# $MA comes from --iface (README), so the MAC spoken is lo's
mac=$(sed 's/://g; s/[a-f]/ letter-&/g; s/\([0-9]\)/ digit-\1/g' \
	/sys/class/net/lo/address)
# shellcheck disable=SC2086 # one word a clip
says "140#" mac_address mac-address $mac
says "150#" firmware firmware-version digit-1 dot digit-4 dot digit-2
says "999#" invalid_code invalid-option
# a static IP: asked, read back, saved; the hook gets it
says "111#" set_asks ip-address enter-value
says "10*9*8*20#" set_reads_back digit-1 digit-0 dot digit-9 dot digit-8 dot \
	digit-2 digit-0 review-options
says "1" set_saved option-successful
[ "$(cat "$P/Static_IP/value")" = 10.9.8.20 ] && grep -q 10.9.8.20 "$W/net.log"
result $? "fxsd_ivr.set_applied: Static_IP is 10.9.8.20 and the network hook saw it ($(tr '\n' ' ' <"$W/net.log" 2>/dev/null))"
# the hook refuses: option failed, the old value back
echo 1 >"$W/net-rc"
ask "111#" set2 >/dev/null
ask "10*9*8*30#" set2_back >/dev/null
says "1" hook_fails option-failed
[ "$(cat "$P/Static_IP/value")" = 10.9.8.20 ]
result $? "fxsd_ivr.hook_fails_rolls_back: Static_IP still 10.9.8.20 ($(cat "$P/Static_IP/value"))"
rm -f "$W/net-rc"
# * at the save menu cancels, ** abandons an entry
ask "111#" set3 >/dev/null
ask "10*9*8*40#" set3_back >/dev/null
says "*" star_cancels option-cancelled
says "12**" stars_abandon option-cancelled
[ "$(cat "$P/Static_IP/value")" = 10.9.8.20 ]
result $? "fxsd_ivr.cancel_keeps: Static_IP still 10.9.8.20 after * and **"
# on-hook mid-entry: nothing saved
ask "111#" set4 >/dev/null
dial "10*9*8*50"
echo 0 >"$D/hook"
wait_for "[ \"\$(cat $C/fxs/lines/$line/hook)\" = on ]"
echo 1 >"$D/hook"
wait_for "[ \"\$(cat $C/fxs/lines/$line/hook)\" = off ]"
says "****" menu_again ivr-menu
[ "$(cat "$P/Static_IP/value")" = 10.9.8.20 ]
result $? "fxsd_ivr.onhook_mid_entry: hanging up mid-entry saves nothing"
# the menu's timeout (--ivr-timeout 12000): goodbye
: >"$W/timeout.pcm"
listen "$W/timeout.pcm"
got=$(clips "$W/timeout.pcm")
[ "$got" = goodbye ]
result $? "fxsd_ivr.timeout: a silent menu ends with '$got'"
says "****" menu_after_timeout ivr-menu
# the password guards the options that change things
fxsctl --ctl "$W/sock" set IVR_Admin_Passwd=4321 2>>"$W/fxsd.log"
says "73738#" password_asked enter-password
says "1111#" password_wrong invalid-password
says "73738#" password_asked_again enter-password
says "4321#" reset_asks factory-reset please-confirm
: >"$W/done.pcm"
dial 1 && listen "$W/done.pcm"
wait_for "[ -s $W/reboot.log ]" && [ -z "$(cat "$P/GPP_A/value")" ] &&
	{ ! [ -e "$W/state.xml" ] || ! grep -q before-reset "$W/state.xml"; }
result $? "fxsd_ivr.reset_done: after 1 the store is back to defaults (GPP_A '$(cat "$P/GPP_A/value")') and the state file holds no GPP_A"
[ -s "$W/reboot.log" ] && [ -z "$(cat "$P/Static_IP/value")" ]
result $? "fxsd_ivr.reset_reboots: the reboot hook ran ($(head -n1 "$W/reboot.log" 2>/dev/null)), Static_IP back to '' "
echo 0 >"$D/hook"
[ "$fail" = 0 ] || sed 's/^/# fxsd: /' "$W/fxsd.log"
exit "$fail"
