/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SCIDTUN_TUNNEL_H
#define SCIDTUN_TUNNEL_H

/*
 * The libc headers must come before the uapi ones: <linux/libc-compat.h>
 * only steps aside for definitions libc has already made.
 */
#include <netinet/in.h>
#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/ethtool.h>
#include <linux/if_tunnel.h>

/* The control device every request is sent to (docs/ioctl.md). */
#define SCIDTUN_CONTROL_DEV "scid0"

/* IP_DF lives in the kernel's private net/ip.h, not in uapi. */
#define SCIDTUN_IP_DF 0x4000
/* scid_ipip's "never set DF" (module/uapi/scid_ipip.h: SCID_FRAG_OFF_NODF). */
#define SCIDTUN_IP_NODF 0x2000

/* Bit 0 of iph.tos asks for the inner packet's TOS. */
#define SCIDTUN_TOS_INHERIT 0x01

/* What show -s prints: the link's counters and the driver's own (ethtool -S). */
struct scidtun_stats {
	bool have_link;
	uint64_t rx_packets, rx_bytes, rx_errors, rx_dropped;
	uint64_t tx_packets, tx_bytes, tx_errors, tx_dropped;
	size_t ncounters;
	char (*names)[ETH_GSTRING_LEN];
	uint64_t *values;
};

#endif
