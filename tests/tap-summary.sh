#!/bin/bash
# Counts the TAP results of every suite run by "make check" and prints the
# closing "N passed, N failed" line. A suite that exited non-zero without
# reporting a failed test counts as one failure, and its stderr is shown.
dir=$1
passed=0 failed=0 skipped=0
for tap in "$dir"/*.tap; do
	suite=$(basename "$tap" .tap)
	rc=$(cat "$dir/$suite.rc" 2>/dev/null || echo 1)
	p=$(grep -cE '^ok [0-9]+' "$tap" | head -n1)
	s=$(grep -E '^ok [0-9]+' "$tap" | grep -ciE '# *skip')
	f=$(grep -cE '^not ok [0-9]+' "$tap")
	p=$((p - s))
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		echo "# suite $suite exited with status $rc without a failed test:"
		sed 's/^/#   /' "$dir/$suite.err" | tail -n 30
		f=1
	elif [ "$f" != 0 ]; then
		sed 's/^/#   /' "$dir/$suite.err" | tail -n 30
	fi
	echo "# $suite: $p passed, $f failed, $s skipped"
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
done
if [ "$skipped" != 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" = 0 ]
