// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests for scidtun: the parser, the show formats, the error
 * messages, the configuration files, and the built binary's usage errors. None needs the module.
 */

#include <stdio.h>

#include "check.h"

unsigned int checks_passed, checks_failed;

int main(int argc, char *argv[])
{
	if (argc != 2 && argc != 3) {
		fprintf(stderr, "usage: %s PATH-TO-SCIDTUN [EXAMPLES-DIR]\n", argv[0]);
		return 2;
	}
	parse_tests();
	format_tests();
	explain_tests();
	conf_tests(argc == 3 ? argv[2] : NULL);
	cli_tests(argv[1]);
	printf("%u passed, %u failed\n", checks_passed, checks_failed);
	return checks_failed ? 1 : 0;
}
