/*
 * Boots vm/uvm_page.c on the shim's arena the way the kernel does, and
 * walks the managed pages for the tests' models.
 *
 * The layout, in page frame numbers (the arena is [15 MiB, 17 MiB)):
 *
 *   0xf00  0xf02  0xf03   0xf03+A        0x1000                 0x1100
 *   +------+------+-------+----------------+----------------------+
 *   |kernel|physg| array |  managed pages  |    managed pages     |
 *   +------+------+-------+----------------+----------------------+
 *   \____ segment 0: VM_FREELIST_FIRST16 _/\_ seg 1: _DEFAULT ____/
 *
 * The "kernel" pages are outside [avail_start, avail_end); physget
 * steals one page; uvm_page_init steals A pages for the vm_page array.
 */
#ifndef _VMBOOT_H_
#define _VMBOOT_H_

#include <stdbool.h>
#include "vm/uvm_page.h"

#define SEG0_START      atop(HOST_PHYS_LO)              /* 15 MiB */
#define SEG0_AVAIL      (SEG0_START + 2)
#define SEG1_START      atop(VM_FREELIST_FIRST16_END)   /* 16 MiB */
#define SEG1_END        atop(HOST_PHYS_HI)              /* 17 MiB */

/* An upper bound on uvm_pagealloc's pages, for the tests' arrays. */
#define HOST_MAX_PAGES  atop(HOST_PHYS_HI - HOST_PHYS_LO)

extern paddr_t host_vm_physget_pa;      /* the page physget returned */

/*
 * Fills the arena with garbage (RAM at boot), loads the two segments
 * (the upper one first: physload must sort), steals one page with
 * uvm_page_physget, and runs uvm_page_init.
 */
void host_vm_boot(void);

/* The managed pages, numbered 0..uvmexp.npages-1 in physical order. */
struct vm_page *host_vm_page(int i);
/* The number of a managed page; fails the test if pg is not one. */
int host_vm_index(const struct vm_page *pg);

/* The page's bytes in the arena. */
unsigned char *host_page_data(const struct vm_page *pg);
bool host_page_is_zero(const struct vm_page *pg);

#endif
