// SPDX-License-Identifier: GPL-2.0
/* 6.2 renamed del_timer_sync() timer_delete_sync(); 6.15 dropped the old name. */
#include <linux/timer.h>

static inline int scid_probe(struct timer_list *timer)
{
	return timer_delete_sync(timer);
}
