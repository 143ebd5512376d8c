// SPDX-License-Identifier: GPL-2.0
/*
 * tunnels: create or delete many IPIP tunnels with one ioctl each, the way
 * 'ip tunnel' and scidtun do, but without a process per tunnel.
 *
 *   tunnels add CTLDEV PREFIX FIRST COUNT LINK
 *   tunnels del PREFIX FIRST COUNT
 *   tunnels list FIRST COUNT
 *   tunnels flush
 *
 * CTLDEV is the driver's control device (scid0 for scid_ipip, tunl0 for
 * the kernel's ipip); tunnel i is named PREFIX<i>. Its endpoints come from
 * i alone, so every driver gets the same set. Tunnel 0 is the one the
 * benchmark sends through: local 192.0.2.2, remote 192.0.2.1, bound to
 * LINK. Tunnel i > 0 has remote (i - 1) % 508 of 198.51.100.1-254 and
 * 203.0.113.1-254, local 192.0.2.(128 + (i - 1) / 508), and no link.
 * flush deletes every scid_ipip tunnel of the namespace in one request
 * (SCID_IOC_DELTUNNELS). Prints the time taken, "ns T".
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "../../tests/vm/progs/arg-number.h"
#include <linux/if_tunnel.h>
#include <linux/ip.h>
#include <linux/sockios.h>
#include "../../module/uapi/scid_ipip.h"

#define REMOTES		508
#define LOCALS		20
#define MAX_TUNNELS	(1 + REMOTES * LOCALS)

static const char *prog = "tunnels";

static void usage(void)
{
	fprintf(stderr,
		"usage: %s add CTLDEV PREFIX FIRST COUNT LINK\n"
		"       %s del PREFIX FIRST COUNT\n"
		"       %s list FIRST COUNT\n"
		"       %s flush\n",
		prog, prog, prog, prog);
	exit(1);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void endpoints(long i, uint32_t *local, uint32_t *remote)
{
	long r = (i - 1) % REMOTES;

	if (i == 0) {
		*local = htonl(0xc0000202u);		/* 192.0.2.2 */
		*remote = htonl(0xc0000201u);		/* 192.0.2.1 */
		return;
	}
	if (r < 254)
		*remote = htonl(0xc6336400u + (uint32_t)r + 1);	/* 198.51.100.x */
	else
		*remote = htonl(0xcb007100u + (uint32_t)(r - 254) + 1); /* 203.0.113.x */
	*local = htonl(0xc0000280u + (uint32_t)((i - 1) / REMOTES)); /* 192.0.2.128+ */
}

static int tunnel_ioctl(int fd, const char *dev, struct ip_tunnel_parm *p,
			unsigned long cmd)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", dev);
	ifr.ifr_data = (void *)p;
	return ioctl(fd, cmd, &ifr);
}

static int flush(void)
{
	struct scid_del_request req = { .flags = SCID_DEL_ALL };
	struct ifreq ifr;
	uint64_t t0;
	int fd;

	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0) {
		fprintf(stderr, "%s: socket: %s\n", prog, strerror(errno));
		return 2;
	}
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", SCID_CTL_NAME);
	ifr.ifr_data = (void *)&req;
	t0 = now_ns();
	if (ioctl(fd, SCID_IOC_DELTUNNELS, &ifr)) {
		fprintf(stderr, "%s: flush: %s\n", prog, strerror(errno));
		return 2;
	}
	printf("ns %llu\n", (unsigned long long)(now_ns() - t0));
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	long first, count, i, link = 0;
	char a[2][INET_ADDRSTRLEN];
	struct ip_tunnel_parm p;
	const char *prefix;
	int add, fd, list;
	uint64_t t0;

	if (argc == 2 && !strcmp(argv[1], "flush"))
		return flush();
	if (argc < 4)
		usage();
	add = !strcmp(argv[1], "add");
	list = !strcmp(argv[1], "list");
	if (list && argc == 4) {
		first = arg_number(prog, "first tunnel", argv[2], 0, MAX_TUNNELS - 1);
		count = arg_number(prog, "count", argv[3], 0, MAX_TUNNELS - first);
		for (i = first; i < first + count; i++) {
			uint32_t local, remote;

			endpoints(i, &local, &remote);
			inet_ntop(AF_INET, &local, a[0], sizeof(a[0]));
			inet_ntop(AF_INET, &remote, a[1], sizeof(a[1]));
			printf("%ld %s %s\n", i, a[0], a[1]);
		}
		return 0;
	}
	if (!(add && argc == 7) &&
	    !(!strcmp(argv[1], "del") && argc == 5))
		usage();
	prefix = argv[add ? 3 : 2];
	first = arg_number(prog, "first tunnel", argv[add ? 4 : 3], 0, MAX_TUNNELS - 1);
	count = arg_number(prog, "count", argv[add ? 5 : 4], 0, MAX_TUNNELS - first);
	if (add) {
		link = if_nametoindex(argv[6]);
		if (!link) {
			fprintf(stderr, "%s: no device `%s'\n", prog, argv[6]);
			return 1;
		}
	}

	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0) {
		fprintf(stderr, "%s: socket: %s\n", prog, strerror(errno));
		return 2;
	}
	t0 = now_ns();
	for (i = first; i < first + count; i++) {
		char name[IFNAMSIZ];

		memset(&p, 0, sizeof(p));
		snprintf(name, sizeof(name), "%s%ld", prefix, i);
		memcpy(p.name, name, sizeof(p.name));
		if (add) {
			p.link = i == 0 ? (int)link : 0;
			p.iph.version = 4;
			p.iph.ihl = 5;
			p.iph.protocol = IPPROTO_IPIP;
			p.iph.frag_off = htons(SCID_FRAG_OFF_PMTUDISC);
			endpoints(i, &p.iph.saddr, &p.iph.daddr);
			if (tunnel_ioctl(fd, argv[2], &p, SIOCADDTUNNEL) == 0)
				continue;
		} else if (tunnel_ioctl(fd, name, &p, SIOCDELTUNNEL) == 0) {
			continue;
		}
		fprintf(stderr, "%s: %s `%s': %s\n", prog, argv[1], name,
			strerror(errno));
		return 2;
	}
	printf("ns %llu\n", (unsigned long long)(now_ns() - t0));
	close(fd);
	return 0;
}
