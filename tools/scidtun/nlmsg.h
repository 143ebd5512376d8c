/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SCIDTUN_NLMSG_H
#define SCIDTUN_NLMSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include "parse.h"

/* One rtnetlink request: every one scidtun sends fits, a full allow list too. */
struct scidtun_nlmsg {
	struct nlmsghdr n;
	union {
		struct ifinfomsg ifi;
		struct ifaddrmsg ifa;
		struct rtmsg rtm;
	};
	char attrs[256 + SCID_ALLOW_MAX * RTA_SPACE(sizeof(struct scid_prefix))];
};

void scidtun_nlmsg_init(struct scidtun_nlmsg *m, unsigned short type, unsigned short flags,
			size_t body);
int scidtun_nlmsg_put(struct scidtun_nlmsg *m, unsigned short type, const void *data,
		      size_t len);
struct rtattr *scidtun_nlmsg_nest(struct scidtun_nlmsg *m, unsigned short type);
void scidtun_nlmsg_nest_end(struct scidtun_nlmsg *m, struct rtattr *nest);
int scidtun_nlmsg_tunnel(struct scidtun_nlmsg *m, int ifindex,
			 const struct scidtun_request *req, unsigned int given);
int scidtun_nlmsg_create(struct scidtun_nlmsg *m, const struct scidtun_request *req);
void scidtun_nlmsg_link_data(const struct nlmsghdr *n, struct scidtun_link_data *d);
void scidtun_link_data_free(struct scidtun_link_data *d);
bool scidtun_nlmsg_extack(const struct nlmsghdr *n, char *buf, size_t len);

#endif
