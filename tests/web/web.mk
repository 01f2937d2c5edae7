# web.mk: the web admin's suite (make check-web): curl-level tests of
# every URL and the browser tests (headless Chromium, playwright-core),
# against fxsd and a real tftpd-hpa on 127.0.0.1: the e2e harness's
# test_web group (tests/e2e/test_web.sh, tests/web/browser.mjs).
# Screenshots go to $(BUILD)/web-screenshots.

CHECK_SUITES += check-web

.PHONY: check-web
check-web: $(filter $(BUILD)/fxsd $(BUILD)/fxsctl,$(USER_PROGRAMS)) \
		$(BUILD)/bench/gen-profile
	@WEB_SHOTS=$(CURDIR)/$(BUILD)/web-screenshots E2E_KEEP=$(E2E_KEEP) \
		bash tests/e2e/run.sh $(BUILD) test_web
