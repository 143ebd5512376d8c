/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SCIDTUN_TEST_CHECK_H
#define SCIDTUN_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

extern unsigned int checks_passed, checks_failed;

/* One line per failed check, naming where it is and what went wrong. */
#define CHECK(cond, ...)							\
	do {									\
		if (cond) {							\
			checks_passed++;					\
		} else {							\
			checks_failed++;					\
			printf("FAIL %s:%d: ", __FILE__, __LINE__);		\
			printf(__VA_ARGS__);					\
			putchar('\n');						\
		}								\
	} while (0)

#define CHECK_STR(got, want, what)						\
	CHECK(!strcmp((got), (want)), "%s: got '%s', want '%s'", (what), (got), (want))

void parse_tests(void);
void format_tests(void);
void explain_tests(void);
void conf_tests(const char *examples);
void cli_tests(const char *binary);
struct link_util;
void words_tests(struct link_util *lu, const char *top);
void counters_tests(const char *top);
void keepalive_tests(void);
void fwmark_tests(void);
void encap_tests(void);
void clamp_mss_tests(void);
void pmtu_tests(void);
void index_tests(void);
void external_tests(void);
char *slurp_file(const char *path);

#endif
