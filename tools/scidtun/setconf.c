// SPDX-License-Identifier: GPL-2.0
/*
 * setconf: make the running tunnels, their addresses and their routes what
 * configuration files say, changing only what differs and saying what it
 * changed. A file is authoritative for the tunnels it names; other tunnels
 * are left alone unless --prune.
 */

#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "conf.h"
#include "index.h"
#include "ipc.h"
#include "nl.h"
#include "subcommands.h"
#include "sysctl.h"

#define SETCONF_USAGE "setconf [-n|--dry-run] [--prune] FILE|DIR..."

/*
 * The namespace is read once, before the first change: one dump each of
 * its links, addresses and routes, grouped by ifindex. Reading a tunnel's
 * share again for each tunnel made setconf quadratic in the number of
 * tunnels (the kernel walks every route of the table for each dump).
 * A tunnel's own changes touch only its own share, which setconf then
 * knows; the exception is routes_stale.
 */
struct setconf {
	bool dry_run;
	bool prune;
	unsigned int changes;
	struct scidtun_nl nl;
	struct scidtun_group links, addrs, routes;
	struct scidtun_names link_names;	/* of links' items */
	/*
	 * Removing an address (or a tunnel with its addresses) removes the
	 * routes through any link whose preferred source it was, and a
	 * replaced route may have been another link's with the same key:
	 * the routes are read again before the next tunnel's are compared.
	 */
	bool routes_stale;
};

/* What a tunnel has before this run changes it, as setconf compares it. */
struct tunnel_state {
	int ifindex;		/* 0: a tunnel a dry run would create */
	bool known;		/* from the dumps, not read again */
	bool own_data;		/* data was read for it: free it after */
	unsigned int flags;
	struct scidtun_link_data data;
	const struct scidtun_addr *addrs;
	size_t naddrs;
	const struct scidtun_route *routes;
	size_t nroutes;
};

static void __attribute__((format(printf, 3, 4)))
say(struct setconf *sc, const char *name, const char *fmt, ...)
{
	va_list ap;

	printf("%.*s: ", IFNAMSIZ, name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	sc->changes++;
}

static int nl_failed(const char *name, const char *what, const char *text, int ret)
{
	fprintf(stderr, "%s: %.*s: cannot %s %s: %s\n", PROG_NAME, IFNAMSIZ, name, what, text,
		strerror(-ret));
	return SCIDTUN_EXIT_SYSTEM;
}

static int parse_file(struct scidtun_conf *conf, const char *path)
{
	char err[512];
	FILE *f;
	int ret;

	f = fopen(path, "re");
	if (!f) {
		fprintf(stderr, "%s: cannot read '%s': %s\n", PROG_NAME, path, strerror(errno));
		return SCIDTUN_EXIT_USAGE;
	}
	ret = scidtun_conf_parse(conf, f, path, if_nametoindex, err, sizeof(err));
	fclose(f);
	if (ret) {
		fprintf(stderr, "%s: %s\n", PROG_NAME, err);
		return SCIDTUN_EXIT_USAGE;
	}
	return SCIDTUN_EXIT_OK;
}

static int conf_file(const struct dirent *d)
{
	size_t len = strlen(d->d_name);

	return d->d_name[0] != '.' && len > 5 && !strcmp(d->d_name + len - 5, ".conf");
}

/* A directory stands for its *.conf files, in byte order. */
static int parse_path(struct scidtun_conf *conf, const char *path)
{
	struct dirent **list;
	char file[4096];
	struct stat st;
	int n, i, ret = 0;

	if (stat(path, &st) || !S_ISDIR(st.st_mode))
		return parse_file(conf, path);
	n = scandir(path, &list, conf_file, alphasort);
	if (n < 0) {
		fprintf(stderr, "%s: cannot read '%s': %s\n", PROG_NAME, path, strerror(errno));
		return SCIDTUN_EXIT_USAGE;
	}
	for (i = 0; i < n; i++) {
		snprintf(file, sizeof(file), "%s/%s", path, list[i]->d_name);
		if (!ret)
			ret = parse_file(conf, file);
		free(list[i]);
	}
	free(list);
	return ret;
}

static int apply_addrs(struct setconf *sc, const struct scidtun_conf_tunnel *t,
		       const struct tunnel_state *st)
{
	const struct scidtun_addr *have = st->addrs;
	const char *name = t->req.parm.name;
	char text[SCIDTUN_ADDR_TEXT];
	int ifindex = st->ifindex;
	size_t n = st->naddrs, i;
	int ret = 0;

	for (i = 0; i < n && !ret; i++) {
		if (scidtun_addr_in(&have[i], t->addrs, t->naddrs))
			continue;
		scidtun_addr_text(text, &have[i]);
		if (!sc->dry_run) {
			ret = scidtun_nl_addr(&sc->nl, SCIDTUN_NL_DEL, ifindex, &have[i]);
			sc->routes_stale = true;
		}
		if (ret)
			ret = nl_failed(name, "remove address", text, ret);
		else
			say(sc, name, "address %s removed", text);
	}
	for (i = 0; i < t->naddrs && !ret; i++) {
		if (scidtun_addr_in(&t->addrs[i], have, n))
			continue;
		scidtun_addr_text(text, &t->addrs[i]);
		if (!sc->dry_run)
			ret = scidtun_nl_addr(&sc->nl, SCIDTUN_NL_ADD, ifindex, &t->addrs[i]);
		if (ret)
			ret = nl_failed(name, "add address", text, ret);
		else
			say(sc, name, "address %s added", text);
	}
	return ret;
}

static int read_routes(struct setconf *sc, const char *name)
{
	int ret = scidtun_nl_all_routes(&sc->nl, &sc->routes);

	if (ret)
		return nl_failed(name, "read", "routes", ret);
	sc->routes_stale = false;
	return 0;
}

static int apply_routes(struct setconf *sc, const struct scidtun_conf_tunnel *t,
			const struct tunnel_state *st)
{
	char text[SCIDTUN_ROUTE_TEXT], old[SCIDTUN_ROUTE_TEXT];
	const struct scidtun_route *have = NULL;
	const char *name = t->req.parm.name;
	const struct scidtun_route *match;
	int ifindex = st->ifindex;
	size_t n = 0, i;
	int ret = 0;

	/* A tunnel made by this run has none yet. */
	if (st->known) {
		if (sc->routes_stale) {
			ret = read_routes(sc, name);
			if (ret)
				return ret;
		}
		have = scidtun_group_find(&sc->routes, ifindex, &n);
	}
	for (i = 0; i < n && !ret; i++) {
		if (scidtun_route_find(&have[i], t->routes, t->nroutes))
			continue;
		scidtun_route_text(text, &have[i]);
		if (!sc->dry_run)
			ret = scidtun_nl_route(&sc->nl, SCIDTUN_NL_DEL, ifindex, &have[i]);
		if (ret)
			ret = nl_failed(name, "remove route", text, ret);
		else
			say(sc, name, "route %s removed", text);
	}
	for (i = 0; i < t->nroutes && !ret; i++) {
		match = scidtun_route_find(&t->routes[i], have, n);
		if (match && scidtun_route_same(match, &t->routes[i]))
			continue;
		scidtun_route_text(text, &t->routes[i]);
		if (!sc->dry_run) {
			ret = scidtun_nl_route(&sc->nl, match ? SCIDTUN_NL_REPLACE : SCIDTUN_NL_ADD,
					       ifindex, &t->routes[i]);
			sc->routes_stale |= match != NULL;
		}
		if (ret)
			ret = nl_failed(name, match ? "change route" : "add route", text, ret);
		else if (match)
			say(sc, name, "route %s changed (was %s)", text,
			    scidtun_route_text(old, match));
		else
			say(sc, name, "route %s added", text);
	}
	return ret;
}

/*
 * fwmark, encap, clamp-mss, keepalive and pmtu-probe after the tunnel
 * exists and before its routes, in one request: the routes' traffic takes
 * the marked path and the encapsulation, and its SYNs are clamped, from
 * its first packet, the kernel sees keepalive and probing (or an encap
 * type and its port) change together, and the sysctl that takes a route
 * without carrier out of use comes first, as in add.
 */
/* What a refused request of apply_keepalive() is named by, its first word. */
static const char *set_what(bool ka, bool allow, const struct scidtun_request *req)
{
	if (ka)
		return "keepalive";
	if (allow)
		return "allow";
	if (req->given & SCIDTUN_GIVEN_FWMARK)
		return "fwmark";
	if (req->given & (SCIDTUN_GIVEN_ENCAP | SCIDTUN_GIVEN_ENCAP_SPORT |
			  SCIDTUN_GIVEN_ENCAP_DPORT | SCIDTUN_GIVEN_ENCAP_CSUM |
			  SCIDTUN_GIVEN_ENCAP_REMCSUM))
		return "encap";
	if (req->given & SCIDTUN_GIVEN_CLAMP_MSS)
		return "clamp-mss";
	return "pmtu-probe";
}

static int apply_keepalive(struct setconf *sc, const struct scidtun_conf_tunnel *t,
			   const struct tunnel_state *st)
{
	const char *name = t->req.parm.name;
	struct scidtun_link_data d = st->data;
	char what[256], path[SCIDTUN_SYSCTL_PATH];
	int ifindex = st->ifindex;
	struct scidtun_request req;
	bool ka, others, encap, pmtu, allow;
	const char *hint;
	int ret;

	if (!d.have)
		scid_tun_defaults(&d.words);
	ka = scidtun_conf_keepalive_diff(&t->req, &d.words, &req, what, sizeof(what));
	if (!ka)
		req.given = 0;
	others = scidtun_conf_optional_diff(&t->req, &d.words, &req, what, sizeof(what));
	encap = scidtun_conf_encap_diff(&t->req, &d.words, &req, what, sizeof(what));
	pmtu = scidtun_conf_pmtu_diff(&t->req, &d.words, &req, what, sizeof(what));
	allow = scidtun_conf_allow_diff(&t->req, d.allow, &req, what, sizeof(what));
	if (!ka && !others && !encap && !pmtu && !allow)
		return 0;
	if (!sc->dry_run && scidtun_turns_keepalive_on(&req) && !d.words.keepalive) {
		ret = scidtun_skip_linkdown_routes(name, path);
		if (ret) {
			fprintf(stderr, "%s: %.*s: cannot write %s: %s\n", PROG_NAME, IFNAMSIZ,
				name, path, strerror(-ret));
			return SCIDTUN_EXIT_SYSTEM;
		}
	}
	ret = sc->dry_run ? 0 : scidtun_nl_tunnel(&sc->nl, ifindex, &req, req.given);
	if (ret) {
		nl_failed(name, "set", set_what(ka, allow, &req), ret);
		if (sc->nl.extack[0])
			fprintf(stderr, "%s: the kernel says: %s\n", PROG_NAME, sc->nl.extack);
		/* As change says it: "modprobe fou", above all, at boot. */
		hint = scidtun_extack_hint(sc->nl.extack);
		if (hint)
			fprintf(stderr, "%s: %s\n", PROG_NAME, hint);
		return SCIDTUN_EXIT_SYSTEM;
	}
	say(sc, name, "changed: %s", what);
	return 0;
}

/* The link named @name as the dump found it, and its index; NULL if none. */
static const struct scidtun_link_state *dumped_link(const struct setconf *sc, const char *name,
						   int *ifindex)
{
	const struct scidtun_link_state *links = (const void *)sc->links.items;
	size_t i = scidtun_names_find(&sc->link_names, links, sizeof(*links),
				      offsetof(struct scidtun_link_state, name), name);

	if (i == SCIDTUN_NOT_FOUND)
		return NULL;
	*ifindex = sc->links.keys[i];
	return &links[i];
}

/*
 * What @name has before this run changes it. From the dumps when this run
 * has not touched the tunnel; a tunnel it created (@fresh) is down and
 * has no addresses or routes; the link of one it created or changed is
 * read again (by index), since the ioctl may have changed what it says.
 */
static int tunnel_state(struct setconf *sc, const char *name, bool fresh, bool changed,
			struct tunnel_state *st)
{
	const struct scidtun_link_state *link;
	int ret;

	memset(st, 0, sizeof(*st));
	/* In a dry run a fresh tunnel does not exist: compare with nothing. */
	if (sc->dry_run && fresh)
		return 0;
	link = fresh || changed ? NULL : dumped_link(sc, name, &st->ifindex);
	if (link) {
		st->flags = link->flags;
		st->data = link->data;
		ret = 0;
	} else {
		/* Also a tunnel that was not there for the dump, as before. */
		ret = scidtun_nl_link_by_name(&sc->nl, name, &st->ifindex, &st->flags, &st->data);
		st->own_data = true;
	}
	if (ret == -ENODEV) {
		fprintf(stderr, "%s: %.*s: went away while being configured\n", PROG_NAME,
			IFNAMSIZ, name);
		return SCIDTUN_EXIT_SYSTEM;
	}
	if (ret)
		return nl_failed(name, "read", "fwmark and keepalive", ret);
	st->known = !fresh;
	if (st->known)
		st->addrs = scidtun_group_find(&sc->addrs, st->ifindex, &st->naddrs);
	return 0;
}

/* A new tunnel: by the ioctl, or for an external one by rtnetlink, whole. */
static int create(struct setconf *sc, const struct scidtun_conf_tunnel *t)
{
	struct ip_tunnel_parm p = t->req.parm;
	struct scidtun_nlmsg m;
	int ret;

	if (sc->dry_run)
		return 0;
	if (!t->req.external) {
		ret = scidtun_ipc_add(&p);
		return ret ? scidtun_report(-ret, SCIDTUN_OP_ADD, p.name) : 0;
	}
	ret = scidtun_nlmsg_create(&m, &t->req);
	if (!ret)
		ret = scidtun_nl_send(&sc->nl, &m);
	return ret ? scidtun_report_kernel(-ret, SCIDTUN_OP_ADD, p.name, sc->nl.extack) : 0;
}

/* Create, change or replace the tunnel itself; *fresh, *changed say which. */
static int apply_parm(struct setconf *sc, const struct scidtun_conf_tunnel *t,
		      const struct ip_tunnel_parm *cur, bool *fresh, bool *changed)
{
	const char *name = t->req.parm.name;
	const struct scidtun_link_state *link;
	struct ip_tunnel_parm p = t->req.parm;
	enum scidtun_diff diff;
	char what[256];
	int ifindex, ret;

	*fresh = false;
	*changed = false;
	link = dumped_link(sc, name, &ifindex);
	if (!cur) {
		/* Not if_nametoindex(): see scidtun_nl_link_by_name(). */
		if (link) {
			fprintf(stderr, "%s: %s: '%s' exists and is not a scid_ipip tunnel\n",
				PROG_NAME, t->where, name);
			return SCIDTUN_EXIT_SYSTEM;
		}
		ret = create(sc, t);
		if (ret)
			return ret;
		say(sc, name, "added");
		*fresh = true;
		return 0;
	}
	diff = scidtun_conf_diff(&t->req.parm, cur, what, sizeof(what));
	/* A tunnel is external, or not, from its creation on. */
	if (link && link->data.external != t->req.external) {
		snprintf(what, sizeof(what), "%s", t->req.external ? "external" : "not external");
		diff = SCIDTUN_DIFF_REPLACE;
	}
	switch (diff) {
	case SCIDTUN_DIFF_SAME:
		break;
	case SCIDTUN_DIFF_CHANGE:
		ret = sc->dry_run ? 0 : scidtun_ipc_change(&p);
		if (ret)
			return scidtun_report(-ret, SCIDTUN_OP_CHANGE, name);
		say(sc, name, "changed: %s", what);
		*changed = true;
		break;
	case SCIDTUN_DIFF_REPLACE:
		ret = sc->dry_run ? 0 : scidtun_ipc_del(name);
		if (ret)
			return scidtun_report(-ret, SCIDTUN_OP_DEL, name);
		/* Its addresses went with it, and routes that used them. */
		sc->routes_stale |= !sc->dry_run;
		ret = create(sc, t);
		if (ret)
			return ret;
		say(sc, name, "replaced: %s", what);
		*fresh = true;
		break;
	}
	return 0;
}

static int apply_state(struct setconf *sc, const struct scidtun_conf_tunnel *t,
		       const struct tunnel_state *st)
{
	const char *name = t->req.parm.name;
	int ret;

	ret = apply_keepalive(sc, t, st);
	if (ret)
		return ret;
	ret = apply_addrs(sc, t, st);
	if (ret)
		return ret;
	if (!(st->flags & IFF_UP)) {
		ret = sc->dry_run ? 0 : scidtun_nl_link_up(&sc->nl, st->ifindex);
		if (ret)
			return nl_failed(name, "set", "the link up", ret);
		say(sc, name, "up");
	}
	/* Routes last: the kernel refuses them through a link that is down. */
	return apply_routes(sc, t, st);
}

static int apply_tunnel(struct setconf *sc, const struct scidtun_conf_tunnel *t,
			const struct ip_tunnel_parm *cur)
{
	struct tunnel_state st;
	bool fresh, changed;
	int ret;

	ret = apply_parm(sc, t, cur, &fresh, &changed);
	if (ret)
		return ret;
	ret = tunnel_state(sc, t->req.parm.name, fresh, changed, &st);
	if (!ret)
		ret = apply_state(sc, t, &st);
	if (st.own_data)
		scidtun_link_data_free(&st.data);
	return ret;
}

/* One dump each of the namespace's links, addresses and routes. */
static int read_namespace(struct setconf *sc)
{
	int ret;

	ret = scidtun_nl_all_links(&sc->nl, &sc->links);
	if (!ret)
		ret = scidtun_names_build(&sc->link_names, sc->links.items, sc->links.count,
					  sizeof(struct scidtun_link_state),
					  offsetof(struct scidtun_link_state, name));
	if (!ret)
		ret = scidtun_nl_all_addrs(&sc->nl, &sc->addrs);
	if (!ret)
		ret = scidtun_nl_all_routes(&sc->nl, &sc->routes);
	if (ret) {
		fprintf(stderr, "%s: cannot read the links, addresses and routes: %s\n",
			PROG_NAME, strerror(-ret));
		return SCIDTUN_EXIT_SYSTEM;
	}
	return 0;
}

static const struct ip_tunnel_parm *find_tunnel(const struct scidtun_names *x,
						const struct ip_tunnel_parm *have,
						const char *name)
{
	size_t i = scidtun_names_find(x, have, sizeof(*have),
				      offsetof(struct ip_tunnel_parm, name), name);

	return i == SCIDTUN_NOT_FOUND ? NULL : &have[i];
}

static bool wanted(const struct scidtun_names *x, const struct scidtun_conf *conf,
		   const char *name)
{
	return scidtun_names_find(x, conf->tunnels, sizeof(*conf->tunnels),
				  offsetof(struct scidtun_conf_tunnel, req.parm.name),
				  name) != SCIDTUN_NOT_FOUND;
}

/*
 * The tunnels no file names go in one request, all or none, behind one
 * RCU grace period: replacing a fleet's configuration prunes thousands.
 */
static int prune(struct setconf *sc, const struct scidtun_names *named,
		 const struct scidtun_conf *conf, const struct ip_tunnel_parm *have,
		 size_t nhave)
{
	char **gone;
	size_t i, n = 0;
	int ret = 0;

	gone = calloc(nhave ? nhave : 1, sizeof(*gone));
	if (!gone) {
		fprintf(stderr, "%s: %s\n", PROG_NAME, strerror(ENOMEM));
		return SCIDTUN_EXIT_SYSTEM;
	}
	for (i = 0; i < nhave; i++) {
		if (!wanted(named, conf, have[i].name))
			gone[n++] = (char *)have[i].name;
	}
	if (n && !sc->dry_run)
		ret = scidtun_del_tunnels(gone, n);
	for (i = 0; i < n && !ret; i++)
		say(sc, gone[i], "deleted (not in the configuration)");
	free(gone);
	return ret;
}

static int apply_all(struct setconf *sc, const struct scidtun_conf *conf,
		     const struct ip_tunnel_parm *have, size_t nhave)
{
	struct scidtun_names current, named;
	size_t i;
	int ret;

	ret = scidtun_names_build(&current, have, nhave, sizeof(*have),
				  offsetof(struct ip_tunnel_parm, name));
	if (!ret)
		ret = scidtun_names_build(&named, conf->tunnels, conf->count,
					  sizeof(*conf->tunnels),
					  offsetof(struct scidtun_conf_tunnel, req.parm.name));
	if (ret) {
		scidtun_names_free(&current);
		fprintf(stderr, "%s: %s\n", PROG_NAME, strerror(-ret));
		return SCIDTUN_EXIT_SYSTEM;
	}
	ret = read_namespace(sc);
	for (i = 0; i < conf->count && !ret; i++)
		ret = apply_tunnel(sc, &conf->tunnels[i],
				   find_tunnel(&current, have, conf->tunnels[i].req.parm.name));
	if (!ret && sc->prune)
		ret = prune(sc, &named, conf, have, nhave);
	scidtun_names_free(&current);
	scidtun_names_free(&named);
	return ret;
}

static int apply(struct setconf *sc, const struct scidtun_conf *conf)
{
	struct ip_tunnel_parm *have;
	size_t nhave;
	int ret;

	ret = scidtun_ipc_list(&have, &nhave);
	if (ret)
		return scidtun_report(-ret, SCIDTUN_OP_LIST, NULL);
	ret = scidtun_nl_open(&sc->nl);
	if (ret) {
		fprintf(stderr, "%s: cannot open rtnetlink: %s\n", PROG_NAME, strerror(-ret));
		free(have);
		return SCIDTUN_EXIT_SYSTEM;
	}
	ret = apply_all(sc, conf, have, nhave);
	scidtun_nl_close(&sc->nl);
	scidtun_names_free(&sc->link_names);
	scidtun_link_states_free(&sc->links);
	scidtun_group_clear(&sc->links);
	scidtun_group_clear(&sc->addrs);
	scidtun_group_clear(&sc->routes);
	free(have);
	return ret;
}

int setconf_main(int argc, char **argv)
{
	struct scidtun_conf conf = { 0 };
	struct setconf sc = {
		.links = SCIDTUN_GROUP_INIT(struct scidtun_link_state),
		.addrs = SCIDTUN_GROUP_INIT(struct scidtun_addr),
		.routes = SCIDTUN_GROUP_INIT(struct scidtun_route),
	};
	int i, ret = 0;

	if (scidtun_wants_help(argc, argv, SETCONF_USAGE))
		return SCIDTUN_EXIT_OK;
	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "-n") || !strcmp(argv[i], "--dry-run"))
			sc.dry_run = true;
		else if (!strcmp(argv[i], "--prune"))
			sc.prune = true;
		else if (!strcmp(argv[i], "--"))
			break;
		else
			return scidtun_usage_error("unknown option '%s'", argv[i]);
	}
	if (i < argc && !strcmp(argv[i], "--"))
		i++;
	if (i >= argc)
		return scidtun_usage_error("missing configuration file");
	for (; i < argc && !ret; i++)
		ret = parse_path(&conf, argv[i]);
	if (!ret)
		ret = apply(&sc, &conf);
	scidtun_conf_free(&conf);
	if (ret)
		return ret;
	if (!sc.changes)
		printf("no changes\n");
	else if (sc.dry_run)
		printf("dry run: nothing was changed\n");
	if (fflush(stdout) || ferror(stdout))
		return SCIDTUN_EXIT_SYSTEM;
	return SCIDTUN_EXIT_OK;
}
