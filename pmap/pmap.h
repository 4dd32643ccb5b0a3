/*
 * The pmap contract: the machine-independent interface to the MMU.
 * pmap/PMAP.md explains it in prose; this header is the authority.
 *
 * Two kinds of mappings:
 *  - unmanaged kernel mappings (pmap_kenter_pa / pmap_kremove): wired,
 *    never forgotten, no reverse map, no modified/referenced tracking;
 *  - managed mappings (pmap_enter / pmap_remove): of a page that has a
 *    struct vm_page, each recorded on the page's pv list, so that the VM
 *    can reach every mapping of a page (pmap_page_protect) and ask whether
 *    it was modified or referenced. pmap_enter of a physical address
 *    without a vm_page (device memory) makes an unmanaged mapping.
 *
 * The contract allows a pmap to forget any managed mapping that is not
 * wired (the fault handler re-enters it). This pmap forgets none.
 *
 * Callers may hold VM mutexes, never a spinlock; no pmap function sleeps.
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

/*
 * pmap_enter flags. The low bits (VM_PROT_ALL) are the access that caused
 * the fault, if any: a read or execute marks the page referenced, a write
 * referenced and modified, at once, saving the MMU a second trip.
 */
#define PMAP_PROT_MASK  VM_PROT_ALL
#define PMAP_WIRED      0x10    /* the mapping is wired: never forgotten */
#define PMAP_CANFAIL    0x20    /* return ENOMEM rather than panic */

struct pmap;
struct vm_page;

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

/* ---- address spaces ------------------------------------------------ */

/*
 * Creates a user address space: no user mappings, the kernel half shared
 * with pmap_kernel(), one reference.
 * => returns NULL if memory ran out.
 */
struct pmap *pmap_create(void);

/* Adds a reference to pm (a user pmap). */
void pmap_reference(struct pmap *pm);

/*
 * Drops a reference to pm (a user pmap); the last one frees it.
 * => on the last reference: pm has no mappings left (pmap_remove them
 *    first) and is not active.
 */
void pmap_destroy(struct pmap *pm);

/*
 * Makes pm the address space of this CPU (loads CR3). The kernel half is
 * the same in every pmap, so the kernel keeps running.
 * => pmap_activate(pmap_kernel()) goes back to the kernel's own tables.
 */
void pmap_activate(struct pmap *pm);

/* ---- managed mappings, by address ------------------------------------ */

/*
 * Maps va to pa in pm with protection prot, replacing any mapping of va.
 * => va: a user address (< VM_MAXUSER_ADDRESS) in a user pmap, a kernel
 *    address in [VM_MIN_KERNEL_ADDRESS, VM_MAX_KERNEL_ADDRESS) in
 *    pmap_kernel(); both page-aligned, as is pa.
 * => prot is not VM_PROT_NONE; x86 cannot map a page write-only or
 *    execute-only, so WRITE or EXECUTE alone map it readable too.
 * => flags: the access type (within prot), PMAP_WIRED, PMAP_CANFAIL.
 * => managed if pa has a vm_page (uvm_phys_to_page), else unmanaged.
 * => returns 0, or ENOMEM (only with PMAP_CANFAIL) if a page-table page
 *    or a pv entry could not be allocated; then nothing changed.
 *    Without PMAP_CANFAIL running out of memory panics.
 */
int pmap_enter(struct pmap *pm, vaddr_t va, paddr_t pa, vm_prot_t prot, unsigned flags);

/*
 * Removes the mappings in [sva, eva) from pm (entered with pmap_enter;
 * unmapped pages are skipped). A user page-table page is freed when its
 * last mapping goes.
 */
void pmap_remove(struct pmap *pm, vaddr_t sva, vaddr_t eva);

/*
 * Lowers the protection of the mappings in [sva, eva) to at most prot:
 * without VM_PROT_WRITE they become read-only, without VM_PROT_EXECUTE
 * no-execute (where the CPU has NX); VM_PROT_NONE removes them. Never
 * raises a protection. (As in pmap_enter, x86 keeps a mapping readable
 * while it has any access at all.)
 */
void pmap_protect(struct pmap *pm, vaddr_t sva, vaddr_t eva, vm_prot_t prot);

/*
 * Clears the wiring of va's mapping in pm (pmap_enter with PMAP_WIRED):
 * the mapping stays, but may now be forgotten.
 * => va is mapped in pm; a mapping that is not wired is left as it is.
 */
void pmap_unwire(struct pmap *pm, vaddr_t va);

/* Mappings in pm: all of them / the wired ones. Unlocked snapshots. */
long pmap_resident_count(struct pmap *pm);
long pmap_wired_count(struct pmap *pm);

/* ---- managed mappings, by page --------------------------------------- */

/*
 * Lowers the protection of every managed mapping of pg, in every pmap:
 * VM_PROT_READ (or READ|EXECUTE) makes them all read-only: a write
 * through any of them faults once the call returns, and pg is saved as
 * modified if it was. VM_PROT_NONE removes them all. With VM_PROT_WRITE
 * nothing changes. Loans rely on this being exact (DESIGN.md).
 * Unmanaged mappings (pmap_kenter_pa, the direct map) are not affected.
 */
void pmap_page_protect(struct vm_page *pg, vm_prot_t prot);

/*
 * Was pg written through a managed mapping since the last
 * pmap_clear_modify? Exact: the MMU's modified bits of its mappings,
 * plus those saved when mappings were removed or write-protected.
 * Writes through unmanaged mappings (the direct map) are not seen.
 */
bool pmap_is_modified(struct vm_page *pg);

/* Forgets pg's modified state; returns what pmap_is_modified said. */
bool pmap_clear_modify(struct vm_page *pg);

/*
 * Was pg accessed through a managed mapping since the last
 * pmap_clear_reference? The contract allows an approximate answer (a
 * clock hand needs no more); see PMAP.md for how close this one is.
 */
bool pmap_is_referenced(struct vm_page *pg);

/* Forgets pg's referenced state; returns what pmap_is_referenced said. */
bool pmap_clear_reference(struct vm_page *pg);

/* ---- unmanaged kernel mappings --------------------------------------- */

/*
 * Enters an unmanaged, wired kernel mapping va -> pa.
 * => va must be a kernel address in [VM_MIN_KERNEL_ADDRESS,
 *    VM_MAX_KERNEL_ADDRESS); any existing unmanaged mapping is replaced.
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

/* ---- lookups and the rest -------------------------------------------- */

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

/*
 * Completes pm's deferred TLB invalidations: after pmap_enter (replacing
 * a mapping), pmap_remove, pmap_protect, pmap_kenter_pa, pmap_kremove,
 * stale translations may survive until pmap_update(pm). (pmap_page_protect
 * and the clear functions take effect before they return.)
 */
void pmap_update(struct pmap *pm);

/* Fills a physical page with zeros / copies one physical page to another. */
void pmap_zero_page(paddr_t pa);
void pmap_copy_page(paddr_t src, paddr_t dst);

/* Page-table pages the kernel pmap has allocated since boot (for tests). */
unsigned long pmap_kernel_ptpages(void);

#endif
