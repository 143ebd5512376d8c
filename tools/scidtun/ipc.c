// SPDX-License-Identifier: GPL-2.0
/*
 * The only file that talks to the kernel. Every request goes to the control
 * device with the tunnel's name inside, so the module acts on its own
 * tunnels only and never on a tunl0 or gre0 of the same name.
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ipc.h"

static int tunnel_socket(void)
{
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	return fd < 0 ? -errno : fd;
}

static int tunnel_ioctl(int fd, unsigned long request, struct ip_tunnel_parm *p)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, SCIDTUN_CONTROL_DEV, sizeof(SCIDTUN_CONTROL_DEV));
	ifr.ifr_data = (void *)p;
	return ioctl(fd, request, &ifr) < 0 ? -errno : 0;
}

static int one_request(unsigned long request, struct ip_tunnel_parm *p)
{
	int fd, ret;

	fd = tunnel_socket();
	if (fd < 0)
		return fd;
	ret = tunnel_ioctl(fd, request, p);
	close(fd);
	return ret;
}

static void parm_for_name(struct ip_tunnel_parm *p, const char *name)
{
	memset(p, 0, sizeof(*p));
	strncpy(p->name, name, IFNAMSIZ - 1);
}

/**
 * scidtun_ipc_get() - read the parameters of the scid_ipip tunnel @name
 * @name: the tunnel
 * @out: receives the parameters
 *
 * Return: 0 or a negative errno; -ENODEV if @name is not a scid_ipip tunnel.
 */
int scidtun_ipc_get(const char *name, struct ip_tunnel_parm *out)
{
	parm_for_name(out, name);
	return one_request(SIOCGETTUNNEL, out);
}

/**
 * scidtun_ipc_add() - create the tunnel @p describes, named p->name
 * @p: the request; receives the tunnel's parameters
 *
 * Return: 0 or a negative errno.
 */
int scidtun_ipc_add(struct ip_tunnel_parm *p)
{
	return one_request(SIOCADDTUNNEL, p);
}

/**
 * scidtun_ipc_change() - give the tunnel p->name the parameters in @p
 * @p: the complete new parameters; receives what the kernel applied
 *
 * Return: 0 or a negative errno.
 */
int scidtun_ipc_change(struct ip_tunnel_parm *p)
{
	return one_request(SIOCCHGTUNNEL, p);
}

/**
 * scidtun_ipc_del() - delete the scid_ipip tunnel @name
 * @name: the tunnel
 *
 * Return: 0 or a negative errno.
 */
int scidtun_ipc_del(const char *name)
{
	struct ip_tunnel_parm p;

	parm_for_name(&p, name);
	return one_request(SIOCDELTUNNEL, &p);
}

/**
 * scidtun_ipc_module_loaded() - whether this namespace has the control device
 *
 * Return: true if scid0 exists.
 */
bool scidtun_ipc_module_loaded(void)
{
	return if_nametoindex(SCIDTUN_CONTROL_DEV) != 0;
}

/**
 * scidtun_ipc_list() - read every scid_ipip tunnel of this namespace
 * @out: receives a malloc()ed array, in interface order; free() it
 * @count: receives its length
 *
 * The module has no listing request, so every interface is asked about by
 * name and those it does not own answer ENODEV.
 *
 * Return: 0 or a negative errno; -ENODEV if the module is not loaded.
 */
int scidtun_ipc_list(struct ip_tunnel_parm **out, size_t *count)
{
	struct ip_tunnel_parm *tunnels = NULL;
	struct if_nameindex *ifs, *i;
	size_t n = 0, max = 0;
	int fd, ret = 0;

	if (!scidtun_ipc_module_loaded())
		return -ENODEV;
	ifs = if_nameindex();
	if (!ifs)
		return -errno;
	for (i = ifs; i->if_index; i++)
		max++;
	fd = tunnel_socket();
	if (fd < 0) {
		ret = fd;
		goto out_free_ifs;
	}
	tunnels = calloc(max ? max : 1, sizeof(*tunnels));
	if (!tunnels) {
		ret = -ENOMEM;
		goto out_close;
	}
	for (i = ifs; i->if_index; i++) {
		if (!strcmp(i->if_name, SCIDTUN_CONTROL_DEV))
			continue;
		parm_for_name(&tunnels[n], i->if_name);
		ret = tunnel_ioctl(fd, SIOCGETTUNNEL, &tunnels[n]);
		/* Not ours, or gone since if_nameindex(): either way not listed. */
		if (ret == -ENODEV) {
			ret = 0;
			continue;
		}
		if (ret)
			break;
		n++;
	}
	if (ret) {
		free(tunnels);
		goto out_close;
	}
	*out = tunnels;
	*count = n;
out_close:
	close(fd);
out_free_ifs:
	if_freenameindex(ifs);
	return ret;
}
