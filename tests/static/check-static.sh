#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# check-static.sh: scan-build and cppcheck over the user programs, one TAP
# line each (see tests/static/static.mk for the variables it takes). A
# tool's findings are shown as TAP comments and kept in STATIC_BUILD.

: "${STATIC_BUILD:?}" "${STATIC_TARGETS:?}" "${STATIC_CPPCHECK:?}"
rc=0
echo "TAP version 13"
echo "1..2"

# scan-build: the objects are made anew so that every file is analysed
rm -rf "$STATIC_BUILD"
mkdir -p "$STATIC_BUILD"
log=$STATIC_BUILD/scan-build.log
if ! command -v scan-build >/dev/null; then
	echo "not ok 1 scan-build: not installed (tests/install-deps.sh installs clang-tools)"
	rc=1
else
	# shellcheck disable=SC2086
	scan-build -o "$STATIC_BUILD/report" --status-bugs \
		$MAKE -s --no-print-directory BUILD="$STATIC_BUILD" \
		$STATIC_TARGETS >"$log" 2>&1
	st=$?
	if [ "$st" = 0 ] && grep -q 'No bugs found' "$log"; then
		echo "ok 1 scan-build: no bugs in ${STATIC_TARGETS//$STATIC_BUILD\//}"
	else
		n=$(grep -oE '[0-9]+ bugs? found' "$log" | head -n 1)
		echo "not ok 1 scan-build: ${n:-exit $st}, report in $STATIC_BUILD/report"
		grep -E 'warning:|error:' "$log" | head -n 30 | sed 's/^/#   /'
		rc=1
	fi
fi

# cppcheck
log=$STATIC_BUILD/cppcheck.log
# shellcheck disable=SC2086
cppcheck -q $STATIC_CPPCHECK >"$log" 2>&1
st=$?
# shellcheck disable=SC2086
files=$(find $(printf '%s\n' $STATIC_CPPCHECK | grep -v '^-') -name '*.c' | wc -l)
if [ "$st" = 0 ] && ! grep -q . "$log"; then
	echo "ok 2 cppcheck: no findings in $files files"
else
	echo "not ok 2 cppcheck: $(grep -cE '^[^ ].*: (warning|error|portability|performance|style):' "$log") findings (exit $st)"
	head -n 40 "$log" | sed 's/^/#   /'
	rc=1
fi
exit $rc
