// SPDX-License-Identifier: GPL-2.0
/*
 * link-netns: create a scid_ipip tunnel through rtnetlink with
 * IFLA_LINK_NETNSID, as 'ip link add NAME link-netnsid ID type scid_ipip
 * remote R local L [dev D]' does with the plugin, which the guest may lack.
 *
 *   link-netns NAME NETNSID REMOTE LOCAL [LINK_IFINDEX]
 *
 * NETNSID is the link namespace's id as the calling namespace knows it
 * (ip netns set); LINK_IFINDEX is looked up in that namespace. Exit 0 when
 * the kernel accepted it, else 1 with its errno printed.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/if_link.h>
#include <linux/if_tunnel.h>

#include "arg-number.h"
#include "tunnel-requests.h"

int main(int argc, char **argv)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct in_addr remote, local;
	struct nlattr *info, *data;
	int32_t nsid;
	uint32_t link, seq = 0;
	struct rtnl_req r;
	int fd, err;

	if (argc < 5 || argc > 6 || inet_pton(AF_INET, argv[3], &remote) != 1 ||
	    inet_pton(AF_INET, argv[4], &local) != 1) {
		fprintf(stderr, "usage: link-netns NAME NETNSID REMOTE LOCAL [LINK_IFINDEX]\n");
		return 2;
	}
	nsid = (int32_t)arg_number("link-netns", "NETNSID", argv[2], 0, INT32_MAX);
	link = argc == 6 ? (uint32_t)arg_number("link-netns", "LINK_IFINDEX", argv[5], 1, INT32_MAX) : 0;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		perror("link-netns: rtnetlink socket");
		return 2;
	}
	rtnl_req_init(&r, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0, 0, 0);
	rtnl_req_put(&r, IFLA_IFNAME, argv[1], strlen(argv[1]) + 1);
	rtnl_req_put(&r, IFLA_LINK_NETNSID, &nsid, sizeof(nsid));
	info = rtnl_req_put(&r, IFLA_LINKINFO, NULL, 0);
	rtnl_req_put(&r, IFLA_INFO_KIND, "scid_ipip", sizeof("scid_ipip"));
	data = rtnl_req_put(&r, IFLA_INFO_DATA, NULL, 0);
	rtnl_req_put(&r, IFLA_IPTUN_REMOTE, &remote.s_addr, 4);
	rtnl_req_put(&r, IFLA_IPTUN_LOCAL, &local.s_addr, 4);
	if (link)
		rtnl_req_put(&r, IFLA_IPTUN_LINK, &link, 4);
	rtnl_req_end(&r, data);
	rtnl_req_end(&r, info);
	err = rtnl_req_talk(fd, &seq, &r, NULL);
	close(fd);
	if (err) {
		fprintf(stderr, "link-netns: RTM_NEWLINK %s: %s\n", argv[1], strerror(err));
		return 1;
	}
	return 0;
}
