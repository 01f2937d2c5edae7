#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# In-guest test of fxs_si321x.ko on the register emulator
# (fxs_si321x_emu.ko): on x86_64 the emulator makes its own board (an
# Si3210 on chip select 0, an Si3215 on 1, SPI board info); on arm64 it
# binds the device tree's openfxs,si321x-emu node (dts/qemu-virt-si321x.dtso)
# with the same two children. Checks probe of both chips, the ring
# oscillator against the datasheet's formulas from the configfs settings,
# linefeed, hook and flash through the core, Si3210 digits, the PCM time
# slot registers against the device tree, the Si3215's digits through the
# core's software detector on the emulator's PCM bus (fxs_pcm_attach()),
# its downlink, the bus as the clock owner, detach and unbind with the bus
# attached, a power alarm, failed probes (wrong ID, old revision, weak
# battery, a slot over 63), unbind/bind with the line open and rmmod.
# Prints TAP; exits 1 on a failure.
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
CTRL=$(first /sys/bus/platform/drivers/fxs-si321x-emu/*/spi_master/spi*)
# the SPI device of chip $1: its name is spiB.CS, or spi-NODE on 6.12 for
# a device with a software node (the board-info chips' PCM slots)
spi_dev_of() {
	for d in "$CTRL"/*; do
		grep -qs "$1\$" "$d/modalias" && echo "${d##*/}"
	done
}
N0=$(spi_dev_of si3210)
N1=$(spi_dev_of si3215)
S0=/sys/bus/spi/devices/$N0
S1=/sys/bus/spi/devices/$N1

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
check "si3210_events_by_interrupt" '[ "$(irq_count "$N0")" -gt 0 ] 2>/dev/null'
check "si3215_polled" '[ -z "$(irq_count "$N1")" ]'
check "si3215_refuses_digit" '! echo 5 2>/dev/null >"$E/cs1/digit"'
echo 0 >"$E/cs0/hook"
check "on_hook_through_core" 'wait_for "hook_is $L0 on"'

# PCM: the time slots the device tree (or the board-info software nodes)
# gives, in registers 2..5 as the datasheet counts them: the sample starts
# TXS (RXS) PCLKs after the frame sync, 10 bits (high register bits 1..0),
# and a 16-bit linear slot n starts at 16 n PCLKs
NODE=/sys/firmware/devicetree/base/si321x-emu
dt_u32() { # dt_u32 NODE PROPERTY DEFAULT: a device-tree cell, in decimal
	if [ -f "$1/$2" ]; then
		printf '%d\n' "0x$(od -An -tx1 "$1/$2" | tr -d ' \n')"
	else
		echo "$3"
	fi
}
if [ -d $NODE ]; then
	TX0=$(dt_u32 $NODE/slic@0 silabs,pcm-tx-slot 0)
	RX0=$(dt_u32 $NODE/slic@0 silabs,pcm-rx-slot "$TX0")
	TX1=$(dt_u32 $NODE/slic@1 silabs,pcm-tx-slot 0)
	RX1=$(dt_u32 $NODE/slic@1 silabs,pcm-rx-slot "$TX1")
else # fxs_si321x_emu.c's board-info board
	TX0=1 RX0=1 TX1=2 RX1=5
fi
start_is() { # start_is CS LO_REG SLOT: registers LO_REG, LO_REG + 1 = 16 SLOT PCLKs
	[ $(($(dr "$1" $(($2 + 1))) & ~3)) = 0 ] &&
		[ $(($(dr "$1" "$2") + ($(dr "$1" $(($2 + 1))) & 3) * 256)) = $((16 * $3)) ]
}
check "pcm_slots_differ_per_chip_and_way" '[ "$TX1" != "$RX1" ] && [ "$TX0" != "$TX1" ]'
check "pcm_slot_registers_si3210" 'start_is 0 2 "$TX0" && start_is 0 4 "$RX0"'
check "pcm_slot_registers_si3215" 'start_is 1 2 "$TX1" && start_is 1 4 "$RX1"'
# register 1: PCME (bit 5) on, PCMF (bits 4..3) 11, 16-bit linear
check "pcm_mode_linear16_si3215" '[ $(($(dr 1 1) & 0x38)) = $((0x38)) ]'

# the emulated TDM bus: no bus, no audio
P1=$E/cs1
dtmf-gen -s 0 -g 0 -o 1000 5 >/tmp/si-clip
check "no_pcm_cap_without_bus" '! grep -qw pcm "$C/$L1/caps" && ! grep -qw pcm "$C/$L0/caps"'
check "no_playback_without_bus" '! cat /tmp/si-clip 2>/dev/null >"/dev/$L1"'
uplink_160() { dd if=/dev/zero of="$P1/pcm_uplink" bs=160 count=1 2>/dev/null; }
check "uplink_write_works_with_dd" 'echo 1 >"$P1/pcm_bus" && uplink_160 && echo 0 >"$P1/pcm_bus"'
check "no_uplink_without_bus" '! uplink_160'
check "bus_attach" 'echo 1 >"$P1/pcm_bus" && [ "$(cat "$P1/pcm_bus")" = 1 ]'
check "pcm_cap_with_bus" 'grep -qw pcm "$C/$L1/caps" && ! grep -qw pcm "$C/$L0/caps"'
check "bus_runs_the_frames" 'wait_for "[ \$(cat $P1/pcm_frames) -gt 20 ]" && dmesg | grep -q "$L1: frames from the PCM bus"'
check "bus_attach_twice_is_one" 'echo 1 >"$P1/pcm_bus" && [ "$(cat "$P1/pcm_bus")" = 1 ]'
check "bus_attach_bad_value_refused" '! echo maybe 2>/dev/null >"$P1/pcm_bus" && [ "$(cat "$P1/pcm_bus")" = 1 ]'

pending0() { [ "$(cat "$P1/pcm_uplink_pending")" = 0 ]; }
# uplink: DTMF from the handset through the software detector
fxs-events "/dev/$L1" 15000 >/tmp/si-ev1 &
ev=$!
sleep 0.3
echo 1 >"$E/cs1/hook"
wait_for "hook_is $L1 off"
dtmf-gen 159#ABCD0*72 >"$P1/pcm_uplink"
wait_for pending0
sleep 0.3
# silence, then a 5%-off tone, then a 1%-off one (in the tolerance)
head -c 16000 /dev/zero >"$P1/pcm_uplink"
dtmf-gen -L 5 -H 5 369 >"$P1/pcm_uplink"
dtmf-gen -L -5 -H -5 48 >"$P1/pcm_uplink"
dtmf-gen -L 1 -H 1 7 >"$P1/pcm_uplink"
wait_for pending0
sleep 0.3
# downlink: a prompt written to the line comes out in the Si3215's slot
cat "$P1/pcm_downlink" >/dev/null
cat /tmp/si-clip >"/dev/$L1"
check "prompt_on_bus_downlink" 'wait_for "cat $P1/pcm_downlink >>/tmp/si-down; [ \$(wc -c </tmp/si-down) -ge 16000 ]" && cmp -s /tmp/si-clip /tmp/si-down'
kill $ev
wait $ev 2>/dev/null
check "uplink_digits_through_software_detector" '[ "$(grep dtmf /tmp/si-ev1 | head -n 12 | cut -d" " -f2 | tr -d "\n")" = "159#ABCD0*72" ]'
check "no_digit_from_silence_or_5pct_off_tones" '[ "$(grep dtmf /tmp/si-ev1 | tail -n +13 | cut -d" " -f2 | tr -d "\n")" = 7 ]'

# the bus is the clock owner: paused, the line's time stands still (the
# chip driver runs no frames of its own), hook changes wait for it
check "bus_pause" 'echo 0 >"$P1/pcm_clock" && f=$(cat "$P1/pcm_frames") && sleep 0.3 && [ "$(cat "$P1/pcm_frames")" = "$f" ]'
echo 0 >"$E/cs1/hook"
sleep 1
check "no_frames_no_hook_change" 'hook_is $L1 off'
echo 1 >"$P1/pcm_clock"
check "bus_resumes_hook_follows" 'wait_for "hook_is $L1 on"'

# a write under way when the bus detaches ends there: its rest no longer
# refills the flushed queue of a line without audio (to play, stale, on
# the next attach)
dtmf-gen -s 0 -g 0 -o 4000 1 >/tmp/si-long # 4 s, twice the queue
echo 0 >"$P1/pcm_clock"
cat /tmp/si-long 2>/dev/null >"/dev/$L1" &
writer=$!
sleep 0.5
echo 0 >"$P1/pcm_bus"
check "write_under_way_ends_at_detach" 'wait_for "! kill -0 $writer 2>/dev/null"'
kill $writer 2>/dev/null
wait $writer 2>/dev/null
echo 1 >"$P1/pcm_bus"
check "reattached_no_stale_playback" 'wait_for "[ \$(cat $P1/pcm_frames) -gt 30 ]" && [ "$(wc -c <"$P1/pcm_downlink")" = 0 ]'

# detach with the line open and playing: the chip driver's clock resumes
# shellcheck disable=SC2217 # the redirection holds the line open
sleep 30 <"/dev/$L1" &
holder=$!
dtmf-gen -s 0 -g 0 -o 1500 9 >"/dev/$L1"
check "bus_detach_while_open" 'echo 0 >"$P1/pcm_bus" && [ "$(cat "$P1/pcm_bus")" = 0 ] && ! grep -qw pcm "$C/$L1/caps"'
check "detached_bus_stops" 'f=$(cat "$P1/pcm_frames") && sleep 0.3 && [ "$(cat "$P1/pcm_frames")" = "$f" ] && dmesg | grep -q "$L1: frames from the chip driver"'
check "detached_no_playback" '! cat /tmp/si-clip 2>/dev/null >"/dev/$L1"'
echo 1 >"$E/cs1/hook"
check "chip_clock_resumed_hook_follows" 'wait_for "hook_is $L1 off"'
echo 0 >"$E/cs1/hook"
wait_for "hook_is $L1 on"
kill $holder
wait $holder 2>/dev/null

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
echo "$N0" >"$DRV/unbind"
check "unbind_removes_the_line" '[ -z "$(driver_of $S0)" ] && [ ! -e "/dev/$L0" ] && [ ! -d "$C/$L0" ]'
bind_fails() { # bind_fails MESSAGE: the bind is refused, saying MESSAGE
	dmesg -c >/dev/null
	! echo "$N0" 2>/dev/null >"$DRV/bind" && [ -z "$(driver_of "$S0")" ] &&
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
echo "$N0" >"$DRV/bind"
check "bind_again" '[ "$(driver_of $S0)" = fxs-si321x ] && L0=$(line_of "$S0") && [ -c "/dev/$L0" ]'

# teardown with a line open and its PCM bus attached: the line goes, the
# bus stops; bound again, the line has no bus until it attaches again
echo 1 >"$P1/pcm_bus"
# shellcheck disable=SC2217 # the redirection is the point: it holds the line open
sleep 30 <"/dev/$L1" &
holder=$!
sleep 0.2
echo "$N1" >"$DRV/unbind"
check "unbind_with_line_open" '[ -z "$(driver_of $S1)" ]'
check "unbind_stops_the_bus" '[ "$(cat "$P1/pcm_bus")" = 0 ] && f=$(cat "$P1/pcm_frames") && sleep 0.3 && [ "$(cat "$P1/pcm_frames")" = "$f" ]'
check "unbound_no_attach" '! echo 1 2>/dev/null >"$P1/pcm_bus" && ! uplink_160'
kill $holder
wait $holder 2>/dev/null
echo "$N1" >"$DRV/bind"
check "bind_again_without_bus" 'L1=$(line_of "$S1") && [ -c "/dev/$L1" ] && ! grep -qw pcm "$C/$L1/caps"'
check "bind_again_bus_attaches" 'echo 1 >"$P1/pcm_bus" && grep -qw pcm "$C/$L1/caps"'
# shellcheck disable=SC2217 # the redirection holds the line open
sleep 30 <"/dev/$L1" &
holder=$!
sleep 0.2
rmmod fxs_si321x_emu
check "rmmod_emulator_removes_devices" '[ ! -e "$S0" ] && [ -z "$(ls -d /sys/class/fxs/fxs* 2>/dev/null | grep -e "/$L0\$" -e "/$L1\$")" ]'
kill $holder
wait $holder 2>/dev/null
if [ ! -d $NODE ]; then # board info: a slot over 63 fails the probe
	dmesg -c >/dev/null
	insmod /modules/fxs_si321x_emu.ko board_tx_slot=64
	check "pcm_slot_over_63_refused" 'wait_for "dmesg | grep -q \"silabs,pcm-tx-slot 64 is over 63\"" && [ "$(ls -d $DRV/spi* | wc -l)" = 1 ]'
	rmmod fxs_si321x_emu
fi
rmmod fxs_si321x
check "rmmod_driver" '! grep -q "^fxs_si321x" /proc/modules'
check "no_kernel_warnings" '! dmesg | grep -qE "WARNING|BUG|Oops"'
echo "1..$n"
exit $fail
