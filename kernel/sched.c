/*
 * The scheduler: one run queue, round robin, preemptive.
 *
 * Invariants (sched_lock held):
 *  - curthread is TS_RUNNING; every thread on sched_runq is TS_RUNNABLE,
 *    in the order they will run.
 *  - The idle thread is never on sched_runq: it runs when the queue is
 *    empty, and gives way as soon as it is not.
 *  - A thread leaves the CPU in one place only, sched_switch(), holding
 *    sched_lock and no other spinlock. The thread switched to returns
 *    from its own sched_switch() (or starts in thread_start) and releases
 *    sched_lock: the lock passes from thread to thread across the switch.
 *
 * Preemption: each tick, hardclock calls sched_tick(), which charges the
 * tick to the running thread; when its SCHED_QUANTUM ticks are used up,
 * sched_want_resched is set. On its way out, the interrupt calls
 * sched_preempt_point(), which yields on behalf of the interrupted
 * thread. That thread had interrupts enabled (or the interrupt would not
 * have come), so it held no spinlock; it may hold mutexes, which is fine.
 *
 * Example: A runs, runq = [B, C]. A's slice ends: the tick yields for A,
 * runq = [C, A], B runs. B sleeps on a mutex: runq = [A], C runs. C
 * releases the mutex: B is appended, runq = [A, B].
 */
#include <machine/cpu.h>
#include "kernel/sched.h"
#include "kernel/intr.h"
#include "kernel/lock.h"
#include "kernel/panic.h"
#include "kernel/thread.h"
#include "vm/uvm_page.h"
#include "kernel/proc.h"

/* Lock legend: [s] sched_lock  [I] set by sched_init */

struct spinlock sched_lock = SPINLOCK_INITIALIZER("sched");
struct thread *curthread = &thread0;                    /* [s] */
static TAILQ_HEAD(, thread) sched_runq =
    { NULL, &sched_runq.tqh_first };                    /* [s] FIFO */
static struct thread *sched_idle_thread;                /* [I] */
static bool sched_want_resched;                         /* [s] */
static struct thread *sched_switched_from;              /* [s] for sched_switch_finish */

/*
 * The idle loop. With nothing to run it zeroes free pages for the
 * pre-zeroed pool, one at a time with interrupts on (a wakeup preempts it
 * between pages). With no page left to zero it halts: it checks the run
 * queue with interrupts off so that a wakeup cannot slip in between,
 * cpu_idle enables interrupts and halts in one step, and the interrupt
 * that wakes a thread preempts us on its way out.
 */
static void sched_idle(void *arg)
{
	for (;;) {
		if (TAILQ_EMPTY(&sched_runq) && uvm_pageidlezero())
			continue;       /* an unlocked peek: a wrong answer costs one page */
		cpu_intr_disable();
		spinlock_enter(&sched_lock);
		bool nothing_to_run = TAILQ_EMPTY(&sched_runq);
		spinlock_exit(&sched_lock);
		if (nothing_to_run)
			cpu_idle();
		else
			cpu_intr_enable();
		sched_yield();
	}
}

void sched_init(void)
{
	struct thread *idle;

	KASSERT(curthread == &thread0 && sched_idle_thread == NULL);
	if (thread_alloc("idle", sched_idle, NULL, false, &idle) != 0)
		panic("sched_init: no memory for the idle thread");
	idle->t_state = TS_RUNNABLE;
	sched_idle_thread = idle;
}

void sched_setrunnable(struct thread *t)
{
	KASSERT(spinlock_held(&sched_lock));
	KASSERT(t->t_state == TS_NEW || t->t_state == TS_SLEEPING);
	t->t_state = TS_RUNNABLE;
	TAILQ_INSERT_TAIL(&sched_runq, t, t_queue);
	if (curthread == sched_idle_thread)
		sched_want_resched = true;
}

void sched_switch(void)
{
	struct thread *prev = curthread, *next;

	KASSERT(spinlock_held(&sched_lock));
	KASSERTMSG(prev->t_spin_depth == 1, "'%s' switches holding %d spinlocks",
	    prev->t_name, prev->t_spin_depth - 1);
	KASSERT(prev->t_state != TS_RUNNING);
	KASSERTMSG(prev != sched_idle_thread || prev->t_state == TS_RUNNABLE,
	    "the idle thread may not sleep or exit");

	next = TAILQ_FIRST(&sched_runq);
	if (next != NULL)
		TAILQ_REMOVE(&sched_runq, next, t_queue);
	else
		next = sched_idle_thread;
	KASSERTMSG(next != NULL, "'%s' blocks before sched_init", prev->t_name);
	next->t_state = TS_RUNNING;
	next->t_slice = SCHED_QUANTUM;
	sched_want_resched = false;
	if (next == prev)
		return;
	sched_switched_from = prev;
	curthread = next;
	proc_switchto(next);            /* its address space and kernel stack */
	md_thread_switch(&prev->t_md, &next->t_md);     /* FPU state */
	md_switch(&prev->t_sp, next->t_sp);
	/* prev runs again here, switched to by some other thread. */
	sched_switch_finish();
}

void sched_switch_finish(void)
{
	spinlock_switched(&sched_lock);
	struct thread *prev = sched_switched_from;
	if (prev->t_state == TS_DEAD)
		thread_zombie(prev);
}

void sched_yield(void)
{
	struct thread *t = curthread;

	spinlock_enter(&sched_lock);
	t->t_state = TS_RUNNABLE;
	if (t != sched_idle_thread)
		TAILQ_INSERT_TAIL(&sched_runq, t, t_queue);
	sched_switch();
	spinlock_exit(&sched_lock);
}

void sched_tick(void)
{
	spinlock_enter(&sched_lock);
	if (curthread != sched_idle_thread && --curthread->t_slice <= 0)
		sched_want_resched = true;
	spinlock_exit(&sched_lock);
}

void sched_preempt_point(void)
{
	KASSERT(intr_depth == 0 && !cpu_intr_enabled());
	/*
	 * The interrupted code had interrupts on, so it held no spinlock:
	 * only a bug fails the depth test, and then not switching is safe.
	 */
	if (curthread->t_spin_depth != 0)
		return;
	spinlock_enter(&sched_lock);
	bool resched = sched_want_resched;
	spinlock_exit(&sched_lock);
	if (resched)
		sched_yield();
}
