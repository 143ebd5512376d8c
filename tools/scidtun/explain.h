/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SCIDTUN_EXPLAIN_H
#define SCIDTUN_EXPLAIN_H

#include <stdbool.h>
#include <stddef.h>

enum {
	SCIDTUN_EXIT_OK = 0,
	SCIDTUN_EXIT_USAGE = 1,
	SCIDTUN_EXIT_SYSTEM = 2,
};

enum scidtun_op {
	SCIDTUN_OP_GET,
	SCIDTUN_OP_ADD,
	SCIDTUN_OP_CHANGE,
	SCIDTUN_OP_DEL,
	SCIDTUN_OP_LIST,	/* the ops from here on name no tunnel */
	SCIDTUN_OP_DEL_MANY,
	SCIDTUN_OP_FLUSH,
};

int scidtun_explain(int err, enum scidtun_op op, const char *name, bool module_loaded,
		    char *buf, size_t len);
const char *scidtun_extack_hint(const char *extack);

#endif
