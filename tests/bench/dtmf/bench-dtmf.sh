#!/bin/bash
# bench-dtmf.sh: DTMF benchmark. Runs fxs-dtmf, spandsp's dtmf_rx (through
# spandsp-dtmf) and multimon-ng on the same signals in the same run: the
# cases of tests/dtmf/cases.txt (except our "config" ones), talk-off over
# the installed speech and music, the channel conditions of
# tests/dtmf/channel.sh, talk-off over the whole corpus of
# tests/dtmf/corpus.sh at every gain and alignment, and instructions per
# sample under callgrind. Prints one table and a summary line. A benchmark, not a test: it never fails on
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
# shellcheck source-path=SCRIPTDIR source=../../dtmf/channel.sh
. "$here/../../dtmf/channel.sh"

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

# The whole talk-off corpus of tests/dtmf/corpus.sh (built once into
# BUILD_DIR/dtmf-corpus), every source at each gain and block alignment
# (shift in samples); the environment may narrow the grid
corpus_sources=${DTMF_BENCH_SOURCES:-$(bash "$here/../../dtmf/corpus.sh" --list)}
corpus_gains=${DTMF_BENCH_GAINS:-"-12 -9 -6 -3 0 3 6 9"}
corpus_shifts=${DTMF_BENCH_SHIFTS:-"0 20 40 60"}
declare -A corpus_digits
corpus_built=()

# corpus_signal FILE GAIN SHIFT OUT: FILE at GAIN dB after SHIFT samples of
# silence, into raw OUT
corpus_signal() {
	(head -c $(($3 * 2)) /dev/zero; cat "$1") |
		sox -V1 -D -t raw -r 8000 -e signed -b 16 -c 1 - -t raw "$4" \
			vol "$2dB"
}

# run_talk_off_corpus: digits each decoder finds per source and gain,
# summed over the shifts
run_talk_off_corpus() {
	local src file gain shift d got

	for src in $corpus_sources; do
		bash "$here/../../dtmf/corpus.sh" "$build/dtmf-corpus" "$src" \
			>/dev/null 2>&1 || continue
		corpus_built+=("$src")
		file=$build/dtmf-corpus/$src.raw
		for gain in $corpus_gains; do
			for shift in $corpus_shifts; do
				corpus_signal "$file" "$gain" "$shift" "$tmp/to.raw"
				for d in "${decoders[@]}"; do
					got=$(decode "$d" "$tmp/to.raw")
					corpus_digits[$src,$gain,$d]=$(( \
						${corpus_digits[$src,$gain,$d]:-0} + ${#got} ))
				done
			done
		done
		rm -f "$tmp/to.raw" "$tmp/mm.raw"
	done
}

# print_talk_off_corpus: one row per source (digits over the whole grid),
# a row per source and gain where a decoder found digits, the rows where
# fxs-dtmf found more than a peer, and a summary line
print_talk_off_corpus() {
	local src gain d row n worse=() sum
	declare -A totals

	echo "# talk-off corpus: digits per source over gains $corpus_gains dB"
	echo "# and shifts $corpus_shifts samples (tests/dtmf/corpus.sh)"
	for src in "${corpus_built[@]}"; do
		for d in "${decoders[@]}"; do
			sum=0
			for gain in $corpus_gains; do
				sum=$((sum + corpus_digits[$src,$gain,$d]))
			done
			totals[$src,$d]=$sum
			totals[$d]=$(( ${totals[$d]:-0} + sum ))
		done
		row=$(printf '%-28s' "talk-off $src")
		for d in "${decoders[@]}"; do
			row+=$(printf ' %12s' "${totals[$src,$d]}")
		done
		echo "$row"
		for gain in $corpus_gains; do
			row=$(printf '%-28s' "  $src ${gain} dB")
			n=0
			for d in "${decoders[@]}"; do
				row+=$(printf ' %12s' "${corpus_digits[$src,$gain,$d]}")
				n=$((n + corpus_digits[$src,$gain,$d]))
			done
			[ "$n" -gt 0 ] && echo "$row"
			for d in "${decoders[@]:1}"; do
				if [ "${corpus_digits[$src,$gain,fxs-dtmf]}" -gt \
				     "${corpus_digits[$src,$gain,$d]}" ]; then
					worse+=("$src ${gain} dB: fxs-dtmf ${corpus_digits[$src,$gain,fxs-dtmf]}, $d ${corpus_digits[$src,$gain,$d]}")
					break
				fi
			done
		done
	done
	for row in "${worse[@]}"; do
		echo "# worse than a peer: $row"
	done
	row="summary: talk-off over ${#corpus_built[@]} sources"
	for d in "${decoders[@]}"; do
		row+=", $d ${totals[$d]:-0}"
	done
	echo "$row digits; fxs-dtmf worse than a peer in ${#worse[@]} rows"
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

# Channel conditions of tests/dtmf/channel.sh: the 16 digits once per
# seed of channel_seeds through each condition; digits found per decoder
channel_seeds=${DTMF_BENCH_SEEDS:-"1 2 3"}
declare -A channel_found
channels=()

run_channels() {
	local cond seed d

	for cond in $(channel_list); do
		channels+=("$cond")
		for seed in $channel_seeds; do
			channel_signal "$build/dtmf-gen" "$cond" "$seed" \
				"$tmp/ch.raw" || continue
			for d in "${decoders[@]}"; do
				channel_found[$cond,$d]=$(( ${channel_found[$cond,$d]:-0} + \
					$(digits_found "$(decode "$d" "$tmp/ch.raw")") ))
			done
		done
	done
	rm -f "$tmp/ch.raw"
}

# print_channels: a row per condition (digits found of 16 per seed), the
# rows where fxs-dtmf found fewer than a peer, and a summary line
print_channels() {
	local cond d row best worse=() want

	want=$(( 16 * $(wc -w <<<"$channel_seeds") ))
	echo "# channel conditions: digits found of $want (16 digits, seeds $channel_seeds)"
	for cond in "${channels[@]}"; do
		row=$(printf '%-28s' "channel $cond")
		best=0
		for d in "${decoders[@]}"; do
			row+=$(printf ' %12s' "${channel_found[$cond,$d]:-0}")
		done
		echo "$row"
		for d in "${decoders[@]:1}"; do
			[ "${channel_found[$cond,$d]:-0}" -gt "$best" ] &&
				best=${channel_found[$cond,$d]:-0}
		done
		[ "${channel_found[$cond,fxs-dtmf]:-0}" -lt "$best" ] &&
			worse+=("$cond: fxs-dtmf ${channel_found[$cond,fxs-dtmf]:-0}, best peer $best")
	done
	for row in "${worse[@]}"; do
		echo "# fewer than a peer: $row"
	done
	echo "summary: channel conditions ${#channels[@]}; fxs-dtmf below the better peer in ${#worse[@]}"
}

run_cases
run_channels
run_talk_off
run_talk_off_corpus
run_cost
print_table
print_channels
print_talk_off_corpus
