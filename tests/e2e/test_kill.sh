# SPDX-License-Identifier: GPL-2.0
# test_kill.sh: kill -9 of fxsd at random points while it resyncs and
# persists, E2E_KILLS times (200 by default). Two profiles, A and B, set the
# same many parameters to different long values; each round resyncs to the
# set the state file does not hold yet and kills fxsd after a random delay
# within one run's duration. The state file must then parse and hold
# exactly the complete A set or the complete B set. Sourced by run.sh.

KILL_WWW=$E2E_T/www/kill
mkdir -p "$KILL_WWW"

# kill_profile LABEL: GPP_A..GPP_P, each about 2 KB, all marked LABEL.
kill_profile()
{
	local kv=() l pad
	pad=$(head -c 2000 /dev/zero | tr '\0' "$1")
	for l in A B C D E F G H I J K L M N O P; do
		kv+=("GPP_$l=$1-$l-$pad")
	done
	flat_profile "$KILL_WWW/$1.xml" "${kv[@]}"
}

kill_state_is()
{
	local got
	if command -v xmllint >/dev/null; then
		xmllint --noout "$DEV/state.xml" 2>&1 || return 1
	fi
	got=$(python3 "$E2E_DIR/flat_profile.py" which "$DEV/state.xml" \
		"$KILL_WWW/A.xml" "$KILL_WWW/B.xml" 2>&1)
	echo "$got"
}

now_us()
{
	echo $(($(date +%s%N) / 1000))
}

test_kill9_while_persisting()
{
	local rounds=${E2E_KILLS:-200} i cur target t0 span centre delay pid got rc
	local new=0 old=0
	kill_profile A
	kill_profile B
	dev_new kill
	fxsd_once_ok --set "Profile_Rule=http://127.0.0.1:$HTTP_PORT/kill/A.xml"
	expect_eq "state after the first resync" "$(kill_state_is)" A
	# one uninterrupted run to B and back to A measure the span to aim at
	t0=$(now_us)
	fxsd_once_ok --set "Profile_Rule=http://127.0.0.1:$HTTP_PORT/kill/B.xml"
	fxsd_once_ok --set "Profile_Rule=http://127.0.0.1:$HTTP_PORT/kill/A.xml"
	# One run takes about span us and persists at its end. The kills
	# follow the moment of persisting: each round's delay is drawn within
	# +-25% of a centre that moves later after a kill that left the old
	# set and earlier after one that left the new set, so most kills land
	# around the write of the state file.
	span=$((($(now_us) - t0) / 2))
	[ "$span" -gt 4000 ] || span=4000
	centre=$span
	echo "kill delays start around $centre us"
	cur=A
	fxsd_args
	for i in $(seq 1 "$rounds"); do
		[ "$cur" = A ] && target=B || target=A
		delay=$((centre * 3 / 4 + (RANDOM * 32768 + RANDOM) % (centre / 2 + 1)))
		"$FXSD" "${FXSD_ARGS[@]}" --once \
			--set "Profile_Rule=http://127.0.0.1:$HTTP_PORT/kill/$target.xml" \
			>"$DEV/kill.out" 2>&1 &
		pid=$!
		echo "$pid" >"$E2E_T/pids/kill-fxsd"
		sleep "$(printf '%d.%06d' $((delay / 1000000)) $((delay % 1000000)))"
		kill -KILL "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		rc=$?
		# killed (128 + 9), or done before the kill: anything else means
		# an earlier kill left something this run could not start from
		[ "$rc" = 137 ] || [ "$rc" = 0 ] ||
			die "round $i: fxsd exited $rc: $(cat "$DEV/kill.out")"
		rm -f "$E2E_T/pids/kill-fxsd"
		got=$(kill_state_is)
		case $got in
		"$target") new=$((new + 1)) centre=$((centre * 19 / 20)) ;;
		"$cur") old=$((old + 1)) centre=$((centre * 21 / 20)) ;;
		*)
			cp "$DEV/state.xml" "$E2E_T/kill-state.bad.xml" 2>/dev/null
			die "round $i (kill after $delay us, $cur -> $target): state file is '$got'"
			;;
		esac
		cur=$got
	done
	echo "NOTE: $rounds kills, centre now $centre us: $new left the new set, $old the old set"
}

run_test "kill -9 at random points while persisting: state is all old or all new (${E2E_KILLS:-200} times)" \
	test_kill9_while_persisting
