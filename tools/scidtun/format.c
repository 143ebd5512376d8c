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

/**
 * scidtun_tunnel_fields() - a tunnel's values as the words show prints
 * @p: the parameters from SIOCGETTUNNEL
 * @indextoname: turns p->link into a name
 * @f: receives the words
 */
void scidtun_tunnel_fields(const struct ip_tunnel_parm *p, scidtun_name_fn indextoname,
			   struct scidtun_fields *f)
{
	char buf[SCID_TUN_TEXT_MAX];
	struct scid_tun t;
	int i;

	/* The kernel's name field is not promised a NUL. */
	snprintf(f->name, sizeof(f->name), "%.*s", IFNAMSIZ, p->name);
	scid_tun_from_parm(p, &t);
	for (i = 0; i < SCID_TUN_NFIELDS; i++)
		snprintf(f->value[i], sizeof(f->value[i]), "%s",
			 scid_tun_text(&t, i, indextoname, buf));
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
	int i;

	widen(&w->name, f->name);
	for (i = 0; i < SCID_TUN_NFIELDS; i++)
		widen(&w->value[i], f->value[i]);
}

/* The mode as ip tunnel show names it: ip/ip, mpls/ip, any/ip. */
static const char *scidtun_mode_slash(uint8_t mode)
{
	switch (mode) {
	case IPPROTO_IPIP:
		return "ip/ip";
	case IPPROTO_MPLS:
		return "mpls/ip";
	case 0:
		return "any/ip";
	}
	return "unknown/ip";
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
	int n, i, pad;

	scidtun_tunnel_fields(p, indextoname, &f);
	pad = w->name > (int)strlen(f.name) ? w->name - (int)strlen(f.name) : 0;
	if (style == SCIDTUN_STYLE_TABS)
		n = snprintf(buf, len, "%s", f.name);
	else
		n = snprintf(buf, len, "%s:%*s %s", f.name, pad, "",
			     scidtun_mode_slash(p->iph.protocol));
	/* remote, local, dev, ttl, tos, then the DF flag's own word. */
	for (i = SCID_TUN_REMOTE; i < SCID_TUN_PARM_FIELDS && n >= 0 && (size_t)n < len; i++) {
		if (style == SCIDTUN_STYLE_TABS)
			n += snprintf(buf + n, len - (size_t)n, "\t%s", f.value[i]);
		else if (i == SCID_TUN_DF)
			n += snprintf(buf + n, len - (size_t)n, " %s", f.value[i]);
		else
			n += snprintf(buf + n, len - (size_t)n, " %s %-*s", scid_field_keyword(i),
				      w->value[i], f.value[i]);
	}
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

static uint32_t link_fwmark(const struct scidtun_link_data *d)
{
	return d && d->have ? d->words.fwmark : 0;
}

static uint32_t link_clamp_mss(const struct scidtun_link_data *d)
{
	return d && d->have ? d->words.clamp_mss : SCID_CLAMP_MSS_OFF;
}

/* One word of the kind's data as " KEYWORD VALUE", or "\tKEYWORD=VALUE" for scripts. */
static void format_word(FILE *out, const struct scidtun_link_data *d, enum scid_tun_field f,
			enum scidtun_style style)
{
	char buf[SCID_TUN_TEXT_MAX];

	fprintf(out, style == SCIDTUN_STYLE_TABS ? "\t%s=%s" : " %s %s", scid_field_keyword(f),
		scid_tun_text(&d->words, f, NULL, buf));
}

/**
 * scidtun_format_fwmark() - a tunnel's fwmark, at the end of its show line
 * @out: where to print
 * @d: what rtnetlink said of the tunnel, or NULL
 * @style: " fwmark 0x10" after the human line's words, or the tab-separated
 *	   KEY=VALUE field "fwmark=0x10" (the caller ends the line)
 *
 * Nothing for a tunnel without one, as ip -d link shows ipip's, so that its
 * lines stay as they were.
 */
void scidtun_format_fwmark(FILE *out, const struct scidtun_link_data *d,
			   enum scidtun_style style)
{
	if (link_fwmark(d) && style != SCIDTUN_STYLE_JSON)
		format_word(out, d, SCID_TUN_FWMARK, style);
}

static bool external_on(const struct scidtun_link_data *d)
{
	return d && d->have && d->external;
}

/**
 * scidtun_format_external() - an external tunnel's words, after the line's own
 * @out: where to print
 * @d: what rtnetlink said of the tunnel, or NULL
 * @style: " external allow 198.51.100.0/24,203.0.113.7" on the human line
 *	   (the list as allow takes it back: "none" when empty, "any" for
 *	   0.0.0.0/0), or the KEY=VALUE fields "external=on" and "allow=..."
 *	   for scripts (the caller ends the line)
 *
 * Nothing for a tunnel that is not external, so that its lines stay as
 * they were. Its remote and local read "any": it has none of its own.
 */
void scidtun_format_external(FILE *out, const struct scidtun_link_data *d,
			     enum scidtun_style style)
{
	if (!external_on(d) || style == SCIDTUN_STYLE_JSON)
		return;
	fputs(style == SCIDTUN_STYLE_TABS ? "\texternal=on\tallow=" : " external allow ", out);
	if (d->allow)
		scid_allow_print(out, d->allow);
	else
		fputs("unknown", out);
}

static bool encap_on(const struct scidtun_link_data *d)
{
	return d && d->have && d->words.encap != TUNNEL_ENCAP_NONE;
}

/**
 * scidtun_format_encap() - a tunnel's FOU or GUE, after its fwmark
 * @out: where to print
 * @d: what rtnetlink said of the tunnel, or NULL
 * @style: the five words in ip -d link's order, " encap fou encap-sport
 *	   auto encap-dport 5555 noencap-csum noencap-remcsum", or for scripts
 *	   the KEY=VALUE fields "encap=fou", "encap-sport=auto",
 *	   "encap-dport=5555", "encap-csum=off", "encap-remcsum=off" (the
 *	   caller ends the line)
 *
 * Nothing for encap none, as ip -d link shows ipip's, so that the lines of
 * a tunnel without it stay as they were.
 */
void scidtun_format_encap(FILE *out, const struct scidtun_link_data *d,
			  enum scidtun_style style)
{
	char buf[SCID_TUN_TEXT_MAX];
	int f;

	if (!encap_on(d) || style == SCIDTUN_STYLE_JSON)
		return;
	for (f = SCID_TUN_ENCAP; f <= SCID_TUN_ENCAP_REMCSUM; f++) {
		if (f == SCID_TUN_ENCAP_CSUM || f == SCID_TUN_ENCAP_REMCSUM) {
			/* A flag: its own word on the line, on or off for scripts. */
			if (style == SCIDTUN_STYLE_TABS)
				fprintf(out, "\t%s=%s", scid_field_keyword(f),
					(f == SCID_TUN_ENCAP_CSUM ? d->words.encap_csum :
					 d->words.encap_remcsum) ? "on" : "off");
			else
				fprintf(out, " %s", scid_tun_text(&d->words, f, NULL, buf));
			continue;
		}
		format_word(out, d, f, style);
	}
}

/**
 * scidtun_format_clamp_mss() - a tunnel's clamp-mss, after its fwmark
 * @out: where to print
 * @d: what rtnetlink said of the tunnel, or NULL
 * @style: " clamp-mss 1360" or " clamp-mss auto" on the human line, or the
 *	   KEY=VALUE field "clamp-mss=1360" for scripts (the caller ends the line)
 *
 * Nothing while it is off, as for fwmark 0, so that the lines of a tunnel
 * that does not clamp stay as they were.
 */
void scidtun_format_clamp_mss(FILE *out, const struct scidtun_link_data *d,
			      enum scidtun_style style)
{
	if (link_clamp_mss(d) != SCID_CLAMP_MSS_OFF && style != SCIDTUN_STYLE_JSON)
		format_word(out, d, SCID_TUN_CLAMP_MSS, style);
}

static bool keepalive_on(const struct scidtun_link_data *d)
{
	return d && d->have && d->words.keepalive;
}

/**
 * scidtun_format_keepalive() - a tunnel's keepalive, as show prints it
 * @out: where to print
 * @d: what rtnetlink said of the tunnel, or NULL
 * @style: a line of its own under the tunnel's, indented as the counters
 *	   are; or the tab-separated KEY=VALUE fields that end the tunnel's
 *	   line (the caller ends the line)
 *
 * Nothing for a tunnel without keepalive, so that its lines stay as they
 * were. The interval reads as add takes it, the last reply's age in ms,
 * its round trip in µs; "last never" and no rtt before a first reply.
 */
void scidtun_format_keepalive(FILE *out, const struct scidtun_link_data *d,
			      enum scidtun_style style)
{
	const char *sep = style == SCIDTUN_STYLE_TABS ? "=" : " ";
	const char *lead = style == SCIDTUN_STYLE_TABS ? "\t" : " ";
	char buf[SCID_TUN_TEXT_MAX];

	if (!keepalive_on(d) || style == SCIDTUN_STYLE_JSON)
		return;
	if (style == SCIDTUN_STYLE_HUMAN)
		fputs("   ", out);
	fprintf(out, "%skeepalive%s%s%shold%s%u%srise%s%u%sstate%s%s", lead, sep,
		scid_interval_text(d->words.keepalive, buf), lead, sep, d->words.hold, lead, sep,
		d->words.rise, lead, sep, scid_ka_state_text(d->ka.state));
	if (scid_ka_replied(&d->ka))
		fprintf(out, "%slast%s%ums%srtt%s%uus", lead, sep, d->ka.last, lead, sep,
			d->ka.rtt);
	else
		fprintf(out, "%slast%snever", lead, sep);
	if (style == SCIDTUN_STYLE_HUMAN)
		fputc('\n', out);
}

static bool pmtu_probe_on(const struct scidtun_link_data *d)
{
	return d && d->have && d->words.pmtu_probe;
}

/**
 * scidtun_format_pmtu() - a tunnel's path MTU probing, as show prints it
 * @out: where to print
 * @d: what rtnetlink said of the tunnel, or NULL
 * @style: a line of its own under the keepalive's; or the tab-separated
 *	   KEY=VALUE fields after the keepalive's (the caller ends the line)
 *
 * Nothing while probing is off, as for keepalive, even with a pmtu-raise
 * the kernel keeps. "pmtu none" before a size was found, "pmtu-age never"
 * before one was confirmed; the keys are pmtu-*, not the keepalive's
 * state and last, so that the tab-separated fields stay unique.
 */
void scidtun_format_pmtu(FILE *out, const struct scidtun_link_data *d,
			 enum scidtun_style style)
{
	const char *sep = style == SCIDTUN_STYLE_TABS ? "=" : " ";
	const char *lead = style == SCIDTUN_STYLE_TABS ? "\t" : " ";
	char buf[SCID_TUN_TEXT_MAX];

	if (!pmtu_probe_on(d) || style == SCIDTUN_STYLE_JSON)
		return;
	if (style == SCIDTUN_STYLE_HUMAN)
		fputs("   ", out);
	fprintf(out, "%spmtu-probe%son%spmtu-raise%s%s%spmtu%s", lead, sep, lead, sep,
		scid_duration_text(d->words.pmtu_raise, buf), lead, sep);
	if (d->pmtu.pmtu)
		fprintf(out, "%u", d->pmtu.pmtu);
	else
		fputs("none", out);
	fprintf(out, "%spmtu-state%s%s%spmtu-age%s", lead, sep,
		scid_pmtu_state_text(d->pmtu.state), lead, sep);
	if (d->pmtu.age != SCID_KA_NEVER)
		fprintf(out, "%ums", d->pmtu.age);
	else
		fputs("never", out);
	if (style == SCIDTUN_STYLE_HUMAN)
		fputc('\n', out);
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

/* "clamp_mss": the MSS as a number, "auto", or null when off, as keepalive is. */
static void json_clamp_mss(FILE *out, const struct scidtun_link_data *d)
{
	uint32_t mss = link_clamp_mss(d);

	fputs(",\"clamp_mss\":", out);
	if (mss == SCID_CLAMP_MSS_OFF)
		fputs("null", out);
	else if (mss == SCID_CLAMP_MSS_AUTO)
		fputs("\"auto\"", out);
	else
		fprintf(out, "%u", mss);
}

/*
 * "encap": null for none, else {"type", "sport", "dport", "csum",
 * "remcsum"}, the keys of ip -j for ipip's; "sport" is "auto" for a port
 * from the flow's hash, as "clamp_mss" is "auto".
 */
static void json_encap(FILE *out, const struct scidtun_link_data *d)
{
	char buf[SCID_TUN_TEXT_MAX];

	fputs(",\"encap\":", out);
	if (!encap_on(d)) {
		fputs("null", out);
		return;
	}
	fputs("{\"type\":", out);
	scidtun_json_string(out, scid_tun_text(&d->words, SCID_TUN_ENCAP, NULL, buf), SIZE_MAX);
	fputs(",\"sport\":", out);
	if (d->words.encap_sport)
		fprintf(out, "%u", d->words.encap_sport);
	else
		fputs("\"auto\"", out);
	fprintf(out, ",\"dport\":%u,\"csum\":%s,\"remcsum\":%s}", d->words.encap_dport,
		d->words.encap_csum ? "true" : "false", d->words.encap_remcsum ? "true" : "false");
}

/* "keepalive": null when off; the age and round trip null before a first reply. */
static void json_keepalive(FILE *out, const struct scidtun_link_data *d)
{
	fputs(",\"keepalive\":", out);
	if (!keepalive_on(d)) {
		fputs("null", out);
		return;
	}
	fprintf(out, "{\"interval_ms\":%u,\"hold\":%u,\"rise\":%u,\"state\":",
		d->words.keepalive, d->words.hold, d->words.rise);
	scidtun_json_string(out, scid_ka_state_text(d->ka.state), SIZE_MAX);
	if (scid_ka_replied(&d->ka))
		fprintf(out, ",\"last_reply_ms\":%u,\"rtt_us\":%u}", d->ka.last, d->ka.rtt);
	else
		fputs(",\"last_reply_ms\":null,\"rtt_us\":null}", out);
}

/*
 * Flat keys, as "fwmark" and "clamp_mss": "pmtu_probe" and "pmtu_raise_ms"
 * always (the kernel keeps the interval while probing is off), the found
 * MTU and its age null while there is none or probing is off, "pmtu_state"
 * "off" then.
 */
static void json_pmtu(FILE *out, const struct scidtun_link_data *d)
{
	bool on = pmtu_probe_on(d);

	fprintf(out, ",\"pmtu_probe\":%s,\"pmtu_raise_ms\":%u,\"pmtu\":", on ? "true" : "false",
		d && d->have ? d->words.pmtu_raise : SCID_PMTU_RAISE_DEFAULT);
	if (on && d->pmtu.pmtu)
		fprintf(out, "%u", d->pmtu.pmtu);
	else
		fputs("null", out);
	fputs(",\"pmtu_state\":", out);
	scidtun_json_string(out, scid_pmtu_state_text(on ? d->pmtu.state : SCID_PMTU_STATE_OFF),
			    SIZE_MAX);
	fputs(",\"pmtu_age_ms\":", out);
	if (on && d->pmtu.age != SCID_KA_NEVER)
		fprintf(out, "%u", d->pmtu.age);
	else
		fputs("null", out);
}

/* "external" always; "allow" null unless external, else its prefixes as "A/LEN". */
static void json_external(FILE *out, const struct scidtun_link_data *d)
{
	char buf[SCID_PREFIX_TEXT];
	unsigned int i;

	fprintf(out, ",\"external\":%s,\"allow\":", external_on(d) ? "true" : "false");
	if (!external_on(d) || !d->allow) {
		fputs("null", out);
		return;
	}
	fputc('[', out);
	for (i = 0; i < d->allow->n; i++) {
		if (i)
			fputc(',', out);
		scidtun_json_string(out, scid_prefix_text(&d->allow->prefix[i], false, buf),
				    sizeof(buf));
	}
	fputc(']', out);
}

/**
 * scidtun_format_json() - print one tunnel as a JSON object
 * @out: where to print
 * @p: the parameters from SIOCGETTUNNEL
 * @indextoname: turns p->link into a name
 * @stats: the counters to add as "stats", or NULL
 * @d: what rtnetlink said of the tunnel, for "fwmark", "encap",
 *     "clamp_mss", "keepalive", the "pmtu_*" keys, "external" and "allow";
 *     NULL reads as no mark, encap none, no clamping, keepalive off,
 *     probing off and not external
 *
 * The keys and their types are part of the interface (scidtun(8), JSON
 * OUTPUT): new keys may come, none changes.
 */
void scidtun_format_json(FILE *out, const struct ip_tunnel_parm *p, scidtun_name_fn indextoname,
			 const struct scidtun_stats *stats, const struct scidtun_link_data *d)
{
	char name[IF_NAMESIZE];
	struct scidtun_fields f;
	size_t i;

	scidtun_tunnel_fields(p, indextoname, &f);
	fputc('{', out);
	json_key(out, "ifname");
	scidtun_json_string(out, f.name, sizeof(f.name));
	fputc(',', out);
	json_key(out, "mode");
	scidtun_json_string(out, scid_mode_text(p->iph.protocol), SCID_TUN_TEXT_MAX);
	fputc(',', out);
	json_key(out, "remote");
	scidtun_json_string(out, f.value[SCID_TUN_REMOTE], SCID_TUN_TEXT_MAX);
	fputc(',', out);
	json_key(out, "local");
	scidtun_json_string(out, f.value[SCID_TUN_LOCAL], SCID_TUN_TEXT_MAX);
	fputc(',', out);
	json_key(out, "dev");
	if (p->link > 0 && indextoname((unsigned int)p->link, name))
		scidtun_json_string(out, name, IFNAMSIZ);
	else
		fputs("null", out);
	fprintf(out, ",\"link\":%d,\"ttl\":%u,\"tos\":%u,", p->link, p->iph.ttl, p->iph.tos);
	json_key(out, "df");
	scidtun_json_string(out, f.value[SCID_TUN_DF], SCID_TUN_TEXT_MAX);
	fprintf(out, ",\"fwmark\":%u", link_fwmark(d));
	json_encap(out, d);
	json_clamp_mss(out, d);
	json_keepalive(out, d);
	json_pmtu(out, d);
	json_external(out, d);
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
