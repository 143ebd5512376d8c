/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The number parser of the test and benchmark programs. A typo in a
 * test's arguments must stop the test, not run it with 0 or with an
 * octal surprise, so only decimal and 0x-hex are read, the whole string
 * must be used, and the value must be in range.
 */
#ifndef SCID_ARG_NUMBER_H
#define SCID_ARG_NUMBER_H

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

/* @s as a number in [@min, @max]; otherwise name @what and exit 2. */
static inline long arg_number(const char *prog, const char *what,
			      const char *s, long min, long max)
{
	int base = 10;
	char *end;
	long v;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		base = 16;
	errno = 0;
	v = strtol(s, &end, base);
	/* strtol() would also take leading blanks and a plus sign. */
	if (errno || end == s || *end ||
	    !(isdigit((unsigned char)s[0]) || s[0] == '-') ||
	    v < min || v > max) {
		fprintf(stderr, "%s: invalid %s `%s' (%ld..%ld)\n", prog, what,
			s, min, max);
		exit(2);
	}
	return v;
}

#endif
