// SPDX-License-Identifier: GPL-2.0
/*
 * The classic tunnel ioctls (SIOCADDTUNNEL, SIOCCHGTUNNEL, SIOCDELTUNNEL,
 * SIOCGETTUNNEL) on scid0 and on each tunnel. docs/ioctl.md is the contract:
 * which tunnel a request acts on, and which errno each bad field gets.
 */
#include <linux/capability.h>
#include <linux/uaccess.h>

#include "scid_ipip.h"

/*
 * A request on scid0 names its tunnel, or, like the kernel's ipip, gives
 * its endpoints. A name is matched only against our own devices, so
 * scidtun can never act on another driver's tunnel by mistake.
 */
static struct scid_tunnel *scid_ctl_target(struct net *net,
					   const struct ip_tunnel_parm *p)
{
	struct scid_tunnel *t;

	if (p->name[0]) {
		struct net_device *dev;

		if (strnlen(p->name, IFNAMSIZ) == IFNAMSIZ)
			return ERR_PTR(-EINVAL);
		dev = __dev_get_by_name(net, p->name);
		if (!dev || !scid_is_ours(dev))
			return ERR_PTR(-ENODEV);
		return netdev_priv(dev);
	}
	t = scid_table_find_parms(&scid_net(net)->table, p);
	return t ?: ERR_PTR(-ENOENT);
}

static struct scid_tunnel *scid_request_target(struct scid_tunnel *self,
					       const struct ip_tunnel_parm *p)
{
	if (!self->control)
		return self;
	return scid_ctl_target(dev_net(self->dev), p);
}

static void scid_parms_export(const struct scid_tunnel *t,
			      struct ip_tunnel_parm *p)
{
	*p = t->parms;
	strscpy(p->name, t->dev->name, IFNAMSIZ);
}

static int scid_check_new_name(const char *name)
{
	if (!name[0])
		return 0;
	return dev_valid_name(name) ? 0 : -EINVAL;
}

static int scid_ctl_get(struct scid_tunnel *self, struct ip_tunnel_parm *p)
{
	struct scid_tunnel *t = scid_request_target(self, p);

	/* As with ipip's tunl0, unmatched endpoints describe scid0 itself. */
	if (PTR_ERR_OR_ZERO(t) == -ENOENT)
		t = self;
	if (IS_ERR(t))
		return PTR_ERR(t);
	scid_parms_export(t, p);
	return 0;
}

static int scid_ctl_add(struct scid_tunnel *self, struct ip_tunnel_parm *p)
{
	struct net *net = dev_net(self->dev);
	struct scid_tunnel *t;
	int err;

	err = scid_check_new_name(p->name);
	if (err)
		return err;
	err = scid_parms_check(net, p, NULL);
	if (err)
		return err;
	scid_parms_normalize(p);
	t = scid_tunnel_create(net, p);
	if (IS_ERR(t))
		return PTR_ERR(t);
	scid_parms_export(t, p);
	return 0;
}

static int scid_ctl_change(struct scid_tunnel *self, struct ip_tunnel_parm *p)
{
	struct scid_tunnel *t = scid_request_target(self, p);
	int err;

	if (IS_ERR(t))
		return PTR_ERR(t);
	if (t->control || !scid_may_manage(t))
		return -EPERM;
	err = scid_parms_check(t->net, p, t->dev);
	if (err)
		return err;
	/* Keepalive's probes are IPv4: an mplsip tunnel could not send them. */
	if (p->iph.protocol == IPPROTO_MPLS && READ_ONCE(t->ka.interval_ms))
		return -EINVAL;
	scid_parms_normalize(p);
	err = scid_tunnel_change(t, p);
	if (err)
		return err;
	scid_parms_export(t, p);
	return 0;
}

static int scid_ctl_del(struct scid_tunnel *self, struct ip_tunnel_parm *p)
{
	struct scid_tunnel *t = scid_request_target(self, p);

	if (IS_ERR(t))
		return PTR_ERR(t);
	if (t->control || !scid_may_manage(t))
		return -EPERM;
	unregister_netdevice(t->dev);
	return 0;
}

/**
 * scid_tunnel_ctl() - carry out one tunnel ioctl on a kernel copy
 * @dev: device the request was sent to (scid0 or a tunnel)
 * @p: request parameters; on success, the resulting tunnel's parameters
 * @cmd: SIOC{ADD,CHG,DEL,GET}TUNNEL
 *
 * Context: RTNL held.
 * Return: 0 or a negative errno as listed in docs/ioctl.md.
 */
int scid_tunnel_ctl(struct net_device *dev, struct ip_tunnel_parm *p, int cmd)
{
	struct scid_tunnel *self = netdev_priv(dev);

	ASSERT_RTNL();
	if (cmd == SIOCGETTUNNEL)
		return scid_ctl_get(self, p);
	if (!ns_capable(dev_net(dev)->user_ns, CAP_NET_ADMIN))
		return -EPERM;
	switch (cmd) {
	case SIOCADDTUNNEL:
		return scid_ctl_add(self, p);
	case SIOCCHGTUNNEL:
		return scid_ctl_change(self, p);
	case SIOCDELTUNNEL:
		return scid_ctl_del(self, p);
	}
	return -EOPNOTSUPP;
}

/**
 * scid_siocdevprivate() - ndo_siocdevprivate: the tunnel ioctls
 * @dev: device named in the request
 * @ifr: the request (unused: the parameters come through @data)
 * @data: user pointer to a struct ip_tunnel_parm (or a scid_del_request)
 * @cmd: ioctl number
 *
 * Return: 0 or a negative errno.
 */
int scid_siocdevprivate(struct net_device *dev, struct ifreq *ifr,
			void __user *data, int cmd)
{
	struct ip_tunnel_parm p;
	int err;

	switch (cmd) {
	case SIOCGETTUNNEL:
	case SIOCADDTUNNEL:
	case SIOCCHGTUNNEL:
	case SIOCDELTUNNEL:
		break;
	case SCID_IOC_DELTUNNELS:
		return scid_ctl_del_many(netdev_priv(dev), data);
	default:
		return -EOPNOTSUPP;
	}
	if (copy_from_user(&p, data, sizeof(p)))
		return -EFAULT;
	err = scid_tunnel_ctl(dev, &p, cmd);
	if (err || cmd == SIOCDELTUNNEL)
		return err;
	if (copy_to_user(data, &p, sizeof(p)))
		return -EFAULT;
	return 0;
}
