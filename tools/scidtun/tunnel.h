/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SCIDTUN_TUNNEL_H
#define SCIDTUN_TUNNEL_H

/* The tunnel's words and, through them, the module's uapi header. */
#include "../lib/tunnel_words.h"

#include <linux/ethtool.h>

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
