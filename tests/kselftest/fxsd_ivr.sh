#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# In-guest test of fxsd's handset IVR on a simulated line: the handset
# goes off-hook and dials DTMF audio into the uplink; what the line plays
# back (the sim's downlink) is matched sample-exact against the real clips
# in /prompts with fxs-clips. fxsd runs with --iface on dummy0 (dummy.ko
# from /modules): MAC 02:0e:fa:bc:d5:19, 10.9.8.7/20, default gateway
# 10.9.0.1, and --resolv-conf naming 10.9.3.53 first. ****: the menu;
# 110#, 120#, 130#, 140# (the interface's MAC letter by letter, not the
# identity file's), 150# (the identity's firmware), 160#: each answer
# exactly; a key mid-prompt cuts the menu short and the next answer
# follows; 999#: invalid option; 111# a static IP set and saved (the
# network hook run with it), refused by the hook (rolled back), cancelled
# with *, abandoned with **, dropped by an on-hook mid-entry;
# IVR_Admin_Passwd wrong and right; 732668#: the reboot hook run;
# 73738# then 1: factory reset (the store emptied, GPP_A back to its
# default, the reboot hook run); then fxsd again with --ivr-timeout 4000:
# an answer longer than that is spoken whole before goodbye, and a silent
# menu ends with goodbye. Each answer is awaited until fxs-clips
# finds it whole (hear), not for a fixed time. Skips while fxsd has no
# IVR (no --prompts). Prints TAP; exits 1 on a failure.
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
IF=dummy0
MAC=02:0e:fa:bc:d5:19
fxsd_pid=
line=
D=

stop_fxsd() {
	if [ -n "$fxsd_pid" ]; then
		kill "$fxsd_pid" 2>/dev/null
		wait "$fxsd_pid" 2>/dev/null
	fi
	fxsd_pid=
}

cleanup() {
	stop_fxsd
	if [ -d "$SIM/$BOARD" ]; then
		echo 0 >"$SIM/$BOARD/live"
		rmdir "$SIM/$BOARD"
	fi
	for d in "$P"/*; do [ -d "$d" ] && rmdir "$d"; done
	rmmod dummy 2>/dev/null
}

# start_fxsd MS [ARGS]: fxsd on the line and $IF, --ivr-timeout MS; true
# once its control socket is up
start_fxsd() {
	ms=$1
	shift
	rm -f "$W/sock"
	fxsd --foreground --state "$W/state.xml" --identity "$W/id" \
		--iface "$IF" --lines "/dev/$line" --ctl "$W/sock" \
		--option66 /nonexistent --prompts /prompts \
		--resolv-conf "$W/resolv.conf" \
		--reboot-hook "$W/reboot-hook" --network-hook "$W/net-hook" \
		--ivr-timeout "$ms" "$@" >>"$W/fxsd.log" 2>&1 &
	fxsd_pid=$!
	wait_for "[ -S $W/sock ] || ! kill -0 $fxsd_pid 2>/dev/null" &&
		[ -S "$W/sock" ]
}

# says KEYS NAME EXPECTED...: dial KEYS; the line's answer (into
# $W/NAME.pcm) is exactly these clips
says() {
	keys=$1
	name=$2
	shift 2
	: >"$W/$name.pcm"
	dial "$keys" && hear "$W/$name.pcm" "$*"
	got=$(clips "$W/$name.pcm")
	[ "$got" = "$*" ]
	result $? "fxsd_ivr.$name: $keys answers '$*' (heard '$got')"
}

# goodbye_after NAME WHAT: with no key pressed, the line says goodbye
# and nothing else (into $W/NAME.pcm)
goodbye_after() {
	: >"$W/$1.pcm"
	hear "$W/$1.pcm" goodbye
	got=$(clips "$W/$1.pcm")
	[ "$got" = goodbye ]
	result $? "fxsd_ivr.$1: $2 ends the menu with '$got'"
}

# hook_to on|off: the handset's hook, and the kernel seeing it
hook_to() {
	if [ "$1" = off ]; then echo 1 >"$D/hook"; else echo 0 >"$D/hook"; fi
	wait_for "[ \"\$(cat $C/fxs/lines/$line/hook)\" = $1 ]"
}

echo "TAP version 13"
if ! command -v fxs-clips >/dev/null || ! [ -f /prompts/ivr-menu.s16 ] ||
	! fxsd --help 2>&1 | grep -q -- --prompts; then
	echo "1..0 # SKIP fxsd without the IVR (--prompts), or no fxs-clips or /prompts in the guest"
	exit 0
fi
echo "1..44"
started=$(date +%s)
trap cleanup EXIT
trap 'exit 1' INT TERM
rm -rf "$W" && mkdir -p "$W"
printf 'VENDOR=openfxs\nPN=SIM\nSN=IVR0001\nMAC=00:0e:08:ab:cd:e9\nHWVER=1.0\nSWVER=1.4.2\n' >"$W/id"
printf '# the test resolver\nsearch ivr.test\nnameserver 10.9.3.53\nnameserver 10.9.3.54\n' \
	>"$W/resolv.conf"
# the hook's own $0 and $*, expanded when it runs:
# shellcheck disable=SC2016
printf '#!/bin/sh\n{ echo "$0 $*"; env | grep "^FXS_" | sort; } >>%s/reboot.log\n' \
	"$W" >"$W/reboot-hook"
# the network hook exits with the number in $W/net-rc (0 when none)
# shellcheck disable=SC2016
printf '#!/bin/sh\n{ echo "$0 $*"; env | grep "^FXS_" | sort; } >>%s/net.log\nexit $(cat %s/net-rc 2>/dev/null || echo 0)\n' \
	"$W" "$W" >"$W/net-hook"
chmod +x "$W/reboot-hook" "$W/net-hook"
{ [ -d /sys/class/net/$IF ] || insmod /modules/dummy.ko numdummies=1; } &&
	ip link set "$IF" address "$MAC" && ip link set "$IF" up &&
	ip addr add 10.9.8.7/20 dev "$IF" &&
	ip route add default via 10.9.0.1 dev "$IF" &&
	[ "$(cat /sys/class/net/$IF/address)" = "$MAC" ]
result $? "fxsd_ivr.iface: $IF up with $MAC, 10.9.8.7/20, default via 10.9.0.1 ($(ip -4 addr show dev "$IF" 2>&1 | grep inet) $(ip route 2>&1 | grep default))"
mkdir "$SIM/$BOARD" && echo 1 >"$SIM/$BOARD/live"
line=$(cat "$SIM/$BOARD/line_names")
D=/sys/kernel/debug/fxs-sim/$line
wait_for "[ -c /dev/$line ]"
start_fxsd 30000 --set GPP_A=before-reset &&
	[ "$(cat "$P/GPP_A/value")" = before-reset ]
result $? "fxsd_ivr.setup: board live ($line), fxsd with the IVR running, GPP_A set"

hook_to off
cat "$D/downlink" >/dev/null
says "****" menu ivr-menu
says "110#" ip_address ip-address digit-1 digit-0 dot digit-9 dot digit-8 dot digit-7
says "120#" netmask netmask digit-2 digit-5 digit-5 dot digit-2 digit-5 digit-5 \
	dot digit-2 digit-4 digit-0 dot digit-0
says "130#" gateway gateway digit-1 digit-0 dot digit-9 dot digit-0 dot digit-1
# $MA comes from --iface: dummy0's 02:0e:fa:bc:d5:19, not the identity's
says "140#" mac_address mac-address digit-0 digit-2 digit-0 letter-e letter-f \
	letter-a letter-b letter-c letter-d digit-5 digit-1 digit-9
says "150#" firmware firmware-version digit-1 dot digit-4 dot digit-2
says "160#" dns primary-dns digit-1 digit-0 dot digit-9 dot digit-3 dot \
	digit-5 digit-3
says "999#" invalid_code invalid-option
# a key while the menu plays: the menu stops where it was (a stretch no
# whole clip matches), then the answer to the code
says "****150#" key_mid_prompt "?" firmware-version digit-1 dot digit-4 dot \
	digit-2
menu_bytes=$(wc -c </prompts/ivr-menu.s16)
cut_bytes=$(($(wc -c <"$W/key_mid_prompt.pcm") - $(wc -c <"$W/firmware.pcm")))
[ "$cut_bytes" -gt 0 ] && [ "$cut_bytes" -lt "$menu_bytes" ]
result $? "fxsd_ivr.key_mid_prompt_cut: $cut_bytes bytes of the menu's $menu_bytes played before the answer"
# a static IP: asked, read back, saved; the hook gets it
says "111#" set_asks ip-address enter-value
says "10*9*8*20#" set_reads_back digit-1 digit-0 dot digit-9 dot digit-8 dot \
	digit-2 digit-0 review-options
says "1" set_saved option-successful
[ "$(cat "$P/Static_IP/value")" = 10.9.8.20 ] && grep -q 10.9.8.20 "$W/net.log" &&
	grep -q "FXS_IFACE=$IF" "$W/net.log"
result $? "fxsd_ivr.set_applied: Static_IP is 10.9.8.20 and the network hook saw it ($(tr '\n' ' ' <"$W/net.log" 2>/dev/null))"
# the hook refuses: option failed, the old value back
echo 1 >"$W/net-rc"
says "111#" set2_asks ip-address enter-value
says "10*9*8*30#" set2_reads_back digit-1 digit-0 dot digit-9 dot digit-8 dot \
	digit-3 digit-0 review-options
says "1" hook_fails option-failed
[ "$(cat "$P/Static_IP/value")" = 10.9.8.20 ]
result $? "fxsd_ivr.hook_fails_rolls_back: Static_IP still 10.9.8.20 ($(cat "$P/Static_IP/value"))"
rm -f "$W/net-rc"
# * at the save menu cancels, ** abandons an entry
says "111#" set3_asks ip-address enter-value
says "10*9*8*40#" set3_reads_back digit-1 digit-0 dot digit-9 dot digit-8 dot \
	digit-4 digit-0 review-options
says "*" star_cancels option-cancelled
says "12**" stars_abandon option-cancelled
[ "$(cat "$P/Static_IP/value")" = 10.9.8.20 ]
result $? "fxsd_ivr.cancel_keeps: Static_IP still 10.9.8.20 after * and **"
# on-hook mid-entry: nothing saved
says "111#" set4_asks ip-address enter-value
dial "10*9*8*50"
hook_to on
hook_to off
says "****" menu_again ivr-menu
[ "$(cat "$P/Static_IP/value")" = 10.9.8.20 ]
result $? "fxsd_ivr.onhook_mid_entry: hanging up mid-entry saves nothing"
# reboot: the hook run with "reboot"
says "732668#" reboot option-successful
wait_for "grep -q reboot $W/reboot.log 2>/dev/null" &&
	[ "$(head -n1 "$W/reboot.log")" = "$W/reboot-hook reboot" ] &&
	grep -q "^FXS_IFACE=$IF\$" "$W/reboot.log"
result $? "fxsd_ivr.reboot_hook: 732668 ran it ($(tr '\n' ' ' <"$W/reboot.log" 2>/dev/null))"
: >"$W/reboot.log"
# the password guards the options that change things
fxsctl --ctl "$W/sock" set IVR_Admin_Passwd=4321 2>>"$W/fxsd.log"
says "73738#" password_asked enter-password
says "1111#" password_wrong invalid-password
says "73738#" password_asked_again enter-password
says "4321#" reset_asks factory-reset please-confirm
says 1 reset_spoken option-successful
wait_for "[ -s $W/reboot.log ]" && [ -z "$(cat "$P/GPP_A/value")" ] &&
	{ ! [ -e "$W/state.xml" ] || ! grep -q before-reset "$W/state.xml"; }
result $? "fxsd_ivr.reset_done: after 1 the store is back to defaults (GPP_A '$(cat "$P/GPP_A/value")') and the state file holds no GPP_A"
[ "$(head -n1 "$W/reboot.log")" = "$W/reboot-hook factory-reset" ] &&
	[ -z "$(cat "$P/Static_IP/value")" ]
result $? "fxsd_ivr.reset_reboots: the reboot hook ran ($(head -n1 "$W/reboot.log" 2>/dev/null)), Static_IP back to '' "
# the menu's timeout, short: the silence is counted from the end of the
# last prompt, so an answer longer than the timeout is spoken whole, and
# goodbye follows it; then a silent menu ends with goodbye too
stop_fxsd
start_fxsd 4000
result $? "fxsd_ivr.restart: fxsd again with --ivr-timeout 4000"
says "****" timeout_menu ivr-menu
says "110#" long_answer_whole ip-address digit-1 digit-0 dot digit-9 dot digit-8 dot digit-7
goodbye_after timeout_after_answer "the silence after the whole answer"
says "****" menu_again_short ivr-menu
goodbye_after timeout "a silent menu"
says "****" menu_after_timeout ivr-menu
hook_to on
echo "# fxsd_ivr: $(($(date +%s) - started)) s from the interface up to the end"
[ "$fail" = 0 ] || sed 's/^/# fxsd: /' "$W/fxsd.log"
exit "$fail"
