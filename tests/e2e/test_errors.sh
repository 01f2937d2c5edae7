# SPDX-License-Identifier: GPL-2.0
# test_errors.sh: every bad resync gets a clear error, a failure report on
# syslog and changes nothing. Each case first resyncs a fresh device to a
# good baseline profile that also points its Profile_Rule at the bad
# source, snapshots the store and the state file, then runs the power-up
# resync again: it must exit 1, log "Resync failed: <reason>" and leave
# both as they were. Sourced by run.sh.

ERR_WWW=$E2E_T/www/err
mkdir -p "$ERR_WWW"

err_url()
{
	echo "http://127.0.0.1:$HTTP_PORT/err/$1"
}

# err_baseline RULE [NAME=VALUE...]: a device at the baseline, snapshotted.
err_baseline()
{
	local rule=$1
	shift
	dev_new "err-$E2E_TEST_NUM"
	flat_profile "$ERR_WWW/base$DEV_MA.xml" GPP_A=baseline GPP_B=untouched \
		"Profile_Rule=$rule" Resync_Fails_On_FNF=Yes "$@"
	fxsd_once_ok "${ERR_FXSD_ARGS[@]}" --set "Profile_Rule=$(err_url "base$DEV_MA.xml")"
	expect_param GPP_A baseline
	expect_param Profile_Rule "$rule"
	dev_snapshot "$DEV/snap.before"
}

# err_expect_failure ERE: the second run fails for a reason matching ERE.
err_expect_failure()
{
	local line
	fxsd_once "${ERR_FXSD_ARGS[@]}"
	expect_eq "fxsd --once exit status" "$FXSD_RC" 1
	syslog_wait "$(syslog_fail_re)"
	line=$(dev_syslog | grep -E "$(syslog_fail_re)" | tail -n 1)
	echo "syslog: $line"
	line=${line#*Resync failed: }
	printf '%s' "$line" | grep -Eiq -- "$1" ||
		die "failure reason '$line' does not match /$1/"
	[ "$(grep -vc '^+ ' "$FXSD_OUT")" -gt 0 ] || die "fxsd printed no error"
	expect_unchanged "$DEV/snap.before"
}

# err_case RULE ERE [NAME=VALUE...]
err_case()
{
	err_baseline "$1" "${@:3}"
	err_expect_failure "$2"
}

# a bad profile file that would change GPP_A if anything got applied
err_profile()
{
	flat_profile "$ERR_WWW/$1" GPP_A=changed GPP_C=changed
}

test_err_server_down()
{
	ERR_FXSD_ARGS=()
	err_case "http://127.0.0.1:$DOWN_PORT/p.xml" 'connect|refused|reach'
}

test_err_404()
{
	ERR_FXSD_ARGS=()
	err_case "$(err_url missing.xml)" '404|not found'
}

test_err_500()
{
	ERR_FXSD_ARGS=()
	err_case "http://127.0.0.1:$HTTP_PORT/err500" '500'
}

test_err_tls_unknown_ca()
{
	err_profile tls.xml
	ERR_FXSD_ARGS=($(tls_trust_args))
	err_case "https://127.0.0.1:$HTTPS_ROGUE_PORT/err/tls.xml" \
		'certif|verif|ssl|tls|issuer|trust'
}

test_err_client_cert_refused()
{
	ERR_FXSD_ARGS=($(tls_trust_args) $(tls_client_args rogue-client))
	err_case "https://127.0.0.1:$HTTPS_CLIENT_PORT/cgi-bin/reflect" \
		'400|certif|refused|forbidden|ssl|tls'
}

test_err_client_cert_missing()
{
	ERR_FXSD_ARGS=($(tls_trust_args))
	err_case "https://127.0.0.1:$HTTPS_CLIENT_PORT/cgi-bin/reflect" \
		'400|certif|refused|forbidden|ssl|tls'
}

test_err_truncated_body()
{
	ERR_FXSD_ARGS=()
	err_case "http://127.0.0.1:$SHORT_PORT/p.xml" \
		'partial|truncat|short|incomplete|transfer|closed|length'
}

test_err_corrupt_gzip()
{
	local f=$ERR_WWW/corrupt.xml.gz size
	{
		echo '<flat-profile>'
		for i in $(seq 1 200); do echo "  <GPP_A>changed $i</GPP_A>"; done
		echo '</flat-profile>'
	} | gzip -9 >"$f"
	size=$(stat -c %s "$f")
	# scribble over the middle of the deflate stream
	printf 'CORRUPTCORRUPTCORRUPT' |
		dd of="$f" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
	gzip -t "$f" 2>/dev/null && die "gzip still accepts the corrupted file"
	ERR_FXSD_ARGS=()
	err_case "$(err_url corrupt.xml.gz)" 'gzip|inflat|corrupt|compress|crc|zlib|deflate|data'
}

test_err_wrong_key()
{
	err_profile wrongkey.xml
	openssl enc -aes-256-cbc -k RightKey123 -in "$ERR_WWW/wrongkey.xml" \
		-out "$ERR_WWW/wrongkey.cfg" 2>/dev/null || die "openssl enc failed"
	ERR_FXSD_ARGS=()
	err_case "[--key WrongKey456] $(err_url wrongkey.cfg)" 'decrypt|key|padding|aes|cipher'
}

test_err_zip_bomb()
{
	if [ ! -f "$ERR_WWW/bomb.xml.gz" ]; then
		{
			printf '<flat-profile>\n  <GPP_A>'
			head -c 100000000 /dev/zero | tr '\0' '0'
			printf '</GPP_A>\n</flat-profile>\n'
		} | gzip -6 >"$ERR_WWW/bomb.xml.gz"
	fi
	echo "bomb: $(stat -c %s "$ERR_WWW/bomb.xml.gz") bytes of gzip for 100 MB"
	ERR_FXSD_ARGS=()
	err_case "$(err_url bomb.xml.gz)" 'limit|large|size|big|exceed|bomb|cap|long|over '
}

test_err_entity_bomb()
{
	{
		echo '<?xml version="1.0"?>'
		echo '<!DOCTYPE flat-profile ['
		echo '  <!ENTITY lol "lol">'
		local prev=lol i
		for i in 1 2 3 4 5 6 7 8 9; do
			printf '  <!ENTITY lol%d "' "$i"
			for _ in 1 2 3 4 5 6 7 8 9 10; do printf '&%s;' "$prev"; done
			echo '">'
			prev=lol$i
		done
		echo ']>'
		echo '<flat-profile><GPP_A>&lol9;</GPP_A><GPP_C>changed</GPP_C></flat-profile>'
	} >"$ERR_WWW/laughs.xml"
	ERR_FXSD_ARGS=()
	err_case "$(err_url laughs.xml)" 'entit|dtd|doctype|xml|pars'
}

test_err_oversize()
{
	local mb=${E2E_OVERSIZE_MB:-16}
	{
		echo '<flat-profile>'
		echo '  <GPP_A>changed</GPP_A>'
		echo '  <!--'
		head -c $((mb * 1024 * 1024)) /dev/zero | tr '\0' 'x'
		echo '  -->'
		echo '</flat-profile>'
	} >"$ERR_WWW/oversize.xml"
	ERR_FXSD_ARGS=()
	err_case "$(err_url oversize.xml)" 'limit|large|size|big|exceed|long'
}

test_err_invalid_value()
{
	flat_profile "$ERR_WWW/invalid.xml" GPP_A=changed GPP_C=changed \
		Resync_Periodic=abc
	ERR_FXSD_ARGS=()
	err_case "$(err_url invalid.xml)" 'Resync_Periodic'
}

# a line value the table takes and the kernel would refuse (a tone of
# three sections): $ERR names it, and neither the store, the state file
# nor a line changes (the lines keep what fxsd pushed at start: the
# store's Ring_Frequency and Busy_Tone)
test_err_kernel_refused_line_value()
{
	local f
	local -A want=([ring_frequency]=20
		[tone_busy]='480@-19,620@-19;10(.5/.5/1+2)')
	flat_profile "$ERR_WWW/kline.xml" GPP_A=changed GPP_C=changed \
		Ring_Frequency=30 \
		"Busy_Tone=480@-19;1(.5/.5/1);1(.5/.5/1);1(.5/.5/1)"
	ERR_FXSD_ARGS=()
	err_baseline "$(err_url kline.xml)"
	for f in ring_frequency tone_busy; do
		mkdir -p "$DEV/lines/fxs0"
		: >"$DEV/lines/fxs0/$f"
	done
	ERR_FXSD_ARGS=(--line-config "$DEV/lines")
	err_expect_failure "Busy_Tone '480@-19;1\(\.5/\.5/1\);1\(\.5/\.5/1\);1\(\.5/\.5/1\)': the kernel's tone grammar refuses it"
	for f in ring_frequency tone_busy; do
		expect_eq "lines/fxs0/$f" "$(cat "$DEV/lines/fxs0/$f")" \
			"${want[$f]}"
	done
}

test_err_rule_syntax()
{
	err_profile good.xml
	ERR_FXSD_ARGS=()
	# the option bracket is never closed
	err_case "[--key abc $(err_url good.xml)" 'rule|syntax|pars|bracket|\]|option|invalid'
}

test_err_fnf_no_is_not_failure()
{
	dev_new fnf-no
	flat_profile "$ERR_WWW/base$DEV_MA.xml" GPP_A=baseline \
		"Profile_Rule=$(err_url missing.xml)" Resync_Fails_On_FNF=No
	fxsd_once_ok --set "Profile_Rule=$(err_url "base$DEV_MA.xml")"
	dev_snapshot "$DEV/snap.before"
	fxsd_once
	expect_eq "fxsd --once exit status, 404 with Resync_Fails_On_FNF=No" "$FXSD_RC" 0
	expect_unchanged "$DEV/snap.before"
}

# regression: a substring cut a multibyte character in half, the state file
# was then not UTF-8, and fxsd refused to start again
test_err_utf8_substring_restarts()
{
	local e2=$'\xc3\xa9\xc3\xa9' e1=$'\xc3\xa9'
	dev_new utf8-cut
	flat_profile "$ERR_WWW/u$DEV_MA.xml" "GPP_C=ok"
	fxsd_once_ok --set "GPP_A=$e2" \
		--set "Profile_Rule=( GPP_B = \"\$(GPP_A:0:1)\" ; )! $(err_url "u\$MA.xml")"
	expect_param GPP_B "$e1"
	# it starts again from that state file
	fxsd_once_ok
	expect_param GPP_B "$e1"
}

test_err_set_invalid_utf8_refused()
{
	dev_new utf8-set
	fxsd_once --set "GPP_A=x"$'\xc3'
	expect_eq "fxsd --once exit status, --set with a cut character" "$FXSD_RC" 2
	grep -q 'not valid UTF-8' "$FXSD_OUT" || die "no clear refusal"
	[ -e "$DEV/state.xml" ] && die "a state file was written"
	return 0
}

# a state file that does not parse never keeps fxsd from starting
test_err_corrupt_state_starts()
{
	dev_new bad-state
	flat_profile "$ERR_WWW/bs$DEV_MA.xml" "GPP_A=first"
	fxsd_once_ok --set "Profile_Rule=$(err_url "bs\$MA.xml")"
	flat_profile "$ERR_WWW/bs$DEV_MA.xml" "GPP_A=second"
	fxsd_once_ok
	printf '<flat-profile><GPP_A>broken' >"$DEV/state.xml"
	fxsd_start --set Resync_On_Reset=No
	ctl status | grep -q '^state: did not load at start: .*restored the previous state' ||
		die "fxsctl status did not report the bad state file: $(ctl status)"
	expect_store GPP_A first
	fxsd_log | grep -q 'did not load' || die "nothing logged about the bad state file"
	fxsd_stop
	[ -f "$DEV/state.xml.bad" ] || die "the bad state file was not kept"
	python3 "$E2E_DIR/flat_profile.py" get "$DEV/state.xml" GPP_A >/dev/null ||
		die "no good state file was written"
}


# detached (no --foreground), fxsd still ends on SIGTERM: its signalfd is
# watched by the process that forked, not by the daemon, unless re-added
test_err_detached_sigterm()
{
	local pid
	dev_new detached
	fxsd_args
	rm -f "$DEV/ctl"
	"$FXSD" "${FXSD_ARGS[@]}" --ctl "$DEV/ctl" --set Resync_On_Reset=No \
		>"$DEV/detached.out" 2>&1 || die "fxsd did not start: $(cat "$DEV/detached.out")"
	wait_until 10 test -S "$DEV/ctl" || die "the detached fxsd made no control socket"
	pid=$(ss -xlpn | grep -F "$DEV/ctl" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1)
	[ -n "$pid" ] || die "no process listens on $DEV/ctl"
	kill -TERM "$pid"
	if ! wait_until 5 sh -c "! kill -0 $pid 2>/dev/null"; then
		kill -KILL "$pid"
		die "the detached fxsd ignored SIGTERM"
	fi
}

# a bad --ivr-timeout stops the start (exit 2, the option named) before
# anything is touched; a good one is taken
test_err_ivr_timeout_refused()
{
	local v
	dev_new ivr-timeout
	fxsd_once_ok --set Provision_Enable=No --set GPP_A=before --ivr-timeout 1500
	dev_snapshot "$DEV/snap.before"
	for v in 0 -5 12x 86400001 ""; do
		fxsd_once --ivr-timeout "$v" --set GPP_A=after
		expect_eq "fxsd --ivr-timeout '$v' exit status" "$FXSD_RC" 2
		expect_match "fxsd --ivr-timeout '$v' error" "$(cat "$FXSD_OUT")" \
			"--ivr-timeout '$v': not 1 to 86400000 ms"
		expect_unchanged "$DEV/snap.before"
	done
}

run_test "error: server down" test_err_server_down
run_test "error: 404 with Resync_Fails_On_FNF=Yes" test_err_404
run_test "error: 500 from the server" test_err_500
run_test "error: TLS server certificate from an unknown CA" test_err_tls_unknown_ca
run_test "error: client certificate from another CA refused" test_err_client_cert_refused
run_test "error: client certificate required, none configured" test_err_client_cert_missing
run_test "error: truncated body (Content-Length larger than sent)" test_err_truncated_body
run_test "error: corrupt gzip" test_err_corrupt_gzip
run_test "error: AES profile with the wrong key" test_err_wrong_key
run_test "error: a line value the kernel would refuse" test_err_kernel_refused_line_value
run_test "error: zip bomb (100 MB inside a gzip flat-profile)" test_err_zip_bomb
run_test "error: XML entity bomb (billion laughs)" test_err_entity_bomb
run_test "error: profile over the size limit" test_err_oversize
run_test "error: invalid value Resync_Periodic=abc" test_err_invalid_value
run_test "error: rule syntax error" test_err_rule_syntax
run_test "404 with Resync_Fails_On_FNF=No is no failure" test_err_fnf_no_is_not_failure
run_test "error: a substring of a multibyte value stays UTF-8, fxsd starts again" test_err_utf8_substring_restarts
run_test "error: --set with invalid UTF-8 is refused, nothing saved" test_err_set_invalid_utf8_refused
run_test "error: a state file that does not parse: started from the previous one, reported" test_err_corrupt_state_starts
run_test "error: a detached fxsd ends on SIGTERM" test_err_detached_sigterm
run_test "error: a bad --ivr-timeout is refused, nothing changed" test_err_ivr_timeout_refused
