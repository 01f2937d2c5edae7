# SPDX-License-Identifier: GPL-2.0
# test_http.sh: HTTP features of the fetch against nginx: 301 and 302
# redirects followed, basic authentication with --uid/--pwd (and a wrong
# password refused with a clear $ERR, changing nothing), --post g
# sending the macro-expanded GPP_g as the request body, and
# Custom_CA_Rule: a CA downloaded at resync and trusted for HTTPS besides
# --ca. Sourced by run.sh.

HTTP_WWW=$E2E_T/www
mkdir -p "$HTTP_WWW/auth"

# the password file of /auth/, made now with openssl (apr1 hash)
HTTP_AUTH_USER=spa
HTTP_AUTH_PASS='s3cret pass'
printf '%s:%s\n' "$HTTP_AUTH_USER" \
	"$(openssl passwd -apr1 "$HTTP_AUTH_PASS")" >"$E2E_T/nginx/htpasswd"

http_port_url()
{
	echo "http://127.0.0.1:$HTTP_PORT/$1"
}

# http_redirect_case CODE: /rCODE/FILE answers CODE to /FILE, which fxsd
# must follow and apply.
http_redirect_case()
{
	local code=$1 file
	dev_new "redir$code"
	file=redir$code$DEV_MA.xml
	flat_profile "$HTTP_WWW/$file" "GPP_A=moved$code-$DEV_MA"
	fxsd_once_ok --set "Profile_Rule=$(http_port_url "r$code/redir$code\$MA.xml")"
	expect_param GPP_A "moved$code-$DEV_MA"
	access_log_port "$HTTP_PORT" | grep -qF "\"GET /r$code/$file HTTP/1.1\" $code " ||
		die "nginx logged no $code for /r$code/$file"
	access_log_port "$HTTP_PORT" | grep -qF "\"GET /$file HTTP/1.1\" 200 " ||
		die "the redirect target /$file was not fetched"
}

test_http_301()
{
	http_redirect_case 301
}

test_http_302()
{
	http_redirect_case 302
}

test_http_auth_ok()
{
	dev_new auth-ok
	flat_profile "$HTTP_WWW/auth/$DEV_MA.xml" "GPP_A=authorized-$DEV_MA"
	fxsd_once_ok --set "Profile_Rule=[--uid $HTTP_AUTH_USER --pwd \"$HTTP_AUTH_PASS\"] $(http_port_url "auth/\$MA.xml")"
	expect_param GPP_A "authorized-$DEV_MA"
	access_log_port "$HTTP_PORT" | grep -qF "\"GET /auth/$DEV_MA.xml HTTP/1.1\" 200 " ||
		die "nginx logged no authorized GET"
}

# http_auth_fail_case UID_PWD_OPTIONS: a device at a good baseline whose
# Profile_Rule then asks /auth/ with these options; the resync must fail
# with HTTP 401 and change nothing.
http_auth_fail_case()
{
	local rule line
	dev_new "auth-bad-$E2E_TEST_NUM"
	flat_profile "$HTTP_WWW/auth/$DEV_MA.xml" "GPP_A=authorized-$DEV_MA"
	rule="$1 $(http_port_url "auth/\$MA.xml")"
	flat_profile "$HTTP_WWW/authbase$DEV_MA.xml" GPP_A=baseline \
		"Profile_Rule=$rule"
	fxsd_once_ok --set "Profile_Rule=$(http_port_url "authbase\$MA.xml")"
	expect_param GPP_A baseline
	dev_snapshot "$DEV/snap.before"
	fxsd_once
	expect_eq "fxsd --once exit status, wrong password" "$FXSD_RC" 1
	syslog_wait "$(syslog_fail_re)"
	line=$(dev_syslog | grep -E "$(syslog_fail_re)" | tail -n 1)
	echo "syslog: $line"
	expect_match "\$ERR" "${line#*Resync failed: }" '^HTTP 401 \(authorization failed\)'
	grep -q 'HTTP 401' "$FXSD_OUT" || die "fxsd printed no HTTP 401 error"
	expect_unchanged "$DEV/snap.before"
}

test_http_auth_wrong_password()
{
	http_auth_fail_case "[--uid $HTTP_AUTH_USER --pwd wrong]"
}

test_http_auth_no_credentials()
{
	http_auth_fail_case ""
}

test_http_post_body()
{
	local want
	dev_new post
	fxsd_once_ok --set 'GPP_G=mac=$MA&sn=$SN&b=$B' --set GPP_B=grp7 \
		--set "Profile_Rule=[--post g] $(http_port_url cgi-bin/echo)"
	want="mac=$DEV_MA&sn=$DEV_SN&b=grp7"
	expect_param GPP_E "$want"
	expect_param GPP_F POST
	# GPP_G itself keeps its macros
	expect_param GPP_G 'mac=$MA&sn=$SN&b=$B'
	access_log_port "$HTTP_PORT" | grep -qF '"POST /cgi-bin/echo HTTP/1.1" 200 ' ||
		die "nginx logged no POST"
}

test_http_get_without_post()
{
	dev_new get
	fxsd_once_ok --set 'GPP_G=unused' \
		--set "Profile_Rule=$(http_port_url cgi-bin/echo)"
	expect_param GPP_E ""
	expect_param GPP_F GET
}

# ---- Custom_CA_Rule -------------------------------------------------------

mkdir -p "$HTTP_WWW/customca"
cp "$PKI/ca.crt" "$HTTP_WWW/customca/ca.pem"
cp "$PKI/rogue.crt" "$HTTP_WWW/customca/rogue.pem"
cp "$PKI/server.crt" "$HTTP_WWW/customca/leaf.pem"
head -c 600 /dev/urandom | base64 >"$HTTP_WWW/customca/garbage.pem"

# the CA files are served over https by the server the test CA signed:
# a new trust anchor is only taken over a channel already trusted
ca_url()
{
	echo "https://127.0.0.1:$HTTPS_PORT/customca/$1"
}

# ca_gets FILE: how often nginx served /customca/FILE
ca_gets()
{
	access_log_port "$HTTPS_PORT" | grep -cF "\"GET /customca/$1 HTTP/1.1\" 200 "
}

test_custom_ca_https()
{
	local n
	dev_new cca-ok
	flat_profile "$HTTP_WWW/cca$DEV_MA.xml" "GPP_A=custom-ca-$DEV_MA"
	n=$(ca_gets rogue.pem)
	# --ca trusts the CA server; only the downloaded (rogue) CA can make
	# the rogue profile server trusted
	fxsd_once_ok $(tls_trust_args) --set "Custom_CA_Rule=$(ca_url rogue.pem)" \
		--set "Profile_Rule=https://127.0.0.1:$HTTPS_ROGUE_PORT/cca\$MA.xml"
	expect_param GPP_A "custom-ca-$DEV_MA"
	cmp -s "$DEV/custom_ca.pem" "$PKI/rogue.crt" ||
		die "$DEV/custom_ca.pem is not the served CA"
	grep -q 'Custom_CA_Rule: installed' "$FXSD_OUT" || die "no 'installed' log line"
	expect_eq "CA downloads" "$(ca_gets rogue.pem)" "$((n + 1))"
	# installed and the rule unchanged: used again, not downloaded again
	fxsd_once_ok $(tls_trust_args)
	expect_eq "CA downloads after a second resync" "$(ca_gets rogue.pem)" "$((n + 1))"
}

# custom_ca_plain_case URL: a CA offered over a transport that is not
# verified https is refused and trusts nothing
custom_ca_plain_case()
{
	local line
	dev_new "cca-plain-$E2E_TEST_NUM"
	flat_profile "$HTTP_WWW/ccp$DEV_MA.xml" "GPP_A=must-not-$DEV_MA"
	fxsd_once $(tls_trust_args) --set "Custom_CA_Rule=$1" \
		--set "Profile_Rule=https://127.0.0.1:$HTTPS_ROGUE_PORT/ccp\$MA.xml"
	expect_eq "fxsd --once exit status, CA over a plain transport" "$FXSD_RC" 1
	line=$(grep 'Custom_CA_Rule: ' "$FXSD_OUT" | tail -n 1)
	echo "log: $line"
	expect_match "Custom_CA_Rule error" "$line" 'only from an https URL verified'
	[ ! -e "$DEV/custom_ca.pem" ] || die "a CA from a plain transport was installed"
	store_get GPP_A | grep -q must-not && die "applied a profile from an unverified server"
	return 0
}

test_custom_ca_over_http_refused()
{
	custom_ca_plain_case "$(http_port_url customca/rogue.pem)"
}

test_custom_ca_over_tftp_refused()
{
	cp "$PKI/rogue.crt" "$E2E_T/tftp/rogue.pem"
	custom_ca_plain_case "tftp://127.0.0.1:$TFTP_PORT/rogue.pem"
}

# an https fetch follows a redirect to https, never one to http
test_https_redirect_to_https_followed()
{
	dev_new redir-up
	flat_profile "$HTTP_WWW/up$DEV_MA.xml" "GPP_A=up-$DEV_MA"
	fxsd_once_ok $(tls_trust_args) \
		--set "Profile_Rule=https://127.0.0.1:$HTTPS_PORT/up/up\$MA.xml"
	expect_param GPP_A "up-$DEV_MA"
}

test_https_redirect_to_http_refused()
{
	local line
	dev_new redir-down
	flat_profile "$HTTP_WWW/down$DEV_MA.xml" "GPP_A=down-$DEV_MA"
	dev_snapshot "$DEV/snap.before"
	fxsd_once $(tls_trust_args) \
		--set "Profile_Rule=https://127.0.0.1:$HTTPS_PORT/down/down\$MA.xml"
	expect_eq "fxsd --once exit status, https redirected to http" "$FXSD_RC" 1
	syslog_wait "$(syslog_fail_re)"
	line=$(dev_syslog | grep -E "$(syslog_fail_re)" | tail -n 1)
	expect_match "\$ERR" "$line" 'redirect off https refused'
	access_log_port "$HTTP_PORT" | grep -qF "GET /down$DEV_MA.xml" &&
		die "the plain http target was fetched"
	store_get GPP_A | grep -q "down-" && die "applied a profile reached over http"
	return 0
}

test_custom_ca_besides_ca_option()
{
	dev_new cca-both
	flat_profile "$HTTP_WWW/ccb$DEV_MA.xml" "GPP_A=ca-$DEV_MA"
	flat_profile "$HTTP_WWW/ccr$DEV_MA.xml" "GPP_B=rogue-$DEV_MA"
	# --ca trusts the real CA, the custom CA the rogue one: both servers
	fxsd_once_ok $(tls_trust_args) --set "Custom_CA_Rule=$(ca_url rogue.pem)" \
		--set "Profile_Rule=https://127.0.0.1:$HTTPS_PORT/ccb\$MA.xml" \
		--set "Profile_Rule_B=https://127.0.0.1:$HTTPS_ROGUE_PORT/ccr\$MA.xml"
	expect_param GPP_A "ca-$DEV_MA"
	expect_param GPP_B "rogue-$DEV_MA"
}

test_custom_ca_rule_changed()
{
	local n
	dev_new cca-change
	flat_profile "$HTTP_WWW/ccc$DEV_MA.xml" "GPP_A=changed-$DEV_MA"
	fxsd_once_ok $(tls_trust_args) --set "Custom_CA_Rule=$(ca_url ca.pem)" \
		--set "Profile_Rule=$(http_port_url "ccc\$MA.xml")"
	cmp -s "$DEV/custom_ca.pem" "$PKI/ca.crt" || die "first CA not installed"
	n=$(ca_gets rogue.pem)
	fxsd_once_ok $(tls_trust_args) --set "Custom_CA_Rule=$(ca_url rogue.pem)" \
		--set "Profile_Rule=https://127.0.0.1:$HTTPS_ROGUE_PORT/ccc\$MA.xml"
	expect_eq "CA downloads after the rule changed" "$(ca_gets rogue.pem)" "$((n + 1))"
	cmp -s "$DEV/custom_ca.pem" "$PKI/rogue.crt" || die "new CA not installed"
	expect_param GPP_A "changed-$DEV_MA"
}

# custom_ca_bad_case FILE ERE: a CA download that must not install
custom_ca_bad_case()
{
	local line
	dev_new "cca-bad-$E2E_TEST_NUM"
	flat_profile "$HTTP_WWW/ccx$DEV_MA.xml" "GPP_A=must-not-$DEV_MA"
	fxsd_once $(tls_trust_args) --set "Custom_CA_Rule=$(ca_url "$1")" \
		--set "Profile_Rule=https://127.0.0.1:$HTTPS_ROGUE_PORT/ccx\$MA.xml"
	expect_eq "fxsd --once exit status, bad custom CA" "$FXSD_RC" 1
	line=$(grep 'Custom_CA_Rule: ' "$FXSD_OUT" | tail -n 1)
	echo "log: $line"
	expect_match "Custom_CA_Rule error" "$line" "$2"
	expect_match "Custom_CA_Rule error" "$line" 'custom CA not installed'
	[ ! -e "$DEV/custom_ca.pem" ] || die "a bad CA was installed"
	[ ! -e "$DEV/custom_ca.pem.tmp" ] || die "a temp file was left"
	store_get GPP_A | grep -q must-not && die "applied a profile from an unverified server"
	syslog_wait "$(syslog_fail_re)"
}

test_custom_ca_garbage()
{
	custom_ca_bad_case garbage.pem 'customca/garbage\.pem: no PEM certificate'
}

test_custom_ca_not_a_ca()
{
	custom_ca_bad_case leaf.pem 'customca/leaf\.pem: certificate 1 is not a CA certificate'
}

test_custom_ca_missing()
{
	custom_ca_bad_case missing.pem 'customca/missing\.pem: HTTP 404'
}

# ---- line state (Forced_Resync_Delay) --------------------------------------

# Off-hook lines need the kernel module (VM tests); here --lines names a
# plain file, which cannot answer FXS_IOC_GET_LINE_INFO and counts idle.
test_lines_not_a_device_idle()
{
	dev_new lines
	: >"$DEV/fxs0"
	flat_profile "$HTTP_WWW/lines$DEV_MA.xml" "GPP_A=lines-$DEV_MA"
	fxsd_start --lines "$DEV/fxs[0-9]*" \
		--set "Profile_Rule=$(http_port_url "lines\$MA.xml")" \
		--set Resync_Random_Delay=0 --set Forced_Resync_Delay=3600
	syslog_wait "$(syslog_ok_re "$(re_escape "$(http_port_url "lines$DEV_MA.xml")")")" 1 30
	expect_store GPP_A "lines-$DEV_MA"
	fxsd_log | grep -q "line $DEV/fxs0: not an FXS line: " ||
		die "no 'not an FXS line' warning for $DEV/fxs0"
	fxsd_log | grep -q 'resync deferred' && die "the resync was deferred"
	fxsd_stop
}

run_test "http: 301 redirect followed and the profile applied" test_http_301
run_test "http: 302 redirect followed and the profile applied" test_http_302
run_test "http: basic auth answered with --uid/--pwd" test_http_auth_ok
run_test "http: wrong --pwd fails with HTTP 401, nothing changes" test_http_auth_wrong_password
run_test "http: no --uid on a protected URL fails with HTTP 401, nothing changes" test_http_auth_no_credentials
run_test "http: --post g sends GPP_G macro-expanded as the POST body" test_http_post_body
run_test "http: without --post the request is a GET with no body" test_http_get_without_post
run_test "custom CA: a CA fetched over verified https makes its servers trusted, fetched once" test_custom_ca_https
run_test "custom CA: refused over plain http, nothing installed" test_custom_ca_over_http_refused
run_test "custom CA: refused over tftp, nothing installed" test_custom_ca_over_tftp_refused
run_test "https: a redirect to https is followed" test_https_redirect_to_https_followed
run_test "https: a redirect to plain http is refused" test_https_redirect_to_http_refused
run_test "custom CA: trusted besides --ca" test_custom_ca_besides_ca_option
run_test "custom CA: a changed Custom_CA_Rule downloads and installs again" test_custom_ca_rule_changed
run_test "custom CA: garbage ca.pem is refused with a clear error, not installed" test_custom_ca_garbage
run_test "custom CA: a leaf certificate is refused as not a CA" test_custom_ca_not_a_ca
run_test "custom CA: a missing CA file is logged, nothing installed" test_custom_ca_missing
run_test "lines: a --lines file that is no FXS line is logged and counts idle, resync runs" test_lines_not_a_device_idle
