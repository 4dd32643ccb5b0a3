/*
 * Anonymous objects (vm/uvm_aobj.h), after NetBSD's uvm_aobj.c.
 *
 * An aobj is a struct uvm_object (first, so the two pointers convert)
 * and nothing else yet: its resident pages are on the object's memq, and
 * a page that is not resident has never been touched, so it reads as
 * zeros. pgo_get makes such a page on demand, zero-filled.
 *
 * Invariants (beyond uvm_object.h's):
 *  - every page on memq is a page of memory with no copy anywhere else,
 *    so it is never PG_CLEAN: it may not be thrown away, only paged out;
 *  - a page is never left PG_BUSY or PG_FAKE once the object is unlocked.
 *
 * Example: uao_create(3 * PAGE_SIZE + 1, 0) makes a 4-page object with
 * no pages. pgo_get at offset 2 * PAGE_SIZE allocates a zeroed page and
 * puts it on memq at that offset; a second pgo_get there returns the same
 * page, with whatever was written to it since; pgo_get at 4 * PAGE_SIZE
 * is EFAULT. The last uvm_obj_detach frees that one page and the object.
 *
 * Swap (issue 5) changes the object, not its users: struct uvm_aobj gets
 * a swap slot per page (an array, or a hash for a big sparse object, as
 * NetBSD has it); uao_get reads a non-resident page back from its slot
 * instead of zero-filling it (see uao_pagein); uao_detach frees the
 * slots; and a pgo_put lets the pagedaemon write pages out.
 *
 * Locks: the object's vmobjlock ([o]) guards its pages and reference
 * count; uao_get is called with it held and never lets go of it.
 */
#include "vm/uvm_aobj.h"
#include "vm/kmem.h"
#include "kernel/errno.h"
#include "kernel/panic.h"

struct uvm_aobj {
	struct uvm_object u_obj;        /* first: an aobj is a uvm_object */
	/* issue 5: int *u_swslots, [o] the swap slot of each page, 0 for none */
};

static void uao_detach(struct uvm_object *uobj);
static int uao_get(struct uvm_object *uobj, voff_t off, struct vm_page **pgp);

static const struct uvm_pagerops aobj_pager = {
	.pgo_name = "aobj",
	.pgo_reference = uvm_obj_ref,
	.pgo_detach = uao_detach,
	.pgo_get = uao_get,
};

struct uvm_object *uao_create(vsize_t size, int flags)
{
	struct uvm_aobj *aobj;

	KASSERT(size > 0 && round_page(size) != 0);
	KASSERTMSG(flags == 0, "uao_create: unknown flags %#x", flags);
	aobj = kmem_zalloc(sizeof(*aobj), KM_NOSLEEP);
	if (aobj == NULL)
		return NULL;
	uvm_obj_init(&aobj->u_obj, &aobj_pager, round_page(size));
	return &aobj->u_obj;
}

bool uao_is_aobj(const struct uvm_object *uobj)
{
	return uobj->pgops == &aobj_pager;
}

/* The last reference frees every page, then the object. */
static void uao_detach(struct uvm_object *uobj)
{
	if (!uvm_obj_unref(uobj))
		return;
	/* issue 5: free the swap slots here */
	uvm_obj_destroy(uobj);
	kmem_free(uobj, sizeof(struct uvm_aobj));
}

/*
 * Brings in the page at off, which is not resident: today it has never
 * been touched, so it is a new zero-filled page. With swap (issue 5), a
 * page that has a swap slot is read back from it here instead.
 * => uobj locked. Returns 0 or ENOMEM.
 */
static int uao_pagein(struct uvm_object *uobj, voff_t off, struct vm_page **pgp)
{
	struct vm_page *pg = uvm_pagealloc(uobj, off, NULL, UVM_PGA_ZERO);

	if (pg == NULL)
		return ENOMEM;
	/* Zeros are its contents, not a copy of them kept elsewhere: not clean. */
	pg->flags &= ~(PG_BUSY | PG_FAKE | PG_CLEAN);
	*pgp = pg;
	return 0;
}

/* pgo_get: see struct uvm_pagerops. */
static int uao_get(struct uvm_object *uobj, voff_t off, struct vm_page **pgp)
{
	return uvm_obj_getpage(uobj, off, pgp, uao_pagein);
}
