#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# In-guest test of fxs_si321x.ko on the register emulator
# (fxs_si321x_emu.ko): on x86_64 the emulator makes its own board (an
# Si3210 on chip select 0, an Si3215 on 1, SPI board info); on arm64 it
# binds the device tree's openfxs,si321x-emu node (dts/qemu-virt-si321x.dtso)
# with the same two children. Checks probe of both chips, the ring
# oscillator against the datasheet's formulas from the configfs settings,
# linefeed, hook and flash through the core, Si3210 digits, a power alarm,
# failed probes (wrong ID, old revision, weak battery), unbind/bind with the
# line open and rmmod. Prints TAP; exits 1 on a failure.
# The checks are strings eval'ed by check(), the helpers called from them:
# shellcheck disable=SC2016,SC2034,SC2317
C=/sys/kernel/config/fxs/lines
DRV=/sys/bus/spi/drivers/fxs-si321x
# result, wait_for: the in-guest tests' TAP helpers (the VM harness copies
# tests/kselftest/lib/ to /tests/lib/)
# shellcheck source-path=SCRIPTDIR source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
TIMEOUT=10

check() { # check NAME CMD: eval CMD, one TAP line
	eval "$2"
	result $? "$1"
}

echo "TAP version 13"
if [ ! -f /modules/fxs_si321x_emu.ko ]; then
	echo "1..0 # SKIP fxs_si321x_emu.ko not in the guest"
	exit 0
fi
insmod /modules/fxs_si321x.ko
insmod /modules/fxs_si321x_emu.ko cal_polls=30
first() { [ -e "$1" ] && echo "$1"; } # the first match of a glob
E=$(first /sys/kernel/debug/fxs-si321x-emu/*)
BUS=$(basename "$(first /sys/bus/platform/drivers/fxs-si321x-emu/*/spi_master/spi*)")
S0=/sys/bus/spi/devices/$BUS.0
S1=/sys/bus/spi/devices/$BUS.1

line_of() { # the fxsN of the SPI device $1
	for l in "$1"/fxs/fxs*; do [ -d "$l" ] && echo "${l##*/}"; done
}
dr() { # direct register $2 of chip select $1, in decimal
	printf '%d\n' "$(sed -n "s/^$2 //p" "$E/cs$1/direct")"
}
ir() { # indirect register $2 of chip select $1, in decimal
	printf '%d\n' "$(sed -n "s/^$2 //p" "$E/cs$1/indirect")"
}
# the ring oscillator's registers by the datasheet's formulas, "COEFF AMPL"
# (tests/kselftest/tools/fxs_ringcoef.c)
ring_expect() {
	fxs-ringcoef "$1" "$2"
}
near() { # near A B: |A - B| <= 1
	[ "$1" -ge $(($2 - 1)) ] && [ "$1" -le $(($2 + 1)) ]
}
ring_is() { # ring_is CS COEFF_IR AMPL_IR FREQ VOLT
	# shellcheck disable=SC2046 # COEFF and AMPL become $6 and $7
	set -- "$@" $(ring_expect "$4" "$5")
	near "$(ir "$1" "$2")" "$6" && near "$(ir "$1" "$3")" "$7"
}
irq_count() { # interrupts of device $1 (/proc/interrupts), empty when none
	awk -v d="$1" '$NF == d { s = 0; for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) s += $i; print s }' /proc/interrupts
}
hook_is() { [ "$(cat "$C/$1/hook" 2>/dev/null)" = "$2" ]; }
driver_of() { basename "$(readlink "$1/driver")" 2>/dev/null; }

check "both_chips_bound" 'wait_for "[ \"\$(driver_of $S0)\" = fxs-si321x ] && [ \"\$(driver_of $S1)\" = fxs-si321x ]"'
# a probe that failed says why in the kernel log: into the TAP as comments
[ "$case_fail" = 0 ] || { dmesg | grep -i -e si321x -e spi | sed 's/^/# /'; cat /sys/kernel/debug/devices_deferred; ls /sys/bus/spi/devices/ $S0; cat $S0/uevent; } | sed 's/^/# /'
# the chip a device is: its device-tree node's compatible, or its modalias
chip_of() {
	if [ -f "$1/of_node/compatible" ]; then
		tr '\0' '\n' <"$1/of_node/compatible" | head -n 1
	else
		sed 's/^spi:/board-info:/' "$1/modalias"
	fi
}
if [ -d /sys/firmware/devicetree/base/si321x-emu ]; then
	check "devices_from_the_device_tree" '[ "$(chip_of "$S0")" = silabs,si3210 ] && [ "$(chip_of "$S1")" = silabs,si3215 ]'
else
	check "devices_from_board_info" '[ "$(chip_of "$S0")" = board-info:si3210 ] && [ "$(chip_of "$S1")" = board-info:si3215 ]'
fi
L0=$(line_of "$S0")
L1=$(line_of "$S1")
check "one_line_each_with_char_device" '[ -n "$L0" ] && [ -n "$L1" ] && [ -c "/dev/$L0" ] && [ -c "/dev/$L1" ]'
check "si3210_has_hw_dtmf" 'grep -qw hw_dtmf "$C/$L0/caps"'
check "si3215_has_no_hw_dtmf" '[ -f "$C/$L1/caps" ] && ! grep -qw hw_dtmf "$C/$L1/caps"'
check "probe_calibrated" 'grep -q "^D 96 0x5f" "$E/cs0/writes" && [ "$(dr 0 96)" = 0 ] && grep -q "^D 96 0x5f" "$E/cs1/writes"'
check "probe_dcdc_on_and_calibrated" '[ "$(dr 0 14)" = 0 ] && grep -q "^D 93 0x99" "$E/cs0/writes" && [ "$(dr 1 14)" = 0 ]'
check "probe_forward_active" '[ "$(dr 0 64)" = 1 ] && [ "$(dr 1 64)" = 1 ]'
check "probe_pcm_linear16_enabled" '[ "$(dr 0 1)" = 56 ]'
check "default_ring_si3210" 'wait_for "ring_is 0 20 21 $(cat $C/$L0/ring_frequency) $(cat $C/$L0/ring_voltage)"'
echo 20 >"$C/$L0/ring_frequency"
echo 85 >"$C/$L0/ring_voltage"
check "ring_20hz_85v_si3210" 'wait_for "ring_is 0 20 21 20 85"'
echo 50 >"$C/$L1/ring_frequency"
echo 60 >"$C/$L1/ring_voltage"
check "ring_50hz_60v_si3215_at_its_addresses" 'wait_for "ring_is 1 7 8 50 60"'
echo 25 >"$C/$L0/ring_frequency"
check "ring_25hz_si3210" 'wait_for "ring_is 0 20 21 25 85"'
before=$(ir 0 20)
check "ring_frequency_out_of_range_refused" '! echo 5 2>/dev/null >"$C/$L0/ring_frequency" && sleep 0.2 && [ "$(ir 0 20)" = "$before" ]'

fxs-events "/dev/$L0" 6000 >/tmp/si-ev0 &
ev=$!
sleep 0.3
echo >"$E/cs0/writes"
fxs-ring start "/dev/$L0"
check "ring_sets_linefeed_ringing" 'wait_for "grep -q \"^D 64 0x04\" $E/cs0/writes"'
echo 1 >"$E/cs0/hook"
check "off_hook_through_core" 'wait_for "hook_is $L0 off"'
check "answer_restores_forward_active" 'wait_for "[ \$(dr 0 64) = 1 ]"'
echo 5 >"$E/cs0/digit"
echo 0 >"$E/cs0/hook"
sleep 0.3
echo 1 >"$E/cs0/hook"
sleep 0.5
echo '#' >"$E/cs0/digit"
wait $ev
check "events_offhook_digit_flash_digit" '[ "$(grep -v ring_ /tmp/si-ev0 | tr "\n" " ")" = "offhook 0 dtmf 5 flash $(sed -n "s/^flash //p" /tmp/si-ev0) dtmf # " ]'
check "ring_answered" 'grep -q "^ring_stop 1" /tmp/si-ev0'
check "si3210_events_by_interrupt" '[ "$(irq_count "$BUS.0")" -gt 0 ] 2>/dev/null'
check "si3215_polled" '[ -z "$(irq_count "$BUS.1")" ]'
check "si3215_refuses_digit" '! echo 5 2>/dev/null >"$E/cs1/digit"'
echo 0 >"$E/cs0/hook"
check "on_hook_through_core" 'wait_for "hook_is $L0 on"'

dmesg -c >/dev/null
echo 2 >"$E/cs1/power_alarm"
check "power_alarm_logged" 'wait_for "dmesg | grep -q \"power alarm on transistor Q2\""'
check "power_alarm_line_restored" 'wait_for "[ \$(dr 1 64) = 1 ]"'
check "power_alarm_state_none_while_restored" '[ "$(cat "$C/$L1/alarm")" = none ]'
echo 4 >"$E/cs1/power_alarm"
wait_for "[ \$(dr 1 64) = 1 ]"
echo 6 >"$E/cs1/power_alarm"
check "third_alarm_line_state_power" 'wait_for "[ \"\$(cat $C/$L1/alarm)\" = power ]"'
check "third_alarm_line_stays_open" 'dmesg | grep -q "Q4 .*restoring" && dmesg | grep -q "Q6 .*stays open" && sleep 0.3 && [ "$(dr 1 64)" = 0 ]'

# failed probes: unbind the Si3210, change the chip, bind again
echo "$BUS.0" >"$DRV/unbind"
check "unbind_removes_the_line" '[ -z "$(driver_of $S0)" ] && [ ! -e "/dev/$L0" ] && [ ! -d "$C/$L0" ]'
bind_fails() { # bind_fails MESSAGE: the bind is refused, saying MESSAGE
	dmesg -c >/dev/null
	! echo "$BUS.0" 2>/dev/null >"$DRV/bind" && [ -z "$(driver_of "$S0")" ] &&
		dmesg | grep -q "$1"
}
echo 0x00 >"$E/cs0/id"
check "no_chip_refused" 'bind_fails "no ProSLIC answers"'
echo 0x25 >"$E/cs0/id"
check "unknown_part_refused" 'bind_fails "unknown ProSLIC part 2"'
echo 0x01 >"$E/cs0/id"
check "revision_a_refused" 'bind_fails "revision A is too old"'
echo 0x05 >"$E/cs0/id"
echo 0x40 >"$E/cs0/vbat"
check "weak_battery_refused" 'bind_fails "DC-DC converter: battery at -24064 mV"'
echo 0xc8 >"$E/cs0/vbat"
echo "$BUS.0" >"$DRV/bind"
check "bind_again" '[ "$(driver_of $S0)" = fxs-si321x ] && L0=$(line_of "$S0") && [ -c "/dev/$L0" ]'

# teardown with a line open
# shellcheck disable=SC2217 # the redirection is the point: it holds the line open
sleep 30 <"/dev/$L1" &
holder=$!
sleep 0.2
echo "$BUS.1" >"$DRV/unbind"
check "unbind_with_line_open" '[ -z "$(driver_of $S1)" ]'
kill $holder
wait $holder 2>/dev/null
rmmod fxs_si321x_emu
check "rmmod_emulator_removes_devices" '[ ! -e "$S0" ] && [ -z "$(ls -d /sys/class/fxs/fxs* 2>/dev/null | grep -e "/$L0\$")" ]'
rmmod fxs_si321x
check "rmmod_driver" '! grep -q "^fxs_si321x" /proc/modules'
check "no_kernel_warnings" '! dmesg | grep -qE "WARNING|BUG|Oops"'
echo "1..$n"
exit $fail
