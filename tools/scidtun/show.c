// SPDX-License-Identifier: GPL-2.0
/*
 * Gathering the tunnels and printing them are kept apart so that other
 * styles (JSON) and extra fields (counters) only add a printer and an option.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "format.h"
#include "ipc.h"
#include "parse.h"
#include "subcommands.h"

#define SHOW_USAGE "show [NAME]"

struct show_options {
	enum scidtun_style style;
	const char *name;
};

static int parse_show_args(int argc, char **argv, struct show_options *opts)
{
	char err[256];
	int i;

	opts->style = isatty(STDOUT_FILENO) ? SCIDTUN_STYLE_HUMAN : SCIDTUN_STYLE_TABS;
	opts->name = NULL;
	i = 1;
	/* No options yet: -j (JSON) and -s (counters) will be parsed here. */
	if (i < argc && argv[i][0] == '-')
		return scidtun_usage_error("unknown option '%s'", argv[i]);
	if (i < argc) {
		if (scidtun_check_tunnel_name(argv[i], err, sizeof(err)))
			return scidtun_usage_error("%s", err);
		opts->name = argv[i++];
	}
	if (i < argc)
		return scidtun_usage_error("unexpected argument '%s'", argv[i]);
	return SCIDTUN_EXIT_OK;
}

static int by_name(const void *a, const void *b)
{
	const struct ip_tunnel_parm *x = a, *y = b;

	return strncmp(x->name, y->name, IFNAMSIZ);
}

static int print_tunnels(const struct ip_tunnel_parm *tunnels, size_t count,
			 const struct show_options *opts)
{
	char line[SCIDTUN_FORMAT_MAX];
	size_t i;

	for (i = 0; i < count; i++) {
		if (scidtun_format_tunnel(line, sizeof(line), &tunnels[i], opts->style,
					  if_indextoname) < 0)
			continue;
		puts(line);
	}
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "%s: cannot write output: %s\n", PROG_NAME, strerror(errno));
		return SCIDTUN_EXIT_SYSTEM;
	}
	return SCIDTUN_EXIT_OK;
}

int show_main(int argc, char **argv)
{
	struct ip_tunnel_parm one, *tunnels;
	struct show_options opts;
	size_t count;
	int ret;

	if (scidtun_wants_help(argc, argv, SHOW_USAGE))
		return SCIDTUN_EXIT_OK;
	ret = parse_show_args(argc, argv, &opts);
	if (ret)
		return ret;

	if (opts.name) {
		ret = scidtun_ipc_get(opts.name, &one);
		if (ret)
			return scidtun_report(-ret, SCIDTUN_OP_GET, opts.name);
		return print_tunnels(&one, 1, &opts);
	}

	ret = scidtun_ipc_list(&tunnels, &count);
	if (ret)
		return scidtun_report(-ret, SCIDTUN_OP_LIST, NULL);
	qsort(tunnels, count, sizeof(*tunnels), by_name);
	ret = print_tunnels(tunnels, count, &opts);
	free(tunnels);
	return ret;
}
