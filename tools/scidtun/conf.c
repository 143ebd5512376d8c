// SPDX-License-Identifier: GPL-2.0
/*
 * The configuration files of setconf and showconf: parsing them, printing
 * the running state in the same words, and telling how the two differ.
 * Pure like parse.c: the one lookup it needs is passed in.
 *
 *	# comment
 *	tunnel NAME remote ADDR [local ADDR] [dev IFACE] [ttl N] [tos N] [pmtudisc|...]
 *		[fwmark MARK] [encap fou|gue encap-dport PORT [encap-sport PORT]
 *		[encap-csum] [encap-remcsum]] [clamp-mss N|auto]
 *		[keepalive INTERVAL [hold N] [rise N] [pmtu-probe on [pmtu-raise INTERVAL]]]
 *		address ADDR[/PLEN]
 *		route DST[/PLEN]|default [via GW] [onlink] [metric N]
 */

#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "format.h"

#define MAX_WORDS 32

static uint32_t mask(uint8_t plen)
{
	return plen ? htonl(~0u << (32 - plen)) : 0;
}

/* "A.B.C.D[/N]"; @dflt is the length without "/N". */
static bool parse_prefix(const char *s, uint8_t dflt, uint32_t *addr, uint8_t *plen)
{
	char buf[INET_ADDRSTRLEN + 4], *slash, *end;
	struct in_addr in;
	unsigned long n;

	if (strlen(s) >= sizeof(buf))
		return false;
	strcpy(buf, s);
	*plen = dflt;
	slash = strchr(buf, '/');
	if (slash) {
		*slash++ = '\0';
		if (*slash < '0' || *slash > '9')
			return false;
		errno = 0;
		n = strtoul(slash, &end, 10);
		if (errno || *end || n > 32 || (slash[0] == '0' && slash[1]))
			return false;
		*plen = (uint8_t)n;
	}
	if (inet_pton(AF_INET, buf, &in) != 1)
		return false;
	*addr = in.s_addr;
	return true;
}

static int parse_address(struct scidtun_conf_tunnel *t, char **w, int n, char *err,
			 size_t errlen)
{
	struct scidtun_addr a, *grown;

	if (n != 2)
		return scid_fail(err, errlen, n < 2 ? "missing value for 'address'" :
			    "unexpected word '%s' after the address", w[2]);
	if (!parse_prefix(w[1], 32, &a.addr, &a.plen) || !a.plen || !a.addr)
		return scid_fail(err, errlen, "invalid address '%s': expected A.B.C.D[/1..32]", w[1]);
	if (scidtun_addr_in(&a, t->addrs, t->naddrs))
		return scid_fail(err, errlen, "repeated address '%s'", w[1]);
	grown = realloc(t->addrs, (t->naddrs + 1) * sizeof(*grown));
	if (!grown)
		return scid_fail(err, errlen, "out of memory");
	t->addrs = grown;
	t->addrs[t->naddrs++] = a;
	return 0;
}

static int parse_route(struct scidtun_conf_tunnel *t, char **w, int n, char *err,
		       size_t errlen)
{
	struct scidtun_route r = { 0 }, *grown;
	char text[SCIDTUN_ROUTE_TEXT];
	unsigned long metric;
	struct in_addr in;
	char *end;
	int i;

	if (n < 2)
		return scid_fail(err, errlen, "missing value for 'route'");
	if (strcmp(w[1], "default") && !parse_prefix(w[1], 32, &r.dst, &r.plen))
		return scid_fail(err, errlen, "invalid route '%s': expected A.B.C.D[/0..32] or default",
			    w[1]);
	if (r.dst & ~mask(r.plen))
		return scid_fail(err, errlen, "invalid route '%s': bits set past the prefix length",
			    w[1]);
	for (i = 2; i < n; i++) {
		if (!strcmp(w[i], "via")) {
			if (++i >= n)
				return scid_fail(err, errlen, "missing value for 'via'");
			if (r.gw || inet_pton(AF_INET, w[i], &in) != 1 || !in.s_addr)
				return scid_fail(err, errlen, r.gw ? "repeated keyword 'via'" :
					    "invalid via '%s': not an IPv4 address", w[i]);
			r.gw = in.s_addr;
		} else if (!strcmp(w[i], "onlink")) {
			r.onlink = true;
		} else if (!strcmp(w[i], "metric")) {
			if (++i >= n)
				return scid_fail(err, errlen, "missing value for 'metric'");
			errno = 0;
			metric = strtoul(w[i], &end, 10);
			if (errno || *end || w[i][0] < '0' || w[i][0] > '9' || metric > UINT32_MAX)
				return scid_fail(err, errlen, "invalid metric '%s'", w[i]);
			r.metric = (uint32_t)metric;
		} else {
			return scid_fail(err, errlen, "unknown route keyword '%s'", w[i]);
		}
	}
	if (r.onlink && !r.gw)
		return scid_fail(err, errlen, "'onlink' needs 'via'");
	if (scidtun_route_find(&r, t->routes, t->nroutes))
		return scid_fail(err, errlen, "repeated route '%s'", scidtun_route_text(text, &r));
	grown = realloc(t->routes, (t->nroutes + 1) * sizeof(*grown));
	if (!grown)
		return scid_fail(err, errlen, "out of memory");
	t->routes = grown;
	t->routes[t->nroutes++] = r;
	return 0;
}

static size_t name_hash(const char *name)
{
	size_t h = 2166136261u;
	int i;

	for (i = 0; i < IFNAMSIZ && name[i]; i++)
		h = (h ^ (unsigned char)name[i]) * 16777619u;
	return h;
}

/* The slot of @name in conf->names: its tunnel's, or the free one it would take. */
static size_t *name_slot(const struct scidtun_conf *conf, const char *name)
{
	size_t i = name_hash(name) & (conf->nnames - 1);

	while (conf->names[i] &&
	       strncmp(conf->tunnels[conf->names[i] - 1].req.parm.name, name, IFNAMSIZ))
		i = (i + 1) & (conf->nnames - 1);
	return &conf->names[i];
}

/*
 * Room for one more tunnel, and its name hashed at most half full: a
 * file of 10,000 tunnels was a scan of the others and a realloc() per
 * tunnel.
 */
static int conf_grow(struct scidtun_conf *conf)
{
	struct scidtun_conf_tunnel *grown;
	size_t i, max, *names = conf->names, nnames = conf->nnames;

	if (conf->count == conf->max) {
		max = conf->max ? conf->max * 2 : 16;
		grown = realloc(conf->tunnels, max * sizeof(*grown));
		if (!grown)
			return -1;
		conf->tunnels = grown;
		conf->max = max;
	}
	if (2 * (conf->count + 1) <= conf->nnames)
		return 0;
	conf->nnames = nnames ? nnames * 2 : 32;
	conf->names = calloc(conf->nnames, sizeof(*conf->names));
	if (!conf->names) {
		conf->names = names;
		conf->nnames = nnames;
		return -1;
	}
	for (i = 0; i < conf->count; i++)
		*name_slot(conf, conf->tunnels[i].req.parm.name) = i + 1;
	free(names);
	return 0;
}

static int parse_tunnel(struct scidtun_conf *conf, char **w, int n, scidtun_lookup_fn lookup,
			const char *where, char *err, size_t errlen)
{
	struct scidtun_conf_tunnel *t;
	struct scidtun_request req;
	size_t *slot;

	if (scidtun_parse_tunnel_args(n - 1, w + 1, SCIDTUN_CMD_ADD, lookup, &req, err, errlen))
		return -1;
	/* setconf reads and writes tunnels by the ioctls, which carry no MTU. */
	if (req.given & SCIDTUN_GIVEN_MTU)
		return scid_fail(err, errlen,
				 "'mtu' is not taken in configuration files: run 'scidtun change %s mtu N' after setconf",
				 w[1]);
	if (conf_grow(conf))
		return scid_fail(err, errlen, "out of memory");
	slot = name_slot(conf, req.parm.name);
	if (*slot)
		return scid_fail(err, errlen, "tunnel '%s' is already defined at %s",
			    w[1], conf->tunnels[*slot - 1].where);
	t = &conf->tunnels[conf->count++];
	*slot = conf->count;
	memset(t, 0, sizeof(*t));
	/* In the kernel's order, so that a list compares with its dump. */
	if (req.allow_given)
		scid_allow_sort(req.allow);
	t->req = req;
	snprintf(t->where, sizeof(t->where), "%s", where);
	return 0;
}

/* Words split on white space; a word that starts with '#' ends the line. */
static int split(char *line, char **w)
{
	char *save = NULL, *tok;
	int n = 0;

	for (tok = strtok_r(line, " \t\r\n\f\v", &save); tok;
	     tok = strtok_r(NULL, " \t\r\n\f\v", &save)) {
		if (tok[0] == '#')
			break;
		if (n == MAX_WORDS)
			return -1;
		w[n++] = tok;
	}
	return n;
}

/**
 * scidtun_conf_parse() - add the tunnels of one file to @conf
 * @conf: zeroed before the first file; tunnels accumulate over files
 * @in: the file
 * @filename: for messages
 * @lookup: resolves the interface given to dev
 * @err: receives "FILE:LINE: message" on failure
 * @errlen: size of @err
 *
 * Return: 0, or -1 with @err set; @conf keeps what parsed before the error
 * and must be freed either way.
 */
int scidtun_conf_parse(struct scidtun_conf *conf, FILE *in, const char *filename,
		       scidtun_lookup_fn lookup, char *err, size_t errlen)
{
	size_t cap = 0, first = conf->count;
	char *line = NULL, *w[MAX_WORDS];
	char where[96], msg[256];
	unsigned int lineno = 0;
	int n, ret = 0;

	while (getline(&line, &cap, in) >= 0) {
		lineno++;
		snprintf(where, sizeof(where), "%s:%u", filename, lineno);
		n = split(line, w);
		if (n < 0) {
			ret = scid_fail(err, errlen, "%s: more than %d words", where, MAX_WORDS);
			break;
		}
		if (!n)
			continue;
		if (!strcmp(w[0], "tunnel")) {
			ret = parse_tunnel(conf, w, n, lookup, where, msg, sizeof(msg));
		} else if (!strcmp(w[0], "address") || !strcmp(w[0], "route")) {
			if (conf->count == first)
				ret = scid_fail(msg, sizeof(msg), "'%s' before any 'tunnel' line", w[0]);
			else if (w[0][0] == 'a')
				ret = parse_address(&conf->tunnels[conf->count - 1], w, n, msg,
						    sizeof(msg));
			else
				ret = parse_route(&conf->tunnels[conf->count - 1], w, n, msg,
						  sizeof(msg));
		} else {
			ret = scid_fail(msg, sizeof(msg),
				   "unknown keyword '%s' (expected tunnel, address or route)", w[0]);
		}
		if (ret) {
			scid_fail(err, errlen, "%s: %s", where, msg);
			break;
		}
	}
	if (!ret && ferror(in))
		ret = scid_fail(err, errlen, "%s: read error", filename);
	free(line);
	return ret;
}

/**
 * scidtun_conf_free() - free the tunnels of @conf and empty it
 * @conf: what scidtun_conf_parse() filled in
 */
void scidtun_conf_free(struct scidtun_conf *conf)
{
	size_t i;

	for (i = 0; i < conf->count; i++) {
		free(conf->tunnels[i].addrs);
		free(conf->tunnels[i].routes);
		scidtun_request_free(&conf->tunnels[i].req);
	}
	free(conf->tunnels);
	free(conf->names);
	conf->tunnels = NULL;
	conf->count = 0;
	conf->max = 0;
	conf->names = NULL;
	conf->nnames = 0;
}

static char *index_name(unsigned int ifindex, char *name)
{
	snprintf(name, IF_NAMESIZE, "#%u", ifindex);
	return name;
}

/* "KEY FROM -> TO" added to @what, or "FROM -> TO" for a flag (no @key). */
static void note(char *what, size_t len, const char *key, const char *from, const char *to)
{
	size_t used = strlen(what);

	if (!strcmp(from, to))
		return;
	snprintf(what + used, len - used, "%s%s%s%s -> %s", used ? ", " : "", key ? key : "",
		 key ? " " : "", from, to);
}

/**
 * scidtun_conf_diff() - how a running tunnel differs from the wanted one
 * @want: the parameters from the file
 * @have: the parameters from SIOCGETTUNNEL
 * @what: receives the differences ("ttl inherit -> 64, ..."), or "" if none
 * @len: size of @what
 *
 * Return: SCIDTUN_DIFF_SAME, _CHANGE, or _REPLACE when the remote is set
 * on one and not the other, which the kernel only does by a new tunnel.
 */
enum scidtun_diff scidtun_conf_diff(const struct ip_tunnel_parm *want,
				    const struct ip_tunnel_parm *have, char *what, size_t len)
{
	struct scidtun_fields w, h;
	int i;

	/* dev by index: names are the caller's to give, and a renamed dev is the same. */
	scidtun_tunnel_fields(want, index_name, &w);
	scidtun_tunnel_fields(have, index_name, &h);
	what[0] = '\0';
	for (i = SCID_TUN_MODE; i < SCID_TUN_PARM_FIELDS; i++)
		note(what, len, i == SCID_TUN_DF ? NULL : scid_field_keyword(i), h.value[i],
		     w.value[i]);
	if (!what[0])
		return SCIDTUN_DIFF_SAME;
	if (!want->iph.daddr != !have->iph.daddr)
		return SCIDTUN_DIFF_REPLACE;
	return SCIDTUN_DIFF_CHANGE;
}

/**
 * scidtun_conf_keepalive_diff() - how a running tunnel's keepalive differs from a file's
 * @want: the tunnel line's request
 * @have: the tunnel's keepalive, hold and rise (rtnetlink), or the defaults
 *	  for a tunnel not made yet
 * @out: receives the request that makes the difference: @want with
 *	 keepalive, hold and rise given
 * @what: receives the differences ("keepalive off -> 100ms, hold 3 -> 5"), or ""
 * @len: size of @what
 *
 * A file is authoritative for its tunnels: no keepalive word is keepalive
 * off, and with keepalive on, hold and rise not written are the defaults.
 * With keepalive off they are not compared unless written: the kernel
 * keeps them, unused, and showconf does not print them.
 *
 * Return: true if there is a difference to apply.
 */
bool scidtun_conf_keepalive_diff(const struct scidtun_request *want, const struct scid_tun *have,
				 struct scidtun_request *out, char *what, size_t len)
{
	static const enum scid_tun_field fields[] = {
		SCID_TUN_KEEPALIVE, SCID_TUN_HOLD, SCID_TUN_RISE
	};
	char from[SCID_TUN_TEXT_MAX], to[SCID_TUN_TEXT_MAX];
	struct scid_tun next = *have;
	size_t i;

	*out = *want;
	next.keepalive = want->given & SCIDTUN_GIVEN_KEEPALIVE ? want->keepalive : 0;
	if (want->given & SCIDTUN_GIVEN_HOLD)
		next.hold = want->hold;
	else if (next.keepalive)
		next.hold = SCID_KA_HOLD_DEFAULT;
	if (want->given & SCIDTUN_GIVEN_RISE)
		next.rise = want->rise;
	else if (next.keepalive)
		next.rise = SCID_KA_RISE_DEFAULT;
	what[0] = '\0';
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		note(what, len, scid_field_keyword(fields[i]),
		     scid_tun_text(have, fields[i], index_name, from),
		     scid_tun_text(&next, fields[i], index_name, to));
	out->given = SCIDTUN_GIVEN_KEEPALIVE | SCIDTUN_GIVEN_HOLD | SCIDTUN_GIVEN_RISE;
	out->keepalive = next.keepalive;
	out->hold = next.hold;
	out->rise = next.rise;
	return what[0] != '\0';
}

/* A field only flags set (encap-csum, noencap-csum): its value is its word. */
static bool flag_field(enum scid_tun_field f)
{
	const struct scid_word *w = scid_word_find(scid_field_keyword(f));

	return w && !w->arg;
}

/*
 * Each of @n @fields that reads differently in @have and @next: noted in
 * @what ("fwmark 0 -> 0x10", "noencap-csum -> encap-csum") and marked
 * given in @out.
 */
static bool fields_diff(const enum scid_tun_field *fields, size_t n, const struct scid_tun *have,
			const struct scid_tun *next, struct scidtun_request *out, char *what,
			size_t len)
{
	char from[SCID_TUN_TEXT_MAX], to[SCID_TUN_TEXT_MAX];
	const char *was, *will;
	bool differs = false;
	size_t i;

	for (i = 0; i < n; i++) {
		was = scid_tun_text(have, fields[i], index_name, from);
		will = scid_tun_text(next, fields[i], index_name, to);
		if (!strcmp(was, will))
			continue;
		note(what, len, flag_field(fields[i]) ? NULL : scid_field_keyword(fields[i]), was,
		     will);
		out->given |= SCID_TUN_GIVEN(fields[i]);
		differs = true;
	}
	return differs;
}

/**
 * scidtun_conf_optional_diff() - how a running tunnel's fwmark and clamp-mss differ from a file's
 * @want: the tunnel line's request
 * @have: the tunnel's fwmark and clamp-mss (rtnetlink), or 0 and off for a
 *	  tunnel not made yet
 * @out: the request being built (scidtun_conf_keepalive_diff()'s): gets
 *	 each of the two given that differs
 * @what: the differences so far, to which "fwmark 0 -> 0x10" and
 *	  "clamp-mss off -> 1360" are added
 * @len: size of @what
 *
 * As for keepalive, the file is authoritative: no fwmark word is fwmark
 * 0, and no clamp-mss word is clamp-mss off, the values of a new tunnel.
 *
 * Return: true if either differs.
 */
bool scidtun_conf_optional_diff(const struct scidtun_request *want, const struct scid_tun *have,
				struct scidtun_request *out, char *what, size_t len)
{
	static const enum scid_tun_field fields[] = { SCID_TUN_FWMARK, SCID_TUN_CLAMP_MSS };
	struct scid_tun next = *have;
	bool differs;

	next.fwmark = want->given & SCIDTUN_GIVEN_FWMARK ? want->fwmark : 0;
	next.clamp_mss = want->given & SCIDTUN_GIVEN_CLAMP_MSS ? want->clamp_mss :
			 SCID_CLAMP_MSS_OFF;
	differs = fields_diff(fields, sizeof(fields) / sizeof(fields[0]), have, &next, out, what,
			      len);
	out->fwmark = next.fwmark;
	out->clamp_mss = next.clamp_mss;
	return differs;
}

/**
 * scidtun_conf_encap_diff() - how a running tunnel's FOU or GUE differs from a file's
 * @want: the tunnel line's request
 * @have: the tunnel's encapsulation (rtnetlink), or none for a tunnel not
 *	  made yet
 * @out: the request being built (scidtun_conf_keepalive_diff()'s): gets
 *	 each of the five words given that differs, and the values of all
 * @what: the differences so far, to which "encap none -> fou",
 *	  "encap-dport 0 -> 5555" or "noencap-csum -> encap-csum" are added
 * @len: size of @what
 *
 * As for keepalive and its hold and rise: no encap word is encap none,
 * and with fou or gue, encap-sport, encap-csum and encap-remcsum not
 * written are auto and off. With encap none, encap-sport, encap-dport and
 * encap-csum are compared only when written: the kernel keeps them,
 * unused, and showconf does not print them; encap-remcsum goes off, as the
 * kernel allows it with gue only. Both flags are sent whole (one attribute
 * carries them), from the file or the tunnel.
 *
 * Return: true if any differs.
 */
bool scidtun_conf_encap_diff(const struct scidtun_request *want, const struct scid_tun *have,
			     struct scidtun_request *out, char *what, size_t len)
{
	static const enum scid_tun_field fields[] = {
		SCID_TUN_ENCAP, SCID_TUN_ENCAP_SPORT, SCID_TUN_ENCAP_DPORT, SCID_TUN_ENCAP_CSUM,
		SCID_TUN_ENCAP_REMCSUM
	};
	const unsigned int g = want->given;
	struct scid_tun next = *have;
	bool differs, on;

	next.encap = g & SCIDTUN_GIVEN_ENCAP ? want->encap : TUNNEL_ENCAP_NONE;
	on = next.encap != TUNNEL_ENCAP_NONE;
	if ((g & SCIDTUN_GIVEN_ENCAP_SPORT) || on)
		next.encap_sport = g & SCIDTUN_GIVEN_ENCAP_SPORT ? want->encap_sport : 0;
	if ((g & SCIDTUN_GIVEN_ENCAP_DPORT) || on)
		next.encap_dport = g & SCIDTUN_GIVEN_ENCAP_DPORT ? want->encap_dport : 0;
	if ((g & SCIDTUN_GIVEN_ENCAP_CSUM) || on)
		next.encap_csum = g & SCIDTUN_GIVEN_ENCAP_CSUM ? want->encap_csum : 0;
	next.encap_remcsum = g & SCIDTUN_GIVEN_ENCAP_REMCSUM ? want->encap_remcsum : 0;
	differs = fields_diff(fields, sizeof(fields) / sizeof(fields[0]), have, &next, out, what,
			      len);
	out->encap = next.encap;
	out->encap_sport = next.encap_sport;
	out->encap_dport = next.encap_dport;
	out->encap_csum = next.encap_csum;
	out->encap_remcsum = next.encap_remcsum;
	return differs;
}

/**
 * scidtun_conf_pmtu_diff() - how a running tunnel's path MTU probing differs from a file's
 * @want: the tunnel line's request
 * @have: the tunnel's pmtu-probe and pmtu-raise (rtnetlink), or off and
 *	  the default for a tunnel not made yet
 * @out: the request being built (scidtun_conf_keepalive_diff()'s): gets
 *	 each of the two given that differs
 * @what: the differences so far, to which "pmtu-probe off -> on" and
 *	  "pmtu-raise 10m -> 1h" are added
 * @len: size of @what
 *
 * As for keepalive and its hold and rise: no pmtu-probe word is probing
 * off, and with probing on, no pmtu-raise word is the default. With
 * probing off, pmtu-raise is compared only when written: the kernel keeps
 * it, unused, and showconf does not print it. It goes in the same request
 * as keepalive, so that both can go on, or off, at once.
 *
 * Return: true if either differs.
 */
bool scidtun_conf_pmtu_diff(const struct scidtun_request *want, const struct scid_tun *have,
			    struct scidtun_request *out, char *what, size_t len)
{
	static const enum scid_tun_field fields[] = { SCID_TUN_PMTU_PROBE, SCID_TUN_PMTU_RAISE };
	struct scid_tun next = *have;
	bool differs;

	next.pmtu_probe = want->given & SCIDTUN_GIVEN_PMTU_PROBE ? want->pmtu_probe : 0;
	if (want->given & SCIDTUN_GIVEN_PMTU_RAISE)
		next.pmtu_raise = want->pmtu_raise;
	else if (next.pmtu_probe)
		next.pmtu_raise = SCID_PMTU_RAISE_DEFAULT;
	differs = fields_diff(fields, sizeof(fields) / sizeof(fields[0]), have, &next, out, what,
			      len);
	out->pmtu_probe = next.pmtu_probe;
	out->pmtu_raise = next.pmtu_raise;
	return differs;
}

/**
 * scidtun_addr_text() - "A.B.C.D/N"
 * @buf: receives it
 * @a: the address
 *
 * Return: @buf.
 */
/* A list in @what: its prefixes while short, else how many. */
static const char *allow_text(const struct scid_allow *a, char *buf, size_t len)
{
	char one[SCID_PREFIX_TEXT];
	size_t used = 0;
	unsigned int i;

	if (!a->n) {
		snprintf(buf, len, "none");
		return buf;
	}
	if (a->n > 3) {
		snprintf(buf, len, "%u prefixes", a->n);
		return buf;
	}
	buf[0] = '\0';
	for (i = 0; i < a->n && used < len; i++) {
		snprintf(buf + used, len - used, "%s%s", i ? "," : "",
			 scid_prefix_text(&a->prefix[i], true, one));
		used = strlen(buf);
	}
	return buf;
}

/**
 * scidtun_conf_allow_diff() - how an external tunnel's allow list differs from a file's
 * @want: the tunnel line's request, its list sorted
 * @have: the tunnel's list as dumped (sorted), or NULL for a tunnel not
 *	  made yet
 * @out: the request being built; gets the file's list when it differs
 * @what: the differences so far; gains "allow A -> B"
 * @len: size of @what
 *
 * A file is authoritative: an external tunnel without allow accepts no
 * one. Nothing for a tunnel the file does not make external.
 *
 * Return: true if there is a difference to apply.
 */
bool scidtun_conf_allow_diff(const struct scidtun_request *want, const struct scid_allow *have,
			     struct scidtun_request *out, char *what, size_t len)
{
	static const struct scid_allow none;
	const struct scid_allow *next = want->allow_given ? want->allow : &none;
	char from[64], to[64];

	out->external = false;
	out->allow_given = false;
	out->allow = NULL;
	if (!want->external)
		return false;
	if (!have)
		have = &none;
	if (scid_allow_same(have, next))
		return false;
	out->allow_given = true;
	out->allow = (struct scid_allow *)next;
	allow_text(have, from, sizeof(from));
	/* Two long lists of one length: say that they differ all the same. */
	if (!strcmp(from, allow_text(next, to, sizeof(to))))
		snprintf(to, sizeof(to), "%u other prefixes", next->n);
	note(what, len, "allow", from, to);
	return true;
}

const char *scidtun_addr_text(char buf[SCIDTUN_ADDR_TEXT], const struct scidtun_addr *a)
{
	char ip[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &a->addr, ip, sizeof(ip));
	snprintf(buf, SCIDTUN_ADDR_TEXT, "%s/%u", ip, a->plen);
	return buf;
}

/**
 * scidtun_route_text() - a route in the words of a "route" line
 * @buf: receives it
 * @r: the route
 *
 * Return: @buf.
 */
const char *scidtun_route_text(char buf[SCIDTUN_ROUTE_TEXT], const struct scidtun_route *r)
{
	char dst[INET_ADDRSTRLEN], gw[INET_ADDRSTRLEN];
	size_t n;

	inet_ntop(AF_INET, &r->dst, dst, sizeof(dst));
	if (!r->plen && !r->dst)
		n = (size_t)snprintf(buf, SCIDTUN_ROUTE_TEXT, "default");
	else if (r->plen == 32)
		n = (size_t)snprintf(buf, SCIDTUN_ROUTE_TEXT, "%s", dst);
	else
		n = (size_t)snprintf(buf, SCIDTUN_ROUTE_TEXT, "%s/%u", dst, r->plen);
	if (r->gw) {
		inet_ntop(AF_INET, &r->gw, gw, sizeof(gw));
		n += (size_t)snprintf(buf + n, SCIDTUN_ROUTE_TEXT - n, " via %s", gw);
	}
	if (r->onlink)
		n += (size_t)snprintf(buf + n, SCIDTUN_ROUTE_TEXT - n, " onlink");
	if (r->metric)
		snprintf(buf + n, SCIDTUN_ROUTE_TEXT - n, " metric %u", r->metric);
	return buf;
}

/**
 * scidtun_addr_in() - whether @a is one of @list
 * @a: the address
 * @list: the addresses
 * @n: how many
 *
 * Return: true if an entry has the same address and prefix length.
 */
bool scidtun_addr_in(const struct scidtun_addr *a, const struct scidtun_addr *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (list[i].addr == a->addr && list[i].plen == a->plen)
			return true;
	}
	return false;
}

/**
 * scidtun_route_find() - the route of @list to the same place as @key
 * @key: the route
 * @list: the routes
 * @n: how many
 *
 * The kernel keys a route by destination, prefix length and metric; the
 * gateway and flags are what a replace changes.
 *
 * Return: the entry, or NULL.
 */
const struct scidtun_route *scidtun_route_find(const struct scidtun_route *key,
					       const struct scidtun_route *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (list[i].dst == key->dst && list[i].plen == key->plen &&
		    list[i].metric == key->metric)
			return &list[i];
	}
	return NULL;
}

/**
 * scidtun_route_same() - whether two routes are the same in every word
 * @a: one
 * @b: the other
 *
 * Return: true if they are.
 */
bool scidtun_route_same(const struct scidtun_route *a, const struct scidtun_route *b)
{
	return a->dst == b->dst && a->plen == b->plen && a->metric == b->metric &&
	       a->gw == b->gw && a->onlink == b->onlink;
}

struct conf_line {
	FILE *out;
	bool external;
};

/* An external tunnel has no remote or local: its line names none, as add takes it. */
static void print_word(void *ctx, const struct scid_word *w, const char *value)
{
	const struct conf_line *line = ctx;

	if (line->external && (w->field == SCID_TUN_REMOTE || w->field == SCID_TUN_LOCAL))
		return;
	fprintf(line->out, value ? " %s %s" : " %s", w->keyword, value);
}

/**
 * scidtun_conf_print() - one tunnel in the words of a configuration file
 * @out: where to print
 * @p: the parameters from SIOCGETTUNNEL
 * @ka: its fwmark, encapsulation, clamp-mss, keepalive, hold, rise,
 *	pmtu-probe and pmtu-raise, as rtnetlink gave them; NULL for none
 * @allow: an external tunnel's allow list; NULL for a tunnel that is not external
 * @indextoname: turns p->link into a name
 * @addrs: the tunnel's IPv4 addresses
 * @naddrs: how many
 * @routes: the routes through it
 * @nroutes: how many
 *
 * Options at their default are left out, so that the line reads like one
 * written by hand; it parses back to the same parameters.
 */
void scidtun_conf_print(FILE *out, const struct ip_tunnel_parm *p, const struct scid_tun *ka,
			const struct scid_allow *allow, scidtun_name_fn indextoname, const struct scidtun_addr *addrs,
			size_t naddrs, const struct scidtun_route *routes, size_t nroutes)
{
	const unsigned int words = SCIDTUN_GIVEN_FWMARK | SCIDTUN_GIVEN_ENCAP |
				   SCIDTUN_GIVEN_ENCAP_SPORT | SCIDTUN_GIVEN_ENCAP_DPORT |
				   SCIDTUN_GIVEN_ENCAP_CSUM | SCIDTUN_GIVEN_ENCAP_REMCSUM |
				   SCIDTUN_GIVEN_CLAMP_MSS | SCIDTUN_GIVEN_KEEPALIVE |
				   SCIDTUN_GIVEN_HOLD | SCIDTUN_GIVEN_RISE |
				   SCIDTUN_GIVEN_PMTU_PROBE | SCIDTUN_GIVEN_PMTU_RAISE;
	struct conf_line line = { .out = out, .external = allow != NULL };
	char text[SCIDTUN_ROUTE_TEXT], dev[IF_NAMESIZE];
	struct scid_tun t;
	size_t i;

	scid_tun_from_parm(p, &t);
	/* Not the MTU: setconf does not take it (scidtun change does). */
	if (ka) {
		t.given |= ka->given & words;
		t.fwmark = ka->fwmark;
		t.encap = ka->encap;
		t.encap_sport = ka->encap_sport;
		t.encap_dport = ka->encap_dport;
		t.encap_csum = ka->encap_csum;
		t.encap_remcsum = ka->encap_remcsum;
		t.clamp_mss = ka->clamp_mss;
		t.keepalive = ka->keepalive;
		t.hold = ka->hold;
		t.rise = ka->rise;
		t.pmtu_probe = ka->pmtu_probe;
		t.pmtu_raise = ka->pmtu_raise;
	}
	fprintf(out, "tunnel %.*s", IFNAMSIZ, p->name);
	if (allow) {
		fputs(" external allow ", out);
		scid_allow_print(out, allow);
	}
	scid_tun_words(&t, SCID_WORDS_INPUT | SCID_WORDS_CHANGED, indextoname, print_word, &line);
	fputc('\n', out);
	if (t.link && !indextoname(t.link, dev))
		fprintf(out, "\t# its dev, interface %u, no longer exists\n", t.link);
	for (i = 0; i < naddrs; i++)
		fprintf(out, "\taddress %s\n", scidtun_addr_text(text, &addrs[i]));
	for (i = 0; i < nroutes; i++)
		fprintf(out, "\troute %s\n", scidtun_route_text(text, &routes[i]));
}
