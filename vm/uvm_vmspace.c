/*
 * Address spaces (see vm/uvm_vmspace.h).
 *
 * Fork, entry by entry, for a parent entry E with amap A:
 *
 *   inherit NONE    the child gets nothing there
 *   inherit SHARE   the child's entry points at A too (amap_ref, shared:
 *                   AMAP_SHARED) and at E's object; a needs-copy E first
 *                   gets its own amap so that both really share one
 *   inherit COPY    the child's entry points at A too (amap_ref) and is
 *                   needs-copy; E becomes needs-copy as well and its
 *                   writable mappings are made read-only: whichever side
 *                   writes a page first faults, copies the amap (the
 *                   anons are shared: an_ref 2) and then the anon (1B).
 *
 * Two cases of COPY need more (NetBSD's uvm_mapent_forkcopy):
 *
 *  - A is shared (AMAP_SHARED: E already shares it with another space
 *    S). E must stay on A, for S sees E's writes through it, so E cannot
 *    become needs-copy; and a needs-copy child on A would see whatever E
 *    or S write before the child's first write. The child copies A at
 *    once (amap_copy: every anon an_ref + 1) and every page of those
 *    anons is made read-only in every pmap (S's too): the next write of
 *    E or S is a 1B copy into A, whose old page amap_add unmaps
 *    everywhere, while the child keeps the old anon: a snapshot.
 *  - E is a shared mapping of an object (no copy-on-write, e.g.
 *    MAP_SHARED|MAP_ANON): the child's entry becomes copy-on-write and
 *    needs-copy over the same object. Its writes go to its own anons;
 *    a page it has not written shows the object, as a private mapping
 *    of a file shows the file.
 *
 * A wired entry (vm/uvm_wire.h) inherited COPY is copied for the child
 * at fork time instead (NetBSD's amap_cow_now): the child gets its own
 * amap whose anons are copies of the parent's, and the parent keeps its
 * physical pages, mapped writable, and takes no fault on them after.
 * The child's copy is not wired: wirings, and mlockall(MCL_FUTURE), are
 * not inherited.
 *
 * Fork waits for memory (uvm_wait) like a fault, and starts over after
 * each wait: a fork that ran short leaves nothing behind.
 */
#include "vm/uvm_vmspace.h"
#include "vm/uvm_amap.h"
#include "vm/uvm_anon.h"
#include "vm/uvm_object.h"
#include "vm/uvm_pdaemon.h"
#include "vm/uvm_wire.h"
#include "vm/kmem.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "pmap/pmap.h"

struct vmspace *uvmspace_alloc(void)
{
	struct vmspace *vm = kmem_zalloc(sizeof(*vm), KM_NOSLEEP);
	struct pmap *pm;

	if (!vm)
		return NULL;
	if ((pm = pmap_create()) == NULL) {
		kmem_free(vm, sizeof(*vm));
		return NULL;
	}
	uvm_map_setup(&vm->vm_map, VMSPACE_MIN, VM_MAXUSER_ADDRESS, pm);
	vm->vm_refcnt = 1;
	return vm;
}

void uvmspace_free(struct vmspace *vm)
{
	mutex_enter(&uvm_anonlock);
	KASSERTMSG(vm->vm_refcnt > 0, "vmspace %p has no reference to drop", vm);
	bool last = --vm->vm_refcnt == 0;
	mutex_exit(&uvm_anonlock);
	if (!last)
		return;
	struct pmap *pm = vm->vm_map.pmap;
	uvm_map_teardown(&vm->vm_map);
	pmap_destroy(pm);
	kmem_free(vm, sizeof(*vm));
}

/* Drops what a child's entry holds and frees it (an entry not linked anywhere). */
static void fork_entry_drop(struct vm_map_entry *c)
{
	if (c->aref.ar_amap) {
		mutex_enter(&uvm_anonlock);
		amap_unref(c->aref.ar_amap, c->aref.ar_pageoff, (int)atop(c->end - c->start));
		mutex_exit(&uvm_anonlock);
	}
	if (c->object)
		uvm_obj_detach(c->object);
	kmem_free(c, sizeof(*c));
}

/*
 * The child's copy of parent entry e (see the top of the file), linked
 * at the end of child's map. => parent's map locked. Returns 0 or ENOMEM.
 */
static int fork_entry(struct vm_map *parent, struct vm_map_entry *e, struct vm_map *child)
{
	struct vm_map_entry *c;
	int nslots = (int)atop(e->end - e->start);
	bool share = e->inheritance == MAP_INHERIT_SHARE;

	KASSERT(e->inheritance == MAP_INHERIT_SHARE || e->inheritance == MAP_INHERIT_COPY);
	if (share && (e->etype & UVM_ET_NEEDSCOPY) && amap_copy(e) != 0)
		return ENOMEM;
	if ((c = kmem_zalloc(sizeof(*c), KM_NOSLEEP)) == NULL)
		return ENOMEM;
	*c = *e;
	c->wired_count = 0;                     /* wirings are not inherited */
	c->user_wired = false;
	if (!share)
		c->etype |= UVM_ET_COPYONWRITE | UVM_ET_NEEDSCOPY;
	if (c->object)
		uvm_obj_reference(c->object);
	bool snapshot = false, wired = !share && UVM_ENTRY_WIRED(e) && e->aref.ar_amap;
	if (e->aref.ar_amap) {
		mutex_enter(&uvm_anonlock);
		amap_ref(e->aref.ar_amap, e->aref.ar_pageoff, nslots, share);
		snapshot = !share && (e->aref.ar_amap->am_flags & AMAP_SHARED);
		mutex_exit(&uvm_anonlock);
	}
	if (wired) {
		/* The child copies a wired entry now; the parent keeps its pages, writable. */
		int error = amap_copy(c);
		if (error == 0) {
			mutex_enter(&uvm_anonlock);
			error = amap_cow_now(c);
			mutex_exit(&uvm_anonlock);
		}
		if (error) {
			fork_entry_drop(c);
			return ENOMEM;
		}
	} else if (snapshot) {
		/* The parent shares the amap with another space: copy it now. */
		if (amap_copy(c) != 0) {
			fork_entry_drop(c);
			return ENOMEM;
		}
		mutex_enter(&uvm_anonlock);
		amap_pages_protect(c->aref.ar_amap, VM_PROT_READ);
		mutex_exit(&uvm_anonlock);
	} else if (!share && e->aref.ar_amap && (e->etype & UVM_ET_COPYONWRITE) &&
	    !(e->etype & UVM_ET_NEEDSCOPY)) {
		/* Both sides copy at their first write: the parent's pages go read-only. */
		e->etype |= UVM_ET_NEEDSCOPY;
		if (e->protection & VM_PROT_WRITE)
			pmap_protect(parent->pmap, e->start, e->end,
			    e->protection & ~VM_PROT_WRITE);
	}
	TAILQ_INSERT_TAIL(&child->entries, c, link);
	child->nentries++;
	child->size += c->end - c->start;
	return 0;
}

/* One try at fork: ENOMEM if some allocation failed (nothing is left behind). */
static int uvmspace_fork_try(struct vmspace *pvm, struct vmspace **cvmp)
{
	struct vmspace *cvm = uvmspace_alloc();
	struct vm_map *parent = &pvm->vm_map;
	struct vm_map_entry *e;
	int error = 0;

	if (!cvm)
		return ENOMEM;
	mutex_enter(&parent->lock);
	TAILQ_FOREACH(e, &parent->entries, link) {
		if (e->inheritance == MAP_INHERIT_NONE)
			continue;
		if ((error = fork_entry(parent, e, &cvm->vm_map)) != 0)
			break;
	}
	pmap_update(parent->pmap);
	mutex_exit(&parent->lock);
	if (error) {
		uvmspace_free(cvm);
		return error;
	}
	*cvmp = cvm;
	return 0;
}

int uvmspace_fork(struct vmspace *pvm, struct vmspace **cvmp)
{
	int error;

	/* Short of memory: wait for the pagedaemon like a fault does, and start over. */
	while ((error = uvmspace_fork_try(pvm, cvmp)) == ENOMEM) {
		if ((error = uvm_wait("fork", true)) != 0)
			return error;
	}
	return error;
}

void uvmspace_stats(struct vmspace *vm, struct uvmspace_stats *st)
{
	struct vm_map *map = &vm->vm_map;
	struct vm_map_entry *e;

	mutex_enter(&map->lock);
	st->resident = pmap_resident_count(map->pmap);
	st->anon_resident = st->anon_swapped = 0;
	uvm_map_wired_pages(map, &st->wired, &st->wired_unmapped);
	mutex_enter(&uvm_anonlock);
	TAILQ_FOREACH(e, &map->entries, link) {
		if (e->aref.ar_amap == NULL)
			continue;
		for (vaddr_t off = 0; off < e->end - e->start; off += PAGE_SIZE) {
			struct vm_anon *anon = amap_lookup(&e->aref, off);
			if (anon != NULL)
				anon->an_page ? st->anon_resident++ : st->anon_swapped++;
		}
	}
	mutex_exit(&uvm_anonlock);
	mutex_exit(&map->lock);
}
