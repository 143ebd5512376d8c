// SPDX-License-Identifier: GPL-2.0
/*
 * ll-send: hand frames straight to an interface's transmit path through an
 * AF_PACKET datagram socket, with any protocol number, so a test can offer
 * a tunnel what the IP stack never would (IPv6, ARP, a 10-byte "IPv4").
 *
 *   ll-send -i IFACE -p PROTO [-v VERSION] [-n BYTES] [-c COUNT]
 *
 * PROTO is the EtherType (0x86dd, 0x0800, ...); the payload is BYTES bytes
 * (default 40) whose first nibble is VERSION (default 4 for 0x0800, else 6).
 * Exit 0 when every frame was accepted by the socket.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "arg-number.h"

static void usage(const char *prog)
{
	fprintf(stderr,
		"usage: %s -i IFACE -p PROTO [-v VERSION] [-n BYTES] [-c COUNT]\n",
		prog);
	exit(1);
}

int main(int argc, char **argv)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET };
	long proto = -1, version = -1, bytes = 40, count = 1, n;
	const char *prog = argv[0], *ifname = NULL;
	unsigned char buf[1500];
	int c, fd;

	while ((c = getopt(argc, argv, "i:p:v:n:c:h")) != -1) {
		switch (c) {
		case 'i': ifname = optarg; break;
		case 'p': proto = arg_number(prog, "protocol", optarg, 0, 0xffff); break;
		case 'v': version = arg_number(prog, "version", optarg, 0, 15); break;
		case 'n': bytes = arg_number(prog, "length", optarg, 0, sizeof(buf)); break;
		case 'c': count = arg_number(prog, "count", optarg, 0, 100000); break;
		default: usage(prog);
		}
	}
	if (!ifname || proto < 0 || optind != argc || bytes < 1)
		usage(prog);
	if (version < 0)
		version = proto == 0x0800 ? 4 : 6;

	sll.sll_ifindex = (int)if_nametoindex(ifname);
	if (!sll.sll_ifindex) {
		fprintf(stderr, "%s: no interface `%s'\n", prog, ifname);
		return 1;
	}
	sll.sll_protocol = htons((unsigned short)proto);

	memset(buf, 0, sizeof(buf));
	buf[0] = (unsigned char)(version << 4 | 5);

	fd = socket(AF_PACKET, SOCK_DGRAM, 0);
	if (fd < 0) {
		perror("ll-send: socket");
		return 1;
	}
	for (n = 0; n < count; n++) {
		if (sendto(fd, buf, (size_t)bytes, 0, (struct sockaddr *)&sll,
			   sizeof(sll)) != bytes) {
			perror("ll-send: sendto");
			return 1;
		}
	}
	close(fd);
	return 0;
}
