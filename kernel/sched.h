/* Scheduler entry points used outside kernel/sched.c. */
#ifndef _KERNEL_SCHED_H_
#define _KERNEL_SCHED_H_

/* Called on the way out of an interrupt: switches if the slice ran out. */
void sched_preempt_point(void);

#endif
