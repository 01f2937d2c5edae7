# The VM harness: boots the Debian kernel the modules were built for in
# QEMU (TCG) from an initramfs holding busybox, configfs.ko, fxs.ko,
# fxs_sim.ko, every build/kselftest program and tests/kselftest/*.sh, runs
# them, then reloads the modules (tests/vm/reload.sh). `make check-vm`
# prints the TAP; see tests/vm/README.

VM_DIR := tests/vm
VM_BUILD := $(BUILD)/vm

CHECK_SUITES += check-vm
.PHONY: check-vm vm demo vm-clean

# check-vm boots two CPUs with SLUB debugging (sanity checks, redzones,
# poisoning, user tracking): about 90 s for everything. Override with
# e.g. make check-vm VM_SMP=1 VM_APPEND=
VM_SMP ?= 2
VM_APPEND ?= slub_debug=FZPU

check-vm: test-modules $(KSELFTEST_BINS) $(KSELFTEST_TOOLS) $(PROMPT_CLIPS) $(BUILD)/fxsd $(BUILD)/fxsctl
	@VM_SMP="$(VM_SMP)" VM_APPEND="$(VM_APPEND)" bash $(VM_DIR)/run.sh

vm-clean:
	rm -rf $(VM_BUILD)

# make vm: the same guest with no tests, the virtual ATA up (a sim board
# live, fxsd running) and a shell on this terminal (tests/vm/vm-help.txt)
VM_PARTS := test-modules $(KSELFTEST_BINS) $(KSELFTEST_TOOLS) $(PROMPT_CLIPS) \
	$(BUILD)/fxsd $(BUILD)/fxsctl
vm: $(VM_PARTS)
	@VM_MODE=shell bash $(VM_DIR)/run.sh

# make demo: on a fresh Debian 12, the packages (tests/install-deps.sh),
# the build, then the guest telling the story (tests/vm/demo.sh); the
# IVR's answer becomes $(BUILD)/demo/ivr-answer.wav
DEMO_OUT := $(BUILD)/demo
demo: deps
	@mkdir -p $(BUILD)
	@$(MAKE) --no-print-directory -s $(VM_PARTS) >$(BUILD)/demo-build.log 2>&1 || \
		{ echo "demo: the build failed (see $(BUILD)/demo-build.log)" >&2; exit 1; }
	@echo "openfxs demo: a virtual ATA boots in QEMU (TCG, no network)."
	@VM_MODE=demo VM_OUT=$(DEMO_OUT) VM_TIMEOUT=150 bash $(VM_DIR)/run.sh
	@tr -d '\r' <$(DEMO_OUT)/answer.b64 | base64 -d >$(DEMO_OUT)/ivr-answer.raw && \
		sox -q -t raw -r 8000 -e signed -b 16 -c 1 -L $(DEMO_OUT)/ivr-answer.raw \
			$(DEMO_OUT)/ivr-answer.wav && \
		echo "The IVR's answer is saved as $(DEMO_OUT)/ivr-answer.wav." || \
		{ echo "demo: no IVR answer to save" >&2; exit 1; }
