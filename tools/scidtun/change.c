// SPDX-License-Identifier: GPL-2.0

#include <errno.h>
#include <stdio.h>

#include "ipc.h"
#include "nl.h"
#include "parse.h"
#include "subcommands.h"

#define CHANGE_USAGE "change NAME OPTION..."

int change_main(int argc, char **argv)
{
	struct scidtun_request req;
	struct ip_tunnel_parm p;
	char err[256];
	int ret;

	if (scidtun_wants_help_words(argc, argv, CHANGE_USAGE))
		return SCIDTUN_EXIT_OK;
	if (scidtun_parse_tunnel_args(argc - 1, argv + 1, SCIDTUN_CMD_CHANGE, if_nametoindex,
				      &req, err, sizeof(err)))
		return scidtun_usage_error("%s", err);

	/* CHG replaces every parameter, so start from what the tunnel has. */
	ret = scidtun_ipc_get(argv[1], &p);
	if (ret)
		return scidtun_report(-ret, ret == -ENODEV ? SCIDTUN_OP_GET : SCIDTUN_OP_CHANGE,
				      argv[1]);
	if (scidtun_apply_change(&req, &p, err, sizeof(err)))
		return scidtun_usage_error("%s", err);

	if (req.given & SCIDTUN_GIVEN_PARM & ~SCIDTUN_GIVEN_MODE) {
		ret = scidtun_ipc_change(&p);
		if (ret)
			return scidtun_report(-ret, SCIDTUN_OP_CHANGE, argv[1]);
	}
	/* The ioctl carries no MTU: rtnetlink pins or unpins it. */
	if (req.given & SCIDTUN_GIVEN_MTU) {
		ret = scidtun_set_mtu(argv[1], req.mtu);
		if (ret)
			return scidtun_report(-ret, SCIDTUN_OP_CHANGE, argv[1]);
	}
	return SCIDTUN_EXIT_OK;
}
