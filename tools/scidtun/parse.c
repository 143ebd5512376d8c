// SPDX-License-Identifier: GPL-2.0
/*
 * Command-line parsing for add and change. Pure: no ioctl, no globals, and
 * the one lookup it needs is passed in, so tests run it without a kernel.
 */

#include <arpa/inet.h>
#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "parse.h"
#include "strict_u8.h"

struct keyword {
	const char *word;
	unsigned int slot;
	bool has_value;
	int (*apply)(struct scidtun_request *req, const char *value,
		     scidtun_lookup_fn lookup, char *err, size_t errlen);
};

static int __attribute__((format(printf, 3, 4)))
fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static const char *addr_text(char buf[INET_ADDRSTRLEN], uint32_t addr)
{
	struct in_addr in = { .s_addr = addr };

	if (!addr)
		return "any";
	return inet_ntop(AF_INET, &in, buf, INET_ADDRSTRLEN);
}

/* Reject locally what the kernel would answer with a bare EINVAL. */
static int parse_ipv4(const char *what, const char *s, uint32_t *out, char *err, size_t errlen)
{
	struct in_addr in;
	uint32_t host;

	if (!strcmp(s, "any")) {
		*out = 0;
		return 0;
	}
	if (inet_pton(AF_INET, s, &in) != 1)
		return fail(err, errlen, "invalid %s '%s': not an IPv4 address", what, s);
	host = ntohl(in.s_addr);
	if ((host >> 28) == 0xe)
		return fail(err, errlen, "invalid %s '%s': multicast address", what, s);
	if (host == 0xffffffff)
		return fail(err, errlen, "invalid %s '%s': broadcast address", what, s);
	if ((host >> 24) == 127)
		return fail(err, errlen, "invalid %s '%s': loopback address", what, s);
	*out = in.s_addr;
	return 0;
}

static void set_name(char dst[IFNAMSIZ], const char *name)
{
	/* Callers have checked that name fits. */
	memset(dst, 0, IFNAMSIZ);
	memcpy(dst, name, strlen(name));
}

static int apply_mode(struct scidtun_request *req, const char *value,
		      scidtun_lookup_fn lookup, char *err, size_t errlen)
{
	(void)req;
	(void)lookup;
	if (strcmp(value, "ipip") && strcmp(value, "ip/ip"))
		return fail(err, errlen, "invalid mode '%s': only ipip (ip/ip) is supported", value);
	return 0;
}

static int apply_remote(struct scidtun_request *req, const char *value,
			scidtun_lookup_fn lookup, char *err, size_t errlen)
{
	(void)lookup;
	return parse_ipv4("remote", value, &req->parm.iph.daddr, err, errlen);
}

static int apply_local(struct scidtun_request *req, const char *value,
		       scidtun_lookup_fn lookup, char *err, size_t errlen)
{
	(void)lookup;
	return parse_ipv4("local", value, &req->parm.iph.saddr, err, errlen);
}

static int apply_dev(struct scidtun_request *req, const char *value,
		     scidtun_lookup_fn lookup, char *err, size_t errlen)
{
	unsigned int index;

	if (scidtun_check_ifname("dev", value, err, errlen))
		return -1;
	index = lookup(value);
	if (!index || index > INT_MAX)
		return fail(err, errlen, "invalid dev '%s': no such interface", value);
	req->parm.link = (int)index;
	return 0;
}

static int apply_ttl(struct scidtun_request *req, const char *value,
		     scidtun_lookup_fn lookup, char *err, size_t errlen)
{
	unsigned int ttl = 0;

	(void)lookup;
	if (strcmp(value, "inherit") && !parse_u8(value, false, &ttl))
		return fail(err, errlen, "invalid ttl '%s': expected 1..255 or inherit", value);
	req->parm.iph.ttl = (__u8)ttl;
	return 0;
}

static int apply_tos(struct scidtun_request *req, const char *value,
		     scidtun_lookup_fn lookup, char *err, size_t errlen)
{
	unsigned int tos = SCIDTUN_TOS_INHERIT;

	(void)lookup;
	if (strcmp(value, "inherit") && !parse_u8(value, true, &tos))
		return fail(err, errlen, "invalid tos '%s': expected 0..255, 0x00..0xff or inherit",
			    value);
	req->parm.iph.tos = (__u8)tos;
	return 0;
}

static int apply_pmtudisc(struct scidtun_request *req, const char *value,
			  scidtun_lookup_fn lookup, char *err, size_t errlen)
{
	(void)value;
	(void)lookup;
	(void)err;
	(void)errlen;
	req->parm.iph.frag_off = htons(SCIDTUN_IP_DF);
	return 0;
}

static int apply_nopmtudisc(struct scidtun_request *req, const char *value,
			    scidtun_lookup_fn lookup, char *err, size_t errlen)
{
	(void)value;
	(void)lookup;
	(void)err;
	(void)errlen;
	req->parm.iph.frag_off = 0;
	return 0;
}

static int apply_nodf(struct scidtun_request *req, const char *value,
		      scidtun_lookup_fn lookup, char *err, size_t errlen)
{
	(void)value;
	(void)lookup;
	(void)err;
	(void)errlen;
	req->parm.iph.frag_off = htons(SCIDTUN_IP_NODF);
	return 0;
}

static const struct keyword keywords[] = {
	{ "mode", SCIDTUN_GIVEN_MODE, true, apply_mode },
	{ "remote", SCIDTUN_GIVEN_REMOTE, true, apply_remote },
	{ "local", SCIDTUN_GIVEN_LOCAL, true, apply_local },
	{ "dev", SCIDTUN_GIVEN_DEV, true, apply_dev },
	{ "ttl", SCIDTUN_GIVEN_TTL, true, apply_ttl },
	{ "tos", SCIDTUN_GIVEN_TOS, true, apply_tos },
	{ "pmtudisc", SCIDTUN_GIVEN_PMTUDISC, false, apply_pmtudisc },
	{ "nopmtudisc", SCIDTUN_GIVEN_PMTUDISC, false, apply_nopmtudisc },
	{ "nodf", SCIDTUN_GIVEN_PMTUDISC, false, apply_nodf },
};

#define NUM_KEYWORDS (sizeof(keywords) / sizeof(keywords[0]))

static const struct keyword *find_keyword(const char *word)
{
	size_t i;

	for (i = 0; i < NUM_KEYWORDS; i++) {
		if (!strcmp(keywords[i].word, word))
			return &keywords[i];
	}
	return NULL;
}

/**
 * scidtun_check_ifname() - check that @name can be a Linux interface name
 * @what: the keyword to name in the message ("name", "dev")
 * @name: the candidate
 * @err: receives the message on failure
 * @errlen: size of @err
 *
 * Return: 0, or -1 with @err set.
 */
int scidtun_check_ifname(const char *what, const char *name, char *err, size_t errlen)
{
	size_t len = strlen(name);
	const char *c;

	if (!len)
		return fail(err, errlen, "invalid %s '': empty", what);
	if (len >= IFNAMSIZ)
		return fail(err, errlen, "invalid %s '%s': longer than %d bytes", what, name,
			    IFNAMSIZ - 1);
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return fail(err, errlen, "invalid %s '%s': reserved", what, name);
	for (c = name; *c; c++) {
		if (*c == '/' || *c == ':')
			return fail(err, errlen, "invalid %s '%s': contains '%c'", what, name, *c);
		if (isspace((unsigned char)*c))
			return fail(err, errlen, "invalid %s '%s': contains whitespace", what, name);
	}
	return 0;
}

/**
 * scidtun_check_tunnel_name() - check a NAME argument of any command
 * @name: the candidate
 * @err: receives the message on failure
 * @errlen: size of @err
 *
 * On top of the interface name rules, a leading '-' is kept for options and
 * the control device is never a tunnel.
 *
 * Return: 0, or -1 with @err set.
 */
int scidtun_check_tunnel_name(const char *name, char *err, size_t errlen)
{
	if (scidtun_check_ifname("name", name, err, errlen))
		return -1;
	if (name[0] == '-')
		return fail(err, errlen, "invalid name '%s': starts with '-'", name);
	if (!strcmp(name, SCIDTUN_CONTROL_DEV))
		return fail(err, errlen, "invalid name '%s': reserved for the control device", name);
	return 0;
}

static int slot_index(unsigned int slot)
{
	int i = 0;

	while (!(slot & 1)) {
		slot >>= 1;
		i++;
	}
	return i;
}

/**
 * scidtun_parse_tunnel_args() - parse "NAME [keyword value]..." for add or change
 * @argc: number of words in @argv
 * @argv: the words after the command; argv[0] is the tunnel name
 * @cmd: SCIDTUN_CMD_ADD fills in the defaults and requires remote
 * @lookup: resolves the interface name given to dev
 * @out: receives the request; untouched on failure
 * @err: receives the message on failure, naming the bad word
 * @errlen: size of @err
 *
 * Return: 0, or -1 with @err set.
 */
int scidtun_parse_tunnel_args(int argc, char **argv, enum scidtun_cmd cmd,
			      scidtun_lookup_fn lookup, struct scidtun_request *out,
			      char *err, size_t errlen)
{
	const char *seen[8] = { NULL };
	const struct keyword *kw;
	struct scidtun_request req;
	const char *value;
	int i, slot;

	if (argc < 1)
		return fail(err, errlen, "missing tunnel name");
	if (scidtun_check_tunnel_name(argv[0], err, errlen))
		return -1;
	/* Only add can create a name that later reads as a keyword. */
	if (cmd == SCIDTUN_CMD_ADD && (find_keyword(argv[0]) || !strcmp(argv[0], "help")))
		return fail(err, errlen, "invalid name '%s': a keyword (the tunnel name comes first)",
			    argv[0]);

	memset(&req, 0, sizeof(req));
	set_name(req.parm.name, argv[0]);
	req.parm.iph.version = 4;
	req.parm.iph.ihl = 5;
	req.parm.iph.protocol = IPPROTO_IPIP;
	req.parm.iph.frag_off = htons(SCIDTUN_IP_DF);

	for (i = 1; i < argc; i++) {
		kw = find_keyword(argv[i]);
		if (!kw)
			return fail(err, errlen, "unknown keyword '%s'", argv[i]);
		slot = slot_index(kw->slot);
		if (seen[slot] && !strcmp(seen[slot], kw->word))
			return fail(err, errlen, "repeated keyword '%s'", kw->word);
		if (seen[slot])
			return fail(err, errlen, "'%s' conflicts with '%s'", kw->word, seen[slot]);
		value = NULL;
		if (kw->has_value) {
			if (i + 1 >= argc)
				return fail(err, errlen, "missing value for '%s'", kw->word);
			value = argv[++i];
		}
		if (kw->apply(&req, value, lookup, err, errlen))
			return -1;
		seen[slot] = kw->word;
		req.given |= kw->slot;
	}

	if (cmd == SCIDTUN_CMD_ADD && !(req.given & SCIDTUN_GIVEN_REMOTE))
		return fail(err, errlen,
			    "missing 'remote' (use 'remote any' for a tunnel without a fixed peer)");
	if (cmd == SCIDTUN_CMD_CHANGE && !(req.given & ~SCIDTUN_GIVEN_MODE))
		return fail(err, errlen, "nothing to change for '%s'", argv[0]);
	if ((req.given & SCIDTUN_GIVEN_TTL) && (req.given & SCIDTUN_GIVEN_PMTUDISC) &&
	    req.parm.iph.ttl && !req.parm.iph.frag_off)
		return fail(err, errlen,
			    "ttl '%u' conflicts with 'nopmtudisc': a fixed ttl makes the kernel set DF (use 'ttl inherit')",
			    req.parm.iph.ttl);

	*out = req;
	return 0;
}

/**
 * scidtun_apply_change() - merge a change request into a tunnel's parameters
 * @req: what scidtun_parse_tunnel_args() built for SCIDTUN_CMD_CHANGE
 * @cur: the tunnel's parameters from SIOCGETTUNNEL; becomes the SIOCCHGTUNNEL request
 * @err: receives the message on failure
 * @errlen: size of @err
 *
 * Checks here what only the current parameters can tell: the kernel would
 * refuse to add or drop a remote, and would quietly force DF under a fixed ttl.
 *
 * Return: 0, or -1 with @err set and @cur untouched.
 */
int scidtun_apply_change(const struct scidtun_request *req, struct ip_tunnel_parm *cur,
			 char *err, size_t errlen)
{
	char from[INET_ADDRSTRLEN], to[INET_ADDRSTRLEN];
	const struct ip_tunnel_parm *want = &req->parm;
	struct ip_tunnel_parm next = *cur;

	if (req->given & SCIDTUN_GIVEN_REMOTE) {
		if (!cur->iph.daddr != !want->iph.daddr)
			return fail(err, errlen,
				    "cannot change remote of '%s' from '%s' to '%s': delete the tunnel and add it again",
				    want->name, addr_text(from, cur->iph.daddr),
				    addr_text(to, want->iph.daddr));
		next.iph.daddr = want->iph.daddr;
	}
	if (req->given & SCIDTUN_GIVEN_LOCAL)
		next.iph.saddr = want->iph.saddr;
	if (req->given & SCIDTUN_GIVEN_DEV)
		next.link = want->link;
	if (req->given & SCIDTUN_GIVEN_TTL)
		next.iph.ttl = want->iph.ttl;
	if (req->given & SCIDTUN_GIVEN_TOS)
		next.iph.tos = want->iph.tos;
	if (req->given & SCIDTUN_GIVEN_PMTUDISC)
		next.iph.frag_off = want->iph.frag_off;

	if (next.iph.ttl && !next.iph.frag_off) {
		if (req->given & SCIDTUN_GIVEN_TTL)
			return fail(err, errlen,
				    "ttl '%u' conflicts with nopmtudisc on '%s': a fixed ttl makes the kernel set DF (add 'pmtudisc')",
				    next.iph.ttl, want->name);
		return fail(err, errlen,
			    "'nopmtudisc' conflicts with ttl %u on '%s': a fixed ttl makes the kernel set DF (add 'ttl inherit')",
			    next.iph.ttl, want->name);
	}

	/* Send back only what the kernel accepts, whatever GET returned. */
	memcpy(next.name, want->name, IFNAMSIZ);
	next.i_flags = 0;
	next.o_flags = 0;
	next.i_key = 0;
	next.o_key = 0;
	next.iph.version = 4;
	next.iph.ihl = 5;
	next.iph.protocol = IPPROTO_IPIP;
	next.iph.tot_len = 0;
	next.iph.id = 0;
	next.iph.check = 0;
	*cur = next;
	return 0;
}
