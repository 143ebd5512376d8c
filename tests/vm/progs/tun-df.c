// SPDX-License-Identifier: GPL-2.0
/*
 * tun-df: read or set a scid_ipip tunnel's outer DF policy through the
 * tunnel ioctls, for tests that need "nodf" before scidtun can say it.
 *
 *   tun-df NAME                            print the policy
 *   tun-df NAME pmtudisc|inherit|nodf      set it (SIOCCHGTUNNEL)
 *
 * The policy lives in iph.frag_off (docs/ioctl.md): IP_DF for pmtudisc,
 * 0 for inherit, IP_MF for nodf. Exit 0 on success, 1 on an error.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/if_tunnel.h>
#include <linux/sockios.h>
#include "../../../module/uapi/scid_ipip.h"

static const struct {
	const char *name;
	unsigned int frag_off;
} policies[] = {
	{ "pmtudisc", SCID_FRAG_OFF_PMTUDISC },
	{ "inherit", SCID_FRAG_OFF_INHERIT },
	{ "nodf", SCID_FRAG_OFF_NODF },
};

static int tun_ioctl(int fd, const char *name, unsigned long cmd,
		     struct ip_tunnel_parm *p)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.ifr_name, name, IFNAMSIZ - 1);
	ifr.ifr_ifru.ifru_data = (void *)p;
	return ioctl(fd, cmd, &ifr);
}

static const char *policy_name(unsigned int frag_off)
{
	size_t i;

	for (i = 0; i < sizeof(policies) / sizeof(policies[0]); i++)
		if (policies[i].frag_off == frag_off)
			return policies[i].name;
	return "unknown";
}

int main(int argc, char **argv)
{
	struct ip_tunnel_parm p;
	size_t i;
	int fd;

	if (argc < 2 || argc > 3 || strlen(argv[1]) >= IFNAMSIZ) {
		fprintf(stderr, "usage: %s NAME [pmtudisc|inherit|nodf]\n",
			argv[0]);
		return 1;
	}
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0) {
		perror("tun-df: socket");
		return 1;
	}
	memset(&p, 0, sizeof(p));
	if (tun_ioctl(fd, argv[1], SIOCGETTUNNEL, &p)) {
		fprintf(stderr, "tun-df: SIOCGETTUNNEL `%s': %s\n", argv[1],
			strerror(errno));
		return 1;
	}
	if (argc == 3) {
		for (i = 0; i < sizeof(policies) / sizeof(policies[0]); i++)
			if (!strcmp(argv[2], policies[i].name))
				break;
		if (i == sizeof(policies) / sizeof(policies[0])) {
			fprintf(stderr, "tun-df: unknown policy `%s'\n", argv[2]);
			return 1;
		}
		p.iph.frag_off = htons((unsigned short)policies[i].frag_off);
		if (tun_ioctl(fd, argv[1], SIOCCHGTUNNEL, &p)) {
			fprintf(stderr, "tun-df: SIOCCHGTUNNEL `%s': %s\n",
				argv[1], strerror(errno));
			return 1;
		}
	}
	printf("%s\n", policy_name(ntohs(p.iph.frag_off)));
	close(fd);
	return 0;
}
