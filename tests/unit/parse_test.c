// SPDX-License-Identifier: GPL-2.0
/*
 * The parser against the exact struct ip_tunnel_parm docs/ioctl.md asks for,
 * and against the exact message for every kind of bad word.
 */

#include <arpa/inet.h>
#include <string.h>

#include "check.h"
#include "parse.h"

/* Spelled out here rather than taken from the code under test. */
#define TEST_IP_DF 0x4000
#define ETH0_INDEX 2
#define ETH1_INDEX 7

#define ARGV(...) ((char *[]){ __VA_ARGS__, NULL })

static unsigned int fake_lookup(const char *name)
{
	if (!strcmp(name, "eth0"))
		return ETH0_INDEX;
	if (!strcmp(name, "eth1"))
		return ETH1_INDEX;
	return 0;
}

static int count(char **argv)
{
	int n = 0;

	while (argv[n])
		n++;
	return n;
}

static const char *label(const char *cmd, char **argv)
{
	static char buf[512];
	int i;

	snprintf(buf, sizeof(buf), "%s", cmd);
	for (i = 0; argv[i]; i++) {
		strncat(buf, " '", sizeof(buf) - strlen(buf) - 1);
		strncat(buf, argv[i], sizeof(buf) - strlen(buf) - 1);
		strncat(buf, "'", sizeof(buf) - strlen(buf) - 1);
	}
	return buf;
}

static void base_parm(struct ip_tunnel_parm *p, const char *name)
{
	memset(p, 0, sizeof(*p));
	strcpy(p->name, name);
	p->iph.version = 4;
	p->iph.ihl = 5;
	p->iph.protocol = IPPROTO_IPIP;
	p->iph.frag_off = htons(TEST_IP_DF);
}

static __u32 ip(const char *s)
{
	struct in_addr in;

	inet_pton(AF_INET, s, &in);
	return in.s_addr;
}

static void check_parm(const char *what, const struct ip_tunnel_parm *got,
		       const struct ip_tunnel_parm *want)
{
	CHECK(!strncmp(got->name, want->name, IFNAMSIZ), "%s: name '%.16s', want '%.16s'", what,
	      got->name, want->name);
	CHECK(got->link == want->link, "%s: link %d, want %d", what, got->link, want->link);
	CHECK(got->iph.version == want->iph.version && got->iph.ihl == want->iph.ihl,
	      "%s: version/ihl %u/%u, want %u/%u", what, got->iph.version, got->iph.ihl,
	      want->iph.version, want->iph.ihl);
	CHECK(got->iph.protocol == want->iph.protocol, "%s: protocol %u, want %u", what,
	      got->iph.protocol, want->iph.protocol);
	CHECK(got->iph.frag_off == want->iph.frag_off, "%s: frag_off 0x%04x, want 0x%04x", what,
	      got->iph.frag_off, want->iph.frag_off);
	CHECK(got->iph.ttl == want->iph.ttl, "%s: ttl %u, want %u", what, got->iph.ttl,
	      want->iph.ttl);
	CHECK(got->iph.tos == want->iph.tos, "%s: tos 0x%02x, want 0x%02x", what, got->iph.tos,
	      want->iph.tos);
	CHECK(got->iph.saddr == want->iph.saddr, "%s: saddr 0x%08x, want 0x%08x", what,
	      got->iph.saddr, want->iph.saddr);
	CHECK(got->iph.daddr == want->iph.daddr, "%s: daddr 0x%08x, want 0x%08x", what,
	      got->iph.daddr, want->iph.daddr);
	/* Catches anything else set, such as keys, flags, id or tot_len. */
	CHECK(!memcmp(got, want, sizeof(*got)), "%s: struct differs beyond the named fields",
	      what);
}

static void expect_ok(enum scidtun_cmd cmd, char **argv, const struct ip_tunnel_parm *want,
		      unsigned int given)
{
	const char *what = label(cmd == SCIDTUN_CMD_ADD ? "add" : "change", argv);
	struct scidtun_request req;
	char err[256] = "";
	int ret;

	memset(&req, 0x5a, sizeof(req));
	ret = scidtun_parse_tunnel_args(count(argv), argv, cmd, fake_lookup, &req, err,
					sizeof(err));
	CHECK(ret == 0, "%s: returned %d (%s), want 0", what, ret, err);
	if (ret)
		return;
	check_parm(what, &req.parm, want);
	CHECK(req.given == given, "%s: given 0x%x, want 0x%x", what, req.given, given);
}

static void expect_error(enum scidtun_cmd cmd, char **argv, const char *want)
{
	const char *what = label(cmd == SCIDTUN_CMD_ADD ? "add" : "change", argv);
	struct scidtun_request req, untouched;
	char err[256] = "";
	int ret;

	memset(&req, 0x5a, sizeof(req));
	untouched = req;
	ret = scidtun_parse_tunnel_args(count(argv), argv, cmd, fake_lookup, &req, err,
					sizeof(err));
	CHECK(ret == -1, "%s: returned %d, want -1", what, ret);
	CHECK_STR(err, want, what);
	CHECK(!memcmp(&req, &untouched, sizeof(req)), "%s: request written on failure", what);
}

static void good_arguments(void)
{
	struct ip_tunnel_parm p;

	base_parm(&p, "tunl1");
	p.iph.daddr = ip("198.51.100.42");
	expect_ok(SCIDTUN_CMD_ADD, ARGV("tunl1", "remote", "198.51.100.42"), &p,
		  SCIDTUN_GIVEN_REMOTE);
	expect_ok(SCIDTUN_CMD_ADD, ARGV("tunl1", "mode", "ipip", "remote", "198.51.100.42"), &p,
		  SCIDTUN_GIVEN_REMOTE | SCIDTUN_GIVEN_MODE);
	expect_ok(SCIDTUN_CMD_ADD, ARGV("tunl1", "remote", "198.51.100.42", "mode", "ip/ip"), &p,
		  SCIDTUN_GIVEN_REMOTE | SCIDTUN_GIVEN_MODE);
	expect_ok(SCIDTUN_CMD_ADD, ARGV("tunl1", "remote", "198.51.100.42", "pmtudisc"), &p,
		  SCIDTUN_GIVEN_REMOTE | SCIDTUN_GIVEN_PMTUDISC);

	/* Every keyword at once, in an order unlike the usage line. */
	base_parm(&p, "tunl1");
	p.link = ETH0_INDEX;
	p.iph.daddr = ip("128.198.60.42");
	p.iph.saddr = ip("128.198.61.51");
	p.iph.ttl = 64;
	p.iph.tos = 0x10;
	expect_ok(SCIDTUN_CMD_ADD,
		  ARGV("tunl1", "tos", "0x10", "dev", "eth0", "ttl", "64", "local", "128.198.61.51",
		       "remote", "128.198.60.42", "mode", "ipip", "pmtudisc"),
		  &p, 0x7f);

	base_parm(&p, "t");
	expect_ok(SCIDTUN_CMD_ADD, ARGV("t", "remote", "any", "local", "any"), &p,
		  SCIDTUN_GIVEN_REMOTE | SCIDTUN_GIVEN_LOCAL);
	expect_ok(SCIDTUN_CMD_ADD, ARGV("t", "remote", "0.0.0.0"), &p, SCIDTUN_GIVEN_REMOTE);

	base_parm(&p, "t");
	p.link = ETH1_INDEX;
	expect_ok(SCIDTUN_CMD_ADD, ARGV("t", "remote", "any", "dev", "eth1"), &p,
		  SCIDTUN_GIVEN_REMOTE | SCIDTUN_GIVEN_DEV);

	base_parm(&p, "t");
	p.iph.frag_off = 0;
	expect_ok(SCIDTUN_CMD_ADD, ARGV("t", "remote", "any", "nopmtudisc"), &p,
		  SCIDTUN_GIVEN_REMOTE | SCIDTUN_GIVEN_PMTUDISC);
	expect_ok(SCIDTUN_CMD_ADD, ARGV("t", "remote", "any", "nopmtudisc", "ttl", "inherit"), &p,
		  SCIDTUN_GIVEN_REMOTE | SCIDTUN_GIVEN_PMTUDISC | SCIDTUN_GIVEN_TTL);
	expect_ok(SCIDTUN_CMD_ADD, ARGV("t", "remote", "any", "ttl", "0", "nopmtudisc"), &p,
		  SCIDTUN_GIVEN_REMOTE | SCIDTUN_GIVEN_PMTUDISC | SCIDTUN_GIVEN_TTL);

	/* nodf (IP_MF in frag_off) goes with a fixed ttl: the kernel keeps it. */
	base_parm(&p, "t");
	p.iph.frag_off = htons(0x2000);
	p.iph.ttl = 64;
	expect_ok(SCIDTUN_CMD_ADD, ARGV("t", "remote", "any", "ttl", "64", "nodf"), &p,
		  SCIDTUN_GIVEN_REMOTE | SCIDTUN_GIVEN_PMTUDISC | SCIDTUN_GIVEN_TTL);

	/* A 15-byte name is the longest that fits. */
	base_parm(&p, "abcdefghijklmno");
	expect_ok(SCIDTUN_CMD_ADD, ARGV("abcdefghijklmno", "remote", "any"), &p,
		  SCIDTUN_GIVEN_REMOTE);
}

static void ttl_and_tos_values(void)
{
	static const struct {
		const char *word;
		__u8 ttl;
	} ttls[] = { { "inherit", 0 }, { "0", 0 }, { "1", 1 }, { "64", 64 }, { "255", 255 } };
	static const struct {
		const char *word;
		__u8 tos;
	} toss[] = { { "inherit", 1 }, { "0", 0 }, { "16", 16 }, { "0x10", 0x10 },
		     { "0XfF", 0xff }, { "255", 255 }, { "0x11", 0x11 } };
	struct ip_tunnel_parm p;
	size_t i;

	for (i = 0; i < sizeof(ttls) / sizeof(ttls[0]); i++) {
		base_parm(&p, "t");
		p.iph.ttl = ttls[i].ttl;
		expect_ok(SCIDTUN_CMD_ADD, ARGV("t", "remote", "any", "ttl", (char *)ttls[i].word),
			  &p, SCIDTUN_GIVEN_REMOTE | SCIDTUN_GIVEN_TTL);
	}
	for (i = 0; i < sizeof(toss) / sizeof(toss[0]); i++) {
		base_parm(&p, "t");
		p.iph.tos = toss[i].tos;
		expect_ok(SCIDTUN_CMD_ADD, ARGV("t", "remote", "any", "tos", (char *)toss[i].word),
			  &p, SCIDTUN_GIVEN_REMOTE | SCIDTUN_GIVEN_TOS);
	}
}

static void bad_values(void)
{
	static const char *const addrs[] = {
		"1.2.3", "1.2.3.4.5", "300.1.1.1", "", "abc", " 1.2.3.4", "1.2.3.4 ", "::1",
	};
	static const char *const ttls[] = { "256", "-1", "abc", "", "0x10", "+5", "1 ", "1000" };
	static const char *const toss[] = { "256", "0x100", "-1", "0x", "x10", "abc", "", "1.5" };
	char want[256];
	size_t i;

	for (i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++) {
		snprintf(want, sizeof(want), "invalid remote '%s': not an IPv4 address", addrs[i]);
		expect_error(SCIDTUN_CMD_ADD, ARGV("t", "remote", (char *)addrs[i]), want);
		snprintf(want, sizeof(want), "invalid local '%s': not an IPv4 address", addrs[i]);
		expect_error(SCIDTUN_CMD_ADD, ARGV("t", "remote", "any", "local", (char *)addrs[i]),
			     want);
	}
	expect_error(SCIDTUN_CMD_ADD, ARGV("t", "remote", "224.0.0.1"),
		     "invalid remote '224.0.0.1': multicast address");
	expect_error(SCIDTUN_CMD_ADD, ARGV("t", "remote", "239.255.255.255"),
		     "invalid remote '239.255.255.255': multicast address");
	expect_error(SCIDTUN_CMD_ADD, ARGV("t", "remote", "255.255.255.255"),
		     "invalid remote '255.255.255.255': broadcast address");
	expect_error(SCIDTUN_CMD_ADD, ARGV("t", "remote", "any", "local", "127.0.0.1"),
		     "invalid local '127.0.0.1': loopback address");
	expect_error(SCIDTUN_CMD_CHANGE, ARGV("t", "local", "127.255.0.9"),
		     "invalid local '127.255.0.9': loopback address");

	for (i = 0; i < sizeof(ttls) / sizeof(ttls[0]); i++) {
		snprintf(want, sizeof(want), "invalid ttl '%s': expected 1..255 or inherit", ttls[i]);
		expect_error(SCIDTUN_CMD_ADD, ARGV("t", "remote", "any", "ttl", (char *)ttls[i]),
			     want);
	}
	for (i = 0; i < sizeof(toss) / sizeof(toss[0]); i++) {
		snprintf(want, sizeof(want),
			 "invalid tos '%s': expected 0..255, 0x00..0xff or inherit", toss[i]);
		expect_error(SCIDTUN_CMD_ADD, ARGV("t", "remote", "any", "tos", (char *)toss[i]),
			     want);
	}

	expect_error(SCIDTUN_CMD_ADD, ARGV("t", "remote", "any", "dev", "eth9"),
		     "invalid dev 'eth9': no such interface");
	expect_error(SCIDTUN_CMD_ADD, ARGV("t", "remote", "any", "dev", "abcdefghijklmnop"),
		     "invalid dev 'abcdefghijklmnop': longer than 15 bytes");
	expect_error(SCIDTUN_CMD_ADD, ARGV("t", "remote", "any", "dev", ""),
		     "invalid dev '': empty");
	expect_error(SCIDTUN_CMD_ADD, ARGV("t", "mode", "gre", "remote", "any"),
		     "invalid mode 'gre': use ipip (IPv4), mplsip (MPLS) or any (both)");
	expect_error(SCIDTUN_CMD_CHANGE, ARGV("t", "mode", "sit"),
		     "invalid mode 'sit': use ipip (IPv4), mplsip (MPLS) or any (both)");
}

static void bad_names(void)
{
	expect_error(SCIDTUN_CMD_ADD, ARGV("abcdefghijklmnop", "remote", "any"),
		     "invalid name 'abcdefghijklmnop': longer than 15 bytes");
	expect_error(SCIDTUN_CMD_ADD, ARGV("", "remote", "any"), "invalid name '': empty");
	expect_error(SCIDTUN_CMD_ADD, ARGV("a/b", "remote", "any"),
		     "invalid name 'a/b': contains '/'");
	expect_error(SCIDTUN_CMD_ADD, ARGV("a:b", "remote", "any"),
		     "invalid name 'a:b': contains ':'");
	expect_error(SCIDTUN_CMD_ADD, ARGV("a b", "remote", "any"),
		     "invalid name 'a b': contains whitespace");
	expect_error(SCIDTUN_CMD_CHANGE, ARGV("a\tb", "ttl", "1"),
		     "invalid name 'a\tb': contains whitespace");
	expect_error(SCIDTUN_CMD_ADD, ARGV(".", "remote", "any"), "invalid name '.': reserved");
	expect_error(SCIDTUN_CMD_ADD, ARGV("..", "remote", "any"), "invalid name '..': reserved");
	expect_error(SCIDTUN_CMD_ADD, ARGV("-h1", "remote", "any"),
		     "invalid name '-h1': starts with '-'");
	expect_error(SCIDTUN_CMD_ADD, ARGV("scid0", "remote", "any"),
		     "invalid name 'scid0': reserved for the control device");
	expect_error(SCIDTUN_CMD_ADD, ARGV("remote", "1.2.3.4"),
		     "invalid name 'remote': a keyword (the tunnel name comes first)");
	expect_error(SCIDTUN_CMD_ADD, ARGV("pmtudisc", "remote", "any"),
		     "invalid name 'pmtudisc': a keyword (the tunnel name comes first)");
	expect_error(SCIDTUN_CMD_ADD, ARGV(NULL), "missing tunnel name");
}

static void bad_command_lines(void)
{
	expect_error(SCIDTUN_CMD_ADD, ARGV("t", "remote", "any", "foo"), "unknown keyword 'foo'");
	expect_error(SCIDTUN_CMD_ADD, ARGV("t", "foo", "remote", "any"), "unknown keyword 'foo'");
	expect_error(SCIDTUN_CMD_ADD, ARGV("t", "remote"), "missing value for 'remote'");
	expect_error(SCIDTUN_CMD_ADD, ARGV("t", "remote", "any", "local"),
		     "missing value for 'local'");
	expect_error(SCIDTUN_CMD_ADD, ARGV("t", "remote", "any", "dev"), "missing value for 'dev'");
	expect_error(SCIDTUN_CMD_ADD, ARGV("t", "remote", "any", "ttl"), "missing value for 'ttl'");
	expect_error(SCIDTUN_CMD_ADD, ARGV("t", "remote", "any", "tos"), "missing value for 'tos'");
	expect_error(SCIDTUN_CMD_ADD, ARGV("t", "remote", "any", "mode"),
		     "missing value for 'mode'");
	expect_error(SCIDTUN_CMD_ADD, ARGV("t", "remote", "1.1.1.1", "remote", "2.2.2.2"),
		     "repeated keyword 'remote'");
	expect_error(SCIDTUN_CMD_ADD, ARGV("t", "remote", "any", "ttl", "1", "ttl", "1"),
		     "repeated keyword 'ttl'");
	expect_error(SCIDTUN_CMD_ADD, ARGV("t", "remote", "any", "mode", "ipip", "mode", "ipip"),
		     "repeated keyword 'mode'");
	expect_error(SCIDTUN_CMD_ADD, ARGV("t", "remote", "any", "pmtudisc", "pmtudisc"),
		     "repeated keyword 'pmtudisc'");
	expect_error(SCIDTUN_CMD_ADD, ARGV("t", "remote", "any", "pmtudisc", "nopmtudisc"),
		     "'nopmtudisc' conflicts with 'pmtudisc'");
	expect_error(SCIDTUN_CMD_ADD, ARGV("t", "remote", "any", "ttl", "64", "nopmtudisc"),
		     "ttl '64' conflicts with 'nopmtudisc': a fixed ttl makes the kernel set DF (use 'ttl inherit')");
	expect_error(SCIDTUN_CMD_CHANGE, ARGV("t", "nopmtudisc", "ttl", "1"),
		     "ttl '1' conflicts with 'nopmtudisc': a fixed ttl makes the kernel set DF (use 'ttl inherit')");
	expect_error(SCIDTUN_CMD_ADD, ARGV("t"),
		     "missing 'remote' (use 'remote any' for a tunnel without a fixed peer)");
	expect_error(SCIDTUN_CMD_ADD, ARGV("t", "local", "192.0.2.1", "dev", "eth0"),
		     "missing 'remote' (use 'remote any' for a tunnel without a fixed peer)");
	expect_error(SCIDTUN_CMD_CHANGE, ARGV("t"), "nothing to change for 't'");
}

static void change_requests(void)
{
	struct ip_tunnel_parm p;

	/* change leaves out remote and fills in the add defaults only as a base. */
	base_parm(&p, "t");
	p.iph.ttl = 9;
	expect_ok(SCIDTUN_CMD_CHANGE, ARGV("t", "ttl", "9"), &p, SCIDTUN_GIVEN_TTL);
	base_parm(&p, "t");
	p.iph.frag_off = 0;
	expect_ok(SCIDTUN_CMD_CHANGE, ARGV("t", "nopmtudisc"), &p, SCIDTUN_GIVEN_PMTUDISC);
	base_parm(&p, "t");
	p.link = ETH1_INDEX;
	p.iph.tos = 1;
	expect_ok(SCIDTUN_CMD_CHANGE, ARGV("t", "dev", "eth1", "tos", "inherit"), &p,
		  SCIDTUN_GIVEN_DEV | SCIDTUN_GIVEN_TOS);
}

static void current_tunnel(struct ip_tunnel_parm *p)
{
	base_parm(p, "tunl1");
	p->link = ETH0_INDEX;
	p->iph.daddr = ip("128.198.60.42");
	p->iph.saddr = ip("128.198.61.51");
	p->iph.ttl = 64;
	p->iph.tos = 1;
}

static void expect_merge(char **argv, const struct ip_tunnel_parm *cur,
			 const struct ip_tunnel_parm *want, const char *want_err)
{
	const char *what = label("merge", argv);
	struct scidtun_request req;
	struct ip_tunnel_parm got = *cur;
	char err[256] = "";
	int ret;

	ret = scidtun_parse_tunnel_args(count(argv), argv, SCIDTUN_CMD_CHANGE, fake_lookup, &req,
					err, sizeof(err));
	CHECK(ret == 0, "%s: parse returned %d (%s)", what, ret, err);
	if (ret)
		return;
	ret = scidtun_apply_change(&req, &got, err, sizeof(err));
	if (want_err) {
		CHECK(ret == -1, "%s: returned %d, want -1", what, ret);
		CHECK_STR(err, want_err, what);
		CHECK(!memcmp(&got, cur, sizeof(got)), "%s: parameters written on failure", what);
	} else {
		CHECK(ret == 0, "%s: returned %d (%s), want 0", what, ret, err);
		check_parm(what, &got, want);
	}
}

static void change_merges(void)
{
	struct ip_tunnel_parm cur, want;

	current_tunnel(&cur);
	want = cur;
	want.iph.ttl = 0;
	expect_merge(ARGV("tunl1", "ttl", "inherit"), &cur, &want, NULL);

	want = cur;
	want.iph.ttl = 0;
	want.iph.frag_off = 0;
	expect_merge(ARGV("tunl1", "nopmtudisc", "ttl", "inherit"), &cur, &want, NULL);

	want = cur;
	want.iph.daddr = ip("192.0.2.7");
	expect_merge(ARGV("tunl1", "remote", "192.0.2.7"), &cur, &want, NULL);

	want = cur;
	want.iph.saddr = 0;
	want.link = ETH1_INDEX;
	want.iph.tos = 0x28;
	expect_merge(ARGV("tunl1", "local", "any", "dev", "eth1", "tos", "0x28"), &cur, &want,
		     NULL);

	expect_merge(ARGV("tunl1", "nopmtudisc"), &cur, NULL,
		     "'nopmtudisc' conflicts with the tunnel's ttl 64: a fixed ttl makes the kernel set DF (add 'ttl inherit')");
	expect_merge(ARGV("tunl1", "remote", "any"), &cur, NULL,
		     "cannot change remote of 'tunl1' from '128.198.60.42' to 'any': delete the tunnel and add it again");

	/* A tunnel made without a remote, and with nopmtudisc. */
	cur.iph.daddr = 0;
	cur.iph.ttl = 0;
	cur.iph.frag_off = 0;
	expect_merge(ARGV("tunl1", "remote", "192.0.2.7"), &cur, NULL,
		     "cannot change remote of 'tunl1' from 'any' to '192.0.2.7': delete the tunnel and add it again");
	expect_merge(ARGV("tunl1", "ttl", "5"), &cur, NULL,
		     "ttl '5' conflicts with the tunnel's nopmtudisc: a fixed ttl makes the kernel set DF (add 'pmtudisc')");
	want = cur;
	want.iph.ttl = 5;
	want.iph.frag_off = htons(TEST_IP_DF);
	expect_merge(ARGV("tunl1", "ttl", "5", "pmtudisc"), &cur, &want, NULL);

	/* Whatever GET returned, CHG carries only what the kernel accepts. */
	current_tunnel(&cur);
	cur.i_key = htonl(5);
	cur.o_flags = htons(1);
	cur.iph.id = htons(3);
	cur.iph.check = 0xffff;
	cur.iph.protocol = 0;
	current_tunnel(&want);
	want.iph.tos = 0;
	/* Protocol 0 is mode any: kept, as every mode a change does not name. */
	want.iph.protocol = 0;
	expect_merge(ARGV("tunl1", "tos", "0"), &cur, &want, NULL);

	/* Modes: named ones change, an mplsip tunnel stays mplsip. */
	current_tunnel(&cur);
	want = cur;
	want.iph.protocol = IPPROTO_MPLS;
	expect_merge(ARGV("tunl1", "mode", "mplsip"), &cur, &want, NULL);
	cur.iph.protocol = IPPROTO_MPLS;
	want = cur;
	want.iph.ttl = 9;
	expect_merge(ARGV("tunl1", "ttl", "9"), &cur, &want, NULL);
	want = cur;
	want.iph.protocol = 0;
	expect_merge(ARGV("tunl1", "mode", "any"), &cur, &want, NULL);
	want.iph.protocol = IPPROTO_IPIP;
	expect_merge(ARGV("tunl1", "mode", "ip/ip"), &cur, &want, NULL);
}

/* mtu travels by rtnetlink: the request keeps it beside the ioctl's parameters. */
static int parse_words(enum scidtun_cmd cmd, char **argv, struct scidtun_request *req,
		       char err[256])
{
	return scidtun_parse_tunnel_args(count(argv), argv, cmd, fake_lookup, req, err, 256);
}

static void mtu_values(void)
{
	static const char *const bad[] = { "67", "65516", "0", "", "1480x", "-1", "0x5c8",
					   "99999999999" };
	char want[128];
	struct scidtun_request req;
	char err[256] = "";
	size_t i;

	CHECK(parse_words(SCIDTUN_CMD_CHANGE, ARGV("t", "mtu", "1480", "ttl", "9"), &req, err) == 0,
	      "change mtu 1480: %s", err);
	CHECK(req.mtu == 1480 && req.given == (SCIDTUN_GIVEN_MTU | SCIDTUN_GIVEN_TTL),
	      "change mtu 1480: mtu %u given 0x%x", req.mtu, req.given);
	CHECK(parse_words(SCIDTUN_CMD_CHANGE, ARGV("t", "mtu", "auto"), &req, err) == 0,
	      "change mtu auto: %s", err);
	CHECK(req.mtu == 0 && req.given == SCIDTUN_GIVEN_MTU, "mtu auto: mtu %u given 0x%x",
	      req.mtu, req.given);
	CHECK(parse_words(SCIDTUN_CMD_ADD, ARGV("t", "remote", "any", "mtu", "68"), &req, err) == 0 &&
		      req.mtu == 68,
	      "add mtu 68: %s", err);
	CHECK(parse_words(SCIDTUN_CMD_ADD, ARGV("t", "remote", "any", "mtu", "65515"), &req, err) == 0 &&
		      req.mtu == 65515,
	      "add mtu 65515: %s", err);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(want, sizeof(want), "invalid mtu '%s': expected 68..65515 or auto",
			 bad[i]);
		expect_error(SCIDTUN_CMD_ADD, ARGV("t", "remote", "any", "mtu", (char *)bad[i]),
			     want);
	}
	expect_error(SCIDTUN_CMD_CHANGE, ARGV("t", "mtu"), "missing value for 'mtu'");
	expect_error(SCIDTUN_CMD_CHANGE, ARGV("t", "mtu", "1400", "mtu", "auto"),
		     "repeated keyword 'mtu'");
}

static void small_error_buffer(void)
{
	struct scidtun_request req;
	char err[9];
	int ret;

	memset(err, 'x', sizeof(err));
	ret = scidtun_parse_tunnel_args(3, ARGV("t", "remote", "300.1.1.1"), SCIDTUN_CMD_ADD,
					fake_lookup, &req, err, 8);
	CHECK(ret == -1, "small buffer: returned %d, want -1", ret);
	CHECK(!memcmp(err, "invalid", 8) && err[8] == 'x',
	      "small buffer: message not cut to 7 bytes and a NUL");
}

void parse_tests(void)
{
	mtu_values();
	good_arguments();
	ttl_and_tos_values();
	bad_values();
	bad_names();
	bad_command_lines();
	change_requests();
	change_merges();
	small_error_buffer();
}
