// SPDX-License-Identifier: GPL-2.0
/* Stand-ins for the system, shared by the unit tests (stand_ins.h). */

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stand_ins.h"

unsigned int no_lookup(const char *name)
{
	(void)name;
	return 0;
}

char *no_name(unsigned int index, char *name)
{
	(void)index;
	(void)name;
	return NULL;
}

/* @err has room for 512 bytes, as the callers' buffers do. */
int parse_conf(struct scidtun_conf *conf, const char *text, char *err)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int ret;

	memset(conf, 0, sizeof(*conf));
	ret = scidtun_conf_parse(conf, f, "t.conf", no_lookup, err, 512);
	fclose(f);
	return ret;
}

char *showconf_of(const struct scid_tun *have)
{
	struct ip_tunnel_parm p = { .name = "t1", .iph = { .tos = 0 } };
	size_t len;
	char *buf;
	FILE *f;

	p.iph.frag_off = htons(0x4000);
	p.iph.daddr = htonl(0xc6336430);
	f = open_memstream(&buf, &len);
	scidtun_conf_print(f, &p, have, no_name, NULL, 0, NULL, 0);
	fclose(f);
	return buf;
}

char *show_of(const struct scidtun_link_data *d, enum scidtun_style style)
{
	struct ip_tunnel_parm p = { .name = "t", .iph = { .tos = 1 } };
	size_t len;
	char *buf;
	FILE *f;

	p.iph.frag_off = htons(0x4000);
	p.iph.daddr = htonl(0xc6336430);
	f = open_memstream(&buf, &len);
	if (style == SCIDTUN_STYLE_JSON) {
		scidtun_format_json(f, &p, no_name, NULL, d);
	} else {
		scidtun_format_fwmark(f, d, style);
		scidtun_format_clamp_mss(f, d, style);
	}
	fclose(f);
	return buf;
}
