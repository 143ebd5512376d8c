// SPDX-License-Identifier: GPL-2.0

#include <stdio.h>

#include "ipc.h"
#include "parse.h"
#include "subcommands.h"

int del_main(int argc, char **argv)
{
	char err[256];
	int ret;

	if (scidtun_wants_help(argc, argv, "del NAME"))
		return SCIDTUN_EXIT_OK;
	if (argc < 2)
		return scidtun_usage_error("missing tunnel name");
	if (scidtun_check_tunnel_name(argv[1], err, sizeof(err)))
		return scidtun_usage_error("%s", err);
	if (argc > 2)
		return scidtun_usage_error("unexpected argument '%s'", argv[2]);

	ret = scidtun_ipc_del(argv[1]);
	if (ret)
		return scidtun_report(-ret, SCIDTUN_OP_DEL, argv[1]);
	return SCIDTUN_EXIT_OK;
}
