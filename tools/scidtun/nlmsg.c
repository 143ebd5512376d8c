// SPDX-License-Identifier: GPL-2.0
/*
 * rtnetlink messages, built and read without a socket: the requests nl.c
 * sends, and the parts of the answers scidtun reads, so that both can be
 * checked byte by byte on any host.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nlmsg.h"

/**
 * scidtun_nlmsg_init() - start a request
 * @m: the message
 * @type: RTM_*
 * @flags: NLM_F_* besides NLM_F_REQUEST
 * @body: size of the fixed header after the nlmsghdr (ifinfomsg, ...)
 */
void scidtun_nlmsg_init(struct scidtun_nlmsg *m, unsigned short type, unsigned short flags,
			size_t body)
{
	memset(m, 0, sizeof(*m));
	m->n.nlmsg_len = NLMSG_LENGTH(body);
	m->n.nlmsg_type = type;
	m->n.nlmsg_flags = NLM_F_REQUEST | flags;
}

/**
 * scidtun_nlmsg_put() - append an attribute
 * @m: the message
 * @type: its type
 * @data: its payload, or NULL for @len 0
 * @len: size of @data
 *
 * Return: 0, or -EMSGSIZE (and @m unchanged) if it does not fit.
 */
int scidtun_nlmsg_put(struct scidtun_nlmsg *m, unsigned short type, const void *data,
		      size_t len)
{
	struct rtattr *rta = (struct rtattr *)((char *)m + NLMSG_ALIGN(m->n.nlmsg_len));

	if (NLMSG_ALIGN(m->n.nlmsg_len) + RTA_SPACE(len) > sizeof(*m))
		return -EMSGSIZE;
	rta->rta_type = type;
	rta->rta_len = (unsigned short)RTA_LENGTH(len);
	if (len)
		memcpy(RTA_DATA(rta), data, len);
	m->n.nlmsg_len = NLMSG_ALIGN(m->n.nlmsg_len) + RTA_ALIGN(rta->rta_len);
	return 0;
}

/**
 * scidtun_nlmsg_nest() - open a nested attribute
 * @m: the message
 * @type: its type
 *
 * Return: the nest to close with scidtun_nlmsg_nest_end(), or NULL if full.
 */
struct rtattr *scidtun_nlmsg_nest(struct scidtun_nlmsg *m, unsigned short type)
{
	struct rtattr *nest = (struct rtattr *)((char *)m + NLMSG_ALIGN(m->n.nlmsg_len));

	return scidtun_nlmsg_put(m, type, NULL, 0) ? NULL : nest;
}

/**
 * scidtun_nlmsg_nest_end() - close a nest: it holds what was added since
 * @m: the message
 * @nest: what scidtun_nlmsg_nest() returned
 */
void scidtun_nlmsg_nest_end(struct scidtun_nlmsg *m, struct rtattr *nest)
{
	nest->rta_len = (unsigned short)((char *)m + m->n.nlmsg_len - (char *)nest);
}

/* scid_tun_to_attrs()'s @put: @value's low @size bytes, in host order as it gave them. */
static int put_word(void *ctx, int type, size_t size, uint32_t value)
{
	uint16_t half = (uint16_t)value;
	uint8_t byte = (uint8_t)value;
	const void *data = &value;

	if (size == 1)
		data = &byte;
	else if (size == 2)
		data = &half;
	return scidtun_nlmsg_put(ctx, (unsigned short)type, data, size);
}

/* IFLA_SCID_ALLOW: the request's list, whole; an empty nest empties the tunnel's. */
static int put_allow(struct scidtun_nlmsg *m, const struct scid_allow *a)
{
	struct rtattr *nest = scidtun_nlmsg_nest(m, IFLA_SCID_ALLOW);
	unsigned int i;

	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < a->n; i++) {
		if (scidtun_nlmsg_put(m, IFLA_SCID_ALLOW_PREFIX, &a->prefix[i],
				      sizeof(a->prefix[i])))
			return -EMSGSIZE;
	}
	scidtun_nlmsg_nest_end(m, nest);
	return 0;
}

/* IFLA_LINKINFO: the kind, and in its data @t's given words, then the external ones. */
static int put_linkinfo(struct scidtun_nlmsg *m, const struct scid_tun *t,
			const struct scidtun_request *req)
{
	static const char kind[] = "scid_ipip";
	struct rtattr *info, *data;
	int ret;

	info = scidtun_nlmsg_nest(m, IFLA_LINKINFO);
	if (!info || scidtun_nlmsg_put(m, IFLA_INFO_KIND, kind, sizeof(kind)))
		return -EMSGSIZE;
	data = scidtun_nlmsg_nest(m, IFLA_INFO_DATA);
	if (!data)
		return -EMSGSIZE;
	ret = scid_tun_to_attrs(t, put_word, m);
	if (!ret && req->external &&
	    scidtun_nlmsg_put(m, IFLA_IPTUN_COLLECT_METADATA, NULL, 0))
		ret = -EMSGSIZE;
	if (!ret && req->allow_given)
		ret = put_allow(m, req->allow);
	if (ret)
		return ret;
	scidtun_nlmsg_nest_end(m, data);
	scidtun_nlmsg_nest_end(m, info);
	return 0;
}

/**
 * scidtun_nlmsg_tunnel() - the one request for what the ioctls do not carry
 * @m: receives the RTM_NEWLINK request
 * @ifindex: the tunnel
 * @req: the command line's request
 * @given: which of its fields to send (SCIDTUN_GIVEN_NL, or fewer)
 *
 * The fwmark, the encapsulation, the pinned MTU, clamp-mss, the keepalive
 * settings, pmtu-probe and pmtu-raise, and an external tunnel's allow list
 * go together, in the kind's IFLA_INFO_DATA, so that the kernel takes all
 * of them or none: keepalive and probing off at once, say, where keepalive
 * off alone would be refused, or encap fou with its encap-dport.
 *
 * Return: 0, or -EMSGSIZE.
 */
int scidtun_nlmsg_tunnel(struct scidtun_nlmsg *m, int ifindex,
			 const struct scidtun_request *req, unsigned int given)
{
	struct scid_tun t;

	scidtun_request_words(req, given & SCIDTUN_GIVEN_NL, &t);
	scidtun_nlmsg_init(m, RTM_NEWLINK, 0, sizeof(m->ifi));
	m->ifi.ifi_family = AF_UNSPEC;
	m->ifi.ifi_index = ifindex;
	return put_linkinfo(m, &t, req);
}

/**
 * scidtun_nlmsg_create() - the request that adds an external tunnel
 * @m: receives the RTM_NEWLINK request
 * @req: what scidtun_parse_tunnel_args() built for add, with external
 *
 * The ioctls cannot create one (docs/external.md): one request carries
 * the name, the flag, the allow list, the fields SIOCADDTUNNEL would carry
 * (given or at add's defaults) and every other word given, so the tunnel
 * comes whole or not at all. An existing name is refused (EEXIST),
 * as SIOCADDTUNNEL refuses it.
 *
 * Return: 0, or -EMSGSIZE.
 */
int scidtun_nlmsg_create(struct scidtun_nlmsg *m, const struct scidtun_request *req)
{
	struct scid_tun t;

	scidtun_request_words(req, req->given, &t);
	/* The ioctl's fields always, at add's defaults when not given. */
	t.given = (t.given | SCIDTUN_GIVEN_PARM) & ~(SCIDTUN_GIVEN_REMOTE | SCIDTUN_GIVEN_LOCAL);
	scidtun_nlmsg_init(m, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, sizeof(m->ifi));
	m->ifi.ifi_family = AF_UNSPEC;
	if (scidtun_nlmsg_put(m, IFLA_IFNAME, req->parm.name,
			      strnlen(req->parm.name, IFNAMSIZ - 1) + 1))
		return -EMSGSIZE;
	return put_linkinfo(m, &t, req);
}

/* The kernel marks nests (NLA_F_NESTED): the type is what is left. */
static void by_type(const struct rtattr *rta, int len, const struct rtattr *tb[], int max)
{
	for (; RTA_OK(rta, len); rta = RTA_NEXT(rta, len)) {
		if ((rta->rta_type & NLA_TYPE_MASK) <= max)
			tb[rta->rta_type & NLA_TYPE_MASK] = rta;
	}
}

/**
 * scidtun_nlmsg_link_data() - the kind's data out of an RTM_NEWLINK answer
 * @n: the answer
 * @d: receives it; d->have is false when the answer has none of scid_ipip
 *
 * An external tunnel's allow list is allocated: scidtun_link_data_free()
 * frees it. Without memory for it, d->allow stays NULL and the tunnel
 * reads as external with its list unknown.
 */
void scidtun_nlmsg_link_data(const struct nlmsghdr *n, struct scidtun_link_data *d)
{
	const struct rtattr *ifla[IFLA_MAX + 1] = { NULL }, *info[IFLA_INFO_MAX + 1] = { NULL };
	struct rtattr *data[IFLA_SCID_MAX + 1] = { NULL };
	const struct ifinfomsg *ifi = NLMSG_DATA(n);
	const struct rtattr *kind;

	memset(d, 0, sizeof(*d));
	scid_tun_defaults(&d->words);
	d->ka.state = SCID_KA_STATE_OFF;
	d->ka.last = SCID_KA_NEVER;
	d->pmtu.state = SCID_PMTU_STATE_OFF;
	d->pmtu.age = SCID_KA_NEVER;
	if (n->nlmsg_type != RTM_NEWLINK || n->nlmsg_len < NLMSG_LENGTH(sizeof(*ifi)))
		return;
	by_type(IFLA_RTA(ifi), (int)IFLA_PAYLOAD(n), ifla, IFLA_MAX);
	if (!ifla[IFLA_LINKINFO])
		return;
	by_type(RTA_DATA(ifla[IFLA_LINKINFO]), (int)RTA_PAYLOAD(ifla[IFLA_LINKINFO]), info,
		IFLA_INFO_MAX);
	kind = info[IFLA_INFO_KIND];
	if (!kind || RTA_PAYLOAD(kind) < sizeof("scid_ipip") - 1 ||
	    strncmp(RTA_DATA(kind), "scid_ipip", RTA_PAYLOAD(kind)) || !info[IFLA_INFO_DATA])
		return;
	by_type(RTA_DATA(info[IFLA_INFO_DATA]), (int)RTA_PAYLOAD(info[IFLA_INFO_DATA]),
		(const struct rtattr **)data, IFLA_SCID_MAX);
	d->have = true;
	scid_tun_from_attrs(data, &d->words);
	d->words.given &= SCIDTUN_GIVEN_NL;
	scid_ka_status_from_attrs(data, &d->ka);
	scid_pmtu_status_from_attrs(data, &d->pmtu);
	d->external = data[IFLA_IPTUN_COLLECT_METADATA] != NULL;
	if (d->external) {
		d->allow = malloc(sizeof(*d->allow));
		if (d->allow)
			scid_allow_from_attr(data[IFLA_SCID_ALLOW], d->allow);
	}
}

/**
 * scidtun_link_data_free() - free what scidtun_nlmsg_link_data() allocated
 * @d: the link's data; its allow list goes
 */
void scidtun_link_data_free(struct scidtun_link_data *d)
{
	free(d->allow);
	d->allow = NULL;
}

/**
 * scidtun_nlmsg_extack() - the kernel's message in an error answer
 * @n: an NLMSG_ERROR answer
 * @buf: receives the message
 * @len: size of @buf
 *
 * Return: true if there was one (NETLINK_EXT_ACK).
 */
bool scidtun_nlmsg_extack(const struct nlmsghdr *n, char *buf, size_t len)
{
	const struct nlmsgerr *e = NLMSG_DATA(n);
	const struct rtattr *tb[NLMSGERR_ATTR_MAX + 1] = { NULL };
	size_t off = sizeof(*e);

	if (n->nlmsg_type != NLMSG_ERROR || !(n->nlmsg_flags & NLM_F_ACK_TLVS) || !len ||
	    n->nlmsg_len < NLMSG_LENGTH(off))
		return false;
	/* Without NETLINK_CAP_ACK the request comes back before the TLVs. */
	if (!(n->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len > NLMSG_HDRLEN ? e->msg.nlmsg_len - NLMSG_HDRLEN : 0;
	if (NLMSG_LENGTH(off) >= n->nlmsg_len)
		return false;
	by_type((const struct rtattr *)((const char *)e + off),
		(int)(n->nlmsg_len - NLMSG_LENGTH(off)), tb, NLMSGERR_ATTR_MAX);
	if (!tb[NLMSGERR_ATTR_MSG] || !RTA_PAYLOAD(tb[NLMSGERR_ATTR_MSG]))
		return false;
	snprintf(buf, len, "%.*s", (int)RTA_PAYLOAD(tb[NLMSGERR_ATTR_MSG]),
		 (const char *)RTA_DATA(tb[NLMSGERR_ATTR_MSG]));
	return buf[0] != '\0';
}
