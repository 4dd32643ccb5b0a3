/*
 * The machine-dependent part of a thread (struct thread's t_md), and
 * the hooks the MI thread code calls. x86: the FPU/SSE state.
 */
#ifndef _X86_THREAD_MD_H_
#define _X86_THREAD_MD_H_

#include <x86/fpu.h>

struct md_thread {
	struct md_fpu md_fpu;           /* saved FPU/SSE registers while switched out */
};

/* A new thread starts with a clean FPU. */
static inline void md_thread_init(struct md_thread *m) { md_fpu_clean(&m->md_fpu); }
/* On every switch: the old thread's registers out, the new one's in. */
static inline void md_thread_switch(struct md_thread *prev, struct md_thread *next)
{
	md_fpu_save(&prev->md_fpu);
	md_fpu_restore(&next->md_fpu);
}
/* fork: the child gets the parent's current registers. */
static inline void md_thread_fork(struct md_thread *child) { md_fpu_save(&child->md_fpu); }
/* exec: the program starts with a clean FPU. */
static inline void md_thread_exec(struct md_thread *m)
{
	md_fpu_clean(&m->md_fpu);
	md_fpu_restore(&m->md_fpu);
}

#endif
