/*
 * amd64 virtual memory layout (48-bit canonical addresses).
 *
 *   0x0000000000000000 - 0x00007fffffffffff   user space (128 TiB)
 *   0xffff800000000000 - 0xffff807fffffffff   direct map of physical memory
 *                                             (PML4 slot 256, 512 GiB)
 *   0xffffff0000000000 - 0xffffff7fffffffff   kernel virtual space (uvm_km)
 *                                             (PML4 slot 510, 512 GiB)
 *   0xffffffff80000000 - 0xffffffffffffffff   kernel image (PML4 slot 511),
 *                                             linked at 0xffffffff80100000
 */
#ifndef _MACHINE_VMPARAM_H_
#define _MACHINE_VMPARAM_H_

#define KERNBASE                0xffffffff80000000
#define KERNEL_LOAD_PA          0x00100000
#define DIRECT_MAP_BASE         0xffff800000000000
#define DIRECT_MAP_MAXPA        0x8000000000    /* 512 GiB */
#define VM_MIN_KERNEL_ADDRESS   0xffffff0000000000
#define VM_MAX_KERNEL_ADDRESS   0xffffff8000000000
#define VM_MAXUSER_ADDRESS      0x0000800000000000
#define BOOT_MAP_LIMIT          0x40000000      /* boot page tables map 1 GiB */

#include <x86/vmparam.h>          /* the physical free lists */

#endif
