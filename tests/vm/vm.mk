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

check-vm: modules $(KSELFTEST_BINS) $(KSELFTEST_TOOLS) $(PROMPT_CLIPS) $(BUILD)/fxsd $(BUILD)/fxsctl
	@VM_SMP="$(VM_SMP)" VM_APPEND="$(VM_APPEND)" bash $(VM_DIR)/run.sh

vm-clean:
	rm -rf $(VM_BUILD)

# make vm: the same guest with no tests, the virtual ATA up (a sim board
# live, fxsd running) and a shell on this terminal (tests/vm/vm-help.txt)
VM_PARTS := modules $(KSELFTEST_BINS) $(KSELFTEST_TOOLS) $(PROMPT_CLIPS) \
	$(BUILD)/fxsd $(BUILD)/fxsctl
vm: $(VM_PARTS)
	@VM_MODE=shell bash $(VM_DIR)/run.sh
