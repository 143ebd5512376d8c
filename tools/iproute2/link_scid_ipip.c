// SPDX-License-Identifier: GPL-2.0
/*
 * link_scid_ipip.so: the "scid_ipip" kind for iproute2's `ip link`.
 *
 * ip(8) looks up an unknown kind as LIBDIR/ip/link_KIND.so and takes the
 * symbol KIND_link_util from it. The plugin has no iproute2 headers to
 * build against, so the few declarations it needs are below, matched to
 * iproute2 6.1 (Debian bookworm); the helpers are those that ip exports.
 */

#include <arpa/inet.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <linux/if_tunnel.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include "../scidtun/strict_u8.h"

/* From iproute2 6.1's ip/ip_common.h: nine pointer-sized fields. */
struct link_util {
	struct link_util *next;
	const char *id;
	int maxattr;
	int (*parse_opt)(struct link_util *lu, int argc, char **argv, struct nlmsghdr *n);
	void (*print_opt)(struct link_util *lu, FILE *f, struct rtattr *tb[]);
	void (*print_xstats)(struct link_util *lu, FILE *f, struct rtattr *xstats);
	void (*print_help)(struct link_util *lu, int argc, char **argv, FILE *f);
	int (*parse_ifla_xstats)(struct link_util *lu, int argc, char **argv);
	int (*print_ifla_xstats)(struct nlmsghdr *n, void *arg);
};

/* From include/json_print.h and include/color.h. */
enum output_type { PRINT_FP = 1, PRINT_JSON = 2, PRINT_ANY = 4 };
#define SCID_COLOR_NONE 6

/* Exported by the ip binary. */
int addattr8(struct nlmsghdr *n, int maxlen, int type, __u8 data);
int addattr32(struct nlmsghdr *n, int maxlen, int type, __u32 data);
unsigned int ll_name_to_index(const char *name);
const char *ll_index_to_name(unsigned int idx);
void invarg(const char *msg, const char *arg) __attribute__((noreturn));
void duparg(const char *key, const char *arg) __attribute__((noreturn));
bool is_json_context(void);
int print_color_string(enum output_type t, int color, const char *key, const char *fmt,
		       const char *value);
int print_color_uint(enum output_type t, int color, const char *key, const char *fmt,
		     unsigned int value);
int print_color_bool(enum output_type t, int color, const char *key, const char *fmt,
		     bool value);

/* The request buffer iplink gives every kind (struct iplink_req). */
#define SCID_REQ_MAX 1024

/* IFLA_IPTUN_PMTUDISC values of scid_ipip (module/uapi/scid_ipip.h). */
#define SCID_PMTUDISC_INHERIT 0
#define SCID_PMTUDISC_ON 1
#define SCID_PMTUDISC_NODF 2

#define SCID_TOS_INHERIT 0x01

static void scid_print_help(struct link_util *lu, int argc, char **argv, FILE *f)
{
	(void)lu;
	(void)argc;
	(void)argv;
	fprintf(f,
		"Usage: ... scid_ipip [ remote ADDR|any ] [ local ADDR|any ] [ dev PHYS_DEV ]\n"
		"                     [ ttl TTL|inherit ] [ tos TOS|inherit ]\n"
		"                     [ pmtudisc | nopmtudisc | nodf ]\n"
		"\n"
		"Where: ADDR := dotted IPv4 address\n"
		"       TTL  := { 1..255 | inherit }\n"
		"       TOS  := { 0..255 | 0x00..0xff | inherit }\n");
}

static __u32 scid_parse_addr(const char *what, const char *s)
{
	struct in_addr in;

	if (!strcmp(s, "any"))
		return 0;
	if (inet_pton(AF_INET, s, &in) != 1)
		invarg(what, s);
	return in.s_addr;
}

/* Only what is given is sent: changelink keeps the tunnel's other values. */
static int scid_parse_opt(struct link_util *lu, int argc, char **argv, struct nlmsghdr *n)
{
	bool have_ttl = false, have_df = false;
	unsigned int v, ttl = 0;
	__u8 df = SCID_PMTUDISC_ON;

	for (; argc > 0; argc--, argv++) {
		const char *kw = *argv;

		if (!strcmp(kw, "remote") || !strcmp(kw, "local")) {
			if (--argc <= 0)
				invarg("missing value", kw);
			argv++;
			addattr32(n, SCID_REQ_MAX,
				  kw[0] == 'r' ? IFLA_IPTUN_REMOTE : IFLA_IPTUN_LOCAL,
				  scid_parse_addr(kw[0] == 'r' ? "invalid remote address" :
						  "invalid local address", *argv));
		} else if (!strcmp(kw, "dev") || !strcmp(kw, "link")) {
			if (--argc <= 0)
				invarg("missing value", kw);
			argv++;
			v = ll_name_to_index(*argv);
			if (!v)
				invarg("no such device", *argv);
			addattr32(n, SCID_REQ_MAX, IFLA_IPTUN_LINK, v);
		} else if (!strcmp(kw, "ttl") || !strcmp(kw, "hoplimit")) {
			if (--argc <= 0)
				invarg("missing value", kw);
			argv++;
			if (have_ttl)
				duparg("ttl", *argv);
			if (!strcmp(*argv, "inherit"))
				v = 0;
			else if (!parse_u8(*argv, true, &v) || !v || !strncmp(*argv, "0x", 2))
				invarg("invalid TTL (1..255 or inherit)", *argv);
			ttl = v;
			have_ttl = true;
			addattr8(n, SCID_REQ_MAX, IFLA_IPTUN_TTL, ttl);
		} else if (!strcmp(kw, "tos") || !strcmp(kw, "dsfield")) {
			if (--argc <= 0)
				invarg("missing value", kw);
			argv++;
			if (!strcmp(*argv, "inherit"))
				v = SCID_TOS_INHERIT;
			else if (!parse_u8(*argv, true, &v))
				invarg("invalid TOS (0..255, 0x00..0xff or inherit)", *argv);
			addattr8(n, SCID_REQ_MAX, IFLA_IPTUN_TOS, v);
		} else if (!strcmp(kw, "pmtudisc") || !strcmp(kw, "nopmtudisc") ||
			   !strcmp(kw, "nodf")) {
			if (have_df)
				duparg("pmtudisc", kw);
			have_df = true;
			df = kw[0] == 'p' ? SCID_PMTUDISC_ON :
			     kw[2] == 'p' ? SCID_PMTUDISC_INHERIT : SCID_PMTUDISC_NODF;
			addattr8(n, SCID_REQ_MAX, IFLA_IPTUN_PMTUDISC, df);
		} else if (!strcmp(kw, "mode")) {
			if (--argc <= 0)
				invarg("missing value", kw);
			argv++;
			if (strcmp(*argv, "ipip") && strcmp(*argv, "ip/ip"))
				invarg("only ipip is supported", *argv);
			addattr8(n, SCID_REQ_MAX, IFLA_IPTUN_PROTO, IPPROTO_IPIP);
		} else {
			if (strcmp(kw, "help"))
				fprintf(stderr, "scid_ipip: unknown option \"%s\"\n", kw);
			scid_print_help(lu, 0, NULL, stderr);
			return -1;
		}
	}
	if (have_ttl && ttl && have_df && df == SCID_PMTUDISC_INHERIT) {
		fprintf(stderr, "scid_ipip: a fixed ttl makes the kernel set DF; "
				"use \"ttl inherit\" with nopmtudisc\n");
		return -1;
	}
	return 0;
}

static const char *scid_addr_text(char buf[INET_ADDRSTRLEN], struct rtattr *rta)
{
	__u32 addr = 0;

	if (rta && RTA_PAYLOAD(rta) >= sizeof(addr))
		memcpy(&addr, RTA_DATA(rta), sizeof(addr));
	if (!addr)
		return "any";
	return inet_ntop(AF_INET, &addr, buf, INET_ADDRSTRLEN);
}

static __u8 scid_u8(struct rtattr *rta)
{
	return rta && RTA_PAYLOAD(rta) >= 1 ? *(__u8 *)RTA_DATA(rta) : 0;
}

/* The words of `scidtun show`, which `ip link add` also takes back. */
static void scid_print_opt(struct link_util *lu, FILE *f, struct rtattr *tb[])
{
	char buf[INET_ADDRSTRLEN], tos[8];
	unsigned int link = 0;
	__u8 ttl, df;

	(void)lu;
	(void)f;
	if (!tb)
		return;
	print_color_string(PRINT_ANY, SCID_COLOR_NONE, "remote", "remote %s ",
			   scid_addr_text(buf, tb[IFLA_IPTUN_REMOTE]));
	print_color_string(PRINT_ANY, SCID_COLOR_NONE, "local", "local %s ",
			   scid_addr_text(buf, tb[IFLA_IPTUN_LOCAL]));
	if (tb[IFLA_IPTUN_LINK] && RTA_PAYLOAD(tb[IFLA_IPTUN_LINK]) >= sizeof(link))
		memcpy(&link, RTA_DATA(tb[IFLA_IPTUN_LINK]), sizeof(link));
	if (link)
		print_color_string(PRINT_ANY, SCID_COLOR_NONE, "link", "dev %s ",
				   ll_index_to_name(link));

	ttl = scid_u8(tb[IFLA_IPTUN_TTL]);
	if (ttl || is_json_context())
		print_color_uint(PRINT_ANY, SCID_COLOR_NONE, "ttl", "ttl %u ", ttl);
	else
		print_color_string(PRINT_FP, SCID_COLOR_NONE, NULL, "ttl %s ", "inherit");

	if (scid_u8(tb[IFLA_IPTUN_TOS]) == SCID_TOS_INHERIT)
		snprintf(tos, sizeof(tos), "inherit");
	else
		snprintf(tos, sizeof(tos), "0x%02x", scid_u8(tb[IFLA_IPTUN_TOS]));
	print_color_string(PRINT_ANY, SCID_COLOR_NONE, "tos", "tos %s ", tos);

	df = scid_u8(tb[IFLA_IPTUN_PMTUDISC]);
	print_color_bool(PRINT_ANY, SCID_COLOR_NONE, "pmtudisc",
			 df == SCID_PMTUDISC_ON ? "pmtudisc " :
			 df == SCID_PMTUDISC_NODF ? "nodf " : "nopmtudisc ",
			 df == SCID_PMTUDISC_ON);
	if (df == SCID_PMTUDISC_NODF)
		print_color_bool(PRINT_JSON, SCID_COLOR_NONE, "nodf", NULL, true);
}

struct link_util scid_ipip_link_util = {
	.id = "scid_ipip",
	.maxattr = IFLA_IPTUN_MAX,
	.parse_opt = scid_parse_opt,
	.print_opt = scid_print_opt,
	.print_help = scid_print_help,
};
