/* sys/reboot.h: stopping the machine (RB_* in kernel/abi/syscall.h). */
#ifndef _SYS_REBOOT_H_
#define _SYS_REBOOT_H_

#include "kernel/abi/syscall.h"

/* RB_POWEROFF, RB_HALT or RB_AUTOBOOT (reboot). Returns only on error (-1). */
int reboot(int how);

/*
 * The same, and QEMU exits with status as its own (kernel/sys_misc.c:
 * the kernel reads a second argument, for scripted runs and tests).
 */
int uvix_reboot(int how, int status);

#endif
