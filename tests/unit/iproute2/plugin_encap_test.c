// SPDX-License-Identifier: GPL-2.0
/*
 * FOU and GUE through link_scid_ipip.so: the u16 attributes ip link add
 * and set send, the ports in network byte order, the tunnel read first
 * when set gives one of the two flags that share an attribute, and
 * scidtun's refusals.
 */

#include <arpa/inet.h>
#include <string.h>

/* First: it orders the libc and uapi headers so that they agree. */
#include "../../../tools/lib/tunnel_words.h"
#include "../check.h"
#include "plugin.h"

#define ARGS(...) ((char *[]){ __VA_ARGS__, NULL })

/* Each attribute of @n types, with its value, added by the last parse, and nothing else. */
static void expect_attrs(const char *what, const int *types, const unsigned int *values, int n)
{
	bool found;
	int i;

	CHECK(plugin_nattrs() == n, "%s: %d attributes, want %d", what, plugin_nattrs(), n);
	for (i = 0; i < n; i++)
		CHECK(plugin_attr(types[i], &found) == values[i] && found,
		      "%s: attribute %d is %u (%s), want %u", what, types[i],
		      plugin_attr(types[i], &found), found ? "sent" : "not sent", values[i]);
}

static void encap_parse_tests(struct link_util *lu)
{
	static const int fou[] = { IFLA_IPTUN_ENCAP_TYPE, IFLA_IPTUN_ENCAP_DPORT };
	static const int all[] = { IFLA_IPTUN_ENCAP_TYPE, IFLA_IPTUN_ENCAP_SPORT,
				   IFLA_IPTUN_ENCAP_DPORT, IFLA_IPTUN_ENCAP_FLAGS };
	static const int flags[] = { IFLA_IPTUN_ENCAP_FLAGS };
	static const int type[] = { IFLA_IPTUN_ENCAP_TYPE };
	unsigned int want[4];
	bool found;
	char msg[256];
	int ret;

	plugin_answer_flags(-1);
	ret = plugin_parse(lu, ARGS("encap", "fou", "encap-dport", "5555"), false, msg,
			   sizeof(msg));
	CHECK(ret == 0, "set encap fou: %d (%s)", ret, msg);
	want[0] = TUNNEL_ENCAP_FOU;
	want[1] = htons(5555);
	expect_attrs("set encap fou", fou, want, 2);

	ret = plugin_parse(lu, ARGS("encap", "gue", "encap-sport", "1000", "encap-dport", "6666",
				    "encap-csum", "encap-remcsum"), false, msg, sizeof(msg));
	CHECK(ret == 0, "set encap gue: %d (%s)", ret, msg);
	want[0] = TUNNEL_ENCAP_GUE;
	want[1] = htons(1000);
	want[2] = htons(6666);
	want[3] = TUNNEL_ENCAP_FLAG_CSUM | TUNNEL_ENCAP_FLAG_REMCSUM;
	expect_attrs("set encap gue", all, want, 4);
	CHECK(plugin_answer_flags(-1) == 0, "both flags given, yet the tunnel was read");

	ret = plugin_parse(lu, ARGS("noencap"), false, msg, sizeof(msg));
	want[0] = TUNNEL_ENCAP_NONE;
	CHECK(ret == 0, "noencap: %d (%s)", ret, msg);
	expect_attrs("noencap", type, want, 1);

	/* One flag: the other is the tunnel's, read from the kernel first. */
	plugin_answer_flags(TUNNEL_ENCAP_FLAG_REMCSUM);
	ret = plugin_parse(lu, ARGS("encap-csum"), false, msg, sizeof(msg));
	CHECK(ret == 0, "set encap-csum: %d (%s)", ret, msg);
	want[0] = TUNNEL_ENCAP_FLAG_CSUM | TUNNEL_ENCAP_FLAG_REMCSUM;
	expect_attrs("set encap-csum on a remcsum tunnel", flags, want, 1);
	CHECK(plugin_answer_flags(TUNNEL_ENCAP_FLAG_CSUM | TUNNEL_ENCAP_FLAG_REMCSUM) == 1,
	      "set encap-csum: the tunnel was not read once");
	CHECK(plugin_read_index() == 7, "read ifindex %d, not ip link set's 7",
	      plugin_read_index());
	ret = plugin_parse(lu, ARGS("noencap-remcsum"), false, msg, sizeof(msg));
	CHECK(ret == 0, "set noencap-remcsum: %d (%s)", ret, msg);
	want[0] = TUNNEL_ENCAP_FLAG_CSUM;
	expect_attrs("set noencap-remcsum on a csum tunnel", flags, want, 1);
	plugin_answer_flags(-1);
	ret = plugin_parse(lu, ARGS("encap-csum"), false, msg, sizeof(msg));
	CHECK(ret == -1 && plugin_nattrs() == 0, "encap-csum, tunnel unreadable: %d, %d attributes",
	      ret, plugin_nattrs());
	CHECK_STR(msg, "cannot read the tunnel's encap flags", "tunnel unreadable");
	CHECK(plugin_answer_flags(-1) == 1, "the unreadable tunnel was not read once");

	/* add has the whole tunnel: nothing to read. */
	ret = plugin_parse(lu, ARGS("remote", "198.51.100.42", "encap", "fou", "encap-dport", "5555",
				    "encap-csum"), true, msg, sizeof(msg));
	CHECK(ret == 0, "add encap fou encap-csum: %d (%s)", ret, msg);
	CHECK(plugin_attr(IFLA_IPTUN_ENCAP_FLAGS, &found) == TUNNEL_ENCAP_FLAG_CSUM && found,
	      "add encap-csum: flags %u", plugin_attr(IFLA_IPTUN_ENCAP_FLAGS, &found));
	CHECK(plugin_answer_flags(-1) == 0, "add read the tunnel");
}

/* scidtun's refusals, word for word, and nothing sent. */
static void encap_refusal_tests(struct link_util *lu)
{
	const struct {
		bool add;
		char **argv;
		const char *msg;
	} cases[] = {
		{ false, ARGS("encap-dport", "0"), "invalid encap-dport '0': expected 1..65535" },
		{ false, ARGS("encap-dport", "65536"),
		  "invalid encap-dport '65536': expected 1..65535" },
		{ false, ARGS("encap-sport", "x"), "invalid encap-sport 'x': expected 0..65535 or auto" },
		{ false, ARGS("encap", "gre"), "invalid encap 'gre': expected fou, gue or none" },
		{ false, ARGS("encap-dport", "05555"),
		  "invalid encap-dport '05555': a leading 0 reads as octal to ip; write it in decimal" },
		{ false, ARGS("encap-csum", "noencap-csum"),
		  "'noencap-csum' conflicts with 'encap-csum'" },
		{ true, ARGS("remote", "198.51.100.42", "encap", "fou"),
		  "encap fou needs encap-dport: add 'encap-dport PORT', the UDP port of the peer's 'ip fou add port PORT ipproto 4'" },
		{ true, ARGS("remote", "198.51.100.42", "encap", "fou", "encap-dport", "5555",
			     "encap-remcsum"),
		  "encap-remcsum needs 'encap gue', not 'encap fou': remote checksum offload is a GUE option" },
	};
	char msg[256];
	size_t i;
	int ret;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ret = plugin_parse(lu, cases[i].argv, cases[i].add, msg, sizeof(msg));
		CHECK(ret == -1 && plugin_nattrs() == 0, "'%s': %d, %d attributes", cases[i].msg,
		      ret, plugin_nattrs());
		CHECK_STR(msg, cases[i].msg, cases[i].msg);
	}
}

static struct rtattr *mk(void *buf, unsigned short type, const void *data, unsigned short len)
{
	struct rtattr *rta = buf;

	rta->rta_type = type;
	rta->rta_len = RTA_LENGTH(len);
	memcpy(RTA_DATA(rta), data, len);
	return rta;
}

/* A dump's attributes, as the module's fill_info gives them. */
struct encap_print_case {
	__u16 type, flags, sport, dport;	/* ports in host order */
	bool have_flags, have_mtu;
	__u32 fwmark;
	const char *text, *json;		/* from after pmtudisc */
};

static const struct encap_print_case encap_print_cases[] = {
	{ TUNNEL_ENCAP_FOU, 0, 0, 5555, true, true, 0,
	  "encap fou encap-sport auto encap-dport 5555 noencap-csum noencap-remcsum mtu auto ",
	  "encap={type=\"fou\";sport=\"auto\";dport=5555;csum=false;remcsum=false;};mtu=0;" },
	{ TUNNEL_ENCAP_GUE, TUNNEL_ENCAP_FLAG_CSUM | TUNNEL_ENCAP_FLAG_REMCSUM, 1000, 6666, true,
	  true, 0x10,
	  "fwmark 0x10 encap gue encap-sport 1000 encap-dport 6666 encap-csum encap-remcsum mtu auto ",
	  "fwmark=\"0x10\";encap={type=\"gue\";sport=1000;dport=6666;csum=true;remcsum=true;};"
	  "mtu=0;" },
	{ TUNNEL_ENCAP_FOU, TUNNEL_ENCAP_FLAG_CSUM, 65535, 1, true, true, 0,
	  "encap fou encap-sport 65535 encap-dport 1 encap-csum noencap-remcsum mtu auto ",
	  "encap={type=\"fou\";sport=65535;dport=1;csum=true;remcsum=false;};mtu=0;" },
	/* None: nothing of it, as ip prints nothing for ipip's, whatever else is kept. */
	{ TUNNEL_ENCAP_NONE, TUNNEL_ENCAP_FLAG_CSUM, 0, 5555, true, true, 0, "mtu auto ",
	  "mtu=0;" },
	/* The object closes before the next word, or at the end, whatever is missing. */
	{ TUNNEL_ENCAP_FOU, 0, 0, 5555, false, true, 0,
	  "encap fou encap-sport auto encap-dport 5555 mtu auto ",
	  "encap={type=\"fou\";sport=\"auto\";dport=5555;};mtu=0;" },
	{ TUNNEL_ENCAP_GUE, 0, 0, 6666, true, false, 0,
	  "encap gue encap-sport auto encap-dport 6666 noencap-csum noencap-remcsum ",
	  "encap={type=\"gue\";sport=\"auto\";dport=6666;csum=false;remcsum=false;};" },
};

static unsigned int no_such_dev(const char *name)
{
	(void)name;
	return 0;
}

/* What ip -d link show printed, read back as `ip link add ... type scid_ipip` takes it. */
static void read_back(const char *printed, const struct encap_print_case *c)
{
	char buf[512], *argv[40], *save = NULL, *w, err[256] = "";
	struct scid_tun t;
	int argc = 0;

	snprintf(buf, sizeof(buf), "%s", printed);
	for (w = strtok_r(buf, " ", &save); w && argc < 40; w = strtok_r(NULL, " ", &save))
		argv[argc++] = w;
	CHECK(!scid_tun_parse(argc, argv, SCID_TUN_ADD, no_such_dev, &t, err, sizeof(err)),
	      "'%s' does not read back: %s", printed, err);
	CHECK(t.encap == c->type && t.encap_sport == c->sport && t.encap_dport == c->dport &&
	      t.encap_csum == !!(c->flags & TUNNEL_ENCAP_FLAG_CSUM) &&
	      t.encap_remcsum == !!(c->flags & TUNNEL_ENCAP_FLAG_REMCSUM),
	      "'%s' reads back as encap %u sport %u dport %u csum %u remcsum %u", printed, t.encap,
	      t.encap_sport, t.encap_dport, t.encap_csum, t.encap_remcsum);
}

/* What ip -d link show and ip -j -d link show print after pmtudisc. */
static void encap_print_tests(struct link_util *lu)
{
	unsigned char b[8][16] __attribute__((aligned(4)));
	struct rtattr *tb[IFLA_SCID_MAX + 1];
	const char *printed, *tail;
	__u16 sport, dport;
	__u32 remote, mtu = 0;
	size_t i;
	int j;

	inet_pton(AF_INET, "198.51.100.42", &remote);
	for (i = 0; i < sizeof(encap_print_cases) / sizeof(encap_print_cases[0]); i++) {
		const struct encap_print_case *c = &encap_print_cases[i];

		memset(tb, 0, sizeof(tb));
		sport = htons(c->sport);
		dport = htons(c->dport);
		tb[IFLA_IPTUN_REMOTE] = mk(b[0], IFLA_IPTUN_REMOTE, &remote, 4);
		tb[IFLA_IPTUN_FWMARK] = mk(b[1], IFLA_IPTUN_FWMARK, &c->fwmark, 4);
		tb[IFLA_IPTUN_ENCAP_TYPE] = mk(b[2], IFLA_IPTUN_ENCAP_TYPE, &c->type, 2);
		tb[IFLA_IPTUN_ENCAP_SPORT] = mk(b[3], IFLA_IPTUN_ENCAP_SPORT, &sport, 2);
		tb[IFLA_IPTUN_ENCAP_DPORT] = mk(b[4], IFLA_IPTUN_ENCAP_DPORT, &dport, 2);
		if (c->have_flags)
			tb[IFLA_IPTUN_ENCAP_FLAGS] = mk(b[5], IFLA_IPTUN_ENCAP_FLAGS, &c->flags, 2);
		if (c->have_mtu)
			tb[IFLA_SCID_MTU] = mk(b[6], IFLA_SCID_MTU, &mtu, 4);
		for (j = 0; j < 2; j++) {
			printed = plugin_print_tb(lu, tb, j);
			tail = strstr(printed, j ? "pmtudisc=true;" : "pmtudisc ");
			if (tail)
				tail += strlen(j ? "pmtudisc=true;" : "pmtudisc ");
			CHECK(tail && !strcmp(tail, j ? c->json : c->text),
			      "print encap %u%s: '%s', want it to end in '%s'", c->type,
			      j ? " json" : "", printed, j ? c->json : c->text);
			if (!j && c->type != TUNNEL_ENCAP_NONE && c->have_flags)
				read_back(printed, c);
		}
	}
}

void plugin_encap_tests(struct link_util *lu)
{
	if (!lu)
		return;
	encap_parse_tests(lu);
	encap_refusal_tests(lu);
	encap_print_tests(lu);
}
