# SPDX-License-Identifier: GPL-2.0
#
# The flags every userspace program of the tree is built with: scidtun, the
# ip link plugin, the host unit tests. Include after setting TOPDIR.
#
#   WERROR=1 (or CI set)  turn warnings into errors

CFLAGS ?= -std=c11 -O2 -g -Wall -Wextra
ifneq ($(strip $(CI)),)
WERROR := 1
endif
ifeq ($(WERROR),1)
override CFLAGS += -Werror
endif
# _DEFAULT_SOURCE for struct ifreq and if_nameindex() under -std=c11.
override CPPFLAGS += -D_DEFAULT_SOURCE

# Only a command-line VERSION overrides the file; the environment's may be anything.
ifneq ($(origin VERSION),command line)
VERSION := $(shell cat $(TOPDIR)/VERSION 2>/dev/null || echo unknown)
endif

# The tunnel's words (tools/lib/), linked into scidtun and into the plugin.
# keepalive.c reads the keepalive's state out of the same attributes.
# allow_words.c has the words of external tunnels.
WORDS_SRC := $(TOPDIR)/tools/lib/tunnel_words.c $(TOPDIR)/tools/lib/keepalive.c \
	$(TOPDIR)/tools/lib/allow_words.c
WORDS_HDRS := $(TOPDIR)/tools/lib/tunnel_words.h $(TOPDIR)/tools/lib/keepalive.h \
	$(TOPDIR)/tools/lib/allow_words.h \
	$(TOPDIR)/module/uapi/scid_ipip.h
