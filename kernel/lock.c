/*
 * Spinlocks, mutexes and condition variables (see kernel/lock.h).
 *
 * Spinlocks and the interrupt state. Each thread counts the spinlocks it
 * holds (t_spin_depth) and remembers whether interrupts were enabled
 * before the outermost one (t_spin_intr). Example, interrupts on:
 *
 *     spinlock_enter(a)    depth 0 -> 1, t_spin_intr = on, interrupts off
 *     spinlock_enter(b)    depth 1 -> 2
 *     spinlock_exit(b)     depth 2 -> 1, interrupts stay off
 *     spinlock_exit(a)     depth 1 -> 0, interrupts back on
 *
 * The count is per thread rather than per CPU so that it survives a
 * context switch: every thread leaves the CPU holding sched_lock alone
 * (depth 1), and the thread that resumes releases sched_lock against its
 * own saved state. A thread preempted inside an interrupt handler (saved
 * state: off) and one that called sched_yield (saved state: on) each get
 * back what they had. A thread holding a spinlock cannot be preempted or
 * migrate, so its count is also the CPU's.
 *
 * Mutexes and condition variables sleep on sleep queues, all guarded by
 * sched_lock (kernel/sleepq.c). A mutex's owner is guarded by sched_lock
 * too, so a thread can check it and go to sleep atomically. A mutex
 * taken without contention still takes sched_lock for a moment: on one
 * CPU that costs two interrupt-flag changes and an exchange, and an
 * atomic fast path would be the first change for SMP.
 *
 * A woken mutex waiter competes again for the mutex (a thread arriving
 * meanwhile may get it first), so mutexes are not strictly fair.
 */
#include <machine/cpu.h>
#include "kernel/lock.h"
#include "kernel/errno.h"
#include "kernel/intr.h"
#include "kernel/panic.h"
#include "kernel/sched.h"
#include "kernel/thread.h"

/* Spins before spinlock_enter declares a deadlock: seconds, not a hiccup. */
#define SPINLOCK_SPIN_LIMIT     200000000u

void spinlock_init(struct spinlock *sl, const char *name)
{
	*sl = (struct spinlock)SPINLOCK_INITIALIZER(name);
}

/* Masks interrupts, counting the nesting in curthread. */
static void spin_intr_off(struct thread *t)
{
	unsigned long s = cpu_intr_save();

	if (t->t_spin_depth++ == 0)
		t->t_spin_intr = s;
}

static void spin_intr_restore(struct thread *t)
{
	KASSERT(t->t_spin_depth > 0);
	if (--t->t_spin_depth == 0)
		cpu_intr_restore(t->t_spin_intr);
}

static bool spin_try(struct spinlock *sl)
{
	return __atomic_exchange_n(&sl->sl_locked, 1, __ATOMIC_ACQUIRE) == 0;
}

void spinlock_enter(struct spinlock *sl)
{
	struct thread *t = curthread;

	spin_intr_off(t);
	KASSERTMSG(sl->sl_owner != t, "%s: locking against myself", sl->sl_name);
	for (unsigned spins = 0; !spin_try(sl); spins++) {
		/* Read-only wait: leaves the cache line shared while held. */
		while (sl->sl_locked) {
			cpu_spin_hint();
			if (++spins == SPINLOCK_SPIN_LIMIT)
				panic("spinlock_enter: %s held for too long by %s",
				    sl->sl_name, sl->sl_owner ? sl->sl_owner->t_name : "?");
		}
	}
	sl->sl_owner = t;
}

bool spinlock_tryenter(struct spinlock *sl)
{
	struct thread *t = curthread;

	spin_intr_off(t);
	KASSERTMSG(sl->sl_owner != t, "%s: locking against myself", sl->sl_name);
	if (!spin_try(sl)) {
		spin_intr_restore(t);
		return false;
	}
	sl->sl_owner = t;
	return true;
}

void spinlock_exit(struct spinlock *sl)
{
	struct thread *t = curthread;

	KASSERTMSG(sl->sl_owner == t, "%s: not held by '%s'", sl->sl_name, t->t_name);
	sl->sl_owner = NULL;
	__atomic_store_n(&sl->sl_locked, 0, __ATOMIC_RELEASE);
	spin_intr_restore(t);
}

bool spinlock_held(const struct spinlock *sl)
{
	/* Only curthread can make this true, so no race can change the answer. */
	return sl->sl_owner == curthread;
}

void spinlock_switched(struct spinlock *sl)
{
	KASSERT(sl->sl_locked);
	sl->sl_owner = curthread;
}

void mutex_init(struct mutex *m, const char *name)
{
	m->mtx_owner = NULL;
	sleepq_init(&m->mtx_waiters);
	m->mtx_name = name;
}

void mutex_destroy(struct mutex *m)
{
	KASSERTMSG(m->mtx_owner == NULL && TAILQ_EMPTY(&m->mtx_waiters),
	    "%s: destroyed while in use", m->mtx_name);
}

void mutex_enter(struct mutex *m)
{
	struct thread *t = curthread;

	KASSERTMSG(m->mtx_owner != t, "%s: locking against myself", m->mtx_name);
	KASSERT(intr_depth == 0 && t->t_spin_depth == 0);
	spinlock_enter(&sched_lock);
	while (m->mtx_owner != NULL)
		sleepq_block(&m->mtx_waiters, 0);
	m->mtx_owner = t;
	t->t_mutexes++;
	spinlock_exit(&sched_lock);
}

bool mutex_tryenter(struct mutex *m)
{
	struct thread *t = curthread;
	bool got;

	KASSERTMSG(m->mtx_owner != t, "%s: locking against myself", m->mtx_name);
	spinlock_enter(&sched_lock);
	if ((got = m->mtx_owner == NULL)) {
		m->mtx_owner = t;
		t->t_mutexes++;
	}
	spinlock_exit(&sched_lock);
	return got;
}

/* => sched_lock held; m held by curthread. */
static void mutex_release(struct mutex *m)
{
	KASSERTMSG(m->mtx_owner == curthread, "%s: not held by '%s'",
	    m->mtx_name, curthread->t_name);
	m->mtx_owner = NULL;
	curthread->t_mutexes--;
	sleepq_wake_one(&m->mtx_waiters);
}

void mutex_exit(struct mutex *m)
{
	spinlock_enter(&sched_lock);
	mutex_release(m);
	spinlock_exit(&sched_lock);
}

void mutex_yield(struct mutex *m)
{
	KASSERTMSG(mutex_owned(m), "%s: yielded without being held", m->mtx_name);
	/*
	 * Unconditionally: a waiter that an earlier mutex_exit woke has left
	 * mtx_waiters but not run yet, and must get its turn too.
	 */
	mutex_exit(m);
	sched_yield();
	mutex_enter(m);
}

bool mutex_owned(const struct mutex *m)
{
	/* As for spinlock_held: only curthread can make this true. */
	return m->mtx_owner == curthread;
}

void sleeplock_init(struct sleeplock *sl, const char *name)
{
	sl->slk_owner = NULL;
	sleepq_init(&sl->slk_waiters);
	sl->slk_name = name;
}

void sleeplock_destroy(struct sleeplock *sl)
{
	KASSERTMSG(sl->slk_owner == NULL && TAILQ_EMPTY(&sl->slk_waiters),
	    "%s: destroyed while in use", sl->slk_name);
}

/*
 * As mutex_enter, but interruptible. No wakeup is lost to a signal: a
 * waiter that sleepq_interrupt took off the queue was not the one
 * sleeplock_exit woke, and one that was woken returns 0 and looks again.
 */
int sleeplock_enter_sig(struct sleeplock *sl)
{
	struct thread *t = curthread;
	int error = 0;

	KASSERTMSG(sl->slk_owner != t, "%s: locking against myself", sl->slk_name);
	KASSERT(intr_depth == 0 && t->t_spin_depth == 0);
	spinlock_enter(&sched_lock);
	while (sl->slk_owner != NULL && error == 0)
		error = sleepq_block_sig(&sl->slk_waiters, 0);
	if (error == 0)
		sl->slk_owner = t;
	spinlock_exit(&sched_lock);
	return error;
}

void sleeplock_exit(struct sleeplock *sl)
{
	spinlock_enter(&sched_lock);
	KASSERTMSG(sl->slk_owner == curthread, "%s: not held by '%s'", sl->slk_name,
	    curthread->t_name);
	sl->slk_owner = NULL;
	sleepq_wake_one(&sl->slk_waiters);
	spinlock_exit(&sched_lock);
}

void cv_init(struct condvar *cv, const char *name)
{
	sleepq_init(&cv->cv_waiters);
	cv->cv_name = name;
}

void cv_destroy(struct condvar *cv)
{
	KASSERTMSG(TAILQ_EMPTY(&cv->cv_waiters), "%s: destroyed with waiters", cv->cv_name);
}

/*
 * Releasing m and going to sleep happen under sched_lock, which cv_signal
 * needs too: a signal sent after we let go of m finds us on the queue.
 */
static int cv_wait_common(struct condvar *cv, struct mutex *m, int timo, bool sig)
{
	KASSERTMSG(mutex_owned(m), "%s: waiting without holding %s", cv->cv_name,
	    m->mtx_name);
	spinlock_enter(&sched_lock);
	mutex_release(m);
	int error = sig ? sleepq_block_sig(&cv->cv_waiters, timo) :
	    sleepq_block(&cv->cv_waiters, timo);
	spinlock_exit(&sched_lock);
	mutex_enter(m);
	return error;
}

void cv_wait(struct condvar *cv, struct mutex *m)
{
	cv_wait_common(cv, m, 0, false);
}

int cv_timedwait(struct condvar *cv, struct mutex *m, int ticks)
{
	KASSERT(ticks > 0);
	return cv_wait_common(cv, m, ticks, false);
}

int cv_wait_sig(struct condvar *cv, struct mutex *m)
{
	return cv_wait_common(cv, m, 0, true);
}

void cv_signal(struct condvar *cv)
{
	spinlock_enter(&sched_lock);
	sleepq_wake_one(&cv->cv_waiters);
	spinlock_exit(&sched_lock);
}

void cv_broadcast(struct condvar *cv)
{
	spinlock_enter(&sched_lock);
	sleepq_wake_all(&cv->cv_waiters);
	spinlock_exit(&sched_lock);
}
