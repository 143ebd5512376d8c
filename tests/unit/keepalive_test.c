// SPDX-License-Identifier: GPL-2.0
/*
 * Keepalive in scidtun (docs/keepalive.md): every form of its words and
 * every refusal, the one rtnetlink request that carries them, the kernel's
 * answers read back, show's three styles, and setconf and showconf
 * agreeing on them.
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

#define KA_EXPECTED "expected 50ms..600s, with its unit (100ms, 2s), or off"
#define ALL_KA (SCIDTUN_GIVEN_KEEPALIVE | SCIDTUN_GIVEN_HOLD | SCIDTUN_GIVEN_RISE)

static void parse_good(void)
{
	static const struct {
		const char *line;
		unsigned int given;
		uint32_t keepalive, hold, rise;
	} cases[] = {
		{ "keepalive 100ms", SCIDTUN_GIVEN_KEEPALIVE, 100, 3, 2 },
		{ "keepalive 1s", SCIDTUN_GIVEN_KEEPALIVE, 1000, 3, 2 },
		{ "keepalive 2s", SCIDTUN_GIVEN_KEEPALIVE, 2000, 3, 2 },
		{ "keepalive 50ms", SCIDTUN_GIVEN_KEEPALIVE, 50, 3, 2 },
		{ "keepalive 600s", SCIDTUN_GIVEN_KEEPALIVE, 600000, 3, 2 },
		{ "keepalive 600000ms", SCIDTUN_GIVEN_KEEPALIVE, 600000, 3, 2 },
		{ "keepalive 0100ms", SCIDTUN_GIVEN_KEEPALIVE, 100, 3, 2 },
		{ "keepalive off", SCIDTUN_GIVEN_KEEPALIVE, 0, 3, 2 },
		{ "hold 5", SCIDTUN_GIVEN_HOLD, 0, 5, 2 },
		{ "rise 1", SCIDTUN_GIVEN_RISE, 0, 3, 1 },
		{ "hold 100 rise 100", SCIDTUN_GIVEN_HOLD | SCIDTUN_GIVEN_RISE, 0, 100, 100 },
		{ "keepalive 100ms hold 3 rise 2", ALL_KA, 100, 3, 2 },
		{ "rise 4 keepalive 250ms hold 1", ALL_KA, 250, 1, 4 },
	};
	struct scidtun_request req;
	char err[256];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CHECK(!parse_line(cases[i].line, false, &req, err), "'%s': %s", cases[i].line, err);
		CHECK(req.given == cases[i].given && req.keepalive == cases[i].keepalive &&
		      req.hold == cases[i].hold && req.rise == cases[i].rise,
		      "'%s': given 0x%x keepalive %u hold %u rise %u", cases[i].line, req.given,
		      req.keepalive, req.hold, req.rise);
		CHECK(!(req.given & SCIDTUN_GIVEN_PARM),
		      "'%s' would send SIOCCHGTUNNEL (given 0x%x)", cases[i].line, req.given);
		CHECK(scidtun_turns_keepalive_on(&req) == (cases[i].keepalive != 0),
		      "'%s': turns keepalive on", cases[i].line);
	}
	CHECK(!parse_line("remote 198.51.100.42 keepalive 1s", true, &req, err), "add: %s", err);
	CHECK(req.keepalive == 1000 && (req.given & SCIDTUN_GIVEN_KEEPALIVE), "add keepalive");
}

static void parse_bad(void)
{
	static const struct { const char *line, *err; } cases[] = {
		{ "keepalive 0ms", "invalid keepalive '0ms': out of range; " KA_EXPECTED },
		{ "keepalive 49ms", "invalid keepalive '49ms': out of range; " KA_EXPECTED },
		{ "keepalive 600001ms", "invalid keepalive '600001ms': out of range; " KA_EXPECTED },
		{ "keepalive 601s", "invalid keepalive '601s': out of range; " KA_EXPECTED },
		{ "keepalive 0s", "invalid keepalive '0s': out of range; " KA_EXPECTED },
		{ "keepalive 99999999999999999999999ms",
		  "invalid keepalive '99999999999999999999999ms': out of range; " KA_EXPECTED },
		{ "keepalive 1", "invalid keepalive '1': no unit; " KA_EXPECTED },
		{ "keepalive 100", "invalid keepalive '100': no unit; " KA_EXPECTED },
		{ "keepalive abc", "invalid keepalive 'abc': " KA_EXPECTED },
		{ "keepalive 10x", "invalid keepalive '10x': unknown unit 'x'; " KA_EXPECTED },
		{ "keepalive 1m", "invalid keepalive '1m': unknown unit 'm'; " KA_EXPECTED },
		{ "keepalive 100MS", "invalid keepalive '100MS': unknown unit 'MS'; " KA_EXPECTED },
		{ "keepalive 1.5s", "invalid keepalive '1.5s': not a whole number; " KA_EXPECTED },
		{ "keepalive -1s", "invalid keepalive '-1s': " KA_EXPECTED },
		{ "keepalive ms", "invalid keepalive 'ms': " KA_EXPECTED },
		{ "keepalive", "missing value for 'keepalive'" },
		{ "keepalive 1s keepalive 2s", "repeated keyword 'keepalive'" },
		{ "hold 0", "invalid hold '0': expected 1..100" },
		{ "hold 101", "invalid hold '101': expected 1..100" },
		{ "hold 99999999999999999999", "invalid hold '99999999999999999999': expected 1..100" },
		{ "hold abc", "invalid hold 'abc': expected 1..100" },
		{ "hold 3x", "invalid hold '3x': expected 1..100" },
		{ "hold", "missing value for 'hold'" },
		{ "rise 0", "invalid rise '0': expected 1..100" },
		{ "rise 101", "invalid rise '101': expected 1..100" },
		{ "rise -2", "invalid rise '-2': expected 1..100" },
	};
	struct scidtun_request req;
	char err[256];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CHECK(parse_line(cases[i].line, false, &req, err) == -1, "'%s' parsed",
		      cases[i].line);
		CHECK_STR(err, cases[i].err, cases[i].line);
	}
	CHECK(parse_line("remote any keepalive 1s", true, &req, err) == -1, "remote any keepalive");
	CHECK_STR(err, "keepalive needs a remote address ('remote any' has no peer to probe)",
		  "add remote any keepalive");
	/* Off needs no peer. */
	CHECK(!parse_line("remote any keepalive off", true, &req, err), "remote any, off: %s", err);
}

static void change_tests(void)
{
	struct ip_tunnel_parm cur, before;
	struct scidtun_request req;
	char err[256];

	added_parm(&cur);
	cur.iph.ttl = 64;
	before = cur;
	CHECK(!parse_line("keepalive 1s", false, &req, err), "%s", err);
	CHECK(scidtun_apply_change(&req, &cur, err, sizeof(err)) == -1,
	      "keepalive on a tunnel with remote any");
	CHECK_STR(err, "cannot turn keepalive on for 't': it has no remote address (remote any)",
		  "change keepalive, remote any");
	CHECK(!memcmp(&cur, &before, sizeof(cur)), "a refused change touched the parameters");
	CHECK(!parse_line("keepalive off", false, &req, err), "%s", err);
	CHECK(!scidtun_apply_change(&req, &cur, err, sizeof(err)), "keepalive off, remote any: %s",
	      err);

	inet_pton(AF_INET, "198.51.100.42", &cur.iph.daddr);
	before = cur;
	CHECK(!parse_line("keepalive 100ms hold 5", false, &req, err), "%s", err);
	CHECK(!scidtun_apply_change(&req, &cur, err, sizeof(err)), "keepalive change: %s", err);
	CHECK(!memcmp(&cur, &before, sizeof(cur)), "keepalive alone changed the ioctl's parameters");
}

struct attr_seen {
	int n;
	unsigned short type[16];
	uint32_t value[16];
	unsigned short len[16];
};

static void walk(const struct rtattr *rta, int len, struct attr_seen *s)
{
	for (; RTA_OK(rta, len) && s->n < 16; rta = RTA_NEXT(rta, len)) {
		s->type[s->n] = rta->rta_type;
		s->len[s->n] = (unsigned short)RTA_PAYLOAD(rta);
		s->value[s->n] = 0;
		if (RTA_PAYLOAD(rta) == 4)
			memcpy(&s->value[s->n], RTA_DATA(rta), 4);
		s->n++;
	}
}

/* The attributes of IFLA_INFO_DATA in @m, after checking what is around them. */
static void request_data(const struct scidtun_nlmsg *m, int ifindex, struct attr_seen *data)
{
	struct attr_seen top = { 0 }, info = { 0 };
	const struct rtattr *li, *rta;
	int len;

	memset(data, 0, sizeof(*data));
	CHECK(m->n.nlmsg_type == RTM_NEWLINK, "type %u", m->n.nlmsg_type);
	CHECK(m->n.nlmsg_flags == NLM_F_REQUEST, "flags 0x%x: no create, no replace",
	      m->n.nlmsg_flags);
	CHECK(m->ifi.ifi_index == ifindex && !m->ifi.ifi_change && !m->ifi.ifi_flags,
	      "ifinfomsg: index %d change 0x%x", m->ifi.ifi_index, m->ifi.ifi_change);
	len = (int)(m->n.nlmsg_len - NLMSG_LENGTH(sizeof(m->ifi)));
	li = (const struct rtattr *)((const char *)m + NLMSG_LENGTH(sizeof(m->ifi)));
	walk(li, len, &top);
	CHECK(top.n == 1 && top.type[0] == IFLA_LINKINFO, "top: %d attributes, first %u", top.n,
	      top.type[0]);
	if (top.n != 1)
		return;
	len = (int)RTA_PAYLOAD(li);
	rta = RTA_DATA(li);
	CHECK(rta->rta_type == IFLA_INFO_KIND && RTA_PAYLOAD(rta) == sizeof("scid_ipip") &&
	      !strcmp(RTA_DATA(rta), "scid_ipip"), "IFLA_INFO_KIND");
	walk(rta, len, &info);
	CHECK(info.n == 2 && info.type[1] == IFLA_INFO_DATA, "linkinfo: %d attributes", info.n);
	rta = RTA_NEXT(rta, len);
	if (info.n == 2)
		walk(RTA_DATA(rta), (int)RTA_PAYLOAD(rta), data);
}

static void expect_request(const char *line, unsigned int given,
			   const unsigned short *types, const uint32_t *values, int n)
{
	struct scidtun_request req;
	struct attr_seen data;
	struct scidtun_nlmsg m;
	char err[256];
	int i;

	CHECK(!parse_line(line, false, &req, err), "'%s': %s", line, err);
	CHECK(!scidtun_nlmsg_tunnel(&m, 7, &req, given), "'%s': build", line);
	request_data(&m, 7, &data);
	CHECK(data.n == n, "'%s': %d attributes in IFLA_INFO_DATA, want %d", line, data.n, n);
	for (i = 0; i < n && i < data.n; i++)
		CHECK(data.type[i] == types[i] && data.value[i] == values[i] && data.len[i] == 4,
		      "'%s': attribute %d is %u=%u (%u bytes), want %u=%u (u32)", line, i,
		      data.type[i], data.value[i], data.len[i], types[i], values[i]);
}

static void request_tests(void)
{
	static const unsigned short all_t[] = { IFLA_SCID_MTU, IFLA_SCID_KEEPALIVE,
		IFLA_SCID_KEEPALIVE_HOLD, IFLA_SCID_KEEPALIVE_RISE };
	static const uint32_t all_v[] = { 1400, 100, 5, 4 };
	static const unsigned short ka_t[] = { IFLA_SCID_KEEPALIVE };
	static const uint32_t off_v[] = { 0 }, two_v[] = { 2000 };
	static const unsigned short hold_t[] = { IFLA_SCID_KEEPALIVE_HOLD };
	static const uint32_t hold_v[] = { 9 };
	static const unsigned short mtu_t[] = { IFLA_SCID_MTU };
	static const uint32_t mtu_v[] = { 0 };
	static const unsigned short mark_t[] = { IFLA_IPTUN_FWMARK, IFLA_SCID_MTU,
		IFLA_SCID_KEEPALIVE, IFLA_SCID_KEEPALIVE_HOLD, IFLA_SCID_KEEPALIVE_RISE };
	static const uint32_t mark_v[] = { 16, 1400, 100, 5, 4 }, zero_v[] = { 0 };
	static const unsigned short clamp_t[] = { IFLA_SCID_CLAMP_MSS };
	static const struct { const char *line; uint32_t sent; } clamps[] = {
		{ "clamp-mss 1340", 1340 }, { "clamp-mss auto", SCID_CLAMP_MSS_AUTO },
		{ "clamp-mss off", SCID_CLAMP_MSS_OFF }, { "ttl 9 clamp-mss 536", 536 },
	};
	static const unsigned short every_t[] = { IFLA_IPTUN_FWMARK, IFLA_SCID_MTU,
		IFLA_SCID_CLAMP_MSS, IFLA_SCID_KEEPALIVE };
	static const uint32_t every_v[] = { 16, 1400, 65495, 100 };
	size_t i;

	/* MTU and keepalive in one request, in the kind's data. */
	expect_request("mtu 1400 keepalive 100ms hold 5 rise 4", SCIDTUN_GIVEN_NL, all_t, all_v, 4);
	expect_request("keepalive off", SCIDTUN_GIVEN_NL, ka_t, off_v, 1);
	/* What the ioctl carries never goes in it. */
	expect_request("ttl 9 tos 0x10 nodf keepalive 2s", SCIDTUN_GIVEN_NL, ka_t, two_v, 1);
	expect_request("hold 9", SCIDTUN_GIVEN_NL, hold_t, hold_v, 1);
	expect_request("mtu auto", SCIDTUN_GIVEN_NL, mtu_t, mtu_v, 1);
	/* fwmark goes with them, where ipip has it (IFLA_IPTUN_FWMARK). */
	expect_request("fwmark 0x10 mtu 1400 keepalive 100ms hold 5 rise 4", SCIDTUN_GIVEN_NL,
		       mark_t, mark_v, 5);
	expect_request("fwmark 0", SCIDTUN_GIVEN_NL, mark_t, zero_v, 1);
	/* clamp-mss too, as a u32: off is 0, auto 1, else the MSS itself. */
	for (i = 0; i < sizeof(clamps) / sizeof(clamps[0]); i++)
		expect_request(clamps[i].line, SCIDTUN_GIVEN_NL, clamp_t, &clamps[i].sent, 1);
	expect_request("keepalive 100ms clamp-mss 65495 mtu 1400 fwmark 0x10", SCIDTUN_GIVEN_NL,
		       every_t, every_v, 4);
	/* add leaves out clamp-mss off the same way. */
	expect_request("clamp-mss off keepalive 2s", SCIDTUN_GIVEN_NL & ~SCIDTUN_GIVEN_CLAMP_MSS,
		       ka_t, two_v, 1);
	/* add leaves out mtu auto: a narrower mask sends less. */
	expect_request("mtu auto keepalive 2s", SCIDTUN_GIVEN_NL & ~SCIDTUN_GIVEN_MTU, ka_t,
		       two_v, 1);
}

/* An RTM_NEWLINK answer as the kernel's fill_info makes it. */
static void answer(struct scidtun_nlmsg *m, const char *kind, bool ka, uint8_t state,
		   uint32_t last)
{
	uint32_t remote = htonl(0xc6336430), mtu = 0, ival = 100, hold = 4, rise = 2, rtt = 312;
	struct rtattr *info, *data;

	scidtun_nlmsg_init(m, RTM_NEWLINK, 0, sizeof(m->ifi));
	m->ifi.ifi_index = 7;
	scidtun_nlmsg_put(m, IFLA_IFNAME, "t", 2);
	info = scidtun_nlmsg_nest(m, IFLA_LINKINFO);
	scidtun_nlmsg_put(m, IFLA_INFO_KIND, kind, strlen(kind) + 1);
	data = scidtun_nlmsg_nest(m, IFLA_INFO_DATA);
	scidtun_nlmsg_put(m, IFLA_IPTUN_REMOTE, &remote, 4);
	scidtun_nlmsg_put(m, IFLA_SCID_MTU, &mtu, 4);
	if (ka) {
		scidtun_nlmsg_put(m, IFLA_SCID_KEEPALIVE, &ival, 4);
		scidtun_nlmsg_put(m, IFLA_SCID_KEEPALIVE_HOLD, &hold, 4);
		scidtun_nlmsg_put(m, IFLA_SCID_KEEPALIVE_RISE, &rise, 4);
		scidtun_nlmsg_put(m, IFLA_SCID_KEEPALIVE_STATE, &state, 1);
		scidtun_nlmsg_put(m, IFLA_SCID_KEEPALIVE_LAST, &last, 4);
		scidtun_nlmsg_put(m, IFLA_SCID_KEEPALIVE_RTT, &rtt, 4);
	}
	scidtun_nlmsg_nest_end(m, data);
	scidtun_nlmsg_nest_end(m, info);
}

static void answer_tests(void)
{
	struct scidtun_link_data d;
	struct scidtun_nlmsg m;
	struct {
		struct nlmsghdr n;
		struct nlmsgerr e;
		char tlv[64];
	} __attribute__((aligned(4))) err;
	static const char msg[] = "keepalive needs a remote address";
	struct rtattr *rta;
	char text[128];

	answer(&m, "scid_ipip", true, SCID_KA_STATE_UP, 40);
	scidtun_nlmsg_link_data(&m.n, &d);
	CHECK(d.have && d.words.keepalive == 100 && d.words.hold == 4 && d.words.rise == 2 &&
	      d.ka.state == SCID_KA_STATE_UP && d.ka.last == 40 && d.ka.rtt == 312,
	      "answer: have %d keepalive %u hold %u rise %u state %u last %u rtt %u", d.have,
	      d.words.keepalive, d.words.hold, d.words.rise, d.ka.state, d.ka.last, d.ka.rtt);
	CHECK(d.words.given == (SCIDTUN_GIVEN_MTU | ALL_KA), "answer: given 0x%x", d.words.given);

	answer(&m, "scid_ipip", false, 0, 0);
	scidtun_nlmsg_link_data(&m.n, &d);
	CHECK(d.have && !d.words.keepalive && d.words.hold == 3 && d.words.rise == 2 &&
	      d.ka.state == SCID_KA_STATE_OFF && d.ka.last == SCID_KA_NEVER,
	      "answer without keepalive: keepalive %u hold %u state %u", d.words.keepalive,
	      d.words.hold, d.ka.state);
	answer(&m, "ipip", true, SCID_KA_STATE_UP, 40);
	scidtun_nlmsg_link_data(&m.n, &d);
	CHECK(!d.have && !d.words.keepalive, "another kind's data read as scid_ipip's");

	memset(&err, 0, sizeof(err));
	err.n.nlmsg_type = NLMSG_ERROR;
	err.n.nlmsg_flags = NLM_F_CAPPED | NLM_F_ACK_TLVS;
	err.e.error = -22;
	err.e.msg.nlmsg_len = 200;	/* capped: the request does not follow */
	rta = (struct rtattr *)err.tlv;
	rta->rta_type = NLMSGERR_ATTR_MSG;
	rta->rta_len = RTA_LENGTH(sizeof(msg));
	memcpy(RTA_DATA(rta), msg, sizeof(msg));
	err.n.nlmsg_len = NLMSG_LENGTH(sizeof(err.e)) + RTA_ALIGN(rta->rta_len);
	CHECK(scidtun_nlmsg_extack(&err.n, text, sizeof(text)), "no extack found");
	CHECK_STR(text, msg, "extack");
	err.n.nlmsg_flags = NLM_F_CAPPED;
	CHECK(!scidtun_nlmsg_extack(&err.n, text, sizeof(text)), "extack without NLM_F_ACK_TLVS");
}

static char *keepalive_of(const struct scidtun_link_data *d, enum scidtun_style style)
{
	size_t len;
	char *buf;
	FILE *f;

	f = open_memstream(&buf, &len);
	scidtun_format_keepalive(f, d, style);
	fclose(f);
	return buf;
}

/* One tunnel's keepalive as show prints it, in each style. */
struct ka_format_case {
	const char *what;
	unsigned int interval_ms, hold;
	unsigned char state;
	unsigned int last, rtt;
	const char *human, *tabs, *json;	/* json: the "keepalive" value */
};

static const struct ka_format_case ka_format_cases[] = {
	{ "answered", 100, 3, SCID_KA_STATE_UP, 40, 312,
	  "    keepalive 100ms hold 3 rise 2 state up last 40ms rtt 312us\n",
	  "\tkeepalive=100ms\thold=3\trise=2\tstate=up\tlast=40ms\trtt=312us",
	  "{\"interval_ms\":100,\"hold\":3,\"rise\":2,\"state\":\"up\","
	  "\"last_reply_ms\":40,\"rtt_us\":312}" },
	{ "never answered", 2000, 5, SCID_KA_STATE_DOWN, SCID_KA_NEVER, 0,
	  "    keepalive 2s hold 5 rise 2 state down last never\n",
	  "\tkeepalive=2s\thold=5\trise=2\tstate=down\tlast=never",
	  "{\"interval_ms\":2000,\"hold\":5,\"rise\":2,\"state\":\"down\","
	  "\"last_reply_ms\":null,\"rtt_us\":null}" },
	/* Off: the tunnel prints as it did before keepalive existed. */
	{ "off", 0, 5, SCID_KA_STATE_DOWN, SCID_KA_NEVER, 0, "", "", "null" },
};

static void ka_format_tests(void)
{
	static const char head[] = "{\"ifname\":\"t\",\"mode\":\"ipip\",\"remote\":\"198.51.100.48\","
		"\"local\":\"any\",\"dev\":null,\"link\":0,\"ttl\":0,\"tos\":1,\"df\":\"pmtudisc\",\"fwmark\":0,"
		"\"encap\":null,\"clamp_mss\":null,";
	struct scidtun_link_data d = { .have = true };
	char want[512], *buf;
	size_t i;

	for (i = 0; i < sizeof(ka_format_cases) / sizeof(ka_format_cases[0]); i++) {
		const struct ka_format_case *c = &ka_format_cases[i];

		scid_tun_defaults(&d.words);
		d.words.keepalive = c->interval_ms;
		d.words.hold = c->hold;
		d.ka.state = c->state;
		d.ka.last = c->last;
		d.ka.rtt = c->rtt;
		buf = keepalive_of(&d, SCIDTUN_STYLE_HUMAN);
		CHECK_STR(buf, c->human, c->what);
		free(buf);
		buf = keepalive_of(&d, SCIDTUN_STYLE_TABS);
		CHECK_STR(buf, c->tabs, c->what);
		free(buf);
		buf = show_of(&d, SCIDTUN_STYLE_JSON);
		snprintf(want, sizeof(want), "%s\"keepalive\":%s" JSON_AFTER_KEEPALIVE "}", head, c->json);
		CHECK_STR(buf, want, c->what);
		free(buf);
	}
	buf = keepalive_of(NULL, SCIDTUN_STYLE_HUMAN);
	CHECK_STR(buf, "", "no link data");
	free(buf);
}

/* showconf of a tunnel with @have, then setconf of that text: no changes. */
static void round_trip(const char *line, const struct scid_tun *have, const char *want)
{
	char *buf = showconf_of(have);
	struct scidtun_request change;
	struct scidtun_conf conf;
	char err[512], what[128];

	CHECK_STR(buf, want, line);
	CHECK(!parse_conf(&conf, buf, err), "'%s' does not parse back: %s", buf, err);
	if (conf.count == 1)
		CHECK(!scidtun_conf_keepalive_diff(&conf.tunnels[0].req, have, &change, what,
						   sizeof(what)),
		      "setconf of showconf's '%s' changes %s", line, what);
	scidtun_conf_free(&conf);
	free(buf);
}

static void expect_diff(const char *text, const struct scid_tun *have, const char *want,
			uint32_t keepalive, uint32_t hold, uint32_t rise)
{
	struct scidtun_request change;
	struct scidtun_conf conf;
	char err[512], what[128];
	bool differs;

	CHECK(!parse_conf(&conf, text, err), "'%s': %s", text, err);
	if (conf.count != 1)
		goto out;
	differs = scidtun_conf_keepalive_diff(&conf.tunnels[0].req, have, &change, what,
					      sizeof(what));
	CHECK(differs == (want[0] != '\0'), "'%s': differs %d, want '%s'", text, differs, want);
	CHECK_STR(what, want, text);
	if (differs)
		CHECK(change.given == ALL_KA && change.keepalive == keepalive &&
		      change.hold == hold && change.rise == rise,
		      "'%s': sends given 0x%x keepalive %u hold %u rise %u", text, change.given,
		      change.keepalive, change.hold, change.rise);
out:
	scidtun_conf_free(&conf);
}

static void ka_conf_tests(void)
{
	struct scidtun_conf conf;
	struct scid_tun have;
	char err[512];

	CHECK(!parse_conf(&conf, "tunnel t1 remote 198.51.100.48 keepalive 100ms hold 5\n"
			  "\taddress 10.0.0.1/32\n", err), "conf: %s", err);
	CHECK(conf.count == 1 && conf.tunnels[0].req.keepalive == 100 &&
	      conf.tunnels[0].req.hold == 5 &&
	      conf.tunnels[0].req.given == (SCIDTUN_GIVEN_REMOTE | SCIDTUN_GIVEN_KEEPALIVE |
					    SCIDTUN_GIVEN_HOLD), "conf keepalive words");
	scidtun_conf_free(&conf);
	CHECK(parse_conf(&conf, "tunnel t1 remote 198.51.100.48 keepalive 100\n", err) == -1,
	      "conf keepalive without unit parsed");
	CHECK_STR(err, "t.conf:1: invalid keepalive '100': no unit; " KA_EXPECTED, "conf error");
	scidtun_conf_free(&conf);
	CHECK(parse_conf(&conf, "tunnel t1 remote 198.51.100.48 rise 0\n", err) == -1,
	      "conf rise 0 parsed");
	CHECK_STR(err, "t.conf:1: invalid rise '0': expected 1..100", "conf rise error");
	scidtun_conf_free(&conf);
	CHECK(parse_conf(&conf, "tunnel t1 remote any keepalive 1s\n", err) == -1,
	      "conf remote any keepalive parsed");
	CHECK_STR(err, "t.conf:1: keepalive needs a remote address ('remote any' has no peer to probe)",
		  "conf remote any keepalive");
	scidtun_conf_free(&conf);

	scid_tun_defaults(&have);
	have.given = ALL_KA;
	round_trip("off", &have, "tunnel t1 remote 198.51.100.48\n");
	have.keepalive = 100;
	round_trip("100ms", &have, "tunnel t1 remote 198.51.100.48 keepalive 100ms\n");
	have.keepalive = 3000;
	have.hold = 5;
	have.rise = 1;
	round_trip("3s hold 5 rise 1", &have,
		   "tunnel t1 remote 198.51.100.48 keepalive 3s hold 5 rise 1\n");
	/* Kept while off, and not printed: not a difference either. */
	have.keepalive = 0;
	round_trip("off, hold 5", &have, "tunnel t1 remote 198.51.100.48\n");

	scid_tun_defaults(&have);
	expect_diff("tunnel t1 remote 198.51.100.48 keepalive 100ms\n", &have,
		    "keepalive off -> 100ms", 100, 3, 2);
	expect_diff("tunnel t1 remote 198.51.100.48\n", &have, "", 0, 3, 2);
	expect_diff("tunnel t1 remote 198.51.100.48 hold 7\n", &have, "hold 3 -> 7", 0, 7, 2);
	have.keepalive = 1000;
	have.hold = 5;
	expect_diff("tunnel t1 remote 198.51.100.48\n", &have, "keepalive 1s -> off", 0, 5, 2);
	expect_diff("tunnel t1 remote 198.51.100.48 keepalive 1s\n", &have, "hold 5 -> 3", 1000,
		    3, 2);
	expect_diff("tunnel t1 remote 198.51.100.48 keepalive 1000ms hold 5\n", &have, "", 1000,
		    5, 2);
	expect_diff("tunnel t1 remote 198.51.100.48 keepalive 2s rise 9\n", &have,
		    "keepalive 1s -> 2s, hold 5 -> 3, rise 2 -> 9", 2000, 3, 9);
}

void keepalive_tests(void)
{
	parse_good();
	parse_bad();
	change_tests();
	request_tests();
	answer_tests();
	ka_format_tests();
	ka_conf_tests();
}
