# SPDX-License-Identifier: GPL-2.0
# test_async.sh: a resync never blocks fxsd's event loop. A held-open
# server (held_server.py) keeps the profile download in flight until the
# test has had its other answers from the same daemon (fxsctl status and
# fxsctl get); only then is the download completed, and the resync must
# succeed. Ordering checks, not timing ones: every wait is for an event.
# Also: one resync at a time (a second explicit one is refused, and
# changes nothing), and SIGTERM ends a daemon whose resync is held.
# Sourced by run.sh.

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

# async_resync_in_background: fxsctl resync as a background job; its
# answer lands in $DEV/resync.out, its exit status in $DEV/resync.rc
async_resync_in_background()
{
	rm -f "$DEV/resync.rc"
	( ctl resync >"$DEV/resync.out" 2>&1; echo $? >"$DEV/resync.rc" ) &
	RESYNC_JOB=$!
}

# async_while_held FILE VALUE_BEFORE: the download of FILE is in flight;
# the daemon answers other clients meanwhile, and the resync client is
# still waiting
async_while_held()
{
	local out status
	wait_until 30 held_requested "$1" ||
		die "fxsd never requested $1 from the held server"
	status=$(ctl status) || die "fxsctl status got no answer while the download was held"
	echo "status while held: $status"
	out=$(ctl get GPP_A) || die "fxsctl get got no answer while the download was held"
	# both answers came while the resync still waited for its download
	[ ! -e "$DEV/resync.rc" ] ||
		die "fxsctl status/get were answered only after the resync ended: $(cat "$DEV/resync.out")"
	expect_eq "fxsctl get GPP_A while held" "$out" "$2"
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

async_case()
{
	local kind=$1 url
	dev_new "async-$kind"
	held_start "$kind"
	flat_profile "$HELD/files/held$DEV_MA.xml" "GPP_A=held-$kind-$DEV_MA" \
		"GPP_B=$(printf 'x%.0s' $(seq 1 700))"
	url="$kind://127.0.0.1:$HELD_PORT/held\$MA.xml"
	fxsd_start --set Resync_On_Reset=No --set Resync_Periodic=0 \
		--set GPP_A=before --set "Profile_Rule=$url"
	async_resync_in_background
	async_while_held "held$DEV_MA.xml" before
	async_after_release "held-$kind-$DEV_MA"
	syslog_wait "$(syslog_ok_re "$(re_escape "$kind://127.0.0.1:$HELD_PORT/held$DEV_MA.xml")")" 1
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
	dev_new async-busy
	held_start http
	flat_profile "$HELD/files/busy$DEV_MA.xml" "GPP_A=first-$DEV_MA"
	fxsd_start --set Resync_On_Reset=No --set Resync_Periodic=0 \
		--set GPP_A=before \
		--set "Profile_Rule=http://127.0.0.1:$HELD_PORT/busy\$MA.xml"
	async_resync_in_background
	wait_until 30 held_requested "busy$DEV_MA.xml" ||
		die "fxsd never requested the profile"
	dev_snapshot "$DEV/snap.before"
	if out=$(ctl resync '( GPP_A = "second" ; )!' 2>&1); then
		die "a second resync ran while one was running: $out"
	fi
	echo "second resync: $out"
	expect_match "second resync's message" "$out" 'already running'
	expect_unchanged "$DEV/snap.before"
	async_after_release "first-$DEV_MA"
	# one at a time, not never: the next one runs
	ctl resync '( GPP_A = "second" ; )!' >/dev/null || die "the next resync failed"
	expect_param GPP_A second
	fxsd_stop
}

# SIGTERM while a download is held: the daemon ends at once and cleanly,
# its waiting client gets no "ok", and nothing is applied
test_async_sigterm_while_held()
{
	dev_new async-term
	held_start http
	flat_profile "$HELD/files/term$DEV_MA.xml" "GPP_A=never-$DEV_MA"
	fxsd_start --set Resync_On_Reset=No --set Resync_Periodic=0 \
		--set GPP_A=before \
		--set "Profile_Rule=http://127.0.0.1:$HELD_PORT/term\$MA.xml"
	async_resync_in_background
	wait_until 30 held_requested "term$DEV_MA.xml" ||
		die "fxsd never requested the profile"
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
