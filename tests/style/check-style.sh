#!/bin/bash
# Kernel style gate: every kmod/ and uapi/ file must pass checkpatch.pl
# --strict with no error, warning or check, sparse (C=2) must report
# nothing on our files, and neither may the kernel's coccinelle scripts
# (tests/style/check-cocci.sh). Prints TAP.
checkpatch=$1 kdir=$2 cocci=$3
files=()
for f in kmod/*.[ch] uapi/linux/*.h; do
	case $f in *.mod.c) ;; *) files+=("$f") ;; esac	# skip Kbuild's output
done
n=0 failed=0
echo "1..$((${#files[@]} + 3))"
for f in "${files[@]}"; do
	n=$((n + 1))
	out=$(perl "$checkpatch" --strict --no-tree --terse -f "$f" 2>&1 |
		grep -E '(ERROR|WARNING|CHECK):')
	if [ -z "$out" ]; then
		echo "ok $n checkpatch $f"
	else
		echo "not ok $n checkpatch $f"
		echo "$out" | sed 's/^/# /'
		failed=1
	fi
done
n=$((n + 1))
missing=$(grep -L -E '^(/\* |// |# )SPDX-License-Identifier: ' "${files[@]}" kmod/Kbuild Kbuild)
if [ -z "$missing" ]; then
	echo "ok $n SPDX line on every kernel file"
else
	echo "not ok $n SPDX line on every kernel file"
	echo "$missing" | sed 's/^/# missing: /'
	failed=1
fi
n=$((n + 1))
log=$(mktemp)
make -C "$kdir" M="$PWD" C=2 modules >"$log" 2>&1
rc=$?
warn=$(grep -E '(warning|error):' "$log" | grep -E '(kmod|uapi)/' || true)
if [ $rc = 0 ] && [ -z "$warn" ]; then
	echo "ok $n sparse reports nothing on kmod/ and uapi/"
else
	echo "not ok $n sparse reports nothing on kmod/ and uapi/"
	{ echo "$warn"; tail -n 5 "$log"; } | sed 's/^/# /'
	failed=1
fi
rm -f "$log"
n=$((n + 1))
bash tests/style/check-cocci.sh "$n" "$cocci" || failed=1
exit $failed
