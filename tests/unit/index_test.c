// SPDX-License-Identifier: GPL-2.0
/*
 * setconf's lookups (tools/scidtun/index.c): a dump's items grouped by
 * ifindex, each interface's in dump order (setconf prints removals in the
 * kernel's order), and tunnel names found by binary search.
 */

#include <net/if.h>
#include <stddef.h>
#include <stdio.h>

#include "check.h"
#include "conf.h"
#include "index.h"

/* A stand-in for a dump: routes whose metric says where each came. */
static void add_route(struct scidtun_group *g, int ifindex, uint32_t seq)
{
	struct scidtun_route r = { .dst = 0x0a000000u + seq, .plen = 32, .metric = seq };

	CHECK(!scidtun_group_add(g, ifindex, &r), "add item %u", seq);
}

static void group_small(void)
{
	static const int keys[] = { 5, 3, 5, 1, 3, 5 };
	struct scidtun_group g = SCIDTUN_GROUP_INIT(struct scidtun_route);
	const struct scidtun_route *r;
	size_t i, n;

	CHECK(scidtun_group_find(&g, 3, &n) == NULL && n == 0, "empty group finds nothing");
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		add_route(&g, keys[i], (uint32_t)i);
	CHECK(!scidtun_group_sort(&g), "sort");
	r = scidtun_group_find(&g, 5, &n);
	CHECK(r && n == 3 && r[0].metric == 0 && r[1].metric == 2 && r[2].metric == 5,
	      "ifindex 5: 3 routes in dump order, got %zu", n);
	r = scidtun_group_find(&g, 3, &n);
	CHECK(r && n == 2 && r[0].metric == 1 && r[1].metric == 4,
	      "ifindex 3: 2 routes in dump order, got %zu", n);
	r = scidtun_group_find(&g, 1, &n);
	CHECK(r && n == 1 && r[0].metric == 3, "ifindex 1: 1 route, got %zu", n);
	for (i = 0; i < 8; i++) {
		if (i == 1 || i == 3 || i == 5)
			continue;
		CHECK(!scidtun_group_find(&g, (int)i, &n) && n == 0, "ifindex %zu: none", i);
	}
	scidtun_group_clear(&g);
	CHECK(!scidtun_group_find(&g, 5, &n) && n == 0, "cleared group finds nothing");
	add_route(&g, 7, 42);
	CHECK(!scidtun_group_sort(&g), "sort one");
	r = scidtun_group_find(&g, 7, &n);
	CHECK(r && n == 1 && r->metric == 42, "refilled group: one route");
	scidtun_group_clear(&g);
}

/* As many as setconf meets, interleaved as a route dump interleaves them. */
static void group_large(void)
{
	struct scidtun_group g = SCIDTUN_GROUP_INIT(struct scidtun_route);
	const struct scidtun_route *r;
	size_t n, total = 0;
	uint32_t i;
	int k, bad = 0;

	for (i = 0; i < 30000; i++)
		add_route(&g, 1 + (int)((i * 7919u) % 10000u), i);
	CHECK(!scidtun_group_sort(&g), "sort 30,000");
	for (k = 1; k <= 10000; k++) {
		r = scidtun_group_find(&g, k, &n);
		total += n;
		if (n != 3 || (uint32_t)(k - 1) != (r[0].metric * 7919u) % 10000u)
			bad++;
		for (i = 1; i < n; i++)
			bad += r[i - 1].metric >= r[i].metric;
	}
	CHECK(total == 30000 && !bad, "10,000 interfaces, 3 each in order: %zu found, %d wrong",
	      total, bad);
	scidtun_group_clear(&g);
}

struct named {
	int value;
	char name[IFNAMSIZ];
};

static void names(void)
{
	static const struct named list[] = {
		{ 0, "t10" }, { 1, "t2" }, { 2, "tunl1" }, { 3, "a" }, { 4, "t1" },
	};
	const size_t stride = sizeof(list[0]), off = offsetof(struct named, name);
	struct scidtun_names x;
	size_t i;

	CHECK(!scidtun_names_build(&x, list, 5, stride, off), "build");
	for (i = 0; i < 5; i++)
		CHECK(scidtun_names_find(&x, list, stride, off, list[i].name) == i,
		      "'%s' is element %zu", list[i].name, i);
	CHECK(scidtun_names_find(&x, list, stride, off, "t3") == SCIDTUN_NOT_FOUND, "no t3");
	CHECK(scidtun_names_find(&x, list, stride, off, "t") == SCIDTUN_NOT_FOUND, "no t");
	CHECK(scidtun_names_find(&x, list, stride, off, "t100") == SCIDTUN_NOT_FOUND,
	      "no t100");
	scidtun_names_free(&x);
	CHECK(!scidtun_names_build(&x, list, 0, stride, off), "build empty");
	CHECK(scidtun_names_find(&x, list, stride, off, "t1") == SCIDTUN_NOT_FOUND,
	      "empty: no t1");
	scidtun_names_free(&x);
}

void index_tests(void)
{
	group_small();
	group_large();
	names();
}
