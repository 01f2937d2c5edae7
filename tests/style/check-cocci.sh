#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Coccinelle gate: every semantic patch of the kernel's scripts/coccinelle
# (from linux-source-6.1, extracted into build/ by the Makefile) runs in
# report mode over kmod/, as `make coccicheck MODE=report` would, and must
# report nothing. Each script's "// Options:" line is honoured and its
# "// Requires:" version checked, as scripts/coccicheck does. Prints one
# TAP line (no plan: check-style.sh prints the plan).
#
# usage: check-cocci.sh N COCCI_DIR
#   N          the TAP number of the line
#   COCCI_DIR  build/linux-source-6.1/scripts/coccinelle
n=$1 dir=$2
what="coccinelle (scripts/coccinelle of 6.1, MODE=report) reports nothing on kmod/"
if ! command -v spatch >/dev/null; then
	echo "not ok $n $what"
	echo "# spatch missing: apt-get install coccinelle"
	exit 1
fi
if [ ! -d "$dir" ]; then
	echo "not ok $n $what"
	echo "# $dir missing"
	exit 1
fi
version=$(spatch --version | sed -n 's/^spatch version \([0-9.]*\).*/\1/p')
report=
for cocci in $(find "$dir" -name '*.cocci' -type f | sort); do
	opt=$(grep "Options:" "$cocci" | cut -d: -f2)
	req=$(grep "Requires:" "$cocci" | cut -d: -f2 | tr -d ' ')
	if [ -n "$req" ] && ! printf '%s\n%s\n' "$req" "$version" | sort -CV; then
		echo "# skipped ${cocci#"$dir"/}: needs spatch $req"
		continue
	fi
	# $opt holds several options: split on purpose
	# shellcheck disable=SC2086
	out=$(spatch -D report --no-show-diff --very-quiet --cocci-file "$cocci" \
		$opt --dir kmod -I uapi -I kmod 2>&1 |
		# spatch's notes on the semantic patch itself (stream_open.cocci
		# names functions it does not bind), not findings in our code
		grep -vE '^warning: line [0-9]+: should [A-Za-z0-9_]+ be a metavariable\?$')
	[ -n "$out" ] && report+="${cocci#"$dir"/}:"$'\n'"$out"$'\n'
done
if [ -z "$report" ]; then
	echo "ok $n $what"
else
	echo "not ok $n $what"
	echo -n "$report" | sed 's/^/# /'
	exit 1
fi
