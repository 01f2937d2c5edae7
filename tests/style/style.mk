# style.mk: kernel style checks run by "make check": checkpatch --strict and
# sparse over kmod/ and uapi/, one TAP line per file or tool.

CHECK_SUITES += check-style

.PHONY: check-style
check-style: $(CHECKPATCH)
	@bash tests/style/check-style.sh "$(CHECKPATCH)" "$(KDIR)"
