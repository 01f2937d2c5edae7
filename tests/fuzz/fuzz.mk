# fuzz.mk: libFuzzer targets (clang -fsanitize=fuzzer,address,undefined)
# over the parsers of libfxsd and the pure engines of kmod/ (on the host
# shim of tests/engines), see tests/fuzz/run-fuzz.sh.
#
#   make fuzz                          every target for FUZZ_SECONDS (300) each
#   make fuzz FUZZ_TARGETS="rule tone" some targets
#   make check-fuzz                    (in check) every target for
#                                      FUZZ_CHECK_SECONDS (15) each, and
#                                      every input of tests/fuzz/regressions/
#
# The library is compiled again with clang and the sanitizers into
# $(FUZZ_BUILD)/obj, apart from the normal objects. Crashes are saved as
# $(FUZZ_BUILD)/crashes/TARGET/crash-*, the growing corpora are kept in
# $(FUZZ_BUILD)/corpus/TARGET.

FUZZ_DIR := tests/fuzz
FUZZ_BUILD := $(BUILD)/fuzz
FUZZ_CC := clang
FUZZ_SECONDS ?= 300
FUZZ_CHECK_SECONDS ?= 15
FUZZ_LIB_TARGETS := rule macro alias profile decode param check roundtrip \
	ivr
FUZZ_ENGINE_TARGETS := cadence tone hook dtmf
FUZZ_ALL_TARGETS := $(FUZZ_LIB_TARGETS) $(FUZZ_ENGINE_TARGETS)
FUZZ_TARGETS ?= $(FUZZ_ALL_TARGETS)
FUZZ_BINS := $(patsubst %,$(FUZZ_BUILD)/fuzz_%,$(FUZZ_ALL_TARGETS))

FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
FUZZ_COMPILE := $(FUZZ_SAN) -fsanitize=fuzzer-no-link -O1
FUZZ_LINK := $(FUZZ_SAN) -fsanitize=fuzzer
FUZZ_LIB_OBJS := $(patsubst $(BUILD)/%,$(FUZZ_BUILD)/obj/%,$(LIBFXSD_OBJS))
# the engines as tests/engines builds them: the kernel header shim first.
# The kernel's static_assert() takes one argument; clang calls the host's
# one-argument form a C2x extension.
FUZZ_ENGINE_CFLAGS = -I$(CURDIR)/$(ENGINES_DIR)/shim $(CFLAGS) -I$(CURDIR) \
	-Wno-unused-parameter -Wno-c2x-extensions

CHECK_SUITES += check-fuzz
.PHONY: fuzz check-fuzz fuzz-progs fuzz-clean

fuzz-progs: $(FUZZ_BINS)

$(FUZZ_BUILD)/obj/daemon/%.o: daemon/%.c $(FXSD_HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FXSD_CFLAGS) $(FUZZ_COMPILE) -c -o $@ $<

# the kernel sources libfxsd shares (kmod/fxs_user.h, no shim)
$(patsubst %,$(FUZZ_BUILD)/obj/daemon/lib/%.o,$(LIBFXSD_KMOD)): \
		$(FUZZ_BUILD)/obj/daemon/lib/%.o: kmod/%.c $(wildcard kmod/*.h) \
		uapi/linux/fxs.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FXSD_CFLAGS) -I$(CURDIR) $(FUZZ_COMPILE) -c -o $@ $<

$(FUZZ_BUILD)/libfxsd.a: $(FUZZ_LIB_OBJS)
	rm -f $@
	ar rcs $@ $^

$(FUZZ_BUILD)/fuzz_%: $(FUZZ_DIR)/fuzz_%.c $(FUZZ_DIR)/fuzz.h \
		$(FUZZ_BUILD)/libfxsd.a $(FXSD_HDRS)
	$(FUZZ_CC) $(FXSD_CFLAGS) $(FUZZ_LINK) -O1 -o $@ $< \
		$(FUZZ_BUILD)/libfxsd.a $(FXSD_LIBS)

# the round trip uses the daemon tests' fixtures (a temp store)
$(FUZZ_BUILD)/fuzz_roundtrip: $(FUZZ_DIR)/fuzz_roundtrip.c $(FUZZ_DIR)/fuzz.h \
		$(DAEMON_TEST_UTIL) tests/daemon/util.h $(FUZZ_BUILD)/libfxsd.a \
		$(FXSD_HDRS)
	$(FUZZ_CC) $(FXSD_CFLAGS) $(FUZZ_LINK) -O1 \
		-iquote $(CURDIR)/tests/daemon -o $@ $< $(DAEMON_TEST_UTIL) \
		$(FUZZ_BUILD)/libfxsd.a $(FXSD_LIBS)

$(FUZZ_BUILD)/fuzz_cadence $(FUZZ_BUILD)/fuzz_tone $(FUZZ_BUILD)/fuzz_hook: \
$(FUZZ_BUILD)/fuzz_%: $(FUZZ_DIR)/fuzz_%.c $(FUZZ_DIR)/fuzz.h \
		$(ENGINES_SRCS) $(ENGINES_HDRS)
	@mkdir -p $(FUZZ_BUILD)
	$(FUZZ_CC) $(FUZZ_ENGINE_CFLAGS) $(FUZZ_LINK) -O1 -o $@ $< \
		$(ENGINES_SRCS)

# as daemon/fxs-dtmf.mk builds it: a plain user object, no shim
$(FUZZ_BUILD)/fuzz_dtmf: $(FUZZ_DIR)/fuzz_dtmf.c $(FUZZ_DIR)/fuzz.h \
		kmod/fxs_dtmf.c kmod/fxs_dtmf.h
	@mkdir -p $(FUZZ_BUILD)
	$(FUZZ_CC) $(CFLAGS) $(FUZZ_LINK) -O1 -o $@ $< kmod/fxs_dtmf.c

fuzz: $(patsubst %,$(FUZZ_BUILD)/fuzz_%,$(FUZZ_TARGETS))
	@bash $(FUZZ_DIR)/run-fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

check-fuzz: $(FUZZ_BINS)
	@bash $(FUZZ_DIR)/run-fuzz.sh $(FUZZ_BUILD) $(FUZZ_CHECK_SECONDS) \
		$(FUZZ_ALL_TARGETS)

fuzz-clean:
	rm -rf $(FUZZ_BUILD)
