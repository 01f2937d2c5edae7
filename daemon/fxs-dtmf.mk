# fxs-dtmf.mk: the offline DTMF decoder (daemon/tools/fxs-dtmf.c over the
# kernel's kmod/fxs_dtmf.c), its host tests (make check-dtmf, TAP) and the
# benchmark against spandsp and multimon-ng (make bench-dtmf, not in check).

USER_PROGRAMS += $(BUILD)/fxs-dtmf
CHECK_SUITES += check-dtmf

DTMF_TEST_DIR := tests/dtmf
DTMF_BENCH_DIR := tests/bench/dtmf

$(BUILD)/fxs-dtmf: daemon/tools/fxs-dtmf.c kmod/fxs_dtmf.c kmod/fxs_dtmf.h
	@mkdir -p $(BUILD)
	$(CC) $(CFLAGS) -o $@ daemon/tools/fxs-dtmf.c kmod/fxs_dtmf.c

$(BUILD)/dtmf-gen: $(DTMF_TEST_DIR)/dtmf-gen.c
	@mkdir -p $(BUILD)
	$(CC) $(CFLAGS) -o $@ $< -lm

$(BUILD)/spandsp-dtmf: $(DTMF_BENCH_DIR)/spandsp-dtmf.c
	@mkdir -p $(BUILD)
	$(CC) $(CFLAGS) -o $@ $< -lspandsp

.PHONY: check-dtmf bench-dtmf
check-dtmf: $(BUILD)/fxs-dtmf $(BUILD)/dtmf-gen
	@bash $(DTMF_TEST_DIR)/check-dtmf.sh $(BUILD)

bench-dtmf: $(BUILD)/fxs-dtmf $(BUILD)/dtmf-gen $(BUILD)/spandsp-dtmf
	@bash $(DTMF_BENCH_DIR)/bench-dtmf.sh $(BUILD)
