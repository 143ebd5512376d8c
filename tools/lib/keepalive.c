// SPDX-License-Identifier: GPL-2.0
/*
 * The keepalive's and the path MTU probes' measurements out of the link
 * kind's attributes, and the words show and ip -d link print for their
 * states. Pure, like the words.
 */

#include <string.h>

#include "keepalive.h"

static uint8_t u8_or(const struct rtattr *rta, uint8_t dflt)
{
	return rta && RTA_PAYLOAD(rta) >= 1 ? *(const uint8_t *)RTA_DATA(rta) : dflt;
}

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
	s->state = u8_or(tb[IFLA_SCID_KEEPALIVE_STATE], SCID_KA_STATE_OFF);
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

/**
 * scid_pmtu_status_from_attrs() - the path MTU search's state from an RTM_NEWLINK answer
 * @tb: IFLA_INFO_DATA's attributes by type, IFLA_SCID_MAX + 1 of them
 * @s: receives the state; a missing attribute (a module without probing)
 *     reads as off, none, never
 */
void scid_pmtu_status_from_attrs(struct rtattr *tb[], struct scid_pmtu_status *s)
{
	s->state = u8_or(tb[IFLA_SCID_PMTU_STATE], SCID_PMTU_STATE_OFF);
	s->pmtu = u32_or(tb[IFLA_SCID_PMTU], 0);
	s->age = u32_or(tb[IFLA_SCID_PMTU_AGE], SCID_KA_NEVER);
}

/**
 * scid_pmtu_state_text() - a search's state as show and ip print it
 * @state: SCID_PMTU_STATE_*
 *
 * Return: "off", "searching", "complete", "blackhole", or "unknown" for a
 * state newer than this tool.
 */
const char *scid_pmtu_state_text(uint8_t state)
{
	switch (state) {
	case SCID_PMTU_STATE_OFF:
		return "off";
	case SCID_PMTU_STATE_SEARCHING:
		return "searching";
	case SCID_PMTU_STATE_COMPLETE:
		return "complete";
	case SCID_PMTU_STATE_BLACKHOLE:
		return "blackhole";
	}
	return "unknown";
}
