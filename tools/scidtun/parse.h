/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SCIDTUN_PARSE_H
#define SCIDTUN_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "../lib/allow_words.h"
#include "tunnel.h"

enum scidtun_cmd {
	SCIDTUN_CMD_ADD = SCID_TUN_ADD,
	SCIDTUN_CMD_CHANGE = SCID_TUN_CHANGE,
};

/* Which keywords the command line gave, in scidtun_request.given. */
enum {
	SCIDTUN_GIVEN_MODE = SCID_TUN_GIVEN(SCID_TUN_MODE),
	SCIDTUN_GIVEN_REMOTE = SCID_TUN_GIVEN(SCID_TUN_REMOTE),
	SCIDTUN_GIVEN_LOCAL = SCID_TUN_GIVEN(SCID_TUN_LOCAL),
	SCIDTUN_GIVEN_DEV = SCID_TUN_GIVEN(SCID_TUN_DEV),
	SCIDTUN_GIVEN_TTL = SCID_TUN_GIVEN(SCID_TUN_TTL),
	SCIDTUN_GIVEN_TOS = SCID_TUN_GIVEN(SCID_TUN_TOS),
	SCIDTUN_GIVEN_PMTUDISC = SCID_TUN_GIVEN(SCID_TUN_DF),
	SCIDTUN_GIVEN_FWMARK = SCID_TUN_GIVEN(SCID_TUN_FWMARK),
	SCIDTUN_GIVEN_ENCAP = SCID_TUN_GIVEN(SCID_TUN_ENCAP),
	SCIDTUN_GIVEN_ENCAP_SPORT = SCID_TUN_GIVEN(SCID_TUN_ENCAP_SPORT),
	SCIDTUN_GIVEN_ENCAP_DPORT = SCID_TUN_GIVEN(SCID_TUN_ENCAP_DPORT),
	SCIDTUN_GIVEN_ENCAP_CSUM = SCID_TUN_GIVEN(SCID_TUN_ENCAP_CSUM),
	SCIDTUN_GIVEN_ENCAP_REMCSUM = SCID_TUN_GIVEN(SCID_TUN_ENCAP_REMCSUM),
	SCIDTUN_GIVEN_MTU = SCID_TUN_GIVEN(SCID_TUN_MTU),
	SCIDTUN_GIVEN_CLAMP_MSS = SCID_TUN_GIVEN(SCID_TUN_CLAMP_MSS),
	SCIDTUN_GIVEN_KEEPALIVE = SCID_TUN_GIVEN(SCID_TUN_KEEPALIVE),
	SCIDTUN_GIVEN_HOLD = SCID_TUN_GIVEN(SCID_TUN_HOLD),
	SCIDTUN_GIVEN_RISE = SCID_TUN_GIVEN(SCID_TUN_RISE),
	SCIDTUN_GIVEN_PMTU_PROBE = SCID_TUN_GIVEN(SCID_TUN_PMTU_PROBE),
	SCIDTUN_GIVEN_PMTU_RAISE = SCID_TUN_GIVEN(SCID_TUN_PMTU_RAISE),
	/* What SIOCADDTUNNEL and SIOCCHGTUNNEL carry. */
	SCIDTUN_GIVEN_PARM = SCID_TUN_GIVEN(SCID_TUN_PARM_FIELDS) - 1,
	/* What only rtnetlink carries (scidtun_nlmsg_tunnel()). */
	SCIDTUN_GIVEN_NL = (SCID_TUN_GIVEN(SCID_TUN_NFIELDS) - 1) & ~SCIDTUN_GIVEN_PARM,
};

struct scidtun_request {
	/* Ready for SIOCADDTUNNEL; for change, only the given fields count. */
	struct ip_tunnel_parm parm;
	unsigned int given;
	uint32_t fwmark;	/* with SCIDTUN_GIVEN_FWMARK; 0 is none */
	uint16_t encap;		/* with SCIDTUN_GIVEN_ENCAP: TUNNEL_ENCAP_* */
	uint16_t encap_sport;	/* with SCIDTUN_GIVEN_ENCAP_SPORT: 0 is auto */
	uint16_t encap_dport;	/* with SCIDTUN_GIVEN_ENCAP_DPORT */
	uint8_t encap_csum;	/* with SCIDTUN_GIVEN_ENCAP_CSUM: 1 or 0 */
	uint8_t encap_remcsum;	/* with SCIDTUN_GIVEN_ENCAP_REMCSUM: 1 or 0 */
	uint16_t mtu;		/* with SCIDTUN_GIVEN_MTU; 0 is auto */
	uint32_t clamp_mss;	/* with SCIDTUN_GIVEN_CLAMP_MSS: SCID_CLAMP_MSS_* or the MSS */
	uint32_t keepalive;	/* with SCIDTUN_GIVEN_KEEPALIVE: ms, 0 is off */
	uint32_t hold;		/* with SCIDTUN_GIVEN_HOLD */
	uint32_t rise;		/* with SCIDTUN_GIVEN_RISE */
	uint8_t pmtu_probe;	/* with SCIDTUN_GIVEN_PMTU_PROBE: 1 on, 0 off */
	uint32_t pmtu_raise;	/* with SCIDTUN_GIVEN_PMTU_RAISE: ms */
	/* docs/external.md: add creates it by rtnetlink; change checks the tunnel is one */
	bool external;
	bool allow_given;
	struct scid_allow *allow;	/* with allow_given; scidtun_request_free() frees it */
};

typedef scid_tun_lookup_fn scidtun_lookup_fn;

int scidtun_check_tunnel_name(const char *name, char *err, size_t errlen);
int scidtun_parse_tunnel_args(int argc, char **argv, enum scidtun_cmd cmd,
			      scidtun_lookup_fn lookup, struct scidtun_request *out,
			      char *err, size_t errlen);
void scidtun_request_free(struct scidtun_request *req);
int scidtun_check_external(const struct scidtun_request *req, bool external, char *err,
			   size_t errlen);
void scidtun_request_words(const struct scidtun_request *req, unsigned int given,
			   struct scid_tun *t);
void scidtun_request_set_words(struct scidtun_request *req, const struct scid_tun *t);
unsigned int scidtun_add_nl_given(const struct scidtun_request *req);
bool scidtun_turns_keepalive_on(const struct scidtun_request *req);
int scidtun_apply_change(const struct scidtun_request *req, struct ip_tunnel_parm *cur,
			 char *err, size_t errlen);

#endif
