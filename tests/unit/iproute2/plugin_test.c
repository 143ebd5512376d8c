// SPDX-License-Identifier: GPL-2.0
/*
 * link_scid_ipip.so, loaded the way ip(8) loads it: dlopen() and the
 * symbol scid_ipip_link_util. This program stands in for ip: it exports
 * the helpers the plugin calls, records the attributes parse_opt adds and
 * the text print_opt prints, and checks both.
 */

#include <arpa/inet.h>
#include <dlfcn.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <linux/if_tunnel.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

struct link_util {
	struct link_util *next;
	const char *id;
	int maxattr;
	int (*parse_opt)(struct link_util *lu, int argc, char **argv, struct nlmsghdr *n);
	void (*print_opt)(struct link_util *lu, FILE *f, struct rtattr *tb[]);
	void (*print_xstats)(struct link_util *lu, FILE *f, struct rtattr *xstats);
	void (*print_help)(struct link_util *lu, int argc, char **argv, FILE *f);
	int (*parse_ifla_xstats)(struct link_util *lu, int argc, char **argv);
	int (*print_ifla_xstats)(struct nlmsghdr *n, void *arg);
};

static unsigned int passed, failed;
static struct { int type; unsigned int value; } attrs[32];
static int nattrs;
static char out[1024];
static bool json;
static jmp_buf bail;
static char bail_msg[256];

#define CHECK(cond, ...)						\
	do {								\
		if (cond) {						\
			passed++;					\
		} else {						\
			failed++;					\
			printf("FAIL %s:%d: ", __FILE__, __LINE__);	\
			printf(__VA_ARGS__);				\
			putchar('\n');					\
		}							\
	} while (0)

/* The helpers ip exports, as the plugin sees them. */
int addattr8(struct nlmsghdr *n, int maxlen, int type, __u8 data)
{
	(void)n;
	(void)maxlen;
	attrs[nattrs].type = type;
	attrs[nattrs++].value = data;
	return 0;
}

int addattr32(struct nlmsghdr *n, int maxlen, int type, __u32 data)
{
	(void)n;
	(void)maxlen;
	attrs[nattrs].type = type;
	attrs[nattrs++].value = data;
	return 0;
}

unsigned int ll_name_to_index(const char *name)
{
	return strcmp(name, "eth0") ? 0 : 2;
}

const char *ll_index_to_name(unsigned int idx)
{
	return idx == 2 ? "eth0" : "if7";
}

void invarg(const char *msg, const char *arg)
{
	snprintf(bail_msg, sizeof(bail_msg), "invarg: %s: %s", msg, arg);
	longjmp(bail, 1);
}

void duparg(const char *key, const char *arg)
{
	snprintf(bail_msg, sizeof(bail_msg), "duparg: %s: %s", key, arg);
	longjmp(bail, 1);
}

bool is_json_context(void)
{
	return json;
}

static void emit(int t, const char *key, const char *fmt, ...)
{
	size_t len = strlen(out);
	va_list ap;

	/* PRINT_FP 1, PRINT_JSON 2, PRINT_ANY 4 */
	if (json && t != 1) {
		snprintf(out + len, sizeof(out) - len, "%s=", key);
		len = strlen(out);
		va_start(ap, fmt);
		vsnprintf(out + len, sizeof(out) - len, "%s;", ap);
		va_end(ap);
	} else if (!json && t != 2) {
		va_start(ap, fmt);
		vsnprintf(out + len, sizeof(out) - len, fmt, ap);
		va_end(ap);
	}
}

int print_color_string(int t, int color, const char *key, const char *fmt, const char *value)
{
	char v[64];

	CHECK(color == 6, "color %d, want COLOR_NONE (6)", color);
	if (json) {
		snprintf(v, sizeof(v), "\"%s\"", value);
		emit(t, key, "%s", v);
	} else {
		emit(t, key, fmt, value);
	}
	return 0;
}

int print_color_uint(int t, int color, const char *key, const char *fmt, unsigned int value)
{
	char v[16];

	(void)color;
	snprintf(v, sizeof(v), "%u", value);
	if (json)
		emit(t, key, "%s", v);
	else
		emit(t, key, fmt, value);
	return 0;
}

int print_color_bool(int t, int color, const char *key, const char *fmt, bool value)
{
	(void)color;
	if (json)
		emit(t, key, "%s", value ? "true" : "false");
	else
		emit(t, key, fmt, value);
	return 0;
}

static unsigned int attr(int type, bool *found)
{
	int i;

	for (i = 0; i < nattrs; i++) {
		if (attrs[i].type == type) {
			*found = true;
			return attrs[i].value;
		}
	}
	*found = false;
	return 0;
}

#define ARGS(...) ((char *[]){ __VA_ARGS__, NULL })

static int parse(struct link_util *lu, char **argv)
{
	volatile int argc = 0;

	while (argv[argc])
		argc++;
	nattrs = 0;
	bail_msg[0] = '\0';
	if (setjmp(bail))
		return -2;
	return lu->parse_opt(lu, argc, argv, NULL);
}

static void parse_tests(struct link_util *lu)
{
	struct in_addr in;
	bool found;
	int ret;

	ret = parse(lu, ARGS("remote", "198.51.100.42", "local", "192.0.2.51", "dev", "eth0",
			     "ttl", "64", "tos", "0x10", "pmtudisc"));
	CHECK(ret == 0, "parse: %d (%s)", ret, bail_msg);
	CHECK(nattrs == 6, "parse: %d attributes, want 6", nattrs);
	inet_pton(AF_INET, "198.51.100.42", &in);
	CHECK(attr(IFLA_IPTUN_REMOTE, &found) == in.s_addr && found, "remote attribute");
	inet_pton(AF_INET, "192.0.2.51", &in);
	CHECK(attr(IFLA_IPTUN_LOCAL, &found) == in.s_addr && found, "local attribute");
	CHECK(attr(IFLA_IPTUN_LINK, &found) == 2 && found, "link attribute");
	CHECK(attr(IFLA_IPTUN_TTL, &found) == 64 && found, "ttl attribute");
	CHECK(attr(IFLA_IPTUN_TOS, &found) == 0x10 && found, "tos attribute");
	CHECK(attr(IFLA_IPTUN_PMTUDISC, &found) == 1 && found, "pmtudisc attribute");

	/* Only what is given, so that `ip link set ... type scid_ipip ttl 9` keeps the rest. */
	ret = parse(lu, ARGS("ttl", "inherit", "tos", "inherit", "nodf"));
	CHECK(ret == 0 && nattrs == 3, "partial parse: %d, %d attributes", ret, nattrs);
	CHECK(attr(IFLA_IPTUN_TTL, &found) == 0 && found, "ttl inherit");
	CHECK(attr(IFLA_IPTUN_TOS, &found) == 1 && found, "tos inherit");
	CHECK(attr(IFLA_IPTUN_PMTUDISC, &found) == 2 && found, "nodf");
	ret = parse(lu, ARGS("remote", "any", "nopmtudisc"));
	CHECK(ret == 0 && attr(IFLA_IPTUN_REMOTE, &found) == 0 && found, "remote any");
	CHECK(attr(IFLA_IPTUN_PMTUDISC, &found) == 0 && found, "nopmtudisc");

	ret = parse(lu, ARGS("remote", "300.1.1.1"));
	CHECK(ret == -2 && strstr(bail_msg, "300.1.1.1"), "bad remote: %d %s", ret, bail_msg);
	ret = parse(lu, ARGS("dev", "eth9"));
	CHECK(ret == -2 && strstr(bail_msg, "eth9"), "bad dev: %d %s", ret, bail_msg);
	ret = parse(lu, ARGS("ttl", "256"));
	CHECK(ret == -2, "ttl 256: %d", ret);
	ret = parse(lu, ARGS("ttl", "0"));
	CHECK(ret == -2, "ttl 0: %d", ret);
	ret = parse(lu, ARGS("ttl", "1", "ttl", "2"));
	CHECK(ret == -2 && strstr(bail_msg, "duparg"), "ttl twice: %d %s", ret, bail_msg);
	ret = parse(lu, ARGS("ttl", "64", "nopmtudisc"));
	CHECK(ret == -1, "ttl 64 nopmtudisc: %d", ret);
	ret = parse(lu, ARGS("remote"));
	CHECK(ret == -2, "remote without value: %d", ret);
	ret = parse(lu, ARGS("key", "5"));
	CHECK(ret == -1, "unknown option: %d", ret);
}

static struct rtattr *mk(void *buf, unsigned short type, const void *data, unsigned short len)
{
	struct rtattr *rta = buf;

	rta->rta_type = type;
	rta->rta_len = RTA_LENGTH(len);
	memcpy(RTA_DATA(rta), data, len);
	return rta;
}

static void print_tests(struct link_util *lu)
{
	unsigned char b[7][16] __attribute__((aligned(4)));
	struct rtattr *tb[IFLA_IPTUN_MAX + 1] = { NULL };
	__u8 ttl = 0, tos = 1, df = 1;
	__u32 remote, local = 0, link = 2;

	inet_pton(AF_INET, "198.51.100.42", &remote);
	tb[IFLA_IPTUN_REMOTE] = mk(b[0], IFLA_IPTUN_REMOTE, &remote, 4);
	tb[IFLA_IPTUN_LOCAL] = mk(b[1], IFLA_IPTUN_LOCAL, &local, 4);
	tb[IFLA_IPTUN_LINK] = mk(b[2], IFLA_IPTUN_LINK, &link, 4);
	tb[IFLA_IPTUN_TTL] = mk(b[3], IFLA_IPTUN_TTL, &ttl, 1);
	tb[IFLA_IPTUN_TOS] = mk(b[4], IFLA_IPTUN_TOS, &tos, 1);
	tb[IFLA_IPTUN_PMTUDISC] = mk(b[5], IFLA_IPTUN_PMTUDISC, &df, 1);

	json = false;
	out[0] = '\0';
	lu->print_opt(lu, stdout, tb);
	CHECK(!strcmp(out, "remote 198.51.100.42 local any dev eth0 ttl inherit tos inherit pmtudisc "),
	      "print: '%s'", out);

	json = true;
	out[0] = '\0';
	lu->print_opt(lu, stdout, tb);
	CHECK(!strcmp(out, "remote=\"198.51.100.42\";local=\"any\";link=\"eth0\";ttl=0;"
			   "tos=\"inherit\";pmtudisc=true;"), "print json: '%s'", out);

	ttl = 64;
	tos = 0;
	df = 2;
	link = 0;
	tb[IFLA_IPTUN_LINK] = mk(b[2], IFLA_IPTUN_LINK, &link, 4);
	tb[IFLA_IPTUN_TTL] = mk(b[3], IFLA_IPTUN_TTL, &ttl, 1);
	tb[IFLA_IPTUN_TOS] = mk(b[4], IFLA_IPTUN_TOS, &tos, 1);
	tb[IFLA_IPTUN_PMTUDISC] = mk(b[5], IFLA_IPTUN_PMTUDISC, &df, 1);
	json = false;
	out[0] = '\0';
	lu->print_opt(lu, stdout, tb);
	CHECK(!strcmp(out, "remote 198.51.100.42 local any ttl 64 tos 0x00 nodf "),
	      "print nodf: '%s'", out);
}

int main(int argc, char *argv[])
{
	struct link_util *lu;
	void *dl;

	if (argc != 2) {
		fprintf(stderr, "usage: %s PATH-TO-link_scid_ipip.so\n", argv[0]);
		return 2;
	}
	/* As ip does: lazy binding, the helpers come from this executable. */
	dl = dlopen(argv[1], RTLD_LAZY);
	if (!dl) {
		fprintf(stderr, "%s\n", dlerror());
		return 2;
	}
	lu = dlsym(dl, "scid_ipip_link_util");
	CHECK(lu != NULL, "no scid_ipip_link_util in %s", argv[1]);
	if (!lu)
		return 1;
	CHECK(!strcmp(lu->id, "scid_ipip"), "id '%s'", lu->id);
	CHECK(lu->maxattr == IFLA_IPTUN_MAX, "maxattr %d", lu->maxattr);
	CHECK(lu->parse_opt && lu->print_opt && lu->print_help, "missing callbacks");
	CHECK(!lu->print_xstats && !lu->parse_ifla_xstats && !lu->print_ifla_xstats,
	      "unexpected xstats callbacks");
	/* The plugin's own messages for the bad command lines are expected. */
	if (!freopen("/dev/null", "w", stderr))
		return 2;
	parse_tests(lu);
	print_tests(lu);
	printf("plugin: %u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
