# SPDX-License-Identifier: GPL-2.0
# test_triggers.sh: what starts a resync, and $PRVST saying why: power-up,
# Resync_Trigger_1, fxsctl resync, a new address (the libnl route socket),
# and Provision_Enable=No stopping them all. Sourced by run.sh.

TRIG_REQ_MSG='$PN $MAC -- Requesting resync $SCHEME://$SERVIP:$PORT$PATH prvst=$PRVST'

# trig_start [NAME=VALUE...]: a daemon whose request message carries $PRVST.
trig_start()
{
	local sets=() kv
	for kv in "$@"; do
		sets+=(--set "$kv")
	done
	fxsd_start --set "Log_Resync_Request_Msg=$TRIG_REQ_MSG" \
		--set Resync_Random_Delay=0 --set Resync_Periodic=0 "${sets[@]}"
}

# trig_prvst_list: the $PRVST of this device's request messages, in order.
trig_prvst_list()
{
	dev_syslog | grep -aE -- "$(syslog_req_re '')" |
		sed -n 's/.* prvst=\(-\{0,1\}[0-9]*\).*/\1/p' | tr '\n' ' '
}

test_trigger_after_power_up()
{
	dev_new trig
	flat_profile "$E2E_T/www/trig$DEV_MA.xml" GPP_B=go "GPP_C=trig-$DEV_MA"
	trig_start Resync_On_Reset=Yes \
		"Profile_Rule=$(http_url "trig\$MA.xml")" \
		'Resync_Trigger_1=$B eq "go"'
	syslog_wait "$(syslog_ok_re '')" 2 60
	expect_param GPP_C "trig-$DEV_MA"
	expect_match "prvst of power-up then trigger" "$(trig_prvst_list)" '^0 3 '
	fxsd_stop
}

test_ctl_resync_prvst()
{
	dev_new trig-ctl
	flat_profile "$E2E_T/www/trigctl$DEV_MA.xml" "GPP_C=ctl-$DEV_MA"
	trig_start Resync_On_Reset=No \
		"Profile_Rule=$(http_url "trigctl\$MA.xml")"
	ctl resync || die "fxsctl resync failed"
	syslog_wait "$(syslog_ok_re '')" 1
	expect_eq "prvst of fxsctl resync" "$(trig_prvst_list)" "-1 "
	expect_param GPP_C "ctl-$DEV_MA"
	fxsd_stop
}

test_new_address_resyncs()
{
	local addr=192.0.2.$((100 + E2E_TEST_NUM % 100))
	dev_new trig-addr
	flat_profile "$E2E_T/www/trigaddr$DEV_MA.xml" "GPP_C=addr-$DEV_MA"
	trig_start Resync_On_Reset=No \
		"Profile_Rule=$(http_url "trigaddr\$MA.xml")"
	ctl status >/dev/null || die "fxsctl status failed"
	[ "$(syslog_count "$(syslog_req_re '')")" = 0 ] ||
		die "resynced before any trigger"
	ip addr add "$addr/32" dev lo || die "ip addr add $addr failed"
	syslog_wait "$(syslog_ok_re '')" 1 30
	ip addr del "$addr/32" dev lo
	expect_eq "prvst of a link/address resync" "$(trig_prvst_list)" "0 "
	expect_param GPP_C "addr-$DEV_MA"
	fxsd_stop
}

test_provision_disabled()
{
	local out
	dev_new trig-off
	flat_profile "$E2E_T/www/trigoff$DEV_MA.xml" "GPP_C=off-$DEV_MA"
	trig_start Resync_On_Reset=Yes Provision_Enable=No \
		"Profile_Rule=$(http_url "trigoff\$MA.xml")"
	dev_snapshot "$DEV/snap.before"
	if out=$(ctl resync 2>&1); then
		die "fxsctl resync succeeded with Provision_Enable=No: $out"
	fi
	echo "fxsctl resync: $out"
	expect_match "fxsctl resync message" "$out" 'Provision_Enable'
	expect_eq "request messages" "$(syslog_count "$(syslog_req_re '')")" 0
	expect_unchanged "$DEV/snap.before"
	fxsd_stop
}

run_test "trigger: Resync_Trigger_1 resyncs after power-up (\$PRVST 0 then 3)" test_trigger_after_power_up
run_test "trigger: fxsctl resync has \$PRVST -1" test_ctl_resync_prvst
# adding an address is only safe in the suite's own network namespace
if [ "$E2E_NETNS" = private ]; then
	run_test "trigger: a new address resyncs as at power-up (libnl)" test_new_address_resyncs
else
	skip_test "trigger: a new address resyncs as at power-up (libnl)" "needs the private network namespace"
fi
run_test "trigger: Provision_Enable=No refuses fxsctl resync and changes nothing" test_provision_disabled
