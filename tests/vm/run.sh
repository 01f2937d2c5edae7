#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Host side of the VM harness: builds an initramfs (busybox, configfs.ko,
# dummy.ko for the tests that load it, kmod/fxs.ko, kmod/fxs_sim.ko,
# build/kselftest/*, tests/kselftest/*.sh,
# tests/vm/reload.sh, and build/fxsd and build/fxsctl with their shared
# libraries when build/fxsd exists), boots the kernel the modules were
# built for in QEMU (TCG), and prints the programs' TAP on stdout followed
# by the harness's own checks (guest finished, every program complete,
# clean kernel log).
# Exits non-zero on any failure.
#
# Environment:
#   VM_TESTS="fxs_sim_test foo.sh"  run only these (default: all)
#   VM_RELOAD=0                     skip the module reload test
#   VM_TIMEOUT=900                  seconds before the guest is killed
#   VM_OUT=build/vm                 where the guest logs are kept
#   VM_EXTRA="a.sh b.sh"            extra TAP scripts to run (harness tests)
#   VM_BINS="/usr/bin/curl ..."     extra programs for /bin, with their
#                                   shared libraries
#   VM_SMP=1                        guest CPUs (-smp)
#   VM_APPEND="slub_debug=FZPU"     extra kernel command line
#   VM_MODDIR=kmod                  where fxs.ko and fxs_sim.ko are (the
#                                   kernel leg's build, e.g. build/kmod-6.12)
# The guest's architecture (defaults: x86_64, Debian's kernel in /boot;
# make check-arm64 sets them all, see tests/vm/arm64/arm64.mk):
#   VM_QEMU=qemu-system-x86_64      the QEMU binary
#   VM_MACHINE=virt                 -machine (default: QEMU's own)
#   VM_CPU=cortex-a57               -cpu (default: QEMU's own)
#   VM_DTB=build/virt-fxs.dtb       -dtb, the device tree the guest boots
#   VM_CONSOLE=ttyS0                the guest's kernel console device
#   VM_RESULTS_PORT=serial          how results leave the guest: serial
#                                   (a second UART, ttyS1) or virtio (a
#                                   virtconsole, hvc0, for machines with
#                                   one UART; loads virtio_mmio.ko and
#                                   virtio_console.ko from VM_MODROOT)
#   VM_KERNEL=/boot/vmlinuz-KVER    the kernel image (KVER: the modules')
#   VM_MODROOT=/lib/modules         the kernel's module tree (configfs.ko)
#   VM_BUSYBOX=$(command -v busybox) a static busybox for the guest
#   VM_KSELFTEST=build/kselftest    the test programs
#   VM_USERBIN=build                where fxsd and fxsctl are (copied when
#                                   VM_USERBIN/fxsd exists; empty: none)
#   VM_TOOLS=build/kselftest-tools  the shell tests' static helpers
#   VM_LIBDIRS="/usr/lib/aarch64-linux-gnu ..." the guest's library
#                                   directories when its programs are of
#                                   another architecture (no ldd: readelf)
#   VM_MODE=shell                   no tests: the virtual ATA and a shell on
#                                   this terminal (make vm)
#   VM_MODE=demo                    no tests: tests/vm/demo.sh, its story on
#                                   stdout, the IVR's answer to
#                                   $VM_OUT/answer.b64 (make demo)

set -u
cd "$(dirname "$0")/../.." || exit 1

OUT=${VM_OUT:-build/vm}
MODDIR=${VM_MODDIR:-kmod}
TIMEOUT=${VM_TIMEOUT:-900}
ROOT=$OUT/initramfs
CONSOLE=$OUT/console.log
RESULTS=$OUT/results.log
DMESG=$OUT/dmesg.log

die() {
	echo "not ok 1 vm harness: $*"
	echo "1..1"
	echo "vm: $*" >&2
	exit 1
}

for f in "$MODDIR"/fxs.ko "$MODDIR"/fxs_sim.ko; do
	[ -f "$f" ] || die "$f missing: run make modules"
done
kver=$(modinfo -F vermagic "$MODDIR"/fxs.ko | cut -d' ' -f1)
kernel=${VM_KERNEL:-/boot/vmlinuz-$kver}
[ -r "$kernel" ] || die "no $kernel for the modules' kernel $kver: install linux-image-$kver or build the modules against a kernel in /boot (make KDIR=...)"
QEMU=${VM_QEMU:-qemu-system-x86_64}
CON=${VM_CONSOLE:-ttyS0}
MODROOT=${VM_MODROOT:-/lib/modules}
KSELFTEST=${VM_KSELFTEST:-build/kselftest}
USERBIN=${VM_USERBIN-build}
TOOLS=${VM_TOOLS:-build/kselftest-tools}
# the machine: -machine, -cpu, -dtb when given
machine=()
[ -n "${VM_MACHINE:-}" ] && machine+=(-machine "$VM_MACHINE")
[ -n "${VM_CPU:-}" ] && machine+=(-cpu "$VM_CPU")
if [ -n "${VM_DTB:-}" ]; then
	[ -r "$VM_DTB" ] || die "VM_DTB=$VM_DTB missing"
	machine+=(-dtb "$VM_DTB")
fi
# the results port: QEMU arguments and the guest's device
case ${VM_RESULTS_PORT:-serial} in
serial) results_port=(-serial file:"$RESULTS") results_dev=ttyS1 ;;
virtio)
	# shellcheck disable=SC2054 # QEMU options, commas and all
	results_port=(-device virtio-serial-device
		-chardev file,id=results,path="$RESULTS"
		-device virtconsole,chardev=results)
	results_dev=hvc0 ;;
*) die "VM_RESULTS_PORT=$VM_RESULTS_PORT: serial or virtio expected" ;;
esac
# Debian 6.1 ships its modules plain; later kernels compress them.
# kernel_module PATH: the booted kernel's module PATH.ko, .ko.xz or .ko.zst
kernel_module() {
	local f
	for f in "$MODROOT/$kver"/kernel/"$1".ko{,.xz,.zst}; do
		[ -r "$f" ] && echo "$f" && return 0
	done
	return 1
}
configfs=$(kernel_module fs/configfs/configfs) ||
	die "configfs.ko for $kver missing (linux-image-$kver)"
# the IVR tests' network interface (a dummy with an address and a gateway)
dummy=$(kernel_module drivers/net/dummy) ||
	die "dummy.ko for $kver missing (linux-image-$kver)"
busybox=${VM_BUSYBOX:-$(command -v busybox || true)}
if [ -z "$busybox" ] || [ ! -f "$busybox" ] || ldd "$busybox" >/dev/null 2>&1; then
	die "a static busybox is needed (apt-get install busybox-static)"
fi
command -v "$QEMU" >/dev/null || die "$QEMU missing"

# Runs sharing an output directory (two helpers, two terminals) would
# overwrite each other's initramfs and logs: take turns.
mkdir -p "$OUT" || die "mkdir $OUT"
exec 9>"$OUT"/.lock
flock -w "$TIMEOUT" 9 || die "another run holds $OUT/.lock"

# The initramfs
rm -rf "$ROOT"
mkdir -p "$ROOT"/bin "$ROOT"/modules "$ROOT"/tests || die "mkdir $ROOT"
cp "$busybox" "$ROOT"/bin/busybox
ln -s busybox "$ROOT"/bin/sh
cp tests/vm/init.sh "$ROOT"/init
# unpack_module FILE NAME: FILE (plain or compressed) as /modules/NAME.ko
unpack_module() {
	case $1 in
	*.xz) xz -dc "$1" >"$ROOT/modules/$2.ko" ;;
	*.zst) zstd -qdc "$1" >"$ROOT/modules/$2.ko" ;;
	*) cp "$1" "$ROOT/modules/$2.ko" ;;
	esac || die "cannot unpack $1"
}
unpack_module "$configfs" configfs
unpack_module "$dummy" dummy
cp "$MODDIR"/fxs.ko "$MODDIR"/fxs_sim.ko "$ROOT"/modules/
# the Si321x driver and its test-only register emulator (make test-modules)
for f in "$MODDIR"/fxs_si321x.ko "$MODDIR"/fxs_si321x_emu.ko; do
	if [ -f "$f" ]; then cp "$f" "$ROOT"/modules/ || die "cannot copy $f"; fi
done
# the virtconsole's drivers, which /init loads first (modules/early)
if [ "$results_dev" = hvc0 ]; then
	mkdir -p "$ROOT"/modules/early
	for m in drivers/virtio/virtio_mmio drivers/char/virtio_console; do
		f=$MODROOT/$kver/kernel/$m.ko
		cp "$f" "$ROOT"/modules/early/ || die "$f missing (VM_RESULTS_PORT=virtio)"
	done
fi
# fxsd and fxsctl are dynamically linked: they go to /bin, and every
# library ldd lists (the dynamic loader too) to the same path as here.
# VM_BINS adds more host programs the same way (the guest benchmark's
# curl and openssl).
# A foreign architecture's programs (VM_LIBDIRS set: the guest's library
# directories, e.g. /usr/lib/aarch64-linux-gnu from multiarch packages)
# cannot run ldd here: their libraries are found from readelf's
# interpreter and NEEDED entries, followed through those directories.
foreign_libs() {
	local todo=("$1") seen="" f name dir found
	readelf -lW "$1" | sed -n 's/.*interpreter: \(\/[^]]*\)\]/\1/p'
	while [ ${#todo[@]} -gt 0 ]; do
		f=${todo[0]}
		todo=("${todo[@]:1}")
		for name in $(readelf -dW "$f" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
			[[ " $seen " == *" $name "* ]] && continue
			seen="$seen $name"
			found=
			for dir in $VM_LIBDIRS; do
				[ -e "$dir/$name" ] && found=$dir/$name && break
			done
			[ -n "$found" ] || { echo "missing:$name"; return; }
			echo "$found"
			todo+=("$found")
		done
	done
}

copy_bin() {
	local p=$1 libs lib
	[ -f "$p" ] || die "$p missing"
	cp "$p" "$ROOT"/bin/ || die "cannot copy $p"
	if [ -n "${VM_LIBDIRS:-}" ]; then
		readelf -lW "$p" | grep -q 'interpreter:' || return 0	# static
		libs=$(foreign_libs "$p")
		[[ $libs != *missing:* ]] ||
			die "$p: ${libs##*missing:} not in VM_LIBDIRS=$VM_LIBDIRS"
	else
		ldd "$p" >/dev/null 2>&1 || return 0	# static
		libs=$(ldd "$p") || die "ldd $p failed"
		libs=$(echo "$libs" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }
			$1 ~ /^\// { print $1 }')
	fi
	[ -n "$libs" ] || die "ldd $p lists no libraries"
	for lib in $libs; do
		if ! mkdir -p "$ROOT$(dirname "$lib")" ||
			! cp -L "$lib" "$ROOT$lib"; then
			die "cannot copy $lib for $p"
		fi
	done
}
if [ -n "$USERBIN" ] && [ -f "$USERBIN"/fxsd ]; then
	copy_bin "$USERBIN"/fxsd
	copy_bin "$USERBIN"/fxsctl
fi
for p in ${VM_BINS:-}; do
	copy_bin "$p"
done
# the shell tests' static helpers (tests/kselftest/tools/) and the clips
for p in "$TOOLS"/*; do
	[ -f "$p" ] && { cp "$p" "$ROOT"/bin/ || die "cannot copy $p"; }
done
if [ -d build/prompts ]; then
	mkdir -p "$ROOT"/prompts && cp build/prompts/*.s16 "$ROOT"/prompts/ 2>/dev/null
fi
# what the shell tests source (never run themselves)
mkdir -p "$ROOT"/tests/lib
cp tests/kselftest/lib/*.sh "$ROOT"/tests/lib/
: >"$ROOT"/tests/list
for t in "$KSELFTEST"/* tests/kselftest/*.sh ${VM_EXTRA:-}; do
	[ -f "$t" ] || continue
	name=$(basename "$t")
	if [ -n "${VM_TESTS:-}" ] && ! [[ " $VM_TESTS ${VM_EXTRA:-} " == *" $t "* ]] &&
		! [[ " $VM_TESTS " == *" $name "* ]]; then
		continue
	fi
	cp "$t" "$ROOT"/tests/
	echo "$name" >>"$ROOT"/tests/list
done
expected=$(cat "$ROOT"/tests/list)
# make vm and make demo: the virtual ATA's guest scripts
for f in tests/vm/board.sh tests/vm/vm-help.txt tests/vm/demo.sh; do
	[ ! -f "$f" ] || cp "$f" "$ROOT"/tests/ || die "cannot copy $f"
done
if [ "${VM_RELOAD:-1}" != 0 ]; then
	cp tests/vm/reload.sh "$ROOT"/tests/
	expected="$expected reload.sh"
fi
(cd "$ROOT" && find . | cpio -o -H newc --quiet | gzip -1) \
	>"$OUT"/initramfs.cpio.gz || die "cpio failed"

# The guest
rm -f "$CONSOLE" "$RESULTS" "$DMESG"
SMP=${VM_SMP:-1}
[[ $SMP =~ ^[1-9][0-9]*$ ]] || die "VM_SMP=$SMP: a CPU count expected"
qemu=("$QEMU" "${machine[@]}" -accel tcg -m 512 -smp "$SMP" -display none
	-monitor none -no-reboot -nic none -kernel "$kernel"
	-initrd "$OUT"/initramfs.cpio.gz)
case ${VM_MODE:-} in
shell)
	exec "${qemu[@]}" -serial mon:stdio -append \
		"console=$CON quiet panic=-1 fxs.mode=shell ${VM_APPEND:-}" ;;
demo)
	rm -f "$OUT"/answer.b64
	timeout "$TIMEOUT" "${qemu[@]}" -serial file:"$CONSOLE" \
		-serial stdio -serial file:"$OUT"/answer.b64 -append \
		"console=$CON quiet panic=-1 fxs.mode=demo ${VM_APPEND:-}" \
		</dev/null | tee "$RESULTS" | grep -v '^@@'
	rc=$(sed -n 's/^@@fxs-demo-end \([0-9]*\).*/\1/p' "$RESULTS" | tr -d '\r')
	[ -n "$rc" ] || { echo "demo: the guest did not finish (console: $CONSOLE)" >&2; exit 1; }
	exit "$rc" ;;
'') ;;
*) die "VM_MODE=$VM_MODE: shell or demo expected" ;;
esac
timeout "$TIMEOUT" "${qemu[@]}" -serial file:"$CONSOLE" "${results_port[@]}" \
	-append "console=$CON quiet panic=-1 fxs.out=$results_dev ${VM_APPEND:-}" \
	</dev/null
qemu_rc=$?

# The programs' TAP, as written by the guest
[ -f "$RESULTS" ] || : >"$RESULTS"
sed -i 's/\r$//' "$RESULTS"
awk '
	/^@@fxs-dmesg$/ { exit }
	/^@@fxs-begin / { print "# program " $2; inside = 1; next }
	/^@@fxs-end / { print "# program " $2 " exited " $3; inside = 0; next }
	/^@@/ { next }
	inside { print }
' "$RESULTS"
sed -n '/^@@fxs-dmesg$/,/^@@fxs-done$/p' "$RESULTS" >"$DMESG"

# The harness's own checks
n=0
fail=0
result() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n vm: $2"
	else
		echo "not ok $n vm: $2"
		fail=1
	fi
}

echo "TAP version 13"
if [ "$qemu_rc" = 124 ]; then
	result 1 "guest timed out after ${TIMEOUT}s (console: $CONSOLE)"
elif ! grep -q '^@@fxs-done$' "$RESULTS"; then
	result 1 "guest did not finish (qemu status $qemu_rc, console: $CONSOLE)"
else
	result 0 "guest booted $kver (-smp $SMP${VM_APPEND:+, $VM_APPEND}), ran the tests and powered off"
fi
if grep -q '^@@fxs-setup-failed' "$RESULTS"; then
	result 1 "module setup failed: $(sed -n '/^@@fxs-setup-failed/{n;p}' "$RESULTS")"
fi

# Each program: present, exited 0, as many results as its plan.
bad=""
for name in $expected; do
	rc=$(awk -v n="$name" '$1 == "@@fxs-end" && $2 == n { print $3 }' \
		"$RESULTS")
	section=$(awk -v n="$name" '
		$1 == "@@fxs-begin" && $2 == n { inside = 1; next }
		$1 == "@@fxs-end" { inside = 0 }
		inside' "$RESULTS")
	plan=$(echo "$section" | sed -n 's/^1\.\.\([0-9]*\).*/\1/p' | head -n1)
	count=$(echo "$section" | grep -cE '^(not )?ok [0-9]+')
	if [ -z "$rc" ]; then
		bad="$bad $name(no output)"
	elif [ "$rc" != 0 ]; then
		bad="$bad $name(exit $rc)"
	elif [ -z "$plan" ] || [ "$plan" != "$count" ]; then
		bad="$bad $name(plan ${plan:-none}, $count results)"
	fi
done
if [ -n "$bad" ]; then
	result 1 "programs failed or incomplete:$bad"
else
	result 0 "every program exited 0 with a complete plan"
fi

# The guest kernel log: the dmesg dump, or the console if it died.
# (slub_debug reports read "BUG kmalloc-64 (Tainted: ...): Poison overwritten")
pattern='BUG:|BUG [^ ]+ \(|WARNING:|Oops|soft lockup|hard LOCKUP|hung_task|blocked for more than|Kernel panic|general protection fault|UBSAN:|KASAN:|Poison overwritten|Redzone overwritten|Object already free|Freepointer corrupt'
log=$DMESG
[ -s "$log" ] || log=$CONSOLE
hits=$(grep -hE "$pattern" "$log" "$CONSOLE" 2>/dev/null | sort -u)
if [ -n "$hits" ]; then
	result 1 "guest kernel log: $(echo "$hits" | head -n1)"
	while read -r hit; do echo "# $hit"; done <<<"$hits"
else
	result 0 "guest kernel log has no BUG, WARNING, Oops, lockup or hung task"
fi
echo "1..$n"
echo "# guest logs: $CONSOLE $RESULTS $DMESG" >&2
exit $fail
