// SPDX-License-Identifier: GPL-2.0
/*
 * The two show styles, byte for byte: scripts parse the tab-separated one,
 * and the man page promises both.
 */

#include <arpa/inet.h>
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "format.h"
#include "stand_ins.h"

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
	n = scidtun_format_tunnel(buf, sizeof(buf), p, style, fake_indextoname, NULL);
	CHECK(n == (int)strlen(want), "format %.16s: returned %d, want %zu", p->name, n,
	      strlen(want));
	CHECK_STR(buf, want, style == SCIDTUN_STYLE_TABS ? "tab line" : "human line");
}

/* Two tunnels line up column by column, and nothing trails the last word. */
static void aligned_tests(void)
{
	struct scidtun_widths w = { 0 };
	struct ip_tunnel_parm a, b;
	char buf[SCIDTUN_FORMAT_MAX];
	struct scidtun_fields f;

	tunnel(&a, "tunl1", "128.198.61.51", NULL, 2, 0, 0, 1);
	tunnel(&b, "tunl22", "128.198.60.200", "10.0.0.1", 0, 64, 1, 1);
	scidtun_tunnel_fields(&a, fake_indextoname, &f);
	scidtun_widths_add(&w, &f);
	scidtun_tunnel_fields(&b, fake_indextoname, &f);
	scidtun_widths_add(&w, &f);
	scidtun_format_tunnel(buf, sizeof(buf), &a, SCIDTUN_STYLE_HUMAN, fake_indextoname, &w);
	CHECK_STR(buf, "tunl1:  ip/ip remote 128.198.61.51  local any      dev eth0 ttl inherit "
		  "tos 0x00    pmtudisc", "aligned line 1");
	scidtun_format_tunnel(buf, sizeof(buf), &b, SCIDTUN_STYLE_HUMAN, fake_indextoname, &w);
	CHECK_STR(buf, "tunl22: ip/ip remote 128.198.60.200 local 10.0.0.1 dev none ttl 64      "
		  "tos inherit pmtudisc", "aligned line 2");
}

/* A small JSON checker: enough to prove the output parses, not a library. */
static const char *json_value(const char *s);

static const char *json_ws(const char *s)
{
	while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
		s++;
	return s;
}

static const char *json_str(const char *s)
{
	if (*s++ != '"')
		return NULL;
	for (; *s && *s != '"'; s++) {
		if ((unsigned char)*s < 0x20)
			return NULL;
		if (*s == '\\') {
			s++;
			if (*s == 'u') {
				for (int i = 1; i <= 4; i++)
					if (!isxdigit((unsigned char)s[i]))
						return NULL;
				s += 4;
			} else if (!strchr("\"\\/bfnrt", *s) || !*s) {
				return NULL;
			}
		}
	}
	return *s == '"' ? s + 1 : NULL;
}

static const char *json_value(const char *s)
{
	s = json_ws(s);
	if (*s == '"')
		return json_str(s);
	if (*s == '{' || *s == '[') {
		char close = *s == '{' ? '}' : ']';

		s = json_ws(s + 1);
		if (*s == close)
			return s + 1;
		for (;;) {
			if (close == '}') {
				s = json_str(json_ws(s));
				if (!s)
					return NULL;
				s = json_ws(s);
				if (*s++ != ':')
					return NULL;
			}
			s = json_value(s);
			if (!s)
				return NULL;
			s = json_ws(s);
			if (*s == close)
				return s + 1;
			if (*s++ != ',')
				return NULL;
		}
	}
	if (!strncmp(s, "true", 4) || !strncmp(s, "null", 4))
		return s + 4;
	if (!strncmp(s, "false", 5))
		return s + 5;
	if (*s == '-' || isdigit((unsigned char)*s)) {
		s++;
		while (isdigit((unsigned char)*s))
			s++;
		return s;
	}
	return NULL;
}

static bool json_valid(const char *s)
{
	s = json_value(s);
	return s && !*json_ws(s);
}

static char *json_of(const struct ip_tunnel_parm *p, const struct scidtun_stats *st)
{
	size_t len;
	char *buf;
	FILE *f;

	f = open_memstream(&buf, &len);
	scidtun_format_json(f, p, fake_indextoname, st, NULL);
	fclose(f);
	return buf;
}

static void json_tests(void)
{
	char names[2][ETH_GSTRING_LEN] = { "tx_drop_no_route", "rx_drop_malformed" };
	uint64_t values[2] = { 3, 0 };
	struct scidtun_stats st = {
		.rx_packets = 1, .rx_bytes = 2, .rx_errors = 3, .rx_dropped = 4,
		.tx_packets = 5, .tx_bytes = 6, .tx_errors = 7, .tx_dropped = 18446744073709551615u,
		.ncounters = 2, .names = names, .values = values,
	};
	const char *bad[] = { "{", "[1,]", "{\"a\" 1}", "\"\x01\"", "[] x", "\"\\q\"" };
	struct ip_tunnel_parm p;
	size_t len, i;
	char *buf;
	FILE *f;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(!json_valid(bad[i]), "the checker takes bad JSON '%s'", bad[i]);

	tunnel(&p, "tunl1", "198.51.100.42", NULL, 2, 0, 1, 1);
	buf = json_of(&p, NULL);
	CHECK_STR(buf, "{\"ifname\":\"tunl1\",\"mode\":\"ipip\",\"remote\":\"198.51.100.42\","
		  "\"local\":\"any\",\"dev\":\"eth0\",\"link\":2,\"ttl\":0,\"tos\":1,"
		  "\"df\":\"pmtudisc\",\"fwmark\":0,\"encap\":null,\"clamp_mss\":null,\"keepalive\":null" JSON_AFTER_KEEPALIVE "}", "json");
	CHECK(json_valid(buf), "json does not parse: %s", buf);
	free(buf);

	/* dev gone or none: null; stats with every counter, zero or not. */
	tunnel(&p, "t", NULL, "10.0.0.1", 7, 64, 0x10, 0);
	buf = json_of(&p, &st);
	CHECK_STR(buf, "{\"ifname\":\"t\",\"mode\":\"ipip\",\"remote\":\"any\","
		  "\"local\":\"10.0.0.1\",\"dev\":null,\"link\":7,\"ttl\":64,\"tos\":16,"
		  "\"df\":\"nopmtudisc\",\"fwmark\":0,\"encap\":null,\"clamp_mss\":null,\"keepalive\":null" JSON_AFTER_KEEPALIVE ","
		  "\"stats\":{\"rx\":{\"packets\":1,\"bytes\":2,"
		  "\"errors\":3,\"dropped\":4},\"tx\":{\"packets\":5,\"bytes\":6,\"errors\":7,"
		  "\"dropped\":18446744073709551615},\"counters\":{\"tx_drop_no_route\":3,"
		  "\"rx_drop_malformed\":0}}}", "json with stats");
	CHECK(json_valid(buf), "json with stats does not parse: %s", buf);
	free(buf);

	/* Names may hold any byte but '/', ':' and space: quotes, backslashes, controls. */
	tunnel(&p, "a\"b\\c\x01" "d\te", NULL, NULL, 0, 0, 0, 1);
	buf = json_of(&p, NULL);
	CHECK(strstr(buf, "\"ifname\":\"a\\\"b\\\\c\\u0001d\\te\"") != NULL,
	      "json escaping: %s", buf);
	CHECK(json_valid(buf), "escaped json does not parse: %s", buf);
	free(buf);

	f = open_memstream(&buf, &len);
	scidtun_json_string(f, "\x7f\n", 8);
	fclose(f);
	CHECK_STR(buf, "\"\\u007f\\n\"", "json_string of DEL and newline");
	free(buf);
}

static char *stats_of(const struct scidtun_stats *st, enum scidtun_style style)
{
	size_t len;
	char *buf;
	FILE *f;

	f = open_memstream(&buf, &len);
	scidtun_format_stats(f, st, style);
	fclose(f);
	return buf;
}

static void stats_tests(void)
{
	char names[3][ETH_GSTRING_LEN] = { "tx_drop_no_route", "rx_drop_malformed", "icmp_x" };
	uint64_t values[3] = { 3, 0, 9 };
	struct scidtun_stats st = {
		.rx_packets = 1, .rx_bytes = 2, .tx_packets = 5, .tx_bytes = 6,
		.ncounters = 3, .names = names, .values = values,
	};
	char *buf;

	buf = stats_of(&st, SCIDTUN_STYLE_HUMAN);
	CHECK_STR(buf, "    rx: 1 packets, 2 bytes, 0 errors, 0 dropped\n"
		  "    tx: 5 packets, 6 bytes, 0 errors, 0 dropped\n"
		  "    counters: tx_drop_no_route 3, icmp_x 9\n", "human stats");
	free(buf);
	buf = stats_of(&st, SCIDTUN_STYLE_TABS);
	CHECK_STR(buf, "\t1\t2\t0\t0\t5\t6\t0\t0\ttx_drop_no_route=3\trx_drop_malformed=0"
		  "\ticmp_x=9", "tab stats");
	free(buf);
	values[0] = values[2] = 0;
	buf = stats_of(&st, SCIDTUN_STYLE_HUMAN);
	CHECK(strstr(buf, "    counters: all zero\n") != NULL, "human stats, all zero: %s", buf);
	free(buf);
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
				    fake_indextoname, NULL) == -1,
	      "format into a short buffer: want -1");

	tunnel(&p, "t", NULL, NULL, 0, 0, 0x10, 0);
	p.iph.frag_off = htons(0x2000);
	expect_line(&p, SCIDTUN_STYLE_TABS, "t\tany\tany\tnone\tinherit\t0x10\tnodf");

	aligned_tests();
	json_tests();
	stats_tests();
}
