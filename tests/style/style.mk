# style.mk: style checks run by "make check": checkpatch --strict and
# sparse over kmod/ and uapi/, and the kernel's coccinelle scripts over
# kmod/, one TAP line per file or tool.

CHECK_SUITES += check-style

.PHONY: check-style
check-style: $(CHECKPATCH) $(COCCI_MARK)
	@bash tests/style/check-style.sh "$(CHECKPATCH)" "$(KDIR)" "$(COCCI_DIR)"

# the user half's layers (daemon/fxsd.mk), checked on the objects
CHECK_SUITES += check-layers
LAYER_COMMA := ,
LAYER_SPACE := $(subst ,, )
layer_objs = $(subst $(LAYER_SPACE),$(LAYER_COMMA),$(strip $(1)))
LAYER_SPECS = \
	pure=$(call layer_objs,$(patsubst %,$(BUILD)/daemon/lib/%.o,$(LIBFXSD_PURE))) \
	io=$(call layer_objs,$(patsubst %,$(BUILD)/daemon/lib/%.o,$(LIBFXSD_IO))) \
	pipeline=$(call layer_objs,$(patsubst %,$(BUILD)/daemon/lib/%.o,$(LIBFXSD_PIPELINE))) \
	daemon=$(call layer_objs,$(FXSD_DAEMON_OBJS)) \
	programs=$(BUILD)/daemon/fxsd/main.o,$(BUILD)/daemon/tools/fxsctl.o

.PHONY: check-layers
check-layers: $(LIBFXSD_OBJS) $(FXSD_DAEMON_OBJS) $(BUILD)/daemon/fxsd/main.o \
		$(BUILD)/daemon/tools/fxsctl.o
	@bash tests/style/check-layers.sh $(LAYER_SPECS)
