/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SCIDTUN_TEST_STAND_INS_H
#define SCIDTUN_TEST_STAND_INS_H

#include "conf.h"
#include "format.h"

/*
 * The JSON keys after "keepalive" of a tunnel that does not probe the path
 * MTU and is not external.
 */
#define JSON_AFTER_KEEPALIVE \
	",\"pmtu_probe\":false,\"pmtu_raise_ms\":600000,\"pmtu\":null,\"pmtu_state\":\"off\"," \
	"\"pmtu_age_ms\":null,\"external\":false,\"allow\":null"

/*
 * What the tool asks of the system, answered for a host with no
 * interfaces, so that the tests give the same answers everywhere.
 */
unsigned int no_lookup(const char *name);
char *no_name(unsigned int index, char *name);
/* "scidtun change t LINE" (or add, with @add); @err, of 256 bytes, gets the message. */
int parse_line(const char *line, bool add, struct scidtun_request *req, char *err);
/* "scidtun change t KEYWORD VALUE"; @err, of 256 bytes, gets the message. */
int parse_change_word(const char *keyword, const char *value, struct scidtun_request *req,
		      char *err);
/* Tunnel t as SIOCGETTUNNEL reports it after "add t remote any": pmtudisc. */
void added_parm(struct ip_tunnel_parm *p);
/* A setconf file "t.conf" holding @text, parsed as on such a host. */
int parse_conf(struct scidtun_conf *conf, const char *text, char *err);
/*
 * showconf's line of tunnel t1, remote 198.51.100.48, with @have's link
 * data; the caller frees it.
 */
char *showconf_of(const struct scid_tun *have);
/*
 * show's view of tunnel t, remote 198.51.100.48, with @d's link data: its
 * JSON object, or in the text styles the words that end its line after
 * the ioctl's (fwmark, encap, clamp-mss); the caller frees it.
 */
char *show_of(const struct scidtun_link_data *d, enum scidtun_style style);
/*
 * Checks that showconf of tunnel t1 with @have prints @want, and that
 * setconf of it finds no fwmark or clamp-mss to change.
 */
void check_optional_round_trip(const struct scid_tun *have, const char *want);
/*
 * Checks what setconf of the one tunnel of @text finds to change in the
 * fwmark and clamp-mss of a tunnel with @have: @want ("" for nothing)
 * and, if anything, a request of @given with @fwmark and @clamp_mss.
 */
void check_optional_diff(const char *text, const struct scid_tun *have, const char *want,
			 unsigned int given, uint32_t fwmark, uint32_t clamp_mss);

#endif
