# In-guest kernel selftests (kselftest harness, TAP): every
# tests/kselftest/*_test.c becomes build/kselftest/<name>, linked with every
# tests/kselftest/*_lib.c and libfxsd's file helpers (daemon/lib/fileio.c),
# static so the VM's initramfs needs no shared libraries. They run inside QEMU through `make check-vm` (tests/vm/vm.mk).
# `make kselftest-progs` only builds them, and the static helpers the shell
# tests call (tests/kselftest/tools/NAME.c -> build/kselftest-tools/NAME
# with _ as -, copied to the guest's /bin).

KSELFTEST_SRC := tests/kselftest
KSELFTEST_BUILD := $(BUILD)/kselftest
KSELFTEST_TESTS := $(wildcard $(KSELFTEST_SRC)/*_test.c)
KSELFTEST_LIBS := $(wildcard $(KSELFTEST_SRC)/*_lib.c) daemon/lib/fileio.c
KSELFTEST_HDRS := $(wildcard $(KSELFTEST_SRC)/*.h)
KSELFTEST_BINS := $(patsubst $(KSELFTEST_SRC)/%.c,$(KSELFTEST_BUILD)/%, \
	$(KSELFTEST_TESTS))
KSELFTEST_SCRIPTS := $(wildcard $(KSELFTEST_SRC)/*.sh)
KSELFTEST_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -static \
	-isystem $(KSFT_DIR) -Iuapi -I$(KSELFTEST_SRC) -iquote daemon/lib

KSELFTEST_TOOLS_BUILD := $(BUILD)/kselftest-tools
KSELFTEST_TOOLS := $(subst _,-,$(patsubst $(KSELFTEST_SRC)/tools/%.c, \
	$(KSELFTEST_TOOLS_BUILD)/%,$(wildcard $(KSELFTEST_SRC)/tools/*.c))) \
	$(KSELFTEST_TOOLS_BUILD)/dtmf-gen

.PHONY: kselftest-progs kselftest-clean
kselftest-progs: $(KSELFTEST_BINS) $(KSELFTEST_TOOLS)

$(KSELFTEST_TOOLS_BUILD)/fxs-%: $(KSELFTEST_SRC)/tools/fxs_%.c uapi/linux/fxs.h
	@mkdir -p $(KSELFTEST_TOOLS_BUILD)
	$(CC) $(KSELFTEST_CFLAGS) -o $@ $< -lm

# the DTMF generator of the detector tests, static for the guest
$(KSELFTEST_TOOLS_BUILD)/dtmf-gen: tests/dtmf/dtmf-gen.c
	@mkdir -p $(KSELFTEST_TOOLS_BUILD)
	$(CC) $(KSELFTEST_CFLAGS) -o $@ $< -lm

$(KSELFTEST_BUILD)/%_test: $(KSELFTEST_SRC)/%_test.c $(KSELFTEST_LIBS) \
		$(KSELFTEST_HDRS) daemon/lib/fileio.h $(KSFT_HEADERS) \
		uapi/linux/fxs.h
	@mkdir -p $(KSELFTEST_BUILD)
	$(CC) $(KSELFTEST_CFLAGS) -o $@ $< $(KSELFTEST_LIBS) -lm

kselftest-clean:
	rm -rf $(KSELFTEST_BUILD) $(KSELFTEST_TOOLS_BUILD)
