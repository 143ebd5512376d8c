// SPDX-License-Identifier: GPL-2.0
/* 6.11: a nested-BH lock for per-CPU data (a real one on PREEMPT_RT). */
#include <linux/local_lock.h>
#include <linux/percpu.h>

static DEFINE_PER_CPU(local_lock_t, scid_probe_lock);

static inline void scid_probe(void)
{
	local_lock_nested_bh(&scid_probe_lock);
	local_unlock_nested_bh(&scid_probe_lock);
}
