/*
 * Kernel threads: creation, exit, join and the reaper (see kernel/thread.h).
 *
 * A new thread's stack holds one switch frame, built by
 * md_thread_stack_init, so the first md_switch to it "returns" into
 * md_thread_trampoline and then thread_start. It starts like a thread
 * coming back from sched_switch: holding sched_lock (t_spin_depth 1),
 * which thread_start releases.
 *
 * An exiting thread cannot free its own stack: it is standing on it. So
 * thread_exit only marks it DEAD and switches away; the next thread to
 * run calls thread_zombie, and from then on the stack is free to go:
 *  - joinable: thread_join, waiting on t_joinq, wakes and frees it. So
 *    when thread_join returns, the memory is back (tests rely on that).
 *  - detached: it goes on thread_zombies for the reaper thread, which
 *    frees it in thread context (freeing memory may sleep one day).
 */
#include <machine/cpu.h>
#include "kernel/thread.h"
#include "kernel/errno.h"
#include "kernel/intr.h"
#include "kernel/lock.h"
#include "kernel/panic.h"
#include "kernel/sched.h"
#include "kernel/string.h"
#include "vm/kmem.h"
#include "vm/uvm_km.h"

/* Lock legend: [s] sched_lock */

extern char boot_stack[], boot_stack_top[];     /* arch/<arch>/locore.S */

struct thread thread0 = {
	.t_name = "boot",
	.t_stack_lo = (vaddr_t)boot_stack,
	.t_stack_hi = (vaddr_t)boot_stack_top,
	.t_state = TS_RUNNING,
	.t_joinq = SLEEPQ_INITIALIZER(thread0.t_joinq),
};

static TAILQ_HEAD(, thread) thread_zombies =
    { NULL, &thread_zombies.tqh_first };        /* [s] detached, for the reaper */
static struct sleepq thread_reaper_wait = SLEEPQ_INITIALIZER(thread_reaper_wait); /* [s] */
static unsigned thread_nthreads = 1;            /* [s] thread0 */

int thread_alloc(const char *name, void (*fn)(void *), void *arg, bool joinable,
    struct thread **tp)
{
	KASSERT(name != NULL && fn != NULL && tp != NULL);
	KASSERT(intr_depth == 0);
	struct thread *t = kmem_zalloc(sizeof(*t), KM_SLEEP);
	vaddr_t lo = uvm_km_kstack_alloc(THREAD_STACK_SIZE);
	if (lo == 0) {
		kmem_free(t, sizeof(*t));
		return ENOMEM;
	}
	strlcpy(t->t_namebuf, name, sizeof(t->t_namebuf));
	t->t_name = t->t_namebuf;
	t->t_stack_lo = lo;
	t->t_stack_hi = lo + THREAD_STACK_SIZE;
	t->t_sp = md_thread_stack_init(t->t_stack_hi);
	t->t_state = TS_NEW;
	t->t_spin_depth = 1;            /* sched_lock, released by thread_start */
	t->t_fn = fn;
	t->t_arg = arg;
	t->t_joinable = joinable;
	sleepq_init(&t->t_joinq);
	md_thread_init(&t->t_md);
	spinlock_enter(&sched_lock);
	thread_nthreads++;
	spinlock_exit(&sched_lock);
	*tp = t;
	return 0;
}

int thread_create(const char *name, void (*fn)(void *), void *arg, struct thread **tp)
{
	struct thread *t;
	int error = thread_alloc(name, fn, arg, tp != NULL, &t);

	if (error)
		return error;
	if (tp != NULL)
		*tp = t;
	spinlock_enter(&sched_lock);
	sched_setrunnable(t);
	spinlock_exit(&sched_lock);
	return 0;
}

void thread_start(void)
{
	struct thread *t = curthread;

	sched_switch_finish();
	spinlock_exit(&sched_lock);
	/* Whatever the thread that switched to us had, we start with them on. */
	cpu_intr_enable();
	t->t_fn(t->t_arg);
	thread_exit();
}

void thread_exit(void)
{
	struct thread *t = curthread;

	KASSERTMSG(t != &thread0, "the boot thread may not exit");
	KASSERT(t->t_spin_depth == 0 && intr_depth == 0);
	KASSERT(!callout_pending(&t->t_timeout));
	spinlock_enter(&sched_lock);
	t->t_state = TS_DEAD;
	sched_switch();
	panic("thread_exit: '%s' ran again after exiting", t->t_name);
}

void thread_zombie(struct thread *t)
{
	KASSERT(spinlock_held(&sched_lock));
	KASSERT(t->t_state == TS_DEAD && t != curthread);
	t->t_state = TS_ZOMBIE;
	if (t->t_joinable) {
		sleepq_wake_all(&t->t_joinq);
	} else {
		TAILQ_INSERT_TAIL(&thread_zombies, t, t_queue);
		sleepq_wake_one(&thread_reaper_wait);
	}
}

/* => t is a zombie that nobody else will touch. */
static void thread_free(struct thread *t)
{
	KASSERT(t->t_state == TS_ZOMBIE);
	uvm_km_kstack_free(t->t_stack_lo, THREAD_STACK_SIZE);
	kmem_free(t, sizeof(*t));
	spinlock_enter(&sched_lock);
	thread_nthreads--;
	spinlock_exit(&sched_lock);
}

void thread_free_unstarted(struct thread *t)
{
	KASSERT(t->t_state == TS_NEW);
	t->t_state = TS_ZOMBIE;
	thread_free(t);
}

void thread_join(struct thread *t)
{
	KASSERTMSG(t->t_joinable, "'%s' is detached", t->t_name);
	KASSERT(t != curthread);
	spinlock_enter(&sched_lock);
	while (t->t_state != TS_ZOMBIE)
		sleepq_block(&t->t_joinq, 0);
	spinlock_exit(&sched_lock);
	thread_free(t);
}

static void thread_reaper(void *arg)
{
	for (;;) {
		spinlock_enter(&sched_lock);
		while (TAILQ_EMPTY(&thread_zombies))
			sleepq_block(&thread_reaper_wait, 0);
		struct thread *t = TAILQ_FIRST(&thread_zombies);
		TAILQ_REMOVE(&thread_zombies, t, t_queue);
		spinlock_exit(&sched_lock);
		thread_free(t);
	}
}

void thread_init(void)
{
	if (thread_create("reaper", thread_reaper, NULL, NULL) != 0)
		panic("thread_init: no memory for the reaper thread");
}

void thread_sleep(int ticks)
{
	struct sleepq sq;               /* nobody wakes us: only the timeout */

	KASSERT(ticks > 0);
	sleepq_init(&sq);
	spinlock_enter(&sched_lock);
	int error = sleepq_block(&sq, ticks);
	spinlock_exit(&sched_lock);
	KASSERT(error == ETIMEDOUT);
}

unsigned thread_count(void)
{
	spinlock_enter(&sched_lock);
	unsigned n = thread_nthreads;
	spinlock_exit(&sched_lock);
	return n;
}

/* arch/<arch>/probe.S and copy.S find t_onfault at offset 0. */
CTASSERT(offsetof(struct thread, t_onfault) == 0);
