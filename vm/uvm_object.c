/*
 * The common part of uvm objects: the page list by offset. See
 * vm/uvm_object.h for the invariants. Lookup is a walk of memq: objects
 * here are small (initrd files, anonymous objects); a tree keyed by
 * offset is the change to make when they are not.
 */
#include "vm/uvm_object.h"
#include "kernel/errno.h"
#include "kernel/panic.h"

void uvm_obj_init(struct uvm_object *uobj, const struct uvm_pagerops *ops, voff_t size)
{
	KASSERT((size & PAGE_MASK) == 0);
	mutex_init(&uobj->vmobjlock, ops->pgo_name);
	uobj->pgops = ops;
	TAILQ_INIT(&uobj->memq);
	uobj->uo_npages = 0;
	uobj->uo_refs = 1;
	uobj->uo_size = size;
}

/* Frees every resident page. => uobj locked, no references left. */
static void uvm_obj_freepages(struct uvm_object *uobj)
{
	struct vm_page *pg;

	KASSERT(mutex_owned(&uobj->vmobjlock));
	KASSERTMSG(uobj->uo_refs == 0, "object %p still has %d references", uobj, uobj->uo_refs);
	while ((pg = TAILQ_FIRST(&uobj->memq)) != NULL) {
		KASSERTMSG(pg->wire_count == 0, "object %p frees page %p that is wired", uobj, pg);
		/* No entry references the object: none can have its pages mapped. */
		KASSERTMSG(pg->pv_list == NULL, "object %p frees page %p that is still mapped",
		    uobj, pg);
		uvm_pagefree(pg);       /* takes it off memq (a lent page: disowns it) */
	}
}

void uvm_obj_destroy(struct uvm_object *uobj)
{
	KASSERT(!mutex_owned(&uobj->vmobjlock));
	mutex_enter(&uobj->vmobjlock);
	uvm_obj_freepages(uobj);
	mutex_exit(&uobj->vmobjlock);
	mutex_destroy(&uobj->vmobjlock);
}

struct vm_page *uvm_pagelookup(struct uvm_object *uobj, voff_t off)
{
	struct vm_page *pg;

	KASSERT(mutex_owned(&uobj->vmobjlock));
	TAILQ_FOREACH(pg, &uobj->memq, listq)
		if (pg->offset == off)
			return pg;
	return NULL;
}

void uvm_obj_pageinsert(struct uvm_object *uobj, struct vm_page *pg)
{
	KASSERT(mutex_owned(&uobj->vmobjlock));
	KASSERTMSG(uvm_pagelookup(uobj, pg->offset) == NULL,
	    "object %p already has a page at offset %#llx", uobj, (long long)pg->offset);
	TAILQ_INSERT_TAIL(&uobj->memq, pg, listq);
	uobj->uo_npages++;
}

void uvm_obj_pageremove(struct uvm_object *uobj, struct vm_page *pg)
{
	KASSERT(mutex_owned(&uobj->vmobjlock));
	KASSERT(pg->uobject == uobj);
	TAILQ_REMOVE(&uobj->memq, pg, listq);
	uobj->uo_npages--;
}

void uvm_obj_ref(struct uvm_object *uobj)
{
	mutex_enter(&uobj->vmobjlock);
	KASSERT(uobj->uo_refs > 0);
	uobj->uo_refs++;
	mutex_exit(&uobj->vmobjlock);
}

bool uvm_obj_unref(struct uvm_object *uobj)
{
	mutex_enter(&uobj->vmobjlock);
	KASSERTMSG(uobj->uo_refs > 0, "object %p has no reference to drop", uobj);
	bool last = --uobj->uo_refs == 0;
	/*
	 * The last reference frees the pages before the lock goes: the
	 * pagedaemon, which try-locks an object it found through one of its
	 * pages, then finds either a live object or no page of it at all,
	 * never a page of a dying object to write into its swap slots.
	 */
	if (last)
		uvm_obj_freepages(uobj);
	mutex_exit(&uobj->vmobjlock);
	return last;
}

int uvm_obj_getpage(struct uvm_object *uobj, voff_t off, struct vm_page **pgp,
    int (*pagein)(struct uvm_object *uobj, voff_t off, struct vm_page **pgp))
{
	struct vm_page *pg;

	KASSERT(mutex_owned(&uobj->vmobjlock));
	KASSERT((off & PAGE_MASK) == 0);
	if (off < 0 || off >= uobj->uo_size)
		return EFAULT;
	if ((pg = uvm_pagelookup(uobj, off)) == NULL)
		return pagein(uobj, off, pgp);
	KASSERT(!(pg->flags & (PG_BUSY | PG_FAKE)));
	*pgp = pg;
	return 0;
}
