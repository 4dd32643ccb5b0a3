/*
 * Physical pages: struct vm_page, the physical segments, the free lists.
 *
 * Every managed page of RAM has one struct vm_page, in an array per
 * physical segment. A page is either free (on a free list) or owned:
 * by a uvm_object at an offset, by an anon, or by the kernel (neither).
 * Fields are laid out now for what loan-out and the pagedaemon need
 * later: wire_count, loan_count, the queue flags, the pmap's pv list.
 *
 * Lock legend (vm/README.md has the whole of it): [I] set by
 * uvm_page_init  [f] uvm_fpageqlock, while free  [q] uvm_pageqlock, while
 * owned  [o] the owner's lock: the object's vmobjlock, or uvm_anonlock for
 * an anon's page  [K] whoever allocated it, for a page with no owner (the
 * kernel's: uvm_km, the pmap's page-table pages)  [P] pmap_pv_lock.
 * A field tagged with two is written with both held (for its state then).
 */
#ifndef _VM_UVM_PAGE_H_
#define _VM_UVM_PAGE_H_

#include <stdint.h>
#include <stdbool.h>
#include <machine/types.h>
#include <machine/vmparam.h>
#include "kernel/queue.h"
#include "vm/uvm_param.h"

struct uvm_object;
struct vm_anon;
struct pv_entry;

typedef int64_t voff_t;

struct vm_page {
	TAILQ_ENTRY(vm_page) pageq;     /* [f] free list, [q] paging queue, [K] */
	TAILQ_ENTRY(vm_page) listq;     /* [o] the owning object's page list */
	paddr_t phys_addr;              /* [I] */
	struct uvm_object *uobject;     /* [o] owning object, or NULL */
	voff_t offset;                  /* [o] offset in uobject */
	struct vm_anon *uanon;          /* [o] owning anon (PQ_ANON set), or
	                                 * [A+q] the anon that borrows the page
	                                 * (an O->A loan: vm/uvm_loan.h), or NULL */
	uint16_t flags;                 /* [o] PG_* */
	uint16_t pqflags;               /* [f] PQ_FREE, [q] the others */
	uint16_t wire_count;            /* [q] or [K]: wirings; a wired page never
	                                 * pages out. A page-table page's count is
	                                 * its pmap's (pm_lock; pmap/PMAP.md) */
	uint16_t loan_count;            /* [q] outstanding loans of this page */
	uint8_t free_list;              /* [I] the free list it returns to */
	uint8_t pv_attrs;               /* [P] modified/referenced bits the pmap saved
	                                 * from mappings it removed or changed */
	struct pv_entry *pv_list;       /* [P] managed mappings of this page */
};

/* flags, owned by the page's owner */
#define PG_BUSY         0x0001  /* someone is working on it; hands off */
#define PG_WANTED       0x0002  /* someone sleeps until not busy */
#define PG_RELEASED     0x0004  /* free it when no longer busy */
#define PG_CLEAN        0x0008  /* contents match backing store */
#define PG_FAKE         0x0010  /* contents not valid yet */
#define PG_ZERO         0x0020  /* known to be all zeros */

/* pqflags */
#define PQ_FREE         0x0001  /* on a free list */
#define PQ_ACTIVE       0x0002  /* on the active paging queue */
#define PQ_INACTIVE     0x0004  /* on the inactive paging queue */
#define PQ_ANON         0x0010  /* owned by an anon */

/*
 * Does an anon borrow pg (an O->A loan, one of its loan_count) rather than
 * own it? And pg's loans to the kernel: all the others. => uvm_pageqlock.
 */
static inline bool uvm_page_anonloaned(const struct vm_page *pg)
{
	return pg->uanon != NULL && !(pg->pqflags & PQ_ANON);
}
static inline int uvm_page_kloans(const struct vm_page *pg)
{
	return pg->loan_count - (uvm_page_anonloaned(pg) ? 1 : 0);
}

/* uvm_pagealloc flags */
#define UVM_PGA_USERESERVE 0x1  /* may dip into the kernel reserve */
#define UVM_PGA_ZERO    0x2     /* return a zero-filled page */

TAILQ_HEAD(pglist, vm_page);

/* A physical segment: pages [start, end), of which [avail_start, avail_end) are managed. */
struct vm_physseg {
	paddr_t start, end;             /* [I] page frame numbers */
	paddr_t avail_start, avail_end; /* [I] (shrinks while stealing at boot) */
	struct vm_page *pgs;            /* [I] pgs[i] is page avail_start + i */
	int free_list;                  /* [I] */
};

#define VM_PHYSSEG_MAX  16
extern struct vm_physseg vm_physmem[VM_PHYSSEG_MAX];
extern int vm_nphysseg;

/*
 * Boot-time set-up, in this order:
 *   uvm_page_physload() for each RAM range (MD code: arch/x86/physload.c)
 *   uvm_page_physget() any number of times (pmap_bootstrap's tables)
 *   uvm_page_init(): builds the vm_page arrays and the free lists
 */
void uvm_page_physload(paddr_t start, paddr_t end, paddr_t avail_start,
    paddr_t avail_end, int free_list);
bool uvm_page_physget(paddr_t *pap);
void uvm_page_init(void);
bool uvm_page_initialized(void);

/*
 * Allocates a page and gives it to obj at off (inserting it in the
 * object's page list: obj locked), or to anon, or to the kernel (both NULL).
 * => flags: UVM_PGA_ZERO for a zero-filled page, UVM_PGA_USERESERVE to
 *    use the last uvmexp.reserve_kernel pages.
 * => returns a PG_BUSY page, or NULL if none is free: the caller lets
 *    go of its locks, uvm_wait()s for the pagedaemon, and tries again.
 */
struct vm_page *uvm_pagealloc(struct uvm_object *obj, voff_t off,
    struct vm_anon *anon, int flags);
/*
 * Returns a page to the free lists (taking it off its object's list:
 * the object locked).
 * => the page must be unwired, unloaned and have no mappings.
 */
void uvm_pagefree(struct vm_page *pg);

/*
 * Allocates physically constrained pages onto rlist: size bytes between
 * physical [low, high), each run aligned to `alignment` and not crossing a
 * multiple of `boundary` (0: none), in at most nsegs physically
 * contiguous runs. As in NetBSD, a request that cannot be met page by page
 * (nsegs < pages, or alignment > PAGE_SIZE, or a boundary) is met with a
 * single contiguous run.
 * => returns 0, or ENOMEM (nothing allocated) or EINVAL (bad arguments).
 * => free with uvm_pglistfree(rlist).
 */
int uvm_pglistalloc(psize_t size, paddr_t low, paddr_t high, psize_t alignment,
    psize_t boundary, struct pglist *rlist, int nsegs, int waitok);
void uvm_pglistfree(struct pglist *rlist);

/* The vm_page of a managed physical address, or NULL. */
struct vm_page *uvm_phys_to_page(paddr_t pa);
static inline paddr_t uvm_page_to_phys(const struct vm_page *pg) { return pg->phys_addr; }

/*
 * Zeroes one free page of unknown contents and moves it to the zeroed
 * list; called from the idle loop. Returns false if none was left.
 */
bool uvm_pageidlezero(void);

/*
 * Wirings. The first takes an owned page off the paging queues (the
 * pagedaemon never sees a wired page); the last puts it back, active.
 * An owned page's wire_count changes under uvm_pageqlock (taken here).
 * => for an owned page: its owner locked, no spinlock held. For a page
 *    with no owner: the caller is the page's only user.
 */
void uvm_pagewire(struct vm_page *pg);
void uvm_pageunwire(struct vm_page *pg);

/*
 * Takes pg away from its owner (object or anon) without freeing it: a
 * lent page whose owner lets go of it (an orphan, vm/uvm_loan.h). An anon
 * that only borrows pg keeps its link.
 * => the owner locked and uvm_pageqlock held.
 */
void uvm_page_disown(struct vm_page *pg);
/*
 * The anon that borrows pg, an orphan, owns it from now on (PQ_ANON, and
 * counted in anonpages); its loan_count is the caller's (uvm_loan_adopt).
 * => uvm_anonlock and uvm_pageqlock held.
 */
void uvm_page_adopted(struct vm_page *pg);

/*
 * new takes old's place in old's object, at the same offset; old is
 * disowned (a lent page whose loan a write broke). => the object locked;
 * new has no owner.
 */
void uvm_pagereplace(struct vm_page *old, struct vm_page *new);

/*
 * The paging queues (the policy behind them: vm/uvm_pdpolicy.h). A fault
 * activates each page it maps (queueing it the first time); uvm_pagefree
 * dequeues. Wired pages, pages lent to the kernel and the loan zero page
 * stay off the queues: these leave them be (a page only an anon borrows
 * stays queued).
 * These take uvm_pageqlock. => the owner locked; no spinlock held.
 */
void uvm_pageactivate(struct vm_page *pg);
void uvm_pagedeactivate(struct vm_page *pg);
void uvm_pagedequeue(struct vm_page *pg);

#endif
