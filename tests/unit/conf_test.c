// SPDX-License-Identifier: GPL-2.0
/*
 * The setconf file format: what parses to what, the message for every kind
 * of bad line, showconf's output parsing back to the same tunnels, and how
 * a running tunnel is compared with the wanted one.
 */

#include <arpa/inet.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "conf.h"
#include "stand_ins.h"

static unsigned int fake_lookup(const char *name)
{
	return strcmp(name, "eth0") ? 0 : 2;
}

static __u32 ip(const char *s)
{
	struct in_addr in;

	inet_pton(AF_INET, s, &in);
	return in.s_addr;
}

static int parse_text(struct scidtun_conf *conf, const char *text, const char *name, char *err,
		      size_t errlen)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int ret;

	ret = scidtun_conf_parse(conf, f, name, fake_lookup, err, errlen);
	fclose(f);
	return ret;
}

static void expect_error(const char *text, const char *want)
{
	struct scidtun_conf conf = { 0 };
	char err[512] = "";

	CHECK(parse_text(&conf, text, "t.conf", err, sizeof(err)) == -1,
	      "'%s' parsed, want an error", text);
	CHECK_STR(err, want, "conf error");
	scidtun_conf_free(&conf);
}

static const char good[] =
	"# the client\n"
	"tunnel tunl1 remote 198.51.100.42 local 192.0.2.51 dev eth0 ttl 64   # fixed ttl\n"
	"\taddress 192.0.2.51/32\n"
	"    address 10.9.0.1/24\n"
	"\troute 203.0.113.200 via 192.0.2.1 onlink\n"
	"\troute 203.0.113.0/24\n"
	"\troute default via 10.9.0.254 metric 100\n"
	"\n"
	"tunnel tunl2 remote any nopmtudisc tos inherit\n";

static void parse_tests_good(void)
{
	struct scidtun_conf conf = { 0 };
	const struct scidtun_conf_tunnel *t;
	char err[512] = "";

	CHECK(parse_text(&conf, good, "good.conf", err, sizeof(err)) == 0, "good: %s", err);
	CHECK(conf.count == 2, "good: %zu tunnels", conf.count);
	if (conf.count != 2)
		goto out;
	t = &conf.tunnels[0];
	CHECK_STR(t->req.parm.name, "tunl1", "first tunnel");
	CHECK_STR(t->where, "good.conf:2", "where");
	CHECK(t->req.parm.iph.daddr == ip("198.51.100.42") && t->req.parm.iph.saddr ==
	      ip("192.0.2.51") && t->req.parm.link == 2 && t->req.parm.iph.ttl == 64,
	      "tunl1 parameters");
	CHECK(t->naddrs == 2 && t->addrs[0].addr == ip("192.0.2.51") && t->addrs[0].plen == 32 &&
	      t->addrs[1].addr == ip("10.9.0.1") && t->addrs[1].plen == 24, "tunl1 addresses");
	CHECK(t->nroutes == 3, "tunl1: %zu routes", t->nroutes);
	if (t->nroutes == 3) {
		CHECK(t->routes[0].dst == ip("203.0.113.200") && t->routes[0].plen == 32 &&
		      t->routes[0].gw == ip("192.0.2.1") && t->routes[0].onlink &&
		      !t->routes[0].metric, "route 1");
		CHECK(t->routes[1].dst == ip("203.0.113.0") && t->routes[1].plen == 24 &&
		      !t->routes[1].gw && !t->routes[1].onlink, "route 2");
		CHECK(!t->routes[2].dst && !t->routes[2].plen && t->routes[2].metric == 100 &&
		      t->routes[2].gw == ip("10.9.0.254"), "route 3");
	}
	t = &conf.tunnels[1];
	CHECK(!t->req.parm.iph.daddr && !t->req.parm.iph.frag_off && t->req.parm.iph.tos == 1 &&
	      !t->naddrs && !t->nroutes, "tunl2");

	/* A second file adds to the first; the same name twice is refused. */
	CHECK(parse_text(&conf, "tunnel tunl3 remote 10.0.0.3\n", "b.conf", err, sizeof(err)) == 0,
	      "second file: %s", err);
	CHECK(conf.count == 3, "after the second file: %zu tunnels", conf.count);
	CHECK(parse_text(&conf, "\ntunnel tunl1 remote 10.0.0.3\n", "c.conf", err,
			 sizeof(err)) == -1, "duplicate across files parsed");
	CHECK_STR(err, "c.conf:2: tunnel 'tunl1' is already defined at good.conf:2",
		  "duplicate across files");
out:
	scidtun_conf_free(&conf);
}

static void parse_tests_bad(void)
{
	expect_error("address 10.0.0.1\n", "t.conf:1: 'address' before any 'tunnel' line");
	expect_error("\n\nroute 10.0.0.1\n", "t.conf:3: 'route' before any 'tunnel' line");
	expect_error("tunnel t1 remote any mtu 1400\n",
		     "t.conf:1: 'mtu' is not taken in configuration files: run 'scidtun change t1 mtu N' after setconf");
	expect_error("tunel t remote 1.2.3.4\n",
		     "t.conf:1: unknown keyword 'tunel' (expected tunnel, address or route)");
	expect_error("tunnel t\n",
		     "t.conf:1: missing 'remote' (use 'remote any' for a tunnel without a fixed peer)");
	expect_error("tunnel t remote 1.2.3.4 dev eth9\n",
		     "t.conf:1: invalid dev 'eth9': no such interface");
	expect_error("tunnel t remote 1.2.3.4\naddress\n", "t.conf:2: missing value for 'address'");
	expect_error("tunnel t remote 1.2.3.4\naddress 1.2.3.4/33\n",
		     "t.conf:2: invalid address '1.2.3.4/33': expected A.B.C.D[/1..32]");
	expect_error("tunnel t remote 1.2.3.4\naddress 1.2.3.4/24 x\n",
		     "t.conf:2: unexpected word 'x' after the address");
	expect_error("tunnel t remote 1.2.3.4\naddress 1.2.3.4\naddress 1.2.3.4/32\n",
		     "t.conf:3: repeated address '1.2.3.4/32'");
	expect_error("tunnel t remote 1.2.3.4\nroute 10.0.0.1/24\n",
		     "t.conf:2: invalid route '10.0.0.1/24': bits set past the prefix length");
	expect_error("tunnel t remote 1.2.3.4\nroute 10.0.0.1 onlink\n",
		     "t.conf:2: 'onlink' needs 'via'");
	expect_error("tunnel t remote 1.2.3.4\nroute 10.0.0.1 via\n",
		     "t.conf:2: missing value for 'via'");
	expect_error("tunnel t remote 1.2.3.4\nroute 10.0.0.1 via 10.0.0.300\n",
		     "t.conf:2: invalid via '10.0.0.300': not an IPv4 address");
	expect_error("tunnel t remote 1.2.3.4\nroute 10.0.0.1 dev eth0\n",
		     "t.conf:2: unknown route keyword 'dev'");
	expect_error("tunnel t remote 1.2.3.4\nroute 10.0.0.1 metric -1\n",
		     "t.conf:2: invalid metric '-1'");
	expect_error("tunnel t remote 1.2.3.4\nroute 10.0.0.0/8 via 1.1.1.1\nroute 10.0.0.0/8\n",
		     "t.conf:3: repeated route '10.0.0.0/8'");
	expect_error("tunnel t remote 1.2.3.4 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 "
		     "22 23 24 25 26 27 28 29 30\n", "t.conf:1: more than 32 words");
}

/* showconf's words parse back to the same tunnel, addresses and routes. */
static char *eth0_name(unsigned int index, char *name)
{
	return index == 2 ? strcpy(name, "eth0") : NULL;
}

static void print_tests(void)
{
	static const char text[] =
		"tunnel tunl1 remote 198.51.100.42 local 192.0.2.51 dev eth0 ttl 64 tos 0x10\n"
		"\taddress 192.0.2.51/32\n"
		"\troute 203.0.113.200 via 192.0.2.1 onlink\n"
		"\troute default via 10.9.0.254 metric 100\n"
		"\troute 203.0.113.0/24\n";
	struct scidtun_conf a = { 0 }, b = { 0 };
	const struct scidtun_conf_tunnel *t;
	char err[512] = "", *out;
	size_t len;
	FILE *f;

	CHECK(parse_text(&a, text, "a", err, sizeof(err)) == 0, "print source: %s", err);
	if (a.count != 1)
		goto out;
	t = &a.tunnels[0];
	f = open_memstream(&out, &len);
	scidtun_conf_print(f, &t->req.parm, NULL, NULL, eth0_name, t->addrs, t->naddrs, t->routes, t->nroutes);
	fclose(f);
	CHECK_STR(out, text, "showconf words");
	CHECK(parse_text(&b, out, "b", err, sizeof(err)) == 0, "showconf output: %s", err);
	CHECK(b.count == 1 && !memcmp(&b.tunnels[0].req.parm, &t->req.parm, sizeof(t->req.parm)),
	      "round trip: parameters differ");
	free(out);

	/* Defaults are left out; a dev that is gone becomes a comment. */
	f = open_memstream(&out, &len);
	scidtun_conf_print(f, &b.tunnels[0].req.parm, NULL, NULL, no_name, NULL, 0, NULL, 0);
	fclose(f);
	CHECK_STR(out, "tunnel tunl1 remote 198.51.100.42 local 192.0.2.51 ttl 64 tos 0x10\n"
		  "\t# its dev, interface 2, no longer exists\n", "showconf with dev gone");
	free(out);
out:
	scidtun_conf_free(&a);
	scidtun_conf_free(&b);
}

static void diff_tests(void)
{
	struct scidtun_conf conf = { 0 };
	struct ip_tunnel_parm want, have;
	char what[256], err[512] = "";

	CHECK(parse_text(&conf, "tunnel t remote 1.2.3.4 ttl 64\n", "d", err, sizeof(err)) == 0,
	      "diff source: %s", err);
	if (conf.count != 1)
		goto out;
	want = conf.tunnels[0].req.parm;
	have = want;
	CHECK(scidtun_conf_diff(&want, &have, what, sizeof(what)) == SCIDTUN_DIFF_SAME,
	      "same: %s", what);
	CHECK_STR(what, "", "same");
	have.iph.ttl = 0;
	have.iph.saddr = ip("10.0.0.1");
	have.link = 2;
	CHECK(scidtun_conf_diff(&want, &have, what, sizeof(what)) == SCIDTUN_DIFF_CHANGE,
	      "change: %s", what);
	CHECK_STR(what, "local 10.0.0.1 -> any, dev #2 -> none, ttl inherit -> 64", "change");
	have = want;
	have.iph.daddr = 0;
	have.iph.frag_off = 0;
	CHECK(scidtun_conf_diff(&want, &have, what, sizeof(what)) == SCIDTUN_DIFF_REPLACE,
	      "replace: %s", what);
	CHECK_STR(what, "remote any -> 1.2.3.4, nopmtudisc -> pmtudisc", "replace");
out:
	scidtun_conf_free(&conf);
}

/* The shipped examples must parse (with an eth0). */
static void example_tests(const char *dir)
{
	struct dirent **list;
	char path[4096], err[512];
	struct scidtun_conf conf;
	int n, i;
	FILE *f;

	n = scandir(dir, &list, NULL, alphasort);
	CHECK(n > 2, "no examples in '%s'", dir);
	for (i = 0; i < n; i++) {
		if (strstr(list[i]->d_name, ".conf")) {
			snprintf(path, sizeof(path), "%s/%s", dir, list[i]->d_name);
			memset(&conf, 0, sizeof(conf));
			f = fopen(path, "r");
			CHECK(f && !scidtun_conf_parse(&conf, f, path, fake_lookup, err, sizeof(err)),
			      "example %s: %s", path, f ? err : "cannot open");
			CHECK(conf.count > 0, "example %s has no tunnel", path);
			if (f)
				fclose(f);
			scidtun_conf_free(&conf);
		}
		free(list[i]);
	}
	if (n > 0)
		free(list);
}

/*
 * Many tunnels: each found again by name (the hash grows past its first
 * sizes), in file order, and a repeated name still refused with the line
 * of the first.
 */
static void parse_tests_many(void)
{
	const size_t n = 5000, len = n * 48 + 64;
	struct scidtun_conf conf = { 0 };
	char err[256], *text = malloc(len);
	size_t i, off = 0, bad = 0;

	if (!text)
		return;
	for (i = 0; i < n; i++)
		off += (size_t)snprintf(text + off, len - off, "tunnel t%zu remote 10.0.%zu.%zu\n",
					i, i / 250, 1 + i % 250);
	CHECK(parse_text(&conf, text, "many.conf", err, sizeof(err)) == 0, "many: %s", err);
	CHECK(conf.count == n, "many: %zu tunnels", conf.count);
	for (i = 0; i < conf.count; i++) {
		snprintf(err, sizeof(err), "t%zu", i);
		bad += !!strcmp(conf.tunnels[i].req.parm.name, err);
	}
	CHECK(!bad, "many: %zu out of order", bad);
	CHECK(parse_text(&conf, "tunnel t4321 remote 10.1.0.1\n", "more.conf", err,
			 sizeof(err)) == -1, "many: duplicate parsed");
	CHECK_STR(err, "more.conf:1: tunnel 't4321' is already defined at many.conf:4322",
		  "many: duplicate");
	CHECK(parse_text(&conf, "tunnel t5000 remote 10.1.0.1\n", "more.conf", err,
			 sizeof(err)) == 0, "many: one more: %s", err);
	scidtun_conf_free(&conf);
	free(text);
}

void conf_tests(const char *examples)
{
	parse_tests_good();
	parse_tests_many();
	parse_tests_bad();
	print_tests();
	diff_tests();
	if (examples)
		example_tests(examples);
}
