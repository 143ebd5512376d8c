// SPDX-License-Identifier: GPL-2.0
/*
 * rtnetlink kind "scid_ipip": `ip link add/del/show` for our tunnels, with
 * the same IFLA_IPTUN_* attributes as the kernel's ipip.
 */
#include <net/ip.h>
#include <net/rtnetlink.h>

#include "scid_ipip.h"

static const struct nla_policy scid_policy[IFLA_SCID_MAX + 1] = {
	[IFLA_IPTUN_LINK]	= { .type = NLA_U32 },
	[IFLA_IPTUN_LOCAL]	= { .type = NLA_U32 },
	[IFLA_IPTUN_REMOTE]	= { .type = NLA_U32 },
	[IFLA_IPTUN_TTL]	= { .type = NLA_U8 },
	[IFLA_IPTUN_TOS]	= { .type = NLA_U8 },
	[IFLA_IPTUN_PROTO]	= { .type = NLA_U8 },
	[IFLA_IPTUN_PMTUDISC]	= { .type = NLA_U8 },
	[IFLA_IPTUN_FWMARK]	= { .type = NLA_U32 },
	[IFLA_IPTUN_ENCAP_TYPE]	= { .type = NLA_U16 },
	[IFLA_IPTUN_ENCAP_FLAGS] = { .type = NLA_U16 },
	[IFLA_IPTUN_ENCAP_SPORT] = { .type = NLA_U16 },
	[IFLA_IPTUN_ENCAP_DPORT] = { .type = NLA_U16 },
	[IFLA_IPTUN_COLLECT_METADATA] = { .type = NLA_FLAG },
	[IFLA_SCID_MTU]		= { .type = NLA_U32 },
	[IFLA_SCID_KEEPALIVE]	= { .type = NLA_U32 },
	[IFLA_SCID_KEEPALIVE_HOLD] = NLA_POLICY_RANGE(NLA_U32, 1,
						      SCID_KA_COUNT_MAX),
	[IFLA_SCID_KEEPALIVE_RISE] = NLA_POLICY_RANGE(NLA_U32, 1,
						      SCID_KA_COUNT_MAX),
	[IFLA_SCID_KEEPALIVE_STATE] = { .type = NLA_U8 },
	[IFLA_SCID_KEEPALIVE_LAST] = { .type = NLA_U32 },
	[IFLA_SCID_KEEPALIVE_RTT] = { .type = NLA_U32 },
	[IFLA_SCID_CLAMP_MSS]	= { .type = NLA_U32 },
	[IFLA_SCID_PMTU_PROBE]	= { .type = NLA_U8 },
	[IFLA_SCID_PMTU_RAISE]	= { .type = NLA_U32 },
	[IFLA_SCID_PMTU]	= { .type = NLA_U32 },
	[IFLA_SCID_PMTU_STATE]	= { .type = NLA_U8 },
	[IFLA_SCID_PMTU_AGE]	= { .type = NLA_U32 },
	[IFLA_SCID_ALLOW]	= { .type = NLA_NESTED },
};

static bool scid_attr_supported(int type)
{
	switch (type) {
	case IFLA_IPTUN_LINK:
	case IFLA_IPTUN_LOCAL:
	case IFLA_IPTUN_REMOTE:
	case IFLA_IPTUN_TTL:
	case IFLA_IPTUN_TOS:
	case IFLA_IPTUN_PROTO:
	case IFLA_IPTUN_PMTUDISC:
	case IFLA_IPTUN_FWMARK:
	case IFLA_IPTUN_ENCAP_TYPE:
	case IFLA_IPTUN_ENCAP_FLAGS:
	case IFLA_IPTUN_ENCAP_SPORT:
	case IFLA_IPTUN_ENCAP_DPORT:
	case IFLA_IPTUN_COLLECT_METADATA:
	case IFLA_SCID_MTU:
	case IFLA_SCID_KEEPALIVE:
	case IFLA_SCID_KEEPALIVE_HOLD:
	case IFLA_SCID_KEEPALIVE_RISE:
	case IFLA_SCID_CLAMP_MSS:
	case IFLA_SCID_PMTU_PROBE:
	case IFLA_SCID_PMTU_RAISE:
	case IFLA_SCID_ALLOW:
		return true;
	}
	return false;
}

/* State the kernel reports, which a request cannot set. */
static bool scid_attr_read_only(int type)
{
	return type == IFLA_SCID_KEEPALIVE_STATE ||
	       type == IFLA_SCID_KEEPALIVE_LAST ||
	       type == IFLA_SCID_KEEPALIVE_RTT ||
	       type == IFLA_SCID_PMTU || type == IFLA_SCID_PMTU_STATE ||
	       type == IFLA_SCID_PMTU_AGE;
}

/* Keys, metadata mode, modes: refuse what we would ignore. */
static int scid_validate(struct nlattr *tb[], struct nlattr *data[],
			 struct netlink_ext_ack *extack)
{
	int type;

	BUILD_BUG_ON(IFLA_IPTUN_MAX >= IFLA_SCID_MTU);
	if (!data)
		return 0;
	for (type = 1; type <= IFLA_SCID_MAX; type++) {
		if (data[type] && scid_attr_read_only(type)) {
			NL_SET_ERR_MSG_ATTR(extack, data[type],
					    "read-only scid_ipip attribute");
			return -EINVAL;
		}
		if (data[type] && !scid_attr_supported(type)) {
			NL_SET_ERR_MSG_ATTR(extack, data[type],
					    "attribute not supported by scid_ipip");
			return -EOPNOTSUPP;
		}
	}
	return 0;
}

/* An unknown value maps to a frag_off that scid_parms_check() refuses. */
static __be16 scid_pmtudisc_to_frag_off(u8 pmtudisc)
{
	switch (pmtudisc) {
	case SCID_PMTUDISC_INHERIT:
		return htons(SCID_FRAG_OFF_INHERIT);
	case SCID_PMTUDISC_ON:
		return htons(SCID_FRAG_OFF_PMTUDISC);
	case SCID_PMTUDISC_NODF:
		return htons(SCID_FRAG_OFF_NODF);
	}
	return htons(IP_OFFSET);
}

static u8 scid_frag_off_to_pmtudisc(__be16 frag_off)
{
	if (frag_off == htons(SCID_FRAG_OFF_PMTUDISC))
		return SCID_PMTUDISC_ON;
	if (frag_off == htons(SCID_FRAG_OFF_NODF))
		return SCID_PMTUDISC_NODF;
	return SCID_PMTUDISC_INHERIT;
}

static void scid_parms_from_attrs(struct nlattr *data[],
				  struct ip_tunnel_parm *p)
{
	if (!data)
		return;
	if (data[IFLA_IPTUN_LINK])
		p->link = nla_get_u32(data[IFLA_IPTUN_LINK]);
	if (data[IFLA_IPTUN_LOCAL])
		p->iph.saddr = nla_get_in_addr(data[IFLA_IPTUN_LOCAL]);
	if (data[IFLA_IPTUN_REMOTE])
		p->iph.daddr = nla_get_in_addr(data[IFLA_IPTUN_REMOTE]);
	if (data[IFLA_IPTUN_TTL])
		p->iph.ttl = nla_get_u8(data[IFLA_IPTUN_TTL]);
	if (data[IFLA_IPTUN_TOS])
		p->iph.tos = nla_get_u8(data[IFLA_IPTUN_TOS]);
	if (data[IFLA_IPTUN_PROTO])
		p->iph.protocol = nla_get_u8(data[IFLA_IPTUN_PROTO]);
	if (data[IFLA_IPTUN_PMTUDISC]) {
		u8 pmtudisc = nla_get_u8(data[IFLA_IPTUN_PMTUDISC]);

		p->iph.frag_off = scid_pmtudisc_to_frag_off(pmtudisc);
	}
}

/* What scid_parms_check() refused, in words `ip link` prints. */
static void scid_parms_extack(struct netlink_ext_ack *extack, int err)
{
	switch (err) {
	case -ENODEV:
		NL_SET_ERR_MSG(extack, "no such link device");
		break;
	case -ELOOP:
		NL_SET_ERR_MSG(extack,
			       "link device leads back to this tunnel");
		break;
	case -EMLINK:
		NL_SET_ERR_MSG(extack,
			       "link device stacks scid_ipip tunnels too deep");
		break;
	default:
		NL_SET_ERR_MSG(extack, "invalid scid_ipip tunnel parameters");
	}
}

/* The MTU range of a tunnel whose outer headers take @hlen bytes. */
static bool scid_mtu_in_range(u32 mtu, unsigned int hlen)
{
	return mtu >= IPV4_MIN_MTU && mtu <= IP_MAX_MTU - hlen;
}

/*
 * The MTU a request pins (0: back to the underlay's), from IFLA_SCID_MTU
 * or an explicit IFLA_MTU, checked before anything changes. Return: 1 when
 * the request says something of the MTU, 0 when not, or a negative errno.
 */
static int scid_mtu_request(struct nlattr *tb[], struct nlattr *data[],
			    unsigned int hlen, u32 *mtu,
			    struct netlink_ext_ack *extack)
{
	struct nlattr *explicit = tb ? tb[IFLA_MTU] : NULL;

	if (data && data[IFLA_SCID_MTU]) {
		*mtu = nla_get_u32(data[IFLA_SCID_MTU]);
		if (*mtu && !scid_mtu_in_range(*mtu, hlen)) {
			NL_SET_ERR_MSG_ATTR(extack, data[IFLA_SCID_MTU],
					    "mtu out of range (68..65535 less the outer headers, or 0 for auto)");
			return -EINVAL;
		}
		if (explicit && nla_get_u32(explicit) != *mtu) {
			NL_SET_ERR_MSG_ATTR(extack, explicit,
					    "IFLA_MTU disagrees with the scid_ipip mtu");
			return -EINVAL;
		}
		return 1;
	}
	if (!explicit)
		return 0;
	*mtu = nla_get_u32(explicit);
	if (!scid_mtu_in_range(*mtu, hlen)) {
		NL_SET_ERR_MSG_ATTR(extack, explicit,
				    "mtu out of range (68..65535 less the outer headers)");
		return -EINVAL;
	}
	return 1;
}

/* Path MTU probing's settings, with keepalive's already in @conf. */
static int scid_pmtu_request(struct nlattr *data[], __be16 frag_off,
			     struct scid_ka_conf *conf,
			     struct netlink_ext_ack *extack)
{
	struct nlattr *attr;

	attr = data[IFLA_SCID_PMTU_PROBE];
	if (attr) {
		if (nla_get_u8(attr) > 1) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "pmtu-probe must be 0 (off) or 1 (on)");
			return -EINVAL;
		}
		conf->pmtu_probe = nla_get_u8(attr);
	}
	attr = data[IFLA_SCID_PMTU_RAISE];
	if (attr) {
		conf->pmtu_raise_ms = nla_get_u32(attr);
		if (conf->pmtu_raise_ms < SCID_PMTU_RAISE_MIN ||
		    conf->pmtu_raise_ms > SCID_PMTU_RAISE_MAX) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "pmtu-raise out of range (1000..86400000 ms)");
			return -EINVAL;
		}
	}
	/* Probes ride on keepalive's, and only its answers judge them. */
	if (conf->pmtu_probe && !conf->interval_ms) {
		NL_SET_ERR_MSG(extack, "pmtu-probe needs keepalive");
		return -EINVAL;
	}
	/* Fragmented outer packets would pass at any size. */
	if (conf->pmtu_probe && frag_off == htons(SCID_FRAG_OFF_NODF)) {
		NL_SET_ERR_MSG(extack, "pmtu-probe needs DF on outer packets (pmtudisc)");
		return -EINVAL;
	}
	return 0;
}

/*
 * Keepalive settings from the request over @conf (the tunnel's own, or the
 * defaults), checked before anything changes. @remote is the remote the
 * tunnel will have: without one there is no peer to probe. @mode is the
 * mode it will have, @frag_off its DF policy, which path MTU probing
 * needs.
 */
static int scid_ka_request(struct nlattr *data[], __be32 remote, u8 mode,
			   __be16 frag_off, struct scid_ka_conf *conf,
			   struct netlink_ext_ack *extack)
{
	struct nlattr *attr;

	if (!data)
		return 0;
	attr = data[IFLA_SCID_KEEPALIVE];
	if (attr) {
		conf->interval_ms = nla_get_u32(attr);
		if (conf->interval_ms &&
		    (conf->interval_ms < SCID_KA_INTERVAL_MIN ||
		     conf->interval_ms > SCID_KA_INTERVAL_MAX)) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "keepalive interval out of range (50..600000 ms, or 0 for off)");
			return -EINVAL;
		}
	}
	/* hold and rise: in range by the policy */
	attr = data[IFLA_SCID_KEEPALIVE_HOLD];
	if (attr)
		conf->hold = nla_get_u32(attr);
	attr = data[IFLA_SCID_KEEPALIVE_RISE];
	if (attr)
		conf->rise = nla_get_u32(attr);
	if (conf->interval_ms && !remote) {
		NL_SET_ERR_MSG(extack, "keepalive needs a remote address");
		return -EINVAL;
	}
	/* Its probes are IPv4, which an mplsip tunnel does not carry. */
	if (conf->interval_ms && mode == IPPROTO_MPLS) {
		NL_SET_ERR_MSG(extack, "keepalive needs mode ipip or any");
		return -EINVAL;
	}
	return scid_pmtu_request(data, frag_off, conf, extack);
}

/* The MSS clamping the request asks for, checked before anything changes. */
static int scid_clamp_mss_request(struct nlattr *data[], u32 *setting,
				  struct netlink_ext_ack *extack)
{
	struct nlattr *attr = data ? data[IFLA_SCID_CLAMP_MSS] : NULL;

	if (!attr)
		return 0;
	*setting = nla_get_u32(attr);
	if (!scid_clamp_mss_valid(*setting)) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "clamp-mss out of range (536..65495, or 1 for auto, 0 for off)");
		return -EINVAL;
	}
	return 0;
}

/*
 * What an external tunnel (external.c) cannot have, and what only one
 * can: @external is the mode the tunnel will have, @p its parameters.
 */
static int scid_external_request(struct nlattr *data[], bool external,
				 const struct ip_tunnel_parm *p,
				 struct netlink_ext_ack *extack)
{
	if (external && (p->iph.daddr || p->iph.saddr)) {
		NL_SET_ERR_MSG(extack,
			       "an external tunnel has no remote or local address: each packet's metadata names them");
		return -EINVAL;
	}
	if (!external && data && data[IFLA_SCID_ALLOW]) {
		NL_SET_ERR_MSG_ATTR(extack, data[IFLA_SCID_ALLOW],
				    "allow is for external tunnels");
		return -EINVAL;
	}
	return 0;
}

/*
 * @link_net is where the outer packets go and @p.link is looked up: the
 * namespace of IFLA_LINK_NETNSID, else the device's (SCID_RTNL_NEWLINK).
 */
static int scid_newlink(struct net *link_net, struct net_device *dev,
			struct nlattr *tb[], struct nlattr *data[],
			struct netlink_ext_ack *extack)
{
	struct ip_tunnel_parm p = {
		.iph.version	= 4,
		.iph.ihl	= 5,
		.iph.protocol	= IPPROTO_IPIP,
		.iph.frag_off	= htons(SCID_FRAG_OFF_PMTUDISC),
	};
	struct scid_ka_conf ka = {
		.hold		= SCID_KA_HOLD_DEFAULT,
		.rise		= SCID_KA_RISE_DEFAULT,
		.pmtu_raise_ms	= SCID_PMTU_RAISE_DEFAULT,
	};
	struct scid_tunnel *t = netdev_priv(dev);
	u32 mtu, clamp_mss = SCID_CLAMP_MSS_OFF;
	struct scid_allow *allow = NULL;
	struct scid_encap encap = {};
	int err, pin;

	t->external = data && nla_get_flag(data[IFLA_IPTUN_COLLECT_METADATA]);
	err = scid_encap_request(data, &encap, extack);
	if (err)
		return err;
	pin = scid_mtu_request(tb, data, SCID_OUTER_HLEN + encap.hlen, &mtu,
			       extack);
	if (pin < 0)
		return pin;
	err = scid_clamp_mss_request(data, &clamp_mss, extack);
	if (err)
		return err;
	scid_parms_from_attrs(data, &p);
	err = scid_parms_check(link_net, &p, NULL);
	if (err) {
		scid_parms_extack(extack, err);
		return err;
	}
	err = scid_ka_request(data, p.iph.daddr, p.iph.protocol, p.iph.frag_off,
			      &ka, extack);
	if (err)
		return err;
	err = scid_external_request(data, t->external, &p, extack);
	if (err)
		return err;
	if (t->external &&
	    rcu_access_pointer(scid_net(link_net)->table.external)) {
		NL_SET_ERR_MSG(extack,
			       "this namespace has an external scid_ipip tunnel already");
		return -EEXIST;
	}
	err = scid_allow_request(data, &allow, extack);
	if (err < 0)
		return err;
	scid_parms_normalize(&p);
	/* Before registering: the first MTU comes from an outer lookup. */
	if (data && data[IFLA_IPTUN_FWMARK])
		t->fwmark = nla_get_u32(data[IFLA_IPTUN_FWMARK]);
	t->clamp_mss = clamp_mss;
	scid_encap_set(t, dev, &encap);
	err = scid_tunnel_register(link_net, dev, &p);
	if (err) {
		scid_allow_free(allow);
		if (err == -EEXIST)
			NL_SET_ERR_MSG(extack,
				       "a tunnel with these endpoints exists");
		return err;
	}
	if (allow)
		scid_allow_set(t, allow);
	/*
	 * Registration chose the MTU from the lower device; an explicit one
	 * wins. It was checked above: a registered device cannot fail here.
	 */
	if (pin && mtu)
		WARN_ON_ONCE(scid_mtu_pin(t, mtu));
	scid_ka_configure(t, &ka);
	return 0;
}

SCID_RTNL_NEWLINK(scid_newlink)

static int scid_changelink(struct net_device *dev, struct nlattr *tb[],
			   struct nlattr *data[],
			   struct netlink_ext_ack *extack)
{
	struct scid_tunnel *t = netdev_priv(dev);
	struct ip_tunnel_parm p = t->parms;
	u32 mtu, clamp_mss = READ_ONCE(t->clamp_mss);
	struct scid_encap encap = t->encap;
	struct scid_allow *allow = NULL;
	struct scid_ka_conf ka;
	unsigned int hlen;
	int err, pin, asked;

	/* rtnetlink checked the device's namespace only (docs/ioctl.md). */
	if (!scid_may_manage(t)) {
		NL_SET_ERR_MSG(extack,
			       "CAP_NET_ADMIN needed where the tunnel was created");
		return -EPERM;
	}
	if (data && data[IFLA_IPTUN_COLLECT_METADATA] && !t->external) {
		NL_SET_ERR_MSG_ATTR(extack, data[IFLA_IPTUN_COLLECT_METADATA],
				    "external is chosen when the tunnel is created");
		return -EINVAL;
	}
	err = scid_encap_request(data, &encap, extack);
	if (err)
		return err;
	hlen = SCID_OUTER_HLEN + encap.hlen;
	pin = scid_mtu_request(tb, data, hlen, &mtu, extack);
	if (pin < 0)
		return pin;
	/* A pinned MTU the new headers would push past 64 KiB. */
	if (!pin && t->mtu_pinned && !scid_mtu_in_range(t->mtu_pin, hlen)) {
		NL_SET_ERR_MSG(extack,
			       "the pinned mtu leaves no room for these outer headers");
		return -EINVAL;
	}
	err = scid_clamp_mss_request(data, &clamp_mss, extack);
	if (err)
		return err;
	scid_parms_from_attrs(data, &p);
	err = scid_parms_check(t->net, &p, dev);
	if (err) {
		scid_parms_extack(extack, err);
		return err;
	}
	/*
	 * The tunnel's own remote: a change cannot add or drop one
	 * (scid_tunnel_change() refuses it after the endpoint check).
	 */
	scid_ka_conf_get(t, &ka);
	err = scid_ka_request(data, t->parms.iph.daddr, p.iph.protocol,
			      p.iph.frag_off, &ka, extack);
	if (err)
		return err;
	err = scid_external_request(data, t->external, &p, extack);
	if (err)
		return err;
	asked = scid_allow_request(data, &allow, extack);
	if (asked < 0)
		return asked;
	scid_parms_normalize(&p);
	err = scid_tunnel_change(t, &p);
	if (err) {
		scid_allow_free(allow);
		return err;
	}
	if (asked)
		scid_allow_set(t, allow);
	if (data && data[IFLA_IPTUN_FWMARK])
		scid_tunnel_set_fwmark(t, nla_get_u32(data[IFLA_IPTUN_FWMARK]));
	WRITE_ONCE(t->clamp_mss, clamp_mss);
	scid_encap_set(t, dev, &encap);
	if (pin) {
		/* Only a notifier of another device can still refuse it. */
		err = scid_mtu_pin(t, mtu);
		if (err)
			return err;
	}
	scid_ka_configure(t, &ka);
	return 0;
}

static size_t scid_get_size(const struct net_device *dev)
{
	return nla_total_size(4) +	/* IFLA_IPTUN_LINK */
	       nla_total_size(4) +	/* IFLA_IPTUN_LOCAL */
	       nla_total_size(4) +	/* IFLA_IPTUN_REMOTE */
	       nla_total_size(1) +	/* IFLA_IPTUN_TTL */
	       nla_total_size(1) +	/* IFLA_IPTUN_TOS */
	       nla_total_size(1) +	/* IFLA_IPTUN_PROTO */
	       nla_total_size(1) +	/* IFLA_IPTUN_PMTUDISC */
	       nla_total_size(4) +	/* IFLA_IPTUN_FWMARK */
	       nla_total_size(4) +	/* IFLA_SCID_MTU */
	       nla_total_size(4) +	/* IFLA_SCID_CLAMP_MSS */
	       scid_encap_info_size() +
	       scid_allow_info_size(netdev_priv(dev)) +
	       scid_ka_info_size();
}

static int scid_fill_info(struct sk_buff *skb, const struct net_device *dev)
{
	struct scid_tunnel *t = netdev_priv(dev);
	const struct ip_tunnel_parm *p = &t->parms;

	if (nla_put_u32(skb, IFLA_IPTUN_LINK, p->link) ||
	    nla_put_in_addr(skb, IFLA_IPTUN_LOCAL, p->iph.saddr) ||
	    nla_put_in_addr(skb, IFLA_IPTUN_REMOTE, p->iph.daddr) ||
	    nla_put_u8(skb, IFLA_IPTUN_TTL, p->iph.ttl) ||
	    nla_put_u8(skb, IFLA_IPTUN_TOS, p->iph.tos) ||
	    nla_put_u8(skb, IFLA_IPTUN_PROTO, p->iph.protocol) ||
	    nla_put_u8(skb, IFLA_IPTUN_PMTUDISC,
		       scid_frag_off_to_pmtudisc(p->iph.frag_off)) ||
	    nla_put_u32(skb, IFLA_IPTUN_FWMARK, READ_ONCE(t->fwmark)) ||
	    nla_put_u32(skb, IFLA_SCID_MTU,
			READ_ONCE(t->mtu_pinned) ? READ_ONCE(t->mtu_pin) : 0) ||
	    nla_put_u32(skb, IFLA_SCID_CLAMP_MSS, READ_ONCE(t->clamp_mss)) ||
	    scid_encap_fill_info(skb, t) || scid_allow_fill_info(skb, t))
		return -EMSGSIZE;
	return scid_ka_fill_info(skb, t);
}

static struct net *scid_get_link_net(const struct net_device *dev)
{
	const struct scid_tunnel *t = netdev_priv(dev);

	return t->net;
}

struct rtnl_link_ops scid_link_ops __read_mostly = {
	.kind		= SCID_KIND,
	.maxtype	= IFLA_SCID_MAX,
	.policy		= scid_policy,
	.priv_size	= sizeof(struct scid_tunnel),
	.setup		= scid_tunnel_setup,
	.validate	= scid_validate,
	.newlink	= scid_newlink_rtnl,
	.changelink	= scid_changelink,
	.dellink	= unregister_netdevice_queue,
	.get_size	= scid_get_size,
	.fill_info	= scid_fill_info,
	.get_link_net	= scid_get_link_net,
};

/**
 * scid_netlink_register() - offer the "scid_ipip" link kind
 *
 * Return: 0 or an error from rtnl_link_register().
 */
int scid_netlink_register(void)
{
	return rtnl_link_register(&scid_link_ops);
}

/**
 * scid_netlink_unregister() - withdraw the kind, deleting its tunnels
 */
void scid_netlink_unregister(void)
{
	rtnl_link_unregister(&scid_link_ops);
}
