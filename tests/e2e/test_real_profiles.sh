# SPDX-License-Identifier: GPL-2.0
# test_real_profiles.sh: the real-world profiles in
# ../shared/testdata/real-profiles (beside the repo, never copied into it):
# each passes `fxsctl check`, its unknown names are the ones README.md
# "### What real profiles carry that fxsd does not know" lists (phone
# parameters, lines beyond two, a few others), and a resync of each over
# HTTP applies every parameter the table knows, with a few known values
# checked by name.
# Sourced by run.sh.

REAL_DIR=$E2E_SHARED/testdata/real-profiles
REAL_WWW=$E2E_T/www/real
mkdir -p "$REAL_WWW"

# known values, per file: NAME=VALUE lines
real_expected()
{
	case $1 in
	elastix-linksys-local-reference.xml)
		echo 'Resync_Periodic=2'
		echo 'Profile_Rule=tftp://192.0.2.10/spa001122aabbcc.cfg'
		;;
	fusionpbx-spa112.xml)
		echo 'Resync_Error_Retry_Delay=3600'
		echo 'Profile_Rule=[--uid provuser --pwd pr0vS3cret]http://prov.example.net/pbx/app/provision/?mac=$MA'
		echo 'User_ID_1_=4155550100'
		echo 'Password_1_=s3cretPW1'
		;;
	fusionpbx-spa122.xml)
		echo 'Resync_Error_Retry_Delay=3600'
		echo 'Resync_At_Random_Delay=600'
		echo 'Log_Resync_Failure_Msg=$PN $MAC -- Resync failed: $ERR'
		;;
	fusionpbx-spa191.xml)
		echo 'Resync_Error_Retry_Delay=30'
		echo 'Resync_Fails_On_FNF=Yes'
		echo 'Profile_Rule=[--uid provuser --pwd pr0vS3cret]http://prov.example.net/pbx/app/provision/?mac=$MA'
		;;
	k0ste-cisco-settings.xml)
		echo 'Syslog_Server=syslog.prov.example.net'
		echo 'Resync_Periodic=3600'
		echo 'Resync_Error_Retry_Delay=60'
		echo 'Profile_Rule=http://prov.example.net/cisco/cisco.php?mac=$MAU&model=$PN'
		echo 'User_ID_1_=4155550100'
		;;
	sysnux-spa504g-v7.5.5.xml)
		echo 'Resync_Periodic=3600'
		echo 'Resync_At_Random_Delay=600'
		echo 'Profile_Rule=/spa$PSN.cfg'
		;;
	wazo-spa-ata.xml)
		echo 'Resync_Random_Delay=1'
		echo 'Resync_Periodic=0'
		;;
	esac
}

test_real_check()
{
	timeout 30 "$FXSCTL" check "$1" >"$E2E_T/log/check.out" 2>&1
	local rc=$?
	tail -n 15 "$E2E_T/log/check.out"
	expect_eq "fxsctl check $(basename "$1") exit status" "$rc" 0
	# any error line, but not the summary's "0 errors"
	grep -Ei '(^|[^a-z])error' "$E2E_T/log/check.out" |
		grep -Eqv '(^|[^0-9])0 errors' && die "fxsctl check reports errors"
	return 0
}

# the ATA profiles' unknown names, per file: "PHONE LINES OTHER", the
# counts of check's phone notes, line-beyond-two notes and other unknown
# names outside <router-configuration> (the router namespace's own)
real_unknown()
{
	case $1 in
	elastix-linksys-local-reference.xml) echo '3 0 0' ;;
	fusionpbx-spa112.xml) echo '0 0 4' ;;
	fusionpbx-spa122.xml) echo '0 0 2' ;;
	fusionpbx-spa191.xml) echo '0 0 4' ;;
	wazo-spa-ata.xml) echo '33 150 6' ;;
	esac
}

# unknown names of check's output ($2) that occur in the profile ($1)
# outside its <router-configuration> block
real_other_unknown()
{
	python3 - "$1" "$2" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
flat = re.sub(r"<router-configuration\b.*?</router-configuration>", "",
              text, flags=re.S)
seen = set(re.findall(r"<([A-Za-z_][\w.\-]*)", flat))
names = re.findall(r"^note: unknown parameter '([^']*)' ignored",
                   open(sys.argv[2]).read(), flags=re.M)
for n in names:
    if n in seen:
        print(n)
PY
}

test_real_unknown()
{
	local file=$1 want phone lines other
	want=$(real_unknown "$(basename "$file")")
	timeout 30 "$FXSCTL" check "$file" >"$E2E_T/log/check.out" 2>&1
	phone=$(grep -c "ignored: phone parameter, not used by an ATA" "$E2E_T/log/check.out")
	lines=$(grep -c "parameter; this adapter has 2 lines" "$E2E_T/log/check.out")
	other=$(real_other_unknown "$file" "$E2E_T/log/check.out" | tee "$E2E_T/log/other.out" | wc -l)
	sed 's/^/other unknown: /' "$E2E_T/log/other.out"
	expect_eq "$(basename "$file"): phone, extra-line, other unknown" \
		"$phone $lines $other" "$want"
}

test_real_resync()
{
	local file=$1 name kv
	name=$(basename "$file")
	cp "$file" "$REAL_WWW/$name"
	dev_new "real-$name"
	fxsd_once_ok --set "Profile_Rule=http://127.0.0.1:$HTTP_PORT/real/$name"
	python3 "$E2E_DIR/flat_profile.py" applied "$file" "$DEV/store" ||
		die "the store does not hold the profile's values"
	while IFS= read -r kv; do
		expect_store "${kv%%=*}" "${kv#*=}"
	done < <(real_expected "$name")
}

real_files=("$REAL_DIR"/*.xml)
if [ ! -e "${real_files[0]}" ]; then
	skip_test "real-world profiles" "none in $REAL_DIR"
else
	for f in "${real_files[@]}"; do
		run_test "real profile $(basename "$f"): fxsctl check passes" test_real_check "$f"
	done
	for f in "${real_files[@]}"; do
		[ -n "$(real_unknown "$(basename "$f")")" ] || continue
		run_test "real profile $(basename "$f"): unknown names are the README's" \
			test_real_unknown "$f"
	done
	for f in "${real_files[@]}"; do
		if [ "$E2E_NETNS" != private ]; then
			# its Profile_Rule/Syslog_Server name outside hosts
			skip_test "real profile $(basename "$f"): resync applies its parameters" \
				"no private network namespace"
			continue
		fi
		run_test "real profile $(basename "$f"): resync applies its parameters" \
			test_real_resync "$f"
	done
fi
