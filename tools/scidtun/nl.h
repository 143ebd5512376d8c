/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SCIDTUN_NL_H
#define SCIDTUN_NL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conf.h"
#include "nlmsg.h"
#include "tunnel.h"

/* An rtnetlink socket; the only state nl.c keeps, owned by the caller. */
struct scidtun_nl {
	int fd;
	uint32_t seq;
	char extack[128];	/* the kernel's message for the last refusal, or "" */
};

enum scidtun_nl_op {
	SCIDTUN_NL_ADD,
	SCIDTUN_NL_REPLACE,
	SCIDTUN_NL_DEL,
};

/* Each returns 0 or a negative errno. */
int scidtun_nl_open(struct scidtun_nl *nl);
void scidtun_nl_close(struct scidtun_nl *nl);
int scidtun_nl_link(struct scidtun_nl *nl, int ifindex, unsigned int *flags,
		    struct scidtun_stats *stats, struct scidtun_link_data *data);
int scidtun_nl_link_up(struct scidtun_nl *nl, int ifindex);
int scidtun_nl_tunnel(struct scidtun_nl *nl, int ifindex, const struct scidtun_request *req,
		      unsigned int given);
int scidtun_set_tunnel(const char *name, const struct scidtun_request *req, unsigned int given,
		       char *extack, size_t len);
int scidtun_nl_addrs(struct scidtun_nl *nl, int ifindex, struct scidtun_addr **out, size_t *n);
int scidtun_nl_addr(struct scidtun_nl *nl, enum scidtun_nl_op op, int ifindex,
		    const struct scidtun_addr *a);
int scidtun_nl_routes(struct scidtun_nl *nl, int ifindex, struct scidtun_route **out, size_t *n);
int scidtun_nl_route(struct scidtun_nl *nl, enum scidtun_nl_op op, int ifindex,
		     const struct scidtun_route *r);

#endif
