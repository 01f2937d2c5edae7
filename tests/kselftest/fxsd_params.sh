#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# In-guest test of fxsd on the kernel's parameter store, configfs
# /sys/kernel/config/fxs/params: fxsd makes every table parameter there,
# a secret's value file is root-only (0600) and the rest 0644, a changed
# access level changes the mode, and the values survive a restart of fxsd
# through the state file. Prints TAP; exits 1 on a failure.

# result, wait_for: the in-guest tests' TAP helpers (the VM harness copies
# tests/kselftest/lib/ to /tests/lib/)
# shellcheck source-path=SCRIPTDIR source=lib/tap.sh
. "$(dirname "$0")/lib/tap.sh"

P=/sys/kernel/config/fxs/params
W=/tmp/fxsd_params

mode_of() {
	stat -c %a "$P/$1/value" 2>/dev/null
}

mkdir -p "$W"
cat >"$W/id" <<IDEOF
VENDOR=Cisco
PN=SPA112
PSN=112
SN=CBT000PARAMS
MAC=00:0e:08:0a:0b:0c
HWVER=1.0.0
SWVER=1.4.1
IDEOF
echo "1..6"
fxsd --once --store "$P" --state "$W/state.xml" --identity "$W/id" \
	--line-config "" --option66 /nonexistent --set Provision_Enable=No \
	--set GPP_A=visible >"$W/once.log" 2>&1
result $? "fxsd_params.once: fxsd --once on configfs params/ exits 0"
[ -d "$P/Admin_Passwd" ] && [ -d "$P/GPP_SA" ] && [ -d "$P/Resync_Periodic" ]
result $? "fxsd_params.made: every table parameter is an item in params/"
[ "$(mode_of Admin_Passwd)" = 600 ] && [ "$(mode_of GPP_SA)" = 600 ] &&
	[ "$(mode_of GPP_A)" = 644 ]
result $? "fxsd_params.modes: secrets 0600 ($(mode_of Admin_Passwd), $(mode_of GPP_SA)), others 0644 ($(mode_of GPP_A))"
cat >"$W/na.xml" <<XEOF
<flat-profile><GPP_B ua="na">hidden</GPP_B></flat-profile>
XEOF
# a profile from a file: serve it with busybox httpd
ip link set lo up
mkdir -p "$W/www" && cp "$W/na.xml" "$W/www/na.xml"
busybox httpd -f -p 127.0.0.1:8081 -h "$W/www" &
httpd=$!
sleep 1
fxsd --once --store "$P" --state "$W/state.xml" --identity "$W/id" \
	--line-config "" --option66 /nonexistent --set Provision_Enable=Yes \
	--set "Profile_Rule=http://127.0.0.1:8081/na.xml" >>"$W/once.log" 2>&1
kill "$httpd" 2>/dev/null
[ "$(cat "$P/GPP_B/access")" = na ] && [ "$(mode_of GPP_B)" = 600 ]
result $? "fxsd_params.ua_na: ua=\"na\" makes GPP_B na and its value 0600 ($(mode_of GPP_B))"
# a restart restores from the state file into a store that lost its values
echo "" >"$P/GPP_A/value"
fxsd --once --store "$P" --state "$W/state.xml" --identity "$W/id" \
	--line-config "" --option66 /nonexistent --set Provision_Enable=No \
	>>"$W/once.log" 2>&1
[ "$(cat "$P/GPP_A/value")" = visible ]
result $? "fxsd_params.restore: the state file restores GPP_A ($(cat "$P/GPP_A/value"))"
[ "$(cat "$P/GPP_B/value")" = hidden ]
result $? "fxsd_params.values: GPP_B holds the profile's value"
[ "$fail" = 0 ] || sed 's/^/# /' "$W/once.log"
for d in "$P"/*; do rmdir "$d" 2>/dev/null; done
exit $fail
