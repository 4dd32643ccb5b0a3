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
 */
#include "vm/uvm_vmspace.h"
#include "vm/uvm_amap.h"
#include "vm/uvm_anon.h"
#include "vm/uvm_object.h"
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

void uvmspace_addref(struct vmspace *vm)
{
	mutex_enter(&uvm_anonlock);
	KASSERT(vm->vm_refcnt > 0);
	vm->vm_refcnt++;
	mutex_exit(&uvm_anonlock);
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

/* The child's copy of parent entry e, linked at the end of child's map. */
static int fork_entry(struct vm_map *parent, struct vm_map_entry *e, struct vm_map *child)
{
	struct vm_map_entry *c;
	int nslots = (int)atop(e->end - e->start);

	if (e->inheritance == MAP_INHERIT_SHARE && (e->etype & UVM_ET_NEEDSCOPY) &&
	    amap_copy(e) != 0)
		return ENOMEM;
	if ((c = kmem_zalloc(sizeof(*c), KM_NOSLEEP)) == NULL)
		return ENOMEM;
	*c = *e;
	c->wired_count = 0;                     /* wirings are not inherited */
	c->user_wired = false;
	if (c->object)
		uvm_obj_reference(c->object);
	if (e->aref.ar_amap) {
		mutex_enter(&uvm_anonlock);
		amap_ref(e->aref.ar_amap, e->aref.ar_pageoff, nslots,
		    e->inheritance == MAP_INHERIT_SHARE);
		mutex_exit(&uvm_anonlock);
	}
	if (e->inheritance == MAP_INHERIT_COPY && (e->etype & UVM_ET_COPYONWRITE)) {
		c->etype |= UVM_ET_NEEDSCOPY;
		if (e->aref.ar_amap) {
			e->etype |= UVM_ET_NEEDSCOPY;
			if (e->protection & VM_PROT_WRITE)
				pmap_protect(parent->pmap, e->start, e->end,
				    e->protection & ~VM_PROT_WRITE);
		}
	}
	TAILQ_INSERT_TAIL(&child->entries, c, link);
	child->nentries++;
	child->size += c->end - c->start;
	return 0;
}

struct vmspace *uvmspace_fork(struct vmspace *pvm)
{
	struct vmspace *cvm = uvmspace_alloc();
	struct vm_map *parent = &pvm->vm_map;
	struct vm_map_entry *e;
	int error = 0;

	if (!cvm)
		return NULL;
	mutex_enter(&parent->lock);
	TAILQ_FOREACH(e, &parent->entries, link) {
		/* XXX mlock (a later issue): a wired COW entry must copy now. */
		if (e->inheritance == MAP_INHERIT_NONE)
			continue;
		if ((error = fork_entry(parent, e, &cvm->vm_map)) != 0)
			break;
	}
	pmap_update(parent->pmap);
	mutex_exit(&parent->lock);
	if (error) {
		uvmspace_free(cvm);
		return NULL;
	}
	return cvm;
}

struct vmspace *uvmspace_exec(struct vmspace *old)
{
	struct vmspace *vm = uvmspace_alloc();

	if (vm)
		uvmspace_free(old);
	return vm;
}

void uvmspace_stats(struct vmspace *vm, struct uvmspace_stats *st)
{
	struct vm_map *map = &vm->vm_map;
	struct vm_map_entry *e;

	mutex_enter(&map->lock);
	st->resident = pmap_resident_count(map->pmap);
	st->anon_resident = st->anon_swapped = 0;
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
