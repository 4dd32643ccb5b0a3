/*
 * The pagedaemon (see vm/uvm_pdaemon.h), after NetBSD's uvm_pdaemon.c.
 *
 * A pass, uvmpd_pass():
 *
 *   take uvm_anonlock (every anon is ours to page out) and uvm_pageqlock
 *   uvmpdpol_scaninit: the policy balances its queues
 *   until enough pages are free, for each victim the policy selects:
 *     lock its owner: an anon is already locked; an object's lock is
 *       only tried (we hold the page-queue lock, which comes after it)
 *     an orphan an anon borrows (vm/uvm_loan.h): the anon adopts it
 *     skip it if busy, wired or lent (pdbusy)
 *     file page:  remove every mapping; it is clean: free it (pdfiledrop)
 *     aobj page:  remove every mapping, write it to a swap slot, record
 *                 the slot in the aobj, free it
 *     anon page:  remove every mapping, add it to the cluster; a full
 *                 cluster goes to consecutive swap slots in one write,
 *                 then each anon records its slot and its page is freed
 *   write the last cluster; wake whoever waits for memory
 *
 * No page is freed before its contents are safe on swap, and no mapping
 * is removed from a wired page: wired pages are not on the queues at all
 * (uvm_pagewire takes them off), and the busy/wired/loaned check is made
 * again under the owner's lock.
 *
 * Locks: the pass holds uvm_anonlock throughout, so no anon or amap
 * changes under it, and nobody maps a page it has picked: every fault
 * takes uvm_anonlock. Between two clusters (no page picked and not yet
 * written) it hands the lock to a waiting fault with mutex_yield and
 * takes it back: a pass of many clusters does not stop every fault for
 * its whole length (test pageout_lets_a_fault_in_between_clusters).
 * Anyone who needs a user page to stay resident for a moment without
 * wiring it can take uvm_anonlock too (uvm_fault_hold does).
 * Lock order: uvm_anonlock => object => uvm_pageqlock (objects: tried).
 */
#include "vm/uvm_pdaemon.h"
#include "vm/uvm_anon.h"
#include "vm/uvm_loan.h"
#include "vm/uvm_object.h"
#include "vm/uvm_pdpolicy.h"
#include "vm/uvm_swap.h"
#include "vm/uvmexp.h"
#include "kernel/clock.h"
#include "kernel/errno.h"
#include "kernel/panic.h"
#include "kernel/printf.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/sleepq.h"
#include "kernel/thread.h"
#include "pmap/pmap.h"

#define PD_CLUSTER      16      /* anon pages per swap write */
#define PD_OOM_PASSES   3       /* passes freeing nothing before the OOM killer */

static struct thread *uvm_pdaemon_thread;              /* [I] */
static struct sleepq pd_sleepq = SLEEPQ_INITIALIZER(pd_sleepq);        /* [s] the daemon */
static struct sleepq pd_freewait = SLEEPQ_INITIALIZER(pd_freewait);    /* [s] uvm_wait */

/* The anon pages of the cluster being built. [d] */
struct pd_cluster {
	struct vm_page *pages[PD_CLUSTER];
	int n;
};

bool uvm_pdaemon_curthread(void)
{
	return uvm_pdaemon_thread != NULL && curthread == uvm_pdaemon_thread;
}

void uvm_kick_pdaemon(void)
{
	if (uvm_pdaemon_thread == NULL)
		return;
	spinlock_enter(&sched_lock);
	sleepq_wake_one(&pd_sleepq);
	spinlock_exit(&sched_lock);
}

int uvm_wait(const char *wmsg, bool intr)
{
	int error;

	/*
	 * No mutex at all: whoever waits for it could be the one the OOM
	 * killer must reach (ps and the OOM killer take map locks, pipes
	 * and files their own), and it would never wake.
	 */
	KASSERTMSG(curthread->t_mutexes == 0, "uvm_wait: %s holds %d mutexes", wmsg,
	    curthread->t_mutexes);
	/* Early in boot, and for the pagedaemon itself, there is no one to wait for. */
	if (uvm_pdaemon_thread == NULL || uvm_pdaemon_curthread())
		return ENOMEM;
	uvmexp.pgwaits++;
	spinlock_enter(&sched_lock);
	sleepq_wake_one(&pd_sleepq);
	error = intr ? sleepq_block_sig(&pd_freewait, 0) : sleepq_block(&pd_freewait, 0);
	spinlock_exit(&sched_lock);
	return error;
}

/* Puts a page we could not free back where the policy keeps used pages. */
static void pd_keep(struct vm_page *pg)
{
	pg->flags &= ~PG_BUSY;
	uvm_pageactivate(pg);
}

/*
 * Writes the cluster to swap: as many consecutive slots as there are (a
 * shorter run each time, down to one slot), then the anons record their
 * slots and lose their pages. Pages that find no slot, or whose write
 * failed, stay resident. Returns the pages freed.
 * => uvm_anonlock held; the pages busy and unmapped.
 */
static int pd_cluster_flush(struct pd_cluster *c)
{
	int freed = 0, done = 0;

	KASSERT(mutex_owned(&uvm_anonlock));
	while (done < c->n) {
		int n = c->n - done;
		int slot = uvm_swap_alloc(&n, true);
		if (slot == 0)
			break;
		struct vm_page **pps = &c->pages[done];
		if (uvm_swap_put(slot, pps, n) != 0) {
			uvm_swap_free(slot, n);
			break;
		}
		uvmexp.pdpageouts++;
		for (int i = 0; i < n; i++) {
			struct vm_anon *anon = pps[i]->uanon;
			KASSERT(anon->an_page == pps[i] && anon->an_swslot == 0);
			anon->an_swslot = slot + i;
			anon->an_page = NULL;
			pps[i]->flags &= ~PG_BUSY;
			uvm_pagefree(pps[i]);
		}
		done += n;
		freed += n;
	}
	for (int i = done; i < c->n; i++) {
		uvmexp.pdnoswap++;
		pd_keep(c->pages[i]);
	}
	c->n = 0;
	uvmexp.pdfreed += freed;
	return freed;
}

/* An object's page: dropped if the file has it, else written to swap. => uobj locked. */
static int pd_object_page(struct vm_page *pg)
{
	KASSERT(mutex_owned(&pg->uobject->vmobjlock));
	struct uvm_object *uobj = pg->uobject;

	KASSERTMSG(uobj->uo_refs > 0, "uvmpd: page %p of %s object %p, which has no reference left",
	    pg, uobj->pgops->pgo_name, uobj);

	if (uobj->pgops->pgo_setswslot == NULL) {
		/* A file page: the file holds its contents. */
		pmap_page_protect(pg, VM_PROT_NONE);
		KASSERTMSG((pg->flags & PG_CLEAN) && !pmap_is_modified(pg),
		    "uvmpd: page %p of %s object %p was written, and it cannot write it back",
		    pg, uobj->pgops->pgo_name, uobj);
		uvm_pagefree(pg);
		uvmexp.pdfiledrop++;
		uvmexp.pdfreed++;
		return 1;
	}
	int n = 1, slot = uvm_swap_alloc(&n, false);
	if (slot == 0) {
		uvmexp.pdnoswap++;
		uvm_pageactivate(pg);
		return 0;
	}
	pg->flags |= PG_BUSY;
	pmap_page_protect(pg, VM_PROT_NONE);
	if (uvm_swap_put(slot, &pg, 1) != 0) {
		uvm_swap_free(slot, 1);
		pd_keep(pg);
		return 0;
	}
	uvmexp.pdpageouts++;
	voff_t off = pg->offset;
	pg->flags &= ~PG_BUSY;
	uvm_pagefree(pg);
	uobj->pgops->pgo_setswslot(uobj, off, slot);
	uvmexp.pdfreed++;
	return 1;
}

/*
 * Frees what the policy offers until `target` pages are free or it has
 * no more; returns the pages freed. => no VM lock held.
 */
int uvmpd_pass(int target)
{
	struct pd_cluster cluster = { .n = 0 };
	struct uvmpdpol_scan scan;
	struct vm_page *pg;
	int freed = 0;

	KASSERT(!mutex_owned(&uvm_anonlock));
	uvmexp.pdrevs++;
	mutex_enter(&uvm_anonlock);
	mutex_enter(&uvm_pageqlock);
	uvmpdpol_scaninit(&scan);
	while (uvmexp.free + cluster.n < target &&
	    (pg = uvmpdpol_selectvictim(&scan)) != NULL) {
		/* An orphan an anon borrows: the anon adopts it, and it pages out as the anon's. */
		uvm_loan_adopt(pg);
		struct uvm_object *uobj = pg->uobject;
		uvmexp.pdscans++;
		uobj ? uvmexp.pdobscan++ : uvmexp.pdanscan++;
		if (uobj && !mutex_tryenter(&uobj->vmobjlock)) {
			uvmexp.pdbusy++;
			continue;
		}
		if ((pg->flags & PG_BUSY) || pg->wire_count > 0 || pg->loan_count > 0) {
			uvmexp.pdbusy++;
			if (uobj)
				mutex_exit(&uobj->vmobjlock);
			continue;
		}
		/* The owner's lock keeps the page ours: the queue lock can go. */
		mutex_exit(&uvm_pageqlock);
		if (uobj) {
			freed += pd_object_page(pg);
			mutex_exit(&uobj->vmobjlock);
		} else if (uvm_swapisfull()) {
			uvmexp.pdnoswap++;
			uvm_pageactivate(pg);
		} else {
			KASSERT(pg->uanon != NULL && pg->uanon->an_page == pg);
			pg->flags |= PG_BUSY;
			pmap_page_protect(pg, VM_PROT_NONE);
			cluster.pages[cluster.n++] = pg;
			if (cluster.n == PD_CLUSTER) {
				freed += pd_cluster_flush(&cluster);
				/*
				 * A fault waiting for uvm_anonlock gets its turn
				 * between clusters (mutex_yield hands it over).
				 */
				mutex_yield(&uvm_anonlock);
			}
		}
		mutex_enter(&uvm_pageqlock);
	}
	mutex_exit(&uvm_pageqlock);
	if (cluster.n > 0)
		freed += pd_cluster_flush(&cluster);
	mutex_exit(&uvm_anonlock);
	return freed;
}

/* Has the daemon work: memory below freemin, or someone waiting for it? */
static bool pd_needed(void)
{
	return uvmexp.free < uvmexp.freemin || !TAILQ_EMPTY(&pd_freewait);
}

static void uvm_pageout(void *arg)
{
	int barren = 0;         /* passes in a row that freed nothing */

	(void)arg;
	for (;;) {
		spinlock_enter(&sched_lock);
		while (!pd_needed())
			sleepq_block(&pd_sleepq, 0);
		bool waiters = !TAILQ_EMPTY(&pd_freewait);
		spinlock_exit(&sched_lock);
		uvmexp.pdwoke++;

		int freed = 0;
		if (uvmexp.free < uvmexp.freetarg)
			freed = uvmpd_pass((int)uvmexp.freetarg);
		barren = freed > 0 || uvmexp.free >= uvmexp.freemin ? 0 : barren + 1;
		/* Nothing left to free, and someone needs memory: a process must go. */
		if (barren >= PD_OOM_PASSES && waiters) {
			if (proc_oom_kill())
				uvmexp.oomkills++;
			barren = 0;
		}
		spinlock_enter(&sched_lock);
		sleepq_wake_all(&pd_freewait);
		/*
		 * A barren pass: rest before the next one (a kick ends the
		 * rest early): a tick if someone waits (a dying process needs
		 * it to exit), a second if not (memory is low but nobody is
		 * stuck: no point rescanning at once).
		 */
		if (freed == 0)
			sleepq_block(&pd_sleepq, waiters ? 1 : HZ);
		spinlock_exit(&sched_lock);
	}
}

void uvm_pdaemon_init(void)
{
	/* NetBSD's rule of thumb, scaled down: 1/32 of memory, at least the reserves. */
	uvmexp.freemin = uvmexp.npages / 32;
	if (uvmexp.freemin < uvmexp.reserve_kernel + 16)
		uvmexp.freemin = uvmexp.reserve_kernel + 16;
	uvmexp.freetarg = uvmexp.freemin * 4 / 3;
	if (thread_create("pagedaemon", uvm_pageout, NULL, &uvm_pdaemon_thread) != 0)
		panic("uvm_pdaemon_init: cannot start the pagedaemon");
	printf("uvm: pagedaemon: freemin %lld, freetarg %lld pages\n",
	    (long long)uvmexp.freemin, (long long)uvmexp.freetarg);
}
