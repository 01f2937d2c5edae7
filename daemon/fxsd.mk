# fxsd.mk: the provisioning daemon fxsd, its CLI fxsctl, and their unit
# tests (make check-daemon, TAP).
#
# Every daemon/*.c except the program mains goes into build/libfxsd.a;
# fxsd (daemon/main.c) and fxsctl (daemon/fxsctl.c) link against it.
# Each tests/daemon/test_<module>.c is a kselftest-harness program linked
# against the same library.

FXSD_MAINS := daemon/main.c daemon/fxsctl.c daemon/fxs-dtmf.c
FXSD_SRCS := $(filter-out $(FXSD_MAINS),$(wildcard daemon/*.c))
FXSD_OBJS := $(patsubst daemon/%.c,$(BUILD)/daemon/%.o,$(FXSD_SRCS))
FXSD_HDRS := $(wildcard daemon/*.h) uapi/linux/fxs.h
FXSD_PKGS := libcurl openssl zlib expat libnl-route-3.0
FXSD_CFLAGS = $(CFLAGS) -D_GNU_SOURCE -iquote $(CURDIR)/daemon \
	$(shell pkg-config --cflags $(FXSD_PKGS) 2>/dev/null)
FXSD_LIBS = $(shell pkg-config --libs $(FXSD_PKGS) 2>/dev/null) -lm

DAEMON_TEST_SRCS := $(wildcard tests/daemon/test_*.c)
DAEMON_TESTS := $(patsubst tests/daemon/%.c,$(BUILD)/daemon-tests/%,$(DAEMON_TEST_SRCS))

USER_PROGRAMS += $(BUILD)/fxsd $(BUILD)/fxsctl
CHECK_SUITES += check-daemon

$(BUILD)/daemon/%.o: daemon/%.c $(FXSD_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(FXSD_CFLAGS) -c -o $@ $<

$(BUILD)/libfxsd.a: $(FXSD_OBJS)
	@mkdir -p $(BUILD)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/fxsd: $(BUILD)/daemon/main.o $(BUILD)/libfxsd.a
	$(CC) $(CFLAGS) -o $@ $^ $(FXSD_LIBS)

$(BUILD)/fxsctl: $(BUILD)/daemon/fxsctl.o $(BUILD)/libfxsd.a
	$(CC) $(CFLAGS) -o $@ $^ $(FXSD_LIBS)

$(BUILD)/daemon-tests/%: tests/daemon/%.c $(BUILD)/libfxsd.a $(FXSD_HDRS) \
		$(KSFT_HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(FXSD_CFLAGS) -isystem $(CURDIR)/$(KSFT_DIR) -o $@ $< \
		$(BUILD)/libfxsd.a $(FXSD_LIBS)

.PHONY: check-daemon
check-daemon: $(DAEMON_TESTS)
	@rc=0; for t in $(DAEMON_TESTS); do \
		(cd tests/daemon && $(CURDIR)/$$t) || rc=1; done; exit $$rc
