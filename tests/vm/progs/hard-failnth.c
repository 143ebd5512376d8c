// SPDX-License-Identifier: GPL-2.0
/*
 * hard-failnth: make the N-th slab allocation of one request fail, for N =
 * 1, 2, ... until a request goes through without reaching its N-th
 * allocation, and check after each that nothing was left half done. Needs
 * a kernel with CONFIG_FAILSLAB and /proc/thread-self/fail-nth, and
 * failslab set to fail GFP_KERNEL allocations quietly (hard-failslab.sh).
 *
 *   hard-failnth [-k LAST] insmod MODULE.ko   load the module (finit_module)
 *   hard-failnth [-k LAST] add                SIOCADDTUNNEL of fs0 on scid0
 *   hard-failnth [-k LAST] newlink            RTM_NEWLINK of fs1, kind scid_ipip
 *   hard-failnth [-k LAST] netns              unshare(CLONE_NEWNET): scid0 in it
 *
 * -k LAST tries only the request's last LAST allocations (counted first
 * with a fault that never comes), where the module's own are.
 *
 * After a failure: the module is not loaded (insmod), there is no fs0/fs1
 * (add, newlink), the new namespace does not exist or has its scid0
 * (netns). After a success the result is undone without faults (rmmod,
 * delete). Prints
 *   failnth mode=M allocations=N from=N attempts=N failed=N injected_ok=N
 *   errors=E:n,... bad=N
 * where injected_ok counts requests that succeeded although a fault was
 * injected (an allocation whose failure is tolerated) and ack_lost the
 * rtnetlink requests whose answer could not be allocated (the outcome is
 * then unknown, and whatever was made is deleted), and exits 1 when
 * something was left half done.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/if_link.h>
#include <linux/if_tunnel.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sockios.h>
#include "../../../module/uapi/scid_ipip.h"

#include "arg-number.h"
#include "tunnel-requests.h"

#define MAX_ATTEMPTS	5000
#define MAX_ERRNO	160
#define ACK_LOST	(MAX_ERRNO - 1)	/* rtnetlink's answer was lost */

static const char *prog = "hard-failnth";
static int nth_fd = -1;
static unsigned int *netns_left;	/* shared with the netns child */

/* Arms the fault: the n-th allocation from now in this thread fails. */
static void arm(unsigned int n)
{
	char buf[16];
	int len = snprintf(buf, sizeof(buf), "%u", n);

	if (pwrite(nth_fd, buf, (size_t)len, 0) != len) {
		perror("hard-failnth: fail-nth");
		exit(2);
	}
}

/* Disarms it; true when the fault was injected. */
static bool injected(void)
{
	char buf[16] = { 0 };
	bool was;

	if (pread(nth_fd, buf, sizeof(buf) - 1, 0) < 0) {
		perror("hard-failnth: fail-nth");
		exit(2);
	}
	was = atoi(buf) == 0;
	if (pwrite(nth_fd, "0", 1, 0) != 1) {
		perror("hard-failnth: fail-nth");
		exit(2);
	}
	return was;
}

static bool module_loaded(void)
{
	struct stat st;

	return !stat("/sys/module/scid_ipip", &st);
}

static int tun_add(int fd, const char *name)
{
	struct ip_tunnel_parm p;

	memset(&p, 0, sizeof(p));
	strncpy(p.name, name, IFNAMSIZ - 1);
	p.iph.version = 4;
	p.iph.ihl = 5;
	p.iph.protocol = IPPROTO_IPIP;
	p.iph.frag_off = htons(SCID_FRAG_OFF_PMTUDISC);
	p.iph.daddr = htonl(0xcb007163);
	return tunnel_ioctl(fd, SIOCADDTUNNEL, SCID_CTL_NAME, &p);
}

static int tun_del(int fd, const char *name)
{
	struct ip_tunnel_parm p;

	memset(&p, 0, sizeof(p));
	return tunnel_ioctl(fd, SIOCDELTUNNEL, name, &p);
}

/* RTM_NEWLINK of @name, kind scid_ipip, remote 203.0.113.100. */
static int nl_newlink(int fd, const char *name)
{
	uint32_t remote = htonl(0xcb007164);
	static uint32_t seq;
	struct nlattr *info, *data;
	struct rtnl_req r;
	bool lost;
	int err;

	rtnl_req_init(&r, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0, 0, 0);
	rtnl_req_put(&r, IFLA_IFNAME, name, strlen(name) + 1);
	info = rtnl_req_put(&r, IFLA_LINKINFO, NULL, 0);
	rtnl_req_put(&r, IFLA_INFO_KIND, "scid_ipip", sizeof("scid_ipip"));
	data = rtnl_req_put(&r, IFLA_INFO_DATA, NULL, 0);
	rtnl_req_put(&r, IFLA_IPTUN_REMOTE, &remote, 4);
	rtnl_req_end(&r, data);
	rtnl_req_end(&r, info);
	err = rtnl_req_talk(fd, &seq, &r, &lost);
	/*
	 * ENOBUFS on the socket: the kernel could not allocate its answer,
	 * whatever the request's outcome was.
	 */
	return lost && err == ENOBUFS ? ACK_LOST : err;
}

/* In a child: a new network namespace, made under the armed fault. */
static int netns_child(unsigned int n)
{
	char buf[16] = { 0 };
	bool was;
	int err;

	nth_fd = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);
	if (nth_fd < 0)
		return 100;

	arm(n);
	err = unshare(CLONE_NEWNET) ? errno : 0;
	if (pread(nth_fd, buf, sizeof(buf) - 1, 0) > 0)
		*netns_left = (unsigned int)atoi(buf);
	was = injected();
	if (err)
		return err < 100 ? err : 99;
	/* It exists, so it must be whole: scid0 is there. */
	if (!if_nametoindex(SCID_CTL_NAME))
		return 101;
	return was ? 102 : 0;
}

struct ctx {
	const char *mode, *module;
	int fd;		/* the request's socket (add, newlink) */
	int bad;
};

/*
 * One request with its n-th allocation failing (n = 0: none); checks
 * that a failure left nothing behind and undoes a success. Returns the
 * request's errno; *was says whether the fault was injected.
 */
static int attempt(struct ctx *c, unsigned int n, bool *was, unsigned int *left)
{
	int err;

	*left = 0;
	if (!strcmp(c->mode, "insmod")) {
		int mfd = open(c->module, O_RDONLY | O_CLOEXEC);
		char buf[16] = { 0 };

		if (mfd < 0) {
			perror(c->module);
			exit(2);
		}
		arm(n);
		err = syscall(SYS_finit_module, mfd, "", 0) ? errno : 0;
		if (pread(nth_fd, buf, sizeof(buf) - 1, 0) > 0)
			*left = (unsigned int)atoi(buf);
		*was = injected();
		close(mfd);
		if (err && module_loaded()) {
			fprintf(stderr, "%s: insmod failed (%s) at fault %u, but the module is loaded\n",
				prog, strerror(err), n);
			c->bad++;
		}
		if (!err && syscall(SYS_delete_module, "scid_ipip", O_NONBLOCK)) {
			fprintf(stderr, "%s: rmmod after fault %u: %s\n", prog, n,
				strerror(errno));
			c->bad = 100;
		}
	} else if (!strcmp(c->mode, "add") || !strcmp(c->mode, "newlink")) {
		const char *name = !strcmp(c->mode, "add") ? "fs0" : "fs1";
		char buf[16] = { 0 };

		arm(n);
		err = !strcmp(c->mode, "add") ? tun_add(c->fd, name) : nl_newlink(c->fd, name);
		if (pread(nth_fd, buf, sizeof(buf) - 1, 0) > 0)
			*left = (unsigned int)atoi(buf);
		*was = injected();
		if (err && err != ACK_LOST && if_nametoindex(name)) {
			fprintf(stderr, "%s: %s failed (%s) at fault %u, but %s exists\n",
				prog, c->mode, strerror(err), n, name);
			c->bad++;
		}
		if (if_nametoindex(name)) {
			int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

			if (tun_del(s, name)) {
				fprintf(stderr, "%s: cannot delete %s after fault %u: %s\n",
					prog, name, n, strerror(errno));
				c->bad = 100;
			}
			close(s);
		}
	} else {
		pid_t pid = fork();
		int status;

		if (!pid)
			_exit(netns_child(n));
		if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status)) {
			fprintf(stderr, "%s: netns child at fault %u died\n", prog, n);
			exit(2);
		}
		err = WEXITSTATUS(status);
		*left = *netns_left;
		*was = err != 0;
		if (err == 102)
			err = 0;
		if (err >= 100) {
			fprintf(stderr, "%s: a new namespace at fault %u %s\n", prog, n,
				err == 101 ? "exists without its scid0" : "could not be set up");
			c->bad++;
		}
	}
	return err;
}

int main(int argc, char **argv)
{
	unsigned long errs[MAX_ERRNO] = { 0 }, failed = 0, injected_ok = 0;
	unsigned int n, first_n = 1, attempts = 0, left, total = 0;
	struct ctx c = { .fd = -1 };
	bool first = true, was;
	long last = 0;
	int opt, err, e;

	while ((opt = getopt(argc, argv, "k:h")) != -1) {
		switch (opt) {
		case 'k': last = arg_number(prog, "allocation count", optarg, 0, 1000000); break;
		default: goto usage;
		}
	}
	c.mode = optind < argc ? argv[optind] : "";
	if (!strcmp(c.mode, "insmod") ? argc - optind != 2 :
	    (argc - optind != 1 || (strcmp(c.mode, "add") && strcmp(c.mode, "newlink") &&
				    strcmp(c.mode, "netns")))) {
usage:
		fprintf(stderr, "usage: %s [-k LAST] insmod MODULE.ko | add | newlink | netns\n", prog);
		return 2;
	}
	c.module = argv[optind + 1];
	nth_fd = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);
	if (nth_fd < 0) {
		perror("hard-failnth: /proc/thread-self/fail-nth");
		return 2;
	}
	if (!strcmp(c.mode, "add"))
		c.fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (!strcmp(c.mode, "newlink")) {
		struct sockaddr_nl sa = { .nl_family = AF_NETLINK };

		c.fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
		if (c.fd >= 0 && bind(c.fd, (struct sockaddr *)&sa, sizeof(sa)))
			c.fd = -1;
	}
	if ((!strcmp(c.mode, "add") || !strcmp(c.mode, "newlink")) && c.fd < 0) {
		perror(prog);
		return 2;
	}

	/*
	 * -k: only the last LAST allocations of the request, where the
	 * module's own come (its pernet init runs after every other's).
	 */
	netns_left = mmap(NULL, sizeof(*netns_left), PROT_READ | PROT_WRITE,
			  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (netns_left == MAP_FAILED) {
		perror(prog);
		return 2;
	}
	if (last > 0) {
		if (attempt(&c, 1000000, &was, &left)) {
			fprintf(stderr, "%s: %s fails even without a fault\n", prog, c.mode);
			return 1;
		}
		total = 1000000 - left;
		first_n = total > (unsigned int)last ? total - (unsigned int)last + 1 : 1;
	}

	for (n = first_n; n < first_n + MAX_ATTEMPTS; n++) {
		attempts++;
		err = attempt(&c, n, &was, &left);
		if (err) {
			failed++;
			errs[err < MAX_ERRNO ? err : 0]++;
		} else if (was) {
			injected_ok++;
		} else {
			break;	/* done without reaching the n-th allocation */
		}
		if (c.bad > 10)
			break;
	}

	printf("failnth mode=%s allocations=%u from=%u attempts=%u failed=%lu injected_ok=%lu errors=",
	       c.mode, total, first_n, attempts, failed, injected_ok);
	for (e = 0; e < MAX_ERRNO; e++) {
		const char *name = e == ACK_LOST ? "ack_lost" : e ? strerrorname_np(e) : NULL;

		if (!errs[e])
			continue;
		printf("%s%s:%lu", first ? "" : ",", name ? name : "other", errs[e]);
		first = false;
	}
	printf("%s bad=%d\n", first ? "none" : "", c.bad);
	if (n == first_n + MAX_ATTEMPTS) {
		fprintf(stderr, "%s: still failing after %u faults\n", prog, MAX_ATTEMPTS);
		c.bad++;
	}
	return c.bad ? 1 : 0;
}
