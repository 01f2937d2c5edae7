# SPDX-License-Identifier: GPL-2.0
# test_profile_forms.sh: the value forms of the Cisco/Linksys guides over a
# real HTTP resync: random spreads in the delay lists, values split over
# lines, empty numeric elements, unknown ua= values and the
# <router-configuration> section of ATA 191/192 and SPA122 profiles; and
# every malformed value still rejects the whole profile, with $ERR naming
# it and nothing changed. Sourced by run.sh.

PF_WWW=$E2E_T/www/forms
mkdir -p "$PF_WWW"

pf_url()
{
	echo "http://127.0.0.1:$HTTP_PORT/forms/$1"
}

# pf_forms FILE: a profile with every form the guides allow
pf_forms()
{
	cat >"$1" <<-'EOF'
	<flat-profile>
	  <Resync_Periodic>3600+600</Resync_Periodic>
	  <Resync_Error_Retry_Delay>1800+300,3600+600,7200+900</Resync_Error_Retry_Delay>
	  <Upgrade_Error_Retry_Delay>1800,3600,7200,14400+3600</Upgrade_Error_Retry_Delay>
	  <Dial_Plan_1_>
	    (*xx|[3469]11|0|00|
	[2-9]xxxxxx|1xxx[2-9]xxxxxxS0)
	  </Dial_Plan_1_>
	  <Resync_At_Random_Delay></Resync_At_Random_Delay>
	  <GPP_A ua="ua">templated</GPP_A>
	  <Time_Zone>GMT+01:00</Time_Zone>
	  <router-configuration>
	    <Internet_Option>
	      <Host_Name>ata-forms</Host_Name>
	      <DNS>192.0.2.53:198.51.100.53</DNS>
	    </Internet_Option>
	    <Time_Setup>
	      <Time_Zone>+01 2 2</Time_Zone>
	      <Daylight_Saving_Time_Rule>start=3/-1/7/2;end=10/-1/7/3;save=1</Daylight_Saving_Time_Rule>
	      <Time_Server>ntp.example.net</Time_Server>
	    </Time_Setup>
	    <Router_Mode>1</Router_Mode>
	    <GPP_B>router</GPP_B>
	  </router-configuration>
	</flat-profile>
	EOF
}

test_pf_forms_apply()
{
	dev_new "forms-apply"
	pf_forms "$PF_WWW/forms.xml"
	fxsd_once_ok --set "Profile_Rule=$(pf_url forms.xml)" \
		--set Resync_At_Random_Delay=30 --set GPP_B=voice
	expect_param Resync_Periodic 3600+600
	expect_param Resync_Error_Retry_Delay 1800+300,3600+600,7200+900
	expect_param Upgrade_Error_Retry_Delay 1800,3600,7200,14400+3600
	expect_param Dial_Plan_1_ '(*xx|[3469]11|0|00| [2-9]xxxxxx|1xxx[2-9]xxxxxxS0)'
	# an empty number is its default, not "" and not the old value
	expect_param Resync_At_Random_Delay 600
	# ua="ua": the value applies, the access stays
	expect_param GPP_A templated
	expect_eq "GPP_A access" "$(cat "$DEV/store/GPP_A/access")" rw
	# the router section never touches a voice parameter
	expect_param Time_Zone GMT+01:00
	expect_param GPP_B voice
	expect_param Router_Time_Zone '+01 2 2'
	expect_param Router_Host_Name ata-forms
	expect_param Router_DNS 192.0.2.53:198.51.100.53
	expect_param Router_Time_Server ntp.example.net
	expect_param Router_Daylight_Saving_Time_Rule 'start=3/-1/7/2;end=10/-1/7/3;save=1'
	expect_param Daylight_Saving_Time_Rule 'start=3/8/7/2:0:0;end=11/1/7/2:0:0;save=1'
	grep -q 'router-configuration settings ignored.*Router_Mode, GPP_B' "$FXSD_OUT" ||
		die "fxsd did not note the ignored router settings"
	grep -q 'ua= not na, ro or rw ignored on 1 element' "$FXSD_OUT" ||
		die "fxsd did not note ua=\"ua\""
}

test_pf_check_notes()
{
	pf_forms "$E2E_T/forms-check.xml"
	timeout 30 "$FXSCTL" check "$E2E_T/forms-check.xml" >"$E2E_T/log/forms.out" 2>&1
	local rc=$?
	cat "$E2E_T/log/forms.out"
	expect_eq "fxsctl check exit status" "$rc" 0
	grep -q '^note: ua= not na, ro or rw ignored on 1 element .*<GPP_A ua="ua">' \
		"$E2E_T/log/forms.out" || die "no note for ua=\"ua\""
	grep -q '^note: 1 empty numeric value set to the default: Resync_At_Random_Delay=600' \
		"$E2E_T/log/forms.out" || die "no note for the empty number"
	grep -q '^note: 2 router-configuration settings ignored' \
		"$E2E_T/log/forms.out" || die "no note for the router settings"
	grep -q ' 0 errors$' "$E2E_T/log/forms.out" || die "errors reported"
}

# pf_bad NAME VALUE: a device at a baseline, then a profile whose only
# fault is NAME=VALUE (written raw, so VALUE may hold XML): the resync
# fails naming NAME and the store and state file stay as they were.
pf_bad()
{
	local name=$1 value=$2 line
	dev_new "forms-bad-$E2E_TEST_NUM"
	flat_profile "$PF_WWW/base$DEV_MA.xml" GPP_A=baseline \
		"Profile_Rule=$(pf_url "bad$DEV_MA.xml")" Resync_Fails_On_FNF=Yes
	fxsd_once_ok --set "Profile_Rule=$(pf_url "base$DEV_MA.xml")"
	expect_param GPP_A baseline
	dev_snapshot "$DEV/snap.before"
	printf '<flat-profile>\n<GPP_A>changed</GPP_A>\n<Resync_Periodic>7200+60</Resync_Periodic>\n%s\n</flat-profile>\n' \
		"$value" >"$PF_WWW/bad$DEV_MA.xml"
	fxsd_once
	expect_eq "fxsd --once exit status" "$FXSD_RC" 1
	syslog_wait "$(syslog_fail_re)"
	line=$(dev_syslog | grep -E "$(syslog_fail_re)" | tail -n 1)
	echo "syslog: $line"
	printf '%s' "${line#*Resync failed: }" | grep -q -- "$name" ||
		die "\$ERR does not name $name"
	expect_unchanged "$DEV/snap.before"
}

run_test "profile forms: spreads, split values, empty numbers, ua=\"ua\" and the router section apply" \
	test_pf_forms_apply
run_test "profile forms: fxsctl check notes what it took other than as written" \
	test_pf_check_notes
run_test "profile forms: Resync_Periodic 3600+ rejects the profile" \
	pf_bad "Resync_Periodic: '3600+'" '<Resync_Periodic>3600+</Resync_Periodic>'
run_test "profile forms: Resync_Periodic +600 rejects the profile" \
	pf_bad "Resync_Periodic: '+600'" '<Resync_Periodic>+600</Resync_Periodic>'
run_test "profile forms: Resync_Periodic 3600+abc rejects the profile" \
	pf_bad "Resync_Periodic: '3600+abc'" '<Resync_Periodic>3600+abc</Resync_Periodic>'
run_test "profile forms: a retry list 1800+300,, rejects the profile" \
	pf_bad "Resync_Error_Retry_Delay: '1800+300,,'" \
	'<Resync_Error_Retry_Delay>1800+300,,</Resync_Error_Retry_Delay>'
run_test "profile forms: Upgrade_Error_Retry_Delay 60+30+30 rejects the profile" \
	pf_bad "Upgrade_Error_Retry_Delay: '60+30+30'" \
	'<Upgrade_Error_Retry_Delay>60+30+30</Upgrade_Error_Retry_Delay>'
run_test "profile forms: a number split by a newline rejects the profile" \
	pf_bad "Resync_Random_Delay: '1 0'" \
	"$(printf '<Resync_Random_Delay>1\n0</Resync_Random_Delay>')"
run_test "profile forms: a malformed router Time_Zone rejects the profile" \
	pf_bad "Router_Time_Zone: '+1 2 2'" \
	'<router-configuration><Time_Setup><Time_Zone>+1 2 2</Time_Zone></Time_Setup></router-configuration>'
run_test "profile forms: a malformed router DNS rejects the profile" \
	pf_bad "Router_DNS: '192.0.2.300'" \
	'<router-configuration><Internet_Option><DNS>192.0.2.300</DNS></Internet_Option></router-configuration>'

# The benchmark's generated profiles (tests/bench/resync/gen-profile:
# every table parameter with a value chosen to validate) must be ones the
# whole daemon takes, the kernel's line grammar included, or the
# benchmark times failing resyncs.
test_pf_generated()
{
	local gen=$GEN_PROFILE v out
	[ -x "$gen" ] || die "$gen missing (make $gen)"
	dev_new "forms-generated"
	for v in a b a1; do
		"$gen" "$v" 0 "$(pf_url gen-$v.xml)" >"$PF_WWW/gen-$v.xml" 2>/dev/null ||
			die "gen-profile $v failed"
		out=$(timeout 30 "$FXSCTL" check "$PF_WWW/gen-$v.xml" 2>&1)
		printf '%s\n' "$out" | grep '^error' | head -5
		printf '%s\n' "$out" | grep -q ' 0 errors$' ||
			die "fxsctl check refuses generated variant $v"
	done
	fxsd_once_ok --set "Profile_Rule=$(pf_url gen-b.xml)"
	expect_param Ring1_Cadence "$(sed -n 's:.*<Ring1_Cadence>\(.*\)</Ring1_Cadence>.*:\1:p' "$PF_WWW/gen-b.xml")"
}

run_test "profile forms: the benchmark's generated profiles pass fxsctl check and apply" \
	test_pf_generated
