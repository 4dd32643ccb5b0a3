/*
 * Managed mappings by address: pmap_enter, pmap_remove, pmap_protect,
 * pmap_unwire. (Mappings by page are in pmap_pv.c; tables in pmap.c.)
 *
 * A level-1 entry of a managed mapping carries PG_PVLIST, and its page's
 * pv list holds exactly one entry (pm, va) for it; an unmanaged entry
 * (PG_PVLIST clear) has none. Every change to a managed entry is made
 * with pm_lock and pmap_pv_lock held, so a walk of a pv list (which holds
 * both too) never sees the two disagree.
 *
 * Example: pmap_enter(pm, va, pa, READ|WRITE, VM_PROT_WRITE) of a page
 * with a vm_page pg, va unmapped:
 *   1. a pv entry is allocated (no lock held);
 *   2. pm_lock; the walk finds va's table, or allocates it (pmap.c);
 *   3. pmap_pv_lock; the pv entry (pm, va) goes on pg->pv_list; the entry
 *      becomes pa | V | RW | U | NX | PVLIST | A | M (the write that
 *      faulted made the page referenced and modified); its table counts
 *      one more entry; pm_resident++;
 *   4. both locks dropped; nothing to free.
 * Entering va again with another page pa2 moves the old entry's A and M
 * bits into pg->pv_attrs (pmap_is_modified(pg) stays exact), takes the
 * old pv entry off pg's list and frees it after the locks are dropped.
 */
#include "pmap/pmap.h"
#include "pmap/pmap_impl.h"
#include "kernel/errno.h"
#include "kernel/panic.h"

/* Is [sva, eva) a page-aligned range pm may map? */
static void pmap_check_range(struct pmap *pm, vaddr_t sva, vaddr_t eva)
{
	KASSERTMSG(((sva | eva) & PAGE_MASK) == 0 && sva <= eva,
	    "bad range [%p, %p)", (void *)sva, (void *)eva);
	if (pm == pmap_kernel())
		KASSERTMSG(sva >= VM_MIN_KERNEL_ADDRESS && eva <= VM_MAX_KERNEL_ADDRESS,
		    "[%p, %p) is not in kernel virtual space", (void *)sva, (void *)eva);
	else
		KASSERTMSG(eva <= VM_MAXUSER_ADDRESS,
		    "[%p, %p) is not in user space", (void *)sva, (void *)eva);
}

static void pmap_gc_pv(struct pmap_gc *gc, struct pv_entry *pv)
{
	pv->pv_next = gc->gc_pvs;
	gc->gc_pvs = pv;
}

int pmap_enter(struct pmap *pm, vaddr_t va, paddr_t pa, vm_prot_t prot, unsigned flags)
{
	vm_prot_t access = flags & PMAP_PROT_MASK;
	bool canfail = (flags & PMAP_CANFAIL) != 0;
	struct vm_page *pg = uvm_phys_to_page(pa);
	struct pv_entry *pv = NULL;
	struct pmap_gc gc;

	pmap_check_range(pm, va, va + PAGE_SIZE);
	KASSERT((pa & PAGE_MASK) == 0);
	/* x86 maps every valid page readable: WRITE or EXECUTE imply READ. */
	KASSERTMSG(prot != VM_PROT_NONE && (access & ~(prot | VM_PROT_READ)) == 0,
	    "access %#x is not within prot %#x", access, prot);
	pmap_gc_init(&gc);
	if (pg != NULL && (pv = pmap_pv_alloc()) == NULL) {
		if (!canfail)
			panic("pmap_enter: out of memory for a pv entry");
		return ENOMEM;
	}
	pt_entry_t npte = pa | pmap_leaf_bits(pm, prot) |
	    (flags & PMAP_WIRED ? PG_W : 0) | (pg != NULL ? PG_PVLIST : 0) |
	    (access != 0 ? PG_A : 0) | (access & VM_PROT_WRITE ? PG_M : 0);

	spinlock_enter(&pm->pm_lock);
	pt_entry_t *pte = pmap_pte_alloc(pm, va, &gc, canfail);
	if (pte == NULL) {
		spinlock_exit(&pm->pm_lock);
		if (pv != NULL)
			pmap_gc_pv(&gc, pv);
		pmap_gc_free(&gc);
		return ENOMEM;
	}
	spinlock_enter(&pmap_pv_lock);
	pt_entry_t opte = *pte;
	/* The same managed page again (a protection or wiring change): its
	 * pv entry stays. Otherwise the old page loses one, the new gains one. */
	bool same_pv = (opte & PG_PVLIST) && (opte & PG_FRAME) == pa;
	if ((opte & PG_PVLIST) && !same_pv)
		pmap_gc_pv(&gc, pmap_pv_unlink(pmap_pte_page(opte), pm, va));
	if (pg != NULL && !same_pv) {
		pmap_pv_link(pg, pv, pm, va);
		pv = NULL;
	}
	opte = pmap_pte_swap(pte, npte);
	if (opte & PG_PVLIST)
		pmap_pte_page(opte)->pv_attrs |= opte & (PG_A | PG_M);
	spinlock_exit(&pmap_pv_lock);

	if (!(opte & PG_V))
		pmap_ptp_use(pm, pte);
	pmap_stats_add(pm, opte, -1);
	pmap_stats_add(pm, npte, 1);
	if (opte & PG_V)
		pmap_invalidate(pm, va);
	spinlock_exit(&pm->pm_lock);
	if (pv != NULL)
		pmap_gc_pv(&gc, pv);
	pmap_gc_free(&gc);
	return 0;
}

/*
 * Removes the mapping of va in pm, whose level-1 entry is pte: clears it,
 * saves its A and M bits in its page, puts its pv entry and any table
 * that became empty on gc, and invalidates va at once (tlb NULL) or adds
 * it to tlb.
 * => pm locked and pmap_pv_lock held; the entry is valid.
 * => returns true if the table holding pte went too.
 */
bool pmap_remove_pte(struct pmap *pm, vaddr_t va, pt_entry_t *pte, struct pmap_gc *gc,
    struct pmap_tlb *tlb)
{
	KASSERT(spinlock_held(&pm->pm_lock) && spinlock_held(&pmap_pv_lock));
	pt_entry_t opte = pmap_pte_swap(pte, 0);

	KASSERT(opte & PG_V);
	if (tlb != NULL)
		pmap_tlb_add(tlb, va);
	else
		pmap_invalidate(pm, va);
	pmap_stats_add(pm, opte, -1);
	if (opte & PG_PVLIST) {
		struct vm_page *pg = pmap_pte_page(opte);
		pg->pv_attrs |= opte & (PG_A | PG_M);
		pmap_gc_pv(gc, pmap_pv_unlink(pg, pm, va));
	}
	return pmap_ptp_unuse(pm, va, pte, gc);
}

void pmap_remove(struct pmap *pm, vaddr_t sva, vaddr_t eva)
{
	struct pmap_gc gc;
	struct pmap_tlb tlb;
	vaddr_t va, end;

	pmap_check_range(pm, sva, eva);
	pmap_gc_init(&gc);
	spinlock_enter(&pm->pm_lock);
	pmap_tlb_init(&tlb, pm);
	for (va = sva; va < eva; va = end) {
		pt_entry_t *pte = pmap_pte_span(pm, va, eva, &end);
		for (; pte != NULL && va < end; va += PAGE_SIZE, pte++) {
			if (!(*pte & PG_V))
				continue;
			spinlock_enter(&pmap_pv_lock);
			bool table_gone = pmap_remove_pte(pm, va, pte, &gc, &tlb);
			spinlock_exit(&pmap_pv_lock);
			if (table_gone)         /* it had no other entry */
				break;
		}
	}
	pmap_tlb_done(&tlb);
	spinlock_exit(&pm->pm_lock);
	pmap_gc_free(&gc);
}

void pmap_protect(struct pmap *pm, vaddr_t sva, vaddr_t eva, vm_prot_t prot)
{
	struct pmap_tlb tlb;
	vaddr_t va, end;

	if (prot == VM_PROT_NONE) {
		pmap_remove(pm, sva, eva);
		return;
	}
	pmap_check_range(pm, sva, eva);
	/* A write-protected entry gives up its M bit to the page's attributes,
	 * so that "PG_M set" implies "writable". */
	pt_entry_t clr = prot & VM_PROT_WRITE ? 0 : PG_RW | PG_M;
	pt_entry_t set = pmap_leaf_bits(pm, prot) & PG_NX;
	if (clr == 0 && set == 0)
		return;
	spinlock_enter(&pm->pm_lock);
	pmap_tlb_init(&tlb, pm);
	for (va = sva; va < eva; va = end) {
		pt_entry_t *pte = pmap_pte_span(pm, va, eva, &end);
		for (; pte != NULL && va < end; va += PAGE_SIZE, pte++) {
			pt_entry_t opte = *pte;
			if (!(opte & PG_V) || ((opte & clr) == 0 && (opte & set) == set))
				continue;
			spinlock_enter(&pmap_pv_lock);
			opte = pmap_pte_clrset(pte, clr, set);
			if (opte & PG_PVLIST)
				pmap_pte_page(opte)->pv_attrs |= opte & clr & PG_M;
			spinlock_exit(&pmap_pv_lock);
			pmap_tlb_add(&tlb, va);
		}
	}
	pmap_tlb_done(&tlb);
	spinlock_exit(&pm->pm_lock);
}

void pmap_unwire(struct pmap *pm, vaddr_t va)
{
	pmap_check_range(pm, va, va + PAGE_SIZE);
	spinlock_enter(&pm->pm_lock);
	pt_entry_t *pte = pmap_pte_lookup(pm, va);
	KASSERTMSG(pte != NULL && (*pte & PG_V), "va %p is not mapped",
	    (void *)va);
	KASSERTMSG(pm != pmap_kernel() || (*pte & PG_PVLIST),
	    "pmap_unwire of the unmanaged kernel mapping at %p", (void *)va);
	if (*pte & PG_W) {
		pmap_pte_clrset(pte, PG_W, 0);
		pm->pm_wired--;
	}
	spinlock_exit(&pm->pm_lock);
}
