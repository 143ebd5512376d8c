// SPDX-License-Identifier: GPL-2.0
/*
 * The only file that talks to the kernel. Every request goes to the control
 * device with the tunnel's name inside, so the module acts on its own
 * tunnels only and never on a tunl0 or gre0 of the same name.
 */

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/sockios.h>

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
	memcpy(ifr.ifr_name, SCID_CTL_NAME, sizeof(SCID_CTL_NAME));
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

/* One SCID_IOC_DELTUNNELS request; its header is filled in by the callers. */
static int del_request(struct scid_del_request *req, size_t *failed, unsigned int *deleted)
{
	struct ifreq ifr;
	int fd, ret;

	fd = tunnel_socket();
	if (fd < 0)
		return fd;
	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, SCID_CTL_NAME, sizeof(SCID_CTL_NAME));
	ifr.ifr_data = (void *)req;
	req->failed = UINT32_MAX;
	ret = ioctl(fd, SCID_IOC_DELTUNNELS, &ifr) < 0 ? -errno : 0;
	close(fd);
	if (failed)
		*failed = req->failed == UINT32_MAX ? SIZE_MAX : req->failed;
	if (!ret && deleted)
		*deleted = req->count;
	return ret;
}

/**
 * scidtun_ipc_del_many() - delete the scid_ipip tunnels @names, all or none
 * @names: the tunnels
 * @count: how many, 1 to SCID_DEL_MAX
 * @failed: receives the index of the name the kernel refused, or SIZE_MAX
 *	    when the refusal was not about one name
 * @deleted: receives how many tunnels went (a repeated name counts once)
 *
 * One request: the module checks every name before deleting any, then
 * deletes them all behind one RCU grace period.
 *
 * Return: 0 or a negative errno (then nothing was deleted).
 */
int scidtun_ipc_del_many(char *const *names, size_t count, size_t *failed,
			 unsigned int *deleted)
{
	struct scid_del_request *req;
	size_t i;
	int ret;

	*failed = SIZE_MAX;
	if (!count || count > SCID_DEL_MAX)
		return -EINVAL;
	req = calloc(1, sizeof(*req) + count * sizeof(req->names[0]));
	if (!req)
		return -ENOMEM;
	req->count = (__u32)count;
	for (i = 0; i < count; i++)
		strncpy(req->names[i], names[i], sizeof(req->names[i]) - 1);
	ret = del_request(req, failed, deleted);
	free(req);
	return ret;
}

/**
 * scidtun_ipc_flush() - delete every scid_ipip tunnel of this namespace
 * @deleted: receives how many went, unless NULL
 *
 * Return: 0 or a negative errno (then nothing was deleted).
 */
int scidtun_ipc_flush(unsigned int *deleted)
{
	struct scid_del_request req = { .flags = SCID_DEL_ALL };

	return del_request(&req, NULL, deleted);
}

/**
 * scidtun_ipc_module_loaded() - whether this namespace has the control device
 *
 * Return: true if scid0 exists.
 */
bool scidtun_ipc_module_loaded(void)
{
	return if_nametoindex(SCID_CTL_NAME) != 0;
}

/**
 * scidtun_ipc_probe() - ask scid0 for its own parameters
 *
 * Any request to a missing scid0 makes the kernel, for a caller with
 * CAP_NET_ADMIN, load the module through its "netdev-scid0" alias, so this
 * is how a first "show" finds tunnels on a system where nothing loaded it.
 *
 * Return: 0, or -ENODEV if the module is not there.
 */
int scidtun_ipc_probe(void)
{
	struct ip_tunnel_parm p;

	memset(&p, 0, sizeof(p));
	return one_request(SIOCGETTUNNEL, &p);
}

static int ethtool_ioctl(int fd, const char *ifname, void *cmd)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.ifr_name, ifname, IFNAMSIZ - 1);
	ifr.ifr_data = cmd;
	return ioctl(fd, SIOCETHTOOL, &ifr) < 0 ? -errno : 0;
}

/**
 * scidtun_ipc_counters() - read the driver's counters (ethtool -S) of @ifname
 * @ifname: the tunnel
 * @s: receives ncounters, names and values, malloc()ed; see scidtun_ipc_counters_free()
 *
 * The names come from the driver each time, so counters that a newer
 * module adds show up without a new scidtun.
 *
 * Return: 0 or a negative errno; a device without counters gives 0 of them.
 */
int scidtun_ipc_counters(const char *ifname, struct scidtun_stats *s)
{
	struct {
		struct ethtool_sset_info hdr;
		__u32 count;
	} info = { .hdr = { .cmd = ETHTOOL_GSSET_INFO, .sset_mask = 1ULL << ETH_SS_STATS } };
	struct ethtool_gstrings *strings = NULL;
	struct ethtool_stats *stats = NULL;
	size_t n;
	int fd, ret;

	s->ncounters = 0;
	s->names = NULL;
	s->values = NULL;
	fd = tunnel_socket();
	if (fd < 0)
		return fd;
	ret = ethtool_ioctl(fd, ifname, &info);
	if (ret == -EOPNOTSUPP || (!ret && !(info.hdr.sset_mask & (1ULL << ETH_SS_STATS)))) {
		ret = 0;
		goto out;
	}
	if (ret)
		goto out;
	n = info.count;
	strings = calloc(1, sizeof(*strings) + n * ETH_GSTRING_LEN);
	stats = calloc(1, sizeof(*stats) + n * sizeof(__u64));
	if (!strings || !stats) {
		ret = -ENOMEM;
		goto out;
	}
	strings->cmd = ETHTOOL_GSTRINGS;
	strings->string_set = ETH_SS_STATS;
	strings->len = (__u32)n;
	stats->cmd = ETHTOOL_GSTATS;
	stats->n_stats = (__u32)n;
	ret = ethtool_ioctl(fd, ifname, strings);
	if (!ret)
		ret = ethtool_ioctl(fd, ifname, stats);
	/* The set changed under us (a module reload): say so rather than mix them. */
	if (!ret && (strings->len != n || stats->n_stats != n))
		ret = -EAGAIN;
	if (ret || !n)
		goto out;
	s->names = malloc(n * ETH_GSTRING_LEN);
	s->values = malloc(n * sizeof(*s->values));
	if (!s->names || !s->values) {
		scidtun_ipc_counters_free(s);
		ret = -ENOMEM;
		goto out;
	}
	memcpy(s->names, strings->data, n * ETH_GSTRING_LEN);
	memcpy(s->values, stats->data, n * sizeof(*s->values));
	s->ncounters = n;
out:
	free(strings);
	free(stats);
	close(fd);
	return ret;
}

/**
 * scidtun_ipc_counters_free() - free what scidtun_ipc_counters() allocated
 * @s: the counters; left empty
 */
void scidtun_ipc_counters_free(struct scidtun_stats *s)
{
	free(s->names);
	free(s->values);
	s->names = NULL;
	s->values = NULL;
	s->ncounters = 0;
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

	ret = scidtun_ipc_probe();
	if (ret)
		return ret;
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
		if (!strcmp(i->if_name, SCID_CTL_NAME))
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
