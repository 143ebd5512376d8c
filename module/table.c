// SPDX-License-Identifier: GPL-2.0
/*
 * The per-namespace tunnel table. Writers hold RTNL; the receive path reads
 * under RCU. Tunnels are keyed on (remote, local) in a resizable hash
 * table, so a lookup costs the same with one tunnel or ten thousand: the
 * exact pair first, then the tunnel that left its local address open, then
 * the one that left its remote open. Only that last kind accepts a source
 * it was not told about, and only because its operator asked for it with
 * "remote any"; nothing else ever decapsulates from an unknown source
 * (CVE-2020-10136). Tunnels sharing a key differ by link device, and at
 * most one of them is unbound.
 */
#include <linux/jhash.h>
#include <linux/rhashtable.h>

#include "scid_ipip.h"

/*
 * Our own hash and compare, rather than rhashtable's jhash2 and memcmp of
 * ht->p.key_len bytes: both are then inlined into the receive path's
 * lookup instead of being two calls per packet.
 */
static u32 scid_key_hash(const void *data, u32 len, u32 seed)
{
	const struct scid_key *key = data;

	return jhash_2words((__force u32)key->remote, (__force u32)key->local,
			    seed);
}

static int scid_key_cmp(struct rhashtable_compare_arg *arg, const void *obj)
{
	const struct scid_key *key = arg->key;
	const struct scid_tunnel *t = obj;

	return t->key.remote != key->remote || t->key.local != key->local;
}

static const struct rhashtable_params scid_table_params = {
	.key_len		= sizeof(struct scid_key),
	.key_offset		= offsetof(struct scid_tunnel, key),
	.head_offset		= offsetof(struct scid_tunnel, hash_node),
	.hashfn			= scid_key_hash,
	.obj_cmpfn		= scid_key_cmp,
	.automatic_shrinking	= true,
};

/**
 * scid_table_init() - set up an empty table
 * @table: table to initialize
 *
 * Return: 0 or -ENOMEM.
 */
int scid_table_init(struct scid_table *table)
{
	int err, cpu;

	INIT_LIST_HEAD(&table->all);
	table->count = 0;
	table->any_local = 0;
	table->any_remote = 0;
	RCU_INIT_POINTER(table->external, NULL);
	hash_init(table->by_lower);
	/* Hints start at generation 0, which the table never has. */
	table->gen = 1;
	table->hint = alloc_percpu(struct scid_rcv_hint);
	if (!table->hint)
		return -ENOMEM;
	for_each_possible_cpu(cpu)
		scid_bh_lock_init(&per_cpu_ptr(table->hint, cpu)->bh_lock);
	err = rhltable_init(&table->hash, &scid_table_params);
	if (err)
		free_percpu(table->hint);
	return err;
}

/**
 * scid_table_destroy() - free an empty table
 * @table: table whose tunnels are all gone
 */
void scid_table_destroy(struct scid_table *table)
{
	WARN_ON_ONCE(!list_empty(&table->all));
	rhltable_destroy(&table->hash);
	free_percpu(table->hint);
}

/*
 * The generation came round (after 2^32 changes on 32-bit): a hint taken
 * under any earlier value would hit again once the counter reaches it, and
 * its tunnel may be long freed. Once every reader that could still store
 * an old value is gone, forget every CPU's hint. Generation 0 stays
 * reserved for "no hint".
 */
static void scid_table_gen_wrapped(struct scid_table *table)
{
	int cpu;

	WRITE_ONCE(table->gen, 1);
	synchronize_rcu();
	for_each_possible_cpu(cpu)
		WRITE_ONCE(per_cpu_ptr(table->hint, cpu)->gen, 0);
}

/*
 * @t just joined (@delta 1) or left (-1) the hash table. Readers look at
 * the counts and the generation without RTNL, hence the WRITE_ONCE. The
 * generation moves after the hash table changed, so a hint taken under
 * the new one was found in the new table; and a reader that starts after
 * the grace period a deleted tunnel waits for sees it moved.
 */
static void scid_table_changed(struct scid_table *table,
			       const struct scid_tunnel *t, int delta)
{
	if (!t->key.local)
		WRITE_ONCE(table->any_local, table->any_local + delta);
	if (!t->key.remote)
		WRITE_ONCE(table->any_remote, table->any_remote + delta);
	/* Pairs with scid_table_find_rcv()'s smp_rmb(). */
	smp_wmb();
	WRITE_ONCE(table->gen, table->gen + 1);
	if (unlikely(!table->gen))
		scid_table_gen_wrapped(table);
}

static bool scid_tunnel_up(const struct scid_tunnel *t)
{
	return READ_ONCE(t->dev->flags) & IFF_UP;
}

/**
 * scid_table_add() - make a tunnel findable under its current endpoints
 * @table: table of the tunnel's creation namespace
 * @t: tunnel, not yet in the table
 *
 * Context: RTNL held.
 * Return: 0 or the hash table's error (-ENOMEM).
 */
int scid_table_add(struct scid_table *table, struct scid_tunnel *t)
{
	int err;

	ASSERT_RTNL();
	if (t->external) {
		/* One a namespace: which would a packet go to otherwise? */
		if (rtnl_dereference(table->external))
			return -EEXIST;
		rcu_assign_pointer(table->external, t);
		list_add_tail(&t->table_node, &table->all);
		table->count++;
		return 0;
	}
	/* Readers may still stand on @t (see scid_key_find()). */
	WRITE_ONCE(t->key.remote, t->parms.iph.daddr);
	WRITE_ONCE(t->key.local, t->parms.iph.saddr);
	err = rhltable_insert(&table->hash, &t->hash_node, scid_table_params);
	if (err)
		return err;
	list_add_tail(&t->table_node, &table->all);
	table->count++;
	scid_table_changed(table, t, 1);
	return 0;
}

/**
 * scid_table_del() - remove a tunnel; readers may still see it until a
 * grace period ends
 * @table: table the tunnel was added to
 * @t: tunnel, in the table or not
 *
 * Context: RTNL held.
 */
void scid_table_del(struct scid_table *table, struct scid_tunnel *t)
{
	ASSERT_RTNL();
	if (list_empty(&t->table_node))
		return;
	list_del_init(&t->table_node);
	table->count--;
	if (t->external) {
		RCU_INIT_POINTER(table->external, NULL);
		return;
	}
	rhltable_remove(&table->hash, &t->hash_node, scid_table_params);
	scid_table_changed(table, t, -1);
}

/**
 * scid_table_external() - the namespace's external tunnel, if it is up
 * @table: table of the namespace a packet arrived in
 *
 * Context: RCU read side.
 * Return: the tunnel, or NULL.
 */
struct scid_tunnel *scid_table_external(struct scid_table *table)
{
	struct scid_tunnel *t = rcu_dereference(table->external);

	return t && scid_tunnel_up(t) ? t : NULL;
}

/*
 * A tunnel bound to the device the packet came in on wins, then one bound
 * to no device, then one bound elsewhere: a binding says where the
 * tunnel's packets are expected, so it is the weakest match away from it.
 * A tunnel that is down is passed over, so that the one that would take
 * the packet were it gone does (@skipped says so): a down tunnel claiming
 * a packet could only drop it.
 *
 * scid_tunnel_change() moves a tunnel to another key's list with no grace
 * period between, so a reader standing on it follows on into that list:
 * each entry's key is checked, and the walk ends at the first that is not
 * ours. What it passed was ours; what it misses is missed as the moving
 * tunnel itself was while out of the table.
 */
static struct scid_tunnel *scid_key_find(struct scid_table *table,
					 __be32 remote, __be32 local,
					 int ifindex, bool *skipped)
{
	const struct scid_key key = { .remote = remote, .local = local };
	struct scid_tunnel *t, *unbound = NULL, *elsewhere = NULL;
	struct rhlist_head *list, *pos;
	int link;

	list = rhltable_lookup(&table->hash, &key, scid_table_params);
	rhl_for_each_entry_rcu(t, pos, list, hash_node) {
		if (READ_ONCE(t->key.remote) != remote ||
		    READ_ONCE(t->key.local) != local)
			break;
		if (!scid_tunnel_up(t)) {
			*skipped = true;
			continue;
		}
		link = READ_ONCE(t->parms.link);
		if (link == ifindex)
			return t;
		if (!link)
			unbound = t;
		else if (!elsewhere)
			elsewhere = t;
	}
	return unbound ?: elsewhere;
}

static struct scid_tunnel *scid_table_walk_rcv(struct scid_table *table,
					       __be32 remote, __be32 local,
					       int ifindex, bool *skipped)
{
	struct scid_tunnel *t;

	t = scid_key_find(table, remote, local, ifindex, skipped);
	if (t)
		return t;
	if (READ_ONCE(table->any_local)) {
		t = scid_key_find(table, remote, 0, ifindex, skipped);
		if (t)
			return t;
	}
	if (READ_ONCE(table->any_remote))
		return scid_key_find(table, 0, local, ifindex, skipped);
	return NULL;
}

/**
 * scid_table_find_rcv() - find the tunnel that owns a received packet
 * @table: table of the namespace the packet arrived in
 * @remote: outer source address
 * @local: outer destination address
 * @ifindex: device the packet arrived on
 *
 * Context: RCU read side with bottom halves off (softirq), which keeps
 * this CPU's hint to ourselves (with its lock on PREEMPT_RT).
 * Return: the tunnel, up, or NULL when the packet is not for any of ours.
 */
struct scid_tunnel *scid_table_find_rcv(struct scid_table *table,
					__be32 remote, __be32 local,
					int ifindex)
{
	struct scid_rcv_hint *hint;
	bool skipped = false;
	struct scid_tunnel *t;
	unsigned long gen;

	if (!remote || !local)
		return NULL;
	gen = READ_ONCE(table->gen);
	/* The walk below sees the table as of @gen, or newer. */
	smp_rmb();
	scid_bh_lock(&table->hint->bh_lock);
	hint = this_cpu_ptr(table->hint);
	if (READ_ONCE(hint->gen) == gen && hint->remote == remote &&
	    hint->local == local && hint->ifindex == ifindex) {
		t = hint->tunnel;
		scid_bh_unlock(&table->hint->bh_lock);
		if (scid_tunnel_up(t))
			return t;
	} else {
		scid_bh_unlock(&table->hint->bh_lock);
	}

	t = scid_table_walk_rcv(table, remote, local, ifindex, &skipped);
	/*
	 * An answer given in place of a down tunnel is no longer the answer
	 * once that tunnel comes up, which moves no generation: not kept.
	 */
	if (t && !skipped) {
		scid_bh_lock(&table->hint->bh_lock);
		hint = this_cpu_ptr(table->hint);
		WRITE_ONCE(hint->gen, gen);
		hint->remote = remote;
		hint->local = local;
		hint->ifindex = ifindex;
		hint->tunnel = t;
		scid_bh_unlock(&table->hint->bh_lock);
	}
	return t;
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
	const struct scid_key key = {
		.remote = p->iph.daddr,
		.local = p->iph.saddr,
	};
	struct scid_tunnel *t, *found = NULL;
	struct rhlist_head *list, *pos;

	rcu_read_lock();
	list = rhltable_lookup(&table->hash, &key, scid_table_params);
	rhl_for_each_entry_rcu(t, pos, list, hash_node) {
		if (t->parms.link == p->link) {
			found = t;
			break;
		}
	}
	rcu_read_unlock();
	return found;
}
