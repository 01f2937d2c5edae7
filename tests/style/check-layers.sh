#!/bin/bash
# check-layers.sh: the user half's layering, read from the objects (nm).
#   check-layers.sh LAYER=OBJ,OBJ,... LAYER=... (lowest layer first)
# Checks, one TAP line each:
#   - every call between our objects goes to the caller's own layer or a
#     lower one;
#   - the object link graph has no cycle (tsort);
#   - the objects of the first layer (pure: text in, struct out) call no
#     I/O function of the C library or of libcurl/libnl;
#   - fxsd/ and tools/ use the library's API only, never lib/internal.h
#     or lib/param_def.h;
#   - the checker itself finds a planted cycle and a planted upward call.
# Layers and objects come from daemon/fxsd.mk, so a new module is checked
# as soon as it is built.
set -u

# I/O entry points a pure module must not reach
IO_SYMS='^(open|open64|openat|openat64|creat|read|write|pread|pread64|pwrite|pwrite64|close|fopen|fopen64|fdopen|fread|fwrite|fgets|fputs|fputc|fprintf|printf|puts|getline|stat|stat64|fstat|fstat64|lstat|mkdir|mkdirat|unlink|unlinkat|rename|opendir|readdir|readdir64|socket|connect|bind|accept|accept4|send|sendto|recv|recvfrom|getaddrinfo|syslog|fsync|ftruncate|ioctl|poll|epoll_wait|time|clock_gettime|getrandom|curl_.*|nl_.*|rtnl_.*)$'

# edges OBJ_FILE: "caller callee" for each call between the objects
# listed in $objs (one per line)
edges()
{
	local obj sym def
	declare -A defined=()
	for obj in $objs; do
		while read -r sym; do
			defined[$sym]=$obj
		done < <(nm --defined-only -g "$obj" | awk 'NF == 3 { print $3 }')
	done
	for obj in $objs; do
		while read -r sym; do
			def=${defined[$sym]:-}
			[ -n "$def" ] && [ "$def" != "$obj" ] && echo "$obj $def"
		done < <(nm -u "$obj" | awk '{ print $NF }')
	done | sort -u
}

# check SPEC...: prints one line per violation; returns 1 if any
check()
{
	local spec layer list obj rank=0 bad=0 a b
	declare -A rank_of=() layer_of=()
	objs=
	for spec in "$@"; do
		layer=${spec%%=*} list=${spec#*=}
		for obj in ${list//,/ }; do
			rank_of[$obj]=$rank layer_of[$obj]=$layer
			objs+="$obj"$'\n'
		done
		rank=$((rank + 1))
	done
	local all_edges
	all_edges=$(edges)
	while read -r a b; do
		[ -z "$a" ] && continue
		if [ "${rank_of[$b]}" -gt "${rank_of[$a]}" ]; then
			echo "upward call: $(basename "$a") (${layer_of[$a]}) -> $(basename "$b") (${layer_of[$b]})"
			bad=1
		fi
	done <<<"$all_edges"
	if [ -n "$all_edges" ] && ! tsort <<<"$all_edges" >/dev/null 2>"$tmp/tsort"; then
		sed 's/^/cycle: /' "$tmp/tsort"
		bad=1
	fi
	return $bad
}

pure_io()
{
	local obj
	for obj in ${1//,/ }; do
		nm -u "$obj" | awk '{ print $NF }' | grep -E "$IO_SYMS" |
			sed "s|^|$(basename "$obj") calls |"
	done
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
tap()
{
	n=$((n + 1))
	if [ -z "$2" ]; then
		echo "ok $n $1"
	else
		echo "not ok $n $1"
		sed 's/^/# /' <<<"$2"
		failed=1
	fi
}

echo "1..5"
out=$(check "$@" | grep -v '^cycle: ')
tap "every call goes to the caller's layer or a lower one" "$out"
out=$(check "$@" | grep '^cycle: ')
tap "the link graph of libfxsd, fxsd and the tools has no cycle" "$out"
first=${1#*=}
tap "the pure layer calls no I/O" "$(pure_io "$first")"
tap "fxsd/ and tools/ do not include the library's internal headers" \
	"$(grep -lE '"(internal|param_def)\.h"' daemon/fxsd/*.[ch] daemon/tools/*.c 2>/dev/null)"

# the checker must see what it is there to see
cat >"$tmp/a.c" <<-'EOF'
	void b(void);
	void a(void) { b(); }
EOF
cat >"$tmp/b.c" <<-'EOF'
	void a(void);
	void b(void) { a(); }
EOF
cat >"$tmp/c.c" <<-'EOF'
	#include <unistd.h>
	int c(void) { return (int)write(1, "", 0); }
EOF
for f in a b c; do cc -c -o "$tmp/$f.o" "$tmp/$f.c"; done
planted=$(check "low=$tmp/a.o" "high=$tmp/b.o")
io=$(pure_io "$tmp/c.o")
if grep -q '^cycle: ' <<<"$planted" && grep -q '^upward call: a.o' <<<"$planted" &&
	grep -q 'c.o calls write' <<<"$io"; then
	tap "the checker finds a planted cycle, upward call and pure I/O" ""
else
	tap "the checker finds a planted cycle, upward call and pure I/O" \
		"planted: ${planted:-nothing found}; io: ${io:-nothing found}"
fi
exit $failed
