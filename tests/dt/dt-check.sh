#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make dt-check: dt-doc-validate on every dts/bindings/*.yaml, then every
# dts/*.dtso compiled (dtc -@), merged onto dts/tests/base.dts by
# fdtoverlay and checked by dt-validate against our bindings; the
# dts/tests/bad-*.dtso must be refused. dt-schema exits 0 on findings,
# so any output counts as a finding. Prints TAP.
set -u
cd "$(dirname "$0")/../.." || exit 1
OUT=${DT_OUT:-build/dt}
n=0 failed=0
result() { # result STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n $2"; else echo "not ok $n $2"; failed=1; fi
}
for t in dtc fdtoverlay dt-doc-validate dt-mk-schema dt-validate; do
	command -v $t >/dev/null || { echo "not ok 1 $t missing (apt-get install dt-schema device-tree-compiler)"; echo "1..1"; exit 1; }
done
rm -rf "$OUT" && mkdir -p "$OUT" || exit 1

for y in dts/bindings/*.yaml; do
	log=$(dt-doc-validate -u dts/bindings "$y" 2>&1)
	[ $? = 0 ] && [ -z "$log" ]
	result $? "dt-doc-validate $y${log:+: $(echo "$log" | head -n1)}"
done
dt-mk-schema -j dts/bindings/ >"$OUT"/schema.json 2>"$OUT"/schema.log
result $? "dt-mk-schema: our bindings with dt-schema's core"
dtc -q -@ -I dts -O dtb -o "$OUT"/base.dtb dts/tests/base.dts
result $? "dtc dts/tests/base.dts"

# check NAME DTSO: compile, merge onto the base, validate; prints findings
check() {
	dtc -@ -q -I dts -O dtb -o "$OUT/$1.dtbo" "$2" 2>&1 &&
		fdtoverlay -i "$OUT"/base.dtb -o "$OUT/$1.dtb" "$OUT/$1.dtbo" 2>&1 &&
		dt-validate -s "$OUT"/schema.json "$OUT/$1.dtb" 2>&1 ||
		echo "$2: does not compile or merge"
}
for o in dts/*.dtso; do
	name=$(basename "$o" .dtso)
	log=$(check "$name" "$o")
	[ -z "$log" ]
	result $? "$o compiles, merges and validates${log:+: $(echo "$log" | head -n1)}"
done
for o in dts/tests/bad-*.dtso; do
	name=$(basename "$o" .dtso)
	log=$(check "$name" "$o")
	echo "$log" | grep -q 'From schema: .*/dts/bindings/'
	result $? "$o refused by the binding: $(echo "$log" | head -n1 | sed 's|^[^ ]* ||')"
done
echo "1..$n"
exit $failed
