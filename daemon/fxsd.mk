# fxsd.mk: the user half: libfxsd (daemon/lib), the daemon fxsd
# (daemon/fxsd), the tools fxsctl and fxs-dtmf (daemon/tools), and the
# daemon unit tests (make check-daemon, TAP).
#
# libfxsd is built in layers, lowest first. A module calls only into its
# own layer or a lower one, and the link graph has no cycle
# (tests/style/check-layers.sh checks both from the objects):
#   pure      text in, struct out, no I/O
#   io        files, sockets, the network, syslog
#   pipeline  the provisioning pipeline over both
# The daemon and the tools sit on top.

FXSD_LIB_DIR := daemon/lib
LIBFXSD_KMOD := fxs_seconds fxs_tone fxs_cadence fxs_settings_check
LIBFXSD_PURE := text $(LIBFXSD_KMOD) param_table param rule macro decode \
	profile alias identity line_check ivr_prompt ivr_entry ivr_code ivr \
	log_ring
LIBFXSD_IO := fileio file_replace fetch store store_sync state report cacert \
	lineconf identity_load ctl_client netinfo hook_run
LIBFXSD_PIPELINE := provision resync check
FXSD_DAEMON := loop fetch_loop sched line lines ctl_server commands handset \
	handset_ops module_watch log_tap web_server web_auth web_form web_html \
	web_params web_status web_log web_action web_execute

LIBFXSD_MODULES := $(LIBFXSD_PURE) $(LIBFXSD_IO) $(LIBFXSD_PIPELINE)
LIBFXSD_OBJS := $(patsubst %,$(BUILD)/daemon/lib/%.o,$(LIBFXSD_MODULES))
FXSD_DAEMON_OBJS := $(patsubst %,$(BUILD)/daemon/fxsd/%.o,$(FXSD_DAEMON))
FXSD_HDRS := $(wildcard daemon/lib/*.h daemon/lib/*.def daemon/fxsd/*.h) uapi/linux/fxs.h
FXSD_PKGS := libcurl openssl zlib expat libnl-route-3.0 libmicrohttpd
FXSD_CFLAGS = $(CFLAGS) -D_GNU_SOURCE -iquote $(CURDIR)/daemon/lib \
	-iquote $(CURDIR)/daemon/fxsd \
	$(shell pkg-config --cflags $(FXSD_PKGS) 2>/dev/null)
FXSD_LDFLAGS := -Wl,--as-needed
FXSD_LIBS = $(shell pkg-config --libs $(FXSD_PKGS) 2>/dev/null) -lm -pthread

# every .c of lib/ and fxsd/ must be in a layer (or be fxsd's main)
FXSD_UNLISTED := $(filter-out $(LIBFXSD_MODULES),\
	$(basename $(notdir $(wildcard daemon/lib/*.c)))) \
	$(filter-out $(FXSD_DAEMON) main,\
	$(basename $(notdir $(wildcard daemon/fxsd/*.c))))
ifneq ($(strip $(FXSD_UNLISTED)),)
$(error daemon sources in no layer of daemon/fxsd.mk: $(FXSD_UNLISTED))
endif

DAEMON_TEST_SRCS := $(wildcard tests/daemon/lib/test_*.c tests/daemon/fxsd/test_*.c)
DAEMON_TESTS := $(patsubst tests/daemon/%.c,$(BUILD)/daemon-tests/%,$(DAEMON_TEST_SRCS))
DAEMON_TEST_UTIL := tests/daemon/util.c

USER_PROGRAMS += $(BUILD)/fxsd $(BUILD)/fxsctl
CHECK_SUITES += check-daemon

$(BUILD)/daemon/%.o: daemon/%.c $(FXSD_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(FXSD_CFLAGS) -c -o $@ $<

# shared with the kernel, as the DTMF detector is: the seconds parser,
# the tone-script and ring-cadence parsers and the settings range checks
# (kmod/fxs_user.h gives them the kernel names they use)
$(patsubst %,$(BUILD)/daemon/lib/%.o,$(LIBFXSD_KMOD)): \
		$(BUILD)/daemon/lib/%.o: kmod/%.c $(wildcard kmod/*.h) uapi/linux/fxs.h
	@mkdir -p $(dir $@)
	$(CC) $(FXSD_CFLAGS) -I$(CURDIR) -c -o $@ $<

$(BUILD)/libfxsd.a: $(LIBFXSD_OBJS)
	@mkdir -p $(BUILD)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/fxsd-daemon.a: $(FXSD_DAEMON_OBJS)
	rm -f $@
	ar rcs $@ $^

# every syslog() call of the daemon also goes to the log ring (log_tap.c)
FXSD_LOG_TAP := -Wl,--wrap=syslog -Wl,--wrap=__syslog_chk

$(BUILD)/fxsd: $(BUILD)/daemon/fxsd/main.o $(BUILD)/fxsd-daemon.a \
		$(BUILD)/libfxsd.a
	$(CC) $(CFLAGS) $(FXSD_LDFLAGS) $(FXSD_LOG_TAP) -o $@ $^ $(FXSD_LIBS)

$(BUILD)/fxsctl: $(BUILD)/daemon/tools/fxsctl.o $(BUILD)/libfxsd.a
	$(CC) $(CFLAGS) $(FXSD_LDFLAGS) -o $@ $^ $(FXSD_LIBS)

$(BUILD)/daemon-tests/%: tests/daemon/%.c $(DAEMON_TEST_UTIL) \
		$(BUILD)/fxsd-daemon.a $(BUILD)/libfxsd.a $(FXSD_HDRS) \
		$(KSFT_HEADERS) tests/daemon/util.h
	@mkdir -p $(dir $@)
	$(CC) $(FXSD_CFLAGS) -iquote $(CURDIR)/tests/daemon \
		-isystem $(CURDIR)/$(KSFT_DIR) -o $@ $< $(DAEMON_TEST_UTIL) \
		$(BUILD)/fxsd-daemon.a $(BUILD)/libfxsd.a $(FXSD_LIBS)

.PHONY: check-daemon
check-daemon: $(DAEMON_TESTS)
	@rc=0; for t in $(DAEMON_TESTS); do \
		d=$${t#$(BUILD)/daemon-tests/}; \
		(cd tests/daemon/$${d%/*} && $(CURDIR)/$$t) || rc=1; \
	done; exit $$rc
