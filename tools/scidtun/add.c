// SPDX-License-Identifier: GPL-2.0

#include <stdio.h>

#include "ipc.h"
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
	return SCIDTUN_EXIT_OK;
}
