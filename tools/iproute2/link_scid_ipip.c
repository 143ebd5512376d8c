// SPDX-License-Identifier: GPL-2.0
/*
 * link_scid_ipip.so: the "scid_ipip" kind for iproute2's `ip link`.
 *
 * ip(8) looks up an unknown kind as LIBDIR/ip/link_KIND.so and takes the
 * symbol KIND_link_util from it. The words are scidtun's (tools/lib/), so
 * a command line means the same tunnel, or the same error, in both.
 */

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <linux/if_link.h>

#include "../lib/allow_words.h"
#include "../lib/keepalive.h"
#include "../lib/tunnel_words.h"
#include "ip_plugin.h"

static void scid_print_help(struct link_util *lu, int argc, char **argv, FILE *f)
{
	(void)lu;
	(void)argc;
	(void)argv;
	fprintf(f, "Usage: ... scid_ipip OPTION...\nOPTION:\n");
	scid_tun_usage(f, "  ", 80);
	fprintf(f, "  [external] [allow PREFIX[,PREFIX...]|any|none]\n");
}

/* ip's lookup takes a const name and gives an unsigned index, as ours does. */
static unsigned int scid_lookup(const char *name)
{
	return ll_name_to_index(name);
}

static int scid_put_attr(void *ctx, int type, size_t size, uint32_t value)
{
	struct nlmsghdr *n = ctx;

	if (size == 4)
		return addattr32(n, SCID_REQ_MAX, type, value);
	if (size == 2)
		return addattr16(n, SCID_REQ_MAX, type, (__u16)value);
	return addattr8(n, SCID_REQ_MAX, type, (__u8)value);
}

/* The attribute of @type among @len bytes of them, or NULL. */
static struct rtattr *scid_find_attr(struct rtattr *rta, int len, unsigned short type)
{
	for (; RTA_OK(rta, len); rta = RTA_NEXT(rta, len)) {
		if (rta->rta_type == type)
			return rta;
	}
	return NULL;
}

/*
 * The tunnel @n changes, as the kernel reports it, for ip link set with
 * one of encap-csum and encap-remcsum: one attribute carries both, so the
 * other is read first, as iproute2's ipip reads its tunnel.
 */
static int scid_read_tunnel(const struct nlmsghdr *n, struct scid_tun *cur)
{
	const struct ifinfomsg *ifi = NLMSG_DATA(n);
	struct rtattr *tb[IFLA_SCID_MAX + 1] = { NULL };
	struct {
		struct nlmsghdr n;
		struct ifinfomsg i;
	} req = {
		.n.nlmsg_len = NLMSG_LENGTH(sizeof(struct ifinfomsg)),
		.n.nlmsg_flags = NLM_F_REQUEST,
		.n.nlmsg_type = RTM_GETLINK,
		.i.ifi_family = AF_UNSPEC,
		.i.ifi_index = ifi->ifi_index,
	};
	struct rtattr *info = NULL, *data = NULL, *rta;
	struct nlmsghdr *answer = NULL;
	int len;

	if (rtnl_talk(&rth, &req.n, &answer) < 0 || !answer)
		return -1;
	len = (int)answer->nlmsg_len - (int)NLMSG_LENGTH(sizeof(*ifi));
	if (answer->nlmsg_type == RTM_NEWLINK && len > 0)
		info = scid_find_attr(IFLA_RTA(NLMSG_DATA(answer)), len, IFLA_LINKINFO);
	if (info)
		data = scid_find_attr(RTA_DATA(info), (int)RTA_PAYLOAD(info), IFLA_INFO_DATA);
	if (!data) {
		free(answer);
		return -1;
	}
	len = (int)RTA_PAYLOAD(data);
	for (rta = RTA_DATA(data); RTA_OK(rta, len); rta = RTA_NEXT(rta, len)) {
		if (rta->rta_type <= IFLA_SCID_MAX)
			tb[rta->rta_type] = rta;
	}
	scid_tun_from_attrs(tb, cur);
	free(answer);
	return 0;
}

/*
 * The allow prefixes one ip link request holds: its buffer is 1 KiB
 * (SCID_REQ_MAX), and each prefix takes 12 bytes.
 */
#define SCID_PLUGIN_ALLOW_MAX 64

static int scid_put_external(struct nlmsghdr *n, const struct scid_external_words *x)
{
	struct rtattr *nest;
	unsigned int i;

	if (x->external && addattr_l(n, SCID_REQ_MAX, IFLA_IPTUN_COLLECT_METADATA, NULL, 0))
		return -1;
	if (!x->allow_given)
		return 0;
	nest = addattr_nest(n, SCID_REQ_MAX, IFLA_SCID_ALLOW);
	if (!nest)
		return -1;
	for (i = 0; i < x->allow->n; i++) {
		if (addattr_l(n, SCID_REQ_MAX, IFLA_SCID_ALLOW_PREFIX, &x->allow->prefix[i],
			      sizeof(x->allow->prefix[i])))
			return -1;
	}
	return addattr_nest_end(n, nest) < 0 ? -1 : 0;
}

/*
 * `ip link add` sends NLM_F_CREATE and, as scidtun add, needs a remote,
 * unless the tunnel is external; `ip link set` changes only the words
 * given.
 */
static int scid_parse_opt(struct link_util *lu, int argc, char **argv, struct nlmsghdr *n)
{
	enum scid_tun_cmd cmd = n && (n->nlmsg_flags & NLM_F_CREATE) ? SCID_TUN_ADD :
				SCID_TUN_CHANGE;
	static struct scid_allow allow;
	struct scid_external_words x = { .allow = &allow };
	char err[256], **rest;
	struct scid_tun t, cur;
	int i, nrest;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "help")) {
			scid_print_help(lu, 0, NULL, stderr);
			return -1;
		}
	}
	rest = calloc((size_t)argc + 1, sizeof(*rest));
	if (!rest)
		return -1;
	nrest = scid_take_external_words(argc, argv, rest, &x, SCID_PLUGIN_ALLOW_MAX, err,
					 sizeof(err));
	if (nrest >= 0 && cmd == SCID_TUN_ADD && x.allow_given && !x.external)
		nrest = scid_fail(err, sizeof(err), "'allow' is for external tunnels");
	/* An external tunnel's remote is each packet's: add takes none. */
	if (nrest >= 0 && scid_tun_parse(nrest, rest, x.external ? SCID_TUN_CHANGE : cmd,
					 scid_lookup, &t, err, sizeof(err)))
		nrest = -1;
	free(rest);
	if (nrest < 0) {
		fprintf(stderr, "scid_ipip: %s\n", err);
		return -1;
	}
	if (cmd == SCID_TUN_CHANGE && scid_tun_needs_encap_flags(&t)) {
		if (scid_read_tunnel(n, &cur)) {
			fprintf(stderr, "scid_ipip: cannot read the tunnel's encap flags\n");
			return -1;
		}
		scid_tun_take_encap_flags(&t, &cur);
	}
	if (scid_tun_to_attrs(&t, scid_put_attr, n))
		return -1;
	return scid_put_external(n, &x);
}

static char *scid_index_name(unsigned int index, char *name)
{
	const char *s = ll_index_to_name(index);

	if (!s || !*s)
		return NULL;
	snprintf(name, IF_NAMESIZE, "%s", s);
	return name;
}

/* What print_opt prints from, and whether ip -j's "encap" object is open. */
struct scid_print {
	const struct scid_tun *t;
	bool in_encap;
};

static bool scid_encap_word(enum scid_tun_field f)
{
	return f >= SCID_TUN_ENCAP && f <= SCID_TUN_ENCAP_REMCSUM;
}

/* Close "encap" before the words after it, or at the end, whichever comes first. */
static void scid_end_encap(struct scid_print *p)
{
	if (p->in_encap)
		close_json_object();
	p->in_encap = false;
}

static void scid_print_word(void *ctx, const struct scid_word *w, const char *value)
{
	struct scid_print *p = ctx;
	const struct scid_tun *t = p->t;
	char fmt[32];

	if (!scid_encap_word(w->field))
		scid_end_encap(p);

	snprintf(fmt, sizeof(fmt), "%s %%s ", w->keyword);
	switch (w->field) {
	case SCID_TUN_MODE:
		/* In JSON as "proto", before the words (scid_print_opt()). */
		print_color_string(PRINT_FP, SCID_COLOR_NONE, NULL, fmt, value);
		break;
	case SCID_TUN_DEV:
		print_color_string(PRINT_ANY, SCID_COLOR_NONE, "link", fmt, value);
		break;
	case SCID_TUN_TTL:
		if (is_json_context())
			print_color_uint(PRINT_JSON, SCID_COLOR_NONE, "ttl", NULL, t->ttl);
		else
			print_color_string(PRINT_FP, SCID_COLOR_NONE, NULL, fmt, value);
		break;
	/*
	 * Only with encap fou or gue, in a row (scid_tun_words()): ip's words
	 * for ipip's, in JSON the object "encap" as scidtun -j has it.
	 */
	case SCID_TUN_ENCAP:
		open_json_object("encap");
		p->in_encap = true;
		print_color_string(PRINT_ANY, SCID_COLOR_NONE, "type", fmt, value);
		break;
	case SCID_TUN_ENCAP_SPORT:
		if (is_json_context() && t->encap_sport)
			print_color_uint(PRINT_JSON, SCID_COLOR_NONE, "sport", NULL, t->encap_sport);
		else
			print_color_string(PRINT_ANY, SCID_COLOR_NONE, "sport", fmt, value);
		break;
	case SCID_TUN_ENCAP_DPORT:
		snprintf(fmt, sizeof(fmt), "%s %%u ", w->keyword);
		print_color_uint(PRINT_ANY, SCID_COLOR_NONE, "dport", fmt, t->encap_dport);
		break;
	case SCID_TUN_ENCAP_CSUM:
	case SCID_TUN_ENCAP_REMCSUM:
		snprintf(fmt, sizeof(fmt), "%s ", w->keyword);
		print_color_bool(PRINT_ANY, SCID_COLOR_NONE,
				 w->field == SCID_TUN_ENCAP_CSUM ? "csum" : "remcsum", fmt, w->flag);
		break;
	case SCID_TUN_MTU:
		/* A number in JSON, as ttl: 0 is auto. */
		if (is_json_context())
			print_color_uint(PRINT_JSON, SCID_COLOR_NONE, "mtu", NULL, t->mtu);
		else
			print_color_string(PRINT_FP, SCID_COLOR_NONE, NULL, fmt, value);
		break;
	case SCID_TUN_CLAMP_MSS:
		/* Never off here (scid_tun_words()); JSON as scidtun -j: the MSS, or "auto". */
		if (!is_json_context())
			print_color_string(PRINT_FP, SCID_COLOR_NONE, NULL, fmt, value);
		else if (t->clamp_mss == SCID_CLAMP_MSS_AUTO)
			print_color_string(PRINT_JSON, SCID_COLOR_NONE, "clamp_mss", NULL, value);
		else
			print_color_uint(PRINT_JSON, SCID_COLOR_NONE, "clamp_mss", NULL,
					 t->clamp_mss);
		break;
	case SCID_TUN_KEEPALIVE:
		/* "100ms" or "2s" as add takes it; JSON has no units, so ms. */
		if (is_json_context())
			print_color_uint(PRINT_JSON, SCID_COLOR_NONE, "keepalive_ms", NULL,
					 t->keepalive);
		else
			print_color_string(PRINT_FP, SCID_COLOR_NONE, NULL, fmt, value);
		break;
	case SCID_TUN_HOLD:
	case SCID_TUN_RISE:
		snprintf(fmt, sizeof(fmt), "%s %%u ", w->keyword);
		print_color_uint(PRINT_ANY, SCID_COLOR_NONE, w->keyword, fmt,
				 w->field == SCID_TUN_HOLD ? t->hold : t->rise);
		break;
	case SCID_TUN_PMTU_PROBE:
		/* Never off here (scid_tun_words()); JSON as scidtun -j: true. */
		print_color_bool(PRINT_JSON, SCID_COLOR_NONE, "pmtu_probe", NULL, t->pmtu_probe);
		print_color_string(PRINT_FP, SCID_COLOR_NONE, NULL, fmt, value);
		break;
	case SCID_TUN_PMTU_RAISE:
		/* "10m" as add takes it; in ms for JSON, as keepalive. */
		if (is_json_context())
			print_color_uint(PRINT_JSON, SCID_COLOR_NONE, "pmtu_raise_ms", NULL,
					 t->pmtu_raise);
		else
			print_color_string(PRINT_FP, SCID_COLOR_NONE, NULL, fmt, value);
		break;
	case SCID_TUN_DF:
		snprintf(fmt, sizeof(fmt), "%s ", w->keyword);
		print_color_bool(PRINT_ANY, SCID_COLOR_NONE, "pmtudisc", fmt,
				 t->df == SCID_PMTUDISC_ON);
		if (t->df == SCID_PMTUDISC_NODF)
			print_color_bool(PRINT_JSON, SCID_COLOR_NONE, "nodf", NULL, true);
		break;
	default:
		print_color_string(PRINT_ANY, SCID_COLOR_NONE, w->keyword, fmt, value);
		break;
	}
}

/* What the kernel measured, after the words; never for keepalive off. */
static void scid_print_keepalive(struct rtattr *tb[], const struct scid_tun *t)
{
	struct scid_ka_status ka;

	if (!t->keepalive)
		return;
	scid_ka_status_from_attrs(tb, &ka);
	print_color_string(PRINT_ANY, SCID_COLOR_NONE, "keepalive_state", "state %s ",
			   scid_ka_state_text(ka.state));
	/* Before a first reply there is no age and no round trip: no keys either. */
	if (!scid_ka_replied(&ka)) {
		print_color_string(PRINT_FP, SCID_COLOR_NONE, NULL, "last %s ", "never");
		return;
	}
	print_color_uint(PRINT_ANY, SCID_COLOR_NONE, "keepalive_last_ms", "last %ums ", ka.last);
	print_color_uint(PRINT_ANY, SCID_COLOR_NONE, "keepalive_rtt_us", "rtt %uus ", ka.rtt);
}

/*
 * What the path MTU search found, after the keepalive's; never for probing
 * off. pmtu-* rather than state and last, which the keepalive's took.
 */
static void scid_print_pmtu(struct rtattr *tb[], const struct scid_tun *t)
{
	struct scid_pmtu_status ps;

	if (!t->pmtu_probe)
		return;
	scid_pmtu_status_from_attrs(tb, &ps);
	/* Before a size is found or confirmed: no keys, as keepalive's last and rtt. */
	if (ps.pmtu)
		print_color_uint(PRINT_ANY, SCID_COLOR_NONE, "pmtu", "pmtu %u ", ps.pmtu);
	else
		print_color_string(PRINT_FP, SCID_COLOR_NONE, NULL, "pmtu %s ", "none");
	print_color_string(PRINT_ANY, SCID_COLOR_NONE, "pmtu_state", "pmtu-state %s ",
			   scid_pmtu_state_text(ps.state));
	if (ps.age != SCID_KA_NEVER)
		print_color_uint(PRINT_ANY, SCID_COLOR_NONE, "pmtu_age_ms", "pmtu-age %ums ",
				 ps.age);
	else
		print_color_string(PRINT_FP, SCID_COLOR_NONE, NULL, "pmtu-age %s ", "never");
}

/*
 * external and its allow list, first, as ip prints ipip's external; the
 * list as allow takes it back (a /32 bare, 0.0.0.0/0 alone as any), in JSON an
 * array of A.B.C.D/LEN.
 */
static void scid_print_external(struct rtattr *tb[])
{
	static struct scid_allow allow;
	char text[SCID_PREFIX_TEXT];
	unsigned int i;

	if (!tb[IFLA_IPTUN_COLLECT_METADATA])
		return;
	print_color_bool(PRINT_ANY, SCID_COLOR_NONE, "external", "external ", true);
	open_json_array(PRINT_JSON, "allow");
	print_color_string(PRINT_FP, SCID_COLOR_NONE, NULL, "%s", "allow ");
	scid_allow_from_attr(tb[IFLA_SCID_ALLOW], &allow);
	for (i = 0; i < allow.n; i++) {
		print_color_string(PRINT_JSON, SCID_COLOR_NONE, NULL, NULL,
				   scid_prefix_text(&allow.prefix[i], false, text));
		print_color_string(PRINT_FP, SCID_COLOR_NONE, NULL, i ? ",%s" : "%s",
				   scid_allow_is_any(&allow) ? "any" :
				   scid_prefix_text(&allow.prefix[i], true, text));
	}
	print_color_string(PRINT_FP, SCID_COLOR_NONE, NULL, "%s ", allow.n ? "" : "none");
	close_json_array(PRINT_JSON, NULL);
}

/* The words of `scidtun show`, which `ip link add` also takes back. */
static void scid_print_opt(struct link_util *lu, FILE *f, struct rtattr *tb[])
{
	struct scid_print p = { .in_encap = false };
	struct scid_tun t;

	(void)lu;
	(void)f;
	if (!tb)
		return;
	scid_tun_from_attrs(tb, &t);
	p.t = &t;
	/*
	 * ip -j has ipip's "proto" always; the text has "mode WORD" only
	 * when not ipip, as words add takes back (ipip's bare word is not).
	 */
	print_color_string(PRINT_JSON, SCID_COLOR_NONE, "proto", NULL, scid_mode_text(t.mode));
	scid_print_external(tb);
	scid_tun_words(&t, SCID_WORDS_INPUT, scid_index_name, scid_print_word, &p);
	scid_end_encap(&p);
	scid_print_keepalive(tb, &t);
	scid_print_pmtu(tb, &t);
}

__attribute__((visibility("default"))) struct link_util scid_ipip_link_util = {
	.id = "scid_ipip",
	.maxattr = IFLA_SCID_MAX,
	.parse_opt = scid_parse_opt,
	.print_opt = scid_print_opt,
	.print_help = scid_print_help,
};
