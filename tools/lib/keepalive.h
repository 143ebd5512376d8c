/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a tunnel's keepalive reports (docs/keepalive.md): the read-only
 * attributes of ip -d link's answers, for scidtun show and the ip link
 * plugin alike. The settings (interval, hold, rise) are words of the
 * table in tunnel_words.h; this is only what the kernel measured. Path MTU
 * probing is here too: its probes are the keepalive's packets, padded.
 */
#ifndef SCID_KEEPALIVE_H
#define SCID_KEEPALIVE_H

#include <stdbool.h>
#include <stdint.h>
#include <linux/rtnetlink.h>

#include "../../module/uapi/scid_ipip.h"

struct scid_ka_status {
	uint8_t state;		/* SCID_KA_STATE_* */
	uint32_t last;		/* ms since the last valid reply; SCID_KA_NEVER */
	uint32_t rtt;		/* µs, of that reply */
};

struct scid_pmtu_status {
	uint8_t state;		/* SCID_PMTU_STATE_* */
	uint32_t pmtu;		/* the tunnel MTU the probes found; 0 for none yet */
	uint32_t age;		/* ms since it was last confirmed; SCID_KA_NEVER */
};

void scid_ka_status_from_attrs(struct rtattr *tb[], struct scid_ka_status *s);
const char *scid_ka_state_text(uint8_t state);
bool scid_ka_replied(const struct scid_ka_status *s);
void scid_pmtu_status_from_attrs(struct rtattr *tb[], struct scid_pmtu_status *s);
const char *scid_pmtu_state_text(uint8_t state);

#endif
