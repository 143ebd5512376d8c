/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SCIDTUN_INDEX_H
#define SCIDTUN_INDEX_H

#include <stddef.h>

/*
 * Items of one size grouped by interface index: what one dump of a
 * namespace's addresses, routes or links becomes, so that setconf finds a
 * tunnel's share without reading the whole state again for each tunnel.
 */
struct scidtun_group {
	char *items;		/* count items of size bytes each */
	int *keys;		/* the ifindex of each */
	size_t count, max, size;
};

#define SCIDTUN_GROUP_INIT(type) { .size = sizeof(type) }

int scidtun_group_add(struct scidtun_group *g, int ifindex, const void *item);
int scidtun_group_sort(struct scidtun_group *g);
const void *scidtun_group_find(const struct scidtun_group *g, int ifindex, size_t *n);
void scidtun_group_clear(struct scidtun_group *g);

/* Names (an interface name field of each element of an array) in byte order. */
struct scidtun_names {
	const char **names;
	size_t count;
};

#define SCIDTUN_NOT_FOUND ((size_t)-1)

int scidtun_names_build(struct scidtun_names *x, const void *base, size_t n, size_t stride,
			size_t offset);
size_t scidtun_names_find(const struct scidtun_names *x, const void *base, size_t stride,
			  size_t offset, const char *name);
void scidtun_names_free(struct scidtun_names *x);

#endif
