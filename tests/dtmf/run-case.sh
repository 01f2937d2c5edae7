#!/bin/bash
# run-case.sh: helpers shared by the DTMF test and benchmark scripts:
# reading tests/dtmf/cases.txt and generating a case's signal.
ALL_DIGITS='123A456B789C*0#D'

# case_digits FIELD: expand ALL and - of the case table
case_digits() {
	case "$1" in
	ALL) printf '%s' "$ALL_DIGITS" ;;
	-) ;;
	*) printf '%s' "$1" ;;
	esac
}

# case_signal GEN DIGITS GEN_OPTIONS OUT: write a case's raw signal to OUT
case_signal() {
	local gen=$1 digits=$2 opts=$3 out=$4

	# shellcheck disable=SC2086  # options are word lists
	"$gen" $opts "$(case_digits "$digits")" >"$out"
}

# corpus_raw DIR OUT: every WAV under DIR, in name order, converted one by
# one to 8 kHz signed 16-bit mono and joined into raw OUT (so files of any
# rate or format mix); fails if sox fails on one
corpus_raw() {
	local f

	find "$1" -name '*.wav' | sort | while IFS= read -r f; do
		sox -V1 -D "$f" -t raw -r 8000 -e signed -b 16 -c 1 - || exit 1
	done >"$2"
}
