# prompts.mk: make check-prompts, the TAP suite over the built prompt clips
# (tests/prompts/check-prompts.sh) and over the builder and checker.

CHECK_SUITES += check-prompts

.PHONY: check-prompts
check-prompts: prompts $(BUILD)/prompt-level
	@PROMPT_SOUNDS=$(PROMPT_SOUNDS) bash tests/prompts/check-prompts.sh \
		$(BUILD) $(PROMPT_LIST)
