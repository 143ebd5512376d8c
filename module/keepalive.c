// SPDX-License-Identifier: GPL-2.0
/*
 * Keepalive: a tunnel that probes its peer and gives up its carrier when
 * the peer stops answering, so the kernel's routing moves traffic to a
 * tunnel that still works (docs/keepalive.md).
 *
 * A probe is an inner packet from the tunnel's own address to itself: the
 * peer's ordinary stack routes it back through its tunnel, whatever RFC
 * 2003 implementation it runs, and a scid_ipip peer answers it in its
 * driver. No route is ever touched here; only the carrier changes.
 */
#include <linux/random.h>
#include <linux/udp.h>
#include <net/ip.h>
#include <net/route.h>
#include <net/rtnetlink.h>
#include <net/udp.h>

#include "scid_ipip.h"

#define SCID_KA_INNER_TTL	64
/*
 * A scid_ipip peer answers at most this many probes a second a tunnel:
 * above the 80 that keepalive at its shortest interval and a round of path
 * MTU probes with each make, so that no probe is lost to the limit.
 */
#define SCID_KA_ANSWERS_PER_SEC	100
#define SCID_KA_LEN		(sizeof(struct iphdr) + sizeof(struct udphdr) + \
				 sizeof(struct scid_ka_payload))

/* Carrier: the underlay usable and keepalive not down. Lock held. */
static void scid_carrier_apply(struct scid_tunnel *t)
{
	if (t->underlay_ok && t->ka.state != SCID_KA_STATE_DOWN)
		netif_carrier_on(t->dev);
	else
		netif_carrier_off(t->dev);
}

/**
 * scid_carrier_underlay() - the underlay's part of the carrier changed
 * @t: tunnel
 * @ok: link device up and local address present
 *
 * Context: RTNL held.
 */
void scid_carrier_underlay(struct scid_tunnel *t, bool ok)
{
	spin_lock_bh(&t->ka.lock);
	t->underlay_ok = ok;
	scid_carrier_apply(t);
	spin_unlock_bh(&t->ka.lock);
}

/*
 * The inner packet of a probe or an answer, written over the first
 * SCID_KA_LEN of the @len linear bytes at skb->data: @addr to @addr, UDP
 * from and to SCID_KA_PORT. Every byte up to SCID_KA_LEN is written, the
 * ones left zero included; those after it, a path MTU probe's padding,
 * must be zero.
 */
static void scid_ka_fill(struct sk_buff *skb, __be32 addr, u8 type,
			 __be32 seq, __be64 cookie, unsigned int len)
{
	unsigned int udp_len = len - sizeof(struct iphdr);
	struct scid_ka_payload *pl;
	struct udphdr *uh;
	struct iphdr *iph;
	__wsum csum;

	skb_reset_network_header(skb);
	skb_set_transport_header(skb, sizeof(*iph));
	iph = ip_hdr(skb);
	uh = udp_hdr(skb);
	pl = (struct scid_ka_payload *)(uh + 1);
	memset(iph, 0, SCID_KA_LEN);

	pl->magic = htonl(SCID_KA_MAGIC);
	pl->version = SCID_KA_VERSION;
	pl->type = type;
	pl->seq = seq;
	pl->cookie = cookie;

	uh->source = htons(SCID_KA_PORT);
	uh->dest = htons(SCID_KA_PORT);
	uh->len = htons(udp_len);
	/* The padding is zeros: it adds nothing to the sum. */
	csum = csum_partial(uh, sizeof(*uh) + sizeof(*pl), 0);
	uh->check = csum_tcpudp_magic(addr, addr, udp_len, IPPROTO_UDP, csum);
	if (!uh->check)
		uh->check = CSUM_MANGLED_0;

	iph->version = 4;
	iph->ihl = 5;
	iph->tot_len = htons(len);
	iph->frag_off = htons(IP_DF);
	iph->ttl = SCID_KA_INNER_TTL;
	iph->protocol = IPPROTO_UDP;
	iph->saddr = addr;
	iph->daddr = addr;
	ip_send_check(iph);

	skb->protocol = htons(ETH_P_IP);
}

/*
 * A probe in @skb, the buffer of an earlier reply (scid_ka_keep()), or in
 * a new buffer with room in front for the outer headers.
 */
static struct sk_buff *scid_ka_build(struct scid_tunnel *t,
				     struct sk_buff *skb, __be32 addr,
				     __be32 seq, __be64 cookie)
{
	/*
	 * The tunnel's needed_headroom follows its lower device, the outer
	 * header included, as for any packet the stack makes for it;
	 * scid_xmit() still makes room if the route has moved to a device
	 * that needs more. LL_MAX_HEADER (128 on distribution kernels) put
	 * the 52-byte packet in a kmalloc-1k buffer; this fits in 512.
	 */
	unsigned int room = LL_RESERVED_SPACE(t->dev);

	if (!skb) {
		skb = alloc_skb(room + SCID_KA_LEN, GFP_ATOMIC);
		if (!skb)
			return NULL;
		skb_reserve(skb, room);
		skb_put(skb, SCID_KA_LEN);
	}
	scid_ka_fill(skb, addr, SCID_KA_PROBE, seq, cookie, SCID_KA_LEN);
	skb->dev = t->dev;
	return skb;
}

/* A path MTU probe: a keepalive probe padded to @size outer bytes. */
static struct sk_buff *scid_pmtu_build(struct scid_tunnel *t, __be32 addr,
				       unsigned int size, u32 seq,
				       __be64 cookie)
{
	unsigned int room = LL_RESERVED_SPACE(t->dev);
	unsigned int len = size - scid_outer_hlen(t);
	struct sk_buff *skb;

	skb = alloc_skb(room + len, GFP_ATOMIC);
	if (!skb)
		return NULL;
	skb_reserve(skb, room);
	skb_put_zero(skb, len);
	scid_ka_fill(skb, addr, SCID_KA_PROBE, htonl(seq), cookie, len);
	skb->dev = t->dev;
	return skb;
}

/*
 * Make a received keepalive's buffer fit to go out again: unshared (a
 * tap's clone shares the data; scid_ka_shaped() made the first
 * SCID_KA_LEN bytes linear), nothing past the keepalive (a GRO train of
 * them stands for its first), and nothing of where it came from (route,
 * socket, conntrack, mark, time, security mark). Consumes @skb when it
 * returns false.
 */
static bool scid_ka_recycle(struct sk_buff *skb)
{
	if (skb_unclone(skb, GFP_ATOMIC) || pskb_trim(skb, SCID_KA_LEN)) {
		kfree_skb(skb);
		return false;
	}
	if (skb_is_gso(skb))
		skb_gso_reset(skb);
	skb_orphan(skb);
	skb_scrub_packet(skb, true);
	skb_init_secmark(skb);
	skb->priority = 0;
	skb->ip_summed = CHECKSUM_NONE;
	return true;
}

/*
 * Through the tunnel's own transmit path, so a probe meets the same route,
 * TTL, TOS and DF as the traffic it vouches for. Not through the queue:
 * the core drops what is queued on a device without carrier, and the
 * probes must go on to see the peer come back.
 */
static void scid_ka_xmit(struct sk_buff *skb)
{
	rcu_read_lock();
	scid_xmit(skb, skb->dev);
	rcu_read_unlock();
}

/*
 * The inner address of the probes: the local end, else the route's. With
 * path MTU probing, @ceiling gets the largest probe the route allows (0:
 * no route); without, it is not read.
 */
static __be32 scid_ka_addr(struct scid_tunnel *t, __be32 remote,
			   unsigned int *ceiling)
{
	__be32 local = READ_ONCE(t->parms.iph.saddr);
	u8 tos = READ_ONCE(t->parms.iph.tos);
	struct flowi4 fl4;
	struct rtable *rt;

	*ceiling = 0;
	if (local && !READ_ONCE(t->pmtu.on))
		return local;
	/*
	 * The transmit path's cached route carries its source: one route
	 * lookup a probe less. With an inherited TOS it caches nothing.
	 */
	scid_flow_init(&fl4, t, remote, tos & ~1);
	rt = scid_outer_route(t, &fl4, tos & ~1, !(tos & 1));
	if (IS_ERR(rt))
		return local;
	*ceiling = scid_pmtu_ceiling(t, dst_mtu(&rt->dst));
	ip_rt_put(rt);
	return local ?: fl4.saddr;
}

/* The round's path MTU probes, before the keepalive probe that judges it. */
static void scid_pmtu_send(struct scid_tunnel *t, __be32 addr,
			   const u16 *sizes, unsigned int n, u32 seq)
{
	__be64 cookie = READ_ONCE(t->pmtu.cookie);
	struct sk_buff *skb;
	unsigned int i;

	for (i = 0; i < n; i++) {
		skb = scid_pmtu_build(t, addr, sizes[i], seq + i, cookie);
		if (!skb)
			continue;
		scid_pmtu_count(t, sizes[i], false);
		scid_ka_xmit(skb);
	}
}

/*
 * The probed MTU moved: the tunnel's follows, under RTNL. The first one
 * found counts as neither up nor down.
 */
static void scid_pmtu_moved(struct scid_tunnel *t, u32 old, u32 mtu)
{
	if (old)
		scid_count(t, mtu < old ? SCID_PMTU_LOWERED : SCID_PMTU_RAISED);
	schedule_work(&scid_net(t->net)->underlay_work);
}

static void scid_ka_tick(struct timer_list *timer)
{
	struct scid_tunnel *t = scid_timer_container_of(t, timer, ka.timer);
	struct scid_keepalive *ka = &t->ka;
	__be32 remote = READ_ONCE(t->parms.iph.daddr);
	unsigned int ceiling = 0, nprobes = 0;
	__be32 addr = remote ? scid_ka_addr(t, remote, &ceiling) : 0;
	u32 interval, pmtu_seq = 0, pmtu_old, pmtu_new;
	u16 sizes[SCID_PMTU_ROUND];
	struct sk_buff *skb = NULL;
	bool lost = false;

	spin_lock(&ka->lock);
	interval = ka->interval_ms;
	if (!interval) {
		spin_unlock(&ka->lock);
		return;
	}
	if (!ka->answered) {
		ka->hits = 0;
		if (ka->misses < ka->hold)
			ka->misses++;
		if (ka->misses >= ka->hold &&
		    ka->state == SCID_KA_STATE_UP) {
			ka->state = SCID_KA_STATE_DOWN;
			scid_carrier_apply(t);
			lost = true;
		}
	}
	ka->answered = false;
	pmtu_old = t->pmtu.mtu;
	if (addr) {
		ka->seq++;
		WRITE_ONCE(ka->addr, addr);
		ka->sent = ktime_get();
		skb = scid_ka_build(t, ka->spare, addr, htonl(ka->seq),
				    ka->cookie);
		ka->spare = NULL;
		if (skb)
			nprobes = scid_pmtu_tick(t, ceiling, sizes, &pmtu_seq);
	}
	pmtu_new = t->pmtu.mtu;
	spin_unlock(&ka->lock);

	if (lost)
		scid_count(t, SCID_KA_CARRIER_DOWN);
	if (pmtu_new != pmtu_old)
		scid_pmtu_moved(t, pmtu_old, pmtu_new);
	scid_pmtu_send(t, addr, sizes, nprobes, pmtu_seq);
	if (skb) {
		scid_count(t, SCID_KA_PROBES_SENT);
		scid_ka_xmit(skb);
	}
	if (netif_running(t->dev))
		mod_timer(&ka->timer, jiffies + msecs_to_jiffies(interval));
}

/**
 * scid_ka_setup() - keepalive state of a new device, off
 * @t: tunnel or scid0, before registration
 */
void scid_ka_setup(struct scid_tunnel *t)
{
	spin_lock_init(&t->ka.lock);
	timer_setup(&t->ka.timer, scid_ka_tick, 0);
	t->ka.hold = SCID_KA_HOLD_DEFAULT;
	t->ka.rise = SCID_KA_RISE_DEFAULT;
	t->ka.state = SCID_KA_STATE_OFF;
	get_random_bytes(&t->ka.cookie, sizeof(t->ka.cookie));
	scid_pmtu_setup(t);
}

/**
 * scid_ka_conf_get() - a tunnel's keepalive settings
 * @t: tunnel
 * @conf: filled in
 */
void scid_ka_conf_get(struct scid_tunnel *t, struct scid_ka_conf *conf)
{
	spin_lock_bh(&t->ka.lock);
	conf->interval_ms = t->ka.interval_ms;
	conf->hold = t->ka.hold;
	conf->rise = t->ka.rise;
	conf->pmtu_probe = t->pmtu.on;
	conf->pmtu_raise_ms = t->pmtu.raise_ms;
	spin_unlock_bh(&t->ka.lock);
}

/**
 * scid_ka_configure() - apply checked keepalive settings
 * @t: tunnel with a remote when @conf turns keepalive on
 * @conf: settings in range
 *
 * Any change of the keepalive settings starts the count afresh, from up:
 * a tunnel that carries traffic keeps it until the new settings find the
 * peer gone. Replies to probes sent under the old settings no longer
 * count. Path MTU probing (pmtu.c) comes and goes with @conf too.
 *
 * Context: RTNL held.
 */
void scid_ka_configure(struct scid_tunnel *t, const struct scid_ka_conf *conf)
{
	struct scid_keepalive *ka = &t->ka;
	bool regained = false, unprobed;

	spin_lock_bh(&ka->lock);
	unprobed = scid_pmtu_configure(t, conf->pmtu_probe,
				       conf->pmtu_raise_ms);
	if (ka->interval_ms == conf->interval_ms && ka->hold == conf->hold &&
	    ka->rise == conf->rise) {
		spin_unlock_bh(&ka->lock);
		goto unprobe;
	}
	regained = ka->state == SCID_KA_STATE_DOWN;
	ka->interval_ms = conf->interval_ms;
	ka->hold = conf->hold;
	ka->rise = conf->rise;
	ka->state = conf->interval_ms ? SCID_KA_STATE_UP : SCID_KA_STATE_OFF;
	ka->answered = true;
	ka->misses = 0;
	ka->hits = 0;
	ka->acked = ka->seq;
	ka->last_reply = 0;
	ka->rtt_us = 0;
	WRITE_ONCE(ka->cookie, (__force __be64)get_random_u64());
	scid_pmtu_forget_round(t);
	scid_carrier_apply(t);
	/* Per-CPU counter: counted while BHs, and so preemption, are off. */
	if (regained)
		scid_count(t, SCID_KA_CARRIER_UP);
	spin_unlock_bh(&ka->lock);

	if (conf->interval_ms)
		scid_ka_start(t);
	else
		scid_ka_stop(t);
unprobe:
	/* Without a probed MTU the tunnel's is the underlay's again. */
	if (unprobed)
		scid_underlay_sync(t);
}

/**
 * scid_ka_start() - probe now and every interval, while the device is up
 * @t: tunnel
 *
 * Context: RTNL held (ndo_open, configuration).
 */
void scid_ka_start(struct scid_tunnel *t)
{
	if (READ_ONCE(t->ka.interval_ms) && netif_running(t->dev))
		mod_timer(&t->ka.timer, jiffies);
}

/**
 * scid_ka_stop() - no probe after this returns, until scid_ka_start()
 * @t: tunnel, its device down or keepalive off
 *
 * Context: RTNL held, may sleep.
 */
void scid_ka_stop(struct scid_tunnel *t)
{
	struct sk_buff *spare;

	scid_timer_delete_sync(&t->ka.timer);
	spin_lock_bh(&t->ka.lock);
	spare = t->ka.spare;
	t->ka.spare = NULL;
	spin_unlock_bh(&t->ka.lock);
	consume_skb(spare);
}

/**
 * scid_ka_free() - what keepalive holds of a tunnel being freed
 * @t: tunnel, out of the table for a grace period (no reply can come)
 */
void scid_ka_free(struct scid_tunnel *t)
{
	consume_skb(t->ka.spare);
	t->ka.spare = NULL;
}

/*
 * Keep a valid reply's buffer for the next probe: in the steady state a
 * probe then costs no allocation and its reply no free, as a scid_ipip
 * peer's answer costs none (scid_ka_answer()). Allocating and zeroing the
 * buffer was a tenth of keepalive's cost in the bench. Consumes @skb.
 */
static void scid_ka_keep(struct scid_tunnel *t, struct sk_buff *skb)
{
	struct scid_keepalive *ka = &t->ka;

	if (READ_ONCE(ka->spare)) {
		consume_skb(skb);
		return;
	}
	if (!scid_ka_recycle(skb))
		return;
	spin_lock(&ka->lock);
	/* Keepalive turned off meanwhile frees the spare; none after it. */
	if (ka->interval_ms && !ka->spare) {
		ka->spare = skb;
		skb = NULL;
	}
	spin_unlock(&ka->lock);
	consume_skb(skb);
}

/* A reply to probe @seq, in @skb, which it consumes. */
static void scid_ka_reply(struct scid_tunnel *t, u32 seq, struct sk_buff *skb)
{
	struct scid_keepalive *ka = &t->ka;
	bool regained = false;
	bool valid = false;

	spin_lock(&ka->lock);
	/* One of the last hold probes, answered for the first time. */
	if (ka->interval_ms && (s32)(seq - ka->acked) > 0 &&
	    (s32)(ka->seq - seq) >= 0 && ka->seq - seq < ka->hold) {
		valid = true;
		ka->acked = seq;
		ka->answered = true;
		ka->misses = 0;
		ka->hits++;
		ka->last_reply = jiffies ? : 1;
		if (seq == ka->seq)
			ka->rtt_us = ktime_us_delta(ktime_get(), ka->sent) ? : 1;
		if (ka->state == SCID_KA_STATE_DOWN && ka->hits >= ka->rise) {
			ka->state = SCID_KA_STATE_UP;
			scid_carrier_apply(t);
			regained = true;
		}
	}
	spin_unlock(&ka->lock);

	scid_count(t, valid ? SCID_KA_REPLIES : SCID_KA_REJECTED_VALUE);
	if (regained)
		scid_count(t, SCID_KA_CARRIER_UP);
	if (valid)
		scid_ka_keep(t, skb);
	else
		consume_skb(skb);
}

/*
 * The peer's probe: back to it through the tunnel, if it is the remote.
 * The probe's own buffer carries the answer, as a forwarded packet's
 * does: no buffer to allocate and none to free for each answer, a
 * third of what answering cost in the bench. Consumes @skb.
 */
static void scid_ka_answer(struct scid_tunnel *t, struct sk_buff *skb,
			   __be32 outer_src)
{
	const struct scid_ka_payload *pl;
	struct scid_keepalive *ka = &t->ka;
	__be64 cookie;
	bool allowed;
	__be32 seq;

	/* Only to a configured remote, and only about that remote itself. */
	if (READ_ONCE(t->parms.iph.daddr) != outer_src ||
	    ip_hdr(skb)->saddr != outer_src) {
		scid_count(t, SCID_KA_REJECTED_SOURCE);
		goto consume;
	}
	spin_lock(&ka->lock);
	if (time_after(jiffies, ka->answer_window + HZ)) {
		ka->answer_window = jiffies;
		ka->answers = 0;
	}
	allowed = ka->answers < SCID_KA_ANSWERS_PER_SEC;
	if (allowed)
		ka->answers++;
	spin_unlock(&ka->lock);
	if (!allowed) {
		scid_count(t, SCID_KA_ANSWERS_LIMITED);
		goto consume;
	}

	pl = (const struct scid_ka_payload *)(skb->data +
					      sizeof(struct iphdr) +
					      sizeof(struct udphdr));
	seq = pl->seq;
	cookie = pl->cookie;
	if (!scid_ka_recycle(skb))
		return;
	scid_ka_fill(skb, outer_src, SCID_KA_ANSWER, seq, cookie, SCID_KA_LEN);
	skb->dev = t->dev;
	scid_count(t, SCID_KA_ANSWERS_SENT);
	scid_ka_xmit(skb);
	return;

consume:
	consume_skb(skb);
}

/* Whether the inner packet at skb->data has a keepalive's shape. */
static bool scid_ka_shaped(struct sk_buff *skb)
{
	const struct scid_ka_payload *pl;
	const struct udphdr *uh;
	const struct iphdr *iph;

	iph = ip_hdr(skb);
	if (iph->saddr != iph->daddr || iph->protocol != IPPROTO_UDP ||
	    iph->ihl != 5 || ip_is_fragment(iph) || skb->len < SCID_KA_LEN)
		return false;
	if (!pskb_may_pull(skb, SCID_KA_LEN))
		return false;
	uh = (const struct udphdr *)(skb->data + sizeof(struct iphdr));
	pl = (const struct scid_ka_payload *)(uh + 1);
	return uh->source == htons(SCID_KA_PORT) &&
	       uh->dest == htons(SCID_KA_PORT) &&
	       pl->magic == htonl(SCID_KA_MAGIC) &&
	       pl->version == SCID_KA_VERSION;
}

/**
 * scid_ka_rcv() - take a keepalive probe, answer or reply
 * @t: tunnel that claimed the packet, up
 * @skb: packet, data at a checked inner IPv4 header
 * @outer_src: the outer header's source
 *
 * Our own probe comes back with our cookie, as a probe from a peer that
 * routed it back or as an answer from a scid_ipip peer. Any other probe is
 * the peer's, to answer.
 *
 * Context: softirq.
 * Return: true when @skb was one and is consumed; false to deliver it.
 */
bool scid_ka_rcv(struct scid_tunnel *t, struct sk_buff *skb, __be32 outer_src)
{
	const struct scid_ka_payload *pl;
	const struct iphdr *iph;
	bool ours;

	/* A tunnel that is down answers nothing and drops what comes. */
	if (t->control || !(READ_ONCE(t->dev->flags) & IFF_UP) ||
	    !scid_ka_shaped(skb))
		return false;
	iph = ip_hdr(skb);
	pl = (const struct scid_ka_payload *)(skb->data + sizeof(*iph) +
					      sizeof(struct udphdr));
	ours = pl->cookie == READ_ONCE(t->ka.cookie);

	/* A path MTU probe of ours, returned or answered (pmtu.c). */
	if (pl->cookie == READ_ONCE(t->pmtu.cookie) &&
	    (pl->type == SCID_KA_PROBE || pl->type == SCID_KA_ANSWER) &&
	    iph->saddr == READ_ONCE(t->ka.addr)) {
		scid_pmtu_reply(t, ntohl(pl->seq));
		consume_skb(skb);
		return true;
	}
	if (pl->type == SCID_KA_PROBE && !ours) {
		scid_ka_answer(t, skb, outer_src);
		return true;
	}
	if ((pl->type != SCID_KA_PROBE && pl->type != SCID_KA_ANSWER) ||
	    !ours) {
		scid_count(t, SCID_KA_REJECTED_VALUE);
		consume_skb(skb);
	} else if (iph->saddr != READ_ONCE(t->ka.addr)) {
		scid_count(t, SCID_KA_REJECTED_SOURCE);
		consume_skb(skb);
	} else {
		scid_ka_reply(t, ntohl(pl->seq), skb);
	}
	return true;
}

/**
 * scid_ka_info_size() - room scid_ka_fill_info() needs
 *
 * Return: bytes.
 */
size_t scid_ka_info_size(void)
{
	return nla_total_size(4) +	/* IFLA_SCID_KEEPALIVE */
	       nla_total_size(4) +	/* IFLA_SCID_KEEPALIVE_HOLD */
	       nla_total_size(4) +	/* IFLA_SCID_KEEPALIVE_RISE */
	       nla_total_size(1) +	/* IFLA_SCID_KEEPALIVE_STATE */
	       nla_total_size(4) +	/* IFLA_SCID_KEEPALIVE_LAST */
	       nla_total_size(4) +	/* IFLA_SCID_KEEPALIVE_RTT */
	       scid_pmtu_info_size();
}

/**
 * scid_ka_fill_info() - keepalive settings and state for ip -d link
 * @skb: message
 * @t: tunnel
 *
 * Return: 0 or -EMSGSIZE.
 */
int scid_ka_fill_info(struct sk_buff *skb, struct scid_tunnel *t)
{
	struct scid_keepalive *ka = &t->ka;
	u32 interval, hold, rise, last, rtt;
	u8 state;

	spin_lock_bh(&ka->lock);
	interval = ka->interval_ms;
	hold = ka->hold;
	rise = ka->rise;
	state = ka->state;
	last = ka->last_reply ?
	       jiffies_to_msecs(jiffies - ka->last_reply) : SCID_KA_NEVER;
	rtt = ka->rtt_us;
	spin_unlock_bh(&ka->lock);

	if (nla_put_u32(skb, IFLA_SCID_KEEPALIVE, interval) ||
	    nla_put_u32(skb, IFLA_SCID_KEEPALIVE_HOLD, hold) ||
	    nla_put_u32(skb, IFLA_SCID_KEEPALIVE_RISE, rise) ||
	    nla_put_u8(skb, IFLA_SCID_KEEPALIVE_STATE, state) ||
	    nla_put_u32(skb, IFLA_SCID_KEEPALIVE_LAST, last) ||
	    nla_put_u32(skb, IFLA_SCID_KEEPALIVE_RTT, rtt))
		return -EMSGSIZE;
	return scid_pmtu_fill_info(skb, t);
}
