// SPDX-License-Identifier: GPL-2.0

#include <stdio.h>
#include <string.h>

#include "ipc.h"
#include "nl.h"
#include "parse.h"
#include "subcommands.h"
#include "sysctl.h"

#define ADD_USAGE "add NAME remote ADDR|any [OPTION]...\n       scidtun add NAME external [allow PREFIX[,PREFIX...]|any|none] [OPTION]..."

/* docs/external.md: only rtnetlink creates one, in one request. */
static int add_external(const char *name, struct scidtun_request *req)
{
	char extack[128];
	int ret;

	ret = scidtun_create_external(req, extack, sizeof(extack));
	scidtun_request_free(req);
	if (ret)
		return scidtun_report_kernel(-ret, SCIDTUN_OP_ADD, name, extack);
	return SCIDTUN_EXIT_OK;
}

int add_main(int argc, char **argv)
{
	char err[256], extack[128], path[SCIDTUN_SYSCTL_PATH];
	struct scidtun_request req;
	unsigned int given;
	int ret;

	if (scidtun_wants_help_words(argc, argv, ADD_USAGE))
		return SCIDTUN_EXIT_OK;
	if (scidtun_parse_tunnel_args(argc - 1, argv + 1, SCIDTUN_CMD_ADD, if_nametoindex,
				      &req, err, sizeof(err)))
		return scidtun_usage_error("%s", err);
	if (req.external)
		return add_external(argv[1], &req);

	ret = scidtun_ipc_add(&req.parm);
	if (ret)
		return scidtun_report(-ret, SCIDTUN_OP_ADD, argv[1]);
	/* The sysctl exists once the tunnel does, and before its carrier can go. */
	if (scidtun_turns_keepalive_on(&req)) {
		ret = scidtun_skip_linkdown_routes(argv[1], path);
		if (ret) {
			scidtun_ipc_del(argv[1]);
			fprintf(stderr, "%s: cannot add '%s': cannot write %s: %s\n", PROG_NAME,
				argv[1], path, strerror(-ret));
			return SCIDTUN_EXIT_SYSTEM;
		}
	}
	/*
	 * The ioctl carries no fwmark, encapsulation, MTU, clamp-mss or
	 * keepalive: rtnetlink sends them, or the tunnel is deleted again and
	 * add does nothing.
	 */
	given = scidtun_add_nl_given(&req);
	if (given) {
		ret = scidtun_set_tunnel(argv[1], &req, given, extack, sizeof(extack));
		if (ret) {
			scidtun_ipc_del(argv[1]);
			return scidtun_report_kernel(-ret, SCIDTUN_OP_ADD, argv[1], extack);
		}
	}
	return SCIDTUN_EXIT_OK;
}
