// SPDX-License-Identifier: GPL-2.0
/*
 * Per-namespace state: the tunnel table and the control device scid0.
 */
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "scid_ipip.h"

unsigned int scid_net_id __read_mostly;

/**
 * scid_net_state_init() - the namespace state every tunnel relies on
 * @sn: the namespace's scid_net
 * @net: the namespace
 *
 * Everything but scid0, so that the KUnit module, which must not grab
 * scid0's name from the real module, sets up the same state as a namespace.
 *
 * Return: 0 or an error from the lookup table.
 */
int scid_net_state_init(struct scid_net *sn, struct net *net)
{
	sn->net = net;
	INIT_WORK(&sn->underlay_work, scid_underlay_work);
	return scid_table_init(&sn->table);
}

/**
 * scid_net_state_destroy() - undo scid_net_state_init()
 * @sn: the namespace's scid_net, with no tunnel left to queue its work
 */
void scid_net_state_destroy(struct scid_net *sn)
{
	cancel_work_sync(&sn->underlay_work);
	scid_table_destroy(&sn->table);
}

static int __net_init scid_net_init(struct net *net)
{
	struct scid_net *sn = scid_net(net);
	struct net_device *ctl;
	int err;

	err = scid_net_state_init(sn, net);
	if (err)
		return err;

	ctl = alloc_netdev(sizeof(struct scid_tunnel), SCID_CTL_NAME,
			   NET_NAME_PREDICTABLE, scid_ctl_setup);
	if (!ctl) {
		err = -ENOMEM;
		goto err_destroy_state;
	}
	dev_net_set(ctl, net);
	rtnl_lock();
	err = register_netdevice(ctl);
	if (!err)
		rcu_assign_pointer(sn->ctl_dev, ctl);
	rtnl_unlock();
	if (err)
		goto err_free_ctl;
	return 0;

err_free_ctl:
	free_netdev(ctl);
err_destroy_state:
	scid_net_state_destroy(sn);
	return err;
}

/*
 * A dying namespace takes with it every scid device living in it, and
 * every tunnel created in it that was since moved elsewhere: that tunnel's
 * outer packets had nowhere left to go.
 */
static void scid_net_flush(struct net *net, struct list_head *dev_kill_list)
{
	struct scid_table *table = &scid_net(net)->table;
	struct net_device *dev, *aux;
	struct scid_tunnel *t;

	for_each_netdev_safe(net, dev, aux)
		if (scid_is_ours(dev))
			unregister_netdevice_queue(dev, dev_kill_list);

	scid_table_for_each(t, table)
		if (!net_eq(dev_net(t->dev), net))
			unregister_netdevice_queue(t->dev, dev_kill_list);
}

SCID_PERNET_EXIT_RTNL_DEFINE(scid_net_flush)

/*
 * Our exit runs before the namespace's other devices (a veth, say) are
 * gone, and they go on receiving IPIP packets until then. cleanup_net()
 * waits for an RCU grace period between pre_exit and exit, so once this
 * is seen no receive can be looking at the table scid_net_exit() frees.
 */
static void __net_exit scid_net_pre_exit(struct net *net)
{
	WRITE_ONCE(scid_net(net)->dying, true);
}

/* The devices are gone by now, so nothing can queue the work again. */
static void __net_exit scid_net_exit(struct net *net)
{
	scid_net_state_destroy(scid_net(net));
}

static struct pernet_operations scid_net_ops = {
	.init			= scid_net_init,
	.pre_exit		= scid_net_pre_exit,
	SCID_PERNET_EXIT_RTNL(scid_net_flush),
	.exit			= scid_net_exit,
	.id			= &scid_net_id,
	.size			= sizeof(struct scid_net),
};

/**
 * scid_netns_register() - set up every namespace, present and future
 *
 * Return: 0 or an error from register_pernet_device().
 */
int scid_netns_register(void)
{
	return register_pernet_device(&scid_net_ops);
}

/**
 * scid_netns_unregister() - tear down every namespace's scid state
 */
void scid_netns_unregister(void)
{
	unregister_pernet_device(&scid_net_ops);
}
