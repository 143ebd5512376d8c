// SPDX-License-Identifier: GPL-2.0
/*
 * Path MTU probing (docs/pmtu-probe.md): a tunnel that learns by itself
 * the largest packet its outer path carries, for paths that drop the ICMP
 * "fragmentation needed" the kernel's PMTU discovery waits for. Packetization
 * layer PMTU discovery in the manner of RFC 8899, on keepalive's timer:
 * with each keepalive probe go up to SCID_PMTU_ROUND probes padded to the
 * sizes under test, with DF. A size counts as lost only when a keepalive
 * probe sent after it came back, so a peer that is gone, or a path that
 * loses everything, is never taken for a small MTU.
 *
 * The search keeps lo, the largest size that passed, and hi, the smallest
 * lost twice: once may be chance, and an MTU set too low for ten minutes
 * costs more than one round. Each round tests the suspect again and splits
 * what is left; found, the size is confirmed every round, and given up
 * after SCID_PMTU_STRIKES confirmations lost in a row.
 */
#include <linux/random.h>
#include <net/ip.h>

#include "scid_ipip.h"

#define SCID_PMTU_FLOOR_OUTER	(SCID_PMTU_FLOOR + SCID_OUTER_HLEN)
/* The search stops with lo and hi this close: 1400 gives 1392 to 1400. */
#define SCID_PMTU_STEP		8
/* Sizes tried are multiples of this, the ceiling and the floor aside. */
#define SCID_PMTU_ALIGN		4
/* Confirmations of the found size lost in a row before it is given up. */
#define SCID_PMTU_STRIKES	2

/**
 * scid_pmtu_search_start() - a search from nothing
 * @s: search; its ceiling is read again by the next scid_pmtu_plan()
 */
void scid_pmtu_search_start(struct scid_pmtu_search *s)
{
	memset(s, 0, sizeof(*s));
	s->state = SCID_PMTU_STATE_SEARCHING;
	/* Under the floor: not even the floor is known to pass yet. */
	s->lo = SCID_PMTU_FLOOR_OUTER - SCID_PMTU_STEP;
}

static void scid_pmtu_add(struct scid_pmtu_search *s, unsigned int size)
{
	unsigned int i;

	for (i = 0; i < s->nsizes; i++)
		if (s->sizes[i] == size)
			return;
	if (s->nsizes < SCID_PMTU_ROUND)
		s->sizes[s->nsizes++] = size;
}

/* @n sizes evenly between @lo and @hi, both excluded. */
static void scid_pmtu_split(struct scid_pmtu_search *s, unsigned int lo,
			    unsigned int hi, unsigned int n)
{
	unsigned int k, size;

	for (k = 1; k <= n; k++) {
		size = lo + (hi - lo) * k / (n + 1);
		size = max_t(unsigned int, ALIGN_DOWN(size, SCID_PMTU_ALIGN),
			     SCID_PMTU_FLOOR_OUTER);
		if (size > lo && size < hi)
			scid_pmtu_add(s, size);
	}
}

/* Nothing left to test between lo and hi: the answer is lo. */
static void scid_pmtu_settle(struct scid_pmtu_search *s)
{
	s->strikes = 0;
	if (s->lo < SCID_PMTU_FLOOR_OUTER) {
		s->state = SCID_PMTU_STATE_BLACKHOLE;
		s->found = SCID_PMTU_FLOOR_OUTER;
	} else {
		s->state = SCID_PMTU_STATE_COMPLETE;
		s->found = s->lo;
	}
}

/**
 * scid_pmtu_plan() - the sizes of the next round
 * @s: search with no round in flight
 * @ceiling: the largest outer packet the outer route takes now
 * @raise_due: a completed search may try larger sizes again
 *
 * A ceiling that moved starts the search again below it, from lo. Sizes go
 * to @s->sizes; answers are to be marked in @s->answered.
 *
 * Return: the number of sizes, 0 with the ceiling under the floor.
 */
unsigned int scid_pmtu_plan(struct scid_pmtu_search *s, unsigned int ceiling,
			    bool raise_due)
{
	s->nsizes = 0;
	s->answered = 0;
	if (s->state == SCID_PMTU_STATE_OFF || ceiling < SCID_PMTU_FLOOR_OUTER)
		return 0;
	ceiling = min_t(unsigned int, ceiling, U16_MAX - 1);
	if (ceiling != s->ceiling) {
		s->ceiling = ceiling;
		s->lo = min_t(unsigned int, s->lo, ceiling);
		s->hi = ceiling + 1;
		s->suspect = 0;
		if (s->state == SCID_PMTU_STATE_COMPLETE)
			s->state = SCID_PMTU_STATE_SEARCHING;
	} else if (s->state == SCID_PMTU_STATE_COMPLETE && raise_due &&
		   s->lo < ceiling) {
		s->state = SCID_PMTU_STATE_SEARCHING;
		s->hi = ceiling + 1;
		s->suspect = 0;
	}
	if (s->state == SCID_PMTU_STATE_SEARCHING && !s->suspect &&
	    s->hi - s->lo <= SCID_PMTU_STEP)
		scid_pmtu_settle(s);

	switch (s->state) {
	case SCID_PMTU_STATE_COMPLETE:
		scid_pmtu_add(s, s->lo);
		break;
	case SCID_PMTU_STATE_BLACKHOLE:
		scid_pmtu_add(s, SCID_PMTU_FLOOR_OUTER);
		break;
	default:
		if (s->suspect) {
			scid_pmtu_add(s, s->suspect);
			scid_pmtu_split(s, s->lo, s->suspect, SCID_PMTU_ROUND - 1);
		} else if (s->hi == s->ceiling + 1) {
			/* Most paths take what the route does: one round. */
			scid_pmtu_add(s, s->ceiling);
			scid_pmtu_split(s, s->lo, s->ceiling, SCID_PMTU_ROUND - 1);
		} else {
			scid_pmtu_split(s, s->lo, s->hi, SCID_PMTU_ROUND);
		}
	}
	return s->nsizes;
}

/* A search's sizes that are not yet known to pass or to fail. */
static bool scid_pmtu_open(const struct scid_pmtu_search *s, unsigned int size)
{
	return size > s->lo && size < s->hi;
}

static void scid_pmtu_conclude_search(struct scid_pmtu_search *s,
				      unsigned int lost)
{
	unsigned int old = s->suspect, i;

	/* Lost a second time: too big, not chance. */
	for (i = 0; i < s->nsizes; i++)
		if ((lost & BIT(i)) && s->sizes[i] == old &&
		    scid_pmtu_open(s, old))
			s->hi = old;
	s->suspect = scid_pmtu_open(s, old) ? old : 0;
	for (i = 0; i < s->nsizes; i++) {
		unsigned int size = s->sizes[i];

		if (!(lost & BIT(i)) || !scid_pmtu_open(s, size))
			continue;
		if (!s->suspect || size < s->suspect)
			s->suspect = size;
	}
}

/**
 * scid_pmtu_conclude() - take in the answers of the round in flight
 * @s: search; @s->answered marks the sizes that came back
 *
 * Only for a round whose keepalive came back: what is missing was lost.
 *
 * Return: the sizes lost, bit i for @s->sizes[i].
 */
unsigned int scid_pmtu_conclude(struct scid_pmtu_search *s)
{
	unsigned int lost = 0, i;

	for (i = 0; i < s->nsizes; i++) {
		if (!(s->answered & BIT(i)))
			lost |= BIT(i);
		else if (s->sizes[i] > s->lo)
			s->lo = s->sizes[i];
	}
	if (s->hi <= s->lo)
		s->hi = s->lo + 1;

	switch (s->state) {
	case SCID_PMTU_STATE_COMPLETE:
		if (!lost) {
			s->strikes = 0;
		} else if (++s->strikes >= SCID_PMTU_STRIKES) {
			/* The path shrank: search again under what it was. */
			s->state = SCID_PMTU_STATE_SEARCHING;
			s->hi = s->lo;
			s->lo = SCID_PMTU_FLOOR_OUTER - SCID_PMTU_STEP;
			s->suspect = 0;
			s->strikes = 0;
		}
		break;
	case SCID_PMTU_STATE_BLACKHOLE:
		if (!lost) {
			s->state = SCID_PMTU_STATE_SEARCHING;
			s->hi = s->ceiling + 1;
			s->suspect = 0;
		}
		break;
	case SCID_PMTU_STATE_SEARCHING:
		scid_pmtu_conclude_search(s, lost);
		break;
	}
	s->nsizes = 0;
	return lost;
}

/**
 * scid_pmtu_setup() - probing state of a new tunnel, off
 * @t: tunnel, before registration
 */
void scid_pmtu_setup(struct scid_tunnel *t)
{
	t->pmtu.raise_ms = SCID_PMTU_RAISE_DEFAULT;
	get_random_bytes(&t->pmtu.cookie, sizeof(t->pmtu.cookie));
}

/**
 * scid_pmtu_configure() - turn probing on or off, set the raise interval
 * @t: tunnel, keepalive's lock held
 * @on: probing wanted
 * @raise_ms: in range
 *
 * Turning probing on starts a search from nothing, and a new cookie voids
 * the replies to probes of before.
 *
 * Return: true when the probed MTU went away (the tunnel's MTU is to be
 * read again).
 */
bool scid_pmtu_configure(struct scid_tunnel *t, bool on, u32 raise_ms)
{
	struct scid_pmtu *pm = &t->pmtu;
	bool had_mtu = pm->mtu;

	lockdep_assert_held(&t->ka.lock);
	if (raise_ms != pm->raise_ms) {
		pm->raise_ms = raise_ms;
		pm->raise_at = jiffies + msecs_to_jiffies(raise_ms);
	}
	if (on == pm->on)
		return false;
	pm->on = on;
	if (on)
		scid_pmtu_search_start(&pm->search);
	else
		memset(&pm->search, 0, sizeof(pm->search));
	pm->confirmed = 0;
	WRITE_ONCE(pm->mtu, 0);
	WRITE_ONCE(pm->cookie, (__force __be64)get_random_u64());
	return had_mtu;
}

/**
 * scid_pmtu_forget_round() - the round in flight no longer counts
 * @t: tunnel, keepalive's lock held (its count starts afresh)
 */
void scid_pmtu_forget_round(struct scid_tunnel *t)
{
	t->pmtu.search.nsizes = 0;
}

/**
 * scid_pmtu_rebase() - re-express the probed MTU after the headers changed
 * @t: tunnel
 *
 * The search found an outer size; the tunnel MTU it allows is that less
 * the outer headers, which an encapsulation change just resized.
 *
 * Context: RTNL held.
 */
void scid_pmtu_rebase(struct scid_tunnel *t)
{
	struct scid_pmtu *pm = &t->pmtu;

	spin_lock_bh(&t->ka.lock);
	if (pm->mtu && pm->search.found)
		WRITE_ONCE(pm->mtu, pm->search.found - scid_outer_hlen(t));
	spin_unlock_bh(&t->ka.lock);
}

/**
 * scid_pmtu_ceiling() - the largest outer packet probing may try
 * @t: tunnel
 * @route_mtu: the outer route's MTU
 *
 * Return: @route_mtu, or less under an MTU the operator set.
 */
unsigned int scid_pmtu_ceiling(struct scid_tunnel *t, unsigned int route_mtu)
{
	if (READ_ONCE(t->mtu_pinned))
		return min(route_mtu,
			   READ_ONCE(t->mtu_pin) + scid_outer_hlen(t));
	return route_mtu;
}

/**
 * scid_pmtu_count() - count a probe sent or lost, by its size
 * @t: tunnel
 * @size: outer size
 * @lost: lost rather than sent
 */
void scid_pmtu_count(struct scid_tunnel *t, unsigned int size, bool lost)
{
	enum scid_counter c;

	if (size < 1280)
		c = lost ? SCID_PMTU_LOST_UNDER_1280 : SCID_PMTU_SENT_UNDER_1280;
	else if (size < 1500)
		c = lost ? SCID_PMTU_LOST_1280_1499 : SCID_PMTU_SENT_1280_1499;
	else
		c = lost ? SCID_PMTU_LOST_1500_UP : SCID_PMTU_SENT_1500_UP;
	scid_count(t, c);
}

/* The round in flight is over: its answers, then what they mean. */
static void scid_pmtu_round_done(struct scid_tunnel *t)
{
	struct scid_pmtu *pm = &t->pmtu;
	struct scid_pmtu_search *s = &pm->search;
	u16 sizes[SCID_PMTU_ROUND];
	unsigned int n = s->nsizes, lost, i;

	for (i = 0; i < n; i++)
		if ((s->answered & BIT(i)) && s->found && s->sizes[i] >= s->found)
			pm->confirmed = jiffies ? : 1;
	/* scid_pmtu_conclude() empties the round. */
	memcpy(sizes, s->sizes, sizeof(sizes));
	lost = scid_pmtu_conclude(s);
	for (i = 0; i < n; i++)
		if (lost & BIT(i))
			scid_pmtu_count(t, sizes[i], true);
}

/**
 * scid_pmtu_tick() - the probes to send with a keepalive probe
 * @t: tunnel, keepalive's lock held, after its probe took its number
 * @ceiling: scid_pmtu_ceiling(), 0 when the route is unknown
 * @sizes: receives the sizes, SCID_PMTU_ROUND at most
 * @first_seq: receives the first probe's number; the next ones follow
 *
 * The round in flight is over once the keepalive probe sent after it came
 * back; until then no new one starts. After hold keepalive intervals
 * without that, it is dropped unjudged: the peer, not the size, is
 * missing.
 *
 * Return: the number of probes to send before the keepalive probe.
 */
unsigned int scid_pmtu_tick(struct scid_tunnel *t, unsigned int ceiling,
			    u16 *sizes, u32 *first_seq)
{
	struct scid_keepalive *ka = &t->ka;
	struct scid_pmtu *pm = &t->pmtu;
	struct scid_pmtu_search *s = &pm->search;
	u8 state = s->state;
	u16 found = s->found;
	unsigned int n;

	lockdep_assert_held(&ka->lock);
	if (!pm->on)
		return 0;
	if (ka->state == SCID_KA_STATE_DOWN || !ceiling) {
		s->nsizes = 0;
		return 0;
	}
	if (s->nsizes && (s32)(ka->acked - pm->round_ka_seq) >= 0) {
		scid_pmtu_round_done(t);
	} else if (s->nsizes) {
		if (++pm->round_ticks <= ka->hold)
			return 0;
		s->nsizes = 0;
	}

	n = scid_pmtu_plan(s, ceiling, time_after_eq(jiffies, pm->raise_at));
	if (s->state != state && s->state != SCID_PMTU_STATE_SEARCHING) {
		/* Settled: the next raise is an interval from now. */
		pm->raise_at = jiffies + msecs_to_jiffies(pm->raise_ms);
		if (s->found != found || !pm->confirmed)
			pm->confirmed = jiffies ? : 1;
	}
	if (s->found != found)
		WRITE_ONCE(pm->mtu, s->found - scid_outer_hlen(t));

	memcpy(sizes, s->sizes, n * sizeof(*sizes));
	pm->round_seq = pm->seq + 1;
	pm->seq += n;
	pm->round_ka_seq = ka->seq;
	pm->round_ticks = 0;
	*first_seq = pm->round_seq;
	return n;
}

/**
 * scid_pmtu_reply() - one of our probes came back
 * @t: tunnel
 * @seq: its number
 *
 * Context: softirq.
 */
void scid_pmtu_reply(struct scid_tunnel *t, u32 seq)
{
	struct scid_pmtu *pm = &t->pmtu;
	u32 idx;

	spin_lock(&t->ka.lock);
	idx = seq - pm->round_seq;
	if (pm->on && idx < pm->search.nsizes)
		pm->search.answered |= BIT(idx);
	spin_unlock(&t->ka.lock);
}

/**
 * scid_pmtu_info_size() - room scid_pmtu_fill_info() needs
 *
 * Return: bytes.
 */
size_t scid_pmtu_info_size(void)
{
	return nla_total_size(1) +	/* IFLA_SCID_PMTU_PROBE */
	       nla_total_size(4) +	/* IFLA_SCID_PMTU_RAISE */
	       nla_total_size(4) +	/* IFLA_SCID_PMTU */
	       nla_total_size(1) +	/* IFLA_SCID_PMTU_STATE */
	       nla_total_size(4);	/* IFLA_SCID_PMTU_AGE */
}

/**
 * scid_pmtu_fill_info() - probing settings and state for ip -d link
 * @skb: message
 * @t: tunnel
 *
 * Return: 0 or -EMSGSIZE.
 */
int scid_pmtu_fill_info(struct sk_buff *skb, struct scid_tunnel *t)
{
	struct scid_pmtu *pm = &t->pmtu;
	u32 raise, mtu, age;
	u8 on, state;

	spin_lock_bh(&t->ka.lock);
	on = pm->on;
	raise = pm->raise_ms;
	mtu = pm->mtu;
	state = pm->search.state;
	age = pm->confirmed && mtu ?
	      jiffies_to_msecs(jiffies - pm->confirmed) : SCID_KA_NEVER;
	spin_unlock_bh(&t->ka.lock);

	if (nla_put_u8(skb, IFLA_SCID_PMTU_PROBE, on) ||
	    nla_put_u32(skb, IFLA_SCID_PMTU_RAISE, raise) ||
	    nla_put_u32(skb, IFLA_SCID_PMTU, mtu) ||
	    nla_put_u8(skb, IFLA_SCID_PMTU_STATE, state) ||
	    nla_put_u32(skb, IFLA_SCID_PMTU_AGE, age))
		return -EMSGSIZE;
	return 0;
}
