// SPDX-License-Identifier: GPL-2.0
/*
 * External (metadata) mode, docs/external.md: a tunnel without addresses
 * of its own. Each packet it sends names its outer addresses in tunnel
 * metadata (a route's "encap ip", tc tunnel_key, BPF); each packet it
 * receives carries the outer header's up as metadata.
 *
 * The kernel's ipip decapsulates for such a device from any source, which
 * makes every host running one an open relay into its namespace. Here the
 * device accepts only sources inside the prefixes its operator allowed,
 * and none until told: "allow any" (0.0.0.0/0) is the explicit opt-out.
 */
#include <linux/bsearch.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <net/dst_metadata.h>
#include <net/ip.h>
#include <net/netlink.h>

#include "scid_ipip.h"

/*
 * The allowed sources: the prefixes as the operator gave them (sorted, for
 * the dump) and the address ranges they cover, merged, which the receive
 * path searches: one binary search however many prefixes there are.
 */
struct scid_allow {
	struct rcu_head		rcu;
	u32			nprefixes;
	u32			nranges;
	struct scid_prefix	*prefixes;
	struct scid_range {
		u32		first;	/* host order */
		u32		last;
	} ranges[];
};

static u32 scid_prefix_mask(u8 len)
{
	return len ? ~0U << (32 - len) : 0;
}

static int scid_prefix_cmp(const void *a, const void *b)
{
	const struct scid_prefix *x = a, *y = b;
	u32 xa = ntohl(x->addr), ya = ntohl(y->addr);

	if (xa != ya)
		return xa < ya ? -1 : 1;
	return x->len - y->len;
}

/* Ranges from prefixes sorted by first address: overlaps become one. */
static void scid_allow_merge(struct scid_allow *a)
{
	struct scid_range *r = NULL;
	u32 i, first, last;

	a->nranges = 0;
	for (i = 0; i < a->nprefixes; i++) {
		first = ntohl(a->prefixes[i].addr);
		last = first | ~scid_prefix_mask(a->prefixes[i].len);
		if (r && (first <= r->last || first == r->last + 1)) {
			r->last = max(r->last, last);
			continue;
		}
		r = &a->ranges[a->nranges++];
		r->first = first;
		r->last = last;
	}
}

/* One IFLA_SCID_ALLOW_PREFIX entry, into @p; extack names what is wrong. */
static int scid_prefix_parse(const struct nlattr *attr, struct scid_prefix *p,
			     struct netlink_ext_ack *extack)
{
	if (nla_type(attr) != IFLA_SCID_ALLOW_PREFIX ||
	    nla_len(attr) != sizeof(*p)) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "allow entries are IFLA_SCID_ALLOW_PREFIX, a struct scid_prefix each");
		return -EINVAL;
	}
	memcpy(p, nla_data(attr), sizeof(*p));
	if (p->len > 32 || memchr_inv(p->reserved, 0, sizeof(p->reserved))) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "allow prefix length over 32, or reserved bytes set");
		return -EINVAL;
	}
	if (ntohl(p->addr) & ~scid_prefix_mask(p->len)) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "allow prefix has host bits set");
		return -EINVAL;
	}
	return 0;
}

/**
 * scid_allow_request() - the allow list a request asks for
 * @data: the request's IFLA_INFO_DATA attributes, or NULL
 * @allow: the new list (NULL for an empty one), when the request has one
 * @extack: where a refusal is explained
 *
 * Context: process, may sleep.
 * Return: 1 with *@allow set when the request carries IFLA_SCID_ALLOW, 0
 * when it does not, or a negative errno (nothing allocated).
 */
int scid_allow_request(struct nlattr *data[], struct scid_allow **allow,
		       struct netlink_ext_ack *extack)
{
	struct nlattr *nest = data ? data[IFLA_SCID_ALLOW] : NULL;
	const struct nlattr *attr;
	struct scid_allow *a;
	int rem, n = 0, err;
	u32 i;

	if (!nest)
		return 0;
	nla_for_each_nested(attr, nest, rem)
		n++;
	if (n > SCID_ALLOW_MAX) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "more than 1024 allow prefixes");
		return -E2BIG;
	}
	*allow = NULL;
	if (!n)
		return 1;
	a = kvzalloc(struct_size(a, ranges, n) + n * sizeof(*a->prefixes),
		     GFP_KERNEL);
	if (!a)
		return -ENOMEM;
	a->prefixes = (struct scid_prefix *)&a->ranges[n];
	nla_for_each_nested(attr, nest, rem) {
		err = scid_prefix_parse(attr, &a->prefixes[a->nprefixes],
					extack);
		if (err)
			goto fail;
		a->nprefixes++;
	}
	sort(a->prefixes, n, sizeof(*a->prefixes), scid_prefix_cmp, NULL);
	for (i = 1; i < n; i++) {
		if (!scid_prefix_cmp(&a->prefixes[i - 1], &a->prefixes[i])) {
			NL_SET_ERR_MSG_ATTR(extack, nest,
					    "an allow prefix is given twice");
			err = -EINVAL;
			goto fail;
		}
	}
	scid_allow_merge(a);
	*allow = a;
	return 1;

fail:
	kvfree(a);
	return err;
}

static void scid_allow_free_rcu(struct rcu_head *head)
{
	kvfree(container_of(head, struct scid_allow, rcu));
}

/**
 * scid_allow_set() - give an external tunnel a new allow list
 * @t: the tunnel
 * @allow: from scid_allow_request(); NULL empties the list
 *
 * Context: RTNL held.
 */
void scid_allow_set(struct scid_tunnel *t, struct scid_allow *allow)
{
	struct scid_allow *old = rtnl_dereference(t->allow);

	rcu_assign_pointer(t->allow, allow);
	if (old)
		call_rcu(&old->rcu, scid_allow_free_rcu);
}

/**
 * scid_allow_free() - free a request's list that was never set
 * @allow: the list, or NULL
 */
void scid_allow_free(struct scid_allow *allow)
{
	kvfree(allow);
}

/**
 * scid_allow_destroy() - free a tunnel's list as the tunnel goes
 * @t: the tunnel, unregistered: no reader can reach it any more
 */
void scid_allow_destroy(struct scid_tunnel *t)
{
	kvfree(rcu_dereference_protected(t->allow, true));
	RCU_INIT_POINTER(t->allow, NULL);
}

static int scid_range_cmp(const void *key, const void *elt)
{
	u32 addr = *(const u32 *)key;
	const struct scid_range *r = elt;

	if (addr < r->first)
		return -1;
	return addr > r->last;
}

/**
 * scid_allowed() - whether an external tunnel accepts an outer source
 * @t: the tunnel
 * @addr: the outer source (or, for an ICMP error, the remote we sent to)
 *
 * Context: RCU read side.
 * Return: true when a prefix of its allow list holds @addr.
 */
bool scid_allowed(const struct scid_tunnel *t, __be32 addr)
{
	const struct scid_allow *a = rcu_dereference(t->allow);
	u32 host = ntohl(addr);

	return a && bsearch(&host, a->ranges, a->nranges, sizeof(a->ranges[0]),
			    scid_range_cmp);
}

/**
 * scid_allow_info_size() - room scid_allow_fill_info() takes at most
 * @t: the tunnel
 *
 * Return: bytes.
 */
size_t scid_allow_info_size(const struct scid_tunnel *t)
{
	const struct scid_allow *a;
	u32 n;

	if (!t->external)
		return 0;
	rcu_read_lock();
	a = rcu_dereference(t->allow);
	n = a ? a->nprefixes : 0;
	rcu_read_unlock();
	return nla_total_size(0) +	/* IFLA_IPTUN_COLLECT_METADATA */
	       nla_total_size(0) +	/* IFLA_SCID_ALLOW */
	       n * nla_total_size(sizeof(struct scid_prefix));
}

/**
 * scid_allow_fill_info() - an external tunnel's mode and allow list
 * @skb: the answer being built
 * @t: the tunnel; a classic one adds nothing
 *
 * Return: 0 or -EMSGSIZE.
 */
int scid_allow_fill_info(struct sk_buff *skb, const struct scid_tunnel *t)
{
	const struct scid_allow *a;
	struct nlattr *nest;
	int err = 0;
	u32 i;

	if (!t->external)
		return 0;
	if (nla_put_flag(skb, IFLA_IPTUN_COLLECT_METADATA))
		return -EMSGSIZE;
	nest = nla_nest_start(skb, IFLA_SCID_ALLOW);
	if (!nest)
		return -EMSGSIZE;
	rcu_read_lock();
	a = rcu_dereference(t->allow);
	for (i = 0; a && i < a->nprefixes && !err; i++)
		err = nla_put(skb, IFLA_SCID_ALLOW_PREFIX,
			      sizeof(a->prefixes[i]), &a->prefixes[i]);
	rcu_read_unlock();
	if (err) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/*
 * An outer address a packet may be sent to or from: unicast, as a
 * tunnel's remote and local must be, and not 0. The rest of 0.0.0.0/8 is
 * an address range like any other for Linux (since 5.3).
 */
static bool scid_key_addr_ok(__be32 addr)
{
	return addr && !ipv4_is_multicast(addr) && !ipv4_is_lbcast(addr) &&
	       !ipv4_is_loopback(addr);
}

/**
 * scid_external_key() - the metadata a packet for an external tunnel
 * carries, if it is one the tunnel can honour
 * @skb: the inner packet
 *
 * The key comes from whatever set it (a route, tc, a BPF program), so it
 * is checked as any input: transmit metadata, IPv4, no options (IPIP has
 * nowhere to put them), a unicast destination, and a source that is
 * either left to the route or unicast too.
 *
 * Return: the tunnel info, or NULL for a packet to drop.
 */
struct ip_tunnel_info *scid_external_key(struct sk_buff *skb)
{
	struct ip_tunnel_info *info = skb_tunnel_info(skb);
	__be32 src;

	if (!info || !(info->mode & IP_TUNNEL_INFO_TX) ||
	    ip_tunnel_info_af(info) != AF_INET || info->options_len)
		return NULL;
	if (!scid_key_addr_ok(info->key.u.ipv4.dst))
		return NULL;
	src = info->key.u.ipv4.src;
	if (src && !scid_key_addr_ok(src))
		return NULL;
	return info;
}
