/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SCIDTUN_SYSCTL_H
#define SCIDTUN_SYSCTL_H

#include <stddef.h>

/* /proc/sys/net/ipv4/conf/ + IFNAMSIZ + /ignore_routes_with_linkdown */
#define SCIDTUN_SYSCTL_PATH 80

int scidtun_skip_linkdown_routes(const char *name, char path[SCIDTUN_SYSCTL_PATH]);

#endif
