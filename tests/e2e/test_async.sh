# SPDX-License-Identifier: GPL-2.0
# test_async.sh: a resync never blocks fxsd's event loop. A held-open
# server (held_server.py) keeps the profile download in flight until the
# test has had its other answers from the same daemon (fxsctl status and
# fxsctl get); only then is the download completed, and the resync must
# succeed. Ordering checks, not timing ones: every wait is for an event.
# Also: one resync at a time (a second explicit one is refused, and
# changes nothing), and SIGTERM ends a daemon whose resync is held.
# The held server's helpers (held_start, held_release, ...) are in lib.sh.
# Sourced by run.sh.

# async_resync_in_background: fxsctl resync as a background job; its
# answer lands in $DEV/resync.out, its exit status in $DEV/resync.rc
async_resync_in_background()
{
	rm -f "$DEV/resync.rc"
	# a bound, not an assertion: the held download must end within the
	# transfer limit (30 s), so the held part of each test is kept short
	( timeout -s KILL 90 "$FXSCTL" --ctl "$DEV/ctl" resync \
		>"$DEV/resync.out" 2>&1; echo $? >"$DEV/resync.rc" ) &
	RESYNC_JOB=$!
}

# async_while_held VALUE_BEFORE: the download is in flight; the daemon
# answers other clients meanwhile, and the resync client is still waiting
async_while_held()
{
	local out status
	status=$(ctl status) || die "fxsctl status got no answer while the download was held"
	echo "status while held: $status"
	out=$(ctl get GPP_A) || die "fxsctl get got no answer while the download was held"
	# both answers came while the resync still waited for its download
	[ ! -e "$DEV/resync.rc" ] ||
		die "fxsctl status/get were answered only after the resync ended: $(cat "$DEV/resync.out")"
	expect_eq "fxsctl get GPP_A while held" "$out" "$1"
	expect_match "status while held" "$status" '^resync running: yes$'
}

async_after_release()
{
	held_release
	wait "$RESYNC_JOB"
	expect_eq "fxsctl resync exit status" "$(cat "$DEV/resync.rc")" 0
	expect_eq "fxsctl resync answer" "$(cat "$DEV/resync.out")" "resync ok"
	expect_param GPP_A "$1"
	expect_match "status after" "$(ctl status)" '^resync running: no$'
}

# async_hold KIND NAME NAME=VALUE...: a device whose Profile_Rule names
# NAME$MA.xml (holding the NAME=VALUEs) on a held KIND server, GPP_A set
# to "before", and fxsctl resync in the background waiting on the held
# download
async_hold()
{
	local kind=$1 name=$2
	shift 2
	dev_new "async-$name"
	held_start "$kind"
	flat_profile "$HELD/files/$name$DEV_MA.xml" "$@"
	fxsd_start --set Resync_On_Reset=No --set Resync_Periodic=0 \
		--set GPP_A=before \
		--set "Profile_Rule=$kind://127.0.0.1:$HELD_PORT/$name\$MA.xml"
	async_resync_in_background
	HELD_FILE=$name$DEV_MA.xml
	wait_until 30 held_requested "$HELD_FILE" ||
		die "fxsd never requested $HELD_FILE from the held server"
}

async_case()
{
	local kind=$1
	async_hold "$kind" "held$kind" "GPP_A=held-$kind" \
		"GPP_B=$(printf 'x%.0s' $(seq 1 700))"
	async_while_held before
	async_after_release "held-$kind"
	syslog_wait "$(syslog_ok_re "$(re_escape "$kind://127.0.0.1:$HELD_PORT/$HELD_FILE")")" 1
	fxsd_stop
}

test_async_http_held()
{
	async_case http
}

test_async_tftp_held()
{
	async_case tftp
}

# a second resync while one runs is refused with a clear message and
# changes nothing; the first one then ends as it would have
test_async_second_resync_refused()
{
	local out
	async_hold http busy GPP_A=first
	cp "$DEV/state.xml" "$DEV/state.before"
	if out=$(ctl resync '( GPP_A = "second" ; )!' 2>&1); then
		die "a second resync ran while one was running: $out"
	fi
	echo "second resync: $out"
	expect_match "second resync's message" "$out" 'already running'
	# quick checks, the download being held: its only target is unchanged
	expect_store GPP_A before
	cmp -s "$DEV/state.before" "$DEV/state.xml" || die "the state file changed"
	async_after_release first
	# one at a time, not never: the next one runs
	ctl resync '( GPP_A = "second" ; )!' >/dev/null || die "the next resync failed"
	expect_param GPP_A second
	fxsd_stop
}

# SIGTERM while a download is held: the daemon ends at once and cleanly,
# its waiting client gets no "ok", and nothing is applied
test_async_sigterm_while_held()
{
	async_hold http term GPP_A=never
	kill -TERM "$(proc_pid "fxsd-$(basename "$DEV")")"
	wait "$RESYNC_JOB"
	[ "$(cat "$DEV/resync.rc")" != 0 ] || die "fxsctl resync said ok: $(cat "$DEV/resync.out")"
	wait_until 10 proc_gone "$(proc_pid "fxsd-$(basename "$DEV")")" ||
		die "fxsd did not end on SIGTERM with a download held"
	fxsd_stop
	expect_param GPP_A before
}

run_test "async: fxsctl status and get answer while an http download is held; the resync then succeeds" test_async_http_held
run_test "async: fxsctl status and get answer while a tftp download is held; the resync then succeeds" test_async_tftp_held
run_test "async: a second resync while one runs is refused and changes nothing" test_async_second_resync_refused
run_test "async: SIGTERM ends fxsd at once while a download is held" test_async_sigterm_while_held
