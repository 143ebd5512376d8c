// SPDX-License-Identifier: GPL-2.0
/*
 * setconf: make the running tunnels, their addresses and their routes what
 * configuration files say, changing only what differs and saying what it
 * changed. A file is authoritative for the tunnels it names; other tunnels
 * are left alone unless --prune.
 */

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "conf.h"
#include "ipc.h"
#include "nl.h"
#include "subcommands.h"
#include "sysctl.h"

#define SETCONF_USAGE "setconf [-n|--dry-run] [--prune] FILE|DIR..."

struct setconf {
	bool dry_run;
	bool prune;
	unsigned int changes;
	struct scidtun_nl nl;
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

static const struct ip_tunnel_parm *find_tunnel(const char *name,
						const struct ip_tunnel_parm *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!strncmp(list[i].name, name, IFNAMSIZ))
			return &list[i];
	}
	return NULL;
}

static int apply_addrs(struct setconf *sc, const struct scidtun_conf_tunnel *t, int ifindex)
{
	const char *name = t->req.parm.name;
	char text[SCIDTUN_ADDR_TEXT];
	struct scidtun_addr *have = NULL;
	size_t n = 0, i;
	int ret = 0;

	if (ifindex) {
		ret = scidtun_nl_addrs(&sc->nl, ifindex, &have, &n);
		if (ret)
			return nl_failed(name, "read", "addresses", ret);
	}
	for (i = 0; i < n && !ret; i++) {
		if (scidtun_addr_in(&have[i], t->addrs, t->naddrs))
			continue;
		scidtun_addr_text(text, &have[i]);
		if (!sc->dry_run)
			ret = scidtun_nl_addr(&sc->nl, SCIDTUN_NL_DEL, ifindex, &have[i]);
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
	free(have);
	return ret;
}

static int apply_routes(struct setconf *sc, const struct scidtun_conf_tunnel *t, int ifindex)
{
	char text[SCIDTUN_ROUTE_TEXT], old[SCIDTUN_ROUTE_TEXT];
	const char *name = t->req.parm.name;
	const struct scidtun_route *match;
	struct scidtun_route *have = NULL;
	size_t n = 0, i;
	int ret = 0;

	if (ifindex) {
		ret = scidtun_nl_routes(&sc->nl, ifindex, &have, &n);
		if (ret)
			return nl_failed(name, "read", "routes", ret);
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
		if (!sc->dry_run)
			ret = scidtun_nl_route(&sc->nl, match ? SCIDTUN_NL_REPLACE : SCIDTUN_NL_ADD,
					       ifindex, &t->routes[i]);
		if (ret)
			ret = nl_failed(name, match ? "change route" : "add route", text, ret);
		else if (match)
			say(sc, name, "route %s changed (was %s)", text,
			    scidtun_route_text(old, match));
		else
			say(sc, name, "route %s added", text);
	}
	free(have);
	return ret;
}

/*
 * fwmark and keepalive after the tunnel exists and before its routes, in
 * one request: the routes' traffic takes the marked path from its first
 * packet, and the sysctl that takes a route without carrier out of use
 * comes first, as in add.
 */
static int apply_keepalive(struct setconf *sc, const struct scidtun_conf_tunnel *t,
			   int ifindex)
{
	const char *name = t->req.parm.name;
	struct scidtun_link_data d = { .have = false };
	char what[160], path[SCIDTUN_SYSCTL_PATH];
	struct scidtun_request req;
	bool ka, mark;
	int ret;

	if (ifindex) {
		ret = scidtun_nl_link(&sc->nl, ifindex, NULL, NULL, &d);
		if (ret)
			return nl_failed(name, "read", "fwmark and keepalive", ret);
	}
	if (!d.have)
		scid_tun_defaults(&d.words);
	ka = scidtun_conf_keepalive_diff(&t->req, &d.words, &req, what, sizeof(what));
	if (!ka)
		req.given = 0;
	mark = scidtun_conf_fwmark_diff(&t->req, &d.words, &req, what, sizeof(what));
	if (!ka && !mark)
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
		nl_failed(name, "set", ka ? "keepalive" : "fwmark", ret);
		if (sc->nl.extack[0])
			fprintf(stderr, "%s: the kernel says: %s\n", PROG_NAME, sc->nl.extack);
		return SCIDTUN_EXIT_SYSTEM;
	}
	say(sc, name, "changed: %s", what);
	return 0;
}

static int apply_tunnel(struct setconf *sc, const struct scidtun_conf_tunnel *t,
			const struct ip_tunnel_parm *have, size_t nhave)
{
	const struct ip_tunnel_parm *cur = find_tunnel(t->req.parm.name, have, nhave);
	const char *name = t->req.parm.name;
	struct ip_tunnel_parm p = t->req.parm;
	bool fresh = false;
	unsigned int flags = 0;
	char what[256];
	int ifindex, ret;

	if (!cur) {
		if (if_nametoindex(name)) {
			fprintf(stderr, "%s: %s: '%s' exists and is not a scid_ipip tunnel\n",
				PROG_NAME, t->where, name);
			return SCIDTUN_EXIT_SYSTEM;
		}
		ret = sc->dry_run ? 0 : scidtun_ipc_add(&p);
		if (ret)
			return scidtun_report(-ret, SCIDTUN_OP_ADD, name);
		say(sc, name, "added");
		fresh = true;
	} else {
		switch (scidtun_conf_diff(&t->req.parm, cur, what, sizeof(what))) {
		case SCIDTUN_DIFF_SAME:
			break;
		case SCIDTUN_DIFF_CHANGE:
			ret = sc->dry_run ? 0 : scidtun_ipc_change(&p);
			if (ret)
				return scidtun_report(-ret, SCIDTUN_OP_CHANGE, name);
			say(sc, name, "changed: %s", what);
			break;
		case SCIDTUN_DIFF_REPLACE:
			ret = sc->dry_run ? 0 : scidtun_ipc_del(name);
			if (ret)
				return scidtun_report(-ret, SCIDTUN_OP_DEL, name);
			ret = sc->dry_run ? 0 : scidtun_ipc_add(&p);
			if (ret)
				return scidtun_report(-ret, SCIDTUN_OP_ADD, name);
			say(sc, name, "replaced: %s", what);
			fresh = true;
			break;
		}
	}

	/* In a dry run a fresh tunnel does not exist: compare with nothing. */
	ifindex = sc->dry_run && fresh ? 0 : (int)if_nametoindex(name);
	if (!ifindex && !(sc->dry_run && fresh)) {
		fprintf(stderr, "%s: %.*s: went away while being configured\n", PROG_NAME,
			IFNAMSIZ, name);
		return SCIDTUN_EXIT_SYSTEM;
	}
	ret = apply_keepalive(sc, t, ifindex);
	if (ret)
		return ret;
	ret = apply_addrs(sc, t, ifindex);
	if (ret)
		return ret;
	if (ifindex) {
		ret = scidtun_nl_link(&sc->nl, ifindex, &flags, NULL, NULL);
		if (ret)
			return nl_failed(name, "read", "link state", ret);
	}
	if (!(flags & IFF_UP)) {
		ret = sc->dry_run ? 0 : scidtun_nl_link_up(&sc->nl, ifindex);
		if (ret)
			return nl_failed(name, "set", "the link up", ret);
		say(sc, name, "up");
	}
	/* Routes last: the kernel refuses them through a link that is down. */
	return apply_routes(sc, t, ifindex);
}

/*
 * The tunnels no file names go in one request, all or none, behind one
 * RCU grace period: replacing a fleet's configuration prunes thousands.
 */
static int prune(struct setconf *sc, const struct scidtun_conf *conf,
		 const struct ip_tunnel_parm *have, size_t nhave)
{
	char **gone;
	size_t i, j, n = 0;
	bool wanted;
	int ret = 0;

	gone = calloc(nhave ? nhave : 1, sizeof(*gone));
	if (!gone) {
		fprintf(stderr, "%s: %s\n", PROG_NAME, strerror(ENOMEM));
		return SCIDTUN_EXIT_SYSTEM;
	}
	for (i = 0; i < nhave; i++) {
		wanted = false;
		for (j = 0; j < conf->count; j++)
			wanted |= !strncmp(conf->tunnels[j].req.parm.name, have[i].name, IFNAMSIZ);
		if (!wanted)
			gone[n++] = (char *)have[i].name;
	}
	if (n && !sc->dry_run)
		ret = scidtun_del_tunnels(gone, n);
	for (i = 0; i < n && !ret; i++)
		say(sc, gone[i], "deleted (not in the configuration)");
	free(gone);
	return ret;
}

static int apply(struct setconf *sc, const struct scidtun_conf *conf)
{
	struct ip_tunnel_parm *have;
	size_t nhave, i;
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
	for (i = 0; i < conf->count && !ret; i++)
		ret = apply_tunnel(sc, &conf->tunnels[i], have, nhave);
	if (!ret && sc->prune)
		ret = prune(sc, conf, have, nhave);
	scidtun_nl_close(&sc->nl);
	free(have);
	return ret;
}

int setconf_main(int argc, char **argv)
{
	struct scidtun_conf conf = { 0 };
	struct setconf sc = { 0 };
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
