#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# run.sh: the end-to-end suite of fxsd against real servers on 127.0.0.1.
#
#   tests/e2e/run.sh BUILD_DIR [GROUP...]
#
# GROUPs are test_tutorial, test_errors, test_kill, test_real_profiles,
# test_http, test_triggers, test_secrets, test_rule_grammar,
# test_profile_forms, test_async (all by default), and test_web (make
# check-web). Prints TAP, exits non-zero when a test fails. E2E_KEEP=1 keeps the temp dir for a look afterwards;
# E2E_KILLS sets the kill -9 rounds (200); see tls_options.sh for the TLS
# option names.
#
# The suite re-runs itself in a new network namespace whose only interface
# is loopback (unshare -n, or unshare -rn as a normal user) when it can, so
# no packet can leave 127.0.0.1 and no port clashes with a running service.
# Without one it uses the host's loopback and skips the tests whose
# profiles name outside hosts.

build=${1:?usage: run.sh BUILD_DIR [GROUP...]}
shift
groups=("$@")
[ ${#groups[@]} = 0 ] &&
	groups=(test_tutorial test_errors test_kill test_real_profiles test_http
		test_triggers test_secrets test_rule_grammar test_profile_forms
		test_async)

# Inside the namespace: loopback up, plus one TEST-NET-1 address on lo so
# that getaddrinfo(AI_ADDRCONFIG) sees a non-loopback IPv4 address (in.tftpd
# refuses to bind without one). Nothing routes anywhere else.
netns_setup='
	ipc="ip"; command -v ip >/dev/null || ipc="busybox ip"
	$ipc link set lo up && $ipc addr add 192.0.2.1/32 dev lo || exit 2;'

if [ -z "$E2E_NETNS" ]; then
	self=$(readlink -f "$0")
	for how in "-n" "-rn"; do
		if unshare "$how" true 2>/dev/null; then
			export E2E_NETNS=private
			exec unshare "$how" bash -c "$netns_setup"' exec bash "$0" "$@"' \
				"$self" "$build" "${groups[@]}"
		fi
	done
	export E2E_NETNS=host
fi

. "$(dirname "$(readlink -f "$0")")/lib.sh"
. "$E2E_DIR/certs.sh"
. "$E2E_DIR/servers.sh"

FXSD=$(readlink -f "$build")/fxsd
FXSCTL=$(readlink -f "$build")/fxsctl
GEN_PROFILE=$(readlink -f "$build")/bench/gen-profile
# E2E_FXSD_ARGS: extra options for every fxsd run
read -ra FXSD_EXTRA <<<"${E2E_FXSD_ARGS:-}"

e2e_init
echo "# e2e: temp dir $E2E_T, network namespace: $E2E_NETNS"

bail()
{
	tap_count=$((tap_count + 1))
	echo "not ok $tap_count $1"
	echo "# $2"
	echo "e2e: $1: $2" >&2
	tap_finish
	exit 1
}

for prog in "$FXSD" "$FXSCTL"; do
	[ -x "$prog" ] || bail "$(basename "$prog") is built" "$prog missing: make user"
done
for tool in rsyslogd in.tftpd nginx fcgiwrap openssl gzip curl python3 logger; do
	command -v "$tool" >/dev/null || bail "$tool is installed" "tests/install-deps.sh installs it"
done
pki_make || bail "test PKI made with openssl" "openssl failed"
servers_start || bail "servers started on 127.0.0.1" "$(tail -n 5 "$E2E_T"/*.out)"

. "$E2E_DIR/tls_options.sh"

for group in "${groups[@]}"; do
	echo "# group $group"
	. "$E2E_DIR/$group.sh"
done
tap_finish
