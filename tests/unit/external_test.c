// SPDX-License-Identifier: GPL-2.0
/*
 * scidtun's words for external tunnels (docs/external.md): the allow
 * list's parser, add's and change's checks, the rtnetlink requests that
 * create and change one, and how show, showconf and setconf read it back.
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

static struct scid_prefix prefix(const char *addr, uint8_t len)
{
	struct scid_prefix p = { .len = len };

	inet_pton(AF_INET, addr, &p.addr);
	return p;
}

static bool same_prefix(const struct scid_prefix *a, const struct scid_prefix *b)
{
	return a->addr == b->addr && a->len == b->len;
}

static void ext_allow_parse_tests(void)
{
	static const struct {
		const char *list;
		const char *err;
	} bad[] = {
		{ "198.51.100.1/24",
		  "invalid allow prefix '198.51.100.1/24': host bits set (the network is 198.51.100.0/24)" },
		{ "198.51.100.0/33", "invalid allow prefix '198.51.100.0/33': the length must be 0..32" },
		{ "198.51.100.0/", "invalid allow prefix '198.51.100.0/': the length must be 0..32" },
		{ "198.51.100.0/x", "invalid allow prefix '198.51.100.0/x': the length must be 0..32" },
		{ "198.51.100", "invalid allow prefix '198.51.100': not A.B.C.D[/LEN]" },
		{ "any,192.0.2.1", "invalid allow prefix 'any': not A.B.C.D[/LEN]" },
		{ "192.0.2.1,192.0.2.1/32", "invalid allow: '192.0.2.1/32' is given twice" },
		{ "", "invalid allow '': expected PREFIX[,PREFIX...], any or none" },
		{ "192.0.2.1,,192.0.2.2",
		  "invalid allow '192.0.2.1,,192.0.2.2': expected PREFIX[,PREFIX...], any or none" },
		{ "192.0.2.1,", "invalid allow '192.0.2.1,': expected PREFIX[,PREFIX...], any or none" },
	};
	struct scid_allow *a = malloc(sizeof(*a));
	struct scid_prefix want;
	char err[256], *list;
	size_t i, used;

	if (!a)
		return;
	CHECK(scid_allow_parse("none", a, SCID_ALLOW_MAX, err, sizeof(err)) == 0 && a->n == 0,
	      "none: %u prefixes", a->n);
	want = prefix("0.0.0.0", 0);
	CHECK(scid_allow_parse("any", a, SCID_ALLOW_MAX, err, sizeof(err)) == 0 && a->n == 1 &&
	      same_prefix(&a->prefix[0], &want), "any: not 0.0.0.0/0");
	CHECK(scid_allow_parse("203.0.113.7,198.51.100.0/24,0.0.0.0/0", a, SCID_ALLOW_MAX, err,
			       sizeof(err)) == 0 && a->n == 3, "three: %s", err);
	want = prefix("203.0.113.7", 32);
	CHECK(a->n == 3 && same_prefix(&a->prefix[0], &want), "a bare address is a /32");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		CHECK(scid_allow_parse(bad[i].list, a, SCID_ALLOW_MAX, err, sizeof(err)) == -1,
		      "'%s' taken", bad[i].list);
		CHECK_STR(err, bad[i].err, bad[i].list);
	}

	/* The kernel's limit, and one past it; the plugin's is its buffer's. */
	list = malloc(SCID_ALLOW_MAX * 20 + 32);
	if (!list)
		goto out;
	for (i = 0, used = 0; i <= SCID_ALLOW_MAX; i++)
		used += (size_t)sprintf(list + used, "%s10.%zu.%zu.0/24", i ? "," : "", i / 256,
					i % 256);
	err[0] = '\0';
	CHECK(scid_allow_parse(list, a, SCID_ALLOW_MAX, err, sizeof(err)) == -1,
	      "1025 prefixes taken");
	CHECK_STR(err, "invalid allow: more than 1024 prefixes", "1025 prefixes");
	*strrchr(list, ',') = '\0';
	CHECK(scid_allow_parse(list, a, SCID_ALLOW_MAX, err, sizeof(err)) == 0 &&
	      a->n == SCID_ALLOW_MAX, "1024 prefixes: %s", err);
	CHECK(scid_allow_parse(list, a, 64, err, sizeof(err)) == -1, "65 in an ip request");
	CHECK_STR(err, "invalid allow: more than 64 prefixes in one ip link request",
		  "65 in an ip request");
	free(list);
out:
	free(a);
}

static void parse_refusal(const char *line, bool add, const char *want)
{
	struct scidtun_request req;
	char err[256];

	CHECK(parse_line(line, add, &req, err) == -1, "'%s' taken", line);
	CHECK_STR(err, want, line);
}

static void ext_parse_tests(void)
{
	struct scidtun_request req;
	struct scid_prefix want;
	char err[256];

	CHECK(parse_line("external allow 203.0.113.7,198.51.100.0/24 ttl 9 fwmark 7", true, &req,
			 err) == 0, "external add: %s", err);
	CHECK(req.external && req.allow_given && req.allow && req.allow->n == 2,
	      "external add: external %d, allow %d", req.external, req.allow_given);
	CHECK(!(req.given & (SCIDTUN_GIVEN_REMOTE | SCIDTUN_GIVEN_LOCAL)),
	      "external add: remote or local given (0x%x)", req.given);
	CHECK((req.given & SCIDTUN_GIVEN_TTL) && req.parm.iph.ttl == 9 && req.fwmark == 7,
	      "external add: ttl and fwmark");
	CHECK(!req.parm.iph.daddr && !req.parm.iph.saddr, "external add: an address");
	scidtun_request_free(&req);
	CHECK(!req.allow && !req.allow_given, "request_free left the list");

	CHECK(parse_line("external", true, &req, err) == 0 && req.external && !req.allow_given,
	      "bare external: %s", err);
	scidtun_request_free(&req);
	CHECK(parse_line("allow none", false, &req, err) == 0 && req.allow_given &&
	      req.allow->n == 0 && !req.external, "change allow none: %s", err);
	scidtun_request_free(&req);
	want = prefix("0.0.0.0", 0);
	CHECK(parse_line("allow any ttl 3", false, &req, err) == 0 && req.allow->n == 1 &&
	      same_prefix(&req.allow->prefix[0], &want) && (req.given & SCIDTUN_GIVEN_TTL),
	      "change allow any ttl 3: %s", err);
	scidtun_request_free(&req);

	parse_refusal("external remote 198.51.100.1", true,
		      "'remote' is not for external tunnels: each packet's metadata names the outer addresses");
	parse_refusal("external remote any", true,
		      "'remote' is not for external tunnels: each packet's metadata names the outer addresses");
	parse_refusal("local 192.0.2.1 external", true,
		      "'local' is not for external tunnels: each packet's metadata names the outer addresses");
	parse_refusal("external keepalive 1s", true,
		      "'keepalive' is not for external tunnels: it needs one peer to probe");
	parse_refusal("remote 198.51.100.1 allow any", true,
		      "'allow' is for external tunnels: add 'external', or leave 'allow' out");
	parse_refusal("external allow any allow none", true, "'allow' is given twice");
	parse_refusal("external external", true, "'external' is given twice");
	parse_refusal("external allow", true, "'allow' needs a value");
	parse_refusal("external allow 198.51.100.1/24", true,
		      "invalid allow prefix '198.51.100.1/24': host bits set (the network is 198.51.100.0/24)");
	/* add's own checks still hold for the words it keeps. */
	parse_refusal("external encap fou", true,
		      "encap fou needs encap-dport: add 'encap-dport PORT', the UDP port of the peer's 'ip fou add port PORT ipproto 4'");
	parse_refusal("external ttl 300", true, "invalid ttl '300': expected 1..255 or inherit");
}

static void ext_check_tests(void)
{
	struct scidtun_request req;
	char err[256];

	CHECK(parse_line("external", false, &req, err) == 0, "change external: %s", err);
	CHECK(scidtun_check_external(&req, true, err, sizeof(err)) == 0,
	      "external kept on an external tunnel: %s", err);
	CHECK(scidtun_check_external(&req, false, err, sizeof(err)) == -1,
	      "a classic tunnel made external");
	CHECK_STR(err, "cannot make 't' external: a tunnel is external from its creation (delete it and add it with 'external')",
		  "made external");
	scidtun_request_free(&req);

	CHECK(parse_line("allow 192.0.2.0/24", false, &req, err) == 0, "change allow: %s", err);
	CHECK(scidtun_check_external(&req, true, err, sizeof(err)) == 0, "allow: %s", err);
	CHECK(scidtun_check_external(&req, false, err, sizeof(err)) == -1, "allow on a classic");
	CHECK_STR(err, "'allow' is for external tunnels: 't' is not one", "allow on a classic");
	scidtun_request_free(&req);

	CHECK(parse_line("remote 198.51.100.1", false, &req, err) == 0, "change remote: %s", err);
	CHECK(scidtun_check_external(&req, false, err, sizeof(err)) == 0, "remote, classic");
	CHECK(scidtun_check_external(&req, true, err, sizeof(err)) == -1, "remote, external");
	CHECK_STR(err, "'t' is external: it has no remote or local address, each packet's metadata names them",
		  "remote on an external tunnel");
	CHECK(parse_line("remote any local any", false, &req, err) == 0 &&
	      scidtun_check_external(&req, true, err, sizeof(err)) == 0,
	      "remote any on an external tunnel: %s", err);
	scidtun_request_free(&req);
}

/* The attributes of the kind's data in @m, by type. */
static void kind_data(const struct scidtun_nlmsg *m, const struct rtattr *tb[], int max)
{
	const struct ifinfomsg *ifi = NLMSG_DATA(&m->n);
	const struct rtattr *rta, *info = NULL, *data = NULL;
	int len = (int)IFLA_PAYLOAD(&m->n);

	memset(tb, 0, sizeof(*tb) * (size_t)(max + 1));
	for (rta = IFLA_RTA(ifi); RTA_OK(rta, len); rta = RTA_NEXT(rta, len))
		if (rta->rta_type == IFLA_LINKINFO)
			info = rta;
	if (!info)
		return;
	len = (int)RTA_PAYLOAD(info);
	for (rta = RTA_DATA(info); RTA_OK(rta, len); rta = RTA_NEXT(rta, len))
		if (rta->rta_type == IFLA_INFO_DATA)
			data = rta;
	if (!data)
		return;
	len = (int)RTA_PAYLOAD(data);
	for (rta = RTA_DATA(data); RTA_OK(rta, len); rta = RTA_NEXT(rta, len))
		if (rta->rta_type <= max)
			tb[rta->rta_type] = rta;
}

static const char *ifname_of(const struct scidtun_nlmsg *m)
{
	const struct ifinfomsg *ifi = NLMSG_DATA(&m->n);
	const struct rtattr *rta;
	int len = (int)IFLA_PAYLOAD(&m->n);

	for (rta = IFLA_RTA(ifi); RTA_OK(rta, len); rta = RTA_NEXT(rta, len))
		if (rta->rta_type == IFLA_IFNAME)
			return RTA_DATA(rta);
	return "";
}

static void ext_request_tests(void)
{
	const struct rtattr *tb[IFLA_SCID_MAX + 1];
	struct scidtun_link_data d;
	struct scidtun_request req;
	struct scidtun_nlmsg *m = malloc(sizeof(*m));
	struct scid_prefix want;
	char err[256], *list;
	size_t i, used;

	if (!m)
		return;
	CHECK(parse_line("external allow 203.0.113.7,198.51.100.0/24 ttl 9 mode any", true, &req,
			 err) == 0, "create: %s", err);
	CHECK(scidtun_nlmsg_create(m, &req) == 0, "create: does not fit");
	CHECK(m->n.nlmsg_type == RTM_NEWLINK &&
	      (m->n.nlmsg_flags & (NLM_F_CREATE | NLM_F_EXCL)) == (NLM_F_CREATE | NLM_F_EXCL),
	      "create: type %u flags 0x%x", m->n.nlmsg_type, m->n.nlmsg_flags);
	CHECK_STR(ifname_of(m), "t", "create: IFLA_IFNAME");
	kind_data(m, tb, IFLA_SCID_MAX);
	CHECK(tb[IFLA_IPTUN_COLLECT_METADATA] != NULL, "create: no external flag");
	CHECK(!tb[IFLA_IPTUN_REMOTE] && !tb[IFLA_IPTUN_LOCAL], "create: remote or local sent");
	CHECK(tb[IFLA_IPTUN_TTL] && *(const uint8_t *)RTA_DATA(tb[IFLA_IPTUN_TTL]) == 9,
	      "create: ttl");
	CHECK(tb[IFLA_IPTUN_PROTO] && *(const uint8_t *)RTA_DATA(tb[IFLA_IPTUN_PROTO]) == 0,
	      "create: mode any");
	/* add's defaults are sent, whatever the kernel's for a bare rtnetlink add. */
	CHECK(tb[IFLA_IPTUN_TOS] && *(const uint8_t *)RTA_DATA(tb[IFLA_IPTUN_TOS]) ==
	      req.parm.iph.tos, "create: tos not add's");
	CHECK(tb[IFLA_IPTUN_PMTUDISC] && *(const uint8_t *)RTA_DATA(tb[IFLA_IPTUN_PMTUDISC]) == 1,
	      "create: pmtudisc");
	/* The request reads back as a dump of the tunnel would. */
	scidtun_nlmsg_link_data(&m->n, &d);
	CHECK(d.have && d.external && d.allow && d.allow->n == 2, "create: read back");
	want = prefix("203.0.113.7", 32);
	CHECK(d.allow && d.allow->n == 2 && same_prefix(&d.allow->prefix[0], &want),
	      "create: first prefix");
	scidtun_link_data_free(&d);
	CHECK(!d.allow, "link_data_free left the list");
	/* A dump's nests carry NLA_F_NESTED (nla_nest_start()): read through it. */
	CHECK(tb[IFLA_SCID_ALLOW] != NULL, "create: no allow nest");
	if (tb[IFLA_SCID_ALLOW])
		((struct rtattr *)tb[IFLA_SCID_ALLOW])->rta_type |= NLA_F_NESTED;
	scidtun_nlmsg_link_data(&m->n, &d);
	CHECK(d.allow && d.allow->n == 2, "a nest flagged NLA_F_NESTED is not read");
	scidtun_link_data_free(&d);
	scidtun_request_free(&req);

	/* A change sends the list whole, none as an empty nest, and not the flag. */
	CHECK(parse_line("allow none", false, &req, err) == 0, "change: %s", err);
	CHECK(scidtun_nlmsg_tunnel(m, 7, &req, SCIDTUN_GIVEN_NL) == 0, "change: does not fit");
	kind_data(m, tb, IFLA_SCID_MAX);
	CHECK(tb[IFLA_SCID_ALLOW] && RTA_PAYLOAD(tb[IFLA_SCID_ALLOW]) == 0,
	      "change: allow none is not an empty nest");
	CHECK(!tb[IFLA_IPTUN_COLLECT_METADATA], "change: the flag sent");
	scidtun_request_free(&req);
	CHECK(parse_line("ttl 4", false, &req, err) == 0 &&
	      scidtun_nlmsg_tunnel(m, 7, &req, SCIDTUN_GIVEN_NL) == 0, "change ttl: %s", err);
	kind_data(m, tb, IFLA_SCID_MAX);
	CHECK(!tb[IFLA_SCID_ALLOW], "a change without allow sends a list");

	/* A full list fits one request. */
	list = malloc(SCID_ALLOW_MAX * 20 + 32);
	if (list) {
		char *argv[] = { (char *)"x0", (char *)"external", (char *)"allow", list };

		for (i = 0, used = 0; i < SCID_ALLOW_MAX; i++)
			used += (size_t)sprintf(list + used, "%s10.%zu.%zu.0/24", i ? "," : "",
						i / 256, i % 256);
		CHECK(scidtun_parse_tunnel_args(4, argv, SCIDTUN_CMD_ADD, no_lookup, &req, err,
						sizeof(err)) == 0, "1024: %s", err);
		CHECK(scidtun_nlmsg_create(m, &req) == 0, "1024 prefixes do not fit");
		scidtun_nlmsg_link_data(&m->n, &d);
		CHECK(d.allow && d.allow->n == SCID_ALLOW_MAX, "1024: read back %u",
		      d.allow ? d.allow->n : 0);
		scidtun_link_data_free(&d);
		scidtun_request_free(&req);
		free(list);
	}
	free(m);
}

static char *external_shown(const struct scidtun_link_data *d, enum scidtun_style style)
{
	size_t len;
	char *buf;
	FILE *f = open_memstream(&buf, &len);

	scidtun_format_external(f, d, style);
	fclose(f);
	return buf;
}

static void ext_show_tests(void)
{
	struct scidtun_link_data d = { .have = true, .external = true };
	struct scid_allow *a = calloc(1, sizeof(*a));
	char err[256], *buf;

	if (!a)
		return;
	scid_tun_defaults(&d.words);
	CHECK(scid_allow_parse("198.51.100.0/24,203.0.113.7,0.0.0.0/0", a, SCID_ALLOW_MAX, err,
			       sizeof(err)) == 0, "show list: %s", err);
	d.allow = a;
	buf = external_shown(&d, SCIDTUN_STYLE_HUMAN);
	CHECK_STR(buf, " external allow 198.51.100.0/24,203.0.113.7,0.0.0.0/0", "human");
	free(buf);
	buf = external_shown(&d, SCIDTUN_STYLE_TABS);
	CHECK_STR(buf, "\texternal=on\tallow=198.51.100.0/24,203.0.113.7,0.0.0.0/0", "tabs");
	free(buf);
	buf = show_of(&d, SCIDTUN_STYLE_JSON);
	CHECK(strstr(buf, ",\"external\":true,\"allow\":[\"198.51.100.0/24\",\"203.0.113.7/32\",\"0.0.0.0/0\"]}") != NULL,
	      "json: %s", buf);
	free(buf);
	a->n = 1;
	a->prefix[0] = a->prefix[2];
	buf = external_shown(&d, SCIDTUN_STYLE_HUMAN);
	CHECK_STR(buf, " external allow any", "human, any");
	free(buf);
	a->n = 0;
	buf = external_shown(&d, SCIDTUN_STYLE_HUMAN);
	CHECK_STR(buf, " external allow none", "human, none");
	free(buf);
	buf = show_of(&d, SCIDTUN_STYLE_JSON);
	CHECK(strstr(buf, ",\"external\":true,\"allow\":[]}") != NULL, "json, none: %s", buf);
	free(buf);
	d.external = false;
	buf = external_shown(&d, SCIDTUN_STYLE_HUMAN);
	CHECK_STR(buf, "", "a classic tunnel's line gains nothing");
	free(buf);
	free(a);
}

static void ext_conf_tests(void)
{
	static const char text[] = "tunnel x0 external allow 203.0.113.7,198.51.100.0/24 ttl 9\n";
	struct scidtun_conf conf, again;
	struct scidtun_request out;
	struct scid_allow *have = calloc(1, sizeof(*have));
	char err[512], what[256], *buf;
	size_t len;
	FILE *f;

	if (!have)
		return;
	CHECK(parse_conf(&conf, text, err) == 0 && conf.count == 1, "conf: %s", err);
	if (conf.count != 1)
		goto out;
	CHECK(conf.tunnels[0].req.external && conf.tunnels[0].req.allow->n == 2,
	      "conf: not external");
	/* Sorted as the kernel dumps it, and printed back so. */
	f = open_memstream(&buf, &len);
	scidtun_conf_print(f, &conf.tunnels[0].req.parm, NULL, conf.tunnels[0].req.allow, no_name,
			   NULL, 0, NULL, 0);
	fclose(f);
	CHECK_STR(buf, "tunnel x0 external allow 198.51.100.0/24,203.0.113.7 ttl 9\n",
		  "showconf of an external tunnel");
	CHECK(parse_conf(&again, buf, err) == 0 && again.count == 1 &&
	      !memcmp(&again.tunnels[0].req.parm, &conf.tunnels[0].req.parm,
		      sizeof(again.tunnels[0].req.parm)) &&
	      scid_allow_same(again.tunnels[0].req.allow, conf.tunnels[0].req.allow),
	      "showconf's line does not parse back: %s", err);
	scidtun_conf_free(&again);
	free(buf);

	/* setconf: the list as dumped, then one that differs, then none yet. */
	*have = *conf.tunnels[0].req.allow;
	what[0] = '\0';
	CHECK(!scidtun_conf_allow_diff(&conf.tunnels[0].req, have, &out, what, sizeof(what)),
	      "same list differs: %s", what);
	CHECK(!out.allow_given && !out.external, "same list: something to send");
	have->n = 1;
	CHECK(scidtun_conf_allow_diff(&conf.tunnels[0].req, have, &out, what, sizeof(what)),
	      "a shorter list is the same");
	CHECK_STR(what, "allow 198.51.100.0/24 -> 198.51.100.0/24,203.0.113.7", "diff text");
	CHECK(out.allow_given && out.allow->n == 2 && !out.external, "diff: the request");
	what[0] = '\0';
	CHECK(scidtun_conf_allow_diff(&conf.tunnels[0].req, NULL, &out, what, sizeof(what)),
	      "a new tunnel has the list");
	CHECK_STR(what, "allow none -> 198.51.100.0/24,203.0.113.7", "diff text, new");
	scidtun_conf_free(&conf);

	/* No allow word: the file says none. */
	CHECK(parse_conf(&conf, "tunnel x0 external\n", err) == 0, "bare: %s", err);
	what[0] = '\0';
	CHECK(conf.count == 1 &&
	      scidtun_conf_allow_diff(&conf.tunnels[0].req, have, &out, what, sizeof(what)) &&
	      out.allow->n == 0, "no allow in the file keeps a list");
	CHECK_STR(what, "allow 198.51.100.0/24 -> none", "diff text, emptied");
	scidtun_conf_free(&conf);
	CHECK(parse_conf(&conf, "tunnel t0 remote 198.51.100.1\n", err) == 0 && conf.count == 1 &&
	      !scidtun_conf_allow_diff(&conf.tunnels[0].req, NULL, &out, what, sizeof(what)),
	      "a classic tunnel has an allow diff");
	scidtun_conf_free(&conf);
	CHECK(parse_conf(&conf, "tunnel t0 remote 198.51.100.1 allow any\n", err) == -1,
	      "allow on a classic tunnel line taken");
	CHECK(strstr(err, "'allow' is for external tunnels") != NULL, "conf error: %s", err);
out:
	scidtun_conf_free(&conf);
	free(have);
}

void external_tests(void)
{
	ext_allow_parse_tests();
	ext_parse_tests();
	ext_check_tests();
	ext_request_tests();
	ext_show_tests();
	ext_conf_tests();
}
