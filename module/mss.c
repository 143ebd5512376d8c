// SPDX-License-Identifier: GPL-2.0
/*
 * TCP MSS clamping (docs/mss-clamp.md): the MSS option of a SYN or SYN-ACK
 * crossing the tunnel is lowered so that neither end sends segments the
 * path cannot carry. Path MTU discovery would find that out by itself, but
 * it needs ICMP, and the networks these tunnels cross often drop it.
 *
 * Both directions go through here, inner packets only: on transmit before
 * the outer header goes on, on receive after it came off. That covers
 * segments sent or received by this host and those it forwards, so one end
 * configured alone is enough.
 */
#include <linux/swab.h>
#include <linux/tcp.h>
#include <net/ip.h>

#include "scid_ipip.h"

#define SCID_TCPOPT_EOL		0
#define SCID_TCPOPT_NOP		1
#define SCID_TCPOPT_MSS		2
#define SCID_TCPOLEN_MSS	4
/* The most a data offset of 15 words leaves for options. */
#define SCID_TCP_OPTION_SPACE	40

/**
 * scid_mss_options() - where the MSS values of a TCP option area are
 * @opt: the options, right after the fixed TCP header
 * @len: their length (th->doff * 4 - 20)
 * @at: filled with the offset in @opt of each MSS value
 * @max: room in @at
 *
 * The whole area is checked before anything is reported, so a segment
 * whose options do not parse is left as it came. A receiver takes the last
 * MSS option it finds; every one is reported so that every one is lowered.
 *
 * Return: how many MSS options there are (0 for none), or -EINVAL when an
 * option runs past the area, has a length under 2, or is an MSS option of
 * another length than 4, or there are more than @max.
 */
int scid_mss_options(const u8 *opt, unsigned int len, u8 *at,
		     unsigned int max)
{
	unsigned int pos = 0, found = 0;

	while (pos < len) {
		u8 kind = opt[pos], optlen;

		if (kind == SCID_TCPOPT_EOL)
			break;
		if (kind == SCID_TCPOPT_NOP) {
			pos++;
			continue;
		}
		if (pos + 1 >= len)
			return -EINVAL;
		optlen = opt[pos + 1];
		if (optlen < 2 || optlen > len - pos)
			return -EINVAL;
		if (kind == SCID_TCPOPT_MSS) {
			if (optlen != SCID_TCPOLEN_MSS || found == max)
				return -EINVAL;
			at[found++] = pos + 2;
		}
		pos += optlen;
	}
	return found;
}

/*
 * The MSS a segment may announce: the setting, or for "auto" the tunnel's
 * MTU now less the IPv4 and TCP headers, so that it follows the MTU.
 */
static unsigned int scid_mss_target(const struct scid_tunnel *t, u32 setting)
{
	unsigned int mtu;

	if (setting != SCID_CLAMP_MSS_AUTO)
		return setting;
	mtu = READ_ONCE(t->dev->mtu);
	return mtu > sizeof(struct iphdr) + sizeof(struct tcphdr) ?
	       mtu - sizeof(struct iphdr) - sizeof(struct tcphdr) : 0;
}

/*
 * Option values are big-endian and at any alignment; byte by byte needs no
 * header that moved between kernels (asm/ to linux/unaligned.h in 6.12).
 */
static u16 scid_get_be16(const u8 *p)
{
	return p[0] << 8 | p[1];
}

static void scid_put_be16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

/* Lower the MSS values at @at to @target; how many it lowered. */
static unsigned int scid_mss_lower(struct sk_buff *skb, struct tcphdr *th,
				   const u8 *at, int n, unsigned int target)
{
	u8 *opt = (u8 *)(th + 1);
	unsigned int lowered = 0;
	int i;

	for (i = 0; i < n; i++) {
		u16 mss = scid_get_be16(opt + at[i]);
		u16 from = mss, to = target;

		if (mss <= target)
			continue;
		scid_put_be16(opt + at[i], target);
		/*
		 * The checksum adds 16-bit words from the header's start (an
		 * even offset): a value at an odd offset (after one NOP, say)
		 * adds its bytes the other way round.
		 */
		if (at[i] & 1) {
			from = swab16(from);
			to = swab16(to);
		}
		/*
		 * The segment's sum stays what it was, so a receive
		 * checksum (CHECKSUM_COMPLETE) stays right; with
		 * CHECKSUM_PARTIAL the field holds the pseudo-header's sum
		 * only and nothing is to be done.
		 */
		inet_proto_csum_replace2(&th->check, skb, htons(from),
					 htons(to), false);
		lowered++;
	}
	return lowered;
}

/**
 * __scid_clamp_mss() - lower the MSS option of a SYN crossing the tunnel
 * @t: tunnel
 * @skb: inner IPv4 packet, network header set and its first 20 bytes
 *	pulled
 * @setting: t->clamp_mss, not SCID_CLAMP_MSS_OFF
 *
 * Anything else than an unfragmented TCP SYN passes untouched. A SYN
 * without an MSS option, or whose header or options do not parse, passes
 * too, counted: lowering a value that cannot be read safely could only do
 * harm, and the ends would then use their defaults.
 *
 * Context: softirq (receive) or the transmit path, either way with BHs off.
 */
void __scid_clamp_mss(struct scid_tunnel *t, struct sk_buff *skb, u32 setting)
{
	u8 at[SCID_TCP_OPTION_SPACE / SCID_TCPOLEN_MSS];
	const struct iphdr *iph = ip_hdr(skb);
	unsigned int thoff, thlen, target;
	struct tcphdr *th;
	int n;

	if (iph->protocol != IPPROTO_TCP || ip_is_fragment(iph))
		return;
	/*
	 * Received headers were checked (scid_inner_header_ok()); a local
	 * raw socket may send anything, and the TCP header cannot be found
	 * behind an IPv4 header shorter than 20 bytes.
	 */
	if (iph->ihl < 5)
		goto malformed;
	thoff = skb_network_offset(skb) + iph->ihl * 4;
	if (!pskb_may_pull(skb, thoff + sizeof(*th)))
		goto malformed;
	th = (struct tcphdr *)(skb->data + thoff);
	if (!th->syn)
		return;
	thlen = th->doff * 4;
	if (thlen < sizeof(*th) || !pskb_may_pull(skb, thoff + thlen))
		goto malformed;
	th = (struct tcphdr *)(skb->data + thoff);
	n = scid_mss_options((u8 *)(th + 1), thlen - sizeof(*th), at,
			     ARRAY_SIZE(at));
	if (n < 0)
		goto malformed;
	if (!n) {
		scid_count(t, SCID_MSS_NO_OPTION);
		return;
	}
	target = scid_mss_target(t, setting);
	/*
	 * Unshare the header before writing: a sender's SYN may be a clone
	 * whose original its socket keeps for retransmission. Without the
	 * memory for that, the segment goes on as it is.
	 */
	if (skb_ensure_writable(skb, thoff + thlen))
		return;
	th = (struct tcphdr *)(skb->data + thoff);
	if (scid_mss_lower(skb, th, at, n, target))
		scid_count(t, SCID_MSS_CLAMPED);
	return;

malformed:
	scid_count(t, SCID_MSS_MALFORMED);
}

/**
 * scid_clamp_mss_valid() - whether @setting is a value IFLA_SCID_CLAMP_MSS
 * takes
 * @setting: the attribute's value
 *
 * Return: true for off, auto and SCID_CLAMP_MSS_MIN..SCID_CLAMP_MSS_MAX.
 */
bool scid_clamp_mss_valid(u32 setting)
{
	return setting == SCID_CLAMP_MSS_OFF ||
	       setting == SCID_CLAMP_MSS_AUTO ||
	       (setting >= SCID_CLAMP_MSS_MIN && setting <= SCID_CLAMP_MSS_MAX);
}
