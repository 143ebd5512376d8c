/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SCIDTUN_PARSE_H
#define SCIDTUN_PARSE_H

#include <stddef.h>

#include "tunnel.h"

enum scidtun_cmd {
	SCIDTUN_CMD_ADD,
	SCIDTUN_CMD_CHANGE,
};

/* Which keywords the command line gave, in scidtun_request.given. */
enum {
	SCIDTUN_GIVEN_MODE = 1 << 0,
	SCIDTUN_GIVEN_REMOTE = 1 << 1,
	SCIDTUN_GIVEN_LOCAL = 1 << 2,
	SCIDTUN_GIVEN_DEV = 1 << 3,
	SCIDTUN_GIVEN_TTL = 1 << 4,
	SCIDTUN_GIVEN_TOS = 1 << 5,
	SCIDTUN_GIVEN_PMTUDISC = 1 << 6,
};

struct scidtun_request {
	/* Ready for SIOCADDTUNNEL; for change, only the given fields count. */
	struct ip_tunnel_parm parm;
	unsigned int given;
};

/* Same shape as if_nametoindex(), so tests can pass a fake one. */
typedef unsigned int (*scidtun_lookup_fn)(const char *ifname);

int scidtun_check_ifname(const char *what, const char *name, char *err, size_t errlen);
int scidtun_check_tunnel_name(const char *name, char *err, size_t errlen);
int scidtun_parse_tunnel_args(int argc, char **argv, enum scidtun_cmd cmd,
			      scidtun_lookup_fn lookup, struct scidtun_request *out,
			      char *err, size_t errlen);
int scidtun_apply_change(const struct scidtun_request *req, struct ip_tunnel_parm *cur,
			 char *err, size_t errlen);

#endif
