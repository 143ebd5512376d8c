// SPDX-License-Identifier: GPL-2.0
/*
 * tcp-bulk: one TCP transfer whose every byte is known to have arrived,
 * which iperf3 -n does not tell (its client stops once it has written).
 *
 *   tcp-bulk recv ADDR PORT SECONDS
 *       accept one connection on ADDR:PORT, read it to its end, close;
 *       prints "bytes=N mss=M"
 *   tcp-bulk send ADDR PORT BYTES SECONDS
 *       connect, write BYTES, shut down the sending side and wait for the
 *       receiver's close, which comes only after it read everything;
 *       prints "sent=N mss=M"
 *
 * mss= is TCP_MAXSEG of the connection once established: the segment size
 * this end sends, after the peer's MSS option (and any clamping on the way).
 * Exit 0 when the transfer ended within SECONDS; 1 on a timeout or error.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "arg-number.h"

static struct timespec deadline;

static void set_deadline(unsigned long seconds)
{
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += (time_t)seconds;
}

/* Milliseconds left before the deadline, 0 once it has passed. */
static int ms_left(void)
{
	struct timespec now;
	long long ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (long long)(deadline.tv_sec - now.tv_sec) * 1000 +
	     (deadline.tv_nsec - now.tv_nsec) / 1000000;
	return ms > 0 ? (int)ms : 0;
}

/* Wait for @events on @fd until the deadline; 0 when it came, -1 if not. */
static int wait_for(int fd, short events)
{
	struct pollfd p = { .fd = fd, .events = events };
	int ms, n;

	for (;;) {
		ms = ms_left();
		if (!ms)
			return -1;
		n = poll(&p, 1, ms);
		if (n > 0)
			return 0;
		if (n < 0 && errno != EINTR)
			return -1;
	}
}

static int mss_of(int fd)
{
	int mss = 0;
	socklen_t len = sizeof(mss);

	if (getsockopt(fd, IPPROTO_TCP, TCP_MAXSEG, &mss, &len))
		return -1;
	return mss;
}

static int address(const char *addr, const char *port, struct sockaddr_in *sa)
{
	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	sa->sin_port = htons((unsigned short)arg_number("tcp-bulk", "PORT", port, 1, 65535));
	if (inet_pton(AF_INET, addr, &sa->sin_addr) != 1) {
		fprintf(stderr, "tcp-bulk: bad address '%s'\n", addr);
		return -1;
	}
	return 0;
}

static int recv_all(const char *addr, const char *port)
{
	struct sockaddr_in sa;
	unsigned long long bytes = 0;
	int lfd, fd, one = 1, mss;
	char buf[65536];
	ssize_t n;

	if (address(addr, port, &sa))
		return 1;
	lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	if (lfd < 0 || setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) || listen(lfd, 1)) {
		perror("tcp-bulk: listen");
		return 1;
	}
	if (wait_for(lfd, POLLIN)) {
		fprintf(stderr, "tcp-bulk: no connection in time\n");
		return 1;
	}
	fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK);
	if (fd < 0) {
		perror("tcp-bulk: accept");
		return 1;
	}
	mss = mss_of(fd);
	for (;;) {
		if (wait_for(fd, POLLIN)) {
			printf("bytes=%llu mss=%d timeout=1\n", bytes, mss);
			return 1;
		}
		n = read(fd, buf, sizeof(buf));
		if (n == 0)
			break;
		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			perror("tcp-bulk: read");
			return 1;
		}
		bytes += (unsigned long long)n;
	}
	close(fd);
	printf("bytes=%llu mss=%d\n", bytes, mss);
	return 0;
}

static int send_all(const char *addr, const char *port, unsigned long bytes)
{
	struct sockaddr_in sa;
	unsigned long sent = 0;
	static char buf[65536];
	int fd, err = 0, mss;
	socklen_t len = sizeof(err);
	ssize_t n;

	if (address(addr, port, &sa))
		return 1;
	fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	if (fd < 0) {
		perror("tcp-bulk: socket");
		return 1;
	}
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) && errno != EINPROGRESS) {
		perror("tcp-bulk: connect");
		return 1;
	}
	if (wait_for(fd, POLLOUT) ||
	    getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) || err) {
		fprintf(stderr, "tcp-bulk: connect: %s\n", err ? strerror(err) : "timeout");
		return 1;
	}
	mss = mss_of(fd);
	memset(buf, 0xa5, sizeof(buf));
	while (sent < bytes) {
		size_t chunk = bytes - sent < sizeof(buf) ? bytes - sent : sizeof(buf);

		if (wait_for(fd, POLLOUT))
			goto timeout;
		n = write(fd, buf, chunk);
		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			perror("tcp-bulk: write");
			return 1;
		}
		sent += (unsigned long)n;
	}
	shutdown(fd, SHUT_WR);
	/* The receiver closes once it has read our end: all of it arrived. */
	for (;;) {
		if (wait_for(fd, POLLIN))
			goto timeout;
		n = read(fd, buf, sizeof(buf));
		if (n == 0)
			break;
		if (n < 0 && errno != EAGAIN && errno != EINTR) {
			perror("tcp-bulk: read");
			return 1;
		}
	}
	close(fd);
	printf("sent=%lu mss=%d\n", sent, mss);
	return 0;
timeout:
	printf("sent=%lu mss=%d timeout=1\n", sent, mss);
	return 1;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 5 && !strcmp(argv[1], "recv")) {
		set_deadline(arg_number("tcp-bulk", "SECONDS", argv[4], 1, 3600));
		return recv_all(argv[2], argv[3]);
	}
	if (argc == 6 && !strcmp(argv[1], "send")) {
		set_deadline(arg_number("tcp-bulk", "SECONDS", argv[5], 1, 3600));
		return send_all(argv[2], argv[3],
				(unsigned long)arg_number("tcp-bulk", "BYTES", argv[4], 1, 1L << 32));
	}
	fprintf(stderr, "usage: tcp-bulk recv ADDR PORT SECONDS\n"
			"       tcp-bulk send ADDR PORT BYTES SECONDS\n");
	return 2;
}
