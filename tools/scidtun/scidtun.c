// SPDX-License-Identifier: GPL-2.0
/*
 * scidtun: manage scid_ipip tunnels through the module's tunnel ioctls.
 */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipc.h"
#include "tunnel.h"
#include "subcommands.h"

#ifndef SCIDTUN_VERSION
#error "build with -DSCIDTUN_VERSION (the Makefile reads it from VERSION)"
#endif

const char *PROG_NAME = "scidtun";

static const struct {
	const char *subcommand;
	int (*function)(int argc, char **argv);
	const char *usage;
} subcommands[] = {
	{ "add", add_main, "add NAME remote ADDR [OPTIONS]   create a tunnel\n"
			   "  add NAME external [OPTIONS]      create an external tunnel (no remote)" },
	{ "change", change_main, "change NAME OPTIONS              change only the given options" },
	{ "del", del_main, "del NAME...                      delete tunnels, all or none" },
	{ "flush", flush_main, "flush [-n]                       delete every tunnel" },
	{ "show", show_main, "show [-j] [-s] [NAME]            show one tunnel, or all of them" },
	{ "setconf", setconf_main, "setconf [-n] [--prune] FILE|DIR  apply a configuration" },
	{ "showconf", showconf_main, "showconf [NAME]                  print the running configuration" },
};

#define NUM_SUBCOMMANDS (sizeof(subcommands) / sizeof(subcommands[0]))

static void show_usage(FILE *file)
{
	size_t i;

	fprintf(file, "Usage: %s COMMAND [ARGUMENTS]\n\nCommands:\n", PROG_NAME);
	for (i = 0; i < NUM_SUBCOMMANDS; i++)
		fprintf(file, "  %s\n", subcommands[i].usage);
	fprintf(file, "  help                             show this help\n"
		      "  --version                        show the version\n\n"
		      "OPTIONS for add and change:\n");
	scid_tun_usage(file, "  ", 80);
	fputs(SCIDTUN_EXTERNAL_USAGE, file);
	fprintf(file, "\nOptions of show, also before the command as in ip(8):\n"
		      "  -j, --json    JSON         -s, --stats   counters\n\n"
		      "Every request goes to the scid_ipip control device %s; see %s(8).\n",
		SCID_CTL_NAME, PROG_NAME);
}

/**
 * scidtun_wants_help() - handle "scidtun CMD help|-h|--help"
 * @argc: argument count of the subcommand
 * @argv: its arguments, argv[0] being the subcommand
 * @usage: the line to print after "Usage: scidtun "
 *
 * Return: true if the usage was printed and the caller should exit 0.
 */
bool scidtun_wants_help(int argc, char **argv, const char *usage)
{
	if (argc < 2 || (strcmp(argv[1], "help") && strcmp(argv[1], "-h") &&
			 strcmp(argv[1], "--help")))
		return false;
	printf("Usage: %s %s\n", PROG_NAME, usage);
	return true;
}

/**
 * scidtun_wants_help_words() - scidtun_wants_help() with the tunnel's options
 * @argc: argument count of the subcommand
 * @argv: its arguments, argv[0] being the subcommand
 * @usage: the line to print after "Usage: scidtun "
 *
 * Return: true if the usage was printed and the caller should exit 0.
 */
bool scidtun_wants_help_words(int argc, char **argv, const char *usage)
{
	if (!scidtun_wants_help(argc, argv, usage))
		return false;
	printf("OPTION:\n");
	scid_tun_usage(stdout, "  ", 80);
	fputs(SCIDTUN_EXTERNAL_USAGE, stdout);
	return true;
}

/**
 * scidtun_usage_error() - say what was wrong with the command line
 * @fmt: printf format of the message
 *
 * Return: SCIDTUN_EXIT_USAGE, for the caller to return from main.
 */
int scidtun_usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", PROG_NAME);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nsee '%s help'\n", PROG_NAME);
	return SCIDTUN_EXIT_USAGE;
}

/**
 * scidtun_report() - explain a failed kernel request on stderr
 * @err: the positive errno
 * @op: what was asked
 * @name: the tunnel asked about
 *
 * Return: the exit status for it.
 */
int scidtun_report(int err, enum scidtun_op op, const char *name)
{
	bool loaded = err != ENODEV || scidtun_ipc_module_loaded();
	char msg[256];
	int status;

	status = scidtun_explain(err, op, name, loaded, msg, sizeof(msg));
	fprintf(stderr, "%s: %s\n", PROG_NAME, msg);
	return status;
}

/**
 * scidtun_report_kernel() - scidtun_report() with the kernel's own reason
 * @err: the positive errno
 * @op: what was asked
 * @name: the tunnel asked about
 * @extack: the kernel's message (netlink extended ack), or "" for none
 *
 * A refusal whose fix is other words of the same command line
 * (scidtun_extack_hint()) gets them on a line of their own.
 *
 * Return: the exit status for it.
 */
int scidtun_report_kernel(int err, enum scidtun_op op, const char *name, const char *extack)
{
	const char *hint = scidtun_extack_hint(extack);
	int status = scidtun_report(err, op, name);

	if (extack && extack[0])
		fprintf(stderr, "%s: the kernel says: %s\n", PROG_NAME, extack);
	if (hint)
		fprintf(stderr, "%s: %s\n", PROG_NAME, hint);
	return status;
}

static bool is_show_option(const char *arg)
{
	return !strcmp(arg, "-j") || !strcmp(arg, "--json") || !strcmp(arg, "-s") ||
	       !strcmp(arg, "--stats");
}

/* "scidtun -j -s show X" runs as "scidtun show -j -s X", as ip -j does. */
static int run_show_with_options(int argc, char **argv, int nopts)
{
	char **args;
	int i, n = 0, ret;

	if (nopts + 1 >= argc)
		return scidtun_usage_error("missing command after '%s'", argv[nopts]);
	if (strcmp(argv[nopts + 1], "show"))
		return scidtun_usage_error("option '%s' applies only to show", argv[1]);
	args = calloc((size_t)argc, sizeof(*args));
	if (!args)
		return SCIDTUN_EXIT_SYSTEM;
	args[n++] = argv[nopts + 1];
	for (i = 1; i <= nopts; i++)
		args[n++] = argv[i];
	for (i = nopts + 2; i < argc; i++)
		args[n++] = argv[i];
	ret = show_main(n, args);
	free(args);
	return ret;
}

int main(int argc, char *argv[])
{
	const char *slash;
	int nopts = 0;
	size_t i;

	if (argc > 0 && argv[0][0]) {
		slash = strrchr(argv[0], '/');
		PROG_NAME = slash ? slash + 1 : argv[0];
	}

	if (argc < 2) {
		show_usage(stderr);
		return SCIDTUN_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		show_usage(stdout);
		return SCIDTUN_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("scidtun %s\n", SCIDTUN_VERSION);
		return SCIDTUN_EXIT_OK;
	}
	while (nopts + 1 < argc && is_show_option(argv[nopts + 1]))
		nopts++;
	if (nopts)
		return run_show_with_options(argc, argv, nopts);
	for (i = 0; i < NUM_SUBCOMMANDS; i++) {
		if (!strcmp(argv[1], subcommands[i].subcommand))
			return subcommands[i].function(argc - 1, argv + 1);
	}
	return scidtun_usage_error("unknown command '%s'", argv[1]);
}
