// SPDX-License-Identifier: GPL-2.0
/*
 * One tunnel as one line of text. Pure, with the ifindex lookup passed in,
 * so the exact output both styles promise can be tested on any host.
 */

#include <arpa/inet.h>
#include <stdio.h>

#include "format.h"

/* Room for any of the words or numbers below, and an interface name. */
#define FIELD_MAX (IFNAMSIZ > INET_ADDRSTRLEN ? IFNAMSIZ : INET_ADDRSTRLEN)

static const char *addr_field(char buf[FIELD_MAX], __u32 addr)
{
	struct in_addr in = { .s_addr = addr };

	if (!addr)
		return "any";
	return inet_ntop(AF_INET, &in, buf, FIELD_MAX);
}

static const char *dev_field(char buf[FIELD_MAX], int link, scidtun_name_fn indextoname)
{
	if (!link)
		return "none";
	/* A dev that has gone away still deserves to be shown. */
	if (link < 0 || !indextoname((unsigned int)link, buf))
		snprintf(buf, FIELD_MAX, "%d", link);
	return buf;
}

static const char *ttl_field(char buf[FIELD_MAX], __u8 ttl)
{
	if (!ttl)
		return "inherit";
	snprintf(buf, FIELD_MAX, "%u", ttl);
	return buf;
}

static const char *tos_field(char buf[FIELD_MAX], __u8 tos)
{
	/* Any other odd value is shown in hex, which parses back the same. */
	if (tos == SCIDTUN_TOS_INHERIT)
		return "inherit";
	snprintf(buf, FIELD_MAX, "0x%02x", tos);
	return buf;
}

/**
 * scidtun_format_tunnel() - render one tunnel, without a trailing newline
 * @buf: receives the line
 * @len: size of @buf; SCIDTUN_FORMAT_MAX is always enough
 * @p: the parameters from SIOCGETTUNNEL
 * @style: SCIDTUN_STYLE_HUMAN or SCIDTUN_STYLE_TABS
 * @indextoname: turns p->link into a name
 *
 * Return: the length of the line, or -1 if it did not fit in @buf.
 */
int scidtun_format_tunnel(char *buf, size_t len, const struct ip_tunnel_parm *p,
			  enum scidtun_style style, scidtun_name_fn indextoname)
{
	char remote[FIELD_MAX], local[FIELD_MAX], dev[FIELD_MAX], ttl[FIELD_MAX], tos[FIELD_MAX];
	const char *df = p->iph.frag_off & htons(SCIDTUN_IP_DF) ? "pmtudisc" : "nopmtudisc";
	int n;

	if (style == SCIDTUN_STYLE_TABS)
		n = snprintf(buf, len, "%.*s\t%s\t%s\t%s\t%s\t%s\t%s", IFNAMSIZ, p->name,
			     addr_field(remote, p->iph.daddr), addr_field(local, p->iph.saddr),
			     dev_field(dev, p->link, indextoname), ttl_field(ttl, p->iph.ttl),
			     tos_field(tos, p->iph.tos), df);
	else
		n = snprintf(buf, len, "%.*s: ip/ip remote %s local %s dev %s ttl %s tos %s %s",
			     IFNAMSIZ, p->name,
			     addr_field(remote, p->iph.daddr), addr_field(local, p->iph.saddr),
			     dev_field(dev, p->link, indextoname), ttl_field(ttl, p->iph.ttl),
			     tos_field(tos, p->iph.tos), df);
	if (n < 0 || (size_t)n >= len)
		return -1;
	return n;
}
