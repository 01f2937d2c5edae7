# uapi.mk: "make check-uapi", run by "make check": proves that every struct
# and ioctl number of uapi/linux/fxs.h is the same on -m64, -m32 and -mx32
# (tests/uapi/check-uapi.sh builds tests/uapi/fxs_layout.c per ABI and
# compares). Needs gcc-multilib. UAPI_CHECK_DIR= points it at another copy
# of the header (a directory holding linux/fxs.h), e.g. a scratch one.

CHECK_SUITES += check-uapi
UAPI_CHECK_DIR ?= uapi

.PHONY: check-uapi
check-uapi:
	@bash tests/uapi/check-uapi.sh "$(UAPI_CHECK_DIR)" $(BUILD)/uapi \
		kmod/fxs_cdev.c
