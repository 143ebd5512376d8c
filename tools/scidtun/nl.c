// SPDX-License-Identifier: GPL-2.0
/*
 * rtnetlink, for what the tunnel ioctls do not cover: a tunnel's link
 * state, counters, pinned MTU and keepalive, and the IPv4 addresses and
 * routes setconf manages. The messages themselves are nlmsg.c's.
 * Tunnels themselves are still made and changed through ipc.c only.
 */

#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include "nl.h"
#include "nlmsg.h"

#define NL_BUF 32768

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
	nl->extack[0] = '\0';
	nl->buflen = NL_BUF;
	nl->buf = malloc(nl->buflen);
	if (!nl->buf)
		return -ENOMEM;
	nl->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (nl->fd < 0) {
		free(nl->buf);
		nl->buf = NULL;
		return -errno;
	}
	/* Acks need not echo the request: errno is all scidtun reads. */
	setsockopt(nl->fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	/* The kernel says which value it refused and why (4.12); older ones do not. */
	setsockopt(nl->fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	/*
	 * Strict dumps (4.20) filter by device in the kernel: setconf reads a
	 * tunnel's addresses and routes, not every one of the host's, which
	 * made it quadratic in the number of tunnels. Older kernels ignore
	 * the filters, and the callbacks below filter again.
	 */
	setsockopt(nl->fd, SOL_NETLINK, NETLINK_GET_STRICT_CHK, &one, sizeof(one));
	if (bind(nl->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		int err = -errno;

		scidtun_nl_close(nl);
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
	free(nl->buf);
	nl->buf = NULL;
}

/*
 * The next datagram, whole. A dump's datagram is usually at most 32 KiB,
 * but the kernel makes it as large as one message needs (a link with
 * many attributes), and a read into a smaller buffer would lose the rest:
 * peek at its size first and grow the buffer.
 */
static ssize_t receive(struct scidtun_nl *nl)
{
	ssize_t len;
	char *grown;

	for (;;) {
		len = recv(nl->fd, nl->buf, nl->buflen, MSG_PEEK | MSG_TRUNC);
		if (len < 0 && errno == EINTR)
			continue;
		if (len < 0)
			return -errno;
		if ((size_t)len <= nl->buflen)
			break;
		grown = realloc(nl->buf, (size_t)len);
		if (!grown)
			return -ENOMEM;
		nl->buf = grown;
		nl->buflen = (size_t)len;
	}
	do {
		len = recv(nl->fd, nl->buf, nl->buflen, 0);
	} while (len < 0 && errno == EINTR);
	return len < 0 ? -errno : len;
}

/*
 * Send @req, then read until its ack or the end of its dump. One request
 * at a time: an answer is read before the next request goes, so the
 * socket's receive buffer never holds more than one request's answers,
 * and a dump's next part is made only when the last one has been read.
 */
static int talk(struct scidtun_nl *nl, struct scidtun_nlmsg *req, nl_cb cb, void *arg)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	bool dump = (req->n.nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;
	struct nlmsghdr *h;
	ssize_t len;
	int ret = 0;

	nl->extack[0] = '\0';
	req->n.nlmsg_seq = ++nl->seq;
	if (!dump)
		req->n.nlmsg_flags |= NLM_F_ACK;
	if (sendto(nl->fd, req, req->n.nlmsg_len, 0, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return -errno;
	for (;;) {
		len = receive(nl);
		if (len < 0)
			return (int)len;
		for (h = (struct nlmsghdr *)nl->buf; NLMSG_OK(h, (size_t)len); h = NLMSG_NEXT(h, len)) {
			if (h->nlmsg_seq != nl->seq)
				continue;
			if (h->nlmsg_type == NLMSG_DONE)
				return ret;
			if (h->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e = NLMSG_DATA(h);

				/* Keep the first callback error, else the kernel's. */
				if (!ret)
					ret = e->error;
				if (e->error)
					scidtun_nlmsg_extack(h, nl->extack, sizeof(nl->extack));
				return ret;
			}
			if (cb && !ret)
				ret = cb(h, arg);
		}
	}
}

struct link_result {
	int ifindex;
	unsigned int flags;
	struct scidtun_stats *stats;
	struct scidtun_link_data *data;
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
	res->ifindex = ifi->ifi_index;
	res->flags = ifi->ifi_flags;
	if (res->data)
		scidtun_nlmsg_link_data(n, res->data);
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
 * scidtun_nl_link() - read a link's flags, counters and scid_ipip settings
 * @nl: the socket
 * @ifindex: the link
 * @flags: receives ifi_flags, or NULL
 * @stats: receives the rx and tx counters, or NULL
 * @data: receives the pinned MTU and the keepalive, or NULL
 *
 * Return: 0 or a negative errno.
 */
int scidtun_nl_link(struct scidtun_nl *nl, int ifindex, unsigned int *flags,
		    struct scidtun_stats *stats, struct scidtun_link_data *data)
{
	struct link_result res = { .stats = stats, .data = data };
	struct scidtun_nlmsg req;
	int ret;

	scidtun_nlmsg_init(&req, RTM_GETLINK, 0, sizeof(req.ifi));
	req.ifi.ifi_family = AF_UNSPEC;
	req.ifi.ifi_index = ifindex;
	/* talk() asks for an ack, which marks the end of the reply. */
	ret = talk(nl, &req, link_cb, &res);
	if (!ret && flags)
		*flags = res.flags;
	return ret;
}

/**
 * scidtun_nl_link_by_name() - scidtun_nl_link() for the link named @name
 * @nl: the socket
 * @name: the link
 * @ifindex: receives its index
 * @flags: receives ifi_flags, or NULL
 * @data: receives the pinned MTU and the keepalive, or NULL
 *
 * By name over rtnetlink rather than with if_nametoindex(): for a name
 * that does not exist, the ioctl behind it makes the kernel try to load a
 * module "netdev-NAME", a modprobe process each time, which cost setconf
 * 26 ms of guest time for each tunnel it created.
 *
 * Return: 0, -ENODEV if there is no such link, or a negative errno.
 */
int scidtun_nl_link_by_name(struct scidtun_nl *nl, const char *name, int *ifindex,
			    unsigned int *flags, struct scidtun_link_data *data)
{
	struct link_result res = { .data = data };
	char ifname[IFNAMSIZ] = { 0 };
	struct scidtun_nlmsg req;
	int ret;

	memcpy(ifname, name, strnlen(name, IFNAMSIZ - 1));
	scidtun_nlmsg_init(&req, RTM_GETLINK, 0, sizeof(req.ifi));
	req.ifi.ifi_family = AF_UNSPEC;
	ret = scidtun_nlmsg_put(&req, IFLA_IFNAME, ifname, strlen(ifname) + 1);
	if (!ret)
		ret = talk(nl, &req, link_cb, &res);
	if (ret)
		return ret;
	*ifindex = res.ifindex;
	if (flags)
		*flags = res.flags;
	return 0;
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
	struct scidtun_nlmsg req;

	scidtun_nlmsg_init(&req, RTM_NEWLINK, 0, sizeof(req.ifi));
	req.ifi.ifi_family = AF_UNSPEC;
	req.ifi.ifi_index = ifindex;
	req.ifi.ifi_flags = IFF_UP;
	req.ifi.ifi_change = IFF_UP;
	return talk(nl, &req, NULL, NULL);
}

/**
 * scidtun_nl_tunnel() - send what a command line asked of a tunnel beyond the ioctls
 * @nl: the socket; nl->extack receives the kernel's reason on failure
 * @ifindex: the tunnel
 * @req: the request
 * @given: which of its fields to send: SCIDTUN_GIVEN_NL, or fewer
 *
 * Return: 0 or a negative errno.
 */
int scidtun_nl_tunnel(struct scidtun_nl *nl, int ifindex, const struct scidtun_request *req,
		      unsigned int given)
{
	struct scidtun_nlmsg m;
	int ret;

	ret = scidtun_nlmsg_tunnel(&m, ifindex, req, given);
	if (ret)
		return ret;
	return talk(nl, &m, NULL, NULL);
}

/**
 * scidtun_set_tunnel() - scidtun_nl_tunnel() for a tunnel named @name
 * @name: the tunnel
 * @req: as for scidtun_nl_tunnel()
 * @given: as for scidtun_nl_tunnel()
 * @extack: receives the kernel's reason for a refusal, or ""
 * @len: size of @extack
 *
 * Return: 0 or a negative errno (-ENODEV when there is no such interface).
 */
int scidtun_set_tunnel(const char *name, const struct scidtun_request *req, unsigned int given,
		       char *extack, size_t len)
{
	struct scidtun_nl nl;
	unsigned int index;
	int ret;

	if (len)
		extack[0] = '\0';
	index = if_nametoindex(name);
	if (!index)
		return -ENODEV;
	ret = scidtun_nl_open(&nl);
	if (ret)
		return ret;
	ret = scidtun_nl_tunnel(&nl, (int)index, req, given);
	if (ret && len)
		snprintf(extack, len, "%s", nl.extack);
	scidtun_nl_close(&nl);
	return ret;
}

/**
 * scidtun_nl_send() - send a request and wait for its ack
 * @nl: the socket; nl->extack receives the kernel's reason on failure
 * @m: the request
 *
 * Return: 0 or a negative errno.
 */
int scidtun_nl_send(struct scidtun_nl *nl, struct scidtun_nlmsg *m)
{
	return talk(nl, m, NULL, NULL);
}

/**
 * scidtun_create_external() - add the external tunnel a command line asks for
 * @req: what scidtun_parse_tunnel_args() built for add, with external
 * @extack: receives the kernel's reason for a refusal, or ""
 * @len: size of @extack
 *
 * Return: 0 or a negative errno.
 */
int scidtun_create_external(const struct scidtun_request *req, char *extack, size_t len)
{
	struct scidtun_nlmsg m;
	struct scidtun_nl nl;
	int ret;

	if (len)
		extack[0] = '\0';
	ret = scidtun_nlmsg_create(&m, req);
	if (ret)
		return ret;
	ret = scidtun_nl_open(&nl);
	if (ret)
		return ret;
	ret = scidtun_nl_send(&nl, &m);
	if (ret && len)
		snprintf(extack, len, "%s", nl.extack);
	scidtun_nl_close(&nl);
	return ret;
}

/**
 * scidtun_link_states_free() - free what a dump of every link allocated
 * @links: struct scidtun_link_state items from scidtun_nl_all_links()
 */
void scidtun_link_states_free(struct scidtun_group *links)
{
	struct scidtun_link_state *st = (void *)links->items;
	size_t i;

	for (i = 0; i < links->count; i++)
		scidtun_link_data_free(&st[i].data);
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

/* An IPv4 address out of an RTM_NEWADDR answer; false for anything else. */
static bool addr_of(const struct nlmsghdr *n, int *ifindex, struct scidtun_addr *a)
{
	const struct ifaddrmsg *ifa = NLMSG_DATA(n);
	int len = (int)IFA_PAYLOAD(n);
	const struct rtattr *rta;
	bool have = false;

	if (n->nlmsg_type != RTM_NEWADDR || ifa->ifa_family != AF_INET)
		return false;
	memset(a, 0, sizeof(*a));
	for (rta = IFA_RTA(ifa); RTA_OK(rta, len); rta = RTA_NEXT(rta, len)) {
		if (rta->rta_type == IFA_LOCAL && RTA_PAYLOAD(rta) == 4) {
			memcpy(&a->addr, RTA_DATA(rta), 4);
			have = true;
		}
	}
	a->plen = ifa->ifa_prefixlen;
	*ifindex = (int)ifa->ifa_index;
	return have;
}

static int addr_cb(const struct nlmsghdr *n, void *arg)
{
	struct scidtun_addr a, *slot;
	struct list *l = arg;
	int ifindex;

	if (!addr_of(n, &ifindex, &a) || ifindex != l->ifindex)
		return 0;
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
	struct scidtun_nlmsg req;
	int ret;

	scidtun_nlmsg_init(&req, RTM_GETADDR, NLM_F_DUMP, sizeof(req.ifa));
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
	struct scidtun_nlmsg req;

	if (op == SCIDTUN_NL_DEL)
		scidtun_nlmsg_init(&req, RTM_DELADDR, 0, sizeof(req.ifa));
	else
		scidtun_nlmsg_init(&req, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, sizeof(req.ifa));
	req.ifa.ifa_family = AF_INET;
	req.ifa.ifa_prefixlen = a->plen;
	req.ifa.ifa_index = (unsigned int)ifindex;
	req.ifa.ifa_scope = RT_SCOPE_UNIVERSE;
	scidtun_nlmsg_put(&req, IFA_LOCAL, &a->addr, 4);
	scidtun_nlmsg_put(&req, IFA_ADDRESS, &a->addr, 4);
	return talk(nl, &req, NULL, NULL);
}

/*
 * A route of the main table out of an RTM_NEWROUTE answer; false for
 * those setconf neither owns nor removes: the kernel's own (proto kernel)
 * and multipath ones.
 */
static bool route_of(const struct nlmsghdr *n, int *oif, struct scidtun_route *r)
{
	const struct rtmsg *rtm = NLMSG_DATA(n);
	int len = (int)RTM_PAYLOAD(n);
	unsigned int table = rtm->rtm_table;
	const struct rtattr *rta;

	if (n->nlmsg_type != RTM_NEWROUTE || rtm->rtm_family != AF_INET ||
	    rtm->rtm_type != RTN_UNICAST || rtm->rtm_protocol == RTPROT_KERNEL)
		return false;
	memset(r, 0, sizeof(*r));
	*oif = 0;
	for (rta = RTM_RTA(rtm); RTA_OK(rta, len); rta = RTA_NEXT(rta, len)) {
		switch (rta->rta_type) {
		case RTA_DST:
			memcpy(&r->dst, RTA_DATA(rta), 4);
			break;
		case RTA_GATEWAY:
			memcpy(&r->gw, RTA_DATA(rta), 4);
			break;
		case RTA_OIF:
			memcpy(oif, RTA_DATA(rta), 4);
			break;
		case RTA_PRIORITY:
			memcpy(&r->metric, RTA_DATA(rta), 4);
			break;
		case RTA_TABLE:
			memcpy(&table, RTA_DATA(rta), 4);
			break;
		/*
		 * Not setconf's to print or remove: a file cannot say them,
		 * and an external tunnel's "encap ip" routes are its traffic.
		 */
		case RTA_MULTIPATH:
		case RTA_ENCAP:
			return false;
		}
	}
	r->plen = rtm->rtm_dst_len;
	r->onlink = rtm->rtm_flags & RTNH_F_ONLINK;
	return table == RT_TABLE_MAIN;
}

static int route_cb(const struct nlmsghdr *n, void *arg)
{
	struct scidtun_route r, *slot;
	struct list *l = arg;
	int oif;

	if (!route_of(n, &oif, &r) || oif != l->ifindex)
		return 0;
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
	struct scidtun_nlmsg req;
	int ret;

	scidtun_nlmsg_init(&req, RTM_GETROUTE, NLM_F_DUMP, sizeof(req.rtm));
	req.rtm.rtm_family = AF_INET;
	req.rtm.rtm_table = RT_TABLE_MAIN;
	scidtun_nlmsg_put(&req, RTA_OIF, &oif, 4);
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
	struct scidtun_nlmsg req;
	__u32 oif = (__u32)ifindex;

	if (op == SCIDTUN_NL_DEL)
		scidtun_nlmsg_init(&req, RTM_DELROUTE, 0, sizeof(req.rtm));
	else
		scidtun_nlmsg_init(&req, RTM_NEWROUTE,
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
		scidtun_nlmsg_put(&req, RTA_DST, &r->dst, 4);
	if (r->gw)
		scidtun_nlmsg_put(&req, RTA_GATEWAY, &r->gw, 4);
	if (r->metric)
		scidtun_nlmsg_put(&req, RTA_PRIORITY, &r->metric, 4);
	scidtun_nlmsg_put(&req, RTA_OIF, &oif, 4);
	return talk(nl, &req, NULL, NULL);
}

static int link_all_cb(const struct nlmsghdr *n, void *arg)
{
	const struct ifinfomsg *ifi = NLMSG_DATA(n);
	int len = (int)IFLA_PAYLOAD(n);
	struct scidtun_link_state st;
	const struct rtattr *rta;

	if (n->nlmsg_type != RTM_NEWLINK)
		return 0;
	memset(st.name, 0, sizeof(st.name));
	for (rta = IFLA_RTA(ifi); RTA_OK(rta, len); rta = RTA_NEXT(rta, len)) {
		if (rta->rta_type == IFLA_IFNAME)
			memcpy(st.name, RTA_DATA(rta), RTA_PAYLOAD(rta) < IFNAMSIZ - 1 ?
			       RTA_PAYLOAD(rta) : IFNAMSIZ - 1);
	}
	st.flags = ifi->ifi_flags;
	scidtun_nlmsg_link_data(n, &st.data);
	return scidtun_group_add(arg, ifi->ifi_index, &st);
}

static int addr_all_cb(const struct nlmsghdr *n, void *arg)
{
	struct scidtun_addr a;
	int ifindex;

	return addr_of(n, &ifindex, &a) ? scidtun_group_add(arg, ifindex, &a) : 0;
}

static int route_all_cb(const struct nlmsghdr *n, void *arg)
{
	struct scidtun_route r;
	int oif;

	return route_of(n, &oif, &r) ? scidtun_group_add(arg, oif, &r) : 0;
}

/* One dump into @g, which is emptied first and sorted after. */
static int dump_all(struct scidtun_nl *nl, struct scidtun_nlmsg *req, nl_cb cb,
		    struct scidtun_group *g)
{
	int ret;

	scidtun_group_clear(g);
	ret = talk(nl, req, cb, g);
	if (!ret)
		ret = scidtun_group_sort(g);
	if (ret)
		scidtun_group_clear(g);
	return ret;
}

/**
 * scidtun_nl_all_links() - the name, flags and scid_ipip settings of every link
 * @nl: the socket
 * @links: receives struct scidtun_link_state items, SCIDTUN_GROUP_INIT()ed
 *
 * Return: 0 or a negative errno.
 */
int scidtun_nl_all_links(struct scidtun_nl *nl, struct scidtun_group *links)
{
	struct scidtun_nlmsg req;

	scidtun_nlmsg_init(&req, RTM_GETLINK, NLM_F_DUMP, sizeof(req.ifi));
	req.ifi.ifi_family = AF_UNSPEC;
	return dump_all(nl, &req, link_all_cb, links);
}

/**
 * scidtun_nl_all_addrs() - every IPv4 address, as scidtun_nl_addrs() has them
 * @nl: the socket
 * @addrs: receives struct scidtun_addr items, SCIDTUN_GROUP_INIT()ed
 *
 * Return: 0 or a negative errno.
 */
int scidtun_nl_all_addrs(struct scidtun_nl *nl, struct scidtun_group *addrs)
{
	struct scidtun_nlmsg req;

	scidtun_nlmsg_init(&req, RTM_GETADDR, NLM_F_DUMP, sizeof(req.ifa));
	req.ifa.ifa_family = AF_INET;
	return dump_all(nl, &req, addr_all_cb, addrs);
}

/**
 * scidtun_nl_all_routes() - every route of the main table, grouped by
 * output interface, as scidtun_nl_routes() has them
 * @nl: the socket
 * @routes: receives struct scidtun_route items, SCIDTUN_GROUP_INIT()ed
 *
 * Return: 0 or a negative errno.
 */
int scidtun_nl_all_routes(struct scidtun_nl *nl, struct scidtun_group *routes)
{
	struct scidtun_nlmsg req;

	scidtun_nlmsg_init(&req, RTM_GETROUTE, NLM_F_DUMP, sizeof(req.rtm));
	req.rtm.rtm_family = AF_INET;
	req.rtm.rtm_table = RT_TABLE_MAIN;
	return dump_all(nl, &req, route_all_cb, routes);
}
