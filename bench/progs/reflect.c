// SPDX-License-Identifier: GPL-2.0
/*
 * reflect: a peer that answers keepalive probes at the cheapest point of
 * its receive path, so that the benchmark can measure what probing costs
 * the prober alone, with its peers' work all but gone from the guest.
 *
 *   reflect IFNAME [TTL_ABOVE]
 *	Attaches to IFNAME (generic XDP) a program that sends every IPIP
 *	packet whose outer TTL is above TTL_ABOVE (default 0) straight back
 *	where it came from: Ethernet and outer IPv4 addresses swapped, the
 *	TTL decremented, the rest untouched. A keepalive probe is an inner
 *	packet from the prober to itself, so what comes back is what any
 *	RFC 2003 peer's stack would return (docs/keepalive.md). Another
 *	reflector at the prober's end, with TTL_ABOVE set, bounces each
 *	reply back once more, so that the difference tells what one
 *	reflection costs. The program stays attached after this exits:
 *	'ip link set IFNAME xdpgeneric off' removes it.
 *
 * The program is a few instructions written out here, so that the
 * benchmark needs no BPF compiler.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/bpf.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#define INSN(c, d, s, o, i) \
	((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), \
			    .off = (o), .imm = (i) })
#define LDX(size, d, s, o)	INSN(BPF_LDX | BPF_MEM | (size), d, s, o, 0)
#define STX(size, d, s, o)	INSN(BPF_STX | BPF_MEM | (size), d, s, o, 0)
#define MOV_REG(d, s)		INSN(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define MOV_IMM(d, i)		INSN(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define ADD_IMM(d, i)		INSN(BPF_ALU64 | BPF_ADD | BPF_K, d, 0, 0, i)
#define JGT_REG(d, s, o)	INSN(BPF_JMP | BPF_JGT | BPF_X, d, s, o, 0)
#define JNE_IMM(d, i, o)	INSN(BPF_JMP | BPF_JNE | BPF_K, d, 0, o, i)
#define JLE_IMM(d, i, o)	INSN(BPF_JMP | BPF_JLE | BPF_K, d, 0, o, i)
#define JLT_IMM(d, i, o)	INSN(BPF_JMP | BPF_JLT | BPF_K, d, 0, o, i)
#define EXIT()			INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

/*
 * Ethernet (14 bytes) then IPv4: TTL at 22, protocol at 23, checksum at
 * 24, addresses at 26 and 30.
 */
#define ETH_TYPE_OFF	12
#define IP_TTL_OFF	22
#define IP_PROTO_OFF	23
#define IP_CHECK_OFF	24
#define IP_SADDR_OFF	26
#define IP_DADDR_OFF	30
#define HEADERS_LEN	34
/* The instruction that compares the TTL with TTL_ABOVE. */
#define TTL_TEST	10

/* Jump offsets below count the instructions up to the PASS exit. */
static struct bpf_insn program[] = {
	LDX(BPF_W, BPF_REG_2, BPF_REG_1, 0),		/* data */
	LDX(BPF_W, BPF_REG_3, BPF_REG_1, 4),		/* data_end */
	MOV_REG(BPF_REG_4, BPF_REG_2),
	ADD_IMM(BPF_REG_4, HEADERS_LEN),
	JGT_REG(BPF_REG_4, BPF_REG_3, 27),
	LDX(BPF_H, BPF_REG_5, BPF_REG_2, ETH_TYPE_OFF),
	JNE_IMM(BPF_REG_5, 0x0008, 25),			/* ETH_P_IP, as loaded */
	LDX(BPF_B, BPF_REG_5, BPF_REG_2, IP_PROTO_OFF),
	JNE_IMM(BPF_REG_5, 4, 23),			/* IPPROTO_IPIP */
	LDX(BPF_B, BPF_REG_5, BPF_REG_2, IP_TTL_OFF),
	[TTL_TEST] = JLE_IMM(BPF_REG_5, 0, 21),		/* TTL_ABOVE */
	/* A router's TTL decrement, checksum updated as ip_decrease_ttl(). */
	ADD_IMM(BPF_REG_5, -1),
	STX(BPF_B, BPF_REG_2, BPF_REG_5, IP_TTL_OFF),
	LDX(BPF_H, BPF_REG_5, BPF_REG_2, IP_CHECK_OFF),
	ADD_IMM(BPF_REG_5, 1),				/* htons(0x0100) */
	JLT_IMM(BPF_REG_5, 0xffff, 1),
	ADD_IMM(BPF_REG_5, 1),
	STX(BPF_H, BPF_REG_2, BPF_REG_5, IP_CHECK_OFF),
	/* Destination and source MAC, as 4 + 2 bytes each. */
	LDX(BPF_W, BPF_REG_5, BPF_REG_2, 0),
	LDX(BPF_W, BPF_REG_6, BPF_REG_2, 6),
	STX(BPF_W, BPF_REG_2, BPF_REG_6, 0),
	STX(BPF_W, BPF_REG_2, BPF_REG_5, 6),
	LDX(BPF_H, BPF_REG_5, BPF_REG_2, 4),
	LDX(BPF_H, BPF_REG_6, BPF_REG_2, 10),
	STX(BPF_H, BPF_REG_2, BPF_REG_6, 4),
	STX(BPF_H, BPF_REG_2, BPF_REG_5, 10),
	/* Swapping the addresses leaves the header's sum as it was. */
	LDX(BPF_W, BPF_REG_5, BPF_REG_2, IP_SADDR_OFF),
	LDX(BPF_W, BPF_REG_6, BPF_REG_2, IP_DADDR_OFF),
	STX(BPF_W, BPF_REG_2, BPF_REG_6, IP_SADDR_OFF),
	STX(BPF_W, BPF_REG_2, BPF_REG_5, IP_DADDR_OFF),
	MOV_IMM(BPF_REG_0, XDP_TX),
	EXIT(),
	MOV_IMM(BPF_REG_0, XDP_PASS),
	EXIT(),
};

static int load(void)
{
	static char log[65536];
	union bpf_attr attr;
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_XDP;
	attr.insns = (unsigned long)program;
	attr.insn_cnt = sizeof(program) / sizeof(program[0]);
	attr.license = (unsigned long)"GPL";
	attr.log_buf = (unsigned long)log;
	attr.log_size = sizeof(log);
	attr.log_level = 1;
	fd = syscall(SYS_bpf, BPF_PROG_LOAD, &attr, sizeof(attr));
	if (fd < 0) {
		fprintf(stderr, "reflect: BPF_PROG_LOAD: %s\n%s",
			strerror(errno), log);
		exit(1);
	}
	return fd;
}

static void put_attr(struct nlmsghdr *nh, unsigned short type,
		     const void *data, unsigned short len)
{
	struct rtattr *rta = (struct rtattr *)((char *)nh +
					       NLMSG_ALIGN(nh->nlmsg_len));

	rta->rta_type = type;
	rta->rta_len = RTA_LENGTH(len);
	if (len)
		memcpy(RTA_DATA(rta), data, len);
	nh->nlmsg_len = NLMSG_ALIGN(nh->nlmsg_len) + RTA_ALIGN(rta->rta_len);
}

static void attach(unsigned int ifindex, int prog)
{
	struct {
		struct nlmsghdr nh;
		struct ifinfomsg ifi;
		char attrs[64];
	} req;
	char answer[512];
	__u32 flags = XDP_FLAGS_SKB_MODE;
	struct nlmsgerr *err;
	struct rtattr *xdp;
	ssize_t n;
	int sock;

	memset(&req, 0, sizeof(req));
	req.nh.nlmsg_len = NLMSG_LENGTH(sizeof(req.ifi));
	req.nh.nlmsg_type = RTM_SETLINK;
	req.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	req.ifi.ifi_family = AF_UNSPEC;
	req.ifi.ifi_index = (int)ifindex;
	xdp = (struct rtattr *)((char *)&req + NLMSG_ALIGN(req.nh.nlmsg_len));
	put_attr(&req.nh, IFLA_XDP | NLA_F_NESTED, NULL, 0);
	put_attr(&req.nh, IFLA_XDP_FD, &prog, sizeof(prog));
	put_attr(&req.nh, IFLA_XDP_FLAGS, &flags, sizeof(flags));
	xdp->rta_len = (unsigned short)((char *)&req + req.nh.nlmsg_len -
					(char *)xdp);

	sock = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (sock < 0 || send(sock, &req, req.nh.nlmsg_len, 0) < 0) {
		perror("reflect: netlink");
		exit(1);
	}
	n = recv(sock, answer, sizeof(answer), 0);
	if (n < (ssize_t)NLMSG_LENGTH(sizeof(*err))) {
		perror("reflect: netlink answer");
		exit(1);
	}
	err = NLMSG_DATA((struct nlmsghdr *)answer);
	if (err->error) {
		fprintf(stderr, "reflect: attaching XDP: %s\n",
			strerror(-err->error));
		exit(1);
	}
	close(sock);
}

int main(int argc, char **argv)
{
	unsigned int ifindex;
	char *end;
	long ttl;

	if (argc != 2 && argc != 3) {
		fprintf(stderr, "usage: reflect IFNAME [TTL_ABOVE]\n");
		return 2;
	}
	if (argc == 3) {
		ttl = strtol(argv[2], &end, 10);
		if (*end || end == argv[2] || ttl < 0 || ttl > 255) {
			fprintf(stderr, "reflect: TTL_ABOVE '%s' is not 0 to 255\n",
				argv[2]);
			return 2;
		}
		program[TTL_TEST].imm = (int)ttl;
	}
	ifindex = if_nametoindex(argv[1]);
	if (!ifindex) {
		fprintf(stderr, "reflect: no interface '%s'\n", argv[1]);
		return 1;
	}
	attach(ifindex, load());
	return 0;
}
