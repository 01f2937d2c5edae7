# e2e.mk: the end-to-end suite: fxsd and fxsctl against real servers on
# 127.0.0.1 (tftpd-hpa, nginx + fcgiwrap, rsyslog), see tests/e2e/run.sh.
#
#   make check-e2e                       every group
#   make check-e2e E2E_GROUPS=test_kill  some groups
#   make check-e2e E2E_KEEP=1            keep the temp dir

CHECK_SUITES += check-e2e
E2E_GROUPS ?=

.PHONY: check-e2e
check-e2e: $(filter $(BUILD)/fxsd $(BUILD)/fxsctl,$(USER_PROGRAMS)) \
		$(BUILD)/bench/gen-profile
	@E2E_KEEP=$(E2E_KEEP) bash tests/e2e/run.sh $(BUILD) $(E2E_GROUPS)
