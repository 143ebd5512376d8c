/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Internet checksum (RFC 1071) for the packets the test and benchmark
 * programs build by hand: IPv4 headers, ICMP and UDP.
 */
#ifndef SCID_INET_CSUM_H
#define SCID_INET_CSUM_H

#include <arpa/inet.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Checksum of @len bytes, with @sum the running sum of what comes before
 * them (a UDP pseudo-header, as 16-bit big-endian words; 0 for none).
 * Network byte order: store it as it is.
 */
static inline uint16_t inet_csum(const void *data, size_t len, uint32_t sum)
{
	const uint8_t *p = data;

	for (; len > 1; p += 2, len -= 2)
		sum += (uint32_t)p[0] << 8 | p[1];
	if (len)
		sum += (uint32_t)p[0] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons((uint16_t)~sum);
}

#endif
