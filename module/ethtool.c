// SPDX-License-Identifier: GPL-2.0
/*
 * ethtool: driver identity (how scidtun and operators tell our tunnels from
 * the kernel's ipip) and the per-tunnel counters.
 */
#include <linux/ethtool.h>

#include "scid_ipip.h"

static void scid_get_drvinfo(struct net_device *dev,
			     struct ethtool_drvinfo *info)
{
	strscpy(info->driver, SCID_KIND, sizeof(info->driver));
	strscpy(info->version, SCID_VERSION, sizeof(info->version));
}

static int scid_get_sset_count(struct net_device *dev, int sset)
{
	return sset == ETH_SS_STATS ? SCID_COUNTER_MAX : -EOPNOTSUPP;
}

static void scid_get_strings(struct net_device *dev, u32 sset, u8 *buf)
{
	if (sset == ETH_SS_STATS)
		memcpy(buf, scid_counter_names, sizeof(scid_counter_names));
}

static void scid_get_ethtool_stats(struct net_device *dev,
				   struct ethtool_stats *stats, u64 *data)
{
	const struct scid_tunnel *t = netdev_priv(dev);
	int c;

	for (c = 0; c < SCID_COUNTER_MAX; c++)
		data[c] = scid_counter_read(t, c);
}

const struct ethtool_ops scid_ethtool_ops = {
	.get_drvinfo		= scid_get_drvinfo,
	.get_link		= ethtool_op_get_link,
	.get_sset_count		= scid_get_sset_count,
	.get_strings		= scid_get_strings,
	.get_ethtool_stats	= scid_get_ethtool_stats,
};
