# resync.mk: make bench-resync, the resync benchmark of fxsd against a
# curl | openssl enc -d | gunzip pipeline (tests/bench/resync). Not part of
# make check. It runs fxsd and fxsctl only through their command lines; the
# profile generator uses only the public parameter table API (param.h).


RESYNC_BENCH_DIR := tests/bench/resync

$(BUILD)/bench/gen-profile: $(RESYNC_BENCH_DIR)/gen-profile.c \
		$(FXSD_LIB_DIR)/param.h $(BUILD)/libfxsd.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -I$(CURDIR)/$(FXSD_LIB_DIR) -o $@ $< \
		$(BUILD)/libfxsd.a $(FXSD_LIBS)

# the guest's timer (it has no hyperfine), and the start-to-answer timer
$(BUILD)/bench/median-time $(BUILD)/bench/start-time: \
		$(BUILD)/bench/%: $(RESYNC_BENCH_DIR)/%.c \
		$(RESYNC_BENCH_DIR)/bench-time.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $<

.PHONY: bench-resync
bench-resync: deps $(BUILD)/fxsd $(BUILD)/fxsctl $(BUILD)/bench/gen-profile \
		$(BUILD)/bench/median-time $(BUILD)/bench/start-time modules
	@bash $(RESYNC_BENCH_DIR)/bench-resync.sh $(BUILD)
