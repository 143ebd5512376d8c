// SPDX-License-Identifier: GPL-2.0
/*
 * bpf-tunkey: load a tc (BPF_PROG_TYPE_SCHED_CLS) program that gives
 * every packet one tunnel key with bpf_skb_set_tunnel_key(), and pin it,
 * for tests of external mode with metadata set by BPF. There is no BPF
 * compiler here: the program is written in raw instructions.
 *
 *   bpf-tunkey -p PATH [-d DST] [-s SRC] [-t TOS] [-T TTL] [-f FLAG]... [-v]
 *
 *   -p PATH  pin the program there (its directory is mounted as bpffs
 *            first if it is not one); an old pin there is replaced
 *   -d DST   the outer destination: IPv4, or IPv6 (which sets
 *            BPF_F_TUNINFO_IPV6); 0.0.0.0 when not given
 *   -s SRC   the outer source (local_ipv4 or local_ipv6); 0 when not given
 *   -t TOS   tunnel_tos        -T TTL   tunnel_ttl
 *   -f FLAG  df (BPF_F_DONT_FRAGMENT), zero-csum (BPF_F_ZERO_CSUM_TX),
 *            ipv6 (BPF_F_TUNINFO_IPV6), or a number; repeatable
 *   -v       print the verifier's log even when it accepts the program
 *
 * Then attach it with
 *   tc filter add dev DEV egress bpf object-pinned PATH direct-action
 *
 * The program returns TC_ACT_OK when the helper succeeds and TC_ACT_SHOT
 * when it fails, so that a key the helper refuses is not mistaken for one
 * the tunnel drops. Exit 0 on success, 77 when the kernel has no bpf(2),
 * 1 on another error (the verifier's log printed), 2 on a usage error.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/bpf.h>
#include <linux/magic.h>
#include <linux/pkt_cls.h>

#include "arg-number.h"

static const char *prog = "bpf-tunkey";

static void usage(void)
{
	fprintf(stderr,
		"usage: %s -p PATH [-d DST] [-s SRC] [-t TOS] [-T TTL] [-f df|zero-csum|ipv6|N]... [-v]\n",
		prog);
	exit(2);
}

static long sys_bpf(int cmd, union bpf_attr *attr)
{
	return syscall(__NR_bpf, cmd, attr, sizeof(*attr));
}

static struct bpf_insn insn(uint8_t code, uint8_t dst, uint8_t src,
			    int16_t off, int32_t imm)
{
	struct bpf_insn i;

	memset(&i, 0, sizeof(i));
	i.code = code;
	i.dst_reg = dst & 0xf;
	i.src_reg = src & 0xf;
	i.off = off;
	i.imm = imm;
	return i;
}

/* Where the key lives: below the frame pointer, 8-byte aligned. */
#define KEY_WORDS ((sizeof(struct bpf_tunnel_key) + 3) / 4)
#define KEY_OFF (-(int)(((sizeof(struct bpf_tunnel_key) + 7) / 8) * 8))

/* The program: the key's words stored on the stack, then the helper. */
static size_t build(struct bpf_insn *p, const struct bpf_tunnel_key *key,
		    uint64_t flags)
{
	uint32_t words[KEY_WORDS];
	size_t n = 0, i;

	memset(words, 0, sizeof(words));
	memcpy(words, key, sizeof(*key));
	/* r6 = r1 (the skb) */
	p[n++] = insn(BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_6, BPF_REG_1, 0, 0);
	/* *(u32 *)(r10 + KEY_OFF + 4 i) = word i: every byte the helper reads */
	for (i = 0; i < KEY_WORDS; i++)
		p[n++] = insn(BPF_ST | BPF_MEM | BPF_W, BPF_REG_10, 0,
			      (int16_t)(KEY_OFF + 4 * (int)i), (int32_t)words[i]);
	/* bpf_skb_set_tunnel_key(skb, r10 + KEY_OFF, sizeof(key), flags) */
	p[n++] = insn(BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_1, BPF_REG_6, 0, 0);
	p[n++] = insn(BPF_ALU64 | BPF_MOV | BPF_X, BPF_REG_2, BPF_REG_10, 0, 0);
	p[n++] = insn(BPF_ALU64 | BPF_ADD | BPF_K, BPF_REG_2, 0, 0, KEY_OFF);
	p[n++] = insn(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_3, 0, 0,
		      (int32_t)sizeof(*key));
	p[n++] = insn(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_4, 0, 0,
		      (int32_t)flags);
	p[n++] = insn(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_skb_set_tunnel_key);
	/* if r0 == 0 goto ok; return TC_ACT_SHOT; ok: return TC_ACT_OK */
	p[n++] = insn(BPF_JMP | BPF_JEQ | BPF_K, BPF_REG_0, 0, 2, 0);
	p[n++] = insn(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, TC_ACT_SHOT);
	p[n++] = insn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
	p[n++] = insn(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, TC_ACT_OK);
	p[n++] = insn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
	return n;
}

/* @addr into @v4 or @v6; 6 for IPv6, 4 for IPv4; usage error otherwise. */
static int parse_addr(const char *what, const char *addr, uint32_t *v4,
		      uint32_t v6[4])
{
	struct in_addr a4;

	if (inet_pton(AF_INET, addr, &a4) == 1) {
		*v4 = ntohl(a4.s_addr);	/* the helper wants host order */
		return 4;
	}
	if (inet_pton(AF_INET6, addr, v6) == 1)
		return 6;
	fprintf(stderr, "%s: invalid %s `%s'\n", prog, what, addr);
	exit(2);
}

/* The directory of @path as bpffs: mounted there unless it is already. */
static void bpffs_dir(const char *path)
{
	char dir[4096];
	struct statfs st;
	char *slash;

	if (snprintf(dir, sizeof(dir), "%s", path) >= (int)sizeof(dir))
		usage();
	slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		usage();
	*slash = '\0';
	if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
		fprintf(stderr, "%s: mkdir %s: %s\n", prog, dir, strerror(errno));
		exit(1);
	}
	if (statfs(dir, &st) == 0 && st.f_type == BPF_FS_MAGIC)
		return;
	if (mount("bpf", dir, "bpf", 0, "mode=0700") < 0) {
		fprintf(stderr, "%s: mount -t bpf %s: %s\n", prog, dir,
			strerror(errno));
		exit(1);
	}
}

int main(int argc, char **argv)
{
	static char log[65536];
	struct bpf_insn insns[64];
	struct bpf_tunnel_key key;
	const char *pin = NULL;
	uint64_t flags = 0;
	union bpf_attr attr;
	int opt, fd, dfam = 4, sfam = 4, verbose = 0;
	size_t n;

	memset(&key, 0, sizeof(key));
	while ((opt = getopt(argc, argv, "p:d:s:t:T:f:v")) != -1) {
		switch (opt) {
		case 'p':
			pin = optarg;
			break;
		case 'd':
			dfam = parse_addr("destination", optarg, &key.remote_ipv4,
					  key.remote_ipv6);
			break;
		case 's':
			sfam = parse_addr("source", optarg, &key.local_ipv4,
					  key.local_ipv6);
			break;
		case 't':
			key.tunnel_tos = (uint8_t)arg_number(prog, "tos", optarg, 0, 255);
			break;
		case 'T':
			key.tunnel_ttl = (uint8_t)arg_number(prog, "ttl", optarg, 0, 255);
			break;
		case 'f':
			if (!strcmp(optarg, "df"))
				flags |= BPF_F_DONT_FRAGMENT;
			else if (!strcmp(optarg, "zero-csum"))
				flags |= BPF_F_ZERO_CSUM_TX;
			else if (!strcmp(optarg, "ipv6"))
				flags |= BPF_F_TUNINFO_IPV6;
			else
				flags |= (uint64_t)arg_number(prog, "flag", optarg,
							      0, 0x7fffffff);
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			usage();
		}
	}
	if (!pin || optind != argc)
		usage();
	if (dfam == 6 || sfam == 6) {
		if (dfam != sfam && (dfam == 4 ? key.remote_ipv4 : key.local_ipv4)) {
			fprintf(stderr, "%s: source and destination of two families\n",
				prog);
			exit(2);
		}
		flags |= BPF_F_TUNINFO_IPV6;
	}

	n = build(insns, &key, flags);
	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_SCHED_CLS;
	attr.insns = (uint64_t)(uintptr_t)insns;
	attr.insn_cnt = (uint32_t)n;
	attr.license = (uint64_t)(uintptr_t)"GPL";
	if (verbose) {
		attr.log_buf = (uint64_t)(uintptr_t)log;
		attr.log_size = sizeof(log);
		attr.log_level = 1;
	}
	fd = (int)sys_bpf(BPF_PROG_LOAD, &attr);
	if (fd < 0 && errno == ENOSYS) {
		fprintf(stderr, "%s: bpf(2): %s\n", prog, strerror(errno));
		return 77;
	}
	if (fd < 0 && !verbose) {
		/* Again, for the verifier's reasons. */
		int err = errno;

		attr.log_buf = (uint64_t)(uintptr_t)log;
		attr.log_size = sizeof(log);
		attr.log_level = 1;
		fd = (int)sys_bpf(BPF_PROG_LOAD, &attr);
		if (fd < 0)
			errno = err;
		verbose = 1;
	}
	if (verbose && log[0])
		fprintf(stderr, "%s: verifier log:\n%s", prog, log);
	if (fd < 0) {
		fprintf(stderr, "%s: BPF_PROG_LOAD: %s\n", prog, strerror(errno));
		return 1;
	}

	bpffs_dir(pin);
	if (unlink(pin) < 0 && errno != ENOENT) {
		fprintf(stderr, "%s: unlink %s: %s\n", prog, pin, strerror(errno));
		return 1;
	}
	memset(&attr, 0, sizeof(attr));
	attr.pathname = (uint64_t)(uintptr_t)pin;
	attr.bpf_fd = (uint32_t)fd;
	if (sys_bpf(BPF_OBJ_PIN, &attr) < 0) {
		fprintf(stderr, "%s: BPF_OBJ_PIN %s: %s\n", prog, pin,
			strerror(errno));
		return 1;
	}
	close(fd);
	return 0;
}
