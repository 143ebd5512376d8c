// SPDX-License-Identifier: GPL-2.0
/*
 * The one sysctl scidtun sets: without it the kernel marks the routes
 * through a tunnel that keepalive took the carrier from "linkdown" but
 * still uses them, and failover to another route never happens.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "sysctl.h"

/**
 * scidtun_skip_linkdown_routes() - set ignore_routes_with_linkdown on a tunnel
 * @name: the tunnel, in the current network namespace (/proc/sys follows it)
 * @path: receives the file written, for the caller's message
 *
 * Return: 0 or a negative errno.
 */
int scidtun_skip_linkdown_routes(const char *name, char path[SCIDTUN_SYSCTL_PATH])
{
	int fd, ret = 0;

	snprintf(path, SCIDTUN_SYSCTL_PATH, "/proc/sys/net/ipv4/conf/%s/ignore_routes_with_linkdown",
		 name);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, "1\n", 2) != 2)
		ret = errno ? -errno : -EIO;
	if (close(fd) && !ret)
		ret = -errno;
	return ret;
}
