#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# check-prompts.sh: the IVR prompt clips (make prompts) and the tools that
# make and check them, one TAP line per case: the list, every clip through
# prompt-level --check (raw 8 kHz s16le, no header, length, -16 dBm0 +-3 dB
# active speech level, short silence at the ends, no clipping), clips that
# differ, the level meter against G.711's digital milliwatt and tones, the
# checker rejecting bad clips, and the builder rejecting bad list lines.
# Usage: check-prompts.sh BUILD_DIR LIST
set -u
build=$1 list=$2
level=$build/prompt-level
clips=$build/prompts
builder=daemon/prompts/build-prompt.sh
sounds=${PROMPT_SOUNDS:-/usr/share/asterisk/sounds/en_US_f_Allison}
raw=(-t raw -r 8000 -c 1 -b 16 -e signed-integer -L)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
count=0
failed=0

report() {	# report OK NAME [DETAIL]
	count=$((count + 1))
	if [ "$1" = 1 ]; then
		echo "ok $count $2"
	else
		failed=$((failed + 1))
		echo "not ok $count $2"
		[ -n "${3:-}" ] && while IFS= read -r l; do echo "# $l"; done <<<"$3"
	fi
}

# rejects NAME PATTERN FILE [OPTION...]: prompt-level --check fails on FILE
# and says PATTERN
rejects() {
	local name=$1 pattern=$2 file=$3 out rc
	shift 3
	out=$("$level" --check "$@" "$file" 2>&1)
	rc=$?
	if [ "$rc" = 1 ] && grep -q -- "$pattern" <<<"$out"; then
		report 1 "$name"
	else
		report 0 "$name" "exit $rc: $out"
	fi
}

# field FILE KEY: one measurement of prompt-level FILE
field() {
	"$level" "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"
}

# within VALUE WANT TOLERANCE; above VALUE MIN (VALUE a finite number)
within() {
	[[ $1 =~ ^-?[0-9]+(\.[0-9]+)?$ ]] &&
		awk -v v="$1" -v w="$2" -v t="$3" 'BEGIN { exit !(v - w <= t && w - v <= t) }'
}
above() {
	[[ $1 =~ ^-?[0-9]+(\.[0-9]+)?$ ]] && awk -v v="$1" -v m="$2" 'BEGIN { exit !(v > m) }'
}

# builds NAME ...: build-prompt.sh, as the Makefile runs it
builds() {
	PROMPT_LEVEL=$level PROMPT_SOUNDS=$sounds bash "$builder" "$@"
}

# expect_build_error NAME PATTERN CLIP LIST: the builder fails, says
# PATTERN and leaves no output
expect_build_error() {
	local name=$1 pattern=$2 out rc
	rm -f "$tmp/bad.s16"
	out=$(builds "$3" "$4" "$tmp/bad.s16" 2>&1)
	rc=$?
	if [ "$rc" != 0 ] && grep -q -- "$pattern" <<<"$out" && [ ! -e "$tmp/bad.s16" ]; then
		report 1 "$name"
	else
		report 0 "$name" "exit $rc: $out"
	fi
}

# the list: NAME KIND SOURCE, names well formed and unique
entries=$(awk '$1 !~ /^#/ && NF' "$list")
names=$(awk '{ print $1 }' <<<"$entries")
bad=$(awk '$1 !~ /^[a-z0-9]+(-[a-z0-9]+)*$/ || ($2 != "asterisk" && $2 != "espeak") || NF < 3' <<<"$entries")
report "$([ -z "$bad" ] && echo 1)" "list: every line is NAME asterisk|espeak SOURCE" "$bad"
dups=$(sort <<<"$names" | uniq -d)
report "$([ -z "$dups" ] && echo 1)" "list: no name twice" "$dups"

# the clips the IVR speaks
need="dot enabled disabled invalid-option option-successful option-failed
	please-confirm ivr-menu enter-value enter-address password
	invalid-password review-options goodbye cancelled factory-reset reboot
	dhcp ip-address netmask gateway dns mac-address firmware-version
	web-server-port star pound"
for i in 0 1 2 3 4 5 6 7 8 9; do need+=" digit-$i"; done
for l in a b c d e f g h i j k l m n o p q r s t u v w x y z; do need+=" letter-$l"; done
# shellcheck disable=SC2086
missing=$(comm -23 <(printf '%s\n' $need | sort) <(sort <<<"$names"))
report "$([ -z "$missing" ] && echo 1)" "list: has the digits, dot, the alphabet and the IVR's answers" \
	"missing: $missing"

# every clip the IVR engine can ask for (its one table)
ivr=$(sed -n 's/^IVR_PROMPT([A-Z0-9_]*, *"\([a-z0-9-]*\)".*/\1/p' daemon/lib/ivr_prompt.def | sort -u)
missing=$(comm -23 <(printf '%s\n' "$ivr") <(sort <<<"$names"))
report "$([ -n "$ivr" ] && [ -z "$missing" ] && echo 1)" \
	"list: has every clip of the IVR engine (daemon/lib/ivr_prompt.def)" "missing: $missing"

missing=$(awk '$2 == "asterisk" { print $3 }' <<<"$entries" | while read -r p; do
	[ -f "$sounds/$p.wav" ] || echo "$sounds/$p.wav"; done)
report "$([ -z "$missing" ] && echo 1)" "list: every asterisk source is installed" "$missing"

# every clip
for n in $names; do
	ok=0
	out=$("$level" --check "$clips/$n.s16" 2>&1) && ok=1
	report "$ok" "clip $n: ${out#"$clips/$n.s16: "}" "$out"
done
stray=$(for f in "$clips"/*.s16; do
	n=$(basename "$f" .s16)
	grep -qx -- "$n" <<<"$names" || echo "$f"; done)
report "$([ -z "$stray" ] && echo 1)" "no clip in $clips that the list does not name" "$stray"

# different words are different clips
dups=$(cd "$clips" && md5sum -- *.s16 | sort | uniq -w32 -D)
report "$([ -z "$dups" ] && echo 1)" "every clip differs from every other" "$dups"
for pair in "digit-1 digit-7" "letter-b letter-d" "enabled disabled"; do
	read -r a b <<<"$pair"
	# the difference of the two, sample by sample, is as loud as speech
	d=$(sox -V1 -m "${raw[@]}" "$clips/$a.s16" -v -1 "${raw[@]}" "$clips/$b.s16" \
		-n stats 2>&1 | awk '/^RMS lev dB/ { print $4 }')
	report "$(above "$d" -35 && echo 1)" \
		"$a and $b are different words (difference at $d dB)" "difference: $d dB"
done

# the meter: G.711's digital milliwatt (Table 5, mu-law and A-law: 0 dBm0),
# decoded by sox, measures 0 dBm0
for law in ul al; do
	case $law in	# one period of 1 kHz: 8 octets
	ul) dmw='\x1e\x0b\x0b\x1e\x9e\x8b\x8b\x9e' ;;
	al) dmw='\x34\x21\x21\x34\xb4\xa1\xa1\xb4' ;;
	esac
	for _ in $(seq 1000); do printf '%b' "$dmw"; done >"$tmp/dmw.$law"
	sox -V1 -t "$law" -r 8000 -c 1 "$tmp/dmw.$law" "${raw[@]}" "$tmp/dmw.s16"
	a=$(field "$tmp/dmw.s16" active_dbm0) r=$(field "$tmp/dmw.s16" rms_dbm0)
	report "$(within "$a" 0 0.15 && within "$r" 0 0.15 && echo 1)" \
		"meter: the $law digital milliwatt is 0 dBm0 (active $a, rms $r)" "active $a, rms $r"
done
# a 1 kHz sine at -16 dBm0: its peak 19.17 dB below full scale
sox -V1 -n -R "${raw[@]}" "$tmp/sine.s16" synth 2 sine 1000 gain -19.17
a=$(field "$tmp/sine.s16" active_dbm0)
report "$(within "$a" -16 0.2 && echo 1)" "meter: a -16 dBm0 sine measures $a dBm0" "$a"
# pauses do not count: 2 s of tone, 2 s of silence, twice
sox -V1 -n -R "${raw[@]}" "$tmp/burst.s16" synth 2 sine 1000 gain -19.17 pad 0 2 repeat 1
a=$(field "$tmp/burst.s16" active_dbm0) r=$(field "$tmp/burst.s16" rms_dbm0)
report "$(within "$a" -16 1 && above "$r" -40 && above "$a" "$(awk -v r="$r" 'BEGIN { print r + 2 }')" && echo 1)" \
	"meter: tone bursts with pauses: active $a dBm0, whole-clip rms $r dBm0" "active $a, rms $r"

# the checker rejects bad clips
good=$clips/digit-1.s16
sox -V1 "${raw[@]}" "$good" "${raw[@]}" "$tmp/quiet.s16" gain -10
rejects "checker: rejects a clip 10 dB too quiet" "active speech level" "$tmp/quiet.s16"
sox -V1 "${raw[@]}" "$good" "${raw[@]}" "$tmp/loud.s16" gain 4
rejects "checker: rejects a clip 4 dB too loud" "active speech level" "$tmp/loud.s16"
sox -V1 "${raw[@]}" "$good" "${raw[@]}" "$tmp/clipped.s16" gain 30 2>/dev/null
rejects "checker: rejects a clipped clip" "clipped" "$tmp/clipped.s16"
sox -V1 "${raw[@]}" "$good" -t wav "$tmp/header.s16"
rejects "checker: rejects a clip with a WAV header" "'RIFF' header" "$tmp/header.s16"
sox -V1 "${raw[@]}" "$good" -t au -e signed-integer "$tmp/au.s16"
rejects "checker: rejects a clip with a Sun/NeXT .au header" "'.snd' header" "$tmp/au.s16"
{ cat "$good"; printf 'x'; } >"$tmp/odd.s16"
rejects "checker: rejects an odd byte count" "odd byte count" "$tmp/odd.s16"
: >"$tmp/empty.s16"
rejects "checker: rejects an empty clip" "empty" "$tmp/empty.s16"
rejects "checker: rejects a missing clip" "cannot open" "$tmp/absent.s16"
head -c 16000 /dev/zero >"$tmp/zero.s16"
rejects "checker: rejects a silent clip" "silent" "$tmp/zero.s16"
sox -V1 "${raw[@]}" "$good" "${raw[@]}" "$tmp/long.s16" repeat 11
rejects "checker: rejects a clip longer than 6 s" "more than 6.00 s" "$tmp/long.s16"
sox -V1 "${raw[@]}" "$good" "${raw[@]}" "$tmp/lead.s16" pad 0.5 0
rejects "checker: rejects 500 ms of silence before the speech" "of silence before" "$tmp/lead.s16"
sox -V1 "${raw[@]}" "$good" "${raw[@]}" "$tmp/tail.s16" pad 0 0.5
rejects "checker: rejects 500 ms of silence after the speech" "ms after" "$tmp/tail.s16"
out=$("$level" --check "$good" "$tmp/quiet.s16" 2>&1)
rc=$?
report "$([ $rc = 1 ] && grep -q quiet <<<"$out" && grep -q "^$good: seconds=" <<<"$out" && echo 1)" \
	"checker: one bad clip among good ones fails the run and is named" "exit $rc: $out"
out=$("$level" --check --tolerance x "$good" 2>&1)
rc=$?
report "$([ $rc = 2 ] && grep -q "bad number" <<<"$out" && echo 1)" "checker: rejects a bad option value" \
	"exit $rc: $out"

# the builder: the same bytes again; a different target level moves it
for n in digit-7 invalid-option; do
	builds "$n" "$list" "$tmp/$n.s16" 2>"$tmp/err"
	report "$(cmp -s "$tmp/$n.s16" "$clips/$n.s16" && echo 1)" \
		"builder: $n again gives the same bytes" "$(cat "$tmp/err")"
done
PROMPT_TARGET=-22 builds digit-7 "$list" "$tmp/low.s16" 2>"$tmp/err"
a=$(field "$tmp/low.s16" active_dbm0)
report "$(within "$a" -22 0.2 && echo 1)" "builder: PROMPT_TARGET=-22 gives $a dBm0" "$(cat "$tmp/err")"

# the builder rejects bad list lines and leaves no clip
printf 'digit-1 asterisk digits/1\ndigit-1 espeak one\n' >"$tmp/twice.list"
expect_build_error "builder: rejects a name listed twice" "more than once" digit-1 "$tmp/twice.list"
expect_build_error "builder: rejects a name not in the list" "is not in" digit-2 "$tmp/twice.list"
printf 'nope asterisk digits/no-such-word\n' >"$tmp/absent.list"
expect_build_error "builder: rejects a missing asterisk file" "no-such-word.wav' does not exist" \
	nope "$tmp/absent.list"
printf 'up asterisk ../../../../etc/passwd\n' >"$tmp/escape.list"
expect_build_error "builder: rejects an asterisk path outside the sounds" "bad asterisk path" \
	up "$tmp/escape.list"
printf 'beep tone 1000\n' >"$tmp/kind.list"
expect_build_error "builder: rejects an unknown source" "unknown source 'tone'" beep "$tmp/kind.list"
printf 'hush espeak\n' >"$tmp/nosource.list"
expect_build_error "builder: rejects a line without a source" "has no source" hush "$tmp/nosource.list"
expect_build_error "builder: rejects a bad clip name" "bad clip name" "Digit_1" "$list"

echo "1..$count"
[ "$failed" = 0 ]
