/*
 * signal.h: sigaction and friends over the kernel's ABI
 * (kernel/abi/signal.h). Every handler installed through sigaction()
 * returns through __sigreturn_trampoline (arch/$ARCH/syscall.S), which
 * the kernel gets as sa_restorer.
 */
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "syscall.h"

/* siginfo_t is struct uvix_siginfo with C types: check the layout matches. */
_Static_assert(sizeof(siginfo_t) == sizeof(struct uvix_siginfo), "siginfo_t size");
_Static_assert(offsetof(siginfo_t, si_pid) == offsetof(struct uvix_siginfo, si_pid), "si_pid");
_Static_assert(offsetof(siginfo_t, si_addr) == offsetof(struct uvix_siginfo, si_addr), "si_addr");

int sigaction(int sig, const struct sigaction *act, struct sigaction *oact)
{
	struct uvix_sigaction kact, koact;

	if (act != NULL) {
		kact.sa_handler = (uintptr_t)act->sa_handler;
		kact.sa_mask = act->sa_mask;
		kact.sa_flags = act->sa_flags;
		kact.sa_restorer = (uintptr_t)__sigreturn_trampoline;
	}
	if (_sys3(SYS_sigaction, sig, act ? &kact : NULL, oact ? &koact : NULL) < 0)
		return -1;
	if (oact != NULL) {
		memset(oact, 0, sizeof(*oact));
		oact->sa_handler = (void (*)(int))koact.sa_handler;
		oact->sa_mask = koact.sa_mask;
		oact->sa_flags = koact.sa_flags;
		oact->sa_restorer = (void (*)(void))koact.sa_restorer;
	}
	return 0;
}

/* BSD semantics: the handler stays installed and system calls restart. */
sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction act = { .sa_handler = handler, .sa_flags = SA_RESTART }, old;

	if (sigaction(sig, &act, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *oset)
{
	return _sys3(SYS_sigprocmask, how, set, oset);
}

int sigpending(sigset_t *set)
{
	return _sys1(SYS_sigpending, set);
}

/* Always returns -1 (EINTR) once a handler has run. */
int sigsuspend(const sigset_t *mask)
{
	return _sys1(SYS_sigsuspend, mask);
}

int killpg(pid_t pgrp, int sig)
{
	if (pgrp <= 1) {
		errno = EINVAL;
		return -1;
	}
	return kill(-pgrp, sig);
}

int raise(int sig)
{
	return kill(getpid(), sig);
}

/* Signal s is bit s of a sigset_t (bit 0 is unused), as the kernel has it. */
static int bad_signal(int sig)
{
	if (sig <= 0 || sig >= NSIG) {
		errno = EINVAL;
		return 1;
	}
	return 0;
}

int sigemptyset(sigset_t *set)
{
	*set = 0;
	return 0;
}

int sigfillset(sigset_t *set)
{
	*set = ~(sigset_t)1;
	return 0;
}

int sigaddset(sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	*set |= (sigset_t)1 << sig;
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	*set &= ~((sigset_t)1 << sig);
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	return (*set >> sig) & 1;
}

int pause(void)
{
	sigset_t cur;

	sigprocmask(SIG_BLOCK, NULL, &cur);
	return sigsuspend(&cur);
}
