#!/bin/bash
# Counts the TAP results of every suite run by "make check" and prints the
# closing "N passed, N failed" line. A suite that exited non-zero without
# reporting a failed test counts as one failure, and its stderr is shown.
# "not ok ... # TODO" is a known open defect (TAP): counted apart, not as
# a failure.
dir=$1
passed=0 failed=0 skipped=0 todo=0
for tap in "$dir"/*.tap; do
	suite=$(basename "$tap" .tap)
	rc=$(cat "$dir/$suite.rc" 2>/dev/null || echo 1)
	p=$(grep -cE '^ok [0-9]+' "$tap" | head -n1)
	s=$(grep -E '^ok [0-9]+' "$tap" | grep -ciE '# *skip')
	t=$(grep -E '^not ok [0-9]+' "$tap" | grep -ciE '# *todo')
	f=$(grep -cE '^not ok [0-9]+' "$tap")
	p=$((p - s)) f=$((f - t))
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		echo "# suite $suite exited with status $rc without a failed test:"
		sed 's/^/#   /' "$dir/$suite.err" | tail -n 30
		f=1
	elif [ "$f" != 0 ]; then
		sed 's/^/#   /' "$dir/$suite.err" | tail -n 30
	fi
	if [ "$t" != 0 ]; then
		echo "# $suite: $p passed, $f failed, $s skipped, $t todo"
	else
		echo "# $suite: $p passed, $f failed, $s skipped"
	fi
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
	todo=$((todo + t))
done
extra=
[ "$skipped" != 0 ] && extra+=", $skipped skipped"
[ "$todo" != 0 ] && extra+=", $todo todo"
echo "$passed passed, $failed failed$extra"
[ "$failed" = 0 ]
