// SPDX-License-Identifier: GPL-2.0
/*
 * The per-namespace tunnel table. Writers hold RTNL; the receive path reads
 * under RCU. Tunnels hash on (remote, local) so a lookup probes at most two
 * buckets however many tunnels exist: the exact pair, then the tunnel that
 * left its local address open, then the one that left its remote open.
 * Only that last kind accepts a source it was not told about, and only
 * because its operator asked for it with "remote any"; nothing else ever
 * decapsulates from an unknown source (CVE-2020-10136).
 */
#include <linux/hashtable.h>
#include <linux/jhash.h>
#include <linux/rculist.h>

#include "scid_ipip.h"

static struct hlist_head *scid_bucket(struct scid_table *table,
				      __be32 remote, __be32 local)
{
	u32 h = jhash_2words((__force u32)remote, (__force u32)local, 0);

	return &table->buckets[h & (HASH_SIZE(table->buckets) - 1)];
}

void scid_table_init(struct scid_table *table)
{
	hash_init(table->buckets);
	table->count = 0;
}

void scid_table_add(struct scid_table *table, struct scid_tunnel *t)
{
	ASSERT_RTNL();
	hlist_add_head_rcu(&t->hash_node,
			   scid_bucket(table, t->parms.iph.daddr,
				       t->parms.iph.saddr));
	table->count++;
}

void scid_table_del(struct scid_table *table, struct scid_tunnel *t)
{
	ASSERT_RTNL();
	if (hlist_unhashed(&t->hash_node))
		return;
	hlist_del_init_rcu(&t->hash_node);
	table->count--;
}

/*
 * A tunnel bound to the device the packet came in on wins over one that is
 * bound elsewhere or nowhere; among equals the newest entry wins.
 */
static struct scid_tunnel *scid_bucket_find(struct scid_table *table,
					    __be32 remote, __be32 local,
					    int ifindex)
{
	struct scid_tunnel *t, *candidate = NULL;

	hlist_for_each_entry_rcu(t, scid_bucket(table, remote, local),
				 hash_node) {
		if (t->parms.iph.daddr != remote ||
		    t->parms.iph.saddr != local)
			continue;
		if (t->parms.link == ifindex)
			return t;
		if (!candidate)
			candidate = t;
	}
	return candidate;
}

/**
 * scid_table_find_rcv() - find the tunnel that owns a received packet
 * @table: table of the namespace the packet arrived in
 * @remote: outer source address
 * @local: outer destination address
 * @ifindex: device the packet arrived on
 *
 * Context: RCU read side.
 * Return: the tunnel, or NULL when the packet is not for any of ours.
 */
struct scid_tunnel *scid_table_find_rcv(struct scid_table *table,
					__be32 remote, __be32 local,
					int ifindex)
{
	struct scid_tunnel *t;

	if (!remote || !local)
		return NULL;
	t = scid_bucket_find(table, remote, local, ifindex);
	if (t)
		return t;
	t = scid_bucket_find(table, remote, 0, ifindex);
	if (t)
		return t;
	return scid_bucket_find(table, 0, local, ifindex);
}

/**
 * scid_table_find_parms() - find the tunnel with exactly these endpoints
 * @table: table to search
 * @p: local, remote and link to match
 *
 * Context: RTNL held.
 * Return: the tunnel, or NULL.
 */
struct scid_tunnel *scid_table_find_parms(struct scid_table *table,
					  const struct ip_tunnel_parm *p)
{
	struct scid_tunnel *t;

	hlist_for_each_entry(t, scid_bucket(table, p->iph.daddr, p->iph.saddr),
			     hash_node) {
		if (t->parms.iph.daddr == p->iph.daddr &&
		    t->parms.iph.saddr == p->iph.saddr &&
		    t->parms.link == p->link)
			return t;
	}
	return NULL;
}
