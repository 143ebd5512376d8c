// SPDX-License-Identifier: GPL-2.0
/*
 * showconf: the running tunnels, their IPv4 addresses and their routes in
 * the words of a setconf file, so that setconf of its output changes nothing.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "ipc.h"
#include "nl.h"
#include "subcommands.h"

#define SHOWCONF_USAGE "showconf [NAME]"

static int by_name(const void *a, const void *b)
{
	const struct ip_tunnel_parm *x = a, *y = b;

	return strncmp(x->name, y->name, IFNAMSIZ);
}

static int print_one(struct scidtun_nl *nl, const struct ip_tunnel_parm *p)
{
	struct scidtun_link_data d = { .have = false };
	struct scidtun_route *routes = NULL;
	struct scidtun_addr *addrs = NULL;
	char name[IFNAMSIZ + 1];
	size_t naddrs = 0, nroutes = 0;
	unsigned int index;
	int ret = 0;

	snprintf(name, sizeof(name), "%.*s", IFNAMSIZ, p->name);
	index = if_nametoindex(name);
	if (index)
		ret = scidtun_nl_addrs(nl, (int)index, &addrs, &naddrs);
	if (index && !ret)
		ret = scidtun_nl_routes(nl, (int)index, &routes, &nroutes);
	if (index && !ret)
		ret = scidtun_nl_link(nl, (int)index, NULL, NULL, &d);
	/* Its line would read as a tunnel that accepts no one. */
	if (!ret && d.external && !d.allow)
		ret = -ENOMEM;
	if (ret) {
		fprintf(stderr, "%s: cannot read the addresses, routes and settings of '%s': %s\n",
			PROG_NAME, name, strerror(-ret));
	} else {
		scidtun_conf_print(stdout, p, d.have ? &d.words : NULL, d.allow, if_indextoname,
				   addrs, naddrs, routes, nroutes);
	}
	scidtun_link_data_free(&d);
	free(addrs);
	free(routes);
	return ret;
}

int showconf_main(int argc, char **argv)
{
	struct ip_tunnel_parm one, *tunnels = &one;
	struct scidtun_nl nl;
	size_t count = 1, i;
	char err[256];
	int ret;

	if (scidtun_wants_help(argc, argv, SHOWCONF_USAGE))
		return SCIDTUN_EXIT_OK;
	if (argc > 1 && argv[1][0] == '-')
		return scidtun_usage_error("unknown option '%s'", argv[1]);
	if (argc > 2)
		return scidtun_usage_error("unexpected argument '%s'", argv[2]);
	if (argc > 1) {
		if (scidtun_check_tunnel_name(argv[1], err, sizeof(err)))
			return scidtun_usage_error("%s", err);
		ret = scidtun_ipc_get(argv[1], &one);
		if (ret)
			return scidtun_report(-ret, SCIDTUN_OP_GET, argv[1]);
	} else {
		ret = scidtun_ipc_list(&tunnels, &count);
		if (ret)
			return scidtun_report(-ret, SCIDTUN_OP_LIST, NULL);
		qsort(tunnels, count, sizeof(*tunnels), by_name);
	}
	ret = scidtun_nl_open(&nl);
	if (ret) {
		fprintf(stderr, "%s: cannot open rtnetlink: %s\n", PROG_NAME, strerror(-ret));
	} else {
		for (i = 0; i < count && !ret; i++) {
			if (i)
				putchar('\n');
			ret = print_one(&nl, &tunnels[i]);
		}
		scidtun_nl_close(&nl);
	}
	if (tunnels != &one)
		free(tunnels);
	if (ret)
		return SCIDTUN_EXIT_SYSTEM;
	if (fflush(stdout) || ferror(stdout))
		return SCIDTUN_EXIT_SYSTEM;
	return SCIDTUN_EXIT_OK;
}
