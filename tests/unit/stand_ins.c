// SPDX-License-Identifier: GPL-2.0
/* Stand-ins for the system, shared by the unit tests (stand_ins.h). */

#include <stdio.h>
#include <string.h>

#include "stand_ins.h"

unsigned int no_lookup(const char *name)
{
	(void)name;
	return 0;
}

char *no_name(unsigned int index, char *name)
{
	(void)index;
	(void)name;
	return NULL;
}

/* @err has room for 512 bytes, as the callers' buffers do. */
int parse_conf(struct scidtun_conf *conf, const char *text, char *err)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int ret;

	memset(conf, 0, sizeof(*conf));
	ret = scidtun_conf_parse(conf, f, "t.conf", no_lookup, err, 512);
	fclose(f);
	return ret;
}
