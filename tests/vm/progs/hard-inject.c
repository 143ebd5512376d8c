// SPDX-License-Identifier: GPL-2.0
/*
 * hard-inject: put hand-made IPv4-in-IPv4 frames on an Ethernet link through
 * an AF_PACKET socket, one case of a corpus of good, broken and unusual
 * packets at a time, so that the receiving end of the link sees exactly
 * those bytes: truncated and optioned outer headers, every way an inner
 * header can lie about itself, outer fragments, IPIP inside IPIP (hundreds
 * of levels deep), ECN, and an ICMP error about an IPIP packet.
 *
 *   hard-inject -i IFACE -m DST_MAC -s OUTER_SRC -d OUTER_DST
 *               -S INNER_SRC -D INNER_DST -k CASE [-c COUNT] [-N]
 *               [-M MIDDLE_SRC,MIDDLE_DST] [-I FIRST_ID] [-n DEPTH]
 *   hard-inject -L          list the cases
 *
 * The inner packet is UDP to port 9 with 32 bytes of payload. -N sends
 * every frame non-linear: only its Ethernet header in the socket buffer's
 * linear area and the rest in page fragments (PACKET_VNET_HDR), so that a
 * receiver reading a header it has not pulled reads the wrong bytes.
 * IP IDs count up from FIRST_ID (default: from the pid), at most two a
 * packet: lone fragments of two runs must not share a reassembly queue.
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
#define PROTO_UDP	17

enum kind {
	K_GOOD, K_OUTER_EMPTY, K_OUTER_TRUNC, K_OUTER_TOTLEN_LONG,
	K_OUTER_TOTLEN_SHORT, K_OUTER_OPTS, K_OUTER_OPTS_BAD, K_INNER_EMPTY,
	K_INNER_TRUNC, K_INNER_IHL0, K_INNER_IHL4, K_INNER_IHL_LONG,
	K_INNER_LEN_SHORT, K_INNER_LEN_LONG, K_INNER_LEN_ZERO,
	K_INNER_LEN_BELOW_IHL, K_INNER_V6, K_INNER_V15, K_INNER_CSUM,
	K_INNER_OPTS, K_FRAG_FIRST, K_FRAG_LATER, K_FRAG_PAIR, K_FRAG_PAIR_REV,
	K_FRAG_SPLIT_INNER, K_FRAG_OVERLAP, K_INNER_FRAG_PAIR, K_IPIP_IN_IPIP,
	K_ECN_CE, K_UNKNOWN_SRC, K_IPIP_DEEP, K_ICMP_UNREACH,
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
};

static const char *prog = "hard-inject";

static void put16(uint8_t *p, unsigned int v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
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
	case K_GOOD:
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

static void usage(void)
{
	fprintf(stderr,
		"usage: %s -i IFACE -m DST_MAC -s OUTER_SRC -d OUTER_DST -S INNER_SRC -D INNER_DST\n"
		"          -k CASE [-c COUNT] [-N] [-M MIDDLE_SRC,MIDDLE_DST] [-I FIRST_ID]\n"
		"          [-n DEPTH]\n"
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

int main(int argc, char **argv)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET };
	struct frame frames[MAX_FRAMES];
	struct ctx c = { .id = (uint16_t)(getpid() * 7), .depth = 200 };
	const char *ifname = NULL, *kname = NULL;
	long count = 1, n;
	bool nonlinear = false, have[6] = { false };
	enum kind k = K_GOOD;
	struct ifreq ifr;
	int opt, fd, nf, i;
	size_t j;
	char *comma;

	while ((opt = getopt(argc, argv, "i:m:s:d:S:D:k:c:NM:I:n:Lh")) != -1) {
		switch (opt) {
		case 'i': ifname = optarg; have[0] = true; break;
		case 'm': mac(optarg, c.dst_mac); have[1] = true; break;
		case 's': addr("outer source", optarg, &c.osrc); have[2] = true; break;
		case 'd': addr("outer destination", optarg, &c.odst); have[3] = true; break;
		case 'S': addr("inner source", optarg, &c.isrc); have[4] = true; break;
		case 'D': addr("inner destination", optarg, &c.idst); have[5] = true; break;
		case 'k': kname = optarg; break;
		case 'c': count = arg_number(prog, "count", optarg, 1, 1000000); break;
		case 'N': nonlinear = true; break;
		case 'n': c.depth = (unsigned int)arg_number(prog, "depth", optarg, 1, MAX_DEPTH); break;
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
	if (!kname || optind != argc)
		usage();
	for (j = 0; j < sizeof(cases) / sizeof(cases[0]); j++)
		if (!strcmp(cases[j].name, kname))
			break;
	if (j == sizeof(cases) / sizeof(cases[0])) {
		fprintf(stderr, "%s: unknown case `%s' (-L lists them)\n", prog, kname);
		return 2;
	}
	k = cases[j].kind;
	if (k == K_IPIP_IN_IPIP && !c.msrc)
		usage();

	fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		perror("hard-inject: socket");
		return 1;
	}
	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.ifr_name, ifname, IFNAMSIZ - 1);
	if (ioctl(fd, SIOCGIFHWADDR, &ifr)) {
		fprintf(stderr, "%s: %s: %s\n", prog, ifname, strerror(errno));
		return 1;
	}
	memcpy(c.src_mac, ifr.ifr_hwaddr.sa_data, 6);
	sll.sll_ifindex = (int)if_nametoindex(ifname);
	sll.sll_protocol = htons(ETH_P_IP);
	if (nonlinear) {
		int one = 1;

		if (setsockopt(fd, SOL_PACKET, PACKET_VNET_HDR, &one, sizeof(one))) {
			perror("hard-inject: PACKET_VNET_HDR");
			return 1;
		}
	}

	for (n = 0; n < count; n++) {
		nf = build(&c, k, frames);
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
			if (sendto(fd, buf, len, 0, (struct sockaddr *)&sll,
				   sizeof(sll)) != (ssize_t)len) {
				fprintf(stderr, "%s: %s: sendto: %s\n", prog, kname,
					strerror(errno));
				return 1;
			}
		}
	}
	close(fd);
	return 0;
}
