#!/bin/bash
# Installs the Debian packages openfxs needs to build, test and demo.
# Run as root (CI does); as another user it prints the apt-get command.
set -e
packages=(
	# build
	build-essential gcc-multilib pkg-config sparse coccinelle cpio xz-utils
	# the OCaml compiler the scripted semantic patches of check-style need
	ocaml-nox
	linux-headers-amd64 linux-image-amd64 linux-source-6.1
	libcurl4-openssl-dev python3 libxml2-utils iproute2 libssl-dev zlib1g-dev libexpat1-dev
	libnl-3-dev libnl-route-3-dev libmicrohttpd-dev
	# make check-install (DKMS builds for every installed kernel)
	dkms
	# make dt-check (dt-doc-validate, dt-validate, dtc, fdtoverlay)
	dt-schema device-tree-compiler
	# VM harness
	qemu-system-x86 busybox-static
	# make check-arm64: QEMU's aarch64 machines and what the cross gcc
	# needs beside its driver: cc1, binutils, libgcc, libc. The driver
	# package gcc-12-aarch64-linux-gnu conflicts with gcc-multilib
	# (check-uapi's -m32): the leg downloads and unpacks it in build/
	qemu-system-arm binutils-aarch64-linux-gnu cpp-12-aarch64-linux-gnu
	libgcc-12-dev-arm64-cross libc6-dev-arm64-cross
	# servers and tools used by the end-to-end tests
	tftpd-hpa tftp-hpa nginx rsyslog fcgiwrap openssl gzip curl
	# DTMF peers, corpora and prompt sources
	libspandsp-dev multimon-ng sox espeak-ng valgrind
	asterisk-core-sounds-en-wav asterisk-moh-opsound-wav
	# talk-off corpus (tests/dtmf/corpus.sh): more languages, a second TTS
	asterisk-core-sounds-es-wav asterisk-core-sounds-fr-wav
	asterisk-core-sounds-it-wav asterisk-core-sounds-ru-wav flite
	# resync benchmark (make bench-resync)
	hyperfine strace
	# fuzzers (make fuzz, check-fuzz): clang, and libclang_rt.fuzzer,
	# which libclang-rt-14-dev ships; static analysis (check-static):
	# scan-build (clang-tools) and cppcheck
	clang libclang-rt-14-dev clang-tools cppcheck
	# browser tests (make check-web): Debian's chromium, driven by
	# playwright-core from npm (package.json and its lock, below)
	chromium nodejs
)
missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
install_missing() {
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" != 0 ]; then
		echo "missing packages; run as root: apt-get install ${missing[*]}" >&2
		exit 1
	fi
	echo "installing: ${missing[*]}" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >&2
	apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
}
install_missing

# The kernel matrix's 6.12 leg (make check-6.12): Debian's 6.12 image and
# headers, from bookworm-backports (linux-image-amd64 and
# linux-headers-amd64 there). After bookworm's own, so that 6.1's are
# installed first and stay beside them.
backports=(linux-image-6.12.*-amd64 linux-headers-6.12.*-amd64)
BACKPORTS_LIST=/etc/apt/sources.list.d/bookworm-backports.sources
backports_enabled() {
	grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/
}
enable_backports() {
	echo "install-deps: enabling bookworm-backports in $BACKPORTS_LIST" >&2
	cat >"$BACKPORTS_LIST" <<-EOF
		Types: deb
		URIs: http://deb.debian.org/debian
		Suites: bookworm-backports
		Components: main
		Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
	EOF
}
backports_installed() {
	ls -d /usr/src/linux-headers-6.12.*-amd64 >/dev/null 2>&1 &&
		ls /boot/vmlinuz-6.12.*-amd64 >/dev/null 2>&1
}
if ! backports_installed; then
	if [ "$(id -u)" != 0 ]; then
		echo "6.12 kernel missing; run as root: bash $0 (enables bookworm-backports, installs ${backports[*]})" >&2
		exit 1
	fi
	backports_enabled || enable_backports
	echo "installing from bookworm-backports: linux-image-amd64 linux-headers-amd64 (6.12)" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >&2
	apt-get install -y -q --no-install-recommends -t bookworm-backports \
		linux-image-amd64 linux-headers-amd64 >&2
fi

# make check-arm64's fxsd and fxsctl: the libraries they link, for arm64
# (multiarch: the arm64 architecture added to dpkg, the :arm64 -dev
# packages beside the amd64 ones). The leg also downloads (never
# installs) Debian's arm64 kernel image and headers and busybox-static
# with apt-get download, which needs the arm64 package lists too.
arm64_packages=(libcurl4-openssl-dev:arm64 libssl-dev:arm64 zlib1g-dev:arm64
	libexpat1-dev:arm64 libnl-3-dev:arm64 libnl-route-3-dev:arm64
	libmicrohttpd-dev:arm64)
arm64_missing=()
for p in "${arm64_packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		arm64_missing+=("$p")
done
if [ ${#arm64_missing[@]} -gt 0 ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "arm64 libraries missing; run as root: dpkg --add-architecture arm64 && apt-get update && apt-get install ${arm64_missing[*]}" >&2
		exit 1
	fi
	if ! dpkg --print-foreign-architectures | grep -qx arm64; then
		echo "install-deps: adding the arm64 architecture (dpkg --add-architecture arm64)" >&2
		dpkg --add-architecture arm64
	fi
	echo "installing for arm64: ${arm64_missing[*]}" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >&2
	apt-get install -y -q --no-install-recommends "${arm64_missing[@]}" >&2
fi

# make check-web's browser tests: playwright-core as package-lock.json
# pins it, into node_modules/ at the top of the tree (npm ci). Debian's
# npm package only when no npm came with nodejs.
repo=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v npm >/dev/null; then
	if [ "$(id -u)" != 0 ]; then
		echo "npm missing; run as root: apt-get install npm" >&2
		exit 1
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends npm >&2
fi
if ! cmp -s "$repo/package-lock.json" "$repo/node_modules/.package-lock.json.ci" 2>/dev/null; then
	echo "install-deps: npm ci (playwright-core for the browser tests)" >&2
	(cd "$repo" && npm ci --no-audit --no-fund --ignore-scripts >&2 &&
		cp package-lock.json node_modules/.package-lock.json.ci)
fi
