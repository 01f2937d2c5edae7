#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# board.sh: brings up the virtual ATA inside the guest for `make vm` and
# `make demo` (never a test): a one-line fxs_sim board "ata" goes live
# (/dev/fxs0), lo holds 10.0.0.2/24 alone (no packets leave the
# guest; 127.0.0.1 is gone), and fxsd runs on the
# kernel's store (configfs params/) following the line, with its state
# file, identity, log and hooks (they log to /tmp/ata/reboot.log and
# network.log) under /tmp/ata. Exits 0 once fxsd's control
# socket answers, 1 with the reason otherwise.

C=/sys/kernel/config
A=/tmp/ata

mkdir -p "$A" /run || exit 1
if ! mkdir "$C/fxs-sim/ata" || ! echo 1 >"$C/fxs-sim/ata/live"; then
	echo "board.sh: the sim board did not go live" >&2
	exit 1
fi
line=$(cat "$C/fxs-sim/ata/line_names")
# lo holds the board's one address, the one the IVR speaks
ip link set lo up
ip addr flush dev lo
ip addr add 10.0.0.2/24 dev lo
printf 'VENDOR=openfxs\nPN=VATA\nSN=VATA0001\nMAC=00:0e:08:00:00:01\nHWVER=1.0\nSWVER=1.0.0\n' \
	>"$A/id"
# the hooks log what they were asked (a VM does not reconfigure or reboot)
# (the hook's own $0 and $*, expanded when it runs)
# shellcheck disable=SC2016
for h in reboot network; do
	printf '#!/bin/sh\n{ echo "$0 $*"; env | grep "^FXS_" | sort; } >>%s/%s.log\n' \
		"$A" "$h" >"$A/$h-hook"
	chmod +x "$A/$h-hook"
done
prompts=
fxsd --help 2>&1 | grep -q -- --prompts &&
	prompts="--prompts /prompts --reboot-hook $A/reboot-hook --network-hook $A/network-hook"
# $prompts is the IVR's options and their values, or nothing:
# shellcheck disable=SC2086
fxsd --foreground --state "$A/state.xml" --identity "$A/id" --iface lo \
	--lines "/dev/$line" --ctl /run/fxsd.sock --option66 /nonexistent \
	$prompts >"$A/fxsd.log" 2>&1 &
echo $! >"$A/fxsd.pid"
i=0
while ! fxsctl --ctl /run/fxsd.sock status >/dev/null 2>&1; do
	i=$((i + 1))
	if [ "$i" -gt 150 ] || ! kill -0 "$(cat "$A/fxsd.pid")" 2>/dev/null; then
		echo "board.sh: fxsd did not start:" >&2
		cat "$A/fxsd.log" >&2
		exit 1
	fi
	sleep 0.2
done
