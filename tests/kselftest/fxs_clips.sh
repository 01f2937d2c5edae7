#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# In-guest test of fxs-clips, the matcher the IVR tests and the demo read
# the downlink with: on captures made from the real clips in /prompts
# (build/prompts), with silence between them, it names the clips in
# order; a changed sample, a foreign sound or a clip from another set
# gives "?" and exit 1. And the path the IVR plays on: clips written to
# /dev/fxsN of a sim board come back sample-exact on its downlink
# (lib/handset.sh's listen). Prints TAP; exits 1 on a failure.

# shellcheck source-path=SCRIPTDIR source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"
# shellcheck source-path=SCRIPTDIR source=lib/handset.sh
. "$(dirname "$0")/lib/handset.sh"

D=/prompts
W=/tmp/fxs_clips

# silence MS: that many milliseconds of zero samples
silence() {
	head -c $(($1 * 16)) /dev/zero
}

clips_of() {
	fxs-clips "$D" "$1" | tr '\n' ' '
}

echo "TAP version 13"
if ! command -v fxs-clips >/dev/null || ! [ -f "$D/digit-1.s16" ]; then
	echo "1..0 # SKIP fxs-clips or /prompts not in the guest (make prompts kselftest-progs)"
	exit 0
fi
echo "1..7"
rm -rf "$W" && mkdir -p "$W"
{
	silence 300
	cat "$D/ip-address.s16" "$D/digit-1.s16" "$D/digit-2.s16"
	silence 40
	cat "$D/digit-7.s16" "$D/dot.s16"
	silence 10
	cat "$D/digit-0.s16"
	silence 500
} >"$W/good.pcm"
got=$(clips_of "$W/good.pcm")
[ "$got" = "ip-address digit-1 digit-2 digit-7 dot digit-0 " ]
result $? "fxs_clips.names_in_order: '$got'"
fxs-clips "$D" "$W/good.pcm" >/dev/null
result $? "fxs_clips.exit_0_when_all_match"
# one byte of digit-7 changed
off=$(($(wc -c <"$D/ip-address.s16") + $(wc -c <"$D/digit-1.s16") + \
	$(wc -c <"$D/digit-2.s16") + 4800 + 640 + 4000))
cp "$W/good.pcm" "$W/bad.pcm"
b=$(dd if="$W/bad.pcm" bs=1 skip="$off" count=1 2>/dev/null | od -An -tu1 | tr -d ' ')
if [ "$b" = 1 ]; then new='\002'; else new='\001'; fi
# shellcheck disable=SC2059 # the format is one of the two literals
printf "$new" | dd of="$W/bad.pcm" bs=1 seek="$off" conv=notrunc 2>/dev/null
got=$(clips_of "$W/bad.pcm")
fxs-clips "$D" "$W/bad.pcm" >/dev/null
rc=$?
[ "$rc" = 1 ] && [ "$got" != "ip-address digit-1 digit-2 digit-7 dot digit-0 " ] &&
	case $got in *'?'*) true ;; *) false ;; esac
result $? "fxs_clips.one_sample_changed_fails: exit $rc, '$got'"
# foreign sound: the DTMF of a digit is no clip
{ cat "$D/digit-3.s16"; dtmf-gen 5; } >"$W/dtmf.pcm"
got=$(clips_of "$W/dtmf.pcm")
[ "$got" = "digit-3 ? " ]
result $? "fxs_clips.foreign_sound_is_unknown: '$got'"
# the wrong clips: a swapped order is seen as such
{ cat "$D/digit-2.s16"; silence 20; cat "$D/digit-1.s16"; } >"$W/swap.pcm"
got=$(clips_of "$W/swap.pcm")
[ "$got" = "digit-2 digit-1 " ]
result $? "fxs_clips.order_kept: '$got'"
# a clip set without the spoken one cannot match it
mkdir -p "$W/other" && cp "$D/digit-1.s16" "$W/other/"
got=$(fxs-clips "$W/other" "$W/good.pcm" | tr '\n' ' ')
fxs-clips "$W/other" "$W/good.pcm" >/dev/null
rc=$?
[ "$rc" = 1 ] && [ "$got" = "? digit-1 ? " ]
result $? "fxs_clips.other_set_unknown: exit $rc, '$got'"
# the downlink of a line that plays clips written to it
S=/sys/kernel/config/fxs-sim/clips
mkdir "$S" && echo 1 >"$S/live"
line=$(cat "$S/line_names")
D=/sys/kernel/debug/fxs-sim/$line
wait_for "[ -c /dev/$line ]"
echo 1 >"$D/hook"
cat "$D/downlink" >/dev/null 2>&1
: >"$W/line.pcm"
cat /prompts/ip-address.s16 /prompts/digit-4.s16 /prompts/dot.s16 /prompts/digit-2.s16 \
	>"/dev/$line" 2>"$W/write.err"
listen "$W/line.pcm"
got=$(clips "$W/line.pcm")
[ "$got" = "ip-address digit-4 dot digit-2" ]
result $? "fxs_clips.line_downlink_exact: clips written to /dev/$line come back on its downlink as '$got' $(cat "$W/write.err")"
echo 0 >"$D/hook"
echo 0 >"$S/live"
rmdir "$S"
rm -rf "$W"
exit "$fail"
