// SPDX-License-Identifier: GPL-2.0
/*
 * hard-fuzz: throw random and mutated tunnel requests at scid_ipip, through
 * the tunnel ioctls or through rtnetlink, for a bounded time, and delete
 * every tunnel that got created on the way.
 *
 *   hard-fuzz ioctl|rtnl [-s SEED] [-n ITERATIONS] [-t SECONDS]
 *             [-p PROTECTED]... [-N NETNS_PATH]
 *   hard-fuzz cleanup [-p PROTECTED]...
 *
 * ioctl: SIOC{ADD,CHG,DEL,GET}TUNNEL (and neighbouring numbers) sent to
 * scid0, to tunnels made here, to other devices and to names that name
 * nothing, with struct ip_tunnel_parm mutated from a valid request: every
 * bit of frag_off and the flags, any version, ihl and protocol, names
 * without a NUL or with '%', huge and negative links, addresses of every
 * class; and now and then a parameter pointer that faults, or that the
 * kernel can read but not write its answer to.
 *
 * rtnl: RTM_NEWLINK (create, change, move with -N), RTM_DELLINK and
 * RTM_GETLINK of kind scid_ipip, with IFLA_IPTUN_* attributes of random
 * types, lengths and values (FOU/GUE's among them), odd names and MTUs, the kind without its NUL,
 * IFLA_INFO_DATA that is not nested.
 *
 * Tunnels named with -p (and their endpoints) are never changed or deleted:
 * they must still work afterwards. The same seed gives the same requests.
 * scid0 is never renamed. Ends by
 * deleting every other scid_ipip device of the namespace but scid0
 * (cleanup does only that) and prints
 *   fuzz mode=M seed=S iterations=N seconds=S created=N ok=N errors=E:n,...
 *   left=N deleted=N undeletable=N
 * Exit 0 unless a device could not be deleted (or the setup failed).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <linux/ethtool.h>
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
#define MAX_PROTECT	8
#define MAX_ERRNO	160

struct protect {
	char name[IFNAMSIZ];
	int ifindex;
	struct ip_tunnel_parm p;
};

struct fuzz {
	int fd, nl, netns_fd;
	uint64_t rng;
	uint32_t seq;
	struct protect prot[MAX_PROTECT];
	int nprot;
	int ctl_ifindex;	/* scid0's: never renamed, never deleted here */
	unsigned long iterations, ok, created, errs[MAX_ERRNO];
	char *fault_page;	/* a page followed by an inaccessible one */
	char *ro_page;		/* a page the kernel can read, not write */
	/* The devices requests go to, read again after each success. */
	char names[64][IFNAMSIZ];
	int idx[64], ndev, links[80], nlinks;
	bool stale;
};

static const char *prog = "hard-fuzz";

static uint32_t rnd(struct fuzz *f)
{
	f->rng ^= f->rng >> 12;
	f->rng ^= f->rng << 25;
	f->rng ^= f->rng >> 27;
	return (uint32_t)((f->rng * 0x2545f4914f6cdd1dULL) >> 32);
}

static uint32_t pick(struct fuzz *f, uint32_t n)
{
	return rnd(f) % n;
}

static bool one_in(struct fuzz *f, uint32_t n)
{
	return !pick(f, n);
}

static void count(struct fuzz *f, int err)
{
	if (!err) {
		f->ok++;
		f->stale = true;
	} else
		f->errs[err > 0 && err < MAX_ERRNO ? err : 0]++;
}

/* Addresses of every class: documentation, any, loopback, multicast, ... */
static uint32_t rnd_addr(struct fuzz *f)
{
	static const uint32_t some[] = {
		0, 0xc0000201, 0xc0000202, 0xc6336401, 0xc6336402, 0xcb007101,
		0xcb007102, 0x7f000001, 0xe0000001, 0xffffffff, 0xc0000263,
		0x00000001, 0xefffffff,
	};

	if (one_in(f, 4))
		return htonl(rnd(f));
	return htonl(some[pick(f, sizeof(some) / sizeof(some[0]))]);
}

/* Interface names: ours, odd, with '%', too long, without a NUL. */
static void rnd_name(struct fuzz *f, char *name, bool may_lack_nul)
{
	static const char *const some[] = {
		"fz%d", "fz%d%d", "%d", "fz%s", "fz0", "fz1", "fz2", "fz3", CTL,
		"scid%d", "lo", "eth0", ".", "..", "a/b", "a:b", "a b", "fz\t",
		"fzlongname12345",
	};
	size_t i, len;

	memset(name, 0, IFNAMSIZ);
	switch (pick(f, 4)) {
	case 0:
		len = 1 + pick(f, IFNAMSIZ - 1);
		for (i = 0; i < len; i++)
			name[i] = (char)(1 + pick(f, 255));
		if (may_lack_nul && one_in(f, 3))
			for (i = 0; i < IFNAMSIZ; i++)
				name[i] = (char)('a' + pick(f, 26));
		break;
	case 1:
		snprintf(name, IFNAMSIZ, "fz%u", pick(f, 64));
		break;
	default:
		strncpy(name, some[pick(f, sizeof(some) / sizeof(some[0]))],
			IFNAMSIZ - 1);
		break;
	}
}

/* A request that would pass, then 0 to 3 fields broken at random. */
static void rnd_parm(struct fuzz *f, struct ip_tunnel_parm *p, int *links,
		     int nlinks)
{
	static const uint16_t frags[] = { SCID_FRAG_OFF_INHERIT, SCID_FRAG_OFF_PMTUDISC,
						SCID_FRAG_OFF_NODF };
	int i, k = (int)pick(f, 4);

	memset(p, 0, sizeof(*p));
	if (!one_in(f, 4))
		rnd_name(f, p->name, true);
	p->iph.version = 4;
	p->iph.ihl = 5;
	p->iph.protocol = one_in(f, 2) ? IPPROTO_IPIP : 0;
	p->iph.frag_off = htons(frags[pick(f, 3)]);
	p->iph.ttl = one_in(f, 2) ? 0 : (uint8_t)rnd(f);
	p->iph.tos = (uint8_t)rnd(f);
	p->iph.saddr = rnd_addr(f);
	p->iph.daddr = rnd_addr(f);
	p->link = one_in(f, 2) ? 0 : links[pick(f, (uint32_t)nlinks)];

	for (i = 0; i < k; i++) {
		switch (pick(f, 14)) {
		case 0: p->iph.version = (uint8_t)(rnd(f) & 15); break;
		case 1: p->iph.ihl = (uint8_t)(rnd(f) & 15); break;
		case 2: p->iph.protocol = (uint8_t)rnd(f); break;
		/* Every bit of frag_off, one at a time or all at once. */
		case 3: p->iph.frag_off = htons((uint16_t)(1u << pick(f, 16))); break;
		case 4: p->iph.frag_off = (uint16_t)rnd(f); break;
		case 5: p->iph.tot_len = (uint16_t)rnd(f); break;
		case 6: p->iph.id = (uint16_t)rnd(f); break;
		case 7: p->iph.check = (uint16_t)rnd(f); break;
		case 8: p->i_flags = (uint16_t)(1u << pick(f, 16)); break;
		case 9: p->o_flags = (uint16_t)rnd(f); break;
		case 10: p->i_key = rnd(f); p->o_key = rnd(f); break;
		case 11: {
			static const int odd[] = { -1, -2, INT32_MIN, INT32_MAX, 1 << 20, 65535 };

			p->link = one_in(f, 2) ? (int)rnd(f) : odd[pick(f, 6)];
			break;
		}
		case 12: rnd_name(f, p->name, true); break;
		default: memset(p, (int)rnd(f), sizeof(*p)); break;
		}
	}
}

static bool same_endpoints(const struct ip_tunnel_parm *a,
			   const struct ip_tunnel_parm *b)
{
	return a->iph.saddr == b->iph.saddr && a->iph.daddr == b->iph.daddr &&
	       a->link == b->link;
}

static bool protected_name(const struct fuzz *f, const char *name)
{
	int i;

	for (i = 0; i < f->nprot; i++)
		if (!strncmp(f->prot[i].name, name, IFNAMSIZ))
			return true;
	return false;
}

static bool protected_ifindex(const struct fuzz *f, int ifindex)
{
	int i;

	for (i = 0; i < f->nprot; i++)
		if (f->prot[i].ifindex == ifindex)
			return true;
	return false;
}

/* Would a CHG or DEL sent to scid0 with @p act on a protected tunnel? */
static bool hits_protected(const struct fuzz *f, const struct ip_tunnel_parm *p)
{
	char name[IFNAMSIZ + 1] = { 0 };
	int i;

	memcpy(name, p->name, IFNAMSIZ);
	if (name[0])
		return protected_name(f, name);
	for (i = 0; i < f->nprot; i++)
		if (same_endpoints(&f->prot[i].p, p))
			return true;
	return false;
}

static bool is_scid(int fd, const char *name)
{
	struct ethtool_drvinfo info = { .cmd = ETHTOOL_GDRVINFO };

	if (tunnel_ioctl(fd, SIOCETHTOOL, name, &info))
		return false;
	return !strcmp(info.driver, KIND);
}

/* The scid_ipip devices of this namespace but scid0 and the protected. */
static int fuzz_devices(struct fuzz *f, char (*names)[IFNAMSIZ], int *idx,
			int max)
{
	struct if_nameindex *all = if_nameindex(), *i;
	int n = 0;

	if (!all)
		return 0;
	for (i = all; i->if_index && n < max; i++) {
		if ((int)i->if_index == f->ctl_ifindex ||
		    protected_name(f, i->if_name) || !is_scid(f->fd, i->if_name))
			continue;
		memset(names[n], 0, IFNAMSIZ);
		strncpy(names[n], i->if_name, IFNAMSIZ - 1);
		idx[n++] = (int)i->if_index;
	}
	if_freenameindex(all);
	return n;
}

/* Every device's ifindex, and a few that name nothing. */
static int link_candidates(int *links, int max)
{
	struct if_nameindex *all = if_nameindex(), *i;
	int n = 0;

	links[n++] = 0;
	links[n++] = 99999;
	if (all) {
		for (i = all; i->if_index && n < max; i++)
			links[n++] = (int)i->if_index;
		if_freenameindex(all);
	}
	return n;
}

static void refresh(struct fuzz *f)
{
	if (!f->stale && f->iterations % 16)
		return;
	f->ndev = fuzz_devices(f, f->names, f->idx, 64);
	f->nlinks = link_candidates(f->links, 80);
	f->stale = false;
}

static void fuzz_ioctl_one(struct fuzz *f)
{
	static const unsigned long cmds[] = {
		SIOCGETTUNNEL, SIOCADDTUNNEL, SIOCCHGTUNNEL, SIOCDELTUNNEL,
	};
	char (*names)[IFNAMSIZ] = f->names, dev[IFNAMSIZ + 1] = { 0 };
	struct ip_tunnel_parm p, *data = &p;
	int ndev, err;
	unsigned long cmd;
	bool to_ctl = false;

	refresh(f);
	ndev = f->ndev;
	rnd_parm(f, &p, f->links, f->nlinks);
	cmd = one_in(f, 16) ? SIOCDEVPRIVATE + pick(f, 16) : cmds[pick(f, 4)];

	/*
	 * A name that names nothing makes the kernel run modprobe for
	 * netdev-NAME (slow under TCG): only one request in 20.
	 */
	switch (pick(f, 20)) {
	case 0:
		rnd_name(f, dev, false);
		if (protected_name(f, dev) || !strcmp(dev, CTL))
			return;
		break;
	case 1:
	case 2:
		strcpy(dev, one_in(f, 2) ? "lo" : "eth0");
		break;
	default:
		if (ndev && one_in(f, 2)) {
			memcpy(dev, names[pick(f, (uint32_t)ndev)], IFNAMSIZ);
			break;
		}
		strcpy(dev, CTL);
		to_ctl = true;
		break;
	}
	if (cmd == SIOCCHGTUNNEL || cmd == SIOCDELTUNNEL ||
	    cmd >= SIOCDEVPRIVATE + 4) {
		if (to_ctl && hits_protected(f, &p))
			return;
	}

	/* Now and then a pointer the kernel cannot read or write in full. */
	if (one_in(f, 20)) {
		switch (pick(f, 4)) {
		case 0: data = NULL; break;
		case 1: data = (void *)(uintptr_t)1; break;
		case 2:
			data = (struct ip_tunnel_parm *)(f->fault_page + 4096 -
							  1 - pick(f, sizeof(p) - 1));
			memcpy(data, &p, (size_t)(f->fault_page + 4096 - (char *)data));
			break;
		default:
			/* Readable, not writable: the answer cannot be copied back. */
			if (mprotect(f->ro_page, 4096, PROT_READ | PROT_WRITE))
				return;
			memcpy(f->ro_page, &p, sizeof(p));
			if (mprotect(f->ro_page, 4096, PROT_READ))
				return;
			data = (struct ip_tunnel_parm *)f->ro_page;
			break;
		}
	}
	err = tunnel_ioctl(f->fd, cmd, dev, data);
	count(f, err);
	if (!err && cmd == SIOCADDTUNNEL)
		f->created++;
}

/*
 * IFLA_SCID_ALLOW: a nest of up to 4 prefixes, mostly valid (host bits
 * cleared, reserved zero), now and then the same one twice.
 */
static void rnd_allow(struct fuzz *f, struct rtnl_req *r)
{
	struct nlattr *nest = rtnl_req_put(r, IFLA_SCID_ALLOW, NULL, 0);
	int i, n = (int)pick(f, 5);
	struct scid_prefix p;

	for (i = 0; i < n; i++) {
		if (!i || !one_in(f, 6)) {
			memset(&p, 0, sizeof(p));
			p.len = (uint8_t)pick(f, 34);
			p.addr = rnd_addr(f);
			if (p.len <= 32 && !one_in(f, 5))
				p.addr &= htonl(p.len ? ~0U << (32 - p.len) : 0);
			if (one_in(f, 10))
				p.reserved[pick(f, 3)] = (uint8_t)rnd(f);
		}
		rtnl_req_put(r, one_in(f, 12) ? 2 : IFLA_SCID_ALLOW_PREFIX,
			     &p, one_in(f, 12) ? pick(f, sizeof(p)) : sizeof(p));
	}
	rtnl_req_end(r, nest);
}

/* IFLA_INFO_DATA: random IFLA_IPTUN_* and IFLA_SCID_* attributes, mostly well-typed. */
static void rnd_iptun(struct fuzz *f, struct rtnl_req *r)
{
	static const uint8_t widths[] = {
		[IFLA_IPTUN_LINK] = 4, [IFLA_IPTUN_LOCAL] = 4,
		[IFLA_IPTUN_REMOTE] = 4, [IFLA_IPTUN_TTL] = 1,
		[IFLA_IPTUN_TOS] = 1, [IFLA_IPTUN_PROTO] = 1,
		[IFLA_IPTUN_PMTUDISC] = 1, [IFLA_IPTUN_FWMARK] = 4,
		[IFLA_IPTUN_ENCAP_TYPE] = 2, [IFLA_IPTUN_ENCAP_FLAGS] = 2,
		[IFLA_IPTUN_ENCAP_SPORT] = 2, [IFLA_IPTUN_ENCAP_DPORT] = 2, [IFLA_SCID_MTU] = 4,
		[IFLA_SCID_KEEPALIVE] = 4, [IFLA_SCID_KEEPALIVE_HOLD] = 4,
		[IFLA_SCID_KEEPALIVE_RISE] = 4, [IFLA_SCID_KEEPALIVE_STATE] = 1,
		[IFLA_SCID_KEEPALIVE_LAST] = 4, [IFLA_SCID_KEEPALIVE_RTT] = 4,
		[IFLA_SCID_CLAMP_MSS] = 4, [IFLA_SCID_PMTU_PROBE] = 1,
		[IFLA_SCID_PMTU_RAISE] = 4, [IFLA_SCID_PMTU] = 4,
		[IFLA_SCID_PMTU_STATE] = 1, [IFLA_SCID_PMTU_AGE] = 4,
	};
	/* The MTU's edges: auto, the range's ends and one past each. */
	static const uint32_t mtus[] = { 0, 67, 68, 1480, 65515, 65516 };
	/* Keepalive's: off, the interval's ends and past them, hold/rise's. */
	static const uint32_t intervals[] = { 0, 49, 50, 100, 600000, 600001 };
	static const uint32_t counts[] = { 0, 1, 3, 100, 101 };
	/* clamp-mss: off, auto, the range's ends and one past each. */
	static const uint32_t mss[] = { 0, 1, 2, 535, 536, 1340, 65495, 65496 };
	/* pmtu-raise: the range's ends and one past each. */
	static const uint32_t raises[] = { 0, 999, 1000, 600000, 86400000, 86400001 };
	/* FOU/GUE: none, fou, gue, mpls and past it; flags' bits one by one. */
	static const uint16_t encaps[] = { 0, 1, 2, 3, 4, 0xffff };
	static const uint16_t encap_flags[] = { 0, 1, 2, 4, 5, 8, 0xffff };
	int i, n = (int)pick(f, 6);
	uint8_t val[16];

	for (i = 0; i < n; i++) {
		uint16_t type = one_in(f, 8) ? (uint16_t)(IFLA_SCID_MTU +
					       pick(f, IFLA_SCID_MAX - IFLA_SCID_MTU + 1)) :
				(uint16_t)(1 + pick(f, IFLA_IPTUN_MAX + 3));
		size_t len = type < sizeof(widths) && widths[type] && !one_in(f, 6) ?
			     widths[type] : pick(f, 9);
		uint32_t v;

		for (size_t j = 0; j < sizeof(val); j++)
			val[j] = (uint8_t)rnd(f);
		switch (type) {
		case IFLA_IPTUN_LOCAL:
		case IFLA_IPTUN_REMOTE:
			v = rnd_addr(f);
			memcpy(val, &v, 4);
			break;
		case IFLA_IPTUN_PMTUDISC:
			val[0] = (uint8_t)pick(f, 5);
			break;
		case IFLA_SCID_MTU:
			if (!one_in(f, 4)) {
				v = mtus[pick(f, sizeof(mtus) / sizeof(mtus[0]))];
				memcpy(val, &v, 4);
			}
			break;
		case IFLA_SCID_KEEPALIVE:
			if (!one_in(f, 4)) {
				v = intervals[pick(f, sizeof(intervals) / sizeof(intervals[0]))];
				memcpy(val, &v, 4);
			}
			break;
		case IFLA_SCID_KEEPALIVE_HOLD:
		case IFLA_SCID_KEEPALIVE_RISE:
			if (!one_in(f, 4)) {
				v = counts[pick(f, sizeof(counts) / sizeof(counts[0]))];
				memcpy(val, &v, 4);
			}
			break;
		case IFLA_SCID_CLAMP_MSS:
			if (!one_in(f, 4)) {
				v = mss[pick(f, sizeof(mss) / sizeof(mss[0]))];
				memcpy(val, &v, 4);
			}
			break;
		case IFLA_SCID_PMTU_PROBE:
			/* Mostly on: keepalive and DF then decide. */
			if (!one_in(f, 4))
				val[0] = (uint8_t)!one_in(f, 4);
			break;
		case IFLA_SCID_PMTU_RAISE:
			if (!one_in(f, 4)) {
				v = raises[pick(f, sizeof(raises) / sizeof(raises[0]))];
				memcpy(val, &v, 4);
			}
			break;
		case IFLA_IPTUN_ENCAP_TYPE:
		case IFLA_IPTUN_ENCAP_FLAGS:
			if (!one_in(f, 4)) {
				uint16_t w = type == IFLA_IPTUN_ENCAP_TYPE ?
					encaps[pick(f, sizeof(encaps) / sizeof(encaps[0]))] :
					encap_flags[pick(f, sizeof(encap_flags) /
							    sizeof(encap_flags[0]))];

				memcpy(val, &w, 2);
			}
			break;
		case IFLA_IPTUN_ENCAP_DPORT:
			/* Mostly a port: fou and gue need one. */
			if (!one_in(f, 4)) {
				uint16_t w = htons(one_in(f, 4) ? 0 : 5555);

				memcpy(val, &w, 2);
			}
			break;
		case IFLA_IPTUN_LINK:
			if (!one_in(f, 3)) {
				v = pick(f, 12);
				memcpy(val, &v, 4);
			}
			break;
		case IFLA_IPTUN_COLLECT_METADATA:
			/* external: a flag, mostly as one. */
			if (!one_in(f, 4))
				len = 0;
			break;
		case IFLA_SCID_ALLOW:
			if (!one_in(f, 4)) {
				rnd_allow(f, r);
				continue;
			}
			break;
		}
		rtnl_req_put(r, type, val, len);
	}
}

static void fuzz_rtnl_one(struct fuzz *f)
{
	struct nlattr *info, *data;
	int *idx = f->idx, ndev, target = 0, err;
	char name[IFNAMSIZ + 4];
	bool by_name = false;
	struct rtnl_req r;
	uint32_t v;

	refresh(f);
	ndev = f->ndev;
	memset(name, 0, sizeof(name));

	switch (pick(f, 10)) {
	case 0:
	case 1:
	case 2:
	case 3:
		/* Create. */
		rtnl_req_init(&r, RTM_NEWLINK, NLM_F_CREATE |
			      (one_in(f, 4) ? 0 : NLM_F_EXCL), 0, 0, 0);
		rnd_name(f, name, false);
		if (one_in(f, 10)) {
			/* 20 bytes, no NUL: longer than IFNAMSIZ. */
			memset(name, 'z', 20);
			rtnl_req_put(&r, IFLA_IFNAME, name, 20);
		} else if (!one_in(f, 8)) {
			if (protected_name(f, name) || !strcmp(name, CTL))
				return;
			rtnl_req_put(&r, IFLA_IFNAME, name,
				     strnlen(name, IFNAMSIZ) + !one_in(f, 4));
		}
		break;
	case 4:
	case 5:
	case 6:
		/* Change a tunnel of ours (or move it), scid0 now and then. */
		if (ndev && !one_in(f, 6)) {
			target = idx[pick(f, (uint32_t)ndev)];
		} else {
			target = (int)if_nametoindex(CTL);
		}
		rtnl_req_init(&r, RTM_NEWLINK, one_in(f, 8) ? NLM_F_REPLACE : 0,
			      target, 0, 0);
		if (f->netns_fd >= 0 && one_in(f, 6)) {
			v = (uint32_t)f->netns_fd;
			rtnl_req_put(&r, IFLA_NET_NS_FD, &v, 4);
		}
		/* Renaming scid0 is hard-fuzz.sh's own check. */
		if (one_in(f, 4) && target != f->ctl_ifindex) {
			snprintf(name, IFNAMSIZ, "fz%u", pick(f, 64));
			if (protected_name(f, name))
				return;
			rtnl_req_put(&r, IFLA_IFNAME, name, strlen(name) + 1);
		}
		break;
	case 7:
	case 8:
		/* Delete, by index or by name. */
		if (ndev && !one_in(f, 5)) {
			target = idx[pick(f, (uint32_t)ndev)];
		} else if (one_in(f, 2)) {
			target = (int)if_nametoindex(CTL);
		} else {
			rnd_name(f, name, false);
			/* Not another driver's device either: the test needs them. */
			if (protected_name(f, name) ||
			    (if_nametoindex(name) && !is_scid(f->fd, name)))
				return;
			by_name = true;
		}
		rtnl_req_init(&r, RTM_DELLINK, 0, by_name ? 0 : target, 0, 0);
		if (by_name)
			rtnl_req_put(&r, IFLA_IFNAME, name, strnlen(name, IFNAMSIZ) + 1);
		err = rtnl_req_talk(f->nl, &f->seq, &r, NULL);
		count(f, err);
		return;
	default:
		rtnl_req_init(&r, RTM_GETLINK, 0, (int)pick(f, 20), 0, 0);
		err = rtnl_req_talk(f->nl, &f->seq, &r, NULL);
		count(f, err);
		return;
	}
	if (protected_ifindex(f, target))
		return;

	if (one_in(f, 3)) {
		static const uint32_t mtus[] = { 0, 67, 68, 576, 1480, 65515, 65516, 0xffffffff };

		v = one_in(f, 2) ? mtus[pick(f, 8)] : rnd(f);
		rtnl_req_put(&r, IFLA_MTU, &v, one_in(f, 10) ? pick(f, 4) : 4);
	}
	if (one_in(f, 10)) {
		v = rnd(f);
		rtnl_req_put(&r, IFLA_LINK, &v, 4);
	}
	if (!one_in(f, 10)) {
		info = rtnl_req_put(&r, IFLA_LINKINFO, NULL, 0);
		if (one_in(f, 12))
			rtnl_req_put(&r, IFLA_INFO_KIND, KIND, strlen(KIND));
		else if (!one_in(f, 20))
			rtnl_req_put(&r, IFLA_INFO_KIND, KIND, sizeof(KIND));
		if (one_in(f, 15)) {
			/* Not nested at all. */
			v = rnd(f);
			rtnl_req_put(&r, IFLA_INFO_DATA, &v, pick(f, 5));
		} else if (!one_in(f, 5)) {
			data = rtnl_req_put(&r, IFLA_INFO_DATA, NULL, 0);
			rnd_iptun(f, &r);
			rtnl_req_end(&r, data);
		}
		rtnl_req_end(&r, info);
	}
	err = rtnl_req_talk(f->nl, &f->seq, &r, NULL);
	count(f, err);
	if (!err && r.u.nh.nlmsg_flags & NLM_F_CREATE)
		f->created++;
}

/* Delete every scid device here but scid0 and the protected ones. */
static void cleanup(struct fuzz *f, unsigned long *left, unsigned long *deleted,
		    unsigned long *undeletable)
{
	char names[64][IFNAMSIZ];
	int idx[64], n, i, round, err;

	for (round = 0; round < 100; round++) {
		n = fuzz_devices(f, names, idx, 64);
		if (!round)
			*left = (unsigned long)n;
		if (!n)
			return;
		for (i = 0; i < n; i++) {
			/* Half through the ioctl on the device, half rtnetlink. */
			if (i % 2) {
				struct ip_tunnel_parm p;

				memset(&p, 0, sizeof(p));
				err = tunnel_ioctl(f->fd, SIOCDELTUNNEL, names[i], &p);
			} else {
				struct rtnl_req r;

				rtnl_req_init(&r, RTM_DELLINK, 0, idx[i], 0, 0);
				err = rtnl_req_talk(f->nl, &f->seq, &r, NULL);
			}
			/*
			 * Gone between the listing and now: the other fuzzer,
			 * ending in the same namespace, deleted it. The next
			 * round's listing shows what is really left.
			 */
			if (err == ENODEV) {
				fprintf(stderr, "%s: `%.*s' (ifindex %d) went before its deletion\n",
					prog, IFNAMSIZ, names[i], idx[i]);
			} else if (err) {
				fprintf(stderr, "%s: cannot delete `%.*s' (ifindex %d): %s\n",
					prog, IFNAMSIZ, names[i], idx[i], strerror(err));
				(*undeletable)++;
			} else {
				(*deleted)++;
			}
		}
		if (*undeletable)
			return;
	}
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: %s ioctl|rtnl|cleanup [-s SEED] [-n ITERATIONS] [-t SECONDS]\n"
		"                 [-p PROTECTED]... [-N NETNS_PATH]\n", prog);
	exit(2);
}

int main(int argc, char **argv)
{
	struct fuzz f = { .netns_fd = -1 };
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	unsigned long left = 0, deleted = 0, undeletable = 0, max_iter = 0;
	long seed = -1, seconds = 10;
	const char *mode;
	double start, end;
	bool first = true;
	int opt, e, i;

	if (argc < 2)
		usage();
	mode = argv[1];
	if (strcmp(mode, "ioctl") && strcmp(mode, "rtnl") && strcmp(mode, "cleanup"))
		usage();
	optind = 2;
	while ((opt = getopt(argc, argv, "s:n:t:p:N:h")) != -1) {
		switch (opt) {
		case 's': seed = arg_number(prog, "seed", optarg, 0, LONG_MAX); break;
		case 'n': max_iter = (unsigned long)arg_number(prog, "iteration count", optarg, 0, LONG_MAX); break;
		case 't': seconds = arg_number(prog, "time", optarg, 0, LONG_MAX); break;
		case 'p':
			if (f.nprot == MAX_PROTECT)
				usage();
			strncpy(f.prot[f.nprot++].name, optarg, IFNAMSIZ - 1);
			break;
		case 'N':
			f.netns_fd = open(optarg, O_RDONLY | O_CLOEXEC);
			if (f.netns_fd < 0) {
				perror(optarg);
				return 2;
			}
			break;
		default: usage();
		}
	}
	if (optind != argc)
		usage();
	if (seed < 0)
		seed = (long)(time(NULL) ^ getpid()) & 0x7fffffff;
	f.rng = 0x9e3779b97f4a7c15ULL ^ (uint64_t)seed;
	f.rng = f.rng ? f.rng : 1;

	f.fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	f.nl = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	f.fault_page = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	f.ro_page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (f.fd < 0 || f.nl < 0 || f.fault_page == MAP_FAILED ||
	    f.ro_page == MAP_FAILED ||
	    mprotect(f.fault_page + 4096, 4096, PROT_NONE) ||
	    bind(f.nl, (struct sockaddr *)&sa, sizeof(sa))) {
		perror(prog);
		return 2;
	}
	f.ctl_ifindex = (int)if_nametoindex(CTL);
	if (!f.ctl_ifindex) {
		fprintf(stderr, "%s: no %s here\n", prog, CTL);
		return 2;
	}
	for (i = 0; i < f.nprot; i++) {
		memset(&f.prot[i].p, 0, sizeof(f.prot[i].p));
		strncpy(f.prot[i].p.name, f.prot[i].name, IFNAMSIZ - 1);
		f.prot[i].ifindex = (int)if_nametoindex(f.prot[i].name);
		if (!f.prot[i].ifindex ||
		    tunnel_ioctl(f.fd, SIOCGETTUNNEL, CTL, &f.prot[i].p)) {
			fprintf(stderr, "%s: no tunnel `%s' to protect\n", prog,
				f.prot[i].name);
			return 2;
		}
	}

	start = now();
	end = start + (double)seconds;
	if (strcmp(mode, "cleanup")) {
		for (f.iterations = 0; !max_iter || f.iterations < max_iter;
		     f.iterations++) {
			if (!(f.iterations % 32) && now() >= end)
				break;
			if (!strcmp(mode, "ioctl"))
				fuzz_ioctl_one(&f);
			else
				fuzz_rtnl_one(&f);
		}
	}
	printf("fuzz mode=%s seed=%ld iterations=%lu seconds=%.1f created=%lu ok=%lu errors=",
	       mode, seed, f.iterations, now() - start, f.created, f.ok);
	for (e = 0; e < MAX_ERRNO; e++) {
		const char *name = e ? strerrorname_np(e) : NULL;

		if (!f.errs[e])
			continue;
		printf("%s%s:%lu", first ? "" : ",", name ? name : "other",
		       f.errs[e]);
		first = false;
	}
	if (first)
		printf("none");
	cleanup(&f, &left, &deleted, &undeletable);
	printf(" left=%lu deleted=%lu undeletable=%lu\n", left, deleted,
	       undeletable);
	return undeletable ? 1 : 0;
}
