# SPDX-License-Identifier: GPL-2.0
# handset.sh: the simulated handset for the IVR tests and the demo,
# sourced (never run). $D is the line's sim debugfs directory.
#   dial KEYS      the keys as DTMF audio (dtmf-gen) into the uplink
#   listen FILE    appends the downlink to FILE until the line has been
#                  quiet for a second after playing something; 1 when
#                  nothing came within 20 s
#   clips FILE     the clips FILE holds, space-separated (fxs-clips)
#   spoken FILE    the same as words: digit-1 -> 1, dot -> .

dial() {
	dtmf-gen "$1" >"$D/uplink"
}

listen() {
	listen_heard=0
	listen_quiet=0
	listen_i=0
	while [ "$listen_i" -lt 200 ]; do
		listen_before=$(wc -c <"$1")
		cat "$D/downlink" >>"$1"
		if [ "$(wc -c <"$1")" != "$listen_before" ]; then
			listen_heard=1
			listen_quiet=0
		else
			listen_quiet=$((listen_quiet + 1))
		fi
		[ "$listen_heard" = 1 ] && [ "$listen_quiet" -ge 10 ] && return 0
		listen_i=$((listen_i + 1))
		sleep 0.1
	done
	[ "$listen_heard" = 1 ]
}

clips() {
	fxs-clips /prompts "$1" | tr '\n' ' ' | sed 's/ $//'
}

spoken() {
	fxs-clips /prompts "$1" | sed 's/^digit-//; s/^dot$/./' | tr '\n' ' ' |
		sed 's/ $//'
}
