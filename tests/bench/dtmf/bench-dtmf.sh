#!/bin/bash
# bench-dtmf.sh: DTMF benchmark. Runs fxs-dtmf, spandsp's dtmf_rx (through
# spandsp-dtmf) and multimon-ng on the same signals in the same run: the
# cases of tests/dtmf/cases.txt (except our "config" ones), talk-off over
# the installed speech and music, and instructions per sample under
# callgrind. Prints one table. A benchmark, not a test: it never fails on
# the numbers.
# Usage: bench-dtmf.sh BUILD_DIR
set -u
build=$1
here=$(dirname "$0")
cases=$here/../../dtmf/cases.txt
speech=${DTMF_SPEECH_DIR:-/usr/share/asterisk/sounds/en_US_f_Allison}
music=${DTMF_MUSIC_DIR:-/usr/share/asterisk/moh}
cost_file=$music/macroform-cold_day.wav
decoders=(fxs-dtmf spandsp multimon-ng)
# shellcheck source-path=SCRIPTDIR source=../../dtmf/run-case.sh
. "$here/../../dtmf/run-case.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# decode NAME RAW: the digits decoder NAME finds in 8 kHz raw file RAW
decode() {
	case "$1" in
	fxs-dtmf) "$build/fxs-dtmf" "$2" ;;
	spandsp) "$build/spandsp-dtmf" "$2" ;;
	multimon-ng)
		sox -V1 -t raw -r 8000 -e signed -b 16 -c 1 "$2" \
			-t raw -r 22050 -e signed -b 16 -c 1 "$tmp/mm.raw"
		multimon-ng -q -t raw -a DTMF "$tmp/mm.raw" 2>/dev/null |
			sed -n 's/^DTMF: //p' | tr -d '\n'
		echo ;;
	esac
}

# cost_cmd NAME RAW: command whose instructions callgrind counts
cost_cmd() {
	case "$1" in
	fxs-dtmf) echo "$build/fxs-dtmf $2" ;;
	spandsp) echo "$build/spandsp-dtmf $2" ;;
	multimon-ng)
		sox -V1 -t raw -r 8000 -e signed -b 16 -c 1 "$2" \
			-t raw -r 22050 -e signed -b 16 -c 1 "$2.22k"
		echo "multimon-ng -q -t raw -a DTMF $2.22k" ;;
	esac
}

declare -A pass total failed
criteria=()

run_cases() {
	local crit name digits expect gopts want got d

	while IFS='|' read -r crit name digits expect gopts _; do
		case "$crit" in ''|'#'*|config) continue ;; esac
		[ -z "${total[$crit]+x}" ] && criteria+=("$crit")
		total[$crit]=$(( ${total[$crit]:-0} + 1 ))
		case_signal "$build/dtmf-gen" "$digits" "$gopts" "$tmp/case.raw"
		want=$(case_digits "$expect")
		for d in "${decoders[@]}"; do
			got=$(decode "$d" "$tmp/case.raw")
			if [ "$got" = "$want" ]; then
				pass[$crit,$d]=$(( ${pass[$crit,$d]:-0} + 1 ))
			else
				failed[$d]+="    $crit: $name (got '$got')"$'\n'
			fi
		done
	done <"$cases"
}

declare -A talkoff cost minutes

# run_talk_off: digits each decoder finds in each corpus joined into one
# stream; "n/a" for a corpus that is not installed
run_talk_off() {
	local corpus dir d got

	for corpus in speech music; do
		dir=$speech
		[ "$corpus" = music ] && dir=$music
		if [ -z "$(find "$dir" -name '*.wav' -print -quit 2>/dev/null)" ] ||
		   ! corpus_raw "$dir" "$tmp/$corpus.raw"; then
			minutes[$corpus]=n/a
			for d in "${decoders[@]}"; do
				talkoff[$corpus,$d]=n/a
			done
			continue
		fi
		minutes[$corpus]=$(awk -v b="$(stat -c %s "$tmp/$corpus.raw")" \
			'BEGIN { printf "%.1f", b / 16000 / 60 }')
		for d in "${decoders[@]}"; do
			got=$(decode "$d" "$tmp/$corpus.raw")
			talkoff[$corpus,$d]=${#got}
		done
		rm -f "$tmp/$corpus.raw"
	done
}

# instructions NAME RAW: callgrind's total instruction count
instructions() {
	local cmd

	cmd=$(cost_cmd "$1" "$2")
	# shellcheck disable=SC2086
	valgrind --tool=callgrind --callgrind-out-file=/dev/null $cmd \
		2>&1 >/dev/null | sed -n 's/.*Collected : //p'
}

run_cost() {
	local d long tiny samples

	if [ -f "$cost_file" ]; then
		sox -V1 "$cost_file" -t raw -r 8000 -e signed -b 16 -c 1 \
			"$tmp/long.raw"
	else	# no music installed: 4 minutes of white noise instead
		cost_file="white noise, -20 dBm0, 240 s"
		"$build/dtmf-gen" -N -20 -s 240000 -g 0 "" >"$tmp/long.raw"
	fi
	head -c 1600 "$tmp/long.raw" >"$tmp/tiny.raw"
	samples=$(( ($(stat -c %s "$tmp/long.raw") - 1600) / 2 ))
	for d in "${decoders[@]}"; do
		long=$(instructions "$d" "$tmp/long.raw")
		tiny=$(instructions "$d" "$tmp/tiny.raw")
		cost[$d]=$(awk -v l="$long" -v t="$tiny" -v s="$samples" \
			'BEGIN { printf "%.1f", (l - t) / s }')
	done
}

print_table() {
	local crit d row

	printf '%-28s' "criterion (cases passed)"
	printf ' %12s' "${decoders[@]}"
	echo
	for crit in "${criteria[@]}"; do
		row=$(printf '%-28s' "$crit")
		for d in "${decoders[@]}"; do
			row+=$(printf ' %12s' "${pass[$crit,$d]:-0}/${total[$crit]}")
		done
		echo "$row"
	done
	for crit in speech music; do
		row=$(printf '%-28s' "talk-off $crit ${minutes[$crit]} min")
		for d in "${decoders[@]}"; do
			row+=$(printf ' %12s' "${talkoff[$crit,$d]}")
		done
		echo "$row"
	done
	row=$(printf '%-28s' "instructions / sample")
	for d in "${decoders[@]}"; do
		row+=$(printf ' %12s' "${cost[$d]}")
	done
	echo "$row"
	echo "# talk-off: digits reported over the whole corpus, its WAVs joined."
	echo "# instructions per 8 kHz input sample under callgrind, a tiny run's"
	echo "# cost subtracted (${cost_file##*/});"
	echo "# multimon-ng's count covers its 22050 Hz resampled input (2.76"
	echo "# samples per 8 kHz sample; sox's resampling itself not counted)."
	echo "# spandsp: dtmf_rx defaults (no dial-tone filter)."
	for d in "${decoders[@]}"; do
		[ -n "${failed[$d]:-}" ] && printf '# %s failed:\n%s' "$d" "${failed[$d]}"
	done
	return 0
}

run_cases
run_talk_off
run_cost
print_table
