// SPDX-License-Identifier: GPL-2.0
/*
 * hard-links: random tunnels bound to random tunnels, checked against a
 * model. Up to 6 tunnels lk0..lk5 (each its own endpoints) are added,
 * re-bound (SIOCCHGTUNNEL with another link), deleted, and have their MTU
 * or the base device's changed, at random, through scid0's ioctls. Before
 * each add or change the program works out, from the links it reads back
 * from the kernel, what the answer must be: ELOOP when the new link leads
 * back to the tunnel through tunnels bound to each other, EMLINK when the
 * stack would hold more than DEPTH tunnels counting those already bound on
 * top, else success. Any other answer is a failure, and so is a loop or a
 * stack deeper than DEPTH found among the links afterwards.
 *
 *   hard-links -d DEPTH -b BASE [-s SEED] [-t SECONDS] [-n ITERATIONS]
 *
 * BASE is the device the stacks stand on (eth0). Deletes every lk* at the
 * end and prints
 *   links seed=S iterations=N ok=N loop=N deep=N mtu=N deleted=N
 * Exit 0, or 1 on the first answer the model did not expect.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <linux/if_tunnel.h>
#include <linux/sockios.h>
#include "../../../module/uapi/scid_ipip.h"

#include "arg-number.h"
#include "tunnel-requests.h"

#define NTUN	6

static const char *prog = "hard-links";

struct model {
	int fd, depth, base;
	int ifindex[NTUN];	/* 0: lk<i> does not exist */
	int link[NTUN];		/* its link, as the kernel reports it */
	uint64_t rng;
	unsigned long ok, loop, deep, mtu;
};

static uint32_t pick(struct model *m, uint32_t n)
{
	m->rng ^= m->rng >> 12;
	m->rng ^= m->rng << 25;
	m->rng ^= m->rng >> 27;
	return (uint32_t)((m->rng * 0x2545f4914f6cdd1dULL) >> 32) % n;
}

static void name_of(int i, char *name)
{
	snprintf(name, IFNAMSIZ, "lk%d", i);
}

static void parm_of(int i, int link, struct ip_tunnel_parm *p)
{
	memset(p, 0, sizeof(*p));
	name_of(i, p->name);
	p->iph.version = 4;
	p->iph.ihl = 5;
	p->iph.protocol = IPPROTO_IPIP;
	p->iph.frag_off = htons(SCID_FRAG_OFF_PMTUDISC);
	p->iph.daddr = htonl(0xc0000200 + 1 + (uint32_t)i);	/* 192.0.2.(1+i) */
	p->iph.saddr = htonl(0xcb007100 + 1 + (uint32_t)i);	/* 203.0.113.(1+i) */
	p->link = link;
}

/* Which lk an ifindex is, or -1. */
static int tunnel_at(const struct model *m, int ifindex)
{
	int i;

	for (i = 0; ifindex && i < NTUN; i++)
		if (m->ifindex[i] == ifindex)
			return i;
	return -1;
}

/* Read every lk's ifindex and link back from the kernel. */
static void reread(struct model *m)
{
	struct ip_tunnel_parm p;
	char name[IFNAMSIZ];
	int i;

	for (i = 0; i < NTUN; i++) {
		name_of(i, name);
		m->ifindex[i] = (int)if_nametoindex(name);
		m->link[i] = 0;
		if (!m->ifindex[i])
			continue;
		parm_of(i, 0, &p);
		if (tunnel_ioctl(m->fd, SIOCGETTUNNEL, SCID_CTL_NAME, &p)) {
			fprintf(stderr, "%s: cannot read %s back\n", prog, name);
			exit(1);
		}
		m->link[i] = p.link;
	}
}

/* Tunnels below one bound to @link; -1 when lk@self is among them. */
static int below(const struct model *m, int link, int self)
{
	int n = 0, t;

	while ((t = tunnel_at(m, link)) >= 0) {
		if (t == self)
			return -1;
		if (++n > NTUN)
			return -1;
		link = m->link[t];
	}
	return n;
}

/* Levels of tunnels bound on top of lk@i. */
static int above(const struct model *m, int i)
{
	int j, h = 0, a;

	for (j = 0; j < NTUN; j++) {
		if (!m->ifindex[j] || j == i || m->link[j] != m->ifindex[i])
			continue;
		a = 1 + above(m, j);
		if (a > h)
			h = a;
	}
	return h;
}

static int expected(const struct model *m, int i, int link)
{
	int b = below(m, link, i);

	if (b < 0)
		return ELOOP;
	if ((m->ifindex[i] ? above(m, i) : 0) + 1 + b > m->depth)
		return EMLINK;
	return 0;
}

/* After every step: no loop, no stack deeper than allowed. */
static void check_graph(const struct model *m, unsigned long it)
{
	int i, b;

	for (i = 0; i < NTUN; i++) {
		if (!m->ifindex[i])
			continue;
		b = below(m, m->link[i], -2);
		if (b < 0 || b + 1 > m->depth) {
			fprintf(stderr, "%s: step %lu: lk%d stands on %s\n", prog, it, i,
				b < 0 ? "a loop" : "too deep a stack");
			exit(1);
		}
	}
}

/* Whether lk@i is in the stack under lk@j. */
static bool under(const struct model *m, int i, int j)
{
	int n, t = j;

	for (n = 0; n <= NTUN; n++) {
		t = tunnel_at(m, m->link[t]);
		if (t < 0)
			return false;
		if (t == i)
			return true;
	}
	return false;
}

/*
 * A link for lk@i: a quarter of the time one that would close a loop (a
 * tunnel stacked on lk@i), a quarter the top of the deepest stack, else
 * any device of the run, so that every answer comes up in a short run.
 */
static int rnd_link(struct model *m, int i)
{
	int j, best = -1, depth = -1, b;

	switch (pick(m, 4)) {
	case 0:
		for (j = 0; m->ifindex[i] && j < NTUN; j++)
			if (m->ifindex[j] && under(m, i, j))
				return m->ifindex[j];
		break;
	case 1:
		for (j = 0; j < NTUN; j++) {
			if (!m->ifindex[j] || j == i)
				continue;
			b = below(m, m->link[j], -2);
			if (b > depth) {
				depth = b;
				best = j;
			}
		}
		if (best >= 0)
			return m->ifindex[best];
		break;
	}
	j = (int)pick(m, NTUN + 2);

	if (j == NTUN)
		return 0;
	if (j == NTUN + 1)
		return m->base;
	return m->ifindex[j] ? m->ifindex[j] : m->base;
}

static void set_mtu(struct model *m, const char *dev, int mtu)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.ifr_name, dev, IFNAMSIZ - 1);
	ifr.ifr_mtu = mtu;
	if (!ioctl(m->fd, SIOCSIFMTU, &ifr))
		m->mtu++;
}

static void step(struct model *m, unsigned long it)
{
	int i = (int)pick(m, NTUN), link, want, got;
	struct ip_tunnel_parm p;
	char name[IFNAMSIZ], base[IFNAMSIZ];
	unsigned long cmd;

	name_of(i, name);
	switch (pick(m, 16)) {
	case 0:
		if (m->ifindex[i]) {
			parm_of(i, 0, &p);
			got = tunnel_ioctl(m->fd, SIOCDELTUNNEL, SCID_CTL_NAME, &p);
			if (got) {
				fprintf(stderr, "%s: step %lu: delete %s: %s\n", prog, it,
					name, strerror(got));
				exit(1);
			}
		}
		return;
	case 1:
	case 2:
		if (m->ifindex[i])
			set_mtu(m, name, 1200 + (int)pick(m, 300));
		else if (if_indextoname((unsigned int)m->base, base))
			set_mtu(m, base, 1300 + (int)pick(m, 201));
		return;
	}
	link = rnd_link(m, i);
	cmd = m->ifindex[i] ? SIOCCHGTUNNEL : SIOCADDTUNNEL;
	want = expected(m, i, link);
	parm_of(i, link, &p);
	got = tunnel_ioctl(m->fd, cmd, SCID_CTL_NAME, &p);
	if (got != want) {
		fprintf(stderr, "%s: step %lu: %s %s link %d: %s, expected %s\n", prog, it,
			cmd == SIOCADDTUNNEL ? "add" : "change", name, link,
			got ? strerrorname_np(got) : "success",
			want ? strerrorname_np(want) : "success");
		exit(1);
	}
	if (!got)
		m->ok++;
	else if (got == ELOOP)
		m->loop++;
	else
		m->deep++;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void usage(void)
{
	fprintf(stderr, "usage: %s -d DEPTH -b BASE [-s SEED] [-t SECONDS] [-n ITERATIONS]\n",
		prog);
	exit(2);
}

int main(int argc, char **argv)
{
	struct model m = { .depth = 0 };
	unsigned long it, max_iter = 0, deleted = 0;
	long seed = -1, seconds = 5;
	struct ip_tunnel_parm p;
	double end;
	int opt, i;

	while ((opt = getopt(argc, argv, "d:b:s:t:n:h")) != -1) {
		switch (opt) {
		case 'd': m.depth = (int)arg_number(prog, "depth", optarg, 1, 16); break;
		case 'b':
			m.base = (int)if_nametoindex(optarg);
			if (!m.base) {
				fprintf(stderr, "%s: no device %s\n", prog, optarg);
				return 2;
			}
			break;
		case 's': seed = arg_number(prog, "seed", optarg, 0, LONG_MAX); break;
		case 't': seconds = arg_number(prog, "time", optarg, 0, LONG_MAX); break;
		case 'n':
			max_iter = (unsigned long)arg_number(prog, "iteration count", optarg, 0,
							     LONG_MAX);
			break;
		default: usage();
		}
	}
	if (optind != argc || !m.depth || !m.base)
		usage();
	if (seed < 0)
		seed = (long)(time(NULL) ^ getpid()) & 0x7fffffff;
	m.rng = 0x9e3779b97f4a7c15ULL ^ (uint64_t)seed;
	m.rng = m.rng ? m.rng : 1;
	m.fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (m.fd < 0) {
		perror(prog);
		return 2;
	}

	end = now() + (double)seconds;
	for (it = 0; !max_iter || it < max_iter; it++) {
		if (!(it % 16) && now() >= end)
			break;
		reread(&m);
		step(&m, it);
		reread(&m);
		check_graph(&m, it);
	}
	for (i = 0; i < NTUN; i++) {
		if (!m.ifindex[i])
			continue;
		parm_of(i, 0, &p);
		if (!tunnel_ioctl(m.fd, SIOCDELTUNNEL, SCID_CTL_NAME, &p))
			deleted++;
	}
	printf("links seed=%ld iterations=%lu ok=%lu loop=%lu deep=%lu mtu=%lu deleted=%lu\n",
	       seed, it, m.ok, m.loop, m.deep, m.mtu, deleted);
	return 0;
}
