// SPDX-License-Identifier: GPL-2.0
/*
 * clamp-mss in scidtun (IFLA_SCID_CLAMP_MSS): every value it takes and
 * every one it refuses, what add and change send for it, the kernel's
 * answer read back, show's three styles, and setconf and showconf agreeing
 * on it.
 */

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "conf.h"
#include "format.h"
#include "nlmsg.h"
#include "parse.h"
#include "stand_ins.h"

#define CLAMP_EXPECTED "expected 536..65495, auto or off"

static void parse_values(void)
{
	static const struct {
		const char *value;
		uint32_t mss;
	} good[] = {
		{ "off", SCID_CLAMP_MSS_OFF }, { "auto", SCID_CLAMP_MSS_AUTO },
		{ "536", 536 }, { "537", 537 }, { "1340", 1340 }, { "1460", 1460 },
		{ "65494", 65494 }, { "65495", 65495 },
		/* Decimal, as mtu reads it: a leading 0 is not octal here. */
		{ "01340", 1340 },
	};
	static const char *const bad[] = {
		"", "0", "1", "2", "535", "65496", "65535", "99999999999999999999", "-1",
		"-1340", "+1340", " 1340", "1340 ", "1340x", "13.40", "0x540", "1e3", "abc",
		"AUTO", "Auto", "OFF", "on", "none", "auto1", "offx",
	};
	struct scidtun_request req;
	char err[256], want[128];
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		CHECK(!parse_change_word("clamp-mss", good[i].value, &req, err),
		      "clamp-mss '%s': %s", good[i].value, err);
		CHECK(req.clamp_mss == good[i].mss && req.given == SCIDTUN_GIVEN_CLAMP_MSS,
		      "clamp-mss '%s': %u given 0x%x, want %u", good[i].value, req.clamp_mss,
		      req.given, good[i].mss);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&req, 0xa5, sizeof(req));
		CHECK(parse_change_word("clamp-mss", bad[i], &req, err) == -1,
		      "clamp-mss '%s' parsed", bad[i]);
		snprintf(want, sizeof(want), "invalid clamp-mss '%s': " CLAMP_EXPECTED, bad[i]);
		CHECK_STR(err, want, bad[i]);
		CHECK(req.clamp_mss == 0xa5a5a5a5, "clamp-mss '%s': a refused request was written",
		      bad[i]);
	}
}

/* The words around the value, and where each command line puts it. */
static void parse_lines(void)
{
	struct scidtun_request req;
	char err[256];

	CHECK(parse_line("clamp-mss", false, &req, err) == -1, "no value parsed");
	CHECK_STR(err, "missing value for 'clamp-mss'", "missing value");
	CHECK(parse_line("clamp-mss 1340 clamp-mss auto", false, &req, err) == -1,
	      "clamp-mss twice parsed");
	CHECK_STR(err, "repeated keyword 'clamp-mss'", "repeated");

	CHECK(!parse_line("remote 198.51.100.42 clamp-mss auto", true, &req, err),
	      "add clamp-mss auto: %s", err);
	CHECK(req.clamp_mss == SCID_CLAMP_MSS_AUTO &&
	      req.given == (SCIDTUN_GIVEN_REMOTE | SCIDTUN_GIVEN_CLAMP_MSS),
	      "add clamp-mss auto: %u given 0x%x", req.clamp_mss, req.given);
	/* With an ioctl word: that goes by SIOCCHGTUNNEL, clamp-mss by rtnetlink. */
	CHECK(!parse_line("ttl 9 clamp-mss 1340", false, &req, err), "change: %s", err);
	CHECK(req.clamp_mss == 1340 && req.parm.iph.ttl == 9 &&
	      (req.given & SCIDTUN_GIVEN_PARM) == SCIDTUN_GIVEN_TTL &&
	      (req.given & SCIDTUN_GIVEN_NL) == SCIDTUN_GIVEN_CLAMP_MSS,
	      "change ttl clamp-mss: %u ttl %u given 0x%x", req.clamp_mss, req.parm.iph.ttl,
	      req.given);
	CHECK(!parse_line("remote 198.51.100.42", true, &req, err), "add: %s", err);
	CHECK(req.clamp_mss == SCID_CLAMP_MSS_OFF && !(req.given & SCIDTUN_GIVEN_CLAMP_MSS),
	      "add without clamp-mss: %u given 0x%x", req.clamp_mss, req.given);
}

/* "scidtun add t remote ... LINE": what goes by rtnetlink after the ioctl. */
static void expect_add_given(const char *line, unsigned int want)
{
	struct scidtun_request req;
	char text[256], err[256];

	snprintf(text, sizeof(text), "remote 198.51.100.42 %s", line);
	CHECK(!parse_line(text, true, &req, err), "add '%s': %s", line, err);
	CHECK(scidtun_add_nl_given(&req) == want, "add '%s': sends 0x%x by rtnetlink, want 0x%x",
	      line, scidtun_add_nl_given(&req), want);
}

static void add_tests(void)
{
	/* Off is what a new tunnel has: add sends nothing for it, as for fwmark 0. */
	expect_add_given("clamp-mss off", 0);
	expect_add_given("clamp-mss auto", SCIDTUN_GIVEN_CLAMP_MSS);
	expect_add_given("clamp-mss 536", SCIDTUN_GIVEN_CLAMP_MSS);
	expect_add_given("fwmark 0 mtu auto clamp-mss off", 0);
	expect_add_given("fwmark 7 clamp-mss off", SCIDTUN_GIVEN_FWMARK);
	expect_add_given("mtu 1400 clamp-mss 1360",
			 SCIDTUN_GIVEN_MTU | SCIDTUN_GIVEN_CLAMP_MSS);
	expect_add_given("keepalive off clamp-mss 1360",
			 SCIDTUN_GIVEN_KEEPALIVE | SCIDTUN_GIVEN_CLAMP_MSS);
	expect_add_given("ttl 64", 0);
}

/* change with clamp-mss alone sends no SIOCCHGTUNNEL and keeps the parameters. */
static void change_tests(void)
{
	struct ip_tunnel_parm cur, before;
	struct scidtun_request req;
	char err[256];

	added_parm(&cur);
	inet_pton(AF_INET, "198.51.100.42", &cur.iph.daddr);
	before = cur;
	CHECK(!parse_line("clamp-mss off", false, &req, err), "change clamp-mss off: %s", err);
	CHECK(req.given == SCIDTUN_GIVEN_CLAMP_MSS && req.clamp_mss == SCID_CLAMP_MSS_OFF,
	      "change clamp-mss off: given 0x%x value %u", req.given, req.clamp_mss);
	CHECK(!scidtun_apply_change(&req, &cur, err, sizeof(err)), "apply: %s", err);
	CHECK(!memcmp(&cur, &before, sizeof(cur)), "clamp-mss changed the ioctl's parameters");
	/* A tunnel without a remote can be clamped: it needs no peer. */
	cur.iph.daddr = 0;
	before = cur;
	CHECK(!scidtun_apply_change(&req, &cur, err, sizeof(err)), "remote any: %s", err);
	CHECK(!memcmp(&cur, &before, sizeof(cur)),
	      "clamp-mss changed a remote any tunnel's parameters");
}

/* IFLA_INFO_DATA of an answer, with IFLA_SCID_CLAMP_MSS at @mss unless @absent. */
static void answer(struct scidtun_nlmsg *m, bool absent, uint32_t mss)
{
	uint32_t remote = htonl(0xc6336430);
	struct rtattr *info, *data;

	scidtun_nlmsg_init(m, RTM_NEWLINK, 0, sizeof(m->ifi));
	m->ifi.ifi_index = 7;
	info = scidtun_nlmsg_nest(m, IFLA_LINKINFO);
	scidtun_nlmsg_put(m, IFLA_INFO_KIND, "scid_ipip", sizeof("scid_ipip"));
	data = scidtun_nlmsg_nest(m, IFLA_INFO_DATA);
	scidtun_nlmsg_put(m, IFLA_IPTUN_REMOTE, &remote, 4);
	if (!absent)
		scidtun_nlmsg_put(m, IFLA_SCID_CLAMP_MSS, &mss, 4);
	scidtun_nlmsg_nest_end(m, data);
	scidtun_nlmsg_nest_end(m, info);
}

static void answer_tests(void)
{
	static const uint32_t values[] = { SCID_CLAMP_MSS_OFF, SCID_CLAMP_MSS_AUTO, 536, 1360,
					   65495 };
	struct scidtun_link_data d;
	struct scidtun_nlmsg m;
	size_t i;

	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		answer(&m, false, values[i]);
		scidtun_nlmsg_link_data(&m.n, &d);
		CHECK(d.have && d.words.clamp_mss == values[i] &&
		      d.words.given == SCIDTUN_GIVEN_CLAMP_MSS,
		      "answer %u: have %d clamp-mss %u given 0x%x", values[i], d.have,
		      d.words.clamp_mss, d.words.given);
	}
	/* A module older than the attribute: off, and not given. */
	answer(&m, true, 0);
	scidtun_nlmsg_link_data(&m.n, &d);
	CHECK(d.have && d.words.clamp_mss == SCID_CLAMP_MSS_OFF && !d.words.given,
	      "answer without it: clamp-mss %u given 0x%x", d.words.clamp_mss, d.words.given);
}

/* show's words for a tunnel's clamp-mss, in each style. */
struct clamp_show_case {
	uint32_t mss, fwmark;
	bool have;
	const char *human, *tabs, *json;	/* json: from "fwmark" on */
};

static const struct clamp_show_case clamp_show_cases[] = {
	{ 1340, 0, true, " clamp-mss 1340", "\tclamp-mss=1340",
	  "\"fwmark\":0,\"encap\":null,\"clamp_mss\":1340,\"keepalive\":null" JSON_AFTER_KEEPALIVE "}" },
	{ 536, 0, true, " clamp-mss 536", "\tclamp-mss=536",
	  "\"fwmark\":0,\"encap\":null,\"clamp_mss\":536,\"keepalive\":null" JSON_AFTER_KEEPALIVE "}" },
	{ 65495, 0, true, " clamp-mss 65495", "\tclamp-mss=65495",
	  "\"fwmark\":0,\"encap\":null,\"clamp_mss\":65495,\"keepalive\":null" JSON_AFTER_KEEPALIVE "}" },
	{ SCID_CLAMP_MSS_AUTO, 0, true, " clamp-mss auto", "\tclamp-mss=auto",
	  "\"fwmark\":0,\"encap\":null,\"clamp_mss\":\"auto\",\"keepalive\":null" JSON_AFTER_KEEPALIVE "}" },
	/* After the fwmark, as the words' order has it. */
	{ 1360, 0x10, true, " fwmark 0x10 clamp-mss 1360", "\tfwmark=0x10\tclamp-mss=1360",
	  "\"fwmark\":16,\"encap\":null,\"clamp_mss\":1360,\"keepalive\":null" JSON_AFTER_KEEPALIVE "}" },
	/* Off: the line is as it was before clamp-mss; JSON says null, as for keepalive. */
	{ SCID_CLAMP_MSS_OFF, 0, true, "", "",
	  "\"fwmark\":0,\"encap\":null,\"clamp_mss\":null,\"keepalive\":null" JSON_AFTER_KEEPALIVE "}" },
	{ SCID_CLAMP_MSS_OFF, 0x10, true, " fwmark 0x10", "\tfwmark=0x10",
	  "\"fwmark\":16,\"encap\":null,\"clamp_mss\":null,\"keepalive\":null" JSON_AFTER_KEEPALIVE "}" },
	/* No answer from rtnetlink (the tunnel went away): off. */
	{ 1340, 0, false, "", "", "\"fwmark\":0,\"encap\":null,\"clamp_mss\":null,\"keepalive\":null" JSON_AFTER_KEEPALIVE "}" },
};

static void show_tests(void)
{
	static const char head[] = "{\"ifname\":\"t\",\"mode\":\"ipip\",\"remote\":\"198.51.100.48\","
		"\"local\":\"any\",\"dev\":null,\"link\":0,\"ttl\":0,\"tos\":1,\"df\":\"pmtudisc\",";
	struct scidtun_link_data d;
	char want[512], what[64], *buf;
	size_t i;

	for (i = 0; i < sizeof(clamp_show_cases) / sizeof(clamp_show_cases[0]); i++) {
		const struct clamp_show_case *c = &clamp_show_cases[i];

		memset(&d, 0, sizeof(d));
		d.have = c->have;
		scid_tun_defaults(&d.words);
		d.words.clamp_mss = c->mss;
		d.words.fwmark = c->fwmark;
		snprintf(what, sizeof(what), "show clamp-mss %u fwmark %u have %d", c->mss,
			 c->fwmark, c->have);
		buf = show_of(&d, SCIDTUN_STYLE_HUMAN);
		CHECK_STR(buf, c->human, what);
		free(buf);
		buf = show_of(&d, SCIDTUN_STYLE_TABS);
		CHECK_STR(buf, c->tabs, what);
		free(buf);
		buf = show_of(&d, SCIDTUN_STYLE_JSON);
		snprintf(want, sizeof(want), "%s%s", head, c->json);
		CHECK_STR(buf, want, what);
		free(buf);
	}
	buf = show_of(NULL, SCIDTUN_STYLE_TABS);
	CHECK_STR(buf, "", "show without link data");
	free(buf);
}

static void conf_parse_tests(void)
{
	struct scidtun_conf conf;
	char err[512];

	CHECK(!parse_conf(&conf, "tunnel t1 remote 198.51.100.48 clamp-mss 1360\n", err),
	      "conf: %s", err);
	CHECK(conf.count == 1 && conf.tunnels[0].req.clamp_mss == 1360 &&
	      conf.tunnels[0].req.given == (SCIDTUN_GIVEN_REMOTE | SCIDTUN_GIVEN_CLAMP_MSS),
	      "conf clamp-mss word");
	scidtun_conf_free(&conf);
	CHECK(!parse_conf(&conf, "tunnel t1 remote any clamp-mss auto\n", err), "conf: %s", err);
	CHECK(conf.count == 1 && conf.tunnels[0].req.clamp_mss == SCID_CLAMP_MSS_AUTO,
	      "conf clamp-mss auto");
	scidtun_conf_free(&conf);
	CHECK(parse_conf(&conf, "tunnel t1 remote 198.51.100.48 clamp-mss 535\n", err) == -1,
	      "conf clamp-mss 535 parsed");
	CHECK_STR(err, "t.conf:1: invalid clamp-mss '535': " CLAMP_EXPECTED, "conf error");
	scidtun_conf_free(&conf);
}

/* showconf writes what setconf reads back unchanged. */
static void conf_round_trips(void)
{
	struct scid_tun have;

	scid_tun_defaults(&have);
	have.given = SCIDTUN_GIVEN_CLAMP_MSS;
	check_optional_round_trip(&have, "tunnel t1 remote 198.51.100.48\n");
	have.clamp_mss = 1360;
	check_optional_round_trip(&have, "tunnel t1 remote 198.51.100.48 clamp-mss 1360\n");
	have.clamp_mss = SCID_CLAMP_MSS_AUTO;
	check_optional_round_trip(&have, "tunnel t1 remote 198.51.100.48 clamp-mss auto\n");
	have.given |= SCIDTUN_GIVEN_FWMARK | SCIDTUN_GIVEN_KEEPALIVE | SCIDTUN_GIVEN_HOLD |
		      SCIDTUN_GIVEN_RISE;
	have.fwmark = 0x10;
	have.keepalive = 100;
	check_optional_round_trip(&have,
				  "tunnel t1 remote 198.51.100.48 fwmark 0x10 clamp-mss auto keepalive 100ms\n");
}

/* A tunnel running with @mss and @mark, as setconf's dump has it. */
static const struct scid_tun *running(uint32_t mss, uint32_t mark)
{
	static struct scid_tun have;

	scid_tun_defaults(&have);
	have.clamp_mss = mss;
	have.fwmark = mark;
	return &have;
}

static void conf_diffs(void)
{
	const unsigned int both = SCIDTUN_GIVEN_FWMARK | SCIDTUN_GIVEN_CLAMP_MSS;
	const char *line = "tunnel t1 remote 198.51.100.48";
	char text[128];

	/* The file is authoritative: no clamp-mss word is clamp-mss off. */
	snprintf(text, sizeof(text), "%s clamp-mss 1360\n", line);
	check_optional_diff(text, running(0, 0), "clamp-mss off -> 1360", SCIDTUN_GIVEN_CLAMP_MSS,
			    0, 1360);
	check_optional_diff(text, running(1360, 0), "", 0, 0, 0);
	check_optional_diff(text, running(SCID_CLAMP_MSS_AUTO, 0), "clamp-mss auto -> 1360",
			    SCIDTUN_GIVEN_CLAMP_MSS, 0, 1360);
	snprintf(text, sizeof(text), "%s clamp-mss 01360\n", line);
	check_optional_diff(text, running(1360, 0), "", 0, 0, 0);
	snprintf(text, sizeof(text), "%s\n", line);
	check_optional_diff(text, running(1360, 0), "clamp-mss 1360 -> off",
			    SCIDTUN_GIVEN_CLAMP_MSS, 0, SCID_CLAMP_MSS_OFF);
	check_optional_diff(text, running(0, 0), "", 0, 0, 0);
	snprintf(text, sizeof(text), "%s clamp-mss off\n", line);
	check_optional_diff(text, running(0, 0), "", 0, 0, 0);
	check_optional_diff(text, running(SCID_CLAMP_MSS_AUTO, 0), "clamp-mss auto -> off",
			    SCIDTUN_GIVEN_CLAMP_MSS, 0, SCID_CLAMP_MSS_OFF);
	snprintf(text, sizeof(text), "%s clamp-mss auto\n", line);
	check_optional_diff(text, running(536, 0), "clamp-mss 536 -> auto",
			    SCIDTUN_GIVEN_CLAMP_MSS, 0, SCID_CLAMP_MSS_AUTO);
	/* With the fwmark: one request, each given only when it differs. */
	snprintf(text, sizeof(text), "%s fwmark 0x10 clamp-mss auto\n", line);
	check_optional_diff(text, running(0, 0), "fwmark 0 -> 0x10, clamp-mss off -> auto", both,
			    16, SCID_CLAMP_MSS_AUTO);
	snprintf(text, sizeof(text), "%s fwmark 0x10\n", line);
	check_optional_diff(text, running(SCID_CLAMP_MSS_AUTO, 0x10), "clamp-mss auto -> off",
			    SCIDTUN_GIVEN_CLAMP_MSS, 16, SCID_CLAMP_MSS_OFF);
}

/* setconf's request when keepalive changes too: clamp-mss rides along only if it differs. */
static void conf_with_keepalive(void)
{
	const unsigned int ka = SCIDTUN_GIVEN_KEEPALIVE | SCIDTUN_GIVEN_HOLD | SCIDTUN_GIVEN_RISE;
	struct scidtun_request req;
	struct scidtun_conf conf;
	char err[512], what[160];

	CHECK(!parse_conf(&conf, "tunnel t1 remote 198.51.100.48 keepalive 1s clamp-mss 1360\n",
			  err), "conf: %s", err);
	if (conf.count != 1)
		goto out;
	CHECK(scidtun_conf_keepalive_diff(&conf.tunnels[0].req, running(1360, 0), &req, what,
					  sizeof(what)), "keepalive off -> 1s not seen");
	CHECK(!scidtun_conf_optional_diff(&conf.tunnels[0].req, running(1360, 0), &req, what,
					  sizeof(what)), "clamp-mss 1360 -> 1360 seen: %s", what);
	CHECK(req.given == ka, "keepalive only: given 0x%x", req.given);
	CHECK(scidtun_conf_keepalive_diff(&conf.tunnels[0].req, running(0, 0), &req, what,
					  sizeof(what)), "keepalive off -> 1s not seen");
	CHECK(scidtun_conf_optional_diff(&conf.tunnels[0].req, running(0, 0), &req, what,
					 sizeof(what)), "clamp-mss off -> 1360 not seen");
	CHECK(req.given == (ka | SCIDTUN_GIVEN_CLAMP_MSS) && req.clamp_mss == 1360 &&
	      req.keepalive == 1000, "both: given 0x%x clamp-mss %u keepalive %u", req.given,
	      req.clamp_mss, req.keepalive);
	CHECK_STR(what, "keepalive off -> 1s, clamp-mss off -> 1360", "both");
out:
	scidtun_conf_free(&conf);
}

void clamp_mss_tests(void)
{
	parse_values();
	parse_lines();
	add_tests();
	change_tests();
	answer_tests();
	show_tests();
	conf_parse_tests();
	conf_round_trips();
	conf_diffs();
	conf_with_keepalive();
}
