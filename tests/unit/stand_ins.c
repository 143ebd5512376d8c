// SPDX-License-Identifier: GPL-2.0
/* Stand-ins for the system, shared by the unit tests (stand_ins.h). */

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
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

int parse_line(const char *line, bool add, struct scidtun_request *req, char *err)
{
	char buf[256], name[] = "t", *argv[24], *save = NULL, *w;
	int n = 0;

	snprintf(buf, sizeof(buf), "%s", line);
	argv[n++] = name;
	for (w = strtok_r(buf, " ", &save); w && n < 23; w = strtok_r(NULL, " ", &save))
		argv[n++] = w;
	err[0] = '\0';
	return scidtun_parse_tunnel_args(n, argv, add ? SCIDTUN_CMD_ADD : SCIDTUN_CMD_CHANGE,
					 no_lookup, req, err, 256);
}

int parse_change_word(const char *keyword, const char *value, struct scidtun_request *req,
		      char *err)
{
	char name[] = "t", word[32], buf[64];
	char *argv[] = { name, word, buf };

	snprintf(word, sizeof(word), "%s", keyword);
	snprintf(buf, sizeof(buf), "%s", value);
	err[0] = '\0';
	return scidtun_parse_tunnel_args(3, argv, SCIDTUN_CMD_CHANGE, no_lookup, req, err, 256);
}

void added_parm(struct ip_tunnel_parm *p)
{
	memset(p, 0, sizeof(*p));
	strcpy(p->name, "t");
	p->iph.version = 4;
	p->iph.ihl = 5;
	p->iph.protocol = IPPROTO_IPIP;
	p->iph.frag_off = htons(0x4000);
}

/* Tunnel @name to 198.51.100.48 with @tos and pmtudisc, as the show tests print it. */
static void shown_parm(struct ip_tunnel_parm *p, const char *name, uint8_t tos)
{
	memset(p, 0, sizeof(*p));
	snprintf(p->name, sizeof(p->name), "%s", name);
	p->iph.tos = tos;
	p->iph.protocol = IPPROTO_IPIP;
	p->iph.frag_off = htons(0x4000);
	p->iph.daddr = htonl(0xc6336430);
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
	struct ip_tunnel_parm p;
	size_t len;
	char *buf;
	FILE *f;

	shown_parm(&p, "t1", 0);
	f = open_memstream(&buf, &len);
	scidtun_conf_print(f, &p, have, NULL, no_name, NULL, 0, NULL, 0);
	fclose(f);
	return buf;
}

char *show_of(const struct scidtun_link_data *d, enum scidtun_style style)
{
	struct ip_tunnel_parm p;
	size_t len;
	char *buf;
	FILE *f;

	shown_parm(&p, "t", 1);
	f = open_memstream(&buf, &len);
	if (style == SCIDTUN_STYLE_JSON) {
		scidtun_format_json(f, &p, no_name, NULL, d);
	} else {
		scidtun_format_fwmark(f, d, style);
		scidtun_format_encap(f, d, style);
		scidtun_format_clamp_mss(f, d, style);
	}
	fclose(f);
	return buf;
}

void check_optional_round_trip(const struct scid_tun *have, const char *want)
{
	char *buf = showconf_of(have);
	struct scidtun_request change;
	struct scidtun_conf conf;
	char err[512], what[128] = "";

	CHECK_STR(buf, want, "showconf");
	CHECK(!parse_conf(&conf, buf, err), "'%s' does not parse back: %s", buf, err);
	if (conf.count == 1) {
		memset(&change, 0, sizeof(change));
		CHECK(!scidtun_conf_optional_diff(&conf.tunnels[0].req, have, &change, what,
						  sizeof(what)),
		      "setconf of showconf's '%s' changes %s", buf, what);
	}
	scidtun_conf_free(&conf);
	free(buf);
}

void check_optional_diff(const char *text, const struct scid_tun *have, const char *want,
			 unsigned int given, uint32_t fwmark, uint32_t clamp_mss)
{
	struct scidtun_request change;
	struct scidtun_conf conf;
	char err[512], what[128] = "";
	bool differs;

	CHECK(!parse_conf(&conf, text, err), "'%s': %s", text, err);
	if (conf.count != 1)
		goto out;
	memset(&change, 0, sizeof(change));
	differs = scidtun_conf_optional_diff(&conf.tunnels[0].req, have, &change, what,
					     sizeof(what));
	CHECK(differs == (want[0] != '\0'), "'%s': differs %d, want '%s'", text, differs, want);
	CHECK_STR(what, want, text);
	if (differs)
		CHECK(change.given == given && change.fwmark == fwmark &&
		      change.clamp_mss == clamp_mss,
		      "'%s': sends given 0x%x fwmark %u clamp-mss %u, want 0x%x %u %u", text,
		      change.given, change.fwmark, change.clamp_mss, given, fwmark, clamp_mss);
out:
	scidtun_conf_free(&conf);
}
