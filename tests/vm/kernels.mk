# The kernel matrix beside check-vm (6.1 x86_64): `make check-6.12` builds
# the modules W=1, warnings as errors, against Debian bookworm-backports'
# 6.12 headers, in a copy of the sources under build/kmod-6.12 (kmod/*.ko
# stay 6.1's), and runs the VM suite on that kernel, ending with the leg's
# "N passed, N failed". tests/install-deps.sh installs the kernel.

KDIR_6_12 ?= $(call bootable_series,6.12)
KMOD_6_12 := $(BUILD)/kmod-6.12
VM_OUT_6_12 ?= $(BUILD)/vm-6.12

# fxsd_ivr.sh plays the IVR's prompts in real time (minutes) through
# user-space code the kernel version does not change: check-vm runs it
K6_12_SKIP_TESTS := fxsd_ivr.sh
K6_12_TESTS = $(filter-out $(K6_12_SKIP_TESTS),$(notdir $(KSELFTEST_BINS) \
	$(KSELFTEST_SCRIPTS)))

CHECK_SUITES += check-6.12
.PHONY: check-6.12 modules-6.12 sparse-6.12

$(KMOD_6_12)/.synced: Kbuild $(wildcard kmod/*.[ch] kmod/Kbuild uapi/linux/*.h)
	$(call install_kernel_tree,$(KMOD_6_12))
	@touch $@

modules-6.12: $(KMOD_6_12)/.synced
	@if [ -z "$(KDIR_6_12)" ]; then \
		echo "no bootable 6.12 headers: bash tests/install-deps.sh installs linux-image-amd64 and linux-headers-amd64 from bookworm-backports" >&2; \
		exit 1; fi
	$(MAKE) -C $(KDIR_6_12) M=$(CURDIR)/$(KMOD_6_12) W=1 KCFLAGS=-Werror \
		$(TEST_MODULES) modules

sparse-6.12: $(KMOD_6_12)/.synced
	$(MAKE) -C $(KDIR_6_12) M=$(CURDIR)/$(KMOD_6_12) C=2 $(TEST_MODULES) modules

# $(call run_leg,NAME,COMMAND): COMMAND's TAP, then the leg's own
# "N passed, N failed" line (tests/tap-summary.sh over this leg alone).
define run_leg
	@rm -rf $(BUILD)/tap-$(1) && mkdir -p $(BUILD)/tap-$(1)
	@touch $(BUILD)/tap-$(1)/$(1).err
	@$(2) | tee $(BUILD)/tap-$(1)/$(1).tap; \
		echo $${PIPESTATUS[0]} >$(BUILD)/tap-$(1)/$(1).rc
	@bash tests/tap-summary.sh $(BUILD)/tap-$(1)
endef

check-6.12: modules-6.12 $(KSELFTEST_BINS) $(KSELFTEST_TOOLS) $(PROMPT_CLIPS) \
		$(BUILD)/fxsd $(BUILD)/fxsctl
	$(call run_leg,check-6.12,VM_MODDIR=$(KMOD_6_12)/kmod VM_OUT=$(VM_OUT_6_12) \
		VM_TESTS="$(K6_12_TESTS)" \
		VM_SMP="$(VM_SMP)" VM_APPEND="$(VM_APPEND)" bash $(VM_DIR)/run.sh)
