#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# demo.sh: the story `make demo` tells, run by the guest's /init with
# fxs.mode=demo after the modules loaded: a sim board goes live and fxsd
# starts (board.sh), a resync from an httpd inside the guest sets GPP_A,
# the handset dials ****110# and the IVR's answer is read back from the
# downlink with fxs-clips, then a factory reset through the IVR (73738,
# then 1) empties GPP_A. The story goes to stdout, the IVR's answer as
# base64 to /dev/ttyS2 (the host makes the WAV). Exits 0, or 1 after
# naming the step that failed.

C=/sys/kernel/config
P=$C/fxs/params
D=/sys/kernel/debug/fxs-sim/fxs0
W=/tmp/demo
URL=http://10.0.0.2:8080

say() {
	printf '%s\n' "$*"
}

fail() {
	say "FAILED: $*"
	[ -f /tmp/ata/fxsd.log ] && sed 's/^/  fxsd: /' /tmp/ata/fxsd.log | tail -n 15
	exit 1
}

# dial, listen, spoken: the simulated handset
# shellcheck source=../kselftest/lib/handset.sh
. /tests/lib/handset.sh

mkdir -p "$W"
stty -F /dev/ttyS2 raw -echo 2>/dev/null
say "1. The modules are loaded ($(cut -d' ' -f1 /proc/modules | grep '^fxs' | tr '\n' ' '))."
sh /tests/board.sh || fail "step 1/2: the board or fxsd did not come up"
say "   A simulated board went live: line $(cat "$C/fxs-sim/ata/line_names"), hook $(cat "$C/fxs/lines/fxs0/hook")."
say "2. fxsd runs (pid $(cat /tmp/ata/fxsd.pid)) on the kernel's store $P."

mkdir -p "$W/www"
printf '<flat-profile>\n <GPP_A>12345678</GPP_A>\n</flat-profile>\n' >"$W/www/ata.xml"
busybox httpd -p 10.0.0.2:8080 -h "$W/www" || fail "step 3: httpd did not start"
say "3. A provisioning server in the guest serves $URL/ata.xml (GPP_A=12345678)."
fxsctl set Profile_Rule="$URL/ata.xml" >/dev/null || fail "step 3: fxsctl set Profile_Rule"
fxsctl resync >/dev/null || fail "step 3: the resync failed: $(fxsctl status | grep '^ERR')"
v=$(cat "$P/GPP_A/value")
[ "$v" = 12345678 ] || fail "step 3: params/GPP_A/value is '$v', not 12345678"
say "   fxsctl resync: done. cat $P/GPP_A/value -> $v"

say "4. The handset goes off-hook and dials ****110# (read the IP address)."
echo 1 >"$D/hook"
sleep 1
cat "$D/downlink" >/dev/null
: >"$W/menu.pcm"
dial "****" || fail "step 4: dtmf-gen"
listen "$W/menu.pcm" || fail "step 4: no IVR menu prompt on the line after ****"
say "   The IVR answers: $(spoken "$W/menu.pcm")"
: >"$W/answer.pcm"
dial "110#"
listen "$W/answer.pcm" || fail "step 4: nothing on the line after 110#"
words=$(spoken "$W/answer.pcm")
say "   The IVR speaks: $words"
base64 "$W/answer.pcm" >/dev/ttyS2
fxs-clips /prompts "$W/answer.pcm" >/dev/null ||
	fail "step 4: part of the answer is no prompt clip ('?' above)"
addr=$(echo "$words" | sed 's/^ip-address //; s/ //g')
[ "$addr" = 10.0.0.2 ] || fail "step 4: the IVR spoke '$addr', the board's address is 10.0.0.2"
say "   That is $addr, the address of --iface lo."

say "5. Factory reset through the IVR: 73738#, then 1 to confirm."
: >"$W/reset.pcm"
dial "73738#"
listen "$W/reset.pcm" || fail "step 5: no prompt after 73738#"
say "   The IVR asks: $(spoken "$W/reset.pcm")"
: >"$W/done.pcm"
dial "1"
listen "$W/done.pcm"
said=$(spoken "$W/done.pcm")
say "   The IVR says: $said"
[ "$said" = option-successful ] || fail "step 5: the IVR said '$said', not option-successful"
i=0
while ! [ -s /tmp/ata/reboot.log ] && [ "$i" -lt 50 ]; do
	i=$((i + 1))
	sleep 0.2
done
[ -s /tmp/ata/reboot.log ] || fail "step 5: the reboot hook did not run"
say "   fxsd ran the reboot hook: $(head -n1 /tmp/ata/reboot.log)"
echo 0 >"$D/hook"
i=0
while [ -n "$(cat "$P/GPP_A/value" 2>/dev/null)" ] && [ "$i" -lt 50 ]; do
	i=$((i + 1))
	sleep 0.2
done
v=$(cat "$P/GPP_A/value" 2>/dev/null)
[ -z "$v" ] || fail "step 5: GPP_A still holds '$v' after the factory reset"
say "   cat $P/GPP_A/value -> '$v' (empty: the default). The board is back to factory settings."
say "The demo passed."
