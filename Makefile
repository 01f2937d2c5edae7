# openfxs top-level Makefile: kernel modules (Kbuild, into kmod/), user
# programs (into build/), the test suites (make check) and the demo.
#
#   make            modules and user programs
#   make check      every test suite; ends with "N passed, N failed"
#   make demo       the virtual ATA in QEMU provisioning itself (tests/vm/vm.mk)
#   make vm         the same guest with a shell
#   make KDIR=...   build the modules against another kernel tree

SHELL := /bin/bash
BUILD := build

# Kernel tree: KDIR=, else the running kernel's, else the newest Debian
# linux-headers-6.1*-amd64 whose kernel image is in /boot (so the VM tests
# can boot what the modules were built for; 6.1 is bookworm's own kernel,
# the 6.12 leg has its own tree, KDIR_6_12), else the newest bootable
# headers, else the newest headers at all.
HEADER_DIRS := $(shell ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V)
BOOTABLE_HEADER_DIRS := $(foreach d,$(HEADER_DIRS),$(if $(wildcard \
	/boot/vmlinuz-$(patsubst /usr/src/linux-headers-%,%,$(d))),$(d)))
# bootable headers of kernel series $(1), e.g. 6.1 (not 6.12)
bootable_series = $(lastword $(filter /usr/src/linux-headers-$(1).% \
	/usr/src/linux-headers-$(1)-%,$(BOOTABLE_HEADER_DIRS)))
ifeq ($(origin KDIR),undefined)
KDIR := $(firstword $(wildcard /lib/modules/$(shell uname -r)/build) \
	$(call bootable_series,6.1) $(lastword $(BOOTABLE_HEADER_DIRS)) \
	$(lastword $(HEADER_DIRS)))
endif

CC ?= cc
USER_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -I$(CURDIR)/uapi -I$(CURDIR)/kmod
CFLAGS ?=
override CFLAGS += $(USER_CFLAGS)

# The kernel's kselftest harness and checkpatch, taken from linux-source-6.1.
LINUX_SOURCE_TAR := /usr/src/linux-source-6.1.tar.xz
KSRC := $(BUILD)/linux-source-6.1
KSFT_DIR := $(KSRC)/tools/testing/selftests
KSFT_HEADERS := $(KSFT_DIR)/kselftest_harness.h $(KSFT_DIR)/kselftest.h
CHECKPATCH := $(KSRC)/scripts/checkpatch.pl
# the kernel's semantic patches (make check-style runs them over kmod/)
COCCI_DIR := $(KSRC)/scripts/coccinelle
COCCI_MARK := $(COCCI_DIR)/misc/minmax.cocci

# Suites run by "make check"; each fragment adds its targets. A suite target
# prints TAP on stdout.
CHECK_SUITES :=
USER_PROGRAMS :=

.PHONY: all modules user check deps clean demo checkpatch sparse
all: modules user

include daemon/fxs-dtmf.mk
include daemon/fxsd.mk
include daemon/prompts/prompts.mk
include tests/kselftest/kselftest.mk
include tests/vm/vm.mk
include tests/vm/kernels.mk
include tests/vm/arm64/arm64.mk
include tests/install/install.mk
include tests/dt/dt.mk
include tests/engines/engines.mk
include tests/e2e/e2e.mk
include tests/web/web.mk
include tests/style/style.mk
include tests/uapi/uapi.mk
include tests/fuzz/fuzz.mk
include tests/asan/asan.mk
include tests/static/static.mk
include tests/bench/resync/resync.mk
include tests/prompts/prompts.mk

user: $(USER_PROGRAMS)

modules:
	@if [ -z "$(KDIR)" ] || [ ! -d "$(KDIR)" ]; then \
		echo "no kernel headers found: apt-get install linux-headers-amd64, or pass KDIR=" >&2; \
		exit 1; fi
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

# the modules plus the test-only ones (kmod/Kbuild: the Si321x emulator),
# for the VM legs; `make modules` right after drops them from modules.order
TEST_MODULES := OPENFXS_TEST_MODULES=m
.PHONY: test-modules
test-modules:
	@if [ -z "$(KDIR)" ] || [ ! -d "$(KDIR)" ]; then \
		echo "no kernel headers found: apt-get install linux-headers-amd64, or pass KDIR=" >&2; \
		exit 1; fi
	$(MAKE) -C $(KDIR) M=$(CURDIR) $(TEST_MODULES) modules

$(KSFT_HEADERS) $(CHECKPATCH) $(COCCI_MARK) &:
	@if [ ! -f $(LINUX_SOURCE_TAR) ]; then \
		echo "$(LINUX_SOURCE_TAR) missing: apt-get install linux-source-6.1" >&2; \
		exit 1; fi
	mkdir -p $(BUILD)
	tar -xJf $(LINUX_SOURCE_TAR) -C $(BUILD) \
		linux-source-6.1/tools/testing/selftests/kselftest_harness.h \
		linux-source-6.1/tools/testing/selftests/kselftest.h \
		linux-source-6.1/scripts/checkpatch.pl \
		linux-source-6.1/scripts/spelling.txt \
		linux-source-6.1/scripts/const_structs.checkpatch \
		linux-source-6.1/scripts/coccinelle
	touch $(KSFT_HEADERS) $(CHECKPATCH) $(COCCI_MARK)

deps:
	@bash tests/install-deps.sh

check: deps
	@$(MAKE) --no-print-directory all
	@rm -rf $(BUILD)/tap && mkdir -p $(BUILD)/tap
	@for suite in $(CHECK_SUITES); do \
		echo "# suite $$suite"; \
		$(MAKE) --no-print-directory -s $$suite 2>$(BUILD)/tap/$$suite.err | \
			tee $(BUILD)/tap/$$suite.tap; \
		echo $${PIPESTATUS[0]} > $(BUILD)/tap/$$suite.rc; \
	done
	@bash tests/tap-summary.sh $(BUILD)/tap

# Our kernel sources, without Kbuild's generated *.mod.c
KERNEL_SOURCES = $(filter-out %.mod.c,$(wildcard kmod/*.[ch])) \
	$(wildcard uapi/linux/*.h)

checkpatch: $(CHECKPATCH)
	perl $(CHECKPATCH) --strict --no-tree -f $(KERNEL_SOURCES)

sparse:
	$(MAKE) -C $(KDIR) M=$(CURDIR) C=2 $(TEST_MODULES) modules

# Installing, as out-of-tree modules do: Kbuild's modules_install puts the
# modules in $(DESTDIR)/lib/modules/KVER/$(INSTALL_MOD_DIR) and runs
# depmod there; install puts the programs and the uapi header under
# $(DESTDIR)$(PREFIX); dkms-source puts the kernel sources and dkms.conf in
# $(DESTDIR)/usr/src/openfxs-VERSION, where `dkms add` takes them.
PREFIX ?= /usr/local
INSTALL_MOD_DIR ?= updates
DKMS_VERSION := $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)
DKMS_SOURCE := $(DESTDIR)/usr/src/openfxs-$(DKMS_VERSION)
.PHONY: modules_install install dkms-source

# Kbuild keeps the kmod/ folder (updates/kmod/fxs.ko) and runs depmod only
# when the tree has a System.map, which Debian's headers lack: depmod here,
# for the release the modules were built for (their vermagic). Debian's
# headers ask to sign with the distribution's key, which only Debian has:
# CONFIG_MODULE_SIG_ALL= skips that (DKMS signs with its own key).
modules_install: modules
	$(MAKE) -C $(KDIR) M=$(CURDIR) INSTALL_MOD_PATH=$(abspath $(DESTDIR)) \
		INSTALL_MOD_DIR=$(INSTALL_MOD_DIR) CONFIG_MODULE_SIG_ALL= modules_install
	depmod -b $(or $(abspath $(DESTDIR)),/) \
		$$(modinfo -F vermagic kmod/fxs.ko | cut -d' ' -f1)

install: user
	install -d $(DESTDIR)$(PREFIX)/sbin $(DESTDIR)$(PREFIX)/bin \
		$(DESTDIR)$(PREFIX)/include/linux
	install -m 0755 $(BUILD)/fxsd $(DESTDIR)$(PREFIX)/sbin/
	install -m 0755 $(BUILD)/fxsctl $(BUILD)/fxs-dtmf $(DESTDIR)$(PREFIX)/bin/
	install -m 0644 uapi/linux/fxs.h $(DESTDIR)$(PREFIX)/include/linux/

# $(call install_kernel_tree,DIR): Kbuild, kmod/ and uapi/ as in the
# source, buildable with M=DIR. 6.12's Kbuild wants a Makefile in M= too;
# Kbuild is the file it reads.
define install_kernel_tree
	install -d $(1)/kmod $(1)/uapi/linux
	install -m 0644 Kbuild $(1)/
	install -m 0644 kmod/Kbuild $(filter-out %.mod.c,$(wildcard kmod/*.[ch])) $(1)/kmod/
	install -m 0644 uapi/linux/*.h $(1)/uapi/linux/
	echo "# openfxs kernel sources: Kbuild builds them (make -C KDIR M=this directory)" >$(1)/Makefile
endef

dkms-source:
	rm -rf $(DKMS_SOURCE)
	$(call install_kernel_tree,$(DKMS_SOURCE))
	install -m 0644 dkms.conf COPYING $(DKMS_SOURCE)/
	cp -r LICENSES $(DKMS_SOURCE)/

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null
	rm -rf $(BUILD)
