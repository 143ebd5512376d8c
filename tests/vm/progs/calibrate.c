// SPDX-License-Identifier: GPL-2.0
/*
 * calibrate [MILLIONS]: time a fixed amount of integer work (200 million
 * steps unless told) and print the elapsed milliseconds. Under TCG the
 * figure follows both the host's speed and how busy the host is: the
 * guest's init counts a test's time against its limit by it.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	/* volatile: the loop must run, not be folded into a constant. */
	volatile uint32_t state = 1;
	uint32_t steps = 200000000;
	double start;

	if (argc > 1) {
		char *end;
		unsigned long millions = strtoul(argv[1], &end, 10);

		if (*end || millions == 0 || millions > 4000) {
			fprintf(stderr, "calibrate: bad step count `%s'\n", argv[1]);
			return 2;
		}
		steps = millions * 1000000;
	}
	start = now_ms();
	for (uint32_t i = 0; i < steps; i++)
		state = state * 1664525u + 1013904223u;
	printf("%.0f\n", now_ms() - start);
	return state == 0;
}
