/*
 * Page loan-out (see vm/uvm_loan.h for the model, the kinds and the locks).
 *
 * A loan of a range walks it a page at a time (loan_one), in chunks of up
 * to LOAN_CHUNK pages (loan_run) with the map locked, uvm_anonlock held
 * and the object the pages come from locked, finds the page the way a read
 * fault would (the upper layer's anon, else the object's page, else the
 * zero page) and lends it (loan_page, loan_page_anon): loan_count + 1;
 * at its first loan every mapping of it becomes read-only, and at its
 * first loan to the kernel it leaves the paging queues. A page that is not resident (an anon on swap) is first
 * brought in by a read fault, with every lock let go, and the page is
 * looked up again.
 *
 * Example: a process has written page 0 of a private anonymous region
 * (an anon), never touched page 1, and loans both to the kernel:
 *
 *   v[0] = the anon's page      loan_count 1, mapped read-only in the
 *                               process now, off the paging queues
 *   v[1] = the zero page        loan_count + 1 (shared by every zero loan)
 *
 * The process writes page 0: the fault finds the page lent and the anon
 * its own alone (an_ref 1): uvm_loanbreak_anon gives the anon a copy and
 * leaves the old page to the kernel, ownerless (an orphan). The kernel
 * reads the old bytes through its loan until uvm_unloan, whose last loan
 * of the orphan frees it.
 */
#include "vm/uvm_loan.h"
#include "vm/uvm_amap.h"
#include "vm/uvm_anon.h"
#include "vm/uvm_fault.h"
#include "vm/uvm_km.h"
#include "vm/uvm_object.h"
#include "vm/uvm_pdaemon.h"
#include "vm/uvm_pdpolicy.h"
#include "vm/uvmexp.h"
#include "vm/vmem.h"
#include "kernel/errno.h"
#include "kernel/lock.h"
#include "kernel/panic.h"
#include "kernel/sched.h"
#include "pmap/pmap.h"

/* ---- the zero page ---- */

/*
 * The zero page belongs to an object of its own whose pager gives out no
 * page and never frees one: the pagedaemon never meets it (it is never
 * queued), and no detach can free it.
 */
static void loanzero_ref(struct uvm_object *uobj) { (void)uobj; }
static void loanzero_detach(struct uvm_object *uobj) { (void)uobj; }
static int loanzero_get(struct uvm_object *uobj, voff_t off, struct vm_page **pgp)
{
	(void)uobj; (void)off; (void)pgp;
	return EFAULT;          /* nothing maps this object */
}

static const struct uvm_pagerops loanzero_pager = {
	.pgo_name = "loan zero page",
	.pgo_reference = loanzero_ref,
	.pgo_detach = loanzero_detach,
	.pgo_get = loanzero_get,
};

static struct uvm_object loanzero_obj;
static struct vm_page *loanzero_page;           /* [I] */

bool uvm_loan_is_zeropage(const struct vm_page *pg)
{
	return pg == loanzero_page;
}

/* ---- the arena ---- */

/* The arena: a sixteenth of kernel VA, at most 16 MiB. */
#define LOAN_ARENA_MAX          ((vsize_t)16 << 20)

static struct vmem loan_arena;
static vaddr_t loan_arena_start, loan_arena_end;        /* [I] */
static struct mutex loan_arena_lock = MUTEX_INITIALIZER(loan_arena_lock, "loanva");
static struct condvar loan_arena_cv;                   /* the budget was spent */

void uvm_loan_init(void)
{
	vsize_t size = (VM_MAX_KERNEL_ADDRESS - VM_MIN_KERNEL_ADDRESS) / 16;

	if (size > LOAN_ARENA_MAX)
		size = LOAN_ARENA_MAX;
	size = trunc_page(size);
	uvm_obj_init(&loanzero_obj, &loanzero_pager, PAGE_SIZE);
	mutex_enter(&loanzero_obj.vmobjlock);
	loanzero_page = uvm_pagealloc(&loanzero_obj, 0, NULL, UVM_PGA_ZERO);
	mutex_exit(&loanzero_obj.vmobjlock);
	if (loanzero_page == NULL)
		panic("uvm_loan_init: no page for the zero page");
	loanzero_page->flags &= ~(PG_BUSY | PG_FAKE);
	loanzero_page->flags |= PG_CLEAN;
	cv_init(&loan_arena_cv, "loanva");
	if ((loan_arena_start = uvm_km_alloc(size, UVM_KMF_VAONLY)) == 0)
		panic("uvm_loan_init: no kernel VA for the loan arena");
	loan_arena_end = loan_arena_start + size;
	vmem_init(&loan_arena, "loan arena", loan_arena_start, size, PAGE_SIZE);
	uvmexp.loankvamax = (int64_t)size;
}

bool uvm_loan_arena_contains(vaddr_t va)
{
	return va >= loan_arena_start && va < loan_arena_end;
}

int uvm_loan_map(struct vm_page **pgs, int npages, vaddr_t *vap)
{
	vmem_addr_t va;
	int error;

	KASSERT(npages > 0);
	if (ptoa((vsize_t)npages) > loan_arena_end - loan_arena_start)
		return EINVAL;
	mutex_enter(&loan_arena_lock);
	while ((error = vmem_xalloc(&loan_arena, ptoa((vsize_t)npages), 0, 0, &va)) != 0) {
		if (error != ENOSPC) {
			/* No page for the arena's tags: wait for memory, not for VA. */
			mutex_exit(&loan_arena_lock);
			if ((error = uvm_wait("loanva", true)) != 0)
				return error;
			mutex_enter(&loan_arena_lock);
			continue;
		}
		if ((error = cv_wait_sig(&loan_arena_cv, &loan_arena_lock)) != 0) {
			mutex_exit(&loan_arena_lock);
			return error;
		}
	}
	uvmexp.loankva += (int64_t)ptoa(npages);
	mutex_exit(&loan_arena_lock);
	for (int i = 0; i < npages; i++) {
		KASSERTMSG(pgs[i]->loan_count > 0, "uvm_loan_map: page %p is not lent", pgs[i]);
		pmap_kenter_pa(va + ptoa(i), pgs[i]->phys_addr, VM_PROT_READ, 0);
	}
	pmap_update(pmap_kernel());
	*vap = va;
	return 0;
}

void uvm_loan_unmap(vaddr_t va, int npages)
{
	KASSERT(uvm_loan_arena_contains(va) && npages > 0);
	pmap_kremove(va, ptoa((vsize_t)npages));
	pmap_update(pmap_kernel());
	/* Arena VA goes back only unmapped: its next user must not reach these pages. */
	for (int i = 0; i < npages; i++)
		KASSERTMSG(!pmap_extract(pmap_kernel(), va + (vaddr_t)i * PAGE_SIZE, NULL),
		    "uvm_loan_unmap: %p is still mapped", (void *)(va + (vaddr_t)i * PAGE_SIZE));
	mutex_enter(&loan_arena_lock);
	vmem_free(&loan_arena, va, ptoa((vsize_t)npages));
	uvmexp.loankva -= (int64_t)ptoa(npages);
	cv_broadcast(&loan_arena_cv);
	mutex_exit(&loan_arena_lock);
}

/* ---- lending ---- */

/* Can pg be lent once more? => uvm_pageqlock held. Counts a refusal. */
static bool loan_allowed(struct vm_page *pg)
{
	if (pg->wire_count > 0 || pg->loan_count >= UVM_LOAN_MAX) {
		uvmexp.loanrefused++;
		return false;
	}
	return true;
}

/*
 * Lends pg to the kernel once more. => pg's owner locked (and
 * uvm_pageqlock not held). => returns 0, or EBUSY (wired, or lent
 * UVM_LOAN_MAX times).
 */
static int loan_page(struct vm_page *pg)
{
	mutex_enter(&uvm_pageqlock);
	if (!loan_allowed(pg)) {
		mutex_exit(&uvm_pageqlock);
		return EBUSY;
	}
	if (uvm_page_kloans(pg) == 0)
		uvmpdpol_pagedequeue(pg);       /* lent to the kernel: off the queues */
	bool first = pg->loan_count++ == 0;
	if (first)
		uvmexp.loaned++;
	uvmexp.loans++;
	mutex_exit(&uvm_pageqlock);
	/* Nobody may change the bytes under the borrower: every mapping read-only. */
	if (first)
		pmap_page_protect(pg, VM_PROT_READ);
	return 0;
}

/* What loan_run asks its caller to do before it tries the page again. */
#define LOAN_FAULT      (-1)            /* fault the page in (read), then retry */
#define LOAN_WAIT       (-2)            /* wait for memory, then retry */

/*
 * A->A: one more reference to anon, whose page (if resident) becomes
 * read-only everywhere, so that a write by anyone copies it (the fault's
 * case 1B). => uvm_anonlock held. Returns 0 or EBUSY (its page is wired).
 */
static int loan_anon_ref(struct vm_anon *anon)
{
	struct vm_page *pg = anon->an_page;

	if (pg != NULL) {
		mutex_enter(&uvm_pageqlock);
		bool ok = loan_allowed(pg);
		mutex_exit(&uvm_pageqlock);
		if (!ok)
			return EBUSY;
		pmap_page_protect(pg, VM_PROT_READ);
	}
	anon->an_ref++;
	uvmexp.loans++;
	return 0;
}

/*
 * O->A: lends an object's page (or the zero page) to an anon: the anon
 * that already borrows it gets one more reference, or a new anon borrows
 * it (pg->uanon, one loan; the object still owns it, and the page stays on
 * the paging queues). => the object and uvm_anonlock locked. Returns 0
 * with *ap set, EBUSY, or LOAN_WAIT (no memory for an anon).
 */
static int loan_page_anon(struct vm_page *pg, struct vm_anon **ap)
{
	struct vm_anon *anon = NULL;

	KASSERT(mutex_owned(&uvm_anonlock));
	if (pg->uanon == NULL && (anon = uvm_analloc()) == NULL)
		return LOAN_WAIT;
	mutex_enter(&uvm_pageqlock);
	if (!loan_allowed(pg)) {
		mutex_exit(&uvm_pageqlock);
		if (anon)
			uvm_anon_unref(anon);
		return EBUSY;
	}
	bool first = false;
	if (anon == NULL) {
		KASSERTMSG(uvm_page_anonloaned(pg),
		    "uvm_loan: object page %p is owned by an anon", pg);
		anon = pg->uanon;
		anon->an_ref++;
	} else {
		if ((first = pg->loan_count++ == 0))
			uvmexp.loaned++;
		pg->uanon = anon;
		anon->an_page = pg;
	}
	uvmexp.loans++;
	mutex_exit(&uvm_pageqlock);
	/* The first loan: nobody may change the bytes any more. */
	if (first)
		pmap_page_protect(pg, VM_PROT_READ);
	*ap = anon;
	return 0;
}

/* Where the loans of a range go: v[k] of the kind flags say. */
struct loan_dest {
	int flags;                      /* UVM_LOAN_TOPAGE or UVM_LOAN_TOANON */
	struct vm_page **pgs;           /* TOPAGE */
	struct vm_anon **anons;         /* TOANON */
};

/* Lends pg (an object's page, or the zero page) as d says, into slot k. */
static int loan_objpage(struct vm_page *pg, const struct loan_dest *d, int k)
{
	if (d->flags == UVM_LOAN_TOANON)
		return loan_page_anon(pg, &d->anons[k]);
	int error = loan_page(pg);
	if (error == 0)
		d->pgs[k] = pg;
	return error;
}

/* Has *heldp locked uobj: the object of the page before, kept locked for a chunk. */
static void loan_hold_object(struct uvm_object **heldp, struct uvm_object *uobj)
{
	if (*heldp == uobj)
		return;
	if (*heldp)
		mutex_exit(&(*heldp)->vmobjlock);
	mutex_enter(&uobj->vmobjlock);
	*heldp = uobj;
}

/*
 * Lends the page at va into slot k of d. => map locked, uvm_anonlock held,
 * e the entry holding va, *heldp the object locked now (or NULL), which
 * this may change. Returns 0, an errno, or LOAN_FAULT/LOAN_WAIT.
 */
static int loan_one(struct vm_map_entry *e, vaddr_t va, const struct loan_dest *d, int k,
    struct uvm_object **heldp)
{
	struct vm_anon *anon = e->aref.ar_amap ? amap_lookup(&e->aref, va - e->start) : NULL;
	int error;

	if (anon && d->flags == UVM_LOAN_TOANON) {
		/* A->A: a reference to the anon itself. */
		if ((error = loan_anon_ref(anon)) == 0)
			d->anons[k] = anon;
		return error;
	}
	if (anon) {
		/* A->K: the anon's page (on swap: fault it in first). */
		if (anon->an_page == NULL)
			return LOAN_FAULT;
		if ((error = loan_page(anon->an_page)) == 0)
			d->pgs[k] = anon->an_page;
		return error;
	}
	if (e->object) {
		/* O->K, O->A: the object's page, brought in by its pager. */
		struct uvm_object *uobj = e->object;
		struct vm_page *pg;
		loan_hold_object(heldp, uobj);
		error = uobj->pgops->pgo_get(uobj, e->offset + (va - e->start), &pg);
		if (error == 0)
			error = loan_objpage(pg, d, k);
		else if (error == ENOMEM)
			error = LOAN_WAIT;
		return error;
	}
	/* Zero-fill memory never touched: the zero page. */
	loan_hold_object(heldp, &loanzero_obj);
	if ((error = loan_objpage(loanzero_page, d, k)) == 0)
		uvmexp.loanzero++;
	return error;
}

/*
 * Lends a chunk: the pages from va on, up to max of them and at most
 * LOAN_CHUNK, under one hold of the map's lock, uvm_anonlock and the
 * lock of the object they come from (pgo_get page after page under it);
 * *np says how many it lent. The chunk bounds how long a loan keeps
 * faults and the pagedaemon waiting.
 * => map unlocked. Returns 0 (the chunk lent), an errno, or LOAN_FAULT /
 *    LOAN_WAIT for page *np.
 */
#define LOAN_CHUNK      64

static int loan_run(struct vm_map *map, vaddr_t va, int max, const struct loan_dest *d, int *np)
{
	struct vm_map_entry *e = NULL;
	struct uvm_object *held = NULL;
	int error = 0, k;

	if (max > LOAN_CHUNK)
		max = LOAN_CHUNK;
	mutex_enter(&map->lock);
	mutex_enter(&uvm_anonlock);
	for (k = 0; k < max; k++) {
		vaddr_t a = va + (vaddr_t)k * PAGE_SIZE;
		if ((e == NULL || a >= e->end) &&
		    (!uvm_map_lookup_entry(map, a, &e) || !(e->protection & VM_PROT_READ))) {
			error = EFAULT;
			break;
		}
		if ((error = loan_one(e, a, d, k, &held)) != 0)
			break;
	}
	if (held)
		mutex_exit(&held->vmobjlock);
	mutex_exit(&uvm_anonlock);
	mutex_exit(&map->lock);
	*np = k;
	return error;
}

int uvm_loan(struct vm_map *map, vaddr_t start, vsize_t len, void *v, int flags)
{
	KASSERT(!mutex_owned(&map->lock));
	if ((flags != UVM_LOAN_TOPAGE && flags != UVM_LOAN_TOANON) || (start & PAGE_MASK) ||
	    (len & PAGE_MASK) || len == 0 || start + len < start)
		return EINVAL;
	int npages = (int)atop(len), error = 0;
	for (int i = 0; i < npages; ) {
		vaddr_t va = start + (vaddr_t)i * PAGE_SIZE;
		struct loan_dest d = { .flags = flags };
		if (flags == UVM_LOAN_TOANON)
			d.anons = (struct vm_anon **)v + i;
		else
			d.pgs = (struct vm_page **)v + i;
		int n;
		error = loan_run(map, va, npages - i, &d, &n);
		i += n;
		va += (vaddr_t)n * PAGE_SIZE;
		if (error == LOAN_FAULT)
			error = uvm_fault(map, va, VM_PROT_READ);
		else if (error == LOAN_WAIT)
			error = uvm_wait("loan", true);
		if (error != 0) {
			uvm_unloan(v, i, flags);        /* all or nothing */
			return error;
		}
	}
	return 0;
}

/* ---- giving back ---- */

/*
 * Takes pg's owner's lock and uvm_pageqlock: uvm_anonlock (taken by the
 * caller) covers an anon's page and an orphan; an object's lock is only
 * tried, since we hold uvm_pageqlock to read pg->uobject and the order
 * is object => queues: on failure let go of everything, let the holder
 * run, and start over. Returns the object locked, or NULL.
 */
static struct uvm_object *unloan_lock_owner(struct vm_page *pg)
{
	KASSERT(mutex_owned(&uvm_anonlock));
	for (;;) {
		mutex_enter(&uvm_pageqlock);
		struct uvm_object *uobj = pg->uobject;
		if (uobj == NULL || mutex_tryenter(&uobj->vmobjlock))
			return uobj;
		mutex_exit(&uvm_pageqlock);
		mutex_exit(&uvm_anonlock);
		sched_yield();
		mutex_enter(&uvm_anonlock);
	}
}

/* Is pg owned by nobody and borrowed by no anon (lent to the kernel only)? */
static bool page_is_orphan(const struct vm_page *pg)
{
	return pg->uobject == NULL && pg->uanon == NULL;
}

/* Gives back one kernel loan of pg. => uvm_anonlock held. */
static void unloan_page(struct vm_page *pg)
{
	struct uvm_object *uobj = unloan_lock_owner(pg);
	KASSERTMSG(uvm_page_kloans(pg) > 0, "uvm_unloan: page %p is not lent to the kernel", pg);
	uvmexp.unloans++;
	if (--pg->loan_count == 0)
		uvmexp.loaned--;
	uvm_loan_adopt(pg);                     /* an orphan an anon borrows: the anon's now */
	bool orphan = pg->loan_count == 0 && page_is_orphan(pg);
	/* Back to the kernel no more: pageable again, and recently used. */
	if (uvm_page_kloans(pg) == 0 && !orphan && pg->wire_count == 0 &&
	    !uvm_loan_is_zeropage(pg))
		uvmpdpol_pageactivate(pg);
	mutex_exit(&uvm_pageqlock);
	if (uobj)
		mutex_exit(&uobj->vmobjlock);
	if (orphan) {
		uvmexp.orphanfrees++;
		uvm_pagefree(pg);
	}
}

void uvm_unloan(void *v, int npages, int flags)
{
	KASSERT((flags == UVM_LOAN_TOPAGE || flags == UVM_LOAN_TOANON) && npages >= 0);
	mutex_enter(&uvm_anonlock);
	for (int i = 0; i < npages; i++) {
		if (flags == UVM_LOAN_TOPAGE) {
			unloan_page(((struct vm_page **)v)[i]);
		} else {
			uvmexp.unloans++;
			uvm_anon_unref(((struct vm_anon **)v)[i]);
		}
	}
	mutex_exit(&uvm_anonlock);
}

/* ---- owners letting go, and anons taking over ---- */

bool uvm_loan_disown(struct vm_page *pg)
{
	mutex_enter(&uvm_pageqlock);
	if (pg->loan_count == 0) {
		mutex_exit(&uvm_pageqlock);
		return false;
	}
	KASSERTMSG(!uvm_loan_is_zeropage(pg), "uvm_loan_disown: the zero page");
	uvm_page_disown(pg);
	/*
	 * An orphan an anon borrows stays queued (unless it is lent to the
	 * kernel too): the pagedaemon meeting it makes the anon adopt it.
	 */
	if (!uvm_page_anonloaned(pg))
		uvmpdpol_pagedequeue(pg);
	uvmexp.orphans++;
	mutex_exit(&uvm_pageqlock);
	return true;
}

bool uvm_loan_adopt(struct vm_page *pg)
{
	KASSERT(mutex_owned(&uvm_anonlock) && mutex_owned(&uvm_pageqlock));
	if (pg->uobject != NULL || !uvm_page_anonloaned(pg))
		return false;
	KASSERT(pg->uanon->an_page == pg && pg->loan_count > 0);
	/* The anon's loan becomes ownership. */
	uvm_page_adopted(pg);
	if (--pg->loan_count == 0)
		uvmexp.loaned--;
	uvmexp.adoptions++;
	if (uvm_page_kloans(pg) == 0 && pg->wire_count == 0)
		uvmpdpol_pageactivate(pg);
	return true;
}

bool uvm_loan_anon_release(struct vm_anon *anon)
{
	struct vm_page *pg = anon->an_page;

	KASSERT(mutex_owned(&uvm_anonlock) && pg != NULL);
	mutex_enter(&uvm_pageqlock);
	if (!uvm_page_anonloaned(pg)) {
		mutex_exit(&uvm_pageqlock);
		return false;
	}
	KASSERTMSG(pg->uanon == anon, "uvm_loan_anon_release: page %p is lent to anon %p, not %p",
	    pg, pg->uanon, anon);
	pg->uanon = NULL;
	anon->an_page = NULL;
	uvmexp.unloans++;
	if (--pg->loan_count == 0)
		uvmexp.loaned--;
	bool orphan = page_is_orphan(pg);
	if (orphan)
		uvmpdpol_pagedequeue(pg);       /* the kernel's alone, or nobody's */
	mutex_exit(&uvm_pageqlock);
	if (orphan && pg->loan_count == 0) {
		pmap_page_protect(pg, VM_PROT_NONE);
		uvmexp.orphanfrees++;
		uvm_pagefree(pg);
	}
	return true;
}

/* ---- loan breaks ---- */

/* A copy of pg's bytes in a new page owned by anon (or by nobody). */
static struct vm_page *loanbreak_copy(struct vm_page *pg, struct vm_anon *anon)
{
	struct vm_page *npg = uvm_pagealloc(NULL, 0, anon, 0);

	if (npg == NULL)
		return NULL;
	pmap_copy_page(pg->phys_addr, npg->phys_addr);
	npg->flags &= ~(PG_BUSY | PG_FAKE | PG_CLEAN);  /* dirty: the only copy */
	return npg;
}

int uvm_loanbreak_anon(struct vm_anon *anon)
{
	KASSERT(mutex_owned(&uvm_anonlock));
	struct vm_page *pg = anon->an_page, *npg;
	KASSERT(pg != NULL && pg->loan_count > 0 && anon->an_ref == 1);

	if ((npg = loanbreak_copy(pg, anon)) == NULL)
		return ENOMEM;
	/* Nobody maps the old page through this anon any more. */
	pmap_page_protect(pg, VM_PROT_NONE);
	/* Borrowed (O->A): the loan goes back. Owned: the borrowers keep it, an orphan. */
	if (!uvm_loan_anon_release(anon)) {
		bool disowned = uvm_loan_disown(pg);
		KASSERT(disowned);
	}
	anon->an_page = npg;
	uvmexp.loanbreaks++;
	return 0;
}

struct vm_page *uvm_loanbreak(struct vm_page *pg)
{
	struct uvm_object *uobj = pg->uobject;
	KASSERT(uobj != NULL && mutex_owned(&uobj->vmobjlock) && pg->loan_count > 0);
	struct vm_page *npg = loanbreak_copy(pg, NULL);

	if (npg == NULL)
		return NULL;
	pmap_page_protect(pg, VM_PROT_NONE);
	/*
	 * npg takes its place in the object. pg stays with its borrowers:
	 * off the queues if the kernel has it, queued if only an anon does.
	 */
	uvm_pagereplace(pg, npg);
	uvmexp.orphans++;
	uvmexp.loanbreaks++;
	return npg;
}
