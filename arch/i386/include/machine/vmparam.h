/*
 * i386 virtual memory layout (PAE, 4 GiB of virtual space).
 *
 *   0x00000000 - 0xbfffffff   user space (3 GiB)
 *   0xc0000000 - 0xefffffff   direct map of physical 0 - 768 MiB; the kernel
 *                             image lives here too (linked at 0xc0100000)
 *   0xf0000000 - 0xff7fffff   kernel virtual space (uvm_km)
 *   0xff800000 - 0xffffffff   unused
 *
 * Physical memory above DIRECT_MAP_MAXPA is not managed: there is no
 * mapping window yet, and a teaching kernel runs in far less.
 */
#ifndef _MACHINE_VMPARAM_H_
#define _MACHINE_VMPARAM_H_

#define KERNBASE                0xc0000000
#define KERNEL_LOAD_PA          0x00100000
#define DIRECT_MAP_BASE         0xc0000000
#define DIRECT_MAP_MAXPA        0x30000000      /* 768 MiB */
#define VM_MIN_KERNEL_ADDRESS   0xf0000000
#define VM_MAX_KERNEL_ADDRESS   0xff800000
#define VM_MAXUSER_ADDRESS      0xc0000000
#define BOOT_MAP_LIMIT          0x40000000      /* boot page tables map 1 GiB */

#include <x86/vmparam.h>          /* the physical free lists */

#endif
