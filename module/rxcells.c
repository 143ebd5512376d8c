// SPDX-License-Identifier: GPL-2.0
/*
 * Receive cells: how a decapsulated packet reaches the stack.
 *
 * Like the kernel's gro_cells, each tunnel has a queue and a NAPI context
 * per CPU, so that GRO can merge the inner packets of a flow that arrived
 * one outer packet at a time. Unlike them, a packet that GRO would hand on
 * unmerged skips the queue while the cell is idle: an inner packet already
 * aggregated (by the lower device's GRO or the sender's GSO), a TCP segment
 * without payload, ICMP, and a cloned packet, which GRO may not change.
 * Queueing such a packet costs a NAPI schedule and one more NET_RX softirq
 * round, and merges nothing: TCP through the tunnel took 2.4 times as many
 * rounds as plain routing. An idle cell (nothing queued, its NAPI not
 * scheduled, nothing held in GRO) holds no earlier packet that this one
 * could overtake, so delivering it at once keeps every flow in order.
 */
#include <linux/ip.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/tcp.h>
#include <net/ip.h>

#include "scid_ipip.h"

/*
 * The queue's own spinlock guards it, not the CPU: with threaded NAPI
 * (/sys/class/net/DEV/threaded) the poll runs in a kthread on any CPU
 * while the cell's CPU keeps adding to the queue. Only the queueing path
 * takes it, uncontended but for that case. The nested-BH lock (PREEMPT_RT
 * only; nothing elsewhere) keeps one softirq's idle check and enqueue
 * whole against another softirq of the same CPU.
 */
struct scid_rx_cell {
	struct sk_buff_head	queue;
	struct napi_struct	napi;
	struct scid_bh_lock	bh_lock;
};

/*
 * How many direct deliveries this CPU is inside. A packet decapsulated
 * within one is queued, whatever skb->dev says: a VRF, a bond or a team
 * replace the tunnel device before the next header is looked at, and a
 * peer may nest hundreds. Softirqs on one CPU run nested, never
 * interleaved, except on PREEMPT_RT, where they are migration-disabled
 * and this_cpu_inc()/this_cpu_dec() are preemption-safe: an interleaving
 * can only make a packet queue that could have gone directly.
 */
static DEFINE_PER_CPU(unsigned int, scid_rx_depth);

/**
 * scid_gro_may_merge() - whether GRO might merge an inner packet
 * @skb: inner IPv4 packet whose header scid_inner_header_ok() accepted
 *
 * GRO hands on unmerged, and never holds, what is already aggregated (GSO),
 * a fragment, ICMP, and a TCP segment without payload (ACK, SYN, FIN, RST).
 *
 * Return: false for those, true for anything else.
 */
bool scid_gro_may_merge(struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	unsigned int hlen = iph->ihl * 4;
	const struct tcphdr *th;

	if (skb_is_gso(skb) || ip_is_fragment(iph))
		return false;
	switch (iph->protocol) {
	case IPPROTO_ICMP:
		return false;
	case IPPROTO_TCP:
		/* A segment too short to parse is GRO's to judge. */
		if (!pskb_may_pull(skb, hlen + sizeof(*th)))
			return true;
		th = (const struct tcphdr *)(skb_network_header(skb) + hlen);
		return skb->len > hlen + th->doff * 4;
	default:
		return true;
	}
}

static bool scid_rx_cell_idle(struct scid_rx_cell *cell)
{
	return skb_queue_empty_lockless(&cell->queue) &&
	       !test_bit(NAPI_STATE_SCHED, &cell->napi.state) &&
	       !scid_napi_gro_holds(&cell->napi);
}

static int scid_rx_cell_poll(struct napi_struct *napi, int budget)
{
	struct scid_rx_cell *cell = container_of(napi, struct scid_rx_cell,
						 napi);
	struct sk_buff *skb;
	int done = 0;

	while (done < budget) {
		spin_lock(&cell->queue.lock);
		skb = __skb_dequeue(&cell->queue);
		spin_unlock(&cell->queue.lock);
		if (!skb)
			break;
		napi_gro_receive(napi, skb);
		done++;
	}
	if (done < budget)
		napi_complete_done(napi, done);
	return done;
}

/**
 * scid_rx_cells_receive() - hand a decapsulated packet to the stack
 * @t: tunnel the packet arrived on; skb->dev is already t->dev
 * @skb: inner packet
 * @nested: the outer packet itself came out of one of our tunnels
 *
 * A nested packet, and any packet decapsulated within a direct delivery,
 * takes the queue: delivering it at once would recurse into the stack once
 * more per header a peer chose to nest.
 *
 * While the tunnel does GRO, every packet takes the queue or skips it;
 * none takes a third way. The netif_rx() that gro_cells use for cloned
 * packets would let a packet overtake those queued before it (the backlog
 * of a veth is drained before the cell): a cloned one skips the queue when
 * it may, else it is made GRO's to change (its head copied) and queued.
 *
 * The packet is counted here, once: received when it is handed on, or
 * dropped with its reason.
 */
void scid_rx_cells_receive(struct scid_tunnel *t, struct sk_buff *skb,
			   bool nested)
{
	struct net_device *dev = t->dev;
	unsigned int len = skb->len;
	struct scid_rx_cell *cell;
	enum scid_counter drop;
	bool direct;

	if (unlikely(!(READ_ONCE(dev->flags) & IFF_UP))) {
		drop = SCID_DROP_RX_DOWN;
		goto drop;
	}
	/* No GRO at all (ethtool -K gro off, XDP): one way for every packet. */
	if (netif_elide_gro(dev)) {
		/* netif_rx() frees what its backlog has no room for. */
		if (netif_rx(skb) == NET_RX_DROP)
			scid_count(t, SCID_DROP_RX_BACKLOG);
		else
			dev_sw_netstats_rx_add(dev, len);
		return;
	}

	scid_bh_lock(&t->rx_cells->bh_lock);
	cell = this_cpu_ptr(t->rx_cells);
	direct = !nested && !this_cpu_read(scid_rx_depth) &&
		 scid_rx_cell_idle(cell) &&
		 (skb_cloned(skb) || !scid_gro_may_merge(skb));
	if (!direct) {
		spin_lock(&cell->queue.lock);
		if (skb_queue_len(&cell->queue) > scid_max_backlog() ||
		    skb_unclone(skb, GFP_ATOMIC)) {
			spin_unlock(&cell->queue.lock);
			scid_bh_unlock(&t->rx_cells->bh_lock);
			drop = SCID_DROP_RX_BACKLOG;
			goto drop;
		}
		__skb_queue_tail(&cell->queue, skb);
		if (skb_queue_len(&cell->queue) == 1)
			napi_schedule(&cell->napi);
		spin_unlock(&cell->queue.lock);
	}
	scid_bh_unlock(&t->rx_cells->bh_lock);

	dev_sw_netstats_rx_add(dev, len);
	if (direct) {
		scid_count(t, SCID_RX_GRO_SKIPPED);
		this_cpu_inc(scid_rx_depth);
		netif_receive_skb(skb);
		this_cpu_dec(scid_rx_depth);
	}
	return;

drop:
	scid_count(t, drop);
	kfree_skb(skb);
}

/**
 * scid_rx_cells_init() - give a tunnel its receive cells
 * @t: tunnel, t->dev set
 *
 * Return: 0 or -ENOMEM.
 */
int scid_rx_cells_init(struct scid_tunnel *t)
{
	int cpu;

	t->rx_cells = alloc_percpu(struct scid_rx_cell);
	if (!t->rx_cells)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		struct scid_rx_cell *cell = per_cpu_ptr(t->rx_cells, cpu);

		skb_queue_head_init(&cell->queue);
		scid_bh_lock_init(&cell->bh_lock);
		/* Busy polling would run the poll on another CPU's queue. */
		set_bit(NAPI_STATE_NO_BUSY_POLL, &cell->napi.state);
		netif_napi_add(t->dev, &cell->napi, scid_rx_cell_poll);
		napi_enable(&cell->napi);
	}
	return 0;
}

struct scid_rx_cells_free {
	struct rcu_head		rcu;
	struct scid_rx_cell __percpu *cells;
};

static void scid_rx_cells_free_rcu(struct rcu_head *head)
{
	struct scid_rx_cells_free *f;

	f = container_of(head, struct scid_rx_cells_free, rcu);
	free_percpu(f->cells);
	kfree(f);
}

/**
 * scid_rx_cells_destroy() - stop a tunnel's cells and free them
 * @t: tunnel
 *
 * netpoll may still walk the device's NAPI list under RCU, so the memory
 * goes after a grace period; waiting for one here would stall namespace
 * cleanup, which frees its tunnels one after another.
 */
void scid_rx_cells_destroy(struct scid_tunnel *t)
{
	struct scid_rx_cells_free *f;
	int cpu;

	if (!t->rx_cells)
		return;
	for_each_possible_cpu(cpu) {
		struct scid_rx_cell *cell = per_cpu_ptr(t->rx_cells, cpu);

		napi_disable(&cell->napi);
		__netif_napi_del(&cell->napi);
		__skb_queue_purge(&cell->queue);
	}
	f = kmalloc(sizeof(*f), GFP_KERNEL | __GFP_NOWARN);
	if (f) {
		f->cells = t->rx_cells;
		call_rcu(&f->rcu, scid_rx_cells_free_rcu);
	} else {
		synchronize_rcu_expedited();
		free_percpu(t->rx_cells);
	}
	t->rx_cells = NULL;
}
