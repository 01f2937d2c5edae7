# SPDX-License-Identifier: GPL-2.0
# lib.sh: shared helpers of the end-to-end tests, sourced by run.sh: TAP
# output, the temp dir, process and port bookkeeping, bounded waits, fxsd
# runs (one simulated device per test), and store, state-file and syslog
# checks. A test is a function run in a subshell: any expect_* or die that
# fails ends that test only, with its reason printed as TAP diagnostics.

E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
E2E_REPO=$(cd "$E2E_DIR/../.." && pwd)
E2E_SHARED=$(cd "$E2E_REPO/.." && pwd)/shared
E2E_FXSD_TIMEOUT=60	# seconds, a bound on one --once run (not an assertion)

tap_count=0
tap_failed=0

# ---- TAP ----------------------------------------------------------------

tap_diag()
{
	sed 's/^/# /'
}

# run_test NAME FUNCTION [ARGS...]: one TAP line for FUNCTION's outcome.
run_test()
{
	local name=$1 log
	shift
	tap_count=$((tap_count + 1))
	log=$E2E_T/log/$(printf '%03d' "$tap_count").log
	(
		E2E_TEST_NAME=$name
		E2E_TEST_NUM=$tap_count
		"$@"
	) >"$log" 2>&1 </dev/null
	if [ $? = 0 ]; then
		echo "ok $tap_count $name"
		grep '^NOTE: ' "$log" | tap_diag
	else
		tap_failed=$((tap_failed + 1))
		echo "not ok $tap_count $name"
		tail -n 40 "$log" | tap_diag
		{ echo "e2e: not ok $tap_count $name:"; tail -n 8 "$log"; } >&2
	fi
}

skip_test()
{
	tap_count=$((tap_count + 1))
	echo "ok $tap_count $1 # SKIP $2"
}

tap_finish()
{
	echo "1..$tap_count"
	[ "$tap_failed" = 0 ]
}

# ---- failing a test -----------------------------------------------------

die()
{
	echo "FAIL: $*"
	exit 1
}

expect_eq()
{
	# expect_eq WHAT GOT EXPECTED
	[ "$2" = "$3" ] || die "$1: expected '$3', got '$2'"
}

expect_match()
{
	# expect_match WHAT TEXT ERE
	printf '%s' "$2" | grep -Eq -- "$3" ||
		die "$1: '$(printf '%s' "$2" | head -c 600)' does not match /$3/"
}

# wait_until SECONDS COMMAND...: bounded poll, true once COMMAND succeeds.
wait_until()
{
	local end=$(($(date +%s) + $1))
	shift
	while ! "$@"; do
		[ "$(date +%s)" -ge "$end" ] && return 1
		sleep 0.1
	done
	return 0
}

# ---- temp dir, processes, ports -----------------------------------------

e2e_init()
{
	E2E_T=$(mktemp -d /tmp/openfxs-e2e.XXXXXX) || exit 2
	chmod 755 "$E2E_T"
	mkdir -p "$E2E_T/log" "$E2E_T/pids" "$E2E_T/dev" "$E2E_T/ports"
	trap e2e_cleanup EXIT
	trap 'exit 130' INT TERM
}

# proc_start NAME COMMAND...: runs COMMAND in the background, remembered for
# the EXIT trap; output goes to $E2E_T/NAME.out.
proc_start()
{
	local name=$1
	shift
	"$@" >"$E2E_T/$name.out" 2>&1 </dev/null &
	echo $! >"$E2E_T/pids/$name"
}

proc_pid()
{
	cat "$E2E_T/pids/$1" 2>/dev/null
}

proc_alive()
{
	local pid
	pid=$(proc_pid "$1") && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

# proc_stop NAME [SIGNAL]: signals the process and waits for it to go.
proc_stop()
{
	local name=$1 sig=${2:-TERM} pid
	pid=$(proc_pid "$name") || return 0
	rm -f "$E2E_T/pids/$name"
	[ -n "$pid" ] || return 0
	kill "-$sig" "$pid" 2>/dev/null
	wait_until 10 proc_gone "$pid" && return 0
	kill -KILL "$pid" 2>/dev/null
	wait_until 5 proc_gone "$pid"
}

proc_gone()
{
	! kill -0 "$1" 2>/dev/null && return 0
	# a zombie child of ours counts as gone
	[ "$(ps -o stat= -p "$1" 2>/dev/null | cut -c1)" = Z ]
}

e2e_cleanup()
{
	local f
	for f in "$E2E_T"/pids/*; do
		[ -e "$f" ] && proc_stop "$(basename "$f")"
	done
	if [ -n "$E2E_KEEP" ]; then
		echo "# kept $E2E_T"
	else
		rm -rf "$E2E_T"
	fi
}

port_in_use()
{
	[ -e "$E2E_T/ports/$1" ] && return 0
	ss -Htanu 2>/dev/null | awk '{print $5}' | grep -Eq ":$1\$"
}

# port_alloc VAR: a free unprivileged port on 127.0.0.1 into VAR.
port_alloc()
{
	local p
	while :; do
		p=$((20000 + RANDOM % 40000))
		port_in_use "$p" || break
	done
	: >"$E2E_T/ports/$p"
	printf -v "$1" '%s' "$p"
}

# ---- simulated devices --------------------------------------------------

dev_count=0

# dev_new NAME: a fresh device (store, state file, identity with its own
# MAC) in DEV; the MAC makes its syslog lines its own.
dev_new()
{
	local n
	n=$(printf '%04x' "$((E2E_TEST_NUM * 16 + dev_count))")
	dev_count=$((dev_count + 1))
	DEV=$E2E_T/dev/$1
	rm -rf "$DEV"
	mkdir -p "$DEV/store"
	DEV_MAC=00:0e:08:e2:${n:0:2}:${n:2:2}
	DEV_MA=${DEV_MAC//:/}
	DEV_PN=SPA112
	DEV_SN=CBT1234E2$n
	DEV_SWVER=1.4.1
	DEV_VENDOR=Cisco
	cat >"$DEV/identity" <<-EOF
		VENDOR=$DEV_VENDOR
		PN=$DEV_PN
		PSN=112
		SN=$DEV_SN
		MAC=$DEV_MAC
		HWVER=1.0.0
		SWVER=$DEV_SWVER
	EOF
	DEV_RUNS=0
}

fxsd_args()
{
	FXSD_ARGS=(--store "$DEV/store" --state "$DEV/state.xml"
		--identity "$DEV/identity"
		--set "Syslog_Server=127.0.0.1:$SYSLOG_PORT")
	# the web admin is on by default (every address, Web_Server_Port);
	# a test asks for it with --http, or for the default with
	# FXSD_DEFAULT_WEB=1
	[ "${FXSD_DEFAULT_WEB:-0}" = 1 ] || FXSD_ARGS+=(--no-http)
	FXSD_ARGS+=("${FXSD_EXTRA[@]}")
}

# fxsd_once [ARGS...]: one power-up resync; FXSD_RC and FXSD_OUT are set.
fxsd_once()
{
	DEV_RUNS=$((DEV_RUNS + 1))
	FXSD_OUT=$DEV/once.$DEV_RUNS.out
	fxsd_args
	echo "+ fxsd ${FXSD_ARGS[*]} --once $*" >"$FXSD_OUT"
	timeout -s KILL "$E2E_FXSD_TIMEOUT" \
		"$FXSD" "${FXSD_ARGS[@]}" --once "$@" >>"$FXSD_OUT" 2>&1
	FXSD_RC=$?
	echo "+ fxsd exit $FXSD_RC"
	sed 's/^/  | /' "$FXSD_OUT" | tail -n 20
	return 0
}

# fxsd_once_ok [ARGS...]: as fxsd_once, and the run must succeed.
fxsd_once_ok()
{
	fxsd_once "$@"
	expect_eq "fxsd --once exit status" "$FXSD_RC" 0
}

# fxsd_start [ARGS...]: the daemon, in the foreground of a background job,
# with its control socket at $DEV/ctl.
fxsd_start()
{
	fxsd_args
	rm -f "$DEV/ctl"
	proc_start "fxsd-$(basename "$DEV")" "$FXSD" "${FXSD_ARGS[@]}" \
		--foreground --ctl "$DEV/ctl" "$@"
	wait_until 10 test -S "$DEV/ctl" ||
		die "fxsd made no control socket: $(tail -n 5 "$E2E_T/fxsd-$(basename "$DEV").out")"
}

fxsd_stop()
{
	proc_stop "fxsd-$(basename "$DEV")"
}

fxsd_log()
{
	cat "$E2E_T/fxsd-$(basename "$DEV").out" 2>/dev/null
}

ctl()
{
	timeout -s KILL 30 "$FXSCTL" --ctl "$DEV/ctl" "$@"
}

# ---- server URLs (servers.sh sets the ports) ----------------------------

tftp_url()
{
	echo "tftp://127.0.0.1:$TFTP_PORT/$1"
}

http_url()
{
	echo "http://127.0.0.1:$HTTP_PORT/$1"
}

# ---- store and state file -----------------------------------------------

store_get()
{
	local v
	v=$(cat "$DEV/store/$1/value" 2>/dev/null) || return 1
	printf '%s' "$v"
}

expect_store()
{
	local v
	v=$(store_get "$1") || die "store has no parameter $1"
	expect_eq "store $1" "$v" "$2"
}

state_get()
{
	python3 "$E2E_DIR/flat_profile.py" get "$DEV/state.xml" "$1"
}

expect_state()
{
	local v
	v=$(state_get "$1") || die "state file $DEV/state.xml has no $1"
	expect_eq "state file $1" "$v" "$2"
}

# expect_param NAME VALUE: the store and the state file both hold VALUE.
expect_param()
{
	expect_store "$1" "$2"
	expect_state "$1" "$2"
}

# dev_snapshot FILE: the store (every value and access) and the parsed
# state file, for comparing before/after a failed resync.
dev_snapshot()
{
	{
		# one process, not a cat per file: NAME/value=TEXT, trailing
		# newlines cut as $(cat) would
		(cd "$DEV/store" && python3 -c '
import os, sys
paths = [os.path.join(d, f).encode() for d, _, fs in os.walk(".") for f in fs]
for p in sorted(paths):
    sys.stdout.buffer.write(b"%s=%s\n" % (p, open(p, "rb").read().rstrip(b"\n")))
')
		echo "--- state"
		python3 "$E2E_DIR/flat_profile.py" dump "$DEV/state.xml" 2>&1
	} >"$1"
}

expect_unchanged()
{
	dev_snapshot "$DEV/snap.after"
	cmp -s "$1" "$DEV/snap.after" || {
		diff "$1" "$DEV/snap.after" | head -n 20
		die "the store or the state file changed"
	}
}

# ---- profiles -----------------------------------------------------------

xml_escape()
{
	printf '%s' "$1" | sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g'
}

# flat_profile FILE NAME=VALUE...: writes a flat-profile.
flat_profile()
{
	local file=$1 kv
	shift
	{
		echo '<flat-profile>'
		for kv in "$@"; do
			printf '  <%s>%s</%s>\n' "${kv%%=*}" \
				"$(xml_escape "${kv#*=}")" "${kv%%=*}"
		done
		echo '</flat-profile>'
	} >"$file"
}

# re_escape TEXT: TEXT as a literal ERE.
re_escape()
{
	printf '%s' "$1" | sed 's/[][\\.*^$+?(){}|]/\\&/g'
}

# ---- syslog -------------------------------------------------------------

# dev_syslog: this device's lines in the syslog receiver's file.
dev_syslog()
{
	grep -aE "$DEV_MAC|$DEV_MA" "$E2E_T/syslog.log" 2>/dev/null
}

syslog_count()
{
	dev_syslog | grep -cE -- "$1"
}

# syslog_first_line ERE: the number of this device's first matching line.
syslog_first_line()
{
	dev_syslog | grep -nE -- "$1" | head -n 1 | cut -d: -f1
}

syslog_has_n()
{
	[ "$(syslog_count "$1")" -ge "$2" ]
}

# syslog_wait ERE [COUNT [SECONDS]]: bounded wait for COUNT matching lines.
syslog_wait()
{
	wait_until "${3:-15}" syslog_has_n "$1" "${2:-1}" || {
		echo "syslog lines of $DEV_MAC:"
		dev_syslog | tail -n 10
		die "syslog: expected ${2:-1} line(s) matching /$1/, got $(syslog_count "$1")"
	}
}

syslog_req_re()
{
	echo "$DEV_PN $DEV_MAC -- Requesting resync $1"
}

syslog_ok_re()
{
	echo "$DEV_PN $DEV_MAC -- Successful resync $1"
}

syslog_fail_re()
{
	echo "$DEV_PN $DEV_MAC -- Resync failed: "
}

# expect_request_then_success URL_ERE: the request line comes first.
expect_request_then_success()
{
	local req ok
	syslog_wait "$(syslog_ok_re "$1")"
	req=$(syslog_first_line "$(syslog_req_re "$1")")
	ok=$(syslog_first_line "$(syslog_ok_re "$1")")
	[ -n "$req" ] || die "no request message before the success message"
	[ "$req" -lt "$ok" ] || die "request message (line $req) after success (line $ok)"
}

# ---- held-open downloads (tests/e2e/held_server.py): test_async, test_web

# held_start KIND: a held server of KIND (http|tftp) on HELD_PORT, its
# files under $HELD/files, releases through the FIFO $HELD/release.
held_start()
{
	HELD=$DEV/held
	mkdir -p "$HELD/files"
	rm -f "$HELD/requested" "$HELD/release"
	mkfifo "$HELD/release" || die "mkfifo failed"
	port_alloc HELD_PORT
	proc_start "held-$(basename "$DEV")" python3 "$E2E_DIR/held_server.py" \
		"$1" "$HELD_PORT" "$HELD"
	if [ "$1" = http ]; then
		wait_until 10 curl -s -m 2 -o /dev/null \
			"http://127.0.0.1:$HELD_PORT/none" ||
			die "held_server.py (http) did not start"
	else
		wait_until 10 held_udp_bound || die "held_server.py (tftp) did not start"
	fi
}

held_udp_bound()
{
	ss -Huan 2>/dev/null | awk '{print $4}' | grep -q ":$HELD_PORT\$"
}

held_requested()
{
	grep -qx "$1" "$HELD/requested" 2>/dev/null
}

# held_release: completes one held download
held_release()
{
	timeout 10 sh -c 'echo go >"$1"' sh "$HELD/release" ||
		die "the held server took no release"
}
