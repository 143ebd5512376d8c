// SPDX-License-Identifier: GPL-2.0
/*
 * One answer for every word: the same command line through scidtun's
 * parser and through the ip link plugin gives the same tunnel or the same
 * error, what the plugin prints reads back through scidtun, and the man
 * page and the bash completion name exactly the words of the table.
 */

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "format.h"
#include "iproute2/plugin.h"
#include "parse.h"
#include "stand_ins.h"

#define MAX_WORDS 24

/**
 * slurp_file() - a whole file as a string
 * @path: the file
 *
 * Return: the text, to free(); NULL if it cannot be read (a failed check says so).
 */
char *slurp_file(const char *path)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f, *mem;
	int c;

	f = fopen(path, "r");
	CHECK(f != NULL, "cannot read %s", path);
	if (!f)
		return NULL;
	mem = open_memstream(&buf, &len);
	while ((c = fgetc(f)) != EOF)
		fputc(c, mem);
	fclose(mem);
	fclose(f);
	return buf;
}

static unsigned int fake_lookup(const char *name)
{
	return strcmp(name, "eth0") ? 0 : 2;
}

static char *fake_indextoname(unsigned int index, char *name)
{
	if (index != 2)
		return NULL;
	return strcpy(name, "eth0");
}

/* "a b c" into argv[1..] after @first; the words live in @buf. */
static int split(const char *line, char *first, char *buf, size_t len, char **argv)
{
	char *save = NULL, *w;
	int n = 0;

	snprintf(buf, len, "%s", line);
	if (first)
		argv[n++] = first;
	for (w = strtok_r(buf, " ", &save); w && n < MAX_WORDS - 1; w = strtok_r(NULL, " ", &save))
		argv[n++] = w;
	argv[n] = NULL;
	return n;
}

/* Through `scidtun add t LINE` and `ip link add t type scid_ipip LINE`. */
static void same_add(struct link_util *lu, const char *line)
{
	char buf[256], msg[256], err[256] = "", name[] = "t";
	struct scidtun_request req;
	struct ip_tunnel_parm kernel;
	char *argv[MAX_WORDS];
	int n, ret, pret;

	n = split(line, name, buf, sizeof(buf), argv);
	ret = scidtun_parse_tunnel_args(n, argv, SCIDTUN_CMD_ADD, fake_lookup, &req, err,
					sizeof(err));
	pret = plugin_parse(lu, argv + 1, true, msg, sizeof(msg));
	CHECK(!ret == !pret, "add '%s': scidtun %s (%s), plugin %s (%s)", line,
	      ret ? "refuses" : "accepts", err, pret ? "refuses" : "accepts", msg);
	if (ret || pret) {
		CHECK_STR(msg, err, line);
		return;
	}
	added_parm(&kernel);
	plugin_attrs(&kernel);
	CHECK(!memcmp(&kernel, &req.parm, sizeof(kernel)),
	      "add '%s': the plugin's tunnel differs from scidtun's", line);
}

/* Through `scidtun change t LINE` and `ip link set t type scid_ipip LINE`. */
static void same_change(struct link_util *lu, const char *line)
{
	char buf[256], msg[256], err[256] = "", name[] = "t";
	struct ip_tunnel_parm cur, viaip;
	struct scidtun_request req;
	char *argv[MAX_WORDS];
	int n, ret, pret;

	added_parm(&cur);
	inet_pton(AF_INET, "192.0.2.1", &cur.iph.daddr);
	viaip = cur;
	n = split(line, name, buf, sizeof(buf), argv);
	ret = scidtun_parse_tunnel_args(n, argv, SCIDTUN_CMD_CHANGE, fake_lookup, &req, err,
					sizeof(err));
	if (!ret)
		ret = scidtun_apply_change(&req, &cur, err, sizeof(err));
	pret = plugin_parse(lu, argv + 1, false, msg, sizeof(msg));
	CHECK(!ret == !pret, "change '%s': scidtun %s (%s), plugin %s (%s)", line,
	      ret ? "refuses" : "accepts", err, pret ? "refuses" : "accepts", msg);
	if (ret || pret) {
		CHECK_STR(msg, err, line);
		return;
	}
	plugin_attrs(&viaip);
	CHECK(!memcmp(&viaip, &cur, sizeof(cur)),
	      "change '%s': the plugin's tunnel differs from scidtun's", line);
}

/* What ip -d link show prints is scidtun show's words, and add takes it back. */
static void same_print(struct link_util *lu, const char *line)
{
	char buf[256], again[256], err[256] = "", shown[SCIDTUN_FORMAT_MAX], name[] = "t";
	struct scidtun_request req, back;
	char *argv[MAX_WORDS], *dev;
	const char *printed;
	int n;

	n = split(line, name, buf, sizeof(buf), argv);
	CHECK(!scidtun_parse_tunnel_args(n, argv, SCIDTUN_CMD_ADD, fake_lookup, &req, err,
					 sizeof(err)), "print source '%s': %s", line, err);
	printed = plugin_print(lu, &req.parm, false);
	scidtun_format_tunnel(shown, sizeof(shown), &req.parm, SCIDTUN_STYLE_HUMAN,
			      fake_indextoname, NULL);
	/* ip leaves out an unbound dev, as it does for the kernel's ipip. */
	dev = strstr(shown, " dev none");
	if (dev)
		memmove(dev, dev + 9, strlen(dev + 9) + 1);
	snprintf(again, sizeof(again), "%s ", shown + strlen("t: ip/ip "));
	CHECK_STR(printed, again, line);

	n = split(printed, name, again, sizeof(again), argv);
	CHECK(!scidtun_parse_tunnel_args(n, argv, SCIDTUN_CMD_ADD, fake_lookup, &back, err,
					 sizeof(err)), "print '%s' does not parse back: %s", printed,
	      err);
	CHECK(!memcmp(&back.parm, &req.parm, sizeof(req.parm)),
	      "print '%s' parses back to another tunnel", printed);
}

static void same_answers(struct link_util *lu)
{
	static const char *const adds[] = {
		"remote 198.51.100.42 local 192.0.2.51 dev eth0 ttl 64 tos 0x10 pmtudisc",
		"remote any",
		"mode ipip remote 198.51.100.42",
		"mode ip/ip remote 198.51.100.42 nodf",
		/* ip-tunnel(8)'s and ip-link(8)'s other names, in both. */
		"remote 198.51.100.42 link eth0 hoplimit 9 dsfield 16 nodf",
		"remote 198.51.100.42 ttl 0",
		"remote 198.51.100.42 ttl inherit nopmtudisc",
		"remote 198.51.100.42 tos inherit",
		"remote 198.51.100.42 tos 0XfF",
		/* The refusals. */
		"remote 198.51.100.42 ttl 0x10",
		"remote 198.51.100.42 ttl 0X10",
		"remote 198.51.100.42 hoplimit 0X10",
		"remote 198.51.100.42 ttl 256",
		"remote 198.51.100.42 tos 256",
		"remote 224.0.0.1",
		"remote 255.255.255.255",
		"remote any local 127.0.0.1",
		"remote 300.1.1.1",
		"remote",
		"remote 198.51.100.42 dev eth9",
		"remote 198.51.100.42 ttl 64 nopmtudisc",
		"remote 198.51.100.42 hoplimit 64 nopmtudisc",
		"remote 198.51.100.42 ttl 1 ttl 2",
		"remote 198.51.100.42 ttl 1 hoplimit 2",
		"remote 198.51.100.42 pmtudisc nodf",
		"remote 198.51.100.42 key 5",
		"mode gre remote 198.51.100.42",
		"local 192.0.2.51 dev eth0",
		"",
		/* Keepalive, and its refusals. */
		"remote 198.51.100.42 keepalive 100ms hold 3 rise 2",
		"remote 198.51.100.42 keepalive off hold 9",
		"remote any keepalive 1s",
		"remote 198.51.100.42 keepalive 100",
		"remote 198.51.100.42 keepalive 49ms",
		"remote 198.51.100.42 keepalive 1s hold 0",
		"remote 198.51.100.42 rise 101",
		/* fwmark, as ipip takes it, and its refusals. */
		"remote 198.51.100.42 fwmark 0x10",
		"remote 198.51.100.42 fwmark 4294967295 ttl 64",
		"remote 198.51.100.42 fwmark 010",
		"remote 198.51.100.42 fwmark 4294967296",
		"remote 198.51.100.42 fwmark",
		/* clamp-mss, and its refusals. */
		"remote 198.51.100.42 clamp-mss 1340",
		"remote 198.51.100.42 clamp-mss auto ttl 64",
		"remote any clamp-mss off",
		"remote 198.51.100.42 clamp-mss 535",
		"remote 198.51.100.42 clamp-mss 65496",
		"remote 198.51.100.42 clamp-mss 2",
		"remote 198.51.100.42 clamp-mss abc",
		"remote 198.51.100.42 clamp-mss",
		"remote 198.51.100.42 clamp-mss 1340 clamp-mss auto",
		/* pmtu-probe and pmtu-raise, and their refusals. */
		"remote 198.51.100.42 keepalive 100ms pmtu-probe on",
		"remote 198.51.100.42 keepalive 1s pmtu-probe on pmtu-raise 1h",
		"remote 198.51.100.42 pmtu-raise 90s",
		"remote 198.51.100.42 pmtu-probe on",
		"remote 198.51.100.42 keepalive 1s pmtu-probe on nodf",
		"remote 198.51.100.42 keepalive 1s pmtu-probe maybe",
		"remote 198.51.100.42 pmtu-raise 999ms",
		"remote 198.51.100.42 pmtu-raise 1d",
		/* FOU and GUE, and their refusals. */
		"remote 198.51.100.42 encap fou encap-dport 5555",
		"remote 198.51.100.42 encap gue encap-dport 6666 encap-sport 1000 encap-csum encap-remcsum",
		"remote any noencap encap-sport auto noencap-csum noencap-remcsum",
		"remote 198.51.100.42 encap fou",
		"remote 198.51.100.42 encap gue encap-dport 0",
		"remote 198.51.100.42 encap fou encap-dport 5555 encap-remcsum",
		"remote 198.51.100.42 encap udp encap-dport 5555",
		"remote 198.51.100.42 encap fou encap-dport 5555 encap-sport 070",
		"remote 198.51.100.42 encap fou noencap",
		"remote 198.51.100.42 encap-csum noencap-csum",
	};
	/*
	 * Not "" or "mode ipip": scidtun change refuses them ("nothing to
	 * change for 't'"), a command's rule; ip link set changes nothing.
	 */
	static const char *const changes[] = {
		"ttl 9", "tos inherit ttl inherit", "nodf", "dev eth0", "link eth0",
		"local 192.0.2.7", "remote 192.0.2.9", "dsfield 0x20", "nopmtudisc",
		"hoplimit 0X10", "ttl 5 nopmtudisc", "tos", "local 239.1.1.1",
		"keepalive 2s", "keepalive off", "hold 4 rise 3", "keepalive 10x", "hold 0",
		"fwmark 16", "fwmark 0", "fwmark 0xffffffff", "fwmark -1",
		"clamp-mss 65495", "clamp-mss auto", "clamp-mss off", "clamp-mss 1340x",
		"clamp-mss -1", "ttl 9 clamp-mss 536",
		"pmtu-probe on", "pmtu-probe off", "pmtu-raise 10m", "keepalive off pmtu-probe off",
		"keepalive off pmtu-probe on", "nodf pmtu-probe on", "pmtu-raise 24h",
		"pmtu-raise 25h",
		"encap fou", "noencap", "encap-dport 5555", "encap-sport auto", "encap-csum",
		"noencap-remcsum", "ttl 9 encap gue encap-remcsum", "encap none encap-remcsum",
		"encap-dport 0", "encap-sport 65536",
	};
	static const char *const prints[] = {
		"remote 198.51.100.42 local 192.0.2.51 dev eth0 ttl 64 tos 0x10",
		"remote any tos inherit nopmtudisc",
		"remote 198.51.100.42 ttl 255 tos 1 nodf",
	};
	size_t i;

	if (!lu)
		return;
	/* A set with one encap flag reads the tunnel's: the plugin's read succeeds. */
	plugin_answer_flags(0);
	for (i = 0; i < sizeof(adds) / sizeof(adds[0]); i++)
		same_add(lu, adds[i]);
	for (i = 0; i < sizeof(changes) / sizeof(changes[0]); i++)
		same_change(lu, changes[i]);
	for (i = 0; i < sizeof(prints) / sizeof(prints[0]); i++)
		same_print(lu, prints[i]);
}

/* Is @word one of the blank-separated words of @list? */
static bool listed(const char *list, const char *word)
{
	size_t len = strlen(word);
	const char *p;

	for (p = strstr(list, word); p; p = strstr(p + 1, word)) {
		if ((p == list || p[-1] == ' ' || p[-1] == '"') &&
		    (p[len] == ' ' || p[len] == '"' || p[len] == '\n' || !p[len]))
			return true;
	}
	return false;
}

static int count_words(const char *list)
{
	int n = 0;
	bool in = false;

	for (; *list && *list != '"'; list++) {
		if (*list != ' ' && !in)
			n++;
		in = *list != ' ';
	}
	return n;
}

/* The value of NAME="..." in a shell file, up to its closing quote. */
static const char *shell_list(const char *text, const char *name)
{
	char key[64];
	const char *p;

	snprintf(key, sizeof(key), "\n%s=\"", name);
	p = strstr(text, key);
	CHECK(p != NULL, "completion: no %s=\"...\" line", name);
	return p ? p + strlen(key) : NULL;
}

/*
 * _scidtun_fields: one A,B,C group for each field that more than one row
 * sets, its keywords in the table's order, and no other group.
 */
static void completion_fields_match(const char *fields)
{
	char group[128];
	int f, n, ngroups = 0;
	size_t i;

	for (f = 0; f < SCID_TUN_NFIELDS; f++) {
		group[0] = '\0';
		for (i = 0, n = 0; i < scid_nwords; i++) {
			if ((int)scid_words[i].field != f)
				continue;
			snprintf(group + strlen(group), sizeof(group) - strlen(group), "%s%s",
				 n++ ? "," : "", scid_words[i].keyword);
		}
		if (n < 2)
			continue;
		ngroups++;
		CHECK(listed(fields, group), "completion: '%s' missing from _scidtun_fields", group);
	}
	CHECK(count_words(fields) == ngroups,
	      "completion: _scidtun_fields has %d groups, the table %d", count_words(fields),
	      ngroups);
}

static void completion_matches(const char *top)
{
	const char *valued, *flags, *aliases, *fields;
	int nvalued = 0, nflags = 0, naliases = 0;
	const char *const *a;
	char path[4096], pair[64];
	char *text;
	size_t i;

	snprintf(path, sizeof(path), "%s/tools/scidtun/completion/scidtun.bash", top);
	text = slurp_file(path);
	if (!text)
		return;
	valued = shell_list(text, "_scidtun_valued");
	flags = shell_list(text, "_scidtun_flags");
	aliases = shell_list(text, "_scidtun_aliases");
	fields = shell_list(text, "_scidtun_fields");
	if (!valued || !flags || !aliases || !fields)
		goto out;
	completion_fields_match(fields);
	for (i = 0; i < scid_nwords; i++) {
		const struct scid_word *w = &scid_words[i];

		CHECK(listed(w->arg ? valued : flags, w->keyword),
		      "completion: '%s' missing from %s", w->keyword,
		      w->arg ? "_scidtun_valued" : "_scidtun_flags");
		*(w->arg ? &nvalued : &nflags) += 1;
		for (a = w->aliases; *a; a++) {
			snprintf(pair, sizeof(pair), "%s=%s", *a, w->keyword);
			CHECK(listed(aliases, pair), "completion: '%s' missing from _scidtun_aliases",
			      pair);
			naliases++;
		}
	}
	CHECK(count_words(valued) == nvalued, "completion: _scidtun_valued has %d words, the table %d",
	      count_words(valued), nvalued);
	CHECK(count_words(flags) == nflags, "completion: _scidtun_flags has %d words, the table %d",
	      count_words(flags), nflags);
	CHECK(count_words(aliases) == naliases,
	      "completion: _scidtun_aliases has %d words, the table %d", count_words(aliases),
	      naliases);
out:
	free(text);
}

/* roff's "\-" as the '-' it prints, so that "clamp\-mss" reads as the keyword. */
static void unescape_minus(char *s)
{
	char *to = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] == '-')
			s++;
		*to++ = *s;
	}
	*to = '\0';
}

/*
 * The man page's OPTIONS: one .TP tag per row, naming its keyword first and
 * then its aliases, and no tag for a word the table does not have.
 */
static void man_matches(const char *top)
{
	char path[4096], tag[256], *text, *start, *end, *p, *word, *save;
	bool found[64] = { false };
	const struct scid_word *w;
	const char *const *a;
	size_t i;

	snprintf(path, sizeof(path), "%s/tools/scidtun/man/scidtun.8", top);
	text = slurp_file(path);
	if (!text)
		return;
	start = strstr(text, "\n.SH OPTIONS\n");
	CHECK(start != NULL, "man: no OPTIONS section");
	if (!start)
		goto out;
	end = strstr(start + 1, "\n.SH ");
	if (end)
		*end = '\0';
	for (p = strstr(start, "\n.TP\n"); p; p = strstr(p + 1, "\n.TP\n")) {
		p += 5;
		snprintf(tag, sizeof(tag), "%.*s", (int)strcspn(p, "\n"), p);
		unescape_minus(tag);
		strtok_r(tag, " ", &save);			/* .B, .BR, .BI */
		word = strtok_r(NULL, " ", &save);
		w = word ? scid_word_find(word) : NULL;
		CHECK(w && !strcmp(w->keyword, word), "man: OPTIONS names '%s', not a keyword",
		      word ? word : "");
		if (!w || strcmp(w->keyword, word))
			continue;
		found[w - scid_words] = true;
		for (a = w->aliases; *a; a++)
			CHECK(save && listed(save, *a), "man: '%s' without its alias '%s'",
			      w->keyword, *a);
	}
	for (i = 0; i < scid_nwords; i++)
		CHECK(found[i], "man: OPTIONS has no entry for '%s'", scid_words[i].keyword);
out:
	free(text);
}

void words_tests(struct link_util *lu, const char *top)
{
	same_answers(lu);
	completion_matches(top);
	man_matches(top);
}
