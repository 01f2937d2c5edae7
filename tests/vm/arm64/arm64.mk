# The kernel matrix's arm64 leg: `make check-arm64` cross-builds the
# modules (aarch64-linux-gnu-gcc, W=1, warnings as errors) against
# Debian's arm64 6.1 headers, the guest programs (kselftests and helpers
# static, fxsd and fxsctl against the multiarch :arm64 libraries), and
# boots Debian's arm64 kernel on qemu-system-aarch64 -machine virt (TCG)
# with a device tree made of QEMU's own (dumpdtb) and
# dts/qemu-virt-fxs-sim.dtso, so that the kernel instantiates the sim
# board and fxs_sim binds to it (tests/vm/arm64/fxs_sim_dt.sh). It ends
# with the leg's "N passed, N failed".
#
# Debian's arm64 image and headers are downloaded (apt-get download, the
# arm64 architecture added by tests/install-deps.sh), never installed:
# they are unpacked in $(ARM64_ROOT), at the ABI and version of the host's
# 6.1 headers, whose linux-kbuild-6.1 (amd64 programs, Multi-Arch: foreign)
# the arm64 headers' scripts and tools links are pointed at.

ARM64_HOST_KDIR := $(call bootable_series,6.1)
# linux-headers-6.1.0-N-amd64 -> 6.1.0-N-arm64
ARM64_KVER := $(patsubst /usr/src/linux-headers-%-amd64,%-arm64,$(ARM64_HOST_KDIR))
ARM64_PKG_VERSION = $(shell dpkg-query -W -f='$${Version}' \
	linux-headers-$(ARM64_KVER:%-arm64=%)-common 2>/dev/null)
ARM64_ROOT := $(BUILD)/arm64-root
ARM64_KDIR := $(ARM64_ROOT)/usr/src/linux-headers-$(ARM64_KVER)
ARM64_BUILD := $(BUILD)/arm64
KMOD_ARM64 := $(BUILD)/kmod-arm64
VM_OUT_ARM64 ?= $(BUILD)/vm-arm64
# The cross gcc: Debian's gcc-12-aarch64-linux-gnu conflicts with
# gcc-multilib, which check-uapi needs, so its driver is downloaded and
# unpacked in $(ARM64_TOOLCHAIN) (never installed), beside links to the
# installed parts that do not conflict (cc1, libgcc, binutils, the
# libc6-dev-arm64-cross sysroot; tests/install-deps.sh).
ARM64_TOOLCHAIN := $(BUILD)/arm64-toolchain
ARM64_CROSS := $(CURDIR)/$(ARM64_TOOLCHAIN)/usr/bin/aarch64-linux-gnu-
ARM64_CC := $(ARM64_CROSS)gcc-12
ARM64_GCCLIB := usr/lib/gcc-cross/aarch64-linux-gnu/12
ARM64_LIBDIRS := /usr/lib/aarch64-linux-gnu /lib/aarch64-linux-gnu
ARM64_PKG_CONFIG_LIBDIR := /usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig
# QEMU's machine: the device tree is dumped with the options the guest
# boots with (-m as in run.sh, -smp VM_SMP), since it lists CPUs and memory
ARM64_MACHINE := virt
ARM64_CPU := cortex-a57
ARM64_DTB := $(VM_OUT_ARM64)/virt-fxs-sim-smp$(VM_SMP).dtb
# fxsd_ivr.sh plays the IVR's prompts in real time (about 3 min): its
# user-space logic is the same on both architectures and check-vm runs it
ARM64_SKIP_TESTS := fxsd_ivr.sh
ARM64_TESTS := $(filter-out $(ARM64_SKIP_TESTS),$(notdir $(KSELFTEST_BINS) \
	$(KSELFTEST_SCRIPTS)))

CHECK_SUITES += check-arm64
.PHONY: check-arm64 modules-arm64 arm64-progs arm64-dtb arm64-kernel \
	arm64-toolchain

$(ARM64_ROOT)/.unpacked:
	@if [ -z "$(ARM64_KVER)" ] || [ -z "$(ARM64_PKG_VERSION)" ]; then \
		echo "no 6.1 amd64 headers to match: bash tests/install-deps.sh" >&2; \
		exit 1; fi
	rm -rf $(ARM64_ROOT) && mkdir -p $(ARM64_ROOT)/debs
	cd $(ARM64_ROOT)/debs && apt-get download \
		linux-image-$(ARM64_KVER):arm64=$(ARM64_PKG_VERSION) \
		linux-headers-$(ARM64_KVER):arm64=$(ARM64_PKG_VERSION) \
		busybox-static:arm64
	for d in $(ARM64_ROOT)/debs/*.deb; do dpkg-deb -x $$d $(ARM64_ROOT) || exit 1; done
	ln -sfn /usr/lib/linux-kbuild-6.1/scripts $(ARM64_KDIR)/scripts
	ln -sfn /usr/lib/linux-kbuild-6.1/tools $(ARM64_KDIR)/tools
	@touch $@

arm64-kernel: $(ARM64_ROOT)/.unpacked

$(ARM64_TOOLCHAIN)/.unpacked:
	rm -rf $(ARM64_TOOLCHAIN) && mkdir -p $(ARM64_TOOLCHAIN)/debs
	cd $(ARM64_TOOLCHAIN)/debs && apt-get download \
		gcc-12-aarch64-linux-gnu=$$(dpkg-query -W -f='$${Version}' cpp-12-aarch64-linux-gnu)
	dpkg-deb -x $(ARM64_TOOLCHAIN)/debs/*.deb $(ARM64_TOOLCHAIN)
	for f in /$(ARM64_GCCLIB)/*; do \
		[ -e $(ARM64_TOOLCHAIN)/$(ARM64_GCCLIB)/$${f##*/} ] || \
			ln -s $$f $(ARM64_TOOLCHAIN)/$(ARM64_GCCLIB)/ || exit 1; done
	for f in /usr/bin/aarch64-linux-gnu-*; do \
		[ -e $(ARM64_TOOLCHAIN)/usr/bin/$${f##*/} ] || \
			ln -s $$f $(ARM64_TOOLCHAIN)/usr/bin/ || exit 1; done
	ln -sfn /usr/aarch64-linux-gnu $(ARM64_TOOLCHAIN)/usr/aarch64-linux-gnu
	$(ARM64_CC) --version >/dev/null
	@touch $@

arm64-toolchain: $(ARM64_TOOLCHAIN)/.unpacked

$(KMOD_ARM64)/.synced: Kbuild $(wildcard kmod/*.[ch] kmod/Kbuild uapi/linux/*.h)
	$(call install_kernel_tree,$(KMOD_ARM64))
	@touch $@

modules-arm64: $(ARM64_ROOT)/.unpacked $(ARM64_TOOLCHAIN)/.unpacked $(KMOD_ARM64)/.synced
	$(MAKE) -C $(ARM64_KDIR) M=$(CURDIR)/$(KMOD_ARM64) \
		CROSS_COMPILE=$(ARM64_CROSS) W=1 KCFLAGS=-Werror $(TEST_MODULES) modules

# the guest's programs, built by this Makefile for arm64 in $(ARM64_BUILD)
arm64-progs: $(ARM64_TOOLCHAIN)/.unpacked
	PKG_CONFIG_LIBDIR=$(ARM64_PKG_CONFIG_LIBDIR) $(MAKE) BUILD=$(ARM64_BUILD) \
		CC=$(ARM64_CC) kselftest-progs \
		$(ARM64_BUILD)/fxsd $(ARM64_BUILD)/fxsctl

# (QEMU pads the dump to 1 MiB, with which the guest kernel does not
# start; fdtoverlay writes the merged tree compact)
# (and dts/qemu-virt-si321x.dtso: the Si321x register emulator and its chips)
$(ARM64_DTB): dts/qemu-virt-fxs-sim.dtso dts/qemu-virt-si321x.dtso
	@mkdir -p $(VM_OUT_ARM64)
	qemu-system-aarch64 -machine $(ARM64_MACHINE),dumpdtb=$(VM_OUT_ARM64)/virt-smp$(VM_SMP).dtb \
		-cpu $(ARM64_CPU) -m 512 -smp $(VM_SMP) -accel tcg -display none -nic none
	dtc -q -@ -I dts -O dtb -o $(VM_OUT_ARM64)/fxs-sim.dtbo $<
	dtc -q -@ -I dts -O dtb -o $(VM_OUT_ARM64)/si321x.dtbo dts/qemu-virt-si321x.dtso
	fdtoverlay -i $(VM_OUT_ARM64)/virt-smp$(VM_SMP).dtb -o $@ $(VM_OUT_ARM64)/fxs-sim.dtbo \
		$(VM_OUT_ARM64)/si321x.dtbo

arm64-dtb: $(ARM64_DTB)

check-arm64: modules-arm64 arm64-progs $(ARM64_DTB) $(PROMPT_CLIPS)
	$(call run_leg,check-arm64,VM_QEMU=qemu-system-aarch64 \
		VM_MACHINE=$(ARM64_MACHINE) VM_CPU=$(ARM64_CPU) VM_DTB=$(ARM64_DTB) \
		VM_CONSOLE=ttyAMA0 VM_RESULTS_PORT=virtio \
		VM_KERNEL=$(ARM64_ROOT)/boot/vmlinuz-$(ARM64_KVER) \
		VM_MODROOT=$(ARM64_ROOT)/lib/modules \
		VM_BUSYBOX=$(ARM64_ROOT)/bin/busybox \
		VM_MODDIR=$(KMOD_ARM64)/kmod VM_KSELFTEST=$(ARM64_BUILD)/kselftest \
		VM_TOOLS=$(ARM64_BUILD)/kselftest-tools VM_USERBIN=$(ARM64_BUILD) \
		VM_LIBDIRS="$(ARM64_LIBDIRS)" VM_TESTS="$(ARM64_TESTS)" \
		VM_EXTRA=$(VM_DIR)/arm64/fxs_sim_dt.sh VM_OUT=$(VM_OUT_ARM64) \
		VM_SMP="$(VM_SMP)" VM_APPEND="$(VM_APPEND)" bash $(VM_DIR)/run.sh)
