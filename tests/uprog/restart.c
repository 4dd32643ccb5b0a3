/*
 * SA_RESTART: a read of an empty pipe and a waitpid, each interrupted
 * by a signal whose handler has SA_RESTART, go on after the handler and
 * return what they waited for; without SA_RESTART they return EINTR. A
 * write interrupted after some bytes returns that count either way;
 * nanosleep is never restarted; and a blocked signal interrupts nothing.
 */
#include "uprog.h"
#include "kernel/abi/time.h"

USYS_SIGRETURN_TRAMPOLINE(restorer, 30);
void restorer(void);

#define MS      (1000 * 1000L)

static volatile int got;

static void handler(int sig, struct uvix_siginfo *info, void *ctx)
{
	got++;
}

static void nap(long ns)
{
	struct uvix_timespec ts = { 0, ns };
	usys(SYS_nanosleep, (long)&ts, 0, 0, 0, 0);
}

static void set_handler(int flags)
{
	struct uvix_sigaction sa = { .sa_handler = (uintptr_t)handler, .sa_flags = flags,
	    .sa_restorer = (uintptr_t)restorer };
	UCHECK(usys(SYS_sigaction, SIGUSR1, (long)&sa, 0, 0, 0) == 0);
}

/*
 * A child that signals us (SIGUSR1) after 100 ms, then after 100 ms more
 * writes a byte into fd (if fd >= 0) and exits with status 7.
 */
static long signaller(long parent, int fd)
{
	long pid = usys(SYS_fork, 0, 0, 0, 0, 0);

	if (pid == 0) {
		nap(100 * MS);
		usys(SYS_kill, parent, SIGUSR1, 0, 0, 0);
		nap(100 * MS);
		if (fd >= 0)
			usys(SYS_write, fd, (long)"z", 1, 0, 0);
		uexit(7);
	}
	return pid;
}

int umain(long *sp)
{
	long me = usys(SYS_getpid, 0, 0, 0, 0, 0), pid;
	int fds[2], status;
	char c = 0;
	static char big[3 * 4096];

	UCHECK(usys(SYS_pipe, (long)fds, 0, 0, 0, 0) == 0);

	/* read: restarted with SA_RESTART, and gets the byte sent after the signal. */
	set_handler(SA_RESTART);
	got = 0;
	pid = signaller(me, fds[1]);
	UCHECK(usys(SYS_read, fds[0], (long)&c, 1, 0, 0) == 1);
	UCHECK(c == 'z' && got == 1);
	UCHECK(usys(SYS_waitpid, pid, (long)&status, 0, 0, 0) == pid);

	/* read without SA_RESTART: EINTR; the byte comes later. */
	set_handler(0);
	got = 0;
	pid = signaller(me, fds[1]);
	UCHECK(usys(SYS_read, fds[0], (long)&c, 1, 0, 0) == -EINTR);
	UCHECK(got == 1);
	UCHECK(usys(SYS_waitpid, pid, (long)&status, 0, 0, 0) == pid);
	UCHECK(usys(SYS_read, fds[0], (long)&c, 1, 0, 0) == 1 && c == 'z');

	/* waitpid: restarted with SA_RESTART, it reaps the child. */
	set_handler(SA_RESTART);
	got = 0;
	pid = signaller(me, -1);
	UCHECK(usys(SYS_waitpid, pid, (long)&status, 0, 0, 0) == pid);
	UCHECK(status == UVIX_W_EXITCODE(7, 0) && got == 1);

	/* waitpid without SA_RESTART: EINTR, and the child is still there to reap. */
	set_handler(0);
	got = 0;
	pid = signaller(me, -1);
	UCHECK(usys(SYS_waitpid, pid, (long)&status, 0, 0, 0) == -EINTR);
	UCHECK(got == 1);
	UCHECK(usys(SYS_waitpid, pid, (long)&status, 0, 0, 0) == pid);
	UCHECK(status == UVIX_W_EXITCODE(7, 0));

	/* A partial write returns its count, SA_RESTART or not (nobody reads). */
	set_handler(SA_RESTART);
	got = 0;
	pid = signaller(me, -1);
	UCHECK(usys(SYS_write, fds[1], (long)big, sizeof(big), 0, 0) == 4096);
	UCHECK(got == 1);
	UCHECK(usys(SYS_waitpid, pid, (long)&status, 0, 0, 0) == pid);
	UCHECK(usys(SYS_read, fds[0], (long)big, sizeof(big), 0, 0) == 4096);

	/* nanosleep is not restarted, even with SA_RESTART. */
	got = 0;
	pid = signaller(me, -1);
	struct uvix_timespec ts = { 2, 0 };
	UCHECK(usys(SYS_nanosleep, (long)&ts, 0, 0, 0, 0) == -EINTR);
	UCHECK(got == 1);
	UCHECK(usys(SYS_waitpid, pid, (long)&status, 0, 0, 0) == pid);

	/* A blocked signal ends no sleep; unblocked, its handler runs. */
	uvix_sigset_t set = UVIX_SIGBIT(SIGUSR1);
	UCHECK(usys(SYS_sigprocmask, SIG_BLOCK, (long)&set, 0, 0, 0) == 0);
	got = 0;
	pid = signaller(me, -1);
	ts = (struct uvix_timespec){ 0, 300 * MS };
	UCHECK(usys(SYS_nanosleep, (long)&ts, 0, 0, 0, 0) == 0);
	UCHECK(got == 0);
	UCHECK(usys(SYS_sigprocmask, SIG_UNBLOCK, (long)&set, 0, 0, 0) == 0);
	UCHECK(got == 1);
	UCHECK(usys(SYS_waitpid, pid, (long)&status, 0, 0, 0) == pid);
	return 0;
}
