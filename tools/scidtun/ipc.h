/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SCIDTUN_IPC_H
#define SCIDTUN_IPC_H

#include <stdbool.h>
#include <stddef.h>

#include "tunnel.h"

/* Each returns 0 or a negative errno; add and change copy the result back. */
int scidtun_ipc_get(const char *name, struct ip_tunnel_parm *out);
int scidtun_ipc_add(struct ip_tunnel_parm *p);
int scidtun_ipc_change(struct ip_tunnel_parm *p);
int scidtun_ipc_del(const char *name);
int scidtun_ipc_del_many(char *const *names, size_t count, size_t *failed,
			 unsigned int *deleted);
int scidtun_ipc_flush(unsigned int *deleted);
int scidtun_ipc_list(struct ip_tunnel_parm **out, size_t *count);
bool scidtun_ipc_module_loaded(void);
int scidtun_ipc_probe(void);
int scidtun_ipc_counters(const char *ifname, struct scidtun_stats *s);
void scidtun_ipc_counters_free(struct scidtun_stats *s);

#endif
