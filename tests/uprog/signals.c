/*
 * Signals: a handler runs with the signal's number and info and returns
 * through sigreturn to where the program was; the mask blocks delivery
 * until unblocked; a blocking read interrupted by a signal returns EINTR;
 * SIGKILL cannot be caught; a fault's handler sees the faulting address.
 */
#include "uprog.h"

USYS_SIGRETURN_TRAMPOLINE(restorer, 30);
void restorer(void);

static volatile int got, got_signo;
static volatile uintptr_t got_addr;

static void handler(int sig, struct uvix_siginfo *info, void *ctx)
{
	got++;
	got_signo = sig;
	got_addr = info->si_addr;
}

static void segv_handler(int sig, struct uvix_siginfo *info, void *ctx)
{
	got_addr = info->si_addr;
	uexit(info->si_signo == SIGSEGV && info->si_addr == 0x123 ? 21 : 22);
}

int umain(long *sp)
{
	struct uvix_sigaction sa = { .sa_handler = (uintptr_t)handler, .sa_restorer = (uintptr_t)restorer };
	long me = usys(SYS_getpid, 0, 0, 0, 0, 0);
	uvix_sigset_t set = 1u << SIGUSR1, old;
	int fds[2], status;
	char c;

	UCHECK(SYS_sigreturn == 30);
	UCHECK(usys(SYS_sigaction, SIGUSR1, (long)&sa, 0, 0, 0) == 0);
	UCHECK(usys(SYS_kill, me, SIGUSR1, 0, 0, 0) == 0);
	UCHECK(got == 1 && got_signo == SIGUSR1);       /* ran, and came back here */

	UCHECK(usys(SYS_sigprocmask, SIG_BLOCK, (long)&set, (long)&old, 0, 0) == 0);
	UCHECK(usys(SYS_kill, me, SIGUSR1, 0, 0, 0) == 0);
	UCHECK(got == 1);                               /* blocked */
	UCHECK(usys(SYS_sigprocmask, SIG_SETMASK, (long)&old, 0, 0, 0) == 0);
	UCHECK(got == 2);                               /* delivered on unblock */

	/* EINTR: the child signals us while we block in read. */
	UCHECK(usys(SYS_pipe, (long)fds, 0, 0, 0, 0) == 0);
	long pid = usys(SYS_fork, 0, 0, 0, 0, 0);
	if (pid == 0) {
		struct uvix_timespec ts = { 0, 100 * 1000 * 1000 };
		usys(SYS_nanosleep, (long)&ts, 0, 0, 0, 0);
		usys(SYS_kill, me, SIGUSR1, 0, 0, 0);
		uexit(0);
	}
	UCHECK(usys(SYS_read, fds[0], (long)&c, 1, 0, 0) == -EINTR);
	UCHECK(got == 3);
	UCHECK(usys(SYS_waitpid, pid, (long)&status, 0, 0, 0) == pid);

	/* sigsuspend: waits with its mask, and afterwards the old mask is back. */
	uvix_sigset_t blocked = UVIX_SIGBIT(SIGUSR1), none = 0, now = 0;
	UCHECK(usys(SYS_sigprocmask, SIG_BLOCK, (long)&blocked, 0, 0, 0) == 0);
	pid = usys(SYS_fork, 0, 0, 0, 0, 0);
	if (pid == 0) {
		struct uvix_timespec ts = { 0, 50 * 1000 * 1000 };
		usys(SYS_nanosleep, (long)&ts, 0, 0, 0, 0);
		usys(SYS_kill, me, SIGUSR1, 0, 0, 0);
		uexit(0);
	}
	UCHECK(usys(SYS_sigsuspend, (long)&none, 0, 0, 0, 0) == -EINTR);
	UCHECK(got == 4);                               /* the handler ran */
	UCHECK(usys(SYS_sigprocmask, SIG_BLOCK, 0, (long)&now, 0, 0) == 0);
	UCHECK(now == blocked);                         /* SIGUSR1 blocked again */
	UCHECK(usys(SYS_waitpid, pid, (long)&status, 0, 0, 0) == pid);
	UCHECK(usys(SYS_sigprocmask, SIG_SETMASK, (long)&none, 0, 0, 0) == 0);

	/* SIGKILL: no handler may be set, and it always kills. */
	UCHECK(usys(SYS_sigaction, SIGKILL, (long)&sa, 0, 0, 0) == -EINVAL);
	pid = usys(SYS_fork, 0, 0, 0, 0, 0);
	if (pid == 0) {
		for (;;)
			usys(SYS_sched_yield, 0, 0, 0, 0, 0);
	}
	UCHECK(usys(SYS_kill, pid, SIGKILL, 0, 0, 0) == 0);
	UCHECK(usys(SYS_waitpid, pid, (long)&status, 0, 0, 0) == pid);
	UCHECK(status == UVIX_W_EXITCODE(0, SIGKILL));

	/* A SIGSEGV handler sees the address. */
	pid = usys(SYS_fork, 0, 0, 0, 0, 0);
	if (pid == 0) {
		struct uvix_sigaction ss = { .sa_handler = (uintptr_t)segv_handler,
		    .sa_restorer = (uintptr_t)restorer };
		usys(SYS_sigaction, SIGSEGV, (long)&ss, 0, 0, 0);
		*(volatile int *)0x123 = 1;
		uexit(23);
	}
	UCHECK(usys(SYS_waitpid, pid, (long)&status, 0, 0, 0) == pid);
	UCHECK(status == UVIX_W_EXITCODE(21, 0));
	return 0;
}
