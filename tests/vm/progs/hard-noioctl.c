// SPDX-License-Identifier: GPL-2.0
/*
 * hard-noioctl: run a command that must not talk to the tunnel driver: a
 * seccomp filter kills it (SIGSYS, exit status 159 from a shell) at its
 * first device-private ioctl (SIOCDEVPRIVATE..+15, where the tunnel ioctls
 * are) and, with -n, at its first rtnetlink socket.
 *
 *   hard-noioctl [-n] COMMAND [ARGUMENT]...
 *
 * Other ioctls (SIOCGIFINDEX for a dev name, TCGETS for isatty) go on.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <linux/sockios.h>

#if defined(__x86_64__)
#define ARCH	AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define ARCH	AUDIT_ARCH_AARCH64
#else
#error "hard-noioctl: add this architecture's AUDIT_ARCH"
#endif

#define LOAD(field)	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, field))
#define RET(v)		BPF_STMT(BPF_RET | BPF_K, (v))

int main(int argc, char **argv)
{
	int first = 1, netlink = 0;
	struct sock_filter filter[] = {
		LOAD(arch),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ARCH, 1, 0),
		RET(SECCOMP_RET_ALLOW),
		LOAD(nr),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_ioctl, 0, 4),
		/* The request's low 32 bits: the ioctl numbers are below 2^16. */
		LOAD(args[1]),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, SIOCDEVPRIVATE, 0, 1),
		BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, SIOCDEVPRIVATE + 15, 0, 5),
		RET(SECCOMP_RET_ALLOW),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_socket, 0, 2),
		LOAD(args[0]),
		/* Patched below: -n kills at socket(AF_NETLINK, ...). */
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AF_NETLINK, 1, 0),
		RET(SECCOMP_RET_ALLOW),
		RET(SECCOMP_RET_KILL_PROCESS),
	};
	struct sock_fprog fprog = {
		.len = sizeof(filter) / sizeof(filter[0]),
		.filter = filter,
	};

	if (argc > 1 && !strcmp(argv[1], "-n")) {
		netlink = 1;
		first = 2;
	}
	if (argc <= first) {
		fprintf(stderr, "usage: %s [-n] COMMAND [ARGUMENT]...\n", argv[0]);
		return 2;
	}
	if (!netlink)
		filter[11].k = (unsigned int)-1;	/* no family is -1 */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fprog)) {
		perror("hard-noioctl: seccomp");
		return 2;
	}
	execvp(argv[first], argv + first);
	fprintf(stderr, "hard-noioctl: %s: %s\n", argv[first], strerror(errno));
	return 127;
}
