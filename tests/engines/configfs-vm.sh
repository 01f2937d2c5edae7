#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# configfs checks of fxs.ko (lines/fxsN attributes, params/ items), meant to
# run as root inside a test VM with configfs mounted and fxs.ko + fxs_sim.ko
# loaded, debugfs mounted; prints TAP. Not a host suite: the VM suite's
# owner can call it. Exits non-zero when a check fails.
n=0
fail=0
ok() { n=$((n+1)); if eval "$2"; then echo "ok $n $1"; else echo "not ok $n $1"; fail=1; fi; }
C=/sys/kernel/config
ok "fxs tree" '[ -d $C/fxs/lines ] && [ -d $C/fxs/params ]'
ok "mkdir lines/foo refused" '! mkdir $C/fxs/lines/foo 2>/tmp/e && grep -q "not permitted" /tmp/e'
mkdir $C/fxs-sim/a; echo 2 > $C/fxs-sim/a/num_lines; echo 1 > $C/fxs-sim/a/live
L=$C/fxs/lines/fxs0
ok "lines appear" '[ -d $C/fxs/lines/fxs0 ] && [ -d $C/fxs/lines/fxs1 ]'
for a in $(ls $L); do echo "# $a=$(cat $L/$a)"; done
ok "defaults" '[ "$(cat $L/ring_frequency)" = 25 ] && [ "$(cat $L/ring_cadence)" = "60(2/4)" ] && [ "$(cat $L/flash_max_ms)" = 900 ] && [ "$(cat $L/dtmf_min_level)" = -30 ] && [ "$(cat $L/hook)" = on ] && [ "$(cat $L/caps)" = "ring pcm" ] && [ "$(cat $C/fxs/lines/fxs1/index)" = 1 ]'
ok "set ring_frequency" 'echo 30 > $L/ring_frequency && [ "$(cat $L/ring_frequency)" = 30 ]'
ok "set no newline" 'printf 20 > $L/ring_frequency && [ "$(cat $L/ring_frequency)" = 20 ]'
for v in 9 101 abc "
" -5 "30x" "3 0"; do
ok "bad ring_frequency '$v'" '! printf "$v" > $L/ring_frequency 2>/dev/null && [ "$(cat $L/ring_frequency)" = 20 ]'
done
ok "bad ring_voltage" '! echo 91 > $L/ring_voltage 2>/dev/null && [ "$(cat $L/ring_voltage)" = 70 ]'
ok "flash_min >= flash_max refused" '! echo 900 > $L/flash_min_ms 2>/dev/null && [ "$(cat $L/flash_min_ms)" = 100 ]'
ok "debounce >= flash_min refused" '! echo 100 > $L/hook_debounce_ms 2>/dev/null && [ "$(cat $L/hook_debounce_ms)" = 20 ]'
ok "flash_max ok" 'echo 1000 > $L/flash_max_ms && [ "$(cat $L/flash_max_ms)" = 1000 ]'
ok "dtmf_min_level" 'echo -45 > $L/dtmf_min_level && [ "$(cat $L/dtmf_min_level)" = -45 ] && ! echo -46 > $L/dtmf_min_level 2>/dev/null && [ "$(cat $L/dtmf_min_level)" = -45 ]'
ok "dtmf twist" '! echo 21 > $L/dtmf_twist_normal 2>/dev/null && echo 0 > $L/dtmf_twist_reverse && [ "$(cat $L/dtmf_twist_reverse)" = 0 ]'
ok "ring_cadence good" 'echo "*(.2/.4,.2/4)" > $L/ring_cadence && [ "$(cat $L/ring_cadence)" = "*(.2/.4,.2/4)" ]'
for v in "60(2/4" "60(0/4)" "
" "60 (2/4)"; do
ok "ring_cadence bad '$v'" '! printf "$v" > $L/ring_cadence 2>/dev/null && [ "$(cat $L/ring_cadence)" = "*(.2/.4,.2/4)" ]'
done
ok "tone_dial good" 'echo "425@-10;*(*/0/1)" > $L/tone_dial && [ "$(cat $L/tone_dial)" = "425@-10;*(*/0/1)" ]'
ok "tone_busy bad" '! echo "480@-19;10(.5/.5/2)" > $L/tone_busy 2>/dev/null && [ "$(cat $L/tone_busy)" = "480@-19,620@-19;10(.5/.5/1+2)" ]'
ok "tone too long" '! head -c 300 /dev/zero | tr "\0" 1 > $L/tone_sit 2>/dev/null'
ok "ro attrs" '! echo 5 > $L/index 2>/dev/null && ! echo off > $L/hook 2>/dev/null'
ok "other line untouched" '[ "$(cat $C/fxs/lines/fxs1/ring_frequency)" = 25 ]'
echo 1 > /sys/kernel/debug/fxs-sim/fxs0/hook
i=0; while [ "$(cat $L/hook)" != off ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
ok "hook off" '[ "$(cat $L/hook)" = off ]'
ok "rmdir line refused" '! rmdir $L 2>/dev/null && [ -d $L ]'
P=$C/fxs/params
ok "param mkdir" 'mkdir $P/GPP_A && [ "$(cat $P/GPP_A/access)" = rw ] && [ "$(cat $P/GPP_A/value)" = "" ]'
for v in "bad-name" "a.b" "$(head -c 65 /dev/zero | tr "\0" a)"; do
ok "param name '$v' refused" '! mkdir "$P/$v" 2>/dev/null && [ ! -d "$P/$v" ]'
done
ok "param 64 chars" 'mkdir $P/$(head -c 64 /dev/zero | tr "\0" a)'
ok "param value" 'echo "hello world" > $P/GPP_A/value && [ "$(cat $P/GPP_A/value)" = "hello world" ]'
ok "param value no newline" 'printf x > $P/GPP_A/value && [ "$(cat $P/GPP_A/value)" = x ]'
ok "param 4094" 'head -c 4094 /dev/zero | tr "\0" v > /tmp/v && cat /tmp/v > $P/GPP_A/value && [ "$(cat $P/GPP_A/value | wc -c)" = 4095 ]'
ok "param 4096 refused" 'head -c 4096 /dev/zero | tr "\0" w > /tmp/w && ! dd if=/tmp/w of=$P/GPP_A/value bs=8192 2>/dev/null && [ "$(cat $P/GPP_A/value | wc -c)" = 4095 ]'
ok "param access" 'echo ro > $P/GPP_A/access && [ "$(cat $P/GPP_A/access)" = ro ] && echo na > $P/GPP_A/access && ! echo rx > $P/GPP_A/access 2>/dev/null && [ "$(cat $P/GPP_A/access)" = na ]'
ok "param rmdir" 'rmdir $P/GPP_A && [ ! -d $P/GPP_A ]'
exec 3< $L/ring_frequency
ok "unlive removes lines" 'echo 0 > $C/fxs-sim/a/live && [ ! -d $C/fxs/lines/fxs0 ] && [ ! -d $C/fxs/lines/fxs1 ]'
ok "stale attr fd" '! cat <&3 2>/dev/null'
exec 3<&-
ok "relive" 'echo 1 > $C/fxs-sim/a/live && [ -d $C/fxs/lines/fxs0 ] && [ "$(cat $L/ring_frequency)" = 25 ]'
echo 0 > $C/fxs-sim/a/live; rmdir $C/fxs-sim/a
rmdir $P/aaaa*
echo "1..$n"
exit $fail
