// SPDX-License-Identifier: GPL-2.0
/*
 * FOU and GUE: a UDP header (and GUE's own) between the outer IPv4 header
 * and the inner packet, for paths that filter IP protocol 4 or spread
 * load by UDP port (docs/fou.md). The kernel's fou module builds those
 * headers through the iptun_encaps[] table it registers in, and strips
 * them on receive before handing the packet to the protocol 4 handlers:
 * what is ours is the configuration, the overhead it adds to every
 * packet, and when a tunnel may use it.
 */
#include <net/ip.h>
#include <net/ip_tunnels.h>
#include <net/rtnetlink.h>

#include "scid_ipip.h"

/* What a request may set: csum6 is for IPv6 outer packets, never ours. */
#define SCID_ENCAP_FLAGS	(TUNNEL_ENCAP_FLAG_CSUM | TUNNEL_ENCAP_FLAG_REMCSUM)

/* The fou module's builder of @type, or NULL. RCU read side. */
static const struct ip_tunnel_encap_ops *scid_encap_ops(u8 type)
{
	if (type == TUNNEL_ENCAP_NONE || type >= MAX_IPTUN_ENCAP_OPS)
		return NULL;
	return rcu_dereference(iptun_encaps[type]);
}

static void scid_encap_to_kernel(const struct scid_encap *e,
				 struct ip_tunnel_encap *out)
{
	out->type = e->type;
	out->flags = e->flags;
	out->sport = e->sport;
	out->dport = e->dport;
}

/* The header bytes the builder will add, or a negative errno. */
static int scid_encap_measure(struct scid_encap *e,
			      struct netlink_ext_ack *extack)
{
	const struct ip_tunnel_encap_ops *ops;
	struct ip_tunnel_encap ke;
	size_t hlen = 0;

	e->hlen = 0;
	if (e->type == TUNNEL_ENCAP_NONE)
		return 0;
	scid_encap_to_kernel(e, &ke);
	rcu_read_lock();
	ops = scid_encap_ops(e->type);
	if (ops && ops->encap_hlen)
		hlen = ops->encap_hlen(&ke);
	rcu_read_unlock();
	if (!ops) {
		NL_SET_ERR_MSG(extack,
			       "encap fou and gue need the fou module (modprobe fou)");
		return -EINVAL;
	}
	if (!hlen || hlen > SCID_ENCAP_HLEN_MAX) {
		NL_SET_ERR_MSG(extack, "the fou module gave an unusable header length");
		return -EINVAL;
	}
	e->hlen = hlen;
	return 0;
}

/**
 * scid_encap_request() - the encapsulation a request asks for
 * @data: the request's attributes, or NULL
 * @e: the tunnel's current encapsulation (zeroed for a new one); updated
 * @extack: where a refusal is explained
 *
 * Attributes left out keep their value, as the kernel's ipip keeps them.
 * Stricter than ipip: a UDP encapsulation needs a destination port
 * (ipip would send to port 0), remote checksum offload exists only in
 * GUE (ipip ignores it under FOU), and unknown types and flags are
 * refused rather than stored.
 *
 * Context: RTNL held.
 * Return: 0, -EINVAL, or -EOPNOTSUPP for an encapsulation we do not do.
 */
int scid_encap_request(struct nlattr *data[], struct scid_encap *e,
		       struct netlink_ext_ack *extack)
{
	struct nlattr *attr;

	if (!data)
		return 0;
	attr = data[IFLA_IPTUN_ENCAP_TYPE];
	if (attr) {
		u16 type = nla_get_u16(attr);

		if (type != TUNNEL_ENCAP_NONE && type != TUNNEL_ENCAP_FOU &&
		    type != TUNNEL_ENCAP_GUE) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "encap must be fou, gue or none");
			return -EOPNOTSUPP;
		}
		e->type = type;
	}
	attr = data[IFLA_IPTUN_ENCAP_FLAGS];
	if (attr) {
		u16 flags = nla_get_u16(attr);

		if (flags & ~SCID_ENCAP_FLAGS) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "encap flags: only encap-csum and encap-remcsum");
			return -EINVAL;
		}
		e->flags = flags;
	}
	if (data[IFLA_IPTUN_ENCAP_SPORT])
		e->sport = nla_get_be16(data[IFLA_IPTUN_ENCAP_SPORT]);
	if (data[IFLA_IPTUN_ENCAP_DPORT])
		e->dport = nla_get_be16(data[IFLA_IPTUN_ENCAP_DPORT]);

	if (e->type != TUNNEL_ENCAP_NONE && !e->dport) {
		NL_SET_ERR_MSG(extack, "encap fou and gue need an encap-dport");
		return -EINVAL;
	}
	if ((e->flags & TUNNEL_ENCAP_FLAG_REMCSUM) &&
	    e->type != TUNNEL_ENCAP_GUE) {
		NL_SET_ERR_MSG(extack, "encap-remcsum needs encap gue");
		return -EINVAL;
	}
	return scid_encap_measure(e, extack);
}

/**
 * scid_encap_set() - give a tunnel a new encapsulation
 * @t: tunnel
 * @dev: its device, registered or (from newlink) not yet
 * @e: from scid_encap_request()
 *
 * Transmit reads the encapsulation as one word, so a packet sees the old
 * one or the new one, never half of each. The MTU and headroom follow at
 * once; a probed path MTU is an outer size, and is re-expressed.
 *
 * Context: RTNL held.
 */
void scid_encap_set(struct scid_tunnel *t, struct net_device *dev,
		    const struct scid_encap *e)
{
	ASSERT_RTNL();
	if (t->encap.word == e->word)
		return;
	WRITE_ONCE(t->encap.word, e->word);
	dev->max_mtu = IP_MAX_MTU - scid_outer_hlen(t);
	scid_pmtu_rebase(t);
	if (dev->reg_state == NETREG_REGISTERED)
		scid_underlay_sync(t);
}

/**
 * scid_encap_push() - put the UDP (and GUE) header in front of @skb
 * @e: the encapsulation, as transmit read it
 * @skb: inner packet, with headroom for @e->hlen
 * @proto: the outer header's protocol; becomes IPPROTO_UDP
 * @fl4: the outer flow, its addresses resolved (the UDP checksum needs them)
 *
 * Return: 0, or a negative errno when the fou module is gone or could not
 * build the header; the caller drops the packet.
 */
int scid_encap_push(const struct scid_encap *e, struct sk_buff *skb,
		    u8 *proto, struct flowi4 *fl4)
{
	const struct ip_tunnel_encap_ops *ops;
	struct ip_tunnel_encap ke;
	int err = -ENOENT;

	scid_encap_to_kernel(e, &ke);
	rcu_read_lock();
	ops = scid_encap_ops(e->type);
	if (likely(ops && ops->build_header))
		err = ops->build_header(skb, &ke, proto, fl4);
	rcu_read_unlock();
	return err;
}

/* IFLA_IPTUN_ENCAP_*: four, always, as ipip reports them. */
size_t scid_encap_info_size(void)
{
	return 2 * nla_total_size(sizeof(u16)) +
	       2 * nla_total_size(sizeof(__be16));
}

int scid_encap_fill_info(struct sk_buff *skb, const struct scid_tunnel *t)
{
	struct scid_encap e = { .word = READ_ONCE(t->encap.word) };

	if (nla_put_u16(skb, IFLA_IPTUN_ENCAP_TYPE, e.type) ||
	    nla_put_u16(skb, IFLA_IPTUN_ENCAP_FLAGS, e.flags) ||
	    nla_put_be16(skb, IFLA_IPTUN_ENCAP_SPORT, e.sport) ||
	    nla_put_be16(skb, IFLA_IPTUN_ENCAP_DPORT, e.dport))
		return -EMSGSIZE;
	return 0;
}
