// SPDX-License-Identifier: GPL-2.0
/*
 * FOU and GUE in scidtun (IFLA_IPTUN_ENCAP_*): every value the encap words
 * take and the ones they refuse, what add refuses before asking the
 * kernel, what add and change send, and the attributes on the wire and
 * read back.
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

#define SPORT_EXPECTED "expected 0..65535 or auto"
#define DPORT_EXPECTED "expected 1..65535"
#define OCTAL "a leading 0 reads as octal to ip; write it in decimal"

static void parse_types(void)
{
	static const struct {
		const char *value;
		uint16_t type;
	} good[] = {
		{ "fou", TUNNEL_ENCAP_FOU }, { "gue", TUNNEL_ENCAP_GUE },
		{ "none", TUNNEL_ENCAP_NONE },
	};
	static const char *const bad[] = {
		"", "FOU", "Gue", "udp", "gre", "fou6", "mpls", "0", "1", "2", "auto", "off",
	};
	struct scidtun_request req;
	char err[256], want[128];
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		CHECK(!parse_change_word("encap", good[i].value, &req, err), "encap '%s': %s",
		      good[i].value, err);
		CHECK(req.encap == good[i].type && req.given == SCIDTUN_GIVEN_ENCAP,
		      "encap '%s': %u given 0x%x", good[i].value, req.encap, req.given);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK(parse_change_word("encap", bad[i], &req, err) == -1, "encap '%s' parsed",
		      bad[i]);
		snprintf(want, sizeof(want), "invalid encap '%s': expected fou, gue or none", bad[i]);
		CHECK_STR(err, want, bad[i]);
	}
	CHECK(!parse_line("noencap", false, &req, err), "noencap: %s", err);
	CHECK(req.encap == TUNNEL_ENCAP_NONE && req.given == SCIDTUN_GIVEN_ENCAP,
	      "noencap: %u given 0x%x", req.encap, req.given);
}

/* One port word's values: @good parse to @ports, each of @bad is refused with @expected. */
static void parse_ports(const char *keyword, const char *const *good, const uint16_t *ports,
			size_t ngood, const char *const *bad, size_t nbad, const char *expected)
{
	unsigned int bit = strcmp(keyword, "encap-sport") ? SCIDTUN_GIVEN_ENCAP_DPORT :
			   SCIDTUN_GIVEN_ENCAP_SPORT;
	struct scidtun_request req;
	char err[256], want[160];
	uint16_t got;
	size_t i;

	for (i = 0; i < ngood; i++) {
		CHECK(!parse_change_word(keyword, good[i], &req, err), "%s '%s': %s", keyword,
		      good[i], err);
		got = bit == SCIDTUN_GIVEN_ENCAP_SPORT ? req.encap_sport : req.encap_dport;
		CHECK(got == ports[i] && req.given == bit, "%s '%s': %u given 0x%x, want %u",
		      keyword, good[i], got, req.given, ports[i]);
	}
	for (i = 0; i < nbad; i++) {
		memset(&req, 0xa5, sizeof(req));
		CHECK(parse_change_word(keyword, bad[i], &req, err) == -1, "%s '%s' parsed",
		      keyword, bad[i]);
		snprintf(want, sizeof(want), "invalid %s '%s': %s", keyword, bad[i], expected);
		CHECK_STR(err, want, bad[i]);
		CHECK(req.encap_sport == 0xa5a5 && req.encap_dport == 0xa5a5,
		      "%s '%s': a refused request was written", keyword, bad[i]);
	}
}

static void parse_port_values(void)
{
	static const char *const sport_good[] = { "auto", "0", "1", "5555", "65535" };
	static const uint16_t sport_ports[] = { 0, 0, 1, 5555, 65535 };
	static const char *const dport_good[] = { "1", "5555", "6666", "65535" };
	static const uint16_t dport_ports[] = { 1, 5555, 6666, 65535 };
	/* Decimal only: ip's hex and octal readings are refused, not guessed. */
	static const char *const sport_bad[] = {
		"", "65536", "99999999999999999999", "-1", "+1", " 1", "1 ", "5555x", "0x15b3",
		"1e3", "AUTO", "Auto", "none", "off",
	};
	static const char *const dport_bad[] = {
		"", "0", "65536", "99999999999999999999", "-1", "+5555", "5555 ", "0x15b3", "abc",
		"auto", "55.55",
	};
	static const char *const octal[] = { "05555", "00", "010" };
	struct scidtun_request req;
	char err[256], want[160];
	size_t i;

	parse_ports("encap-sport", sport_good, sport_ports, 5, sport_bad,
		    sizeof(sport_bad) / sizeof(sport_bad[0]), SPORT_EXPECTED);
	parse_ports("encap-dport", dport_good, dport_ports, 4, dport_bad,
		    sizeof(dport_bad) / sizeof(dport_bad[0]), DPORT_EXPECTED);
	for (i = 0; i < sizeof(octal) / sizeof(octal[0]); i++) {
		CHECK(parse_change_word("encap-dport", octal[i], &req, err) == -1,
		      "encap-dport '%s' parsed", octal[i]);
		snprintf(want, sizeof(want), "invalid encap-dport '%s': " OCTAL, octal[i]);
		CHECK_STR(err, want, octal[i]);
		CHECK(parse_change_word("encap-sport", octal[i], &req, err) == -1,
		      "encap-sport '%s' parsed", octal[i]);
		snprintf(want, sizeof(want), "invalid encap-sport '%s': " OCTAL, octal[i]);
		CHECK_STR(err, want, octal[i]);
	}
}

/* "scidtun add t LINE" (@add) or "change t LINE": refused with @want, or "" for accepted. */
static void expect_line(const char *line, bool add, const char *want)
{
	struct scidtun_request req;
	char err[256];
	int ret;

	ret = parse_line(line, add, &req, err);
	CHECK(ret == (want[0] ? -1 : 0), "%s '%s': %d (%s)", add ? "add" : "change", line, ret,
	      err);
	if (want[0])
		CHECK_STR(err, want, line);
}

static void parse_flags_and_lines(void)
{
	struct scidtun_request req;
	char err[256];

	CHECK(!parse_line("encap-csum encap-remcsum", false, &req, err), "flags: %s", err);
	CHECK(req.encap_csum == 1 && req.encap_remcsum == 1 &&
	      req.given == (SCIDTUN_GIVEN_ENCAP_CSUM | SCIDTUN_GIVEN_ENCAP_REMCSUM),
	      "flags: csum %u remcsum %u given 0x%x", req.encap_csum, req.encap_remcsum, req.given);
	CHECK(!parse_line("noencap-csum noencap-remcsum", false, &req, err), "no flags: %s", err);
	CHECK(req.encap_csum == 0 && req.encap_remcsum == 0 &&
	      req.given == (SCIDTUN_GIVEN_ENCAP_CSUM | SCIDTUN_GIVEN_ENCAP_REMCSUM),
	      "no flags: csum %u remcsum %u given 0x%x", req.encap_csum, req.encap_remcsum,
	      req.given);

	/* Words of one field exclude each other, as pmtudisc and nodf do. */
	expect_line("encap-csum noencap-csum", false, "'noencap-csum' conflicts with 'encap-csum'");
	expect_line("noencap-remcsum encap-remcsum", false,
		    "'encap-remcsum' conflicts with 'noencap-remcsum'");
	expect_line("encap fou noencap", false, "'noencap' conflicts with 'encap'");
	expect_line("encap-csum encap-csum", false, "repeated keyword 'encap-csum'");
	expect_line("encap fou encap gue", false, "repeated keyword 'encap'");
	expect_line("encap", false, "missing value for 'encap'");
	expect_line("encap-dport", false, "missing value for 'encap-dport'");
	expect_line("encap-sport", false, "missing value for 'encap-sport'");
	expect_line("encap-csum 1", false, "unknown keyword '1'");
}

/* What add refuses before asking the kernel, which would refuse it too. */
static void add_refusals(void)
{
	const char *remote = "remote 198.51.100.42";
	char line[160];

	snprintf(line, sizeof(line), "%s encap fou", remote);
	expect_line(line, true,
		    "encap fou needs encap-dport: add 'encap-dport PORT', the UDP port of the peer's 'ip fou add port PORT ipproto 4'");
	snprintf(line, sizeof(line), "%s encap gue encap-sport 1000 encap-csum", remote);
	expect_line(line, true,
		    "encap gue needs encap-dport: add 'encap-dport PORT', the UDP port of the peer's 'ip fou add port PORT gue'");
	snprintf(line, sizeof(line), "%s encap-remcsum", remote);
	expect_line(line, true,
		    "encap-remcsum needs 'encap gue', not 'encap none': remote checksum offload is a GUE option");
	snprintf(line, sizeof(line), "%s encap fou encap-dport 5555 encap-remcsum", remote);
	expect_line(line, true,
		    "encap-remcsum needs 'encap gue', not 'encap fou': remote checksum offload is a GUE option");
	snprintf(line, sizeof(line), "%s noencap encap-remcsum", remote);
	expect_line(line, true,
		    "encap-remcsum needs 'encap gue', not 'encap none': remote checksum offload is a GUE option");
	snprintf(line, sizeof(line), "%s encap fou encap-dport 5555", remote);
	expect_line(line, true, "");
	snprintf(line, sizeof(line), "%s encap gue encap-dport 6666 encap-remcsum encap-csum",
		 remote);
	expect_line(line, true, "");
	/* A port without an encapsulation is the kernel's to keep, unused. */
	snprintf(line, sizeof(line), "%s encap-dport 5555 noencap-remcsum", remote);
	expect_line(line, true, "");

	/* change: the tunnel's own type and port are the kernel's to check. */
	expect_line("encap fou", false, "");
	expect_line("encap gue", false, "");
	expect_line("encap-remcsum", false, "");
	expect_line("encap none encap-remcsum", false,
		    "encap-remcsum needs 'encap gue', not 'encap none': remote checksum offload is a GUE option");
	expect_line("encap fou encap-remcsum", false,
		    "encap-remcsum needs 'encap gue', not 'encap fou': remote checksum offload is a GUE option");
	expect_line("encap gue encap-remcsum", false, "");
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
	const unsigned int fou = SCIDTUN_GIVEN_ENCAP | SCIDTUN_GIVEN_ENCAP_DPORT;

	/* What a new tunnel has already is not sent, as for fwmark 0. */
	expect_add_given("encap none", 0);
	expect_add_given("noencap encap-sport auto noencap-csum noencap-remcsum", 0);
	expect_add_given("encap fou encap-dport 5555", fou);
	expect_add_given("encap fou encap-dport 5555 encap-sport 0", fou);
	expect_add_given("encap fou encap-dport 5555 encap-sport 1000",
			 fou | SCIDTUN_GIVEN_ENCAP_SPORT);
	expect_add_given("encap gue encap-dport 6666 encap-csum encap-remcsum",
			 fou | SCIDTUN_GIVEN_ENCAP_CSUM | SCIDTUN_GIVEN_ENCAP_REMCSUM);
	expect_add_given("encap gue encap-dport 6666 noencap-csum encap-remcsum",
			 fou | SCIDTUN_GIVEN_ENCAP_REMCSUM);
	expect_add_given("encap fou encap-dport 5555 fwmark 7 clamp-mss auto",
			 fou | SCIDTUN_GIVEN_FWMARK | SCIDTUN_GIVEN_CLAMP_MSS);
}

/* change with encap words alone sends no SIOCCHGTUNNEL and keeps the parameters. */
static void change_tests(void)
{
	struct ip_tunnel_parm cur, before;
	struct scidtun_request req;
	char err[256];

	added_parm(&cur);
	inet_pton(AF_INET, "198.51.100.42", &cur.iph.daddr);
	before = cur;
	CHECK(!parse_line("encap gue encap-dport 6666 encap-csum", false, &req, err),
	      "change: %s", err);
	CHECK(!(req.given & SCIDTUN_GIVEN_PARM), "change encap: ioctl words given 0x%x",
	      req.given);
	CHECK(!scidtun_apply_change(&req, &cur, err, sizeof(err)), "apply: %s", err);
	CHECK(!memcmp(&cur, &before, sizeof(cur)), "encap changed the ioctl's parameters");
}

/* Every attribute scid_tun_to_attrs() puts, as it gives them. */
struct put_attr {
	int type;
	size_t size;
	uint32_t value;
};

static struct put_attr put[32];
static size_t nput;

static int record(void *ctx, int type, size_t size, uint32_t value)
{
	(void)ctx;
	if (nput < sizeof(put) / sizeof(put[0])) {
		put[nput].type = type;
		put[nput].size = size;
		put[nput++].value = value;
	}
	return 0;
}

/* The attribute of @type that was put, with @size, or NULL. */
static const struct put_attr *put_of(int type, size_t size)
{
	size_t i;

	for (i = 0; i < nput; i++) {
		if (put[i].type == type)
			return put[i].size == size ? &put[i] : NULL;
	}
	return NULL;
}

static void expect_put(const struct scid_tun *t, int type, uint16_t want, const char *what)
{
	const struct put_attr *p;

	nput = 0;
	scid_tun_to_attrs(t, record, NULL);
	p = put_of(type, 2);
	CHECK(p && p->value == want, "%s: attribute %d %s%u, want u16 %u", what, type,
	      p ? "" : "missing or not u16 ", p ? p->value : 0, want);
}

/* Ports in network byte order, the flags as the kernel's TUNNEL_ENCAP_FLAG_*. */
static void attrs_put(void)
{
	struct scid_tun t;

	scid_tun_defaults(&t);
	t.given = SCID_TUN_GIVEN(SCID_TUN_NFIELDS) - 1;
	t.encap = TUNNEL_ENCAP_GUE;
	t.encap_sport = 1000;
	t.encap_dport = 5555;
	t.encap_csum = 1;
	expect_put(&t, IFLA_IPTUN_ENCAP_TYPE, TUNNEL_ENCAP_GUE, "type");
	expect_put(&t, IFLA_IPTUN_ENCAP_SPORT, htons(1000), "sport");
	expect_put(&t, IFLA_IPTUN_ENCAP_DPORT, htons(5555), "dport");
	expect_put(&t, IFLA_IPTUN_ENCAP_FLAGS, TUNNEL_ENCAP_FLAG_CSUM, "csum");
	t.encap_remcsum = 1;
	expect_put(&t, IFLA_IPTUN_ENCAP_FLAGS, TUNNEL_ENCAP_FLAG_CSUM | TUNNEL_ENCAP_FLAG_REMCSUM,
		   "csum remcsum");
	t.encap_csum = 0;
	expect_put(&t, IFLA_IPTUN_ENCAP_FLAGS, TUNNEL_ENCAP_FLAG_REMCSUM, "remcsum");

	/* Only what is given: one flag word sends the one attribute both share. */
	t.given = SCID_TUN_GIVEN(SCID_TUN_ENCAP_REMCSUM);
	nput = 0;
	scid_tun_to_attrs(&t, record, NULL);
	CHECK(nput == 1 && put[0].type == IFLA_IPTUN_ENCAP_FLAGS,
	      "remcsum alone: %zu attributes, the first %d", nput, nput ? put[0].type : -1);
	t.given = SCID_TUN_GIVEN(SCID_TUN_ENCAP_DPORT);
	nput = 0;
	scid_tun_to_attrs(&t, record, NULL);
	CHECK(nput == 1 && put[0].type == IFLA_IPTUN_ENCAP_DPORT,
	      "dport alone: %zu attributes, the first %d", nput, nput ? put[0].type : -1);
}

/* scidtun's request for @line, as the kernel reads it back from a dump. */
static void round_trip(const char *line)
{
	struct scidtun_link_data d;
	struct scidtun_request req;
	struct scidtun_nlmsg m;
	struct scid_tun want;
	char err[256];

	CHECK(!parse_line(line, false, &req, err), "'%s': %s", line, err);
	CHECK(!scidtun_nlmsg_tunnel(&m, 7, &req, SCIDTUN_GIVEN_NL), "'%s' does not fit", line);
	scidtun_request_words(&req, SCIDTUN_GIVEN_NL, &want);
	/* The request's data is what a dump's would be: read it as one. */
	scidtun_nlmsg_link_data(&m.n, &d);
	CHECK(d.have, "'%s': no data read back", line);
	CHECK(d.words.given == want.given, "'%s': read back given 0x%x, want 0x%x", line,
	      d.words.given, want.given);
	CHECK(d.words.encap == want.encap && d.words.encap_sport == want.encap_sport &&
	      d.words.encap_dport == want.encap_dport && d.words.encap_csum == want.encap_csum &&
	      d.words.encap_remcsum == want.encap_remcsum,
	      "'%s': read back encap %u sport %u dport %u csum %u remcsum %u", line, d.words.encap,
	      d.words.encap_sport, d.words.encap_dport, d.words.encap_csum, d.words.encap_remcsum);
}

/* Every word rtnetlink carries, at once, fits scidtun's one request and reads back. */
static void all_fit(void)
{
	struct scidtun_request req;
	struct scidtun_link_data d;
	struct scidtun_nlmsg m;
	struct scid_tun t;

	scid_tun_defaults(&t);
	t.given = SCIDTUN_GIVEN_NL;
	t.fwmark = 7;
	t.encap = TUNNEL_ENCAP_GUE;
	t.encap_sport = 1;
	t.encap_dport = 2;
	t.encap_csum = 1;
	t.encap_remcsum = 1;
	t.mtu = 1400;
	t.clamp_mss = SCID_CLAMP_MSS_AUTO;
	t.keepalive = 1000;
	t.pmtu_probe = 1;
	memset(&req, 0, sizeof(req));
	scidtun_request_set_words(&req, &t);
	CHECK(!scidtun_nlmsg_tunnel(&m, 7, &req, SCIDTUN_GIVEN_NL),
	      "every rtnetlink word does not fit one request");
	scidtun_nlmsg_link_data(&m.n, &d);
	CHECK(d.words.given == SCIDTUN_GIVEN_NL && d.words.encap_dport == 2 &&
	      d.words.pmtu_raise == SCID_PMTU_RAISE_DEFAULT,
	      "every word read back: given 0x%x dport %u", d.words.given, d.words.encap_dport);
}

/* The bytes on the wire: a u16 each, the ports big-endian. */
static void wire_bytes(void)
{
	const struct rtattr *info, *data, *rta;
	static const unsigned char dport[] = { 0x15, 0xb3 }, sport[] = { 0x03, 0xe8 };
	struct scidtun_request req;
	struct scidtun_nlmsg m;
	bool have_dport = false, have_sport = false;
	char err[256];
	int len;

	CHECK(!parse_line("encap fou encap-dport 5555 encap-sport 1000", false, &req, err),
	      "wire: %s", err);
	CHECK(!scidtun_nlmsg_tunnel(&m, 7, &req, SCIDTUN_GIVEN_NL), "wire: does not fit");
	info = IFLA_RTA(&m.ifi);
	len = (int)RTA_PAYLOAD(info);
	data = RTA_DATA(info);
	data = RTA_NEXT(data, len);	/* past IFLA_INFO_KIND */
	CHECK(data->rta_type == IFLA_INFO_DATA, "wire: %u where IFLA_INFO_DATA was", data->rta_type);
	len = (int)RTA_PAYLOAD(data);
	for (rta = RTA_DATA(data); RTA_OK(rta, len); rta = RTA_NEXT(rta, len)) {
		if (rta->rta_type == IFLA_IPTUN_ENCAP_DPORT)
			have_dport = RTA_PAYLOAD(rta) == 2 && !memcmp(RTA_DATA(rta), dport, 2);
		if (rta->rta_type == IFLA_IPTUN_ENCAP_SPORT)
			have_sport = RTA_PAYLOAD(rta) == 2 && !memcmp(RTA_DATA(rta), sport, 2);
	}
	CHECK(have_dport && have_sport, "wire: ports not as 2 big-endian bytes (dport %d sport %d)",
	      have_dport, have_sport);
}

/* One attribute carries both flags: a change giving one takes the other from the tunnel. */
static void flag_merge(void)
{
	struct scid_tun t, cur;

	scid_tun_defaults(&cur);
	cur.encap = TUNNEL_ENCAP_GUE;
	cur.encap_csum = 1;
	cur.encap_remcsum = 1;

	scid_tun_defaults(&t);
	t.given = SCID_TUN_GIVEN(SCID_TUN_ENCAP_CSUM);
	CHECK(scid_tun_needs_encap_flags(&t), "encap-csum alone does not read the tunnel");
	scid_tun_take_encap_flags(&t, &cur);
	CHECK(t.encap_csum == 0 && t.encap_remcsum == 1 &&
	      t.given == (SCID_TUN_GIVEN(SCID_TUN_ENCAP_CSUM) |
			  SCID_TUN_GIVEN(SCID_TUN_ENCAP_REMCSUM)),
	      "noencap-csum on a remcsum tunnel: csum %u remcsum %u given 0x%x", t.encap_csum,
	      t.encap_remcsum, t.given);
	CHECK(!scid_tun_needs_encap_flags(&t), "both given still reads the tunnel");

	scid_tun_defaults(&t);
	t.given = SCID_TUN_GIVEN(SCID_TUN_ENCAP_REMCSUM) | SCID_TUN_GIVEN(SCID_TUN_ENCAP);
	CHECK(scid_tun_needs_encap_flags(&t), "encap-remcsum alone does not read the tunnel");
	scid_tun_take_encap_flags(&t, &cur);
	CHECK(t.encap_csum == 1 && t.encap_remcsum == 0,
	      "noencap-remcsum on a csum tunnel: csum %u remcsum %u", t.encap_csum,
	      t.encap_remcsum);

	scid_tun_defaults(&t);
	t.given = SCID_TUN_GIVEN(SCID_TUN_ENCAP) | SCID_TUN_GIVEN(SCID_TUN_ENCAP_DPORT);
	CHECK(!scid_tun_needs_encap_flags(&t), "no flag given, yet the tunnel is read");
}

static void attrs_tests(void)
{
	attrs_put();
	round_trip("encap fou encap-dport 5555");
	round_trip("encap gue encap-dport 6666 encap-sport 1000 encap-csum encap-remcsum");
	round_trip("encap gue encap-dport 65535 encap-sport 65535 noencap-csum encap-remcsum");
	round_trip("noencap encap-sport auto");
	round_trip("encap-csum noencap-remcsum fwmark 7");
	all_fit();
	wire_bytes();
	flag_merge();
}

/* show's words for a tunnel's encapsulation, in each style. */
struct encap_show_case {
	uint16_t type, sport, dport;
	uint8_t csum, remcsum;
	uint32_t fwmark, clamp_mss;
	bool have;
	const char *human, *tabs, *json;	/* json: from "fwmark" on */
};

static const struct encap_show_case encap_show_cases[] = {
	{ TUNNEL_ENCAP_FOU, 0, 5555, 0, 0, 0, SCID_CLAMP_MSS_OFF, true,
	  " encap fou encap-sport auto encap-dport 5555 noencap-csum noencap-remcsum",
	  "\tencap=fou\tencap-sport=auto\tencap-dport=5555\tencap-csum=off\tencap-remcsum=off",
	  "\"fwmark\":0,\"encap\":{\"type\":\"fou\",\"sport\":\"auto\",\"dport\":5555,"
	  "\"csum\":false,\"remcsum\":false},\"clamp_mss\":null,\"keepalive\":null" JSON_AFTER_KEEPALIVE
	  "}" },
	/* Between the fwmark and clamp-mss, as the words' order has it. */
	{ TUNNEL_ENCAP_GUE, 1000, 6666, 1, 1, 0x10, 1360, true,
	  " fwmark 0x10 encap gue encap-sport 1000 encap-dport 6666 encap-csum encap-remcsum"
	  " clamp-mss 1360",
	  "\tfwmark=0x10\tencap=gue\tencap-sport=1000\tencap-dport=6666\tencap-csum=on"
	  "\tencap-remcsum=on\tclamp-mss=1360",
	  "\"fwmark\":16,\"encap\":{\"type\":\"gue\",\"sport\":1000,\"dport\":6666,"
	  "\"csum\":true,\"remcsum\":true},\"clamp_mss\":1360,\"keepalive\":null" JSON_AFTER_KEEPALIVE
	  "}" },
	{ TUNNEL_ENCAP_FOU, 65535, 1, 1, 0, 0, SCID_CLAMP_MSS_OFF, true,
	  " encap fou encap-sport 65535 encap-dport 1 encap-csum noencap-remcsum",
	  "\tencap=fou\tencap-sport=65535\tencap-dport=1\tencap-csum=on\tencap-remcsum=off",
	  "\"fwmark\":0,\"encap\":{\"type\":\"fou\",\"sport\":65535,\"dport\":1,"
	  "\"csum\":true,\"remcsum\":false},\"clamp_mss\":null,\"keepalive\":null" JSON_AFTER_KEEPALIVE
	  "}" },
	/* None: the line is as it was before encap, whatever the kernel keeps; JSON null. */
	{ TUNNEL_ENCAP_NONE, 0, 5555, 1, 0, 0, SCID_CLAMP_MSS_OFF, true, "", "",
	  "\"fwmark\":0,\"encap\":null,\"clamp_mss\":null,\"keepalive\":null" JSON_AFTER_KEEPALIVE "}" },
	{ TUNNEL_ENCAP_NONE, 0, 0, 0, 0, 0x10, SCID_CLAMP_MSS_AUTO, true,
	  " fwmark 0x10 clamp-mss auto", "\tfwmark=0x10\tclamp-mss=auto",
	  "\"fwmark\":16,\"encap\":null,\"clamp_mss\":\"auto\",\"keepalive\":null"
	  JSON_AFTER_KEEPALIVE "}" },
	/* No answer from rtnetlink (the tunnel went away): none. */
	{ TUNNEL_ENCAP_FOU, 0, 5555, 0, 0, 0, SCID_CLAMP_MSS_OFF, false, "", "",
	  "\"fwmark\":0,\"encap\":null,\"clamp_mss\":null,\"keepalive\":null" JSON_AFTER_KEEPALIVE "}" },
};

static void show_tests(void)
{
	static const char head[] = "{\"ifname\":\"t\",\"mode\":\"ipip\",\"remote\":\"198.51.100.48\","
		"\"local\":\"any\",\"dev\":null,\"link\":0,\"ttl\":0,\"tos\":1,\"df\":\"pmtudisc\",";
	struct scidtun_link_data d;
	char want[768], what[96], *buf;
	size_t i;

	for (i = 0; i < sizeof(encap_show_cases) / sizeof(encap_show_cases[0]); i++) {
		const struct encap_show_case *c = &encap_show_cases[i];

		memset(&d, 0, sizeof(d));
		d.have = c->have;
		scid_tun_defaults(&d.words);
		d.words.encap = c->type;
		d.words.encap_sport = c->sport;
		d.words.encap_dport = c->dport;
		d.words.encap_csum = c->csum;
		d.words.encap_remcsum = c->remcsum;
		d.words.fwmark = c->fwmark;
		d.words.clamp_mss = c->clamp_mss;
		snprintf(what, sizeof(what), "show encap %u sport %u dport %u have %d", c->type,
			 c->sport, c->dport, c->have);
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
}

static void conf_parse_tests(void)
{
	struct scidtun_conf conf;
	char err[512];

	CHECK(!parse_conf(&conf, "tunnel t1 remote 198.51.100.48 encap fou encap-dport 5555\n", err),
	      "conf: %s", err);
	CHECK(conf.count == 1 && conf.tunnels[0].req.encap == TUNNEL_ENCAP_FOU &&
	      conf.tunnels[0].req.encap_dport == 5555, "conf encap words");
	scidtun_conf_free(&conf);
	CHECK(parse_conf(&conf, "tunnel t1 remote 198.51.100.48 encap fou\n", err) == -1,
	      "conf encap fou without a port parsed");
	CHECK_STR(err, "t.conf:1: encap fou needs encap-dport: add 'encap-dport PORT', the UDP port of the peer's 'ip fou add port PORT ipproto 4'",
		  "conf error");
	scidtun_conf_free(&conf);
	CHECK(parse_conf(&conf, "tunnel t1 remote 198.51.100.48 encap gue encap-dport 65536\n",
			 err) == -1, "conf encap-dport 65536 parsed");
	CHECK_STR(err, "t.conf:1: invalid encap-dport '65536': " DPORT_EXPECTED, "conf error");
	scidtun_conf_free(&conf);
	CHECK(parse_conf(&conf, "tunnel t1 remote 198.51.100.48 encap fou encap-dport 05555\n",
			 err) == -1, "conf encap-dport 05555 parsed");
	CHECK_STR(err, "t.conf:1: invalid encap-dport '05555': " OCTAL, "conf octal");
	scidtun_conf_free(&conf);
}

/* A tunnel as setconf's dump has it: every word the kernel reports given. */
static const struct scid_tun *running(uint16_t type, uint16_t sport, uint16_t dport,
				      uint8_t csum, uint8_t remcsum)
{
	static struct scid_tun have;

	scid_tun_defaults(&have);
	have.given = SCIDTUN_GIVEN_NL & ~SCIDTUN_GIVEN_MTU;
	have.encap = type;
	have.encap_sport = sport;
	have.encap_dport = dport;
	have.encap_csum = csum;
	have.encap_remcsum = remcsum;
	return &have;
}

/* setconf of the one tunnel of @text against @have: @want ("" for nothing) and what it sends. */
static void expect_diff(const char *text, const struct scid_tun *have, const char *want,
			unsigned int given, const struct scid_tun *sent)
{
	struct scidtun_request change;
	struct scidtun_conf conf;
	char err[512], what[192] = "";
	bool differs;

	CHECK(!parse_conf(&conf, text, err), "'%s': %s", text, err);
	if (conf.count != 1)
		goto out;
	memset(&change, 0, sizeof(change));
	differs = scidtun_conf_encap_diff(&conf.tunnels[0].req, have, &change, what, sizeof(what));
	CHECK(differs == (want[0] != '\0'), "'%s': differs %d, want '%s'", text, differs, want);
	CHECK_STR(what, want, text);
	if (!differs)
		goto out;
	CHECK(change.given == given, "'%s': given 0x%x, want 0x%x", text, change.given, given);
	CHECK(change.encap == sent->encap && change.encap_sport == sent->encap_sport &&
	      change.encap_dport == sent->encap_dport && change.encap_csum == sent->encap_csum &&
	      change.encap_remcsum == sent->encap_remcsum,
	      "'%s': sends encap %u sport %u dport %u csum %u remcsum %u", text, change.encap,
	      change.encap_sport, change.encap_dport, change.encap_csum, change.encap_remcsum);
out:
	scidtun_conf_free(&conf);
}

static void conf_diffs(void)
{
	const unsigned int flags = SCIDTUN_GIVEN_ENCAP_CSUM | SCIDTUN_GIVEN_ENCAP_REMCSUM;
	const char *line = "tunnel t1 remote 198.51.100.48";
	struct scid_tun sent;
	char text[160];

	snprintf(text, sizeof(text), "%s encap fou encap-dport 5555\n", line);
	sent = *running(TUNNEL_ENCAP_FOU, 0, 5555, 0, 0);
	expect_diff(text, running(TUNNEL_ENCAP_NONE, 0, 0, 0, 0),
		    "encap none -> fou, encap-dport 0 -> 5555",
		    SCIDTUN_GIVEN_ENCAP | SCIDTUN_GIVEN_ENCAP_DPORT, &sent);
	expect_diff(text, running(TUNNEL_ENCAP_FOU, 0, 5555, 0, 0), "", 0, &sent);
	/* With fou or gue, what the line does not write is the default. */
	expect_diff(text, running(TUNNEL_ENCAP_FOU, 1000, 5555, 1, 0),
		    "encap-sport 1000 -> auto, encap-csum -> noencap-csum",
		    SCIDTUN_GIVEN_ENCAP_SPORT | SCIDTUN_GIVEN_ENCAP_CSUM, &sent);

	/* No encap word is encap none; the kernel keeps the port, unused. */
	snprintf(text, sizeof(text), "%s\n", line);
	sent = *running(TUNNEL_ENCAP_NONE, 0, 5555, 1, 0);
	expect_diff(text, running(TUNNEL_ENCAP_FOU, 0, 5555, 1, 0), "encap fou -> none",
		    SCIDTUN_GIVEN_ENCAP, &sent);
	expect_diff(text, running(TUNNEL_ENCAP_NONE, 0, 5555, 1, 0), "", 0, &sent);
	/* ... but not remote checksum offload, which the kernel takes with gue only. */
	sent = *running(TUNNEL_ENCAP_NONE, 0, 6666, 1, 0);
	expect_diff(text, running(TUNNEL_ENCAP_GUE, 0, 6666, 1, 1),
		    "encap gue -> none, encap-remcsum -> noencap-remcsum",
		    SCIDTUN_GIVEN_ENCAP | SCIDTUN_GIVEN_ENCAP_REMCSUM, &sent);
	snprintf(text, sizeof(text), "%s encap-dport 7777\n", line);
	sent = *running(TUNNEL_ENCAP_NONE, 0, 7777, 0, 0);
	expect_diff(text, running(TUNNEL_ENCAP_NONE, 0, 5555, 0, 0), "encap-dport 5555 -> 7777",
		    SCIDTUN_GIVEN_ENCAP_DPORT, &sent);

	/* One flag differs: both go, the other as the tunnel has it. */
	snprintf(text, sizeof(text), "%s encap gue encap-dport 6666 encap-csum encap-remcsum\n",
		 line);
	sent = *running(TUNNEL_ENCAP_GUE, 0, 6666, 1, 1);
	expect_diff(text, running(TUNNEL_ENCAP_GUE, 0, 6666, 0, 1), "noencap-csum -> encap-csum",
		    SCIDTUN_GIVEN_ENCAP_CSUM, &sent);
	snprintf(text, sizeof(text), "%s encap gue encap-dport 6666 encap-csum\n", line);
	sent = *running(TUNNEL_ENCAP_GUE, 0, 6666, 1, 0);
	expect_diff(text, running(TUNNEL_ENCAP_GUE, 0, 6666, 0, 1),
		    "noencap-csum -> encap-csum, encap-remcsum -> noencap-remcsum", flags, &sent);
	snprintf(text, sizeof(text), "%s encap gue encap-sport 1000 encap-dport 6666\n", line);
	sent = *running(TUNNEL_ENCAP_GUE, 1000, 6666, 0, 0);
	expect_diff(text, running(TUNNEL_ENCAP_FOU, 0, 5555, 0, 0),
		    "encap fou -> gue, encap-sport auto -> 1000, encap-dport 5555 -> 6666",
		    SCIDTUN_GIVEN_ENCAP | SCIDTUN_GIVEN_ENCAP_SPORT | SCIDTUN_GIVEN_ENCAP_DPORT,
		    &sent);
}

/* setconf's request when only encap-csum differs: the flags attribute keeps remcsum. */
static void conf_request(void)
{
	struct scidtun_request req;
	struct scidtun_link_data d;
	struct scidtun_conf conf;
	struct scidtun_nlmsg m;
	char err[512], what[128] = "";

	CHECK(!parse_conf(&conf, "tunnel t1 remote 198.51.100.48 encap gue encap-dport 6666 encap-csum encap-remcsum\n",
			  err), "conf: %s", err);
	if (conf.count != 1)
		goto out;
	memset(&req, 0, sizeof(req));
	scidtun_conf_encap_diff(&conf.tunnels[0].req, running(TUNNEL_ENCAP_GUE, 0, 6666, 0, 1),
				&req, what, sizeof(what));
	CHECK(!scidtun_nlmsg_tunnel(&m, 7, &req, req.given), "request does not fit");
	scidtun_nlmsg_link_data(&m.n, &d);
	CHECK(d.words.given == (SCIDTUN_GIVEN_ENCAP_CSUM | SCIDTUN_GIVEN_ENCAP_REMCSUM) &&
	      d.words.encap_csum && d.words.encap_remcsum,
	      "setconf sends given 0x%x csum %u remcsum %u", d.words.given, d.words.encap_csum,
	      d.words.encap_remcsum);
out:
	scidtun_conf_free(&conf);
}

/* showconf writes what setconf reads back unchanged. */
static void expect_round_trip(const struct scid_tun *have, const char *want)
{
	char *buf = showconf_of(have);
	struct scidtun_request change;
	struct scidtun_conf conf;
	char err[512], what[128] = "";

	CHECK_STR(buf, want, "showconf");
	CHECK(!parse_conf(&conf, buf, err), "'%s' does not parse back: %s", buf, err);
	if (conf.count == 1) {
		memset(&change, 0, sizeof(change));
		CHECK(!scidtun_conf_encap_diff(&conf.tunnels[0].req, have, &change, what,
					       sizeof(what)),
		      "setconf of showconf's '%s' changes %s", buf, what);
	}
	scidtun_conf_free(&conf);
	free(buf);
}

static void conf_round_trips(void)
{
	struct scid_tun have;

	expect_round_trip(running(TUNNEL_ENCAP_FOU, 0, 5555, 0, 0),
			  "tunnel t1 remote 198.51.100.48 encap fou encap-dport 5555\n");
	expect_round_trip(running(TUNNEL_ENCAP_FOU, 1000, 5555, 1, 0),
			  "tunnel t1 remote 198.51.100.48 encap fou encap-sport 1000 encap-dport 5555 encap-csum\n");
	/* None: nothing of it, even the port the kernel keeps. */
	expect_round_trip(running(TUNNEL_ENCAP_NONE, 1000, 5555, 1, 0),
			  "tunnel t1 remote 198.51.100.48\n");
	have = *running(TUNNEL_ENCAP_GUE, 0, 6666, 0, 1);
	have.fwmark = 0x10;
	have.clamp_mss = SCID_CLAMP_MSS_AUTO;
	have.keepalive = 100;
	expect_round_trip(&have,
			  "tunnel t1 remote 198.51.100.48 fwmark 0x10 encap gue encap-dport 6666 encap-remcsum clamp-mss auto keepalive 100ms\n");
}

void encap_tests(void)
{
	parse_types();
	parse_port_values();
	parse_flags_and_lines();
	add_refusals();
	add_tests();
	change_tests();
	attrs_tests();
	show_tests();
	conf_parse_tests();
	conf_diffs();
	conf_request();
	conf_round_trips();
}
