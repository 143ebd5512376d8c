/* SPDX-License-Identifier: GPL-2.0 */
/*
 * An external tunnel's words (docs/external.md): the flag "external" and
 * "allow PREFIX[,PREFIX...]|any|none", for scidtun and the ip link plugin.
 * The list travels as IFLA_SCID_ALLOW, a nest of struct scid_prefix.
 */
#ifndef SCID_ALLOW_WORDS_H
#define SCID_ALLOW_WORDS_H

#include "tunnel_words.h"

/* An allow list as the words gave it, or as the kernel dumped it (sorted). */
struct scid_allow {
	unsigned int n;
	struct scid_prefix prefix[SCID_ALLOW_MAX];
};

/* "255.255.255.255/32", and room for a length the kernel would refuse */
#define SCID_PREFIX_TEXT 20

/* What scid_take_external_words() found. */
struct scid_external_words {
	bool external;
	bool allow_given;
	struct scid_allow *allow;	/* the caller's, filled when allow_given */
};

int scid_allow_parse(const char *list, struct scid_allow *a, unsigned int max, char *err,
		     size_t errlen);
int scid_take_external_words(int argc, char **argv, char **rest, struct scid_external_words *x,
			     unsigned int max, char *err, size_t errlen);
void scid_allow_sort(struct scid_allow *a);
bool scid_allow_same(const struct scid_allow *a, const struct scid_allow *b);
void scid_allow_from_attr(const struct rtattr *nest, struct scid_allow *a);
const char *scid_prefix_text(const struct scid_prefix *p, bool bare, char buf[SCID_PREFIX_TEXT]);
bool scid_allow_is_any(const struct scid_allow *a);
void scid_allow_print(FILE *out, const struct scid_allow *a);

#endif
