// SPDX-License-Identifier: GPL-2.0
/*
 * hard-flood: send UDP datagrams as fast as the stack takes them (or at a
 * given rate) to one address or to a run of consecutive ones, and say how
 * many went out and why the others did not.
 *
 *   hard-flood -d ADDR [-n N] [-c COUNT] [-t SECONDS] [-r PPS] [-l BYTES]
 *              [-D] [-T TOS] [-p PORT]
 *
 * ADDR, ADDR+1, ... ADDR+N-1 (N default 1) take turns. Stops after COUNT
 * datagrams were accepted by the socket, after SECONDS (default 10 when no
 * COUNT is given), or at SIGTERM/SIGINT, and prints
 *   flood sent=N failed=N errors=ENOBUFS:N,... seconds=S
 * A send the kernel refuses (no route, no buffer, too big with -D) is
 * counted and the flood goes on; only a failure to set up exits non-zero.
 * -D sets DF (IP_PMTUDISC_DO), -T the TOS byte, -l the payload (default 64).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "arg-number.h"

#define MAX_ERRNO	160
#define MAX_PAYLOAD	65000

static const char *prog = "hard-flood";
static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: %s -d ADDR [-n N] [-c COUNT] [-t SECONDS] [-r PPS] [-l BYTES] [-D] [-T TOS] [-p PORT]\n",
		prog);
	exit(2);
}

int main(int argc, char **argv)
{
	long n = 1, count = 0, seconds = -1, rate = 0, len = 64, tos = 0, port = 9;
	unsigned long sent = 0, failed = 0, errs[MAX_ERRNO] = { 0 };
	static char payload[MAX_PAYLOAD];
	struct sockaddr_in to = { .sin_family = AF_INET };
	struct sigaction sa = { .sa_handler = on_signal };
	bool df = false, have_dst = false, first = true;
	double start, end;
	uint32_t base = 0;
	int opt, fd, e;
	long i;

	while ((opt = getopt(argc, argv, "d:n:c:t:r:l:DT:p:h")) != -1) {
		switch (opt) {
		case 'd':
			if (inet_pton(AF_INET, optarg, &to.sin_addr) != 1) {
				fprintf(stderr, "%s: invalid address `%s'\n", prog, optarg);
				return 2;
			}
			base = ntohl(to.sin_addr.s_addr);
			have_dst = true;
			break;
		case 'n': n = arg_number(prog, "destination count", optarg, 0, 65536); break;
		case 'c': count = arg_number(prog, "count", optarg, 0, 1000000000); break;
		case 't': seconds = arg_number(prog, "time", optarg, 0, 86400); break;
		case 'r': rate = arg_number(prog, "rate", optarg, 0, 10000000); break;
		case 'l': len = arg_number(prog, "length", optarg, 0, MAX_PAYLOAD); break;
		case 'D': df = true; break;
		case 'T': tos = arg_number(prog, "tos", optarg, 0, 255); break;
		case 'p': port = arg_number(prog, "port", optarg, 0, 65535); break;
		default: usage();
		}
	}
	if (!have_dst || n < 1 || optind != argc)
		usage();
	if (seconds < 0)
		seconds = count ? 0 : 10;

	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		perror("hard-flood: socket");
		return 2;
	}
	if (df) {
		int v = IP_PMTUDISC_DO;

		if (setsockopt(fd, IPPROTO_IP, IP_MTU_DISCOVER, &v, sizeof(v))) {
			perror("hard-flood: IP_MTU_DISCOVER");
			return 2;
		}
	}
	if (tos) {
		int v = (int)tos;

		if (setsockopt(fd, IPPROTO_IP, IP_TOS, &v, sizeof(v))) {
			perror("hard-flood: IP_TOS");
			return 2;
		}
	}
	to.sin_port = htons((uint16_t)port);
	memset(payload, 'x', sizeof(payload));

	start = now();
	end = seconds ? start + (double)seconds : 0;
	for (i = 0; !stop; i++) {
		if (count && sent >= (unsigned long)count)
			break;
		if (!(i % 64)) {
			double t = now();

			if (end && t >= end)
				break;
			/* Pace in bursts of 64: sleep until the burst is due. */
			if (rate) {
				double due = start + (double)i / (double)rate;

				if (due > t) {
					struct timespec ts = {
						.tv_sec = (time_t)(due - t),
						.tv_nsec = (long)((due - t - (double)(time_t)(due - t)) * 1e9),
					};

					nanosleep(&ts, NULL);
				}
			}
		}
		to.sin_addr.s_addr = htonl(base + (uint32_t)(i % n));
		if (sendto(fd, payload, (size_t)len, 0, (struct sockaddr *)&to,
			   sizeof(to)) == len) {
			sent++;
			continue;
		}
		e = errno;
		if (e == EINTR)
			continue;
		failed++;
		errs[e > 0 && e < MAX_ERRNO ? e : 0]++;
	}

	printf("flood sent=%lu failed=%lu errors=", sent, failed);
	for (e = 0; e < MAX_ERRNO; e++) {
		const char *name = e ? strerrorname_np(e) : NULL;

		if (!errs[e])
			continue;
		printf("%s%s:%lu", first ? "" : ",", name ? name : "other", errs[e]);
		first = false;
	}
	printf("%s seconds=%.1f\n", first ? "none" : "", now() - start);
	return 0;
}
