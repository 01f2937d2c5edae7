#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# In-guest test of the device-tree probe path (make check-arm64 only: the
# guest boots QEMU virt's tree merged with dts/qemu-virt-fxs-sim.dtso): the
# node is in /sys/firmware/devicetree, the kernel made a platform device of
# it and fxs_sim bound to it, with one line per openfxs,num-lines named by
# line-names, lines that work, no way to unbind or rmdir the board, and
# the same board again after fxs_sim is unloaded and loaded.
# Prints TAP; exits 1 on a failure.
# The checks are strings eval'ed by check(), expanded when they run:
# shellcheck disable=SC2016,SC2034,SC2317

N=/sys/firmware/devicetree/base/fxs-sim
P=/sys/bus/platform/devices/fxs-sim
D=/sys/kernel/debug/fxs-sim
L=/sys/kernel/config/fxs/lines
# shellcheck source-path=SCRIPTDIR source=../../kselftest/lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"

# a DT string list property, one string a line
dt_strings() {
	tr '\0' '\n' <"$1"
}

# the u32 property $1 in decimal (device tree cells are big-endian)
dt_u32() {
	printf '%d\n' "0x$(od -An -tx1 "$1" | tr -d ' \n')"
}

# the board's lines (fxsN), in order
board_lines() {
	for l in "$P"/fxs/fxs*; do
		[ -d "$l" ] && echo "${l##*/fxs}"
	done | sort -n | sed 's/^/fxs/'
}

# the board's line labels, in line order, one a line
board_labels() {
	for l in $(board_lines); do
		cat "$D/$l/label"
	done
}

driver_of() {
	basename "$(readlink "$1/driver")" 2>/dev/null
}

hook_is() {
	[ "$(cat "$L/$1/hook" 2>/dev/null)" = "$2" ]
}

echo "TAP version 13"
echo "1..16"
check "dt_node_in_firmware_tree" '[ -d "$N" ]'
check "dt_node_compatible" '[ "$(dt_strings "$N/compatible")" = "openfxs,fxs-sim" ]'
lines=$(dt_u32 "$N/openfxs,num-lines")
check "dt_num_lines_is_2" '[ "$lines" = 2 ]'
check "platform_device_of_node_is_the_dt_node" \
	'[ -d "$P/of_node" ] && [ -d "$N" ] &&
	 [ "$(cd "$P/of_node" && pwd -P)" = "$(cd "$N" && pwd -P)" ]'
check "bound_driver_is_fxs_sim" \
	'[ "$(driver_of "$P")" = fxs-sim ] &&
	 [ "$(basename "$(readlink "$P/driver/module")")" = fxs_sim ]'
check "one_line_per_num_lines" \
	'[ "$lines" -ge 1 ] 2>/dev/null && [ "$(board_lines | wc -l)" = "$lines" ]'
check "lines_have_char_devices" \
	'ok=0; for l in $(board_lines); do ok=1; [ -c "/dev/$l" ] || break; ok=2; done; [ $ok = 2 ]'
check "labels_are_line_names_in_order" \
	'[ -n "$(board_labels)" ] && [ "$(board_labels)" = "$(dt_strings "$N/line-names")" ]'
first=$(board_lines | head -n 1)
[ -n "$first" ] && echo 1 >"$D/$first/hook"
check "first_line_goes_off_hook" '[ -n "$first" ] && wait_for "hook_is $first off"'
[ -n "$first" ] && echo 0 >"$D/$first/hook"
check "first_line_goes_on_hook" '[ -n "$first" ] && wait_for "hook_is $first on"'
# negative: the board belongs to the device tree
check "label_is_read_only" \
	'[ -f "$D/$first/label" ] && ! echo x 2>/dev/null >"$D/$first/label"'
check "driver_has_no_unbind" '[ -d "$P/driver" ] && [ ! -e "$P/driver/unbind" ]'
check "board_not_in_configfs" \
	'[ -n "$(board_lines)" ] && [ -z "$(ls /sys/kernel/config/fxs-sim)" ]'
before=$(board_labels)
rmmod fxs_sim
check "unload_drops_the_lines" \
	'[ -n "$first" ] && [ -z "$(driver_of "$P")" ] && [ -z "$(board_lines)" ] &&
	 [ ! -e "/dev/$first" ]'
insmod /modules/fxs_sim.ko
check "reload_binds_the_dt_board_again" \
	'wait_for "[ \"\$(driver_of $P)\" = fxs-sim ]" &&
	 [ "$(board_lines | wc -l)" = "$lines" ]'
check "reload_keeps_the_labels" '[ -n "$before" ] && [ "$(board_labels)" = "$before" ]'
exit $fail
