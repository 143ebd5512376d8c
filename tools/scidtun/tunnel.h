/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SCIDTUN_TUNNEL_H
#define SCIDTUN_TUNNEL_H

/* The tunnel's words and, through them, the module's uapi header. */
#include "../lib/tunnel_words.h"

#include <linux/ethtool.h>

#include "../lib/allow_words.h"
#include "../lib/keepalive.h"

/* What show -s prints: the link's counters and the driver's own (ethtool -S). */
struct scidtun_stats {
	bool have_link;
	uint64_t rx_packets, rx_bytes, rx_errors, rx_dropped;
	uint64_t tx_packets, tx_bytes, tx_errors, tx_dropped;
	size_t ncounters;
	char (*names)[ETH_GSTRING_LEN];
	uint64_t *values;
};

/* What an RTM_NEWLINK answer says of a scid_ipip tunnel beyond the ioctls. */
struct scidtun_link_data {
	bool have;			/* the answer had the kind's IFLA_INFO_DATA */
	struct scid_tun words;		/* mtu, keepalive, pmtu-probe...; given if present */
	struct scid_ka_status ka;
	struct scid_pmtu_status pmtu;
	bool external;			/* docs/external.md */
	struct scid_allow *allow;	/* an external tunnel's list; scidtun_link_data_free() */
};

#endif
