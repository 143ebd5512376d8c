/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SCIDTUN_NL_H
#define SCIDTUN_NL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conf.h"
#include "index.h"
#include "nlmsg.h"
#include "tunnel.h"

/* An rtnetlink socket; the only state nl.c keeps, owned by the caller. */
struct scidtun_nl {
	int fd;
	uint32_t seq;
	char extack[128];	/* the kernel's message for the last refusal, or "" */
	char *buf;		/* for answers: grown to the largest datagram seen */
	size_t buflen;
};

/* What setconf needs of a link, from one dump of them all. */
struct scidtun_link_state {
	char name[IFNAMSIZ];
	unsigned int flags;
	struct scidtun_link_data data;
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
int scidtun_nl_link_by_name(struct scidtun_nl *nl, const char *name, int *ifindex,
			    unsigned int *flags, struct scidtun_link_data *data);
int scidtun_nl_link_up(struct scidtun_nl *nl, int ifindex);
int scidtun_nl_tunnel(struct scidtun_nl *nl, int ifindex, const struct scidtun_request *req,
		      unsigned int given);
int scidtun_set_tunnel(const char *name, const struct scidtun_request *req, unsigned int given,
		       char *extack, size_t len);
int scidtun_nl_send(struct scidtun_nl *nl, struct scidtun_nlmsg *m);
int scidtun_create_external(const struct scidtun_request *req, char *extack, size_t len);
void scidtun_link_states_free(struct scidtun_group *links);
int scidtun_nl_addrs(struct scidtun_nl *nl, int ifindex, struct scidtun_addr **out, size_t *n);
int scidtun_nl_addr(struct scidtun_nl *nl, enum scidtun_nl_op op, int ifindex,
		    const struct scidtun_addr *a);
int scidtun_nl_routes(struct scidtun_nl *nl, int ifindex, struct scidtun_route **out, size_t *n);
int scidtun_nl_route(struct scidtun_nl *nl, enum scidtun_nl_op op, int ifindex,
		     const struct scidtun_route *r);
/* The whole namespace, one dump each, grouped by ifindex and sorted. */
int scidtun_nl_all_links(struct scidtun_nl *nl, struct scidtun_group *links);
int scidtun_nl_all_addrs(struct scidtun_nl *nl, struct scidtun_group *addrs);
int scidtun_nl_all_routes(struct scidtun_nl *nl, struct scidtun_group *routes);

#endif
