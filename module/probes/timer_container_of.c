// SPDX-License-Identifier: GPL-2.0
/* 6.16 renamed from_timer() timer_container_of(). */
#include <linux/timer.h>

struct scid_probe_holder {
	struct timer_list timer;
};

static inline struct scid_probe_holder *scid_probe(struct timer_list *timer)
{
	struct scid_probe_holder *h;

	h = timer_container_of(h, timer, timer);
	return h;
}
