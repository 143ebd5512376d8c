// SPDX-License-Identifier: GPL-2.0
/*
 * The words of an external tunnel, shared by scidtun and the ip link
 * plugin so that both take and print the same lists with the same errors.
 */

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "allow_words.h"

/* One prefix: A.B.C.D or A.B.C.D/LEN, host bits clear. */
static int parse_prefix(const char *text, struct scid_prefix *p, char *err, size_t errlen)
{
	char addr[INET_ADDRSTRLEN], *end;
	const char *slash = strchr(text, '/');
	size_t alen = slash ? (size_t)(slash - text) : strlen(text);
	unsigned long len = 32;
	uint32_t mask;

	memset(p, 0, sizeof(*p));
	if (alen >= sizeof(addr))
		return scid_fail(err, errlen, "invalid allow prefix '%s': not A.B.C.D[/LEN]", text);
	snprintf(addr, sizeof(addr), "%.*s", (int)alen, text);
	if (inet_pton(AF_INET, addr, &p->addr) != 1)
		return scid_fail(err, errlen, "invalid allow prefix '%s': not A.B.C.D[/LEN]", text);
	if (slash) {
		len = strtoul(slash + 1, &end, 10);
		if (!slash[1] || *end || len > 32)
			return scid_fail(err, errlen,
					 "invalid allow prefix '%s': the length must be 0..32", text);
	}
	p->len = (uint8_t)len;
	mask = len ? ~0U << (32 - len) : 0;
	if (ntohl(p->addr) & ~mask)
		return scid_fail(err, errlen,
				 "invalid allow prefix '%s': host bits set (the network is %s/%lu)",
				 text, inet_ntop(AF_INET, &(uint32_t){ htonl(ntohl(p->addr) & mask) },
						 addr, sizeof(addr)), len);
	return 0;
}

/**
 * scid_allow_parse() - the value of allow
 * @list: "any" (0.0.0.0/0), "none" (an empty list) or prefixes by commas
 * @a: receives the prefixes, in the order given
 * @max: the most prefixes the request that carries them holds
 * @err: receives the message on failure, naming the bad prefix
 * @errlen: size of @err
 *
 * The kernel refuses a repeated prefix and host bits: so does this, first,
 * with the network meant.
 *
 * Return: 0, or -1 with @err set.
 */
int scid_allow_parse(const char *list, struct scid_allow *a, unsigned int max, char *err,
		     size_t errlen)
{
	const char *item = list, *comma;
	char one[64];
	unsigned int i;
	size_t len;

	a->n = 0;
	if (!strcmp(list, "none"))
		return 0;
	if (!strcmp(list, "any")) {
		memset(&a->prefix[0], 0, sizeof(a->prefix[0]));
		a->n = 1;
		return 0;
	}
	if (!*list)
		return scid_fail(err, errlen,
				 "invalid allow '%.40s': expected PREFIX[,PREFIX...], any or none",
				 list);
	for (;;) {
		comma = strchr(item, ',');
		len = comma ? (size_t)(comma - item) : strlen(item);
		if (!len || len >= sizeof(one))
			return scid_fail(err, errlen,
					 "invalid allow '%.40s': expected PREFIX[,PREFIX...], any or none",
					 list);
		if (a->n == max || a->n == SCID_ALLOW_MAX)
			return scid_fail(err, errlen,
					 max < SCID_ALLOW_MAX ?
					 "invalid allow: more than %u prefixes in one ip link request" :
					 "invalid allow: more than %u prefixes", a->n);
		snprintf(one, sizeof(one), "%.*s", (int)len, item);
		if (parse_prefix(one, &a->prefix[a->n], err, errlen))
			return -1;
		for (i = 0; i < a->n; i++) {
			if (a->prefix[i].addr == a->prefix[a->n].addr &&
			    a->prefix[i].len == a->prefix[a->n].len)
				return scid_fail(err, errlen, "invalid allow: '%s' is given twice",
						 one);
		}
		a->n++;
		if (!comma)
			return 0;
		item = comma + 1;
	}
}

/**
 * scid_take_external_words() - take external and allow out of a command line
 * @argc: number of words in @argv
 * @argv: the words after the tunnel's name
 * @rest: receives the words left for scid_tun_parse(); room for @argc
 * @x: receives what was found; x->allow must point to room for the list
 * @max: as for scid_allow_parse()
 * @err: receives the message on failure
 * @errlen: size of @err
 *
 * Return: how many words are left in @rest, or -1 with @err set.
 */
int scid_take_external_words(int argc, char **argv, char **rest, struct scid_external_words *x,
			     unsigned int max, char *err, size_t errlen)
{
	int i, n = 0;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "external")) {
			if (x->external)
				return scid_fail(err, errlen, "'external' is given twice");
			x->external = true;
		} else if (!strcmp(argv[i], "allow")) {
			if (x->allow_given)
				return scid_fail(err, errlen, "'allow' is given twice");
			if (i + 1 == argc)
				return scid_fail(err, errlen, "'allow' needs a value");
			x->allow_given = true;
			if (scid_allow_parse(argv[++i], x->allow, max, err, errlen))
				return -1;
		} else {
			rest[n++] = argv[i];
		}
	}
	return n;
}

/* The kernel's order (module/external.c): by first address, then length. */
static int prefix_cmp(const void *a, const void *b)
{
	const struct scid_prefix *x = a, *y = b;
	uint32_t xa = ntohl(x->addr), ya = ntohl(y->addr);

	if (xa != ya)
		return xa < ya ? -1 : 1;
	return (int)x->len - (int)y->len;
}

/**
 * scid_allow_sort() - put a list in the order the kernel dumps it
 * @a: the list
 */
void scid_allow_sort(struct scid_allow *a)
{
	qsort(a->prefix, a->n, sizeof(a->prefix[0]), prefix_cmp);
}

/**
 * scid_allow_same() - whether two sorted lists hold the same prefixes
 * @a: one list
 * @b: the other
 *
 * Return: true if they do.
 */
bool scid_allow_same(const struct scid_allow *a, const struct scid_allow *b)
{
	unsigned int i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++) {
		if (prefix_cmp(&a->prefix[i], &b->prefix[i]))
			return false;
	}
	return true;
}

/**
 * scid_allow_from_attr() - the list an IFLA_SCID_ALLOW nest holds
 * @nest: the attribute, or NULL for an empty list
 * @a: receives its prefixes, in its order; entries of another type or
 *     size, and any past SCID_ALLOW_MAX, are skipped
 */
void scid_allow_from_attr(const struct rtattr *nest, struct scid_allow *a)
{
	const struct rtattr *rta;
	int len;

	a->n = 0;
	if (!nest)
		return;
	len = (int)RTA_PAYLOAD(nest);
	for (rta = RTA_DATA(nest); RTA_OK(rta, len); rta = RTA_NEXT(rta, len)) {
		if ((rta->rta_type & NLA_TYPE_MASK) != IFLA_SCID_ALLOW_PREFIX ||
		    RTA_PAYLOAD(rta) < sizeof(struct scid_prefix) || a->n == SCID_ALLOW_MAX)
			continue;
		memcpy(&a->prefix[a->n++], RTA_DATA(rta), sizeof(struct scid_prefix));
	}
}

/**
 * scid_prefix_text() - one prefix as text
 * @p: the prefix
 * @bare: as allow takes it back in a list: a /32 without its length
 * @buf: receives the text
 *
 * Return: @buf.
 */
const char *scid_prefix_text(const struct scid_prefix *p, bool bare, char buf[SCID_PREFIX_TEXT])
{
	char addr[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &p->addr, addr, sizeof(addr));
	if (bare && p->len == 32)
		snprintf(buf, SCID_PREFIX_TEXT, "%s", addr);
	else
		snprintf(buf, SCID_PREFIX_TEXT, "%s/%u", addr, p->len);
	return buf;
}

/**
 * scid_allow_is_any() - whether a list is "any": 0.0.0.0/0 alone
 * @a: the list
 *
 * Return: true if it is; in a longer list, 0.0.0.0/0 is printed as such,
 * since allow takes "any" only alone.
 */
bool scid_allow_is_any(const struct scid_allow *a)
{
	return a->n == 1 && !a->prefix[0].len;
}

/**
 * scid_allow_print() - a list as allow takes it back
 * @out: where to print
 * @a: the list: "none" when empty, "any" for 0.0.0.0/0 alone, else its
 *     prefixes by commas
 */
void scid_allow_print(FILE *out, const struct scid_allow *a)
{
	char buf[SCID_PREFIX_TEXT];
	unsigned int i;

	if (!a->n)
		fputs("none", out);
	else if (scid_allow_is_any(a))
		fputs("any", out);
	for (i = 0; i < a->n && !scid_allow_is_any(a); i++)
		fprintf(out, "%s%s", i ? "," : "", scid_prefix_text(&a->prefix[i], true, buf));
}
