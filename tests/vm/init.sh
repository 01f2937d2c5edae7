#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# /init of the test VM (busybox): mounts the pseudo filesystems, loads
# configfs.ko, fxs.ko and fxs_sim.ko, runs every test listed in
# /tests/list, then the module reload test, then dumps dmesg and powers
# off. The console (ttyS0) gets the kernel's messages; the results go to
# ttyS1 (or fxs.out=), each program framed by "@@fxs-begin NAME" and "@@fxs-end NAME RC"
# lines so that the host can tell the programs apart.
# With fxs.mode=shell on the kernel command line (make vm) it brings up
# the virtual ATA (/tests/board.sh) and gives an interactive shell on the
# console instead; with fxs.mode=demo it runs /tests/demo.sh (make demo),
# its story on ttyS1 and the IVR's answer on ttyS2.

/bin/busybox --install -s /bin
export PATH=/bin
mkdir -p /proc /sys /dev /tmp
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
mount -t debugfs debugfs /sys/kernel/debug

# The results port: fxs.out= on the command line (run.sh: ttyS1, the
# second UART, or hvc0, a virtconsole whose drivers are in
# /modules/early), else ttyS1.
for m in /modules/early/*.ko; do
	[ -f "$m" ] && insmod "$m"
done
OUT=/dev/$(sed -n 's/.*fxs\.out=\([a-zA-Z0-9]*\).*/\1/p' /proc/cmdline)
[ "$OUT" != /dev/ ] || OUT=/dev/ttyS1
i=0
while [ ! -c "$OUT" ] && [ "$i" -lt 50 ]; do
	i=$((i + 1))
	sleep 0.1
done
[ -c "$OUT" ] || OUT=/dev/console
stty -F "$OUT" raw -echo 2>/dev/null

# Per-program limit; the kselftest harness also times out each test.
TEST_TIMEOUT=${TEST_TIMEOUT:-420}

setup() {
	insmod /modules/configfs.ko || return 1
	mount -t configfs configfs /sys/kernel/config || return 1
	insmod /modules/fxs.ko || return 1
	insmod /modules/fxs_sim.ko || return 1
}

run_one() {
	name=$1
	shift
	echo "@@fxs-begin $name"
	echo "fxs-vm: running $name" >/dev/console
	cd /tmp || return
	timeout "$TEST_TIMEOUT" "$@" </dev/null 2>&1
	echo "@@fxs-end $name $?"
	cd /
}

mode=$(sed -n 's/.*fxs\.mode=\([a-z]*\).*/\1/p' /proc/cmdline)
if [ "$mode" = shell ]; then
	if setup >/tmp/setup.log 2>&1 && sh /tests/board.sh; then
		cat /tests/vm-help.txt
		setsid cttyhack sh -l
	else
		cat /tmp/setup.log
	fi
	poweroff -f
fi
if [ "$mode" = demo ]; then
	if setup >/tmp/setup.log 2>&1; then
		sh /tests/demo.sh >"$OUT" 2>&1
		echo "@@fxs-demo-end $?" >"$OUT"
	else
		echo "the modules did not load: $(cat /tmp/setup.log)" >"$OUT"
		echo "@@fxs-demo-end 1" >"$OUT"
	fi
	sleep 1
	sync
	poweroff -f
fi

{
	echo "@@fxs-boot $(uname -r)"
	if setup >/tmp/setup.log 2>&1; then
		while read -r name; do
			case $name in
			*.sh) run_one "$name" sh "/tests/$name" ;;
			'') ;;
			*) run_one "$name" "/tests/$name" ;;
			esac
		done </tests/list
		[ -f /tests/reload.sh ] && run_one reload.sh sh /tests/reload.sh
	else
		echo "@@fxs-setup-failed"
		cat /tmp/setup.log
	fi
	echo "@@fxs-dmesg"
	dmesg
	echo "@@fxs-done"
} >"$OUT" 2>&1

# Let the serial port drain before the power goes.
sleep 1
sync
poweroff -f
