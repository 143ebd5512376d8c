// SPDX-License-Identifier: GPL-2.0
/*
 * The two show styles, byte for byte: scripts parse the tab-separated one,
 * and the man page promises both.
 */

#include <arpa/inet.h>
#include <string.h>

#include "check.h"
#include "format.h"

static char *fake_indextoname(unsigned int index, char *name)
{
	if (index != 2)
		return NULL;
	strcpy(name, "eth0");
	return name;
}

static void tunnel(struct ip_tunnel_parm *p, const char *name, const char *remote,
		   const char *local, int link, __u8 ttl, __u8 tos, int df)
{
	struct in_addr in;

	memset(p, 0, sizeof(*p));
	strcpy(p->name, name);
	p->link = link;
	p->iph.version = 4;
	p->iph.ihl = 5;
	p->iph.protocol = IPPROTO_IPIP;
	p->iph.ttl = ttl;
	p->iph.tos = tos;
	p->iph.frag_off = df ? htons(0x4000) : 0;
	if (remote && inet_pton(AF_INET, remote, &in) == 1)
		p->iph.daddr = in.s_addr;
	if (local && inet_pton(AF_INET, local, &in) == 1)
		p->iph.saddr = in.s_addr;
}

static void expect_line(const struct ip_tunnel_parm *p, enum scidtun_style style,
			const char *want)
{
	char buf[SCIDTUN_FORMAT_MAX];
	int n;

	memset(buf, 0, sizeof(buf));
	n = scidtun_format_tunnel(buf, sizeof(buf), p, style, fake_indextoname);
	CHECK(n == (int)strlen(want), "format %.16s: returned %d, want %zu", p->name, n,
	      strlen(want));
	CHECK_STR(buf, want, style == SCIDTUN_STYLE_TABS ? "tab line" : "human line");
}

void format_tests(void)
{
	char small[20];
	struct ip_tunnel_parm p;

	tunnel(&p, "tunl1", "198.51.100.42", NULL, 2, 0, 1, 1);
	expect_line(&p, SCIDTUN_STYLE_HUMAN,
		    "tunl1: ip/ip remote 198.51.100.42 local any dev eth0 ttl inherit tos inherit pmtudisc");
	expect_line(&p, SCIDTUN_STYLE_TABS,
		    "tunl1\t198.51.100.42\tany\teth0\tinherit\tinherit\tpmtudisc");

	tunnel(&p, "tunl2", NULL, "128.198.60.42", 0, 64, 0x10, 1);
	expect_line(&p, SCIDTUN_STYLE_HUMAN,
		    "tunl2: ip/ip remote any local 128.198.60.42 dev none ttl 64 tos 0x10 pmtudisc");
	expect_line(&p, SCIDTUN_STYLE_TABS, "tunl2\tany\t128.198.60.42\tnone\t64\t0x10\tpmtudisc");

	/* A dev that is gone shows as its number; tos 0 and odd tos in hex. */
	tunnel(&p, "abcdefghijklmno", "255.255.255.254", "10.0.0.1", 7, 255, 0, 0);
	expect_line(&p, SCIDTUN_STYLE_TABS,
		    "abcdefghijklmno\t255.255.255.254\t10.0.0.1\t7\t255\t0x00\tnopmtudisc");
	tunnel(&p, "t", NULL, NULL, 0, 0, 0x11, 0);
	expect_line(&p, SCIDTUN_STYLE_HUMAN,
		    "t: ip/ip remote any local any dev none ttl inherit tos 0x11 nopmtudisc");

	/* The kernel's name field is not promised a NUL; print 16 bytes at most. */
	tunnel(&p, "t", NULL, NULL, 0, 0, 1, 1);
	memset(p.name, 'n', IFNAMSIZ);
	expect_line(&p, SCIDTUN_STYLE_TABS,
		    "nnnnnnnnnnnnnnnn\tany\tany\tnone\tinherit\tinherit\tpmtudisc");

	tunnel(&p, "tunl1", "198.51.100.42", NULL, 2, 0, 1, 1);
	CHECK(scidtun_format_tunnel(small, sizeof(small), &p, SCIDTUN_STYLE_TABS,
				    fake_indextoname) == -1,
	      "format into a short buffer: want -1");
}
