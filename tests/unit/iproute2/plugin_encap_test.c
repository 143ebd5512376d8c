// SPDX-License-Identifier: GPL-2.0
/*
 * FOU and GUE through link_scid_ipip.so: the u16 attributes ip link add
 * and set send, the ports in network byte order, the tunnel read first
 * when set gives one of the two flags that share an attribute, and
 * scidtun's refusals.
 */

#include <arpa/inet.h>
#include <string.h>
#include <linux/if_tunnel.h>

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

void plugin_encap_tests(struct link_util *lu)
{
	if (!lu)
		return;
	encap_parse_tests(lu);
	encap_refusal_tests(lu);
}
