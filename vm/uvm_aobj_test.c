/* Tests of anonymous objects (vm/uvm_aobj.c). */
#include "kernel/ktest.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "pmap/pmap.h"
#include "vm/uvm_aobj.h"
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
