// SPDX-License-Identifier: GPL-2.0
/*
 * Tunnels as text: the aligned human lines, the tab-separated lines for
 * scripts, and JSON. Pure, with the ifindex lookup passed in, so the exact
 * output every style promises can be tested on any host.
 */

#include <arpa/inet.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "format.h"

static void addr_field(char buf[SCIDTUN_FIELD_MAX], __u32 addr)
{
	struct in_addr in = { .s_addr = addr };

	if (!addr)
		snprintf(buf, SCIDTUN_FIELD_MAX, "any");
	else
		inet_ntop(AF_INET, &in, buf, SCIDTUN_FIELD_MAX);
}

static void dev_field(char buf[SCIDTUN_FIELD_MAX], int link, scidtun_name_fn indextoname)
{
	char name[IF_NAMESIZE];

	if (!link) {
		snprintf(buf, SCIDTUN_FIELD_MAX, "none");
		return;
	}
	/* A dev that has gone away still deserves to be shown. */
	if (link < 0 || !indextoname((unsigned int)link, name))
		snprintf(buf, SCIDTUN_FIELD_MAX, "%d", link);
	else
		snprintf(buf, SCIDTUN_FIELD_MAX, "%.*s", IFNAMSIZ - 1, name);
}

static const char *df_word(__be16 frag_off)
{
	if (frag_off & htons(SCIDTUN_IP_DF))
		return "pmtudisc";
	if (frag_off & htons(SCIDTUN_IP_NODF))
		return "nodf";
	return "nopmtudisc";
}

/**
 * scidtun_tunnel_fields() - a tunnel's values as the words show prints
 * @p: the parameters from SIOCGETTUNNEL
 * @indextoname: turns p->link into a name
 * @f: receives the words
 */
void scidtun_tunnel_fields(const struct ip_tunnel_parm *p, scidtun_name_fn indextoname,
			   struct scidtun_fields *f)
{
	/* The kernel's name field is not promised a NUL. */
	snprintf(f->name, sizeof(f->name), "%.*s", IFNAMSIZ, p->name);
	addr_field(f->remote, p->iph.daddr);
	addr_field(f->local, p->iph.saddr);
	dev_field(f->dev, p->link, indextoname);
	if (!p->iph.ttl)
		snprintf(f->ttl, sizeof(f->ttl), "inherit");
	else
		snprintf(f->ttl, sizeof(f->ttl), "%u", p->iph.ttl);
	/* Any other odd value is shown in hex, which parses back the same. */
	if (p->iph.tos == SCIDTUN_TOS_INHERIT)
		snprintf(f->tos, sizeof(f->tos), "inherit");
	else
		snprintf(f->tos, sizeof(f->tos), "0x%02x", p->iph.tos);
	f->df = df_word(p->iph.frag_off);
}

static void widen(int *w, const char *s)
{
	int n = (int)strlen(s);

	if (n > *w)
		*w = n;
}

/**
 * scidtun_widths_add() - make @w wide enough for the tunnel @f too
 * @w: the widths so far, zeroed before the first tunnel
 * @f: one tunnel's words
 */
void scidtun_widths_add(struct scidtun_widths *w, const struct scidtun_fields *f)
{
	widen(&w->name, f->name);
	widen(&w->remote, f->remote);
	widen(&w->local, f->local);
	widen(&w->dev, f->dev);
	widen(&w->ttl, f->ttl);
	widen(&w->tos, f->tos);
}

/**
 * scidtun_format_tunnel() - render one tunnel, without a trailing newline
 * @buf: receives the line
 * @len: size of @buf; SCIDTUN_FORMAT_MAX is always enough
 * @p: the parameters from SIOCGETTUNNEL
 * @style: SCIDTUN_STYLE_HUMAN or SCIDTUN_STYLE_TABS
 * @indextoname: turns p->link into a name
 * @widths: for the human style, the columns to pad to; NULL for none
 *
 * Return: the length of the line, or -1 if it did not fit in @buf.
 */
int scidtun_format_tunnel(char *buf, size_t len, const struct ip_tunnel_parm *p,
			  enum scidtun_style style, scidtun_name_fn indextoname,
			  const struct scidtun_widths *widths)
{
	static const struct scidtun_widths none;
	const struct scidtun_widths *w = widths ? widths : &none;
	struct scidtun_fields f;
	int n;

	scidtun_tunnel_fields(p, indextoname, &f);
	if (style == SCIDTUN_STYLE_TABS)
		n = snprintf(buf, len, "%s\t%s\t%s\t%s\t%s\t%s\t%s", f.name, f.remote, f.local,
			     f.dev, f.ttl, f.tos, f.df);
	else
		n = snprintf(buf, len,
			     "%s:%*s ip/ip remote %-*s local %-*s dev %-*s ttl %-*s tos %-*s %s",
			     f.name, w->name > (int)strlen(f.name) ? w->name - (int)strlen(f.name) : 0,
			     "", w->remote, f.remote, w->local, f.local, w->dev, f.dev, w->ttl, f.ttl,
			     w->tos, f.tos, f.df);
	if (n < 0 || (size_t)n >= len)
		return -1;
	return n;
}

/**
 * scidtun_format_stats() - the counters printed under a tunnel by show -s
 * @out: where to print
 * @s: the counters
 * @style: human lines, or the tab-separated fields that continue the
 *	   tunnel's line (the caller ends the line)
 *
 * The human style names only the driver's counters that are not zero; the
 * other styles give them all.
 */
void scidtun_format_stats(FILE *out, const struct scidtun_stats *s, enum scidtun_style style)
{
	bool any = false;
	size_t i;

	if (style == SCIDTUN_STYLE_TABS) {
		fprintf(out, "\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64
			"\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64,
			s->rx_packets, s->rx_bytes, s->rx_errors, s->rx_dropped,
			s->tx_packets, s->tx_bytes, s->tx_errors, s->tx_dropped);
		for (i = 0; i < s->ncounters; i++)
			fprintf(out, "\t%.*s=%" PRIu64, ETH_GSTRING_LEN, s->names[i], s->values[i]);
		return;
	}
	fprintf(out, "    rx: %" PRIu64 " packets, %" PRIu64 " bytes, %" PRIu64 " errors, %"
		PRIu64 " dropped\n", s->rx_packets, s->rx_bytes, s->rx_errors, s->rx_dropped);
	fprintf(out, "    tx: %" PRIu64 " packets, %" PRIu64 " bytes, %" PRIu64 " errors, %"
		PRIu64 " dropped\n", s->tx_packets, s->tx_bytes, s->tx_errors, s->tx_dropped);
	fprintf(out, "    counters:");
	for (i = 0; i < s->ncounters; i++) {
		if (!s->values[i])
			continue;
		fprintf(out, "%s %.*s %" PRIu64, any ? "," : "", ETH_GSTRING_LEN, s->names[i],
			s->values[i]);
		any = true;
	}
	fprintf(out, "%s\n", any ? "" : " all zero");
}

/**
 * scidtun_json_string() - print @s as a JSON string, quotes included
 * @out: where to print
 * @s: the bytes, up to a NUL or @max of them
 * @max: the most bytes to read from @s
 */
void scidtun_json_string(FILE *out, const char *s, size_t max)
{
	size_t i;

	fputc('"', out);
	for (i = 0; i < max && s[i]; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c == '\t')
			fputs("\\t", out);
		else if (c < 0x20 || c == 0x7f)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

static void json_key(FILE *out, const char *key)
{
	scidtun_json_string(out, key, SIZE_MAX);
	fputc(':', out);
}

static void json_counts(FILE *out, const char *key, uint64_t packets, uint64_t bytes,
			uint64_t errors, uint64_t dropped)
{
	json_key(out, key);
	fprintf(out, "{\"packets\":%" PRIu64 ",\"bytes\":%" PRIu64 ",\"errors\":%" PRIu64
		",\"dropped\":%" PRIu64 "}", packets, bytes, errors, dropped);
}

/**
 * scidtun_format_json() - print one tunnel as a JSON object
 * @out: where to print
 * @p: the parameters from SIOCGETTUNNEL
 * @indextoname: turns p->link into a name
 * @stats: the counters to add as "stats", or NULL
 *
 * The keys and their types are part of the interface (scidtun(8), JSON
 * OUTPUT): new keys may come, none changes.
 */
void scidtun_format_json(FILE *out, const struct ip_tunnel_parm *p, scidtun_name_fn indextoname,
			 const struct scidtun_stats *stats)
{
	char name[IF_NAMESIZE];
	struct scidtun_fields f;
	size_t i;

	scidtun_tunnel_fields(p, indextoname, &f);
	fputc('{', out);
	json_key(out, "ifname");
	scidtun_json_string(out, f.name, sizeof(f.name));
	fputs(",\"mode\":\"ipip\",", out);
	json_key(out, "remote");
	scidtun_json_string(out, f.remote, sizeof(f.remote));
	fputc(',', out);
	json_key(out, "local");
	scidtun_json_string(out, f.local, sizeof(f.local));
	fputc(',', out);
	json_key(out, "dev");
	if (p->link > 0 && indextoname((unsigned int)p->link, name))
		scidtun_json_string(out, name, IFNAMSIZ);
	else
		fputs("null", out);
	fprintf(out, ",\"link\":%d,\"ttl\":%u,\"tos\":%u,", p->link, p->iph.ttl, p->iph.tos);
	json_key(out, "df");
	scidtun_json_string(out, f.df, SIZE_MAX);
	if (stats) {
		fputs(",\"stats\":{", out);
		json_counts(out, "rx", stats->rx_packets, stats->rx_bytes, stats->rx_errors,
			    stats->rx_dropped);
		fputc(',', out);
		json_counts(out, "tx", stats->tx_packets, stats->tx_bytes, stats->tx_errors,
			    stats->tx_dropped);
		fputs(",\"counters\":{", out);
		for (i = 0; i < stats->ncounters; i++) {
			if (i)
				fputc(',', out);
			scidtun_json_string(out, stats->names[i], ETH_GSTRING_LEN);
			fprintf(out, ":%" PRIu64, stats->values[i]);
		}
		fputs("}}", out);
	}
	fputc('}', out);
}
