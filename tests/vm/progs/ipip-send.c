// SPDX-License-Identifier: GPL-2.0
/*
 * ipip-send: send crafted IPv4-in-IPv4 packets through a raw socket, so a
 * test chooses every outer and inner header field the receiver looks at,
 * spoofed outer sources and deliberately broken inner headers included.
 *
 *   ipip-send -d OUTER_DST -S INNER_SRC -D INNER_DST [options]
 *   ipip-send -N -S INNER_SRC -D INNER_DST [options]   inner packet only
 *
 * The kernel fills in the outer total length and checksum (IP_HDRINCL);
 * everything else is as given. Exit 0 when every packet was sent.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "arg-number.h"
#include "inet-csum.h"

#define IPH_LEN		20
#define ICMP_LEN	8
#define UDP_LEN		8
#define MAX_PAYLOAD	60000

enum malform {
	MAL_NONE,
	MAL_TRUNCATED,	/* only 12 bytes of inner header */
	MAL_IHL_SHORT,	/* ihl 4 */
	MAL_IHL_LONG,	/* ihl 15, packet shorter than 60 bytes */
	MAL_LEN_LONG,	/* tot_len 100 more than the packet */
	MAL_LEN_SHORT,	/* tot_len 4 less than the packet */
	MAL_V6,		/* version 6 */
};

static const struct {
	const char *name;
	enum malform kind;
} malforms[] = {
	{ "truncated", MAL_TRUNCATED },
	{ "ihl-short", MAL_IHL_SHORT },
	{ "ihl-long", MAL_IHL_LONG },
	{ "len-long", MAL_LEN_LONG },
	{ "len-short", MAL_LEN_SHORT },
	{ "v6", MAL_V6 },
};

struct opts {
	struct in_addr osrc, odst, isrc, idst;
	unsigned int otos, ottl, itos, ittl;
	bool odf, idf, no_outer, udp;
	unsigned int len, count;
	enum malform mal;
	uint16_t sport, dport;	/* UDP */
	const uint8_t *payload;	/* -x, else a letter pattern */
	unsigned int payload_len;
};

static void usage(const char *prog)
{
	fprintf(stderr,
		"usage: %s -d OUTER_DST -S INNER_SRC -D INNER_DST [options]\n"
		"       %s -N -S INNER_SRC -D INNER_DST [options]\n"
		"  -s ADDR   outer source (default: the kernel's choice)\n"
		"  -d ADDR   outer destination\n"
		"  -T TOS    outer TOS byte, ECN bits included (default 0)\n"
		"  -L TTL    outer TTL (default 64)\n"
		"  -F        set DF on the outer header\n"
		"  -N        no outer header: send the inner packet as it is\n"
		"  -S ADDR   inner source\n"
		"  -D ADDR   inner destination\n"
		"  -t TOS    inner TOS byte (default 0)\n"
		"  -l TTL    inner TTL (default 64)\n"
		"  -f        set DF on the inner header\n"
		"  -u        inner UDP to port 9 instead of an ICMP echo request\n"
		"  -p PORT   inner UDP from and to PORT (implies -u)\n"
		"  -x HEX    inner payload bytes, in hex (sets its length)\n"
		"  -n BYTES  inner payload length (default 32)\n"
		"  -c COUNT  packets to send (default 1)\n"
		"  -m KIND   malformed inner header: truncated, ihl-short, ihl-long,\n"
		"            len-long, len-short, v6\n",
		prog, prog);
	exit(1);
}

static void parse_addr(const char *prog, const char *what, const char *s,
		       struct in_addr *out)
{
	if (inet_pton(AF_INET, s, out) != 1) {
		fprintf(stderr, "%s: invalid %s `%s'\n", prog, what, s);
		exit(1);
	}
}

static void put_iph(uint8_t *h, unsigned int tot_len, unsigned int tos,
		    unsigned int ttl, bool df, unsigned int proto,
		    struct in_addr src, struct in_addr dst, uint16_t id)
{
	uint16_t v;

	memset(h, 0, IPH_LEN);
	h[0] = 0x45;
	h[1] = (uint8_t)tos;
	v = htons((uint16_t)tot_len);
	memcpy(h + 2, &v, 2);
	v = htons(id);
	memcpy(h + 4, &v, 2);
	v = htons(df ? IP_DF : 0);
	memcpy(h + 6, &v, 2);
	h[8] = (uint8_t)ttl;
	h[9] = (uint8_t)proto;
	memcpy(h + 12, &src.s_addr, 4);
	memcpy(h + 16, &dst.s_addr, 4);
}

static void set_iph_csum(uint8_t *h, unsigned int hlen)
{
	uint16_t c;

	h[10] = h[11] = 0;
	c = inet_csum(h, hlen, 0);
	memcpy(h + 10, &c, 2);
}

/* -x: the payload, two hex digits a byte. */
static uint8_t *parse_hex(const char *prog, const char *s, unsigned int *len)
{
	size_t n = strlen(s), i;
	uint8_t *out;

	if (n % 2 || n / 2 > MAX_PAYLOAD) {
		fprintf(stderr, "%s: invalid payload `%s'\n", prog, s);
		exit(1);
	}
	out = malloc(n / 2 + 1);
	if (!out) {
		perror("ipip-send: malloc");
		exit(1);
	}
	for (i = 0; i < n / 2; i++) {
		unsigned int b;

		if (sscanf(s + 2 * i, "%2x", &b) != 1 ||
		    !strchr("0123456789abcdefABCDEF", s[2 * i]) ||
		    !strchr("0123456789abcdefABCDEF", s[2 * i + 1])) {
			fprintf(stderr, "%s: invalid payload `%s'\n", prog, s);
			exit(1);
		}
		out[i] = (uint8_t)b;
	}
	*len = (unsigned int)(n / 2);
	return out;
}

/* Build the inner packet at @buf; return its length on the wire. */
static size_t build_inner(const struct opts *o, uint8_t *buf, uint16_t seq)
{
	size_t l4len = (o->udp ? UDP_LEN : ICMP_LEN) + o->len;
	size_t len = IPH_LEN + l4len;
	uint8_t *l4 = buf + IPH_LEN;
	unsigned int tot_len;
	uint16_t v, c;
	size_t i;

	for (i = 0; i < o->len; i++)
		l4[(o->udp ? UDP_LEN : ICMP_LEN) + i] = i < o->payload_len ? o->payload[i] :
			(uint8_t)('a' + i % 26);
	if (o->udp) {
		uint8_t pseudo[12];
		uint32_t sum = 0;

		v = htons(o->sport);
		memcpy(l4, &v, 2);
		v = htons(o->dport);
		memcpy(l4 + 2, &v, 2);
		v = htons((uint16_t)l4len);
		memcpy(l4 + 4, &v, 2);
		l4[6] = l4[7] = 0;
		memcpy(pseudo, &o->isrc.s_addr, 4);
		memcpy(pseudo + 4, &o->idst.s_addr, 4);
		pseudo[8] = 0;
		pseudo[9] = IPPROTO_UDP;
		memcpy(pseudo + 10, &v, 2);
		for (i = 0; i < sizeof(pseudo); i += 2)
			sum += (uint32_t)pseudo[i] << 8 | pseudo[i + 1];
		c = inet_csum(l4, l4len, sum);
		if (!c)
			c = 0xffff;
		memcpy(l4 + 6, &c, 2);
	} else {
		l4[0] = 8;	/* echo request */
		l4[1] = 0;
		l4[2] = l4[3] = 0;
		v = htons((uint16_t)getpid());
		memcpy(l4 + 4, &v, 2);
		v = htons(seq);
		memcpy(l4 + 6, &v, 2);
		c = inet_csum(l4, l4len, 0);
		memcpy(l4 + 2, &c, 2);
	}

	tot_len = (unsigned int)len;
	if (o->mal == MAL_LEN_LONG)
		tot_len += 100;
	else if (o->mal == MAL_LEN_SHORT)
		tot_len -= 4;
	put_iph(buf, tot_len, o->itos, o->ittl, o->idf,
		o->udp ? IPPROTO_UDP : IPPROTO_ICMP, o->isrc, o->idst, seq);

	switch (o->mal) {
	case MAL_IHL_SHORT:
		buf[0] = 0x44;
		break;
	case MAL_IHL_LONG:
		buf[0] = 0x4f;
		break;
	case MAL_V6:
		buf[0] = 0x65;
		break;
	default:
		break;
	}
	set_iph_csum(buf, IPH_LEN);
	if (o->mal == MAL_TRUNCATED)
		return 12;
	return len;
}

int main(int argc, char **argv)
{
	struct opts o = { .ottl = 64, .ittl = 64, .len = 32, .count = 1,
			  .sport = 40000, .dport = 9 };
	bool have_odst = false, have_isrc = false, have_idst = false;
	const char *prog = argv[0];
	struct sockaddr_in to = { .sin_family = AF_INET };
	uint8_t *pkt;
	unsigned int n;
	size_t i;
	int c, fd;

	while ((c = getopt(argc, argv, "s:d:T:L:FNS:D:t:l:fup:x:n:c:m:h")) != -1) {
		switch (c) {
		case 's': parse_addr(prog, "outer source", optarg, &o.osrc); break;
		case 'd': parse_addr(prog, "outer destination", optarg, &o.odst);
			  have_odst = true; break;
		case 'T': o.otos = (unsigned int)arg_number(prog, "outer tos", optarg, 0, 255); break;
		case 'L': o.ottl = (unsigned int)arg_number(prog, "outer ttl", optarg, 0, 255); break;
		case 'F': o.odf = true; break;
		case 'N': o.no_outer = true; break;
		case 'S': parse_addr(prog, "inner source", optarg, &o.isrc);
			  have_isrc = true; break;
		case 'D': parse_addr(prog, "inner destination", optarg, &o.idst);
			  have_idst = true; break;
		case 't': o.itos = (unsigned int)arg_number(prog, "inner tos", optarg, 0, 255); break;
		case 'l': o.ittl = (unsigned int)arg_number(prog, "inner ttl", optarg, 0, 255); break;
		case 'f': o.idf = true; break;
		case 'u': o.udp = true; break;
		case 'p': o.sport = o.dport = (uint16_t)arg_number(prog, "port", optarg, 0, 65535);
			  o.udp = true; break;
		case 'x': o.payload = parse_hex(prog, optarg, &o.payload_len);
			  o.len = o.payload_len; break;
		case 'n': o.len = (unsigned int)arg_number(prog, "length", optarg, 0, MAX_PAYLOAD); break;
		case 'c': o.count = (unsigned int)arg_number(prog, "count", optarg, 0, 1000000); break;
		case 'm':
			for (i = 0; i < sizeof(malforms) / sizeof(malforms[0]); i++)
				if (!strcmp(optarg, malforms[i].name))
					o.mal = malforms[i].kind;
			if (o.mal == MAL_NONE) {
				fprintf(stderr, "%s: unknown malformation `%s'\n",
					prog, optarg);
				usage(prog);
			}
			break;
		default:
			usage(prog);
		}
	}
	if (optind != argc || !have_isrc || !have_idst ||
	    (!o.no_outer && !have_odst))
		usage(prog);
	/* ihl 15 claims 60 bytes of header: keep the packet shorter. */
	if (o.mal == MAL_IHL_LONG && o.len > 16)
		o.len = 16;

	pkt = malloc(IPH_LEN * 2 + UDP_LEN + MAX_PAYLOAD);
	if (!pkt) {
		perror("ipip-send: malloc");
		return 1;
	}
	fd = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
	if (fd < 0) {
		perror("ipip-send: socket");
		return 1;
	}
	to.sin_addr = o.no_outer ? o.idst : o.odst;

	for (n = 0; n < o.count; n++) {
		uint8_t *inner = o.no_outer ? pkt : pkt + IPH_LEN;
		size_t len = build_inner(&o, inner, (uint16_t)(n + 1));

		if (!o.no_outer) {
			put_iph(pkt, IPH_LEN + len, o.otos, o.ottl, o.odf,
				IPPROTO_IPIP, o.osrc, o.odst, 0);
			len += IPH_LEN;
		}
		if (sendto(fd, pkt, len, 0, (struct sockaddr *)&to,
			   sizeof(to)) != (ssize_t)len) {
			perror("ipip-send: sendto");
			return 1;
		}
	}
	free(pkt);
	close(fd);
	return 0;
}
