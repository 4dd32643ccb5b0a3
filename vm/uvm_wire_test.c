/*
 * In-kernel tests of wiring (vm/uvm_wire.h): user and system wirings of
 * one range, the pages found through amap and object after their
 * mappings are gone, a read-only wired entry made writable, unmap of the
 * middle, the limits, fork of wired memory, a kernel-held page across
 * repeated forks, a loan broken by a wiring, and uvm_vslock racing a
 * user unwiring from another thread. Each test checks the pages' own
 * wire counts; the ktest runner's leak check (wired and user-wired pages
 * included) proves that freeing a wired space unwires it.
 */
#include <machine/vmparam.h>
#include "kernel/ktest.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/sysctl.h"
#include "kernel/thread.h"
#include "pmap/pmap.h"
#include "vm/kmem.h"
#include "vm/uvm_fault.h"
#include "vm/uvm_loan.h"
#include "vm/uvm_object.h"
#include "vm/uvm_aobj.h"
#include "vm/uvm_vmspace.h"
#include "vm/uvm_wire.h"
#include "vm/uvmexp.h"

#define W_VA    0x400000
#define RW      (VM_PROT_READ | VM_PROT_WRITE)
#define NOLIMIT ((vsize_t)-1)

static paddr_t pa_of(struct vmspace *vm, vaddr_t va)
{
	paddr_t pa;
	return pmap_extract(vm->vm_map.pmap, va, &pa) ? pa : (paddr_t)-1;
}

static struct vm_page *page_at(struct vmspace *vm, vaddr_t va)
{
	paddr_t pa = pa_of(vm, va);
	return pa == (paddr_t)-1 ? NULL : uvm_phys_to_page(pa);
}

/* A space with n pages of private zero-fill memory at W_VA. */
static struct vmspace *wspace(int n, int inherit)
{
	struct vmspace *vm = uvmspace_alloc();
	vaddr_t va = W_VA;

	if (vm && uvm_map(&vm->vm_map, &va, ptoa(n), NULL, 0, RW, VM_PROT_ALL, inherit,
	    UVM_ADV_NORMAL, UVM_FLAG_FIXED) != 0) {
		uvmspace_free(vm);
		return NULL;
	}
	return vm;
}

static int uwire(struct vmspace *vm, int from, int n, bool wire)
{
	return uvm_map_pageable(&vm->vm_map, W_VA + ptoa(from), W_VA + ptoa(from + n), !wire,
	    UVM_WIRE_USER, NOLIMIT);
}

/* A store of v at page i, through the MMU's mapping (a write fault first if need be). */
static int store(struct vmspace *vm, int i, uint8_t v)
{
	vaddr_t va = W_VA + ptoa(i);

	if (!(pmap_prot(vm->vm_map.pmap, va) & VM_PROT_WRITE)) {
		int error = uvm_fault(&vm->vm_map, va, VM_PROT_WRITE);
		if (error)
			return error;
	}
	*(uint8_t *)PMAP_DIRECT_MAP(pa_of(vm, va)) = v;
	return 0;
}

static int load(struct vmspace *vm, int i)
{
	vaddr_t va = W_VA + ptoa(i);

	if (pa_of(vm, va) == (paddr_t)-1 && uvm_fault(&vm->vm_map, va, VM_PROT_READ) != 0)
		return -1;
	return *(uint8_t *)PMAP_DIRECT_MAP(pa_of(vm, va));
}

/*
 * The pages touched, so that the page-table pages the space needs are
 * there (they are wired too): uvmexp.wired then moves with ours only.
 */
static bool touch_all(struct vmspace *vm, int n)
{
	for (int i = 0; i < n; i++)
		if (store(vm, i, 0) != 0)
			return false;
	return true;
}

/* mlock twice, munlock once; a system wiring in the middle survives the munlock. */
KTEST(wire_user_and_system_apart)
{
	enum { N = 4 };
	struct vmspace *vm = wspace(N, MAP_INHERIT_COPY);
	struct vm_page *pg[N];
	KT_ASSERT(vm != NULL && touch_all(vm, N));
	int64_t wired0 = uvmexp.wired, user0 = uvmexp.user_wired;

	KT_ASSERT_EQ(uwire(vm, 0, N, true), 0);
	KT_ASSERT_EQ(uwire(vm, 0, N, true), 0);                 /* does not nest */
	KT_ASSERT_EQ(uvmexp.wired, wired0 + N);
	KT_ASSERT_EQ(uvmexp.user_wired, user0 + N);
	KT_ASSERT_EQ(vm->vm_map.user_wired, N);
	for (int i = 0; i < N; i++) {
		KT_ASSERT((pg[i] = page_at(vm, W_VA + ptoa(i))) != NULL);
		KT_ASSERT_EQ(pg[i]->wire_count, 1);
		KT_ASSERT_EQ(pmap_prot(vm->vm_map.pmap, W_VA + ptoa(i)), RW);
	}
	KT_ASSERT_EQ(uvm_vslock(vm, W_VA + ptoa(1), ptoa(2)), 0);
	KT_ASSERT_EQ(pg[1]->wire_count, 1);                     /* the entry was wired already */
	KT_ASSERT_EQ(uwire(vm, 0, N, false), 0);                /* one munlock undoes both mlocks */
	KT_ASSERT_EQ(pg[0]->wire_count, 0);
	KT_ASSERT_EQ(pg[3]->wire_count, 0);
	KT_ASSERT_EQ(pg[1]->wire_count, 1);                     /* the system wiring stays */
	KT_ASSERT_EQ(pg[2]->wire_count, 1);
	KT_ASSERT_EQ(uvmexp.user_wired, user0);
	KT_ASSERT_EQ(uwire(vm, 0, N, false), 0);                /* not locked: fine */
	KT_ASSERT_EQ(pg[1]->wire_count, 1);
	uvm_vsunlock(vm, W_VA + ptoa(1), ptoa(2));
	KT_ASSERT_EQ(pg[1]->wire_count, 0);
	KT_ASSERT_EQ(pg[2]->wire_count, 0);
	KT_ASSERT_EQ(uvmexp.wired, wired0);
	/* Holes: mlock and munlock say ENOMEM, vslock EFAULT; nothing wired. */
	KT_ASSERT_EQ(uwire(vm, 0, N + 1, true), ENOMEM);
	KT_ASSERT_EQ(uwire(vm, 0, N + 1, false), ENOMEM);
	KT_ASSERT_EQ(uvm_vslock(vm, W_VA, ptoa(N + 1)), EFAULT);
	KT_ASSERT_EQ(uvmexp.wired, wired0);
	uvmspace_free(vm);
}

/*
 * mprotect(PROT_NONE) in the middle of a wired range removes the
 * mappings, not the wirings; unwiring finds the pages through the amap.
 * Then wired again and freed while wired: the leak check sees it unwired.
 */
KTEST(wire_protect_none_then_unwire)
{
	enum { N = 16 };
	struct vmspace *vm = wspace(N, MAP_INHERIT_COPY);
	struct vm_page *pg[N];
	KT_ASSERT(vm != NULL && touch_all(vm, N));
	int64_t wired0 = uvmexp.wired;

	KT_ASSERT_EQ(uwire(vm, 0, N, true), 0);
	for (int i = 0; i < N; i++)
		KT_ASSERT((pg[i] = page_at(vm, W_VA + ptoa(i))) != NULL);
	KT_ASSERT_EQ(uvm_map_protect(&vm->vm_map, W_VA + ptoa(4), W_VA + ptoa(12),
	    VM_PROT_NONE, false), 0);
	KT_ASSERT_EQ(pa_of(vm, W_VA + ptoa(5)), (paddr_t)-1);  /* no mapping... */
	KT_ASSERT_EQ(pg[5]->wire_count, 1);                     /* ...still wired */
	KT_ASSERT_EQ(uwire(vm, 0, N, false), 0);
	for (int i = 0; i < N; i++)
		KT_ASSERT_EQ(pg[i]->wire_count, 0);
	KT_ASSERT_EQ(uvmexp.wired, wired0);
	/* A PROT_NONE entry is wired too (its pages, with nothing mapped). */
	KT_ASSERT_EQ(uwire(vm, 0, N, true), 0);
	KT_ASSERT_EQ(pg[6]->wire_count, 1);
	KT_ASSERT_EQ(uvmexp.wired, wired0 + N);
	uvmspace_free(vm);
}

/*
 * A read-only private mapping of an object is wired with the object's
 * pages (no copy). Made writable, a write copies (2B): the wiring moves
 * to the copy, and unwiring gives it back there, once.
 */
KTEST(wire_readonly_entry_keeps_object_pages)
{
	struct vmspace *vm = uvmspace_alloc();
	struct uvm_object *uobj = uao_create(ptoa(2), 0);
	vaddr_t va = W_VA;
	KT_ASSERT(vm != NULL && uobj != NULL);
	KT_ASSERT_EQ(uvm_map(&vm->vm_map, &va, ptoa(2), uobj, 0, VM_PROT_READ, VM_PROT_ALL,
	    MAP_INHERIT_COPY, UVM_ADV_NORMAL, UVM_FLAG_FIXED | UVM_FLAG_COPYONW), 0);
	int64_t prcopy = uvmexp.flt_prcopy;

	KT_ASSERT_EQ(uwire(vm, 0, 2, true), 0);
	KT_ASSERT_EQ(uvmexp.flt_prcopy, prcopy);                /* nothing copied */
	struct vm_page *opg = page_at(vm, W_VA);
	KT_ASSERT(opg != NULL && opg->uobject == uobj && opg->wire_count == 1);
	KT_ASSERT_EQ(pmap_prot(vm->vm_map.pmap, W_VA), VM_PROT_READ);
	KT_ASSERT_EQ(uvm_map_protect(&vm->vm_map, W_VA, W_VA + ptoa(2), RW, false), 0);
	KT_ASSERT_EQ(store(vm, 0, 0x5a), 0);                    /* 2B in a wired entry */
	struct vm_page *npg = page_at(vm, W_VA);
	KT_ASSERT(npg != opg && npg->uanon != NULL);
	KT_ASSERT_EQ(npg->wire_count, 1);
	KT_ASSERT_EQ(opg->wire_count, 0);
	KT_ASSERT_EQ(uwire(vm, 0, 2, false), 0);
	KT_ASSERT_EQ(npg->wire_count, 0);
	KT_ASSERT_EQ(page_at(vm, W_VA + PAGE_SIZE)->wire_count, 0);
	uvmspace_free(vm);
}

/* Unmapping the middle of a wired range unwires that part only. */
KTEST(wire_unmap_middle_unwires_it)
{
	enum { N = 6 };
	struct vmspace *vm = wspace(N, MAP_INHERIT_COPY);
	struct vm_page *pg[N];
	KT_ASSERT(vm != NULL);
	int64_t user0 = uvmexp.user_wired;

	KT_ASSERT_EQ(uwire(vm, 0, N, true), 0);
	for (int i = 0; i < N; i++)
		KT_ASSERT((pg[i] = page_at(vm, W_VA + ptoa(i))) != NULL);
	KT_ASSERT_EQ(uvm_unmap(&vm->vm_map, W_VA + ptoa(2), W_VA + ptoa(4)), 0);
	KT_ASSERT_EQ(uvmexp.user_wired, user0 + N - 2);
	KT_ASSERT_EQ(vm->vm_map.user_wired, N - 2);
	KT_ASSERT_EQ(pg[1]->wire_count, 1);
	KT_ASSERT_EQ(pg[4]->wire_count, 1);
	/* MAP_FIXED over a wired page replaces it, unwired first. */
	vaddr_t va = W_VA;
	KT_ASSERT_EQ(uvm_map(&vm->vm_map, &va, PAGE_SIZE, NULL, 0, RW, VM_PROT_ALL,
	    MAP_INHERIT_COPY, UVM_ADV_NORMAL, UVM_FLAG_FIXED | UVM_FLAG_UNMAP), 0);
	KT_ASSERT_EQ(uvmexp.user_wired, user0 + N - 3);
	uvmspace_free(vm);
	KT_ASSERT_EQ(uvmexp.user_wired, user0);
}

/* vm.wiredmax and the caller's limit refuse a wiring before anything is wired. */
KTEST(wire_limits_refuse_before_wiring)
{
	enum { N = 4 };
	struct vmspace *vm = wspace(N, MAP_INHERIT_COPY);
	const struct sysctl_setting *s = sysctl_lookup("vm.wiredmax");
	KT_ASSERT(vm != NULL && s != NULL);
	int old = uvm_wiredmax;
	int64_t wired0 = uvmexp.wired;

	KT_ASSERT_EQ(sysctl_set(s, (int)uvmexp.wired + N - 1, false), 0);
	int error = uwire(vm, 0, N, true);
	KT_ASSERT_EQ(sysctl_set(s, old, false), 0);
	KT_ASSERT_EQ(error, EAGAIN);
	KT_ASSERT_EQ(uvm_map_pageable(&vm->vm_map, W_VA, W_VA + ptoa(N), false, UVM_WIRE_USER,
	    N - 1), EAGAIN);
	KT_ASSERT_EQ(uvmexp.wired, wired0);
	KT_ASSERT_EQ(vm->vm_map.user_wired, 0);
	KT_ASSERT_EQ(pa_of(vm, W_VA), (paddr_t)-1);            /* not even faulted in */
	KT_ASSERT_EQ(uvm_map_pageable(&vm->vm_map, W_VA, W_VA + ptoa(N), false, UVM_WIRE_USER,
	    N), 0);
	uvmspace_free(vm);
}

/*
 * Fork of a wired range: the child gets copies now; the parent keeps its
 * pages, mapped writable (no fault on its next write); the child's
 * copies are not wired, and the two are isolated.
 */
KTEST(wire_fork_copies_for_the_child_now)
{
	enum { N = 4 };
	struct vmspace *p = wspace(N, MAP_INHERIT_COPY), *c;
	paddr_t pa[N];
	KT_ASSERT(p != NULL);
	for (int i = 0; i < N; i++)
		KT_ASSERT_EQ(store(p, i, (uint8_t)(0x10 + i)), 0);
	KT_ASSERT_EQ(uwire(p, 0, N, true), 0);
	for (int i = 0; i < N; i++)
		pa[i] = pa_of(p, W_VA + ptoa(i));

	KT_ASSERT_EQ(uvmspace_fork(p, &c), 0);
	for (int i = 0; i < N; i++) {
		KT_ASSERT_EQ(pa_of(p, W_VA + ptoa(i)), pa[i]);
		KT_ASSERT_EQ(pmap_prot(p->vm_map.pmap, W_VA + ptoa(i)), RW);
		KT_ASSERT_EQ(load(c, i), 0x10 + i);
		KT_ASSERT(pa_of(c, W_VA + ptoa(i)) != pa[i]);
		KT_ASSERT_EQ(page_at(c, W_VA + ptoa(i))->wire_count, 0);     /* not wired */
		KT_ASSERT_EQ(page_at(p, W_VA + ptoa(i))->wire_count, 1);
	}
	int64_t faults = uvmexp.faults;
	KT_ASSERT_EQ(store(p, 1, 0x77), 0);                     /* writable: no fault */
	KT_ASSERT_EQ(uvmexp.faults, faults);
	KT_ASSERT_EQ(store(c, 2, 0x66), 0);
	KT_ASSERT_EQ(load(c, 1), 0x11);
	KT_ASSERT_EQ(load(p, 2), 0x12);
	uvmspace_free(c);
	uvmspace_free(p);
}

/*
 * A page the kernel holds (uvm_vslock) across repeated forks: it stays
 * the parent's page, what the kernel writes there the parent sees, and
 * each child has a copy of its own.
 */
KTEST(wire_held_page_across_forks)
{
	struct vmspace *p = wspace(2, MAP_INHERIT_COPY), *c;
	KT_ASSERT(p != NULL);
	KT_ASSERT_EQ(store(p, 0, 1), 0);
	KT_ASSERT_EQ(uvm_vslock(p, W_VA, PAGE_SIZE), 0);
	paddr_t pa = pa_of(p, W_VA);
	uint8_t *kview = (uint8_t *)PMAP_DIRECT_MAP(pa);

	for (int round = 0; round < 5; round++) {
		KT_ASSERT_EQ(uvmspace_fork(p, &c), 0);
		KT_ASSERT_EQ(load(c, 0), round + 1);
		KT_ASSERT_EQ(store(c, 0, 0xee), 0);             /* the child's write */
		kview[0] = (uint8_t)(round + 2);                 /* the kernel's write */
		KT_ASSERT_EQ(pa_of(p, W_VA), pa);
		KT_ASSERT_EQ(load(p, 0), round + 2);
		KT_ASSERT_EQ(load(c, 0), 0xee);
		uvmspace_free(c);
	}
	KT_ASSERT_EQ(uvm_phys_to_page(pa)->wire_count, 1);
	uvm_vsunlock(p, W_VA, PAGE_SIZE);
	KT_ASSERT_EQ(uvm_phys_to_page(pa)->wire_count, 0);
	/* A vsunlock with nothing wired (as after an unmap) skips it. */
	uvm_vsunlock(p, W_VA, PAGE_SIZE);
	KT_ASSERT_EQ(uvm_phys_to_page(pa)->wire_count, 0);
	KT_ASSERT_EQ(uvm_vslock(p, W_VA, PAGE_SIZE), 0);
	KT_ASSERT_EQ(uvm_phys_to_page(pa)->wire_count, 1);
	uvm_vsunlock(p, W_VA, PAGE_SIZE);
	uvmspace_free(p);
}

/* Wiring a lent page breaks the loan first: the wired page is writable and not lent. */
KTEST(wire_breaks_a_loan_first)
{
	struct vmspace *vm = wspace(1, MAP_INHERIT_COPY);
	struct vm_page *v[1];
	KT_ASSERT(vm != NULL);
	KT_ASSERT_EQ(store(vm, 0, 0x33), 0);
	KT_ASSERT_EQ(uvm_loan(&vm->vm_map, W_VA, PAGE_SIZE, v, UVM_LOAN_TOPAGE), 0);
	KT_ASSERT_EQ(pmap_prot(vm->vm_map.pmap, W_VA), VM_PROT_READ);

	KT_ASSERT_EQ(uwire(vm, 0, 1, true), 0);
	struct vm_page *pg = page_at(vm, W_VA);
	KT_ASSERT(pg != v[0]);
	KT_ASSERT_EQ(pg->loan_count, 0);
	KT_ASSERT_EQ(pg->wire_count, 1);
	KT_ASSERT_EQ(pmap_prot(vm->vm_map.pmap, W_VA), RW);
	KT_ASSERT_EQ(load(vm, 0), 0x33);
	/* And a wired page is not lent: the caller copies instead. */
	struct vm_page *w[1];
	KT_ASSERT_EQ(uvm_loan(&vm->vm_map, W_VA, PAGE_SIZE, w, UVM_LOAN_TOPAGE), EBUSY);
	uvm_unloan(v, 1, UVM_LOAN_TOPAGE);
	uvmspace_free(vm);
}

/* ---- uvm_vslock racing a user unwiring of the same range ---- */

struct race {
	struct vmspace *vm;
	int rounds;
	int errors;
};

static void vslock_loop(void *arg)
{
	struct race *r = arg;

	for (int i = 0; i < r->rounds; i++) {
		if (uvm_vslock(r->vm, W_VA + PAGE_SIZE, ptoa(2)) != 0)
			r->errors++;
		sched_yield();
		uvm_vsunlock(r->vm, W_VA + PAGE_SIZE, ptoa(2));
		sched_yield();
	}
}

KTEST(wire_vslock_races_munlock)
{
	enum { N = 4, ROUNDS = 200 };
	struct vmspace *vm = wspace(N, MAP_INHERIT_COPY);
	struct race r = { .vm = vm, .rounds = ROUNDS };
	struct thread *t;
	KT_ASSERT(vm != NULL && touch_all(vm, N));
	int64_t wired0 = uvmexp.wired;

	KT_ASSERT_EQ(thread_create("kt-vslock", vslock_loop, &r, &t), 0);
	int errors = 0;
	for (int i = 0; i < ROUNDS; i++) {
		errors += uwire(vm, 0, N, true) != 0;
		sched_yield();
		errors += uwire(vm, 0, N, false) != 0;
		sched_yield();
	}
	thread_join(t);
	KT_ASSERT_EQ(errors, 0);
	KT_ASSERT_EQ(r.errors, 0);
	KT_ASSERT_EQ(uvmexp.wired, wired0);
	KT_ASSERT_EQ(vm->vm_map.user_wired, 0);
	for (int i = 0; i < N; i++)
		KT_ASSERT_EQ(page_at(vm, W_VA + ptoa(i))->wire_count, 0);
	uvmspace_free(vm);
}
