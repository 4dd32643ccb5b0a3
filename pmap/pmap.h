/*
 * The pmap contract: the machine-independent interface to the MMU.
 * pmap/PMAP.md explains it in prose; this header is the authority.
 *
 * Today the kernel pmap exists with unmanaged mappings (pmap_kenter_pa):
 * the kernel's own wired mappings, never forgotten, with no reverse map.
 * Managed mappings (pmap_enter with pv lists) come with user processes.
 */
#ifndef _PMAP_PMAP_H_
#define _PMAP_PMAP_H_

#include <stdbool.h>
#include <machine/types.h>
#include <machine/vmparam.h>
#include "vm/uvm_param.h"

/* Every page of RAM is mapped at a fixed offset in the kernel's space. */
#define PMAP_DIRECT_MAP(pa)     ((vaddr_t)(pa) + DIRECT_MAP_BASE)
#define PMAP_DIRECT_UNMAP(va)   ((paddr_t)((vaddr_t)(va) - DIRECT_MAP_BASE))

struct pmap;

/* The kernel's pmap, shared (upper half) by every address space. */
struct pmap *pmap_kernel(void);

/*
 * Builds the kernel's page tables and switches to them: the direct map of
 * all physical memory (read/write, no-execute) and the kernel image with
 * per-section protections (text read/execute, rodata read-only, data and
 * bss read/write no-execute). The boot stack's guard page stays unmapped.
 * => called once, after uvm_page_physload and before uvm_page_init; takes
 *    its page-table pages with uvm_page_physget.
 */
void pmap_bootstrap(void);

/*
 * Enters an unmanaged, wired kernel mapping va -> pa.
 * => va must be a kernel address in [VM_MIN_KERNEL_ADDRESS,
 *    VM_MAX_KERNEL_ADDRESS); any existing mapping is replaced.
 * => prot: VM_PROT_READ, optionally WRITE and EXECUTE.
 * => flags: none defined yet (0).
 * => the mapping is usable at once on this CPU; pmap_update() makes it
 *    so everywhere.
 */
void pmap_kenter_pa(vaddr_t va, paddr_t pa, vm_prot_t prot, unsigned flags);

/*
 * Removes the unmanaged mappings in [va, va + size).
 * => the range may include unmapped pages; page-table pages are kept.
 * => stale TLB entries may survive until pmap_update().
 */
void pmap_kremove(vaddr_t va, vsize_t size);

/*
 * Looks up the physical address va maps to in pm.
 * => returns true and sets *pap (if pap != NULL), or false if unmapped.
 */
bool pmap_extract(struct pmap *pm, vaddr_t va, paddr_t *pap);

/*
 * Looks up the protection of va's mapping in pm (what the MMU enforces).
 * => returns VM_PROT_NONE if unmapped.
 */
vm_prot_t pmap_prot(struct pmap *pm, vaddr_t va);

/* Completes deferred TLB invalidations of pm. */
void pmap_update(struct pmap *pm);

/* Fills a physical page with zeros / copies one physical page to another. */
void pmap_zero_page(paddr_t pa);
void pmap_copy_page(paddr_t src, paddr_t dst);

/*
 * Lowers the permission of every mapping of pg to prot (READ: read-only,
 * NONE: removed), in every pmap, through its pv list.
 */
struct vm_page;
void pmap_page_protect(struct vm_page *pg, vm_prot_t prot);

#define PMAP_WIRED      0x10    /* the mapping is wired: never forgotten */
#define PMAP_CANFAIL    0x20    /* return ENOMEM rather than panic */

struct pmap *pmap_create(void);
void pmap_reference(struct pmap *pm);
void pmap_destroy(struct pmap *pm);
void pmap_activate(struct pmap *pm);
int pmap_enter(struct pmap *pm, vaddr_t va, paddr_t pa, vm_prot_t prot, unsigned flags);

/* Removes pm's mappings in [sva, eva). */
void pmap_remove(struct pmap *pm, vaddr_t sva, vaddr_t eva);
/* Lowers pm's mappings in [sva, eva) to prot (NONE removes them). */
void pmap_protect(struct pmap *pm, vaddr_t sva, vaddr_t eva, vm_prot_t prot);

/* Page-table pages the kernel pmap has allocated since boot (for tests). */
unsigned long pmap_kernel_ptpages(void);

#endif
