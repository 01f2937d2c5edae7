# SPDX-License-Identifier: GPL-2.0
# handset.sh: the simulated handset for the IVR tests and the demo,
# sourced (never run). $D is the line's sim debugfs directory.
#   dial KEYS      the keys as DTMF audio (dtmf-gen) into the uplink
#   listen FILE    appends the downlink to FILE until the line has been
#                  quiet for a second after playing something; 1 when
#                  nothing came within 20 s
#   hear FILE CLIPS  appends the downlink to FILE until fxs-clips finds
#                  exactly CLIPS (space-separated) in it with nothing more
#                  for 0.3 s after (0), or, when it never does, until the
#                  line has been quiet for a second after playing something
#                  or nothing came within 20 s (1)
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

hear() {
	hear_size=0
	hear_checked=0
	hear_quiet=0
	hear_i=0
	while [ "$hear_i" -lt 200 ]; do
		cat "$D/downlink" >>"$1"
		hear_was=$hear_size
		hear_size=$(wc -c <"$1")
		if [ "$hear_size" != "$hear_was" ]; then
			hear_quiet=0
		else
			hear_quiet=$((hear_quiet + 1))
		fi
		if [ "$hear_size" != 0 ] && [ "$hear_quiet" -ge 3 ]; then
			if [ "$hear_checked" != "$hear_size" ]; then
				hear_checked=$hear_size
				[ "$(clips "$1")" = "$2" ] && return 0
			fi
			[ "$hear_quiet" -ge 10 ] && return 1
		fi
		hear_i=$((hear_i + 1))
		sleep 0.1
	done
	return 1
}

clips() {
	fxs-clips /prompts "$1" | tr '\n' ' ' | sed 's/ $//'
}

spoken() {
	fxs-clips /prompts "$1" | sed 's/^digit-//; s/^dot$/./' | tr '\n' ' ' |
		sed 's/ $//'
}
