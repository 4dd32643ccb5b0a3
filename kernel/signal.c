/*
 * Signals (see kernel/signal.h for the frame and the delivery path).
 *
 * Default actions: SIGCHLD, SIGCONT, SIGSTOP and SIGTSTP are ignored
 * (no job control stops yet); every other signal terminates the process,
 * with its number in the wait status.
 */
#include <machine/frame.h>
#include <machine/user.h>
#include <machine/thread_md.h>
#include "kernel/signal.h"
#include "kernel/copy.h"
#include "kernel/errno.h"
#include "kernel/intr.h"
#include "kernel/syscall.h"
#include "kernel/panic.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/string.h"
#include "kernel/thread.h"
#include "kernel/abi/wait.h"

#define SIGBIT(s)       ((uvix_sigset_t)1 << (s))
#define CANTMASK        (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))

struct sigframe {
	uintptr_t sf_ret;               /* the handler returns here: sa_restorer */
	uintptr_t sf_signo;             /* the handler's arguments, for i386 */
	uintptr_t sf_infop;
	uintptr_t sf_ctxp;
	struct uvix_siginfo sf_info;
	uvix_sigset_t sf_mask;          /* the mask to restore */
	struct trapframe sf_tf;         /* the interrupted context */
	uint8_t sf_fpu[sizeof(struct md_fpu)];  /* and its FPU/SSE registers */
};

static bool default_ignores(int sig)
{
	return sig == SIGCHLD || sig == SIGCONT || sig == SIGSTOP || sig == SIGTSTP;
}

void signal_init(struct proc *p, struct proc *parent)
{
	spinlock_enter(&p->p_siglock);
	if (parent) {
		memcpy(p->p_sigact, parent->p_sigact, sizeof(p->p_sigact));
		p->p_sigmask = parent->p_sigmask;
	} else {
		memset(p->p_sigact, 0, sizeof(p->p_sigact));
		p->p_sigmask = 0;
	}
	p->p_sigpending = 0;
	spinlock_exit(&p->p_siglock);
}

void signal_exec_reset(struct proc *p)
{
	spinlock_enter(&p->p_siglock);
	for (int s = 1; s < NSIG; s++)
		if (p->p_sigact[s].sa_handler != SIG_IGN)
			p->p_sigact[s] = (struct uvix_sigaction){ .sa_handler = SIG_DFL };
	spinlock_exit(&p->p_siglock);
}

static void signal_post_locked(struct proc *p, int sig, const struct uvix_siginfo *info);

bool signal_deliverable(const struct proc *p)
{
	uvix_sigset_t pending = *(volatile const uvix_sigset_t *)&p->p_sigpending;
	return (pending & ~p->p_sigmask) != 0 || (pending & SIGBIT(SIGKILL));
}

void signal_post(struct proc *p, int sig, const struct uvix_siginfo *info)
{
	KASSERT(sig > 0 && sig < NSIG);
	KASSERT(mutex_owned(&proc_lock) || p == curproc());
	if (p->p_state == PS_ZOMBIE)
		return;
	signal_post_locked(p, sig, info);
}

void signal_post_intr(struct proc *p, int sig)
{
	KASSERT(sig > 0 && sig < NSIG && intr_depth > 0);
	KASSERT(p->p_state == PS_ALIVE);
	signal_post_locked(p, sig, NULL);
}

/* signal_post's work, once p is known to stay alive. */
static void signal_post_locked(struct proc *p, int sig, const struct uvix_siginfo *info)
{
	spinlock_enter(&p->p_siglock);
	uintptr_t h = p->p_sigact[sig].sa_handler;
	bool ignored = sig != SIGKILL && (h == SIG_IGN || (h == SIG_DFL && default_ignores(sig)));
	/* init gets only the signals it catches: nothing may kill it. */
	if (p == initproc && (sig == SIGKILL || h == SIG_DFL))
		ignored = true;
	if (!ignored) {
		p->p_sigpending |= SIGBIT(sig);
		p->p_siginfo[sig] = info ? *info : (struct uvix_siginfo){ .si_signo = sig };
		p->p_siginfo[sig].si_signo = sig;
	}
	/* A blocked signal waits for its unblocking: it ends no sleep. */
	bool wake = !ignored && (sig == SIGKILL || !(p->p_sigmask & SIGBIT(sig)));
	spinlock_exit(&p->p_siglock);
	if (wake) {
		spinlock_enter(&sched_lock);
		sleepq_interrupt(p->p_thread);
		spinlock_exit(&sched_lock);
	}
}

void signal_trap(struct proc *p, int sig, const struct uvix_siginfo *info)
{
	KASSERT(p == curproc() && sig != SIGKILL);
	spinlock_enter(&p->p_siglock);
	if (p->p_sigact[sig].sa_handler == SIG_IGN || (p->p_sigmask & SIGBIT(sig))) {
		p->p_sigact[sig].sa_handler = SIG_DFL;
		p->p_sigmask &= ~SIGBIT(sig);
	}
	spinlock_exit(&p->p_siglock);
	signal_post(p, sig, info);
}

void signal_fatal(struct proc *p, int sig, const struct uvix_siginfo *info)
{
	KASSERT(p == curproc() && sig != SIGKILL);
	spinlock_enter(&p->p_siglock);
	p->p_sigact[sig].sa_handler = SIG_DFL;
	p->p_sigmask &= ~SIGBIT(sig);
	spinlock_exit(&p->p_siglock);
	signal_post(p, sig, info);
}

/* Builds the handler frame for sig; false if the user stack is unusable. */
static bool sendsig(struct trapframe *tf, struct proc *p, int sig,
    const struct uvix_sigaction *sa, const struct uvix_siginfo *info, uvix_sigset_t oldmask)
{
	struct sigframe f;
	vaddr_t sp = md_trapframe_sp(tf);
	vaddr_t fa = ((sp - MD_STACK_REDZONE - sizeof(f)) & ~(vaddr_t)15) - sizeof(uintptr_t);

	memset(&f, 0, sizeof(f));
	f.sf_ret = sa->sa_restorer;
	f.sf_signo = sig;
	f.sf_infop = fa + offsetof(struct sigframe, sf_info);
	f.sf_ctxp = fa + offsetof(struct sigframe, sf_tf);
	f.sf_info = *info;
	f.sf_mask = oldmask;
	f.sf_tf = *tf;
	/* The user's registers (the kernel never touches them), saved through
	 * the thread's own area: fxsave wants 16-byte alignment. */
	md_fpu_save(&curthread->t_md.md_fpu);
	memcpy(f.sf_fpu, &curthread->t_md.md_fpu, sizeof(f.sf_fpu));
	if (copyout(&f, (void *)fa, sizeof(f)) != 0)
		return false;
	tf->tf_pc = sa->sa_handler;
	tf->tf_sp = fa;
	md_sendsig_args(tf, sig, f.sf_infop, f.sf_ctxp);
	return true;
}

void signal_deliver(struct trapframe *tf)
{
	struct proc *p = curproc();

	for (;;) {
		spinlock_enter(&p->p_siglock);
		uvix_sigset_t ready = p->p_sigpending & (~p->p_sigmask | SIGBIT(SIGKILL));
		if (!ready) {
			if (p->p_sigrestore) {          /* no handler ran: restore it now */
				p->p_sigmask = p->p_sigoldmask;
				p->p_sigrestore = false;
			}
			spinlock_exit(&p->p_siglock);
			return;
		}
		int sig = __builtin_ctz(ready);
		/* What the handler's return restores: sigsuspend's caller's mask, if set. */
		uvix_sigset_t savemask = p->p_sigrestore ? p->p_sigoldmask : p->p_sigmask;
		p->p_sigpending &= ~SIGBIT(sig);
		struct uvix_sigaction sa = p->p_sigact[sig];
		struct uvix_siginfo info = p->p_siginfo[sig];
		bool handler = sig != SIGKILL && sa.sa_handler != SIG_DFL && sa.sa_handler != SIG_IGN;
		if (handler) {
			p->p_sigmask |= (sa.sa_mask | SIGBIT(sig)) & ~CANTMASK;
			p->p_sigrestore = false;        /* sigreturn restores savemask */
		}
		spinlock_exit(&p->p_siglock);

		if (sig == SIGKILL || sa.sa_handler == SIG_DFL) {
			if (!default_ignores(sig))
				proc_exit(UVIX_W_EXITCODE(0, sig));
			continue;
		}
		if (sa.sa_handler == SIG_IGN)
			continue;
		/* An interrupted call: restarted, or EINTR (its result already). */
		if (p->p_sysrestart) {
			p->p_sysrestart = false;
			if (sa.sa_flags & SA_RESTART)
				md_syscall_restart(tf, p->p_sysnum);
		}
		if (!sendsig(tf, p, sig, &sa, &info, savemask))
			proc_exit(UVIX_W_EXITCODE(0, SIGSEGV));   /* no stack for the frame */
		return;         /* one handler at a time: the next after sigreturn */
	}
}

int sys_sigaction(int sig, const struct uvix_sigaction *uact, struct uvix_sigaction *uoact)
{
	struct proc *p = curproc();
	struct uvix_sigaction act, old;

	if (sig <= 0 || sig >= NSIG)
		return EINVAL;
	if (uact && copyin(uact, &act, sizeof(act)) != 0)
		return EFAULT;
	if (uact && (sig == SIGKILL || sig == SIGSTOP))
		return EINVAL;
	spinlock_enter(&p->p_siglock);
	old = p->p_sigact[sig];
	if (uact) {
		act.sa_mask &= ~CANTMASK;
		p->p_sigact[sig] = act;
		/* Now ignored: a pending one is dropped (POSIX). */
		if (act.sa_handler == SIG_IGN ||
		    (act.sa_handler == SIG_DFL && default_ignores(sig)))
			p->p_sigpending &= ~SIGBIT(sig);
	}
	spinlock_exit(&p->p_siglock);
	if (uoact && copyout(&old, uoact, sizeof(old)) != 0)
		return EFAULT;
	return 0;
}

int sys_sigprocmask(int how, const uvix_sigset_t *uset, uvix_sigset_t *uoset)
{
	struct proc *p = curproc();
	uvix_sigset_t set = 0, old;

	if (uset && copyin(uset, &set, sizeof(set)) != 0)
		return EFAULT;
	if (uset && how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK)
		return EINVAL;
	spinlock_enter(&p->p_siglock);
	old = p->p_sigmask;
	if (uset) {
		if (how == SIG_BLOCK)
			p->p_sigmask |= set;
		else if (how == SIG_UNBLOCK)
			p->p_sigmask &= ~set;
		else
			p->p_sigmask = set;
		p->p_sigmask &= ~CANTMASK;
	}
	spinlock_exit(&p->p_siglock);
	if (uoset && copyout(&old, uoset, sizeof(old)) != 0)
		return EFAULT;
	return 0;
}

int sys_sigpending(uvix_sigset_t *uset)
{
	struct proc *p = curproc();
	uvix_sigset_t set = p->p_sigpending;

	return copyout(&set, uset, sizeof(set));
}

int sys_sigreturn(struct trapframe *tf)
{
	struct proc *p = curproc();
	struct sigframe f;
	vaddr_t fa = md_trapframe_sp(tf) - sizeof(uintptr_t);

	if (copyin((void *)fa, &f, sizeof(f)) != 0) {
		proc_exit(UVIX_W_EXITCODE(0, SIGSEGV));
	}
	md_sigreturn_restore(tf, &f.sf_tf);
	memcpy(&curthread->t_md.md_fpu, f.sf_fpu, sizeof(f.sf_fpu));
	md_fpu_sanitize(&curthread->t_md.md_fpu);
	md_fpu_restore(&curthread->t_md.md_fpu);
	spinlock_enter(&p->p_siglock);
	p->p_sigmask = f.sf_mask & ~CANTMASK;
	spinlock_exit(&p->p_siglock);
	return EJUSTRETURN;
}

int sys_kill(uvix_pid_t pid, int sig)
{
	struct proc *self = curproc(), *p;
	struct uvix_siginfo info = { .si_signo = sig, .si_pid = self->p_pid };
	int error = 0;

	if (sig < 0 || sig >= NSIG)
		return EINVAL;
	mutex_enter(&proc_lock);
	if (pid > 0) {
		p = proc_find(pid);
		if (!p || p->p_state == PS_ZOMBIE)
			error = ESRCH;
		else if (sig)
			signal_post(p, sig, &info);
	} else {
		/* 0: our own group; < 0: group -pid. */
		uvix_pid_t pgrp = pid == 0 ? self->p_pgrp : -pid;
		mutex_exit(&proc_lock);
		signal_pgrp(pgrp, sig);
		return 0;
	}
	mutex_exit(&proc_lock);
	return error;
}
