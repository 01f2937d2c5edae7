#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# bench-resync.sh: resync benchmark of fxsd, through its command line only
# (build/fxsd, build/fxsctl). Peer, measured in the same run on the same
# file from the same nginx on 127.0.0.1:
#   curl -s URL | openssl enc -d -aes-256-cbc -k KEY [-md md5] | gunzip
# Profiles come from gen-profile (every table parameter plus unknown
# elements), gzip'ed, then encrypted with openssl enc (SHA-256 key
# derivation, and -md md5). Every fxsd time is printed as a ratio to the
# pipeline. Then growth per element, disk traffic (strace), memory
# (RssAnon, massif, memcheck), and one line "bench-resync: N of M targets
# met". A benchmark, not a test: it never fails on the numbers.
#
# Usage: bench-resync.sh BUILD_DIR
# Environment: BENCH_RUNS (20) and BENCH_WARMUP (3) for 700 and 5,000
# elements, BENCH_RUNS_50K (3) and BENCH_WARMUP_50K (1) for 50,000,
# BENCH_SIZES ("700 5000 50000"), BENCH_KEEP=1 keeps the temp dirs.
#
# It re-runs itself in a new network namespace whose only interface is
# loopback (unshare -n, or -rn as a normal user) when it can, so no packet
# can leave 127.0.0.1; without one it uses the host's loopback (every
# server binds 127.0.0.1 and every URL names it).
set -u
build=$(cd "${1:?usage: bench-resync.sh BUILD_DIR}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
if [ -z "${BENCH_NETNS:-}" ]; then
	for how in -n -rn; do
		if unshare "$how" true 2>/dev/null; then
			export BENCH_NETNS=private
			# shellcheck disable=SC2016 # expanded by the inner bash
			exec unshare "$how" bash -c \
				'ip link set lo up || exit 2; exec bash "$0" "$@"' \
				"$here/bench-resync.sh" "$build"
		fi
	done
	export BENCH_NETNS=host
fi
FXSD=$build/fxsd
FXSCTL=$build/fxsctl
GEN=$build/bench/gen-profile
START=$build/bench/start-time
RUNS=${BENCH_RUNS:-20}
WARMUP=${BENCH_WARMUP:-3}
RUNS_50K=${BENCH_RUNS_50K:-3}
WARMUP_50K=${BENCH_WARMUP_50K:-1}
read -r -a SIZES <<<"${BENCH_SIZES:-700 5000 50000}"
KEY=BenchKey42
KDFS=(sha256 md5)
CASES=(unchanged first one)
MODES=(daemon once)
CAP=$((1 << 20))
start_time=$SECONDS

for t in hyperfine strace valgrind nginx curl openssl gzip python3 ss; do
	command -v "$t" >/dev/null ||
		{ echo "bench-resync: $t missing (make deps)" >&2; exit 2; }
done

BT=$(mktemp -d /tmp/bench-resync.XXXXXX)
DISK=$(mktemp -d /var/tmp/bench-resync.XXXXXX)
TMPFS=$BT/tmpfs
mkdir -p "$TMPFS"
tmpfs_mounted=0
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=512m,mode=0755 bench-resync "$TMPFS" 2>/dev/null; then
	tmpfs_mounted=1
else
	rmdir "$TMPFS"
	TMPFS=$(mktemp -d /dev/shm/bench-resync.XXXXXX)
fi
FXSD_PID=

cleanup()
{
	daemon_stop
	nginx_stop
	if [ "${BENCH_KEEP:-0}" = 1 ]; then
		echo "# kept $BT $DISK" >&2
		return
	fi
	if [ "$tmpfs_mounted" = 1 ]; then
		umount "$TMPFS"
	else
		rm -rf "$TMPFS"
	fi
	rm -rf "$BT" "$DISK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# shellcheck source-path=SCRIPTDIR source=servers.sh
. "$here/servers.sh"
nginx_start || exit 2
WWW=$BT/www
URL=http://127.0.0.1:$HTTP_PORT/cur.cfg
RULE="[--key $KEY] $URL"
echo "# network namespace: $BENCH_NETNS; nginx on 127.0.0.1:$HTTP_PORT, stores on tmpfs ($TMPFS) and disk ($DISK)" >&2

cat >"$BT/identity" <<-EOF
	VENDOR=Cisco
	PN=SPA122
	PSN=122
	SN=CBT1234BENCH
	MAC=00:0e:08:be:4c:01
	HWVER=1.0.0
	SWVER=1.4.1
EOF

# ---- profiles ------------------------------------------------------------

# table parameters in a full profile (control set included)
NPARAMS=$("$GEN" a 0 "$RULE" 2>/dev/null | grep -c '^<[A-Za-z]')
NPARAMS=$((NPARAMS - 1))	# <flat-profile>
# table parameters whose values differ between variants a and b
DIFFER=$("$GEN" a 0 "$RULE" 2>&1 >/dev/null |
	sed -n 's/.*; \([0-9]*\) parameters differ.*/\1/p')
too_big=()

# make_profile TAG VARIANT NUNKNOWN: $WWW/TAG-VARIANT-{sha256,md5}.cfg
make_profile()
{
	local f=$BT/prof/$1-$2.xml msg bytes
	mkdir -p "$BT/prof"
	msg=$("$GEN" "$2" "$3" "$RULE" 2>&1 >"$f") ||
		{ echo "bench-resync: gen-profile failed: $msg" >&2; exit 2; }
	bytes=$(stat -c %s "$f")
	[ "$bytes" -gt "$CAP" ] && too_big+=("$1-$2: $bytes bytes")
	gzip -9 -n -c "$f" >"$f.gz"
	openssl enc -aes-256-cbc -salt -k "$KEY" -in "$f.gz" \
		-out "$WWW/$1-$2-sha256.cfg" 2>/dev/null
	openssl enc -aes-256-cbc -salt -md md5 -k "$KEY" -in "$f.gz" \
		-out "$WWW/$1-$2-md5.cfg" 2>/dev/null
	echo "$bytes"
}

declare -A XML_BYTES GZ_BYTES
make_profile min control 0 >/dev/null
for n in "${SIZES[@]}"; do
	unk=$((n - NPARAMS))
	[ "$unk" -lt 0 ] && unk=0
	for v in a b a1; do
		XML_BYTES[$n-$v]=$(make_profile "$n" "$v" "$unk")
	done
	GZ_BYTES[$n]=$(stat -c %s "$WWW/$n-a-sha256.cfg")
done
GA_A=$(sed -n 's:^<GPP_A>\(.*\)</GPP_A>$:\1:p' "$BT/prof/${SIZES[0]}-a.xml")

# toggle.sh STORE GA X Y: serve Y when the store's GPP_A is GA (the store
# holds X), else X; so every run changes what the store holds
cat >"$BT/toggle.sh" <<-EOF
	#!/bin/sh
	v=\$(cat "\$1/GPP_A/value" 2>/dev/null)
	if [ "\$v" = "\$2" ]; then f=\$4; else f=\$3; fi
	ln -sfn "\$f" "$WWW/cur.cfg"
EOF
chmod 755 "$BT/toggle.sh"

serve() { ln -sfn "$1" "$WWW/cur.cfg"; }

# ---- fxsd ----------------------------------------------------------------

SOCK=$BT/ctl.sock

# dev_args FS: FXSD_ARGS for the device whose store and state live on FS
dev_args()
{
	STORE=$1/dev/store
	STATE=$1/dev/state.xml
	FXSD_ARGS=(--store "$STORE" --state "$STATE" --identity "$BT/identity"
		--ctl "$SOCK" --line-config "" --lines /nonexistent)
}

# dev_init FS: a fresh store there, holding the control set
dev_init()
{
	rm -rf "${1:?}/dev"
	mkdir -p "$1/dev/store"
	dev_args "$1"
	serve min-control-sha256.cfg
	"$FXSD" "${FXSD_ARGS[@]}" --once --set "Profile_Rule=$RULE" \
		--set Resync_On_Reset=No --set Resync_Periodic=0 \
		>"$BT/init.log" 2>&1 ||
		{ echo "bench-resync: fxsd --once failed:" >&2; tail -5 "$BT/init.log" >&2; exit 2; }
}

daemon_start()
{
	local i
	rm -f "$SOCK"
	"$FXSD" "${FXSD_ARGS[@]}" --foreground >/dev/null 2>&1 &
	FXSD_PID=$!
	for ((i = 0; i < 100; i++)); do
		[ -S "$SOCK" ] && return 0
		kill -0 "$FXSD_PID" 2>/dev/null || break
		sleep 0.05
	done
	echo "bench-resync: fxsd made no control socket" >&2
	exit 2
}

daemon_stop()
{
	[ -n "${FXSD_PID:-}" ] || return 0
	kill "$FXSD_PID" 2>/dev/null
	wait "$FXSD_PID" 2>/dev/null
	FXSD_PID=
}

resync() { "$FXSCTL" --ctl "$SOCK" resync >/dev/null; }
once() { "$FXSD" "${FXSD_ARGS[@]}" --once >/dev/null 2>&1; }

# ---- timing --------------------------------------------------------------

ROWS=$BT/rows.tsv
: >"$ROWS"

q() { printf '%q' "$1"; }

# measure MODE FSNAME SIZE CASE KDF: one row into $ROWS
measure()
{
	local mode=$1 fsname=$2 size=$3 cas=$4 kdf=$5
	local x y prep cmd pipe runs warm rounds md="" json r out args=()

	x=$size-a-$kdf.cfg
	case $cas in
	unchanged) prep="ln -sfn $x $(q "$WWW/cur.cfg")"
		[ "$size" = min ] && prep="ln -sfn min-control-$kdf.cfg $(q "$WWW/cur.cfg")" ;;
	first) y=$size-b-$kdf.cfg
		prep="$(q "$BT/toggle.sh") $(q "$STORE") $(q "$GA_A") $x $y" ;;
	one) y=$size-a1-$kdf.cfg
		prep="$(q "$BT/toggle.sh") $(q "$STORE") $(q "$GA_A") $x $y" ;;
	esac
	if [ "$mode" = daemon ]; then
		cmd="$(q "$FXSCTL") --ctl $(q "$SOCK") resync"
	else
		cmd=$(q "$FXSD")
		for a in "${FXSD_ARGS[@]}"; do cmd+=" $(q "$a")"; done
		cmd+=" --once"
	fi
	[ "$kdf" = md5 ] && md=" -md md5"
	pipe="curl -s $URL | openssl enc -d -aes-256-cbc -k $KEY$md | gunzip > /dev/null"
	if [ "$size" = 50000 ]; then
		runs=$RUNS_50K warm=$WARMUP_50K rounds=1
	else
		runs=$((RUNS / 2)) warm=$WARMUP rounds=2
	fi
	[ "$runs" -lt 2 ] && runs=2
	# fxsd and the pipeline alternate in rounds within one invocation
	for ((r = 0; r < rounds; r++)); do
		args+=(--prepare "$prep" -n fxsd "$cmd" --prepare "$prep" -n pipe "$pipe")
	done
	json=$BT/hf-$mode-$fsname-$size-$cas-$kdf.json
	if ! hyperfine --style none -w "$warm" -r "$runs" --export-json "$json" \
		"${args[@]}" >"$json.out" 2>&1; then
		printf '%s\t%s\t%s\t%s\t%s\tFAIL\tFAIL\tFAIL\n' "$mode" "$fsname" \
			"$size" "$cas" "$kdf" >>"$ROWS"
		echo "# hyperfine failed for $mode $fsname $size $cas $kdf:" >&2
		tail -3 "$json.out" >&2
		return
	fi
	out=$(python3 - "$json" <<-'EOF'
		import json, statistics, sys
		res = json.load(open(sys.argv[1]))["results"]
		t = {}
		for r in res:
		    t.setdefault(r["command"], []).extend(r["times"])
		f, p = statistics.median(t["fxsd"]), statistics.median(t["pipe"])
		print("%.6f\t%.6f\t%.2f" % (f, p, f / p))
	EOF
	)
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$mode" "$fsname" "$size" "$cas" \
		"$kdf" "$out" >>"$ROWS"
	printf '# %-6s %-5s %5s %-9s %-6s %s (%ds)\n' "$mode" "$fsname" "$size" \
		"$cas" "$kdf" "$out" $((SECONDS - start_time)) >&2
}

# timing_fs FSNAME FS: every row of one store
timing_fs()
{
	local fsname=$1 fs=$2 mode n kdf cas
	dev_init "$fs"
	for mode in "${MODES[@]}"; do
		[ "$mode" = daemon ] && daemon_start
		for kdf in "${KDFS[@]}"; do
			measure "$mode" "$fsname" min unchanged "$kdf"
		done
		for n in "${SIZES[@]}"; do
			for kdf in "${KDFS[@]}"; do
				for cas in "${CASES[@]}"; do
					measure "$mode" "$fsname" "$n" "$cas" "$kdf"
				done
			done
		done
		[ "$mode" = daemon ] && daemon_stop
	done
}

timing_fs tmpfs "$TMPFS"
timing_fs disk "$DISK"

# ---- start: exec to the first control-socket answer -----------------------
# start-time starts fxsd (Resync_On_Reset No, the store holding the 5,000
# element profile, each entry read once) and polls the socket every 100 us.
START_RUNS=${BENCH_START_RUNS:-15}
START_SIZE=5000
[[ " ${SIZES[*]} " == *" 5000 "* ]] || START_SIZE=${SIZES[0]}
start_fs()
{
	dev_init "$2"
	serve "$START_SIZE-a-sha256.cfg"
	"$FXSD" "${FXSD_ARGS[@]}" --once >/dev/null 2>&1
	START_US[$1]=$("$START" "$START_RUNS" "$SOCK" "$FXSD" "${FXSD_ARGS[@]}" \
		--foreground 2>/dev/null)
}
declare -A START_US=()
start_fs tmpfs "$TMPFS"
start_fs disk "$DISK"

# ---- disk traffic --------------------------------------------------------

TRAFFIC=$BT/traffic.tsv
: >"$TRAFFIC"
TRACE_SET=openat,open,creat,write,pwrite64,writev,fsync,fdatasync,sync,syncfs,sync_file_range,rename,renameat,renameat2

# count_trace FILE: "fsyncs store-opens store-writes state-renames"
count_trace()
{
	local f=$1 fs so sw sr
	fs=$(grep -cE '^[0-9]+ +(fsync|fdatasync|syncfs|sync)\(' "$f")
	so=$(grep -E '^[0-9]+ +(openat|open|creat)\(' "$f" | grep -E 'O_WRONLY|O_RDWR|creat\(' |
		grep -F "$STORE" | grep -cE '/(value|access)"')
	sw=$(grep -E '^[0-9]+ +(write|pwrite64|writev)\([0-9]+<' "$f" |
		grep -F "<$STORE/" | grep -cE '/(value|access)>')
	sr=$(grep -E '^[0-9]+ +rename(at2?)?\(' "$f" | grep -cF ", \"$STATE\")")
	echo "$fs $so $sw $sr"
}

# traffic_target CASE: the profile each case serves (the store holds a)
traffic_target()
{
	case $1 in
	unchanged) echo "$TRAFFIC_SIZE-a-sha256.cfg" ;;
	first) echo "$TRAFFIC_SIZE-b-sha256.cfg" ;;
	one) echo "$TRAFFIC_SIZE-a1-sha256.cfg" ;;
	esac
}

TRAFFIC_SIZE=${SIZES[0]}
dev_init "$DISK"
daemon_start
for cas in "${CASES[@]}"; do
	serve "$TRAFFIC_SIZE-a-sha256.cfg"
	resync
	serve "$(traffic_target "$cas")"
	tr=$BT/strace-daemon-$cas.txt
	strace -f -y -qq -e trace="$TRACE_SET" -o "$tr" -p "$FXSD_PID" &
	spid=$!
	sleep 1
	resync
	sleep 0.3
	kill -INT "$spid" 2>/dev/null
	wait "$spid" 2>/dev/null
	printf 'daemon\t%s\t%s\n' "$cas" "$(count_trace "$tr")" >>"$TRAFFIC"
done
daemon_stop
for cas in "${CASES[@]}"; do
	serve "$TRAFFIC_SIZE-a-sha256.cfg"
	once
	serve "$(traffic_target "$cas")"
	tr=$BT/strace-once-$cas.txt
	strace -f -y -qq -e trace="$TRACE_SET" -o "$tr" \
		"$FXSD" "${FXSD_ARGS[@]}" --once >/dev/null 2>&1
	printf 'once\t%s\t%s\n' "$cas" "$(count_trace "$tr")" >>"$TRAFFIC"
done

# ---- memory --------------------------------------------------------------

rss_anon() { awk '/^RssAnon:/ {print $2}' "/proc/$1/status"; }

MEM_SIZE=5000
[[ " ${SIZES[*]} " == *" 5000 "* ]] || MEM_SIZE=${SIZES[0]}
dev_init "$TMPFS"
daemon_start
sleep 1
RSS_IDLE=$(rss_anon "$FXSD_PID")
serve "$MEM_SIZE-a-sha256.cfg"
resync
RSS_AFTER1=$(rss_anon "$FXSD_PID")
# warm-up: the first resyncs of each variant load what the libraries keep
# for the life of the process (OpenSSL's providers, libcurl's and NSS's
# state); growth is counted from here, over the 100 resyncs that follow
for ((i = 0; i < 10; i++)); do
	"$BT/toggle.sh" "$STORE" "$GA_A" "$MEM_SIZE-a-sha256.cfg" "$MEM_SIZE-b-sha256.cfg"
	resync
done
RSS_WARM=$(rss_anon "$FXSD_PID")
rm -f "$BT/sampler.stop"
(
	max=0
	while [ ! -e "$BT/sampler.stop" ]; do
		while read -r k v _; do
			if [ "$k" = RssAnon: ]; then
				[ "$v" -gt "$max" ] && max=$v
				break
			fi
		done <"/proc/$FXSD_PID/status"
	done
	echo "$max" >"$BT/sampler.peak"
) &
sampler=$!
fails=0
for ((i = 0; i < 100; i++)); do
	"$BT/toggle.sh" "$STORE" "$GA_A" "$MEM_SIZE-a-sha256.cfg" "$MEM_SIZE-b-sha256.cfg"
	resync || fails=$((fails + 1))
	[ "$i" = 49 ] && RSS_AFTER50=$(rss_anon "$FXSD_PID")
done
touch "$BT/sampler.stop"
wait "$sampler"
RSS_PEAK=$(cat "$BT/sampler.peak")
RSS_AFTER100=$(rss_anon "$FXSD_PID")
daemon_stop

# the store holds a or b; serve the other: a first apply under valgrind
"$BT/toggle.sh" "$STORE" "$GA_A" "$MEM_SIZE-a-sha256.cfg" "$MEM_SIZE-b-sha256.cfg"
valgrind --tool=massif --massif-out-file="$BT/massif.out" \
	"$FXSD" "${FXSD_ARGS[@]}" --once >/dev/null 2>&1
MASSIF_PEAK=$(awk -F= '/^mem_heap_B=/ { if ($2 > m) m = $2 } END { print m + 0 }' "$BT/massif.out")
"$BT/toggle.sh" "$STORE" "$GA_A" "$MEM_SIZE-a-sha256.cfg" "$MEM_SIZE-b-sha256.cfg"
valgrind --leak-check=full --error-exitcode=9 --log-file="$BT/memcheck.log" \
	"$FXSD" "${FXSD_ARGS[@]}" --once >/dev/null 2>&1
VG_RC=$?
lost()
{
	local b
	b=$(sed -n "s/.*$1 lost: \([0-9,]*\) bytes.*/\1/p" "$BT/memcheck.log" | tr -d ,)
	echo "${b:-0}"
}
VG_DEF=$(lost definitely)
VG_IND=$(lost indirectly)
VG_ERRS=$(sed -n 's/.*ERROR SUMMARY: \([0-9,]*\) errors.*/\1/p' "$BT/memcheck.log" | tr -d ,)

# ---- report --------------------------------------------------------------

ms() { awk -v t="$1" 'BEGIN { if (t == "FAIL") print t; else printf "%.2f", t * 1000 }'; }

echo "bench-resync: fxsd resync vs curl | openssl enc -d | gunzip, same nginx on 127.0.0.1 ($BENCH_NETNS network namespace)"
echo "table parameters: $NPARAMS (control set included), $DIFFER differ between variants a and b"
for n in "${SIZES[@]}"; do
	printf 'size %-5s: profile %s bytes of XML, %s bytes gzip+aes\n' "$n" \
		"${XML_BYTES[$n-a]}" "${GZ_BYTES[$n]}"
done
if [ ${#too_big[@]} -gt 0 ]; then
	echo "WARNING: over the 1 MiB cap: ${too_big[*]}"
else
	echo "every profile fits the 1 MiB fetch and inflate caps"
fi
echo "runs: $RUNS (warmup $WARMUP, in 2 alternating rounds) below 50k, $RUNS_50K (warmup $WARMUP_50K) at 50k; medians"
echo
printf '%-6s %-5s %5s %-9s %-6s %10s %10s %7s\n' mode store size case kdf "fxsd ms" "pipe ms" ratio
while IFS=$'\t' read -r mode fsname size cas kdf f p r; do
	printf '%-6s %-5s %5s %-9s %-6s %10s %10s %7s\n' "$mode" "$fsname" "$size" \
		"$cas" "$kdf" "$(ms "$f")" "$(ms "$p")" "$r"
done <"$ROWS"

# col MODE FS SIZE CASE KDF FIELD(6 fxsd, 7 pipe, 8 ratio)
col()
{
	awk -F'\t' -v m="$1" -v s="$2" -v n="$3" -v c="$4" -v k="$5" -v f="$6" \
		'$1 == m && $2 == s && $3 == n && $4 == c && $5 == k { print $f }' "$ROWS"
}

# worst MODE SIZE CASE: the largest ratio over stores and kdfs
worst()
{
	awk -F'\t' -v m="$1" -v n="$2" -v c="$3" '
		$1 == m && $3 == n && $4 == c { seen = 1
			if ($8 == "FAIL") bad = 1; else if ($8 + 0 > w) w = $8 + 0 }
		END { if (!seen) print "FAIL(not run)"; else if (bad) print "FAIL"
			else printf "%.2f", w }' "$ROWS"
}

met=0
total=0
# target OK DESCRIPTION VALUE
target()
{
	total=$((total + 1))
	if [ "$1" = 1 ]; then
		met=$((met + 1))
		TARGETS+=("met     $2: $3")
	else
		TARGETS+=("MISSED  $2: $3")
	fi
}
TARGETS=()
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a ~ /^[0-9.]+$/ && a + 0 <= b + 0) }' && echo 1 || echo 0; }

echo
echo "growth (unchanged, sha256): per element = (t(N) - t(control set only)) / N"
GROWTH=FAIL
for mode in "${MODES[@]}"; do
	for fsname in tmpfs disk; do
		tmin=$(col "$mode" "$fsname" min unchanged sha256 6)
		line="$mode $fsname: t(min) $(ms "$tmin") ms"
		declare -A pe=()
		for n in 5000 50000; do
			t=$(col "$mode" "$fsname" "$n" unchanged sha256 6)
			if [ -n "$t" ] && [ "$t" != FAIL ] && [ -n "$tmin" ] && [ "$tmin" != FAIL ]; then
				pe[$n]=$(awk -v t="$t" -v m="$tmin" -v n="$n" 'BEGIN { printf "%.3f", (t - m) / n * 1e6 }')
				line+=", $n: ${pe[$n]} us/element"
			fi
		done
		if [ -n "${pe[5000]:-}" ] && [ -n "${pe[50000]:-}" ]; then
			g=$(awk -v a="${pe[50000]}" -v b="${pe[5000]}" 'BEGIN { if (b <= 0) print "inf"; else printf "%.2f", a / b }')
			line+=", 50k/5k $g"
			[ "$mode/$fsname" = daemon/tmpfs ] && GROWTH=$g
		fi
		echo "  $line"
		unset pe
	done
done
target "$(le "$GROWTH" 1.5)" "growth per element 50k/5k <= 1.5 (daemon, tmpfs)" "$GROWTH"

echo
echo "disk traffic: strace of one resync, ext4 store, $TRAFFIC_SIZE elements, store holding variant a"
echo "  (store opens = openat of STORE/*/value|access with O_WRONLY/O_RDWR; writes = write syscalls on them;"
echo "   state saves = renames onto the state file; expected changes: first $DIFFER, one 1)"
printf '  %-6s %-9s %7s %12s %12s %12s\n' mode case fsyncs "store opens" "store writes" "state saves"
unch_fsync=0 unch_store=0 changed_ok=1 changed_desc=""
while read -r mode cas fs so sw sr; do
	printf '  %-6s %-9s %7s %12s %12s %12s\n' "$mode" "$cas" "$fs" "$so" "$sw" "$sr"
	case $cas in
	unchanged)
		unch_fsync=$((unch_fsync + fs))
		unch_store=$((unch_store + so)) ;;
	*)
		want=1
		[ "$cas" = first ] && want=$DIFFER
		{ [ "$sr" = 1 ] && [ "$so" -le "$want" ]; } || changed_ok=0
		changed_desc+="$mode/$cas ${sr} saves ${so}/${want} opens; " ;;
	esac
done < <(tr '\t' ' ' <"$TRAFFIC")
target "$([ "$unch_fsync" = 0 ] && echo 1 || echo 0)" "unchanged resync: 0 fsyncs (daemon+once)" "$unch_fsync"
target "$([ "$unch_store" = 0 ] && echo 1 || echo 0)" "unchanged resync: 0 store writes (daemon+once)" "$unch_store"
target "$changed_ok" "changed: 1 state save, store writes only for changed parameters" "${changed_desc%; }"

echo
echo "memory ($MEM_SIZE elements, tmpfs store)"
GROW_KB=$((RSS_AFTER100 - RSS_WARM))
GROW_FIRST_KB=$((RSS_AFTER100 - RSS_AFTER1))
echo "  idle fxsd RssAnon:                   $RSS_IDLE KiB"
echo "  RssAnon after 1 resync:              $RSS_AFTER1 KiB"
echo "  RssAnon after 10 more (warm):        $RSS_WARM KiB"
echo "  peak RssAnon during 100 resyncs:     $RSS_PEAK KiB (every resync a first apply, a <-> b; $fails failed)"
echo "  RssAnon after 50 more resyncs:       $RSS_AFTER50 KiB"
echo "  RssAnon after 100 more resyncs:      $RSS_AFTER100 KiB (growth $GROW_KB KiB since warm, $GROW_FIRST_KB since the first resync)"
echo "  massif heap peak, one --once:        $MASSIF_PEAK bytes (mem_heap_B)"
echo "  memcheck, one --once:                definitely lost $VG_DEF, indirectly lost $VG_IND bytes, ${VG_ERRS:-?} errors, exit $VG_RC"
target "$(le "$RSS_IDLE" 2048)" "idle RssAnon <= 2 MiB" "$RSS_IDLE KiB"
target "$(le "$RSS_PEAK" 4096)" "RssAnon during 5k resync <= 4 MiB" "$RSS_PEAK KiB"
target "$(le "$GROW_KB" 64)" "RssAnon growth over 100 resyncs (after 10 warm-up) <= 64 KiB" "$GROW_KB KiB"
target "$([ "$VG_DEF" = 0 ] && [ "$VG_IND" = 0 ] && [ "$VG_RC" = 0 ] && echo 1 || echo 0)" \
	"valgrind: no leak" "definitely $VG_DEF, indirectly $VG_IND bytes, exit $VG_RC"

# ---- the configfs store in the QEMU guest ---------------------------------
# tests/bench/resync/guest.sh in the VM harness: the same profiles and
# peer inside the guest, fxsd on /sys/kernel/config/fxs/params. TCG makes
# the absolute times slow; the sizes and ratios are what it shows.
echo
echo "configfs store in the QEMU guest (tests/bench/resync/guest.sh)"
repo=$(cd "$here/../../.." && pwd)
if [ "${BENCH_GUEST:-1}" = 0 ]; then
	echo "  skipped (BENCH_GUEST=0)"
elif [ ! -f "$repo/kmod/fxs.ko" ] || [ ! -x "$build/bench/median-time" ]; then
	echo "  skipped: kmod/fxs.ko or $build/bench/median-time missing (make modules)"
else
	guest_out=$(cd "$repo" && VM_TESTS=guest.sh VM_RELOAD=0 \
		VM_EXTRA=tests/bench/resync/guest.sh VM_OUT="$build/vm-bench" \
		VM_BINS="$GEN $build/bench/median-time $(command -v curl) $(command -v openssl)" \
		bash tests/vm/run.sh 2>&1)
	rows=$(grep -E '^(not )?ok [0-9]+ configfs ' <<<"$guest_out")
	grep -E '^# (configfs|[0-9]+ elements)' <<<"$guest_out" | sed 's/^# /  /'
	if [ -n "$rows" ]; then
		sed -E 's/^(not )?ok [0-9]+ /  /' <<<"$rows"
	else
		echo "  the guest run gave no measurement:"
		tail -n 5 <<<"$guest_out" | sed 's/^/  # /'
	fi
fi

echo
echo "start: exec to the first control-socket answer ($START_RUNS runs, median), store holding the $START_SIZE-element profile"
worst_start=0
for fsname in tmpfs disk; do
	st=${START_US[$fsname]:-FAIL}
	pipe=$(col daemon "$fsname" "$START_SIZE" unchanged sha256 7)
	r=$(awk -v a="$st" -v b="$pipe" 'BEGIN { if (a !~ /^[0-9]+$/ || b + 0 <= 0) print "FAIL"; else printf "%.2f", a / 1e6 / b }')
	echo "  $fsname: $(ms "$(awk -v a="$st" 'BEGIN { print (a ~ /^[0-9]+$/) ? a / 1e6 : "FAIL" }')") ms, pipeline $(ms "$pipe") ms, ratio $r"
	worst_start=$(awk -v w="$worst_start" -v r="$r" 'BEGIN { print (r == "FAIL" || w == "FAIL") ? "FAIL" : (r + 0 > w + 0 ? r : w) }')
done
target "$(le "$worst_start" 1.1)" "start to first control answer <= 1.1x pipeline (worst store)" "${worst_start}x"

# the timing targets go first in the list
TT=("${TARGETS[@]}")
TARGETS=()
tmet=$met ttotal=$total
met=0 total=0
for mode in "${MODES[@]}"; do
	for n in 700 5000; do
		w=$(worst "$mode" "$n" unchanged)
		target "$(le "$w" 1.1)" "unchanged <= 1.1x pipeline, $mode, $n (worst store/kdf)" "${w}x"
	done
done
for n in 700 5000; do
	w1=$(worst daemon "$n" first)
	w2=$(worst once "$n" first)
	w=$(awk -v a="$w1" -v b="$w2" 'BEGIN { if (a ~ /FAIL/ || b ~ /FAIL/) print "FAIL"; else print (a > b ? a : b) }')
	target "$(le "$w" 2)" "first apply <= 2x pipeline, $n (worst mode/store/kdf)" "${w}x"
done
TARGETS+=("${TT[@]}")
met=$((met + tmet))
total=$((total + ttotal))

echo
echo "targets"
for t in "${TARGETS[@]}"; do
	echo "  $t"
done
echo "# $((SECONDS - start_time)) s" >&2
echo "bench-resync: $met of $total targets met"
