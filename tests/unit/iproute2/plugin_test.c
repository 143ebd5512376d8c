// SPDX-License-Identifier: GPL-2.0
/*
 * link_scid_ipip.so, loaded the way ip(8) loads it: dlopen() and the
 * symbol scid_ipip_link_util. This program stands in for ip: it exports
 * the helpers the plugin calls, records the attributes parse_opt adds and
 * the text print_opt prints, and checks both; words_test.c then runs the
 * same command lines through scidtun's parser and through the plugin.
 */

#include <arpa/inet.h>
#include <dlfcn.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/if_link.h>
#include <linux/if_tunnel.h>

#include "../check.h"
#include "ip_plugin.h"
#include "plugin.h"
#include "../../../module/uapi/scid_ipip.h"

static struct { int type; unsigned int value; } attrs[32];
static int nattrs;
static char out[1024];
static bool json;
static jmp_buf bail;
static char bail_msg[256];

/* The helpers ip exports, as the plugin sees them. */
int addattr8(struct nlmsghdr *n, int maxlen, int type, __u8 data)
{
	(void)n;
	(void)maxlen;
	attrs[nattrs].type = type;
	attrs[nattrs++].value = data;
	return 0;
}

int addattr16(struct nlmsghdr *n, int maxlen, int type, __u16 data)
{
	(void)n;
	(void)maxlen;
	attrs[nattrs].type = type;
	attrs[nattrs++].value = data;
	return 0;
}

/* A flag or a struct scid_prefix: recorded with its first 4 bytes, or 0. */
int addattr_l(struct nlmsghdr *n, int maxlen, int type, const void *data, int alen)
{
	unsigned int v = 0;

	(void)n;
	(void)maxlen;
	if (alen >= 4)
		memcpy(&v, data, 4);
	attrs[nattrs].type = type;
	attrs[nattrs++].value = v;
	return 0;
}

/* A nest is recorded as its type, with the number of entries after it. */
static struct rtattr nest_stub;
static int nest_at;

struct rtattr *addattr_nest(struct nlmsghdr *n, int maxlen, int type)
{
	(void)n;
	(void)maxlen;
	nest_at = nattrs;
	attrs[nattrs].type = type;
	attrs[nattrs++].value = 0;
	return &nest_stub;
}

int addattr_nest_end(struct nlmsghdr *n, struct rtattr *nest)
{
	(void)n;
	(void)nest;
	attrs[nest_at].value = (unsigned int)(nattrs - nest_at - 1);
	return 0;
}

int addattr32(struct nlmsghdr *n, int maxlen, int type, __u32 data)
{
	(void)n;
	(void)maxlen;
	attrs[nattrs].type = type;
	attrs[nattrs++].value = data;
	return 0;
}

/* ip's socket: the plugin only passes its address to rtnl_talk(). */
struct rtnl_handle {
	int fd;
};

struct rtnl_handle rth;
static int talked, talk_flags = -1, talk_index;

/*
 * The kernel's answer to the plugin's RTM_GETLINK: a scid_ipip tunnel with
 * IFLA_IPTUN_ENCAP_FLAGS at talk_flags, or an error when it is -1.
 */
int rtnl_talk(struct rtnl_handle *rtnl, struct nlmsghdr *n, struct nlmsghdr **answer)
{
	const struct ifinfomsg *ifi = NLMSG_DATA(n);
	struct rtattr *info, *data, *rta;
	__u16 flags = (__u16)talk_flags;
	struct nlmsghdr *a;

	CHECK(rtnl == &rth, "rtnl_talk on another handle");
	CHECK(n->nlmsg_type == RTM_GETLINK, "rtnl_talk: type %u, want RTM_GETLINK", n->nlmsg_type);
	talked++;
	talk_index = ifi->ifi_index;
	if (talk_flags < 0)
		return -1;
	a = calloc(1, 256);
	if (!a)
		return -1;
	a->nlmsg_type = RTM_NEWLINK;
	a->nlmsg_len = NLMSG_LENGTH(sizeof(struct ifinfomsg));
	/* IFLA_LINKINFO { IFLA_INFO_DATA { IFLA_IPTUN_ENCAP_FLAGS } }, innermost first. */
	info = (struct rtattr *)((char *)a + NLMSG_ALIGN(a->nlmsg_len));
	data = RTA_DATA(info);
	rta = RTA_DATA(data);
	rta->rta_type = IFLA_IPTUN_ENCAP_FLAGS;
	rta->rta_len = RTA_LENGTH(sizeof(flags));
	memcpy(RTA_DATA(rta), &flags, sizeof(flags));
	data->rta_type = IFLA_INFO_DATA;
	data->rta_len = RTA_LENGTH(RTA_ALIGN(rta->rta_len));
	info->rta_type = IFLA_LINKINFO;
	info->rta_len = RTA_LENGTH(data->rta_len);
	a->nlmsg_len += RTA_ALIGN(info->rta_len);
	*answer = a;
	return 0;
}

/**
 * plugin_answer_flags() - what the next reads of the tunnel find
 * @flags: its IFLA_IPTUN_ENCAP_FLAGS, or -1 for a failed read
 *
 * Return: how many reads the plugin made since the last call.
 */
int plugin_answer_flags(int flags)
{
	int n = talked;

	talk_flags = flags;
	talked = 0;
	return n;
}

/* The ifindex of the plugin's last read: the one ip link set put in its request. */
int plugin_read_index(void)
{
	return talk_index;
}

unsigned int ll_name_to_index(const char *name)
{
	return strcmp(name, "eth0") ? 0 : 2;
}

const char *ll_index_to_name(unsigned int idx)
{
	return idx == 2 ? "eth0" : "if7";
}

/* ip's way out for a bad argument: this plugin does not take it, an older one did. */
void invarg(const char *msg, const char *arg)
{
	snprintf(bail_msg, sizeof(bail_msg), "invarg: %s: %s", msg, arg);
	longjmp(bail, 1);
}

void duparg(const char *key, const char *arg)
{
	snprintf(bail_msg, sizeof(bail_msg), "duparg: %s: %s", key, arg);
	longjmp(bail, 1);
}

bool is_json_context(void)
{
	return json;
}

/* An object as "key={...};", so that a test sees what is inside it. */
void open_json_object(const char *str)
{
	size_t len = strlen(out);

	if (json)
		snprintf(out + len, sizeof(out) - len, "%s={", str);
}

void open_json_array(enum output_type type, const char *key)
{
	size_t len = strlen(out);

	(void)type;
	if (json)
		snprintf(out + len, sizeof(out) - len, "%s=[", key);
}

void close_json_array(enum output_type type, const char *delim)
{
	size_t len = strlen(out);

	(void)type;
	(void)delim;
	if (json)
		snprintf(out + len, sizeof(out) - len, "];");
}

void close_json_object(void)
{
	size_t len = strlen(out);

	if (json)
		snprintf(out + len, sizeof(out) - len, "};");
}

static void emit(enum output_type t, const char *key, const char *fmt, ...)
{
	size_t len = strlen(out);
	va_list ap;

	/* PRINT_FP 1, PRINT_JSON 2, PRINT_ANY 4 */
	if (json && t != 1) {
		/* An array's values have no key. */
		if (key)
			snprintf(out + len, sizeof(out) - len, "%s=", key);
		len = strlen(out);
		va_start(ap, fmt);
		vsnprintf(out + len, sizeof(out) - len, "%s;", ap);
		va_end(ap);
	} else if (!json && t != 2) {
		va_start(ap, fmt);
		vsnprintf(out + len, sizeof(out) - len, fmt, ap);
		va_end(ap);
	}
}

int print_color_string(enum output_type t, int color, const char *key, const char *fmt, const char *value)
{
	char v[64];

	CHECK(color == 6, "color %d, want COLOR_NONE (6)", color);
	if (json) {
		snprintf(v, sizeof(v), "\"%s\"", value);
		emit(t, key, "%s", v);
	} else {
		emit(t, key, fmt, value);
	}
	return 0;
}

int print_color_uint(enum output_type t, int color, const char *key, const char *fmt, unsigned int value)
{
	char v[16];

	(void)color;
	snprintf(v, sizeof(v), "%u", value);
	if (json)
		emit(t, key, "%s", v);
	else
		emit(t, key, fmt, value);
	return 0;
}

int print_color_bool(enum output_type t, int color, const char *key, const char *fmt, bool value)
{
	(void)color;
	if (json)
		emit(t, key, "%s", value ? "true" : "false");
	else
		emit(t, key, fmt, value);
	return 0;
}

static unsigned int attr(int type, bool *found)
{
	int i;

	for (i = 0; i < nattrs; i++) {
		if (attrs[i].type == type) {
			*found = true;
			return attrs[i].value;
		}
	}
	*found = false;
	return 0;
}

/**
 * plugin_attr() - an attribute the last plugin_parse() added
 * @type: its type
 * @found: set when there is one
 *
 * Return: its value, as the addattr helper got it; 0 without one.
 */
unsigned int plugin_attr(int type, bool *found)
{
	return attr(type, found);
}

/* How many attributes the last plugin_parse() added. */
int plugin_nattrs(void)
{
	return nattrs;
}

#define ARGS(...) ((char *[]){ __VA_ARGS__, NULL })

/**
 * plugin_parse() - run the plugin's parse_opt as ip link add or set would
 * @lu: the plugin
 * @argv: the words after "type scid_ipip", NULL-terminated
 * @create: as ip link add (NLM_F_CREATE), else as ip link set
 * @msg: receives what the plugin printed on stderr, without "scid_ipip: " and newline
 * @len: size of @msg
 *
 * The attributes it added are left in attrs[] for plugin_attrs().
 *
 * Return: what parse_opt returned, or -2 if it called invarg() or duparg().
 */
int plugin_parse(struct link_util *lu, char **argv, bool create, char *msg, size_t len)
{
	/* As iplink_modify() hands it over: for set, the tunnel's index is in already. */
	struct {
		struct nlmsghdr n;
		struct ifinfomsg i;
	} req = {
		.n = { .nlmsg_len = NLMSG_LENGTH(sizeof(struct ifinfomsg)),
		       .nlmsg_type = RTM_NEWLINK, .nlmsg_flags = NLM_F_REQUEST },
		.i = { .ifi_index = create ? 0 : 7 },
	};
	FILE *err = tmpfile();
	int argc = 0, ret, saved;
	size_t got = 0;

	while (argv[argc])
		argc++;
	if (create)
		req.n.nlmsg_flags |= NLM_F_CREATE | NLM_F_EXCL;
	nattrs = 0;
	fflush(stderr);
	saved = dup(2);
	if (err)
		dup2(fileno(err), 2);
	bail_msg[0] = '\0';
	if (setjmp(bail))
		ret = -2;
	else
		ret = lu->parse_opt(lu, argc, argv, &req.n);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	snprintf(msg, len, "%s", bail_msg[0] ? bail_msg : "(no stderr)");
	if (!err || bail_msg[0])
		return ret;
	rewind(err);
	got = fread(msg, 1, len - 1, err);
	msg[got] = '\0';
	fclose(err);
	if (got > 11 && !memcmp(msg, "scid_ipip: ", 11))
		memmove(msg, msg + 11, got - 11 + 1);
	got = strlen(msg);
	if (got && msg[got - 1] == '\n')
		msg[got - 1] = '\0';
	return ret;
}

/**
 * plugin_attrs() - apply the attributes of the last plugin_parse() as the kernel does
 * @p: the parameters to change (module/netlink.c: scid_parms_from_attrs())
 *
 * Spelled out here, not taken from tools/lib/, so that it can disagree.
 */
void plugin_attrs(struct ip_tunnel_parm *p)
{
	int i;

	for (i = 0; i < nattrs; i++) {
		switch (attrs[i].type) {
		case IFLA_IPTUN_LINK:
			p->link = (int)attrs[i].value;
			break;
		case IFLA_IPTUN_LOCAL:
			p->iph.saddr = attrs[i].value;
			break;
		case IFLA_IPTUN_REMOTE:
			p->iph.daddr = attrs[i].value;
			break;
		case IFLA_IPTUN_TTL:
			p->iph.ttl = (__u8)attrs[i].value;
			break;
		case IFLA_IPTUN_TOS:
			p->iph.tos = (__u8)attrs[i].value;
			break;
		case IFLA_IPTUN_PROTO:
			p->iph.protocol = (__u8)attrs[i].value;
			break;
		case IFLA_IPTUN_PMTUDISC:
			/* SCID_PMTUDISC_INHERIT 0, _ON 1, _NODF 2; IP_DF, IP_MF in frag_off */
			p->iph.frag_off = htons(attrs[i].value == 1 ? 0x4000 :
						attrs[i].value == 2 ? 0x2000 : 0);
			break;
		}
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

/**
 * plugin_print() - the text the plugin prints for a tunnel, as ip -d link show does
 * @lu: the plugin
 * @p: the tunnel, turned into attributes as the kernel's fill_info does
 * @as_json: as ip -j
 *
 * Return: the text, valid until the next call.
 */
const char *plugin_print(struct link_util *lu, const struct ip_tunnel_parm *p, bool as_json)
{
	unsigned char b[7][16] __attribute__((aligned(4)));
	struct rtattr *tb[IFLA_SCID_MAX + 1] = { NULL };
	__u8 df = p->iph.frag_off == htons(0x4000) ? 1 : p->iph.frag_off == htons(0x2000) ? 2 : 0;
	__u32 link = (__u32)p->link;

	tb[IFLA_IPTUN_REMOTE] = mk(b[0], IFLA_IPTUN_REMOTE, &p->iph.daddr, 4);
	tb[IFLA_IPTUN_LOCAL] = mk(b[1], IFLA_IPTUN_LOCAL, &p->iph.saddr, 4);
	tb[IFLA_IPTUN_LINK] = mk(b[2], IFLA_IPTUN_LINK, &link, 4);
	tb[IFLA_IPTUN_TTL] = mk(b[3], IFLA_IPTUN_TTL, &p->iph.ttl, 1);
	tb[IFLA_IPTUN_TOS] = mk(b[4], IFLA_IPTUN_TOS, &p->iph.tos, 1);
	tb[IFLA_IPTUN_PMTUDISC] = mk(b[5], IFLA_IPTUN_PMTUDISC, &df, 1);
	tb[IFLA_IPTUN_PROTO] = mk(b[6], IFLA_IPTUN_PROTO, &p->iph.protocol, 1);
	json = as_json;
	out[0] = '\0';
	lu->print_opt(lu, stdout, tb);
	json = false;
	return out;
}

/**
 * plugin_print_tb() - the text print_opt prints for attributes @tb
 * @lu: the plugin
 * @tb: the attributes by type, IFLA_SCID_MAX + 1 of them
 * @as_json: as ip -j
 *
 * Return: the text, valid until the next call.
 */
const char *plugin_print_tb(struct link_util *lu, struct rtattr **tb, bool as_json)
{
	json = as_json;
	out[0] = '\0';
	lu->print_opt(lu, stdout, tb);
	json = false;
	return out;
}

static int parse(struct link_util *lu, char **argv, char *msg)
{
	return plugin_parse(lu, argv, false, msg, 256);
}

/* external and allow: parsed beside the table's words, printed first. */
static void plugin_external_tests(struct link_util *lu)
{
	unsigned char b[4][64] __attribute__((aligned(4)));
	struct rtattr *tb[IFLA_SCID_MAX + 1] = { NULL };
	struct scid_prefix pfx[3] = { { 0 } };
	struct rtattr *nest, *e;
	struct in_addr in;
	__u32 remote = 0;
	char msg[256];
	bool found;
	int ret, i;

	/* add: no remote needed; the flag, then the nest and its entries. */
	ret = plugin_parse(lu, ARGS("external", "allow", "198.51.100.0/24,203.0.113.7", "ttl",
				    "9"), true, msg, sizeof(msg));
	CHECK(ret == 0, "external add: %d (%s)", ret, msg);
	CHECK(nattrs == 5, "external add: %d attributes, want 5", nattrs);
	CHECK(attr(IFLA_IPTUN_TTL, &found) == 9 && found, "external add: ttl");
	attr(IFLA_IPTUN_COLLECT_METADATA, &found);
	CHECK(found, "external add: the flag");
	CHECK(attr(IFLA_SCID_ALLOW, &found) == 2 && found, "external add: a nest of 2");
	inet_pton(AF_INET, "198.51.100.0", &in);
	CHECK(attrs[3].type == IFLA_SCID_ALLOW_PREFIX && attrs[3].value == in.s_addr,
	      "external add: first prefix");
	inet_pton(AF_INET, "203.0.113.7", &in);
	CHECK(attrs[4].type == IFLA_SCID_ALLOW_PREFIX && attrs[4].value == in.s_addr,
	      "external add: second prefix");
	ret = plugin_parse(lu, ARGS("allow", "none"), false, msg, sizeof(msg));
	CHECK(ret == 0 && nattrs == 1 && attr(IFLA_SCID_ALLOW, &found) == 0 && found,
	      "allow none: an empty nest (%d, %d)", ret, nattrs);
	ret = plugin_parse(lu, ARGS("allow", "any"), false, msg, sizeof(msg));
	CHECK(ret == 0 && attr(IFLA_SCID_ALLOW, &found) == 1 && attrs[1].value == 0,
	      "allow any: 0.0.0.0/0");

	/* Not const: ARGS() makes an argv of them. */
	static struct {
		char *arg;
		const char *msg;
	} bad[] = {
		{ "198.51.100.1/24",
		  "invalid allow prefix '198.51.100.1/24': host bits set (the network is 198.51.100.0/24)" },
		{ "198.51.100.0/33", "invalid allow prefix '198.51.100.0/33': the length must be 0..32" },
		{ "198.51.100.0/", "invalid allow prefix '198.51.100.0/': the length must be 0..32" },
		{ "198.51.100", "invalid allow prefix '198.51.100': not A.B.C.D[/LEN]" },
		{ "192.0.2.1,192.0.2.1", "invalid allow: '192.0.2.1' is given twice" },
		{ "", "invalid allow '': expected PREFIX[,PREFIX...], any or none" },
	};
	for (i = 0; i < (int)(sizeof(bad) / sizeof(bad[0])); i++) {
		ret = plugin_parse(lu, ARGS("allow", bad[i].arg), false, msg, sizeof(msg));
		CHECK(ret == -1 && nattrs == 0, "allow '%s': %d, %d attributes", bad[i].arg, ret,
		      nattrs);
		CHECK_STR(msg, bad[i].msg, "allow error");
	}
	ret = plugin_parse(lu, ARGS("remote", "192.0.2.1", "allow", "any"), true, msg,
			   sizeof(msg));
	CHECK(ret == -1, "allow on a classic add: %d", ret);
	CHECK_STR(msg, "'allow' is for external tunnels", "allow on a classic add");
	ret = plugin_parse(lu, ARGS("external", "external"), true, msg, sizeof(msg));
	CHECK_STR(msg, "'external' is given twice", "external twice");
	ret = plugin_parse(lu, ARGS("external", "allow"), true, msg, sizeof(msg));
	CHECK_STR(msg, "'allow' needs a value", "allow without a value");
	ret = plugin_parse(lu, ARGS("remote"), true, msg, sizeof(msg));
	CHECK(ret == -1, "a classic add still needs its remote's value: %d", ret);

	/* Printed first, as add takes it back; JSON an array of prefixes. */
	tb[IFLA_IPTUN_REMOTE] = mk(b[0], IFLA_IPTUN_REMOTE, &remote, 4);
	tb[IFLA_IPTUN_COLLECT_METADATA] = mk(b[1], IFLA_IPTUN_COLLECT_METADATA, NULL, 0);
	nest = mk(b[2], IFLA_SCID_ALLOW, NULL, 0);
	inet_pton(AF_INET, "198.51.100.0", &pfx[0].addr);
	pfx[0].len = 24;
	inet_pton(AF_INET, "203.0.113.7", &pfx[1].addr);
	pfx[1].len = 32;
	for (i = 0; i < 3; i++) {
		e = (struct rtattr *)((char *)nest + RTA_ALIGN(nest->rta_len));
		mk(e, IFLA_SCID_ALLOW_PREFIX, &pfx[i], sizeof(pfx[i]));
		nest->rta_len = (unsigned short)(nest->rta_len + RTA_ALIGN(e->rta_len));
	}
	tb[IFLA_SCID_ALLOW] = nest;
	CHECK_STR(plugin_print_tb(lu, tb, false),
		  "external allow 198.51.100.0/24,203.0.113.7,0.0.0.0/0 remote any local any ttl inherit tos 0x00 pmtudisc ",
		  "print external");
	CHECK_STR(plugin_print_tb(lu, tb, true),
		  "proto=\"ipip\";external=true;allow=[\"198.51.100.0/24\";\"203.0.113.7/32\";\"0.0.0.0/0\";];remote=\"any\";local=\"any\";ttl=0;tos=\"0x00\";pmtudisc=true;",
		  "print external json");
	nest->rta_len = RTA_LENGTH(0);
	CHECK_STR(plugin_print_tb(lu, tb, false), "external allow none remote any local any ttl inherit tos 0x00 pmtudisc ",
		  "print external, none allowed");
}

static void plugin_parse_tests(struct link_util *lu)
{
	char msg[256];
	struct in_addr in;
	bool found;
	int ret;

	ret = parse(lu, ARGS("remote", "198.51.100.42", "local", "192.0.2.51", "dev", "eth0",
			     "ttl", "64", "tos", "0x10", "pmtudisc"), msg);
	CHECK(ret == 0, "parse: %d (%s)", ret, msg);
	CHECK(nattrs == 6, "parse: %d attributes, want 6", nattrs);
	inet_pton(AF_INET, "198.51.100.42", &in);
	CHECK(attr(IFLA_IPTUN_REMOTE, &found) == in.s_addr && found, "remote attribute");
	inet_pton(AF_INET, "192.0.2.51", &in);
	CHECK(attr(IFLA_IPTUN_LOCAL, &found) == in.s_addr && found, "local attribute");
	CHECK(attr(IFLA_IPTUN_LINK, &found) == 2 && found, "link attribute");
	CHECK(attr(IFLA_IPTUN_TTL, &found) == 64 && found, "ttl attribute");
	CHECK(attr(IFLA_IPTUN_TOS, &found) == 0x10 && found, "tos attribute");
	CHECK(attr(IFLA_IPTUN_PMTUDISC, &found) == 1 && found, "pmtudisc attribute");

	/* Only what is given, so that `ip link set ... type scid_ipip ttl 9` keeps the rest. */
	ret = parse(lu, ARGS("ttl", "inherit", "tos", "inherit", "nodf"), msg);
	CHECK(ret == 0 && nattrs == 3, "partial parse: %d, %d attributes", ret, nattrs);
	CHECK(attr(IFLA_IPTUN_TTL, &found) == 0 && found, "ttl inherit");
	CHECK(attr(IFLA_IPTUN_TOS, &found) == 1 && found, "tos inherit");
	CHECK(attr(IFLA_IPTUN_PMTUDISC, &found) == 2 && found, "nodf");
	ret = parse(lu, ARGS("remote", "any", "nopmtudisc"), msg);
	CHECK(ret == 0 && attr(IFLA_IPTUN_REMOTE, &found) == 0 && found, "remote any");
	CHECK(attr(IFLA_IPTUN_PMTUDISC, &found) == 0 && found, "nopmtudisc");

	ret = parse(lu, ARGS("remote", "300.1.1.1"), msg);
	CHECK_STR(msg, "invalid remote '300.1.1.1': not an IPv4 address", "bad remote");
	CHECK(ret == -1 && nattrs == 0, "bad remote: %d, %d attributes", ret, nattrs);
	ret = parse(lu, ARGS("key", "5"), msg);
	CHECK(ret == -1, "unknown option: %d", ret);
	CHECK_STR(msg, "unknown keyword 'key'", "unknown option");
	ret = parse(lu, ARGS("help"), msg);
	CHECK(ret == -1 && strstr(msg, "Usage: ... scid_ipip"), "help: %d '%s'", ret, msg);

	ret = parse(lu, ARGS("mtu", "1480"), msg);
	CHECK(ret == 0 && nattrs == 1, "mtu 1480: %d, %d attributes", ret, nattrs);
	CHECK(attr(IFLA_SCID_MTU, &found) == 1480 && found, "mtu attribute");
	ret = parse(lu, ARGS("mtu", "auto"), msg);
	CHECK(ret == 0 && attr(IFLA_SCID_MTU, &found) == 0 && found, "mtu auto");
	ret = parse(lu, ARGS("mtu", "65516"), msg);
	CHECK(ret == -1 && nattrs == 0, "mtu 65516: %d, %d attributes", ret, nattrs);
	CHECK_STR(msg, "invalid mtu '65516': expected 68..65515 or auto", "bad mtu");
}

/*
 * What print_opt writes after pmtudisc, the last of the words it shares
 * with ipip, as text and as JSON.
 */
static void check_print_tail(struct link_util *lu, struct rtattr **tb, const char *what,
			     const char *text, const char *json_text)
{
	out[0] = '\0';
	lu->print_opt(lu, stdout, tb);
	CHECK(strstr(out, "pmtudisc ") && !strcmp(strstr(out, "pmtudisc ") + 9, text),
	      "print %s: '%s', want it to end in '%s'", what, out, text);
	json = true;
	out[0] = '\0';
	lu->print_opt(lu, stdout, tb);
	json = false;
	CHECK(strstr(out, "pmtudisc=true;") && !strcmp(strstr(out, "pmtudisc=true;") + 14, json_text),
	      "print %s json: '%s', want it to end in '%s'", what, out, json_text);
}

/* What ip -d link show prints for one value of a u32 attribute. */
struct print_case {
	unsigned int value;
	const char *text, *json;
};

/*
 * print_opt of an answer with remote, mtu auto (the kernel reports
 * IFLA_SCID_MTU always) and @type at each case's value.
 */
static void check_print_u32(struct link_util *lu, int type, const char *what,
			    const struct print_case *cases, size_t n)
{
	unsigned char b[3][16] __attribute__((aligned(4)));
	struct rtattr *tb[IFLA_SCID_MAX + 1] = { NULL };
	__u32 remote, value, mtu = 0;
	size_t i;

	inet_pton(AF_INET, "198.51.100.42", &remote);
	tb[IFLA_IPTUN_REMOTE] = mk(b[0], IFLA_IPTUN_REMOTE, &remote, 4);
	tb[IFLA_SCID_MTU] = mk(b[1], IFLA_SCID_MTU, &mtu, 4);
	for (i = 0; i < n; i++) {
		value = cases[i].value;
		tb[type] = mk(b[2], (unsigned short)type, &value, 4);
		check_print_tail(lu, tb, what, cases[i].text, cases[i].json);
	}
}

/* The pinned MTU, or 0 for auto. */
static void plugin_print_mtu_tests(struct link_util *lu)
{
	static const struct print_case cases[] = {
		{ 0, "mtu auto ", "mtu=0;" },
		{ 1400, "mtu 1400 ", "mtu=1400;" },
	};

	check_print_u32(lu, IFLA_SCID_MTU, "mtu", cases, sizeof(cases) / sizeof(cases[0]));
}

static void plugin_keepalive_parse_tests(struct link_util *lu)
{
	char msg[256];
	bool found;
	int ret;

	ret = parse(lu, ARGS("keepalive", "100ms", "hold", "3", "rise", "2"), msg);
	CHECK(ret == 0 && nattrs == 3, "keepalive: %d, %d attributes (%s)", ret, nattrs, msg);
	CHECK(attr(IFLA_SCID_KEEPALIVE, &found) == 100 && found, "keepalive attribute");
	CHECK(attr(IFLA_SCID_KEEPALIVE_HOLD, &found) == 3 && found, "hold attribute");
	CHECK(attr(IFLA_SCID_KEEPALIVE_RISE, &found) == 2 && found, "rise attribute");
	ret = parse(lu, ARGS("keepalive", "2s"), msg);
	CHECK(ret == 0 && nattrs == 1 && attr(IFLA_SCID_KEEPALIVE, &found) == 2000 && found,
	      "keepalive 2s: %d, %d attributes", ret, nattrs);
	ret = parse(lu, ARGS("keepalive", "off"), msg);
	CHECK(ret == 0 && nattrs == 1 && attr(IFLA_SCID_KEEPALIVE, &found) == 0 && found,
	      "keepalive off: %d, %d attributes", ret, nattrs);
	ret = parse(lu, ARGS("rise", "7"), msg);
	CHECK(ret == 0 && nattrs == 1 && attr(IFLA_SCID_KEEPALIVE_RISE, &found) == 7 && found,
	      "rise alone: %d, %d attributes", ret, nattrs);
	ret = parse(lu, ARGS("keepalive", "100"), msg);
	CHECK(ret == -1 && nattrs == 0, "keepalive 100: %d, %d attributes", ret, nattrs);
	CHECK_STR(msg, "invalid keepalive '100': no unit; expected 50ms..600s, with its unit (100ms, 2s), or off",
		  "keepalive without unit");
	ret = parse(lu, ARGS("hold", "101"), msg);
	CHECK(ret == -1 && nattrs == 0, "hold 101: %d", ret);
	CHECK_STR(msg, "invalid hold '101': expected 1..100", "hold 101");
	ret = plugin_parse(lu, ARGS("remote", "any", "keepalive", "1s"), true, msg, sizeof(msg));
	CHECK(ret == -1 && nattrs == 0, "ip link add remote any keepalive: %d", ret);
}

static void plugin_fwmark_parse_tests(struct link_util *lu)
{
	char msg[256];
	bool found;
	int ret;

	ret = parse(lu, ARGS("fwmark", "0x10"), msg);
	CHECK(ret == 0 && nattrs == 1 && attr(IFLA_IPTUN_FWMARK, &found) == 16 && found,
	      "fwmark 0x10: %d, %d attributes (%s)", ret, nattrs, msg);
	ret = parse(lu, ARGS("fwmark", "0"), msg);
	CHECK(ret == 0 && nattrs == 1 && attr(IFLA_IPTUN_FWMARK, &found) == 0 && found,
	      "fwmark 0 clears: %d, %d attributes", ret, nattrs);
	ret = parse(lu, ARGS("fwmark", "4294967295"), msg);
	CHECK(ret == 0 && attr(IFLA_IPTUN_FWMARK, &found) == 0xffffffff && found,
	      "fwmark max: %d", ret);
	ret = parse(lu, ARGS("fwmark", "0x1g"), msg);
	CHECK(ret == -1 && nattrs == 0, "fwmark 0x1g: %d, %d attributes", ret, nattrs);
	CHECK_STR(msg, "invalid fwmark '0x1g': expected 0..4294967295 or 0x0..0xffffffff",
		  "bad fwmark");
}

/* ip link add and set: the u32 IFLA_SCID_CLAMP_MSS, and scidtun's refusals. */
static void plugin_clamp_mss_parse_tests(struct link_util *lu)
{
	static const struct { const char *value; unsigned int sent; } good[] = {
		{ "536", 536 }, { "1340", 1340 }, { "65495", 65495 },
		{ "auto", SCID_CLAMP_MSS_AUTO }, { "off", SCID_CLAMP_MSS_OFF },
	};
	static const char *const bad[] = { "535", "65496", "2", "1", "0", "abc", "1340x", "",
					   "-1", "0x540", "Auto" };
	char msg[256], want[128];
	bool found;
	size_t i;
	int ret;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		ret = parse(lu, ARGS("clamp-mss", (char *)good[i].value), msg);
		CHECK(ret == 0 && nattrs == 1, "clamp-mss %s: %d, %d attributes (%s)",
		      good[i].value, ret, nattrs, msg);
		CHECK(attr(IFLA_SCID_CLAMP_MSS, &found) == good[i].sent && found,
		      "clamp-mss %s: attribute %u, want %u", good[i].value,
		      attr(IFLA_SCID_CLAMP_MSS, &found), good[i].sent);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ret = parse(lu, ARGS("clamp-mss", (char *)bad[i]), msg);
		CHECK(ret == -1 && nattrs == 0, "clamp-mss '%s': %d, %d attributes", bad[i], ret,
		      nattrs);
		snprintf(want, sizeof(want),
			 "invalid clamp-mss '%s': expected 536..65495, auto or off", bad[i]);
		CHECK_STR(msg, want, bad[i]);
	}
	ret = plugin_parse(lu, ARGS("remote", "198.51.100.42", "clamp-mss", "auto"), true, msg,
			   sizeof(msg));
	CHECK(ret == 0 && nattrs == 2 && attr(IFLA_SCID_CLAMP_MSS, &found) == 1 && found,
	      "ip link add clamp-mss auto: %d, %d attributes", ret, nattrs);
	ret = parse(lu, ARGS("clamp-mss"), msg);
	CHECK(ret == -1 && nattrs == 0, "clamp-mss without value: %d", ret);
	CHECK_STR(msg, "missing value for 'clamp-mss'", "clamp-mss without value");
}

/* ip -d link show prints ipip's fwmark with "fwmark %#llx ", and nothing for 0. */
static void plugin_print_fwmark_tests(struct link_util *lu)
{
	static const struct print_case cases[] = {
		{ 0x10, "fwmark 0x10 mtu auto ", "fwmark=\"0x10\";mtu=0;" },
		{ 0xffffffff, "fwmark 0xffffffff mtu auto ", "fwmark=\"0xffffffff\";mtu=0;" },
		{ 0, "mtu auto ", "mtu=0;" },
	};

	check_print_u32(lu, IFLA_IPTUN_FWMARK, "fwmark", cases,
			sizeof(cases) / sizeof(cases[0]));
}

/* clamp-mss after mtu, as scidtun show has it; nothing while off. */
static void plugin_print_clamp_mss_tests(struct link_util *lu)
{
	static const struct print_case cases[] = {
		{ 1340, "mtu auto clamp-mss 1340 ", "mtu=0;clamp_mss=1340;" },
		{ 536, "mtu auto clamp-mss 536 ", "mtu=0;clamp_mss=536;" },
		{ 65495, "mtu auto clamp-mss 65495 ", "mtu=0;clamp_mss=65495;" },
		{ SCID_CLAMP_MSS_AUTO, "mtu auto clamp-mss auto ", "mtu=0;clamp_mss=\"auto\";" },
		{ SCID_CLAMP_MSS_OFF, "mtu auto ", "mtu=0;" },
	};

	check_print_u32(lu, IFLA_SCID_CLAMP_MSS, "clamp-mss", cases,
			sizeof(cases) / sizeof(cases[0]));
}

/* ip -d link show of a tunnel with keepalive, as the kernel fills it in. */
static void plugin_print_keepalive_tests(struct link_util *lu)
{
	static const struct {
		bool on;
		__u32 ival, hold, rise, last, rtt;
		__u8 state;
		const char *text, *json;
	} cases[] = {
		{ true, 100, 3, 2, 40, 312, 1,
		  "keepalive 100ms hold 3 rise 2 state up last 40ms rtt 312us ",
		  "keepalive_ms=100;hold=3;rise=2;keepalive_state=\"up\";keepalive_last_ms=40;keepalive_rtt_us=312;" },
		{ true, 2000, 5, 1, 0xffffffff, 0, 2,
		  "keepalive 2s hold 5 rise 1 state down last never ",
		  "keepalive_ms=2000;hold=5;rise=1;keepalive_state=\"down\";" },
		/* Off: nothing, as ip prints nothing for a feature that is off. */
		{ false, 0, 5, 1, 0xffffffff, 0, 0, "", "" },
	};
	unsigned char b[8][16] __attribute__((aligned(4)));
	struct rtattr *tb[IFLA_SCID_MAX + 1] = { NULL };
	__u32 remote;
	size_t i;

	inet_pton(AF_INET, "198.51.100.42", &remote);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		tb[IFLA_IPTUN_REMOTE] = mk(b[0], IFLA_IPTUN_REMOTE, &remote, 4);
		tb[IFLA_SCID_KEEPALIVE] = mk(b[1], IFLA_SCID_KEEPALIVE, &cases[i].ival, 4);
		tb[IFLA_SCID_KEEPALIVE_HOLD] = mk(b[2], IFLA_SCID_KEEPALIVE_HOLD, &cases[i].hold, 4);
		tb[IFLA_SCID_KEEPALIVE_RISE] = mk(b[3], IFLA_SCID_KEEPALIVE_RISE, &cases[i].rise, 4);
		tb[IFLA_SCID_KEEPALIVE_STATE] = mk(b[4], IFLA_SCID_KEEPALIVE_STATE, &cases[i].state,
						   1);
		tb[IFLA_SCID_KEEPALIVE_LAST] = mk(b[5], IFLA_SCID_KEEPALIVE_LAST, &cases[i].last, 4);
		tb[IFLA_SCID_KEEPALIVE_RTT] = mk(b[6], IFLA_SCID_KEEPALIVE_RTT, &cases[i].rtt, 4);
		out[0] = '\0';
		lu->print_opt(lu, stdout, tb);
		CHECK(strstr(out, "pmtudisc ") && !strcmp(strstr(out, "pmtudisc ") + 9,
							     cases[i].text),
		      "print keepalive: '%s', want it to end in '%s'", out, cases[i].text);
		json = true;
		out[0] = '\0';
		lu->print_opt(lu, stdout, tb);
		json = false;
		CHECK(strstr(out, "pmtudisc=true;") &&
		      !strcmp(strstr(out, "pmtudisc=true;") + 14, cases[i].json),
		      "print keepalive json: '%s', want it to end in '%s'", out, cases[i].json);
	}
}

static void plugin_print_tests(struct link_util *lu)
{
	struct ip_tunnel_parm p = { .iph = { .version = 4, .ihl = 5, .protocol = IPPROTO_IPIP } };

	inet_pton(AF_INET, "198.51.100.42", &p.iph.daddr);
	p.link = 2;
	p.iph.tos = 1;
	p.iph.frag_off = htons(0x4000);
	CHECK_STR(plugin_print(lu, &p, false),
		  "remote 198.51.100.42 local any dev eth0 ttl inherit tos inherit pmtudisc ",
		  "print");
	CHECK_STR(plugin_print(lu, &p, true),
		  "proto=\"ipip\";remote=\"198.51.100.42\";local=\"any\";link=\"eth0\";ttl=0;tos=\"inherit\";pmtudisc=true;",
		  "print json");
	/* Another mode: "mode WORD" in the text, as add takes it; ipip's "proto" in JSON. */
	p.iph.protocol = IPPROTO_MPLS;
	CHECK_STR(plugin_print(lu, &p, false),
		  "mode mplsip remote 198.51.100.42 local any dev eth0 ttl inherit tos inherit pmtudisc ",
		  "print mplsip");
	CHECK_STR(plugin_print(lu, &p, true),
		  "proto=\"mplsip\";remote=\"198.51.100.42\";local=\"any\";link=\"eth0\";ttl=0;tos=\"inherit\";pmtudisc=true;",
		  "print mplsip json");
	p.iph.protocol = 0;
	CHECK_STR(plugin_print(lu, &p, false),
		  "mode any remote 198.51.100.42 local any dev eth0 ttl inherit tos inherit pmtudisc ",
		  "print any");
	p.iph.protocol = IPPROTO_IPIP;

	p.iph.ttl = 64;
	p.iph.tos = 0;
	p.iph.frag_off = htons(0x2000);
	p.link = 0;
	CHECK_STR(plugin_print(lu, &p, false), "remote 198.51.100.42 local any ttl 64 tos 0x00 nodf ",
		  "print nodf");
	CHECK_STR(plugin_print(lu, &p, true),
		  "proto=\"ipip\";remote=\"198.51.100.42\";local=\"any\";ttl=64;tos=\"0x00\";pmtudisc=false;nodf=true;",
		  "print nodf json");
}

/* ip link add and set: pmtu-probe as a u8, pmtu-raise as a u32 of ms, and the refusals. */
static void plugin_pmtu_parse_tests(struct link_util *lu)
{
	char msg[256];
	bool found;
	int ret;

	ret = parse(lu, ARGS("pmtu-probe", "on"), msg);
	CHECK(ret == 0 && nattrs == 1 && attr(IFLA_SCID_PMTU_PROBE, &found) == 1 && found,
	      "pmtu-probe on: %d, %d attributes (%s)", ret, nattrs, msg);
	ret = parse(lu, ARGS("pmtu-probe", "off", "keepalive", "off"), msg);
	CHECK(ret == 0 && nattrs == 2 && attr(IFLA_SCID_PMTU_PROBE, &found) == 0 && found,
	      "pmtu-probe off keepalive off: %d, %d attributes (%s)", ret, nattrs, msg);
	ret = parse(lu, ARGS("pmtu-raise", "10m"), msg);
	CHECK(ret == 0 && nattrs == 1 && attr(IFLA_SCID_PMTU_RAISE, &found) == 600000 && found,
	      "pmtu-raise 10m: %d, %d attributes (%s)", ret, nattrs, msg);
	ret = parse(lu, ARGS("pmtu-raise", "1500ms"), msg);
	CHECK(ret == 0 && attr(IFLA_SCID_PMTU_RAISE, &found) == 1500 && found,
	      "pmtu-raise 1500ms: %d", ret);
	ret = parse(lu, ARGS("pmtu-probe", "yes"), msg);
	CHECK(ret == -1 && nattrs == 0, "pmtu-probe yes: %d, %d attributes", ret, nattrs);
	CHECK_STR(msg, "invalid pmtu-probe 'yes': expected on or off", "pmtu-probe yes");
	ret = parse(lu, ARGS("pmtu-raise", "25h"), msg);
	CHECK(ret == -1 && nattrs == 0, "pmtu-raise 25h: %d, %d attributes", ret, nattrs);
	CHECK_STR(msg, "invalid pmtu-raise '25h': out of range; expected 1s..24h, with its unit (1500ms, 2s, 10m, 1h)",
		  "pmtu-raise 25h");
	ret = plugin_parse(lu, ARGS("remote", "198.51.100.42", "pmtu-probe", "on"), true, msg,
			   sizeof(msg));
	CHECK(ret == -1 && nattrs == 0, "ip link add pmtu-probe on without keepalive: %d", ret);
	CHECK_STR(msg, "pmtu-probe needs keepalive: add 'keepalive INTERVAL' (e.g. 'keepalive 1s') or leave 'pmtu-probe' off",
		  "ip link add pmtu-probe on without keepalive");
	ret = plugin_parse(lu, ARGS("remote", "198.51.100.42", "keepalive", "100ms", "pmtu-probe",
				    "on"), true, msg, sizeof(msg));
	CHECK(ret == 0 && nattrs == 3 && attr(IFLA_SCID_PMTU_PROBE, &found) == 1 && found,
	      "ip link add keepalive pmtu-probe on: %d, %d attributes (%s)", ret, nattrs, msg);
}

/* ip -d link show of a probing tunnel: the words, then keepalive's state, then the search's. */
static void plugin_print_pmtu_tests(struct link_util *lu)
{
	static const struct {
		__u8 probe, state;
		__u32 raise, pmtu, age;
		const char *text, *json;
	} cases[] = {
		{ 1, 2, 600000, 1380, 300,
		  "keepalive 100ms pmtu-probe on pmtu-raise 10m state up last never "
		  "pmtu 1380 pmtu-state complete pmtu-age 300ms ",
		  "keepalive_ms=100;pmtu_probe=true;pmtu_raise_ms=600000;"
		  "keepalive_state=\"up\";pmtu=1380;pmtu_state=\"complete\";pmtu_age_ms=300;" },
		/* Before a size is found and confirmed: no keys for them. */
		{ 1, 1, 3000, 0, 0xffffffff,
		  "keepalive 100ms pmtu-probe on pmtu-raise 3s state up last never "
		  "pmtu none pmtu-state searching pmtu-age never ",
		  "keepalive_ms=100;pmtu_probe=true;pmtu_raise_ms=3000;"
		  "keepalive_state=\"up\";pmtu_state=\"searching\";" },
		/* Off: nothing of it, even a pmtu-raise that is not the default. */
		{ 0, 0, 3600000, 0, 0xffffffff,
		  "keepalive 100ms state up last never ",
		  "keepalive_ms=100;keepalive_state=\"up\";" },
	};
	unsigned char b[10][16] __attribute__((aligned(4)));
	struct rtattr *tb[IFLA_SCID_MAX + 1] = { NULL };
	__u32 remote, ival = 100, last = 0xffffffff;
	__u8 up = 1;
	size_t i;

	inet_pton(AF_INET, "198.51.100.42", &remote);
	tb[IFLA_IPTUN_REMOTE] = mk(b[0], IFLA_IPTUN_REMOTE, &remote, 4);
	tb[IFLA_SCID_KEEPALIVE] = mk(b[1], IFLA_SCID_KEEPALIVE, &ival, 4);
	tb[IFLA_SCID_KEEPALIVE_STATE] = mk(b[2], IFLA_SCID_KEEPALIVE_STATE, &up, 1);
	tb[IFLA_SCID_KEEPALIVE_LAST] = mk(b[3], IFLA_SCID_KEEPALIVE_LAST, &last, 4);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		tb[IFLA_SCID_PMTU_PROBE] = mk(b[4], IFLA_SCID_PMTU_PROBE, &cases[i].probe, 1);
		tb[IFLA_SCID_PMTU_RAISE] = mk(b[5], IFLA_SCID_PMTU_RAISE, &cases[i].raise, 4);
		tb[IFLA_SCID_PMTU] = mk(b[6], IFLA_SCID_PMTU, &cases[i].pmtu, 4);
		tb[IFLA_SCID_PMTU_STATE] = mk(b[7], IFLA_SCID_PMTU_STATE, &cases[i].state, 1);
		tb[IFLA_SCID_PMTU_AGE] = mk(b[8], IFLA_SCID_PMTU_AGE, &cases[i].age, 4);
		check_print_tail(lu, tb, "pmtu", cases[i].text, cases[i].json);
	}
}

/**
 * plugin_load() - load the plugin as ip does and check its link_util
 * @path: link_scid_ipip.so
 *
 * Return: its scid_ipip_link_util, or NULL (a failed check says why).
 */
struct link_util *plugin_load(const char *path)
{
	struct link_util *lu;
	void *dl;

	/* As ip does: lazy binding, the helpers come from this executable. */
	dl = dlopen(path, RTLD_LAZY);
	CHECK(dl != NULL, "dlopen %s: %s", path, dlerror());
	if (!dl)
		return NULL;
	lu = dlsym(dl, "scid_ipip_link_util");
	CHECK(lu != NULL, "no scid_ipip_link_util in %s", path);
	if (!lu)
		return NULL;
	CHECK(!strcmp(lu->id, "scid_ipip"), "id '%s'", lu->id);
	CHECK(lu->maxattr == IFLA_SCID_MAX, "maxattr %d", lu->maxattr);
	CHECK(lu->parse_opt && lu->print_opt && lu->print_help, "missing callbacks");
	CHECK(!lu->print_xstats && !lu->parse_ifla_xstats && !lu->print_ifla_xstats,
	      "unexpected xstats callbacks");
	/* Nothing but the link_util: ip's own symbols must not meet the words' code. */
	CHECK(!dlsym(dl, "scid_tun_parse") || dlsym(dl, "scid_tun_parse") ==
	      dlsym(RTLD_DEFAULT, "scid_tun_parse"), "the plugin exports scid_tun_parse");
	return lu;
}

void plugin_tests(struct link_util *lu)
{
	if (!lu)
		return;
	plugin_parse_tests(lu);
	plugin_external_tests(lu);
	plugin_print_tests(lu);
	plugin_print_mtu_tests(lu);
	plugin_keepalive_parse_tests(lu);
	plugin_print_keepalive_tests(lu);
	plugin_fwmark_parse_tests(lu);
	plugin_print_fwmark_tests(lu);
	plugin_clamp_mss_parse_tests(lu);
	plugin_print_clamp_mss_tests(lu);
	plugin_pmtu_parse_tests(lu);
	plugin_print_pmtu_tests(lu);
}
