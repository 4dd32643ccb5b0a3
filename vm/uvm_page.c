/*
 * Physical page management: segments, the vm_page arrays, free lists.
 *
 * Invariants:
 *  - A page is on exactly one free-list queue iff (pqflags & PQ_FREE).
 *  - A free page is on the ZEROS queue of its free list iff PG_ZERO is set,
 *    and then its contents are all zeros.
 *  - uvmexp.free counts the free pages; uvmexp.zeropages those of them
 *    on a ZEROS queue.
 *  - A free page has no owner, no wiring, no loan and no mappings.
 *  - pqflags: PQ_FREE changes only while a page is off the paging
 *    queues, PQ_ANON too or else under uvm_pageqlock (an adoption,
 *    vm/uvm_loan.c), PQ_ACTIVE / PQ_INACTIVE only while it is allocated,
 *    so the free-page lock and uvm_pageqlock never write it at once;
 *    the queue bits are read under uvm_pageqlock too (the pagedaemon
 *    moves pages between queues holding no owner's lock).
 *
 * Example: a boot with 64 MiB loads two segments, [1 MiB, 16 MiB) on
 * VM_FREELIST_FIRST16 and [16 MiB, 64 MiB) on VM_FREELIST_DEFAULT.
 * uvm_pagealloc(NULL, 0, NULL, UVM_PGA_ZERO) first looks on the ZEROS
 * queue of the DEFAULT list (a hit: no zeroing needed), then on the
 * UNKNOWN queue (a miss: zeroed now), then the same on FIRST16.
 */
#include "vm/uvm_page.h"
#include "vm/uvm_loan.h"
#include "vm/uvm_object.h"
#include "vm/uvm_pdaemon.h"
#include "vm/uvm_pdpolicy.h"
#include "vm/uvmexp.h"
#include "kernel/errno.h"
#include "kernel/lock.h"
#include "kernel/panic.h"
#include "kernel/printf.h"
#include "kernel/string.h"
#include "pmap/pmap.h"

#define PGFL_ZEROS      0
#define PGFL_UNKNOWN    1
#define PGFL_NQUEUES    2

struct pgfreelist {
	struct pglist pgfl_queues[PGFL_NQUEUES];        /* [f] */
};

struct uvmexp uvmexp;
struct vm_physseg vm_physmem[VM_PHYSSEG_MAX];           /* [I] sorted by start */
int vm_nphysseg;                                        /* [I] */
static struct pgfreelist uvm_free[VM_NFREELIST];        /* [f] */
static bool page_init_done;

/* The free-page lock: a spinlock, since interrupt handlers allocate too. */
static struct spinlock uvm_fpageqlock = SPINLOCK_INITIALIZER("fpageq");

void uvm_page_physload(paddr_t start, paddr_t end, paddr_t avail_start,
    paddr_t avail_end, int free_list)
{
	KASSERT(!page_init_done);
	KASSERT(start <= avail_start && avail_start <= avail_end && avail_end <= end);
	KASSERT(free_list >= 0 && free_list < VM_NFREELIST);
	if (vm_nphysseg == VM_PHYSSEG_MAX) {
		printf("uvm_page_physload: too many segments, ignoring [%#llx, %#llx)\n",
		    (unsigned long long)ptoa(start), (unsigned long long)ptoa(end));
		return;
	}
	int i = vm_nphysseg++;
	for (; i > 0 && vm_physmem[i - 1].start > start; i--)
		vm_physmem[i] = vm_physmem[i - 1];
	vm_physmem[i] = (struct vm_physseg){ start, end, avail_start, avail_end, NULL, free_list };
}

/* Steals one page from the lowest segment with pages left. Boot only. */
bool uvm_page_physget(paddr_t *pap)
{
	KASSERT(!page_init_done);
	for (int i = 0; i < vm_nphysseg; i++) {
		struct vm_physseg *seg = &vm_physmem[i];
		if (seg->avail_start < seg->avail_end) {
			*pap = ptoa(seg->avail_start++);
			return true;
		}
	}
	return false;
}

bool uvm_page_initialized(void)
{
	return page_init_done;
}

static void freelist_insert(struct vm_page *pg)
{
	struct pgfreelist *fl = &uvm_free[pg->free_list];

	pg->pqflags = PQ_FREE;
	if (pg->flags & PG_ZERO) {
		TAILQ_INSERT_TAIL(&fl->pgfl_queues[PGFL_ZEROS], pg, pageq);
		uvmexp.zeropages++;
	} else {
		TAILQ_INSERT_HEAD(&fl->pgfl_queues[PGFL_UNKNOWN], pg, pageq);
	}
	uvmexp.free++;
}

static void freelist_remove(struct vm_page *pg)
{
	struct pgfreelist *fl = &uvm_free[pg->free_list];

	KASSERT(pg->pqflags & PQ_FREE);
	if (pg->flags & PG_ZERO) {
		TAILQ_REMOVE(&fl->pgfl_queues[PGFL_ZEROS], pg, pageq);
		uvmexp.zeropages--;
	} else {
		TAILQ_REMOVE(&fl->pgfl_queues[PGFL_UNKNOWN], pg, pageq);
	}
	pg->pqflags = 0;
	uvmexp.free--;
}

/*
 * Builds the vm_page arrays (one allocation, stolen from the segments
 * themselves, reached through the direct map) and frees every page.
 */
void uvm_page_init(void)
{
	paddr_t total = 0, need, pa;

	KASSERT(!page_init_done);
	for (int l = 0; l < VM_NFREELIST; l++)
		for (int q = 0; q < PGFL_NQUEUES; q++)
			TAILQ_INIT(&uvm_free[l].pgfl_queues[q]);
	for (int i = 0; i < vm_nphysseg; i++)
		total += vm_physmem[i].avail_end - vm_physmem[i].avail_start;
	need = atop(round_page(total * sizeof(struct vm_page)));

	/* Take the array from the first segment with room for all of it. */
	struct vm_physseg *from = NULL;
	for (int i = 0; i < vm_nphysseg && !from; i++)
		if (vm_physmem[i].avail_end - vm_physmem[i].avail_start > need)
			from = &vm_physmem[i];
	if (!from)
		panic("uvm_page_init: no segment can hold the page array (%llu pages)",
		    (unsigned long long)need);
	pa = ptoa(from->avail_start);
	from->avail_start += need;
	struct vm_page *array = (struct vm_page *)PMAP_DIRECT_MAP(pa);
	memset(array, 0, ptoa(need));

	uvmexp.pagesize = PAGE_SIZE;
	for (int i = 0; i < vm_nphysseg; i++) {
		struct vm_physseg *seg = &vm_physmem[i];
		seg->pgs = array;
		for (paddr_t pfn = seg->avail_start; pfn < seg->avail_end; pfn++) {
			struct vm_page *pg = &seg->pgs[pfn - seg->avail_start];
			pg->phys_addr = ptoa(pfn);
			pg->free_list = seg->free_list;
			freelist_insert(pg);
			uvmexp.npages++;
		}
		array += seg->avail_end - seg->avail_start;
	}
	/*
	 * The reserves (uvm_pagealloc). The pagedaemon's last 4 pages: one
	 * page-table page per level of the deepest page table (amd64's 4),
	 * so that a kernel mapping it must make can always be completed.
	 * The kernel's: 8 pages, room for a kernel thread's stack and its
	 * tables, plus 1/256 of memory (64 KiB per 16 MiB) for the slabs,
	 * map entries and amaps that allocations which cannot wait (and the
	 * pagedaemon's own) take while user memory is used up.
	 */
	uvmexp.reserve_pagedaemon = 4;
	uvmexp.reserve_kernel = 8 + uvmexp.npages / 256;
	page_init_done = true;
}

struct vm_page *uvm_phys_to_page(paddr_t pa)
{
	paddr_t pfn = atop(pa);

	for (int i = 0; i < vm_nphysseg; i++) {
		struct vm_physseg *seg = &vm_physmem[i];
		if (pfn >= seg->avail_start && pfn < seg->avail_end)
			return &seg->pgs[pfn - seg->avail_start];
	}
	return NULL;
}

/* First page of the given queue over all free lists, in list order. */
static struct vm_page *freelist_first(int queue)
{
	for (int l = 0; l < VM_NFREELIST; l++) {
		struct vm_page *pg = TAILQ_FIRST(&uvm_free[l].pgfl_queues[queue]);
		if (pg)
			return pg;
	}
	return NULL;
}

struct vm_page *uvm_pagealloc(struct uvm_object *obj, voff_t off,
    struct vm_anon *anon, int flags)
{
	struct vm_page *pg;
	bool zero = (flags & UVM_PGA_ZERO) != 0;
	bool was_zero;
	int64_t reserve;

	KASSERT(page_init_done);
	KASSERT(obj == NULL || anon == NULL);
	/* The pagedaemon may take the last pages: it frees more than it takes. */
	reserve = uvm_pdaemon_curthread() ? 0 : (flags & UVM_PGA_USERESERVE) ?
	    uvmexp.reserve_pagedaemon : uvmexp.reserve_kernel;
	spinlock_enter(&uvm_fpageqlock);
	if (uvmexp.free <= reserve) {
		uvmexp.pga_fail++;
		spinlock_exit(&uvm_fpageqlock);
		uvm_kick_pdaemon();
		return NULL;
	}
	/*
	 * Free lists in order; within one, a zeroed request wants the
	 * pre-zeroed pool and other requests spare it.
	 */
	pg = NULL;
	for (int l = 0; l < VM_NFREELIST && !pg; l++) {
		struct pgfreelist *fl = &uvm_free[l];
		pg = TAILQ_FIRST(&fl->pgfl_queues[zero ? PGFL_ZEROS : PGFL_UNKNOWN]);
		if (!pg)
			pg = TAILQ_FIRST(&fl->pgfl_queues[zero ? PGFL_UNKNOWN : PGFL_ZEROS]);
	}
	KASSERTMSG(pg != NULL, "free count %lld but the free lists are empty",
	    (long long)uvmexp.free);
	was_zero = (pg->flags & PG_ZERO) != 0;
	freelist_remove(pg);
	if (zero)
		was_zero ? uvmexp.pga_zerohit++ : uvmexp.pga_zeromiss++;
	uvmexp.pgs_allocated++;
	if (anon)
		uvmexp.anonpages++;
	if (obj)
		uvmexp.objpages++;
	bool low = uvmexp.free < uvmexp.freemin;
	spinlock_exit(&uvm_fpageqlock);
	if (low)
		uvm_kick_pdaemon();

	if (zero && !was_zero)
		pmap_zero_page(pg->phys_addr);
	pg->flags = PG_BUSY | PG_FAKE;  /* zeroed or not: not clean, as in UVM (the only copy) */
	pg->uobject = obj;
	pg->offset = off;
	pg->uanon = anon;
	if (anon)
		pg->pqflags |= PQ_ANON;
	if (obj)
		uvm_obj_pageinsert(obj, pg);
	return pg;
}

/*
 * Takes pg away from its owner: off its object's page list, the owner
 * forgotten, and counted out of anonpages or objpages. => the owner locked.
 */
static void page_forget_owner(struct vm_page *pg)
{
	bool anon = (pg->pqflags & PQ_ANON) != 0, obj = pg->uobject != NULL;

	if (pg->uobject)
		uvm_obj_pageremove(pg->uobject, pg);
	pg->uobject = NULL;
	pg->offset = 0;
	/* An anon that only borrows the page keeps its loan (uvm_page_anonloaned). */
	if (anon) {
		pg->uanon = NULL;
		pg->pqflags &= ~PQ_ANON;
	}
	if (!anon && !obj)
		return;
	spinlock_enter(&uvm_fpageqlock);
	if (anon)
		uvmexp.anonpages--;
	if (obj)
		uvmexp.objpages--;
	spinlock_exit(&uvm_fpageqlock);
}

void uvm_pagefree(struct vm_page *pg)
{
	KASSERTMSG(!(pg->pqflags & PQ_FREE), "page %p (pa %#llx) is already free",
	    pg, (unsigned long long)pg->phys_addr);
	KASSERTMSG(pg->wire_count == 0, "page %p is still wired (%u)", pg, pg->wire_count);
	KASSERTMSG(pg->pv_list == NULL, "page %p still has managed mappings", pg);
	/* Lent: the owner lets go, the borrowers keep it (vm/uvm_loan.h). */
	if (pg->loan_count > 0 && uvm_loan_disown(pg))
		return;
	KASSERTMSG(pg->loan_count == 0, "page %p is still loaned (%u)", pg, pg->loan_count);
	/*
	 * Only owned pages are queued (kernel pages may be freed under
	 * spinlocks). Whether one is queued is asked under the queue lock:
	 * the pagedaemon may be moving it between queues right now.
	 */
	if (pg->uanon || pg->uobject)
		uvm_pagedequeue(pg);
	page_forget_owner(pg);
	pg->flags = 0;
	pg->pv_attrs = 0;               /* the next owner starts unmodified */
	spinlock_enter(&uvm_fpageqlock);
	freelist_insert(pg);
	uvmexp.pgs_freed++;
	spinlock_exit(&uvm_fpageqlock);
}

bool uvm_pageidlezero(void)
{
	spinlock_enter(&uvm_fpageqlock);
	struct vm_page *pg = freelist_first(PGFL_UNKNOWN);

	if (!pg) {
		spinlock_exit(&uvm_fpageqlock);
		return false;
	}
	/*
	 * Zero it under the lock: one page takes microseconds, and a page
	 * off the lists but still counted free would need a third state.
	 */
	freelist_remove(pg);
	pmap_zero_page(pg->phys_addr);
	pg->flags |= PG_ZERO;
	freelist_insert(pg);
	uvmexp.zeroed_idle++;
	spinlock_exit(&uvm_fpageqlock);
	return true;
}

void uvm_pagewire(struct vm_page *pg)
{
	bool owned = pg->uanon != NULL || pg->uobject != NULL;

	/* An owned page's wire count is the queue lock's: the pagedaemon reads it there. */
	if (owned) {
		mutex_enter(&uvm_pageqlock);
		uvmpdpol_pagedequeue(pg);       /* the pagedaemon never sees it */
	}
	KASSERTMSG(!(pg->pqflags & PQ_FREE), "uvm_pagewire: page %p is free", pg);
	KASSERTMSG(pg->wire_count < UINT16_MAX, "uvm_pagewire: page %p wired too often", pg);
	if (pg->wire_count++ == 0) {
		spinlock_enter(&uvm_fpageqlock);
		uvmexp.wired++;
		spinlock_exit(&uvm_fpageqlock);
	}
	if (owned)
		mutex_exit(&uvm_pageqlock);
}

void uvm_pageunwire(struct vm_page *pg)
{
	bool owned = pg->uanon != NULL || pg->uobject != NULL;

	if (owned)
		mutex_enter(&uvm_pageqlock);
	KASSERTMSG(pg->wire_count > 0, "uvm_pageunwire: page %p is not wired", pg);
	if (--pg->wire_count == 0) {
		spinlock_enter(&uvm_fpageqlock);
		uvmexp.wired--;
		spinlock_exit(&uvm_fpageqlock);
		/* Pageable again, and recently used: active. */
		if (owned)
			uvmpdpol_pageactivate(pg);
	}
	if (owned)
		mutex_exit(&uvm_pageqlock);
}

void uvm_pageactivate(struct vm_page *pg)
{
	mutex_enter(&uvm_pageqlock);
	if (pg->wire_count == 0 && uvm_page_kloans(pg) == 0 && !uvm_loan_is_zeropage(pg))
		uvmpdpol_pageactivate(pg);
	mutex_exit(&uvm_pageqlock);
}

void uvm_pagedeactivate(struct vm_page *pg)
{
	mutex_enter(&uvm_pageqlock);
	if (pg->wire_count == 0 && uvm_page_kloans(pg) == 0 && !uvm_loan_is_zeropage(pg))
		uvmpdpol_pagedeactivate(pg);
	mutex_exit(&uvm_pageqlock);
}

void uvm_page_disown(struct vm_page *pg)
{
	KASSERT(mutex_owned(&uvm_pageqlock));
	page_forget_owner(pg);
	pg->flags &= ~(PG_BUSY | PG_WANTED | PG_RELEASED | PG_FAKE);
}

void uvm_page_adopted(struct vm_page *pg)
{
	KASSERT(mutex_owned(&uvm_pageqlock) && uvm_page_anonloaned(pg) && pg->uobject == NULL);
	pg->pqflags |= PQ_ANON;
	spinlock_enter(&uvm_fpageqlock);
	uvmexp.anonpages++;
	spinlock_exit(&uvm_fpageqlock);
}

void uvm_pagereplace(struct vm_page *old, struct vm_page *new)
{
	struct uvm_object *uobj = old->uobject;

	KASSERT(uobj != NULL && mutex_owned(&uobj->vmobjlock));
	KASSERT(new->uobject == NULL && new->uanon == NULL);
	voff_t off = old->offset;
	mutex_enter(&uvm_pageqlock);
	uvm_page_disown(old);
	mutex_exit(&uvm_pageqlock);
	new->uobject = uobj;
	new->offset = off;
	uvm_obj_pageinsert(uobj, new);
	spinlock_enter(&uvm_fpageqlock);
	uvmexp.objpages++;
	spinlock_exit(&uvm_fpageqlock);
}

void uvm_pagedequeue(struct vm_page *pg)
{
	mutex_enter(&uvm_pageqlock);
	uvmpdpol_pagedequeue(pg);
	mutex_exit(&uvm_pageqlock);
}

/* ---- uvm_pglistalloc ---------------------------------------------- */

static bool pglist_args_ok(psize_t size, paddr_t low, paddr_t high,
    psize_t *alignment, psize_t boundary, int nsegs)
{
	if (size == 0 || low >= high || nsegs < 1)
		return false;
	if (*alignment & (*alignment - 1))
		return false;
	if (*alignment < PAGE_SIZE)
		*alignment = PAGE_SIZE;
	if (boundary != 0 && ((boundary & (boundary - 1)) || boundary < PAGE_SIZE ||
	    boundary < size))
		return false;
	return true;
}

/* Can npages starting at pgs[0] be taken as one run within the limits? */
static bool run_fits(struct vm_page *pgs, paddr_t npages, paddr_t high, psize_t boundary)
{
	paddr_t first = pgs[0].phys_addr, last = first + ptoa(npages) - 1;

	if (last >= high)
		return false;
	if (boundary && (first & ~(boundary - 1)) != (last & ~(boundary - 1)))
		return false;
	for (paddr_t i = 0; i < npages; i++)
		if (!(pgs[i].pqflags & PQ_FREE))
			return false;
	return true;
}

static int pglist_contig(paddr_t npages, paddr_t low, paddr_t high,
    psize_t alignment, psize_t boundary, struct pglist *rlist)
{
	for (int i = 0; i < vm_nphysseg; i++) {
		struct vm_physseg *seg = &vm_physmem[i];
		paddr_t first = ptoa(seg->avail_start), end = ptoa(seg->avail_end);
		paddr_t pa = first > low ? first : low;

		/* Physical contiguity holds within a segment's page array. */
		for (pa = (pa + alignment - 1) & ~(paddr_t)(alignment - 1);
		    pa + ptoa(npages) <= end; pa += alignment) {
			struct vm_page *pgs = &seg->pgs[atop(pa) - seg->avail_start];
			if (!run_fits(pgs, npages, high, boundary))
				continue;
			for (paddr_t k = 0; k < npages; k++) {
				freelist_remove(&pgs[k]);
				TAILQ_INSERT_TAIL(rlist, &pgs[k], pageq);
			}
			return 0;
		}
	}
	return ENOMEM;
}

static int pglist_simple(paddr_t npages, paddr_t low, paddr_t high, struct pglist *rlist)
{
	paddr_t got = 0;

	for (int i = 0; i < vm_nphysseg && got < npages; i++) {
		struct vm_physseg *seg = &vm_physmem[i];
		for (paddr_t pfn = seg->avail_start; pfn < seg->avail_end && got < npages; pfn++) {
			struct vm_page *pg = &seg->pgs[pfn - seg->avail_start];
			if (pg->phys_addr < low || pg->phys_addr + PAGE_SIZE > high ||
			    !(pg->pqflags & PQ_FREE))
				continue;
			freelist_remove(pg);
			TAILQ_INSERT_TAIL(rlist, pg, pageq);
			got++;
		}
	}
	if (got == npages)
		return 0;
	/* Not enough: put back what we took. */
	struct vm_page *pg;
	while ((pg = TAILQ_FIRST(rlist)) != NULL) {
		TAILQ_REMOVE(rlist, pg, pageq);
		freelist_insert(pg);
	}
	return ENOMEM;
}

int uvm_pglistalloc(psize_t size, paddr_t low, paddr_t high, psize_t alignment,
    psize_t boundary, struct pglist *rlist, int nsegs, int waitok)
{
	int error;

	KASSERT(page_init_done);
	if (!pglist_args_ok(size, low, high, &alignment, boundary, nsegs))
		return EINVAL;
	paddr_t npages = atop(round_page(size));
	TAILQ_INIT(rlist);
	/*
	 * waitok is not honoured: the pagedaemon frees pages anywhere, so
	 * waiting would not bring a constrained run any nearer. We fail at once.
	 */
	spinlock_enter(&uvm_fpageqlock);
	if (uvmexp.free - (int64_t)npages < uvmexp.reserve_kernel)
		error = ENOMEM;
	else if ((paddr_t)nsegs < npages || alignment != PAGE_SIZE || boundary != 0)
		error = pglist_contig(npages, low, high, alignment, boundary, rlist);
	else
		error = pglist_simple(npages, low, high, rlist);
	if (!error)
		uvmexp.pglist_allocs++;
	spinlock_exit(&uvm_fpageqlock);
	if (error)
		return error;

	struct vm_page *pg;
	TAILQ_FOREACH(pg, rlist, pageq)
		pg->flags = PG_BUSY | PG_FAKE;
	return 0;
}

void uvm_pglistfree(struct pglist *rlist)
{
	struct vm_page *pg;

	while ((pg = TAILQ_FIRST(rlist)) != NULL) {
		TAILQ_REMOVE(rlist, pg, pageq);
		uvm_pagefree(pg);
	}
}
