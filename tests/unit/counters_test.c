// SPDX-License-Identifier: GPL-2.0
/*
 * The driver's counters are listed once, in module/counters.h;
 * docs/behaviour.md and scidtun(8) must name every one of them.
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

void counters_tests(const char *top)
{
	char path[4096], name[64], *header, *readme, *man, *list, *p, *q;
	unsigned int n = 0;

	snprintf(path, sizeof(path), "%s/module/counters.h", top);
	header = slurp_file(path);
	snprintf(path, sizeof(path), "%s/docs/behaviour.md", top);
	readme = slurp_file(path);
	snprintf(path, sizeof(path), "%s/tools/scidtun/man/scidtun.8", top);
	man = slurp_file(path);
	if (!header || !readme || !man)
		goto out;
	list = header;
	for (p = strstr(list, "\nSCID_COUNTER("); p; p = strstr(p + 1, "\nSCID_COUNTER(")) {
		p = strchr(p, '"');
		q = p ? strchr(p + 1, '"') : NULL;
		if (!q)
			break;
		snprintf(name, sizeof(name), "%.*s", (int)(q - p - 1), p + 1);
		CHECK(names(readme, name), "docs/behaviour.md does not name the counter '%s'", name);
		CHECK(names(man, name), "scidtun(8) does not name the counter '%s'", name);
		n++;
		p = q;
	}
	CHECK(n > 0, "no SCID_COUNTER() line in module/counters.h");
out:
	free(header);
	free(readme);
	free(man);
}
