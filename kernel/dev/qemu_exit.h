/*
 * QEMU's isa-debug-exit device at port 0xf4: writing v makes QEMU exit
 * with status (v << 1) | 1. On real hardware (or without the device) the
 * write does nothing and the caller goes on to halt.
 */
#ifndef _KERNEL_DEV_QEMU_EXIT_H_
#define _KERNEL_DEV_QEMU_EXIT_H_

#define QEMU_EXIT_SUCCESS       0x10    /* QEMU exits 33: all tests passed */
#define QEMU_EXIT_FAILURE       0x11    /* 35: a test failed */
#define QEMU_EXIT_PANIC         0x12    /* 37: panic */
#define QEMU_EXIT_NO_MEMORY     0x13    /* 39: too little memory to boot */
#define QEMU_EXIT_HALT          0x14    /* 41: orderly halt/poweroff */
#define QEMU_EXIT_NO_LONG_MODE  0x15    /* 43: amd64 kernel on a 32-bit CPU */
/*
 * reboot(RB_POWEROFF or RB_HALT, status) from user space: QEMU exits with
 * 129 + 2 * status for a status of 0 to 62, and 255 for 63 or more (or
 * less than 0). One byte cannot carry 0 to 255, so `make run` takes the
 * exact status from the line sys_reboot prints just before,
 * "uvix: powering off (status N)" (tools/runcmd.sh), and uses this one
 * only to know that the machine powered off; tools/qemu-status.sh names
 * every code here.
 */
#define QEMU_EXIT_STATUS_BASE   0x40
#define QEMU_EXIT_STATUS(s)     (QEMU_EXIT_STATUS_BASE + ((s) < 0 ? 63 : (s) > 63 ? 63 : (s)))

void qemu_exit(int code);

#endif
