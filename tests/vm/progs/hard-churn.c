// SPDX-License-Identifier: GPL-2.0
/*
 * hard-churn: add, change and delete scid_ipip tunnels as fast as the kernel
 * answers, half through the tunnel ioctls and half through rtnetlink, and
 * check every answer against the one the request must get.
 *
 *   hard-churn -n OPS [-s SEED] [-p POOL] [-l IFACE] [-t SECONDS] [-P PREFIX]
 *              [-d N] [-u PERCENT]
 *
 * POOL (default 64) tunnels PREFIX0.. come and go in the current network
 * namespace. Each operation picks one at random: an absent one is added, a
 * present one is changed (TTL, TOS, DF policy, local address, link device,
 * remote, MTU, keepalive, up/down) or, one time in N (default 3), deleted; PERCENT
 * (default 20) of the changes are an up or a down. Some changes are meant
 * to collide with another tunnel's endpoints (EEXIST) or to add or drop a
 * remote (EINVAL);
 * every other request must succeed. Every 16th operation reads a tunnel
 * back with SIOCGETTUNNEL and compares. At the end every tunnel left is
 * deleted. Prints one line:
 *   churn ops=N add=N chg=N del=N get=N ioctl=N rtnl=N eexist=N einval=N
 *   unexpected=N seconds=S
 * and exits 0 when nothing was unexpected, 1 otherwise. -t stops early
 * after SECONDS (the line says how many operations were done).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <linux/if_link.h>
#include <linux/if_tunnel.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sockios.h>
#include "../../../module/uapi/scid_ipip.h"

#include "arg-number.h"
#include "tunnel-requests.h"

#define KIND		"scid_ipip"
#define CTL		SCID_CTL_NAME
#define MAX_POOL	4096
#define IP4(a, b, c, d)	htonl((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | \
			      (uint32_t)(c) << 8 | (uint32_t)(d))

struct tun {
	bool live;
	bool up;
	char name[IFNAMSIZ];
	uint32_t local, remote;
	int link;
	uint8_t ttl, tos;
	uint16_t frag_off;	/* host order */
};

struct churn {
	int fd;		/* AF_INET socket for the ioctls */
	int nl;		/* NETLINK_ROUTE */
	uint32_t seq;
	uint64_t rng;
	int pool;
	int lower;	/* ifindex of -l, or 0 */
	uint32_t del_one_in;
	uint32_t updown_percent;
	struct tun *t;
	unsigned long ops, add, chg, del, get, ioctls, rtnls, eexist, einval;
	unsigned long unexpected, updown;
	/* Seconds spent in each kind of request, to say where the time goes. */
	double s_add, s_chg, s_del, s_updown;
};

static const char *prog = "hard-churn";

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint32_t rnd(struct churn *c)
{
	/* xorshift64*: fast, and the same sequence for the same seed. */
	c->rng ^= c->rng >> 12;
	c->rng ^= c->rng << 25;
	c->rng ^= c->rng >> 27;
	return (uint32_t)((c->rng * 0x2545f4914f6cdd1dULL) >> 32);
}

static uint32_t pick(struct churn *c, uint32_t n)
{
	return rnd(c) % n;
}

static void set_name(char *dst, const char *src)
{
	memset(dst, 0, IFNAMSIZ);
	memcpy(dst, src, strnlen(src, IFNAMSIZ - 1));
}

static void parm_of(const struct tun *t, struct ip_tunnel_parm *p)
{
	memset(p, 0, sizeof(*p));
	set_name(p->name, t->name);
	p->link = t->link;
	p->iph.version = 4;
	p->iph.ihl = 5;
	p->iph.protocol = IPPROTO_IPIP;
	p->iph.ttl = t->ttl;
	p->iph.tos = t->tos;
	p->iph.frag_off = htons(t->frag_off);
	p->iph.saddr = t->local;
	p->iph.daddr = t->remote;
}

static uint8_t pmtudisc_of(uint16_t frag_off)
{
	return frag_off == SCID_FRAG_OFF_PMTUDISC ? SCID_PMTUDISC_ON :
	       frag_off == SCID_FRAG_OFF_NODF ? SCID_PMTUDISC_NODF : SCID_PMTUDISC_INHERIT;
}

/* IFLA_LINKINFO with every parameter of @t, as `ip link add` sends it. */
static void nl_put_tunnel(struct rtnl_req *r, const struct tun *t, unsigned int which)
{
	struct nlattr *info, *data;
	uint32_t link = (uint32_t)t->link;
	uint8_t pmtu = pmtudisc_of(t->frag_off);

	info = rtnl_req_put(r, IFLA_LINKINFO, NULL, 0);
	rtnl_req_put(r, IFLA_INFO_KIND, KIND, sizeof(KIND));
	data = rtnl_req_put(r, IFLA_INFO_DATA, NULL, 0);
	if (which & 1)
		rtnl_req_put(r, IFLA_IPTUN_LOCAL, &t->local, 4);
	if (which & 2)
		rtnl_req_put(r, IFLA_IPTUN_REMOTE, &t->remote, 4);
	if (which & 4)
		rtnl_req_put(r, IFLA_IPTUN_LINK, &link, 4);
	if (which & 8)
		rtnl_req_put(r, IFLA_IPTUN_TTL, &t->ttl, 1);
	if (which & 16)
		rtnl_req_put(r, IFLA_IPTUN_TOS, &t->tos, 1);
	if (which & 32)
		rtnl_req_put(r, IFLA_IPTUN_PMTUDISC, &pmtu, 1);
	rtnl_req_end(r, data);
	rtnl_req_end(r, info);
}

/* The stored form: a fixed TTL turns "inherit DF" into pmtudisc. */
static void normalize(struct tun *t)
{
	if (t->ttl && !t->frag_off)
		t->frag_off = SCID_FRAG_OFF_PMTUDISC;
}

/* The tunnel (other than @self) already holding these endpoints, or -1. */
static int holder(const struct churn *c, const struct tun *want, int self)
{
	int i;

	for (i = 0; i < c->pool; i++) {
		const struct tun *o = &c->t[i];

		if (i == self || !o->live)
			continue;
		if (o->local == want->local && o->remote == want->remote &&
		    o->link == want->link)
			return i;
	}
	return -1;
}

static void report(struct churn *c, const char *what, const struct tun *t,
		   int want, int got, bool rtnl)
{
	if (got == want) {
		if (got == EEXIST)
			c->eexist++;
		else if (got == EINVAL)
			c->einval++;
		return;
	}
	c->unexpected++;
	if (c->unexpected <= 20)
		fprintf(stderr, "%s: op %lu: %s %s (local %08x remote %08x link %d) via %s: expected %s, got %s\n",
			prog, c->ops, what, t->name, ntohl(t->local), ntohl(t->remote),
			t->link, rtnl ? "rtnetlink" : "ioctl",
			want ? strerror(want) : "success",
			got ? strerror(got) : "success");
}

/* Host order; the local addresses tunnels move between. */
static const uint32_t locals[] = { 0, 0xc0000201, 0xc0000202, 0xc0000203 };

static void random_parms(struct churn *c, struct tun *t, int slot)
{
	static const uint8_t ttls[] = { 0, 1, 64, 255 };
	static const uint8_t toss[] = { 0, 1, 0x10, 0xb8 };
	static const uint16_t frags[] = { SCID_FRAG_OFF_PMTUDISC, 0, SCID_FRAG_OFF_NODF };

	/* Every eighth tunnel has no remote; the others have their own. */
	t->remote = slot % 8 == 7 ? 0 :
		    IP4(203, 0, 113, 1 + slot % 250) ^ htonl((uint32_t)(slot / 250) << 8);
	t->local = htonl(locals[pick(c, 4)]);
	t->link = c->lower && pick(c, 2) ? c->lower : 0;
	t->ttl = ttls[pick(c, 4)];
	t->tos = toss[pick(c, 4)];
	t->frag_off = frags[pick(c, 3)];
	normalize(t);
}

static void op_add(struct churn *c, int slot)
{
	struct tun *t = &c->t[slot], want = *t;
	bool rtnl = pick(c, 2);
	int err, expect;

	random_parms(c, &want, slot);
	expect = holder(c, &want, slot) >= 0 ? EEXIST : 0;
	if (rtnl) {
		struct rtnl_req r;

		rtnl_req_init(&r, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0, 0, 0);
		rtnl_req_put(&r, IFLA_IFNAME, want.name, strlen(want.name) + 1);
		nl_put_tunnel(&r, &want, 63);
		err = rtnl_req_talk(c->nl, &c->seq, &r, NULL);
	} else {
		struct ip_tunnel_parm p;

		int via = (int)pick(c, (uint32_t)c->pool);

		/* ADD works the same on scid0 and on any tunnel. */
		parm_of(&want, &p);
		err = tunnel_ioctl(c->fd, SIOCADDTUNNEL,
				c->t[via].live ? c->t[via].name : CTL, &p);
	}
	c->add++;
	rtnl ? c->rtnls++ : c->ioctls++;
	report(c, "add", &want, expect, err, rtnl);
	if (!err) {
		want.live = true;
		want.up = false;
		*t = want;
	}
}

static void op_del(struct churn *c, int slot)
{
	struct tun *t = &c->t[slot];
	bool rtnl = pick(c, 2);
	int err;

	if (rtnl) {
		struct rtnl_req r;

		rtnl_req_init(&r, RTM_DELLINK, 0, 0, 0, 0);
		rtnl_req_put(&r, IFLA_IFNAME, t->name, strlen(t->name) + 1);
		err = rtnl_req_talk(c->nl, &c->seq, &r, NULL);
	} else {
		struct ip_tunnel_parm p;

		parm_of(t, &p);
		/* On scid0 by name, on scid0 by endpoints, or on the tunnel. */
		switch (pick(c, 3)) {
		case 0:
			err = tunnel_ioctl(c->fd, SIOCDELTUNNEL, CTL, &p);
			break;
		case 1:
			p.name[0] = 0;
			err = tunnel_ioctl(c->fd, SIOCDELTUNNEL, CTL, &p);
			break;
		default:
			err = tunnel_ioctl(c->fd, SIOCDELTUNNEL, t->name, &p);
			break;
		}
	}
	c->del++;
	rtnl ? c->rtnls++ : c->ioctls++;
	report(c, "del", t, 0, err, rtnl);
	if (!err)
		t->live = false;
}

/*
 * Keepalive on, retimed or off, its timers running through the churn;
 * refused on a tunnel without remote.
 */
static bool op_keepalive(struct churn *c, const struct tun *t, struct rtnl_req *r)
{
	static const uint32_t intervals[] = { 0, 1000, 10000, SCID_KA_INTERVAL_MAX };
	uint32_t interval = intervals[pick(c, 4)];
	uint32_t hold = 1 + pick(c, 5), rise = 1 + pick(c, 5);
	struct nlattr *info, *data;
	int err;

	info = rtnl_req_put(r, IFLA_LINKINFO, NULL, 0);
	rtnl_req_put(r, IFLA_INFO_KIND, KIND, sizeof(KIND));
	data = rtnl_req_put(r, IFLA_INFO_DATA, NULL, 0);
	rtnl_req_put(r, IFLA_SCID_KEEPALIVE, &interval, 4);
	rtnl_req_put(r, IFLA_SCID_KEEPALIVE_HOLD, &hold, 4);
	rtnl_req_put(r, IFLA_SCID_KEEPALIVE_RISE, &rise, 4);
	rtnl_req_end(r, data);
	rtnl_req_end(r, info);
	err = rtnl_req_talk(c->nl, &c->seq, r, NULL);
	c->chg++;
	c->rtnls++;
	report(c, "keepalive", t, interval && !t->remote ? EINVAL : 0, err, true);
	return false;
}

/* Returns true when the change was an up or a down. */
static bool op_change(struct churn *c, int slot)
{
	static const uint8_t ttls[] = { 0, 1, 64, 255 };
	struct tun *t = &c->t[slot], want = *t;
	bool rtnl = pick(c, 2);
	unsigned int which = 0;
	int err, expect = 0, other;
	struct rtnl_req r;

	if (pick(c, 100) < c->updown_percent)
		goto up_down;
	switch (pick(c, 8)) {
	case 0:
		want.ttl = ttls[pick(c, 4)];
		want.frag_off = pick(c, 2) ? SCID_FRAG_OFF_PMTUDISC : SCID_FRAG_OFF_NODF;
		which = 8 | 32;
		break;
	case 1:
		want.tos = (uint8_t)rnd(c);
		which = 16;
		break;
	case 2:
		want.frag_off = pick(c, 2) ? SCID_FRAG_OFF_NODF : SCID_FRAG_OFF_PMTUDISC;
		which = 32;
		break;
	case 3:
		want.local = htonl(locals[pick(c, 4)]);
		which = 1;
		break;
	case 4:
		want.link = want.link || !c->lower ? 0 : c->lower;
		which = 4;
		break;
	case 5:
		/* Onto another tunnel's endpoints, when there is one. */
		other = (int)pick(c, (uint32_t)c->pool);
		if (!c->t[other].live || other == slot ||
		    !c->t[other].remote != !t->remote)
			goto up_down;
		want.local = c->t[other].local;
		want.remote = c->t[other].remote;
		want.link = c->t[other].link;
		which = 1 | 2 | 4;
		break;
	case 6:
		/* Adding or dropping a remote is refused. */
		want.remote = t->remote ? 0 : IP4(203, 0, 113, 254);
		which = 2;
		break;
	case 7:
		if (!rtnl)
			goto up_down;
		rtnl_req_init(&r, RTM_NEWLINK, 0, 0, 0, 0);
		rtnl_req_put(&r, IFLA_IFNAME, t->name, strlen(t->name) + 1);
		if (pick(c, 2)) {
			uint32_t mtu = 68 + pick(c, 9000);

			rtnl_req_put(&r, IFLA_MTU, &mtu, 4);
			err = rtnl_req_talk(c->nl, &c->seq, &r, NULL);
			c->chg++;
			c->rtnls++;
			report(c, "mtu", t, 0, err, true);
			return false;
		}
		return op_keepalive(c, t, &r);
	default:
		/* Reached by the goto's only: cases 0-7 are all above. */
up_down:
		rtnl_req_init(&r, RTM_NEWLINK, 0, 0, t->up ? 0 : IFF_UP, IFF_UP);
		rtnl_req_put(&r, IFLA_IFNAME, t->name, strlen(t->name) + 1);
		err = rtnl_req_talk(c->nl, &c->seq, &r, NULL);
		c->chg++;
		c->rtnls++;
		report(c, t->up ? "down" : "up", t, 0, err, true);
		if (!err)
			t->up = !t->up;
		c->updown++;
		return true;
	}
	normalize(&want);
	/* In the kernel's order: the endpoints first, then the remote. */
	if (holder(c, &want, slot) >= 0)
		expect = EEXIST;
	else if (!t->remote != !want.remote)
		expect = EINVAL;

	if (rtnl) {
		rtnl_req_init(&r, RTM_NEWLINK, 0, 0, 0, 0);
		rtnl_req_put(&r, IFLA_IFNAME, t->name, strlen(t->name) + 1);
		/* A fixed TTL over "inherit" is stored as pmtudisc: say both. */
		nl_put_tunnel(&r, &want, which | 8 | 32);
		err = rtnl_req_talk(c->nl, &c->seq, &r, NULL);
	} else {
		struct ip_tunnel_parm p;

		parm_of(&want, &p);
		err = tunnel_ioctl(c->fd, SIOCCHGTUNNEL, pick(c, 2) ? CTL : t->name, &p);
	}
	c->chg++;
	rtnl ? c->rtnls++ : c->ioctls++;
	report(c, "change", &want, expect, err, rtnl);
	if (!err) {
		want.live = true;
		*t = want;
	}
	return false;
}

static void op_get(struct churn *c, int slot)
{
	const struct tun *t = &c->t[slot];
	struct ip_tunnel_parm p, want;
	int err;

	parm_of(t, &want);
	memset(&p, 0, sizeof(p));
	set_name(p.name, t->name);
	err = tunnel_ioctl(c->fd, SIOCGETTUNNEL, CTL, &p);
	c->get++;
	c->ioctls++;
	if (err) {
		report(c, "get", t, 0, err, false);
		return;
	}
	if (memcmp(&p, &want, sizeof(p))) {
		c->unexpected++;
		fprintf(stderr,
			"%s: op %lu: get %s: link %d ttl %u tos %u frag_off 0x%x, expected link %d ttl %u tos %u frag_off 0x%x\n",
			prog, c->ops, t->name, p.link, p.iph.ttl, p.iph.tos,
			ntohs(p.iph.frag_off), want.link, want.iph.ttl,
			want.iph.tos, ntohs(want.iph.frag_off));
	}
}

static double per_op_ms(double seconds, unsigned long n)
{
	return n ? seconds * 1e3 / (double)n : 0;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: %s -n OPS [-s SEED] [-p POOL] [-l IFACE] [-t SECONDS] [-P PREFIX] [-d N] [-u PERCENT]\n",
		prog);
	exit(2);
}

int main(int argc, char **argv)
{
	struct churn c = { .pool = 64, .del_one_in = 3, .updown_percent = 20 };
	const char *prefix = "ch", *lower = NULL;
	long ops = -1, seconds = 0, seed = 1;
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	double start, deadline;
	int opt, i;

	while ((opt = getopt(argc, argv, "n:s:p:l:t:P:d:u:h")) != -1) {
		switch (opt) {
		case 'n': ops = arg_number(prog, "operation count", optarg, 0, 100000000); break;
		case 's': seed = arg_number(prog, "seed", optarg, 0, 0x7fffffff); break;
		case 'p': c.pool = (int)arg_number(prog, "pool size", optarg, 0, MAX_POOL); break;
		case 'l': lower = optarg; break;
		case 't': seconds = arg_number(prog, "time limit", optarg, 0, 86400); break;
		case 'P': prefix = optarg; break;
		case 'd': c.del_one_in = (uint32_t)arg_number(prog, "deletion odds", optarg, 0, 1000000); break;
		case 'u': c.updown_percent = (uint32_t)arg_number(prog, "up/down share", optarg, 0, 100); break;
		default: usage();
		}
	}
	if (ops < 0 || optind != argc || c.pool < 2 || strlen(prefix) > 9 ||
	    c.del_one_in < 2)
		usage();
	c.rng = 0x9e3779b97f4a7c15ULL ^ (uint64_t)seed;
	if (lower) {
		c.lower = (int)if_nametoindex(lower);
		if (!c.lower) {
			fprintf(stderr, "%s: no interface `%s'\n", prog, lower);
			return 2;
		}
	}
	c.t = calloc((size_t)c.pool, sizeof(*c.t));
	c.fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	c.nl = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (!c.t || c.fd < 0 || c.nl < 0 ||
	    bind(c.nl, (struct sockaddr *)&sa, sizeof(sa))) {
		perror(prog);
		return 2;
	}
	for (i = 0; i < c.pool; i++)
		snprintf(c.t[i].name, IFNAMSIZ, "%s%d", prefix, i);

	start = now();
	deadline = seconds ? start + (double)seconds : 0;
	for (c.ops = 0; c.ops < (unsigned long)ops; c.ops++) {
		int slot = (int)pick(&c, (uint32_t)c.pool);
		double t0 = now();

		if (deadline && !(c.ops % 64) && t0 > deadline)
			break;
		if (!c.t[slot].live) {
			op_add(&c, slot);
			c.s_add += now() - t0;
		} else if (!(c.ops % 16)) {
			op_get(&c, slot);
		} else if (pick(&c, c.del_one_in)) {
			if (op_change(&c, slot))
				c.s_updown += now() - t0;
			else
				c.s_chg += now() - t0;
		} else {
			op_del(&c, slot);
			c.s_del += now() - t0;
		}
	}
	for (i = 0; i < c.pool; i++) {
		double t0 = now();

		if (!c.t[i].live)
			continue;
		op_del(&c, i);
		c.s_del += now() - t0;
	}

	printf("churn ops=%lu add=%lu chg=%lu del=%lu get=%lu ioctl=%lu rtnl=%lu eexist=%lu einval=%lu unexpected=%lu seconds=%.1f ms_add=%.2f ms_del=%.2f ms_chg=%.2f ms_updown=%.2f\n",
	       c.ops, c.add, c.chg, c.del, c.get, c.ioctls, c.rtnls, c.eexist,
	       c.einval, c.unexpected, now() - start,
	       per_op_ms(c.s_add, c.add), per_op_ms(c.s_del, c.del),
	       per_op_ms(c.s_chg, c.chg - c.updown),
	       per_op_ms(c.s_updown, c.updown));
	return c.unexpected ? 1 : 0;
}
