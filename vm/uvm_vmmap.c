/*
 * A map described for user space (kernel/abi/vmmap.h): the entry's
 * range, protections and layers, and per page which layer holds it and
 * in what state: resident or on swap, mapped, wired, lent, and for an
 * anon how many amaps share it (more than one after fork, until one
 * side writes). The program vmmap draws these (`vmmap -svg`).
 *
 * Everything is read under the locks that guard it (vm/README.md): the
 * entry under the map's lock [m], the amap and anons under uvm_anonlock
 * [A], an object's pages under its lock [o], wire and loan counts under
 * uvm_pageqlock [q]; taken in the VM's order and all held for the
 * entry, so one call is one moment of the entry.
 */
#include "vm/uvm_vmmap.h"
#include "vm/uvm_amap.h"
#include "vm/uvm_anon.h"
#include "vm/uvm_object.h"
#include "vm/uvm_pdpolicy.h"
#include "vm/uvm_vnode.h"
#include "pmap/pmap.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/string.h"

/* The ABI's PROT_* are VM_PROT_*; the ABI's MAP_INHERIT_* are the map's. */
_Static_assert(MAP_INHERIT_SHARE == 0 && MAP_INHERIT_COPY == 1 && MAP_INHERIT_NONE == 2,
    "vmmap.h passes the inheritance through");

/* The state of one page. => every lock of uvm_map_describe held. */
static void describe_page(struct vm_map *map, struct vm_map_entry *e, vaddr_t va,
    struct uvix_vmmap_page *vp)
{
	struct vm_anon *anon = NULL;
	struct vm_page *pg = NULL;
	paddr_t pa;

	memset(vp, 0, sizeof(*vp));
	if (e->aref.ar_amap != NULL)
		anon = amap_lookup(&e->aref, va - e->start);
	if (anon != NULL) {
		vp->vp_flags |= UVIX_VP_ANON;
		vp->vp_anon_refs = anon->an_ref > UINT16_MAX ? UINT16_MAX : (uint16_t)anon->an_ref;
		vp->vp_slot_refs = (uint32_t)e->aref.ar_amap->am_ppref[e->aref.ar_pageoff +
		    (int)atop(va - e->start)];
		pg = anon->an_page;
		if (pg == NULL && anon->an_swslot != 0) {
			vp->vp_flags |= UVIX_VP_SWAPPED;
			vp->vp_swslot = (uint32_t)anon->an_swslot;
		}
	} else if (e->object != NULL) {
		pg = uvm_pagelookup(e->object, e->offset + (va - e->start));
		if (pg != NULL)
			vp->vp_flags |= UVIX_VP_OBJECT;
	}
	if (pg == NULL)
		return;
	vp->vp_flags |= UVIX_VP_RESIDENT;
	vp->vp_pfn = atop(pg->phys_addr);
	if (pg->wire_count != 0)
		vp->vp_flags |= UVIX_VP_WIRED;
	if (pg->loan_count != 0)
		vp->vp_flags |= UVIX_VP_LOANED;
	if (pmap_extract(map->pmap, va, &pa) && pa == pg->phys_addr)
		vp->vp_flags |= UVIX_VP_MAPPED;
}

int uvm_map_describe(struct vm_map *map, long index, struct uvix_vmmap_entry *ve,
    uint64_t pgoff, struct uvix_vmmap_page *vp, int npages, int *np)
{
	struct vm_map_entry *e;
	long i = 0;

	KASSERT(npages >= 0 && npages <= UVIX_VMMAP_MAXPAGES);
	*np = 0;
	mutex_enter(&map->lock);
	TAILQ_FOREACH(e, &map->entries, link)
		if (i++ == index)
			break;
	if (e == NULL) {
		mutex_exit(&map->lock);
		return ENOENT;
	}
	memset(ve, 0, sizeof(*ve));
	ve->ve_start = e->start;
	ve->ve_end = e->end;
	ve->ve_offset = (uint64_t)e->offset;
	ve->ve_npages = (uint32_t)atop(e->end - e->start);
	ve->ve_prot = e->protection;
	ve->ve_maxprot = e->max_protection;
	ve->ve_inherit = (uint32_t)e->inheritance;
	if (e->etype & UVM_ET_COPYONWRITE)
		ve->ve_flags |= UVIX_VE_COW;
	if (e->etype & UVM_ET_NEEDSCOPY)
		ve->ve_flags |= UVIX_VE_NEEDSCOPY;
	if (e->aref.ar_amap != NULL)
		ve->ve_flags |= UVIX_VE_AMAP;
	if (e->object != NULL)
		ve->ve_flags |= UVIX_VE_OBJECT | (uvn_is_uvn(e->object) ? UVIX_VE_VNODE : 0);
	if (e->wired_count != 0 || e->user_wired)
		ve->ve_flags |= UVIX_VE_WIRED;

	int n = pgoff >= ve->ve_npages ? 0 :
	    ve->ve_npages - pgoff < (uint64_t)npages ? (int)(ve->ve_npages - pgoff) : npages;
	if (n > 0) {
		mutex_enter(&uvm_anonlock);
		if (e->object != NULL)
			mutex_enter(&e->object->vmobjlock);
		mutex_enter(&uvm_pageqlock);
		for (int k = 0; k < n; k++)
			describe_page(map, e, e->start + ptoa((vaddr_t)pgoff + k), &vp[k]);
		mutex_exit(&uvm_pageqlock);
		if (e->object != NULL)
			mutex_exit(&e->object->vmobjlock);
		mutex_exit(&uvm_anonlock);
	}
	mutex_exit(&map->lock);
	*np = n;
	return 0;
}
