// SPDX-License-Identifier: GPL-2.0
/*
 * Receive cells: how a decapsulated packet reaches the stack.
 *
 * Like the kernel's gro_cells, a cell is a queue and a NAPI context per
 * CPU, so that GRO can merge the inner packets of a flow that arrived one
 * outer packet at a time. Unlike them, a packet that GRO would hand on
 * unmerged skips the queue while the cell is idle: an inner packet already
 * aggregated (by the lower device's GRO or the sender's GSO), a TCP segment
 * without payload, ICMP, and a cloned packet, which GRO may not change.
 * Queueing such a packet costs a NAPI schedule and one more NET_RX softirq
 * round, and merges nothing: TCP through the tunnel took 2.4 times as many
 * rounds as plain routing. An idle cell (nothing queued, its NAPI not
 * scheduled, nothing held in GRO) holds no earlier packet that this one
 * could overtake, so delivering it at once keeps every flow in order.
 *
 * Also unlike gro_cells, the cells are the module's, one per CPU for all
 * tunnels of all namespaces, not each tunnel's: a cell per tunnel and
 * possible CPU cost some 30 KiB of per-CPU memory a tunnel with 64 possible
 * CPUs, for hosts that run thousands of tunnels and receive on a few.
 * Nothing about a cell belongs to one namespace, so a cell per namespace
 * would only cost the same again for each. Sharing changes nothing a
 * packet sees: a flow still arrives on one CPU and leaves through that
 * CPU's one FIFO queue, and GRO merges only packets of the same skb->dev,
 * so packets of different tunnels never merge. What is shared is the
 * queue's bound (net.core.netdev_max_backlog, as for the kernel's own
 * per-CPU backlog); a packet that finds it full is still dropped and
 * counted on its own tunnel. The NAPI contexts hang off a dummy device
 * that is never registered, as hardware drivers do for NAPI that serves
 * several devices; having none of a tunnel's own, a tunnel's
 * /sys/class/net/NAME/threaded has nothing to switch (the kernel refuses
 * it), and the polls run in softirq.
 *
 * A queued or GRO-held packet points at its tunnel device without holding
 * it: see scid_rx_cells_forget() for why none is left when it is freed.
 */
#include <linux/ip.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/tcp.h>
#include <net/ip.h>

#include "scid_ipip.h"

/*
 * The queue's own spinlock guards it, not the CPU: scid_rx_cells_forget()
 * takes a dying tunnel's packets out of every CPU's queue from process
 * context, and the poll it may schedule afterwards runs on the CPU that
 * did, while the cell's CPU keeps adding to the queue. Only the queueing path takes
 * it, uncontended but for those. The nested-BH lock (PREEMPT_RT only;
 * nothing elsewhere) keeps one softirq's idle check and enqueue whole
 * against another softirq of the same CPU.
 */
struct scid_rx_cell {
	struct sk_buff_head	queue;
	struct napi_struct	napi;
	struct scid_bh_lock	bh_lock;
};

/* The module's cells, and the device their NAPI contexts belong to. */
static struct scid_rx_cell __percpu *scid_rx_cells;
static struct net_device *scid_rx_napi_dev;

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
 * @skb: inner packet; an IPv4 one's header scid_inner_header_ok() accepted
 *
 * GRO hands on unmerged, and never holds, what is already aggregated (GSO),
 * a fragment, ICMP, a TCP segment without payload (ACK, SYN, FIN, RST),
 * and anything but IPv4 (MPLS has no GRO).
 *
 * Return: false for those, true for anything else.
 */
bool scid_gro_may_merge(struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	const struct tcphdr *th;
	unsigned int hlen;

	if (skb->protocol != htons(ETH_P_IP))
		return false;
	hlen = iph->ihl * 4;
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

	scid_bh_lock(&scid_rx_cells->bh_lock);
	cell = this_cpu_ptr(scid_rx_cells);
	direct = !nested && !this_cpu_read(scid_rx_depth) &&
		 scid_rx_cell_idle(cell) &&
		 (skb_cloned(skb) || !scid_gro_may_merge(skb));
	if (!direct) {
		spin_lock(&cell->queue.lock);
		if (skb_queue_len(&cell->queue) > scid_max_backlog() ||
		    skb_unclone(skb, GFP_ATOMIC)) {
			spin_unlock(&cell->queue.lock);
			scid_bh_unlock(&scid_rx_cells->bh_lock);
			drop = SCID_DROP_RX_BACKLOG;
			goto drop;
		}
		__skb_queue_tail(&cell->queue, skb);
		if (skb_queue_len(&cell->queue) == 1)
			napi_schedule(&cell->napi);
		spin_unlock(&cell->queue.lock);
	}
	scid_bh_unlock(&scid_rx_cells->bh_lock);

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
 * scid_rx_cells_init() - set up the module's receive cells
 *
 * Context: module (or KUnit suite) init, before any tunnel exists.
 * Return: 0 or -ENOMEM.
 */
int scid_rx_cells_init(void)
{
	int cpu;

	scid_rx_napi_dev = scid_alloc_dummy_netdev();
	if (!scid_rx_napi_dev)
		return -ENOMEM;
	scid_rx_cells = alloc_percpu(struct scid_rx_cell);
	if (!scid_rx_cells) {
		scid_free_dummy_netdev(scid_rx_napi_dev);
		scid_rx_napi_dev = NULL;
		return -ENOMEM;
	}
	for_each_possible_cpu(cpu) {
		struct scid_rx_cell *cell = per_cpu_ptr(scid_rx_cells, cpu);

		skb_queue_head_init(&cell->queue);
		scid_bh_lock_init(&cell->bh_lock);
		/* Busy polling would run the poll on another CPU's queue. */
		set_bit(NAPI_STATE_NO_BUSY_POLL, &cell->napi.state);
		netif_napi_add(scid_rx_napi_dev, &cell->napi, scid_rx_cell_poll);
		napi_enable(&cell->napi);
	}
	return 0;
}

/**
 * scid_rx_cells_destroy() - stop the module's receive cells and free them
 *
 * Context: module (or KUnit suite) exit, every tunnel freed, so that the
 * queues are empty: purging them is only a backstop.
 */
void scid_rx_cells_destroy(void)
{
	int cpu;

	if (!scid_rx_cells)
		return;
	for_each_possible_cpu(cpu) {
		struct scid_rx_cell *cell = per_cpu_ptr(scid_rx_cells, cpu);

		napi_disable(&cell->napi);
		__netif_napi_del(&cell->napi);
	}
	/* One grace period for all: netif_napi_del() would wait one each. */
	synchronize_net();
	for_each_possible_cpu(cpu)
		__skb_queue_purge(&per_cpu_ptr(scid_rx_cells, cpu)->queue);
	free_percpu(scid_rx_cells);
	scid_rx_cells = NULL;
	scid_free_dummy_netdev(scid_rx_napi_dev);
	scid_rx_napi_dev = NULL;
}

/*
 * Takes @dev's packets out of @cell's queue, and returns once GRO holds
 * none: see scid_rx_cells_forget().
 */
static void scid_rx_cell_forget(struct scid_rx_cell *cell,
				struct net_device *dev,
				struct sk_buff_head *gone)
{
	struct sk_buff *skb, *tmp;
	bool busy;

	spin_lock_bh(&cell->queue.lock);
	busy = test_bit(NAPI_STATE_SCHED, &cell->napi.state);
	spin_unlock_bh(&cell->queue.lock);
	if (!busy)
		return;

	napi_disable(&cell->napi);
	spin_lock_bh(&cell->queue.lock);
	skb_queue_walk_safe(&cell->queue, skb, tmp) {
		if (skb->dev != dev)
			continue;
		__skb_unlink(skb, &cell->queue);
		__skb_queue_tail(gone, skb);
	}
	spin_unlock_bh(&cell->queue.lock);
	napi_enable(&cell->napi);

	/*
	 * While the NAPI was disabled, the cell's CPU may have queued other
	 * tunnels' packets and failed to schedule it: schedule it for them,
	 * here (the poll takes the queue's lock, so any CPU may run it).
	 */
	local_bh_disable();
	spin_lock(&cell->queue.lock);
	if (!skb_queue_empty(&cell->queue))
		napi_schedule(&cell->napi);
	spin_unlock(&cell->queue.lock);
	local_bh_enable();
}

/**
 * scid_rx_cells_forget() - make sure no cell references a dying tunnel
 * @dev: the tunnel device, unregistered and about to be freed
 *
 * Queued packets do not hold their device, and GRO, which may keep packets
 * from one poll to the next, offers no way to release a reference when it
 * lets one go; so instead the device is freed only once no packet of it is
 * left in a cell. That is safe because none can come any more: a packet is
 * queued only by scid_rx_cells_receive() on a tunnel the receive path
 * found in its table under RCU, the tunnel left the table in ndo_uninit,
 * and unregistration waits a grace period after that before the device can
 * be freed. What is already there is either in the queue, taken out here,
 * or in GRO, or about to be, only while the cell's NAPI is scheduled: GRO
 * is flushed whenever the poll completes (the dummy device has no
 * gro_flush_timeout), and the queue is empty then, as a packet queued
 * after the poll's last look sets NAPI_STATE_MISSED and has it run again.
 * So an unscheduled cell holds nothing of @dev, and a scheduled one does
 * not once napi_disable() has waited for its poll to complete.
 *
 * Context: process, may sleep; ndo_uninit has run and a grace period
 * passed since (priv_destructor, or a failed registration's unwinding,
 * which never published the tunnel).
 */
void scid_rx_cells_forget(struct net_device *dev)
{
	struct sk_buff_head gone;
	int cpu;

	__skb_queue_head_init(&gone);
	for_each_possible_cpu(cpu)
		scid_rx_cell_forget(per_cpu_ptr(scid_rx_cells, cpu), dev,
				    &gone);
	__skb_queue_purge(&gone);
}
