# SPDX-License-Identifier: GPL-2.0
# test_tutorial.sh: the walkthroughs of the SPA provisioning guide's
# tutorial chapter, done by fxsd against the real servers: TFTP, syslog
# reports, periodic and retry schedules, per-device names, HTTP and its
# User-Agent, HTTPS with server and client certificates, gzip and AES
# profiles, a second profile rule and an alias map. Sourced by run.sh.

TUT_BASIC='<flat-profile>
  <GPP_A>12345678</GPP_A>
</flat-profile>'

# the tutorial's first profile, on the TFTP and HTTP servers
echo "$TUT_BASIC" >"$E2E_T/tftp/basic.txt"
echo "$TUT_BASIC" >"$E2E_T/www/basic.txt"

test_tftp_basic()
{
	dev_new tftp-basic
	fxsd_once_ok --set "Profile_Rule=$(tftp_url basic.txt)"
	expect_param GPP_A 12345678
}

test_syslog_request_then_success()
{
	dev_new syslog-ok
	fxsd_once_ok --set "Profile_Rule=$(tftp_url basic.txt)"
	expect_request_then_success "$(re_escape "$(tftp_url basic.txt)")"
}

test_syslog_failure_server_stopped()
{
	local port dir
	dev_new syslog-fail
	port_alloc port
	dir=$DEV/srv
	mkdir -p "$dir"
	echo "$TUT_BASIC" >"$dir/basic.txt"
	py_http_start "stopped-$E2E_TEST_NUM" "$port" "$dir" || die "http.server did not start"
	fxsd_once_ok --set "Profile_Rule=http://127.0.0.1:$port/basic.txt"
	syslog_wait "$(syslog_ok_re "")"
	proc_stop "stopped-$E2E_TEST_NUM"
	fxsd_once
	expect_eq "fxsd --once exit status, server stopped" "$FXSD_RC" 1
	syslog_wait "$(syslog_fail_re)"
	expect_param GPP_A 12345678
}

test_syslog_failure_tftp_stopped()
{
	local port
	dev_new tftp-fail
	port_alloc port
	tftpd_start "tftpd-$E2E_TEST_NUM" "$port" || die "in.tftpd did not start"
	fxsd_once_ok --set "Profile_Rule=tftp://127.0.0.1:$port/basic.txt"
	proc_stop "tftpd-$E2E_TEST_NUM"
	fxsd_once
	expect_eq "fxsd --once exit status, TFTP server stopped" "$FXSD_RC" 1
	syslog_wait "$(syslog_fail_re)"
	expect_param GPP_A 12345678
}

test_periodic_resync()
{
	dev_new periodic
	fxsd_start --set "Profile_Rule=$(tftp_url basic.txt)" \
		--set Resync_Periodic=2 --set Resync_Random_Delay=0
	syslog_wait "$(syslog_ok_re "$(re_escape "$(tftp_url basic.txt)")")" 3 60
	syslog_wait "$(syslog_req_re "$(re_escape "$(tftp_url basic.txt)")")" 3
	expect_store GPP_A 12345678
	fxsd_stop
}

test_error_retry_delay()
{
	local port dir
	dev_new retry
	port_alloc port
	dir=$DEV/srv
	mkdir -p "$dir"
	flat_profile "$dir/retry.xml" GPP_A=after-retry
	fxsd_start --set "Profile_Rule=http://127.0.0.1:$port/retry.xml" \
		--set Resync_Periodic=3600 --set Resync_Error_Retry_Delay=1 \
		--set Resync_Random_Delay=0
	syslog_wait "$(syslog_fail_re)" 2 60
	store_get GPP_A | grep -q after-retry && die "applied while the server was down"
	py_http_start "retry-$E2E_TEST_NUM" "$port" "$dir" || die "http.server did not start"
	syslog_wait "$(syslog_ok_re "")" 1 60
	expect_store GPP_A after-retry
	fxsd_stop
	proc_stop "retry-$E2E_TEST_NUM"
}

test_ata_ma_cfg()
{
	dev_new ata-ma
	flat_profile "$E2E_T/tftp/ata$DEV_MA.cfg" "GPP_A=unique-$DEV_MA"
	fxsd_once_ok --set "Profile_Rule=tftp://127.0.0.1:$TFTP_PORT/ata\$MA.cfg"
	expect_param GPP_A "unique-$DEV_MA"
	expect_request_then_success "$(re_escape "$(tftp_url "ata$DEV_MA.cfg")")"
}

test_http_user_agent()
{
	local line ua
	dev_new http-ua
	flat_profile "$E2E_T/www/ata$DEV_MA.cfg" "GPP_A=http-$DEV_MA"
	fxsd_once_ok --set "Profile_Rule=http://127.0.0.1:$HTTP_PORT/ata\$MA.cfg"
	expect_param GPP_A "http-$DEV_MA"
	line=$(access_log_port "$HTTP_PORT" | grep -F "/ata$DEV_MA.cfg" | tail -n 1)
	expect_match "access log" "$line" "\"GET /ata$DEV_MA.cfg HTTP/1\\.[01]\" 200 "
	ua=${line%\"}
	ua=${ua##*\"}
	echo "User-Agent: $ua"
	# the SPA's form: VENDOR/PN-SWVER (MA)(SN)
	expect_match "User-Agent" "$ua" \
		"^$DEV_VENDOR/$DEV_PN-$(re_escape "$DEV_SWVER") \\(($DEV_MA|${DEV_MA^^})\\)\\($DEV_SN\\)\$"
}

test_gpp_b_in_path()
{
	dev_new gpp-b
	mkdir -p "$E2E_T/tftp/cisco/grp$E2E_TEST_NUM"
	flat_profile "$E2E_T/tftp/cisco/grp$E2E_TEST_NUM/$DEV_MA.cfg" "GPP_A=group-$DEV_MA"
	fxsd_once_ok --set "GPP_B=grp$E2E_TEST_NUM" \
		--set "Profile_Rule=tftp://127.0.0.1:$TFTP_PORT/cisco/\$B/\$MA.cfg"
	expect_param GPP_A "group-$DEV_MA"
	expect_param GPP_B "grp$E2E_TEST_NUM"
}

test_https_with_ca()
{
	dev_new https-ca
	flat_profile "$E2E_T/www/https$DEV_MA.xml" "GPP_A=secure-$DEV_MA"
	fxsd_once_ok $(tls_trust_args) \
		--set "Profile_Rule=https://127.0.0.1:$HTTPS_PORT/https\$MA.xml"
	expect_param GPP_A "secure-$DEV_MA"
	expect_request_then_success "$(re_escape "https://127.0.0.1:$HTTPS_PORT/https$DEV_MA.xml")"
}

test_https_without_ca()
{
	dev_new https-noca
	flat_profile "$E2E_T/www/https$DEV_MA.xml" "GPP_A=secure-$DEV_MA"
	fxsd_once --set "Profile_Rule=https://127.0.0.1:$HTTPS_PORT/https\$MA.xml"
	expect_eq "fxsd --once exit status, CA not configured" "$FXSD_RC" 1
	syslog_wait "$(syslog_fail_re)"
	store_get GPP_A | grep -q secure && die "applied a profile from an unverified server"
	return 0
}

test_https_client_cert_reflector()
{
	dev_new reflector
	fxsd_once_ok $(tls_trust_args) $(tls_client_args client) \
		--set "Profile_Rule=https://127.0.0.1:$HTTPS_CLIENT_PORT/cgi-bin/reflect"
	expect_param GPP_D "$CLIENT_ISSUER_DN"
}

test_gzip_profile()
{
	dev_new gzip
	flat_profile "$DEV/p.xml" "GPP_A=gzip-$DEV_MA" "GPP_C=compressed"
	gzip -c "$DEV/p.xml" >"$E2E_T/www/gz$DEV_MA.xml.gz"
	fxsd_once_ok --set "Profile_Rule=$(http_url "gz$DEV_MA.xml.gz")"
	expect_param GPP_A "gzip-$DEV_MA"
	expect_param GPP_C compressed
}

# aes_case TAG KEY ENC_OPTIONS... : encrypt (after gzip when the first
# option is "gzip") and resync with [--key KEY].
aes_case()
{
	local tag=$1 key=$2 src
	shift 2
	dev_new "aes-$tag"
	flat_profile "$DEV/p.xml" "GPP_A=$tag-$DEV_MA" "GPP_E=encrypted"
	src=$DEV/p.xml
	if [ "$1" = gzip ]; then
		shift
		gzip -c "$DEV/p.xml" >"$DEV/p.xml.gz"
		src=$DEV/p.xml.gz
	fi
	openssl enc -aes-256-cbc "$@" -k "$key" -in "$src" \
		-out "$E2E_T/www/$tag$DEV_MA.cfg" 2>/dev/null || die "openssl enc failed"
	head -c 8 "$E2E_T/www/$tag$DEV_MA.cfg" | grep -q Salted__ || die "no Salted__ header"
	fxsd_once_ok --set "Profile_Rule=[--key \"$key\"] $(http_url "$tag\$MA.cfg")"
	expect_param GPP_A "$tag-$DEV_MA"
	expect_param GPP_E encrypted
}

test_aes_md5()
{
	aes_case aesmd5 SecretPhrase1234 -md md5
}

test_aes_sha256()
{
	aes_case aessha SecretPhrase5678
}

test_gzip_aes()
{
	aes_case gzaes 'Open Sesame 42' gzip -md sha256
}

test_profile_rule_b()
{
	local a b
	dev_new rule-b
	flat_profile "$E2E_T/tftp/basic2.txt" GPP_B=ABCD
	fxsd_once_ok --set "Profile_Rule=$(tftp_url basic.txt)" \
		--set "Profile_Rule_B=$(tftp_url basic2.txt)"
	expect_param GPP_A 12345678
	expect_param GPP_B ABCD
	syslog_wait "$(syslog_ok_re "$(re_escape "$(tftp_url basic2.txt)")")"
	a=$(syslog_first_line "$(syslog_ok_re "$(re_escape "$(tftp_url basic.txt)")")")
	b=$(syslog_first_line "$(syslog_ok_re "$(re_escape "$(tftp_url basic2.txt)")")")
	[ -n "$a" ] && [ "$a" -lt "$b" ] || die "Profile_Rule ($a) not resynced before Profile_Rule_B ($b)"
}

test_alias_map()
{
	dev_new alias
	cat >"$E2E_T/tftp/customer$DEV_MA.xml" <<-EOF
		<customer-account>
		  <SIP-number>17775551234</SIP-number>
		  <SIP-password>512835907884</SIP-password>
		</customer-account>
	EOF
	fxsd_once_ok --set "GPP_A=/customer-account/SIP-number = /flat-profile/User_ID_1_ ; /customer-account/SIP-password = /flat-profile/Password_1_ ;" \
		--set "Profile_Rule=[--alias a] tftp://127.0.0.1:$TFTP_PORT/customer\$MA.xml"
	expect_param User_ID_1_ 17775551234
	expect_param Password_1_ 512835907884
}

test_ctl_resync()
{
	dev_new ctl
	flat_profile "$E2E_T/www/ctl$DEV_MA.xml" "GPP_F=ctl-$DEV_MA"
	fxsd_start --set Resync_On_Reset=No --set Resync_Periodic=0
	ctl set "Profile_Rule=$(http_url "ctl\$MA.xml")" || die "fxsctl set failed"
	ctl resync || die "fxsctl resync failed"
	syslog_wait "$(syslog_ok_re "$(re_escape "$(http_url "ctl$DEV_MA.xml")")")"
	expect_eq "fxsctl get GPP_F" "$(ctl get GPP_F)" "ctl-$DEV_MA"
	expect_param GPP_F "ctl-$DEV_MA"
	fxsd_stop
}

run_test "tftp: basic.txt sets GPP_A=12345678 (store and state file)" test_tftp_basic
run_test "syslog: request then success message for a resync" test_syslog_request_then_success
run_test "syslog: failure message once the HTTP server is stopped" test_syslog_failure_server_stopped
run_test "syslog: failure message once the TFTP server is stopped" test_syslog_failure_tftp_stopped
run_test "schedule: Resync_Periodic resyncs again and again" test_periodic_resync
run_test "schedule: Resync_Error_Retry_Delay retries until the server is up" test_error_retry_delay
run_test "macros: tftp ata\$MA.cfg names the profile after the MAC" test_ata_ma_cfg
run_test "http: GET with the SPA User-Agent (nginx access log)" test_http_user_agent
run_test "macros: tftp cisco/\$B/\$MA.cfg uses GPP_B in the path" test_gpp_b_in_path
run_test "https: accepted with the test CA configured" test_https_with_ca
run_test "https: refused without the test CA" test_https_without_ca
run_test "https: client certificate, reflector fills GPP_D with its issuer DN" test_https_client_cert_reflector
run_test "gzip: profile compressed with gzip" test_gzip_profile
run_test "aes: openssl enc -aes-256-cbc -md md5 with --key" test_aes_md5
run_test "aes: openssl enc -aes-256-cbc (sha256 default) with --key" test_aes_sha256
run_test "aes: gzip then openssl enc, with --key" test_gzip_aes
run_test "rules: Profile_Rule then Profile_Rule_B both applied" test_profile_rule_b
run_test "alias: customer.xml with --alias a fills User_ID_1_ and Password_1_" test_alias_map
run_test "fxsctl: set and resync through the control socket" test_ctl_resync
