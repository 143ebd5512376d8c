// SPDX-License-Identifier: GPL-2.0
/*
 * Gathering the tunnels and printing them are kept apart: format.c has the
 * styles, this file only collects what they print.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "format.h"
#include "ipc.h"
#include "nl.h"
#include "parse.h"
#include "subcommands.h"

#define SHOW_USAGE "show [-j|--json] [-s|--stats] [NAME]"

struct show_options {
	enum scidtun_style style;
	bool stats;
	const char *name;
};

static int parse_show_args(int argc, char **argv, struct show_options *opts)
{
	char err[256];
	int i;

	opts->style = isatty(STDOUT_FILENO) ? SCIDTUN_STYLE_HUMAN : SCIDTUN_STYLE_TABS;
	opts->stats = false;
	opts->name = NULL;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-j") || !strcmp(argv[i], "--json")) {
			opts->style = SCIDTUN_STYLE_JSON;
		} else if (!strcmp(argv[i], "-s") || !strcmp(argv[i], "--stats")) {
			opts->stats = true;
		} else if (argv[i][0] == '-') {
			return scidtun_usage_error("unknown option '%s'", argv[i]);
		} else if (opts->name) {
			return scidtun_usage_error("unexpected argument '%s'", argv[i]);
		} else {
			if (scidtun_check_tunnel_name(argv[i], err, sizeof(err)))
				return scidtun_usage_error("%s", err);
			opts->name = argv[i];
		}
	}
	return SCIDTUN_EXIT_OK;
}

static int by_name(const void *a, const void *b)
{
	const struct ip_tunnel_parm *x = a, *y = b;

	return strncmp(x->name, y->name, IFNAMSIZ);
}

/*
 * A tunnel that went away since it was listed has no counters and no
 * keepalive: zeros, and off.
 */
static int read_link(struct scidtun_nl *nl, const struct ip_tunnel_parm *p,
		     struct scidtun_stats *s, struct scidtun_link_data *d)
{
	char name[IFNAMSIZ + 1];
	unsigned int index;
	int ret;

	if (s)
		memset(s, 0, sizeof(*s));
	memset(d, 0, sizeof(*d));
	snprintf(name, sizeof(name), "%.*s", IFNAMSIZ, p->name);
	index = if_nametoindex(name);
	if (!index)
		return 0;
	ret = scidtun_nl_link(nl, (int)index, NULL, s, d);
	if (ret && ret != -ENODEV)
		return ret;
	if (!s)
		return 0;
	ret = scidtun_ipc_counters(name, s);
	return ret == -ENODEV ? 0 : ret;
}

static int print_tunnels(const struct ip_tunnel_parm *tunnels, size_t count,
			 const struct show_options *opts)
{
	struct scidtun_widths widths = { 0 };
	char line[SCIDTUN_FORMAT_MAX];
	struct scidtun_fields f;
	struct scidtun_link_data d;
	struct scidtun_stats s;
	struct scidtun_nl nl = { .fd = -1 };
	int ret = 0;
	size_t i;

	/* external, fwmark, encap, clamp-mss, keepalive, pmtu-probe: rtnetlink answers only; every show asks. */
	ret = scidtun_nl_open(&nl);
	if (ret) {
		fprintf(stderr, "%s: cannot open rtnetlink: %s\n", PROG_NAME, strerror(-ret));
		return SCIDTUN_EXIT_SYSTEM;
	}
	for (i = 0; i < count; i++) {
		scidtun_tunnel_fields(&tunnels[i], if_indextoname, &f);
		scidtun_widths_add(&widths, &f);
	}
	if (opts->style == SCIDTUN_STYLE_JSON)
		putchar('[');
	for (i = 0; i < count && !ret; i++) {
		ret = read_link(&nl, &tunnels[i], opts->stats ? &s : NULL, &d);
		if (ret) {
			fprintf(stderr, "%s: cannot read the %s of '%.*s': %s\n", PROG_NAME,
				opts->stats ? "counters" : "link", IFNAMSIZ, tunnels[i].name,
				strerror(-ret));
			if (opts->stats)
				scidtun_ipc_counters_free(&s);
			scidtun_link_data_free(&d);
			break;
		}
		if (opts->style == SCIDTUN_STYLE_JSON) {
			if (i)
				putchar(',');
			scidtun_format_json(stdout, &tunnels[i], if_indextoname,
					    opts->stats ? &s : NULL, &d);
		} else if (scidtun_format_tunnel(line, sizeof(line), &tunnels[i], opts->style,
						 if_indextoname, &widths) >= 0) {
			fputs(line, stdout);
			/* Tabs: the counters' fixed columns first, the KEY=VALUEs last. */
			if (opts->stats && opts->style == SCIDTUN_STYLE_TABS)
				scidtun_format_stats(stdout, &s, opts->style);
			scidtun_format_external(stdout, &d, opts->style);
			scidtun_format_fwmark(stdout, &d, opts->style);
			scidtun_format_encap(stdout, &d, opts->style);
			scidtun_format_clamp_mss(stdout, &d, opts->style);
			if (opts->style == SCIDTUN_STYLE_TABS) {
				scidtun_format_keepalive(stdout, &d, opts->style);
				scidtun_format_pmtu(stdout, &d, opts->style);
			}
			putchar('\n');
			if (opts->style == SCIDTUN_STYLE_HUMAN) {
				scidtun_format_keepalive(stdout, &d, opts->style);
				scidtun_format_pmtu(stdout, &d, opts->style);
			}
			if (opts->stats && opts->style == SCIDTUN_STYLE_HUMAN)
				scidtun_format_stats(stdout, &s, opts->style);
		}
		if (opts->stats)
			scidtun_ipc_counters_free(&s);
		scidtun_link_data_free(&d);
	}
	if (opts->style == SCIDTUN_STYLE_JSON)
		puts("]");
	scidtun_nl_close(&nl);
	if (ret)
		return SCIDTUN_EXIT_SYSTEM;
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
