// SPDX-License-Identifier: GPL-2.0
/*
 * calibrate: time a fixed amount of integer work and print the elapsed
 * milliseconds. The guest's init runs it once at boot: under TCG the
 * figure follows both the host's speed and how busy the host is, and the
 * per-test time limits are scaled by it.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <time.h>

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(void)
{
	/* volatile: the loop must run, not be folded into a constant. */
	volatile uint32_t state = 1;
	double start = now_ms();

	for (uint32_t i = 0; i < 200000000; i++)
		state = state * 1664525u + 1013904223u;
	printf("%.0f\n", now_ms() - start);
	return state == 0;
}
