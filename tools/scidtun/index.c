// SPDX-License-Identifier: GPL-2.0
/*
 * Lookups that keep setconf linear in the number of tunnels: items of a
 * dump grouped by interface index, and tunnel names sorted for binary
 * search. Pure, so the unit tests check them without a kernel.
 */

#include <errno.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>

#include "index.h"

/**
 * scidtun_group_add() - append an item, in dump order
 * @g: the group, SCIDTUN_GROUP_INIT or cleared
 * @ifindex: the interface it belongs to
 * @item: g->size bytes, copied
 *
 * Return: 0 or -ENOMEM.
 */
int scidtun_group_add(struct scidtun_group *g, int ifindex, const void *item)
{
	size_t max = g->max ? g->max * 2 : 64;
	char *items;
	int *keys;

	if (g->count == g->max) {
		items = realloc(g->items, max * g->size);
		if (!items)
			return -ENOMEM;
		g->items = items;
		keys = realloc(g->keys, max * sizeof(*keys));
		if (!keys)
			return -ENOMEM;
		g->keys = keys;
		g->max = max;
	}
	memcpy(g->items + g->count * g->size, item, g->size);
	g->keys[g->count++] = ifindex;
	return 0;
}

struct slot {
	int key;
	size_t pos;
};

/* qsort() is not stable: the position breaks ties, keeping dump order. */
static int by_key(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/**
 * scidtun_group_sort() - order by ifindex, each interface's items in the
 * order they were added (setconf prints removals in the kernel's order)
 * @g: the group
 *
 * Return: 0 or -ENOMEM (@g unchanged).
 */
int scidtun_group_sort(struct scidtun_group *g)
{
	struct slot *order;
	char *items;
	size_t i;

	if (g->count < 2)
		return 0;
	order = malloc(g->count * sizeof(*order));
	items = malloc(g->count * g->size);
	if (!order || !items) {
		free(order);
		free(items);
		return -ENOMEM;
	}
	for (i = 0; i < g->count; i++)
		order[i] = (struct slot){ .key = g->keys[i], .pos = i };
	qsort(order, g->count, sizeof(*order), by_key);
	for (i = 0; i < g->count; i++) {
		memcpy(items + i * g->size, g->items + order[i].pos * g->size, g->size);
		g->keys[i] = order[i].key;
	}
	free(order);
	free(g->items);
	g->items = items;
	g->max = g->count;
	return 0;
}

/**
 * scidtun_group_find() - the items of one interface, after scidtun_group_sort()
 * @g: the group
 * @ifindex: the interface
 * @n: receives how many
 *
 * Return: the first of them, or NULL when there are none.
 */
const void *scidtun_group_find(const struct scidtun_group *g, int ifindex, size_t *n)
{
	size_t lo = 0, hi = g->count, mid, end;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (g->keys[mid] < ifindex)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < g->count && g->keys[end] == ifindex; end++)
		;
	*n = end - lo;
	return *n ? g->items + lo * g->size : NULL;
}

/**
 * scidtun_group_clear() - free the items; @g can be filled again
 * @g: the group
 */
void scidtun_group_clear(struct scidtun_group *g)
{
	free(g->items);
	free(g->keys);
	g->items = NULL;
	g->keys = NULL;
	g->count = 0;
	g->max = 0;
}

static int by_name(const void *a, const void *b)
{
	return strncmp(*(const char *const *)a, *(const char *const *)b, IFNAMSIZ);
}

/**
 * scidtun_names_build() - sort the names of an array's elements
 * @x: receives the index; scidtun_names_free() it
 * @base: the array
 * @n: its length
 * @stride: the size of an element
 * @offset: where in an element its char[IFNAMSIZ] name is
 *
 * Return: 0 or -ENOMEM.
 */
int scidtun_names_build(struct scidtun_names *x, const void *base, size_t n, size_t stride,
			size_t offset)
{
	size_t i;

	x->count = 0;
	x->names = malloc((n ? n : 1) * sizeof(*x->names));
	if (!x->names)
		return -ENOMEM;
	for (i = 0; i < n; i++)
		x->names[i] = (const char *)base + i * stride + offset;
	x->count = n;
	qsort(x->names, n, sizeof(*x->names), by_name);
	return 0;
}

/**
 * scidtun_names_find() - which element of the array has @name
 * @x: the index
 * @base: the array scidtun_names_build() was given
 * @stride: as given to it
 * @offset: as given to it
 * @name: the name
 *
 * Return: the element's position in the array, or SCIDTUN_NOT_FOUND.
 */
size_t scidtun_names_find(const struct scidtun_names *x, const void *base, size_t stride,
			  size_t offset, const char *name)
{
	const char **hit = bsearch(&name, x->names, x->count, sizeof(*x->names), by_name);

	if (!hit)
		return SCIDTUN_NOT_FOUND;
	return (size_t)(*hit - offset - (const char *)base) / stride;
}

/**
 * scidtun_names_free() - free what scidtun_names_build() allocated
 * @x: the index; left empty
 */
void scidtun_names_free(struct scidtun_names *x)
{
	free(x->names);
	x->names = NULL;
	x->count = 0;
}
