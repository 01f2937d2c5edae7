# SPDX-License-Identifier: GPL-2.0
# test_web.sh: the web admin (fxsd --http) at the HTTP level with curl:
# every URL, both access levels, wrong passwords, CSRF, oversized and
# malformed requests, secrets never shown, the port and the switch
# followed live; then the browser tests (tests/web/browser.mjs, headless
# Chromium). Sourced by run.sh (make check-web runs this group alone).

WEB_SECRET_A=adm$RANDOM$RANDOM	# Admin_Passwd
WEB_SECRET_U=usr$RANDOM$RANDOM	# User_Password
WEB_SECRET_K=key$RANDOM$RANDOM	# GPP_SA
WEB_SECRET_P=pw$RANDOM$RANDOM	# Password_1_

# web_start [FXSD ARGS...]: a daemon with its web admin on WEB_PORT.
web_start()
{
	port_alloc WEB_PORT
	WEB=http://127.0.0.1:$WEB_PORT
	fxsd_start --http "127.0.0.1:$WEB_PORT" --set Resync_On_Reset=No \
		--set Resync_Periodic=0 "$@"
	wait_until 20 web_up "$WEB" ||
		die "web admin does not answer on $WEB: $(fxsd_log | tail -n 5)"
}

web_up()
{
	curl -s -o /dev/null -m 5 "$1/" 2>/dev/null
	[ $? = 0 ]
}

web_down()
{
	! curl -s -o /dev/null -m 5 "$1/" 2>/dev/null
}

# web_resync_idle: the status page says no resync runs (the web's resync
# triggers answer at once; the resync goes on in the loop)
web_resync_idle()
{
	curl -s -m 5 "$WEB/" 2>/dev/null | grep -q 'id="Resync_Running">no<'
}

# web_resync_ended WHAT: waits for the started resync to end
web_resync_ended()
{
	wait_until 60 web_resync_idle || die "$1: the resync never ended"
}

# wget_code URL [CURL ARGS...]: the status into CODE, the body into BODY.
wcurl()
{
	local url=$1
	shift
	CODE=$(curl -s -m 60 -o "$DEV/body" -w '%{http_code}' "$@" "$url")
	BODY=$(cat "$DEV/body" 2>/dev/null)
}

expect_code()
{
	expect_eq "HTTP status of $1" "$CODE" "$2"
}

# web_token [CURL ARGS...]: the CSRF token of the Provisioning form.
web_token()
{
	wcurl "$WEB/voice/Provisioning" "$@"
	TOKEN=$(printf '%s' "$BODY" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p')
	[ -n "$TOKEN" ] || die "no CSRF token on the Provisioning page ($CODE)"
}

web_secret_sets()
{
	WEB_SETS=(--set "GPP_SA=$WEB_SECRET_K" --set "Password_1_=$WEB_SECRET_P")
}

# expect_no_secret WHAT TEXT: no secret value and no GPP_SA..SD in TEXT.
expect_no_secret()
{
	local s
	for s in "$WEB_SECRET_A" "$WEB_SECRET_U" "$WEB_SECRET_K" "$WEB_SECRET_P"; do
		case $2 in *"$s"*) die "$1 shows a secret value";; esac
	done
	if printf '%s' "$2" | grep -Eq 'GPP_S[ABCD]'; then
		die "$1 names GPP_SA..SD"
	fi
}

test_web_status_page()
{
	dev_new web-status
	web_start
	wcurl "$WEB/"
	expect_code "/" 200
	expect_match "status: serial" "$BODY" "id=\"Serial_Number\">$DEV_SN<"
	expect_match "status: MAC" "$BODY" "id=\"MAC_Address\">$DEV_MAC<"
	expect_match "status: product" "$BODY" "id=\"Product_Name\">$DEV_PN<"
	expect_match "status: firmware" "$BODY" "id=\"Software_Version\">$DEV_SWVER<"
	expect_match "status: last resync" "$BODY" 'id="Last_Resync_Result">none yet<'
	expect_match "status: custom CA" "$BODY" 'id="Custom_CA_Info">Not Installed<'
	wcurl "$WEB/admin/status.xml"
	expect_code "/admin/status.xml" 200
	expect_match "status.xml" "$BODY" "<Serial_Number>$DEV_SN</Serial_Number>"
	printf '%s' "$BODY" | python3 -c 'import sys, xml.dom.minidom as m; m.parseString(sys.stdin.buffer.read())' ||
		die "status.xml is not well-formed"
	fxsd_stop
}

# every parameter but GPP_SA..SD is on exactly one page; none of the
# secrets' values is on any page or in cfg.xml
test_web_pages_from_table()
{
	local pages p names all
	dev_new web-pages
	web_secret_sets
	web_start "${WEB_SETS[@]}"
	wcurl "$WEB/"
	pages=$(printf '%s' "$BODY" | grep -o 'href="/voice/[A-Za-z0-9_]*"' |
		sed 's/.*voice\/\(.*\)"/\1/')
	expect_match "menu pages" "$(echo $pages)" 'Provisioning System SIP Regional Line_1 Line_2'
	all=
	for p in $pages; do
		wcurl "$WEB/voice/$p"
		expect_code "/voice/$p" 200
		expect_no_secret "/voice/$p" "$BODY"
		all+=$(printf '%s' "$BODY" | grep -o ' name="[A-Za-z0-9_]*"' |
			grep -v '"csrf"' | sed 's/.*"\(.*\)"/\1/')$'\n'
	done
	names=$(ctl --secrets dump | sed -n 's/^\([A-Za-z0-9_]*\)=.*/\1/p' |
		grep -Ev '^GPP_S[ABCD]$' | LC_ALL=C sort)
	expect_eq "fields of all pages vs the table" \
		"$(printf '%s' "$all" | grep . | LC_ALL=C sort)" "$names"
	wcurl "$WEB/voice/Provisioning"
	for p in A B C D E F G H I J K L M N O P; do
		expect_match "GPP_$p on Provisioning" "$BODY" "name=\"GPP_$p\""
	done
	wcurl "$WEB/admin/cfg.xml"
	expect_code "/admin/cfg.xml" 200
	expect_no_secret "cfg.xml" "$BODY"
	expect_match "cfg.xml GPP_A" "$BODY" '<GPP_A ua="rw"></GPP_A>'
	case $BODY in *Admin_Passwd*|*Password_1_*) die "cfg.xml names a password";; esac
	wcurl "$WEB/voice/Nowhere"
	expect_code "/voice/Nowhere" 404
	fxsd_stop
}

test_web_submit_applies()
{
	dev_new web-submit
	web_start
	web_token
	wcurl "$WEB/voice/Provisioning" --data-urlencode "csrf=$TOKEN" \
		--data-urlencode "GPP_A=web value & more" --data-urlencode GPP_B=
	expect_code "form POST" 200
	expect_match "applied note" "$BODY" 'Settings applied'
	expect_param GPP_A "web value & more"
	fxsd_stop
}

# a bad value: its error next to its field, nothing changes
test_web_submit_bad_value()
{
	dev_new web-bad
	web_start
	web_token
	dev_snapshot "$DEV/snap.before"
	wcurl "$WEB/voice/Provisioning" -d "csrf=$TOKEN&GPP_A=new&Resync_Periodic=abc"
	expect_code "form POST with a bad value" 400
	expect_match "error next to the field" "$BODY" 'id="err_Resync_Periodic">Resync_Periodic: '
	expect_match "value shown back" "$BODY" 'name="Resync_Periodic" value="abc"'
	expect_unchanged "$DEV/snap.before"
	fxsd_stop
}

# a line parameter goes through the kernel's checks (line_check) too
test_web_submit_line_param()
{
	dev_new web-line
	web_start
	wcurl "$WEB/voice/Regional"
	TOKEN=$(printf '%s' "$BODY" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p')
	dev_snapshot "$DEV/snap.before"
	wcurl "$WEB/voice/Regional" -d "csrf=$TOKEN&Hook_Flash_Timer_Min=.9&Hook_Flash_Timer_Max=.2"
	expect_code "flash min above max" 400
	expect_unchanged "$DEV/snap.before"
	wcurl "$WEB/voice/Regional" -d "csrf=$TOKEN&Hook_Flash_Timer_Min=.2&Hook_Flash_Timer_Max=.8"
	expect_code "flash pair" 200
	expect_param Hook_Flash_Timer_Max .8
	fxsd_stop
}

test_web_csrf()
{
	dev_new web-csrf
	web_start
	dev_snapshot "$DEV/snap.before"
	wcurl "$WEB/voice/Provisioning" -d "GPP_A=x"
	expect_code "POST without a token" 403
	wcurl "$WEB/voice/Provisioning" -d "csrf=00000000000000000000000000000000&GPP_A=x"
	expect_code "POST with a wrong token" 403
	wcurl "$WEB/voice/Provisioning" -d "csrf=&GPP_A=x"
	expect_code "POST with an empty token" 403
	expect_unchanged "$DEV/snap.before"
	fxsd_stop
}

test_web_malformed()
{
	local f
	dev_new web-malformed
	web_start
	web_token
	dev_snapshot "$DEV/snap.before"
	for f in "GPP_A=%zz" "GPP_A=%4" "GPP_A" "=x" "GPP_A=1&GPP_A=2" \
		"GPP_A=1&&GPP_B=2" "Nope=1" "GPP_SA=k" "Admin_Passwd_X=1" \
		"GPP_A=a%0Ab" "Line_Enable_1_=Yes"; do
		wcurl "$WEB/voice/Provisioning" -d "csrf=$TOKEN&$f"
		expect_code "form '$f'" 400
	done
	wcurl "$WEB/voice/Provisioning" -H 'Content-Type: text/plain' -d "csrf=$TOKEN&GPP_A=1"
	expect_code "form as text/plain" 400
	wcurl "$WEB/voice/Provisioning" -X PUT -d "csrf=$TOKEN&GPP_A=1"
	expect_code "PUT" 405
	wcurl "$WEB/nowhere"
	expect_code "an unknown URL" 404
	wcurl "$WEB/admin/resync" -d x=1
	expect_code "POST to a GET URL" 405
	expect_unchanged "$DEV/snap.before"
	fxsd_stop
}

test_web_oversized()
{
	dev_new web-big
	web_start
	web_token
	dev_snapshot "$DEV/snap.before"
	head -c 100000 /dev/zero | tr '\0' a >"$DEV/big"
	wcurl "$WEB/voice/Provisioning" --data-binary "csrf=$TOKEN&GPP_A=@$DEV/big" \
		--data-binary "@$DEV/big"
	expect_code "a 100 kB form" 413
	wcurl "$WEB/CGI/Execute" -H 'Transfer-Encoding: chunked' --data-binary "@$DEV/big"
	expect_code "a 100 kB chunked body" 413
	wcurl "$WEB/admin/resync?$(head -c 40000 "$DEV/big")"
	expect_match "a 40 kB URL" "$CODE" '^4[0-9][0-9]$'
	wcurl "$WEB/" -H "X-Big: $(head -c 40000 "$DEV/big")"
	expect_match "a 40 kB header" "$CODE" '^4[0-9][0-9]$'
	expect_unchanged "$DEV/snap.before"
	wcurl "$WEB/"
	expect_code "/ after the big requests" 200
	fxsd_stop
}

# /admin/resync?URL: a one-shot rule, not saved; the control log has it
test_web_resync_url()
{
	local rule
	dev_new web-resync
	flat_profile "$E2E_T/tftp/web$DEV_MA.xml" "GPP_B=tftp-$DEV_MA"
	web_start
	rule=$(store_get Profile_Rule)
	wcurl "$WEB/admin/resync?$(tftp_url "web$DEV_MA.xml")"
	expect_code "/admin/resync?URL" 200
	expect_match "started at once" "$BODY" 'Resync started'
	web_resync_ended "/admin/resync?URL"
	expect_param GPP_B "tftp-$DEV_MA"
	expect_store Profile_Rule "$rule"
	wcurl "$WEB/log/messages"
	expect_code "/log/messages" 200
	expect_match "control log: request" "$BODY" "requesting $(re_escape "$(tftp_url "web$DEV_MA.xml")")"
	expect_match "control log: applied" "$BODY" "applied $(re_escape "$(tftp_url "web$DEV_MA.xml")")"
	wcurl "$WEB/admin/resync?$(tftp_url "missing$DEV_MA.xml")"
	expect_code "/admin/resync of a missing file" 200
	web_resync_ended "/admin/resync of a missing file"
	wcurl "$WEB/"
	expect_match "failure shown on the status page" "$BODY" 'id="Last_Resync_Result">failed<'
	expect_match "\$ERR on the status page" "$BODY" 'id="Last_Resync_Error">[^<]'
	wcurl "$WEB/admin/resync?tftp://%zz"
	expect_code "/admin/resync with bad %-encoding" 400
	fxsd_stop
}

test_web_resync_configured()
{
	dev_new web-resync-rule
	flat_profile "$E2E_T/tftp/webr$DEV_MA.xml" "GPP_C=rule-$DEV_MA"
	web_start --set "Profile_Rule=$(tftp_url "webr\$MA.xml")"
	wcurl "$WEB/admin/resync"
	expect_code "/admin/resync" 200
	web_resync_ended "/admin/resync"
	expect_param GPP_C "rule-$DEV_MA"
	fxsd_stop
}

test_web_cgi_execute()
{
	local url
	dev_new web-exec
	flat_profile "$E2E_T/tftp/webx$DEV_MA.xml" "GPP_D=x1-$DEV_MA"
	flat_profile "$E2E_T/tftp/weby$DEV_MA.xml" "GPP_D=x2-$DEV_MA"
	flat_profile "$E2E_T/tftp/webz$DEV_MA.xml" "GPP_D=x3-$DEV_MA"
	web_start
	url=$(tftp_url "webx$DEV_MA.xml")
	wcurl "$WEB/CGI/Execute" -H 'Content-Type: text/xml' \
		--data-binary "<CiscoIPPhoneExecute><ExecuteItem URL=\"Resync:$url\"/></CiscoIPPhoneExecute>"
	expect_code "CGI/Execute quoted" 200
	expect_match "response" "$BODY" "<ResponseItem URL=\"Resync:$(re_escape "$url")\" Data=\"Success\" Status=\"0\"/>"
	web_resync_ended "CGI/Execute"
	expect_param GPP_D "x1-$DEV_MA"
	url=$(tftp_url "weby$DEV_MA.xml")
	wcurl "$WEB/CGI/Execute" \
		--data-binary "<CiscoIPPhoneExecute><ExecuteItem URL=Resync:$url/></CiscoIPPhoneExecute>"
	expect_code "CGI/Execute unquoted" 200
	web_resync_ended "CGI/Execute"
	expect_param GPP_D "x2-$DEV_MA"
	url=$(tftp_url "webz$DEV_MA.xml")
	wcurl "$WEB/CGI/Execute" --data-urlencode \
		"XML=<CiscoIPPhoneExecute><ExecuteItem Priority=\"0\" URL=\"Resync:$url\"/></CiscoIPPhoneExecute>"
	expect_code "CGI/Execute as a form" 200
	web_resync_ended "CGI/Execute"
	expect_param GPP_D "x3-$DEV_MA"
	fxsd_stop
}

test_web_cgi_execute_malformed()
{
	local x
	dev_new web-exec-bad
	flat_profile "$E2E_T/tftp/webb$DEV_MA.xml" "GPP_D=bad-$DEV_MA"
	web_start
	url=$(tftp_url "webb$DEV_MA.xml")
	dev_snapshot "$DEV/snap.before"
	for x in "<CiscoIPPhoneExecute><ExecuteItem URL=\"Resync:$url\"></CiscoIPPhoneExecute>" \
		"<CiscoIPPhoneText><ExecuteItem URL=\"Resync:$url\"/></CiscoIPPhoneText>" \
		"<CiscoIPPhoneExecute><Item URL=\"Resync:$url\"/></CiscoIPPhoneExecute>" \
		"<CiscoIPPhoneExecute><ExecuteItem URL=\"Key:Services\"/></CiscoIPPhoneExecute>" \
		"<CiscoIPPhoneExecute><ExecuteItem Priority=\"0\"/></CiscoIPPhoneExecute>" \
		"<CiscoIPPhoneExecute></CiscoIPPhoneExecute>" \
		"<!DOCTYPE x [<!ENTITY a \"Resync:$url\">]><CiscoIPPhoneExecute><ExecuteItem URL=\"&a;\"/></CiscoIPPhoneExecute>" \
		"<CiscoIPPhoneExecute><ExecuteItem URL=\"Resync:$url\"/><ExecuteItem URL=\"Resync:$url\"/><ExecuteItem URL=\"Resync:$url\"/><ExecuteItem URL=\"Resync:$url\"/></CiscoIPPhoneExecute>" \
		"<CiscoIPPhoneExecute><ExecuteItem URL=\"Resync:$url\"/></CiscoIPPhoneExecute>junk<" \
		"" "XML=%zz"; do
		wcurl "$WEB/CGI/Execute" -H 'Content-Type: text/xml' --data-binary "$x"
		expect_code "CGI/Execute '$x'" 400
		expect_match "CiscoIPPhoneError" "$BODY" '<CiscoIPPhoneError Number="1"/>'
	done
	wcurl "$WEB/CGI/Execute"
	expect_code "GET /CGI/Execute" 405
	expect_unchanged "$DEV/snap.before"
	fxsd_stop
}

# Provision_Enable=No gates every web trigger
test_web_provision_disabled()
{
	dev_new web-off
	flat_profile "$E2E_T/tftp/weboff$DEV_MA.xml" "GPP_D=off-$DEV_MA"
	web_start --set Provision_Enable=No
	dev_snapshot "$DEV/snap.before"
	wcurl "$WEB/admin/resync?$(tftp_url "weboff$DEV_MA.xml")"
	expect_code "/admin/resync?URL with Provision_Enable=No" 403
	wcurl "$WEB/admin/resync"
	expect_code "/admin/resync with Provision_Enable=No" 403
	wcurl "$WEB/CGI/Execute" --data-binary \
		"<CiscoIPPhoneExecute><ExecuteItem URL=\"Resync:$(tftp_url "weboff$DEV_MA.xml")\"/></CiscoIPPhoneExecute>"
	expect_code "CGI/Execute with Provision_Enable=No" 200
	expect_match "item refused" "$BODY" 'Data="Provision_Enable is No" Status="1"'
	expect_unchanged "$DEV/snap.before"
	fxsd_stop
}

# web_ca_status: Custom CA Provisioning Status into CA_STATUS
web_ca_status()
{
	wcurl "$WEB/"
	CA_STATUS=$(printf '%s' "$BODY" | sed -n 's/.*id="Custom_CA_Status">\([^<]*\)<.*/\1/p')
}

# Info > Status > Custom CA: "Last provisioning failed/succeeded on
# mm/dd/yyyy HH:MM:SS" after each Custom_CA_Rule attempt, the CA's subject
# CN once installed, and after a restart the install's time
test_web_custom_ca_status()
{
	local www=$E2E_T/www/webca stamp
	stamp='[0-9]{2}/[0-9]{2}/[0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2}$'
	dev_new web-cca
	mkdir -p "$www"
	cp "$PKI/rogue.crt" "$www/rogue.pem"
	head -c 600 /dev/urandom | base64 >"$www/garbage.pem"
	flat_profile "$www/p$DEV_MA.xml" "GPP_A=cca-$DEV_MA"
	web_start $(tls_trust_args) \
		--set "Profile_Rule=http://127.0.0.1:$HTTP_PORT/webca/p\$MA.xml" \
		--set "Custom_CA_Rule=https://127.0.0.1:$HTTPS_PORT/webca/garbage.pem"
	web_ca_status
	expect_eq "CA status before any attempt" "$CA_STATUS" "Not Provisioned"
	ctl resync >/dev/null 2>&1
	web_ca_status
	expect_match "CA status after a bad CA" "$CA_STATUS" "^Last provisioning failed on $stamp"
	expect_match "the failure's date" "$CA_STATUS" " on $(date +%m/%d/%Y) "
	expect_match "still not installed" "$BODY" 'id="Custom_CA_Info">Not Installed<'
	ctl set "Custom_CA_Rule=https://127.0.0.1:$HTTPS_PORT/webca/rogue.pem" ||
		die "fxsctl set Custom_CA_Rule failed"
	ctl resync >/dev/null 2>&1
	web_ca_status
	expect_match "CA status after a good CA" "$CA_STATUS" "^Last provisioning succeeded on $stamp"
	expect_match "the CA's CN" "$BODY" 'id="Custom_CA_Info">Installed - [^<]+<'
	fxsd_stop
	web_start $(tls_trust_args)
	web_ca_status
	expect_match "CA status after a restart" "$CA_STATUS" "^Last provisioning succeeded on $stamp"
	wcurl "$WEB/admin/status.xml"
	expect_match "status.xml" "$BODY" "<Custom_CA_Status>Last provisioning succeeded on "
	fxsd_stop
}

test_web_admin_password()
{
	local u
	dev_new web-auth
	web_secret_sets
	web_start --set "Admin_Passwd=$WEB_SECRET_A" --set "User_Password=$WEB_SECRET_U" \
		"${WEB_SETS[@]}"
	for u in / /voice/Provisioning /log/messages /admin/cfg.xml /admin/status.xml \
		/admin/resync /admin/reboot; do
		wcurl "$WEB$u"
		expect_code "$u without a password" 401
	done
	CODE=$(curl -s -m 20 -o /dev/null -D "$DEV/hdr" -w '%{http_code}' "$WEB/")
	grep -qi '^WWW-Authenticate: Digest realm="openfxs"' "$DEV/hdr" ||
		die "no digest challenge: $(cat "$DEV/hdr")"
	dev_snapshot "$DEV/snap.before"
	wcurl "$WEB/CGI/Execute" --data-binary '<CiscoIPPhoneExecute><ExecuteItem URL="Resync:"/></CiscoIPPhoneExecute>'
	expect_code "CGI/Execute without a password" 401
	wcurl "$WEB/admin/resync" --digest -u "admin:wrong"
	expect_code "admin with a wrong password" 401
	wcurl "$WEB/voice/Provisioning" --digest -u "admin:wrong" -d "GPP_A=x"
	expect_code "POST with a wrong password" 401
	wcurl "$WEB/" --digest -u "root:$WEB_SECRET_A"
	expect_code "another user name" 401
	expect_unchanged "$DEV/snap.before"
	for u in / /voice/Provisioning /log/messages /admin/cfg.xml /admin/status.xml; do
		wcurl "$WEB$u" --digest -u "admin:$WEB_SECRET_A"
		expect_code "$u as admin" 200
		expect_no_secret "$u as admin" "$BODY"
	done
	wcurl "$WEB/voice/Line_1" --digest -u "admin:$WEB_SECRET_A"
	expect_match "admin: password field, no value" "$BODY" 'type="password" id="Password_1_" name="Password_1_" value=""'
	web_token --digest -u "admin:$WEB_SECRET_A"
	wcurl "$WEB/voice/Provisioning" --digest -u "admin:$WEB_SECRET_A" -d "csrf=$TOKEN&GPP_A=by-admin"
	expect_code "POST as admin" 200
	expect_param GPP_A by-admin
	fxsd_stop
}

# the user level: rw editable, ro read-only, na never shown, no admin URLs
test_web_user_level()
{
	local u
	dev_new web-user
	cat >"$E2E_T/tftp/webu$DEV_MA.xml" <<-EOF
		<flat-profile>
		  <GPP_C ua="ro">ro-value</GPP_C>
		  <GPP_D ua="na">na-$WEB_SECRET_U</GPP_D>
		  <GPP_E ua="rw">rw-value</GPP_E>
		</flat-profile>
	EOF
	web_start --set "Admin_Passwd=$WEB_SECRET_A" --set "User_Password=$WEB_SECRET_U"
	wcurl "$WEB/admin/resync?$(tftp_url "webu$DEV_MA.xml")" --digest -u "admin:$WEB_SECRET_A"
	expect_code "resync as admin" 200
	for u in /log/messages /admin/cfg.xml /admin/status.xml /admin/resync /admin/reboot; do
		wcurl "$WEB$u" --digest -u "user:$WEB_SECRET_U"
		expect_code "$u as user" 403
	done
	wcurl "$WEB/CGI/Execute" --digest -u "user:$WEB_SECRET_U" --data-binary '<CiscoIPPhoneExecute><ExecuteItem URL="Resync:"/></CiscoIPPhoneExecute>'
	expect_code "CGI/Execute as user" 403
	wcurl "$WEB/" --digest -u "user:$WEB_SECRET_U"
	expect_code "/ as user" 200
	case $BODY in *"Control Logs"*) die "the user's menu links the control log";; esac
	web_token --digest -u "user:$WEB_SECRET_U"
	expect_match "ro shown read-only" "$BODY" 'name="GPP_C" value="ro-value" readonly disabled'
	expect_match "rw editable" "$BODY" 'name="GPP_E" value="rw-value">'
	case $BODY in *GPP_D*|*"na-$WEB_SECRET_U"*|*Admin_Passwd*|*User_Password*)
		die "the user sees an na parameter";; esac
	dev_snapshot "$DEV/snap.before"
	wcurl "$WEB/voice/Provisioning" --digest -u "user:$WEB_SECRET_U" -d "csrf=$TOKEN&GPP_C=changed"
	expect_code "user POST of a ro field" 403
	wcurl "$WEB/voice/Provisioning" --digest -u "user:$WEB_SECRET_U" -d "csrf=$TOKEN&GPP_D=changed"
	expect_code "user POST of an na field" 400
	expect_unchanged "$DEV/snap.before"
	wcurl "$WEB/voice/Provisioning" --digest -u "user:$WEB_SECRET_U" -d "csrf=$TOKEN&GPP_E=by-user"
	expect_code "user POST of a rw field" 200
	expect_param GPP_E by-user
	fxsd_stop
}

# repeated wrong passwords: refused for a while, even the right one
test_web_slowed_failures()
{
	local i
	dev_new web-slow
	web_start --set "Admin_Passwd=$WEB_SECRET_A"
	for i in 1 2 3 4 5; do
		wcurl "$WEB/" --digest -u "admin:wrong$i"
		expect_code "wrong password $i" 401
	done
	wcurl "$WEB/" --digest -u "admin:$WEB_SECRET_A"
	expect_code "the right password after 5 wrong ones" 429
	fxsd_log | grep -q "wrong password for 'admin' (5 in a row)" ||
		die "the failures are not logged"
	fxsd_stop
}

# --http 127.0.0.1: takes Web_Server_Port, and follows it and
# Enable_Web_Server without a restart
test_web_port_live()
{
	local p1 p2
	dev_new web-port
	port_alloc p1
	port_alloc p2
	fxsd_start --http 127.0.0.1: --set "Web_Server_Port=$p1" --set Resync_On_Reset=No
	wait_until 20 web_up "http://127.0.0.1:$p1" || die "no web admin on Web_Server_Port $p1"
	ctl set "Web_Server_Port=$p2" || die "fxsctl set Web_Server_Port failed"
	wait_until 20 web_up "http://127.0.0.1:$p2" || die "Web_Server_Port=$p2 not followed"
	web_down "http://127.0.0.1:$p1" || die "still listening on the old port $p1"
	ctl set Enable_Web_Server=No || die "fxsctl set Enable_Web_Server failed"
	wait_until 20 web_down "http://127.0.0.1:$p2" || die "Enable_Web_Server=No not followed"
	ctl set Enable_Web_Server=Yes || die "fxsctl set Enable_Web_Server failed"
	wait_until 20 web_up "http://127.0.0.1:$p2" || die "Enable_Web_Server=Yes not followed"
	fxsd_stop
}

# without --http the web admin is on, on every address and Web_Server_Port;
# --no-http turns it off whatever Enable_Web_Server says
test_web_on_by_default()
{
	local wport
	dev_new web-default
	port_alloc wport
	FXSD_DEFAULT_WEB=1 fxsd_start --set "Web_Server_Port=$wport" \
		--set Resync_On_Reset=No
	wait_until 20 web_up "http://127.0.0.1:$wport" ||
		die "no web admin by default on Web_Server_Port $wport: $(fxsd_log | tail -n 3)"
	expect_match "listening line" "$(fxsd_log)" "web: listening on \\*:$wport"
	fxsd_stop
	FXSD_DEFAULT_WEB=1 fxsd_start --set "Web_Server_Port=$wport" \
		--set Resync_On_Reset=No --set Enable_Web_Server=Yes --no-http
	# the loop answers: the web admin would be open by now
	ctl status >/dev/null || die "fxsctl status failed"
	web_down "http://127.0.0.1:$wport" || die "--no-http: a web admin answers on $wport"
	expect_eq "--no-http: listening lines" "$(fxsd_log | grep -c 'web: listening')" 0
	fxsd_stop
}

test_web_http_option()
{
	local bad
	dev_new web-opt
	fxsd_args
	for bad in x 0 65536 1.2.3:80 ::1:80 "127.0.0.1:x" "-1"; do
		"$FXSD" "${FXSD_ARGS[@]}" --http "$bad" --foreground --ctl "$DEV/ctl" \
			>"$DEV/opt.out" 2>&1 && die "--http '$bad' was taken"
		grep -q -- "--http '$bad'" "$DEV/opt.out" ||
			die "--http '$bad': $(cat "$DEV/opt.out")"
	done
}

test_web_reboot()
{
	dev_new web-reboot
	cat >"$DEV/hook" <<-EOF
		#!/bin/sh
		echo "\$1" >"$DEV/hook.ran"
	EOF
	chmod +x "$DEV/hook"
	web_start --reboot-hook "$DEV/hook"
	wcurl "$WEB/admin/reboot"
	expect_code "/admin/reboot" 200
	wait_until 20 test -s "$DEV/hook.ran" || die "the reboot hook did not run"
	expect_eq "hook argument" "$(cat "$DEV/hook.ran")" reboot
	fxsd_stop
	dev_new web-noreboot
	web_start
	wcurl "$WEB/admin/reboot"
	expect_code "/admin/reboot without --reboot-hook" 501
	fxsd_stop
}

# the loop never waits for a transfer: while a profile download is held
# open, the status page and fxsctl get both answer; then it completes
# and the resync succeeds (an ordering check: the server waits for the
# test, not for a time)
test_web_answers_during_resync()
{
	local status got got_rc
	dev_new web-hold
	held_start http
	flat_profile "$HELD/files/p$DEV_MA.xml" "GPP_F=held-$DEV_MA"
	web_start
	wcurl "$WEB/admin/resync?http://127.0.0.1:$HELD_PORT/p$DEV_MA.xml"
	expect_code "/admin/resync answers while its download starts" 200
	wait_until 60 held_requested "p$DEV_MA.xml" ||
		die "the download did not start"
	status=$(curl -s -m 10 -o "$DEV/status.body" -w '%{http_code}' "$WEB/")
	got=$(timeout -s KILL 10 "$FXSCTL" --ctl "$DEV/ctl" get GPP_A 2>&1)
	got_rc=$?
	# only now may the download end: both answers came while it was held
	held_release
	expect_eq "status page during the download" "$status" 200
	expect_match "status page: the resync runs" "$(cat "$DEV/status.body")" 'id="Resync_Running">yes<'
	expect_eq "fxsctl get during the download (rc)" "$got_rc" 0
	web_resync_ended "the held resync"
	expect_match "resync after the release" "$(curl -s -m 10 "$WEB/")" 'id="Last_Resync_Result">ok<'
	expect_param GPP_F "held-$DEV_MA"
	fxsd_stop
}

# the browser tests: headless Chromium through playwright-core
web_browser()
{
	local scenario=$1 rule
	dev_new "web-browser-$scenario"
	flat_profile "$E2E_T/tftp/webbr$DEV_MA.xml" "GPP_A=from-tftp-$DEV_MA" \
		"GPP_P=p-$DEV_MA"
	web_start
	WEB_SHOTS=${WEB_SHOTS:-$E2E_REPO/build/web-screenshots}
	mkdir -p "$WEB_SHOTS"
	rule=$(tftp_url "webbr$DEV_MA.xml")
	timeout -s KILL 120 node "$E2E_REPO/tests/web/browser.mjs" "$scenario" \
		"$WEB" "$DEV/store" "$rule" "$WEB_SHOTS" || die "browser scenario $scenario failed"
	case $scenario in
	submit) expect_param GPP_A "browser-$DEV_MA" ;;
	resync) expect_param GPP_A "from-tftp-$DEV_MA" ;;
	esac
	fxsd_stop
}

if [ -x /usr/bin/chromium ] && command -v node >/dev/null &&
	[ -d "$E2E_REPO/node_modules/playwright-core" ]; then
	WEB_BROWSER=1
fi

run_test "web: Info > Status and status.xml" test_web_status_page
run_test "web: one page per group, every parameter, no secret" test_web_pages_from_table
run_test "web: Submit All Changes applies" test_web_submit_applies
run_test "web: a bad value shows its error, changes nothing" test_web_submit_bad_value
run_test "web: line parameters pass the kernel's checks" test_web_submit_line_param
run_test "web: CSRF token required" test_web_csrf
run_test "web: malformed forms and methods refused" test_web_malformed
run_test "web: oversized requests refused" test_web_oversized
run_test "web: /admin/resync?URL, control log" test_web_resync_url
run_test "web: /admin/resync runs the configured rules" test_web_resync_configured
run_test "web: POST /CGI/Execute" test_web_cgi_execute
run_test "web: malformed /CGI/Execute refused" test_web_cgi_execute_malformed
run_test "web: Provision_Enable=No gates the triggers" test_web_provision_disabled
run_test "web: Admin_Passwd: digest, wrong passwords" test_web_admin_password
run_test "web: the user level" test_web_user_level
run_test "web: repeated failures slowed" test_web_slowed_failures
run_test "web: Web_Server_Port, Enable_Web_Server live" test_web_port_live
run_test "web: --http refuses bad values" test_web_http_option
run_test "web: on by default at Web_Server_Port, --no-http" test_web_on_by_default
run_test "web: Custom CA Provisioning Status" test_web_custom_ca_status
run_test "web: /admin/reboot" test_web_reboot
run_test "web: pages and fxsctl answer while a download is held open" \
	test_web_answers_during_resync
for s in gpp submit bad resync; do
	if [ -n "$WEB_BROWSER" ]; then
		run_test "web browser: $s" web_browser "$s"
	else
		skip_test "web browser: $s" "no chromium, node or node_modules (tests/install-deps.sh)"
	fi
done
