#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Builds one IVR prompt clip: build-prompt.sh NAME LIST OUT.
# Looks NAME up in LIST (daemon/prompts/prompts.list), takes its source (an
# asterisk-core-sounds-en-wav file, or a text espeak-ng speaks), and with
# sox: resamples to 8000 Hz mono 16-bit, removes DC and rumble, trims the
# silence at both ends (RMS 54 dB below the clip's peak), fades 5 ms in and
# out, then sets the active speech level (P.56, measured by prompt-level) to
# PROMPT_TARGET dBm0 (-16). Writes raw s16le to OUT, or nothing on error.
#
# Environment: PROMPT_LEVEL (the prompt-level program, build/prompt-level),
# PROMPT_SOUNDS (the Asterisk sounds folder), PROMPT_VOICE (en-us+f3),
# PROMPT_SPEED (espeak-ng words a minute, 150), PROMPT_TARGET (-16).
set -euo pipefail

die() {
	echo "build-prompt: $*" >&2
	exit 1
}

[ $# = 3 ] || die "usage: build-prompt.sh NAME LIST OUT"
name=$1 list=$2 out=$3
level=${PROMPT_LEVEL:-build/prompt-level}
sounds=${PROMPT_SOUNDS:-/usr/share/asterisk/sounds/en_US_f_Allison}
voice=${PROMPT_VOICE:-en-us+f3}
speed=${PROMPT_SPEED:-150}
target=${PROMPT_TARGET:--16}

[[ $name =~ ^[a-z0-9]+(-[a-z0-9]+)*$ ]] || die "bad clip name '$name'"
[ -r "$list" ] || die "cannot read '$list'"
[ -x "$level" ] || die "'$level' missing: make $level"
lines=$(awk -v n="$name" '$1 == n && $1 !~ /^#/' "$list")
case $(printf '%s' "$lines" | grep -c '^') in
0) die "'$name' is not in $list" ;;
1) ;;
*) die "'$name' is listed more than once in $list" ;;
esac
read -r _ kind arg <<<"$lines"
[ -n "${arg:-}" ] || die "'$name' in $list has no source"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
case $kind in
asterisk)
	[ -d "$sounds" ] ||
		die "no Asterisk sounds in '$sounds': apt-get install asterisk-core-sounds-en-wav"
	[[ $arg =~ ^[A-Za-z0-9_./-]+$ && $arg != *..* ]] ||
		die "'$name': bad asterisk path '$arg'"
	src=$sounds/$arg.wav
	[ -f "$src" ] || die "'$name': '$src' does not exist"
	;;
espeak)
	command -v espeak-ng >/dev/null || die "espeak-ng missing: apt-get install espeak-ng"
	src=$tmp/tts.wav
	espeak-ng -v "$voice" -s "$speed" -w "$src" -- "$arg" ||
		die "'$name': espeak-ng failed"
	;;
*)
	die "'$name': unknown source '$kind' (asterisk or espeak)"
	;;
esac
command -v sox >/dev/null || die "sox missing: apt-get install sox"

raw=(-t raw -r 8000 -c 1 -b 16 -e signed-integer -L)
# -R: no random dither seed, so a rebuild gives the same bytes
sox -R -V1 "$src" "${raw[@]}" "$tmp/cut.s16" \
	remix - rate -v 8000 highpass 80 norm -6 \
	silence 1 0.01 -60d reverse silence 1 0.01 -60d reverse ||
	die "'$name': sox failed on '$src'"
[ -s "$tmp/cut.s16" ] || die "'$name': nothing left after trimming silence"
gain=$("$level" --target "$target" --gain "$tmp/cut.s16") ||
	die "'$name': $gain"
sox -R -V1 "${raw[@]}" "$tmp/cut.s16" "${raw[@]}" "$tmp/out.s16" \
	gain "$gain" fade t 0.005 -0 0.005 ||
	die "'$name': sox gain failed"
why=$("$level" --target "$target" --check "$tmp/out.s16") || die "'$name': $why"
mv "$tmp/out.s16" "$out"
