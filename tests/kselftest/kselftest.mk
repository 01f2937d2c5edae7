# kselftest.mk: make fragment, filled in by its owner.
