// SPDX-License-Identifier: GPL-2.0
/*
 * rtnetlink, for what the tunnel ioctls do not cover: a tunnel's link
 * state, counters and pinned MTU, and the IPv4 addresses and routes
 * setconf manages.
 * Tunnels themselves are still made and changed through ipc.c only.
 */

#include <errno.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include "nl.h"

#define NL_BUF 32768

struct nl_req {
	struct nlmsghdr n;
	union {
		struct ifinfomsg ifi;
		struct ifaddrmsg ifa;
		struct rtmsg rtm;
	};
	char attrs[256];
};

typedef int (*nl_cb)(const struct nlmsghdr *n, void *arg);

/**
 * scidtun_nl_open() - open an rtnetlink socket
 * @nl: receives it
 *
 * Return: 0 or a negative errno.
 */
int scidtun_nl_open(struct scidtun_nl *nl)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int one = 1;

	nl->seq = 0;
	nl->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (nl->fd < 0)
		return -errno;
	/* Acks need not echo the request: errno is all scidtun reads. */
	setsockopt(nl->fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	/*
	 * Strict dumps (4.20) filter by device in the kernel: setconf reads a
	 * tunnel's addresses and routes, not every one of the host's, which
	 * made it quadratic in the number of tunnels. Older kernels ignore
	 * the filters, and the callbacks below filter again.
	 */
	setsockopt(nl->fd, SOL_NETLINK, NETLINK_GET_STRICT_CHK, &one, sizeof(one));
	if (bind(nl->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		int err = -errno;

		close(nl->fd);
		nl->fd = -1;
		return err;
	}
	return 0;
}

/**
 * scidtun_nl_close() - close what scidtun_nl_open() opened
 * @nl: the socket
 */
void scidtun_nl_close(struct scidtun_nl *nl)
{
	if (nl->fd >= 0)
		close(nl->fd);
	nl->fd = -1;
}

static void add_attr(struct nl_req *req, unsigned short type, const void *data, size_t len)
{
	struct rtattr *rta = (struct rtattr *)((char *)req + NLMSG_ALIGN(req->n.nlmsg_len));

	rta->rta_type = type;
	rta->rta_len = (unsigned short)RTA_LENGTH(len);
	memcpy(RTA_DATA(rta), data, len);
	req->n.nlmsg_len = NLMSG_ALIGN(req->n.nlmsg_len) + RTA_ALIGN(rta->rta_len);
}

static struct rtattr *nest_begin(struct nl_req *req, unsigned short type)
{
	struct rtattr *nest = (struct rtattr *)((char *)req + NLMSG_ALIGN(req->n.nlmsg_len));

	add_attr(req, type, NULL, 0);
	return nest;
}

static void nest_end(struct nl_req *req, struct rtattr *nest)
{
	nest->rta_len = (unsigned short)((char *)req + req->n.nlmsg_len - (char *)nest);
}

/* Send @req, then read until its ack or the end of its dump. */
static int talk(struct scidtun_nl *nl, struct nl_req *req, nl_cb cb, void *arg)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	bool dump = (req->n.nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;
	struct nlmsghdr *h;
	char *buf;
	ssize_t len;
	int ret = 0;

	req->n.nlmsg_seq = ++nl->seq;
	if (!dump)
		req->n.nlmsg_flags |= NLM_F_ACK;
	if (sendto(nl->fd, req, req->n.nlmsg_len, 0, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return -errno;
	buf = malloc(NL_BUF);
	if (!buf)
		return -ENOMEM;
	for (;;) {
		len = recv(nl->fd, buf, NL_BUF, 0);
		if (len < 0) {
			if (errno == EINTR)
				continue;
			ret = -errno;
			break;
		}
		for (h = (struct nlmsghdr *)buf; NLMSG_OK(h, (size_t)len); h = NLMSG_NEXT(h, len)) {
			if (h->nlmsg_seq != nl->seq)
				continue;
			if (h->nlmsg_type == NLMSG_DONE)
				goto out;
			if (h->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e = NLMSG_DATA(h);

				/* Keep the first callback error, else the kernel's. */
				if (!ret)
					ret = e->error;
				goto out;
			}
			if (cb && !ret)
				ret = cb(h, arg);
		}
	}
out:
	free(buf);
	return ret;
}

static void init_req(struct nl_req *req, unsigned short type, unsigned short flags,
		     size_t body)
{
	memset(req, 0, sizeof(*req));
	req->n.nlmsg_len = NLMSG_LENGTH(body);
	req->n.nlmsg_type = type;
	req->n.nlmsg_flags = NLM_F_REQUEST | flags;
}

struct link_result {
	unsigned int flags;
	struct scidtun_stats *stats;
};

static int link_cb(const struct nlmsghdr *n, void *arg)
{
	const struct ifinfomsg *ifi = NLMSG_DATA(n);
	struct link_result *res = arg;
	const struct rtattr *rta;
	int len = (int)IFLA_PAYLOAD(n);
	struct rtnl_link_stats64 st;

	if (n->nlmsg_type != RTM_NEWLINK)
		return 0;
	res->flags = ifi->ifi_flags;
	for (rta = IFLA_RTA(ifi); RTA_OK(rta, len); rta = RTA_NEXT(rta, len)) {
		if (rta->rta_type != IFLA_STATS64 || !res->stats)
			continue;
		memset(&st, 0, sizeof(st));
		memcpy(&st, RTA_DATA(rta), RTA_PAYLOAD(rta) < sizeof(st) ? RTA_PAYLOAD(rta) :
		       sizeof(st));
		res->stats->have_link = true;
		res->stats->rx_packets = st.rx_packets;
		res->stats->rx_bytes = st.rx_bytes;
		res->stats->rx_errors = st.rx_errors;
		res->stats->rx_dropped = st.rx_dropped;
		res->stats->tx_packets = st.tx_packets;
		res->stats->tx_bytes = st.tx_bytes;
		res->stats->tx_errors = st.tx_errors;
		res->stats->tx_dropped = st.tx_dropped;
	}
	return 0;
}

/**
 * scidtun_nl_link() - read a link's flags and counters
 * @nl: the socket
 * @ifindex: the link
 * @flags: receives ifi_flags, or NULL
 * @stats: receives the rx and tx counters, or NULL
 *
 * Return: 0 or a negative errno.
 */
int scidtun_nl_link(struct scidtun_nl *nl, int ifindex, unsigned int *flags,
		    struct scidtun_stats *stats)
{
	struct link_result res = { .stats = stats };
	struct nl_req req;
	int ret;

	init_req(&req, RTM_GETLINK, 0, sizeof(req.ifi));
	req.ifi.ifi_family = AF_UNSPEC;
	req.ifi.ifi_index = ifindex;
	/* talk() asks for an ack, which marks the end of the reply. */
	ret = talk(nl, &req, link_cb, &res);
	if (!ret && flags)
		*flags = res.flags;
	return ret;
}

/**
 * scidtun_nl_link_up() - set IFF_UP on a link
 * @nl: the socket
 * @ifindex: the link
 *
 * Return: 0 or a negative errno.
 */
int scidtun_nl_link_up(struct scidtun_nl *nl, int ifindex)
{
	struct nl_req req;

	init_req(&req, RTM_NEWLINK, 0, sizeof(req.ifi));
	req.ifi.ifi_family = AF_UNSPEC;
	req.ifi.ifi_index = ifindex;
	req.ifi.ifi_flags = IFF_UP;
	req.ifi.ifi_change = IFF_UP;
	return talk(nl, &req, NULL, NULL);
}

/**
 * scidtun_nl_tunnel_mtu() - pin a tunnel's MTU, or let it follow its underlay
 * @nl: the socket
 * @ifindex: the tunnel
 * @mtu: the MTU to keep, even if it is the current one; 0 for auto
 *
 * Return: 0 or a negative errno.
 */
int scidtun_nl_tunnel_mtu(struct scidtun_nl *nl, int ifindex, uint16_t mtu)
{
	static const char kind[] = "scid_ipip";
	struct rtattr *info, *data;
	uint32_t value = mtu;
	struct nl_req req;

	init_req(&req, RTM_NEWLINK, 0, sizeof(req.ifi));
	req.ifi.ifi_family = AF_UNSPEC;
	req.ifi.ifi_index = ifindex;
	info = nest_begin(&req, IFLA_LINKINFO);
	add_attr(&req, IFLA_INFO_KIND, kind, sizeof(kind));
	data = nest_begin(&req, IFLA_INFO_DATA);
	add_attr(&req, IFLA_SCID_MTU, &value, sizeof(value));
	nest_end(&req, data);
	nest_end(&req, info);
	return talk(nl, &req, NULL, NULL);
}

/**
 * scidtun_set_mtu() - scidtun_nl_tunnel_mtu() for a tunnel named @name
 * @name: the tunnel
 * @mtu: as for scidtun_nl_tunnel_mtu()
 *
 * Return: 0 or a negative errno (-ENODEV when there is no such interface).
 */
int scidtun_set_mtu(const char *name, uint16_t mtu)
{
	struct scidtun_nl nl;
	unsigned int index;
	int ret;

	index = if_nametoindex(name);
	if (!index)
		return -ENODEV;
	ret = scidtun_nl_open(&nl);
	if (ret)
		return ret;
	ret = scidtun_nl_tunnel_mtu(&nl, (int)index, mtu);
	scidtun_nl_close(&nl);
	return ret;
}

struct list {
	int ifindex;
	void *items;
	size_t count, size, max;
};

static void *list_slot(struct list *l)
{
	void *grown;

	if (l->count == l->max) {
		l->max = l->max ? l->max * 2 : 8;
		grown = realloc(l->items, l->max * l->size);
		if (!grown)
			return NULL;
		l->items = grown;
	}
	return (char *)l->items + l->count++ * l->size;
}

static int addr_cb(const struct nlmsghdr *n, void *arg)
{
	const struct ifaddrmsg *ifa = NLMSG_DATA(n);
	struct scidtun_addr a = { 0 }, *slot;
	int len = (int)IFA_PAYLOAD(n);
	const struct rtattr *rta;
	bool have = false;
	struct list *l = arg;

	if (n->nlmsg_type != RTM_NEWADDR || ifa->ifa_family != AF_INET ||
	    (int)ifa->ifa_index != l->ifindex)
		return 0;
	for (rta = IFA_RTA(ifa); RTA_OK(rta, len); rta = RTA_NEXT(rta, len)) {
		if (rta->rta_type == IFA_LOCAL && RTA_PAYLOAD(rta) == 4) {
			memcpy(&a.addr, RTA_DATA(rta), 4);
			have = true;
		}
	}
	if (!have)
		return 0;
	a.plen = ifa->ifa_prefixlen;
	slot = list_slot(l);
	if (!slot)
		return -ENOMEM;
	*slot = a;
	return 0;
}

/**
 * scidtun_nl_addrs() - the IPv4 addresses of a link
 * @nl: the socket
 * @ifindex: the link
 * @out: receives a malloc()ed array; free() it
 * @n: receives its length
 *
 * Return: 0 or a negative errno.
 */
int scidtun_nl_addrs(struct scidtun_nl *nl, int ifindex, struct scidtun_addr **out, size_t *n)
{
	struct list l = { .ifindex = ifindex, .size = sizeof(struct scidtun_addr) };
	struct nl_req req;
	int ret;

	init_req(&req, RTM_GETADDR, NLM_F_DUMP, sizeof(req.ifa));
	req.ifa.ifa_family = AF_INET;
	req.ifa.ifa_index = (unsigned int)ifindex;
	ret = talk(nl, &req, addr_cb, &l);
	if (ret) {
		free(l.items);
		return ret;
	}
	*out = l.items;
	*n = l.count;
	return 0;
}

/**
 * scidtun_nl_addr() - add or delete an IPv4 address of a link
 * @nl: the socket
 * @op: SCIDTUN_NL_ADD (fails if present) or SCIDTUN_NL_DEL
 * @ifindex: the link
 * @a: the address
 *
 * Return: 0 or a negative errno.
 */
int scidtun_nl_addr(struct scidtun_nl *nl, enum scidtun_nl_op op, int ifindex,
		    const struct scidtun_addr *a)
{
	struct nl_req req;

	if (op == SCIDTUN_NL_DEL)
		init_req(&req, RTM_DELADDR, 0, sizeof(req.ifa));
	else
		init_req(&req, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, sizeof(req.ifa));
	req.ifa.ifa_family = AF_INET;
	req.ifa.ifa_prefixlen = a->plen;
	req.ifa.ifa_index = (unsigned int)ifindex;
	req.ifa.ifa_scope = RT_SCOPE_UNIVERSE;
	add_attr(&req, IFA_LOCAL, &a->addr, 4);
	add_attr(&req, IFA_ADDRESS, &a->addr, 4);
	return talk(nl, &req, NULL, NULL);
}

static int route_cb(const struct nlmsghdr *n, void *arg)
{
	const struct rtmsg *rtm = NLMSG_DATA(n);
	struct scidtun_route r = { 0 }, *slot;
	int len = (int)RTM_PAYLOAD(n), oif = 0;
	unsigned int table = rtm->rtm_table;
	const struct rtattr *rta;
	struct list *l = arg;

	if (n->nlmsg_type != RTM_NEWROUTE || rtm->rtm_family != AF_INET ||
	    rtm->rtm_type != RTN_UNICAST || rtm->rtm_protocol == RTPROT_KERNEL)
		return 0;
	for (rta = RTM_RTA(rtm); RTA_OK(rta, len); rta = RTA_NEXT(rta, len)) {
		switch (rta->rta_type) {
		case RTA_DST:
			memcpy(&r.dst, RTA_DATA(rta), 4);
			break;
		case RTA_GATEWAY:
			memcpy(&r.gw, RTA_DATA(rta), 4);
			break;
		case RTA_OIF:
			memcpy(&oif, RTA_DATA(rta), 4);
			break;
		case RTA_PRIORITY:
			memcpy(&r.metric, RTA_DATA(rta), 4);
			break;
		case RTA_TABLE:
			memcpy(&table, RTA_DATA(rta), 4);
			break;
		case RTA_MULTIPATH:
			return 0;
		}
	}
	if (table != RT_TABLE_MAIN || oif != l->ifindex)
		return 0;
	r.plen = rtm->rtm_dst_len;
	r.onlink = rtm->rtm_flags & RTNH_F_ONLINK;
	slot = list_slot(l);
	if (!slot)
		return -ENOMEM;
	*slot = r;
	return 0;
}

/**
 * scidtun_nl_routes() - the IPv4 routes of the main table through a link
 * @nl: the socket
 * @ifindex: the link
 * @out: receives a malloc()ed array; free() it
 * @n: receives its length
 *
 * Routes the kernel made itself (proto kernel) and multipath routes are
 * left out: setconf neither owns nor removes them.
 *
 * Return: 0 or a negative errno.
 */
int scidtun_nl_routes(struct scidtun_nl *nl, int ifindex, struct scidtun_route **out, size_t *n)
{
	struct list l = { .ifindex = ifindex, .size = sizeof(struct scidtun_route) };
	__u32 oif = (__u32)ifindex;
	struct nl_req req;
	int ret;

	init_req(&req, RTM_GETROUTE, NLM_F_DUMP, sizeof(req.rtm));
	req.rtm.rtm_family = AF_INET;
	req.rtm.rtm_table = RT_TABLE_MAIN;
	add_attr(&req, RTA_OIF, &oif, 4);
	ret = talk(nl, &req, route_cb, &l);
	if (ret) {
		free(l.items);
		return ret;
	}
	*out = l.items;
	*n = l.count;
	return 0;
}

/**
 * scidtun_nl_route() - add, replace or delete a route through a link
 * @nl: the socket
 * @op: SCIDTUN_NL_ADD (fails if the destination is routed already),
 *	SCIDTUN_NL_REPLACE or SCIDTUN_NL_DEL
 * @ifindex: the link
 * @r: the route, in the main table
 *
 * Return: 0 or a negative errno.
 */
int scidtun_nl_route(struct scidtun_nl *nl, enum scidtun_nl_op op, int ifindex,
		     const struct scidtun_route *r)
{
	struct nl_req req;
	__u32 oif = (__u32)ifindex;

	if (op == SCIDTUN_NL_DEL)
		init_req(&req, RTM_DELROUTE, 0, sizeof(req.rtm));
	else
		init_req(&req, RTM_NEWROUTE,
			 NLM_F_CREATE | (op == SCIDTUN_NL_ADD ? NLM_F_EXCL : NLM_F_REPLACE),
			 sizeof(req.rtm));
	req.rtm.rtm_family = AF_INET;
	req.rtm.rtm_dst_len = r->plen;
	req.rtm.rtm_table = RT_TABLE_MAIN;
	req.rtm.rtm_protocol = RTPROT_STATIC;
	req.rtm.rtm_type = RTN_UNICAST;
	req.rtm.rtm_scope = r->gw ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK;
	/* A delete matches any protocol: the route may be from ip route add. */
	if (op == SCIDTUN_NL_DEL) {
		req.rtm.rtm_scope = RT_SCOPE_NOWHERE;
		req.rtm.rtm_protocol = RTPROT_UNSPEC;
	}
	if (r->onlink)
		req.rtm.rtm_flags |= RTNH_F_ONLINK;
	if (r->plen)
		add_attr(&req, RTA_DST, &r->dst, 4);
	if (r->gw)
		add_attr(&req, RTA_GATEWAY, &r->gw, 4);
	if (r->metric)
		add_attr(&req, RTA_PRIORITY, &r->metric, 4);
	add_attr(&req, RTA_OIF, &oif, 4);
	return talk(nl, &req, NULL, NULL);
}
