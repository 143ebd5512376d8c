// SPDX-License-Identifier: GPL-2.0
/*
 * netbench: the benchmark's traffic. Every path is driven by this same
 * code, so a difference between paths is a difference in the kernel.
 *
 *   netbench flood DST PORT SIZE MS
 *	UDP datagrams of SIZE payload bytes to DST:PORT as fast as sendmmsg
 *	goes for MS milliseconds; prints "sent N ns T idle I": T nanoseconds
 *	from the first to the last send, I of them idle (from /proc/stat).
 *   netbench sink PORT
 *	Counts UDP datagrams arriving on PORT from the first one until none
 *	came for half a second (or none at all for ten); prints "received N".
 *   netbench ipip-flood SRC DST INNER_SRC INNER_DST SIZE MS
 *	Encapsulated UDP (outer SRC -> DST, protocol 4) from a raw socket, so
 *	the sender runs no tunnel driver at all; prints as flood does.
 *   netbench echo PORT
 *	Returns every UDP datagram to its sender, forever.
 *   netbench rr DST PORT COUNT
 *	COUNT request/response exchanges of 64 bytes with an echo server,
 *	one at a time; prints "rtt_ns P50 P99 LOST MEAN MIN P10 P90"
 *	(nanoseconds).
 *   netbench ping DST COUNT
 *	The same with ICMP echo requests of 64 bytes (a raw socket), which
 *	the far kernel answers itself.
 *   netbench listen PORT
 *	Accepts TCP connections on PORT and closes them, forever.
 *   netbench handshake DST PORT COUNT
 *	COUNT TCP connections to a listener, one at a time, each reset as
 *	soon as it is established; prints "connect_ns P50 P99 FAILED MEAN
 *	MIN P10 P90", the time connect() took (SYN out, SYN-ACK in, ACK out).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <linux/icmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "../../tests/vm/progs/arg-number.h"
#include "../../tests/vm/progs/inet-csum.h"

#define BATCH		64
#define MAX_PAYLOAD	65000
#define SINK_IDLE_MS	500
#define SINK_FIRST_MS	10000
#define RR_BYTES	64	/* a request, as ping's default: 8 + 56 */

static const char *prog = "netbench";

static void die(const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", prog, what, strerror(errno));
	exit(2);
}

static void usage(void)
{
	fprintf(stderr,
		"usage: %s flood DST PORT SIZE MS\n"
		"       %s sink PORT\n"
		"       %s ipip-flood SRC DST INNER_SRC INNER_DST SIZE MS\n"
		"       %s echo PORT\n"
		"       %s rr DST PORT COUNT\n"
		"       %s ping DST COUNT\n"
		"       %s listen PORT\n"
		"       %s handshake DST PORT COUNT\n",
		prog, prog, prog, prog, prog, prog, prog, prog);
	exit(1);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static struct in_addr address(const char *s)
{
	struct in_addr a;

	if (inet_pton(AF_INET, s, &a) != 1) {
		fprintf(stderr, "%s: bad IPv4 address `%s'\n", prog, s);
		exit(1);
	}
	return a;
}

static struct sockaddr_in endpoint(const char *addr, const char *port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };

	if (addr)
		sin.sin_addr = address(addr);
	sin.sin_port = htons((uint16_t)arg_number(prog, "port", port, 1, 65535));
	return sin;
}

static void set_timeout(int fd, int opt, long ms)
{
	struct timeval tv = { .tv_sec = ms / 1000, .tv_usec = ms % 1000 * 1000 };

	if (setsockopt(fd, SOL_SOCKET, opt, &tv, sizeof(tv)))
		die("setsockopt");
}

/* Idle and iowait time of all CPUs, in nanoseconds. */
static uint64_t idle_ns(void)
{
	unsigned long long user, nice, sys, idle, iowait;
	long hz = sysconf(_SC_CLK_TCK);
	FILE *f = fopen("/proc/stat", "r");
	int n;

	if (!f)
		die("/proc/stat");
	n = fscanf(f, "cpu %llu %llu %llu %llu %llu", &user, &nice, &sys, &idle,
		   &iowait);
	fclose(f);
	if (n != 5 || hz <= 0) {
		fprintf(stderr, "%s: cannot read /proc/stat\n", prog);
		exit(2);
	}
	return (idle + iowait) * (1000000000u / (uint64_t)hz);
}

/*
 * Send one buffer BATCH times per call for MS milliseconds and print what
 * was sent, over how long, and how much of that the CPUs were idle.
 */
static void blast(int fd, void *buf, size_t len, long ms)
{
	struct iovec iov = { .iov_base = buf, .iov_len = len };
	struct mmsghdr msgs[BATCH];
	uint64_t start, end, idle, now;
	unsigned long sent = 0;
	int i, n;

	memset(msgs, 0, sizeof(msgs));
	for (i = 0; i < BATCH; i++) {
		msgs[i].msg_hdr.msg_iov = &iov;
		msgs[i].msg_hdr.msg_iovlen = 1;
	}
	idle = idle_ns();
	start = now_ns();
	end = start + (uint64_t)ms * 1000000u;
	do {
		n = sendmmsg(fd, msgs, BATCH, 0);
		if (n > 0)
			sent += (unsigned long)n;
		/* A full queue or an ICMP error is the path's, not ours. */
		else if (errno != ENOBUFS && errno != ECONNREFUSED &&
			 errno != EAGAIN && errno != EHOSTUNREACH)
			die("sendmmsg");
		now = now_ns();
	} while (now < end);
	printf("sent %lu ns %llu idle %llu\n", sent,
	       (unsigned long long)(now - start),
	       (unsigned long long)(idle_ns() - idle));
}

static int flood_main(int argc, char **argv)
{
	struct sockaddr_in dst;
	static char buf[MAX_PAYLOAD];
	long size, ms;
	int fd;

	if (argc != 6)
		usage();
	dst = endpoint(argv[2], argv[3]);
	size = arg_number(prog, "size", argv[4], 1, MAX_PAYLOAD);
	ms = arg_number(prog, "milliseconds", argv[5], 1, 3600000);
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		die("socket");
	if (connect(fd, (struct sockaddr *)&dst, sizeof(dst)))
		die("connect");
	blast(fd, buf, (size_t)size, ms);
	return 0;
}

static int sink_main(int argc, char **argv)
{
	static char bufs[BATCH][2048];
	struct iovec iov[BATCH];
	struct mmsghdr msgs[BATCH];
	unsigned long received = 0;
	struct sockaddr_in sin;
	int fd, i, n, rcvbuf = 8 << 20;

	if (argc != 3)
		usage();
	sin = endpoint(NULL, argv[2]);
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		die("socket");
	setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf));
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)))
		die("bind");
	set_timeout(fd, SO_RCVTIMEO, SINK_FIRST_MS);
	memset(msgs, 0, sizeof(msgs));
	for (i = 0; i < BATCH; i++) {
		iov[i].iov_base = bufs[i];
		iov[i].iov_len = sizeof(bufs[i]);
		msgs[i].msg_hdr.msg_iov = &iov[i];
		msgs[i].msg_hdr.msg_iovlen = 1;
	}
	/* Wait for the first datagram, then until the sender stops. */
	for (;;) {
		n = recvmmsg(fd, msgs, BATCH, 0, NULL);
		if (n > 0) {
			if (!received)
				set_timeout(fd, SO_RCVTIMEO, SINK_IDLE_MS);
			received += (unsigned long)n;
		} else if (errno == EAGAIN || errno == EWOULDBLOCK) {
			break;
		} else if (errno != EINTR) {
			die("recvmmsg");
		}
	}
	printf("received %lu\n", received);
	return 0;
}

static int ipip_flood_main(int argc, char **argv)
{
	static unsigned char pkt[sizeof(struct iphdr) + sizeof(struct udphdr) +
				 MAX_PAYLOAD];
	struct iphdr *iph = (struct iphdr *)pkt;
	struct udphdr *udp = (struct udphdr *)(iph + 1);
	struct sockaddr_in src = { .sin_family = AF_INET };
	struct sockaddr_in dst = { .sin_family = AF_INET };
	long size, ms;
	size_t len;
	int fd;

	if (argc != 8)
		usage();
	src.sin_addr = address(argv[2]);
	dst.sin_addr = address(argv[3]);
	size = arg_number(prog, "size", argv[6], 1, MAX_PAYLOAD);
	ms = arg_number(prog, "milliseconds", argv[7], 1, 3600000);
	len = sizeof(*iph) + sizeof(*udp) + (size_t)size;

	iph->version = 4;
	iph->ihl = 5;
	iph->tot_len = htons((uint16_t)len);
	iph->ttl = 64;
	iph->protocol = IPPROTO_UDP;
	iph->saddr = address(argv[4]).s_addr;
	iph->daddr = address(argv[5]).s_addr;
	iph->check = inet_csum(iph, sizeof(*iph), 0);
	udp->source = htons(9);
	udp->dest = htons(9);
	udp->len = htons((uint16_t)(len - sizeof(*iph)));

	/* Without IP_HDRINCL the kernel writes the outer header. */
	fd = socket(AF_INET, SOCK_RAW, IPPROTO_IPIP);
	if (fd < 0)
		die("socket");
	if (bind(fd, (struct sockaddr *)&src, sizeof(src)))
		die("bind");
	if (connect(fd, (struct sockaddr *)&dst, sizeof(dst)))
		die("connect");
	blast(fd, pkt, len, ms);
	return 0;
}

/* Answers from the address it was asked on: srv has two. */
static int echo_main(int argc, char **argv)
{
	char cbuf[CMSG_SPACE(sizeof(struct in_pktinfo))];
	struct sockaddr_in sin, peer;
	struct cmsghdr *cmsg;
	struct msghdr msg;
	struct iovec iov;
	char buf[2048];
	int fd, on = 1;
	ssize_t n;

	if (argc != 3)
		usage();
	sin = endpoint(NULL, argv[2]);
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		die("socket");
	if (setsockopt(fd, IPPROTO_IP, IP_PKTINFO, &on, sizeof(on)))
		die("setsockopt");
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)))
		die("bind");
	for (;;) {
		iov.iov_base = buf;
		iov.iov_len = sizeof(buf);
		memset(&msg, 0, sizeof(msg));
		msg.msg_name = &peer;
		msg.msg_namelen = sizeof(peer);
		msg.msg_iov = &iov;
		msg.msg_iovlen = 1;
		msg.msg_control = cbuf;
		msg.msg_controllen = sizeof(cbuf);
		n = recvmsg(fd, &msg, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			die("recvmsg");
		}
		for (cmsg = CMSG_FIRSTHDR(&msg); cmsg;
		     cmsg = CMSG_NXTHDR(&msg, cmsg)) {
			struct in_pktinfo *pi;

			if (cmsg->cmsg_level != IPPROTO_IP ||
			    cmsg->cmsg_type != IP_PKTINFO)
				continue;
			pi = (struct in_pktinfo *)CMSG_DATA(cmsg);
			pi->ipi_spec_dst = pi->ipi_addr;
			pi->ipi_ifindex = 0;
		}
		iov.iov_len = (size_t)n;
		msg.msg_flags = 0;
		sendmsg(fd, &msg, 0);
	}
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* Prints the times in rr's format; 0 if there was at least one. */
static int print_times(const char *what, uint64_t *ns, long done,
		       unsigned long failed)
{
	uint64_t sum = 0;
	long i;

	if (!done)
		return -1;
	qsort(ns, (size_t)done, sizeof(*ns), cmp_u64);
	for (i = 0; i < done; i++)
		sum += ns[i];
	printf("%s %llu %llu %lu %llu %llu %llu %llu\n", what,
	       (unsigned long long)ns[done / 2],
	       (unsigned long long)ns[done * 99 / 100], failed,
	       (unsigned long long)(sum / (uint64_t)done),
	       (unsigned long long)ns[0],
	       (unsigned long long)ns[done / 10],
	       (unsigned long long)ns[done * 9 / 10]);
	return 0;
}

/* One request/response exchange at a time, over UDP or ICMP echo. */
struct rr {
	int fd;
	bool icmp;
	uint16_t id, seq;
	unsigned char buf[2048];
};

static void rr_send(struct rr *r)
{
	unsigned char req[RR_BYTES] = { 0 };

	if (r->icmp) {
		struct icmphdr *h = (struct icmphdr *)req;

		h->type = ICMP_ECHO;
		h->un.echo.id = htons(r->id);
		h->un.echo.sequence = htons(++r->seq);
		h->checksum = inet_csum(req, sizeof(req), 0);
	}
	if (send(r->fd, req, sizeof(req), 0) < 0)
		die("send");
}

/* Returns 0 once the answer came, -1 after the receive timeout. */
static int rr_answer(struct rr *r)
{
	for (;;) {
		const struct icmphdr *h;
		size_t hlen;
		ssize_t n;

		n = recv(r->fd, r->buf, sizeof(r->buf), 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN && errno != EWOULDBLOCK)
				die("recv");
			return -1;
		}
		if (!r->icmp)
			return 0;
		/* A raw socket sees the IP header, and every echo reply. */
		hlen = (size_t)(r->buf[0] & 0xf) * 4;
		if ((size_t)n < hlen + sizeof(*h))
			continue;
		h = (const struct icmphdr *)(r->buf + hlen);
		if (h->type == ICMP_ECHOREPLY && ntohs(h->un.echo.id) == r->id &&
		    ntohs(h->un.echo.sequence) == r->seq)
			return 0;
	}
}

static void rr_open(struct rr *r, const char *mode, const char *dst_s,
		    const char *port)
{
	struct sockaddr_in dst = { .sin_family = AF_INET };
	struct icmp_filter only_replies = { ~(1u << ICMP_ECHOREPLY) };

	memset(r, 0, sizeof(*r));
	r->icmp = !strcmp(mode, "ping");
	if (r->icmp) {
		dst.sin_addr = address(dst_s);
		r->fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
		r->id = (uint16_t)getpid();
		if (r->fd >= 0 && setsockopt(r->fd, SOL_RAW, ICMP_FILTER,
					     &only_replies, sizeof(only_replies)))
			die("ICMP_FILTER");
	} else {
		dst = endpoint(dst_s, port);
		r->fd = socket(AF_INET, SOCK_DGRAM, 0);
	}
	if (r->fd < 0)
		die("socket");
	if (connect(r->fd, (struct sockaddr *)&dst, sizeof(dst)))
		die("connect");
	set_timeout(r->fd, SO_RCVTIMEO, 200);
}

/*
 * rr DST PORT COUNT: a UDP echo server answers, so each exchange also
 * wakes two processes, and the times fall on steps (most likely whether a
 * woken task preempts the running one). ping DST
 * COUNT: the far kernel answers in softirq and the reply is usually queued
 * before the sender even calls recv(): the path's cost alone.
 */
static int rr_main(int argc, char **argv)
{
	bool icmp = !strcmp(argv[1], "ping");
	unsigned long lost = 0;
	long count, i, done = 0;
	uint64_t *rtt, t0;
	int silent = 0;
	struct rr r;

	if (argc != (icmp ? 4 : 5))
		usage();
	count = arg_number(prog, "count", argv[icmp ? 3 : 4], 1, 10000000);
	rtt = calloc((size_t)count, sizeof(*rtt));
	if (!rtt)
		die("calloc");
	rr_open(&r, argv[1], argv[2], icmp ? NULL : argv[3]);
	/* The first exchanges fill caches (ARP, routes, dst_cache). */
	for (i = -count / 10; i < count; i++) {
		t0 = now_ns();
		rr_send(&r);
		if (rr_answer(&r)) {
			if (i >= 0)
				lost++;
			if (++silent == 10)
				break;
			continue;
		}
		silent = 0;
		if (i >= 0)
			rtt[done++] = now_ns() - t0;
	}
	if (print_times("rtt_ns", rtt, done, lost)) {
		fprintf(stderr, "%s: no answer from %s\n", prog, argv[2]);
		return 2;
	}
	close(r.fd);
	free(rtt);
	return 0;
}

static int listen_main(int argc, char **argv)
{
	struct sockaddr_in sin;
	int fd, conn, on = 1;

	if (argc != 3)
		usage();
	sin = endpoint(NULL, argv[2]);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		die("socket");
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)))
		die("setsockopt");
	/*
	 * On one CPU the connecting side can run ahead of accept(): a full
	 * queue drops the SYN, and connect() then waits a second.
	 */
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) || listen(fd, SOMAXCONN))
		die("listen");
	for (;;) {
		conn = accept(fd, NULL, NULL);
		if (conn >= 0)
			close(conn);
		else if (errno != EINTR && errno != ECONNABORTED)
			die("accept");
	}
	return 0;
}

/*
 * A reset instead of a FIN leaves no TIME_WAIT socket behind, so the
 * ephemeral ports never run out and every handshake starts alike.
 */
static int handshake_main(int argc, char **argv)
{
	struct linger reset = { .l_onoff = 1, .l_linger = 0 };
	struct sockaddr_in dst;
	unsigned long failed = 0;
	long count, i, done = 0;
	uint64_t *ns, t0, t1;
	int fd, silent = 0;

	if (argc != 5)
		usage();
	dst = endpoint(argv[2], argv[3]);
	count = arg_number(prog, "count", argv[4], 1, 10000000);
	ns = calloc((size_t)count, sizeof(*ns));
	if (!ns)
		die("calloc");
	/* The first ones fill caches (ARP, routes, dst_cache). */
	for (i = -count / 10; i < count; i++) {
		fd = socket(AF_INET, SOCK_STREAM, 0);
		if (fd < 0)
			die("socket");
		set_timeout(fd, SO_SNDTIMEO, 2000);
		t0 = now_ns();
		if (connect(fd, (struct sockaddr *)&dst, sizeof(dst))) {
			if (errno != ETIMEDOUT && errno != EINPROGRESS &&
			    errno != ECONNREFUSED && errno != EHOSTUNREACH)
				die("connect");
			close(fd);
			if (i >= 0)
				failed++;
			if (++silent == 10)
				break;
			continue;
		}
		t1 = now_ns();
		silent = 0;
		if (i >= 0)
			ns[done++] = t1 - t0;
		if (setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof(reset)))
			die("SO_LINGER");
		close(fd);
	}
	if (print_times("connect_ns", ns, done, failed)) {
		fprintf(stderr, "%s: no connection to %s\n", prog, argv[2]);
		return 2;
	}
	free(ns);
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2)
		usage();
	if (!strcmp(argv[1], "flood"))
		return flood_main(argc, argv);
	if (!strcmp(argv[1], "sink"))
		return sink_main(argc, argv);
	if (!strcmp(argv[1], "ipip-flood"))
		return ipip_flood_main(argc, argv);
	if (!strcmp(argv[1], "echo"))
		return echo_main(argc, argv);
	if (!strcmp(argv[1], "rr") || !strcmp(argv[1], "ping"))
		return rr_main(argc, argv);
	if (!strcmp(argv[1], "listen"))
		return listen_main(argc, argv);
	if (!strcmp(argv[1], "handshake"))
		return handshake_main(argc, argv);
	usage();
	return 1;
}
