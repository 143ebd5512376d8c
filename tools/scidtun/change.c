// SPDX-License-Identifier: GPL-2.0

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ipc.h"
#include "nl.h"
#include "parse.h"
#include "subcommands.h"
#include "sysctl.h"

#define CHANGE_USAGE "change NAME OPTION..."

/*
 * What only rtnetlink says of the tunnel: whether it is external, and its
 * encap flags (below).
 */
static int read_link(const char *name, struct scidtun_link_data *d)
{
	struct scidtun_nl nl;
	int ifindex, ret;

	ret = scidtun_nl_open(&nl);
	if (ret)
		return ret;
	ret = scidtun_nl_link_by_name(&nl, name, &ifindex, NULL, d);
	scidtun_nl_close(&nl);
	return ret;
}

/*
 * IFLA_IPTUN_ENCAP_FLAGS carries encap-csum and encap-remcsum together: a
 * change that gives one of them takes the other from the tunnel, as ip
 * reads an ipip tunnel before ip link set, so that the tunnel keeps it.
 */
static void keep_encap_flags(const struct scidtun_link_data *d, struct scidtun_request *req)
{
	struct scid_tun t;

	scidtun_request_words(req, req->given, &t);
	if (!scid_tun_needs_encap_flags(&t))
		return;
	scid_tun_take_encap_flags(&t, &d->words);
	scidtun_request_set_words(req, &t);
}

static int change(const char *name, struct scidtun_request *req)
{
	char err[256], extack[128], path[SCIDTUN_SYSCTL_PATH];
	struct scidtun_link_data d = { .have = false };
	struct ip_tunnel_parm p;
	int ret;

	/* CHG replaces every parameter, so start from what the tunnel has. */
	ret = scidtun_ipc_get(name, &p);
	if (ret)
		return scidtun_report(-ret, ret == -ENODEV ? SCIDTUN_OP_GET : SCIDTUN_OP_CHANGE,
				      name);
	ret = read_link(name, &d);
	if (ret)
		return scidtun_report(-ret, SCIDTUN_OP_CHANGE, name);
	ret = scidtun_check_external(req, d.external, err, sizeof(err));
	if (!ret)
		ret = scidtun_apply_change(req, &p, err, sizeof(err));
	if (ret) {
		scidtun_link_data_free(&d);
		return scidtun_usage_error("%s", err);
	}
	keep_encap_flags(&d, req);
	scidtun_link_data_free(&d);

	if (req->given & SCIDTUN_GIVEN_PARM) {
		ret = scidtun_ipc_change(&p);
		if (ret)
			return scidtun_report(-ret, SCIDTUN_OP_CHANGE, name);
	}
	/* Before the probes start, so that a lost carrier already moves traffic. */
	if (scidtun_turns_keepalive_on(req)) {
		ret = scidtun_skip_linkdown_routes(name, path);
		if (ret) {
			fprintf(stderr, "%s: cannot change '%s': cannot write %s: %s\n", PROG_NAME,
				name, path, strerror(-ret));
			return SCIDTUN_EXIT_SYSTEM;
		}
	}
	/*
	 * The ioctl carries no fwmark, encapsulation, MTU, clamp-mss,
	 * keepalive or allow list: one rtnetlink request for all of them, so
	 * that the kernel takes all or none. The ioctl above kept what the
	 * tunnel had of them.
	 */
	if ((req->given & SCIDTUN_GIVEN_NL) || req->allow_given) {
		ret = scidtun_set_tunnel(name, req, SCIDTUN_GIVEN_NL, extack, sizeof(extack));
		if (ret)
			return scidtun_report_kernel(-ret, SCIDTUN_OP_CHANGE, name, extack);
	}
	return SCIDTUN_EXIT_OK;
}

int change_main(int argc, char **argv)
{
	struct scidtun_request req;
	char err[256];
	int ret;

	if (scidtun_wants_help_words(argc, argv, CHANGE_USAGE))
		return SCIDTUN_EXIT_OK;
	if (scidtun_parse_tunnel_args(argc - 1, argv + 1, SCIDTUN_CMD_CHANGE, if_nametoindex,
				      &req, err, sizeof(err)))
		return scidtun_usage_error("%s", err);
	ret = change(argv[1], &req);
	scidtun_request_free(&req);
	return ret;
}
