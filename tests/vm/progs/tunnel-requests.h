/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tunnel-requests.h: the two ways the hard-* and link-* programs configure
 * tunnels, an ioctl on a device name and one rtnetlink request with its
 * answer.
 * Each program is built from its own .c alone, hence a header of static
 * inline functions.
 */
#ifndef TUNNEL_REQUESTS_H
#define TUNNEL_REQUESTS_H

#include <errno.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>

/**
 * tunnel_ioctl() - one request on a device by name
 * @fd: any AF_INET socket
 * @cmd: SIOC*TUNNEL or another device ioctl
 * @dev: device name; cut to IFNAMSIZ bytes, not necessarily terminated
 * @data: ifr_data
 *
 * Return: 0 or the errno the kernel answered with.
 */
static inline int tunnel_ioctl(int fd, unsigned long cmd, const char *dev,
			       void *data)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, dev, strnlen(dev, IFNAMSIZ));
	ifr.ifr_data = data;
	return ioctl(fd, cmd, &ifr) ? errno : 0;
}

#define RTNL_REQ_BYTES	2048

/* An ifinfomsg request and its attributes, built in place. */
struct rtnl_req {
	union {
		struct nlmsghdr nh;
		char buf[RTNL_REQ_BYTES];
	} u;
};

/* A link request (RTM_NEWLINK, _DELLINK, _GETLINK) that asks for an ack. */
static inline void rtnl_req_init(struct rtnl_req *r, uint16_t type,
				 uint16_t flags, int ifindex,
				 unsigned int ifi_flags, unsigned int change)
{
	struct ifinfomsg *ifi;

	memset(r, 0, sizeof(*r));
	r->u.nh.nlmsg_len = NLMSG_LENGTH(sizeof(*ifi));
	r->u.nh.nlmsg_type = type;
	r->u.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	ifi = NLMSG_DATA(&r->u.nh);
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = ifindex;
	ifi->ifi_flags = ifi_flags;
	ifi->ifi_change = change;
}

/*
 * Appends an attribute (a nest when @len is 0 and rtnl_req_end() closes
 * it). Returns it, or NULL with the request unchanged when it does not fit.
 */
static inline struct nlattr *rtnl_req_put(struct rtnl_req *r, uint16_t type,
					  const void *data, size_t len)
{
	size_t at = NLMSG_ALIGN(r->u.nh.nlmsg_len);
	struct nlattr *a;

	if (at + NLA_HDRLEN + NLA_ALIGN(len) > sizeof(r->u.buf))
		return NULL;
	a = (struct nlattr *)(r->u.buf + at);
	a->nla_type = type;
	a->nla_len = (uint16_t)(NLA_HDRLEN + len);
	if (len)
		memcpy((char *)a + NLA_HDRLEN, data, len);
	r->u.nh.nlmsg_len = (uint32_t)(at + NLA_ALIGN(a->nla_len));
	return a;
}

/* Closes a nest opened by rtnl_req_put(); a NULL nest is ignored. */
static inline void rtnl_req_end(struct rtnl_req *r, struct nlattr *nest)
{
	if (nest)
		nest->nla_len = (uint16_t)(r->u.buf + r->u.nh.nlmsg_len - (char *)nest);
}

/*
 * Copies the extended ack's message (NLMSGERR_ATTR_MSG) of the error
 * message @nh into @msg, or leaves @msg alone when there is none.
 */
static inline void rtnl_ack_msg(const struct nlmsghdr *nh, char *msg,
				size_t msglen)
{
	const struct nlmsgerr *e = NLMSG_DATA(nh);
	const struct nlattr *a;
	size_t off;
	int left;

	if (!(nh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	/* The request comes back whole unless capped. */
	off = sizeof(*e);
	if (!(nh->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	a = (const struct nlattr *)((const char *)e + NLMSG_ALIGN(off));
	left = (int)nh->nlmsg_len - (int)NLMSG_HDRLEN - (int)NLMSG_ALIGN(off);
	while (left >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN &&
	       a->nla_len <= left) {
		if ((a->nla_type & NLA_TYPE_MASK) == NLMSGERR_ATTR_MSG)
			snprintf(msg, msglen, "%.*s",
				 (int)(a->nla_len - NLA_HDRLEN),
				 (const char *)a + NLA_HDRLEN);
		left -= NLA_ALIGN(a->nla_len);
		a = (const struct nlattr *)((const char *)a + NLA_ALIGN(a->nla_len));
	}
}

/**
 * rtnl_req_talk_msg() - send a request and wait for its answer, with the
 *                       kernel's reason for a refusal
 * @fd: bound NETLINK_ROUTE socket; the kernel gives reasons only once
 *      NETLINK_EXT_ACK is set on it
 * @seq: the caller's sequence counter; the request takes the next number
 * @r: request
 * @lost: set when no answer could be read (the socket failed, e.g. with
 *        ENOBUFS when the kernel could not allocate it); may be NULL
 * @msg: the extended ack's message when the request was refused, else "";
 *       may be NULL
 * @msglen: size of @msg
 *
 * Messages of earlier requests are skipped. A message other than an error
 * (a GETLINK's answer) counts as success.
 *
 * Return: 0, or the positive errno of the answer or of the socket.
 */
static inline int rtnl_req_talk_msg(int fd, uint32_t *seq, struct rtnl_req *r,
				    bool *lost, char *msg, size_t msglen)
{
	char buf[8192];
	struct nlmsghdr *nh;
	ssize_t n;

	if (lost)
		*lost = false;
	if (msg && msglen)
		msg[0] = '\0';
	r->u.nh.nlmsg_seq = ++*seq;
	if (send(fd, r, r->u.nh.nlmsg_len, 0) < 0)
		return errno;
	for (;;) {
		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (lost)
				*lost = true;
			return errno;
		}
		for (nh = (struct nlmsghdr *)buf; NLMSG_OK(nh, (size_t)n);
		     nh = NLMSG_NEXT(nh, n)) {
			int err;

			if (nh->nlmsg_seq != *seq)
				continue;
			if (nh->nlmsg_type != NLMSG_ERROR)
				return 0;
			err = -((struct nlmsgerr *)NLMSG_DATA(nh))->error;
			if (err && msg && msglen)
				rtnl_ack_msg(nh, msg, msglen);
			return err;
		}
	}
}

/* rtnl_req_talk_msg() for the callers that need no reason. */
static inline int rtnl_req_talk(int fd, uint32_t *seq, struct rtnl_req *r,
				bool *lost)
{
	return rtnl_req_talk_msg(fd, seq, r, lost, NULL, 0);
}

#endif /* TUNNEL_REQUESTS_H */
