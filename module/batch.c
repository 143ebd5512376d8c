// SPDX-License-Identifier: GPL-2.0
/*
 * Deleting many tunnels in one step (SCID_IOC_DELTUNNELS on scid0).
 *
 * One SIOCDELTUNNEL per tunnel unregisters one device per RTNL section,
 * and each waits for its own RCU grace period and netdev todo run: about
 * 12 ms a tunnel, two minutes for 10,000. Queued on one kill list, the
 * core closes, unlists and frees them all behind one grace period, as it
 * does for a dying namespace. The request is checked whole before the
 * first device is queued, so a wrong name deletes nothing.
 */
#include <linux/capability.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "scid_ipip.h"

/* Resolves one name of the request; RTNL keeps the answer valid. */
static struct net_device *scid_batch_lookup(struct net *net, const char *name)
{
	struct net_device *dev;

	if (strnlen(name, IFNAMSIZ) == IFNAMSIZ || !name[0])
		return ERR_PTR(-EINVAL);
	dev = __dev_get_by_name(net, name);
	if (!dev || !scid_is_ours(dev))
		return ERR_PTR(-ENODEV);
	if (((struct scid_tunnel *)netdev_priv(dev))->control)
		return ERR_PTR(-EPERM);
	return dev;
}

static int scid_batch_check_names(struct net *net, char (*names)[IFNAMSIZ],
				  u32 count, u32 *failed)
{
	struct net_device *dev;
	u32 i;

	for (i = 0; i < count; i++) {
		dev = scid_batch_lookup(net, names[i]);
		if (IS_ERR(dev)) {
			*failed = i;
			return PTR_ERR(dev);
		}
		if (!scid_may_manage(netdev_priv(dev))) {
			*failed = i;
			return -EPERM;
		}
	}
	return 0;
}

/* A name given twice is queued twice, which only moves it to the tail. */
static void scid_batch_queue_names(struct net *net, char (*names)[IFNAMSIZ],
				   u32 count, struct list_head *kill)
{
	u32 i;

	for (i = 0; i < count; i++)
		unregister_netdevice_queue(__dev_get_by_name(net, names[i]), kill);
}

/*
 * Every tunnel whose device lives in @net, as ip link lists them; scid0
 * stays. All or none: one the caller may not manage refuses the request.
 */
static int scid_batch_queue_all(struct net *net, struct list_head *kill)
{
	struct net_device *dev;
	struct scid_tunnel *t;

	for_each_netdev(net, dev) {
		if (!scid_is_ours(dev))
			continue;
		t = netdev_priv(dev);
		if (!t->control && !scid_may_manage(t))
			return -EPERM;
	}
	for_each_netdev(net, dev) {
		if (!scid_is_ours(dev))
			continue;
		t = netdev_priv(dev);
		if (!t->control)
			unregister_netdevice_queue(dev, kill);
	}
	return 0;
}

static u32 scid_batch_count(const struct list_head *kill)
{
	const struct list_head *pos;
	u32 n = 0;

	list_for_each(pos, kill)
		n++;
	return n;
}

/* Leaves every device as unregister_netdevice_queue() found it. */
static void scid_batch_unqueue(struct list_head *kill)
{
	struct net_device *dev, *next;

	list_for_each_entry_safe(dev, next, kill, unreg_list)
		list_del_init(&dev->unreg_list);
}

/* The names of the request, after its header; NULL for SCID_DEL_ALL. */
static void *scid_batch_names(void __user *data, const struct scid_del_request *req)
{
	if (req->flags & SCID_DEL_ALL)
		return NULL;
	return vmemdup_user((char __user *)data + sizeof(*req),
			    array_size(req->count, IFNAMSIZ));
}

static int scid_batch_check_header(const struct scid_del_request *req)
{
	if (req->reserved || req->flags & ~SCID_DEL_ALL)
		return -EINVAL;
	if (req->flags & SCID_DEL_ALL)
		return req->count ? -EINVAL : 0;
	if (!req->count)
		return -EINVAL;
	return req->count > SCID_DEL_MAX ? -E2BIG : 0;
}

/**
 * scid_ctl_del_many() - SCID_IOC_DELTUNNELS: delete tunnels in one step
 * @ctl: the namespace's scid0
 * @data: user pointer to struct scid_del_request and its names
 *
 * Context: RTNL held.
 * Return: 0, having written the number deleted to the request's count, or
 * a negative errno with nothing deleted; for a refused name, its index is
 * written to the request's failed.
 */
int scid_ctl_del_many(struct scid_tunnel *ctl, void __user *data)
{
	struct scid_del_request __user *ureq = data;
	struct net *net = dev_net(ctl->dev);
	char (*names)[IFNAMSIZ] = NULL;
	struct scid_del_request req;
	LIST_HEAD(kill);
	u32 failed;
	int err;

	ASSERT_RTNL();
	BUILD_BUG_ON(SCID_DEL_NAMSIZ != IFNAMSIZ);
	if (!ctl->control)
		return -EOPNOTSUPP;
	if (!ns_capable(net->user_ns, CAP_NET_ADMIN))
		return -EPERM;
	if (copy_from_user(&req, ureq, sizeof(req)))
		return -EFAULT;
	err = scid_batch_check_header(&req);
	if (err)
		return err;
	names = scid_batch_names(data, &req);
	if (IS_ERR(names))
		return PTR_ERR(names);

	if (names) {
		err = scid_batch_check_names(net, names, req.count, &failed);
		if (err) {
			if (put_user(failed, &ureq->failed))
				err = -EFAULT;
			goto out;
		}
		scid_batch_queue_names(net, names, req.count, &kill);
	} else {
		err = scid_batch_queue_all(net, &kill);
		if (err)
			goto out;
	}
	/* Told before anything goes: a fault afterwards would hide what did. */
	if (put_user(scid_batch_count(&kill), &ureq->count)) {
		err = -EFAULT;
		scid_batch_unqueue(&kill);
		goto out;
	}
	unregister_netdevice_many(&kill);
out:
	kvfree(names);
	return err;
}
