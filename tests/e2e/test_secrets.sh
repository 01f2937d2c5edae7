# SPDX-License-Identifier: GPL-2.0
# test_secrets.sh: a profile can set secrets but never read them back.
# Passwords (access na), parameters a profile made na (ua="na") and
# GPP_SA-SD expand only inside --key: never into a URL, an assignment, a
# --post body, a Log_Resync_*_Msg template or a Resync_Trigger condition.
# Every path is checked against what left the device: nginx's access log,
# the POST echo, the syslog receiver, fxsd's own output and the store.
# Sourced by run.sh.

SEC_WWW=$E2E_T/www/secrets
mkdir -p "$SEC_WWW"

# secrets_base NAME RULE: a device whose first resync installs the secrets
# (Admin_Passwd, Password_1_, GPP_SA, and GPP_C made na by ua=) and then
# RULE as its Profile_Rule, with the log templates quoting every secret
secrets_base()
{
	dev_new "sec-$1"
	SEC_ADMIN=adminPW$E2E_TEST_NUM
	SEC_LINE=linePW$E2E_TEST_NUM
	SEC_KEY=keySA$E2E_TEST_NUM
	SEC_NA=naC$E2E_TEST_NUM
	cat >"$SEC_WWW/base$DEV_MA.xml" <<-EOF
		<flat-profile>
		  <Admin_Passwd>$SEC_ADMIN</Admin_Passwd>
		  <Password_1_>$SEC_LINE</Password_1_>
		  <GPP_SA>$SEC_KEY</GPP_SA>
		  <GPP_C ua="na">$SEC_NA</GPP_C>
		  <Log_Resync_Request_Msg>\$PN \$MAC -- Requesting resync \$SERV [\$(Admin_Passwd)] [\$SA] [\$C] [\$(Password_1_)]</Log_Resync_Request_Msg>
		  <Log_Resync_Success_Msg>\$PN \$MAC -- Successful resync \$SERV [\$(Admin_Passwd)] [\$SA] [\$C]</Log_Resync_Success_Msg>
		  <Log_Resync_Failure_Msg>\$PN \$MAC -- Resync failed: \$ERR [\$(Admin_Passwd)] [\$SA] [\$C]</Log_Resync_Failure_Msg>
		  <Profile_Rule>$(xml_escape "$2")</Profile_Rule>
		</flat-profile>
	EOF
	fxsd_once_ok --set "Profile_Rule=$(http_url "secrets/base\$MA.xml")"
	expect_store Admin_Passwd "$SEC_ADMIN"
}

# expect_no_secret: no secret in anything that left the device
expect_no_secret()
{
	local s where
	for s in "$SEC_ADMIN" "$SEC_LINE" "$SEC_KEY" "$SEC_NA"; do
		for where in "$E2E_T/nginx/access.log" "$E2E_T/syslog.log" \
			"$DEV"/once.*.out; do
			if grep -qF -- "$s" "$where" 2>/dev/null; then
				grep -F -- "$s" "$where" | head -n 3
				die "secret '$s' found in $where"
			fi
		done
	done
}

# the secrets are where the profile put them, and nowhere else in the store
expect_secrets_only_in_place()
{
	local f
	for f in "$DEV"/store/*/value; do
		case $f in
		*/Admin_Passwd/value | */Password_1_/value | */GPP_SA/value | \
			*/GPP_C/value) continue ;;
		esac
		if grep -qE "$SEC_ADMIN|$SEC_LINE|$SEC_KEY|$SEC_NA" "$f"; then
			die "a secret was copied into $f: $(cat "$f")"
		fi
	done
}

test_secret_url_and_templates()
{
	local rule
	rule="$(http_url "secrets/u-\$C-\$SA.xml")"
	secrets_base url "$rule"
	fxsd_once
	# the URL kept the secret macros as written: no such file, a failure
	expect_eq "fxsd --once exit status" "$FXSD_RC" 1
	access_log_port "$HTTP_PORT" | grep -qF 'GET /secrets/u-$C-$SA.xml' ||
		die "the URL was not requested with its secret macros as written"
	syslog_wait 'Resync failed: .*\[\$\(Admin_Passwd\)\] \[\$SA\] \[\$C\]'
	dev_syslog | grep -qF 'Requesting resync 127.0.0.1 [$(Admin_Passwd)] [$SA] [$C] [$(Password_1_)]' ||
		die "the request template did not keep its secret macros as written"
	expect_no_secret
}

test_secret_assignments_and_post()
{
	local rule
	rule='( GPP_D = "$(Admin_Passwd)" ; GPP_H = "$C" ; GPP_G = "pw=$(Admin_Passwd)&sa=$SA&c=$C&line=$(Password_1_)" ; )! '
	rule+="[--post g] $(http_url cgi-bin/echo)"
	secrets_base assign "$rule"
	fxsd_once_ok
	expect_store GPP_D '$(Admin_Passwd)'
	expect_store GPP_H '$C'
	# the echo CGI stores the POST body it received in GPP_E
	expect_store GPP_E 'pw=$(Admin_Passwd)&sa=$SA&c=$C&line=$(Password_1_)'
	syslog_wait 'Successful resync 127.0.0.1 \[\$\(Admin_Passwd\)\] \[\$SA\] \[\$C\]'
	expect_no_secret
	expect_secrets_only_in_place
}

# a trigger condition cannot test a secret: a condition that would hold
# with the password expanded does not
test_secret_trigger()
{
	secrets_base trigger "$(http_url "secrets/t\$MA.xml")"
	flat_profile "$SEC_WWW/t$DEV_MA.xml" GPP_B=t1 \
		"Resync_Trigger_1=\$(Admin_Passwd) eq $SEC_ADMIN" \
		"Resync_Trigger_2=\$C eq $SEC_NA"
	fxsd_start --set Resync_Random_Delay=0
	syslog_wait "$(syslog_ok_re)" 1 30
	sleep 3
	fxsd_log | grep -q 'reason 3' && die "a trigger on a secret held"
	fxsd_stop
	expect_store GPP_B t1
}

# inside --key the key secret is what decrypts the profile
test_secret_key_only_inside_key()
{
	secrets_base key "[--key \$SA] $(http_url "secrets/k\$MA.cfg")"
	flat_profile "$DEV/k.xml" GPP_B=decrypted
	openssl enc -aes-256-cbc -salt -k "$SEC_KEY" -in "$DEV/k.xml" \
		-out "$SEC_WWW/k$DEV_MA.cfg" 2>/dev/null
	fxsd_once_ok
	expect_param GPP_B decrypted
	expect_no_secret
}

# fxsctl get and dump show no secret unless root asks with --secrets
test_secret_dump_and_get()
{
	local out
	secrets_base dump "$(http_url "secrets/d\$MA.xml")"
	printf '<flat-profile><GPP_A>x\nAdmin_Passwd=spoofed</GPP_A></flat-profile>\n' \
		>"$SEC_WWW/d$DEV_MA.xml"
	# a profile's newline becomes a space (the guides' rule); --set keeps one
	fxsd_start --set Resync_On_Reset=No \
		--set "GPP_D=y$(printf '\nAdmin_Passwd=spoofed')"
	ctl resync >/dev/null || die "fxsctl resync failed"
	out=$(ctl dump) || die "fxsctl dump failed"
	grep -qE "$SEC_ADMIN|$SEC_LINE|$SEC_KEY|$SEC_NA" <<<"$out" &&
		die "fxsctl dump showed a secret"
	grep -q '^# [0-9]* secret parameters not shown' <<<"$out" ||
		die "fxsctl dump did not say that secrets were left out"
	grep -q '^Admin_Passwd=' <<<"$out" &&
		die "a value with a newline forged an Admin_Passwd line"
	grep -qxF 'GPP_A=x Admin_Passwd=spoofed' <<<"$out" ||
		die "the newline in GPP_A did not become a space: $(grep '^GPP_A=' <<<"$out")"
	grep -qxF 'GPP_D=y\nAdmin_Passwd=spoofed' <<<"$out" ||
		die "the newline in GPP_D was not escaped: $(grep '^GPP_D=' <<<"$out")"
	ctl get Admin_Passwd >"$DEV/get.out" 2>&1 &&
		die "fxsctl get printed a password"
	grep -q 'is a secret' "$DEV/get.out" || die "no clear refusal: $(cat "$DEV/get.out")"
	expect_eq "fxsctl get GPP_C (ua=na)" "$(ctl get GPP_C 2>/dev/null)" ""
	# root asks explicitly (the tests run as root)
	expect_eq "fxsctl --secrets get" "$(ctl --secrets get Admin_Passwd)" "$SEC_ADMIN"
	ctl --secrets dump | grep -qxF "GPP_SA=$SEC_KEY" ||
		die "fxsctl --secrets dump did not show GPP_SA"
	fxsd_stop
}

run_test "secrets: URL and Log_Resync templates keep secret macros as written" test_secret_url_and_templates
run_test "secrets: assignments and the --post body keep secret macros as written" test_secret_assignments_and_post
run_test "secrets: Resync_Trigger conditions cannot test a secret" test_secret_trigger
run_test "secrets: GPP_SA expands inside --key and decrypts the profile" test_secret_key_only_inside_key
run_test "secrets: fxsctl get/dump hide them, --secrets shows them to root, newlines cannot forge lines" test_secret_dump_and_get
