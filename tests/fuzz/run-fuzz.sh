#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# run-fuzz.sh: runs libFuzzer targets and prints one TAP line per target.
#
#   tests/fuzz/run-fuzz.sh FUZZ_BUILD SECONDS TARGET...
#
# For each TARGET (the program FUZZ_BUILD/fuzz_TARGET):
#  1. every file of tests/fuzz/regressions/TARGET/ (inputs of fixed bugs)
#     runs once and must not crash;
#  2. the target fuzzes for SECONDS from its corpus FUZZ_BUILD/corpus/TARGET,
#     seeded with tests/fuzz/corpus/TARGET/ (and, for profile, check and
#     decode, the real-world profiles of ../shared/testdata/real-profiles,
#     copied into FUZZ_BUILD/real: they are never committed; FUZZ_REAL_DIR
#     names another folder), with tests/fuzz/TARGET.dict or the dictionary
#     of its group when there is one.
# A crash (sanitizer report, failed property, timeout, out of memory) makes
# the line "not ok", keeps the input under FUZZ_BUILD/crashes/TARGET/ and
# the log in FUZZ_BUILD/logs/TARGET.log. A crash whose log matches an entry
# of tests/fuzz/known-failures (a known open defect) is "not ok ... # TODO":
# it does not fail the suite, and the target fuzzes on for the rest of its
# time with FUZZ_SKIP_KNOWN=1 in the environment (a target may then skip
# the inputs of its known defect), where any crash but a known one is a
# failure. Exits non-zero when a line is "not ok" without TODO.

fb=${1:?usage: run-fuzz.sh FUZZ_BUILD SECONDS TARGET...}
secs=${2:?usage: run-fuzz.sh FUZZ_BUILD SECONDS TARGET...}
shift 2
dir=$(dirname "$(readlink -f "$0")")
repo=$(cd "$dir/../.." && pwd)
real=${FUZZ_REAL_DIR:-$(cd "$repo/.." && pwd)/shared/testdata/real-profiles}
known=$dir/known-failures
shopt -s nullglob

# known_reason TARGET LOG: the reason of the first known-failures entry of
# TARGET whose pattern matches LOG, or nothing
known_reason()
{
	local t re reason
	[ -f "$known" ] || return 0
	while IFS=$'\t' read -r t re reason; do
		case $t in '' | '#'*) continue ;; esac
		[ "$t" = "$1" ] || continue
		if grep -Eq -- "$re" "$2"; then
			echo "$reason"
			return 0
		fi
	done <"$known"
}

# why LOG: the lines of a crash log that say what happened, and for a
# sanitizer report the first frames of its stack below the runtime's own
why()
{
	grep -E -m 4 'FUZZ PROPERTY FAILED|ERROR: (Address|Undefined|Leak)Sanitizer|SUMMARY:|runtime error:|ERROR: libFuzzer' "$1" |
		cut -c1-300 | sed 's/^/#   /'
	grep -q 'FUZZ PROPERTY FAILED' "$1" && return
	grep -E '^ *#[0-9]+ 0x' "$1" |
		grep -vE '__sanitizer|__asan|__ubsan|fuzzer::|libc\.so|_start' |
		head -n 4 | sed -E 's/ \(BuildId: [0-9a-f]+\)//; s/^ */#     /' | cut -c1-200
}

# dict_of TARGET: the libFuzzer dictionary option for TARGET, if any
dict_of()
{
	case $1 in
	profile | check | roundtrip) echo "-dict=$dir/xml.dict" ;;
	rule | macro) echo "-dict=$dir/rule.dict" ;;
	esac
}

# the targets' temp files (fuzz_roundtrip's store), on a tmpfs when there
# is one; a crash leaves them behind, so the folder goes at the end
shm=/dev/shm
[ -w "$shm" ] || shm=${TMPDIR:-/tmp}
TMPDIR=$(mktemp -d "$shm/fxs-fuzz.XXXXXX") || exit 1
export TMPDIR
trap 'rm -rf "$TMPDIR"' EXIT

echo "TAP version 13"
echo "1..$#"
n=0 failed=0
mkdir -p "$fb/logs"
for t in "$@"; do
	n=$((n + 1))
	bin=$fb/fuzz_$t
	corpus=$fb/corpus/$t
	crashes=$fb/crashes/$t
	log=$fb/logs/$t.log
	mkdir -p "$corpus" "$crashes"
	seeds=("$dir/corpus/$t")
	case $t in
	profile | check | decode)
		if [ -d "$real" ]; then
			mkdir -p "$fb/real"
			cp "$real"/*.xml "$fb/real/" 2>/dev/null
			seeds+=("$fb/real")
		fi
		;;
	esac
	result=ok todo= msg= skip=
	: >"$log"
	if [ ! -x "$bin" ]; then
		echo "not ok $n fuzz $t: $bin is not built"
		failed=$((failed + 1))
		continue
	fi

	# 1. the regression inputs, each on its own
	regs=("$dir/regressions/$t"/*)
	for r in "${regs[@]}"; do
		if ! "$bin" "$r" >"$log.replay" 2>&1; then
			reason=$(known_reason "$t" "$log.replay")
			cat "$log.replay" >>"$log"
			echo "#   regression input ${r#"$repo"/} crashes:"
			why "$log.replay"
			if [ -n "$reason" ]; then
				[ "$result" = ok ] && result=todo todo=$reason
				msg="regression ${r##*/} crashes (known)"
			else
				result=fail msg="regression input ${r#"$repo"/} crashes"
			fi
		fi
	done
	rm -f "$log.replay"

	# 2. fuzzing; after a known crash, on with FUZZ_SKIP_KNOWN=1
	read -ra dict <<<"$(dict_of "$t")"
	left=$secs runs=0 pass=1
	while [ "$left" -gt 0 ]; do
		t0=$SECONDS
		plog=$log.$pass
		env ${skip:+FUZZ_SKIP_KNOWN=1} "$bin" -max_total_time="$left" \
			-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
			-artifact_prefix="$crashes/" "${dict[@]}" \
			"$corpus" "${seeds[@]}" >"$plog" 2>&1
		rc=$?
		cat "$plog" >>"$log"
		r=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$plog" |
			tail -n 1 | grep -o '[0-9]*$')
		runs=$((runs + ${r:-0}))
		left=$((left - (SECONDS - t0)))
		[ "$rc" = 0 ] && break
		input=$(grep -o 'Test unit written to .*' "$plog" | tail -n 1 |
			sed 's/^Test unit written to //')
		reason=$(known_reason "$t" "$plog")
		echo "#   fuzz $t crashed (exit $rc)${skip:+ with FUZZ_SKIP_KNOWN=1}; input: ${input:-none}; log: $log"
		why "$plog"
		[ -n "$input" ] && echo "#   reproduce: $bin $input"
		if [ -z "$reason" ]; then
			result=fail
			msg=${msg:+$msg; }"crash, input saved as ${input:-?}"
			break
		fi
		[ "$result" = ok ] && result=todo todo=$reason
		msg=${msg:+$msg; }"crash, input saved as ${input:-?} (known)"
		[ -n "$skip" ] && break
		skip=1 pass=$((pass + 1))
	done
	rm -f "$log".[0-9]*
	skip=
	stats="$secs s, $runs runs, $(find "$corpus" -type f | wc -l) corpus inputs, ${#regs[@]} regression inputs"
	case $result in
	ok) echo "ok $n fuzz $t: $stats" ;;
	todo) echo "not ok $n fuzz $t: $msg; $stats # TODO $todo" ;;
	*)
		echo "not ok $n fuzz $t: $msg"
		echo "fuzz $t: $msg (log $log)" >&2
		failed=$((failed + 1))
		;;
	esac
done
[ "$failed" = 0 ]
