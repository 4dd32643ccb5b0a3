/*
 * The x86 pmap's private declarations, shared by its three files:
 *
 *   pmap.c        page tables, address spaces (create, destroy, activate),
 *                 unmanaged kernel mappings, lookups
 *   pmap_enter.c  mappings by address: enter, remove, protect, unwire
 *   pmap_pv.c     mappings by page: pv entries, pmap_page_protect,
 *                 modified and referenced
 *
 * Nothing outside pmap/ includes this header, except pmap's own tests.
 *
 * Locks. Each pmap has a spinlock, pm_lock; one global spinlock,
 * pmap_pv_lock, guards every page's pv list and saved attributes. The
 * order is
 *
 *     pm_lock  =>  pmap_pv_lock
 *
 * and nothing else is taken while either is held: page-table pages and pv
 * entries are allocated before pm_lock is taken and freed after it is
 * released (struct pmap_gc). Walking from a page to its mappings goes
 * against the order (pv first, then each mapping's pmap), so it takes the
 * pmap lock with a try and starts over if that fails (pmap_pv.c).
 */
#ifndef _PMAP_PMAP_IMPL_H_
#define _PMAP_PMAP_IMPL_H_

#include <stdbool.h>
#include <machine/pmap_md.h>
#include "kernel/lock.h"
#include "pmap/pmap.h"
#include "vm/uvm_page.h"

/*
 * Software bits in a level-1 entry (the "avl" bits 11..9 of <x86/pte.h>,
 * which the MMU ignores):
 *
 *   bit 9   PG_W        the mapping is wired: never forgotten
 *   bit 10  PG_PVLIST   the mapping is managed: a pv entry on its page's
 *                       pv list names (pmap, va)
 */
#define PG_W            0x200ULL
#define PG_PVLIST       0x400ULL

/*
 * An address space: the top-level table and the counters.
 *
 * Lock legend: [I] set by pmap_create (or pmap_bootstrap)  [l] pm_lock
 */
struct pmap {
	struct spinlock pm_lock;
	paddr_t pm_top_pa;              /* [I] top-level table (CR3) */
	pt_entry_t *pm_top;             /* [I] the same, through the direct map */
	unsigned pm_refs;               /* [l] references (pmap_reference) */
	unsigned long pm_ptpages;       /* [l] table pages below the top */
	long pm_resident;               /* [l] valid level-1 entries */
	long pm_wired;                  /* [l] of which PG_W */
};

/*
 * One managed mapping of a page: the page is mapped at pv_va in pv_pmap.
 * A page's entries hang from vm_page.pv_list in no particular order.
 *
 * Lock legend: [v] pmap_pv_lock
 */
struct pv_entry {
	struct pv_entry *pv_next;       /* [v] the page's next mapping */
	struct pmap *pv_pmap;           /* [v] */
	vaddr_t pv_va;                  /* [v] */
};

extern struct spinlock pmap_pv_lock;

/*
 * What an operation frees once its locks are released: pv entries (to
 * kmem) and page-table pages (unwired, to the free lists). Freeing takes
 * other spinlocks (kmem's, the free-page lock), which may not nest inside
 * pm_lock.
 */
struct pmap_gc {
	struct pv_entry *gc_pvs;        /* chained through pv_next */
	struct pglist gc_ptps;          /* chained through pageq */
};

/*
 * The TLB invalidations of one operation over a range (pmap_remove,
 * pmap_protect, pmap_kremove): an invlpg per page for the first
 * PMAP_TLB_BATCH pages, and past that one flush of the whole TLB when the
 * operation is done, before pm_lock is released (pmap.c says how). Only
 * pages of a pmap this CPU's TLB can hold count (pmap_is_current).
 *
 * The threshold, measured with vmbench under QEMU's TCG on i386 (three
 * boots of each choice, interleaved): TCG's CR3 load empties its whole
 * software TLB, the kernel's global entries too (QEMU ignores PG_G), so
 * the kernel refills its own entries after every flush. With a threshold
 * of 32 each repetition of the zero-fill row flushed in its munmap of 256
 * pages, and the row got 5% slower (copy-on-write 4%): roughly 140000
 * cycles per flush, as much as 700 invlpgs at about 200 cycles each.
 * With 1024 no fault row moved, and fork after rewriting 16 MiB (4096
 * pages to write-protect) took 15-20% less than with an invlpg per page.
 * 512, one page table's worth, stays below that break-even. (amd64 boots
 * varied too much on the shared host to tell 32 from 1024 apart in the
 * fault rows.) On a real CPU the kernel's global entries survive a CR3
 * load and a flush is cheap: Linux flushes above 33 pages.
 *
 * Lock legend: a local variable of the operation, under its pm_lock.
 */
#define PMAP_TLB_BATCH  512
struct pmap_tlb {
	struct pmap *tlb_pmap;
	bool tlb_current;               /* can the TLB hold tlb_pmap's entries? */
	unsigned tlb_n;                 /* pages to invalidate so far */
};

void pmap_tlb_init(struct pmap_tlb *tlb, struct pmap *pm);
void pmap_tlb_add(struct pmap_tlb *tlb, vaddr_t va);
void pmap_tlb_done(struct pmap_tlb *tlb);

void pmap_gc_init(struct pmap_gc *gc);
void pmap_gc_ptp(struct pmap_gc *gc, paddr_t pa);
void pmap_gc_free(struct pmap_gc *gc);

/* pmap.c: entries, walks, table pages (contracts beside the code) */
pt_entry_t pmap_pte_swap(pt_entry_t *pte, pt_entry_t npte);
pt_entry_t pmap_pte_clrset(pt_entry_t *pte, pt_entry_t clr, pt_entry_t set);
bool pmap_is_current(struct pmap *pm);
void pmap_invalidate(struct pmap *pm, vaddr_t va);
pt_entry_t *pmap_pte_lookup(struct pmap *pm, vaddr_t va);
pt_entry_t *pmap_pte_span(struct pmap *pm, vaddr_t va, vaddr_t eva, vaddr_t *endp);
pt_entry_t *pmap_pte_alloc(struct pmap *pm, vaddr_t va, struct pmap_gc *gc, bool canfail);
void pmap_ptp_use(struct pmap *pm, pt_entry_t *pte);
bool pmap_ptp_unuse(struct pmap *pm, vaddr_t va, pt_entry_t *pte, struct pmap_gc *gc);
pt_entry_t pmap_leaf_bits(struct pmap *pm, vm_prot_t prot);
void pmap_stats_add(struct pmap *pm, pt_entry_t pte, int delta);
struct vm_page *pmap_pte_page(pt_entry_t pte);

/* pmap_enter.c */
bool pmap_remove_pte(struct pmap *pm, vaddr_t va, pt_entry_t *pte, struct pmap_gc *gc,
    struct pmap_tlb *tlb);

/* pmap_pv.c */
struct pv_entry *pmap_pv_alloc(void);
void pmap_pv_link(struct vm_page *pg, struct pv_entry *pv, struct pmap *pm, vaddr_t va);
struct pv_entry *pmap_pv_unlink(struct vm_page *pg, struct pmap *pm, vaddr_t va);

#endif
