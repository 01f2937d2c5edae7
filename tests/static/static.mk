# static.mk: static analysis of the user programs in make check
# (make check-static, TAP, one line per tool; any finding fails it):
#   scan-build  the clang static analyzer over a build of libfxsd, fxsd,
#               fxsctl and fxs-dtmf into $(STATIC_BUILD) (a sub-make with
#               BUILD=$(STATIC_BUILD) and scan-build's compiler wrapper)
#   cppcheck    every source of daemon/ and the kmod/ files the programs
#               link (kmod/fxs_dtmf.c, kmod/fxs_seconds.c)
# A finding judged a false positive is suppressed where it is, with a
# comment saying why (cppcheck: "// cppcheck-suppress ID"; scan-build:
# #ifndef __clang_analyzer__ around the code it misreads).

STATIC_BUILD := $(BUILD)/static
STATIC_CPPCHECK_SRCS := daemon/lib daemon/fxsd daemon/tools kmod/fxs_dtmf.c \
	kmod/fxs_seconds.c
STATIC_CPPCHECK_FLAGS := --enable=warning,portability,performance \
	--inline-suppr --error-exitcode=1 --std=c11 -D_GNU_SOURCE \
	-Idaemon/lib -Idaemon/fxsd -Iuapi -Ikmod
STATIC_PROGS := libfxsd.a fxsd fxsctl fxs-dtmf

CHECK_SUITES += check-static
.PHONY: check-static

check-static:
	@STATIC_BUILD=$(STATIC_BUILD) \
		STATIC_TARGETS="$(addprefix $(STATIC_BUILD)/,$(STATIC_PROGS))" \
		STATIC_CPPCHECK="$(STATIC_CPPCHECK_FLAGS) $(STATIC_CPPCHECK_SRCS)" \
		MAKE="$(MAKE)" bash tests/static/check-static.sh
