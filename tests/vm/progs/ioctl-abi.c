// SPDX-License-Identifier: GPL-2.0
#define CTL		SCID_CTL_NAME
/*
 * ioctl-abi: checks scid_ipip's tunnel ioctls against docs/ioctl.md.
 *
 *   ioctl-abi                 the whole contract; needs CAP_NET_ADMIN
 *   ioctl-abi --unprivileged  ADD, CHG and DEL refused, GET allowed
 *   ioctl-abi --setup         create the fixture tunnels abi1..abi3
 *   ioctl-abi --cleanup       delete every tunnel this program names
 *
 * --unprivileged started with CAP_NET_ADMIN makes its own fixtures and
 * clears the capability from its effective set; started without it (under
 * capsh --drop), it expects --setup to have run.
 *
 * Every request is checked for its errno and, when it is refused, for having
 * changed nothing: the same devices with the same ifindexes and the same
 * parameters on every fixture and on scid0.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* After <net/if.h> and <netinet/in.h>, so libc-compat skips their twins. */
#include <linux/capability.h>
#include <linux/ethtool.h>
#include <linux/if_tunnel.h>
#include <linux/sockios.h>
#include "../../../module/uapi/scid_ipip.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define IP4(a, b, c, d)	((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | \
			 (uint32_t)(c) << 8 | (uint32_t)(d))

#define NEW		"abi0"
#define LONG_NAME	"abi456789abcdef"	/* IFNAMSIZ - 1 characters */
#define NOSUCH		"abinosuch0"
#define FRAG_RF		0x8000
#define NA		(-1)	/* case not tried on this request */
#define MAX_IFS		256

struct fixture {
	const char *name;
	uint32_t local, remote;
	uint8_t ttl, tos;
	uint16_t frag_off;
};

/* abi1 is the tunnel CHG cases change; abi2 is in its way; abi3 has no remote. */
static const struct fixture fixtures[] = {
	{ "abi1", IP4(192, 0, 2, 2), IP4(198, 51, 100, 2), 64, 0x10, 0 },
	{ "abi2", IP4(192, 0, 2, 3), IP4(198, 51, 100, 3), 0, 0, 0 },
	{ "abi3", IP4(192, 0, 2, 4), 0, 0, SCID_TOS_INHERIT, SCID_FRAG_OFF_PMTUDISC },
};

#define NFIX		ARRAY_SIZE(fixtures)
#define ABI1		0
#define ABI2		1
#define ABI3		2

/* Endpoints no tunnel ever has. */
#define NOWHERE_LOCAL	IP4(192, 0, 2, 99)
#define NOWHERE_REMOTE	IP4(198, 51, 100, 99)

enum field {
	F_VERSION, F_IHL, F_PROTOCOL, F_FRAG_OFF, F_TOT_LEN, F_ID, F_CHECK,
	F_I_FLAGS, F_O_FLAGS, F_I_KEY, F_O_KEY, F_REMOTE, F_LOCAL,
	F_LINK, F_LINK_LO, F_LINK_SELF, F_TTL, F_TTL_NO_DF, F_TTL_NODF, F_TOS,
};

struct mutation {
	const char *what;
	enum field field;
	long long value;
	int add_err;	/* errno ADD must give, 0 when accepted */
	int chg_err;	/* errno CHG of abi1 must give, or NA */
};

static const struct mutation mutations[] = {
	{ "version 0", F_VERSION, 0, EINVAL, EINVAL },
	{ "version 5", F_VERSION, 5, EINVAL, EINVAL },
	{ "version 6", F_VERSION, 6, EINVAL, EINVAL },
	{ "version 15", F_VERSION, 15, EINVAL, EINVAL },
	{ "ihl 0", F_IHL, 0, EINVAL, EINVAL },
	{ "ihl 4", F_IHL, 4, EINVAL, EINVAL },
	{ "ihl 6", F_IHL, 6, EINVAL, EINVAL },
	{ "ihl 15", F_IHL, 15, EINVAL, EINVAL },
	{ "protocol IPPROTO_GRE", F_PROTOCOL, IPPROTO_GRE, EINVAL, EINVAL },
	{ "protocol IPPROTO_IPV6", F_PROTOCOL, IPPROTO_IPV6, EINVAL, EINVAL },
	/* The modes, as ipip's: mplsip, and any (0) for IPv4 and MPLS both. */
	{ "protocol IPPROTO_MPLS", F_PROTOCOL, IPPROTO_MPLS, 0, 0 },
	{ "protocol 255", F_PROTOCOL, 255, EINVAL, EINVAL },
	{ "protocol 0", F_PROTOCOL, 0, 0, 0 },
	{ "protocol IPPROTO_IPIP", F_PROTOCOL, IPPROTO_IPIP, 0, 0 },
	{ "frag_off MF (nodf)", F_FRAG_OFF, SCID_FRAG_OFF_NODF, 0, 0 },
	{ "frag_off DF|MF", F_FRAG_OFF, SCID_FRAG_OFF_PMTUDISC | SCID_FRAG_OFF_NODF, EINVAL, EINVAL },
	{ "frag_off reserved bit", F_FRAG_OFF, FRAG_RF, EINVAL, EINVAL },
	{ "frag_off offset 1", F_FRAG_OFF, 1, EINVAL, EINVAL },
	{ "frag_off offset 0x1fff", F_FRAG_OFF, 0x1fff, EINVAL, EINVAL },
	{ "frag_off DF in host order", F_FRAG_OFF, 0x0040, EINVAL, EINVAL },
	{ "frag_off DF", F_FRAG_OFF, SCID_FRAG_OFF_PMTUDISC, 0, 0 },
	{ "frag_off 0", F_FRAG_OFF, 0, 0, 0 },
	{ "tot_len 20", F_TOT_LEN, 20, EINVAL, EINVAL },
	{ "id 1", F_ID, 1, EINVAL, EINVAL },
	{ "check 1", F_CHECK, 1, EINVAL, EINVAL },
	{ "i_flags GRE_KEY", F_I_FLAGS, 0x2000, EINVAL, EINVAL },
	{ "i_flags 0x0001", F_I_FLAGS, 0x0001, EINVAL, EINVAL },
	{ "o_flags GRE_KEY", F_O_FLAGS, 0x2000, EINVAL, EINVAL },
	{ "o_flags 0x0001", F_O_FLAGS, 0x0001, EINVAL, EINVAL },
	{ "i_key 1", F_I_KEY, 1, EINVAL, EINVAL },
	{ "o_key 1", F_O_KEY, 1, EINVAL, EINVAL },
	{ "remote 224.0.0.1", F_REMOTE, IP4(224, 0, 0, 1), EINVAL, EINVAL },
	{ "remote 239.255.255.255", F_REMOTE, IP4(239, 255, 255, 255),
	  EINVAL, EINVAL },
	{ "remote 255.255.255.255", F_REMOTE, IP4(255, 255, 255, 255),
	  EINVAL, EINVAL },
	{ "remote 127.0.0.1", F_REMOTE, IP4(127, 0, 0, 1), EINVAL, EINVAL },
	{ "remote 127.255.255.254", F_REMOTE, IP4(127, 255, 255, 254),
	  EINVAL, EINVAL },
	{ "remote 0.0.0.0", F_REMOTE, 0, 0, EINVAL },
	{ "local 224.0.0.1", F_LOCAL, IP4(224, 0, 0, 1), EINVAL, EINVAL },
	{ "local 239.255.255.255", F_LOCAL, IP4(239, 255, 255, 255),
	  EINVAL, EINVAL },
	{ "local 255.255.255.255", F_LOCAL, IP4(255, 255, 255, 255),
	  EINVAL, EINVAL },
	{ "local 127.0.0.1", F_LOCAL, IP4(127, 0, 0, 1), EINVAL, EINVAL },
	{ "local 127.255.255.254", F_LOCAL, IP4(127, 255, 255, 254),
	  EINVAL, EINVAL },
	{ "local 0.0.0.0", F_LOCAL, 0, 0, 0 },
	{ "link -1", F_LINK, -1, EINVAL, EINVAL },
	{ "link INT_MIN", F_LINK, INT_MIN, EINVAL, EINVAL },
	{ "link 99999", F_LINK, 99999, ENODEV, ENODEV },
	{ "link lo", F_LINK_LO, 0, 0, 0 },
	{ "link own ifindex", F_LINK_SELF, 0, NA, ELOOP },
	{ "ttl 1", F_TTL, 1, 0, 0 },
	{ "ttl 255", F_TTL, 255, 0, 0 },
	{ "ttl 64 with frag_off 0", F_TTL_NO_DF, 64, 0, 0 },
	{ "ttl 0 with frag_off 0", F_TTL_NO_DF, 0, 0, 0 },
	{ "ttl 64 with frag_off MF (nodf stays)", F_TTL_NODF, 64, 0, 0 },
	{ "tos 0x01 (inherit)", F_TOS, SCID_TOS_INHERIT, 0, 0 },
	{ "tos 0xff", F_TOS, 0xff, 0, 0 },
};

static const char *const bad_names[] = { "a/b", "a:b", "a b", ".", ".." };

struct tally {
	int pass, fail;
};

struct iface {
	unsigned int index;
	char name[IFNAMSIZ];
};

/* What a refused request must leave exactly as it was. */
struct state {
	int nifs;	/* -1 when the interfaces could not be listed */
	struct iface ifs[MAX_IFS];
	int err[NFIX];
	struct ip_tunnel_parm fix[NFIX];
	char found[NFIX][IFNAMSIZ];	/* what GET by its endpoints finds */
	int mtu[NFIX], flags[NFIX];
	int ctl_err;
	struct ip_tunnel_parm ctl;
};

struct abi {
	int fd;
	struct tally *tally;	/* shared with forked children */
	int lo;
	bool privileged;	/* may repair what a bad case broke */
	struct state base;
};

struct why {
	char s[1024];
	size_t n;
};

static const char *prog = "ioctl-abi";

static void why_add(struct why *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void why_add(struct why *w, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (w->n >= sizeof(w->s) - 1)
		return;
	if (w->n)
		w->n += (size_t)snprintf(w->s + w->n, sizeof(w->s) - w->n, "; ");
	if (w->n >= sizeof(w->s) - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(w->s + w->n, sizeof(w->s) - w->n, fmt, ap);
	va_end(ap);
	if (n > 0)
		w->n += (size_t)n;
	if (w->n > sizeof(w->s) - 1)
		w->n = sizeof(w->s) - 1;
}

static void verdict(struct abi *a, const struct why *w, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void verdict(struct abi *a, const struct why *w, const char *fmt, ...)
{
	char what[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (w->n) {
		printf("FAIL - %s: %s\n", what, w->s);
		a->tally->fail++;
	} else {
		printf("ok - %s\n", what);
		a->tally->pass++;
	}
}

static void skip(const char *what, const char *reason)
{
	printf("skip - %s: %s\n", what, reason);
}

static const char *err_name(int e)
{
	const char *n;

	if (!e)
		return "accepted";
	n = strerrorname_np(e);
	return n ? n : "an unknown errno";
}

static const char *err_str(int e, char *buf, size_t len)
{
	const char *n = e ? strerrorname_np(e) : NULL;

	if (n)
		snprintf(buf, len, "%s (%s)", n, strerror(e));
	else
		snprintf(buf, len, "%d (%s)", e, strerror(e));
	return buf;
}

static void want_errno(struct why *w, int want, int got)
{
	char buf[96];

	if (want == got)
		return;
	why_add(w, "expected %s got %s", want ? err_name(want) : "success",
		err_str(got, buf, sizeof(buf)));
}

static const char *ip_str(__be32 addr, char *buf)
{
	struct in_addr in = { .s_addr = addr };

	return inet_ntop(AF_INET, &in, buf, INET_ADDRSTRLEN);
}

/* Names are copied with memcpy: a request may carry one without a NUL. */
static void set_name(char *dst, const char *src)
{
	memset(dst, 0, IFNAMSIZ);
	memcpy(dst, src, strnlen(src, IFNAMSIZ - 1));
}

static int tun_req(int fd, unsigned long cmd, const char *dev,
		   struct ip_tunnel_parm *p)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	set_name(ifr.ifr_name, dev);
	ifr.ifr_data = (void *)p;
	return ioctl(fd, cmd, &ifr) ? errno : 0;
}

static const char *cmd_name(unsigned long cmd)
{
	switch (cmd) {
	case SIOCADDTUNNEL:
		return "add";
	case SIOCCHGTUNNEL:
		return "chg";
	case SIOCDELTUNNEL:
		return "del";
	default:
		return "get";
	}
}

static void parm_init(struct ip_tunnel_parm *p, const char *name,
		      uint32_t local, uint32_t remote)
{
	memset(p, 0, sizeof(*p));
	set_name(p->name, name);
	p->iph.version = 4;
	p->iph.ihl = 5;
	p->iph.protocol = IPPROTO_IPIP;
	p->iph.saddr = htonl(local);
	p->iph.daddr = htonl(remote);
}

/* The request every ADD case starts from. */
static void parm_base(struct ip_tunnel_parm *p)
{
	parm_init(p, NEW, IP4(192, 0, 2, 1), IP4(198, 51, 100, 1));
	p->iph.frag_off = htons(SCID_FRAG_OFF_PMTUDISC);
}

static void parm_fixture(struct ip_tunnel_parm *p, const struct fixture *f)
{
	parm_init(p, f->name, f->local, f->remote);
	p->iph.ttl = f->ttl;
	p->iph.tos = f->tos;
	p->iph.frag_off = htons(f->frag_off);
}

/* A GET must overwrite everything: fill what the lookup ignores with junk. */
static void parm_junk(struct ip_tunnel_parm *p, const char *name)
{
	memset(p, 0xa5, sizeof(*p));
	set_name(p->name, name);
}

static void parm_lookup(struct ip_tunnel_parm *p, const struct ip_tunnel_parm *of)
{
	parm_junk(p, "");
	p->iph.saddr = of->iph.saddr;
	p->iph.daddr = of->iph.daddr;
	p->link = of->link;
}

/* What ADD, CHG and GET must copy back for an accepted request. */
static struct ip_tunnel_parm parm_expected(const struct ip_tunnel_parm *req,
					   const char *name)
{
	struct ip_tunnel_parm w = *req;

	set_name(w.name, name);
	w.iph.version = 4;
	w.iph.ihl = 5;
	w.i_flags = 0;
	w.o_flags = 0;
	w.i_key = 0;
	w.o_key = 0;
	/* A fixed ttl turns "inherit" into pmtudisc; nodf stays nodf. */
	if (w.iph.ttl && !w.iph.frag_off)
		w.iph.frag_off = htons(SCID_FRAG_OFF_PMTUDISC);
	return w;
}

/*
 * Adds to @w every documented field of @got that differs from @want; with
 * @all, also the fields docs/ioctl.md says nothing about.
 */
static void parm_cmp(struct why *w, const char *who,
		     const struct ip_tunnel_parm *got,
		     const struct ip_tunnel_parm *want, bool all)
{
	char b1[INET_ADDRSTRLEN], b2[INET_ADDRSTRLEN];

	if (strncmp(got->name, want->name, IFNAMSIZ))
		why_add(w, "%s name `%.*s' (want `%.*s')", who, IFNAMSIZ,
			got->name, IFNAMSIZ, want->name);
	if (got->link != want->link)
		why_add(w, "%s link %d (want %d)", who, got->link, want->link);
	if (got->iph.version != want->iph.version)
		why_add(w, "%s version %u (want %u)", who, got->iph.version,
			want->iph.version);
	if (got->iph.ihl != want->iph.ihl)
		why_add(w, "%s ihl %u (want %u)", who, got->iph.ihl,
			want->iph.ihl);
	if (got->iph.protocol != want->iph.protocol)
		why_add(w, "%s protocol %u (want %u)", who, got->iph.protocol,
			want->iph.protocol);
	if (got->iph.frag_off != want->iph.frag_off)
		why_add(w, "%s frag_off 0x%04x (want 0x%04x)", who,
			ntohs(got->iph.frag_off), ntohs(want->iph.frag_off));
	if (got->iph.ttl != want->iph.ttl)
		why_add(w, "%s ttl %u (want %u)", who, got->iph.ttl,
			want->iph.ttl);
	if (got->iph.tos != want->iph.tos)
		why_add(w, "%s tos 0x%02x (want 0x%02x)", who, got->iph.tos,
			want->iph.tos);
	if (got->iph.saddr != want->iph.saddr)
		why_add(w, "%s local %s (want %s)", who,
			ip_str(got->iph.saddr, b1), ip_str(want->iph.saddr, b2));
	if (got->iph.daddr != want->iph.daddr)
		why_add(w, "%s remote %s (want %s)", who,
			ip_str(got->iph.daddr, b1), ip_str(want->iph.daddr, b2));
	if (got->i_flags != want->i_flags || got->o_flags != want->o_flags)
		why_add(w, "%s i_flags/o_flags 0x%04x/0x%04x (want 0x%04x/0x%04x)",
			who, ntohs(got->i_flags), ntohs(got->o_flags),
			ntohs(want->i_flags), ntohs(want->o_flags));
	if (got->i_key != want->i_key || got->o_key != want->o_key)
		why_add(w, "%s i_key/o_key 0x%08x/0x%08x (want 0x%08x/0x%08x)",
			who, ntohl(got->i_key), ntohl(got->o_key),
			ntohl(want->i_key), ntohl(want->o_key));
	if (all && (got->iph.tot_len != want->iph.tot_len ||
		    got->iph.id != want->iph.id ||
		    got->iph.check != want->iph.check))
		why_add(w, "%s tot_len/id/check changed", who);
}

static int iface_cmp(const void *x, const void *y)
{
	const struct iface *a = x, *b = y;

	return (a->index > b->index) - (a->index < b->index);
}

static void ifr_init(struct ifreq *ifr, const char *dev)
{
	memset(ifr, 0, sizeof(*ifr));
	set_name(ifr->ifr_name, dev);
}

static int ifr_req(int fd, unsigned long cmd, const char *dev, struct ifreq *ifr)
{
	ifr_init(ifr, dev);
	return ioctl(fd, cmd, ifr) ? errno : 0;
}

static void snapshot(int fd, struct state *s)
{
	struct if_nameindex *ni, *i;
	struct ip_tunnel_parm p;
	struct ifreq ifr;
	size_t f;

	memset(s, 0, sizeof(*s));
	ni = if_nameindex();
	if (!ni) {
		s->nifs = -1;
	} else {
		for (i = ni; i->if_index && s->nifs < MAX_IFS; i++) {
			s->ifs[s->nifs].index = i->if_index;
			set_name(s->ifs[s->nifs].name, i->if_name);
			s->nifs++;
		}
		if_freenameindex(ni);
		qsort(s->ifs, (size_t)s->nifs, sizeof(s->ifs[0]), iface_cmp);
	}
	for (f = 0; f < NFIX; f++) {
		memset(&s->fix[f], 0, sizeof(s->fix[f]));
		s->err[f] = tun_req(fd, SIOCGETTUNNEL, fixtures[f].name,
				    &s->fix[f]);
		if (s->err[f])
			continue;
		memset(&p, 0, sizeof(p));
		p.iph.saddr = s->fix[f].iph.saddr;
		p.iph.daddr = s->fix[f].iph.daddr;
		p.link = s->fix[f].link;
		if (!tun_req(fd, SIOCGETTUNNEL, CTL, &p))
			memcpy(s->found[f], p.name, IFNAMSIZ);
		if (!ifr_req(fd, SIOCGIFMTU, fixtures[f].name, &ifr))
			s->mtu[f] = ifr.ifr_mtu;
		if (!ifr_req(fd, SIOCGIFFLAGS, fixtures[f].name, &ifr))
			s->flags[f] = ifr.ifr_flags;
	}
	parm_init(&p, "", NOWHERE_LOCAL, NOWHERE_REMOTE);
	s->ctl_err = tun_req(fd, SIOCGETTUNNEL, CTL, &p);
	s->ctl = p;
}

static const struct iface *iface_find(const struct state *s, unsigned int index)
{
	int i;

	for (i = 0; i < s->nifs; i++)
		if (s->ifs[i].index == index)
			return &s->ifs[i];
	return NULL;
}

static bool state_diff(const struct state *was, const struct state *now,
		       struct why *w)
{
	size_t before = w->n;
	const struct iface *o;
	char buf[96];
	size_t f;
	int i;

	if (was->nifs < 0 || now->nifs < 0)
		why_add(w, "cannot list interfaces");
	for (i = 0; i < was->nifs; i++) {
		o = iface_find(now, was->ifs[i].index);
		if (!o)
			why_add(w, "%s (ifindex %u) vanished", was->ifs[i].name,
				was->ifs[i].index);
		else if (strcmp(o->name, was->ifs[i].name))
			why_add(w, "%s (ifindex %u) renamed to %s",
				was->ifs[i].name, o->index, o->name);
	}
	for (i = 0; i < now->nifs; i++)
		if (!iface_find(was, now->ifs[i].index))
			why_add(w, "%s (ifindex %u) appeared", now->ifs[i].name,
				now->ifs[i].index);
	for (f = 0; f < NFIX; f++) {
		if (was->err[f] != now->err[f])
			why_add(w, "GET %s now gives %s", fixtures[f].name,
				err_str(now->err[f], buf, sizeof(buf)));
		else if (!was->err[f])
			parm_cmp(w, fixtures[f].name, &now->fix[f],
				 &was->fix[f], true);
		if (strncmp(was->found[f], now->found[f], IFNAMSIZ))
			why_add(w, "GET by %s's endpoints finds `%.*s' (was `%.*s')",
				fixtures[f].name, IFNAMSIZ, now->found[f],
				IFNAMSIZ, was->found[f]);
		if (was->mtu[f] != now->mtu[f])
			why_add(w, "%s mtu %d (was %d)", fixtures[f].name,
				now->mtu[f], was->mtu[f]);
		if (was->flags[f] != now->flags[f])
			why_add(w, "%s flags 0x%x (was 0x%x)", fixtures[f].name,
				now->flags[f], was->flags[f]);
	}
	if (was->ctl_err != now->ctl_err)
		why_add(w, "GET scid0 now gives %s",
			err_str(now->ctl_err, buf, sizeof(buf)));
	else if (!was->ctl_err)
		parm_cmp(w, CTL, &now->ctl, &was->ctl, true);
	return w->n != before;
}

static void fixtures_del(int fd)
{
	struct ip_tunnel_parm p;
	size_t f;

	for (f = 0; f < NFIX; f++) {
		parm_junk(&p, fixtures[f].name);
		tun_req(fd, SIOCDELTUNNEL, CTL, &p);
	}
}

/*
 * Puts the namespace back to @a->base after a case that changed it, so one
 * broken case does not fail every later one. Without CAP_NET_ADMIN the
 * change is only taken as the new baseline.
 */
static void repair(struct abi *a)
{
	struct ip_tunnel_parm p;
	struct state now;
	size_t f;
	int i;

	snapshot(a->fd, &now);
	if (a->privileged) {
		for (i = 0; i < now.nifs; i++) {
			if (iface_find(&a->base, now.ifs[i].index))
				continue;
			parm_junk(&p, now.ifs[i].name);
			if (!tun_req(a->fd, SIOCGETTUNNEL, CTL, &p))
				tun_req(a->fd, SIOCDELTUNNEL, now.ifs[i].name, &p);
		}
		for (f = 0; f < NFIX; f++) {
			if (a->base.err[f])
				continue;
			p = a->base.fix[f];
			if (now.err[f])
				tun_req(a->fd, SIOCADDTUNNEL, CTL, &p);
			else
				tun_req(a->fd, SIOCCHGTUNNEL, fixtures[f].name, &p);
		}
		snapshot(a->fd, &now);
	}
	a->base = now;
}

/* "Loses nothing": adds to @w what the last request changed, and undoes it. */
static void want_unchanged(struct abi *a, struct why *w)
{
	struct why d = { .n = 0 };
	struct state now;

	snapshot(a->fd, &now);
	if (!state_diff(&a->base, &now, &d))
		return;
	why_add(w, "changed the namespace: %s", d.s);
	repair(a);
}

static void mutate(struct ip_tunnel_parm *p, const struct mutation *m,
		   int lo, int self)
{
	switch (m->field) {
	case F_VERSION:
		p->iph.version = (unsigned int)m->value;
		break;
	case F_IHL:
		p->iph.ihl = (unsigned int)m->value;
		break;
	case F_PROTOCOL:
		p->iph.protocol = (uint8_t)m->value;
		break;
	case F_FRAG_OFF:
		p->iph.frag_off = htons((uint16_t)m->value);
		break;
	case F_TOT_LEN:
		p->iph.tot_len = htons((uint16_t)m->value);
		break;
	case F_ID:
		p->iph.id = htons((uint16_t)m->value);
		break;
	case F_CHECK:
		p->iph.check = htons((uint16_t)m->value);
		break;
	case F_I_FLAGS:
		p->i_flags = htons((uint16_t)m->value);
		break;
	case F_O_FLAGS:
		p->o_flags = htons((uint16_t)m->value);
		break;
	case F_I_KEY:
		p->i_key = htonl((uint32_t)m->value);
		break;
	case F_O_KEY:
		p->o_key = htonl((uint32_t)m->value);
		break;
	case F_REMOTE:
		p->iph.daddr = htonl((uint32_t)m->value);
		break;
	case F_LOCAL:
		p->iph.saddr = htonl((uint32_t)m->value);
		break;
	case F_LINK:
		p->link = (int)m->value;
		break;
	case F_LINK_LO:
		p->link = lo;
		break;
	case F_LINK_SELF:
		p->link = self;
		break;
	case F_TTL:
		p->iph.ttl = (uint8_t)m->value;
		break;
	case F_TTL_NO_DF:
		p->iph.ttl = (uint8_t)m->value;
		p->iph.frag_off = 0;
		break;
	case F_TTL_NODF:
		p->iph.ttl = (uint8_t)m->value;
		p->iph.frag_off = htons(SCID_FRAG_OFF_NODF);
		break;
	case F_TOS:
		p->iph.tos = (uint8_t)m->value;
		break;
	}
}

/* Checks the copy an accepted request returned, and that GET agrees. */
static void want_parms(struct abi *a, struct why *w,
		       const struct ip_tunnel_parm *reply,
		       const struct ip_tunnel_parm *want)
{
	struct ip_tunnel_parm g;
	char name[IFNAMSIZ + 1] = "";
	int err;

	parm_cmp(w, "reply", reply, want, false);
	memcpy(name, want->name, IFNAMSIZ);
	parm_junk(&g, "");
	err = tun_req(a->fd, SIOCGETTUNNEL, name, &g);
	if (err)
		want_errno(w, 0, err);
	else
		parm_cmp(w, "GET", &g, want, false);
}

/* Deletes a tunnel an ADD created, wanted or not. */
static void undo_add(struct abi *a, struct why *w, const struct ip_tunnel_parm *reply)
{
	char name[IFNAMSIZ + 1] = "";
	struct ip_tunnel_parm p;
	char buf[96];
	int err;

	memcpy(name, reply->name, IFNAMSIZ);
	if (!name[0] || !strcmp(name, CTL))
		return;		/* want_unchanged() finds and removes it */
	parm_junk(&p, "");
	err = tun_req(a->fd, SIOCDELTUNNEL, name, &p);
	if (err)
		why_add(w, "DEL %s after the ADD: %s", name,
			err_str(err, buf, sizeof(buf)));
}

static void undo_chg(struct abi *a, struct why *w, size_t f)
{
	struct ip_tunnel_parm p = a->base.fix[f];
	char buf[96];
	int err;

	err = tun_req(a->fd, SIOCCHGTUNNEL, fixtures[f].name, &p);
	if (err)
		why_add(w, "CHG %s back: %s", fixtures[f].name,
			err_str(err, buf, sizeof(buf)));
}

/*
 * Sends one request that must fail with @want and change nothing; if it
 * does not fail, what it did is undone.
 */
static void expect_reject(struct abi *a, unsigned long cmd, const char *dev,
			  struct ip_tunnel_parm *p, int want,
			  const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

static void expect_reject(struct abi *a, unsigned long cmd, const char *dev,
			  struct ip_tunnel_parm *p, int want,
			  const char *fmt, ...)
{
	struct why w = { .n = 0 };
	char what[200];
	va_list ap;
	int err;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	err = tun_req(a->fd, cmd, dev, p);
	want_errno(&w, want, err);
	if (!err && cmd == SIOCADDTUNNEL)
		undo_add(a, &w, p);
	want_unchanged(a, &w);
	verdict(a, &w, "%s: %s -> %s", cmd_name(cmd), what, err_name(want));
}

static void run_add_mutation(struct abi *a, const struct mutation *m)
{
	struct ip_tunnel_parm p, want;
	struct why w = { .n = 0 };
	int err;

	parm_base(&p);
	mutate(&p, m, a->lo, 0);
	want = parm_expected(&p, NEW);
	err = tun_req(a->fd, SIOCADDTUNNEL, CTL, &p);
	want_errno(&w, m->add_err, err);
	if (!err) {
		if (!m->add_err)
			want_parms(a, &w, &p, &want);
		undo_add(a, &w, &p);
	}
	want_unchanged(a, &w);
	verdict(a, &w, "add: %s -> %s", m->what, err_name(m->add_err));
}

/* CHG of abi1, sent to abi1 itself or to scid0 naming abi1. */
static void run_chg_mutation(struct abi *a, const struct mutation *m,
			     bool via_ctl)
{
	const char *name = fixtures[ABI1].name;
	struct ip_tunnel_parm p, want;
	struct why w = { .n = 0 };
	int err;

	p = a->base.fix[ABI1];
	mutate(&p, m, a->lo, (int)if_nametoindex(name));
	set_name(p.name, via_ctl ? name : "");
	want = parm_expected(&p, name);
	err = tun_req(a->fd, SIOCCHGTUNNEL, via_ctl ? CTL : name, &p);
	want_errno(&w, m->chg_err, err);
	if (!err) {
		if (!m->chg_err)
			want_parms(a, &w, &p, &want);
		undo_chg(a, &w, ABI1);
	}
	want_unchanged(a, &w);
	verdict(a, &w, "chg %s: %s -> %s", via_ctl ? "scid0 name=abi1" : name,
		m->what, err_name(m->chg_err));
}

static int fixtures_add(struct abi *a)
{
	struct ip_tunnel_parm p, want;
	size_t f;
	int err;

	for (f = 0; f < NFIX; f++) {
		struct why w = { .n = 0 };

		parm_fixture(&p, &fixtures[f]);
		want = parm_expected(&p, fixtures[f].name);
		err = tun_req(a->fd, SIOCADDTUNNEL, CTL, &p);
		want_errno(&w, 0, err);
		if (!err)
			want_parms(a, &w, &p, &want);
		verdict(a, &w, "setup: add %s (ttl %u, tos 0x%02x, frag_off 0x%04x)",
			fixtures[f].name, fixtures[f].ttl, fixtures[f].tos,
			fixtures[f].frag_off);
		if (err)
			return -1;
	}
	return 0;
}

/* Removes what an earlier, interrupted run may have left behind. */
static void leftovers_del(int fd)
{
	static const char *const names[] = { NEW, LONG_NAME };
	struct ip_tunnel_parm p;
	size_t i;

	fixtures_del(fd);
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		parm_junk(&p, names[i]);
		tun_req(fd, SIOCDELTUNNEL, CTL, &p);
	}
	for (i = 0; i < NFIX; i++) {
		parm_init(&p, "", fixtures[i].local, fixtures[i].remote);
		tun_req(fd, SIOCDELTUNNEL, CTL, &p);
	}
	parm_base(&p);
	set_name(p.name, "");
	tun_req(fd, SIOCDELTUNNEL, CTL, &p);
}

static void check_device(struct abi *a, const char *name, bool ctl, bool p2p)
{
	struct ethtool_drvinfo drv;
	struct why w = { .n = 0 };
	struct ifreq ifr;
	char buf[96];
	int err;

	err = ifr_req(a->fd, SIOCGIFHWADDR, name, &ifr);
	if (err)
		why_add(&w, "SIOCGIFHWADDR: %s", err_str(err, buf, sizeof(buf)));
	else if (ifr.ifr_hwaddr.sa_family != ARPHRD_TUNNEL)
		why_add(&w, "type %u (want ARPHRD_TUNNEL)",
			ifr.ifr_hwaddr.sa_family);
	err = ifr_req(a->fd, SIOCGIFFLAGS, name, &ifr);
	if (err) {
		why_add(&w, "SIOCGIFFLAGS: %s", err_str(err, buf, sizeof(buf)));
	} else {
		if (!(ifr.ifr_flags & IFF_NOARP))
			why_add(&w, "NOARP not set");
		if (ctl && (ifr.ifr_flags & IFF_UP))
			why_add(&w, "is up");
		if (!ctl && !!(ifr.ifr_flags & IFF_POINTOPOINT) != p2p)
			why_add(&w, "POINTOPOINT %s", p2p ? "not set" : "set");
	}
	if (!ctl) {
		memset(&drv, 0, sizeof(drv));
		drv.cmd = ETHTOOL_GDRVINFO;
		ifr_init(&ifr, name);
		ifr.ifr_data = (void *)&drv;
		if (ioctl(a->fd, SIOCETHTOOL, &ifr))
			why_add(&w, "ETHTOOL_GDRVINFO: %s",
				err_str(errno, buf, sizeof(buf)));
		else if (strncmp(drv.driver, "scid_ipip", sizeof(drv.driver)))
			why_add(&w, "driver `%.32s' (want `scid_ipip')",
				drv.driver);
	}
	verdict(a, &w, "dev: %s is ARPHRD_TUNNEL, NOARP%s", name,
		ctl ? ", down" : p2p ? ", POINTOPOINT, driver scid_ipip" :
		", not POINTOPOINT, driver scid_ipip");
}

static void run_devices(struct abi *a)
{
	check_device(a, CTL, true, false);
	check_device(a, fixtures[ABI1].name, false, true);
	check_device(a, fixtures[ABI3].name, false, false);
}

static void get_want(struct abi *a, const char *dev, struct ip_tunnel_parm *p,
		     const struct ip_tunnel_parm *want, const char *what)
{
	struct why w = { .n = 0 };
	int err;

	err = tun_req(a->fd, SIOCGETTUNNEL, dev, p);
	want_errno(&w, 0, err);
	if (!err)
		parm_cmp(&w, "reply", p, want, false);
	want_unchanged(a, &w);
	verdict(a, &w, "get: %s", what);
}

/* GET on scid0 of endpoints no tunnel has returns scid0's own parameters. */
static void get_ctl(struct abi *a, struct ip_tunnel_parm *p, const char *what)
{
	struct why w = { .n = 0 };
	int err;

	err = tun_req(a->fd, SIOCGETTUNNEL, CTL, p);
	want_errno(&w, 0, err);
	if (!err) {
		if (strncmp(p->name, CTL, IFNAMSIZ))
			why_add(&w, "reply name `%.*s' (want `scid0')",
				IFNAMSIZ, p->name);
		if (p->iph.version != 4 || p->iph.ihl != 5 ||
		    p->iph.protocol != IPPROTO_IPIP)
			why_add(&w, "reply version/ihl/protocol %u/%u/%u (want 4/5/4)",
				p->iph.version, p->iph.ihl, p->iph.protocol);
		if (p->i_flags || p->o_flags || p->i_key || p->o_key)
			why_add(&w, "reply has keys or flags");
	}
	want_unchanged(a, &w);
	verdict(a, &w, "get: %s", what);
}

static void run_get(struct abi *a)
{
	const struct ip_tunnel_parm *t1 = &a->base.fix[ABI1];
	const struct ip_tunnel_parm *t3 = &a->base.fix[ABI3];
	struct ip_tunnel_parm p, want;
	char what[100];
	size_t f;

	for (f = 0; f < NFIX; f++) {
		parm_fixture(&p, &fixtures[f]);
		want = parm_expected(&p, fixtures[f].name);
		parm_junk(&p, "");
		snprintf(what, sizeof(what),
			 "on %s, empty name, returns what it was created with",
			 fixtures[f].name);
		get_want(a, fixtures[f].name, &p, &want, what);
	}
	want = *t1;
	parm_junk(&p, fixtures[ABI2].name);
	get_want(a, fixtures[ABI1].name, &p, &want,
		 "on abi1 with name abi2 returns abi1 (name ignored)");
	parm_junk(&p, fixtures[ABI1].name);
	get_want(a, CTL, &p, &want, "on scid0 with name abi1 returns abi1");
	parm_lookup(&p, t1);
	get_want(a, CTL, &p, &want,
		 "on scid0, empty name, abi1's endpoints returns abi1");
	parm_lookup(&p, t3);
	get_want(a, CTL, &p, t3,
		 "on scid0, empty name, abi3's endpoints (no remote) returns abi3");

	parm_lookup(&p, t1);
	p.link = a->lo;
	get_ctl(a, &p, "on scid0, empty name, abi1's endpoints with link lo returns scid0");
	parm_init(&p, "", NOWHERE_LOCAL, NOWHERE_REMOTE);
	get_ctl(a, &p, "on scid0, empty name, endpoints of no tunnel returns scid0");

	parm_junk(&p, NOSUCH);
	expect_reject(a, SIOCGETTUNNEL, CTL, &p, ENODEV,
		      "on scid0 with name of no device");
	parm_junk(&p, "lo");
	expect_reject(a, SIOCGETTUNNEL, CTL, &p, ENODEV,
		      "on scid0 with name lo (not scid_ipip)");
}

static void run_mutations(struct abi *a)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(mutations); i++) {
		if (mutations[i].add_err != NA)
			run_add_mutation(a, &mutations[i]);
		if (mutations[i].chg_err != NA) {
			run_chg_mutation(a, &mutations[i], false);
			run_chg_mutation(a, &mutations[i], true);
		}
	}
}

/* ADD that must succeed and name the tunnel @want_name (NULL: scid%d). */
static void add_ok(struct abi *a, const char *dev, struct ip_tunnel_parm *p,
		   const char *want_name, const char *what)
{
	struct ip_tunnel_parm want;
	struct why w = { .n = 0 };
	char name[IFNAMSIZ + 1] = "";
	size_t i;
	int err;

	err = tun_req(a->fd, SIOCADDTUNNEL, dev, p);
	want_errno(&w, 0, err);
	if (!err) {
		memcpy(name, p->name, IFNAMSIZ);
		if (!want_name) {
			i = strlen("scid");
			if (strncmp(name, "scid", i) || !name[i] ||
			    strspn(name + i, "0123456789") != strlen(name + i) ||
			    !strcmp(name, CTL))
				why_add(&w, "reply name `%s' (want scid%%d)", name);
			if (!if_nametoindex(name))
				why_add(&w, "no device `%s'", name);
			want_name = name;
		}
		want = parm_expected(p, want_name);
		want_parms(a, &w, p, &want);
		undo_add(a, &w, p);
	}
	want_unchanged(a, &w);
	verdict(a, &w, "add: %s", what);
}

static void run_add(struct abi *a)
{
	const struct ip_tunnel_parm *t1 = &a->base.fix[ABI1];
	struct ip_tunnel_parm p;
	size_t i;

	parm_base(&p);
	memset(p.name, 'a', IFNAMSIZ);
	expect_reject(a, SIOCADDTUNNEL, CTL, &p, EINVAL,
		      "name of 16 bytes without NUL");
	for (i = 0; i < ARRAY_SIZE(bad_names); i++) {
		parm_base(&p);
		set_name(p.name, bad_names[i]);
		expect_reject(a, SIOCADDTUNNEL, CTL, &p, EINVAL, "name `%s'",
			      bad_names[i]);
	}
	parm_base(&p);
	set_name(p.name, LONG_NAME);
	add_ok(a, CTL, &p, LONG_NAME, "name of 15 characters -> accepted");
	parm_base(&p);
	set_name(p.name, "");
	add_ok(a, CTL, &p, NULL, "on scid0, empty name -> scid%d");
	parm_base(&p);
	set_name(p.name, "");
	add_ok(a, fixtures[ABI1].name, &p, NULL, "on abi1, empty name -> scid%d");
	parm_base(&p);
	add_ok(a, fixtures[ABI1].name, &p, NEW,
	       "on abi1 with name abi0 -> creates abi0, abi1 untouched");

	parm_base(&p);
	set_name(p.name, fixtures[ABI1].name);
	expect_reject(a, SIOCADDTUNNEL, CTL, &p, EEXIST, "name of a tunnel (abi1)");
	parm_base(&p);
	set_name(p.name, "lo");
	expect_reject(a, SIOCADDTUNNEL, CTL, &p, EEXIST, "name lo");
	parm_base(&p);
	set_name(p.name, CTL);
	expect_reject(a, SIOCADDTUNNEL, CTL, &p, EEXIST, "name scid0");
	parm_base(&p);
	p.iph.saddr = t1->iph.saddr;
	p.iph.daddr = t1->iph.daddr;
	expect_reject(a, SIOCADDTUNNEL, CTL, &p, EEXIST,
		      "abi1's local, remote and link under another name");
	parm_base(&p);
	p.iph.saddr = a->base.fix[ABI3].iph.saddr;
	p.iph.daddr = 0;
	expect_reject(a, SIOCADDTUNNEL, CTL, &p, EEXIST,
		      "abi3's local, no remote, under another name");
	parm_base(&p);
	p.iph.saddr = t1->iph.saddr;
	p.iph.daddr = t1->iph.daddr;
	p.link = a->lo;
	add_ok(a, CTL, &p, NEW,
	       "abi1's local and remote with another link -> accepted");
}

/* An accepted CHG of abi1: checks the reply and GET, then changes it back. */
static void chg_ok(struct abi *a, const char *dev, struct ip_tunnel_parm *p,
		   const struct ip_tunnel_parm *want, const char *what)
{
	struct why w = { .n = 0 };
	int err;

	err = tun_req(a->fd, SIOCCHGTUNNEL, dev, p);
	want_errno(&w, 0, err);
	if (!err) {
		want_parms(a, &w, p, want);
		undo_chg(a, &w, ABI1);
	}
	want_unchanged(a, &w);
	verdict(a, &w, "chg: %s", what);
}

static void run_chg(struct abi *a)
{
	const struct ip_tunnel_parm *t1 = &a->base.fix[ABI1];
	const struct ip_tunnel_parm *t2 = &a->base.fix[ABI2];
	const struct ip_tunnel_parm *t3 = &a->base.fix[ABI3];
	struct ip_tunnel_parm p, want;
	struct why w = { .n = 0 };
	int err;

	p = *t1;
	p.iph.saddr = t2->iph.saddr;
	p.iph.daddr = t2->iph.daddr;
	expect_reject(a, SIOCCHGTUNNEL, "abi1", &p, EEXIST,
		      "abi1 to abi2's endpoints");
	p = *t1;
	p.iph.saddr = t2->iph.saddr;
	p.iph.daddr = t2->iph.daddr;
	expect_reject(a, SIOCCHGTUNNEL, CTL, &p, EEXIST,
		      "scid0 name=abi1 to abi2's endpoints");
	p = *t3;
	p.iph.daddr = htonl(IP4(198, 51, 100, 4));
	expect_reject(a, SIOCCHGTUNNEL, "abi3", &p, EINVAL,
		      "abi3 (no remote) setting a remote");
	p = *t3;
	p.iph.daddr = htonl(IP4(198, 51, 100, 4));
	expect_reject(a, SIOCCHGTUNNEL, CTL, &p, EINVAL,
		      "scid0 name=abi3 (no remote) setting a remote");

	parm_init(&p, CTL, 0, 0);
	expect_reject(a, SIOCCHGTUNNEL, CTL, &p, EPERM, "scid0 name=scid0");
	p = *t1;
	set_name(p.name, NOSUCH);
	expect_reject(a, SIOCCHGTUNNEL, CTL, &p, ENODEV,
		      "scid0 with name of no device");
	p = *t1;
	set_name(p.name, "lo");
	expect_reject(a, SIOCCHGTUNNEL, CTL, &p, ENODEV,
		      "scid0 with name lo (not scid_ipip)");
	parm_init(&p, "", NOWHERE_LOCAL, NOWHERE_REMOTE);
	expect_reject(a, SIOCCHGTUNNEL, CTL, &p, ENOENT,
		      "scid0, empty name, endpoints of no tunnel");

	p = *t1;
	set_name(p.name, "");
	p.iph.ttl = 33;
	want = parm_expected(&p, "abi1");
	chg_ok(a, CTL, &p, &want,
	       "scid0, empty name, abi1's endpoints, ttl 33 -> changes abi1");
	p = *t1;
	set_name(p.name, "abi2");
	p.iph.ttl = 33;
	want = parm_expected(&p, "abi1");
	chg_ok(a, "abi1", &p, &want,
	       "abi1 with name abi2, ttl 33 -> changes abi1 only (name ignored)");

	/* New endpoints: the lookup must follow them. */
	p = *t1;
	p.iph.saddr = htonl(IP4(192, 0, 2, 9));
	p.iph.daddr = htonl(IP4(198, 51, 100, 9));
	want = parm_expected(&p, "abi1");
	err = tun_req(a->fd, SIOCCHGTUNNEL, "abi1", &p);
	want_errno(&w, 0, err);
	if (!err) {
		struct ip_tunnel_parm q;

		want_parms(a, &w, &p, &want);
		parm_lookup(&q, &want);
		err = tun_req(a->fd, SIOCGETTUNNEL, CTL, &q);
		if (err || strncmp(q.name, "abi1", IFNAMSIZ))
			why_add(&w, "GET by the new endpoints does not find abi1");
		parm_lookup(&q, t1);
		err = tun_req(a->fd, SIOCGETTUNNEL, CTL, &q);
		if (err || strncmp(q.name, CTL, IFNAMSIZ))
			why_add(&w, "GET by the old endpoints does not return scid0");
		undo_chg(a, &w, ABI1);
	}
	want_unchanged(a, &w);
	verdict(a, &w, "chg: abi1 to new endpoints -> found by them only");
}

/* Creates abi0 for a DEL case; 0 on success. */
static int temp_add(struct abi *a, struct ip_tunnel_parm *p, struct why *w)
{
	char buf[96];
	int err;

	parm_base(p);
	err = tun_req(a->fd, SIOCADDTUNNEL, CTL, p);
	if (err)
		why_add(w, "ADD abi0 first: %s", err_str(err, buf, sizeof(buf)));
	return err;
}

/* DEL of a fresh abi0 that must succeed; @by_endpoints fills in its endpoints. */
static void del_ok(struct abi *a, const char *dev, const char *name,
		   bool by_endpoints, const char *what)
{
	struct ip_tunnel_parm t, p;
	struct why w = { .n = 0 };
	int err;

	if (!temp_add(a, &t, &w)) {
		parm_junk(&p, name);
		if (by_endpoints)
			parm_lookup(&p, &t);
		err = tun_req(a->fd, SIOCDELTUNNEL, dev, &p);
		want_errno(&w, 0, err);
		if (if_nametoindex(NEW))
			why_add(&w, "abi0 still exists");
	}
	want_unchanged(a, &w);
	verdict(a, &w, "del: %s", what);
}

static void run_del(struct abi *a)
{
	struct ip_tunnel_parm p;

	parm_junk(&p, CTL);
	expect_reject(a, SIOCDELTUNNEL, CTL, &p, EPERM, "scid0 name=scid0");
	parm_junk(&p, NOSUCH);
	expect_reject(a, SIOCDELTUNNEL, CTL, &p, ENODEV,
		      "scid0 with name of no device");
	parm_junk(&p, "lo");
	expect_reject(a, SIOCDELTUNNEL, CTL, &p, ENODEV,
		      "scid0 with name lo (not scid_ipip)");
	parm_init(&p, "", NOWHERE_LOCAL, NOWHERE_REMOTE);
	expect_reject(a, SIOCDELTUNNEL, CTL, &p, ENOENT,
		      "scid0, empty name, endpoints of no tunnel");

	del_ok(a, CTL, NEW, false, "scid0 name=abi0 -> deleted");
	del_ok(a, CTL, "", true, "scid0, empty name, abi0's endpoints -> deleted");
	del_ok(a, NEW, "", false, "on abi0, empty name -> deleted");
	del_ok(a, NEW, fixtures[ABI1].name, false,
	       "on abi0 with name abi1 -> abi0 deleted, abi1 kept");
}

/* A SCID_IOC_DELTUNNELS request of up to DEL_NAMES names. */
#define DEL_NAMES	4
struct del_req {
	struct scid_del_request h;
	char names[DEL_NAMES][IFNAMSIZ];
};

static void del_req_init(struct del_req *r, const char *const *names, unsigned int n)
{
	unsigned int i;

	memset(r, 0, sizeof(*r));
	r->h.count = n;
	r->h.failed = UINT32_MAX;
	for (i = 0; i < n && i < DEL_NAMES; i++)
		set_name(r->names[i], names[i]);
}

static int del_many(int fd, const char *dev, void *req)
{
	struct ifreq ifr;

	ifr_init(&ifr, dev);
	ifr.ifr_data = req;
	return ioctl(fd, SCID_IOC_DELTUNNELS, &ifr) ? errno : 0;
}

/*
 * A batch that must be refused whole with @want, naming index @failed
 * (UINT32_MAX: none), and delete nothing; what it did delete is put back.
 */
static void del_many_reject(struct abi *a, const char *dev, struct del_req *r,
			    int want, uint32_t failed, const char *what)
{
	struct why w = { .n = 0 };
	int err;

	err = del_many(a->fd, dev, r);
	want_errno(&w, want, err);
	if (err && r->h.failed != failed)
		why_add(&w, "failed index %u, expected %u", r->h.failed, failed);
	want_unchanged(a, &w);
	verdict(a, &w, "del-many: %s -> %s", what, err_name(want));
}

/* Adds abi0, then deletes it with abi2 in one batch; puts abi2 back. */
static void del_many_ok(struct abi *a)
{
	static const char *const names[] = { NEW, "abi2", NEW };
	struct ip_tunnel_parm t, p = a->base.fix[ABI2];
	struct why w = { .n = 0 };
	struct del_req r;
	int err;

	if (!temp_add(a, &t, &w)) {
		del_req_init(&r, names, 3);
		err = del_many(a->fd, CTL, &r);
		want_errno(&w, 0, err);
		if (!err && r.h.count != 2)
			why_add(&w, "count says %u deleted, expected 2", r.h.count);
		if (if_nametoindex(NEW) || if_nametoindex("abi2"))
			why_add(&w, "abi0 or abi2 still exists");
		err = tun_req(a->fd, SIOCADDTUNNEL, CTL, &p);
		if (err)
			why_add(&w, "abi2 not added back: %s", strerror(err));
		snapshot(a->fd, &a->base);
	}
	verdict(a, &w, "del-many: abi0, abi2, abi0 again -> both deleted, count 2");
}

/* Two names claimed, one given: the second lies in a page that faults. */
static void del_many_fault(struct abi *a)
{
	long page = sysconf(_SC_PAGESIZE);
	struct why w = { .n = 0 };
	struct scid_del_request *h;
	char *map;
	int err;

	map = mmap(NULL, 2 * (size_t)page, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED || mprotect(map + page, (size_t)page, PROT_NONE)) {
		skip("del-many: names past the buffer", strerror(errno));
		return;
	}
	h = (void *)(map + page - sizeof(*h) - IFNAMSIZ);
	memset(h, 0, sizeof(*h) + IFNAMSIZ);
	h->count = 2;
	h->failed = UINT32_MAX;
	set_name(h->names[0], "abi1");
	err = del_many(a->fd, CTL, h);
	want_errno(&w, EFAULT, err);
	want_unchanged(a, &w);
	verdict(a, &w, "del-many: abi1 and a name past the buffer -> EFAULT");
	munmap(map, 2 * (size_t)page);
}

static void run_del_many(struct abi *a)
{
	static const char *const nosuch[] = { "abi1", NOSUCH, "abi2" };
	static const char *const not_ours[] = { "abi1", "abi2", "lo" };
	static const char *const ctl[] = { "abi1", CTL };
	static const char *const bad[] = { "abi1", "a/b", "" };
	struct del_req r;

	del_req_init(&r, nosuch, 3);
	del_many_reject(a, CTL, &r, ENODEV, 1, "abi1, a name of no device, abi2");
	del_req_init(&r, not_ours, 3);
	del_many_reject(a, CTL, &r, ENODEV, 2, "abi1, abi2, lo (not scid_ipip)");
	del_req_init(&r, ctl, 2);
	del_many_reject(a, CTL, &r, EPERM, 1, "abi1, scid0");
	del_req_init(&r, bad, 3);
	del_many_reject(a, CTL, &r, ENODEV, 1, "abi1, a/b");
	del_req_init(&r, bad, 3);
	r.names[1][0] = '\0';
	del_many_reject(a, CTL, &r, EINVAL, 1, "abi1, an empty name");
	del_req_init(&r, bad, 1);
	memset(r.names[0], 'x', IFNAMSIZ);
	del_many_reject(a, CTL, &r, EINVAL, 0, "a name without its NUL");

	del_req_init(&r, nosuch, 1);
	r.h.reserved = 1;
	del_many_reject(a, CTL, &r, EINVAL, UINT32_MAX, "reserved 1");
	del_req_init(&r, nosuch, 1);
	r.h.flags = 0x2;
	del_many_reject(a, CTL, &r, EINVAL, UINT32_MAX, "unknown flag 0x2");
	del_req_init(&r, nosuch, 1);
	r.h.flags = SCID_DEL_ALL;
	del_many_reject(a, CTL, &r, EINVAL, UINT32_MAX, "SCID_DEL_ALL with a name");
	del_req_init(&r, nosuch, 0);
	del_many_reject(a, CTL, &r, EINVAL, UINT32_MAX, "count 0");
	del_req_init(&r, nosuch, 1);
	r.h.count = SCID_DEL_MAX + 1;
	del_many_reject(a, CTL, &r, E2BIG, UINT32_MAX, "count SCID_DEL_MAX + 1");
	del_many_fault(a);
	del_req_init(&r, nosuch, 1);
	del_many_reject(a, "abi1", &r, EOPNOTSUPP, UINT32_MAX,
			"sent to abi1, not scid0");

	del_many_ok(a);
}

static int cap_get(struct __user_cap_data_struct d[2])
{
	struct __user_cap_header_struct h = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};

	return (int)syscall(SYS_capget, &h, d);
}

static bool cap_effective(int cap)
{
	struct __user_cap_data_struct d[2];

	if (cap_get(d))
		return false;
	return d[cap / 32].effective & (1u << (cap % 32));
}

/* Only the effective set: the kernel checks it, and permitted lets it back. */
static int cap_set_effective(int cap, bool on)
{
	struct __user_cap_header_struct h = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct d[2];

	if (cap_get(d))
		return -1;
	if (on)
		d[cap / 32].effective |= 1u << (cap % 32);
	else
		d[cap / 32].effective &= ~(1u << (cap % 32));
	return (int)syscall(SYS_capset, &h, d);
}

/* Replaces @a's socket; on failure keeps it and leaves errno set. */
static int new_socket(struct abi *a)
{
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	if (a->fd >= 0)
		close(a->fd);
	a->fd = fd;
	return 0;
}

/* ADD, CHG and DEL of abi1 refused with EPERM, GET of it allowed. */
static void unpriv_requests(struct abi *a, const char *tag)
{
	static const char *const del_names[] = { "abi1" };
	const struct ip_tunnel_parm *t1 = &a->base.fix[ABI1];
	struct ip_tunnel_parm p;
	struct del_req r;
	char what[160];

	parm_base(&p);
	expect_reject(a, SIOCADDTUNNEL, CTL, &p, EPERM, "%s: abi0 on scid0", tag);
	parm_base(&p);
	expect_reject(a, SIOCADDTUNNEL, "abi1", &p, EPERM, "%s: abi0 on abi1", tag);
	parm_base(&p);
	p.iph.version = 5;
	expect_reject(a, SIOCADDTUNNEL, CTL, &p, EPERM,
		      "%s: version 5 (privilege is checked first)", tag);
	parm_base(&p);
	set_name(p.name, "a/b");
	expect_reject(a, SIOCADDTUNNEL, CTL, &p, EPERM,
		      "%s: name `a/b' (privilege is checked first)", tag);
	parm_base(&p);
	set_name(p.name, "abi1");
	expect_reject(a, SIOCADDTUNNEL, CTL, &p, EPERM,
		      "%s: name abi1 (privilege is checked first)", tag);

	p = *t1;
	p.iph.ttl = 33;
	expect_reject(a, SIOCCHGTUNNEL, "abi1", &p, EPERM, "%s: abi1 ttl 33", tag);
	p = *t1;
	p.iph.ttl = 33;
	expect_reject(a, SIOCCHGTUNNEL, CTL, &p, EPERM,
		      "%s: scid0 name=abi1 ttl 33", tag);
	p = *t1;
	set_name(p.name, "");
	p.iph.ttl = 33;
	expect_reject(a, SIOCCHGTUNNEL, CTL, &p, EPERM,
		      "%s: scid0, empty name, abi1's endpoints, ttl 33", tag);
	p = *t1;
	p.iph.ihl = 6;
	expect_reject(a, SIOCCHGTUNNEL, "abi1", &p, EPERM,
		      "%s: abi1 ihl 6 (privilege is checked first)", tag);

	del_req_init(&r, del_names, 1);
	del_many_reject(a, CTL, &r, EPERM, UINT32_MAX, "unprivileged: abi1");
	del_req_init(&r, del_names, 0);
	r.h.flags = SCID_DEL_ALL;
	del_many_reject(a, CTL, &r, EPERM, UINT32_MAX, "unprivileged: all");

	parm_junk(&p, "");
	expect_reject(a, SIOCDELTUNNEL, "abi1", &p, EPERM, "%s: on abi1", tag);
	parm_junk(&p, "abi1");
	expect_reject(a, SIOCDELTUNNEL, CTL, &p, EPERM, "%s: scid0 name=abi1", tag);
	parm_lookup(&p, t1);
	expect_reject(a, SIOCDELTUNNEL, CTL, &p, EPERM,
		      "%s: scid0, empty name, abi1's endpoints", tag);

	parm_junk(&p, "");
	snprintf(what, sizeof(what), "%s: on abi1 -> abi1", tag);
	get_want(a, "abi1", &p, t1, what);
	parm_junk(&p, "abi1");
	snprintf(what, sizeof(what), "%s: scid0 name=abi1 -> abi1", tag);
	get_want(a, CTL, &p, t1, what);
	parm_lookup(&p, t1);
	snprintf(what, sizeof(what),
		 "%s: scid0, empty name, abi1's endpoints -> abi1", tag);
	get_want(a, CTL, &p, t1, what);
	parm_junk(&p, NOSUCH);
	expect_reject(a, SIOCGETTUNNEL, CTL, &p, ENODEV,
		      "%s: scid0 with name of no device", tag);
}

/* In a new network namespace the caller owns, everything is allowed. */
static void userns_own_netns(struct abi *a)
{
	struct ip_tunnel_parm p, want;
	struct why w = { .n = 0 };
	int err;

	if (unshare(CLONE_NEWNET)) {
		skip("userns: own network namespace", strerror(errno));
		return;
	}
	if (new_socket(a))
		exit(1);
	if (!if_nametoindex(CTL))
		why_add(&w, "no scid0");
	verdict(a, &w, "userns: scid0 exists in a network namespace it owns");

	memset(&w, 0, sizeof(w));
	parm_junk(&p, fixtures[ABI1].name);
	err = tun_req(a->fd, SIOCGETTUNNEL, CTL, &p);
	want_errno(&w, ENODEV, err);
	verdict(a, &w, "userns: get: scid0 name=abi1 of the parent namespace -> ENODEV");

	memset(&w, 0, sizeof(w));
	parm_base(&p);
	p.iph.ttl = 9;
	want = parm_expected(&p, NEW);
	err = tun_req(a->fd, SIOCADDTUNNEL, CTL, &p);
	want_errno(&w, 0, err);
	if (!err)
		want_parms(a, &w, &p, &want);
	verdict(a, &w, "userns: add abi0 in its own namespace -> accepted");
	if (err)
		return;

	memset(&w, 0, sizeof(w));
	p = want;
	p.iph.ttl = 10;
	want = parm_expected(&p, NEW);
	err = tun_req(a->fd, SIOCCHGTUNNEL, CTL, &p);
	want_errno(&w, 0, err);
	if (!err)
		want_parms(a, &w, &p, &want);
	verdict(a, &w, "userns: chg abi0 in its own namespace -> accepted");

	memset(&w, 0, sizeof(w));
	parm_junk(&p, NEW);
	err = tun_req(a->fd, SIOCDELTUNNEL, CTL, &p);
	want_errno(&w, 0, err);
	if (if_nametoindex(NEW))
		why_add(&w, "abi0 still exists");
	verdict(a, &w, "userns: del abi0 in its own namespace -> accepted");
}

/*
 * CAP_NET_ADMIN counts in the user namespace that owns the network
 * namespace: a new user namespace gives it, but not over this one.
 */
static void run_userns(struct abi *a)
{
	struct why w = { .n = 0 };
	pid_t pid;
	int status;

	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		why_add(&w, "fork: %s", strerror(errno));
		verdict(a, &w, "userns");
		return;
	}
	if (!pid) {
		if (unshare(CLONE_NEWUSER)) {
			skip("userns", strerror(errno));
			fflush(stdout);
			_exit(0);
		}
		a->privileged = false;
		if (new_socket(a))
			_exit(1);
		unpriv_requests(a, "userns, namespace owned by the parent");
		userns_own_netns(a);
		fflush(stdout);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		why_add(&w, "child ended with status 0x%x", status);
	want_unchanged(a, &w);
	verdict(a, &w, "userns: this namespace unchanged afterwards");
}

static void run_unprivileged(struct abi *a)
{
	bool had = cap_effective(CAP_NET_ADMIN);
	struct why w = { .n = 0 };
	struct ifreq ifr;
	int err, mtu;

	if (had) {
		leftovers_del(a->fd);
		if (fixtures_add(a))
			goto out;
		snapshot(a->fd, &a->base);
		if (cap_set_effective(CAP_NET_ADMIN, false))
			why_add(&w, "capset: %s", strerror(errno));
		a->privileged = false;
		/* A socket opened with the capability must not lend it. */
		if (new_socket(a))
			why_add(&w, "socket: %s", strerror(errno));
	} else {
		snapshot(a->fd, &a->base);
		if (a->base.err[ABI1])
			why_add(&w, "no fixture abi1: run --setup first");
	}
	if (cap_effective(CAP_NET_ADMIN))
		why_add(&w, "CAP_NET_ADMIN still effective");
	verdict(a, &w, "unpriv: running without CAP_NET_ADMIN (%s)",
		had ? "cleared here" : "dropped by the caller");
	if (w.n)
		goto out;

	memset(&w, 0, sizeof(w));
	err = ifr_req(a->fd, SIOCGIFMTU, "lo", &ifr);
	mtu = ifr.ifr_mtu;
	if (!err) {
		ifr_init(&ifr, "lo");
		ifr.ifr_mtu = mtu;
		err = ioctl(a->fd, SIOCSIFMTU, &ifr) ? errno : 0;
	}
	want_errno(&w, EPERM, err);
	verdict(a, &w, "unpriv: the kernel refuses SIOCSIFMTU on lo -> EPERM");

	unpriv_requests(a, "unpriv");
	run_userns(a);
out:
	if (!had)
		return;
	memset(&w, 0, sizeof(w));
	if (cap_set_effective(CAP_NET_ADMIN, true) || new_socket(a))
		why_add(&w, "%s", strerror(errno));
	else
		fixtures_del(a->fd);
	verdict(a, &w, "unpriv: CAP_NET_ADMIN regained to delete the fixtures");
}

static void run_privileged(struct abi *a)
{
	struct why w = { .n = 0 };
	struct state before, after;
	struct ip_tunnel_parm p;
	int err;

	if (!cap_effective(CAP_NET_ADMIN))
		why_add(&w, "CAP_NET_ADMIN not effective");
	if (!if_nametoindex(CTL))
		why_add(&w, "no scid0 in this network namespace");
	verdict(a, &w, "ns: scid0 exists and CAP_NET_ADMIN is held");
	if (w.n)
		return;

	leftovers_del(a->fd);
	snapshot(a->fd, &before);
	if (fixtures_add(a)) {
		fixtures_del(a->fd);
		return;
	}
	snapshot(a->fd, &a->base);

	run_devices(a);
	run_get(a);
	run_mutations(a);
	run_add(a);
	run_chg(a);
	run_del(a);
	run_del_many(a);

	memset(&w, 0, sizeof(w));
	parm_junk(&p, "");
	err = tun_req(a->fd, SIOCDELTUNNEL, "abi1", &p);
	want_errno(&w, 0, err);
	parm_junk(&p, "abi2");
	err = tun_req(a->fd, SIOCDELTUNNEL, CTL, &p);
	want_errno(&w, 0, err);
	parm_lookup(&p, &a->base.fix[ABI3]);
	err = tun_req(a->fd, SIOCDELTUNNEL, CTL, &p);
	want_errno(&w, 0, err);
	fixtures_del(a->fd);
	snapshot(a->fd, &after);
	state_diff(&before, &after, &w);
	verdict(a, &w, "cleanup: fixtures deleted, namespace as before them");
}

static void usage(void)
{
	fprintf(stderr, "usage: %s [--unprivileged | --setup | --cleanup]\n",
		prog);
	exit(1);
}

int main(int argc, char **argv)
{
	struct abi a = { .fd = -1 };
	const char *mode = "";

	if (argc > 0)
		prog = argv[0];
	if (argc > 2)
		usage();
	if (argc == 2) {
		mode = argv[1];
		if (strcmp(mode, "--unprivileged") && strcmp(mode, "--setup") &&
		    strcmp(mode, "--cleanup"))
			usage();
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	a.tally = mmap(NULL, sizeof(*a.tally), PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (a.tally == MAP_FAILED) {
		fprintf(stderr, "%s: mmap: %s\n", prog, strerror(errno));
		return 1;
	}
	if (new_socket(&a)) {
		fprintf(stderr, "%s: socket: %s\n", prog, strerror(errno));
		return 1;
	}
	a.lo = (int)if_nametoindex("lo");
	a.privileged = true;

	if (!strcmp(mode, "--cleanup")) {
		leftovers_del(a.fd);
		return 0;
	}
	if (!strcmp(mode, "--setup")) {
		leftovers_del(a.fd);
		if (fixtures_add(&a)) {
			fixtures_del(a.fd);
			return 1;
		}
		return 0;
	}
	if (!strcmp(mode, "--unprivileged"))
		run_unprivileged(&a);
	else
		run_privileged(&a);
	printf("%d passed, %d failed\n", a.tally->pass, a.tally->fail);
	return a.tally->fail ? 1 : 0;
}
