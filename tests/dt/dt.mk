# make dt-check: the device tree bindings and overlays in dts/ against
# dt-schema (tests/dt/dt-check.sh); prints TAP.

CHECK_SUITES += dt-check
.PHONY: dt-check

dt-check:
	@bash tests/dt/dt-check.sh
