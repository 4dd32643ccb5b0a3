/*
 * The scheduler: a round-robin run queue with preemption by the clock.
 * kernel/sched.c explains how a switch works.
 */
#ifndef _KERNEL_SCHED_H_
#define _KERNEL_SCHED_H_

#include "kernel/lock.h"

struct thread;

#define SCHED_QUANTUM   5               /* ticks a thread runs before others get a turn */

/* Guards every thread's state, the run queue and all sleep queues. */
extern struct spinlock sched_lock;

/* Creates the idle thread. => at boot, after uvm_init. */
void sched_init(void);

/* Lets every other runnable thread run first. => no spinlock held. */
void sched_yield(void);

/* Called on the way out of an interrupt: switches if the slice ran out. */
void sched_preempt_point(void);

/* Called by hardclock each tick: charges the tick to curthread's slice. */
void sched_tick(void);

/*
 * Puts t at the end of the run queue.
 * => sched_lock held; t is new or was sleeping.
 */
void sched_setrunnable(struct thread *t);

/*
 * Gives the CPU to the next runnable thread (the idle thread if none);
 * returns when curthread is switched back to.
 * => sched_lock held and no other spinlock. The caller has already set
 *    curthread's state: RUNNABLE and queued, SLEEPING and on a sleep
 *    queue, or DEAD.
 */
void sched_switch(void);

/*
 * Completes a switch in the thread switched to: takes over sched_lock and
 * lays the previous thread to rest if it had exited. For sched_switch and
 * thread_start only. => sched_lock held (by the previous thread).
 */
void sched_switch_finish(void);

#endif
