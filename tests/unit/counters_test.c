// SPDX-License-Identifier: GPL-2.0
/*
 * The driver's counters are listed once, in module/counters.h;
 * docs/behaviour.md, scidtun(8) and docs/troubleshooting.md must name every
 * one of them, and every counter-looking word of docs/troubleshooting.md
 * (one that starts as the module's counters do) must be one of them.
 */

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

/* Does @text hold @name as a whole word (not as the start of a longer name)? */
static bool names(const char *text, const char *name)
{
	size_t len = strlen(name);
	const char *p;

	for (p = strstr(text, name); p; p = strstr(p + 1, name)) {
		char before = p == text ? ' ' : p[-1], after = p[len];

		if (!(before == '_' || (before >= 'a' && before <= 'z')) &&
		    !(after == '_' || (after >= 'a' && after <= 'z')))
			return true;
	}
	return false;
}

/* The starts of the module's counter names. */
static const char *const counter_prefixes[] = {
	"tx_drop_", "rx_drop_", "rx_gro_", "icmp_", "ka_", "mss_", "pmtu_",
};

static bool is_word_char(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/*
 * Every word of @text that starts with one of counter_prefixes must be a
 * counter of @header ("\"NAME\"" in an SCID_COUNTER() line).
 */
static void check_counter_words(const char *text, const char *header, const char *file)
{
	const char *p = text;
	char word[64], quoted[68];
	size_t i, len;

	while (*p) {
		if (!is_word_char(*p) || (p > text && is_word_char(p[-1]))) {
			p++;
			continue;
		}
		for (len = 0; is_word_char(p[len]); len++)
			;
		for (i = 0; i < sizeof(counter_prefixes) / sizeof(counter_prefixes[0]); i++) {
			if (strncmp(p, counter_prefixes[i], strlen(counter_prefixes[i])))
				continue;
			snprintf(word, sizeof(word), "%.*s", (int)len, p);
			snprintf(quoted, sizeof(quoted), "\"%s\"", word);
			CHECK(strstr(header, quoted) != NULL,
			      "%s names '%s', which is not a counter of module/counters.h", file, word);
			break;
		}
		p += len;
	}
}

void counters_tests(const char *top)
{
	char path[4096], name[64], *header, *readme, *man, *trouble, *list, *p, *q;
	unsigned int n = 0;

	snprintf(path, sizeof(path), "%s/module/counters.h", top);
	header = slurp_file(path);
	snprintf(path, sizeof(path), "%s/docs/behaviour.md", top);
	readme = slurp_file(path);
	snprintf(path, sizeof(path), "%s/tools/scidtun/man/scidtun.8", top);
	man = slurp_file(path);
	snprintf(path, sizeof(path), "%s/docs/troubleshooting.md", top);
	trouble = slurp_file(path);
	if (!header || !readme || !man || !trouble)
		goto out;
	check_counter_words(trouble, header, "docs/troubleshooting.md");
	list = header;
	for (p = strstr(list, "\nSCID_COUNTER("); p; p = strstr(p + 1, "\nSCID_COUNTER(")) {
		p = strchr(p, '"');
		q = p ? strchr(p + 1, '"') : NULL;
		if (!q)
			break;
		snprintf(name, sizeof(name), "%.*s", (int)(q - p - 1), p + 1);
		CHECK(names(readme, name), "docs/behaviour.md does not name the counter '%s'", name);
		CHECK(names(man, name), "scidtun(8) does not name the counter '%s'", name);
		CHECK(names(trouble, name), "docs/troubleshooting.md does not name the counter '%s'",
		      name);
		n++;
		p = q;
	}
	CHECK(n > 0, "no SCID_COUNTER() line in module/counters.h");
out:
	free(header);
	free(readme);
	free(man);
	free(trouble);
}
