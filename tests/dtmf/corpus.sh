#!/bin/bash
# corpus.sh: builds the talk-off corpus from Debian packages, one raw
# 8 kHz signed 16-bit mono file per source, into OUT_DIR (cached: a source
# already built is kept). Prints the names of the sources built.
# The sources (packages in tests/install-deps.sh):
#   ast-en ast-es ast-fr ast-it ast-ru: asterisk-core-sounds-{en,es,fr,it,ru}-wav
#   espeak-*: espeak-ng, several languages and voice variants, reading
#     TALK_TEXT (prose, spelled letters, numbers) in its language set
#   flite-*: flite, its built-in voices, same text
#   moh: asterisk-moh-opsound-wav
# Usage: corpus.sh OUT_DIR [SOURCE...] | corpus.sh --list
set -u
out=$1
shift
sounds=/usr/share/asterisk/sounds
here=$(dirname "$0")
# shellcheck source-path=SCRIPTDIR source=run-case.sh
. "$here/run-case.sh"

TALK_TEXT="The quick brown fox jumps over the lazy dog. \
A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P, Q, R, S, T, U, V, W, X, Y, Z. \
Zero one two three four five six seven eight nine, star, pound, hash. \
Please hold the line; your call is important to us. \
Ooooh, aaaah, eeee, mmmm, la la la la laaa."
espeak_voices=(en en+f3 en+m7 en-us+whisper de fr es it ru pl sv 'fi' ja)
flite_voices=(kal kal16 awb rms slt)

all_sources() {
	local v

	echo ast-en ast-es ast-fr ast-it ast-ru moh
	for v in "${espeak_voices[@]}"; do echo "espeak-$v"; done
	for v in "${flite_voices[@]}"; do echo "flite-$v"; done
}

# to_raw IN OUT: any audio file to the corpus format
to_raw() {
	sox -V1 -D "$1" -t raw -r 8000 -e signed -b 16 -c 1 "$2"
}

# build SOURCE FILE: write SOURCE's raw signal to FILE
build() {
	local src=$1 file=$2 dir

	case "$src" in
	ast-en) dir=$sounds/en_US_f_Allison ;;
	ast-es) dir=$sounds/es_MX_f_Allison ;;
	ast-fr) dir=$sounds/fr_CA_f_June ;;
	ast-it) dir=$sounds/it_IT_m_Carlo ;;
	ast-ru) dir=$sounds/ru_RU_f_IvrvoiceRU ;;
	moh) dir=/usr/share/asterisk/moh ;;
	espeak-*)
		espeak-ng -v "${src#espeak-}" -s 150 -w "$file.wav" "$TALK_TEXT" &&
		espeak-ng -v "${src#espeak-}" -s 90 -p 80 -w "$file.2.wav" \
			"$TALK_TEXT" &&
		sox -V1 -D "$file.wav" "$file.2.wav" -t raw -r 8000 -e signed \
			-b 16 -c 1 "$file"
		local rc=$?
		rm -f "$file.wav" "$file.2.wav"
		return $rc ;;
	flite-*)
		flite -voice "${src#flite-}" -t "$TALK_TEXT" -o "$file.wav" &&
			to_raw "$file.wav" "$file"
		local rc=$?
		rm -f "$file.wav"
		return $rc ;;
	*) echo "corpus.sh: unknown source $src" >&2; return 2 ;;
	esac
	[ -n "$(find "$dir" -name '*.wav' -print -quit 2>/dev/null)" ] || {
		echo "corpus.sh: $src: no WAV under $dir (package missing)" >&2
		return 1
	}
	corpus_raw "$dir" "$file"
}

if [ "$out" = --list ]; then
	all_sources
	exit 0
fi
mkdir -p "$out"
# shellcheck disable=SC2046  # one word per source
[ $# -gt 0 ] || set -- $(all_sources)
status=0
for src in "$@"; do
	if [ ! -s "$out/$src.raw" ]; then
		if ! build "$src" "$out/$src.raw.tmp"; then
			rm -f "$out/$src.raw.tmp"
			status=1
			continue
		fi
		mv "$out/$src.raw.tmp" "$out/$src.raw"
	fi
	echo "$src"
done
exit $status
