// SPDX-License-Identifier: GPL-2.0
/*
 * hard-inject: put hand-made IPv4-in-IPv4 frames on an Ethernet link through
 * an AF_PACKET socket, one case of a corpus of good, broken and unusual
 * packets at a time, so that the receiving end of the link sees exactly
 * those bytes: truncated and optioned outer headers, every way an inner
 * header can lie about itself, outer fragments, IPIP inside IPIP (hundreds
 * of levels deep), ECN, an ICMP error about an IPIP packet, and TCP SYNs
 * whose options MSS clamping must read (odd layouts, broken ones, random
 * ones); and, in UDP (-U), every way a UDP or GUE header can be wrong.
 *
 *   hard-inject -i IFACE -m DST_MAC -s OUTER_SRC -d OUTER_DST
 *               -S INNER_SRC -D INNER_DST -k CASE[,CASE...] [-c COUNT]
 *               [-N | -B]
 *               [-M MIDDLE_SRC,MIDDLE_DST] [-I FIRST_ID] [-n DEPTH]
 *               [-R SEED] [-T CLAMP_MSS] [-U fou:PORT | -U gue:PORT] [-Z]
 *   hard-inject -L          list the cases
 *
 * COUNT packets of each CASE, in the order given; -B sends them all whole,
 * then all again non-linear. The inner packet is UDP to port 9 with 32 bytes of payload, or for the
 * syn-* and ack-* cases a TCP segment to port 9 without payload. syn-random
 * makes a new option area for every SYN from SEED (-R) and prints what a
 * tunnel with clamp-mss CLAMP_MSS (-T, default 1000) must do with them:
 * "mss clamped=N no_option=N malformed=N untouched=N". -N sends
 * every frame non-linear: only its Ethernet header in the socket buffer's
 * linear area and the rest in page fragments (PACKET_VNET_HDR), so that a
 * receiver reading a header it has not pulled reads the wrong bytes.
 * IP IDs count up from FIRST_ID (default: from the pid), at most two a
 * packet: lone fragments of two runs must not share a reassembly queue.
 *
 * -U puts a UDP header to PORT (source port 40001) between each outer
 * header and what it carries, as FOU does (fou:) or, with a GUE header
 * (version 0, no options, protocol 4) after it, as GUE does (gue:); the
 * outer protocol becomes UDP. Its checksum holds, or with -Z is 0. The
 * udp-* cases break the UDP header (they need -U), the gue-* cases the GUE
 * header (they need -U gue:); the cases whose outer header is no whole
 * IPIP packet (cut, lying about its length, fragments, ICMP) cannot be
 * wrapped.
 *
 * Exit 0 when every frame was sent.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/virtio_net.h>
#include <net/if.h>
#include <netinet/ip.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "arg-number.h"
#include "inet-csum.h"

#define ETH_LEN		14
#define IPH_LEN		20
#define UDP_LEN		8
#define PAYLOAD		32
#define INNER_LEN	(IPH_LEN + UDP_LEN + PAYLOAD)
/* Room for ipip-deep's headers: 200 of them are 4 KB. */
#define MAX_FRAME	8192
#define MAX_DEPTH	((MAX_FRAME - ETH_LEN - INNER_LEN) / IPH_LEN)
#define ICMP_LEN	8
#define PROTO_ICMP	1
#define MAX_FRAMES	3
#define PROTO_IPIP	4
#define PROTO_TCP	6
#define PROTO_UDP	17
#define TCP_LEN		20
#define TCP_OPT_MAX	40
/* random_options() may write an option's tail past the area's end. */
#define TCP_OPT_ROOM	(TCP_OPT_MAX + 12)
#define TH_SYN		0x02
#define TH_ACK		0x10
#define PROTO_UNKNOWN	253	/* RFC 3692: for experiments, nobody's */
#define GUE_LEN		4
#define GUE_F_PRIV	0x0001		/* P: a private flags word follows */
#define GUE_PF_REMCSUM	0x80000000u	/* private: remote checksum offload */
#define ENCAP_SPORT	40001

enum kind {
	K_GOOD, K_OUTER_EMPTY, K_OUTER_TRUNC, K_OUTER_TOTLEN_LONG,
	K_OUTER_TOTLEN_SHORT, K_OUTER_OPTS, K_OUTER_OPTS_BAD, K_INNER_EMPTY,
	K_INNER_TRUNC, K_INNER_IHL0, K_INNER_IHL4, K_INNER_IHL_LONG,
	K_INNER_LEN_SHORT, K_INNER_LEN_LONG, K_INNER_LEN_ZERO,
	K_INNER_LEN_BELOW_IHL, K_INNER_V6, K_INNER_V15, K_INNER_CSUM,
	K_INNER_OPTS, K_FRAG_FIRST, K_FRAG_LATER, K_FRAG_PAIR, K_FRAG_PAIR_REV,
	K_FRAG_SPLIT_INNER, K_FRAG_OVERLAP, K_INNER_FRAG_PAIR, K_IPIP_IN_IPIP,
	K_ECN_CE, K_UNKNOWN_SRC, K_IPIP_DEEP, K_ICMP_UNREACH,
	/* TCP segments, from tcp_cases[] but for the last. */
	K_SYN_MSS, K_SYN_MSS_ODD, K_SYN_MSS_TWO, K_SYN_MSS_LAST, K_SYN_MSS_LOW,
	K_SYNACK_MSS, K_ACK_MSS, K_SYN_NO_MSS, K_SYN_MSS_AFTER_EOL,
	K_SYN_MSS_LEN3, K_SYN_OPT_LEN0, K_SYN_OPT_OVERRUN, K_SYN_OPT_HALF,
	K_SYN_DOFF_SHORT, K_SYN_DOFF_LONG, K_SYN_TRUNC, K_SYN_RANDOM,
	K_INNER_UDP_CSUM,
	/* In UDP only (-U), from here on: the UDP header's faults. */
	K_UDP_LEN_LONG, K_UDP_LEN_SHORT, K_UDP_LEN_BELOW_HDR, K_UDP_CSUM,
	K_UDP_TRUNC, K_UDP_EMPTY,
	/* With -U gue: only, from here on: the GUE header's. */
	K_GUE_V1, K_GUE_V1_IP5, K_GUE_V2, K_GUE_V3, K_GUE_TRUNC,
	K_GUE_HLEN_LONG, K_GUE_HLEN_INNER, K_GUE_OPT_UNFLAGGED,
	K_GUE_FLAGS_UNKNOWN, K_GUE_PRIV, K_GUE_PRIV_SHORT, K_GUE_PFLAGS_UNKNOWN,
	K_GUE_REMCSUM, K_GUE_REMCSUM_BAD, K_GUE_REMCSUM_PAST,
	K_GUE_REMCSUM_SHORT, K_GUE_CONTROL, K_GUE_PROTO0, K_GUE_PROTO_UDP,
	K_GUE_PROTO_UNKNOWN, K_GUE_IN_GUE,
};

enum encap { E_NONE, E_FOU, E_GUE };

/*
 * The fixed TCP cases: flags, option bytes (a multiple of 4) and, where
 * it lies, the data offset.
 */
static const struct {
	enum kind kind;
	uint8_t flags, doff, optlen;
	uint8_t opt[TCP_OPT_MAX];
} tcp_cases[] = {
	{ K_SYN_MSS, TH_SYN, 0, 8, { 2, 4, 0x05, 0xb4, 1, 1, 4, 2 } },
	{ K_SYN_MSS_ODD, TH_SYN, 0, 8, { 1, 2, 4, 0x05, 0xb4, 1, 1, 0 } },
	{ K_SYN_MSS_TWO, TH_SYN, 0, 12,
	  { 2, 4, 0x23, 0x28, 1, 2, 4, 0xff, 0xff, 1, 1, 0 } },
	{ K_SYN_MSS_LAST, TH_SYN, 0, 40,
	  { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 4, 0x05, 0xb4 } },
	{ K_SYN_MSS_LOW, TH_SYN, 0, 4, { 2, 4, 0x02, 0x18 } },
	{ K_SYNACK_MSS, TH_SYN | TH_ACK, 0, 4, { 2, 4, 0x05, 0xb4 } },
	{ K_ACK_MSS, TH_ACK, 0, 4, { 2, 4, 0x05, 0xb4 } },
	{ K_SYN_NO_MSS, TH_SYN, 0, 4, { 1, 1, 4, 2 } },
	{ K_SYN_MSS_AFTER_EOL, TH_SYN, 0, 8, { 0, 0, 0, 0, 2, 4, 0x05, 0xb4 } },
	{ K_SYN_MSS_LEN3, TH_SYN, 0, 4, { 2, 3, 0x05, 0xb4 } },
	{ K_SYN_OPT_LEN0, TH_SYN, 0, 8, { 5, 0, 1, 1, 2, 4, 0x05, 0xb4 } },
	{ K_SYN_OPT_OVERRUN, TH_SYN, 0, 8, { 2, 4, 0x05, 0xb4, 1, 1, 8, 10 } },
	{ K_SYN_OPT_HALF, TH_SYN, 0, 8, { 2, 4, 0x05, 0xb4, 1, 1, 1, 2 } },
	{ K_SYN_DOFF_SHORT, TH_SYN, 4, 4, { 2, 4, 0x05, 0xb4 } },
	{ K_SYN_DOFF_LONG, TH_SYN, 15, 4, { 2, 4, 0x05, 0xb4 } },
	{ K_SYN_TRUNC, TH_SYN, 0, 4, { 2, 4, 0x05, 0xb4 } },
};

static const struct {
	const char *name;
	enum kind kind;
	const char *what;
} cases[] = {
	{ "good", K_GOOD, "a well-formed IPIP packet" },
	{ "outer-empty", K_OUTER_EMPTY, "Ethernet header only, EtherType IPv4" },
	{ "outer-trunc", K_OUTER_TRUNC, "12 bytes of outer header" },
	{ "outer-totlen-long", K_OUTER_TOTLEN_LONG, "outer tot_len 100 beyond the frame" },
	{ "outer-totlen-short", K_OUTER_TOTLEN_SHORT, "outer tot_len 16, less than its header" },
	{ "outer-opts", K_OUTER_OPTS, "outer ihl 6, NOP NOP NOP EOL options" },
	{ "outer-opts-bad", K_OUTER_OPTS_BAD, "outer ihl 6, a timestamp option of length 2" },
	{ "inner-empty", K_INNER_EMPTY, "protocol 4 and no inner packet at all" },
	{ "inner-trunc", K_INNER_TRUNC, "12 bytes of inner header" },
	{ "inner-ihl0", K_INNER_IHL0, "inner ihl 0" },
	{ "inner-ihl4", K_INNER_IHL4, "inner ihl 4" },
	{ "inner-ihl-long", K_INNER_IHL_LONG, "inner ihl 15 in a 40-byte inner packet" },
	{ "inner-len-short", K_INNER_LEN_SHORT, "inner tot_len 4 less than the packet" },
	{ "inner-len-long", K_INNER_LEN_LONG, "inner tot_len 100 more than the packet" },
	{ "inner-len-zero", K_INNER_LEN_ZERO, "inner tot_len 0" },
	{ "inner-len-below-ihl", K_INNER_LEN_BELOW_IHL, "inner tot_len 12, less than its header" },
	{ "inner-v6", K_INNER_V6, "an IPv6 header inside protocol 4" },
	{ "inner-v15", K_INNER_V15, "inner version 15" },
	{ "inner-csum", K_INNER_CSUM, "inner header checksum wrong" },
	{ "inner-opts", K_INNER_OPTS, "inner ihl 6 with NOP options, consistent" },
	{ "frag-first", K_FRAG_FIRST, "first outer fragment only (MF, offset 0)" },
	{ "frag-later", K_FRAG_LATER, "later outer fragment only (offset 24)" },
	{ "frag-pair", K_FRAG_PAIR, "both outer fragments, in order" },
	{ "frag-pair-rev", K_FRAG_PAIR_REV, "both outer fragments, last first" },
	{ "frag-split-inner", K_FRAG_SPLIT_INNER, "outer fragments split inside the inner header" },
	{ "frag-overlap", K_FRAG_OVERLAP, "overlapping outer fragments" },
	{ "inner-frag-pair", K_INNER_FRAG_PAIR, "two IPIP packets carrying the two fragments of one inner packet" },
	{ "ipip-in-ipip", K_IPIP_IN_IPIP, "IPIP inside IPIP (-M gives the middle addresses)" },
	{ "ecn-ce", K_ECN_CE, "outer CE over a not-ECT inner packet" },
	{ "unknown-src", K_UNKNOWN_SRC, "from an outer source no tunnel has (OUTER_SRC + 100)" },
	{ "ipip-deep", K_IPIP_DEEP, "IPIP in IPIP, DEPTH headers (-n, default 200) all OUTER_SRC -> OUTER_DST" },
	{ "icmp-unreach", K_ICMP_UNREACH, "ICMP host unreachable from OUTER_SRC quoting IPIP OUTER_DST -> INNER_DST" },
	{ "syn-mss", K_SYN_MSS, "SYN, MSS 1460 first, then NOP NOP SACK-permitted" },
	{ "syn-mss-odd", K_SYN_MSS_ODD, "SYN, NOP then MSS 1460: its value at an odd offset" },
	{ "syn-mss-two", K_SYN_MSS_TWO, "SYN, MSS 9000 and, after a NOP, MSS 65535" },
	{ "syn-mss-last", K_SYN_MSS_LAST, "SYN, 36 NOPs then MSS 1460 in the last 4 of 40 option bytes" },
	{ "syn-mss-low", K_SYN_MSS_LOW, "SYN, MSS 536: below any clamp" },
	{ "synack-mss", K_SYNACK_MSS, "SYN-ACK, MSS 1460" },
	{ "ack-mss", K_ACK_MSS, "an ACK carrying MSS 1460: not a SYN" },
	{ "syn-no-mss", K_SYN_NO_MSS, "SYN, NOP NOP SACK-permitted, no MSS" },
	{ "syn-mss-after-eol", K_SYN_MSS_AFTER_EOL, "SYN, EOL then MSS 1460: after the end of the options" },
	{ "syn-mss-len3", K_SYN_MSS_LEN3, "SYN, an MSS option of length 3" },
	{ "syn-opt-len0", K_SYN_OPT_LEN0, "SYN, an option of length 0 before MSS 1460" },
	{ "syn-opt-overrun", K_SYN_OPT_OVERRUN, "SYN, MSS 1460 then a timestamp running past the options" },
	{ "syn-opt-half", K_SYN_OPT_HALF, "SYN, MSS 1460 then an option kind in the last byte, no length" },
	{ "syn-doff-short", K_SYN_DOFF_SHORT, "SYN, data offset 4 words" },
	{ "syn-doff-long", K_SYN_DOFF_LONG, "SYN, data offset 15 words in a 24-byte segment" },
	{ "syn-trunc", K_SYN_TRUNC, "SYN cut to 12 bytes of TCP header" },
	{ "syn-random", K_SYN_RANDOM, "SYN, random options from -R (prints the clamp's verdicts)" },
	{ "inner-udp-csum", K_INNER_UDP_CSUM, "the inner UDP checksum wrong" },
	{ "udp-len-long", K_UDP_LEN_LONG, "UDP length 100 beyond the packet" },
	{ "udp-len-short", K_UDP_LEN_SHORT, "UDP length 4 short of the packet (checksum over that length)" },
	{ "udp-len-below-hdr", K_UDP_LEN_BELOW_HDR, "UDP length 4, less than its header" },
	{ "udp-csum", K_UDP_CSUM, "UDP checksum wrong (also with -Z)" },
	{ "udp-trunc", K_UDP_TRUNC, "4 bytes of UDP header" },
	{ "udp-empty", K_UDP_EMPTY, "the UDP (and GUE) header, nothing inside" },
	{ "gue-v1", K_GUE_V1, "GUE version 1: the inner IPv4 header right after UDP" },
	{ "gue-v1-ip5", K_GUE_V1_IP5, "GUE version 1, inner IP version 5" },
	{ "gue-v2", K_GUE_V2, "GUE version 2" },
	{ "gue-v3", K_GUE_V3, "GUE version 3" },
	{ "gue-trunc", K_GUE_TRUNC, "2 bytes of GUE header" },
	{ "gue-hlen-long", K_GUE_HLEN_LONG, "GUE hlen 31: 124 bytes of options past the packet" },
	{ "gue-hlen-inner", K_GUE_HLEN_INNER, "GUE hlen 5 with no options: the inner IPv4 header taken for them" },
	{ "gue-opt-unflagged", K_GUE_OPT_UNFLAGGED, "GUE hlen 1, 4 bytes of options no flag announces" },
	{ "gue-flags-unknown", K_GUE_FLAGS_UNKNOWN, "GUE flag 0x8000, unknown" },
	{ "gue-priv", K_GUE_PRIV, "GUE private flags, all 0" },
	{ "gue-priv-short", K_GUE_PRIV_SHORT, "GUE private flags announced, hlen 0" },
	{ "gue-pflags-unknown", K_GUE_PFLAGS_UNKNOWN, "GUE private flag 1, unknown" },
	{ "gue-remcsum", K_GUE_REMCSUM, "GUE remote checksum offload of the inner UDP checksum, which is wrong" },
	{ "gue-remcsum-bad", K_GUE_REMCSUM_BAD, "GUE remote checksum offset before its start" },
	{ "gue-remcsum-past", K_GUE_REMCSUM_PAST, "GUE remote checksum offset 2000, past the packet" },
	{ "gue-remcsum-short", K_GUE_REMCSUM_SHORT, "GUE remote checksum flag, hlen 1: no room for its field" },
	{ "gue-control", K_GUE_CONTROL, "GUE control message (C bit)" },
	{ "gue-proto0", K_GUE_PROTO0, "GUE protocol 0" },
	{ "gue-proto-udp", K_GUE_PROTO_UDP, "GUE protocol 17, carrying the inner UDP datagram alone" },
	{ "gue-proto-unknown", K_GUE_PROTO_UNKNOWN, "GUE protocol 253, nobody's" },
	{ "gue-in-gue", K_GUE_IN_GUE, "GUE protocol 17 carrying UDP to PORT and GUE again" },
};

struct frame {
	uint8_t b[MAX_FRAME];
	size_t len;
};

struct ctx {
	uint8_t dst_mac[6], src_mac[6];
	uint32_t osrc, odst, isrc, idst, msrc, mdst;	/* network order */
	uint16_t id;
	unsigned int depth;
	uint64_t rng;			/* syn-random's state */
	unsigned int clamp_mss;		/* what syn-random's verdicts assume */
	unsigned long verdicts[4];	/* enum verdict */
	enum encap encap;		/* -U */
	unsigned int encap_port;
	bool zero_csum;			/* -Z */
};

/* What MSS clamping does with a SYN, as the module counts it. */
enum verdict { V_CLAMPED, V_NO_OPTION, V_MALFORMED, V_UNTOUCHED };

static const char *prog = "hard-inject";

static void put16(uint8_t *p, unsigned int v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v & 0xffff);
}

/*
 * The checksum of the UDP header and data at @u, @len bytes of them, under
 * the IPv4 header @iph, with @ulen in the pseudo-header; the checksum
 * field must be 0. Never 0, which would say "none".
 */
static unsigned int udp_csum(const uint8_t *iph, const uint8_t *u, size_t len,
			     size_t ulen)
{
	uint32_t sum = PROTO_UDP + (uint32_t)ulen;
	unsigned int v;
	int i;

	for (i = 12; i < 20; i += 2)
		sum += (uint32_t)iph[i] << 8 | iph[i + 1];
	v = ntohs(inet_csum(u, len, sum));
	return v ? v : 0xffff;
}

/* A wrong checksum for one whose right value is @good: neither it nor 0. */
static unsigned int bad_csum(unsigned int good)
{
	unsigned int v = good ^ 0x5a5a;

	return v ? v : 0x5a5b;
}

/*
 * An IPv4 header of @ihl words at @h; options, if any, are NOPs and a
 * final EOL. The checksum covers what @ihl says.
 */
static void put_iph(uint8_t *h, unsigned int ihl, unsigned int tot_len,
		    unsigned int tos, unsigned int id, unsigned int frag,
		    unsigned int proto, uint32_t src, uint32_t dst)
{
	unsigned int i;

	memset(h, 0, ihl * 4);
	h[0] = (uint8_t)(0x40 | ihl);
	h[1] = (uint8_t)tos;
	put16(h + 2, tot_len);
	put16(h + 4, id);
	put16(h + 6, frag);
	h[8] = 64;
	h[9] = (uint8_t)proto;
	memcpy(h + 12, &src, 4);
	memcpy(h + 16, &dst, 4);
	for (i = IPH_LEN; i + 1 < ihl * 4; i++)
		h[i] = 1;	/* NOP; the last byte stays 0, EOL */
	put16(h + 10, ntohs(inet_csum(h, ihl * 4, 0)));
}

static void fix_csum(uint8_t *h)
{
	unsigned int hlen = (h[0] & 0xf) * 4u;

	put16(h + 10, 0);
	put16(h + 10, ntohs(inet_csum(h, hlen < IPH_LEN ? IPH_LEN : hlen, 0)));
}

/* The inner packet: IPv4 + UDP to port 9, 32 bytes of payload. */
static size_t put_inner(struct ctx *c, uint8_t *p, uint32_t src, uint32_t dst)
{
	uint8_t *u = p + IPH_LEN;

	put_iph(p, 5, INNER_LEN, 0, c->id, 0, PROTO_UDP, src, dst);
	put16(u, 40000);
	put16(u + 2, 9);
	put16(u + 4, UDP_LEN + PAYLOAD);
	put16(u + 6, 0);	/* no checksum: legal over IPv4 */
	memset(u + UDP_LEN, 'x', PAYLOAD);
	return INNER_LEN;
}

/*
 * An inner TCP segment to port 9 without payload: @flags, @optlen bytes
 * of options, data offset @doff words (0: what the options need), and a
 * checksum that holds over what is there.
 */
static size_t put_tcp_inner(struct ctx *c, uint8_t *p, unsigned int flags,
			    const uint8_t *opt, size_t optlen,
			    unsigned int doff)
{
	size_t tlen = TCP_LEN + optlen;
	uint8_t *t = p + IPH_LEN;
	uint32_t sum = 0;
	int i;

	put_iph(p, 5, (unsigned int)(IPH_LEN + tlen), 0, c->id, 0, PROTO_TCP,
		c->isrc, c->idst);
	memset(t, 0, tlen);
	put16(t, 40000);
	put16(t + 2, 9);
	put16(t + 4, c->id);			/* sequence number */
	t[12] = (uint8_t)((doff ? doff : tlen / 4) << 4);
	t[13] = (uint8_t)flags;
	put16(t + 14, 64240);			/* window */
	memcpy(t + TCP_LEN, opt, optlen);
	/* The pseudo-header: addresses, protocol, TCP length. */
	for (i = 12; i < 20; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	sum += PROTO_TCP + (uint32_t)tlen;
	put16(t + 16, ntohs(inet_csum(t, tlen, sum)));
	return IPH_LEN + tlen;
}

static uint32_t next_random(struct ctx *c)
{
	/* xorshift64*: the same seed gives the same segments. */
	c->rng ^= c->rng >> 12;
	c->rng ^= c->rng << 25;
	c->rng ^= c->rng >> 27;
	return (uint32_t)((c->rng * 2685821657736338717ull) >> 32);
}

/*
 * Random option bytes, a multiple of 4: mostly real options (MSS of any
 * value, SACK-permitted, window scale, timestamps), NOPs and EOLs, and now
 * and then an option whose length lies. Returns their length.
 */
static size_t random_options(struct ctx *c, uint8_t opt[TCP_OPT_ROOM])
{
	/* Kind and length of each real option, MSS three times as often. */
	static const uint8_t real[][2] = {
		{ 2, 4 }, { 2, 4 }, { 2, 4 },	/* MSS */
		{ 1, 1 }, { 1, 1 },		/* NOP */
		{ 0, 1 },			/* EOL */
		{ 4, 2 },			/* SACK-permitted */
		{ 3, 3 },			/* window scale */
		{ 8, 10 },			/* timestamps */
	};
	size_t len = (next_random(c) % (TCP_OPT_MAX / 4 + 1)) * 4, pos = 0;
	size_t n, i, pick;

	memset(opt, 0, TCP_OPT_ROOM);
	while (pos < len) {
		pick = next_random(c) % (sizeof(real) / sizeof(real[0]) + 1);
		if (pick == sizeof(real) / sizeof(real[0])) {
			/* Any kind, any length: it may lie. */
			n = 2;
			opt[pos] = (uint8_t)next_random(c);
			opt[pos + 1] = (uint8_t)(next_random(c) % 12);
		} else {
			n = real[pick][1];
			opt[pos] = real[pick][0];
			if (n > 1)
				opt[pos + 1] = (uint8_t)n;
			/*
			 * Random bytes for the value; half the MSS values
			 * near the clamp, on either side of it.
			 */
			for (i = 2; i < n; i++)
				opt[pos + i] = (uint8_t)next_random(c);
			if (opt[pos] == 2 && next_random(c) % 2)
				put16(opt + pos + 2, next_random(c) % (2 * c->clamp_mss));
		}
		pos += n;
	}
	return len;
}

/*
 * What the module must do with a SYN carrying @opt, written here from
 * RFC 9293's option rules rather than from the module: the whole area must
 * parse up to its end or an EOL (a kind, then for all but EOL and NOP a
 * length of at least 2 within the area; MSS exactly 4), or it is
 * malformed; with no MSS it has none; with one above the clamp it is
 * lowered.
 */
static enum verdict judge(const uint8_t *opt, size_t len, unsigned int clamp)
{
	bool found = false, above = false;
	size_t pos = 0;

	while (pos < len && opt[pos] != 0) {
		if (opt[pos] == 1) {
			pos++;
			continue;
		}
		if (len - pos < 2 || opt[pos + 1] < 2 || opt[pos + 1] > len - pos)
			return V_MALFORMED;
		if (opt[pos] == 2) {
			if (opt[pos + 1] != 4)
				return V_MALFORMED;
			found = true;
			above |= ((unsigned int)opt[pos + 2] << 8 | opt[pos + 3]) > clamp;
		}
		pos += opt[pos + 1];
	}
	if (!found)
		return V_NO_OPTION;
	return above ? V_CLAMPED : V_UNTOUCHED;
}

/* One of the TCP cases' inner segments; returns its length. */
static size_t tcp_inner(struct ctx *c, enum kind k, uint8_t *p)
{
	uint8_t opt[TCP_OPT_ROOM];
	size_t i, len;

	if (k == K_SYN_RANDOM) {
		len = random_options(c, opt);
		c->verdicts[judge(opt, len, c->clamp_mss)]++;
		return put_tcp_inner(c, p, TH_SYN, opt, len, 0);
	}
	for (i = 0; tcp_cases[i].kind != k; i++)
		;
	len = put_tcp_inner(c, p, tcp_cases[i].flags, tcp_cases[i].opt,
			    tcp_cases[i].optlen, tcp_cases[i].doff);
	if (k == K_SYN_TRUNC) {
		/* 12 bytes of TCP header, and an IP header that says so. */
		len = IPH_LEN + 12;
		put16(p + 2, (unsigned int)len);
		fix_csum(p);
	}
	return len;
}

static uint8_t *eth(struct ctx *c, struct frame *f)
{
	memcpy(f->b, c->dst_mac, 6);
	memcpy(f->b + 6, c->src_mac, 6);
	put16(f->b + 12, ETH_P_IP);
	return f->b + ETH_LEN;
}

/* A frame carrying outer header (ihl 5) + @inner; returns the outer header. */
static uint8_t *outer(struct ctx *c, struct frame *f, const uint8_t *inner,
		      size_t ilen, unsigned int tos, uint32_t src)
{
	uint8_t *o = eth(c, f);

	put_iph(o, 5, (unsigned int)(IPH_LEN + ilen), tos, c->id, 0,
		PROTO_IPIP, src, c->odst);
	memcpy(o + IPH_LEN, inner, ilen);
	f->len = ETH_LEN + IPH_LEN + ilen;
	return o;
}

/* An outer fragment: bytes [off, off + len) of @inner, MF as asked. */
static void outer_frag(struct ctx *c, struct frame *f, const uint8_t *inner,
		       size_t off, size_t len, bool mf)
{
	uint8_t *o = eth(c, f);

	put_iph(o, 5, (unsigned int)(IPH_LEN + len), 0, c->id,
		(unsigned int)(off / 8) | (mf ? IP_MF : 0), PROTO_IPIP,
		c->osrc, c->odst);
	memcpy(o + IPH_LEN, inner + off, len);
	f->len = ETH_LEN + IPH_LEN + len;
}

/* Fills @f with the frames of one packet of @k; returns how many. */
static int build(struct ctx *c, enum kind k, struct frame *f)
{
	uint8_t in[MAX_FRAME], mid[MAX_FRAME], *o;
	unsigned int i;
	size_t ilen;

	c->id++;
	memset(f, 0, sizeof(*f) * MAX_FRAMES);
	ilen = put_inner(c, in, c->isrc, c->idst);

	switch (k) {
	case K_SYN_MSS:
	case K_SYN_MSS_ODD:
	case K_SYN_MSS_TWO:
	case K_SYN_MSS_LAST:
	case K_SYN_MSS_LOW:
	case K_SYNACK_MSS:
	case K_ACK_MSS:
	case K_SYN_NO_MSS:
	case K_SYN_MSS_AFTER_EOL:
	case K_SYN_MSS_LEN3:
	case K_SYN_OPT_LEN0:
	case K_SYN_OPT_OVERRUN:
	case K_SYN_OPT_HALF:
	case K_SYN_DOFF_SHORT:
	case K_SYN_DOFF_LONG:
	case K_SYN_TRUNC:
	case K_SYN_RANDOM:
		ilen = tcp_inner(c, k, in);
		outer(c, f, in, ilen, 0, c->osrc);
		return 1;
	case K_INNER_UDP_CSUM:
	case K_GUE_REMCSUM:
		put16(in + IPH_LEN + 6,
		      bad_csum(udp_csum(in, in + IPH_LEN, ilen - IPH_LEN,
					ilen - IPH_LEN)));
		outer(c, f, in, ilen, 0, c->osrc);
		return 1;
	case K_GOOD:
	/* The UDP and GUE cases are good IPIP packets that wrap() spoils. */
	case K_UDP_LEN_LONG:
	case K_UDP_LEN_SHORT:
	case K_UDP_LEN_BELOW_HDR:
	case K_UDP_CSUM:
	case K_UDP_TRUNC:
	case K_UDP_EMPTY:
	case K_GUE_V1:
	case K_GUE_V1_IP5:
	case K_GUE_V2:
	case K_GUE_V3:
	case K_GUE_TRUNC:
	case K_GUE_HLEN_LONG:
	case K_GUE_HLEN_INNER:
	case K_GUE_OPT_UNFLAGGED:
	case K_GUE_FLAGS_UNKNOWN:
	case K_GUE_PRIV:
	case K_GUE_PRIV_SHORT:
	case K_GUE_PFLAGS_UNKNOWN:
	case K_GUE_REMCSUM_BAD:
	case K_GUE_REMCSUM_PAST:
	case K_GUE_REMCSUM_SHORT:
	case K_GUE_CONTROL:
	case K_GUE_PROTO0:
	case K_GUE_PROTO_UDP:
	case K_GUE_PROTO_UNKNOWN:
	case K_GUE_IN_GUE:
		outer(c, f, in, ilen, 0, c->osrc);
		return 1;
	case K_OUTER_EMPTY:
		eth(c, f);
		f->len = ETH_LEN;
		return 1;
	case K_OUTER_TRUNC:
		outer(c, f, in, ilen, 0, c->osrc);
		f->len = ETH_LEN + 12;
		return 1;
	case K_OUTER_TOTLEN_LONG:
		o = outer(c, f, in, ilen, 0, c->osrc);
		put16(o + 2, IPH_LEN + (unsigned int)ilen + 100);
		fix_csum(o);
		return 1;
	case K_OUTER_TOTLEN_SHORT:
		o = outer(c, f, in, ilen, 0, c->osrc);
		put16(o + 2, 16);
		fix_csum(o);
		return 1;
	case K_OUTER_OPTS:
	case K_OUTER_OPTS_BAD:
		o = eth(c, f);
		put_iph(o, 6, (unsigned int)(24 + ilen), 0, c->id, 0,
			PROTO_IPIP, c->osrc, c->odst);
		if (k == K_OUTER_OPTS_BAD) {
			o[20] = 0x44;	/* timestamp, needs at least 4 bytes */
			o[21] = 2;
			o[22] = 5;
			o[23] = 0;
			fix_csum(o);
		}
		memcpy(o + 24, in, ilen);
		f->len = ETH_LEN + 24 + ilen;
		return 1;
	case K_INNER_EMPTY:
		outer(c, f, in, 0, 0, c->osrc);
		return 1;
	case K_INNER_TRUNC:
		outer(c, f, in, 12, 0, c->osrc);
		return 1;
	case K_INNER_IHL0:
	case K_INNER_IHL4:
	case K_INNER_IHL_LONG:
	case K_INNER_V6:
	case K_INNER_V15:
		if (k == K_INNER_IHL_LONG) {
			ilen = 40;
			put16(in + 2, 40);
		}
		in[0] = k == K_INNER_IHL0 ? 0x40 : k == K_INNER_IHL4 ? 0x44 :
			k == K_INNER_IHL_LONG ? 0x4f : k == K_INNER_V6 ? 0x60 : 0xf5;
		if (k == K_INNER_V6) {
			/* A real IPv6 header: payload length, next header UDP. */
			memset(in, 0, 40);
			in[0] = 0x60;
			put16(in + 4, (unsigned int)ilen - 40);
			in[6] = PROTO_UDP;
			in[7] = 64;
		} else {
			put16(in + 10, 0);
			put16(in + 10, ntohs(inet_csum(in, IPH_LEN, 0)));
		}
		outer(c, f, in, ilen, 0, c->osrc);
		return 1;
	case K_INNER_LEN_SHORT:
	case K_INNER_LEN_LONG:
	case K_INNER_LEN_ZERO:
	case K_INNER_LEN_BELOW_IHL:
		put16(in + 2, k == K_INNER_LEN_SHORT ? INNER_LEN - 4 :
			      k == K_INNER_LEN_LONG ? INNER_LEN + 100 :
			      k == K_INNER_LEN_ZERO ? 0 : 12);
		fix_csum(in);
		outer(c, f, in, ilen, 0, c->osrc);
		return 1;
	case K_INNER_CSUM:
		in[10] ^= 0x5a;
		outer(c, f, in, ilen, 0, c->osrc);
		return 1;
	case K_INNER_OPTS:
		put_iph(mid, 6, INNER_LEN + 4, 0, c->id, 0, PROTO_UDP, c->isrc,
			c->idst);
		memcpy(mid + 24, in + IPH_LEN, ilen - IPH_LEN);
		outer(c, f, mid, ilen + 4, 0, c->osrc);
		return 1;
	case K_FRAG_FIRST:
		outer_frag(c, f, in, 0, 24, true);
		return 1;
	case K_FRAG_LATER:
		outer_frag(c, f, in, 24, ilen - 24, false);
		return 1;
	case K_FRAG_PAIR:
		outer_frag(c, f, in, 0, 24, true);
		outer_frag(c, f + 1, in, 24, ilen - 24, false);
		return 2;
	case K_FRAG_PAIR_REV:
		outer_frag(c, f, in, 24, ilen - 24, false);
		outer_frag(c, f + 1, in, 0, 24, true);
		return 2;
	case K_FRAG_SPLIT_INNER:
		outer_frag(c, f, in, 0, 8, true);
		outer_frag(c, f + 1, in, 8, ilen - 8, false);
		return 2;
	case K_FRAG_OVERLAP:
		outer_frag(c, f, in, 0, 24, true);
		outer_frag(c, f + 1, in, 16, ilen - 16, false);
		return 2;
	case K_INNER_FRAG_PAIR:
		/* Inner fragments: 8 bytes of UDP header, then the payload. */
		memcpy(mid, in, IPH_LEN + 8);
		put16(mid + 2, IPH_LEN + 8);
		put16(mid + 6, IP_MF);
		fix_csum(mid);
		outer(c, f, mid, IPH_LEN + 8, 0, c->osrc);
		memcpy(mid, in, IPH_LEN);
		memcpy(mid + IPH_LEN, in + IPH_LEN + 8, PAYLOAD);
		put16(mid + 2, IPH_LEN + PAYLOAD);
		put16(mid + 6, 1);
		fix_csum(mid);
		c->id++;
		outer(c, f + 1, mid, IPH_LEN + PAYLOAD, 0, c->osrc);
		return 2;
	case K_IPIP_IN_IPIP:
		put_iph(mid, 5, (unsigned int)(IPH_LEN + ilen), 0, c->id, 0,
			PROTO_IPIP, c->msrc, c->mdst);
		memcpy(mid + IPH_LEN, in, ilen);
		outer(c, f, mid, IPH_LEN + ilen, 0, c->osrc);
		return 1;
	case K_ECN_CE:
		outer(c, f, in, ilen, 3, c->osrc);
		return 1;
	case K_UNKNOWN_SRC:
		outer(c, f, in, ilen, 0, htonl(ntohl(c->osrc) + 100));
		return 1;
	case K_IPIP_DEEP:
		/* Built from the innermost header outwards. */
		o = f->b + ETH_LEN + (size_t)c->depth * IPH_LEN;
		memcpy(o, in, ilen);
		for (i = 0; i < c->depth; i++) {
			o -= IPH_LEN;
			ilen += IPH_LEN;
			put_iph(o, 5, (unsigned int)ilen, 0, c->id, 0,
				PROTO_IPIP, c->osrc, c->odst);
		}
		eth(c, f);
		f->len = ETH_LEN + ilen;
		return 1;
	case K_ICMP_UNREACH:
		/* Quoting the first 8 bytes past the IPIP header, as routers do. */
		o = eth(c, f);
		mid[0] = 3;	/* destination unreachable */
		mid[1] = 1;	/* host unreachable */
		memset(mid + 2, 0, ICMP_LEN - 2);
		put_iph(mid + ICMP_LEN, 5, (unsigned int)(IPH_LEN + ilen), 0,
			c->id, 0, PROTO_IPIP, c->odst, c->idst);
		memcpy(mid + ICMP_LEN + IPH_LEN, in, 8);
		ilen = ICMP_LEN + IPH_LEN + 8;
		put16(mid + 2, ntohs(inet_csum(mid, ilen, 0)));
		put_iph(o, 5, (unsigned int)(IPH_LEN + ilen), 0, c->id, 0,
			PROTO_ICMP, c->osrc, c->odst);
		memcpy(o + IPH_LEN, mid, ilen);
		f->len = ETH_LEN + IPH_LEN + ilen;
		return 1;
	}
	return 0;
}

/* The GUE header of case @k (-U gue:): its fields and option words. */
struct gue_fields {
	unsigned int ver, ctl, hlen, proto, flags, len, nopt;
	uint32_t opt[2];
};

static void gue_fields(enum kind k, struct gue_fields *g)
{
	memset(g, 0, sizeof(*g));
	g->proto = PROTO_IPIP;
	g->len = GUE_LEN;
	switch (k) {
	case K_GUE_V1:
	case K_GUE_V1_IP5:
		g->len = 0;	/* version 1: no GUE header at all */
		break;
	case K_GUE_V2:
		g->ver = 2;
		break;
	case K_GUE_V3:
		g->ver = 3;
		break;
	case K_GUE_TRUNC:
		g->len = 2;
		break;
	case K_GUE_HLEN_LONG:
		g->hlen = 31;
		break;
	case K_GUE_HLEN_INNER:
		g->hlen = 5;
		break;
	case K_GUE_OPT_UNFLAGGED:
		g->hlen = 1;
		g->opt[g->nopt++] = 0xdeadbeef;
		break;
	case K_GUE_FLAGS_UNKNOWN:
		g->flags = 0x8000;
		break;
	case K_GUE_PRIV:
	case K_GUE_PFLAGS_UNKNOWN:
	case K_GUE_REMCSUM_SHORT:
		g->flags = GUE_F_PRIV;
		g->hlen = 1;
		g->opt[g->nopt++] = k == K_GUE_PRIV ? 0 :
				    k == K_GUE_PFLAGS_UNKNOWN ? 1 : GUE_PF_REMCSUM;
		break;
	case K_GUE_PRIV_SHORT:
		g->flags = GUE_F_PRIV;
		break;
	case K_GUE_REMCSUM:
	case K_GUE_REMCSUM_BAD:
	case K_GUE_REMCSUM_PAST:
		g->flags = GUE_F_PRIV;
		g->hlen = 2;
		g->opt[g->nopt++] = GUE_PF_REMCSUM;
		/*
		 * Start and offset from the end of the GUE header: the inner
		 * UDP checksum (20 + 6), or backwards, or far past the end.
		 */
		g->opt[g->nopt++] = k == K_GUE_REMCSUM ? 20u << 16 | 26 :
				    k == K_GUE_REMCSUM_BAD ? 26u << 16 | 20 :
				    2000;
		break;
	case K_GUE_CONTROL:
		g->ctl = 1;
		break;
	case K_GUE_PROTO0:
		g->proto = 0;
		break;
	case K_GUE_PROTO_UDP:
	case K_GUE_IN_GUE:
		g->proto = PROTO_UDP;
		break;
	case K_GUE_PROTO_UNKNOWN:
		g->proto = PROTO_UNKNOWN;
		break;
	default:
		break;
	}
}

/* Writes the GUE header @g at @p; returns its length. */
static size_t put_gue(uint8_t *p, const struct gue_fields *g)
{
	unsigned int i;

	if (!g->len)
		return 0;
	p[0] = (uint8_t)(g->ver << 6 | g->ctl << 5 | g->hlen);
	p[1] = (uint8_t)g->proto;
	if (g->len < GUE_LEN)
		return g->len;
	put16(p + 2, g->flags);
	for (i = 0; i < g->nopt; i++)
		put32(p + GUE_LEN + 4 * i, g->opt[i]);
	return GUE_LEN + 4 * g->nopt;
}

/*
 * -U: puts the UDP (and GUE) header of case @k between the outer header
 * of @f and what it carries. False when @f is no whole IPIP packet.
 */
static bool wrap(struct ctx *c, enum kind k, struct frame *f)
{
	uint8_t *o = f->b + ETH_LEN, *u, *m;
	struct gue_fields g = { .len = 0 }, mg;
	size_t ihl, plen, room, ulen, mid = 0, covered;
	unsigned int v;

	if (f->len < ETH_LEN + IPH_LEN || o[9] != PROTO_IPIP)
		return false;
	ihl = (o[0] & 0xfu) * 4;
	if (ihl < IPH_LEN || f->len < ETH_LEN + ihl ||
	    ((size_t)o[2] << 8 | o[3]) != f->len - ETH_LEN || (o[6] & 0x3f) ||
	    o[7])
		return false;
	u = o + ihl;
	plen = f->len - ETH_LEN - ihl;
	if (c->encap == E_GUE)
		gue_fields(k, &g);

	/* What the UDP packet carries, before the headers go in front. */
	switch (k) {
	case K_UDP_TRUNC:
	case K_UDP_EMPTY:
	case K_GUE_TRUNC:
		plen = 0;
		break;
	case K_GUE_V1_IP5:
		u[0] = (uint8_t)(0x50 | (u[0] & 0xf));
		break;
	case K_GUE_PROTO_UDP:
		memmove(u, u + IPH_LEN, plen - IPH_LEN);
		plen -= IPH_LEN;
		break;
	case K_GUE_IN_GUE:
		mid = UDP_LEN + GUE_LEN;
		break;
	default:
		break;
	}
	room = (k == K_UDP_TRUNC ? 4 : UDP_LEN) + g.len + 4 * g.nopt + mid;
	if (f->len + room > MAX_FRAME)
		return false;
	memmove(u + room, u, plen);
	memset(u, 0, room);
	put16(u, ENCAP_SPORT);
	put16(u + 2, c->encap_port);
	ulen = room + plen;
	f->len = ETH_LEN + ihl + ulen;
	put16(o + 2, (unsigned int)(ihl + ulen));
	o[9] = PROTO_UDP;
	fix_csum(o);
	if (k == K_UDP_TRUNC)
		return true;
	m = u + UDP_LEN + put_gue(u + UDP_LEN, &g);
	if (mid) {
		/* UDP to the same port, GUE again, then the IPIP packet. */
		gue_fields(K_GOOD, &mg);
		put16(m, ENCAP_SPORT);
		put16(m + 2, c->encap_port);
		put16(m + 4, (unsigned int)(mid + plen));
		put_gue(m + UDP_LEN, &mg);
		if (!c->zero_csum)
			put16(m + 6, udp_csum(o, m, mid + plen, mid + plen));
	}
	covered = ulen;
	if (k == K_UDP_LEN_LONG)
		ulen += 100;
	else if (k == K_UDP_LEN_SHORT)
		covered = ulen -= 4;
	else if (k == K_UDP_LEN_BELOW_HDR)
		ulen = 4;
	put16(u + 4, (unsigned int)ulen);
	if (c->zero_csum && k != K_UDP_CSUM)
		return true;
	v = udp_csum(o, u, covered, ulen);
	put16(u + 6, k == K_UDP_CSUM ? bad_csum(v) : v);
	return true;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: %s -i IFACE -m DST_MAC -s OUTER_SRC -d OUTER_DST -S INNER_SRC -D INNER_DST\n"
		"          -k CASE[,CASE...] [-c COUNT] [-N | -B] [-M MIDDLE_SRC,MIDDLE_DST]\n"
		"          [-I FIRST_ID] [-n DEPTH] [-R SEED] [-T CLAMP_MSS]\n"
		"          [-U fou:PORT | -U gue:PORT] [-Z]\n"
		"       %s -L\n",
		prog, prog);
	exit(2);
}

static void addr(const char *what, const char *s, uint32_t *out)
{
	struct in_addr a;

	if (inet_pton(AF_INET, s, &a) != 1) {
		fprintf(stderr, "%s: invalid %s `%s'\n", prog, what, s);
		exit(2);
	}
	*out = a.s_addr;
}

static void mac(const char *s, uint8_t *out)
{
	unsigned int m[6];
	int i;

	if (sscanf(s, "%x:%x:%x:%x:%x:%x", &m[0], &m[1], &m[2], &m[3], &m[4],
		   &m[5]) != 6) {
		fprintf(stderr, "%s: invalid MAC address `%s'\n", prog, s);
		exit(2);
	}
	for (i = 0; i < 6; i++)
		out[i] = (uint8_t)m[i];
}

/* Sends COUNT packets of case @k, each frame whole or non-linear. */
static int send_case(struct ctx *c, int fd, const struct sockaddr_ll *sll,
		     enum kind k, const char *name, long count, bool nonlinear)
{
	static struct frame frames[MAX_FRAMES];
	long n;
	int i, nf;

	for (n = 0; n < count; n++) {
		nf = build(c, k, frames);
		for (i = 0; c->encap != E_NONE && i < nf; i++)
			if (!wrap(c, k, &frames[i])) {
				fprintf(stderr, "%s: %s: no whole IPIP packet to put in UDP\n",
					prog, name);
				return -1;
			}
		for (i = 0; i < nf; i++) {
			uint8_t buf[sizeof(struct virtio_net_hdr) + MAX_FRAME];
			struct virtio_net_hdr vh = {
				.gso_type = VIRTIO_NET_HDR_GSO_NONE,
				/* Only this much in the linear area. */
				.hdr_len = ETH_LEN,
			};
			size_t off = 0, len;

			if (nonlinear) {
				memcpy(buf, &vh, sizeof(vh));
				off = sizeof(vh);
			}
			memcpy(buf + off, frames[i].b, frames[i].len);
			len = off + frames[i].len;
			if (sendto(fd, buf, len, 0, (const struct sockaddr *)sll,
				   sizeof(*sll)) != (ssize_t)len) {
				fprintf(stderr, "%s: %s: sendto: %s\n", prog, name,
					strerror(errno));
				return -1;
			}
		}
	}
	return 0;
}

/* An AF_PACKET socket on @ifname; @vnet for non-linear frames. */
static int packet_socket(struct ctx *c, const char *ifname, bool vnet,
			 struct sockaddr_ll *sll)
{
	struct ifreq ifr;
	int fd, one = 1;

	fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		perror("hard-inject: socket");
		exit(1);
	}
	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.ifr_name, ifname, IFNAMSIZ - 1);
	if (ioctl(fd, SIOCGIFHWADDR, &ifr)) {
		fprintf(stderr, "%s: %s: %s\n", prog, ifname, strerror(errno));
		exit(1);
	}
	memcpy(c->src_mac, ifr.ifr_hwaddr.sa_data, 6);
	sll->sll_family = AF_PACKET;
	sll->sll_ifindex = (int)if_nametoindex(ifname);
	sll->sll_protocol = htons(ETH_P_IP);
	if (vnet && setsockopt(fd, SOL_PACKET, PACKET_VNET_HDR, &one, sizeof(one))) {
		perror("hard-inject: PACKET_VNET_HDR");
		exit(1);
	}
	return fd;
}

/* The index in cases[] of the case named @name, or exit. */
static size_t case_index(const char *name)
{
	size_t j;

	for (j = 0; j < sizeof(cases) / sizeof(cases[0]); j++)
		if (!strcmp(cases[j].name, name))
			return j;
	fprintf(stderr, "%s: unknown case `%s' (-L lists them)\n", prog, name);
	exit(2);
}

#define MAX_CASES	32

int main(int argc, char **argv)
{
	struct ctx c = { .id = (uint16_t)(getpid() * 7), .depth = 200,
			 .rng = 1, .clamp_mss = 1000 };
	const char *ifname = NULL, *names[MAX_CASES];
	struct sockaddr_ll sll[2] = { 0 };
	enum kind kinds[MAX_CASES];
	bool both = false, nonlinear = false, have[6] = { false };
	bool random_syns = false;
	long count = 1, n;
	size_t ci;
	int opt, fd[2], i, mode, ncases = 0;
	size_t j;
	char *comma, *knames = NULL, *save;

	while ((opt = getopt(argc, argv, "i:m:s:d:S:D:k:c:NBM:I:n:R:T:U:ZLh")) != -1) {
		switch (opt) {
		case 'i': ifname = optarg; have[0] = true; break;
		case 'm': mac(optarg, c.dst_mac); have[1] = true; break;
		case 's': addr("outer source", optarg, &c.osrc); have[2] = true; break;
		case 'd': addr("outer destination", optarg, &c.odst); have[3] = true; break;
		case 'S': addr("inner source", optarg, &c.isrc); have[4] = true; break;
		case 'D': addr("inner destination", optarg, &c.idst); have[5] = true; break;
		case 'k': knames = optarg; break;
		case 'c': count = arg_number(prog, "count", optarg, 1, 1000000); break;
		case 'N': nonlinear = true; break;
		case 'B': both = true; break;
		case 'n': c.depth = (unsigned int)arg_number(prog, "depth", optarg, 1, MAX_DEPTH); break;
		case 'R': c.rng = (uint64_t)arg_number(prog, "seed", optarg, 1, 2147483647); break;
		case 'T': c.clamp_mss = (unsigned int)arg_number(prog, "clamp-mss", optarg, 536, 65495); break;
		case 'I':
			n = arg_number(prog, "IP ID", optarg, 0, 65535);
			/* build() increments before use. */
			c.id = (uint16_t)(n - 1);
			break;
		case 'M':
			comma = strchr(optarg, ',');
			if (!comma)
				usage();
			*comma = 0;
			addr("middle source", optarg, &c.msrc);
			addr("middle destination", comma + 1, &c.mdst);
			break;
		case 'U':
			if (!strncmp(optarg, "fou:", 4))
				c.encap = E_FOU;
			else if (!strncmp(optarg, "gue:", 4))
				c.encap = E_GUE;
			else
				usage();
			c.encap_port = (unsigned int)arg_number(prog, "UDP port", optarg + 4, 1, 65535);
			break;
		case 'Z': c.zero_csum = true; break;
		case 'L':
			for (j = 0; j < sizeof(cases) / sizeof(cases[0]); j++)
				printf("%-20s %s\n", cases[j].name, cases[j].what);
			return 0;
		default:
			usage();
		}
	}
	for (i = 0; i < 6; i++)
		if (!have[i])
			usage();
	if (!knames || optind != argc || (both && nonlinear) ||
	    (c.zero_csum && c.encap == E_NONE))
		usage();
	for (knames = strtok_r(knames, ",", &save); knames;
	     knames = strtok_r(NULL, ",", &save)) {
		if (ncases == MAX_CASES)
			usage();
		names[ncases] = knames;
		ci = case_index(knames);
		kinds[ncases] = cases[ci].kind;
		if ((kinds[ncases] >= K_UDP_LEN_LONG && c.encap == E_NONE) ||
		    (kinds[ncases] >= K_GUE_V1 && c.encap != E_GUE)) {
			fprintf(stderr, "%s: %s needs -U %s\n", prog, knames,
				kinds[ncases] >= K_GUE_V1 ? "gue:PORT" : "fou:PORT or gue:PORT");
			exit(2);
		}
		if (kinds[ncases] == K_IPIP_IN_IPIP && !c.msrc)
			usage();
		random_syns |= kinds[ncases] == K_SYN_RANDOM;
		ncases++;
	}
	if (!ncases)
		usage();

	/* Every case whole first, then (-B) every case non-linear. */
	for (mode = 0; mode < 2; mode++) {
		bool vnet = mode ? true : nonlinear;

		if (mode && !both)
			break;
		fd[mode] = packet_socket(&c, ifname, vnet, &sll[mode]);
		for (i = 0; i < ncases; i++)
			if (send_case(&c, fd[mode], &sll[mode], kinds[i], names[i],
				      count, vnet))
				return 1;
		close(fd[mode]);
	}
	if (random_syns)
		printf("mss clamped=%lu no_option=%lu malformed=%lu untouched=%lu\n",
		       c.verdicts[V_CLAMPED], c.verdicts[V_NO_OPTION],
		       c.verdicts[V_MALFORMED], c.verdicts[V_UNTOUCHED]);
	return 0;
}
