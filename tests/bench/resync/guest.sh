#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# guest.sh: the resync benchmark inside the QEMU guest, on the configfs
# store (/sys/kernel/config/fxs/params, fxs.ko loaded by the VM's /init).
# Run by bench-resync.sh through the VM harness (tests/vm/run.sh), with
# gen-profile, median-time, curl and openssl copied into /bin. Profiles
# are made here as on the host (gen-profile, gzip, openssl enc) and served
# by busybox httpd on 127.0.0.1; the peer is the same
#   curl -s URL | openssl enc -d -aes-256-cbc -k KEY | gunzip
# Prints TAP, one line per measurement:
#   ok N configfs MODE SIZE CASE: fxsd X ms, pipeline Y ms, ratio R
# Times under TCG are slow in absolute terms; the ratios are what matter.

# result, wait_for: the in-guest tests' TAP helpers (the VM harness copies
# tests/kselftest/lib/ to /tests/lib/)
# shellcheck source-path=SCRIPTDIR source=../../kselftest/lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"

PORT=8080
URL=http://127.0.0.1:$PORT
KEY=BenchKey42
W=/tmp/bench-resync
STORE=/sys/kernel/config/fxs/params
RUNS=${BENCH_GUEST_RUNS:-9}
SIZES="700 5000"
fxsd_pid=
httpd_pid=

cleanup() {
	[ -n "$fxsd_pid" ] && kill "$fxsd_pid" 2>/dev/null && wait "$fxsd_pid"
	[ -n "$httpd_pid" ] && kill "$httpd_pid" 2>/dev/null
}
trap cleanup EXIT

# make_profile NAME VARIANT NEXT SIZE: www/NAME-SIZE.cfg (gzip, then AES)
# holding every table parameter (variant a or b), unknown elements up to
# SIZE elements, and a Profile_Rule that points at NEXT-SIZE.cfg
make_profile() {
	unknown=$(($4 - TABLE))
	[ "$unknown" -lt 0 ] && unknown=0
	gen-profile "$2" "$unknown" "[--key $KEY] $URL/$3-$4.cfg" 2>/dev/null |
		gzip -c | openssl enc -aes-256-cbc -salt -k "$KEY" \
		-out "$W/www/$1-$4.cfg" 2>/dev/null
}

pipe() {
	echo "curl -s $URL/$1 | openssl enc -d -aes-256-cbc -k $KEY 2>/dev/null | gunzip >/dev/null"
}

resync() {
	echo "fxsctl --ctl $W/ctl.sock resync '[--key $KEY] $URL/$1' >/dev/null"
}

ONCE="fxsd --once --store $STORE --state $W/state.xml --identity $W/id --line-config '' --option66 /nonexistent >/dev/null 2>&1"

# seed_once FILE: a --once run that leaves Profile_Rule pointing at FILE
seed_once() {
	fxsd --once --store "$STORE" --state "$W/state.xml" --identity "$W/id" \
		--line-config "" --option66 /nonexistent \
		--set "Profile_Rule=[--key $KEY] $URL/$1" >/dev/null 2>&1
}

# report MODE SIZE CASE "fxsd_us st" "pipe_us st"
report() {
	set -- "$1" "$2" "$3" $4 $5
	ratio=$(awk -v a="$4" -v b="$6" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
	ok=1
	[ "$5" = 0 ] && [ "$7" = 0 ] && ok=0
	result $ok "configfs $1 $2 $3: fxsd $(awk -v a="$4" 'BEGIN { printf "%.1f", a / 1000 }') ms, pipeline $(awk -v a="$6" 'BEGIN { printf "%.1f", a / 1000 }') ms, ratio $ratio"
}

mkdir -p "$W/www"
ip link set lo up
cat >"$W/id" <<EOF
VENDOR=Cisco
PN=SPA112
PSN=112
SN=CBT000BENCH
MAC=00:0e:08:be:4c:00
HWVER=1.0.0
SWVER=1.4.1
IP=127.0.0.1
EOF
# the table's size, from the generator (it prints it on stderr)
TABLE=$(gen-profile a 0 "$URL/x" 2>&1 >/dev/null |
	sed -n 's/.*: \([0-9]*\) table parameters.*/\1/p')
for size in $SIZES; do
	# self: unchanged resyncs; x and y point at each other, so a --once
	# that follows Profile_Rule changes everything every time
	make_profile self a self "$size"
	make_profile x a y "$size"
	make_profile y b x "$size"
done
busybox httpd -f -p 127.0.0.1:$PORT -h "$W/www" &
httpd_pid=$!
sleep 1

echo "1..$((4 * $(echo $SIZES | wc -w)))"
echo "# configfs store $STORE, $RUNS runs each, medians; $(uname -r) under TCG"
for size in $SIZES; do
	echo "# $size elements ($TABLE table parameters): $(wc -c <"$W/www/self-$size.cfg") bytes gzip+aes"
done

fxsd --foreground --store "$STORE" --state "$W/state.xml" --identity "$W/id" \
	--ctl "$W/ctl.sock" --lines /nonexistent --line-config "" \
	--option66 /nonexistent --set Resync_On_Reset=No \
	--set Resync_Periodic=0 >"$W/fxsd.log" 2>&1 &
fxsd_pid=$!
i=0
while [ ! -S "$W/ctl.sock" ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done

for size in $SIZES; do
	self=self-$size.cfg x=x-$size.cfg y=y-$size.cfg
	sh -c "$(resync "$self")"
	# unchanged: the store already holds the profile
	out=$(median-time "$RUNS" "$(resync "$self")" "$(pipe "$self")")
	report daemon "$size" unchanged "$(echo "$out" | sed -n 1p)" \
		"$(echo "$out" | sed -n 2p)"
	# first apply: x and y take turns, every resync changes everything
	out=$(median-time "$RUNS" "$(resync "$y")" "$(pipe "$y")" \
		"$(resync "$x")" "$(pipe "$x")")
	report daemon "$size" first "$(echo "$out" | sed -n 1p)" \
		"$(echo "$out" | sed -n 2p)"
done
kill "$fxsd_pid" 2>/dev/null
wait "$fxsd_pid" 2>/dev/null
fxsd_pid=

for size in $SIZES; do
	self=self-$size.cfg x=x-$size.cfg y=y-$size.cfg
	seed_once "$self"
	out=$(median-time "$RUNS" "$ONCE" "$(pipe "$self")")
	report once "$size" unchanged "$(echo "$out" | sed -n 1p)" \
		"$(echo "$out" | sed -n 2p)"
	seed_once "$y"
	out=$(median-time "$RUNS" "$ONCE" "$(pipe "$y")")
	report once "$size" first "$(echo "$out" | sed -n 1p)" \
		"$(echo "$out" | sed -n 2p)"
done
exit $fail
