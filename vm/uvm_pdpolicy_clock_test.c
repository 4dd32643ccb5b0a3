/*
 * In-kernel tests of the CLOCK policy (vm/uvm_pdpolicy_clock.c) on real
 * pages with real referenced bits: the pages of an anonymous object,
 * mapped in a pmap of the test's own. pmap_enter with an access type
 * sets the referenced bit, as a fault does; without one it does not.
 *
 * The tests hold uvm_anonlock throughout, which keeps the pagedaemon out
 * (it takes uvm_anonlock for a pass), and expect to be the only ones
 * with pages on the queues: in-kernel tests run before any process.
 * A lab that replaces the policy replaces these tests with its own.
 */
#include "kernel/ktest.h"
#include "pmap/pmap.h"
#include "vm/uvm_anon.h"
#include "vm/uvm_aobj.h"
#include "vm/uvm_object.h"
#include "vm/uvm_pdpolicy.h"
#include "vm/uvmexp.h"

#define T_VA    0x400000
#define NPG     8

struct clockfix {
	struct pmap *pm;
	struct uvm_object *uobj;
	struct vm_page *pg[NPG];
};

/* Maps n fresh object pages, unreferenced, and activates them in order. */
static bool fix_setup(struct clockfix *f, int n)
{
	if ((f->pm = pmap_create()) == NULL || (f->uobj = uao_create(ptoa(n), 0)) == NULL)
		return false;
	mutex_enter(&f->uobj->vmobjlock);
	for (int i = 0; i < n; i++) {
		if (f->uobj->pgops->pgo_get(f->uobj, ptoa(i), &f->pg[i]) != 0 ||
		    pmap_enter(f->pm, T_VA + ptoa(i), f->pg[i]->phys_addr, VM_PROT_READ, 0) != 0) {
			mutex_exit(&f->uobj->vmobjlock);
			return false;
		}
		uvm_pageactivate(f->pg[i]);
	}
	mutex_exit(&f->uobj->vmobjlock);
	return true;
}

/* Touches page i as the MMU would: sets its referenced bit. */
static void fix_touch(struct clockfix *f, int i)
{
	pmap_enter(f->pm, T_VA + ptoa(i), f->pg[i]->phys_addr, VM_PROT_READ, VM_PROT_READ);
}

static void fix_teardown(struct clockfix *f, int n)
{
	pmap_remove(f->pm, T_VA, T_VA + ptoa(n));
	pmap_update(f->pm);
	pmap_destroy(f->pm);
	uvm_obj_detach(f->uobj);
}

static bool is(const struct vm_page *pg, int pq) { return (pg->pqflags & (PQ_ACTIVE | PQ_INACTIVE)) == pq; }

/* The example at the top of uvm_pdpolicy_clock.c, step by step. */
KTEST(clock_header_example)
{
	struct clockfix f;
	struct uvmpdpol_scan ps;
	int64_t react0 = uvmexp.pdreact;

	KT_ASSERT_EQ(uvmexp.active + uvmexp.inactive, 0);
	mutex_enter(&uvm_anonlock);
	KT_ASSERT(fix_setup(&f, 4));            /* A B C D = pg[0..3] */
	KT_ASSERT_EQ(uvmexp.active, 4);
	mutex_enter(&uvm_pageqlock);
	uvmpdpol_scaninit(&ps);                 /* inactarg 4 / 3 = 1: A goes */
	bool a_inactive = is(f.pg[0], PQ_INACTIVE) && is(f.pg[1], PQ_ACTIVE);
	mutex_exit(&uvm_pageqlock);
	fix_touch(&f, 0);                       /* the process uses A again */
	mutex_enter(&uvm_pageqlock);
	struct vm_page *v1 = uvmpdpol_selectvictim(&ps);
	bool a_back = is(f.pg[0], PQ_ACTIVE);
	uvmpdpol_scaninit(&ps);                 /* the next pass: B, the oldest */
	struct vm_page *v2 = uvmpdpol_selectvictim(&ps);
	struct vm_page *v3 = uvmpdpol_selectvictim(&ps);
	bool b_inactive = is(f.pg[1], PQ_INACTIVE);
	mutex_exit(&uvm_pageqlock);
	fix_teardown(&f, 4);
	mutex_exit(&uvm_anonlock);
	KT_ASSERT(a_inactive);
	KT_ASSERT(v1 == NULL && a_back);
	KT_ASSERT_EQ(uvmexp.pdreact, react0 + 1);
	KT_ASSERT(v2 == f.pg[1] && b_inactive);
	KT_ASSERT(v3 == NULL);
	KT_ASSERT_EQ(uvmexp.active + uvmexp.inactive, 0);
}

/* Unreferenced inactive pages are victims oldest first; referenced ones go back. */
KTEST(clock_second_chance)
{
	struct clockfix f;
	struct uvmpdpol_scan ps;
	struct vm_page *victims[NPG + 1];
	int nv = 0;
	bool odd_active = true;

	KT_ASSERT_EQ(uvmexp.active + uvmexp.inactive, 0);
	mutex_enter(&uvm_anonlock);
	KT_ASSERT(fix_setup(&f, NPG));
	for (int i = 0; i < NPG; i++)
		uvm_pagedeactivate(f.pg[i]);
	for (int i = 1; i < NPG; i += 2)
		fix_touch(&f, i);
	mutex_enter(&uvm_pageqlock);
	uvmpdpol_scaninit(&ps);                 /* inactive already above a third */
	while (nv <= NPG && (victims[nv] = uvmpdpol_selectvictim(&ps)) != NULL)
		nv++;
	for (int i = 1; i < NPG; i += 2)
		odd_active &= is(f.pg[i], PQ_ACTIVE);
	mutex_exit(&uvm_pageqlock);
	fix_teardown(&f, NPG);
	mutex_exit(&uvm_anonlock);
	KT_ASSERT_EQ(nv, NPG / 2);
	for (int k = 0; k < nv; k++)
		KT_ASSERT(victims[k] == f.pg[2 * k]);
	KT_ASSERT(odd_active);
}

/* A wired page leaves the queues, cannot be activated, and comes back when unwired. */
KTEST(clock_wired_page_not_queued)
{
	struct clockfix f;

	mutex_enter(&uvm_anonlock);
	KT_ASSERT(fix_setup(&f, 1));
	int64_t active0 = uvmexp.active;
	uvm_pagewire(f.pg[0]);
	bool off = !uvmpdpol_pageisqueued_p(f.pg[0]) && uvmexp.active == active0 - 1;
	uvm_pageactivate(f.pg[0]);
	uvm_pagedeactivate(f.pg[0]);
	bool still_off = !uvmpdpol_pageisqueued_p(f.pg[0]);
	uvm_pageunwire(f.pg[0]);
	bool back = is(f.pg[0], PQ_ACTIVE);
	fix_teardown(&f, 1);
	mutex_exit(&uvm_anonlock);
	KT_ASSERT(off);
	KT_ASSERT(still_off);
	KT_ASSERT(back);
}
