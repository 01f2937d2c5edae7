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
# linux-headers-*-amd64 whose kernel image is in /boot (so the VM tests can
# boot what the modules were built for), else the newest headers at all.
ifeq ($(origin KDIR),undefined)
HEADER_DIRS := $(shell ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V)
BOOTABLE_HEADER_DIRS := $(foreach d,$(HEADER_DIRS),$(if $(wildcard \
	/boot/vmlinuz-$(patsubst /usr/src/linux-headers-%,%,$(d))),$(d)))
KDIR := $(firstword $(wildcard /lib/modules/$(shell uname -r)/build) \
	$(lastword $(BOOTABLE_HEADER_DIRS)) $(lastword $(HEADER_DIRS)))
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
include tests/engines/engines.mk
include tests/e2e/e2e.mk
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
	$(MAKE) -C $(KDIR) M=$(CURDIR) C=2 modules

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null
	rm -rf $(BUILD)
