/*
 * Kernel threads.
 *
 * A thread is a struct thread (kmem) and a kernel stack (uvm_km, with an
 * unmapped guard page below it, so an overflow faults). Its life:
 *
 *   NEW -> RUNNABLE <-> RUNNING <-> SLEEPING
 *                          |
 *             thread_exit  +-> DEAD -> ZOMBIE -> freed
 *
 * DEAD: it has exited but still runs on its own stack until it switches
 * away. The thread that runs next marks it ZOMBIE: now nothing uses the
 * stack, and it can be freed: by thread_join for a joinable thread, by
 * the reaper thread for a detached one.
 *
 * Lock legend:  [I] immutable after creation  [c] only the thread itself
 *               (interrupt handlers that run on it leave them as found)
 *               [s] scheduler lock (sched_lock)  [o] callout lock
 */
#ifndef _KERNEL_THREAD_H_
#define _KERNEL_THREAD_H_

#include <stdbool.h>
#include <stdint.h>
#include <machine/types.h>
#include <machine/thread_md.h>
#include "kernel/callout.h"
#include "kernel/queue.h"
#include "kernel/sleepq.h"
#include "vm/uvm_param.h"

#define THREAD_STACK_SIZE       (4 * PAGE_SIZE)
#define THREAD_NAME_MAX         24

enum thread_state {
	TS_NEW,                 /* created, not yet runnable */
	TS_RUNNABLE,            /* on the run queue (the idle thread: ready) */
	TS_RUNNING,             /* curthread */
	TS_SLEEPING,            /* on a sleep queue */
	TS_DEAD,                /* exited, still on its stack */
	TS_ZOMBIE,              /* off its stack, waiting to be freed */
};

struct thread {
	uintptr_t   t_onfault;          /* [c] fault recovery pc; MUST be first (probe.S) */
	struct md_thread t_md;          /* [c] machine state kept while switched out (FPU) */
	const char *t_name;             /* [I] */
	vaddr_t     t_stack_lo;         /* [I] lowest usable stack byte */
	vaddr_t     t_stack_hi;         /* [I] one past the highest */
	/* The guard page is [t_stack_lo - PAGE_SIZE, t_stack_lo): never mapped. */
	vaddr_t     t_sp;               /* [s] saved stack pointer while switched out */
	enum thread_state t_state;      /* [s] */
	TAILQ_ENTRY(thread) t_queue;    /* [s] run queue, a sleep queue or the zombies */
	struct sleepq *t_sleepq;        /* [s] the sleep queue we are on, or NULL */
	bool        t_timedout;         /* [s] the last sleep ended by its timeout */
	struct callout t_timeout;       /* [o] ends a sleep with a timeout */
	int         t_slice;            /* [s] ticks left of the time slice */
	int         t_spin_depth;       /* [c] spinlocks held (kernel/lock.c) */
	int         t_mutexes;          /* [c] mutexes held (kernel/lock.c) */
	unsigned long t_spin_intr;      /* [c] interrupts were on before the first */
	void      (*t_fn)(void *);      /* [I] what the thread runs... */
	void       *t_arg;              /* [I] ...and its argument */
	bool        t_joinable;         /* [I] freed by thread_join, not the reaper */
	struct sleepq t_joinq;          /* [s] where thread_join waits */
	char        t_namebuf[THREAD_NAME_MAX];  /* [I] t_name, for created threads */
	struct proc *t_proc;            /* [I] its process, or NULL: a kernel thread */
	bool        t_intr_sleep;       /* [s] its sleep may be ended by a signal */
	bool        t_interrupted;      /* [s] ...and was */
};

extern struct thread *curthread;        /* [s] written by the scheduler only */
extern struct thread thread0;           /* the boot thread */

/* Starts the reaper thread. => at boot, after uvm_init. */
void thread_init(void);

/*
 * Creates a thread running fn(arg), runnable at once.
 * => name is copied (truncated to THREAD_NAME_MAX - 1 characters).
 * => tp != NULL: the thread is joinable, *tp is set, and the caller must
 *    thread_join it. tp == NULL: detached; the reaper frees it on exit.
 * => may sleep; not in an interrupt handler.
 * => returns 0, or ENOMEM if there was no memory for its stack.
 */
int thread_create(const char *name, void (*fn)(void *), void *arg, struct thread **tp);

/*
 * thread_create without making the thread runnable: it stays TS_NEW until
 * someone calls sched_setrunnable. For the idle thread.
 */
int thread_alloc(const char *name, void (*fn)(void *), void *arg, bool joinable,
    struct thread **tp);

/*
 * Ends curthread. Returning from a thread's function does the same.
 * => no spinlock held; not the boot thread.
 */
void thread_exit(void) __attribute__((noreturn));

/*
 * Waits until t has exited, then frees its stack and structure: when
 * this returns, everything t had is back.
 * => t joinable, not curthread, and joined only once.
 */
void thread_join(struct thread *t);
/* Frees a thread from thread_alloc that was never made runnable. */
void thread_free_unstarted(struct thread *t);

/*
 * Sleeps for `ticks` ticks (> 0): until the tick counter has advanced by
 * that much. => may sleep (that is the point); no spinlock held.
 */
void thread_sleep(int ticks);

/* How many threads exist, counting the boot, idle and reaper threads. */
unsigned thread_count(void);

/*
 * The scheduler's hooks into the thread life cycle.
 * thread_start: the first C code of every new thread (called by
 * md_thread_trampoline). thread_zombie: t has switched off its stack for
 * good; called by the next thread to run, with sched_lock held.
 */
void thread_start(void) __attribute__((noreturn));
void thread_zombie(struct thread *t);

/*
 * Machine-dependent hooks, the same on every arch (arch/<arch>/swtch.S).
 *
 * md_switch: saves the callee-saved registers on the current stack and
 * the stack pointer in *save_sp, then loads new_sp and restores the
 * registers saved there. Returns when someone switches back to save_sp.
 *
 * md_thread_stack_init: writes the first switch frame of a new thread
 * below top (its stack's highest address + 1) and returns the stack
 * pointer to give md_switch. The thread then starts in
 * md_thread_trampoline, which calls thread_start with a zero frame
 * pointer: backtraces end there.
 */
void md_switch(vaddr_t *save_sp, vaddr_t new_sp);
vaddr_t md_thread_stack_init(vaddr_t top);
void md_thread_trampoline(void);

#endif
