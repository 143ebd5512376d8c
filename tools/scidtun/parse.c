// SPDX-License-Identifier: GPL-2.0
/*
 * Command lines of add and change: the tunnel's name, then its words,
 * which tools/lib/tunnel_words.c parses for the ip link plugin too. Pure:
 * no ioctl, no globals, and the one lookup it needs is passed in.
 */

#include <stdlib.h>
#include <string.h>

#include "parse.h"

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
	if (scid_check_ifname("name", name, err, errlen))
		return -1;
	if (name[0] == '-')
		return scid_fail(err, errlen, "invalid name '%s': starts with '-'", name);
	if (!strcmp(name, SCID_CTL_NAME))
		return scid_fail(err, errlen, "invalid name '%s': reserved for the control device",
				 name);
	return 0;
}

/*
 * The words of an external add: those of any add but remote and local,
 * which each packet's metadata gives, and keepalive and pmtu-probe, which
 * need one peer. add's own checks still run, with "remote any" supplied
 * (@rest has room for it).
 */
static int parse_external_add(int n, char **rest, scidtun_lookup_fn lookup, struct scid_tun *t,
			      char *err, size_t errlen)
{
	static const struct {
		enum scid_tun_field field;
		const char *word;
	} refused[] = {
		{ SCID_TUN_REMOTE, "remote" },
		{ SCID_TUN_LOCAL, "local" },
	};
	char remote[] = "remote", any[] = "any";
	size_t i;

	if (scid_tun_parse(n, rest, SCID_TUN_CHANGE, lookup, t, err, errlen))
		return -1;
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		if (t->given & SCID_TUN_GIVEN(refused[i].field))
			return scid_fail(err, errlen,
					 "'%s' is not for external tunnels: each packet's metadata names the outer addresses",
					 refused[i].word);
	}
	if (t->keepalive || t->pmtu_probe)
		return scid_fail(err, errlen,
				 "'%s' is not for external tunnels: it needs one peer to probe",
				 t->keepalive ? "keepalive" : "pmtu-probe");
	rest[n] = remote;
	rest[n + 1] = any;
	if (scid_tun_parse(n + 2, rest, SCID_TUN_ADD, lookup, t, err, errlen))
		return -1;
	t->given &= ~SCID_TUN_GIVEN(SCID_TUN_REMOTE);
	return 0;
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
	struct scid_external_words x = { .external = false };
	struct scidtun_request req;
	struct scid_tun t;
	char **rest;
	int nrest;

	if (argc < 1)
		return scid_fail(err, errlen, "missing tunnel name");
	if (scidtun_check_tunnel_name(argv[0], err, errlen))
		return -1;
	/* Only add can create a name that later reads as a keyword. */
	if (cmd == SCIDTUN_CMD_ADD && (scid_word_find(argv[0]) || !strcmp(argv[0], "help") ||
				       !strcmp(argv[0], "external") || !strcmp(argv[0], "allow")))
		return scid_fail(err, errlen,
				 "invalid name '%s': a keyword (the tunnel name comes first)",
				 argv[0]);
	/* Room for "remote any" after the words: see parse_external_add(). */
	rest = calloc((size_t)argc + 2, sizeof(*rest));
	x.allow = malloc(sizeof(*x.allow));
	if (!rest || !x.allow) {
		free(rest);
		free(x.allow);
		return scid_fail(err, errlen, "out of memory");
	}
	nrest = scid_take_external_words(argc - 1, argv + 1, rest, &x, SCID_ALLOW_MAX, err,
					 errlen);
	if (nrest >= 0 && cmd == SCIDTUN_CMD_ADD && x.allow_given && !x.external)
		nrest = scid_fail(err, errlen,
				  "'allow' is for external tunnels: add 'external', or leave 'allow' out");
	if (nrest >= 0 && cmd == SCIDTUN_CMD_ADD && x.external)
		nrest = parse_external_add(nrest, rest, lookup, &t, err, errlen);
	else if (nrest >= 0 && scid_tun_parse(nrest, rest, (enum scid_tun_cmd)cmd, lookup, &t,
					      err, errlen))
		nrest = -1;
	free(rest);
	/* ip link set with nothing to change is ip's to refuse, this is ours. */
	if (nrest >= 0 && cmd == SCIDTUN_CMD_CHANGE && !t.given && !x.external &&
	    !x.allow_given)
		nrest = scid_fail(err, errlen, "nothing to change for '%s'", argv[0]);
	if (nrest < 0) {
		free(x.allow);
		return -1;
	}

	memset(&req, 0, sizeof(req));
	memcpy(req.parm.name, argv[0], strlen(argv[0]));
	scidtun_request_set_words(&req, &t);
	req.external = x.external;
	req.allow_given = x.allow_given;
	if (x.allow_given)
		req.allow = x.allow;
	else
		free(x.allow);
	/* Every field, given or default: add sends them all. */
	t.given = SCID_TUN_GIVEN(SCID_TUN_NFIELDS) - 1;
	scid_tun_to_parm(&t, &req.parm);
	*out = req;
	return 0;
}

/**
 * scidtun_request_free() - free what a parsed request holds
 * @req: what scidtun_parse_tunnel_args() filled; its allow list goes
 */
void scidtun_request_free(struct scidtun_request *req)
{
	free(req->allow);
	req->allow = NULL;
	req->allow_given = false;
}

/**
 * scidtun_check_external() - whether a request fits the tunnel it changes
 * @req: what scidtun_parse_tunnel_args() built for SCIDTUN_CMD_CHANGE
 * @external: whether the tunnel is external, as rtnetlink says
 * @err: receives the message on failure
 * @errlen: size of @err
 *
 * The kernel refuses each of these too; saying it here names the word,
 * and nothing is half done when a change takes an ioctl and a netlink
 * request.
 *
 * Return: 0, or -1 with @err set.
 */
int scidtun_check_external(const struct scidtun_request *req, bool external, char *err,
			   size_t errlen)
{
	const char *name = req->parm.name;

	if (!external && req->external)
		return scid_fail(err, errlen,
				 "cannot make '%s' external: a tunnel is external from its creation (delete it and add it with 'external')",
				 name);
	if (!external && req->allow_given)
		return scid_fail(err, errlen, "'allow' is for external tunnels: '%s' is not one",
				 name);
	if (external && (req->given & (SCIDTUN_GIVEN_REMOTE | SCIDTUN_GIVEN_LOCAL)) &&
	    (req->parm.iph.daddr || req->parm.iph.saddr))
		return scid_fail(err, errlen,
				 "'%s' is external: it has no remote or local address, each packet's metadata names them",
				 name);
	return 0;
}

/**
 * scidtun_request_words() - the fields of a request that @given names, as words
 * @req: what scidtun_parse_tunnel_args() built
 * @given: which of its fields to keep given, e.g. SCIDTUN_GIVEN_NL
 * @t: receives them, with the defaults in the others
 */
void scidtun_request_words(const struct scidtun_request *req, unsigned int given,
			   struct scid_tun *t)
{
	scid_tun_from_parm(&req->parm, t);
	t->given = req->given & given;
	t->fwmark = req->fwmark;
	t->encap = req->encap;
	t->encap_sport = req->encap_sport;
	t->encap_dport = req->encap_dport;
	t->encap_csum = req->encap_csum;
	t->encap_remcsum = req->encap_remcsum;
	t->mtu = req->mtu;
	t->clamp_mss = req->clamp_mss;
	t->keepalive = req->keepalive;
	t->hold = req->hold;
	t->rise = req->rise;
	t->pmtu_probe = req->pmtu_probe;
	t->pmtu_raise = req->pmtu_raise;
}

/**
 * scidtun_request_set_words() - a request's rtnetlink fields from words
 * @req: the request; its parm is left alone
 * @t: the words; their given bits become the request's
 *
 * The other half of scidtun_request_words().
 */
void scidtun_request_set_words(struct scidtun_request *req, const struct scid_tun *t)
{
	req->given = t->given;
	req->fwmark = t->fwmark;
	req->encap = t->encap;
	req->encap_sport = t->encap_sport;
	req->encap_dport = t->encap_dport;
	req->encap_csum = t->encap_csum;
	req->encap_remcsum = t->encap_remcsum;
	req->mtu = t->mtu;
	req->clamp_mss = t->clamp_mss;
	req->keepalive = t->keepalive;
	req->hold = t->hold;
	req->rise = t->rise;
	req->pmtu_probe = t->pmtu_probe;
	req->pmtu_raise = t->pmtu_raise;
}

/**
 * scidtun_add_nl_given() - what add must send by rtnetlink after the ioctl
 * @req: what scidtun_parse_tunnel_args() built for SCIDTUN_CMD_ADD
 *
 * The ioctl carries none of the fields of SCIDTUN_GIVEN_NL. Those given
 * at the value a new tunnel has already (fwmark 0, encap none, encap-sport
 * auto, no encap flags, mtu auto, clamp-mss off, pmtu-probe off,
 * pmtu-raise at its default) are left out, so that such an add is one
 * request, as before them. (encap-dport is never 0.)
 *
 * Return: the SCIDTUN_GIVEN_* bits to pass to scidtun_set_tunnel(); 0 for none.
 */
unsigned int scidtun_add_nl_given(const struct scidtun_request *req)
{
	unsigned int given = req->given & SCIDTUN_GIVEN_NL;

	if (!req->fwmark)
		given &= ~SCIDTUN_GIVEN_FWMARK;
	if (req->encap == TUNNEL_ENCAP_NONE)
		given &= ~SCIDTUN_GIVEN_ENCAP;
	if (!req->encap_sport)
		given &= ~SCIDTUN_GIVEN_ENCAP_SPORT;
	if (!req->encap_csum)
		given &= ~SCIDTUN_GIVEN_ENCAP_CSUM;
	if (!req->encap_remcsum)
		given &= ~SCIDTUN_GIVEN_ENCAP_REMCSUM;
	if (!req->mtu)
		given &= ~SCIDTUN_GIVEN_MTU;
	if (req->clamp_mss == SCID_CLAMP_MSS_OFF)
		given &= ~SCIDTUN_GIVEN_CLAMP_MSS;
	if (!req->pmtu_probe)
		given &= ~SCIDTUN_GIVEN_PMTU_PROBE;
	if (req->pmtu_raise == SCID_PMTU_RAISE_DEFAULT)
		given &= ~SCIDTUN_GIVEN_PMTU_RAISE;
	return given;
}

/**
 * scidtun_turns_keepalive_on() - whether a request sets a keepalive interval
 * @req: what scidtun_parse_tunnel_args() built
 *
 * Such a tunnel also gets ignore_routes_with_linkdown, so that a carrier
 * keepalive took away takes its routes out of use (docs/keepalive.md).
 *
 * Return: true for "keepalive INTERVAL", false for none or "keepalive off".
 */
bool scidtun_turns_keepalive_on(const struct scidtun_request *req)
{
	return (req->given & SCIDTUN_GIVEN_KEEPALIVE) && req->keepalive;
}

/**
 * scidtun_apply_change() - merge a change request into a tunnel's parameters
 * @req: what scidtun_parse_tunnel_args() built for SCIDTUN_CMD_CHANGE
 * @cur: the tunnel's parameters from SIOCGETTUNNEL; becomes the SIOCCHGTUNNEL request
 * @err: receives the message on failure
 * @errlen: size of @err
 *
 * Checks here what only the current parameters can tell: the kernel would
 * refuse to add or drop a remote, and keepalive without one, and would
 * quietly force DF under a fixed ttl.
 *
 * Return: 0, or -1 with @err set and @cur untouched.
 */
int scidtun_apply_change(const struct scidtun_request *req, struct ip_tunnel_parm *cur,
			 char *err, size_t errlen)
{
	char from[SCID_TUN_TEXT_MAX], to[SCID_TUN_TEXT_MAX];
	struct ip_tunnel_parm next = *cur;
	struct scid_tun want, have;

	scid_tun_from_parm(&req->parm, &want);
	want.given = req->given;
	scid_tun_from_parm(cur, &have);
	if ((want.given & SCIDTUN_GIVEN_REMOTE) && !have.remote != !want.remote)
		return scid_fail(err, errlen,
				 "cannot change remote of '%s' from '%s' to '%s': delete the tunnel and add it again",
				 req->parm.name, scid_tun_text(&have, SCID_TUN_REMOTE, NULL, from),
				 scid_tun_text(&want, SCID_TUN_REMOTE, NULL, to));
	if (scidtun_turns_keepalive_on(req) && !have.remote)
		return scid_fail(err, errlen,
				 "cannot turn keepalive on for '%s': it has no remote address (remote any)",
				 req->parm.name);
	scid_tun_to_parm(&want, &next);
	scid_tun_from_parm(&next, &have);
	if (scid_tun_check_df(&have, want.given, err, errlen))
		return -1;

	/* Send back only what the kernel accepts, whatever GET returned. */
	memcpy(next.name, req->parm.name, IFNAMSIZ);
	next.i_flags = 0;
	next.o_flags = 0;
	next.i_key = 0;
	next.o_key = 0;
	next.iph.tot_len = 0;
	next.iph.id = 0;
	next.iph.check = 0;
	*cur = next;
	return 0;
}
