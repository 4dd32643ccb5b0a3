/*
 * Host shim for <machine/vmparam.h>. The free lists are the kernel's
 * (arch/amd64/include/machine/vmparam.h). The direct map is the one thing
 * that differs: the host has no physical memory, so "physical" addresses
 * [HOST_PHYS_LO, HOST_PHYS_HI) live in one array, host_phys_arena
 * (shim/host_shim.c), and PMAP_DIRECT_MAP(pa) = pa + DIRECT_MAP_BASE
 * lands in it. Everything uvm_page.c reaches through the direct map (its
 * vm_page array, pages it zeroes) is therefore inside the arena, where
 * ASan sees any access that strays out of it.
 */
#ifndef _MACHINE_VMPARAM_H_
#define _MACHINE_VMPARAM_H_

#include <stdint.h>

/* The arena: physical [15 MiB, 17 MiB), straddling the 16 MiB line. */
#define HOST_PHYS_LO            0x0f00000
#define HOST_PHYS_HI            0x1100000
extern unsigned char host_phys_arena[];

#define DIRECT_MAP_BASE         ((uintptr_t)host_phys_arena - HOST_PHYS_LO)

/* As in the kernel: pages below 16 MiB are kept apart and handed out last. */
#define VM_NFREELIST            2
#define VM_FREELIST_DEFAULT     0
#define VM_FREELIST_FIRST16     1
#define VM_FREELIST_FIRST16_END 0x1000000

#endif
