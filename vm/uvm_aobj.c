/*
 * Anonymous objects (vm/uvm_aobj.h), after NetBSD's uvm_aobj.c.
 *
 * An aobj is a struct uvm_object (first, so the two pointers convert)
 * plus a swap slot per page. Its resident pages are on the object's
 * memq; a page that is not resident was either paged out (its slot says
 * where) or never touched (no slot), and then reads as zeros. pgo_get
 * brings such a page in: read from swap, or zero-filled.
 *
 * Invariants (beyond uvm_object.h's):
 *  - every page on memq is a page of memory with no copy anywhere else,
 *    so it is never PG_CLEAN: it may not be thrown away, only paged out;
 *  - u_swslots[i] != 0 only while page i is not resident, and only for
 *    i < atop(uo_size);
 *  - a page is never left PG_BUSY or PG_FAKE once the object is unlocked.
 *
 * Example: uao_create(3 * PAGE_SIZE + 1, 0) makes a 4-page object with
 * no pages. pgo_get at offset 2 * PAGE_SIZE allocates a zeroed page and
 * puts it on memq at that offset; a second pgo_get there returns the same
 * page, with whatever was written to it since; pgo_get at 4 * PAGE_SIZE
 * is EFAULT. Under memory pressure the pagedaemon writes page 2 to swap
 * slot s and calls uao_setswslot(2 * PAGE_SIZE, s); the next pgo_get
 * there reads it back and frees s. The last uvm_obj_detach frees the
 * resident pages, the slots and the object.
 *
 * The slot array is flat (one int per page): aobjs here are mmap'd
 * regions and tmpfs files of at most some MiB. NetBSD hashes the slots
 * of big objects. uao_resize (tmpfs's write and truncate) grows the
 * array, doubling it, or frees the pages and slots past a new, smaller
 * end; u_nslots may be more than the object's pages.
 *
 * Locks: the object's vmobjlock ([o]) guards its pages, slots and
 * reference count; uao_get is called with it held and never lets go of
 * it (the swap read happens under it).
 */
#include "vm/uvm_aobj.h"
#include "vm/kmem.h"
#include "vm/uvm_swap.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include "pmap/pmap.h"

struct uvm_aobj {
	struct uvm_object u_obj;        /* first: an aobj is a uvm_object */
	int *u_swslots;                 /* [o] the swap slot of each page, 0 for none */
	size_t u_nslots;                /* [o] the array's length, >= atop(uo_size) */
};

static void uao_detach(struct uvm_object *uobj);
static int uao_get(struct uvm_object *uobj, voff_t off, struct vm_page **pgp);
static void uao_setswslot(struct uvm_object *uobj, voff_t off, int slot);

static const struct uvm_pagerops aobj_pager = {
	.pgo_name = "aobj",
	.pgo_reference = uvm_obj_ref,
	.pgo_detach = uao_detach,
	.pgo_get = uao_get,
	.pgo_setswslot = uao_setswslot,
};

static int *uao_slotp(struct uvm_object *uobj, voff_t off)
{
	return &((struct uvm_aobj *)uobj)->u_swslots[off >> PAGE_SHIFT];
}

static size_t uao_slots_size(const struct uvm_object *uobj)
{
	return ((const struct uvm_aobj *)uobj)->u_nslots * sizeof(int);
}

struct uvm_object *uao_create(vsize_t size, int flags)
{
	struct uvm_aobj *aobj;

	KASSERT(size > 0);
	KASSERTMSG(flags == 0, "uao_create: unknown flags %#x", flags);
	/*
	 * Sizes no object can have: rounding up wraps, the size is no voff_t,
	 * or its slot array's size does not fit a size_t.
	 */
	if (round_page(size) < size || (uint64_t)round_page(size) > INT64_MAX ||
	    atop(round_page(size)) > SIZE_MAX / sizeof(int))
		return NULL;
	aobj = kmem_zalloc(sizeof(*aobj), KM_NOSLEEP);
	if (aobj == NULL)
		return NULL;
	uvm_obj_init(&aobj->u_obj, &aobj_pager, round_page(size));
	aobj->u_nslots = atop(round_page(size));
	aobj->u_swslots = kmem_zalloc(uao_slots_size(&aobj->u_obj), KM_NOSLEEP);
	if (aobj->u_swslots == NULL) {
		aobj->u_obj.uo_refs = 0;
		uvm_obj_destroy(&aobj->u_obj);
		kmem_free(aobj, sizeof(*aobj));
		return NULL;
	}
	return &aobj->u_obj;
}

bool uao_is_aobj(const struct uvm_object *uobj)
{
	return uobj->pgops == &aobj_pager;
}

/*
 * The last reference frees every page (uvm_obj_unref, under the object's
 * lock), then every swap slot and the object. No slot can appear after
 * the pages are gone: only the pagedaemon adds slots, by paging out a
 * resident page.
 */
static void uao_detach(struct uvm_object *uobj)
{
	if (!uvm_obj_unref(uobj))
		return;
	int *slots = ((struct uvm_aobj *)uobj)->u_swslots;
	for (size_t i = 0; i < ((struct uvm_aobj *)uobj)->u_nslots; i++)
		if (slots[i] != 0)
			uvm_swap_free(slots[i], 1);
	kmem_free(slots, uao_slots_size(uobj));
	uvm_obj_destroy(uobj);
	kmem_free(uobj, sizeof(struct uvm_aobj));
}

/*
 * Brings in the page at off, which is not resident: read back from its
 * swap slot (which is then freed: the page is the only copy again), or,
 * if it has none, never touched: a new zero-filled page.
 * => uobj locked. Returns 0, ENOMEM or EIO.
 */
static int uao_pagein(struct uvm_object *uobj, voff_t off, struct vm_page **pgp)
{
	int *slotp = uao_slotp(uobj, off);
	struct vm_page *pg = uvm_pagealloc(uobj, off, NULL, *slotp ? 0 : UVM_PGA_ZERO);

	if (pg == NULL)
		return ENOMEM;
	if (*slotp != 0) {
		int error = uvm_swap_get(pg, *slotp);
		if (error) {
			uvm_pagefree(pg);
			return error;
		}
		uvm_swap_free(*slotp, 1);
		*slotp = 0;
	}
	/* Its contents are nowhere else: not clean. */
	pg->flags &= ~(PG_BUSY | PG_FAKE | PG_CLEAN);
	*pgp = pg;
	return 0;
}

/* pgo_setswslot: see struct uvm_pagerops. */
static void uao_setswslot(struct uvm_object *uobj, voff_t off, int slot)
{
	KASSERT(mutex_owned(&uobj->vmobjlock));
	KASSERTMSG(uvm_pagelookup(uobj, off) == NULL,
	    "uao_setswslot: the page at %#llx is resident", (long long)off);
	int *slotp = uao_slotp(uobj, off);
	KASSERTMSG(*slotp == 0, "uao_setswslot: the page at %#llx already has slot %d",
	    (long long)off, *slotp);
	*slotp = slot;
}

/* pgo_get: see struct uvm_pagerops. */
static int uao_get(struct uvm_object *uobj, voff_t off, struct vm_page **pgp)
{
	return uvm_obj_getpage(uobj, off, pgp, uao_pagein);
}

/*
 * Shrinking: every page at or past the new end leaves every mapping and
 * is freed through uvm_pagefree, which disowns a lent page instead (its
 * borrowers keep it, an orphan); the swap slots there are freed. No page
 * is busy or wired here: busy pages exist only under the lock (the
 * pagedaemon holds it across its write), and nothing wires an aobj's
 * pages (there is no mlock). => uobj locked.
 */
static void uao_shrink(struct uvm_aobj *aobj, voff_t newsize)
{
	struct uvm_object *uobj = &aobj->u_obj;
	struct vm_page *pg, *next;

	KASSERT(mutex_owned(&uobj->vmobjlock));
	for (pg = TAILQ_FIRST(&uobj->memq); pg != NULL; pg = next) {
		next = TAILQ_NEXT(pg, listq);
		if (pg->offset < newsize)
			continue;
		KASSERTMSG(!(pg->flags & PG_BUSY) && pg->wire_count == 0,
		    "uao_resize: page %p of aobj %p is busy or wired", pg, uobj);
		pmap_page_protect(pg, VM_PROT_NONE);
		uvm_pagefree(pg);
	}
	for (size_t i = atop(newsize); i < (size_t)atop((uint64_t)uobj->uo_size); i++)
		if (aobj->u_swslots[i] != 0) {
			uvm_swap_free(aobj->u_swslots[i], 1);
			aobj->u_swslots[i] = 0;
		}
}

int uao_resize(struct uvm_object *uobj, vsize_t size)
{
	struct uvm_aobj *aobj = (struct uvm_aobj *)uobj;
	vsize_t newsize = round_page(size);
	int *slots = NULL, *old = NULL;
	size_t n = 0, oldn = 0;

	KASSERT(uao_is_aobj(uobj));
	/* The sizes uao_create refuses, checked the same way. */
	if (newsize < size || (uint64_t)round_page(size) > INT64_MAX ||
	    atop(round_page(size)) > SIZE_MAX / sizeof(int) / 2)
		return ENOMEM;
	mutex_enter(&uobj->vmobjlock);
	while (atop(newsize) > aobj->u_nslots) {
		/* A bigger slot array, allocated unlocked (twice as long: appends are common). */
		oldn = aobj->u_nslots;
		mutex_exit(&uobj->vmobjlock);
		if (slots)
			kmem_free(slots, n * sizeof(int));
		n = atop(newsize) > 2 * oldn ? atop(newsize) : 2 * oldn;
		if ((slots = kmem_zalloc(n * sizeof(int), KM_NOSLEEP)) == NULL)
			return ENOMEM;
		mutex_enter(&uobj->vmobjlock);
		if (aobj->u_nslots != oldn || atop(newsize) <= oldn)
			continue;               /* changed meanwhile: look again */
		memcpy(slots, aobj->u_swslots, oldn * sizeof(int));
		old = aobj->u_swslots;
		aobj->u_swslots = slots;
		aobj->u_nslots = n;
		slots = NULL;
	}
	if ((voff_t)newsize < uobj->uo_size)
		uao_shrink(aobj, newsize);
	uobj->uo_size = newsize;
	mutex_exit(&uobj->vmobjlock);
	if (slots)
		kmem_free(slots, n * sizeof(int));
	if (old)
		kmem_free(old, oldn * sizeof(int));
	return 0;
}
