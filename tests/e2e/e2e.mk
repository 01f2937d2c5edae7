# e2e.mk: make fragment, filled in by its owner.
