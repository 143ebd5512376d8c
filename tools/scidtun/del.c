// SPDX-License-Identifier: GPL-2.0
/*
 * del and flush. Several tunnels go in one request, all or none: the
 * module checks every name first and then deletes them behind a single
 * RCU grace period, where one request each would wait for one apiece.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipc.h"
#include "parse.h"
#include "subcommands.h"

#define DEL_USAGE "del NAME..."
#define FLUSH_USAGE "flush [-n|--dry-run]"

/**
 * scidtun_del_tunnels() - delete @names in one request, or say why not
 * @names: the tunnels, already checked to be valid names
 * @count: how many, at least 1
 *
 * A single name keeps to SIOCDELTUNNEL, the classic tunnel ioctl.
 *
 * Return: the exit status, having reported a failure on stderr.
 */
int scidtun_del_tunnels(char *const *names, size_t count)
{
	unsigned int deleted;
	size_t failed;
	int ret;

	if (count == 1) {
		ret = scidtun_ipc_del(names[0]);
		return ret ? scidtun_report(-ret, SCIDTUN_OP_DEL, names[0]) : SCIDTUN_EXIT_OK;
	}
	ret = scidtun_ipc_del_many(names, count, &failed, &deleted);
	if (!ret)
		return SCIDTUN_EXIT_OK;
	if (failed < count)
		ret = scidtun_report(-ret, SCIDTUN_OP_DEL, names[failed]);
	else
		ret = scidtun_report(-ret, SCIDTUN_OP_DEL_MANY, NULL);
	fprintf(stderr, "%s: nothing was deleted\n", PROG_NAME);
	return ret;
}

int del_main(int argc, char **argv)
{
	char err[256];
	int i;

	if (scidtun_wants_help(argc, argv, DEL_USAGE))
		return SCIDTUN_EXIT_OK;
	if (argc < 2)
		return scidtun_usage_error("missing tunnel name");
	if (argc - 1 > SCID_DEL_MAX)
		return scidtun_usage_error("too many tunnel names (at most %d at once)",
					   SCID_DEL_MAX);
	for (i = 1; i < argc; i++) {
		if (scidtun_check_tunnel_name(argv[i], err, sizeof(err)))
			return scidtun_usage_error("%s", err);
	}
	return scidtun_del_tunnels(argv + 1, (size_t)argc - 1);
}

/* What flush -n prints: the tunnels it would delete, one per line. */
static int flush_dry_run(void)
{
	struct ip_tunnel_parm *have;
	size_t n, i;
	int ret;

	ret = scidtun_ipc_list(&have, &n);
	if (ret)
		return scidtun_report(-ret, SCIDTUN_OP_LIST, NULL);
	for (i = 0; i < n; i++)
		printf("%.*s: would be deleted\n", IFNAMSIZ, have[i].name);
	free(have);
	printf("dry run: nothing was deleted\n");
	return fflush(stdout) || ferror(stdout) ? SCIDTUN_EXIT_SYSTEM : SCIDTUN_EXIT_OK;
}

int flush_main(int argc, char **argv)
{
	bool dry_run = false;
	int ret;

	if (scidtun_wants_help(argc, argv, FLUSH_USAGE))
		return SCIDTUN_EXIT_OK;
	if (argc > 1 && (!strcmp(argv[1], "-n") || !strcmp(argv[1], "--dry-run")))
		dry_run = true;
	if (argc > 1 + dry_run)
		return scidtun_usage_error("unexpected argument '%s'", argv[1 + dry_run]);
	if (dry_run)
		return flush_dry_run();
	ret = scidtun_ipc_flush(NULL);
	if (ret)
		return scidtun_report(-ret, SCIDTUN_OP_FLUSH, NULL);
	return SCIDTUN_EXIT_OK;
}
