// SPDX-License-Identifier: GPL-2.0
/*
 * fwmark in scidtun: the values ip takes for ipip's fwmark and the ones
 * refused, show's three styles, and setconf and showconf agreeing on it.
 */

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "conf.h"
#include "format.h"
#include "parse.h"
#include "stand_ins.h"

#define FWMARK_EXPECTED "expected 0..4294967295 or 0x0..0xffffffff"

static void parse_values(void)
{
	static const struct {
		const char *value;
		uint32_t mark;
	} good[] = {
		{ "0", 0 }, { "16", 16 }, { "0x10", 16 }, { "0X10", 16 }, { "0xfF", 255 },
		{ "0x0", 0 }, { "0x00000010", 16 }, { "4294967295", 0xffffffff },
		{ "0xffffffff", 0xffffffff },
	};
	static const char *const bad[] = {
		"", "-1", "+1", " 1", "1 ", "4294967296", "99999999999999999999", "0x",
		"0x100000000", "0x1g", "1e3", "16x", "mark", "0b1", "inherit",
	};
	struct scidtun_request req;
	char err[256], want[128];
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		CHECK(!parse_change_word("fwmark", good[i].value, &req, err), "fwmark '%s': %s",
		      good[i].value, err);
		CHECK(req.fwmark == good[i].mark && req.given == SCIDTUN_GIVEN_FWMARK,
		      "fwmark '%s': %u given 0x%x, want %u", good[i].value, req.fwmark, req.given,
		      good[i].mark);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK(parse_change_word("fwmark", bad[i], &req, err) == -1, "fwmark '%s' parsed",
		      bad[i]);
		snprintf(want, sizeof(want), "invalid fwmark '%s': " FWMARK_EXPECTED, bad[i]);
		CHECK_STR(err, want, bad[i]);
	}
	/* ip reads these as octal (010 is 8): refused rather than read another way. */
	CHECK(parse_change_word("fwmark", "010", &req, err) == -1, "fwmark 010 parsed");
	CHECK_STR(err, "invalid fwmark '010': a leading 0 reads as octal to ip; write it in decimal or 0x hex",
		  "octal");
	CHECK(parse_change_word("fwmark", "00", &req, err) == -1, "fwmark 00 parsed");
}

static char *mark_shown(uint32_t mark, bool have, enum scidtun_style style)
{
	struct scidtun_link_data d = { .have = have };

	scid_tun_defaults(&d.words);
	d.words.fwmark = mark;
	return show_of(&d, style);
}

static void show_tests(void)
{
	static const char head[] = "{\"ifname\":\"t\",\"mode\":\"ipip\",\"remote\":\"198.51.100.48\","
		"\"local\":\"any\",\"dev\":null,\"link\":0,\"ttl\":0,\"tos\":1,\"df\":\"pmtudisc\",";
	char want[512];
	char *buf;

	/* As ip -d link shows ipip's: hex, and nothing at all for 0. */
	buf = mark_shown(0x10, true, SCIDTUN_STYLE_HUMAN);
	CHECK_STR(buf, " fwmark 0x10", "human");
	free(buf);
	buf = mark_shown(0x10, true, SCIDTUN_STYLE_TABS);
	CHECK_STR(buf, "\tfwmark=0x10", "tabs");
	free(buf);
	buf = mark_shown(0xffffffff, true, SCIDTUN_STYLE_TABS);
	CHECK_STR(buf, "\tfwmark=0xffffffff", "tabs max");
	free(buf);
	buf = mark_shown(0, true, SCIDTUN_STYLE_HUMAN);
	CHECK_STR(buf, "", "human 0");
	free(buf);
	buf = mark_shown(0, true, SCIDTUN_STYLE_TABS);
	CHECK_STR(buf, "", "tabs 0");
	free(buf);
	buf = mark_shown(7, false, SCIDTUN_STYLE_HUMAN);
	CHECK_STR(buf, "", "no link data");
	free(buf);
	buf = mark_shown(0x10, true, SCIDTUN_STYLE_JSON);
	snprintf(want, sizeof(want), "%s\"fwmark\":16,\"encap\":null,\"clamp_mss\":null,\"keepalive\":null" JSON_AFTER_KEEPALIVE "}", head);
	CHECK_STR(buf, want, "json");
	free(buf);
	buf = mark_shown(0x10, false, SCIDTUN_STYLE_JSON);
	snprintf(want, sizeof(want), "%s\"fwmark\":0,\"encap\":null,\"clamp_mss\":null,\"keepalive\":null" JSON_AFTER_KEEPALIVE "}", head);
	CHECK_STR(buf, want, "json without link data");
	free(buf);
}

static void expect_diff(const char *text, uint32_t have_mark, const char *want, uint32_t sent)
{
	struct scid_tun have;

	scid_tun_defaults(&have);
	have.fwmark = have_mark;
	check_optional_diff(text, &have, want, SCIDTUN_GIVEN_FWMARK, sent, SCID_CLAMP_MSS_OFF);
}

static void conf_tests_fwmark(void)
{
	struct scidtun_conf conf;
	struct scid_tun have;
	char err[512];

	CHECK(!parse_conf(&conf, "tunnel t1 remote 198.51.100.48 fwmark 0x10 keepalive 1s\n", err),
	      "conf: %s", err);
	CHECK(conf.count == 1 && conf.tunnels[0].req.fwmark == 16 &&
	      (conf.tunnels[0].req.given & SCIDTUN_GIVEN_FWMARK), "conf fwmark word");
	scidtun_conf_free(&conf);
	CHECK(parse_conf(&conf, "tunnel t1 remote 198.51.100.48 fwmark -1\n", err) == -1,
	      "conf fwmark -1 parsed");
	CHECK_STR(err, "t.conf:1: invalid fwmark '-1': " FWMARK_EXPECTED, "conf error");
	scidtun_conf_free(&conf);

	scid_tun_defaults(&have);
	have.given = SCIDTUN_GIVEN_FWMARK;
	check_optional_round_trip(&have, "tunnel t1 remote 198.51.100.48\n");
	have.fwmark = 0x10;
	check_optional_round_trip(&have, "tunnel t1 remote 198.51.100.48 fwmark 0x10\n");
	have.given |= SCIDTUN_GIVEN_KEEPALIVE | SCIDTUN_GIVEN_HOLD | SCIDTUN_GIVEN_RISE;
	have.keepalive = 100;
	check_optional_round_trip(&have, "tunnel t1 remote 198.51.100.48 fwmark 0x10 keepalive 100ms\n");

	/* The file is authoritative: no fwmark word is fwmark 0. */
	expect_diff("tunnel t1 remote 198.51.100.48 fwmark 16\n", 0, "fwmark 0 -> 0x10", 16);
	expect_diff("tunnel t1 remote 198.51.100.48\n", 0x10, "fwmark 0x10 -> 0", 0);
	expect_diff("tunnel t1 remote 198.51.100.48 fwmark 0x10\n", 16, "", 0);
	expect_diff("tunnel t1 remote 198.51.100.48 fwmark 0\n", 0, "", 0);
	expect_diff("tunnel t1 remote 198.51.100.48 fwmark 0x20\n", 0x10, "fwmark 0x10 -> 0x20",
		    0x20);
}

void fwmark_tests(void)
{
	parse_values();
	show_tests();
	conf_tests_fwmark();
}
