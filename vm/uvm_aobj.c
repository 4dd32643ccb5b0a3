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
 *  - u_swslots[i] != 0 only while page i is not resident;
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
 * regions of at most a few MiB. NetBSD hashes the slots of big objects.
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

struct uvm_aobj {
	struct uvm_object u_obj;        /* first: an aobj is a uvm_object */
	int *u_swslots;                 /* [o] the swap slot of each page, 0 for none */
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

/* uo_size is a voff_t (signed): shifted as the unsigned size it is. */
static size_t uao_slots_size(const struct uvm_object *uobj)
{
	return (size_t)((uint64_t)uobj->uo_size >> PAGE_SHIFT) * sizeof(int);
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
	for (voff_t i = 0; i < uobj->uo_size >> PAGE_SHIFT; i++)
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
