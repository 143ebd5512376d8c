/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What an ip(8) link-kind plugin sees of iproute2, for the plugin and for
 * the test that stands in for ip. There are no iproute2 headers to build
 * against, so the few declarations needed are here, matched to iproute2
 * 6.1 (Debian bookworm); the helpers are those that the ip binary exports.
 */
#ifndef SCID_IP_PLUGIN_H
#define SCID_IP_PLUGIN_H

#include <stdbool.h>
#include <stdio.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

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

/* The request buffer iplink gives every kind (struct iplink_req). */
#define SCID_REQ_MAX 1024

/* Exported by the ip binary. */
int addattr8(struct nlmsghdr *n, int maxlen, int type, __u8 data);
int addattr16(struct nlmsghdr *n, int maxlen, int type, __u16 data);
int addattr32(struct nlmsghdr *n, int maxlen, int type, __u32 data);
int addattr_l(struct nlmsghdr *n, int maxlen, int type, const void *data, int alen);
struct rtattr *addattr_nest(struct nlmsghdr *n, int maxlen, int type);
int addattr_nest_end(struct nlmsghdr *n, struct rtattr *nest);
/* ip's rtnetlink socket, and a request on it; *answer is malloc()ed. */
struct rtnl_handle;
extern struct rtnl_handle rth;
int rtnl_talk(struct rtnl_handle *rtnl, struct nlmsghdr *n, struct nlmsghdr **answer);
unsigned int ll_name_to_index(const char *name);
const char *ll_index_to_name(unsigned int idx);
bool is_json_context(void);
void open_json_object(const char *str);
void close_json_object(void);
void open_json_array(enum output_type type, const char *key);
void close_json_array(enum output_type type, const char *delim);
int print_color_string(enum output_type t, int color, const char *key, const char *fmt,
		       const char *value);
int print_color_uint(enum output_type t, int color, const char *key, const char *fmt,
		     unsigned int value);
int print_color_bool(enum output_type t, int color, const char *key, const char *fmt,
		     bool value);

#endif
