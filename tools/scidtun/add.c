// SPDX-License-Identifier: GPL-2.0

#include <stdio.h>

#include "ipc.h"
#include "nl.h"
#include "parse.h"
#include "subcommands.h"

#define ADD_USAGE "add NAME remote ADDR|any [OPTION]..."

int add_main(int argc, char **argv)
{
	struct scidtun_request req;
	char err[256];
	int ret;

	if (scidtun_wants_help_words(argc, argv, ADD_USAGE))
		return SCIDTUN_EXIT_OK;
	if (scidtun_parse_tunnel_args(argc - 1, argv + 1, SCIDTUN_CMD_ADD, if_nametoindex,
				      &req, err, sizeof(err)))
		return scidtun_usage_error("%s", err);

	ret = scidtun_ipc_add(&req.parm);
	if (ret)
		return scidtun_report(-ret, SCIDTUN_OP_ADD, argv[1]);
	/* The ioctl carries no MTU: pin it by rtnetlink, or add nothing. */
	if ((req.given & SCIDTUN_GIVEN_MTU) && req.mtu) {
		ret = scidtun_set_mtu(argv[1], req.mtu);
		if (ret) {
			scidtun_ipc_del(argv[1]);
			return scidtun_report(-ret, SCIDTUN_OP_ADD, argv[1]);
		}
	}
	return SCIDTUN_EXIT_OK;
}
