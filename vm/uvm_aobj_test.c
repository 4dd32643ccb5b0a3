/* Tests of anonymous objects (vm/uvm_aobj.c). */
#include "kernel/ktest.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "pmap/pmap.h"
#include "vm/uvm_aobj.h"
#include "vm/uvm_fault.h"
#include "vm/uvm_loan.h"
#include "vm/uvm_swap.h"
#include "vm/uvm_vmspace.h"
#include "vm/uvm_pgtest.h"
#include "vm/uvmexp.h"

static int get(struct uvm_object *uobj, voff_t off, struct vm_page **pgp)
{
	int error;

	mutex_enter(&uobj->vmobjlock);
	error = uobj->pgops->pgo_get(uobj, off, pgp);
	mutex_exit(&uobj->vmobjlock);
	return error;
}

static bool page_is(const struct vm_page *pg, uint8_t byte)
{
	const uint8_t *p = (const uint8_t *)PMAP_DIRECT_MAP(pg->phys_addr);

	for (size_t i = 0; i < PAGE_SIZE; i++)
		if (p[i] != byte)
			return false;
	return true;
}

/* Every page is zeros the first time, and the same page after. */
KTEST(uao_zero_fill_then_same_page)
{
	enum { NPAGES = 4 };
	struct uvm_object *uobj = uao_create(3 * PAGE_SIZE + 1, 0);     /* 4 pages */
	struct vm_page *pg[NPAGES], *again;

	KT_ASSERT(uobj != NULL && uao_is_aobj(uobj));
	KT_ASSERT_EQ(uobj->uo_size, NPAGES * PAGE_SIZE);
	KT_ASSERT_EQ(uobj->uo_refs, 1);
	KT_ASSERT_EQ(uobj->uo_npages, 0);
	uvm_pgtest_dirty_free_pages(2 * NPAGES);        /* garbage first in line */
	for (int i = NPAGES - 1; i >= 0; i--) {
		KT_ASSERT_EQ(get(uobj, i * PAGE_SIZE, &pg[i]), 0);
		KT_ASSERT(pg[i]->uobject == uobj && pg[i]->offset == i * PAGE_SIZE);
		KT_ASSERT(page_is(pg[i], 0));
		/* Not busy, not fake, and not clean: no copy of it exists. */
		KT_ASSERT_EQ(pg[i]->flags & (PG_BUSY | PG_FAKE | PG_CLEAN), 0);
		memset((void *)PMAP_DIRECT_MAP(pg[i]->phys_addr), 0x10 + i, PAGE_SIZE);
	}
	KT_ASSERT_EQ(uobj->uo_npages, NPAGES);
	for (int i = 0; i < NPAGES; i++) {
		KT_ASSERT_EQ(get(uobj, i * PAGE_SIZE, &again), 0);
		KT_ASSERT(again == pg[i]);
		KT_ASSERT(page_is(again, 0x10 + i));
	}
	KT_ASSERT_EQ(uobj->uo_npages, NPAGES);
	uvm_obj_detach(uobj);
}

KTEST(uao_efault_past_the_end)
{
	struct uvm_object *uobj = uao_create(2 * PAGE_SIZE, 0);
	struct vm_page *pg = NULL;

	KT_ASSERT(uobj != NULL);
	KT_ASSERT_EQ(get(uobj, 2 * PAGE_SIZE, &pg), EFAULT);
	KT_ASSERT_EQ(get(uobj, 100 * PAGE_SIZE, &pg), EFAULT);
	KT_ASSERT_EQ(get(uobj, -PAGE_SIZE, &pg), EFAULT);
	KT_ASSERT(pg == NULL && uobj->uo_npages == 0);
	KT_ASSERT_EQ(get(uobj, PAGE_SIZE, &pg), 0);     /* the last page is in */
	KT_ASSERT(pg != NULL && uobj->uo_npages == 1);
	uvm_obj_detach(uobj);
}

/* Pages stay while any reference does; the last detach frees them all. */
KTEST(uao_detach_frees_pages)
{
	int64_t free0 = uvmexp.free, free1;
	struct uvm_object *uobj = uao_create(8 * PAGE_SIZE, 0);
	struct vm_page *pg;

	KT_ASSERT(uobj != NULL);
	free1 = uvmexp.free;                            /* kmem may have taken a slab */
	for (int i = 0; i < 5; i++)
		KT_ASSERT_EQ(get(uobj, i * PAGE_SIZE, &pg), 0);
	KT_ASSERT_EQ(uvmexp.free, free1 - 5);
	uvm_obj_reference(uobj);
	KT_ASSERT_EQ(uobj->uo_refs, 2);
	uvm_obj_detach(uobj);
	KT_ASSERT_EQ(uobj->uo_refs, 1);
	KT_ASSERT_EQ(uobj->uo_npages, 5);
	KT_ASSERT(pg->uobject == uobj && !(pg->pqflags & PQ_FREE));
	KT_ASSERT_EQ(uvmexp.free, free1 - 5);
	uvm_obj_detach(uobj);
	KT_ASSERT(pg->pqflags & PQ_FREE);
	KT_ASSERT_EQ(uvmexp.free, free0);
}

KTEST(uao_enomem_without_pages)
{
	struct uvm_object *uobj = uao_create(2 * PAGE_SIZE, 0);
	struct vm_page *pg = NULL;
	struct pglist all;
	int error;

	KT_ASSERT(uobj != NULL);
	KT_ASSERT(uvm_pgtest_exhaust(&all) > 0);
	error = get(uobj, 0, &pg);
	uvm_pgtest_release(&all);
	KT_ASSERT_EQ(error, ENOMEM);
	KT_ASSERT(pg == NULL && uobj->uo_npages == 0);
	KT_ASSERT_EQ(get(uobj, 0, &pg), 0);             /* and it works again */
	uvm_obj_detach(uobj);
}

#define T_VA    0x400000

/*
 * uao_resize, as tmpfs's ftruncate uses it: shrinking takes the pages past
 * the new end out of every mapping (a fault there is past the object's
 * end), frees them and their swap slots, and disowns a lent page instead
 * of freeing it (the borrower keeps it, an orphan, until its unloan);
 * growing again brings zeros. The pages before the end stay as they were.
 */
KTEST(uao_resize_unmaps_frees_and_disowns_lent_pages)
{
	enum { N = 4 };
	struct uvm_object *uobj = uao_create(ptoa(N), 0);
	struct vmspace *vm = uvmspace_alloc();
	struct vm_page *pg, *lent;
	vaddr_t va = T_VA;
	paddr_t pa;

	KT_ASSERT(uobj != NULL && vm != NULL);
	KT_ASSERT_EQ(uvm_map(&vm->vm_map, &va, ptoa(N), uobj, 0, VM_PROT_READ | VM_PROT_WRITE,
	    VM_PROT_ALL, MAP_INHERIT_SHARE, UVM_ADV_NORMAL, UVM_FLAG_FIXED), 0);
	for (int i = 0; i < N; i++) {
		KT_ASSERT_EQ(uvm_fault(&vm->vm_map, T_VA + ptoa(i), VM_PROT_WRITE), 0);
		KT_ASSERT(pmap_extract(vm->vm_map.pmap, T_VA + ptoa(i), &pa));
		memset((void *)PMAP_DIRECT_MAP(trunc_page(pa)), 0x41 + i, PAGE_SIZE);
	}
	/* Page 3 lent to the kernel; page 2 "paged out": freed, its contents in a swap slot. */
	KT_ASSERT_EQ(uvm_loan(&vm->vm_map, T_VA + ptoa(3), PAGE_SIZE, &lent, UVM_LOAN_TOPAGE), 0);
	int n = 1, slot = uvm_swap_alloc(&n, false);
	mutex_enter(&uobj->vmobjlock);
	pg = uvm_pagelookup(uobj, ptoa(2));
	KT_ASSERT(pg != NULL);
	if (slot != 0) {
		pmap_page_protect(pg, VM_PROT_NONE);
		uvm_pagefree(pg);
		uobj->pgops->pgo_setswslot(uobj, ptoa(2), slot);
	}
	mutex_exit(&uobj->vmobjlock);
	int64_t orphans0 = uvmexp.orphans, frees0 = uvmexp.orphanfrees;
	int64_t swap0 = uvmexp.swpginuse;

	KT_ASSERT_EQ(uao_resize(uobj, PAGE_SIZE + 10), 0);
	KT_ASSERT_EQ(uobj->uo_size, ptoa(2));
	KT_ASSERT_EQ(uobj->uo_npages, 2);
	KT_ASSERT_EQ(uvmexp.orphans, orphans0 + 1);             /* the lent page, disowned */
	KT_ASSERT(lent->uobject == NULL && lent->loan_count == 1);
	if (slot != 0)
		KT_ASSERT_EQ(uvmexp.swpginuse, swap0 - 1);      /* page 2's slot */
	for (int i = 2; i < N; i++) {
		KT_ASSERT(!pmap_extract(vm->vm_map.pmap, T_VA + ptoa(i), &pa));
		KT_ASSERT_EQ(uvm_fault(&vm->vm_map, T_VA + ptoa(i), VM_PROT_READ), EFAULT);
	}
	for (int i = 0; i < 2; i++) {
		KT_ASSERT(pmap_extract(vm->vm_map.pmap, T_VA + ptoa(i), &pa));
		KT_ASSERT(page_is(uvm_phys_to_page(trunc_page(pa)), 0x41 + i));
	}
	/* The borrower still has its bytes; its unloan frees the orphan. */
	KT_ASSERT(page_is(lent, 0x44));
	uvm_unloan(&lent, 1, UVM_LOAN_TOPAGE);
	KT_ASSERT_EQ(uvmexp.orphanfrees, frees0 + 1);
	/* Grown again: the pages past the old end are zeros. */
	KT_ASSERT_EQ(uao_resize(uobj, ptoa(N)), 0);
	for (int i = 2; i < N; i++) {
		KT_ASSERT_EQ(get(uobj, ptoa(i), &pg), 0);
		KT_ASSERT(page_is(pg, 0));
	}
	/* Sizes no object can have: refused, the size unchanged. */
	KT_ASSERT_EQ(uao_resize(uobj, (vsize_t)-1), ENOMEM);
	KT_ASSERT_EQ(uobj->uo_size, ptoa(N));
	uvmspace_free(vm);                      /* the map's reference, the last */
}
