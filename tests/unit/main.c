// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests for scidtun and the ip link plugin: the parser, the show
 * formats, the error messages, the configuration files, the built binary's
 * usage errors, the plugin loaded as ip loads it, the same words through
 * both, and the documents checked against the tables they describe. None
 * needs the module, root, or anything but a C compiler and make.
 */

#include <stdio.h>

#include "check.h"
#include "iproute2/plugin.h"

unsigned int checks_passed, checks_failed;

int main(int argc, char *argv[])
{
	struct link_util *lu;
	char path[4096];
	const char *top;

	if (argc != 2) {
		fprintf(stderr, "usage: %s TOPDIR (with tools/ built)\n", argv[0]);
		return 2;
	}
	top = argv[1];
	parse_tests();
	format_tests();
	explain_tests();
	keepalive_tests();
	fwmark_tests();
	encap_tests();
	clamp_mss_tests();
	pmtu_tests();
	index_tests();
	external_tests();
	snprintf(path, sizeof(path), "%s/tools/scidtun/examples", top);
	conf_tests(path);
	snprintf(path, sizeof(path), "%s/tools/scidtun/scidtun", top);
	cli_tests(path);
	snprintf(path, sizeof(path), "%s/tools/iproute2/link_scid_ipip.so", top);
	lu = plugin_load(path);
	plugin_tests(lu);
	plugin_encap_tests(lu);
	words_tests(lu, top);
	counters_tests(top);
	printf("%u passed, %u failed\n", checks_passed, checks_failed);
	return checks_failed ? 1 : 0;
}
