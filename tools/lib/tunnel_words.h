/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The words of a scid_ipip tunnel, for scidtun and the ip link plugin alike:
 * one table of keywords over a neutral description of a tunnel, and the
 * adapters that turn that description into struct ip_tunnel_parm (ioctl)
 * or IFLA_IPTUN_* attributes (rtnetlink) and back.
 */
#ifndef SCID_TUNNEL_WORDS_H
#define SCID_TUNNEL_WORDS_H

/*
 * The libc headers must come before the uapi ones: <linux/libc-compat.h>
 * only steps aside for definitions libc has already made.
 */
#include <netinet/in.h>
#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <linux/if_tunnel.h>
#include <linux/rtnetlink.h>

#include "../../module/uapi/scid_ipip.h"

/* The fields a command line can set, in the order show prints them. */
enum scid_tun_field {
	SCID_TUN_MODE,
	SCID_TUN_REMOTE,
	SCID_TUN_LOCAL,
	SCID_TUN_DEV,
	SCID_TUN_TTL,
	SCID_TUN_TOS,
	SCID_TUN_DF,
	/* The fields above travel in struct ip_tunnel_parm; those below only by rtnetlink. */
	SCID_TUN_FWMARK,
	/* FOU/GUE, printed after the fwmark as ip prints ipip's. */
	SCID_TUN_ENCAP,
	SCID_TUN_ENCAP_SPORT,
	SCID_TUN_ENCAP_DPORT,
	SCID_TUN_ENCAP_CSUM,
	SCID_TUN_ENCAP_REMCSUM,
	SCID_TUN_MTU,
	SCID_TUN_CLAMP_MSS,
	SCID_TUN_KEEPALIVE,
	SCID_TUN_HOLD,
	SCID_TUN_RISE,
	SCID_TUN_PMTU_PROBE,
	SCID_TUN_PMTU_RAISE,
	SCID_TUN_NFIELDS
};

/* How many fields the ioctls carry (struct ip_tunnel_parm). */
#define SCID_TUN_PARM_FIELDS SCID_TUN_FWMARK

#define SCID_TUN_GIVEN(field) (1u << (field))

/* A tunnel as its words describe it, whatever carries it to the kernel. */
struct scid_tun {
	unsigned int given;	/* SCID_TUN_GIVEN() of each field set */
	uint8_t mode;		/* what it carries: IPPROTO_IPIP, IPPROTO_MPLS, or 0 for both */
	uint32_t remote;	/* network byte order; 0 is any */
	uint32_t local;
	unsigned int link;	/* ifindex of dev; 0 for none */
	uint8_t ttl;		/* 0 is inherit */
	uint8_t tos;		/* SCID_TOS_INHERIT is inherit */
	uint8_t df;		/* SCID_PMTUDISC_* */
	uint32_t fwmark;	/* the outer packets' mark for policy routing; 0 is none */
	uint16_t encap;		/* TUNNEL_ENCAP_NONE, _FOU or _GUE */
	uint16_t encap_sport;	/* host byte order; 0 is auto (the flow's hash) */
	uint16_t encap_dport;	/* host byte order; the port the peer's ip fou listens on */
	uint8_t encap_csum;	/* 1: UDP checksum on outer packets */
	uint8_t encap_remcsum;	/* 1: GUE remote checksum offload */
	uint16_t mtu;		/* pinned MTU; 0 is auto, following the device below */
	uint32_t clamp_mss;	/* SCID_CLAMP_MSS_OFF, SCID_CLAMP_MSS_AUTO, or the MSS */
	uint32_t keepalive;	/* ms between probes; 0 is off */
	uint32_t hold;		/* probes unanswered before the carrier goes */
	uint32_t rise;		/* probes answered before it comes back */
	uint8_t pmtu_probe;	/* 1: path MTU probes ride with the keepalive's */
	uint32_t pmtu_raise;	/* ms a completed search waits before trying larger */
};

enum scid_tun_cmd {
	SCID_TUN_ADD,		/* remote required, the rest defaults */
	SCID_TUN_CHANGE,	/* only what is given changes */
};

/* Same shapes as if_nametoindex() and if_indextoname(), so tests can fake them. */
typedef unsigned int (*scid_tun_lookup_fn)(const char *ifname);
typedef char *(*scid_tun_name_fn)(unsigned int ifindex, char *ifname);

/* One row of the table: a keyword of add, change, setconf and ip link. */
struct scid_word {
	const char *keyword;
	const char *aliases[3];		/* NULL-terminated; accepted, never printed */
	enum scid_tun_field field;
	const char *arg;		/* the value in help ("ADDR|any"); NULL: a flag */
	uint8_t flag;			/* a flag's value of the field */
	int (*parse)(struct scid_tun *t, const char *value, scid_tun_lookup_fn lookup,
		     char *err, size_t errlen);
	const char *help;
};

extern const struct scid_word scid_words[];
extern const size_t scid_nwords;

/* Room for any one value as text: an address, an interface name, a number. */
#define SCID_TUN_TEXT_MAX 20

/* What scid_tun_words() reports. */
enum {
	SCID_WORDS_INPUT = 1 << 0,	/* only what add takes back: no "dev none" */
	SCID_WORDS_CHANGED = 1 << 1,	/* only what differs from add's default */
};

typedef void (*scid_tun_emit_fn)(void *ctx, const struct scid_word *w, const char *value);

int scid_fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int scid_check_ifname(const char *what, const char *name, char *err, size_t errlen);
const struct scid_word *scid_word_find(const char *word);
void scid_tun_defaults(struct scid_tun *t);
int scid_tun_parse(int argc, char **argv, enum scid_tun_cmd cmd, scid_tun_lookup_fn lookup,
		   struct scid_tun *out, char *err, size_t errlen);
int scid_tun_check_df(const struct scid_tun *t, unsigned int new, char *err, size_t errlen);
const char *scid_field_keyword(enum scid_tun_field f);
const char *scid_mode_text(uint8_t mode);
const char *scid_interval_text(uint32_t ms, char buf[SCID_TUN_TEXT_MAX]);
const char *scid_duration_text(uint32_t ms, char buf[SCID_TUN_TEXT_MAX]);
const char *scid_tun_text(const struct scid_tun *t, enum scid_tun_field f,
			  scid_tun_name_fn indextoname, char buf[SCID_TUN_TEXT_MAX]);
void scid_tun_words(const struct scid_tun *t, unsigned int flags, scid_tun_name_fn indextoname,
		    scid_tun_emit_fn emit, void *ctx);
void scid_tun_usage(FILE *out, const char *indent, int width);

void scid_tun_from_parm(const struct ip_tunnel_parm *p, struct scid_tun *t);
void scid_tun_to_parm(const struct scid_tun *t, struct ip_tunnel_parm *p);
void scid_tun_from_attrs(struct rtattr *tb[], struct scid_tun *t);	/* tb: IFLA_SCID_MAX + 1 */
bool scid_tun_needs_encap_flags(const struct scid_tun *t);
void scid_tun_take_encap_flags(struct scid_tun *t, const struct scid_tun *cur);
int scid_tun_to_attrs(const struct scid_tun *t,
		      int (*put)(void *ctx, int type, size_t size, uint32_t value), void *ctx);

#endif
