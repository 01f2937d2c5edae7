# prompts.mk: the IVR's spoken prompts. Each line of daemon/prompts/prompts.list
# becomes build/prompts/NAME.s16, raw 8000 Hz s16le mono at -16 dBm0, made
# at build time from installed Debian packages (asterisk-core-sounds-en-wav,
# espeak-ng, sox); nothing is downloaded and no audio is committed.
# "make prompts" builds them (not part of "make all"), and removes clips
# no longer listed; build/prompt-level measures and checks them.

PROMPT_LIST := daemon/prompts/prompts.list
PROMPT_DIR := $(BUILD)/prompts
PROMPT_SOUNDS ?= /usr/share/asterisk/sounds/en_US_f_Allison
PROMPT_NAMES := $(shell awk '$$1 !~ /^\#/ && NF { print $$1 }' $(PROMPT_LIST))
PROMPT_CLIPS := $(PROMPT_NAMES:%=$(PROMPT_DIR)/%.s16)

$(BUILD)/prompt-level: daemon/prompts/prompt-level.c
	@mkdir -p $(BUILD)
	$(CC) $(CFLAGS) -o $@ $< -lm

$(PROMPT_DIR)/%.s16: $(PROMPT_LIST) daemon/prompts/build-prompt.sh $(BUILD)/prompt-level
	@mkdir -p $(PROMPT_DIR)
	@PROMPT_LEVEL=$(BUILD)/prompt-level PROMPT_SOUNDS=$(PROMPT_SOUNDS) \
		bash daemon/prompts/build-prompt.sh $* $(PROMPT_LIST) $@

.PHONY: prompts
prompts: $(PROMPT_CLIPS)
	@rm -f $(filter-out $(PROMPT_CLIPS),$(wildcard $(PROMPT_DIR)/*.s16))
