// SPDX-License-Identifier: GPL-2.0
/*
 * pmtu-probe and pmtu-raise in scidtun (IFLA_SCID_PMTU_*): the values
 * taken and refused, the checks against keepalive and nodf, what add and
 * change send, the kernel's answer read back, show's three styles, and
 * setconf and showconf agreeing on them.
 */

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "conf.h"
#include "format.h"
#include "nlmsg.h"
#include "parse.h"
#include "stand_ins.h"

#define RAISE_EXPECTED "expected 1s..24h, with its unit (1500ms, 2s, 10m, 1h)"
#define NEEDS_KA "pmtu-probe needs keepalive: add 'keepalive INTERVAL' (e.g. 'keepalive 1s') " \
	"or leave 'pmtu-probe' off"
#define NEEDS_DF "pmtu-probe needs DF on the outer packets: 'nodf' turns it off (use 'pmtudisc')"

static void probe_values(void)
{
	static const char *const bad[] = { "", "1", "0", "yes", "no", "ON", "Off", "true",
					   "on ", "auto" };
	struct scidtun_request req;
	char err[256], want[128];
	size_t i;

	CHECK(!parse_change_word("pmtu-probe", "on", &req, err), "pmtu-probe on: %s", err);
	CHECK(req.pmtu_probe == 1 && req.given == SCIDTUN_GIVEN_PMTU_PROBE,
	      "pmtu-probe on: %u given 0x%x", req.pmtu_probe, req.given);
	CHECK(!parse_change_word("pmtu-probe", "off", &req, err), "pmtu-probe off: %s", err);
	CHECK(req.pmtu_probe == 0 && req.given == SCIDTUN_GIVEN_PMTU_PROBE,
	      "pmtu-probe off: %u given 0x%x", req.pmtu_probe, req.given);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK(parse_change_word("pmtu-probe", bad[i], &req, err) == -1,
		      "pmtu-probe '%s' parsed", bad[i]);
		snprintf(want, sizeof(want), "invalid pmtu-probe '%s': expected on or off", bad[i]);
		CHECK_STR(err, want, bad[i]);
	}
}

static void raise_values(void)
{
	static const struct {
		const char *value;
		uint32_t ms;
	} good[] = {
		{ "1s", 1000 }, { "1000ms", 1000 }, { "1500ms", 1500 }, { "2s", 2000 },
		{ "90s", 90000 }, { "10m", 600000 }, { "1h", 3600000 }, { "24h", 86400000 },
		{ "1440m", 86400000 }, { "86400s", 86400000 }, { "86400000ms", 86400000 },
		{ "010m", 600000 },
	};
	static const struct {
		const char *value, *why;
	} bad[] = {
		{ "999ms", "out of range; " }, { "0s", "out of range; " },
		{ "0ms", "out of range; " }, { "25h", "out of range; " },
		{ "86400001ms", "out of range; " }, { "1441m", "out of range; " },
		{ "99999999999999999999h", "out of range; " },
		{ "10", "no unit; " }, { "600000", "no unit; " }, { "1.5s", "not a whole number; " },
		{ "1,5s", "not a whole number; " }, { "10x", "unknown unit 'x'; " },
		{ "1d", "unknown unit 'd'; " }, { "10M", "unknown unit 'M'; " },
		{ "10min", "unknown unit 'min'; " }, { "10s ", "unknown unit 's '; " },
		{ "", "" }, { "off", "" }, { "-1s", "" }, { "+10m", "" }, { " 10m", "" },
		{ "m", "" },
	};
	struct scidtun_request req;
	char err[256], want[160];
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		CHECK(!parse_change_word("pmtu-raise", good[i].value, &req, err),
		      "pmtu-raise '%s': %s", good[i].value, err);
		CHECK(req.pmtu_raise == good[i].ms && req.given == SCIDTUN_GIVEN_PMTU_RAISE,
		      "pmtu-raise '%s': %u given 0x%x, want %u", good[i].value, req.pmtu_raise,
		      req.given, good[i].ms);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&req, 0xa5, sizeof(req));
		CHECK(parse_change_word("pmtu-raise", bad[i].value, &req, err) == -1,
		      "pmtu-raise '%s' parsed", bad[i].value);
		snprintf(want, sizeof(want), "invalid pmtu-raise '%s': %s" RAISE_EXPECTED,
			 bad[i].value, bad[i].why);
		CHECK_STR(err, want, bad[i].value);
		CHECK(req.pmtu_raise == 0xa5a5a5a5, "pmtu-raise '%s': a refused request was written",
		      bad[i].value);
	}
}

/* Every unit back as pmtu-raise takes it, in the largest that writes it whole. */
static void duration_texts(void)
{
	static const struct {
		uint32_t ms;
		const char *text;
	} cases[] = {
		{ 1000, "1s" }, { 1500, "1500ms" }, { 90000, "90s" }, { 600000, "10m" },
		{ 5400000, "90m" }, { 3600000, "1h" }, { 86400000, "24h" }, { 61000, "61s" },
		{ 0, "0ms" },
	};
	char buf[SCID_TUN_TEXT_MAX];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK_STR(scid_duration_text(cases[i].ms, buf), cases[i].text, cases[i].text);
}

/* The checks against keepalive and nodf, and what add and change take. */
static void parse_lines(void)
{
	static const struct {
		const char *line;
		bool add;
		const char *err;	/* NULL: taken */
	} cases[] = {
		{ "remote 198.51.100.42 pmtu-probe on", true, NEEDS_KA },
		{ "remote 198.51.100.42 keepalive off pmtu-probe on", true, NEEDS_KA },
		{ "remote 198.51.100.42 keepalive 1s pmtu-probe on", true, NULL },
		{ "remote 198.51.100.42 pmtu-probe on keepalive 100ms pmtu-raise 1h", true, NULL },
		{ "remote 198.51.100.42 keepalive 1s pmtu-probe on nodf", true, NEEDS_DF },
		{ "remote 198.51.100.42 keepalive 1s pmtu-probe on nopmtudisc", true, NULL },
		{ "remote 198.51.100.42 nodf keepalive 1s pmtu-probe off", true, NULL },
		/* pmtu-raise alone: probing stays off, the interval is kept. */
		{ "remote 198.51.100.42 pmtu-raise 1h", true, NULL },
		{ "remote 198.51.100.42 pmtu-probe off", true, NULL },
		/* change: only the kernel knows the tunnel's keepalive and DF. */
		{ "pmtu-probe on", false, NULL },
		{ "pmtu-raise 2s", false, NULL },
		{ "keepalive off", false, NULL },
		{ "keepalive off pmtu-probe off", false, NULL },
		{ "keepalive off pmtu-probe on", false, NEEDS_KA },
		{ "nodf pmtu-probe on", false, NEEDS_DF },
		{ "pmtu-probe on keepalive 1s", false, NULL },
		{ "pmtu-probe", false, "missing value for 'pmtu-probe'" },
		{ "pmtu-raise", false, "missing value for 'pmtu-raise'" },
		{ "pmtu-probe on pmtu-probe off", false, "repeated keyword 'pmtu-probe'" },
	};
	struct scidtun_request req;
	char err[256];
	size_t i;
	int ret;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ret = parse_line(cases[i].line, cases[i].add, &req, err);
		if (!cases[i].err) {
			CHECK(!ret, "'%s': %s", cases[i].line, err);
			continue;
		}
		CHECK(ret == -1, "'%s' parsed", cases[i].line);
		CHECK_STR(err, cases[i].err, cases[i].line);
	}
	CHECK(!parse_line("remote 198.51.100.42 keepalive 1s pmtu-probe on pmtu-raise 90s", true,
			  &req, err), "add: %s", err);
	CHECK(req.pmtu_probe == 1 && req.pmtu_raise == 90000 &&
	      (req.given & SCIDTUN_GIVEN_NL) == (SCIDTUN_GIVEN_KEEPALIVE |
						  SCIDTUN_GIVEN_PMTU_PROBE |
						  SCIDTUN_GIVEN_PMTU_RAISE),
	      "add: probe %u raise %u given 0x%x", req.pmtu_probe, req.pmtu_raise, req.given);
	CHECK(!parse_line("remote 198.51.100.42", true, &req, err), "add: %s", err);
	CHECK(!req.pmtu_probe && req.pmtu_raise == SCID_PMTU_RAISE_DEFAULT &&
	      !(req.given & (SCIDTUN_GIVEN_PMTU_PROBE | SCIDTUN_GIVEN_PMTU_RAISE)),
	      "add without them: probe %u raise %u given 0x%x", req.pmtu_probe, req.pmtu_raise,
	      req.given);
}

/* "scidtun add t remote ... LINE": what goes by rtnetlink after the ioctl. */
static void expect_add_given(const char *line, unsigned int want)
{
	struct scidtun_request req;
	char text[256], err[256];

	snprintf(text, sizeof(text), "remote 198.51.100.42 %s", line);
	CHECK(!parse_line(text, true, &req, err), "add '%s': %s", line, err);
	CHECK(scidtun_add_nl_given(&req) == want, "add '%s': sends 0x%x by rtnetlink, want 0x%x",
	      line, scidtun_add_nl_given(&req), want);
}

static void add_tests(void)
{
	const unsigned int ka = SCIDTUN_GIVEN_KEEPALIVE;

	/* What a new tunnel has already is not sent, as for clamp-mss off. */
	expect_add_given("keepalive 1s pmtu-probe off", ka);
	expect_add_given("keepalive 1s pmtu-probe on", ka | SCIDTUN_GIVEN_PMTU_PROBE);
	expect_add_given("keepalive 1s pmtu-probe on pmtu-raise 10m",
			 ka | SCIDTUN_GIVEN_PMTU_PROBE);
	expect_add_given("keepalive 1s pmtu-probe on pmtu-raise 600s",
			 ka | SCIDTUN_GIVEN_PMTU_PROBE);
	expect_add_given("pmtu-raise 10m", 0);
	expect_add_given("pmtu-raise 1h", SCIDTUN_GIVEN_PMTU_RAISE);
}

struct put_seen {
	int n;
	int type[16];
	size_t size[16];
	uint32_t value[16];
};

static int record_put(void *ctx, int type, size_t size, uint32_t value)
{
	struct put_seen *s = ctx;

	if (s->n < 16) {
		s->type[s->n] = type;
		s->size[s->n] = size;
		s->value[s->n] = value;
		s->n++;
	}
	return 0;
}

/* change sends pmtu-probe as a u8 and pmtu-raise as a u32, after the keepalive's. */
static void request_tests(void)
{
	struct scidtun_request req;
	struct put_seen s = { 0 };
	struct scid_tun t;
	char err[256];

	CHECK(!parse_line("pmtu-raise 1h keepalive off pmtu-probe off", false, &req, err),
	      "change: %s", err);
	scidtun_request_words(&req, SCIDTUN_GIVEN_NL, &t);
	scid_tun_to_attrs(&t, record_put, &s);
	CHECK(s.n == 3, "%d attributes, want 3", s.n);
	CHECK(s.type[0] == IFLA_SCID_KEEPALIVE && s.value[0] == 0, "first %d=%u", s.type[0],
	      s.value[0]);
	CHECK(s.type[1] == IFLA_SCID_PMTU_PROBE && s.size[1] == 1 && s.value[1] == 0,
	      "second %d=%u (%zu bytes)", s.type[1], s.value[1], s.size[1]);
	CHECK(s.type[2] == IFLA_SCID_PMTU_RAISE && s.size[2] == 4 && s.value[2] == 3600000,
	      "third %d=%u (%zu bytes)", s.type[2], s.value[2], s.size[2]);
}

/* IFLA_INFO_DATA of an answer from a module that probes, or not (@old). */
static void answer(struct scidtun_nlmsg *m, bool old, uint8_t probe, uint32_t raise,
		   uint32_t pmtu, uint8_t state, uint32_t age)
{
	uint32_t remote = htonl(0xc6336430), ka = 100;
	struct rtattr *info, *data;

	scidtun_nlmsg_init(m, RTM_NEWLINK, 0, sizeof(m->ifi));
	m->ifi.ifi_index = 7;
	info = scidtun_nlmsg_nest(m, IFLA_LINKINFO);
	scidtun_nlmsg_put(m, IFLA_INFO_KIND, "scid_ipip", sizeof("scid_ipip"));
	data = scidtun_nlmsg_nest(m, IFLA_INFO_DATA);
	scidtun_nlmsg_put(m, IFLA_IPTUN_REMOTE, &remote, 4);
	scidtun_nlmsg_put(m, IFLA_SCID_KEEPALIVE, &ka, 4);
	if (!old) {
		scidtun_nlmsg_put(m, IFLA_SCID_PMTU_PROBE, &probe, 1);
		scidtun_nlmsg_put(m, IFLA_SCID_PMTU_RAISE, &raise, 4);
		scidtun_nlmsg_put(m, IFLA_SCID_PMTU, &pmtu, 4);
		scidtun_nlmsg_put(m, IFLA_SCID_PMTU_STATE, &state, 1);
		scidtun_nlmsg_put(m, IFLA_SCID_PMTU_AGE, &age, 4);
	}
	scidtun_nlmsg_nest_end(m, data);
	scidtun_nlmsg_nest_end(m, info);
}

static void answer_tests(void)
{
	const unsigned int both = SCIDTUN_GIVEN_PMTU_PROBE | SCIDTUN_GIVEN_PMTU_RAISE;
	struct scidtun_link_data d;
	struct scidtun_nlmsg m;

	answer(&m, false, 1, 3000, 1380, SCID_PMTU_STATE_COMPLETE, 250);
	scidtun_nlmsg_link_data(&m.n, &d);
	CHECK(d.have && d.words.pmtu_probe == 1 && d.words.pmtu_raise == 3000 &&
	      (d.words.given & both) == both, "answer: probe %u raise %u given 0x%x",
	      d.words.pmtu_probe, d.words.pmtu_raise, d.words.given);
	CHECK(d.pmtu.pmtu == 1380 && d.pmtu.state == SCID_PMTU_STATE_COMPLETE &&
	      d.pmtu.age == 250, "answer: pmtu %u state %u age %u", d.pmtu.pmtu, d.pmtu.state,
	      d.pmtu.age);
	/* A module older than probing: off, the default, nothing found, never. */
	answer(&m, true, 0, 0, 0, 0, 0);
	scidtun_nlmsg_link_data(&m.n, &d);
	CHECK(d.have && !d.words.pmtu_probe && d.words.pmtu_raise == SCID_PMTU_RAISE_DEFAULT &&
	      !(d.words.given & both), "old answer: probe %u raise %u given 0x%x",
	      d.words.pmtu_probe, d.words.pmtu_raise, d.words.given);
	CHECK(!d.pmtu.pmtu && d.pmtu.state == SCID_PMTU_STATE_OFF && d.pmtu.age == SCID_KA_NEVER,
	      "old answer: pmtu %u state %u age %u", d.pmtu.pmtu, d.pmtu.state, d.pmtu.age);
}

/* scidtun_format_pmtu() alone, in a text style. */
static char *pmtu_of(const struct scidtun_link_data *d, enum scidtun_style style)
{
	size_t len;
	char *buf;
	FILE *f;

	f = open_memstream(&buf, &len);
	scidtun_format_pmtu(f, d, style);
	fclose(f);
	return buf;
}

struct pmtu_show_case {
	const char *what;
	uint8_t probe, state;
	uint32_t raise, pmtu, age;
	const char *human, *tabs, *json;	/* json: after "keepalive" */
};

static const struct pmtu_show_case pmtu_show_cases[] = {
	{ "complete", 1, SCID_PMTU_STATE_COMPLETE, 600000, 1380, 300,
	  "    pmtu-probe on pmtu-raise 10m pmtu 1380 pmtu-state complete pmtu-age 300ms\n",
	  "\tpmtu-probe=on\tpmtu-raise=10m\tpmtu=1380\tpmtu-state=complete\tpmtu-age=300ms",
	  ",\"pmtu_probe\":true,\"pmtu_raise_ms\":600000,\"pmtu\":1380,"
	  "\"pmtu_state\":\"complete\",\"pmtu_age_ms\":300" },
	{ "searching", 1, SCID_PMTU_STATE_SEARCHING, 3000, 0, SCID_KA_NEVER,
	  "    pmtu-probe on pmtu-raise 3s pmtu none pmtu-state searching pmtu-age never\n",
	  "\tpmtu-probe=on\tpmtu-raise=3s\tpmtu=none\tpmtu-state=searching\tpmtu-age=never",
	  ",\"pmtu_probe\":true,\"pmtu_raise_ms\":3000,\"pmtu\":null,"
	  "\"pmtu_state\":\"searching\",\"pmtu_age_ms\":null" },
	{ "blackhole", 1, SCID_PMTU_STATE_BLACKHOLE, 3600000, 576, 12000,
	  "    pmtu-probe on pmtu-raise 1h pmtu 576 pmtu-state blackhole pmtu-age 12000ms\n",
	  "\tpmtu-probe=on\tpmtu-raise=1h\tpmtu=576\tpmtu-state=blackhole\tpmtu-age=12000ms",
	  ",\"pmtu_probe\":true,\"pmtu_raise_ms\":3600000,\"pmtu\":576,"
	  "\"pmtu_state\":\"blackhole\",\"pmtu_age_ms\":12000" },
	{ "a newer state", 1, 9, 1500, 1400, 0,
	  "    pmtu-probe on pmtu-raise 1500ms pmtu 1400 pmtu-state unknown pmtu-age 0ms\n",
	  "\tpmtu-probe=on\tpmtu-raise=1500ms\tpmtu=1400\tpmtu-state=unknown\tpmtu-age=0ms",
	  ",\"pmtu_probe\":true,\"pmtu_raise_ms\":1500,\"pmtu\":1400,"
	  "\"pmtu_state\":\"unknown\",\"pmtu_age_ms\":0" },
	/* Off: nothing in text, whatever the kernel still reports; JSON the setting. */
	{ "off", 0, SCID_PMTU_STATE_COMPLETE, 3600000, 1380, 300, "", "",
	  ",\"pmtu_probe\":false,\"pmtu_raise_ms\":3600000,\"pmtu\":null,"
	  "\"pmtu_state\":\"off\",\"pmtu_age_ms\":null" },
};

static void show_tests(void)
{
	static const char head[] = "{\"ifname\":\"t\",\"mode\":\"ipip\",\"remote\":\"198.51.100.48\","
		"\"local\":\"any\",\"dev\":null,\"link\":0,\"ttl\":0,\"tos\":1,\"df\":\"pmtudisc\","
		"\"fwmark\":0,\"encap\":null,\"clamp_mss\":null,\"keepalive\":{\"interval_ms\":100,\"hold\":3,"
		"\"rise\":2,\"state\":\"up\",\"last_reply_ms\":null,\"rtt_us\":null}";
	struct scidtun_link_data d;
	char want[768], *buf;
	size_t i;

	for (i = 0; i < sizeof(pmtu_show_cases) / sizeof(pmtu_show_cases[0]); i++) {
		const struct pmtu_show_case *c = &pmtu_show_cases[i];

		memset(&d, 0, sizeof(d));
		d.have = true;
		scid_tun_defaults(&d.words);
		d.words.keepalive = 100;
		d.ka.state = SCID_KA_STATE_UP;
		d.ka.last = SCID_KA_NEVER;
		d.words.pmtu_probe = c->probe;
		d.words.pmtu_raise = c->raise;
		d.pmtu.state = c->state;
		d.pmtu.pmtu = c->pmtu;
		d.pmtu.age = c->age;
		buf = pmtu_of(&d, SCIDTUN_STYLE_HUMAN);
		CHECK_STR(buf, c->human, c->what);
		free(buf);
		buf = pmtu_of(&d, SCIDTUN_STYLE_TABS);
		CHECK_STR(buf, c->tabs, c->what);
		free(buf);
		buf = pmtu_of(&d, SCIDTUN_STYLE_JSON);
		CHECK_STR(buf, "", c->what);
		free(buf);
		buf = show_of(&d, SCIDTUN_STYLE_JSON);
		snprintf(want, sizeof(want), "%s%s,\"external\":false,\"allow\":null}", head, c->json);
		CHECK_STR(buf, want, c->what);
		free(buf);
	}
	/* No answer from rtnetlink (the tunnel went away): off, at the default. */
	buf = pmtu_of(NULL, SCIDTUN_STYLE_HUMAN);
	CHECK_STR(buf, "", "no link data");
	free(buf);
	buf = show_of(NULL, SCIDTUN_STYLE_JSON);
	CHECK(strstr(buf, "\"keepalive\":null" JSON_AFTER_KEEPALIVE "}") != NULL, "no link data: %s",
	      buf);
	free(buf);
}

static void conf_parse_tests(void)
{
	struct scidtun_conf conf;
	char err[512];

	CHECK(!parse_conf(&conf, "tunnel t1 remote 198.51.100.48 keepalive 1s pmtu-probe on "
			  "pmtu-raise 1h\n", err), "conf: %s", err);
	CHECK(conf.count == 1 && conf.tunnels[0].req.pmtu_probe == 1 &&
	      conf.tunnels[0].req.pmtu_raise == 3600000, "conf pmtu words");
	scidtun_conf_free(&conf);
	CHECK(parse_conf(&conf, "tunnel t1 remote 198.51.100.48 pmtu-probe on\n", err) == -1,
	      "conf pmtu-probe without keepalive parsed");
	CHECK_STR(err, "t.conf:1: " NEEDS_KA, "conf without keepalive");
	scidtun_conf_free(&conf);
	CHECK(parse_conf(&conf, "tunnel t1 remote 198.51.100.48 keepalive 1s pmtu-raise 10\n",
			 err) == -1, "conf pmtu-raise 10 parsed");
	CHECK_STR(err, "t.conf:1: invalid pmtu-raise '10': no unit; " RAISE_EXPECTED,
		  "conf error");
	scidtun_conf_free(&conf);
}

/* A tunnel running with keepalive at @ka ms and probing @probe every @raise ms. */
static const struct scid_tun *running(uint32_t ka, uint8_t probe, uint32_t raise)
{
	static struct scid_tun have;

	scid_tun_defaults(&have);
	have.given = SCIDTUN_GIVEN_KEEPALIVE | SCIDTUN_GIVEN_HOLD | SCIDTUN_GIVEN_RISE |
		     SCIDTUN_GIVEN_PMTU_PROBE | SCIDTUN_GIVEN_PMTU_RAISE;
	have.keepalive = ka;
	have.pmtu_probe = probe;
	have.pmtu_raise = raise;
	return &have;
}

/* showconf's line, and setconf of it finding nothing to change. */
static void check_round_trip(const struct scid_tun *have, const char *want)
{
	char *buf = showconf_of(have), err[512], what[256] = "";
	struct scidtun_request change;
	struct scidtun_conf conf;

	CHECK_STR(buf, want, "showconf");
	CHECK(!parse_conf(&conf, buf, err), "'%s' does not parse back: %s", buf, err);
	if (conf.count == 1) {
		memset(&change, 0, sizeof(change));
		CHECK(!scidtun_conf_keepalive_diff(&conf.tunnels[0].req, have, &change, what,
						   sizeof(what)) &&
		      !scidtun_conf_pmtu_diff(&conf.tunnels[0].req, have, &change, what,
					      sizeof(what)),
		      "setconf of showconf's '%s' changes %s", buf, what);
	}
	scidtun_conf_free(&conf);
	free(buf);
}

static void conf_round_trips(void)
{
	const char *line = "tunnel t1 remote 198.51.100.48";
	char want[160];

	snprintf(want, sizeof(want), "%s keepalive 1s pmtu-probe on\n", line);
	check_round_trip(running(1000, 1, SCID_PMTU_RAISE_DEFAULT), want);
	snprintf(want, sizeof(want), "%s keepalive 1s pmtu-probe on pmtu-raise 1h\n", line);
	check_round_trip(running(1000, 1, 3600000), want);
	snprintf(want, sizeof(want), "%s keepalive 100ms pmtu-probe on pmtu-raise 1500ms\n", line);
	check_round_trip(running(100, 1, 1500), want);
	/* Off: neither is written, and the kept pmtu-raise is not compared. */
	snprintf(want, sizeof(want), "%s keepalive 1s\n", line);
	check_round_trip(running(1000, 0, 3600000), want);
	snprintf(want, sizeof(want), "%s\n", line);
	check_round_trip(running(0, 0, 3600000), want);
}

/* What setconf of the one tunnel of @text changes on @have, and the request. */
static void check_diff(const char *text, const struct scid_tun *have, const char *want,
		       unsigned int given, uint8_t probe, uint32_t raise)
{
	struct scidtun_request change;
	struct scidtun_conf conf;
	char err[512], what[256] = "";
	bool differs;

	CHECK(!parse_conf(&conf, text, err), "'%s': %s", text, err);
	if (conf.count != 1)
		goto out;
	memset(&change, 0, sizeof(change));
	differs = scidtun_conf_pmtu_diff(&conf.tunnels[0].req, have, &change, what, sizeof(what));
	CHECK(differs == (want[0] != '\0'), "'%s': differs %d, want '%s'", text, differs, want);
	CHECK_STR(what, want, text);
	if (differs)
		CHECK(change.given == given && change.pmtu_probe == probe &&
		      change.pmtu_raise == raise,
		      "'%s': sends given 0x%x probe %u raise %u, want 0x%x %u %u", text,
		      change.given, change.pmtu_probe, change.pmtu_raise, given, probe, raise);
out:
	scidtun_conf_free(&conf);
}

static void conf_diffs(void)
{
	const unsigned int probe = SCIDTUN_GIVEN_PMTU_PROBE, raise = SCIDTUN_GIVEN_PMTU_RAISE;
	const uint32_t dflt = SCID_PMTU_RAISE_DEFAULT;
	const char *line = "tunnel t1 remote 198.51.100.48 keepalive 1s";
	char text[160];

	snprintf(text, sizeof(text), "%s pmtu-probe on\n", line);
	check_diff(text, running(1000, 0, dflt), "pmtu-probe off -> on", probe, 1, dflt);
	check_diff(text, running(1000, 1, dflt), "", 0, 0, 0);
	/* On, no pmtu-raise word is the default. */
	check_diff(text, running(1000, 1, 3600000), "pmtu-raise 1h -> 10m", raise, 1, dflt);
	check_diff(text, running(1000, 0, 3600000), "pmtu-probe off -> on, pmtu-raise 1h -> 10m",
		   probe | raise, 1, dflt);
	snprintf(text, sizeof(text), "%s pmtu-probe on pmtu-raise 600s\n", line);
	check_diff(text, running(1000, 1, dflt), "", 0, 0, 0);
	snprintf(text, sizeof(text), "%s pmtu-probe on pmtu-raise 2s\n", line);
	check_diff(text, running(1000, 1, dflt), "pmtu-raise 10m -> 2s", raise, 1, 2000);
	/* The file is authoritative: no pmtu-probe word is probing off. */
	snprintf(text, sizeof(text), "%s\n", line);
	check_diff(text, running(1000, 1, dflt), "pmtu-probe on -> off", probe, 0, dflt);
	check_diff(text, running(1000, 0, 3600000), "", 0, 0, 0);
	snprintf(text, sizeof(text), "%s pmtu-probe off\n", line);
	check_diff(text, running(1000, 0, dflt), "", 0, 0, 0);
	/* Off, pmtu-raise is compared only when written. */
	snprintf(text, sizeof(text), "%s pmtu-raise 1h\n", line);
	check_diff(text, running(1000, 0, dflt), "pmtu-raise 10m -> 1h", raise, 0, 3600000);
	check_diff(text, running(1000, 0, 3600000), "", 0, 0, 0);
}

/* Keepalive and probing off together: one request, which the kernel needs. */
static void conf_with_keepalive(void)
{
	const unsigned int ka = SCIDTUN_GIVEN_KEEPALIVE | SCIDTUN_GIVEN_HOLD | SCIDTUN_GIVEN_RISE;
	struct scidtun_request req;
	struct scidtun_conf conf;
	char err[512], what[256] = "";

	CHECK(!parse_conf(&conf, "tunnel t1 remote 198.51.100.48\n", err), "conf: %s", err);
	if (conf.count != 1)
		goto out;
	CHECK(scidtun_conf_keepalive_diff(&conf.tunnels[0].req, running(1000, 1, 600000), &req,
					  what, sizeof(what)), "keepalive 1s -> off not seen");
	CHECK(scidtun_conf_pmtu_diff(&conf.tunnels[0].req, running(1000, 1, 600000), &req, what,
				     sizeof(what)), "pmtu-probe on -> off not seen");
	CHECK(req.given == (ka | SCIDTUN_GIVEN_PMTU_PROBE) && !req.keepalive && !req.pmtu_probe,
	      "both off: given 0x%x keepalive %u probe %u", req.given, req.keepalive,
	      req.pmtu_probe);
	CHECK_STR(what, "keepalive 1s -> off, pmtu-probe on -> off", "both off");
	scidtun_conf_free(&conf);
	CHECK(!parse_conf(&conf, "tunnel t1 remote 198.51.100.48 keepalive 100ms pmtu-probe on\n",
			  err), "conf: %s", err);
	if (conf.count != 1)
		goto out;
	what[0] = '\0';
	CHECK(scidtun_conf_keepalive_diff(&conf.tunnels[0].req, running(0, 0, 600000), &req,
					  what, sizeof(what)), "keepalive off -> 100ms not seen");
	CHECK(scidtun_conf_pmtu_diff(&conf.tunnels[0].req, running(0, 0, 600000), &req, what,
				     sizeof(what)), "pmtu-probe off -> on not seen");
	CHECK(req.given == (ka | SCIDTUN_GIVEN_PMTU_PROBE) && req.keepalive == 100 &&
	      req.pmtu_probe == 1, "both on: given 0x%x keepalive %u probe %u", req.given,
	      req.keepalive, req.pmtu_probe);
	CHECK_STR(what, "keepalive off -> 100ms, pmtu-probe off -> on", "both on");
out:
	scidtun_conf_free(&conf);
}

void pmtu_tests(void)
{
	probe_values();
	raise_values();
	duration_texts();
	parse_lines();
	add_tests();
	request_tests();
	answer_tests();
	show_tests();
	conf_parse_tests();
	conf_round_trips();
	conf_diffs();
	conf_with_keepalive();
}
