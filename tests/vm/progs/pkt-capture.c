// SPDX-License-Identifier: GPL-2.0
/*
 * pkt-capture: print the IPv4 packets seen on one interface, one line each,
 * so a test can assert outer TTL, TOS, DF and fragmentation, and the inner
 * header of IPIP packets, without tcpdump.
 *
 *   pkt-capture -i IFACE [-c COUNT] [-t SECONDS] [-d in|out|any]
 *               [-p PROTO] [-r READY_FILE]
 *
 * A line reads
 *   dir=in len=1500 src=A dst=B proto=4 ttl=64 tos=0x00 df=1 mf=0 off=0
 *   tot=1500 isrc=C idst=D iproto=1 ittl=64 itos=0x00 idf=1 ilen=1480
 * where len is the length of the packet as captured (after GRO, say) and
 * the i* fields, present for the first fragment of an IPIP packet, describe
 * the inner header. A UDP packet's line adds its header (sport= dport=
 * ulen= ucsum=), then, when the payload is a GUE header (RFC draft: two
 * version bits 0), gue= ghlen= gproto= gflags=, and the i* fields of an
 * IPv4 packet carried directly (FOU, GUE version 1) or after the GUE
 * header: FOU and GUE captures compare as IPIP ones do. Stops after COUNT packets (default: no limit) or SECONDS
 * (default 5), whichever comes first; -r creates READY_FILE once the socket
 * is bound, so a test can start its traffic without a race.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "arg-number.h"

#define BUF_SIZE	(256 * 1024)

enum dir { DIR_ANY, DIR_IN, DIR_OUT };

static void usage(const char *prog)
{
	fprintf(stderr,
		"usage: %s -i IFACE [-c COUNT] [-t SECONDS] [-d in|out|any] [-p PROTO] [-r READY_FILE]\n",
		prog);
	exit(1);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static unsigned int be16(const uint8_t *p)
{
	return (unsigned int)p[0] << 8 | p[1];
}

static const char *addr(const uint8_t *p, char *buf)
{
	return inet_ntop(AF_INET, p, buf, INET_ADDRSTRLEN);
}

static void print_inner(const uint8_t *h, size_t caplen)
{
	char s[INET_ADDRSTRLEN], d[INET_ADDRSTRLEN];
	unsigned int fo;

	if (caplen < 20) {
		printf(" inner=short");
		return;
	}
	fo = be16(h + 6);
	printf(" iver=%u isrc=%s idst=%s iproto=%u ittl=%u itos=0x%02x idf=%u imf=%u ilen=%u",
	       h[0] >> 4, addr(h + 12, s), addr(h + 16, d), h[9], h[8], h[1],
	       (fo >> 14) & 1, (fo >> 13) & 1, be16(h + 2));
}

/*
 * After a UDP header: a GUE header (version 0: 4 bytes, hlen words of
 * options, then the protocol in proto_ctype), or an IPv4 header straight
 * away (FOU, and GUE version 1 whose version bits are an IPv4 header's).
 */
static void print_udp(const uint8_t *u, size_t caplen)
{
	const uint8_t *p = u + 8;
	size_t left;

	if (caplen < 8) {
		printf(" udp=short");
		return;
	}
	printf(" sport=%u dport=%u ulen=%u ucsum=0x%04x", be16(u), be16(u + 2),
	       be16(u + 4), be16(u + 6));
	left = caplen - 8;
	if (left && (p[0] >> 6) == 0) {
		unsigned int ghlen;

		if (left < 4) {
			printf(" gue=short");
			return;
		}
		ghlen = 4 + (p[0] & 0x1f) * 4u;
		printf(" gue=0 ghlen=%u gproto=%u gflags=0x%04x", ghlen, p[1],
		       be16(p + 2));
		if (p[1] != IPPROTO_IPIP || left < ghlen)
			return;
		p += ghlen;
		left -= ghlen;
	}
	if (left && (p[0] >> 4) == 4)
		print_inner(p, left);
}

int main(int argc, char **argv)
{
	const char *prog = argv[0], *ifname = NULL, *ready = NULL;
	struct sockaddr_ll sll = { .sll_family = AF_PACKET };
	long count = -1, seen = 0, proto = -1;
	enum dir dir = DIR_ANY;
	double deadline, secs = 5;
	uint8_t *buf;
	int c, fd;

	while ((c = getopt(argc, argv, "i:c:t:d:p:r:h")) != -1) {
		switch (c) {
		case 'i': ifname = optarg; break;
		case 'c': count = arg_number(prog, "count", optarg, 0, 1000000); break;
		case 't': secs = (double)arg_number(prog, "seconds", optarg, 0, 3600); break;
		case 'p': proto = arg_number(prog, "protocol", optarg, 0, 255); break;
		case 'r': ready = optarg; break;
		case 'd':
			if (!strcmp(optarg, "in"))
				dir = DIR_IN;
			else if (!strcmp(optarg, "out"))
				dir = DIR_OUT;
			else if (!strcmp(optarg, "any"))
				dir = DIR_ANY;
			else
				usage(prog);
			break;
		default:
			usage(prog);
		}
	}
	if (!ifname || optind != argc)
		usage(prog);

	sll.sll_ifindex = (int)if_nametoindex(ifname);
	if (!sll.sll_ifindex) {
		fprintf(stderr, "%s: no interface `%s'\n", prog, ifname);
		return 1;
	}
	buf = malloc(BUF_SIZE);
	if (!buf) {
		perror("pkt-capture: malloc");
		return 1;
	}
	sll.sll_protocol = htons(ETH_P_IP);
	fd = socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_IP));
	if (fd < 0 || bind(fd, (struct sockaddr *)&sll, sizeof(sll))) {
		perror("pkt-capture: socket");
		return 1;
	}
	if (ready) {
		int rfd = open(ready, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (rfd < 0) {
			perror("pkt-capture: ready file");
			return 1;
		}
		close(rfd);
	}

	deadline = now() + secs;
	while (count < 0 || seen < count) {
		struct sockaddr_ll from;
		socklen_t fromlen = sizeof(from);
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		char s[INET_ADDRSTRLEN], d[INET_ADDRSTRLEN];
		double left = deadline - now();
		unsigned int hlen, fo;
		ssize_t len;
		size_t caplen;

		if (left <= 0)
			break;
		if (poll(&pfd, 1, (int)(left * 1000) + 1) <= 0)
			continue;
		len = recvfrom(fd, buf, BUF_SIZE, MSG_TRUNC,
			       (struct sockaddr *)&from, &fromlen);
		if (len < 0) {
			if (errno == EINTR)
				continue;
			perror("pkt-capture: recvfrom");
			return 1;
		}
		if (dir == DIR_IN && from.sll_pkttype == PACKET_OUTGOING)
			continue;
		if (dir == DIR_OUT && from.sll_pkttype != PACKET_OUTGOING)
			continue;
		caplen = (size_t)len < BUF_SIZE ? (size_t)len : BUF_SIZE;
		if (caplen < 20 || buf[0] >> 4 != 4)
			continue;
		if (proto >= 0 && buf[9] != proto)
			continue;
		hlen = (buf[0] & 0xf) * 4u;
		fo = be16(buf + 6);
		printf("dir=%s len=%zd src=%s dst=%s proto=%u ttl=%u tos=0x%02x df=%u mf=%u off=%u tot=%u id=%u",
		       from.sll_pkttype == PACKET_OUTGOING ? "out" : "in", len,
		       addr(buf + 12, s), addr(buf + 16, d), buf[9], buf[8],
		       buf[1], (fo >> 14) & 1, (fo >> 13) & 1,
		       (fo & 0x1fff) * 8, be16(buf + 2), be16(buf + 4));
		if (buf[9] == IPPROTO_IPIP && !(fo & 0x1fff) && caplen > hlen)
			print_inner(buf + hlen, caplen - hlen);
		else if (buf[9] == IPPROTO_UDP && !(fo & 0x1fff) && caplen > hlen)
			print_udp(buf + hlen, caplen - hlen);
		printf("\n");
		fflush(stdout);
		seen++;
	}
	fprintf(stderr, "pkt-capture: %ld packets on %s\n", seen, ifname);
	free(buf);
	close(fd);
	return 0;
}
