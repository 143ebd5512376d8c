// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the path MTU search of pmtu.c against simulated paths, round by
 * round: what it finds for every path size, how many rounds that takes,
 * and that a probe lost to chance, a path that shrinks or grows, a ceiling
 * that moves and a path that loses everything each end where they should.
 */
#include <kunit/test.h>

#include "scid_ipip.h"
#include "kunit.h"

#define SCID_TEST_FLOOR		(SCID_PMTU_FLOOR + SCID_OUTER_HLEN)

/* A path: what passes, and one probe size it loses once by chance. */
struct scid_test_path {
	unsigned int	mtu;
	unsigned int	unlucky;
	unsigned int	rounds;
};

/* One round: sizes planned, the path's answers, the conclusion. */
static unsigned int scid_test_round(struct kunit *test,
				    struct scid_pmtu_search *s,
				    struct scid_test_path *path,
				    unsigned int ceiling, bool raise_due)
{
	unsigned int n, i;

	n = scid_pmtu_plan(s, ceiling, raise_due);
	for (i = 0; i < n; i++) {
		KUNIT_EXPECT_LE(test, s->sizes[i], ceiling);
		KUNIT_EXPECT_GE(test, s->sizes[i], SCID_TEST_FLOOR);
		if (s->sizes[i] == path->unlucky) {
			path->unlucky = 0;
			continue;
		}
		if (s->sizes[i] <= path->mtu)
			s->answered |= BIT(i);
	}
	path->rounds++;
	return n ? scid_pmtu_conclude(s) : 0;
}

/* Rounds until the search settles, at most @max. */
static void scid_test_settle(struct kunit *test, struct scid_pmtu_search *s,
			     struct scid_test_path *path, unsigned int ceiling,
			     unsigned int max)
{
	unsigned int start = path->rounds;

	do {
		scid_test_round(test, s, path, ceiling, false);
	} while (s->state == SCID_PMTU_STATE_SEARCHING &&
		 path->rounds - start < max);
	KUNIT_EXPECT_NE(test, s->state, SCID_PMTU_STATE_SEARCHING);
}

/* Every path from the floor to 1500: found within 8 bytes under it. */
static void scid_test_pmtu_every_path(struct kunit *test)
{
	struct scid_test_path path = {};
	struct scid_pmtu_search s;
	unsigned int worst = 0;

	for (path.mtu = SCID_TEST_FLOOR; path.mtu <= 1500; path.mtu++) {
		scid_pmtu_search_start(&s);
		path.rounds = 0;
		scid_test_settle(test, &s, &path, 1500, 20);
		KUNIT_ASSERT_EQ(test, s.state, SCID_PMTU_STATE_COMPLETE);
		KUNIT_EXPECT_LE(test, s.found, path.mtu);
		KUNIT_EXPECT_GE(test, s.found + 8, path.mtu);
		worst = max(worst, path.rounds);
	}
	/* Three sizes a round, a lost one tried twice: a round each. */
	KUNIT_EXPECT_LE(test, worst, 9U);
	kunit_info(test, "at most %u rounds to settle", worst);
}

/* The route's own MTU passes: one round. */
static void scid_test_pmtu_clear_path(struct kunit *test)
{
	struct scid_test_path path = { .mtu = 9000 };
	struct scid_pmtu_search s;

	scid_pmtu_search_start(&s);
	scid_test_settle(test, &s, &path, 1500, 20);
	KUNIT_EXPECT_EQ(test, s.state, SCID_PMTU_STATE_COMPLETE);
	KUNIT_EXPECT_EQ(test, s.found, 1500);
	KUNIT_EXPECT_EQ(test, path.rounds, 2U);
}

/* A probe lost once by chance costs a round, not a smaller MTU. */
static void scid_test_pmtu_chance_loss(struct kunit *test)
{
	static const unsigned int unlucky[] = { 1500, 1196, 1398, 1449 };
	struct scid_test_path path = { .mtu = 1500 };
	struct scid_pmtu_search s;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(unlucky); i++) {
		path.unlucky = unlucky[i];
		scid_pmtu_search_start(&s);
		scid_test_settle(test, &s, &path, 1500, 20);
		KUNIT_EXPECT_EQ(test, s.found, 1500);
	}
	/* Found, one lost confirmation is not a shrink either. */
	path.unlucky = 1500;
	scid_test_round(test, &s, &path, 1500, false);
	KUNIT_EXPECT_EQ(test, s.state, SCID_PMTU_STATE_COMPLETE);
	scid_test_round(test, &s, &path, 1500, false);
	KUNIT_EXPECT_EQ(test, s.strikes, 0);
}

/* 1500 to 1400 under a found MTU, then back up after a raise. */
static void scid_test_pmtu_shrink_grow(struct kunit *test)
{
	struct scid_test_path path = { .mtu = 1500 };
	struct scid_pmtu_search s;
	unsigned int start;

	scid_pmtu_search_start(&s);
	scid_test_settle(test, &s, &path, 1500, 20);
	KUNIT_ASSERT_EQ(test, s.found, 1500);

	path.mtu = 1400;
	start = path.rounds;
	scid_test_round(test, &s, &path, 1500, false);
	KUNIT_EXPECT_EQ(test, s.state, SCID_PMTU_STATE_COMPLETE);
	scid_test_round(test, &s, &path, 1500, false);
	KUNIT_EXPECT_EQ(test, s.state, SCID_PMTU_STATE_SEARCHING);
	/* The old size stays in use until the new one is known. */
	KUNIT_EXPECT_EQ(test, s.found, 1500);
	scid_test_settle(test, &s, &path, 1500, 20);
	KUNIT_EXPECT_EQ(test, s.state, SCID_PMTU_STATE_COMPLETE);
	KUNIT_EXPECT_LE(test, s.found, 1400);
	KUNIT_EXPECT_GE(test, s.found, 1392);
	KUNIT_EXPECT_LE(test, path.rounds - start, 10U);

	/* No raise due: the confirmations go on at the smaller size. */
	path.mtu = 1500;
	scid_test_round(test, &s, &path, 1500, false);
	KUNIT_EXPECT_EQ(test, s.state, SCID_PMTU_STATE_COMPLETE);
	KUNIT_EXPECT_LE(test, s.found, 1400);
	start = path.rounds;
	scid_test_round(test, &s, &path, 1500, true);
	scid_test_settle(test, &s, &path, 1500, 20);
	KUNIT_EXPECT_EQ(test, s.found, 1500);
	KUNIT_EXPECT_EQ(test, path.rounds - start, 2U);

	/* A raise that finds the path as it was settles where it was. */
	path.mtu = 1400;
	scid_test_round(test, &s, &path, 1500, false);
	scid_test_round(test, &s, &path, 1500, false);
	scid_test_settle(test, &s, &path, 1500, 20);
	start = s.found;
	scid_test_round(test, &s, &path, 1500, true);
	scid_test_settle(test, &s, &path, 1500, 20);
	KUNIT_EXPECT_EQ(test, s.found, start);
}

/* Nothing passes, not even the floor; then the path comes back. */
static void scid_test_pmtu_blackhole(struct kunit *test)
{
	struct scid_test_path path = { .mtu = 100 };
	struct scid_pmtu_search s;

	scid_pmtu_search_start(&s);
	scid_test_settle(test, &s, &path, 1500, 20);
	KUNIT_EXPECT_EQ(test, s.state, SCID_PMTU_STATE_BLACKHOLE);
	KUNIT_EXPECT_EQ(test, s.found, SCID_TEST_FLOOR);
	/* It keeps trying the floor, and only the floor. */
	KUNIT_EXPECT_EQ(test, scid_pmtu_plan(&s, 1500, false), 1U);
	KUNIT_EXPECT_EQ(test, s.sizes[0], SCID_TEST_FLOOR);
	scid_pmtu_conclude(&s);

	path.mtu = 1500;
	scid_test_round(test, &s, &path, 1500, false);
	KUNIT_EXPECT_EQ(test, s.state, SCID_PMTU_STATE_SEARCHING);
	scid_test_settle(test, &s, &path, 1500, 20);
	KUNIT_EXPECT_EQ(test, s.found, 1500);
}

/* The route's MTU moves: the search follows it down and up. */
static void scid_test_pmtu_ceiling(struct kunit *test)
{
	struct scid_test_path path = { .mtu = 9000 };
	struct scid_pmtu_search s;

	scid_pmtu_search_start(&s);
	KUNIT_EXPECT_EQ(test, scid_pmtu_plan(&s, SCID_TEST_FLOOR - 1, false),
			0U);
	scid_test_settle(test, &s, &path, 1500, 20);
	KUNIT_ASSERT_EQ(test, s.found, 1500);

	scid_test_round(test, &s, &path, 1300, false);
	KUNIT_EXPECT_EQ(test, s.state, SCID_PMTU_STATE_COMPLETE);
	KUNIT_EXPECT_EQ(test, s.found, 1300);

	scid_test_settle(test, &s, &path, 9000, 20);
	scid_test_round(test, &s, &path, 9000, false);
	KUNIT_EXPECT_EQ(test, s.found, 9000);
}

/* A search turned off plans nothing. */
static void scid_test_pmtu_off(struct kunit *test)
{
	struct scid_pmtu_search s = {};

	KUNIT_EXPECT_EQ(test, scid_pmtu_plan(&s, 1500, true), 0U);
	KUNIT_EXPECT_EQ(test, s.state, SCID_PMTU_STATE_OFF);
	KUNIT_EXPECT_EQ(test, s.found, 0);
}

static struct kunit_case scid_pmtu_test_cases[] = {
	KUNIT_CASE(scid_test_pmtu_every_path),
	KUNIT_CASE(scid_test_pmtu_clear_path),
	KUNIT_CASE(scid_test_pmtu_chance_loss),
	KUNIT_CASE(scid_test_pmtu_shrink_grow),
	KUNIT_CASE(scid_test_pmtu_blackhole),
	KUNIT_CASE(scid_test_pmtu_ceiling),
	KUNIT_CASE(scid_test_pmtu_off),
	{}
};

static struct kunit_suite scid_pmtu_test_suite = {
	.name = "scid_ipip_pmtu",
	.test_cases = scid_pmtu_test_cases,
};

kunit_test_suite(scid_pmtu_test_suite);
