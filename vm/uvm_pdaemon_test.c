/*
 * In-kernel tests of the pagedaemon and of paging: anon pages go out to
 * consecutive swap slots in clusters and come back by faulting; aobj
 * pages too; clean file pages are dropped and read again; a wired page
 * is never touched; with swap full nothing is lost; and a fault that
 * finds no memory waits for it instead of failing.
 *
 * Each test pushes its own pages out: it deactivates them and calls
 * uvmpd_pass() with a target of that many more free pages. The runner's
 * leak check proves pages, wirings and swap slots all come back.
 */
#include "kernel/ktest.h"
#include "kernel/errno.h"
#include "kernel/initrd.h"
#include "kernel/string.h"
#include "kernel/sched.h"
#include "kernel/thread.h"
#include "pmap/pmap.h"
#include "vm/kmem.h"
#include "vm/uvm_amap.h"
#include "vm/uvm_anon.h"
#include "vm/uvm_aobj.h"
#include "vm/uvm_fault.h"
#include "vm/uvm_object.h"
#include "vm/uvm_pdaemon.h"
#include "vm/uvm_pdpolicy.h"
#include "vm/uvm_pgtest.h"
#include "vm/uvm_swap.h"
#include "vm/uvm_vmspace.h"
#include "vm/uvm_vnode.h"
#include "vm/uvmexp.h"

#define T_VA    0x400000
#define RW      (VM_PROT_READ | VM_PROT_WRITE)
#define NPG     32                      /* two clusters */

static uint32_t word(vaddr_t va, unsigned k) { return (uint32_t)va * 2654435761u ^ k; }

/* A space with n pages at T_VA: private zero-fill, or over obj (shared). */
static struct vmspace *space(int n, struct uvm_object *obj, bool shared)
{
	struct vmspace *vm = uvmspace_alloc();
	vaddr_t va = T_VA;

	if (vm && uvm_map(&vm->vm_map, &va, ptoa(n), obj, 0, obj && !shared ? VM_PROT_READ : RW,
	    VM_PROT_ALL, MAP_INHERIT_COPY, UVM_ADV_NORMAL,
	    UVM_FLAG_FIXED | (obj && !shared ? UVM_FLAG_COPYONW : 0)) != 0) {
		uvmspace_free(vm);
		return NULL;
	}
	return vm;
}

static struct vm_page *page_at(struct vmspace *vm, vaddr_t va)
{
	paddr_t pa;

	return pmap_extract(vm->vm_map.pmap, va, &pa) ? uvm_phys_to_page(pa) : NULL;
}

/* Writes the pattern into page i through a held page. */
static int fill(struct vmspace *vm, int i)
{
	struct vm_page *pg;
	vaddr_t va = T_VA + ptoa(i);
	int error = uvm_fault_hold(&vm->vm_map, va, VM_PROT_WRITE, &pg);

	if (error)
		return error;
	uint32_t *w = (uint32_t *)PMAP_DIRECT_MAP(pg->phys_addr);
	for (unsigned k = 0; k < PAGE_SIZE / 4; k++)
		w[k] = word(va, k);
	uvm_pageunwire(pg);
	return 0;
}

/* Faults page i back (reading) and checks the pattern. */
static bool check(struct vmspace *vm, int i)
{
	struct vm_page *pg;
	vaddr_t va = T_VA + ptoa(i);

	if (uvm_fault_hold(&vm->vm_map, va, VM_PROT_READ, &pg) != 0)
		return false;
	const uint32_t *w = (const uint32_t *)PMAP_DIRECT_MAP(pg->phys_addr);
	bool ok = true;
	for (unsigned k = 0; k < PAGE_SIZE / 4; k++)
		ok &= w[k] == word(va, k);
	uvm_pageunwire(pg);
	return ok;
}

/* Deactivates pages [0, n) of vm and runs a pass that wants n more free pages. */
static int push_out(struct vmspace *vm, int n)
{
	mutex_enter(&uvm_anonlock);             /* the pages stay put meanwhile */
	for (int i = 0; i < n; i++) {
		struct vm_page *pg = page_at(vm, T_VA + ptoa(i));
		if (pg)
			uvm_pagedeactivate(pg);
	}
	int64_t target = uvmexp.free + n;
	mutex_exit(&uvm_anonlock);
	return uvmpd_pass((int)target);
}

static struct vm_anon *anon_at(struct vmspace *vm, int i)
{
	struct vm_map_entry *e;

	struct vm_anon *anon = NULL;

	mutex_enter(&vm->vm_map.lock);
	mutex_enter(&uvm_anonlock);
	if (uvm_map_lookup_entry(&vm->vm_map, T_VA + ptoa(i), &e) && e->aref.ar_amap)
		anon = amap_lookup(&e->aref, T_VA + ptoa(i) - e->start);
	mutex_exit(&uvm_anonlock);
	mutex_exit(&vm->vm_map.lock);
	return anon;
}

KTEST(pageout_anons_in_clusters_and_back)
{
	struct vmspace *vm = space(NPG, NULL, false);
	int64_t out0 = uvmexp.pgswapout, in0 = uvmexp.pgswapin, clusters0 = uvmexp.pdpageouts;
	int64_t inuse0 = uvmexp.swpginuse, flt0 = uvmexp.flt_swapin;
	bool out = true, consecutive = true, back = true;

	KT_ASSERT(vm != NULL);
	for (int i = 0; i < NPG; i++)
		KT_ASSERT_EQ(fill(vm, i), 0);
	KT_ASSERT_EQ(push_out(vm, NPG), NPG);
	for (int i = 0; i < NPG; i++) {
		struct vm_anon *a = anon_at(vm, i);
		out &= a != NULL && a->an_page == NULL && a->an_swslot != 0 &&
		    page_at(vm, T_VA + ptoa(i)) == NULL;
		/* Address order in, queue order out: one run of slots per cluster. */
		if (out && i % 16 != 0)
			consecutive &= a->an_swslot == anon_at(vm, i - 1)->an_swslot + 1;
	}
	KT_ASSERT(out);
	KT_ASSERT(consecutive);
	KT_ASSERT_EQ(uvmexp.pgswapout, out0 + NPG);
	KT_ASSERT_EQ(uvmexp.pdpageouts, clusters0 + NPG / 16);
	KT_ASSERT_EQ(uvmexp.swpginuse, inuse0 + NPG);
	for (int i = NPG - 1; i >= 0; i--)
		back &= check(vm, i);
	KT_ASSERT(back);
	KT_ASSERT_EQ(uvmexp.pgswapin, in0 + NPG);
	KT_ASSERT_EQ(uvmexp.flt_swapin, flt0 + NPG);
	KT_ASSERT_EQ(uvmexp.swpginuse, inuse0);  /* a page read back lets its slot go */
	uvmspace_free(vm);
}

/* A paged-out anon shared by two spaces (fork) comes back once, for both. */
KTEST(pageout_shared_anon_after_fork)
{
	struct vmspace *vm = space(2, NULL, false), *child;
	bool same = true;

	KT_ASSERT(vm != NULL);
	KT_ASSERT_EQ(fill(vm, 0), 0);
	KT_ASSERT_EQ(fill(vm, 1), 0);
	KT_ASSERT_EQ(uvmspace_fork(vm, &child), 0);
	KT_ASSERT_EQ(push_out(vm, 2), 2);
	same &= check(child, 0) && check(vm, 0);         /* one read, seen by both */
	same &= check(vm, 1) && check(child, 1);
	KT_ASSERT(same);
	KT_ASSERT(anon_at(vm, 0) == anon_at(child, 0));
	uvmspace_free(child);
	uvmspace_free(vm);
}

KTEST(pageout_aobj_pages_and_back)
{
	struct uvm_object *uobj = uao_create(ptoa(4), 0);
	struct vmspace *vm;
	bool gone = true;

	KT_ASSERT(uobj != NULL);
	KT_ASSERT((vm = space(4, uobj, true)) != NULL);
	for (int i = 0; i < 4; i++)
		KT_ASSERT_EQ(fill(vm, i), 0);
	KT_ASSERT_EQ(uobj->uo_npages, 4);
	KT_ASSERT_EQ(push_out(vm, 4), 4);
	mutex_enter(&uobj->vmobjlock);
	for (int i = 0; i < 4; i++)
		gone &= uvm_pagelookup(uobj, ptoa(i)) == NULL;
	mutex_exit(&uobj->vmobjlock);
	KT_ASSERT(gone);
	KT_ASSERT(check(vm, 2) && check(vm, 0) && check(vm, 3) && check(vm, 1));
	uvmspace_free(vm);                      /* the last reference: slots, pages */
}

KTEST(pageout_drops_clean_file_pages)
{
	const struct initrd_file *dir, *f;
	struct uvm_object *uobj;
	struct vmspace *vm;
	struct vm_page *pg;
	int64_t drop0 = uvmexp.pdfiledrop, out0 = uvmexp.pgswapout;

	KT_ASSERT_EQ(initrd_lookup(&initrd_boot, "/tests", &dir), 0);
	KT_ASSERT_EQ(initrd_lookup_at(dir, "size4096", &f), 0);
	KT_ASSERT((uobj = uvn_attach(f)) != NULL);
	KT_ASSERT((vm = space(1, uobj, false)) != NULL);
	KT_ASSERT_EQ(uvm_fault(&vm->vm_map, T_VA, VM_PROT_READ), 0);    /* 2A */
	KT_ASSERT_EQ(push_out(vm, 1), 1);
	KT_ASSERT_EQ(uvmexp.pdfiledrop, drop0 + 1);
	KT_ASSERT_EQ(uvmexp.pgswapout, out0);   /* the file has it: no write */
	KT_ASSERT(page_at(vm, T_VA) == NULL);
	KT_ASSERT_EQ(uvm_fault_hold(&vm->vm_map, T_VA, VM_PROT_READ, &pg), 0);
	bool same = memcmp((void *)PMAP_DIRECT_MAP(pg->phys_addr), f->f_data, PAGE_SIZE) == 0;
	uvm_pageunwire(pg);
	KT_ASSERT(same);
	uvmspace_free(vm);
}

/* A held (wired) page is not on the queues: a pass cannot see it. */
KTEST(pageout_never_takes_a_wired_page)
{
	struct vmspace *vm = space(2, NULL, false);
	struct vm_page *held;

	KT_ASSERT(vm != NULL);
	KT_ASSERT_EQ(fill(vm, 0), 0);
	KT_ASSERT_EQ(fill(vm, 1), 0);
	KT_ASSERT_EQ(uvm_fault_hold(&vm->vm_map, T_VA, VM_PROT_READ, &held), 0);
	KT_ASSERT(!uvmpdpol_pageisqueued_p(held));
	KT_ASSERT_EQ(push_out(vm, 2), 1);       /* only the other one */
	bool kept = page_at(vm, T_VA) == held && anon_at(vm, 0)->an_page == held;
	uvm_pageunwire(held);
	KT_ASSERT(kept);
	KT_ASSERT(uvmpdpol_pageisqueued_p(held));
	KT_ASSERT(check(vm, 0) && check(vm, 1));
	uvmspace_free(vm);
}

/* With every slot taken, anon pages stay resident: counted, not lost. */
KTEST(pageout_with_swap_full_keeps_pages)
{
	static struct { int slot, n; } taken[256];
	struct vmspace *vm = space(4, NULL, false);
	int ntaken = 0, n;
	int64_t noswap0 = uvmexp.pdnoswap;

	KT_ASSERT(vm != NULL);
	for (int i = 0; i < 4; i++)
		KT_ASSERT_EQ(fill(vm, i), 0);
	while (ntaken < 256 && (n = 4096, taken[ntaken].slot = uvm_swap_alloc(&n, true)) != 0)
		taken[ntaken++].n = n;
	bool full = uvm_swapisfull();
	int freed = push_out(vm, 4);
	for (int i = 0; i < ntaken; i++)
		uvm_swap_free(taken[i].slot, taken[i].n);
	KT_ASSERT(full);
	KT_ASSERT_EQ(freed, 0);
	KT_ASSERT(uvmexp.pdnoswap >= noswap0 + 4);
	for (int i = 0; i < 4; i++)
		KT_ASSERT(anon_at(vm, i)->an_page != NULL && check(vm, i));
	uvmspace_free(vm);
}

struct waiter {
	struct vmspace *vm;
	int error;
	volatile bool done;
};

static void waiter_fault(void *arg)
{
	struct waiter *w = arg;

	w->error = uvm_fault(&w->vm->vm_map, T_VA, VM_PROT_WRITE);
	w->done = true;
}

/*
 * Runs fn(w) in a thread of its own while every free page is taken, gives
 * the pages back after 5 ticks and joins it. Returns whether fn was still
 * running then, having waited for memory (uvm_wait), or -1 if the thread
 * could not be made.
 */
static int run_starved(struct waiter *w, void (*fn)(void *))
{
	struct thread *t;
	struct pglist all;
	int64_t waits0 = uvmexp.pgwaits;

	/* Its stack first: the thread could not get one once memory is gone. */
	if (thread_alloc("starved", fn, w, true, &t) != 0)
		return -1;
	long taken = uvm_pgtest_exhaust(&all);
	spinlock_enter(&sched_lock);
	sched_setrunnable(t);
	spinlock_exit(&sched_lock);
	thread_sleep(5);
	bool waited = taken > 0 && !w->done && uvmexp.pgwaits > waits0;
	uvm_pgtest_release(&all);
	thread_join(t);
	return waited;
}

/* A fault that finds no page waits for memory (uvm_wait) and then succeeds. */
KTEST(fault_waits_for_memory)
{
	struct waiter w = { .vm = space(1, NULL, false) };

	KT_ASSERT(w.vm != NULL);
	KT_ASSERT_EQ(run_starved(&w, waiter_fault), 1);
	KT_ASSERT_EQ(w.error, 0);
	KT_ASSERT(page_at(w.vm, T_VA) != NULL);
	uvmspace_free(w.vm);
}

static void waiter_fork(void *arg)
{
	struct waiter *w = arg;
	struct vmspace *child;

	w->error = uvmspace_fork(w->vm, &child);
	if (w->error == 0)
		uvmspace_free(child);
	w->done = true;
}

/* Fork that finds no memory (for the child's page tables) waits, like a fault. */
KTEST(fork_waits_for_memory)
{
	struct waiter w = { .vm = space(4, NULL, false) };

	KT_ASSERT(w.vm != NULL);
	KT_ASSERT_EQ(uvm_fault(&w.vm->vm_map, T_VA, VM_PROT_WRITE), 0);
	KT_ASSERT_EQ(run_starved(&w, waiter_fork), 1);
	KT_ASSERT_EQ(w.error, 0);
	uvmspace_free(w.vm);
}

/*
 * An object's last reference frees its pages in the same hold of its
 * lock: a pagedaemon that try-locks the object afterwards can find no
 * page of it to page out into swap slots that are about to be freed.
 */
static int unref_npages_left = -1;

static void counting_detach(struct uvm_object *uobj)
{
	if (uvm_obj_unref(uobj)) {
		unref_npages_left = uobj->uo_npages;    /* what the lock's next holder sees */
		uvm_obj_destroy(uobj);
		kmem_free(uobj, sizeof(*uobj));
	}
}

static int counting_get(struct uvm_object *uobj, voff_t off, struct vm_page **pgp)
{
	struct vm_page *pg = uvm_pagealloc(uobj, off, NULL, UVM_PGA_ZERO);

	if (pg == NULL)
		return ENOMEM;
	pg->flags &= ~(PG_BUSY | PG_FAKE | PG_CLEAN);
	*pgp = pg;
	return 0;
}

static const struct uvm_pagerops counting_ops = {
	.pgo_name = "counting", .pgo_reference = uvm_obj_ref,
	.pgo_detach = counting_detach, .pgo_get = counting_get,
};

KTEST(object_last_unref_frees_pages)
{
	struct uvm_object *uobj = kmem_zalloc(sizeof(*uobj), KM_SLEEP);
	struct vm_page *pg;

	uvm_obj_init(uobj, &counting_ops, ptoa(3));
	mutex_enter(&uobj->vmobjlock);
	for (int i = 0; i < 3; i++) {
		KT_ASSERT_EQ(uobj->pgops->pgo_get(uobj, ptoa(i), &pg), 0);
		uvm_pageactivate(pg);
	}
	KT_ASSERT_EQ(uobj->uo_npages, 3);
	mutex_exit(&uobj->vmobjlock);
	unref_npages_left = -1;
	uvm_obj_detach(uobj);
	KT_ASSERT_EQ(unref_npages_left, 0);
}

struct passer {
	volatile bool stop;
	int passes;
};

static void pass_loop(void *arg)
{
	struct passer *ps = arg;

	while (!ps->stop) {
		uvmpd_pass((int)uvmexp.free + 16);
		ps->passes++;
	}
}

/*
 * Anonymous objects die while another thread runs pagedaemon passes over
 * their pages: every swap slot and page comes back (the runner's leak
 * check), and no page of a dead object is paged out (pd_object_page
 * asserts it). The interleaving is up to the scheduler: this is a
 * stress test; object_last_unref_frees_pages is the exact one.
 */
KTEST(aobj_detach_races_pagedaemon)
{
	enum { ROUNDS = 60, PAGES = 8 };
	struct passer ps = { .stop = false };
	struct thread *t;
	int64_t outs0 = uvmexp.pgswapout;

	KT_ASSERT(uvmexp.swpages > 0);          /* the harness attaches a disk */
	KT_ASSERT_EQ(thread_create("passer", pass_loop, &ps, &t), 0);
	for (int r = 0; r < ROUNDS; r++) {
		struct uvm_object *aobj = uao_create(ptoa(PAGES), 0);
		KT_ASSERT(aobj != NULL);
		struct vmspace *vm = space(PAGES, aobj, true);
		KT_ASSERT(vm != NULL);
		for (int i = 0; i < PAGES; i++)
			KT_ASSERT_EQ(fill(vm, i), 0);
		mutex_enter(&uvm_anonlock);
		for (int i = 0; i < PAGES; i++) {
			struct vm_page *pg = page_at(vm, T_VA + ptoa(i));
			if (pg)
				uvm_pagedeactivate(pg);
		}
		mutex_exit(&uvm_anonlock);
		if (r % 2)
			sched_yield();
		uvmspace_free(vm);      /* the last reference to the aobj */
	}
	ps.stop = true;
	thread_join(t);
	KT_ASSERT(ps.passes > 0);
	KT_ASSERT(uvmexp.pgswapout > outs0);    /* the passes did page some out */
}

struct midpass {
	struct vmspace *vm;
	int64_t pageouts;               /* uvmexp.pdpageouts when the fault was done */
	int error;
};

static void midpass_fault(void *arg)
{
	struct midpass *m = arg;

	m->error = uvm_fault(&m->vm->vm_map, T_VA, VM_PROT_WRITE);
	m->pageouts = uvmexp.pdpageouts;
}

/*
 * A fault that waits for uvm_anonlock while a long pass pages out
 * several clusters gets the lock between two of them, and completes
 * before the pass ends (mutex_yield in uvmpd_pass). The fault is made a
 * waiter for the lock before the pass begins, and needs nothing but the
 * lock (its anon is resident, only unmapped: a 1A fault).
 */
KTEST(pageout_lets_a_fault_in_between_clusters)
{
	enum { N = 8 * 16 };                    /* eight clusters */
	struct vmspace *big = space(N, NULL, false);
	struct midpass m = { .vm = space(2, NULL, false) };
	struct thread *t;

	KT_ASSERT(big != NULL && m.vm != NULL);
	KT_ASSERT(uvmexp.swpages > 0);
	for (int i = 0; i < N; i++)
		KT_ASSERT_EQ(fill(big, i), 0);
	KT_ASSERT_EQ(fill(m.vm, 0), 0);
	KT_ASSERT_EQ(fill(m.vm, 1), 0);         /* keeps the page table when page 0 goes */
	pmap_remove(m.vm->vm_map.pmap, T_VA, T_VA + PAGE_SIZE);
	pmap_update(m.vm->vm_map.pmap);
	KT_ASSERT_EQ(thread_alloc("midpass", midpass_fault, &m, true, &t), 0);

	mutex_enter(&uvm_anonlock);
	for (int i = 0; i < N; i++) {
		struct vm_page *pg = page_at(big, T_VA + ptoa(i));
		if (pg)
			uvm_pagedeactivate(pg);
	}
	spinlock_enter(&sched_lock);
	sched_setrunnable(t);
	spinlock_exit(&sched_lock);
	for (int i = 0; i < 1000 && TAILQ_EMPTY(&uvm_anonlock.mtx_waiters); i++)
		sched_yield();
	bool waiting = !TAILQ_EMPTY(&uvm_anonlock.mtx_waiters);
	int64_t target = uvmexp.free + N, p0 = uvmexp.pdpageouts;
	mutex_exit(&uvm_anonlock);
	int freed = uvmpd_pass((int)target);
	int64_t p1 = uvmexp.pdpageouts;
	thread_join(t);

	KT_ASSERT(waiting);
	KT_ASSERT(freed >= 2 * 16);             /* a pass long enough to have a middle */
	KT_ASSERT_EQ(m.error, 0);
	/* Done after the pass's first cluster and before its last. */
	KT_ASSERT(p0 < m.pageouts && m.pageouts < p1);
	for (int i = 0; i < N; i++)
		KT_ASSERT(check(big, i));
	uvmspace_free(big);
	uvmspace_free(m.vm);
}
