/*
 * Faults whose signal is blocked or ignored: the faulting instruction
 * would run again at once and fault forever, so the kernel forces the
 * default action and the process dies of the signal, at once. Checked
 * for SIGSEGV blocked and ignored, SIGILL ignored, SIGFPE blocked, and a
 * SIGSEGV handler that faults itself (the signal is blocked while its
 * handler runs); a handler for the fault still runs.
 */
#include "uprog.h"
#include "kernel/abi/time.h"

USYS_SIGRETURN_TRAMPOLINE(restorer, 30);
void restorer(void);

#define DEATH_NS        2000000000L     /* a looping child is killed after this */

enum how { BLOCK, IGNORE, HANDLER, HANDLER_FAULTS };
enum fault { SEGV, ILL, FPE };

static long now_ns(void)
{
	struct uvix_timespec ts;
	usys(SYS_clock_gettime, CLOCK_MONOTONIC, (long)&ts, 0, 0, 0);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

static void do_fault(enum fault f)
{
	if (f == SEGV)
		*(volatile int *)0x10 = 1;
	else if (f == ILL)
		__asm__ volatile("ud2");
	else
		__asm__ volatile("xorl %%ecx, %%ecx\n\tdivl %%ecx" ::: "eax", "ecx", "edx");
}

static void exiting_handler(int sig, struct uvix_siginfo *info, void *ctx)
{
	uexit(40 + sig);
}

static void faulting_handler(int sig, struct uvix_siginfo *info, void *ctx)
{
	do_fault(SEGV);
	uexit(60);
}

/* A child that sets sig up as `how` says, then faults; returns its wait status. */
static int run(enum fault f, int sig, enum how how)
{
	long pid = usys(SYS_fork, 0, 0, 0, 0, 0), got;
	int status;

	if (pid == 0) {
		uvix_sigset_t set = UVIX_SIGBIT(sig);
		struct uvix_sigaction sa = { .sa_handler = SIG_IGN };
		if (how == BLOCK)
			usys(SYS_sigprocmask, SIG_BLOCK, (long)&set, 0, 0, 0);
		if (how == HANDLER || how == HANDLER_FAULTS) {
			sa.sa_handler = how == HANDLER ? (uintptr_t)exiting_handler :
			    (uintptr_t)faulting_handler;
			sa.sa_restorer = (uintptr_t)restorer;
		}
		if (how != BLOCK)
			usys(SYS_sigaction, sig, (long)&sa, 0, 0, 0);
		do_fault(f);
		uexit(20);
	}
	long start = now_ns();
	while ((got = usys(SYS_waitpid, pid, (long)&status, WNOHANG, 0, 0)) == 0 &&
	    now_ns() - start < DEATH_NS)
		usys(SYS_sched_yield, 0, 0, 0, 0, 0);
	if (got == 0) {                 /* still faulting: the check fails */
		usys(SYS_kill, pid, SIGKILL, 0, 0, 0);
		usys(SYS_waitpid, pid, (long)&status, 0, 0, 0);
		return -1;
	}
	return status;
}

int umain(long *sp)
{
	UCHECK(run(SEGV, SIGSEGV, BLOCK) == UVIX_W_EXITCODE(0, SIGSEGV));
	UCHECK(run(SEGV, SIGSEGV, IGNORE) == UVIX_W_EXITCODE(0, SIGSEGV));
	UCHECK(run(ILL, SIGILL, IGNORE) == UVIX_W_EXITCODE(0, SIGILL));
	UCHECK(run(FPE, SIGFPE, BLOCK) == UVIX_W_EXITCODE(0, SIGFPE));
	UCHECK(run(SEGV, SIGSEGV, HANDLER_FAULTS) == UVIX_W_EXITCODE(0, SIGSEGV));
	UCHECK(run(SEGV, SIGSEGV, HANDLER) == UVIX_W_EXITCODE(40 + SIGSEGV, 0));
	UCHECK(run(ILL, SIGILL, HANDLER) == UVIX_W_EXITCODE(40 + SIGILL, 0));
	return 0;
}
