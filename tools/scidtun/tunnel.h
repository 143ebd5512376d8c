/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SCIDTUN_TUNNEL_H
#define SCIDTUN_TUNNEL_H

/*
 * The libc headers must come before the uapi ones: <linux/libc-compat.h>
 * only steps aside for definitions libc has already made.
 */
#include <netinet/in.h>
#include <net/if.h>
#include <linux/if_tunnel.h>

/* The control device every request is sent to (docs/ioctl.md). */
#define SCIDTUN_CONTROL_DEV "scid0"

/* IP_DF lives in the kernel's private net/ip.h, not in uapi. */
#define SCIDTUN_IP_DF 0x4000

/* Bit 0 of iph.tos asks for the inner packet's TOS. */
#define SCIDTUN_TOS_INHERIT 0x01

#endif
