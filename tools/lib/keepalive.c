// SPDX-License-Identifier: GPL-2.0
/*
 * The keepalive's measurements out of the link kind's attributes, and the
 * words show and ip -d link print for its state. Pure, like the words.
 */

#include <string.h>

#include "keepalive.h"

static uint32_t u32_or(const struct rtattr *rta, uint32_t dflt)
{
	uint32_t v = dflt;

	if (rta && RTA_PAYLOAD(rta) >= sizeof(v))
		memcpy(&v, RTA_DATA(rta), sizeof(v));
	return v;
}

/**
 * scid_ka_status_from_attrs() - the keepalive's state from an RTM_NEWLINK answer
 * @tb: IFLA_INFO_DATA's attributes by type, IFLA_SCID_MAX + 1 of them
 * @s: receives the state; a missing attribute reads as off, never, 0
 */
void scid_ka_status_from_attrs(struct rtattr *tb[], struct scid_ka_status *s)
{
	const struct rtattr *state = tb[IFLA_SCID_KEEPALIVE_STATE];

	s->state = state && RTA_PAYLOAD(state) >= 1 ? *(const uint8_t *)RTA_DATA(state) :
		   SCID_KA_STATE_OFF;
	s->last = u32_or(tb[IFLA_SCID_KEEPALIVE_LAST], SCID_KA_NEVER);
	s->rtt = u32_or(tb[IFLA_SCID_KEEPALIVE_RTT], 0);
}

/**
 * scid_ka_state_text() - a state as show and ip print it
 * @state: SCID_KA_STATE_*
 *
 * Return: "off", "up", "down", or "unknown" for a state newer than this tool.
 */
const char *scid_ka_state_text(uint8_t state)
{
	switch (state) {
	case SCID_KA_STATE_OFF:
		return "off";
	case SCID_KA_STATE_UP:
		return "up";
	case SCID_KA_STATE_DOWN:
		return "down";
	}
	return "unknown";
}

/**
 * scid_ka_replied() - whether the peer ever answered
 * @s: the state
 *
 * The kernel's rtt is 0 without a reply; show prints neither then.
 *
 * Return: true once a valid reply came.
 */
bool scid_ka_replied(const struct scid_ka_status *s)
{
	return s->last != SCID_KA_NEVER;
}
