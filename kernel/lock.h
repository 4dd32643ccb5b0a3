/*
 * Locks: spinlocks, sleeping mutexes and condition variables.
 *
 * A spinlock masks interrupts on this CPU, then spins on an atomic
 * exchange. Hold one for a few instructions and never across a sleep; it
 * may be taken anywhere, interrupt handlers included. Spinlocks nest: the
 * interrupt state from before the outermost one comes back when the last
 * one is released. On one CPU the exchange never has to spin (the holder
 * cannot be interrupted), but it is a real exchange so that a second CPU
 * needs no rewrite.
 *
 * A mutex is a sleeping lock: a thread that finds it held sleeps until
 * the owner lets go. Threads only: never in an interrupt handler or with
 * a spinlock held. A condition variable is used with a mutex:
 *
 *     mutex_enter(&m);
 *     while (!ready)
 *             cv_wait(&cv, &m);       m is released while asleep
 *     ...
 *     mutex_exit(&m);
 *
 * and the other side sets `ready` with m held, then cv_signal(&cv).
 *
 * A mutex is held briefly: never across a copy to or from user space
 * (copyin and copyout assert it) nor a wait for memory. Both may take
 * unbounded time (a copy's fault may wait for the pagedaemon), and a
 * thread waiting in mutex_enter cannot be interrupted, not even by
 * SIGKILL: if the OOM killer chose it to free memory, it would wait for
 * a holder who waits for that memory, forever. What must stay locked
 * across a copy uses a sleeplock instead: like a mutex, but its waiters
 * sleep interruptibly, so a signal ends their wait (EINTR).
 *
 * Lock order (take the left one first):
 *
 *     mutexes  =>  sched_lock  =>  callout_lock  =>  the console's locks
 *
 * The console's locks (kernel/console.c) are the innermost, so printf
 * works with any lock held. The VM's spinlocks (vm/README.md) take no
 * other lock, except the pmap's two, which nest: pm_lock => pmap_pv_lock
 * (pmap/pmap_impl.h).
 */
#ifndef _KERNEL_LOCK_H_
#define _KERNEL_LOCK_H_

#include <stdbool.h>
#include "kernel/sleepq.h"

struct thread;

/* Lock legend: [I] immutable  [a] atomic  [l] this lock  [s] sched_lock */

struct spinlock {
	volatile unsigned sl_locked;    /* [a] 1 while held */
	struct thread *sl_owner;        /* [l] the holder, for assertions */
	const char *sl_name;            /* [I] */
};

#define SPINLOCK_INITIALIZER(name)      { 0, NULL, name }

struct mutex {
	struct thread *mtx_owner;       /* [s] the holder, or NULL */
	struct sleepq mtx_waiters;      /* [s] threads asleep in mutex_enter */
	const char *mtx_name;           /* [I] */
};

/* For a static mutex: struct mutex m = MUTEX_INITIALIZER(m, "m"); */
#define MUTEX_INITIALIZER(m, name)      { NULL, SLEEPQ_INITIALIZER((m).mtx_waiters), name }

struct sleeplock {
	struct thread *slk_owner;       /* [s] the holder, or NULL */
	struct sleepq slk_waiters;      /* [s] threads asleep in sleeplock_enter_sig */
	const char *slk_name;           /* [I] */
};

/* For a static sleeplock: struct sleeplock sl = SLEEPLOCK_INITIALIZER(sl, "sl"); */
#define SLEEPLOCK_INITIALIZER(sl, name) { NULL, SLEEPQ_INITIALIZER((sl).slk_waiters), name }

struct condvar {
	struct sleepq cv_waiters;       /* [s] threads asleep in cv_*wait */
	const char *cv_name;            /* [I] */
};

void spinlock_init(struct spinlock *sl, const char *name);

/*
 * Takes sl, masking interrupts first.
 * => sl must not be held by curthread (that would never end).
 */
void spinlock_enter(struct spinlock *sl);

/*
 * Takes sl if that needs no waiting: returns true if it did (and masked
 * interrupts), false if someone else holds it.
 * => sl must not be held by curthread.
 */
bool spinlock_tryenter(struct spinlock *sl);

/*
 * Releases sl; the last spinlock released restores the interrupt state
 * from before the first one.
 * => sl held by curthread.
 */
void spinlock_exit(struct spinlock *sl);

/* True if curthread holds sl. */
bool spinlock_held(const struct spinlock *sl);

/*
 * The scheduler's half of a context switch: the thread switched to takes
 * over sl (sched_lock) from the thread switched away from.
 * => sl held, by the thread that just switched away.
 */
void spinlock_switched(struct spinlock *sl);

void mutex_init(struct mutex *m, const char *name);
/* => m is not held and nobody waits for it. */
void mutex_destroy(struct mutex *m);

/*
 * Takes m, sleeping while another thread holds it.
 * => not held by curthread; no spinlock held; not in an interrupt handler.
 */
void mutex_enter(struct mutex *m);

/*
 * Takes m if nobody holds it, without sleeping; returns whether it did.
 * For taking locks against the lock order (the pagedaemon goes from a
 * page to its owner): on failure, back off rather than wait.
 * => not held by curthread.
 */
bool mutex_tryenter(struct mutex *m);

/*
 * Releases m and wakes one thread waiting for it.
 * => m held by curthread.
 */
void mutex_exit(struct mutex *m);

/* True if curthread holds m (the only question with a stable answer). */
bool mutex_owned(const struct mutex *m);

/*
 * Gives the threads waiting for m a turn: releases m, yields the CPU
 * (a woken waiter is ahead of us on the run queue, so it takes m first)
 * and takes m again. A plain mutex_exit followed by mutex_enter would
 * not: nothing runs in between, and m is free again before the woken
 * waiter gets the CPU. For holders of a busy lock over long work (the
 * pagedaemon's uvm_anonlock); it costs a context switch if anything else
 * is runnable, nothing otherwise.
 * => m held by curthread, and held again on return; no spinlock held.
 */
void mutex_yield(struct mutex *m);

void sleeplock_init(struct sleeplock *sl, const char *name);
/* => sl is not held and nobody waits for it. */
void sleeplock_destroy(struct sleeplock *sl);

/*
 * Takes sl, sleeping while another thread holds it; a signal for the
 * caller's process ends the wait (as for cv_wait_sig).
 * => not held by curthread; no spinlock or mutex held (its holder may
 *    wait for memory); not in an interrupt handler.
 * => returns 0 with sl held, or EINTR without it.
 */
int sleeplock_enter_sig(struct sleeplock *sl);

/* Releases sl and wakes one waiter. => sl held by curthread. */
void sleeplock_exit(struct sleeplock *sl);

void cv_init(struct condvar *cv, const char *name);
/* => nobody waits on cv. */
void cv_destroy(struct condvar *cv);

/*
 * Releases m and sleeps until cv_signal or cv_broadcast, then takes m
 * again before returning. Re-check the condition: another thread may have
 * got to it first.
 * => m held by curthread, and no spinlock; not in an interrupt handler.
 */
void cv_wait(struct condvar *cv, struct mutex *m);

/*
 * cv_wait, but gives up after `ticks` ticks (> 0): when the tick counter
 * has advanced by `ticks`, so between ticks - 1 and ticks tick periods.
 * => m held by curthread, as for cv_wait; m is held again on return.
 * => returns 0 if signalled, ETIMEDOUT if the time ran out.
 */
int cv_timedwait(struct condvar *cv, struct mutex *m, int ticks);

/*
 * Wakes the longest waiter on cv / every waiter. Usually called with the
 * waiters' mutex held, after changing what they wait for.
 */
/*
 * cv_wait that a signal for the caller's process also ends (system calls
 * that block use it, so that ^C interrupts them).
 * => returns 0, or EINTR.
 */
int cv_wait_sig(struct condvar *cv, struct mutex *m);

void cv_signal(struct condvar *cv);
void cv_broadcast(struct condvar *cv);

#endif
