# SPDX-License-Identifier: GPL-2.0
# test_rule_grammar.sh: the Profile_Rule grammar end to end: $(NAME) and
# $(NAME:p) in HTTP and TFTP URLs, rules of assignments alone (applied and
# persisted without a fetch, or refused whole), the legacy conditions
# that compare $SWVER (in rules and in Resync_Trigger_1), one position in
# a syntax error's $ERR, syslog report and fxsctl message, and the
# upgrade and registration macros. Sourced by run.sh.

RG_WWW=$E2E_T/www/rg
mkdir -p "$RG_WWW"

rg_url()
{
	echo "http://127.0.0.1:$HTTP_PORT/rg/$1"
}

# rg_requests: this device's request messages, one a line
rg_requests()
{
	dev_syslog | grep -aE -- "$(syslog_req_re '')"
}

test_rg_paren_macros_in_urls()
{
	local req
	dev_new rg-paren
	flat_profile "$RG_WWW/${DEV_MA}config.xml" "GPP_C=http-$DEV_MA"
	mkdir -p "$E2E_T/tftp/$DEV_MA"
	flat_profile "$E2E_T/tftp/$DEV_MA/x.cfg" "GPP_D=tftp-$DEV_MA"
	fxsd_once_ok --set "GPP_A=zz$DEV_MA" \
		--set "Log_Resync_Request_Msg=\$PN \$MAC -- Requesting resync \$SCHEME://\$SERVIP:\$PORT\$PATH upg=\$UPGTMR/[\$UPGERR]/\$UPGCOND reg=\$REGTMR1/\$REGTMR2" \
		--set "Profile_Rule=$(rg_url '$(MA)config.xml')" \
		--set "Profile_Rule_B=$(tftp_url '$(A:2)/x.cfg')"
	expect_param GPP_C "http-$DEV_MA"
	expect_param GPP_D "tftp-$DEV_MA"
	req=$(rg_requests)
	echo "requests: $req"
	expect_match "HTTP request" "$req" "/rg/${DEV_MA}config\\.xml upg=0/\\[\\]/true reg=0/0"
	expect_match "TFTP request" "$req" "tftp://127\\.0\\.0\\.1:$TFTP_PORT/$DEV_MA/x\\.cfg upg="
}

test_rg_assignment_only_rule()
{
	dev_new rg-assign
	fxsd_once_ok --set GPP_B=7 --set GPP_C=old \
		--set 'Profile_Rule=( User_ID_1_ = "uid$B" ; GPP_C = "" ; GPP_D = "$MA" ; )!'
	expect_param User_ID_1_ uid7
	expect_param GPP_C ""
	expect_param GPP_D "$DEV_MA"
	expect_eq "request messages" "$(syslog_count "$(syslog_req_re '')")" 0
	expect_eq "failure messages" "$(syslog_count "$(syslog_fail_re)")" 0
}

# a rule that sets GPP_A and puts a bad assignment rule in its own place:
# the second run must fail naming the value, and change nothing
test_rg_bad_assignment_changes_nothing()
{
	local line
	dev_new rg-bad
	fxsd_once_ok --set "Profile_Rule=( GPP_A = \"base\" ; Profile_Rule = '( GPP_A = \"new\" ; Resync_Periodic = \"abc\" ; )!' ; )!"
	expect_param GPP_A base
	dev_snapshot "$DEV/snap.before"
	fxsd_once
	expect_eq "fxsd --once exit status" "$FXSD_RC" 1
	syslog_wait "$(syslog_fail_re)"
	line=$(dev_syslog | grep -E "$(syslog_fail_re)" | tail -n 1)
	echo "syslog: $line"
	expect_match "failure reason" "$line" 'Resync_Periodic.*abc|abc.*Resync_Periodic'
	expect_unchanged "$DEV/snap.before"
}

test_rg_legacy_conditions_in_rules()
{
	dev_new rg-legacy
	flat_profile "$RG_WWW/pre$DEV_MA.xml" "GPP_C=pre"
	flat_profile "$RG_WWW/cur$DEV_MA.xml" "GPP_C=cur-$DEV_MA"
	flat_profile "$RG_WWW/other$DEV_MA.xml" "GPP_D=other"
	flat_profile "$RG_WWW/new$DEV_MA.xml" "GPP_D=new-$DEV_MA"
	# $SWVER is 1.4.1
	fxsd_once_ok \
		--set "Profile_Rule=(<1.0)? $(rg_url 'pre$MA.xml') | $(rg_url 'cur$MA.xml')" \
		--set "Profile_Rule_B=(! 1.4.1)? $(rg_url 'other$MA.xml') | (>1.0.33)? $(rg_url 'new$MA.xml')"
	expect_param GPP_C "cur-$DEV_MA"
	expect_param GPP_D "new-$DEV_MA"
	expect_eq "requests for pre/other" \
		"$(rg_requests | grep -cE '/rg/(pre|other)')" 0
}

test_rg_legacy_trigger()
{
	dev_new rg-trig
	flat_profile "$RG_WWW/trig$DEV_MA.xml" "GPP_C=trig-$DEV_MA"
	fxsd_start --set Resync_Random_Delay=0 --set Resync_Periodic=0 \
		--set Resync_On_Reset=Yes \
		--set "Log_Resync_Request_Msg=\$PN \$MAC -- Requesting resync \$SCHEME://\$SERVIP:\$PORT\$PATH prvst=\$PRVST" \
		--set "Profile_Rule=$(rg_url 'trig$MA.xml')" \
		--set 'Resync_Trigger_1=! 1.0.33'
	syslog_wait "$(syslog_ok_re '')" 2 60
	expect_match "prvst of power-up then trigger" \
		"$(rg_requests | sed -n 's/.* prvst=\(-\{0,1\}[0-9]*\).*/\1/p' | tr '\n' ' ')" '^0 3 '
	expect_param GPP_C "trig-$DEV_MA"
	fxsd_stop
}

test_rg_error_names_one_position()
{
	local out line
	dev_new rg-pos
	fxsd_start --set Resync_On_Reset=No --set Resync_Periodic=0 \
		--set Resync_Error_Retry_Delay=0
	if out=$(ctl resync '( 1 = 1 )? /a | ( 1 ~ 2 )? /b' 2>&1); then
		die "fxsctl resync accepted a bad rule: $out"
	fi
	echo "fxsctl: $out"
	expect_match "fxsctl message" "$out" 'rule syntax error at position 21: '
	expect_eq "positions in the fxsctl message" \
		"$(printf '%s' "$out" | grep -o position | wc -l)" 1
	syslog_wait "$(syslog_fail_re)"
	line=$(dev_syslog | grep -E "$(syslog_fail_re)" | tail -n 1)
	echo "syslog: $line"
	expect_match "syslog report" "$line" 'Resync failed: rule syntax error at position 21: '
	expect_eq "positions in the syslog report" \
		"$(printf '%s' "$line" | grep -o position | wc -l)" 1
	fxsd_stop
}

run_test "rule: \$(MA) and \$(A:2) in HTTP and TFTP URLs; upgrade and registration macros" test_rg_paren_macros_in_urls
run_test "rule: assignments alone are applied and saved without a fetch" test_rg_assignment_only_rule
run_test "rule: an invalid assignment fails the rule and changes nothing" test_rg_bad_assignment_changes_nothing
run_test "rule: legacy (<1.0)? (! 1.4.1)? (>1.0.33)? compare \$SWVER" test_rg_legacy_conditions_in_rules
run_test "rule: Resync_Trigger_1 '! 1.0.33' compares \$SWVER and resyncs" test_rg_legacy_trigger
run_test "rule: a syntax error names one position, in fxsctl and syslog" test_rg_error_names_one_position
