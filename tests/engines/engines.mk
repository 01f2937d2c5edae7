# Host unit tests of the kernel engines (hook, cadence, tone): the kmod/
# sources compiled in user space against a small shim of kernel headers,
# with the kselftest harness. The seconds parser (kmod/fxs_seconds.c) is
# shared with user space, so its test builds with the user CFLAGS alone,
# as fxsd does. `make check-engines` prints TAP.

ENGINES_DIR := tests/engines
ENGINES_BUILD := $(BUILD)/engines
ENGINES_TESTS := hook_test cadence_test tone_test seconds_test
ENGINES_BINS := $(addprefix $(ENGINES_BUILD)/,$(ENGINES_TESTS))
# The shim comes first, for these builds only; it wraps the system headers.
ENGINES_CFLAGS := -I$(CURDIR)/$(ENGINES_DIR)/shim $(CFLAGS) -I$(CURDIR) \
	-Wno-unused-parameter \
	-I$(CURDIR)/$(KSFT_DIR)
ENGINES_SRCS := kmod/fxs_hook.c kmod/fxs_cadence.c kmod/fxs_tone.c \
	kmod/fxs_seconds.c kmod/fxs_settings_check.c
ENGINES_HDRS := kmod/fxs_hook.h kmod/fxs_cadence.h kmod/fxs_tone.h \
	kmod/fxs_seconds.h kmod/fxs_driver.h kmod/fxs_settings_check.h \
	kmod/fxs_user.h uapi/linux/fxs.h \
	$(wildcard $(ENGINES_DIR)/shim/linux/*.h)

CHECK_SUITES += check-engines
.PHONY: check-engines engines-clean

$(ENGINES_BUILD)/%_test: $(ENGINES_DIR)/%_test.c $(ENGINES_SRCS) \
		$(ENGINES_HDRS) $(KSFT_HEADERS)
	@mkdir -p $(ENGINES_BUILD)
	$(CC) $(ENGINES_CFLAGS) -o $@ $< $(ENGINES_SRCS) -lm

# No shim: the parser builds as a plain user object, warning-free (as fxsd
# links it); the harness alone needs -Wno-unused-parameter.
$(ENGINES_BUILD)/fxs_seconds.o: kmod/fxs_seconds.c kmod/fxs_seconds.h
	@mkdir -p $(ENGINES_BUILD)
	$(CC) $(CFLAGS) -Werror -c -o $@ $<

$(ENGINES_BUILD)/seconds_test: $(ENGINES_DIR)/seconds_test.c \
		$(ENGINES_BUILD)/fxs_seconds.o $(KSFT_HEADERS)
	$(CC) $(CFLAGS) -Wno-unused-parameter -I$(CURDIR)/$(KSFT_DIR) \
		-o $@ $< $(ENGINES_BUILD)/fxs_seconds.o

check-engines: $(ENGINES_BINS)
	@rc=0; for t in $(ENGINES_BINS); do $$t || rc=1; done; exit $$rc

engines-clean:
	rm -rf $(ENGINES_BUILD)
