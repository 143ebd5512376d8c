/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SCIDTUN_FORMAT_H
#define SCIDTUN_FORMAT_H

#include <stddef.h>

#include "tunnel.h"

enum scidtun_style {
	SCIDTUN_STYLE_HUMAN,	/* stdout is a terminal */
	SCIDTUN_STYLE_TABS,	/* stable fields for scripts */
};

/* Longest line either style can produce, with its NUL. */
#define SCIDTUN_FORMAT_MAX 160

/* Same shape as if_indextoname(), so tests can pass a fake one. */
typedef char *(*scidtun_name_fn)(unsigned int ifindex, char *ifname);

int scidtun_format_tunnel(char *buf, size_t len, const struct ip_tunnel_parm *p,
			  enum scidtun_style style, scidtun_name_fn indextoname);

#endif
