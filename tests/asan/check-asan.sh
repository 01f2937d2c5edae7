#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# check-asan.sh: runs the daemon unit tests and the end-to-end suite on the
# sanitizer build (tests/asan/asan.mk) and prints TAP.
#
#   tests/asan/check-asan.sh ASAN_BUILD [E2E_GROUP...]
#
# Every report is fatal: ASan and UBSan halt and abort at the first one,
# LeakSanitizer checks at every exit, and each report is also written to
# ASAN_BUILD/reports/ (log_path), so that a report in a process whose exit
# status no test looks at (a daemon stopped by a signal, a child) still
# fails the suite: its last TAP line is "no sanitizer reports".
# E2E_KILLS (set by asan.mk) sets the kill -9 rounds of the e2e suite.

build=${1:?usage: check-asan.sh ASAN_BUILD [E2E_GROUP...]}
shift
repo=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
build=$(cd "$build" && pwd) || exit 1
reports=$build/reports
rm -rf "$reports"
mkdir -p "$reports"
common=halt_on_error=1:abort_on_error=1:print_stacktrace=1:log_path=$reports/report
export ASAN_OPTIONS=$common:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=$common
export LSAN_OPTIONS=$common
rc=0

# the daemon unit tests, each from its source folder (as check-daemon)
for t in "$build"/daemon-tests/*/test_*; do
	[ -x "$t" ] || continue
	sub=${t#"$build"/daemon-tests/}
	(cd "$repo/tests/daemon/${sub%/*}" && "$t") || rc=1
done

# the end-to-end suite on the sanitizer build of fxsd and fxsctl
bash "$repo/tests/e2e/run.sh" "$build" "$@" || rc=1

# A report file from a process SIGKILLed in its exit-time leak check holds
# no report. The runtime opens the file at its first write, so a kill
# before that leaves it empty; the kill -9 rounds of test_kill hit that
# window now and then. LeakSanitizer's tracer (a clone that ptraces every
# thread) may also outlive the kill by a moment and write only that it
# lost the thread it was reading (ESRCH), "Unable to get registers from
# thread N.", before it dies too. Those two kinds are listed, not counted;
# any other text fails.
report_kind() {
	[ -s "$1" ] || { echo killed-before-write; return; }
	if ! grep -q -v -E '^==[0-9]+==Unable to get registers from thread [0-9]+\.$' "$1"; then
		echo killed-in-leak-check
		return
	fi
	echo report
}

# report_kind itself, on made-up files of each kind
selftest=$(mktemp -d)
: >"$selftest/empty"
echo "==22095==Unable to get registers from thread 22091." >"$selftest/lost"
printf '%s\n' "==22095==Unable to get registers from thread 22091." \
	"==22091==ERROR: LeakSanitizer: detected memory leaks" >"$selftest/leak"
echo "daemon/fxsd/x.c:1:2: runtime error: signed integer overflow" >"$selftest/ub"
for c in empty:killed-before-write lost:killed-in-leak-check leak:report ub:report; do
	got=$(report_kind "$selftest/${c%%:*}")
	if [ "$got" = "${c#*:}" ]; then
		echo "ok 1 report kind: ${c%%:*} is ${c#*:}"
	else
		echo "not ok 1 report kind: ${c%%:*} is ${c#*:}, got $got"
		rc=1
	fi
done
rm -rf "$selftest"

found=()
for f in "$reports"/report*; do
	[ -e "$f" ] || continue
	case $(report_kind "$f") in
	killed-before-write)
		echo "# empty sanitizer log $f (a process killed before it wrote; not a report)" ;;
	killed-in-leak-check)
		echo "# $f: only the leak check's tracer losing a killed thread; not a report" ;;
	*)
		found+=("$f") ;;
	esac
done
if [ ${#found[@]} != 0 ]; then
	echo "not ok 1 no sanitizer reports: ${#found[@]} in $reports"
	for f in "${found[@]}"; do
		echo "# $f:"
		{ grep -E -m 8 'ERROR:|SUMMARY:|runtime error:|^ *#[0-9]+ ' "$f" ||
			head -n 8 "$f"; } | cut -c1-200 | sed 's/^/#   /'
	done
	rc=1
else
	echo "ok 1 no sanitizer reports"
fi
exit $rc
