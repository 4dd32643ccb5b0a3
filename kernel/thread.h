/*
 * Kernel threads.
 *
 * Lock legend:  [I] immutable after creation  [c] only the thread itself
 *               [s] scheduler lock (sched_lock)
 */
#ifndef _KERNEL_THREAD_H_
#define _KERNEL_THREAD_H_

#include <stdint.h>
#include <machine/types.h>

struct thread {
	uintptr_t   t_onfault;          /* [c] fault recovery pc; MUST be first (probe.S) */
	const char *t_name;             /* [I] */
	vaddr_t     t_stack_lo;         /* [I] lowest usable stack byte */
	vaddr_t     t_stack_hi;         /* [I] one past the highest */
	/* The guard page is [t_stack_lo - PAGE_SIZE, t_stack_lo): never mapped. */
};

extern struct thread *curthread;
extern struct thread thread0;           /* the boot thread */

#endif
