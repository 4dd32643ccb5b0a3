/*
 * Mappings by page: the pv lists (the reverse map) and what the VM asks
 * of a page through them: pmap_page_protect, modified and referenced.
 *
 * Every managed page (one with a struct vm_page) heads a list of pv
 * entries, one per managed mapping of it, in any pmap:
 *
 *   pg->pv_list -> (pmap A, 0x400000) -> (pmap B, 0x7000) -> (pmap A, 0x9000)
 *
 * Invariants, under pmap_pv_lock:
 *  - (pm, va) is on pg's list iff va's level-1 entry in pm is valid, has
 *    PG_PVLIST and maps pg's physical address.
 *  - pg->pv_attrs holds PG_M and PG_A bits of mappings of pg that were
 *    removed, replaced or write-protected since the last pmap_clear_modify
 *    / pmap_clear_reference. So "modified" is the OR of pv_attrs & PG_M
 *    and the PG_M of every entry on the list: exact, because the MMU
 *    sets PG_M before the first write through a mapping completes, and
 *    the bit moves from the entry to pv_attrs in one atomic step.
 *
 * A loan needs pmap_page_protect(pg, VM_PROT_READ) to leave no writable
 * path to pg: every entry on the list loses PG_RW, and its stale TLB entry
 * (which may still allow writes) is flushed before we return. No entry
 * can be missed: a managed entry is never made without its pv entry. (The
 * kernel's unmanaged mappings, the direct map among them, are its own
 * business: a kernel write to a loaned page is a kernel bug.)
 *
 * The walk from a page to its mappings takes pmap_pv_lock first, then
 * each pmap's lock, against the lock order; see pmap_pv_foreach.
 *
 * Saved attributes outlive the page's mappings, and also its being
 * freed: whoever owns the page next calls pmap_clear_modify if a stale
 * "modified" would matter (a page freshly zeroed is not clean anyway).
 */
#include <machine/cpu.h>
#include "pmap/pmap.h"
#include "pmap/pmap_impl.h"
#include "kernel/panic.h"
#include "vm/kmem.h"

struct spinlock pmap_pv_lock = SPINLOCK_INITIALIZER("pmap_pv");

/*
 * A pv entry, from kmem. kmem takes its pages through uvm_km, which maps
 * them with pmap_kenter_pa on the kernel pmap: callers hold no pmap lock
 * here, so that cannot deadlock.
 * => returns NULL if memory ran out (never sleeps).
 */
struct pv_entry *pmap_pv_alloc(void)
{
	return kmem_alloc(sizeof(struct pv_entry), KM_NOSLEEP);
}

/* Puts pv, naming (pm, va), on pg's list. => pmap_pv_lock held. */
void pmap_pv_link(struct vm_page *pg, struct pv_entry *pv, struct pmap *pm, vaddr_t va)
{
	KASSERT(spinlock_held(&pmap_pv_lock));
	pv->pv_pmap = pm;
	pv->pv_va = va;
	pv->pv_next = pg->pv_list;
	pg->pv_list = pv;
}

/* Takes (pm, va)'s entry off pg's list and returns it. => pmap_pv_lock held. */
struct pv_entry *pmap_pv_unlink(struct vm_page *pg, struct pmap *pm, vaddr_t va)
{
	KASSERT(spinlock_held(&pmap_pv_lock));
	for (struct pv_entry **pp = &pg->pv_list; *pp != NULL; pp = &(*pp)->pv_next) {
		struct pv_entry *pv = *pp;
		if (pv->pv_pmap == pm && pv->pv_va == va) {
			*pp = pv->pv_next;
			return pv;
		}
	}
	panic("pmap_pv_unlink: page %#llx has no pv entry for va %p in pmap %p",
	    (unsigned long long)pg->phys_addr, (void *)va, pm);
}

/* What pmap_pv_foreach calls for each mapping (pte maps pg at va in pm). */
typedef void pmap_pv_fn(struct pmap *pm, vaddr_t va, pt_entry_t *pte,
    struct vm_page *pg, void *arg);

/*
 * Calls fn for every managed mapping of pg, with pmap_pv_lock and the
 * mapping's pmap lock held; fn may remove the mapping.
 * => no spinlock held on entry; returns with pmap_pv_lock held (the
 *    caller reads or updates pg->pv_attrs, then releases it).
 * => if it has to start over, fn sees some mappings twice: fn must not
 *    mind (all of ours are idempotent).
 */
static void pmap_pv_foreach(struct vm_page *pg, pmap_pv_fn *fn, void *arg)
{
	struct pv_entry *pv, *next;

again:
	spinlock_enter(&pmap_pv_lock);
	for (pv = pg->pv_list; pv != NULL; pv = next) {
		struct pmap *pm = pv->pv_pmap;
		next = pv->pv_next;
		/*
		 * A try-lock against the order (pmap before pv). pm is alive:
		 * its mapping of pg, hence its pv entry, cannot go while we
		 * hold pmap_pv_lock. On one CPU the try always succeeds (a
		 * spinlock's holder cannot be preempted); on SMP the holder
		 * may be waiting for pmap_pv_lock, so let go of it and start
		 * over, touching pm no more.
		 */
		if (!spinlock_tryenter(&pm->pm_lock)) {
			spinlock_exit(&pmap_pv_lock);
			cpu_spin_hint();
			goto again;
		}
		pt_entry_t *pte = pmap_pte_lookup(pm, pv->pv_va);
		KASSERTMSG(pte != NULL && (*pte & (PG_V | PG_PVLIST)) == (PG_V | PG_PVLIST) &&
		    (*pte & PG_FRAME) == pg->phys_addr,
		    "pv entry (%p, %p) of page %#llx has no mapping", pm, (void *)pv->pv_va,
		    (unsigned long long)pg->phys_addr);
		fn(pm, pv->pv_va, pte, pg, arg);
		spinlock_exit(&pm->pm_lock);
	}
}

static void pmap_pv_write_protect(struct pmap *pm, vaddr_t va, pt_entry_t *pte,
    struct vm_page *pg, void *arg)
{
	pt_entry_t opte = pmap_pte_clrset(pte, PG_RW | PG_M, 0);

	pg->pv_attrs |= opte & PG_M;
	if (opte & PG_RW)
		pmap_invalidate(pm, va);
}

static void pmap_pv_remove(struct pmap *pm, vaddr_t va, pt_entry_t *pte,
    struct vm_page *pg, void *arg)
{
	pmap_remove_pte(pm, va, pte, arg, NULL);
}

void pmap_page_protect(struct vm_page *pg, vm_prot_t prot)
{
	struct pmap_gc gc;

	if (prot & VM_PROT_WRITE)
		return;
	pmap_gc_init(&gc);
	if (prot & (VM_PROT_READ | VM_PROT_EXECUTE))
		pmap_pv_foreach(pg, pmap_pv_write_protect, NULL);
	else
		pmap_pv_foreach(pg, pmap_pv_remove, &gc);
	KASSERT(prot != VM_PROT_NONE || pg->pv_list == NULL);
	spinlock_exit(&pmap_pv_lock);
	pmap_gc_free(&gc);
}

/* For testing and clearing PG_M or PG_A: which bits, which were seen set. */
struct pmap_pv_bits {
	pt_entry_t bits;
	pt_entry_t seen;
};

static void pmap_pv_test_bits(struct pmap *pm, vaddr_t va, pt_entry_t *pte,
    struct vm_page *pg, void *arg)
{
	struct pmap_pv_bits *b = arg;

	b->seen |= *pte & b->bits;
}

/*
 * The TLB entry goes too: one cached with D set would let writes through
 * without setting PG_M again, one cached at all would let accesses
 * through without setting PG_A.
 */
static void pmap_pv_clear_bits(struct pmap *pm, vaddr_t va, pt_entry_t *pte,
    struct vm_page *pg, void *arg)
{
	struct pmap_pv_bits *b = arg;

	if (!(*pte & b->bits))
		return;
	b->seen |= pmap_pte_clrset(pte, b->bits, 0) & b->bits;
	pmap_invalidate(pm, va);
}

/* Is any of bits set in pg's mappings or saved attributes? Clears them if clear. */
static bool pmap_pv_bits(struct vm_page *pg, pt_entry_t bits, bool clear)
{
	struct pmap_pv_bits b = { bits, 0 };

	pmap_pv_foreach(pg, clear ? pmap_pv_clear_bits : pmap_pv_test_bits, &b);
	b.seen |= pg->pv_attrs & bits;
	if (clear)
		pg->pv_attrs &= ~bits;
	spinlock_exit(&pmap_pv_lock);
	return b.seen != 0;
}

bool pmap_is_modified(struct vm_page *pg)
{
	return pmap_pv_bits(pg, PG_M, false);
}

bool pmap_clear_modify(struct vm_page *pg)
{
	return pmap_pv_bits(pg, PG_M, true);
}

bool pmap_is_referenced(struct vm_page *pg)
{
	return pmap_pv_bits(pg, PG_A, false);
}

bool pmap_clear_reference(struct vm_page *pg)
{
	return pmap_pv_bits(pg, PG_A, true);
}
