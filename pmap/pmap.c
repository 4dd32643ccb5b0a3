/*
 * The x86 pmap, shared by i386 (PAE) and amd64 through the hooks of
 * <machine/pmap_md.h>: PMAP_LEVELS, PMAP_TOP_ENTRIES, PMAP_TOP_FIXED,
 * PMAP_TOP_MAXPA, pmap_md_table_bits. This file: page tables, address
 * spaces, unmanaged kernel mappings and lookups. pmap_enter.c and
 * pmap_pv.c hold the managed mappings; pmap_impl.h the shared parts and
 * the lock order.
 *
 * Page tables form a radix tree of 512-entry tables; a virtual address is
 * split into one index per level (PT_INDEX in <x86/pte.h>). Example, amd64,
 * va 0xffffff0000003000: PML4[510] -> PDPT[0] -> PD[0] -> PT[3]. Every
 * table is reached through the direct map, so a walk never maps anything.
 *
 * Invariants:
 *  - A non-leaf entry is either 0 or pmap_md_table_bits(level, user) | the
 *    physical address of a table page that was zeroed at birth.
 *  - The kernel half of every top level is a copy of the kernel pmap's,
 *    fully populated at bootstrap; kernel page-table pages are never
 *    freed, so a kernel table added later is seen by every address space.
 *  - In a user pmap, the vm_page of each table below the top counts its
 *    valid entries: wire_count == 1 + valid entries (the 1 is the page's
 *    own wiring). A table whose count falls back to 1 is unlinked and
 *    freed at once, except where PMAP_TOP_FIXED keeps the tables just
 *    below the top (i386's user page directories) until pmap_destroy.
 *  - pm_resident counts the valid level-1 entries, pm_wired those of them
 *    with PG_W. Unmanaged kernel mappings are PG_W.
 *
 * Example (amd64): pmap_enter(pm, 0x400000, ...) into an empty user pmap
 * takes three tables (PDPT for PML4[0], PD for PDPT[0], PT for PD[2]),
 * each counting one entry; pmap_remove of that one page empties the PT,
 * then the PD, then the PDPT, and all three go back to the free lists.
 *
 * Allocation never happens under pm_lock (the free-page lock comes before
 * it in the lock order): a walk that finds a table missing returns, the
 * lock is dropped, the tables are allocated, and the walk starts again
 * (pmap_pte_alloc). What is left over, or freed, goes on a struct pmap_gc
 * and is freed once the locks are released.
 *
 * TLB: x86 never caches a non-present entry, and loading CR3 flushes
 * every non-global translation. So a changed entry of the current pmap or
 * of the kernel pmap (whose entries are global) is invalidated with
 * invlpg, and one of any other pmap needs nothing: no stale entry of it
 * can be cached. An operation over a range (pmap_remove, pmap_protect,
 * pmap_kremove) batches its invalidations (struct pmap_tlb): past
 * PMAP_TLB_BATCH pages it flushes the whole TLB once, before it returns.
 * pmap_update() has nothing left to do until SMP brings
 * shootdowns (or a lab brings PCIDs, which keep translations across CR3
 * loads).
 */
#include <machine/cpu.h>
#include <machine/pmap_md.h>
#include "pmap/pmap.h"
#include "pmap/pmap_impl.h"
#include "kernel/bootinfo.h"
#include "kernel/panic.h"
#include "kernel/printf.h"
#include "kernel/string.h"
#include "vm/kmem.h"
#include "vm/uvm_page.h"

static struct pmap kernel_pmap_store = {
	.pm_lock = SPINLOCK_INITIALIZER("pmap_kernel"),
	.pm_refs = 1,
};
static pt_entry_t pg_nx;                /* [I] PG_NX if the CPU has it, else 0 */
static pt_entry_t pg_g;                 /* [I] PG_G if the CPU has it, else 0 */

extern char kernel_start[], kernel_etext[], kernel_erodata[], kernel_edata[],
    kernel_end[], boot_stack_guard[];

/* The first top-level slot of the kernel half. */
#define PMAP_KERNEL_TOP_FIRST   PT_INDEX(VM_MAXUSER_ADDRESS, PMAP_LEVELS)

struct pmap *pmap_kernel(void)
{
	return &kernel_pmap_store;
}

unsigned long pmap_kernel_ptpages(void)
{
	return kernel_pmap_store.pm_ptpages;
}

/* ---- entries --------------------------------------------------------- */

/*
 * Entries change with atomic operations: on i386 a plain 64-bit store is
 * two 32-bit stores, and the MMU could walk a half-written entry; and the
 * MMU sets PG_A and PG_M in entries behind our back, which a
 * read-modify-write must not lose. Both are built on compare-and-swap
 * (cmpxchg8b on i386): GCC's __atomic builtins on 64 bits would call
 * libatomic there, as the kernel is built without x87 and SSE.
 */

/* Clears the bits clr and sets the bits set in *pte; returns the old entry. */
pt_entry_t pmap_pte_clrset(pt_entry_t *pte, pt_entry_t clr, pt_entry_t set)
{
	pt_entry_t o = *pte;    /* may be torn on i386: the swap then fails */

	for (;;) {
		pt_entry_t seen = __sync_val_compare_and_swap(pte, o, (o & ~clr) | set);
		if (seen == o)
			return o;
		o = seen;
	}
}

/* Replaces *pte with npte; returns the old entry. */
pt_entry_t pmap_pte_swap(pt_entry_t *pte, pt_entry_t npte)
{
	return pmap_pte_clrset(pte, ~(pt_entry_t)0, npte);
}

/* The bits of a leaf entry mapping a page with prot in pm. */
pt_entry_t pmap_leaf_bits(struct pmap *pm, vm_prot_t prot)
{
	pt_entry_t bits = PG_V;

	if (prot & VM_PROT_WRITE)
		bits |= PG_RW;
	if (!(prot & VM_PROT_EXECUTE))
		bits |= pg_nx;
	return bits | (pm == pmap_kernel() ? pg_g : PG_U);
}

/* Counts a leaf entry in (delta 1) or out of (delta -1) pm's counters. */
void pmap_stats_add(struct pmap *pm, pt_entry_t pte, int delta)
{
	if (!(pte & PG_V))
		return;
	pm->pm_resident += delta;
	if (pte & PG_W)
		pm->pm_wired += delta;
}

/* The vm_page a leaf entry maps (managed entries only). */
struct vm_page *pmap_pte_page(pt_entry_t pte)
{
	struct vm_page *pg = uvm_phys_to_page(pte & PG_FRAME);

	KASSERTMSG(pg != NULL, "managed entry %#llx maps a page without a vm_page",
	    (unsigned long long)pte);
	return pg;
}

/* Can this CPU's TLB hold translations of pm (its tables in CR3, or the kernel's)? */
bool pmap_is_current(struct pmap *pm)
{
	return pm == pmap_kernel() || (rcr3() & PG_FRAME) == pm->pm_top_pa;
}

/* Drops this CPU's cached translation of va in pm, if it can have one. */
void pmap_invalidate(struct pmap *pm, vaddr_t va)
{
	if (pmap_is_current(pm))
		invlpg(va);
}

/*
 * Batched invalidation (struct pmap_tlb, pmap_impl.h): invlpg for each of
 * the first PMAP_TLB_BATCH pages as they come, and if more come, one flush
 * of the whole TLB when the operation is done. A range just past the
 * threshold pays for both, at most twice the better of the two; ranges
 * far past it (a fork's write-protection of 16 MiB: 4096 pages) get one
 * flush instead of thousands of invlpgs.
 *
 * Flushing the whole TLB: for a user pmap, reload CR3, which drops every
 * non-global translation; the kernel's entries are global (PG_G) and
 * survive on a real CPU. For the kernel pmap, whose entries are global,
 * turn CR4.PGE off and on again, which drops them all.
 */
void pmap_tlb_init(struct pmap_tlb *tlb, struct pmap *pm)
{
	KASSERT(spinlock_held(&pm->pm_lock));
	tlb->tlb_pmap = pm;
	tlb->tlb_current = pmap_is_current(pm);
	tlb->tlb_n = 0;
}

void pmap_tlb_add(struct pmap_tlb *tlb, vaddr_t va)
{
	if (tlb->tlb_current && ++tlb->tlb_n <= PMAP_TLB_BATCH)
		invlpg(va);
}

void pmap_tlb_done(struct pmap_tlb *tlb)
{
	KASSERT(spinlock_held(&tlb->tlb_pmap->pm_lock));
	if (tlb->tlb_n <= PMAP_TLB_BATCH)
		return;
	if (tlb->tlb_pmap == pmap_kernel() && pg_g) {
		unsigned long cr4 = rcr4();
		lcr4(cr4 & ~CR4_PGE);
		lcr4(cr4);
	} else
		lcr3(rcr3());
}

/* ---- table pages ----------------------------------------------------- */

/*
 * A zeroed, wired page for a table of pm: stolen at boot, allocated
 * afterwards (the kernel may dip into the reserve; a user pmap may not).
 * => returns its physical address, or 0 if there is no free page.
 */
static paddr_t pmap_ptp_alloc(struct pmap *pm)
{
	paddr_t pa;

	if (!uvm_page_initialized()) {
		if (!uvm_page_physget(&pa))
			panic("pmap_ptp_alloc: out of memory for boot page tables");
		KASSERTMSG(pa + PAGE_SIZE <= BOOT_MAP_LIMIT,
		    "boot page-table page %#llx is beyond the boot mapping",
		    (unsigned long long)pa);
		pmap_zero_page(pa);
		return pa;
	}
	struct vm_page *pg = uvm_pagealloc(NULL, 0, NULL,
	    UVM_PGA_ZERO | (pm == pmap_kernel() ? UVM_PGA_USERESERVE : 0));
	if (pg == NULL)
		return 0;
	uvm_pagewire(pg);
	pg->flags &= ~(PG_BUSY | PG_FAKE);
	return pg->phys_addr;
}

static pt_entry_t *pmap_table(pt_entry_t entry)
{
	return (pt_entry_t *)PMAP_DIRECT_MAP(entry & PG_FRAME);
}

/* The physical address of the table page holding entry e. */
static paddr_t pmap_table_pa(pt_entry_t *e)
{
	return PMAP_DIRECT_UNMAP((vaddr_t)e & ~(vaddr_t)PAGE_MASK);
}

/*
 * va's entry in pm's table at `level`, or NULL if a table above is
 * missing (or va lies in a large page).
 */
static pt_entry_t *pmap_entry(struct pmap *pm, vaddr_t va, int level)
{
	pt_entry_t *table = pm->pm_top;

	for (int l = PMAP_LEVELS; l > level; l--) {
		pt_entry_t e = table[PT_INDEX(va, l)];
		if (!(e & PG_V) || (e & PG_PS))
			return NULL;
		table = pmap_table(e);
	}
	return &table[PT_INDEX(va, level)];
}

/* va's level-1 entry in pm, or NULL if its table does not exist. => pm locked. */
pt_entry_t *pmap_pte_lookup(struct pmap *pm, vaddr_t va)
{
	KASSERT(spinlock_held(&pm->pm_lock));
	return pmap_entry(pm, va, 1);
}

/* The end of the region that va's entry at `level` covers, at most eva. */
static vaddr_t pmap_region_end(vaddr_t va, vaddr_t eva, int level)
{
	vaddr_t end = (va | (((vaddr_t)1 << PT_SHIFT(level)) - 1)) + 1;

	return end <= va || end > eva ? eva : end;      /* end <= va: wrapped */
}

/*
 * For walking [va, eva): va's level-1 entry, with *endp the end of the
 * range its table covers (entries va .. *endp follow it in memory); or
 * NULL, with *endp the end of the hole a missing table leaves.
 * => pm locked; *endp > va.
 */
pt_entry_t *pmap_pte_span(struct pmap *pm, vaddr_t va, vaddr_t eva, vaddr_t *endp)
{
	pt_entry_t *table = pm->pm_top;

	KASSERT(spinlock_held(&pm->pm_lock));
	for (int level = PMAP_LEVELS; level > 1; level--) {
		pt_entry_t e = table[PT_INDEX(va, level)];
		if (!(e & PG_V)) {
			*endp = pmap_region_end(va, eva, level);
			return NULL;
		}
		KASSERTMSG(!(e & PG_PS), "va %p lies in a large page", (void *)va);
		table = pmap_table(e);
	}
	*endp = pmap_region_end(va, eva, 2);
	return &table[PT_INDEX(va, 1)];
}

/*
 * Counts one more valid entry in the table holding e, in a user pmap
 * (neither the kernel's tables nor a top level keep a count).
 * => pm locked.
 */
void pmap_ptp_use(struct pmap *pm, pt_entry_t *e)
{
	KASSERT(spinlock_held(&pm->pm_lock));
	if (pm == pmap_kernel() || pmap_table_pa(e) == pm->pm_top_pa)
		return;
	struct vm_page *ptp = uvm_phys_to_page(pmap_table_pa(e));
	KASSERT(ptp != NULL && ptp->wire_count < PT_ENTRIES + 1);
	ptp->wire_count++;
}

/*
 * The level-1 entry pte (va's, in pm) was just cleared: drops its table's
 * count, and if the table is now empty unlinks it, queues it on gc, and
 * does the same one level up.
 * => pm locked.
 * => returns true if va's level-1 table went (pte points into it).
 */
bool pmap_ptp_unuse(struct pmap *pm, vaddr_t va, pt_entry_t *pte, struct pmap_gc *gc)
{
	pt_entry_t *e = pte;
	bool pt_gone = false;

	KASSERT(spinlock_held(&pm->pm_lock));
	if (pm == pmap_kernel())
		return false;
	for (int level = 1; level < PMAP_LEVELS; level++) {
		/* e lies in va's table at `level`, which lost an entry. */
		struct vm_page *ptp = uvm_phys_to_page(pmap_table_pa(e));
		KASSERTMSG(ptp != NULL && ptp->wire_count > 1,
		    "level-%d table of va %p has no entry to lose", level, (void *)va);
		if (--ptp->wire_count > 1 || (PMAP_TOP_FIXED && level == PMAP_LEVELS - 1))
			break;
		e = pmap_entry(pm, va, level + 1);
		pmap_pte_swap(e, 0);
		/* invlpg also drops the paging-structure caches' copy of e. */
		pmap_invalidate(pm, va);
		pm->pm_ptpages--;
		TAILQ_INSERT_TAIL(&gc->gc_ptps, ptp, pageq);
		pt_gone |= level == 1;
	}
	return pt_gone;
}

/*
 * va's level-1 entry, creating the missing tables from spare[0..*nspare)
 * if there are enough of them; else returns NULL with *need set to how
 * many tables are missing, having changed nothing.
 * => pm locked.
 */
static pt_entry_t *pmap_pte_make(struct pmap *pm, vaddr_t va, paddr_t *spare,
    int *nspare, int *need)
{
	bool user = pm != pmap_kernel();
	pt_entry_t *table = pm->pm_top;
	int level;

	KASSERT(spinlock_held(&pm->pm_lock));
	for (level = PMAP_LEVELS; level > 1; level--) {
		pt_entry_t e = table[PT_INDEX(va, level)];
		if (!(e & PG_V))
			break;
		KASSERTMSG(!(e & PG_PS), "va %p lies in a large page", (void *)va);
		table = pmap_table(e);
	}
	/* Missing: the tables at levels level-1 .. 1. */
	if (level - 1 > *nspare) {
		*need = level - 1;
		return NULL;
	}
	for (; level > 1; level--) {
		pt_entry_t *e = &table[PT_INDEX(va, level)];
		pmap_pte_swap(e, spare[--*nspare] | pmap_md_table_bits(level, user));
		pmap_ptp_use(pm, e);
		pm->pm_ptpages++;
		table = pmap_table(*e);
	}
	return &table[PT_INDEX(va, 1)];
}

/*
 * va's level-1 entry in pm, creating the missing tables. To allocate it
 * drops pm's lock and takes it again, so the caller must look at the
 * tables only after this returns.
 * => pm locked, no other spinlock held; pm locked on return.
 * => returns NULL if a table page could not be allocated and canfail
 *    (without canfail that panics); then nothing changed.
 * => unused table pages go on gc.
 */
pt_entry_t *pmap_pte_alloc(struct pmap *pm, vaddr_t va, struct pmap_gc *gc, bool canfail)
{
	paddr_t spare[PMAP_LEVELS];
	int nspare = 0, need = 0;
	pt_entry_t *pte;

	KASSERT(spinlock_held(&pm->pm_lock));
	while ((pte = pmap_pte_make(pm, va, spare, &nspare, &need)) == NULL) {
		bool ok = true;
		spinlock_exit(&pm->pm_lock);
		while (ok && nspare < need) {
			paddr_t pa = pmap_ptp_alloc(pm);
			if ((ok = pa != 0))
				spare[nspare++] = pa;
		}
		spinlock_enter(&pm->pm_lock);
		if (!ok) {
			if (!canfail)
				panic("pmap_pte_alloc: out of memory for page tables");
			break;
		}
	}
	/* Another thread may have made a table while we were allocating. */
	KASSERT(nspare == 0 || uvm_page_initialized());
	while (nspare > 0)
		pmap_gc_ptp(gc, spare[--nspare]);
	return pte;
}

/* An empty gc, for an operation about to take its locks. */
void pmap_gc_init(struct pmap_gc *gc)
{
	gc->gc_pvs = NULL;
	TAILQ_INIT(&gc->gc_ptps);
}

/* Queues the table page at pa (empty, wired once) on gc. */
void pmap_gc_ptp(struct pmap_gc *gc, paddr_t pa)
{
	struct vm_page *ptp = uvm_phys_to_page(pa);

	KASSERT(ptp != NULL);
	TAILQ_INSERT_TAIL(&gc->gc_ptps, ptp, pageq);
}

/* Frees what gc holds. => no spinlock held. */
void pmap_gc_free(struct pmap_gc *gc)
{
	struct pv_entry *pv;
	struct vm_page *ptp;

	while ((pv = gc->gc_pvs) != NULL) {
		gc->gc_pvs = pv->pv_next;
		kmem_free(pv, sizeof(*pv));
	}
	while ((ptp = TAILQ_FIRST(&gc->gc_ptps)) != NULL) {
		TAILQ_REMOVE(&gc->gc_ptps, ptp, pageq);
		KASSERTMSG(ptp->wire_count == 1, "freeing a table page with %u entries",
		    ptp->wire_count - 1);
		uvm_pageunwire(ptp);
		uvm_pagefree(ptp);
	}
}

/* ---- the kernel pmap ------------------------------------------------- */

/* Enters an unmanaged kernel mapping anywhere (bootstrap, pmap_kenter_pa). */
static void pmap_enter_kernel(vaddr_t va, paddr_t pa, vm_prot_t prot)
{
	struct pmap *pm = pmap_kernel();
	pt_entry_t npte = (pa & PG_FRAME) | pmap_leaf_bits(pm, prot) | PG_W;
	struct pmap_gc gc;

	pmap_gc_init(&gc);
	spinlock_enter(&pm->pm_lock);
	pt_entry_t *pte = pmap_pte_alloc(pm, va, &gc, false);
	pt_entry_t opte = pmap_pte_swap(pte, npte);
	KASSERTMSG(!(opte & PG_PVLIST), "pmap_kenter_pa over the managed mapping at %p",
	    (void *)va);
	pmap_stats_add(pm, opte, -1);
	pmap_stats_add(pm, npte, 1);
	if (opte & PG_V)
		pmap_invalidate(pm, va);
	spinlock_exit(&pm->pm_lock);
	pmap_gc_free(&gc);
}

static void pmap_map_range(vaddr_t va, vaddr_t end, paddr_t pa, vm_prot_t prot)
{
	for (; va < end; va += PAGE_SIZE, pa += PAGE_SIZE)
		pmap_enter_kernel(va, pa, prot);
}

void pmap_bootstrap(void)
{
	struct pmap *pm = pmap_kernel();

	pg_nx = cpu_features.nx ? PG_NX : 0;
	if (cpu_features.pge) {
		pg_g = PG_G;
		lcr4(rcr4() | CR4_PGE);
	}
	pm->pm_top_pa = pmap_ptp_alloc(pm);
	pm->pm_top = (pt_entry_t *)PMAP_DIRECT_MAP(pm->pm_top_pa);

	/* The kernel half of the top level, shared by all address spaces. */
	for (unsigned i = PMAP_KERNEL_TOP_FIRST; i < PMAP_TOP_ENTRIES; i++) {
		pm->pm_top[i] = pmap_ptp_alloc(pm) | pmap_md_table_bits(PMAP_LEVELS, false);
		pm->pm_ptpages++;
	}

	/* The direct map: the first MiB (BIOS areas, VGA) and all RAM. */
	pmap_map_range(PMAP_DIRECT_MAP(0), PMAP_DIRECT_MAP(0x100000), 0,
	    VM_PROT_READ | VM_PROT_WRITE);
	for (int i = 0; i < bootinfo.nmem; i++) {
		paddr_t start = round_page(bootinfo.mem[i].start);
		paddr_t end = trunc_page(bootinfo.mem[i].end);
		if (end > DIRECT_MAP_MAXPA)
			end = DIRECT_MAP_MAXPA;
		if (start < end)
			pmap_map_range(PMAP_DIRECT_MAP(start), PMAP_DIRECT_MAP(end), start,
			    VM_PROT_READ | VM_PROT_WRITE);
	}

	/* The kernel image, section by section (on i386 this overrides the
	 * direct map's entries for the same addresses). */
	pmap_map_range((vaddr_t)kernel_start, (vaddr_t)kernel_etext,
	    (vaddr_t)kernel_start - KERNBASE, VM_PROT_READ | VM_PROT_EXECUTE);
	pmap_map_range((vaddr_t)kernel_etext, (vaddr_t)kernel_erodata,
	    (vaddr_t)kernel_etext - KERNBASE, VM_PROT_READ);
	pmap_map_range((vaddr_t)kernel_erodata, (vaddr_t)kernel_edata,
	    (vaddr_t)kernel_erodata - KERNBASE, VM_PROT_READ | VM_PROT_WRITE);
	pmap_map_range((vaddr_t)kernel_edata, (vaddr_t)kernel_end,
	    (vaddr_t)kernel_edata - KERNBASE, VM_PROT_READ);       /* symbols */
	spinlock_enter(&pm->pm_lock);
	pmap_stats_add(pm, pmap_pte_swap(pmap_pte_lookup(pm, (vaddr_t)boot_stack_guard), 0), -1);
	spinlock_exit(&pm->pm_lock);

	lcr3(pm->pm_top_pa);
	pmap_md_kernel_tables_switched();
}

void pmap_kenter_pa(vaddr_t va, paddr_t pa, vm_prot_t prot, unsigned flags)
{
	KASSERTMSG(va >= VM_MIN_KERNEL_ADDRESS && va < VM_MAX_KERNEL_ADDRESS,
	    "va %p is not in kernel virtual space", (void *)va);
	KASSERT((va & PAGE_MASK) == 0 && (pa & PAGE_MASK) == 0);
	KASSERT(prot & VM_PROT_READ);
	pmap_enter_kernel(va, pa, prot);
}

void pmap_kremove(vaddr_t va, vsize_t size)
{
	struct pmap *pm = pmap_kernel();
	struct pmap_tlb tlb;

	KASSERTMSG(va >= VM_MIN_KERNEL_ADDRESS && va + size <= VM_MAX_KERNEL_ADDRESS,
	    "[%p, +%#lx) is not in kernel virtual space", (void *)va, (unsigned long)size);
	spinlock_enter(&pm->pm_lock);
	pmap_tlb_init(&tlb, pm);
	for (vaddr_t end = va + size; va < end; va += PAGE_SIZE) {
		pt_entry_t *pte = pmap_pte_lookup(pm, va);
		if (pte == NULL || !(*pte & PG_V))
			continue;
		KASSERTMSG(!(*pte & PG_PVLIST), "pmap_kremove of the managed mapping at %p",
		    (void *)va);
		pmap_stats_add(pm, pmap_pte_swap(pte, 0), -1);
		pmap_tlb_add(&tlb, va);
	}
	pmap_tlb_done(&tlb);
	spinlock_exit(&pm->pm_lock);
}

/* ---- user address spaces --------------------------------------------- */

struct pmap *pmap_create(void)
{
	struct pmap *pm = kmem_zalloc(sizeof(*pm), KM_NOSLEEP);
	struct pmap_gc gc;

	if (pm == NULL)
		return NULL;
	pmap_gc_init(&gc);
	spinlock_init(&pm->pm_lock, "pmap");
	pm->pm_refs = 1;
	if ((pm->pm_top_pa = pmap_ptp_alloc(pm)) == 0)
		goto fail_pmap;
	KASSERT(pm->pm_top_pa < PMAP_TOP_MAXPA);
	pm->pm_top = (pt_entry_t *)PMAP_DIRECT_MAP(pm->pm_top_pa);

	/* The kernel half: the same tables as the kernel's. */
	for (unsigned i = PMAP_KERNEL_TOP_FIRST; i < PMAP_TOP_ENTRIES; i++)
		pm->pm_top[i] = pmap_kernel()->pm_top[i];

	/* i386: the user page directories, for good (pmap_md.h). */
	for (unsigned i = 0; PMAP_TOP_FIXED && i < PMAP_KERNEL_TOP_FIRST; i++) {
		paddr_t pa = pmap_ptp_alloc(pm);
		if (pa == 0)
			goto fail_tables;
		pm->pm_top[i] = pa | pmap_md_table_bits(PMAP_LEVELS, true);
		pm->pm_ptpages++;
	}
	return pm;

fail_tables:
	for (unsigned i = 0; i < PMAP_KERNEL_TOP_FIRST; i++)
		if (pm->pm_top[i] & PG_V)
			pmap_gc_ptp(&gc, pm->pm_top[i] & PG_FRAME);
	pmap_gc_ptp(&gc, pm->pm_top_pa);
	pmap_gc_free(&gc);
fail_pmap:
	kmem_free(pm, sizeof(*pm));
	return NULL;
}

void pmap_reference(struct pmap *pm)
{
	KASSERT(pm != pmap_kernel());
	spinlock_enter(&pm->pm_lock);
	KASSERT(pm->pm_refs > 0);
	pm->pm_refs++;
	spinlock_exit(&pm->pm_lock);
}

void pmap_destroy(struct pmap *pm)
{
	struct pmap_gc gc;

	KASSERT(pm != pmap_kernel());
	spinlock_enter(&pm->pm_lock);
	KASSERT(pm->pm_refs > 0);
	unsigned refs = --pm->pm_refs;
	spinlock_exit(&pm->pm_lock);
	if (refs > 0)
		return;

	KASSERTMSG(pm->pm_resident == 0, "pmap %p still has %ld mappings",
	    pm, pm->pm_resident);
	KASSERTMSG(!pmap_is_current(pm), "pmap %p is active", pm);
	KASSERT(pm->pm_wired == 0);
	pmap_gc_init(&gc);
	for (unsigned i = 0; i < PMAP_KERNEL_TOP_FIRST; i++) {
		if (!(pm->pm_top[i] & PG_V))
			continue;
		/* Only a fixed table may outlive its last mapping. */
		KASSERTMSG(PMAP_TOP_FIXED, "a table is left in top slot %u", i);
		pmap_gc_ptp(&gc, pm->pm_top[i] & PG_FRAME);
		pm->pm_ptpages--;
	}
	KASSERTMSG(pm->pm_ptpages == 0, "%lu table pages unaccounted for",
	    pm->pm_ptpages);
	pmap_gc_ptp(&gc, pm->pm_top_pa);
	pmap_gc_free(&gc);
	kmem_free(pm, sizeof(*pm));
}

void pmap_activate(struct pmap *pm)
{
	/*
	 * On i386 the double-fault task keeps the kernel pmap's CR3
	 * (pmap_md_kernel_tables_switched): the kernel half it needs is the
	 * same in every pmap.
	 */
	KASSERT(pm->pm_refs > 0);
	/* Already there: reloading would only flush the TLB for nothing. */
	if ((paddr_t)rcr3() != pm->pm_top_pa)
		lcr3(pm->pm_top_pa);
}

long pmap_resident_count(struct pmap *pm)
{
	return pm->pm_resident;
}

long pmap_wired_count(struct pmap *pm)
{
	return pm->pm_wired;
}

/* ---- lookups --------------------------------------------------------- */

/* The leaf entry mapping va (any level), its level, or 0. => pm locked. */
static pt_entry_t pmap_leaf(struct pmap *pm, vaddr_t va, int *levelp)
{
	pt_entry_t *table = pm->pm_top;

	KASSERT(spinlock_held(&pm->pm_lock));
	for (int level = PMAP_LEVELS; level >= 1; level--) {
		pt_entry_t e = table[PT_INDEX(va, level)];
		if (!(e & PG_V))
			return 0;
		if (level == 1 || (e & PG_PS)) {
			*levelp = level;
			return e;
		}
		table = pmap_table(e);
	}
	return 0;
}

bool pmap_extract(struct pmap *pm, vaddr_t va, paddr_t *pap)
{
	int level;

	spinlock_enter(&pm->pm_lock);
	pt_entry_t e = pmap_leaf(pm, va, &level);
	spinlock_exit(&pm->pm_lock);
	if (!e)
		return false;
	if (pap) {
		paddr_t size = (paddr_t)1 << PT_SHIFT(level);
		*pap = (e & PG_FRAME & ~(size - 1)) | (va & (size - 1));
	}
	return true;
}

vm_prot_t pmap_prot(struct pmap *pm, vaddr_t va)
{
	int level;

	spinlock_enter(&pm->pm_lock);
	pt_entry_t e = pmap_leaf(pm, va, &level);
	spinlock_exit(&pm->pm_lock);
	if (!e)
		return VM_PROT_NONE;
	return VM_PROT_READ | (e & PG_RW ? VM_PROT_WRITE : 0) |
	    (e & pg_nx ? 0 : VM_PROT_EXECUTE);
}

void pmap_update(struct pmap *pm)
{
	/* Every change was invalidated when made; see the top of this file. */
}

void pmap_zero_page(paddr_t pa)
{
	memset((void *)PMAP_DIRECT_MAP(pa), 0, PAGE_SIZE);
}

void pmap_copy_page(paddr_t src, paddr_t dst)
{
	memcpy((void *)PMAP_DIRECT_MAP(dst), (const void *)PMAP_DIRECT_MAP(src), PAGE_SIZE);
}
