#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make check-install: `make modules_install install` into a DESTDIR, and
# DKMS (dkms add, build -k, install -k) for every Debian kernel with
# headers and an image (6.1 and 6.12), in DKMS trees under build/, so the
# system's /var/lib/dkms and /lib/modules stay untouched. Prints TAP.
set -u
cd "$(dirname "$0")/../.." || exit 1

OUT=${INSTALL_OUT:-build/install-test}
n=0 failed=0
result() { # result STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n $2"
	else
		echo "not ok $n $2"
		failed=1
	fi
}
# kernels: Debian headers whose image is in /boot
kernels=()
for d in /usr/src/linux-headers-*-amd64; do
	k=${d#/usr/src/linux-headers-}
	[ -r "/boot/vmlinuz-$k" ] && kernels+=("$k")
done

rm -rf "$OUT" && mkdir -p "$OUT" || exit 1
dest=$(realpath "$OUT")/dest

# make modules_install install
kver=$(modinfo -F vermagic kmod/fxs.ko 2>/dev/null | cut -d' ' -f1)
make -s modules_install install DESTDIR="$dest" PREFIX=/usr >"$OUT"/install.log 2>&1
result $? "make modules_install install DESTDIR= (log $OUT/install.log)"
for m in fxs fxs_sim fxs_si321x; do
	f=$dest/lib/modules/$kver/updates/kmod/$m.ko
	[ "$(modinfo -F vermagic "$f" 2>/dev/null | cut -d' ' -f1)" = "$kver" ]
	result $? "modules_install put $m.ko for $kver in DESTDIR/lib/modules/$kver/updates/kmod"
done
# the test-only register emulator is never installed, even after make test-modules
[ -z "$(find "$dest/lib/modules" -name 'fxs_si321x_emu*')" ]
result $? "modules_install left out the test-only fxs_si321x_emu.ko"
grep -q 'updates/kmod/fxs_sim.ko:.*updates/kmod/fxs.ko' "$dest/lib/modules/$kver/modules.dep" 2>/dev/null
result $? "depmod in DESTDIR: fxs_sim.ko depends on fxs.ko"
for f in usr/sbin/fxsd usr/bin/fxsctl usr/bin/fxs-dtmf; do
	[ -x "$dest/$f" ]
	result $? "install put DESTDIR/$f"
done
cmp -s uapi/linux/fxs.h "$dest/usr/include/linux/fxs.h"
result $? "install put the uapi header in DESTDIR/usr/include/linux/fxs.h"
echo '#include <linux/fxs.h>
int main(void) { return FXS_IOC_MAGIC == 0; }' >"$OUT"/uapi.c
cc -I"$dest/usr/include" -o "$OUT"/uapi "$OUT"/uapi.c 2>"$OUT"/uapi.log
result $? "a program builds against the installed uapi header"

# DKMS
if ! command -v dkms >/dev/null; then
	result 1 "dkms missing (apt-get install dkms)"
	echo "1..$n"
	exit 1
fi
make -s dkms-source DESTDIR="$(realpath "$OUT")/src" >"$OUT"/dkms-source.log 2>&1
result $? "make dkms-source DESTDIR="
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)
trees=(--dkmstree "$(realpath "$OUT")/dkms" --sourcetree "$(realpath "$OUT")/src/usr/src"
	--installtree "$(realpath "$OUT")/modules")
mkdir -p "$OUT"/dkms "$OUT"/modules
dkms "${trees[@]}" add -m openfxs -v "$ver" >"$OUT"/dkms-add.log 2>&1
result $? "dkms add openfxs/$ver"
[ ${#kernels[@]} -ge 1 ]
result $? "kernels to build for: ${kernels[*]}"
for k in "${kernels[@]}"; do
	mkdir -p "$OUT/modules/$k"
	dkms "${trees[@]}" build -m openfxs -v "$ver" -k "$k" >"$OUT/dkms-build-$k.log" 2>&1
	result $? "dkms build -k $k (log $OUT/dkms-build-$k.log)"
	dkms "${trees[@]}" install -m openfxs -v "$ver" -k "$k" >"$OUT/dkms-install-$k.log" 2>&1
	result $? "dkms install -k $k"
	for m in fxs fxs_sim fxs_si321x; do
		f=$(ls "$OUT/modules/$k/updates/dkms/$m.ko"* 2>/dev/null | head -n1)
		[ -n "$f" ] && [ "$(modinfo -F vermagic "$f" | cut -d' ' -f1)" = "$k" ]
		result $? "dkms installed $m.ko built for $k"
	done
	[ -z "$(find "$OUT/modules/$k" -name 'fxs_si321x_emu*')" ]
	result $? "dkms left out the test-only fxs_si321x_emu.ko for $k"
done
# a kernel without headers: dkms refuses, nothing is installed for it
dkms "${trees[@]}" build -m openfxs -v "$ver" -k 0.0.0-none >"$OUT"/dkms-none.log 2>&1
[ $? != 0 ] && [ ! -e "$OUT/modules/0.0.0-none" ]
result $? "dkms build -k for a kernel without headers fails and installs nothing"
echo "1..$n"
exit $failed
