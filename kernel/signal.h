/*
 * Signals: posting (kill, faults, the terminal, child exit), delivery on
 * the way back to user mode, and the handler frame.
 *
 * Delivery happens in userret() (kernel/syscall.c), when the process's
 * thread is about to return to user mode: for each pending, unblocked
 * signal, the default action (terminate or ignore) or a frame on the user
 * stack that makes the thread return into the handler:
 *
 *     user stack, growing down          the handler sees
 *   +-------------------------+
 *   | struct sigframe:        |
 *   |   sf_tf   (the context) | <- ctx       handler(signo, info, ctx),
 *   |   sf_mask               |              returning to sf_ret
 *   |   sf_info               | <- info      (libc's trampoline, which
 *   |   sf_ctxp, sf_infop,    |              calls sigreturn)
 *   |   sf_signo              |
 *   |   sf_ret                | <- new stack pointer
 *   +-------------------------+
 *
 * On i386 the handler finds its arguments on the stack after the return
 * address; on amd64 also in registers (md_sendsig_args). sigreturn finds
 * the frame just above the stack pointer (sf_ret has been popped) and
 * restores the context through md_sigreturn_restore, which never lets
 * user code change privilege.
 */
#ifndef _KERNEL_SIGNAL_H_
#define _KERNEL_SIGNAL_H_

#include <stdbool.h>
#include "kernel/abi/signal.h"

struct proc;
struct trapframe;

/* Handlers and mask from parent (fork), or the defaults (parent NULL). */
void signal_init(struct proc *p, struct proc *parent);
/* exec: caught signals go back to their default action. */
void signal_exec_reset(struct proc *p);

/*
 * Posts sig to p with info (NULL: just the number), waking p's thread
 * from an interruptible sleep. Ignored signals are dropped at once.
 * => proc_lock held, or p is the caller's own (live) process.
 */
void signal_post(struct proc *p, int sig, const struct uvix_siginfo *info);

/*
 * signal_post from an interrupt handler (alarm's callout), which cannot
 * take proc_lock. => p cannot exit meanwhile: proc_exit stops the
 * callout before anything else, with no interrupt between.
 */
void signal_post_intr(struct proc *p, int sig);

/*
 * Posts sig for a fault of the current process's own instruction (SIGSEGV,
 * SIGBUS, SIGILL, SIGFPE, SIGTRAP). Blocked or ignored, such a signal would
 * let the instruction fault again at once, forever: as Linux does, the
 * default action is forced then (the action reset to SIG_DFL and the
 * signal unblocked), which terminates the process. A handler still runs.
 * => p is the caller's own process.
 */
void signal_trap(struct proc *p, int sig, const struct uvix_siginfo *info);

/*
 * Posts sig with its default action forced, handler or not: the process
 * is in a state no handler can be run from (the trap code's word).
 * => p is the caller's own process; sig's default action terminates.
 */
void signal_fatal(struct proc *p, int sig, const struct uvix_siginfo *info);

/* True if p has a pending signal it does not block. No lock: a hint. */
bool signal_deliverable(const struct proc *p);

/* Delivers the current process's pending signals (from userret). */
void signal_deliver(struct trapframe *tf);

/* The system calls. */
int sys_sigaction(int sig, const struct uvix_sigaction *uact, struct uvix_sigaction *uoact);
int sys_sigprocmask(int how, const uvix_sigset_t *uset, uvix_sigset_t *uoset);
int sys_sigreturn(struct trapframe *tf);
int sys_sigpending(uvix_sigset_t *uset);
int sys_kill(uvix_pid_t pid, int sig);
/* Posts sig to every process of group pgrp (the terminal's ^C). */
void signal_pgrp(uvix_pid_t pgrp, int sig);

#endif
