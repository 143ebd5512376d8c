// SPDX-License-Identifier: GPL-2.0
/* 6.10 turned the tunnel key's __be16 tun_flags into a bitmap. */
#include <net/ip_tunnels.h>

static inline bool scid_probe(const struct ip_tunnel_key *key)
{
	return test_bit(IP_TUNNEL_DONT_FRAGMENT_BIT, key->tun_flags);
}
