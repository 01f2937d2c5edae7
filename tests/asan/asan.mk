# asan.mk: the user half under AddressSanitizer, LeakSanitizer and
# UndefinedBehaviorSanitizer (make check-asan, TAP): libfxsd, fxsd, fxsctl
# and the daemon unit tests built with $(ASAN_SAN) into $(ASAN_BUILD), a
# build dir of its own (a sub-make with BUILD=$(ASAN_BUILD), so these
# objects never mix with the normal ones), then the unit tests and the
# end-to-end suite run on them with every sanitizer report fatal; see
# tests/asan/check-asan.sh.
#
#   make check-asan                      unit tests and every e2e group
#   make check-asan ASAN_E2E_GROUPS=...  some e2e groups
#   make check-asan ASAN_E2E_KILLS=200   as many kill -9 rounds as check-e2e

ASAN_BUILD := $(BUILD)/asan
# GCC 12 warns wrongly under -fsanitize=address (the instrumentation
# confuses its object-size tracking): -Warray-bounds and
# -Wstringop-overread on ctl_client.c's memmove of a fileio_read_fd()
# buffer, which is at least 4096 bytes. Those two are off here only.
ASAN_SAN := -fsanitize=address,undefined -fno-omit-frame-pointer \
	$(if $(filter clang%,$(notdir $(CC))),,-Wno-array-bounds \
	-Wno-stringop-overread)
ASAN_E2E_KILLS ?= 40
ASAN_E2E_GROUPS ?=
ASAN_DAEMON_TESTS := $(patsubst $(BUILD)/%,$(ASAN_BUILD)/%,$(DAEMON_TESTS))
# the kselftest headers stay where the normal build extracts them
ASAN_MAKE = $(MAKE) --no-print-directory BUILD=$(ASAN_BUILD) KSRC=$(KSRC) \
	CFLAGS="$(ASAN_SAN)"

CHECK_SUITES += check-asan
.PHONY: check-asan asan-progs

asan-progs: $(KSFT_HEADERS)
	@$(ASAN_MAKE) $(ASAN_BUILD)/fxsd $(ASAN_BUILD)/fxsctl $(ASAN_DAEMON_TESTS)

check-asan: $(KSFT_HEADERS)
	@$(ASAN_MAKE) $(ASAN_BUILD)/fxsd $(ASAN_BUILD)/fxsctl $(ASAN_BUILD)/bench/gen-profile \
		$(ASAN_DAEMON_TESTS) >&2
	@E2E_KILLS=$(ASAN_E2E_KILLS) bash tests/asan/check-asan.sh \
		$(ASAN_BUILD) $(ASAN_E2E_GROUPS)
