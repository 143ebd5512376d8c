/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one number parser behind ttl and tos, in scidtun and in the ip link
 * plugin alike: strtoul() would let through signs, spaces and octal.
 */
#ifndef SCIDTUN_STRICT_U8_H
#define SCIDTUN_STRICT_U8_H

#include <ctype.h>
#include <stdbool.h>

/* Decimal, or hex with 0x when @hex_ok; nothing else, nothing above 255. */
static inline bool parse_u8(const char *s, bool hex_ok, unsigned int *out)
{
	unsigned int base = 10, v = 0, d;

	if (hex_ok && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s)
		return false;
	for (; *s; s++) {
		if (isdigit((unsigned char)*s))
			d = *s - '0';
		else if (base == 16 && isxdigit((unsigned char)*s))
			d = tolower((unsigned char)*s) - 'a' + 10;
		else
			return false;
		v = v * base + d;
		if (v > 255)
			return false;
	}
	*out = v;
	return true;
}

#endif
