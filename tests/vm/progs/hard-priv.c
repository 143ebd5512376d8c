// SPDX-License-Identifier: GPL-2.0
/*
 * hard-priv: who may configure a tunnel, through rtnetlink and through
 * sockets and namespace handles carried across a user namespace boundary
 * (tests/vm/progs/ioctl-abi.c has the plain ioctl cases).
 *
 *   hard-priv TUNNEL
 *
 * Run as root in a network namespace holding the scid_ipip tunnel TUNNEL:
 *   1. without CAP_NET_ADMIN in its effective set: RTM_NEWLINK (create and
 *      change) and RTM_DELLINK of kind scid_ipip -> EPERM;
 *   2. in a new user namespace, still in this network namespace: the same
 *      through a new rtnetlink socket and through one opened before
 *      (EPERM), and moving TUNNEL away (EPERM);
 *   3. in that user namespace's own new network namespace: create, change
 *      and delete a tunnel through rtnetlink and the ioctls (allowed); but
 *      through the sockets opened before in the parent namespace, ioctl
 *      ADD/CHG/DEL and
 *      rtnetlink NEWLINK/DELLINK -> EPERM; creating a tunnel in the parent
 *      namespace or moving one there (IFLA_NET_NS_FD) -> EPERM; setns()
 *      back -> EPERM; TUNNEL is invisible (no such name, ENODEV to GET and
 *      RTM_GETLINK).
 * Then TUNNEL must be as it was. One line per check ("ok - ..." or
 * "FAIL - ...", "skip - ..." without user namespaces), then
 *   priv checks=N failed=N skipped=N
 * Exit 0 when nothing failed.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/capability.h>
#include <linux/if_link.h>
#include <linux/if_tunnel.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sockios.h>
#include "../../../module/uapi/scid_ipip.h"

#include "tunnel-requests.h"

#define KIND	"scid_ipip"
#define CTL	SCID_CTL_NAME

struct tally {
	int checks, failed, skipped;
};

static struct tally *tally;	/* shared with the child */
static uint32_t seq;

static void verdict(int want, int got, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void verdict(int want, int got, const char *fmt, ...)
{
	char what[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	tally->checks++;
	if (want == got) {
		printf("ok - %s -> %s\n", what, want ? strerrorname_np(want) : "accepted");
		return;
	}
	tally->failed++;
	printf("FAIL - %s: expected %s, got %s\n", what,
	       want ? strerrorname_np(want) : "success",
	       got ? strerror(got) : "success");
}

static void skip(const char *what, int err)
{
	tally->skipped++;
	printf("skip - %s: %s\n", what, strerror(err));
}

static int nl_socket(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);

	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		perror("hard-priv: netlink");
		exit(2);
	}
	return fd;
}

static int inet_socket(void)
{
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd < 0) {
		perror("hard-priv: socket");
		exit(2);
	}
	return fd;
}

/* RTM_NEWLINK for @name: created with a remote when @create, else ttl 9. */
static int nl_newlink(int fd, const char *name, bool create, int netns_fd)
{
	uint32_t remote = htonl(0xcb007109), nsfd = (uint32_t)netns_fd;
	struct nlattr *info, *data;
	uint8_t ttl = 9;
	struct rtnl_req r;

	rtnl_req_init(&r, RTM_NEWLINK, create ? NLM_F_CREATE | NLM_F_EXCL : 0, 0, 0, 0);
	rtnl_req_put(&r, IFLA_IFNAME, name, strlen(name) + 1);
	if (netns_fd >= 0)
		rtnl_req_put(&r, IFLA_NET_NS_FD, &nsfd, 4);
	info = rtnl_req_put(&r, IFLA_LINKINFO, NULL, 0);
	rtnl_req_put(&r, IFLA_INFO_KIND, KIND, sizeof(KIND));
	data = rtnl_req_put(&r, IFLA_INFO_DATA, NULL, 0);
	if (create)
		rtnl_req_put(&r, IFLA_IPTUN_REMOTE, &remote, 4);
	else
		rtnl_req_put(&r, IFLA_IPTUN_TTL, &ttl, 1);
	rtnl_req_end(&r, data);
	rtnl_req_end(&r, info);
	return rtnl_req_talk(fd, &seq, &r, NULL);
}

/* Move @name (an existing device) to the namespace of @netns_fd. */
static int nl_move(int fd, const char *name, int netns_fd)
{
	uint32_t nsfd = (uint32_t)netns_fd;
	struct rtnl_req r;

	rtnl_req_init(&r, RTM_NEWLINK, 0, 0, 0, 0);
	rtnl_req_put(&r, IFLA_IFNAME, name, strlen(name) + 1);
	rtnl_req_put(&r, IFLA_NET_NS_FD, &nsfd, 4);
	return rtnl_req_talk(fd, &seq, &r, NULL);
}

static int nl_link(int fd, uint16_t type, const char *name)
{
	struct rtnl_req r;

	rtnl_req_init(&r, type, 0, 0, 0, 0);
	rtnl_req_put(&r, IFLA_IFNAME, name, strlen(name) + 1);
	return rtnl_req_talk(fd, &seq, &r, NULL);
}

static void parm_named(struct ip_tunnel_parm *p, const char *name)
{
	memset(p, 0, sizeof(*p));
	strncpy(p->name, name, IFNAMSIZ - 1);
	p->iph.version = 4;
	p->iph.ihl = 5;
	p->iph.protocol = IPPROTO_IPIP;
	p->iph.frag_off = htons(SCID_FRAG_OFF_PMTUDISC);
	p->iph.daddr = htonl(0xcb00710a);
}

static int cap_effective(int cap, bool on)
{
	struct __user_cap_header_struct h = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d))
		return -1;
	if (on)
		d[cap / 32].effective |= 1u << (cap % 32);
	else
		d[cap / 32].effective &= ~(1u << (cap % 32));
	return (int)syscall(SYS_capset, &h, d);
}

static void without_cap(const char *tunnel)
{
	int nl;

	if (cap_effective(CAP_NET_ADMIN, false)) {
		perror("hard-priv: capset");
		exit(2);
	}
	nl = nl_socket();
	verdict(EPERM, nl_newlink(nl, "pv0", true, -1), "no CAP_NET_ADMIN: rtnetlink create pv0");
	verdict(EPERM, nl_newlink(nl, tunnel, false, -1), "no CAP_NET_ADMIN: rtnetlink change %s", tunnel);
	verdict(EPERM, nl_link(nl, RTM_DELLINK, tunnel), "no CAP_NET_ADMIN: rtnetlink delete %s", tunnel);
	verdict(0, nl_link(nl, RTM_GETLINK, tunnel), "no CAP_NET_ADMIN: rtnetlink get %s", tunnel);
	close(nl);
	if (cap_effective(CAP_NET_ADMIN, true)) {
		perror("hard-priv: capset");
		exit(2);
	}
}

/* Runs in a child: a new user namespace, then its own network namespace. */
static int in_userns(const char *tunnel)
{
	int old_nl = nl_socket(), old_inet = inet_socket(), parent_ns, nl, inet;
	struct ip_tunnel_parm p;

	parent_ns = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (parent_ns < 0) {
		perror("hard-priv: /proc/self/ns/net");
		return 2;
	}
	if (unshare(CLONE_NEWUSER)) {
		skip("user namespaces", errno);
		return 0;
	}

	nl = nl_socket();
	verdict(EPERM, nl_newlink(nl, "pv0", true, -1), "userns, parent's netns: rtnetlink create pv0");
	verdict(EPERM, nl_newlink(nl, tunnel, false, -1), "userns, parent's netns: rtnetlink change %s", tunnel);
	verdict(EPERM, nl_link(nl, RTM_DELLINK, tunnel), "userns, parent's netns: rtnetlink delete %s", tunnel);
	verdict(EPERM, nl_link(old_nl, RTM_DELLINK, tunnel),
		"userns, parent's netns: delete %s through a socket opened before", tunnel);
	close(nl);

	if (unshare(CLONE_NEWNET)) {
		skip("userns: its own network namespace", errno);
		return 0;
	}
	nl = nl_socket();
	inet = inet_socket();
	verdict(0, if_nametoindex(CTL) ? 0 : ENODEV, "userns, own netns: scid0 is there");
	verdict(0, nl_newlink(nl, "pv0", true, -1), "userns, own netns: rtnetlink create pv0");
	verdict(0, nl_newlink(nl, "pv0", false, -1), "userns, own netns: rtnetlink change pv0 (ttl 9)");
	parm_named(&p, "pv0");
	verdict(0, tunnel_ioctl(inet, SIOCGETTUNNEL, CTL, &p) || p.iph.ttl != 9 ? EIO : 0,
		"userns, own netns: pv0 has ttl 9");
	verdict(0, nl_link(nl, RTM_DELLINK, "pv0"), "userns, own netns: rtnetlink delete pv0");
	/* The ioctls are the module's own check (ns_capable, not capable). */
	parm_named(&p, "pv5");
	verdict(0, tunnel_ioctl(inet, SIOCADDTUNNEL, CTL, &p), "userns, own netns: ioctl add pv5");
	parm_named(&p, "pv5");
	p.iph.ttl = 7;
	verdict(0, tunnel_ioctl(inet, SIOCCHGTUNNEL, CTL, &p), "userns, own netns: ioctl change pv5 (ttl 7)");
	parm_named(&p, "pv5");
	verdict(0, tunnel_ioctl(inet, SIOCDELTUNNEL, CTL, &p), "userns, own netns: ioctl delete pv5");

	verdict(EPERM, nl_newlink(nl, "pv1", true, parent_ns),
		"userns, own netns: create pv1 in the parent's netns (IFLA_NET_NS_FD)");
	if (!nl_newlink(nl, "pv2", true, -1)) {
		verdict(EPERM, nl_move(nl, "pv2", parent_ns),
			"userns, own netns: move pv2 to the parent's netns");
		nl_link(nl, RTM_DELLINK, "pv2");
	}
	parm_named(&p, "pv3");
	verdict(EPERM, tunnel_ioctl(old_inet, SIOCADDTUNNEL, CTL, &p),
		"userns, own netns: ioctl add through a socket of the parent's netns");
	parm_named(&p, tunnel);
	p.iph.ttl = 9;
	verdict(EPERM, tunnel_ioctl(old_inet, SIOCCHGTUNNEL, CTL, &p),
		"userns, own netns: ioctl change %s through a socket of the parent's netns", tunnel);
	parm_named(&p, tunnel);
	verdict(EPERM, tunnel_ioctl(old_inet, SIOCDELTUNNEL, CTL, &p),
		"userns, own netns: ioctl delete %s through a socket of the parent's netns", tunnel);
	verdict(EPERM, nl_newlink(old_nl, "pv4", true, -1),
		"userns, own netns: rtnetlink create through a socket of the parent's netns");
	verdict(EPERM, nl_newlink(old_nl, tunnel, false, -1),
		"userns, own netns: rtnetlink change %s through a socket of the parent's netns", tunnel);
	verdict(EPERM, nl_link(old_nl, RTM_DELLINK, tunnel),
		"userns, own netns: rtnetlink delete %s through a socket of the parent's netns", tunnel);
	verdict(EPERM, setns(parent_ns, CLONE_NEWNET) ? errno : 0,
		"userns, own netns: setns() into the parent's netns");

	verdict(0, if_nametoindex(tunnel) ? EEXIST : 0, "userns, own netns: no device %s", tunnel);
	parm_named(&p, tunnel);
	verdict(ENODEV, tunnel_ioctl(inet, SIOCGETTUNNEL, CTL, &p),
		"userns, own netns: ioctl get %s", tunnel);
	verdict(ENODEV, nl_link(nl, RTM_GETLINK, tunnel), "userns, own netns: rtnetlink get %s", tunnel);
	return 0;
}

int main(int argc, char **argv)
{
	struct ip_tunnel_parm before, after;
	int inet, status;
	pid_t pid;

	if (argc != 2) {
		fprintf(stderr, "usage: %s TUNNEL\n", argv[0]);
		return 2;
	}
	tally = mmap(NULL, sizeof(*tally), PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (tally == MAP_FAILED) {
		perror("hard-priv: mmap");
		return 2;
	}
	inet = inet_socket();
	parm_named(&before, argv[1]);
	if (tunnel_ioctl(inet, SIOCGETTUNNEL, CTL, &before)) {
		fprintf(stderr, "hard-priv: no tunnel `%s'\n", argv[1]);
		return 2;
	}

	without_cap(argv[1]);

	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("hard-priv: fork");
		return 2;
	}
	if (!pid) {
		status = in_userns(argv[1]);
		fflush(stdout);
		_exit(status);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
		printf("FAIL - the user namespace child ended with status 0x%x\n", status);
		tally->failed++;
	}

	parm_named(&after, argv[1]);
	verdict(0, tunnel_ioctl(inet, SIOCGETTUNNEL, CTL, &after) ||
		   memcmp(&before, &after, sizeof(before)) ? EIO : 0,
		"%s unchanged afterwards", argv[1]);
	printf("priv checks=%d failed=%d skipped=%d\n", tally->checks,
	       tally->failed, tally->skipped);
	return tally->failed ? 1 : 0;
}
