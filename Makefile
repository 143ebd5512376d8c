# SPDX-License-Identifier: GPL-2.0
#
# scid-ipip: build the module and the tool, run the tests, play the demo.
#
#   make                 module (module/scid_ipip.ko) and tool (tools/scidtun)
#   make KVER=6.1.0-56-amd64   build against another installed kernel
#   make KDIR=/path/to/build   build against a kernel build tree
#   make check           style, unit and VM tests (installs what it needs)
#   make demo            the seed's topology, played in a VM
#   make install         module to /lib/modules/KVER/updates, tool, man page

# The running kernel's headers, or the newest installed ones when it has
# none (as on build machines whose own kernel is not the target).
KVER_DEFAULT = $(shell \
	if [ -d /lib/modules/$$(uname -r)/build ]; then uname -r; \
	else ls -d /lib/modules/*/build 2>/dev/null | sort -V | tail -n 1 | \
	     cut -d/ -f4; fi)
KVER ?= $(KVER_DEFAULT)
KDIR ?= /lib/modules/$(KVER)/build
ifneq ($(origin KDIR),file)
KVER := $(shell sed -n 's/.*UTS_RELEASE "\(.*\)"/\1/p' \
	$(KDIR)/include/generated/utsrelease.h 2>/dev/null)
endif

# make check and make demo test Debian's stock kernel (linux-headers-amd64)
# whatever newer headers are installed; KVER= on the command line wins.
STOCK_KVER ?= $(shell scripts/stock-kver.sh)
check check-style check-vm demo: KVER = $(or $(STOCK_KVER),$(KVER_DEFAULT))

DESTDIR ?=
PREFIX ?= /usr/local
DEPMOD ?= depmod

# CI turns warnings into errors; what DKMS users compile never does.
ifneq ($(CI)$(WERROR),)
KBUILD_WERROR := KCFLAGS=-Werror
export WERROR := 1
endif

.PHONY: all module tools check check-style check-unit check-vm demo \
	deps install install-module install-tools clean

all: module tools

module:
	@test -d "$(KDIR)" || { \
		echo "scid-ipip: no kernel build tree at '$(KDIR)'" >&2; \
		echo "scid-ipip: install linux-headers-$$(uname -r), or pass KVER= or KDIR=" >&2; \
		exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) $(KBUILD_WERROR) modules

tools:
	$(MAKE) -C tools/scidtun

deps:
	@scripts/deps.sh

check: deps
	$(MAKE) check-style KVER=$(KVER)
	$(MAKE) check-unit
	$(MAKE) check-vm KVER=$(KVER)

check-style: deps
	scripts/check-style.sh $(KDIR)

check-unit: deps
	$(MAKE) -C tools/scidtun check

check-vm: deps
	$(MAKE) all KVER=$(KVER)
	tests/vm/run.sh --kernel $(KVER)

demo: deps
	$(MAKE) all KVER=$(KVER)
	tests/vm/run.sh --demo --kernel $(KVER)

install: install-module install-tools

install-module: module
	$(MAKE) -C $(KDIR) M=$(CURDIR) INSTALL_MOD_PATH=$(DESTDIR) \
		INSTALL_MOD_DIR=updates modules_install
	$(if $(DESTDIR),$(DEPMOD) -b $(DESTDIR) $(KVER),$(DEPMOD) $(KVER))

install-tools: tools
	$(MAKE) -C tools/scidtun install DESTDIR=$(DESTDIR) PREFIX=$(PREFIX)

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C tools/scidtun clean
	rm -rf build
