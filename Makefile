# SPDX-License-Identifier: GPL-2.0
#
# scid-ipip: build the module and the tool, run the tests, play the demo.
#
#   make                 module (module/scid_ipip.ko) and tool (tools/scidtun)
#   make KVER=6.1.0-56-amd64   build against another installed kernel
#   make KDIR=/path/to/build   build against a kernel build tree
#   make check           style, unit and VM tests, on Debian's stock kernel
#                        and on a debug kernel with KUnit (installs what it
#                        needs; builds the debug kernel once, then cached)
#   make check-unit      the host unit tests alone, the docs' links and the
#                        bench summary against its results: needs a C
#                        compiler, make and python3, and no root
#   make check-vm-debug  only the debug-kernel lane (tests/vm/kernel/)
#   make check-stress    the hard-* tests at full size in the debug kernel
#                        (load, faults, bad input, privilege; <= 30 min)
#   make check-matrix    W=1 builds and the VM suite on stock 6.1, 6.12 and
#                        a debug kernel from sid's 7.x source, W=1 builds
#                        against other suites' sources (LANES=...)
#   make check-builds    only the W=1 builds, 6.1 and 6.12 (what CI runs)
#   make demo            the seed's topology, played in a VM
#   make install         module to /lib/modules/KVER/updates, depmod, tool, man
#                        page, bash completion, systemd unit, ip link plugin
#                        (DESTDIR, PREFIX; see tools/*/Makefile for the rest)
#   make dkms-install    module sources to /usr/src/scid-ipip-VERSION for DKMS
#   make deb             scid-ipip-dkms and scidtun .debs into build/deb/
#   make deps            every package any target needs (each target asks
#                        scripts/deps.sh for its own groups only)
#   make check-packaging make install, DKMS and the .debs, each tried in a VM

# The kernel every target builds and tests for, decided here once and
# printed: KDIR= names it by its build tree; else KVER=; else
# scripts/kver.sh picks the running kernel if it has headers, else Debian's
# stock kernel, else the newest installed headers this machine's compiler
# can build for, and says which and why.
ifneq ($(origin KDIR),undefined)
KVER := $(shell sed -n 's/.*UTS_RELEASE "\(.*\)"/\1/p' \
	$(KDIR)/include/generated/utsrelease.h 2>/dev/null)
else ifeq ($(origin KVER),undefined)
KVER := $(shell scripts/kver.sh)
endif
KDIR ?= /lib/modules/$(KVER)/build
export KVER

DESTDIR ?=
PREFIX ?= /usr/local
DEPMOD ?= depmod
VERSION := $(shell cat VERSION)
DKMS_SRC := $(DESTDIR)/usr/src/scid-ipip-$(VERSION)
MODDIR = $(DESTDIR)/lib/modules/$(KVER)/updates

# CI turns warnings into errors; what DKMS users compile never does.
ifneq ($(CI)$(WERROR),)
KBUILD_WERROR := KCFLAGS=-Werror
export WERROR := 1
endif

.PHONY: all module tools check check-style check-unit check-vm check-vm-debug demo \
	deps install install-module install-tools dkms-install deb \
	check-packaging clean
.PHONY: bench check-stress check-matrix check-builds

all: module tools

module:
	@test -d "$(KDIR)" || { \
		echo "scid-ipip: no kernel build tree at '$(KDIR)'" >&2; \
		echo "scid-ipip: install linux-headers-$$(uname -r), or pass KVER= or KDIR=" >&2; \
		exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) $(KBUILD_WERROR) modules

tools:
	$(MAKE) -C tools/scidtun
	$(MAKE) -C tools/iproute2

# What each target installs first (scripts/deps.sh GROUP...).
DEPS = @scripts/deps.sh

deps:
	$(DEPS)

# Each stage's time goes to build/stage-times.txt (scripts/timed.sh) and
# the table is printed at the end, passed or not.
check: deps
	@scripts/timed.sh --reset
	@scripts/timed.sh style $(MAKE) check-style KVER=$(KVER) && \
	scripts/timed.sh unit $(MAKE) check-unit && \
	scripts/timed.sh vm-stock $(MAKE) check-vm KVER=$(KVER) && \
	scripts/timed.sh vm-debug $(MAKE) check-vm-debug; \
	status=$$?; echo "make check: stage times"; scripts/timed.sh --report; exit $$status

check-style:
	$(DEPS) module style
	scripts/check-style.sh $(KDIR)

# The link checker is tried on pages with known broken links first, so
# that a checker gone blind cannot pass the docs.
check-unit:
	$(MAKE) -C tests/unit check
	tests/packaging/versions.sh
	tests/packaging/kver.sh
	tests/unit/check-links.sh
	tests/unit/check-guide.sh
	scripts/check-links.py
	bench/publish.py --check bench/results/latest.md README.md bench/README.md
	tests/unit/bench-report.sh

# The VM gets what 'make install' put in a staging root (the tests
# install.sh and iproute2.sh use it; see tests/vm/overlay.sh).
check-vm:
	$(DEPS) module vm
	$(MAKE) all KVER=$(KVER)
	tests/packaging/install.sh build/overlay/install
	tests/vm/selftest.sh --kernel $(KVER)
	SCID_VM_OVERLAY=$(CURDIR)/build/overlay/install tests/vm/run.sh --kernel $(KVER)

# The same suite on a kernel built here with KASAN, UBSAN, lockdep and
# kmemleak (tests/vm/kernel/build-debug.sh, cached under
# /var/cache/scid-ipip/debug-kernel/), booted with panic_on_warn; then the
# KUnit suites (module/*_test.c) and a kmemleak scan in the same guest.
# The ip link plugin is staged so that the rtnetlink cases run there too.
check-vm-debug:
	$(DEPS) tools vm kernel
	$(MAKE) tools
	rm -rf build/overlay/plugin
	$(MAKE) -C tools/iproute2 install DESTDIR=$(CURDIR)/build/overlay/plugin
	SCID_VM_OVERLAY=$(CURDIR)/build/overlay/plugin tests/vm/run.sh --debug

# The hard-* tests at full size (SCID_STRESS=1) in the debug kernel (KASAN,
# UBSAN, lockdep, kmemleak, failslab), which run.sh builds the module for;
# ends with a table of figures and kernel reports.
check-stress:
	$(DEPS) tools vm kernel
	$(MAKE) tools
	tests/vm/run.sh --stress

# Every kernel of the matrix, one lane after the other (scripts/check-matrix.sh):
# LANES="6.12" runs one. Cold, it fetches sid's source and builds a kernel.
LANES ?=
check-matrix:
	$(DEPS) tools vm kernel
	$(MAKE) tools
	scripts/check-matrix.sh $(LANES)

# CI's cheap part of the matrix: W=1 -Werror builds against the newest
# headers of bookworm's 6.1 and bookworm-security's 6.12 (no VM). Any
# lane: make check-builds LANES="6.1 6.12 7 trixie".
check-builds:
	$(DEPS) module matrix
	scripts/check-matrix.sh --build-only $(or $(LANES),6.1 6.12)

# Installs and removes scid-ipip on this machine (DKMS, the .debs): run it
# as root on a build or CI machine, not where scid-ipip is in use.
check-packaging:
	$(DEPS) module packaging
	$(MAKE) all KVER=$(KVER)
	KVER=$(KVER) tests/packaging/dkms.sh
	KVER=$(KVER) tests/packaging/deb.sh

deb:
	$(DEPS) packaging
	tests/packaging/build-deb.sh build/deb

demo:
	$(DEPS) module vm
	$(MAKE) all KVER=$(KVER)
	tests/vm/run.sh --demo --kernel $(KVER)

# plain routing, the kernel's ipip and scid_ipip in one guest (bench/run.sh):
# tables in bench/results/latest.md and bench/README.md, their summary in
# README.md (bench/publish.py), plot in scale.png
bench:
	$(DEPS) module vm
	$(MAKE) all KVER=$(KVER)
	bench/run.sh --kernel $(KVER)

install: install-module install-tools

# A staged DESTDIR gets modules.dep only if it holds the kernel's own
# module lists; otherwise depmod runs when the files reach their place.
install-module: module
	install -d "$(MODDIR)"
	install -m 0644 module/scid_ipip.ko "$(MODDIR)/scid_ipip.ko"
	@if [ -z "$(DESTDIR)" ]; then \
		echo "$(DEPMOD) -a $(KVER)"; $(DEPMOD) -a $(KVER); \
	elif [ -e "$(DESTDIR)/lib/modules/$(KVER)/modules.order" ]; then \
		echo "$(DEPMOD) -b $(DESTDIR) $(KVER)"; $(DEPMOD) -b "$(DESTDIR)" $(KVER); \
	else \
		echo "scid-ipip: staged in $(DESTDIR); run depmod $(KVER) once installed"; \
	fi

install-tools: tools
	$(MAKE) -C tools/scidtun install DESTDIR=$(DESTDIR) PREFIX=$(PREFIX)
	$(MAKE) -C tools/iproute2 install DESTDIR=$(DESTDIR)

# What DKMS builds from: the kernel sources and Kbuild files, nothing built.
dkms-install:
	install -d "$(DKMS_SRC)/module"
	install -m 0644 Kbuild VERSION "$(DKMS_SRC)/"
	sed 's/#MODULE_VERSION#/$(VERSION)/' dkms.conf >"$(DKMS_SRC)/dkms.conf"
	cd module && find . \( -name '*.mod.c' -o -name scid_probes.h \
		-o -path './probes/*.h' \) -prune -o \
		\( -name '*.[ch]' -o -name Kbuild \) -print | \
		while read -r f; do \
			install -D -m 0644 "$$f" "$(DKMS_SRC)/module/$$f" || exit 1; \
		done

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C tools/scidtun clean
	$(MAKE) -C tools/iproute2 clean
	$(MAKE) -C tests/unit clean
	rm -rf build
