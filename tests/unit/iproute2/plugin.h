/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SCID_TEST_PLUGIN_H
#define SCID_TEST_PLUGIN_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/if_tunnel.h>

struct link_util;

struct link_util *plugin_load(const char *path);
void plugin_tests(struct link_util *lu);
void plugin_encap_tests(struct link_util *lu);
int plugin_parse(struct link_util *lu, char **argv, bool create, char *msg, size_t len);
void plugin_attrs(struct ip_tunnel_parm *p);
const char *plugin_print(struct link_util *lu, const struct ip_tunnel_parm *p, bool as_json);
struct rtattr;
const char *plugin_print_tb(struct link_util *lu, struct rtattr **tb, bool as_json);
unsigned int plugin_attr(int type, bool *found);
int plugin_nattrs(void);
int plugin_answer_flags(int flags);
int plugin_read_index(void);

#endif
