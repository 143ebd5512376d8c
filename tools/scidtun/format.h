/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SCIDTUN_FORMAT_H
#define SCIDTUN_FORMAT_H

#include <stddef.h>
#include <stdio.h>

#include "tunnel.h"

enum scidtun_style {
	SCIDTUN_STYLE_HUMAN,	/* stdout is a terminal */
	SCIDTUN_STYLE_TABS,	/* stable fields for scripts */
	SCIDTUN_STYLE_JSON,	/* -j */
};

/* Longest line either text style can produce, with its NUL. */
#define SCIDTUN_FORMAT_MAX 192

typedef scid_tun_name_fn scidtun_name_fn;

/* One tunnel's values, as words that add and change take back. */
struct scidtun_fields {
	char name[IFNAMSIZ + 1];
	char value[SCID_TUN_NFIELDS][SCID_TUN_TEXT_MAX];	/* by enum scid_tun_field */
};

/* Column widths that line up the human style over several tunnels. */
struct scidtun_widths {
	int name;
	int value[SCID_TUN_NFIELDS];
};

void scidtun_tunnel_fields(const struct ip_tunnel_parm *p, scidtun_name_fn indextoname,
			   struct scidtun_fields *f);
void scidtun_widths_add(struct scidtun_widths *w, const struct scidtun_fields *f);
int scidtun_format_tunnel(char *buf, size_t len, const struct ip_tunnel_parm *p,
			  enum scidtun_style style, scidtun_name_fn indextoname,
			  const struct scidtun_widths *widths);
void scidtun_format_stats(FILE *out, const struct scidtun_stats *s, enum scidtun_style style);
void scidtun_json_string(FILE *out, const char *s, size_t max);
void scidtun_format_external(FILE *out, const struct scidtun_link_data *d,
			     enum scidtun_style style);
void scidtun_format_fwmark(FILE *out, const struct scidtun_link_data *d,
			   enum scidtun_style style);
void scidtun_format_encap(FILE *out, const struct scidtun_link_data *d,
			  enum scidtun_style style);
void scidtun_format_clamp_mss(FILE *out, const struct scidtun_link_data *d,
			      enum scidtun_style style);
void scidtun_format_keepalive(FILE *out, const struct scidtun_link_data *d,
			      enum scidtun_style style);
void scidtun_format_pmtu(FILE *out, const struct scidtun_link_data *d,
			 enum scidtun_style style);
void scidtun_format_json(FILE *out, const struct ip_tunnel_parm *p, scidtun_name_fn indextoname,
			 const struct scidtun_stats *stats, const struct scidtun_link_data *d);

#endif
