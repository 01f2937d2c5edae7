#!/bin/bash
# Installs the Debian packages openfxs needs to build, test and demo.
# Run as root (CI does); as another user it prints the apt-get command.
set -e
packages=(
	# build
	build-essential gcc-multilib pkg-config sparse coccinelle cpio xz-utils
	linux-headers-amd64 linux-image-amd64 linux-source-6.1
	libcurl4-openssl-dev python3 libxml2-utils iproute2 libssl-dev zlib1g-dev libexpat1-dev
	libnl-3-dev libnl-route-3-dev libmicrohttpd-dev
	# VM harness
	qemu-system-x86 busybox-static
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
)
missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "missing packages; run as root: apt-get install ${missing[*]}" >&2
	exit 1
fi
echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >&2
apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
