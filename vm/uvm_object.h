/*
 * uvm_object: memory that can be mapped, as a set of pages by offset,
 * filled on demand by its pager.
 *
 * An object is polymorphic through its pager-ops table (base struct
 * first in each kind): anonymous objects (vm/uvm_aobj.c) zero-fill, file
 * objects (vm/uvm_vnode.c) read from the initrd. The fault handler asks
 * an object for a page with pgo_get; the object keeps its resident pages
 * on memq.
 *
 * Invariants:
 *  - pg is on uobj->memq iff pg->uobject == uobj; then pg->offset is its
 *    offset (page aligned, < uo_size) and no other page of uobj has it.
 *  - uo_npages is the length of memq.
 *  - uo_refs counts the references (map entries, kernel users); the last
 *    pgo_detach frees every page on memq and then the object. Pages are
 *    freed in the same hold of vmobjlock that drops the last reference,
 *    so whoever takes the lock later (the pagedaemon) finds either
 *    uo_refs > 0 or no page.
 *
 * Lock legend: [I] immutable after init  [o] vmobjlock
 */
#ifndef _VM_UVM_OBJECT_H_
#define _VM_UVM_OBJECT_H_

#include "kernel/lock.h"
#include "kernel/queue.h"
#include "vm/uvm_page.h"

struct uvm_object;

struct uvm_pagerops {
	const char *pgo_name;
	/* Adds a reference. => uobj unlocked. */
	void (*pgo_reference)(struct uvm_object *uobj);
	/* Drops a reference; the last one frees the object. => uobj unlocked. */
	void (*pgo_detach)(struct uvm_object *uobj);
	/*
	 * Returns in *pgp the resident page at offset off (page aligned),
	 * bringing it in first if needed (zero fill, or a read).
	 * => uobj locked, and still locked on return.
	 * => the page is owned by uobj, on memq, not busy.
	 * => returns 0, EFAULT if off is beyond the object, ENOMEM if no page
	 *    could be had, EIO if reading failed.
	 */
	int (*pgo_get)(struct uvm_object *uobj, voff_t off, struct vm_page **pgp);
	/*
	 * For objects whose pages live only in memory (aobj): records that
	 * the page at off, just freed by the pagedaemon, is on swap at slot;
	 * pgo_get reads it back from there. NULL for objects that hold their
	 * pages' contents themselves (files): the pagedaemon just drops
	 * their clean pages. => uobj locked.
	 */
	void (*pgo_setswslot)(struct uvm_object *uobj, voff_t off, int slot);
};

struct uvm_object {
	struct mutex vmobjlock;                 /* the object's lock */
	const struct uvm_pagerops *pgops;       /* [I] */
	TAILQ_HEAD(, vm_page) memq;             /* [o] resident pages */
	int uo_npages;                          /* [o] */
	int uo_refs;                            /* [o] */
	voff_t uo_size;                         /* [o] bytes, page multiple; fixed but for
	                                           an aobj's (uao_resize) */
};

/* Sets up the common part: one reference, no pages. */
void uvm_obj_init(struct uvm_object *uobj, const struct uvm_pagerops *ops, voff_t size);
/*
 * Frees every resident page (if any are left), then tears the lock down.
 * => no references left; uobj unlocked.
 */
void uvm_obj_destroy(struct uvm_object *uobj);

/* The resident page of uobj at off, or NULL. => uobj locked. */
struct vm_page *uvm_pagelookup(struct uvm_object *uobj, voff_t off);
/* Called by uvm_pagealloc / uvm_pagefree for pages of an object. => uobj locked. */
void uvm_obj_pageinsert(struct uvm_object *uobj, struct vm_page *pg);
void uvm_obj_pageremove(struct uvm_object *uobj, struct vm_page *pg);

/*
 * The common halves of pgo_reference and pgo_detach for kinds of object
 * that need nothing more: add a reference; drop one and say whether it was
 * the last. The last also frees every resident page, under the same hold
 * of the lock; the caller then frees what its kind keeps (swap slots),
 * uvm_obj_destroy()s and frees the object.
 * => uobj unlocked.
 */
void uvm_obj_ref(struct uvm_object *uobj);
bool uvm_obj_unref(struct uvm_object *uobj);

/*
 * The common shape of pgo_get: EFAULT past the object's end, the resident
 * page if there is one, else pagein(uobj, off, pgp) brings it in (a
 * kind's own part: zero fill, a read).
 * => uobj locked. Returns what pgo_get returns.
 */
int uvm_obj_getpage(struct uvm_object *uobj, voff_t off, struct vm_page **pgp,
    int (*pagein)(struct uvm_object *uobj, voff_t off, struct vm_page **pgp));

static inline void uvm_obj_reference(struct uvm_object *uobj) { uobj->pgops->pgo_reference(uobj); }
static inline void uvm_obj_detach(struct uvm_object *uobj) { uobj->pgops->pgo_detach(uobj); }

#endif
