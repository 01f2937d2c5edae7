# make check-install: modules_install, install and DKMS into trees under
# build/install-test (tests/install/check-install.sh); prints TAP.

CHECK_SUITES += check-install
.PHONY: check-install

check-install: modules user
	@bash tests/install/check-install.sh
