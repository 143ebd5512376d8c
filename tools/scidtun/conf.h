/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SCIDTUN_CONF_H
#define SCIDTUN_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "parse.h"

/* Addresses in network byte order, as the kernel has them. */
struct scidtun_addr {
	uint32_t addr;
	uint8_t plen;
};

struct scidtun_route {
	uint32_t dst;
	uint8_t plen;
	uint32_t gw;
	bool onlink;
	uint32_t metric;
};

struct scidtun_conf_tunnel {
	/* Ready for SIOCADDTUNNEL, with the defaults of add. */
	struct scidtun_request req;
	char where[96];			/* FILE:LINE of the tunnel line */
	struct scidtun_addr *addrs;
	size_t naddrs;
	struct scidtun_route *routes;
	size_t nroutes;
};

struct scidtun_conf {
	struct scidtun_conf_tunnel *tunnels;
	size_t count;
	/* conf.c's own: room in tunnels, and its names hashed (index + 1, 0 free) */
	size_t max;
	size_t *names, nnames;
};

/* How a running tunnel differs from the one a file asks for. */
enum scidtun_diff {
	SCIDTUN_DIFF_SAME,
	SCIDTUN_DIFF_CHANGE,	/* SIOCCHGTUNNEL can do it */
	SCIDTUN_DIFF_REPLACE,	/* remote set or cleared: delete and add */
};

#define SCIDTUN_ADDR_TEXT 24	/* "255.255.255.255/32" */
#define SCIDTUN_ROUTE_TEXT 80	/* "A/32 via G onlink metric N" */

int scidtun_conf_parse(struct scidtun_conf *conf, FILE *in, const char *filename,
		       scidtun_lookup_fn lookup, char *err, size_t errlen);
void scidtun_conf_free(struct scidtun_conf *conf);
enum scidtun_diff scidtun_conf_diff(const struct ip_tunnel_parm *want,
				    const struct ip_tunnel_parm *have,
				    char *what, size_t len);
const char *scidtun_addr_text(char buf[SCIDTUN_ADDR_TEXT], const struct scidtun_addr *a);
const char *scidtun_route_text(char buf[SCIDTUN_ROUTE_TEXT], const struct scidtun_route *r);
bool scidtun_addr_in(const struct scidtun_addr *a, const struct scidtun_addr *list, size_t n);
const struct scidtun_route *scidtun_route_find(const struct scidtun_route *key,
					       const struct scidtun_route *list, size_t n);
bool scidtun_route_same(const struct scidtun_route *a, const struct scidtun_route *b);
bool scidtun_conf_keepalive_diff(const struct scidtun_request *want, const struct scid_tun *have,
				 struct scidtun_request *out, char *what, size_t len);
bool scidtun_conf_optional_diff(const struct scidtun_request *want, const struct scid_tun *have,
				struct scidtun_request *out, char *what, size_t len);
bool scidtun_conf_encap_diff(const struct scidtun_request *want, const struct scid_tun *have,
			     struct scidtun_request *out, char *what, size_t len);
bool scidtun_conf_pmtu_diff(const struct scidtun_request *want, const struct scid_tun *have,
			    struct scidtun_request *out, char *what, size_t len);
bool scidtun_conf_allow_diff(const struct scidtun_request *want, const struct scid_allow *have,
			     struct scidtun_request *out, char *what, size_t len);
void scidtun_conf_print(FILE *out, const struct ip_tunnel_parm *p, const struct scid_tun *ka,
			const struct scid_allow *allow, scid_tun_name_fn indextoname, const struct scidtun_addr *addrs,
			size_t naddrs, const struct scidtun_route *routes, size_t nroutes);

#endif
