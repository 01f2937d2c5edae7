# SPDX-License-Identifier: GPL-2.0
# tap.sh: what the in-guest shell tests share, sourced (never run: the VM
# harness copies tests/kselftest/lib/ to /tests/lib/ beside the tests).
#   result STATUS TEXT   one TAP line "ok N TEXT" (STATUS 0) or "not ok N
#                        TEXT", counting in n; a failure sets fail and
#                        case_fail to 1
#   check TEXT CMD       eval CMD, then result with its status
#   wait_for CMD         eval CMD every 0.2 s until it holds, for up to
#                        $TIMEOUT s (default 60); 1 when it never did
n=0
fail=0
case_fail=0

result() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n $2"
	else
		echo "not ok $n $2"
		fail=1
		case_fail=1
	fi
}

check() {
	eval "$2"
	result $? "$1"
}

wait_for() {
	wait_i=0
	while ! eval "$1"; do
		wait_i=$((wait_i + 1))
		[ "$wait_i" -gt $((${TIMEOUT:-60} * 5)) ] && return 1
		sleep 0.2
	done
}
