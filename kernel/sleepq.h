/*
 * Sleep queues: where threads wait for something, with an optional
 * timeout. A sleep queue is a FIFO of sleeping threads, embedded in the
 * thing waited for (a mutex, a condition variable, a thread being
 * joined). Every sleep queue is guarded by sched_lock, the lock of thread
 * states, so the thread going to sleep and the one waking it always agree
 * on its state without a second lock. kernel/sleepq.c explains more.
 */
#ifndef _KERNEL_SLEEPQ_H_
#define _KERNEL_SLEEPQ_H_

#include <stdbool.h>
#include "kernel/queue.h"

struct thread;

TAILQ_HEAD(sleepq, thread);             /* [s] linked through t_queue */

/* For a static sleep queue: struct sleepq q = SLEEPQ_INITIALIZER(q); */
#define SLEEPQ_INITIALIZER(sq)  { NULL, &(sq).tqh_first }

void sleepq_init(struct sleepq *sq);

/*
 * Puts curthread to sleep on sq until a sleepq_wake_*() or, if timo > 0,
 * until timo ticks have passed (the tick counter advanced by timo).
 * => sched_lock held, and no other spinlock; released while asleep and
 *    held again on return. Not in an interrupt handler.
 * => the caller must have had interrupts enabled when it took sched_lock.
 * => returns 0 if woken, ETIMEDOUT if the timeout ended the sleep.
 */
int sleepq_block(struct sleepq *sq, int timo);

/*
 * The same, but a signal for the thread's process ends the sleep too
 * (signal_post calls sleepq_interrupt), and a signal already pending
 * stops it from sleeping at all.
 * => returns 0, ETIMEDOUT or EINTR.
 */
int sleepq_block_sig(struct sleepq *sq, int timo);
/* Ends t's interruptible sleep, if it is in one. => sched_lock held. */
void sleepq_interrupt(struct thread *t);

/*
 * Wakes the thread that has slept longest on sq / every thread on sq.
 * => sched_lock held. sleepq_wake_one returns false if sq was empty.
 */
bool sleepq_wake_one(struct sleepq *sq);
void sleepq_wake_all(struct sleepq *sq);

#endif
