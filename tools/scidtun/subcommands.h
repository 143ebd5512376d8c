/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SCIDTUN_SUBCOMMANDS_H
#define SCIDTUN_SUBCOMMANDS_H

#include <stdbool.h>
#include <stddef.h>

#include "explain.h"

extern const char *PROG_NAME;

/* After the options' list: the words of an external tunnel (docs/external.md). */
#define SCIDTUN_EXTERNAL_USAGE "  [external] [allow PREFIX[,PREFIX...]|any|none]\n"

int add_main(int argc, char **argv);
int change_main(int argc, char **argv);
int del_main(int argc, char **argv);
int flush_main(int argc, char **argv);
int show_main(int argc, char **argv);
int setconf_main(int argc, char **argv);
int showconf_main(int argc, char **argv);

int scidtun_del_tunnels(char *const *names, size_t count);
bool scidtun_wants_help(int argc, char **argv, const char *usage);
bool scidtun_wants_help_words(int argc, char **argv, const char *usage);
int scidtun_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int scidtun_report(int err, enum scidtun_op op, const char *name);
int scidtun_report_kernel(int err, enum scidtun_op op, const char *name, const char *extack);

#endif
