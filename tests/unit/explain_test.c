// SPDX-License-Identifier: GPL-2.0
/* Every errno the contract names, and the exit status each maps to. */

#include <errno.h>

#include "check.h"
#include "explain.h"

static void expect(int err, enum scidtun_op op, const char *name, bool loaded,
		   int want_status, const char *want)
{
	char buf[256] = "unchanged";
	int status;

	status = scidtun_explain(err, op, name, loaded, buf, sizeof(buf));
	CHECK(status == want_status, "explain %d/%d: status %d, want %d", err, op, status,
	      want_status);
	CHECK_STR(buf, want, "explain message");
}

/* The kernel's refusals of pmtu-probe, with the words that fix them; others alone. */
static void hint_tests(void)
{
	const char *h;

	h = scidtun_extack_hint("pmtu-probe needs keepalive");
	CHECK(h && strstr(h, "'keepalive off pmtu-probe off'") &&
	      strstr(h, "'keepalive 1s pmtu-probe on'"), "keepalive hint: %s", h ? h : "(none)");
	h = scidtun_extack_hint("pmtu-probe needs DF on outer packets (pmtudisc)");
	CHECK(h && strstr(h, "'pmtudisc'"), "DF hint: %s", h ? h : "(none)");
	/* The module's encap refusals (module/encap.c), which change cannot foresee. */
	h = scidtun_extack_hint("encap fou and gue need an encap-dport");
	CHECK(h && strstr(h, "'encap fou encap-dport PORT'"), "dport hint: %s", h ? h : "(none)");
	h = scidtun_extack_hint("encap-remcsum needs encap gue");
	CHECK(h && strstr(h, "'encap none noencap-remcsum'"), "remcsum hint: %s",
	      h ? h : "(none)");
	h = scidtun_extack_hint("encap fou and gue need the fou module (modprobe fou)");
	CHECK(h && strstr(h, "'modprobe fou'") && strstr(h, "'ip fou add port PORT gue'"),
	      "fou module hint: %s", h ? h : "(none)");
	CHECK(!scidtun_extack_hint("encap must be fou, gue or none"), "hint for an encap type");
	CHECK(!scidtun_extack_hint("keepalive needs a remote address"), "hint for keepalive");
	CHECK(!scidtun_extack_hint(""), "hint for no message");
	CHECK(!scidtun_extack_hint(NULL), "hint for NULL");
}

void explain_tests(void)
{
	hint_tests();
	char want[256];

	expect(0, SCIDTUN_OP_ADD, "t", true, 0, "");
	expect(EPERM, SCIDTUN_OP_ADD, "tunl1", true, 2,
	       "cannot add 'tunl1': operation not permitted (needs CAP_NET_ADMIN)");
	expect(EACCES, SCIDTUN_OP_DEL, "tunl1", true, 2,
	       "cannot delete 'tunl1': operation not permitted (needs CAP_NET_ADMIN)");
	expect(EPERM, SCIDTUN_OP_CHANGE, "tunl1", true, 2,
	       "cannot change 'tunl1': operation not permitted (needs CAP_NET_ADMIN)");

	expect(ENODEV, SCIDTUN_OP_GET, "tunl1", false, 2,
	       "the scid_ipip module is not loaded (try: modprobe scid_ipip)");
	expect(ENODEV, SCIDTUN_OP_ADD, "tunl1", false, 2,
	       "the scid_ipip module is not loaded (try: modprobe scid_ipip)");
	expect(ENODEV, SCIDTUN_OP_LIST, NULL, false, 2,
	       "the scid_ipip module is not loaded (try: modprobe scid_ipip)");
	expect(ENODEV, SCIDTUN_OP_GET, "eth0", true, 2, "no scid_ipip tunnel named 'eth0'");
	expect(ENODEV, SCIDTUN_OP_DEL, "tunl1", true, 2, "no scid_ipip tunnel named 'tunl1'");
	expect(ENODEV, SCIDTUN_OP_ADD, "tunl1", true, 2,
	       "cannot add 'tunl1': its dev interface does not exist");
	expect(ENODEV, SCIDTUN_OP_CHANGE, "tunl1", true, 2,
	       "cannot change 'tunl1': the tunnel or its new dev interface is gone");

	expect(EEXIST, SCIDTUN_OP_ADD, "tunl1", true, 2,
	       "tunnel 'tunl1' or one with the same local, remote and dev already exists");
	expect(EEXIST, SCIDTUN_OP_CHANGE, "tunl1", true, 2,
	       "cannot change 'tunl1': another tunnel has the same local, remote and dev");
	expect(ENOENT, SCIDTUN_OP_DEL, "tunl1", true, 2,
	       "cannot delete 'tunl1': no tunnel matches these parameters");
	expect(ELOOP, SCIDTUN_OP_CHANGE, "ta", true, 2,
	       "cannot change 'ta': its dev is this tunnel or a tunnel bound to it (a loop)");
	expect(EMLINK, SCIDTUN_OP_ADD, "t5", true, 2,
	       "cannot add 't5': its dev would stack more scid_ipip tunnels than packets may nest (counting those bound to it)");
	expect(EINVAL, SCIDTUN_OP_ADD, "tunl1", true, 2,
	       "cannot add 'tunl1': the kernel rejected the parameters (invalid argument)");

	snprintf(want, sizeof(want), "cannot show 'tunl1': %s", strerror(EFAULT));
	expect(EFAULT, SCIDTUN_OP_GET, "tunl1", true, 2, want);
	snprintf(want, sizeof(want), "cannot list tunnels: %s", strerror(ENOMEM));
	expect(ENOMEM, SCIDTUN_OP_LIST, NULL, true, 2, want);

	/* The batch requests name no tunnel; a refused name is reported as del's. */
	expect(EPERM, SCIDTUN_OP_FLUSH, NULL, true, 2,
	       "cannot flush tunnels: operation not permitted (needs CAP_NET_ADMIN)");
	expect(ENODEV, SCIDTUN_OP_FLUSH, NULL, false, 2,
	       "the scid_ipip module is not loaded (try: modprobe scid_ipip)");
	expect(EINVAL, SCIDTUN_OP_DEL_MANY, NULL, true, 2,
	       "cannot delete tunnels: the kernel rejected the parameters (invalid argument)");
	snprintf(want, sizeof(want), "cannot delete tunnels: %s", strerror(ENOTTY));
	expect(ENOTTY, SCIDTUN_OP_DEL_MANY, NULL, true, 2, want);
}
