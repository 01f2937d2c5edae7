#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# check-uapi: proves the rule of uapi/linux/fxs.h that every structure has
# the same layout on 32- and 64-bit. Builds tests/uapi/fxs_layout.c for -m64
# and -m32, runs both and compares them per struct and per ioctl number;
# checks x32 at compile time (static asserts generated from the -m64 values);
# checks sizes, holes, header strictness (C90, C99, C11, C++11), forbidden
# types and the compat_ioctl of kmod/fxs_cdev.c. Prints TAP, exits 1 on a
# failure.
#
# usage: check-uapi.sh UAPI_DIR BUILD_DIR CDEV_C
#   UAPI_DIR  directory holding linux/fxs.h (uapi, or a scratch copy)
uapi=$1 out=$2 cdev=$3
header=$uapi/linux/fxs.h
src=tests/uapi/fxs_layout.c
if [ ! -f "$header" ] || [ ! -f "$src" ] || [ -z "$out" ]; then
	echo "usage: $0 UAPI_DIR BUILD_DIR CDEV_C (run from the top directory)" >&2
	exit 2
fi
mkdir -p "$out" || exit 2

n=0 failed=0
pass() { n=$((n + 1)); echo "ok $n $*"; }
fail() { n=$((n + 1)); echo "not ok $n $*"; failed=1; }
# Prints stdin as TAP diagnostics.
diag() { sed 's/^/# /'; }

# build_layout ABI: compiles and runs fxs_layout for one -mABI; the output
# goes to $out/layout-ABI.txt.
build_layout() {
	local abi=$1 bin=$out/fxs_layout-$1 log
	if ! log=$(gcc "-m$abi" -std=gnu11 -O2 -Wall -Wextra -Werror \
		-I"$uapi" -o "$bin" "$src" 2>&1); then
		fail "build fxs_layout -m$abi"
		echo "$log" | diag
		[ "$abi" = 32 ] && echo "# -m32 needs gcc-multilib"
		return 1
	fi
	if ! "$bin" >"$out/layout-$abi.txt"; then
		fail "build fxs_layout -m$abi: program failed"
		return 1
	fi
	pass "build and run fxs_layout -m$abi"
}

# strip_comments: the header without comments, macros unexpanded.
strip_comments() {
	gcc -fpreprocessed -dD -E -P -x c "$header" 2>/dev/null
}

# header_items: "struct X", "member X.f" and "ioctl NAME" for every struct,
# member and ioctl number the header declares.
header_items() {
	strip_comments | awk '
	/^[ \t]*struct[ \t]+[A-Za-z0-9_]+[ \t]*\{/ {
		name = $2; sub(/\{.*/, "", name); print "struct " name
		inside = 1; next
	}
	inside && /^[ \t]*\}/ { inside = 0; next }
	inside && /;/ {
		line = $0; sub(/\[.*$/, "", line); sub(/;.*$/, "", line)
		k = split(line, w, /[ \t*]+/); print "member " name "." w[k]
	}
	/^#[ \t]*define[ \t]+FXS_IOC_[A-Z0-9_]+[ \t]+_IO/ { print "ioctl " $2 }'
}

# layout_items FILE: the same names, as fxs_layout printed them.
layout_items() {
	awk '$1 == "struct" || $1 == "ioctl" { print $1 " " $2 }
	     $1 == "member" { print $1 " " $2 }' "$1"
}

check_coverage() {
	local missing extra
	missing=$(comm -23 <(header_items | sort) \
		<(layout_items "$out/layout-64.txt" | sort))
	extra=$(comm -13 <(header_items | sort) \
		<(layout_items "$out/layout-64.txt" | sort))
	if [ -z "$missing$extra" ]; then
		pass "fxs_layout covers every struct, member and ioctl of fxs.h"
		return
	fi
	fail "fxs_layout covers every struct, member and ioctl of fxs.h"
	[ -n "$missing" ] && echo "$missing" | sed 's/^/# not in fxs_layout.c: /'
	[ -n "$extra" ] && echo "$extra" | sed 's/^/# not in fxs.h: /'
}

# x32_asserts: a C file asserting at compile time that every line of the
# -m64 output holds; one message per struct or ioctl name.
x32_asserts() {
	echo '#include <stddef.h>'
	echo "#include <linux/fxs.h>"
	awk '
	$1 == "struct" {
		printf "_Static_assert(sizeof(struct %s) == %s, \"%s size\");\n", $2, $4, $2
		printf "_Static_assert(_Alignof(struct %s) == %s, \"%s align\");\n", $2, $6, $2
	}
	$1 == "member" {
		split($2, p, ".")
		printf "_Static_assert(offsetof(struct %s, %s) == %s, \"%s offset\");\n", p[1], p[2], $4, $2
		printf "_Static_assert(sizeof(((struct %s *)0)->%s) == %s, \"%s size\");\n", p[1], p[2], $6, $2
	}
	$1 == "ioctl" {
		printf "_Static_assert(%s == %su, \"%s value\");\n", $2, $3, $2
	}' "$out/layout-64.txt"
}

# check_x32: compiles the asserts with -mx32; errors go to $out/x32.err.
# Returns 1 when there is no x32 compiler.
check_x32() {
	: >"$out/x32.err"
	echo 'int main(void) { return 0; }' >"$out/x32-probe.c"
	gcc -mx32 -c -o /dev/null "$out/x32-probe.c" 2>/dev/null || return 1
	x32_asserts >"$out/x32-asserts.c"
	gcc -mx32 -std=gnu11 -fsyntax-only -I"$uapi" "$out/x32-asserts.c" \
		>"$out/x32.err" 2>&1
	other=$(grep -E 'error:' "$out/x32.err" |
		grep -v 'error: static assertion failed:')
	if [ -z "$other" ]; then
		pass "build -mx32 layout asserts"
	else
		fail "build -mx32 layout asserts"
		echo "$other" | head -n 20 | diag
	fi
	return 0
}

# compare NAME PATTERN: one TAP line for the lines of every ABI output
# matching PATTERN.
compare() {
	local what=$1 pattern=$2 d bad=
	grep -E "$pattern" "$out/layout-64.txt" >"$out/cmp-64"
	grep -E "$pattern" "$out/layout-32.txt" >"$out/cmp-32"
	d=$(diff "$out/cmp-64" "$out/cmp-32" | grep '^[<>]' |
		sed "s/^</-m64:/; s/^>/-m32:/")
	[ -n "$d" ] && bad+="$d"$'\n'
	if [ "$have_x32" = 1 ]; then
		d=$(grep "error: static assertion failed: \"${what}[ .]" \
			"$out/x32.err" | sed 's/.*failed: /-mx32 differs: /')
		[ -n "$d" ] && bad+="$d"$'\n'
	fi
	if [ -z "$bad" ]; then
		pass "$what: same on $abis"
	else
		fail "$what: same on $abis"
		printf '%s' "$bad" | diag
	fi
}

# struct_sizes NAME: size multiple of 8 and no implicit hole, every ABI.
struct_sizes() {
	local s=$1 abi msg bad=
	for abi in 64 32; do
		msg=$(awk -v s="$s" -v abi="-m$abi" '
		$1 == "struct" && $2 == s { size = $4
			if (size % 8) print abi ": size " size " is not a multiple of 8" }
		$1 == "member" && index($2, s ".") == 1 {
			if ($4 != end) print abi ": hole of " $4 - end " bytes before " $2
			end = $4 + $6 }
		END { if (end != size) print abi ": " size - end " bytes of tail padding" }
		' "$out/layout-$abi.txt")
		[ -n "$msg" ] && bad+="$msg"$'\n'
	done
	if [ -z "$bad" ]; then
		pass "struct $s: size a multiple of 8, no implicit padding"
	else
		fail "struct $s: size a multiple of 8, no implicit padding"
		printf '%s' "$bad" | diag
	fi
}

# check_compile DESCRIPTION COMPILER FLAGS...: the header alone compiles
# as userspace would include it.
check_compile() {
	local what=$1 log
	shift
	if log=$("$@" -fsyntax-only -I"$uapi" "$header" 2>&1) &&
		[ -z "$log" ]; then
		pass "fxs.h compiles alone: $what"
	else
		fail "fxs.h compiles alone: $what"
		echo "$log" | head -n 20 | diag
	fi
}

check_types() {
	local bad
	local words bad line
	words='long|bool|_Bool|size_t|ssize_t|ptrdiff_t|intptr_t|uintptr_t'
	words+='|time_t|off_t|__kernel_long_t|__kernel_ulong_t|__u64|__s64'
	words+='|int|short|unsigned|float|double|__user'
	bad=$(strip_comments | grep -E -e '\*' -e "\\<($words)\\>" | sort -u)
	if [ -z "$bad" ]; then
		pass "fxs.h has no long, pointer, bool or ABI-sized type"
		return
	fi
	fail "fxs.h has no long, pointer, bool or ABI-sized type"
	while IFS= read -r line; do
		line=$(echo "$line" | sed 's/^[[:space:]]*//')
		grep -nF -- "$line" "$header" | sed "s|^|$header:|" | diag
	done <<<"$bad"
}

check_compat() {
	if grep -qE '^[[:space:]]*\.compat_ioctl[[:space:]]*=[[:space:]]*compat_ptr_ioctl,' \
		"$cdev"; then
		pass "$cdev: .compat_ioctl = compat_ptr_ioctl"
	else
		fail "$cdev: .compat_ioctl = compat_ptr_ioctl"
	fi
}

# ioctl_collisions RST CODE MIN MAX: the rows of the kernel's ioctl-number
# table (Documentation/userspace-api/ioctl/ioctl-number.rst) that claim code
# CODE (0xNN) for a sequence number in MIN..MAX (0xNN). A code is written
# 0xNN or 'c'; a Seq# is NN, NN-NN or "all", anything else counts as all.
ioctl_collisions() {
	awk -v code="$2" -v lo="$3" -v hi="$4" '
	function hex(s,   i, v) {	# "NN" or "0xNN" (POSIX awk has no strtonum)
		sub(/^0[xX]/, "", s); s = tolower(s); v = 0
		for (i = 1; i <= length(s); i++)
			v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
		return v
	}
	/^====/ { rule++; next }
	rule < 2 || !NF || $0 ~ /^[ \t]/ { next }
	{
		c = $1
		if (c ~ /^0[xX][0-9A-Fa-f][0-9A-Fa-f]$/)
			v = hex(c)
		else if (c ~ /^\047.\047$/)
			v = ord[substr(c, 2, 1)]
		else
			next
		if (v != hex(code))
			next
		a = 0; b = 255
		if ($2 ~ /^[0-9A-Fa-f][0-9A-Fa-f]$/)
			a = b = hex($2)
		else if ($2 ~ /^[0-9A-Fa-f][0-9A-Fa-f]-[0-9A-Fa-f][0-9A-Fa-f]$/) {
			a = hex(substr($2, 1, 2)); b = hex(substr($2, 4, 2))
		}
		if (a <= hex(hi) && b >= hex(lo))
			print
	}
	BEGIN { for (i = 32; i < 127; i++) ord[sprintf("%c", i)] = i }' "$1"
}

# check_ioctl_number: our ioctl code and number range collide with no entry
# of 6.1's ioctl-number.rst (read out of linux-source-6.1); the parser is
# proven on the rpmsg entry the old code 0xB5 collided with
# (FXS_IOC_RING_START was RPMSG_DESTROY_EPT_IOCTL).
check_ioctl_number() {
	local tar=${LINUX_SOURCE_TAR:-/usr/src/linux-source-6.1.tar.xz}
	local rst=$out/ioctl-number.rst member=Documentation/userspace-api/ioctl/ioctl-number.rst
	local code lo hi hits
	if [ ! -f "$tar" ]; then
		pass "ioctl code is free in ioctl-number.rst # SKIP no $tar (linux-source-6.1)"
		return
	fi
	if ! tar -xJOf "$tar" "linux-source-6.1/$member" >"$rst" 2>/dev/null ||
		[ ! -s "$rst" ]; then
		fail "ioctl code is free in ioctl-number.rst: cannot read $member from $tar"
		return
	fi
	# "ioctl NAME 0xVALUE dir N type 0xNN nr 0xNN size N"
	code=$(awk '$1 == "ioctl" && $6 == "type" { print $7 }' "$out/layout-64.txt" | sort -u)
	lo=$(awk '$1 == "ioctl" && $8 == "nr" { print $9 }' "$out/layout-64.txt" | sort | head -n1)
	hi=$(awk '$1 == "ioctl" && $8 == "nr" { print $9 }' "$out/layout-64.txt" | sort | tail -n1)
	if ! [[ $code =~ ^0x[0-9a-f]{2}$ && $lo =~ ^0x[0-9a-f]{2}$ && $hi =~ ^0x[0-9a-f]{2}$ ]]; then
		fail "ioctl code is free in ioctl-number.rst: one code and nr range expected, got '$code' '$lo' '$hi'"
		return
	fi
	# the parser sees the rpmsg entry the old code collided with, and
	# codes written as characters ('V' is 0x56, V4L2)
	if [ -z "$(ioctl_collisions "$rst" 0xB5 0x01 0x06)" ] ||
		[ -z "$(ioctl_collisions "$rst" 0x56 0x00 0x00)" ]; then
		fail "ioctl-number.rst parser finds 0xB5 (rpmsg) and 'V' (V4L2)"
		return
	fi
	pass "ioctl-number.rst parser finds 0xB5 (rpmsg) and 'V' (V4L2)"
	hits=$(ioctl_collisions "$rst" "$code" "$lo" "$hi")
	if [ -z "$hits" ]; then
		pass "ioctl code $code nr $lo-$hi is free in 6.1's ioctl-number.rst"
	else
		fail "ioctl code $code nr $lo-$hi is free in 6.1's ioctl-number.rst"
		echo "$hits" | diag
	fi
}

echo "# header: $header"
build_layout 64 && built=1 || built=0
build_layout 32 || built=0
if [ "$built" = 1 ]; then
	abis="-m64, -m32"
	have_x32=0
	if check_x32; then
		have_x32=1 abis+=", -mx32"
	else
		echo "# no -mx32 compiler: x32 not checked"
	fi
	check_coverage
	for s in $(awk '$1 == "struct" { print $2 }' "$out/layout-64.txt"); do
		compare "$s" "^(struct $s |member $s\\.)"
	done
	for c in $(awk '$1 == "ioctl" { print $2 }' "$out/layout-64.txt"); do
		compare "$c" "^ioctl $c "
	done
	for s in $(awk '$1 == "struct" { print $2 }' "$out/layout-64.txt"); do
		struct_sizes "$s"
	done
	check_ioctl_number
fi
check_compile "C90 -Wall -Wextra (kernel headers_check)" \
	gcc -x c -std=c90 -Wall -Wextra -Werror
check_compile "C99 -pedantic -Wall -Wextra -Werror" \
	gcc -x c -std=c99 -pedantic -Wall -Wextra -Werror
check_compile "C11 -pedantic -Wall -Wextra -Werror -m32" \
	gcc -x c -m32 -std=c11 -pedantic -Wall -Wextra -Werror
if command -v g++ >/dev/null; then
	check_compile "C++11 -pedantic -Wall -Wextra -Werror" \
		g++ -x c++ -std=c++11 -pedantic -Wall -Wextra -Werror
else
	echo "# no g++: C++ inclusion not checked"
fi
check_types
check_compat
echo "1..$n"
exit $failed
