// SPDX-License-Identifier: GPL-2.0
/*
 * The tunnel's words: one table that parses, prints and documents each
 * keyword, linked into scidtun and into link_scid_ipip.so, so that both
 * take the same command lines to the same tunnel or to the same error.
 * Pure: no kernel, no globals; the interface lookups are passed in.
 */

#include <arpa/inet.h>
#include <ctype.h>
#include <stdarg.h>
#include <string.h>

#include "tunnel_words.h"

/**
 * scid_fail() - write a message for the caller to print
 * @err: receives the message
 * @errlen: size of @err
 * @fmt: printf format
 *
 * Return: -1, for the caller to return.
 */
int scid_fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* Decimal, or hex with 0x when @hex_ok; nothing else (no sign, space, octal), <= 255. */
static bool parse_u8(const char *s, bool hex_ok, unsigned int *out)
{
	unsigned int base = 10, v = 0, d;

	if (hex_ok && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s)
		return false;
	for (; *s; s++) {
		if (isdigit((unsigned char)*s))
			d = *s - '0';
		else if (base == 16 && isxdigit((unsigned char)*s))
			d = tolower((unsigned char)*s) - 'a' + 10;
		else
			return false;
		v = v * base + d;
		if (v > 255)
			return false;
	}
	*out = v;
	return true;
}

/* The kernel would refuse these with a bare EINVAL: say which and why here. */
static int parse_endpoint(const char *what, const char *s, uint32_t *out, char *err,
			  size_t errlen)
{
	struct in_addr in;
	uint32_t host;

	if (!strcmp(s, "any")) {
		*out = 0;
		return 0;
	}
	if (inet_pton(AF_INET, s, &in) != 1)
		return scid_fail(err, errlen, "invalid %s '%s': not an IPv4 address", what, s);
	host = ntohl(in.s_addr);
	if ((host >> 28) == 0xe)
		return scid_fail(err, errlen, "invalid %s '%s': multicast address", what, s);
	if (host == 0xffffffff)
		return scid_fail(err, errlen, "invalid %s '%s': broadcast address", what, s);
	if ((host >> 24) == 127)
		return scid_fail(err, errlen, "invalid %s '%s': loopback address", what, s);
	*out = in.s_addr;
	return 0;
}

/**
 * scid_check_ifname() - check that @name can be a Linux interface name
 * @what: the keyword to name in the message ("name", "dev")
 * @name: the candidate
 * @err: receives the message on failure
 * @errlen: size of @err
 *
 * Return: 0, or -1 with @err set.
 */
int scid_check_ifname(const char *what, const char *name, char *err, size_t errlen)
{
	size_t len = strlen(name);
	const char *c;

	if (!len)
		return scid_fail(err, errlen, "invalid %s '': empty", what);
	if (len >= IFNAMSIZ)
		return scid_fail(err, errlen, "invalid %s '%s': longer than %d bytes", what, name,
				 IFNAMSIZ - 1);
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return scid_fail(err, errlen, "invalid %s '%s': reserved", what, name);
	for (c = name; *c; c++) {
		if (*c == '/' || *c == ':')
			return scid_fail(err, errlen, "invalid %s '%s': contains '%c'", what, name,
					 *c);
		if (isspace((unsigned char)*c))
			return scid_fail(err, errlen, "invalid %s '%s': contains whitespace", what,
					 name);
	}
	return 0;
}

/* ipip's modes, with the names ip link and ip tunnel give them. */
static const struct {
	const char *name;
	uint8_t proto;
} scid_modes[] = {
	{ "ipip", IPPROTO_IPIP }, { "ip/ip", IPPROTO_IPIP }, { "ip4ip4", IPPROTO_IPIP },
	{ "mplsip", IPPROTO_MPLS }, { "mpls/ip", IPPROTO_MPLS },
	{ "any", 0 }, { "any/ip", 0 },
};

static int parse_mode(struct scid_tun *t, const char *value, scid_tun_lookup_fn lookup,
		      char *err, size_t errlen)
{
	size_t i;

	(void)lookup;
	for (i = 0; i < sizeof(scid_modes) / sizeof(scid_modes[0]); i++) {
		if (!strcmp(value, scid_modes[i].name)) {
			t->mode = scid_modes[i].proto;
			return 0;
		}
	}
	return scid_fail(err, errlen,
			 "invalid mode '%s': use ipip (IPv4), mplsip (MPLS) or any (both)",
			 value);
}

/**
 * scid_mode_text() - the word of a mode (iph.protocol, IFLA_IPTUN_PROTO)
 * @mode: IPPROTO_IPIP, IPPROTO_MPLS or 0
 *
 * Return: "ipip", "mplsip", "any", or "unknown" for what no kernel sets.
 */
const char *scid_mode_text(uint8_t mode)
{
	switch (mode) {
	case IPPROTO_IPIP:
		return "ipip";
	case IPPROTO_MPLS:
		return "mplsip";
	case 0:
		return "any";
	}
	return "unknown";
}

static int parse_remote(struct scid_tun *t, const char *value, scid_tun_lookup_fn lookup,
			char *err, size_t errlen)
{
	(void)lookup;
	return parse_endpoint("remote", value, &t->remote, err, errlen);
}

static int parse_local(struct scid_tun *t, const char *value, scid_tun_lookup_fn lookup,
		       char *err, size_t errlen)
{
	(void)lookup;
	return parse_endpoint("local", value, &t->local, err, errlen);
}

static int parse_dev(struct scid_tun *t, const char *value, scid_tun_lookup_fn lookup,
		     char *err, size_t errlen)
{
	unsigned int index;

	if (scid_check_ifname("dev", value, err, errlen))
		return -1;
	index = lookup(value);
	if (!index || index > INT32_MAX)
		return scid_fail(err, errlen, "invalid dev '%s': no such interface", value);
	t->link = index;
	return 0;
}

/* Decimal only: "0x10" is refused rather than read as 16 or as 0. */
static int parse_ttl(struct scid_tun *t, const char *value, scid_tun_lookup_fn lookup,
		     char *err, size_t errlen)
{
	unsigned int ttl = 0;

	(void)lookup;
	if (strcmp(value, "inherit") && !parse_u8(value, false, &ttl))
		return scid_fail(err, errlen, "invalid ttl '%s': expected 1..255 or inherit",
				 value);
	t->ttl = (uint8_t)ttl;
	return 0;
}

static int parse_tos(struct scid_tun *t, const char *value, scid_tun_lookup_fn lookup,
		     char *err, size_t errlen)
{
	unsigned int tos = SCID_TOS_INHERIT;

	(void)lookup;
	if (strcmp(value, "inherit") && !parse_u8(value, true, &tos))
		return scid_fail(err, errlen,
				 "invalid tos '%s': expected 0..255, 0x00..0xff or inherit", value);
	t->tos = (uint8_t)tos;
	return 0;
}

/* The range of scid_tunnel_setup(): IPv4's minimum up to what a 20-byte header leaves. */
#define SCID_MTU_MIN 68
#define SCID_MTU_MAX (65535 - 20)

static int parse_mtu(struct scid_tun *t, const char *value, scid_tun_lookup_fn lookup,
		     char *err, size_t errlen)
{
	unsigned long mtu = 0;
	const char *c;

	(void)lookup;
	if (!strcmp(value, "auto")) {
		t->mtu = 0;
		return 0;
	}
	for (c = value; *c && isdigit((unsigned char)*c) && mtu <= SCID_MTU_MAX; c++)
		mtu = mtu * 10 + (unsigned long)(*c - '0');
	if (!*value || *c || mtu < SCID_MTU_MIN || mtu > SCID_MTU_MAX)
		return scid_fail(err, errlen, "invalid mtu '%s': expected %d..%d or auto", value,
				 SCID_MTU_MIN, SCID_MTU_MAX);
	t->mtu = (uint16_t)mtu;
	return 0;
}

/*
 * Decimal or 0x hex, as ip's get_u32() reads a mark, up to 0xffffffff. ip
 * reads a leading 0 as octal ("010" is 8): refused, not read otherwise.
 */
static int parse_fwmark(struct scid_tun *t, const char *value, scid_tun_lookup_fn lookup,
			char *err, size_t errlen)
{
	const char *c = value;
	unsigned int base = 10;
	uint64_t v = 0;

	(void)lookup;
	if (c[0] == '0' && (c[1] == 'x' || c[1] == 'X')) {
		base = 16;
		c += 2;
	} else if (c[0] == '0' && isdigit((unsigned char)c[1])) {
		return scid_fail(err, errlen,
				 "invalid fwmark '%s': a leading 0 reads as octal to ip; write it in decimal or 0x hex",
				 value);
	}
	if (!*c)
		return scid_fail(err, errlen,
				 "invalid fwmark '%s': expected 0..4294967295 or 0x0..0xffffffff", value);
	for (; *c; c++) {
		if (isdigit((unsigned char)*c))
			v = v * base + (uint64_t)(*c - '0');
		else if (base == 16 && isxdigit((unsigned char)*c))
			v = v * base + (uint64_t)(tolower((unsigned char)*c) - 'a' + 10);
		else
			break;
		if (v > UINT32_MAX)
			break;
	}
	if (*c)
		return scid_fail(err, errlen,
				 "invalid fwmark '%s': expected 0..4294967295 or 0x0..0xffffffff", value);
	t->fwmark = (uint32_t)v;
	return 0;
}

/* Digits only, at most @max; anything past it reads as @max + 1. */
static bool parse_bounded(const char **s, uint64_t max, uint64_t *out)
{
	const char *c = *s;
	uint64_t v = 0;

	for (; isdigit((unsigned char)*c); c++)
		v = v > max ? max + 1 : v * 10 + (uint64_t)(*c - '0');
	if (c == *s)
		return false;
	*s = c;
	*out = v > max ? max + 1 : v;
	return true;
}

/*
 * Decimal only, as mtu: 0 and 1 are the kernel's codes for off and auto,
 * never an MSS, so they are refused as numbers rather than read as those.
 */
static int parse_clamp_mss(struct scid_tun *t, const char *value, scid_tun_lookup_fn lookup,
			   char *err, size_t errlen)
{
	const char *c = value;
	uint64_t n;

	(void)lookup;
	if (!strcmp(value, "off")) {
		t->clamp_mss = SCID_CLAMP_MSS_OFF;
		return 0;
	}
	if (!strcmp(value, "auto")) {
		t->clamp_mss = SCID_CLAMP_MSS_AUTO;
		return 0;
	}
	if (!parse_bounded(&c, SCID_CLAMP_MSS_MAX, &n) || *c || n < SCID_CLAMP_MSS_MIN ||
	    n > SCID_CLAMP_MSS_MAX)
		return scid_fail(err, errlen, "invalid clamp-mss '%s': expected %d..%d, auto or off",
				 value, SCID_CLAMP_MSS_MIN, SCID_CLAMP_MSS_MAX);
	t->clamp_mss = (uint32_t)n;
	return 0;
}

static int parse_encap(struct scid_tun *t, const char *value, scid_tun_lookup_fn lookup,
		       char *err, size_t errlen)
{
	(void)lookup;
	if (!strcmp(value, "fou"))
		t->encap = TUNNEL_ENCAP_FOU;
	else if (!strcmp(value, "gue"))
		t->encap = TUNNEL_ENCAP_GUE;
	else if (!strcmp(value, "none"))
		t->encap = TUNNEL_ENCAP_NONE;
	else
		return scid_fail(err, errlen, "invalid encap '%s': expected fou, gue or none",
				 value);
	return 0;
}

/*
 * A UDP port, @min..65535, in decimal. ip's get_u16() reads a leading 0
 * as octal ("010" is 8), so such a port is refused, as for fwmark, rather
 * than read as another port than ip would.
 */
static int parse_port(const char *what, const char *value, uint64_t min, const char *expected,
		      uint16_t *out, char *err, size_t errlen)
{
	const char *c = value;
	uint64_t n;

	if (c[0] == '0' && isdigit((unsigned char)c[1]))
		return scid_fail(err, errlen,
				 "invalid %s '%s': a leading 0 reads as octal to ip; write it in decimal",
				 what, value);
	if (!parse_bounded(&c, UINT16_MAX, &n) || *c || n < min || n > UINT16_MAX)
		return scid_fail(err, errlen, "invalid %s '%s': expected %s", what, value, expected);
	*out = (uint16_t)n;
	return 0;
}

/* 0 is auto, as in IFLA_IPTUN_ENCAP_SPORT: the kernel hashes the inner flow. */
static int parse_encap_sport(struct scid_tun *t, const char *value, scid_tun_lookup_fn lookup,
			     char *err, size_t errlen)
{
	(void)lookup;
	if (!strcmp(value, "auto")) {
		t->encap_sport = 0;
		return 0;
	}
	return parse_port("encap-sport", value, 0, "0..65535 or auto", &t->encap_sport, err,
			  errlen);
}

/* Port 0 is no port to send to: the kernel refuses it with fou and gue. */
static int parse_encap_dport(struct scid_tun *t, const char *value, scid_tun_lookup_fn lookup,
			     char *err, size_t errlen)
{
	(void)lookup;
	return parse_port("encap-dport", value, 1, "1..65535", &t->encap_dport, err, errlen);
}

#define KA_EXPECTED "expected 50ms..600s, with its unit (100ms, 2s), or off"
#define PMTU_RAISE_EXPECTED "expected 1s..24h, with its unit (1500ms, 2s, 10m, 1h)"

/* What one keyword takes as a duration, in ms. */
struct duration_spec {
	const char *keyword;
	uint64_t min, max;
	size_t nunits;		/* of duration_units: 2 for ms and s, 4 with m and h */
	const char *expected;
};

static const struct {
	const char *unit;
	uint32_t ms;
} duration_units[] = {
	{ "ms", 1 }, { "s", 1000 }, { "m", 60 * 1000 }, { "h", 60 * 60 * 1000 },
};

/*
 * A whole number and its unit. The unit is required: "100" could be ms,
 * as ip's timers, or s, as Cisco's. keepalive takes ms and s only: its
 * range ends at 600s, and "1m" read as a minute or as a typo of "1ms" is
 * a guess better refused.
 */
static int parse_duration(const struct duration_spec *d, const char *value, uint32_t *out,
			  char *err, size_t errlen)
{
	const char *c = value;
	uint64_t n;
	size_t i;

	if (!parse_bounded(&c, d->max, &n))
		return scid_fail(err, errlen, "invalid %s '%s': %s", d->keyword, value,
				 d->expected);
	if (*c == '.' || *c == ',')
		return scid_fail(err, errlen, "invalid %s '%s': not a whole number; %s",
				 d->keyword, value, d->expected);
	if (!*c)
		return scid_fail(err, errlen, "invalid %s '%s': no unit; %s", d->keyword, value,
				 d->expected);
	for (i = 0; i < d->nunits && strcmp(c, duration_units[i].unit); i++)
		;
	if (i == d->nunits)
		return scid_fail(err, errlen, "invalid %s '%s': unknown unit '%s'; %s",
				 d->keyword, value, c, d->expected);
	/* parse_bounded() stops at max + 1, so this cannot overflow. */
	n *= duration_units[i].ms;
	if (n < d->min || n > d->max)
		return scid_fail(err, errlen, "invalid %s '%s': out of range; %s", d->keyword,
				 value, d->expected);
	*out = (uint32_t)n;
	return 0;
}

static int parse_keepalive(struct scid_tun *t, const char *value, scid_tun_lookup_fn lookup,
			   char *err, size_t errlen)
{
	static const struct duration_spec spec = {
		"keepalive", SCID_KA_INTERVAL_MIN, SCID_KA_INTERVAL_MAX, 2, KA_EXPECTED
	};

	(void)lookup;
	if (!strcmp(value, "off")) {
		t->keepalive = 0;
		return 0;
	}
	return parse_duration(&spec, value, &t->keepalive, err, errlen);
}

static int parse_count(const char *what, const char *value, uint32_t *out, char *err,
		       size_t errlen)
{
	const char *c = value;
	uint64_t n;

	if (!parse_bounded(&c, SCID_KA_COUNT_MAX, &n) || *c || !n || n > SCID_KA_COUNT_MAX)
		return scid_fail(err, errlen, "invalid %s '%s': expected 1..%d", what, value,
				 SCID_KA_COUNT_MAX);
	*out = (uint32_t)n;
	return 0;
}

static int parse_hold(struct scid_tun *t, const char *value, scid_tun_lookup_fn lookup,
		      char *err, size_t errlen)
{
	(void)lookup;
	return parse_count("hold", value, &t->hold, err, errlen);
}

static int parse_rise(struct scid_tun *t, const char *value, scid_tun_lookup_fn lookup,
		      char *err, size_t errlen)
{
	(void)lookup;
	return parse_count("rise", value, &t->rise, err, errlen);
}

static int parse_pmtu_probe(struct scid_tun *t, const char *value, scid_tun_lookup_fn lookup,
			    char *err, size_t errlen)
{
	(void)lookup;
	if (!strcmp(value, "on"))
		t->pmtu_probe = 1;
	else if (!strcmp(value, "off"))
		t->pmtu_probe = 0;
	else
		return scid_fail(err, errlen, "invalid pmtu-probe '%s': expected on or off", value);
	return 0;
}

/* Up to a day: "10m" (the default) and "1h" read better than 600s and 3600s. */
static int parse_pmtu_raise(struct scid_tun *t, const char *value, scid_tun_lookup_fn lookup,
			    char *err, size_t errlen)
{
	static const struct duration_spec spec = {
		"pmtu-raise", SCID_PMTU_RAISE_MIN, SCID_PMTU_RAISE_MAX, 4, PMTU_RAISE_EXPECTED
	};

	(void)lookup;
	return parse_duration(&spec, value, &t->pmtu_raise, err, errlen);
}

/*
 * The table. Aliases are those of ip-tunnel(8) and ip-link(8) for the same
 * field, so that their command lines carry over; only the keyword is printed.
 */
const struct scid_word scid_words[] = {
	{ "mode", { NULL }, SCID_TUN_MODE, "ipip|mplsip|any", 0, parse_mode,
	  "what the tunnel carries: IPv4 (ipip, the default), MPLS (mplsip), or both (any)" },
	{ "remote", { NULL }, SCID_TUN_REMOTE, "ADDR|any", 0, parse_remote,
	  "the far end, the outer destination; any for no fixed peer" },
	{ "local", { NULL }, SCID_TUN_LOCAL, "ADDR|any", 0, parse_local,
	  "the outer source address; any (the default) lets routing choose" },
	{ "dev", { "link", NULL }, SCID_TUN_DEV, "IFACE", 0, parse_dev,
	  "send the outer packets out of IFACE only" },
	{ "ttl", { "hoplimit", NULL }, SCID_TUN_TTL, "1..255|inherit", 0, parse_ttl,
	  "the outer TTL, in decimal; inherit (or 0, the default) copies the inner one" },
	{ "tos", { "dsfield", NULL }, SCID_TUN_TOS, "0..255|0xNN|inherit", 0, parse_tos,
	  "the outer TOS, decimal or 0xNN; inherit copies the inner one; default 0" },
	{ "pmtudisc", { NULL }, SCID_TUN_DF, NULL, SCID_PMTUDISC_ON, NULL,
	  "always set DF on outer packets (the default)" },
	{ "nopmtudisc", { NULL }, SCID_TUN_DF, NULL, SCID_PMTUDISC_INHERIT, NULL,
	  "copy DF from the inner packet; only with ttl inherit" },
	{ "nodf", { NULL }, SCID_TUN_DF, NULL, SCID_PMTUDISC_NODF, NULL,
	  "never set DF on outer packets" },
	{ "fwmark", { NULL }, SCID_TUN_FWMARK, "MARK", 0, parse_fwmark,
	  "mark the outer packets' route lookups with MARK (decimal or 0xNN) for ip rule fwmark; 0 (the default) clears it" },
	{ "encap", { NULL }, SCID_TUN_ENCAP, "fou|gue|none", 0, parse_encap,
	  "put outer packets in UDP (fou) or UDP and GUE (gue); the receiving host needs modprobe fou and ip fou add port PORT ipproto 4 (fou) or gue; the MTU is 28 (fou) or 32 (gue) lower; none (the default) is plain IPIP" },
	{ "noencap", { NULL }, SCID_TUN_ENCAP, NULL, TUNNEL_ENCAP_NONE, NULL,
	  "the same as encap none" },
	{ "encap-sport", { NULL }, SCID_TUN_ENCAP_SPORT, "PORT|auto", 0, parse_encap_sport,
	  "the outer UDP source port; auto (or 0, the default) hashes each inner flow to its own port" },
	{ "encap-dport", { NULL }, SCID_TUN_ENCAP_DPORT, "1..65535", 0, parse_encap_dport,
	  "the outer UDP destination port: the one the peer's ip fou add listens on; required with fou and gue" },
	{ "encap-csum", { NULL }, SCID_TUN_ENCAP_CSUM, NULL, 1, NULL,
	  "put a UDP checksum on outer packets" },
	{ "noencap-csum", { NULL }, SCID_TUN_ENCAP_CSUM, NULL, 0, NULL,
	  "send outer packets with UDP checksum 0, as IPv4 allows (the default)" },
	{ "encap-remcsum", { NULL }, SCID_TUN_ENCAP_REMCSUM, NULL, 1, NULL,
	  "GUE remote checksum offload; only with encap gue" },
	{ "noencap-remcsum", { NULL }, SCID_TUN_ENCAP_REMCSUM, NULL, 0, NULL,
	  "no remote checksum offload (the default)" },
	{ "mtu", { NULL }, SCID_TUN_MTU, "68..65515|auto", 0, parse_mtu,
	  "pin the tunnel's MTU, even at its current value; auto (the default) follows the device below" },
	{ "clamp-mss", { NULL }, SCID_TUN_CLAMP_MSS, "536..65495|auto|off", 0, parse_clamp_mss,
	  "lower the MSS option of TCP SYNs crossing the tunnel to N, or to its MTU less 40 (auto); off (the default) leaves them alone" },
	{ "keepalive", { NULL }, SCID_TUN_KEEPALIVE, "INTERVAL|off", 0, parse_keepalive,
	  "probe the remote every INTERVAL (with its unit: 100ms, 2s); off (the default) sends nothing" },
	{ "hold", { NULL }, SCID_TUN_HOLD, "1..100", 0, parse_hold,
	  "probes unanswered in a row before the tunnel loses its carrier; default 3" },
	{ "rise", { NULL }, SCID_TUN_RISE, "1..100", 0, parse_rise,
	  "probes answered in a row before it gets the carrier back; default 2" },
	{ "pmtu-probe", { NULL }, SCID_TUN_PMTU_PROBE, "on|off", 0, parse_pmtu_probe,
	  "also send keepalive probes padded to the sizes under test, and lower the tunnel's MTU to the largest that comes back; needs keepalive; off (the default)" },
	{ "pmtu-raise", { NULL }, SCID_TUN_PMTU_RAISE, "INTERVAL", 0, parse_pmtu_raise,
	  "after a search, try larger sizes again every INTERVAL (1s..24h, with its unit: 90s, 10m, 1h); default 10m" },
};

const size_t scid_nwords = sizeof(scid_words) / sizeof(scid_words[0]);

/* What a flag row sets: its field's value, which the rows of one field share. */
static void set_flag(struct scid_tun *t, const struct scid_word *w)
{
	switch (w->field) {
	case SCID_TUN_ENCAP:
		t->encap = w->flag;
		break;
	case SCID_TUN_ENCAP_CSUM:
		t->encap_csum = w->flag;
		break;
	case SCID_TUN_ENCAP_REMCSUM:
		t->encap_remcsum = w->flag;
		break;
	default:
		t->df = w->flag;
		break;
	}
}

/* The value of a field that has flag rows, to find the row that names it. */
static unsigned int flag_value(const struct scid_tun *t, enum scid_tun_field f)
{
	switch (f) {
	case SCID_TUN_ENCAP:
		return t->encap;
	case SCID_TUN_ENCAP_CSUM:
		return t->encap_csum;
	case SCID_TUN_ENCAP_REMCSUM:
		return t->encap_remcsum;
	default:
		return t->df;
	}
}

/* The flag row of @f that names its value in @t, or NULL. */
static const struct scid_word *flag_row(const struct scid_tun *t, enum scid_tun_field f)
{
	size_t i;

	for (i = 0; i < scid_nwords; i++) {
		if (scid_words[i].field == f && !scid_words[i].arg &&
		    scid_words[i].flag == flag_value(t, f))
			return &scid_words[i];
	}
	return NULL;
}

/**
 * scid_word_find() - the row a command-line word names
 * @word: a keyword or one of its aliases
 *
 * Return: the row, or NULL.
 */
const struct scid_word *scid_word_find(const char *word)
{
	const char *const *a;
	size_t i;

	for (i = 0; i < scid_nwords; i++) {
		if (!strcmp(scid_words[i].keyword, word))
			return &scid_words[i];
		for (a = scid_words[i].aliases; *a; a++) {
			if (!strcmp(*a, word))
				return &scid_words[i];
		}
	}
	return NULL;
}

/**
 * scid_tun_defaults() - the tunnel add makes from no words but remote
 * @t: receives it, with nothing given
 */
void scid_tun_defaults(struct scid_tun *t)
{
	memset(t, 0, sizeof(*t));
	t->mode = IPPROTO_IPIP;
	t->df = SCID_PMTUDISC_ON;
	t->hold = SCID_KA_HOLD_DEFAULT;
	t->rise = SCID_KA_RISE_DEFAULT;
	t->pmtu_raise = SCID_PMTU_RAISE_DEFAULT;
}

/**
 * scid_tun_check_df() - refuse a fixed TTL with nopmtudisc
 * @t: the tunnel as it would be
 * @new: SCID_TUN_GIVEN() bits of the fields the command line sets
 * @err: receives the message on failure
 * @errlen: size of @err
 *
 * The kernel sets DF whenever the TTL is fixed (module/params.c), so
 * "nopmtudisc" would be quietly turned into "pmtudisc": say so instead.
 *
 * Return: 0, or -1 with @err set naming the word that was given.
 */
int scid_tun_check_df(const struct scid_tun *t, unsigned int new, char *err, size_t errlen)
{
	if (!t->ttl || t->df != SCID_PMTUDISC_INHERIT)
		return 0;
	if ((new & SCID_TUN_GIVEN(SCID_TUN_TTL)) && (new & SCID_TUN_GIVEN(SCID_TUN_DF)))
		return scid_fail(err, errlen,
				 "ttl '%u' conflicts with 'nopmtudisc': a fixed ttl makes the kernel set DF (use 'ttl inherit')",
				 t->ttl);
	if (new & SCID_TUN_GIVEN(SCID_TUN_TTL))
		return scid_fail(err, errlen,
				 "ttl '%u' conflicts with the tunnel's nopmtudisc: a fixed ttl makes the kernel set DF (add 'pmtudisc')",
				 t->ttl);
	return scid_fail(err, errlen,
			 "'nopmtudisc' conflicts with the tunnel's ttl %u: a fixed ttl makes the kernel set DF (add 'ttl inherit')",
			 t->ttl);
}

/*
 * What the kernel would refuse of a UDP encapsulation, said with the words
 * that fix it. For change only what one command line shows: the tunnel's
 * own encapsulation and port are the kernel's to check.
 */
static int scid_tun_check_encap(const struct scid_tun *t, enum scid_tun_cmd cmd, char *err,
				size_t errlen)
{
	char type[SCID_TUN_TEXT_MAX];

	if (cmd == SCID_TUN_ADD && t->encap != TUNNEL_ENCAP_NONE && !t->encap_dport)
		return scid_fail(err, errlen,
				 "encap %s needs encap-dport: add 'encap-dport PORT', the UDP port of the peer's 'ip fou add port PORT %s'",
				 scid_tun_text(t, SCID_TUN_ENCAP, NULL, type),
				 t->encap == TUNNEL_ENCAP_GUE ? "gue" : "ipproto 4");
	if (t->encap_remcsum && t->encap != TUNNEL_ENCAP_GUE &&
	    (cmd == SCID_TUN_ADD || (t->given & SCID_TUN_GIVEN(SCID_TUN_ENCAP))))
		return scid_fail(err, errlen,
				 "encap-remcsum needs 'encap gue', not 'encap %s': remote checksum offload is a GUE option",
				 scid_tun_text(t, SCID_TUN_ENCAP, NULL, type));
	return 0;
}

/**
 * scid_tun_parse() - parse "[keyword value]..." into a tunnel
 * @argc: number of words in @argv
 * @argv: the words, without the tunnel's name
 * @cmd: SCID_TUN_ADD starts from the defaults and requires remote;
 *	 SCID_TUN_CHANGE takes what is given, even nothing
 * @lookup: resolves the interface name given to dev
 * @out: receives the tunnel; untouched on failure
 * @err: receives the message on failure, naming the bad word
 * @errlen: size of @err
 *
 * Return: 0, or -1 with @err set.
 */
int scid_tun_parse(int argc, char **argv, enum scid_tun_cmd cmd, scid_tun_lookup_fn lookup,
		   struct scid_tun *out, char *err, size_t errlen)
{
	const char *seen[SCID_TUN_NFIELDS] = { NULL };
	const struct scid_word *w, *seen_row[SCID_TUN_NFIELDS] = { NULL };
	struct scid_tun t;
	int i;

	scid_tun_defaults(&t);
	for (i = 0; i < argc; i++) {
		w = scid_word_find(argv[i]);
		if (!w)
			return scid_fail(err, errlen, "unknown keyword '%s'", argv[i]);
		if (seen_row[w->field] == w)
			return scid_fail(err, errlen, "repeated keyword '%s'", argv[i]);
		if (seen[w->field])
			return scid_fail(err, errlen, "'%s' conflicts with '%s'", argv[i],
					 seen[w->field]);
		seen[w->field] = argv[i];
		seen_row[w->field] = w;
		if (!w->arg) {
			set_flag(&t, w);
		} else {
			if (i + 1 >= argc)
				return scid_fail(err, errlen, "missing value for '%s'", argv[i]);
			if (w->parse(&t, argv[++i], lookup, err, errlen))
				return -1;
		}
		t.given |= SCID_TUN_GIVEN(w->field);
	}

	if (cmd == SCID_TUN_ADD && !(t.given & SCID_TUN_GIVEN(SCID_TUN_REMOTE)))
		return scid_fail(err, errlen,
				 "missing 'remote' (use 'remote any' for a tunnel without a fixed peer)");
	if (cmd == SCID_TUN_ADD && t.keepalive && !t.remote)
		return scid_fail(err, errlen, "keepalive needs a remote address ('remote any' has no peer to probe)");
	/*
	 * The probes are the keepalive's packets, padded: the kernel refuses
	 * probing without keepalive, and says so for change, which cannot
	 * see the tunnel's keepalive here. On one command line it can.
	 */
	if (t.pmtu_probe && !t.keepalive &&
	    (cmd == SCID_TUN_ADD || (t.given & SCID_TUN_GIVEN(SCID_TUN_KEEPALIVE))))
		return scid_fail(err, errlen,
				 "pmtu-probe needs keepalive: add 'keepalive INTERVAL' (e.g. 'keepalive 1s') or leave 'pmtu-probe' off");
	/* Fragmented outer packets would pass at every size: the kernel refuses nodf too. */
	if (t.pmtu_probe && t.df == SCID_PMTUDISC_NODF &&
	    (cmd == SCID_TUN_ADD || (t.given & SCID_TUN_GIVEN(SCID_TUN_DF))))
		return scid_fail(err, errlen,
				 "pmtu-probe needs DF on the outer packets: 'nodf' turns it off (use 'pmtudisc')");
	if ((t.given & SCID_TUN_GIVEN(SCID_TUN_TTL)) && (t.given & SCID_TUN_GIVEN(SCID_TUN_DF)) &&
	    scid_tun_check_df(&t, t.given, err, errlen))
		return -1;
	if (scid_tun_check_encap(&t, cmd, err, errlen))
		return -1;
	*out = t;
	return 0;
}

/**
 * scid_interval_text() - a keepalive interval in the words that set it
 * @ms: the interval; 0 is off
 * @buf: room for the text
 *
 * Whole seconds print as seconds ("2s"), the rest in ms ("1500ms").
 *
 * Return: the text (@buf or a constant).
 */
const char *scid_interval_text(uint32_t ms, char buf[SCID_TUN_TEXT_MAX])
{
	if (!ms)
		return "off";
	if (ms % 1000)
		snprintf(buf, SCID_TUN_TEXT_MAX, "%ums", ms);
	else
		snprintf(buf, SCID_TUN_TEXT_MAX, "%us", ms / 1000);
	return buf;
}

/**
 * scid_duration_text() - a duration in the largest unit that writes it whole
 * @ms: the duration
 * @buf: room for the text
 *
 * "1h", "10m", "90s" or "1500ms", each of which pmtu-raise takes back.
 *
 * Return: @buf.
 */
const char *scid_duration_text(uint32_t ms, char buf[SCID_TUN_TEXT_MAX])
{
	size_t i = sizeof(duration_units) / sizeof(duration_units[0]);

	while (--i && (!ms || ms % duration_units[i].ms))
		;
	snprintf(buf, SCID_TUN_TEXT_MAX, "%u%s", ms / duration_units[i].ms,
		 duration_units[i].unit);
	return buf;
}

static const char *addr_text(uint32_t addr, char buf[SCID_TUN_TEXT_MAX])
{
	struct in_addr in = { .s_addr = addr };

	if (!addr)
		return "any";
	return inet_ntop(AF_INET, &in, buf, SCID_TUN_TEXT_MAX);
}

/**
 * scid_tun_text() - one field's value in the words add takes
 * @t: the tunnel
 * @f: the field
 * @indextoname: turns t->link into a name
 * @buf: room for the text, used when it is not a constant
 *
 * dev is "none" when unbound and the index when the interface is gone;
 * the DF field is its flag's keyword.
 *
 * Return: the text (@buf or a constant).
 */
const char *scid_tun_text(const struct scid_tun *t, enum scid_tun_field f,
			  scid_tun_name_fn indextoname, char buf[SCID_TUN_TEXT_MAX])
{
	const struct scid_word *w;
	char name[IF_NAMESIZE];

	switch (f) {
	case SCID_TUN_MODE:
		return scid_mode_text(t->mode);
	case SCID_TUN_REMOTE:
		return addr_text(t->remote, buf);
	case SCID_TUN_LOCAL:
		return addr_text(t->local, buf);
	case SCID_TUN_DEV:
		if (!t->link)
			return "none";
		if (t->link > INT32_MAX || !indextoname(t->link, name))
			snprintf(buf, SCID_TUN_TEXT_MAX, "%u", t->link);
		else
			snprintf(buf, SCID_TUN_TEXT_MAX, "%.*s", IFNAMSIZ - 1, name);
		return buf;
	case SCID_TUN_TTL:
		if (!t->ttl)
			return "inherit";
		snprintf(buf, SCID_TUN_TEXT_MAX, "%u", t->ttl);
		return buf;
	case SCID_TUN_TOS:
		/* Any other odd value is shown in hex, which parses back the same. */
		if (t->tos == SCID_TOS_INHERIT)
			return "inherit";
		snprintf(buf, SCID_TUN_TEXT_MAX, "0x%02x", t->tos);
		return buf;
	case SCID_TUN_DF:
		w = flag_row(t, f);
		return w ? w->keyword : "nopmtudisc";
	case SCID_TUN_FWMARK:
		/* As ip -d link prints ipip's (%#x): 0 is "0", the rest 0x hex. */
		if (!t->fwmark)
			return "0";
		snprintf(buf, SCID_TUN_TEXT_MAX, "0x%x", t->fwmark);
		return buf;
	case SCID_TUN_ENCAP:
		if (t->encap == TUNNEL_ENCAP_NONE)
			return "none";
		if (t->encap == TUNNEL_ENCAP_FOU)
			return "fou";
		if (t->encap == TUNNEL_ENCAP_GUE)
			return "gue";
		snprintf(buf, SCID_TUN_TEXT_MAX, "%u", t->encap);
		return buf;
	case SCID_TUN_ENCAP_SPORT:
		if (!t->encap_sport)
			return "auto";
		snprintf(buf, SCID_TUN_TEXT_MAX, "%u", t->encap_sport);
		return buf;
	case SCID_TUN_ENCAP_DPORT:
		snprintf(buf, SCID_TUN_TEXT_MAX, "%u", t->encap_dport);
		return buf;
	case SCID_TUN_ENCAP_CSUM:
	case SCID_TUN_ENCAP_REMCSUM:
		/* Each is 0 or 1 from the words; the kernel's flags are read as such. */
		w = flag_row(t, f);
		return w ? w->keyword : "";
	case SCID_TUN_MTU:
		if (!t->mtu)
			return "auto";
		snprintf(buf, SCID_TUN_TEXT_MAX, "%u", t->mtu);
		return buf;
	case SCID_TUN_CLAMP_MSS:
		if (t->clamp_mss == SCID_CLAMP_MSS_OFF)
			return "off";
		if (t->clamp_mss == SCID_CLAMP_MSS_AUTO)
			return "auto";
		snprintf(buf, SCID_TUN_TEXT_MAX, "%u", t->clamp_mss);
		return buf;
	case SCID_TUN_KEEPALIVE:
		return scid_interval_text(t->keepalive, buf);
	case SCID_TUN_HOLD:
		snprintf(buf, SCID_TUN_TEXT_MAX, "%u", t->hold);
		return buf;
	case SCID_TUN_RISE:
		snprintf(buf, SCID_TUN_TEXT_MAX, "%u", t->rise);
		return buf;
	case SCID_TUN_PMTU_PROBE:
		return t->pmtu_probe ? "on" : "off";
	case SCID_TUN_PMTU_RAISE:
		return scid_duration_text(t->pmtu_raise, buf);
	case SCID_TUN_NFIELDS:
		break;
	}
	return "";
}

/**
 * scid_field_keyword() - the keyword that names a field in messages and output
 * @f: the field
 *
 * Return: the first keyword of the table for @f.
 */
const char *scid_field_keyword(enum scid_tun_field f)
{
	size_t i;

	for (i = 0; i < scid_nwords; i++) {
		if (scid_words[i].field == f)
			return scid_words[i].keyword;
	}
	return "";
}

/* The row that prints @f: its valued row if it has one, else the flag of its value. */
static const struct scid_word *field_row(const struct scid_tun *t, enum scid_tun_field f)
{
	size_t i;

	for (i = 0; i < scid_nwords; i++) {
		if (scid_words[i].field == f && scid_words[i].arg)
			return &scid_words[i];
	}
	return flag_row(t, f);
}

/**
 * scid_tun_words() - a tunnel as "keyword value" pairs, in table order
 * @t: the tunnel
 * @flags: SCID_WORDS_INPUT leaves out a dev add cannot take back (none, or
 *	   gone); SCID_WORDS_CHANGED leaves out what is at add's default, but
 *	   never remote, which add requires
 * @indextoname: turns t->link into a name
 * @emit: called with each row and its value (NULL for a flag)
 * @ctx: passed to @emit
 *
 * mode only when not ipip, the default; fwmark, the encapsulation, mtu
 * and clamp-mss only when @t has them (the ioctls do not carry them),
 * fwmark only when not 0, the five encap words only with encap fou or gue,
 * clamp-mss only when not off, keepalive, hold and rise only while
 * keepalive is on, and pmtu-probe and pmtu-raise only while probing is,
 * as ip prints nothing for a feature that is off.
 */
void scid_tun_words(const struct scid_tun *t, unsigned int flags, scid_tun_name_fn indextoname,
		    scid_tun_emit_fn emit, void *ctx)
{
	char buf[SCID_TUN_TEXT_MAX], dbuf[SCID_TUN_TEXT_MAX], name[IF_NAMESIZE];
	const struct scid_word *w;
	struct scid_tun dflt;
	int f;

	scid_tun_defaults(&dflt);
	for (f = SCID_TUN_MODE; f < SCID_TUN_NFIELDS; f++) {
		if (f == SCID_TUN_MODE && t->mode == IPPROTO_IPIP)
			continue;
		w = field_row(t, f);
		if (!w || (f >= SCID_TUN_PARM_FIELDS && !(t->given & SCID_TUN_GIVEN(f))))
			continue;
		if (f >= SCID_TUN_KEEPALIVE && !t->keepalive)
			continue;
		if (f >= SCID_TUN_PMTU_PROBE && !t->pmtu_probe)
			continue;
		if ((f == SCID_TUN_FWMARK && !t->fwmark) ||
		    (f == SCID_TUN_CLAMP_MSS && t->clamp_mss == SCID_CLAMP_MSS_OFF))
			continue;
		if (f >= SCID_TUN_ENCAP && f <= SCID_TUN_ENCAP_REMCSUM &&
		    t->encap == TUNNEL_ENCAP_NONE)
			continue;
		if (f == SCID_TUN_DEV && (flags & SCID_WORDS_INPUT) &&
		    (!t->link || t->link > INT32_MAX || !indextoname(t->link, name)))
			continue;
		if ((flags & SCID_WORDS_CHANGED) && f != SCID_TUN_REMOTE &&
		    !strcmp(scid_tun_text(t, f, indextoname, buf),
			    scid_tun_text(&dflt, f, indextoname, dbuf)))
			continue;
		emit(ctx, w, w->arg ? scid_tun_text(t, f, indextoname, buf) : NULL);
	}
}

/**
 * scid_tun_usage() - the keywords and their values, wrapped for a help text
 * @out: where to print
 * @indent: put before each line
 * @width: the longest line, @indent included
 *
 * Aliases follow their keyword ("[ttl|hoplimit 1..255|inherit]"); the flags
 * of one field print as one choice ("[pmtudisc|nopmtudisc|nodf]").
 */
void scid_tun_usage(FILE *out, const char *indent, int width)
{
	const char *const *a;
	int col = 0, n;
	char item[96];
	size_t i, j;

	for (i = 0; i < scid_nwords; i = j) {
		j = i + 1;
		if (scid_words[i].arg) {
			n = snprintf(item, sizeof(item), "[%s", scid_words[i].keyword);
			for (a = scid_words[i].aliases; *a; a++)
				n += snprintf(item + n, sizeof(item) - (size_t)n, "|%s", *a);
			n += snprintf(item + n, sizeof(item) - (size_t)n, " %s]",
				      scid_words[i].arg);
		} else {
			n = snprintf(item, sizeof(item), "[%s", scid_words[i].keyword);
			for (; j < scid_nwords && !scid_words[j].arg &&
			       scid_words[j].field == scid_words[i].field; j++)
				n += snprintf(item + n, sizeof(item) - (size_t)n, "|%s",
					      scid_words[j].keyword);
			n += snprintf(item + n, sizeof(item) - (size_t)n, "]");
		}
		if (col && col + 1 + n > width) {
			fputc('\n', out);
			col = 0;
		}
		if (!col)
			col = fprintf(out, "%s%s", indent, item);
		else
			col += fprintf(out, " %s", item);
	}
	fputc('\n', out);
}

/**
 * scid_tun_from_parm() - a tunnel from SIOCGETTUNNEL's parameters
 * @p: the parameters
 * @t: receives the tunnel, every field the ioctls carry given
 */
void scid_tun_from_parm(const struct ip_tunnel_parm *p, struct scid_tun *t)
{
	memset(t, 0, sizeof(*t));
	t->given = SCID_TUN_GIVEN(SCID_TUN_PARM_FIELDS) - 1;
	t->mode = p->iph.protocol;
	t->remote = p->iph.daddr;
	t->local = p->iph.saddr;
	t->link = p->link > 0 ? (unsigned int)p->link : 0;
	t->ttl = p->iph.ttl;
	t->tos = p->iph.tos;
	if (p->iph.frag_off & htons(SCID_FRAG_OFF_PMTUDISC))
		t->df = SCID_PMTUDISC_ON;
	else if (p->iph.frag_off & htons(SCID_FRAG_OFF_NODF))
		t->df = SCID_PMTUDISC_NODF;
	else
		t->df = SCID_PMTUDISC_INHERIT;
}

/**
 * scid_tun_to_parm() - write a tunnel's given fields into ioctl parameters
 * @t: the tunnel (its mtu is rtnetlink's to carry)
 * @p: the parameters to complete (zeroed for add, the tunnel's for change)
 */
void scid_tun_to_parm(const struct scid_tun *t, struct ip_tunnel_parm *p)
{
	static const uint16_t frag_off[] = {
		[SCID_PMTUDISC_INHERIT] = SCID_FRAG_OFF_INHERIT,
		[SCID_PMTUDISC_ON] = SCID_FRAG_OFF_PMTUDISC,
		[SCID_PMTUDISC_NODF] = SCID_FRAG_OFF_NODF,
	};

	/* A zeroed @p is an add's: its mode defaults to ipip, which is not 0. */
	if (t->given & SCID_TUN_GIVEN(SCID_TUN_MODE))
		p->iph.protocol = t->mode;
	else if (p->iph.version != 4)
		p->iph.protocol = IPPROTO_IPIP;
	p->iph.version = 4;
	p->iph.ihl = 5;
	if (t->given & SCID_TUN_GIVEN(SCID_TUN_REMOTE))
		p->iph.daddr = t->remote;
	if (t->given & SCID_TUN_GIVEN(SCID_TUN_LOCAL))
		p->iph.saddr = t->local;
	if (t->given & SCID_TUN_GIVEN(SCID_TUN_DEV))
		p->link = (int)t->link;
	if (t->given & SCID_TUN_GIVEN(SCID_TUN_TTL))
		p->iph.ttl = t->ttl;
	if (t->given & SCID_TUN_GIVEN(SCID_TUN_TOS))
		p->iph.tos = t->tos;
	if ((t->given & SCID_TUN_GIVEN(SCID_TUN_DF)) && t->df <= SCID_PMTUDISC_NODF)
		p->iph.frag_off = htons(frag_off[t->df]);
}

static uint32_t attr_u32(const struct rtattr *rta)
{
	uint32_t v = 0;

	if (rta && RTA_PAYLOAD(rta) >= sizeof(v))
		memcpy(&v, RTA_DATA(rta), sizeof(v));
	return v;
}

static uint16_t attr_u16(const struct rtattr *rta)
{
	uint16_t v = 0;

	if (rta && RTA_PAYLOAD(rta) >= sizeof(v))
		memcpy(&v, RTA_DATA(rta), sizeof(v));
	return v;
}

static uint8_t attr_u8(const struct rtattr *rta)
{
	return rta && RTA_PAYLOAD(rta) >= 1 ? *(const uint8_t *)RTA_DATA(rta) : 0;
}

/**
 * scid_tun_from_attrs() - a tunnel from the link kind's attributes
 * @tb: the attributes by type, IFLA_SCID_MAX + 1 of them
 * @t: receives the tunnel, with the fields present given
 */
void scid_tun_from_attrs(struct rtattr *tb[], struct scid_tun *t)
{
	static const struct {
		int type;
		enum scid_tun_field field;
	} map[] = {
		{ IFLA_IPTUN_PROTO, SCID_TUN_MODE }, { IFLA_IPTUN_REMOTE, SCID_TUN_REMOTE },
		{ IFLA_IPTUN_LOCAL, SCID_TUN_LOCAL }, { IFLA_IPTUN_LINK, SCID_TUN_DEV },
		{ IFLA_IPTUN_TTL, SCID_TUN_TTL }, { IFLA_IPTUN_TOS, SCID_TUN_TOS },
		{ IFLA_IPTUN_PMTUDISC, SCID_TUN_DF }, { IFLA_IPTUN_FWMARK, SCID_TUN_FWMARK },
		{ IFLA_IPTUN_ENCAP_TYPE, SCID_TUN_ENCAP },
		{ IFLA_IPTUN_ENCAP_SPORT, SCID_TUN_ENCAP_SPORT },
		{ IFLA_IPTUN_ENCAP_DPORT, SCID_TUN_ENCAP_DPORT },
		/* One attribute, two words. */
		{ IFLA_IPTUN_ENCAP_FLAGS, SCID_TUN_ENCAP_CSUM },
		{ IFLA_IPTUN_ENCAP_FLAGS, SCID_TUN_ENCAP_REMCSUM },
		{ IFLA_SCID_MTU, SCID_TUN_MTU },
		{ IFLA_SCID_CLAMP_MSS, SCID_TUN_CLAMP_MSS },
		{ IFLA_SCID_KEEPALIVE, SCID_TUN_KEEPALIVE },
		{ IFLA_SCID_KEEPALIVE_HOLD, SCID_TUN_HOLD },
		{ IFLA_SCID_KEEPALIVE_RISE, SCID_TUN_RISE },
		{ IFLA_SCID_PMTU_PROBE, SCID_TUN_PMTU_PROBE },
		{ IFLA_SCID_PMTU_RAISE, SCID_TUN_PMTU_RAISE },
	};
	uint16_t flags;
	size_t i;

	scid_tun_defaults(t);
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		if (tb[map[i].type])
			t->given |= SCID_TUN_GIVEN(map[i].field);
	}
	if (tb[IFLA_IPTUN_PROTO])
		t->mode = attr_u8(tb[IFLA_IPTUN_PROTO]);
	t->remote = attr_u32(tb[IFLA_IPTUN_REMOTE]);
	t->local = attr_u32(tb[IFLA_IPTUN_LOCAL]);
	t->link = attr_u32(tb[IFLA_IPTUN_LINK]);
	t->ttl = attr_u8(tb[IFLA_IPTUN_TTL]);
	t->tos = attr_u8(tb[IFLA_IPTUN_TOS]);
	if (tb[IFLA_IPTUN_PMTUDISC])
		t->df = attr_u8(tb[IFLA_IPTUN_PMTUDISC]);
	t->fwmark = attr_u32(tb[IFLA_IPTUN_FWMARK]);
	t->encap = attr_u16(tb[IFLA_IPTUN_ENCAP_TYPE]);
	t->encap_sport = ntohs(attr_u16(tb[IFLA_IPTUN_ENCAP_SPORT]));
	t->encap_dport = ntohs(attr_u16(tb[IFLA_IPTUN_ENCAP_DPORT]));
	flags = attr_u16(tb[IFLA_IPTUN_ENCAP_FLAGS]);
	t->encap_csum = !!(flags & TUNNEL_ENCAP_FLAG_CSUM);
	t->encap_remcsum = !!(flags & TUNNEL_ENCAP_FLAG_REMCSUM);
	t->mtu = (uint16_t)attr_u32(tb[IFLA_SCID_MTU]);
	t->clamp_mss = attr_u32(tb[IFLA_SCID_CLAMP_MSS]);
	t->keepalive = attr_u32(tb[IFLA_SCID_KEEPALIVE]);
	if (tb[IFLA_SCID_KEEPALIVE_HOLD])
		t->hold = attr_u32(tb[IFLA_SCID_KEEPALIVE_HOLD]);
	if (tb[IFLA_SCID_KEEPALIVE_RISE])
		t->rise = attr_u32(tb[IFLA_SCID_KEEPALIVE_RISE]);
	t->pmtu_probe = attr_u8(tb[IFLA_SCID_PMTU_PROBE]);
	if (tb[IFLA_SCID_PMTU_RAISE])
		t->pmtu_raise = attr_u32(tb[IFLA_SCID_PMTU_RAISE]);
}

/* The words that IFLA_IPTUN_ENCAP_FLAGS carries together. */
#define ENCAP_FLAG_WORDS \
	(SCID_TUN_GIVEN(SCID_TUN_ENCAP_CSUM) | SCID_TUN_GIVEN(SCID_TUN_ENCAP_REMCSUM))

/**
 * scid_tun_needs_encap_flags() - whether a change must read the tunnel's encap flags
 * @t: a change's words
 *
 * Return: true when one of encap-csum and encap-remcsum is given and the
 * other not: the attribute that carries them both would reset the other.
 */
bool scid_tun_needs_encap_flags(const struct scid_tun *t)
{
	unsigned int g = t->given & ENCAP_FLAG_WORDS;

	return g && g != ENCAP_FLAG_WORDS;
}

/**
 * scid_tun_take_encap_flags() - the encap flags a change does not give, from the tunnel
 * @t: a change's words; gets both flags given
 * @cur: the tunnel as rtnetlink reports it (scid_tun_from_attrs())
 */
void scid_tun_take_encap_flags(struct scid_tun *t, const struct scid_tun *cur)
{
	if (!(t->given & SCID_TUN_GIVEN(SCID_TUN_ENCAP_CSUM)))
		t->encap_csum = cur->encap_csum;
	if (!(t->given & SCID_TUN_GIVEN(SCID_TUN_ENCAP_REMCSUM)))
		t->encap_remcsum = cur->encap_remcsum;
	t->given |= ENCAP_FLAG_WORDS;
}

/**
 * scid_tun_to_attrs() - the link kind's attributes for a tunnel's given fields
 * @t: the tunnel
 * @put: adds one attribute of @size bytes (1, 2 or 4), @value in its low bytes
 * @ctx: passed to @put
 *
 * Only what is given is sent: changelink keeps the tunnel's other values.
 * encap-csum and encap-remcsum share IFLA_IPTUN_ENCAP_FLAGS, sent whole
 * when either is given: scid_tun_take_encap_flags() fills in the other.
 * The ports go in network byte order, as ipip's.
 *
 * Return: 0, or the first non-zero return of @put.
 */
int scid_tun_to_attrs(const struct scid_tun *t,
		      int (*put)(void *ctx, int type, size_t size, uint32_t value), void *ctx)
{
	const unsigned int g = t->given;
	int ret = 0;

	if (!ret && (g & SCID_TUN_GIVEN(SCID_TUN_MODE)))
		ret = put(ctx, IFLA_IPTUN_PROTO, 1, t->mode);
	if (!ret && (g & SCID_TUN_GIVEN(SCID_TUN_REMOTE)))
		ret = put(ctx, IFLA_IPTUN_REMOTE, 4, t->remote);
	if (!ret && (g & SCID_TUN_GIVEN(SCID_TUN_LOCAL)))
		ret = put(ctx, IFLA_IPTUN_LOCAL, 4, t->local);
	if (!ret && (g & SCID_TUN_GIVEN(SCID_TUN_DEV)))
		ret = put(ctx, IFLA_IPTUN_LINK, 4, t->link);
	if (!ret && (g & SCID_TUN_GIVEN(SCID_TUN_TTL)))
		ret = put(ctx, IFLA_IPTUN_TTL, 1, t->ttl);
	if (!ret && (g & SCID_TUN_GIVEN(SCID_TUN_TOS)))
		ret = put(ctx, IFLA_IPTUN_TOS, 1, t->tos);
	if (!ret && (g & SCID_TUN_GIVEN(SCID_TUN_DF)))
		ret = put(ctx, IFLA_IPTUN_PMTUDISC, 1, t->df);
	if (!ret && (g & SCID_TUN_GIVEN(SCID_TUN_FWMARK)))
		ret = put(ctx, IFLA_IPTUN_FWMARK, 4, t->fwmark);
	if (!ret && (g & SCID_TUN_GIVEN(SCID_TUN_ENCAP)))
		ret = put(ctx, IFLA_IPTUN_ENCAP_TYPE, 2, t->encap);
	if (!ret && (g & SCID_TUN_GIVEN(SCID_TUN_ENCAP_SPORT)))
		ret = put(ctx, IFLA_IPTUN_ENCAP_SPORT, 2, htons(t->encap_sport));
	if (!ret && (g & SCID_TUN_GIVEN(SCID_TUN_ENCAP_DPORT)))
		ret = put(ctx, IFLA_IPTUN_ENCAP_DPORT, 2, htons(t->encap_dport));
	if (!ret && (g & ENCAP_FLAG_WORDS))
		ret = put(ctx, IFLA_IPTUN_ENCAP_FLAGS, 2,
			  (t->encap_csum ? TUNNEL_ENCAP_FLAG_CSUM : 0) |
			  (t->encap_remcsum ? TUNNEL_ENCAP_FLAG_REMCSUM : 0));
	if (!ret && (g & SCID_TUN_GIVEN(SCID_TUN_MTU)))
		ret = put(ctx, IFLA_SCID_MTU, 4, t->mtu);
	if (!ret && (g & SCID_TUN_GIVEN(SCID_TUN_CLAMP_MSS)))
		ret = put(ctx, IFLA_SCID_CLAMP_MSS, 4, t->clamp_mss);
	if (!ret && (g & SCID_TUN_GIVEN(SCID_TUN_KEEPALIVE)))
		ret = put(ctx, IFLA_SCID_KEEPALIVE, 4, t->keepalive);
	if (!ret && (g & SCID_TUN_GIVEN(SCID_TUN_HOLD)))
		ret = put(ctx, IFLA_SCID_KEEPALIVE_HOLD, 4, t->hold);
	if (!ret && (g & SCID_TUN_GIVEN(SCID_TUN_RISE)))
		ret = put(ctx, IFLA_SCID_KEEPALIVE_RISE, 4, t->rise);
	if (!ret && (g & SCID_TUN_GIVEN(SCID_TUN_PMTU_PROBE)))
		ret = put(ctx, IFLA_SCID_PMTU_PROBE, 1, t->pmtu_probe);
	if (!ret && (g & SCID_TUN_GIVEN(SCID_TUN_PMTU_RAISE)))
		ret = put(ctx, IFLA_SCID_PMTU_RAISE, 4, t->pmtu_raise);
	return ret;
}
