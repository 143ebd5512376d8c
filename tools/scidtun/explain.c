// SPDX-License-Identifier: GPL-2.0
/*
 * What a failed tunnel request means to an operator. Pure: whether scid0
 * exists is asked by the caller, so every message can be tested on a host.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "explain.h"

static const char *const verbs[] = {
	[SCIDTUN_OP_GET] = "show",
	[SCIDTUN_OP_ADD] = "add",
	[SCIDTUN_OP_CHANGE] = "change",
	[SCIDTUN_OP_DEL] = "delete",
	[SCIDTUN_OP_LIST] = "list",
	[SCIDTUN_OP_DEL_MANY] = "delete",
	[SCIDTUN_OP_FLUSH] = "flush",
};

/**
 * scidtun_explain() - describe a failed request and choose the exit status
 * @err: the positive errno from the request, or 0
 * @op: what was asked of the kernel
 * @name: the tunnel asked about; unused from SCIDTUN_OP_LIST on
 * @module_loaded: whether the control device exists; only read for ENODEV
 * @buf: receives the message, without program name or newline
 * @len: size of @buf
 *
 * Return: SCIDTUN_EXIT_OK for @err 0 (with an empty message), else
 * SCIDTUN_EXIT_SYSTEM.
 */
int scidtun_explain(int err, enum scidtun_op op, const char *name, bool module_loaded,
		    char *buf, size_t len)
{
	char what[64];

	if (!len)
		return err ? SCIDTUN_EXIT_SYSTEM : SCIDTUN_EXIT_OK;
	if (!err) {
		buf[0] = '\0';
		return SCIDTUN_EXIT_OK;
	}

	if (op >= SCIDTUN_OP_LIST)
		snprintf(what, sizeof(what), "cannot %s tunnels", verbs[op]);
	else
		snprintf(what, sizeof(what), "cannot %s '%s'", verbs[op], name);

	switch (err) {
	case EPERM:
	case EACCES:
		snprintf(buf, len, "%s: operation not permitted (needs CAP_NET_ADMIN)", what);
		break;
	case ENODEV:
		if (!module_loaded)
			snprintf(buf, len,
				 "the scid_ipip module is not loaded (try: modprobe scid_ipip)");
		else if (op == SCIDTUN_OP_ADD)
			snprintf(buf, len, "%s: its dev interface does not exist", what);
		else if (op == SCIDTUN_OP_CHANGE)
			snprintf(buf, len, "%s: the tunnel or its new dev interface is gone", what);
		else if (op >= SCIDTUN_OP_LIST)
			snprintf(buf, len, "%s: %s", what, strerror(err));
		else
			snprintf(buf, len, "no scid_ipip tunnel named '%s'", name);
		break;
	case EEXIST:
		if (op == SCIDTUN_OP_ADD)
			snprintf(buf, len,
				 "tunnel '%s' or one with the same local, remote and dev already exists",
				 name);
		else if (op == SCIDTUN_OP_CHANGE)
			snprintf(buf, len,
				 "%s: another tunnel has the same local, remote and dev", what);
		else
			snprintf(buf, len, "%s: %s", what, strerror(err));
		break;
	case ENOENT:
		snprintf(buf, len, "%s: no tunnel matches these parameters", what);
		break;
	case ELOOP:
		snprintf(buf, len, "%s: its dev is this tunnel or a tunnel bound to it (a loop)",
			 what);
		break;
	case EMLINK:
		snprintf(buf, len,
			 "%s: its dev would stack more scid_ipip tunnels than packets may nest (counting those bound to it)",
			 what);
		break;
	case EINVAL:
		snprintf(buf, len, "%s: the kernel rejected the parameters (invalid argument)",
			 what);
		break;
	default:
		snprintf(buf, len, "%s: %s", what, strerror(err));
		break;
	}
	return SCIDTUN_EXIT_SYSTEM;
}

/**
 * scidtun_extack_hint() - what to type after a kernel refusal that names no fix
 * @extack: the kernel's message (netlink extended ack), or "" for none
 *
 * The kernel checks pmtu-probe against the tunnel's keepalive and DF, and
 * an encapsulation against its port and flags, which change cannot see
 * without a read: its message says what is wrong, this says which words
 * of one command line make it right.
 *
 * Return: the hint, or NULL for a message that needs none.
 */
const char *scidtun_extack_hint(const char *extack)
{
	static const struct {
		const char *prefix, *hint;
	} hints[] = {
		{ "pmtu-probe needs keepalive",
		  "probing rides on keepalive: turn both off in one command ('keepalive off pmtu-probe off'), or keepalive on with it ('keepalive 1s pmtu-probe on')" },
		{ "pmtu-probe needs DF",
		  "the tunnel has nodf, whose outer packets fragment: give 'pmtudisc' with 'pmtu-probe on'" },
		/* The module's words (module/encap.c): change cannot see the tunnel's port or flags. */
		{ "encap fou and gue need an encap-dport",
		  "give the port with the type: 'encap fou encap-dport PORT', PORT the one of the peer's 'ip fou add port PORT ipproto 4' ('gue' for encap gue)" },
		{ "encap-remcsum needs encap gue",
		  "the tunnel has encap-remcsum: give 'noencap-remcsum' with another encap ('encap none noencap-remcsum'), or 'encap gue' with 'encap-remcsum'" },
		{ "encap fou and gue need the fou module",
		  "load it here ('modprobe fou'); the peer receives with 'ip fou add port PORT ipproto 4' (fou) or 'ip fou add port PORT gue' (gue)" },
	};
	size_t i;

	for (i = 0; extack && i < sizeof(hints) / sizeof(hints[0]); i++) {
		if (!strncmp(extack, hints[i].prefix, strlen(hints[i].prefix)))
			return hints[i].hint;
	}
	return NULL;
}
