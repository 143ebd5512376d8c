// SPDX-License-Identifier: GPL-2.0
/*
 * link-attr: change an existing scid_ipip tunnel with raw attributes of
 * its link kind, as no tool would send them, so a test reaches the
 * kernel's own checks (values the tools refuse, read-only attributes).
 *
 *   link-attr NAME TYPE=VALUE...
 *
 * Sends one RTM_NEWLINK for NAME with IFLA_INFO_KIND "scid_ipip" and, in
 * IFLA_INFO_DATA, each TYPE (the attribute's number, e.g. 33 for
 * IFLA_SCID_KEEPALIVE) with VALUE as a u32, or as a u8 when written
 * u8:VALUE, a u16 for u16:VALUE, a big-endian one (a port) for be16:VALUE,
 * an empty attribute (a flag) for `flag', and for prefixes:A.B.C.D/LEN,...
 * a nest of IFLA_SCID_ALLOW_PREFIX entries (none after the colon: an
 * empty nest). A NAME written +NAME is created instead of changed. Exit 0
 * when the kernel accepted it; else 1, with the errno and the kernel's
 * extended ack message, if any, on stderr.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/if_link.h>
#include <linux/netlink.h>

#include "../../../module/uapi/scid_ipip.h"
#include "arg-number.h"
#include "tunnel-requests.h"

#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK 11
#endif

/* A nest of struct scid_prefix entries from "A.B.C.D/LEN,..." as given. */
static int put_prefixes(struct rtnl_req *r, uint16_t type, char *list)
{
	struct nlattr *nest = rtnl_req_put(r, type, NULL, 0);
	char *item, *slash, *save = NULL;
	struct scid_prefix p;

	for (item = strtok_r(list, ",", &save); item;
	     item = strtok_r(NULL, ",", &save)) {
		memset(&p, 0, sizeof(p));
		slash = strchr(item, '/');
		if (slash)
			*slash = '\0';
		if (inet_pton(AF_INET, item, &p.addr) != 1) {
			fprintf(stderr, "link-attr: `%s' is no IPv4 address\n", item);
			return 1;
		}
		p.len = slash ? (uint8_t)arg_number("link-attr", "LEN", slash + 1, 0, 255) : 32;
		if (!rtnl_req_put(r, IFLA_SCID_ALLOW_PREFIX, &p, sizeof(p))) {
			fprintf(stderr, "link-attr: too many prefixes\n");
			return 1;
		}
	}
	rtnl_req_end(r, nest);
	return 0;
}

int main(int argc, char **argv)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct nlattr *info, *data;
	struct rtnl_req r;
	char msg[256];
	int fd, err, i, one = 1;
	unsigned int ifindex;
	uint32_t seq = 0;
	bool create;

	if (argc < 3) {
		fprintf(stderr, "usage: link-attr NAME TYPE=VALUE...\n");
		return 2;
	}
	create = argv[1][0] == '+';
	ifindex = create ? 0 : if_nametoindex(argv[1]);
	if (!create && !ifindex) {
		fprintf(stderr, "link-attr: no device `%s'\n", argv[1]);
		return 2;
	}
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		perror("link-attr: rtnetlink socket");
		return 2;
	}
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	rtnl_req_init(&r, RTM_NEWLINK, create ? NLM_F_CREATE | NLM_F_EXCL : 0,
		      (int)ifindex, 0, 0);
	if (create)
		rtnl_req_put(&r, IFLA_IFNAME, argv[1] + 1, strlen(argv[1]));
	info = rtnl_req_put(&r, IFLA_LINKINFO, NULL, 0);
	rtnl_req_put(&r, IFLA_INFO_KIND, "scid_ipip", sizeof("scid_ipip"));
	data = rtnl_req_put(&r, IFLA_INFO_DATA, NULL, 0);
	for (i = 2; i < argc; i++) {
		char *eq = strchr(argv[i], '='), *val;
		uint16_t type;

		if (!eq) {
			fprintf(stderr, "link-attr: `%s' is not TYPE=VALUE\n", argv[i]);
			return 2;
		}
		*eq = '\0';
		val = eq + 1;
		type = (uint16_t)arg_number("link-attr", "TYPE", argv[i], 1, 0x3fff);
		if (!strcmp(val, "flag")) {
			rtnl_req_put(&r, type, NULL, 0);
		} else if (!strncmp(val, "prefixes:", 9)) {
			if (put_prefixes(&r, type, val + 9))
				return 2;
		} else if (!strncmp(val, "u8:", 3)) {
			uint8_t v = (uint8_t)arg_number("link-attr", "VALUE", val + 3, 0, 255);

			rtnl_req_put(&r, type, &v, sizeof(v));
		} else if (!strncmp(val, "u16:", 4) || !strncmp(val, "be16:", 5)) {
			bool big = val[0] == 'b';
			uint16_t v = (uint16_t)arg_number("link-attr", "VALUE",
							  strchr(val, ':') + 1, 0, UINT16_MAX);

			if (big)
				v = htons(v);
			rtnl_req_put(&r, type, &v, sizeof(v));
		} else {
			uint32_t v = (uint32_t)arg_number("link-attr", "VALUE", val, 0, UINT32_MAX);

			rtnl_req_put(&r, type, &v, sizeof(v));
		}
	}
	rtnl_req_end(&r, data);
	rtnl_req_end(&r, info);
	err = rtnl_req_talk_msg(fd, &seq, &r, NULL, msg, sizeof(msg));
	close(fd);
	if (err) {
		fprintf(stderr, "link-attr: RTM_NEWLINK %s: %s%s%s\n", argv[1],
			strerror(err), msg[0] ? ": " : "", msg);
		return 1;
	}
	return 0;
}
